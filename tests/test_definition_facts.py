"""HL201 generic contradictions: structured term facts (profile) against controlled vocabularies.

The challenge set: wrong definitions in wordings the per-term ``is_not`` lists do not foresee,
and correct, simplified ones (several naming more than one region, system or cause) that must
stay clean. Facts and vocabularies are data (rules/data/terms/vocabulary.yaml and each term's
``profile``); see docs/definitions.md.
"""
from __future__ import annotations

import pytest

from conftest import findings_of
from healthlint.knowledge import load
from healthlint.rules.definitions import KINDS, TermDataError, build_terms, build_vocabularies, concept_table

# Wrong definitions (the first four are the lead's examples): HL201, with the fact type expected
# among the finding's aspects.
WRONG = [
    ('Migraine is a kind of neck pain that happens when the spine is out of line.', 'location'),
    ('The lymphatic system is part of the digestive system and its job is to turn food into energy.', 'system'),
    ('Sciatica is an inflammation of the muscles in the lower back area.', 'tissue'),
    ('Carpal tunnel syndrome is caused by a pinched nerve in the neck.', 'location'),
    ('A migraine is a type of back pain that spreads up into the skull.', 'location'),
    ('Migraines happen when the vertebrae in the neck slip out of alignment.', 'cause'),
    ('Sciatica is a muscle disorder of the lower back.', 'tissue'),
    ('Sciatica is a spasm of the back muscles.', 'category'),
    ('Carpal tunnel syndrome is a condition of the elbow joint.', 'tissue'),
    ('Carpal tunnel syndrome is located in the shoulder.', 'location'),
    ('The lymphatic system belongs to the respiratory system.', 'system'),
    ('Lymph nodes are part of the digestive system.', 'system'),
    ('Plantar fasciitis is a kind of knee pain caused by running.', 'location'),
    ('Plantar fasciitis is an inflammation of the calf muscles.', 'tissue'),
    ('Tennis elbow is a nerve disorder of the wrist.', 'category'),
    ('Frozen shoulder is a muscle injury in the upper arm.', 'category'),
    ('Whiplash is a sprain of the ankle ligaments.', 'location'),
    ('Fibromyalgia is an autoimmune disease that attacks the joints.', 'category'),
    ('Fibromyalgia is caused by toxins building up in the fat cells.', 'cause'),
    ('Osteoarthritis is an infection of the joints.', 'category'),
    ('Osteoporosis is a disease of the muscles that makes them weak.', 'category'),
    ('Rheumatoid arthritis is a type of degenerative wear and tear arthritis.', 'category'),
    ('Gout is an autoimmune disease of the knees.', 'category'),
    ('Gout is caused by poor posture.', 'cause'),
    ('Scoliosis is a disease of the nerves in the legs.', 'tissue'),
    ('Scoliosis is caused by a lack of calcium in the diet.', 'cause'),
    ('Kyphosis is a curve of the neck bones that happens in the hands.', 'location'),
    ('DVT is a muscle condition caused by dehydration.', 'cause'),
    ('Deep vein thrombosis is an infection of the leg muscles.', 'category'),
    ('Tension headaches are caused by a blood clot in the brain.', 'cause'),
    ('A tension headache is a kind of jaw arthritis.', 'category'),
    ('Restless legs syndrome is a circulation disorder caused by cold feet.', 'category'),
    ('Bursitis is inflammation of the muscle fibres around a joint.', 'tissue'),
    ('Shin splints are a kind of ankle sprain.', 'category'),
    ('Tendinitis is an inflammation of the nerves.', 'tissue'),
    ('The piriformis is a small tendon in the lower back.', 'category'),
    ('The psoas is a ligament that connects the ribs to the knee.', 'category'),
    ('The sciatic nerve is located in the neck.', 'location'),
    ('The IT band is a nerve that runs down the outside of the leg.', 'tissue'),
    ('The rotator cuff is a group of ligaments in the hip.', 'tissue'),
    ('The rotator cuff is a disease of the shoulder.', 'category'),
    ('The vagus nerve is part of the musculoskeletal system.', 'system'),
    ('The diaphragm is a bone that separates the chest from the abdomen.', 'category'),
    ('The meniscus is a piece of cartilage in the elbow.', 'location'),
    ('The trapezius is a muscle in the lower leg.', 'location'),
    ('The hamstrings are muscles at the front of the thigh in the arm.', 'location'),
    ('The achilles tendon is a muscle in the forearm.', 'category'),
    ('Cortisol is a neurotransmitter made in the stomach.', 'category'),
    ('Cortisol is part of the digestive system.', 'system'),
    ('Endorphins are proteins produced by the digestive system.', 'system'),
    ('Inflammation is an infection of the blood.', 'category'),
    ('Lactic acid is a hormone released when you are stressed.', 'category'),
    ('Collagen is a hormone that makes skin elastic.', 'category'),
    ('Trigger points are nerve endings in the skin.', 'tissue'),
    ('Spinal stenosis is a disease of the muscles around the spine.', 'tissue'),
    ('A herniated disc is an infection of the spinal cord.', 'category'),
    ('A herniated disc is caused by cold weather and dehydration.', 'cause'),
    ('Peripheral neuropathy is a muscle disease of the feet.', 'category'),
    ('Radiculopathy is an inflammation of the muscles of the arm.', 'tissue'),
    ('Ankylosing spondylitis is caused by poor posture and heavy lifting.', 'cause'),
    ('Piriformis syndrome is a disc problem in the neck.', 'tissue'),
    ('Thoracic outlet syndrome is an infection of the lungs.', 'category'),
    ('Varicose veins are a skin condition caused by too much sun.', 'tissue'),
    ('Chronic fatigue syndrome is caused by anxiety and depression.', 'cause'),
    ('A stress fracture is caused by worry and anxiety.', 'cause'),
    ('Trigger finger is a form of arthritis in the toes.', 'category'),
    ('Lymphedema is a disease of the digestive system.', 'system'),
    ('Osteophytes are a kind of cancer in the bones.', 'category'),
    ('The sacroiliac joint is located in the neck.', 'location'),
    ('Muscle cramps are caused by a misaligned spine.', 'cause'),
    ('Sciatica refers to swelling of the hamstring muscles.', 'tissue'),
    ('Carpal tunnel syndrome occurs when the shoulder joint becomes stiff.', 'tissue'),
    ('Migraine is a muscle tension headache caused by tight shoulders.', 'tissue'),
    ('Whiplash is damage to the lower spine.', 'location'),
    ('Tennis elbow is inflammation of the wrist joint.', 'tissue'),
    ('Bursitis is a bacterial infection of the bone.', 'tissue'),
    ('Rheumatoid arthritis is a disease of the bones caused by ageing.', 'cause'),
    ('Frozen shoulder is a type of arthritis.', 'category'),
    ('Sciatica is basically a back muscle spasm.', 'category'),
    ('Plantar fasciitis, an injury of the knee cartilage, is common in runners.', 'tissue'),
    ('Fibromyalgia, which is an autoimmune condition, affects mostly women.', 'category'),
    ('The piriformis, a muscle in the shoulder, helps rotate the arm.', 'location'),
    ('Gout is a nerve condition that causes burning feet.', 'category'),
    ('Shin splints are caused by an infection in the shin bone.', 'cause'),
    ('A tension headache is caused by a misalignment of the vertebrae.', 'cause'),
    ('Restless legs syndrome is caused by anxiety.', 'cause'),
    ('The sacroiliac joint is a muscle in the pelvis.', 'category'),
    ('Cortisol is a protein made in the liver.', 'category'),
    ('The IT band is a muscle in the inner thigh.', 'tissue'),
    ('Lymphedema is a heart condition.', 'category'),
    ('DOMS is a type of infection in the muscles.', 'category'),
    ('Osteoarthritis is caused by the immune system attacking the joints.', 'cause'),
    ('Migraine is caused by tight muscles in the upper back.', 'cause'),
    ('Herniated discs are caused by eating too much sugar.', 'cause'),
    ('Varicose veins are a kind of muscle cramp.', 'category'),
    ('The meniscus is a ligament in the ankle.', 'category'),
    ('The vagus nerve is a muscle in the throat.', 'category'),
    ('Scar tissue is a kind of muscle.', 'tissue'),
    ('Sciatica is caused by a pinched nerve in the neck.', 'location'),
    ('Plantar fasciitis is a kind of calf pain.', 'location'),
    ('Migraine is pain in the neck.', 'location'),
    ('Sciatica is a condition in which the back muscles become inflamed.', 'tissue'),
    ('Migraine is a disorder in which the neck muscles go into spasm.', 'location'),
    ('Carpal tunnel syndrome is a condition where a nerve in the elbow is trapped.', 'location'),
    ('Osteoporosis is a condition in which the joints become stiff and swollen.', 'tissue'),
    ('Fibromyalgia is an inflammatory disease of the muscles.', 'category'),
    ('Gout is a kind of allergy to red meat.', 'category'),
    # extension (issue 5): muscles, joints, nerves, conditions and mechanisms of massage writing
    ('The erector spinae are small bones that run along the spine.', 'category'),
    ('The quadratus lumborum is a muscle in the neck.', 'location'),
    ('The latissimus dorsi is a muscle of the chest.', 'location'),
    ('The pectoralis major is a gland in the upper chest.', 'category'),
    ('The pectoralis minor is a muscle in the lower back.', 'location'),
    ('The deltoid is a ligament that holds the shoulder together.', 'category'),
    ('The biceps is the muscle at the back of the upper arm.', 'location'),
    ('The triceps is a muscle at the front of the thigh.', 'location'),
    ('The calf muscles are tendons at the front of the shin.', 'category'),
    ('The gastrocnemius is a muscle of the forearm.', 'location'),
    ('The adductors are muscles on the outer thigh that move the leg away from the body.', 'location'),
    ('The tensor fasciae latae is a band of fascia running down the outside of the knee.', 'tissue'),
    ('The abdominal muscles are part of the digestive system.', 'system'),
    ('The intercostal muscles are ligaments between the vertebrae.', 'category'),
    ('The scalenes are muscles in the lower back.', 'location'),
    ('A bursa is a small bone inside the knee.', 'category'),
    ('The facet joints are the cushions between the vertebrae.', 'category'),
    ('The hip joint is a hinge joint in the lower back.', 'category'),
    ('The knee joint is a ball-and-socket joint.', 'category'),
    ('The shoulder joint is a hinge joint like the elbow.', 'category'),
    ('Nerve roots are blood vessels that supply the spinal discs.', 'category'),
    ('The median nerve is a tendon that runs through the elbow.', 'category'),
    ('The ulnar nerve is a small bone in the elbow.', 'category'),
    ('The femoral nerve is a nerve at the back of the thigh.', 'location'),
    ('The femoral nerve is located in the arm.', 'location'),
    ('Cerebrospinal fluid is the lymph that drains from the muscles.', 'category'),
    ('Costochondritis is a kind of heart attack.', 'category'),
    ('Costochondritis is an inflammation of the knee cartilage.', 'location'),
    ("De Quervain's tenosynovitis is a form of arthritis in the elbow.", 'category'),
    ('Joint hypermobility means having extra joints in the fingers.', 'fact'),
    ('Hypermobility is caused by a lack of calcium in the diet.', 'cause'),
    ("A Baker's cyst is a cancerous tumour in the thigh.", 'category'),
    ("Dupuytren's contracture is a thickening of the tendons in the foot.", 'tissue'),
    ('Coccydynia is pain at the top of the neck.', 'location'),
    ("Raynaud's phenomenon is a skin disease of the elbows.", 'category'),
    ('Occipital neuralgia is a nerve pain in the lower back.', 'location'),
    ('Cauda equina syndrome is a muscle strain in the lower back.', 'category'),
    ('Cauda equina syndrome is a minor back problem that clears up on its own.', 'misconception'),
    ('Nociception is a hormone released by the muscles.', 'category'),
    ('Lymphatic drainage is a massage that flushes toxins out of the body.', 'fact'),
    ('Fibromyalgia is a made-up illness.', 'category'),
    ('The multifidus is a ligament that holds the vertebrae together.', 'category'),
    ('The tibialis anterior is a muscle in the calf.', 'location'),
    ('A ganglion cyst is a kind of cancer of the wrist.', 'category'),
    ('Polymyalgia rheumatica is caused by wear and tear of the muscles.', 'cause'),
    # general conditions that spa and reflexology articles claim to treat (rules/data/terms/general.yaml)
    ('High blood pressure is caused by blocked energy in the feet.', 'cause'),
    ('Hypertension is caused by toxins in the blood.', 'cause'),
    ('Diabetes is when toxins build up in the blood.', 'cause'),
    ('Diabetes is an infection of the pancreas.', 'category'),
    ('Type 2 diabetes is caused by blocked meridians in the pancreas.', 'cause'),
    ('Anxiety is caused by a misaligned spine.', 'cause'),
    ('Anxiety is a sign of weakness.', 'category'),
    ('Depression is caused by toxins stored in the liver.', 'cause'),
    ('Depression is all in your head.', 'category'),
    ('Insomnia is a disease of the liver.', 'category'),
    ('Insomnia is caused by blocked energy in the kidney meridian.', 'cause'),
    ('Stress is caused by toxins stored in the muscles.', 'cause'),
    ('Stress is a hormone made by the kidneys.', 'category'),
    ('Obesity is caused by toxins stored in fat cells.', 'cause'),
    ('Constipation is when toxins build up in the colon.', 'cause'),
    ('Irritable bowel syndrome is an inflammatory bowel disease.', 'category'),
    ('IBS is caused by a misaligned spine.', 'cause'),
    ('Asthma is a heart disease.', 'category'),
    ('Asthma is caused by tight muscles in the upper back.', 'cause'),
    ('PMS is caused by toxins in the uterus.', 'cause'),
    ('Premenstrual syndrome is all in your head.', 'category'),
    ('Menopause is a disease of the ovaries.', 'category'),
    ('Menopause is caused by toxins.', 'cause'),
    ("Infertility is always the woman's problem.", 'fact'),
    ('Infertility is caused by blocked energy in the reproductive organs.', 'cause'),
    ('High cholesterol is caused by toxins in the liver.', 'cause'),
    ('High cholesterol is a lung disease.', 'category'),
    ('Sinusitis is caused by poor posture.', 'cause'),
    ('Sinusitis is a disease of the joints.', 'tissue'),
    ('Acid reflux is caused by a misaligned spine.', 'cause'),
    ('Heartburn is a heart condition.', 'category'),
    ('What is insomnia? It is a disease of the liver.', 'category'),
    ('Diabetes occurs when the blood becomes toxic.', 'cause'),
    ('High blood pressure happens when energy gets blocked in the kidney meridian.', 'cause'),
    ('Depression is caused by cold, damp weather.', 'cause'),
    ('Anxiety is caused by lactic acid in the muscles.', 'cause'),
    ('Asthma is a disease of the stomach.', 'location'),
]

# Correct, plain-language definitions, including regions, systems and causes a term legitimately
# spans ("head and neck", "part of the circulatory system", "triggered by stress ... and poor posture").
CORRECT = [
    'Migraine is a neurological condition that causes intense, throbbing headaches, often with nausea.',
    'A migraine is a headache that usually affects one side of the head and can also cause neck pain.',
    'Migraine is a brain disorder in which attacks of head pain come with sensitivity to light and sound.',
    'The lymphatic system is part of the immune system and helps the body fight infection.',
    'The lymphatic system is a network of vessels and nodes that drains fluid from tissues back into the blood.',
    'Sciatica is nerve pain that runs from the lower back through the buttock and down the leg.',
    'Sciatica is caused by a herniated disc or bone spur pressing on a nerve root in the lower back.',
    'Sciatica happens when the sciatic nerve is squeezed, often by a slipped disc in the lumbar spine.',
    'Carpal tunnel syndrome is caused by pressure on the median nerve in the wrist.',
    'Carpal tunnel syndrome happens when the median nerve is squeezed as it passes through the wrist.',
    'Carpal tunnel syndrome is numbness and tingling in the hand and fingers.',
    'Tension headaches are caused by tight muscles in the neck, shoulders and scalp.',
    'A tension headache is pain that feels like a tight band around the forehead.',
    'Plantar fasciitis is inflammation of the thick band of tissue on the bottom of the foot.',
    'Plantar fasciitis is caused by overuse, such as running or standing for long periods.',
    'Tennis elbow is pain on the outside of the elbow caused by overuse of the forearm muscles.',
    "Golfer's elbow is pain on the inside of the elbow where the forearm tendons attach.",
    'Frozen shoulder happens when the tissue around the shoulder joint thickens and tightens.',
    'Whiplash is a neck injury that happens when the head is thrown forward and back in a car crash.',
    'Whiplash is a sprain or strain of the soft tissues in the neck.',
    'Fibromyalgia is a chronic disorder that causes pain and tenderness throughout the body.',
    'Fibromyalgia is a condition that affects how the brain and spinal cord process pain signals.',
    'Osteoarthritis is a degenerative joint disease that affects the cartilage in the knees, hips and hands.',
    'Osteoarthritis is caused by wear and tear on the joints as we age.',
    'Rheumatoid arthritis is an autoimmune disease that causes painful swelling in the joints of the hands and feet.',
    'Osteoporosis is a bone disease that makes bones weak and more likely to break, especially in the hip, spine and wrist.',
    'Gout is a type of inflammatory arthritis that often starts in the big toe.',
    'Gout is caused by uric acid crystals that build up in a joint.',
    'Scoliosis is a sideways curve of the spine that usually develops in childhood.',
    'Kyphosis is an exaggerated forward rounding of the upper back.',
    'Lordosis is an inward curve of the lower back.',
    'Deep vein thrombosis is a blood clot that forms in a deep vein, usually in the calf or thigh.',
    'DVT happens when a blood clot forms in a vein deep inside the body, usually in the leg.',
    'Restless legs syndrome is a nervous system disorder that causes an urge to move the legs.',
    'Bursitis is inflammation of a bursa, a small fluid-filled sac that cushions a joint.',
    'Bursitis is caused by repetitive movements or pressure on a joint, such as kneeling.',
    'Shin splints are pain along the inner edge of the shinbone caused by overuse.',
    'Tendinitis is inflammation of a tendon, often in the shoulder, elbow, wrist, knee or heel.',
    'A herniated disc happens when the soft centre of a spinal disc pushes through a crack in its tougher outer layer.',
    'A slipped disc is caused by age-related wear and tear of the discs.',
    'Spinal stenosis is a narrowing of the spinal canal that can press on nerves in the lower back and legs.',
    'Peripheral neuropathy is damage to the nerves outside the brain and spinal cord, often felt in the hands and feet.',
    'Radiculopathy is a pinched nerve root in the spine that can cause pain, numbness or weakness in the arm or leg.',
    'Thoracic outlet syndrome happens when nerves or blood vessels between the collarbone and first rib are compressed.',
    'Varicose veins are swollen, twisted veins that usually appear on the legs.',
    'Lymphedema is swelling, usually in an arm or a leg, caused by a blockage in the lymphatic system.',
    'Trigger finger is a condition in which a finger gets stuck in a bent position because a tendon is inflamed.',
    'Achilles tendinopathy is pain and stiffness in the tendon at the back of the ankle, just above the heel.',
    'Patellofemoral pain syndrome is pain around or behind the kneecap.',
    'Ankylosing spondylitis is a type of arthritis that mainly affects the spine and the joints of the pelvis.',
    'Piriformis syndrome is pain in the buttock that happens when the piriformis muscle irritates the sciatic nerve.',
    'Muscle cramps are sudden, painful tightenings of a muscle, often in the calf.',
    'Muscle cramps are caused by dehydration, overuse or low levels of minerals such as potassium.',
    'A stress fracture is a tiny crack in a bone caused by repeated force, often in the foot or lower leg.',
    'DOMS is muscle soreness that starts a day or two after unaccustomed exercise.',
    'TMJ disorders are problems with the jaw joint and the muscles that control jaw movement.',
    'Chronic fatigue syndrome is a long-term illness that causes extreme tiredness.',
    "Edema is swelling caused by fluid trapped in the body's tissues, often in the feet and ankles.",
    'The piriformis is a flat muscle located deep in the buttock, near the hip joint.',
    'The psoas is a deep muscle that runs from the lower spine through the pelvis to the top of the thigh bone.',
    'The sciatic nerve is the longest nerve in the body, running from the lower back down each leg to the foot.',
    'The IT band is a thick band of fascia running along the outside of the thigh from the hip to the knee.',
    'The rotator cuff is a group of four muscles and their tendons that hold the shoulder joint in place.',
    'The sacroiliac joint is where the base of the spine meets the pelvis.',
    'The vagus nerve is part of the parasympathetic nervous system and runs from the brain to the abdomen.',
    'The diaphragm is a dome-shaped muscle under the lungs that helps you breathe.',
    'The meniscus is a C-shaped piece of cartilage in the knee that acts as a shock absorber.',
    'The trapezius is a large muscle in the upper back and neck.',
    'The hamstrings are three muscles at the back of the thigh.',
    'The Achilles tendon is the strong tendon at the back of the ankle that connects the calf muscles to the heel bone.',
    'Cortisol is a hormone made by the adrenal glands that helps the body deal with stress.',
    'Endorphins are chemicals released by the brain during exercise that reduce pain.',
    'Serotonin is a chemical messenger that carries signals between nerve cells, and most of it is made in the gut.',
    "Inflammation is the immune system's response to injury or infection.",
    'Lactic acid is a substance the muscles produce when they break down glucose without enough oxygen.',
    'Collagen is the main protein in skin, tendons, ligaments and bones.',
    'Trigger points are tight knots in a muscle that can send pain to another area.',
    'Fascia is a web of connective tissue that wraps around every muscle, bone and organ.',
    'The spinal cord is a long bundle of nerves that runs down the middle of the back inside the spine.',
    'The scapula, or shoulder blade, is a flat triangular bone at the back of the shoulder.',
    'The pelvic floor is a group of muscles at the base of the pelvis that supports the bladder and bowel.',
    'Lymph nodes are small glands in the neck, armpits and groin that filter lymph.',
    'Adrenaline is a hormone released by the adrenal glands in response to stress or danger.',
    'Oxytocin is a hormone made in the brain that plays a role in bonding and childbirth.',
    'Referred pain is pain felt in one part of the body that comes from a problem somewhere else.',
    'The lumbar spine is the lower part of the spine, made up of five vertebrae that curve slightly inward.',
    'The cervical spine is the part of the spine in the neck, made of seven small vertebrae.',
    'The thoracic spine is the middle section of the spine, to which the ribs attach.',
    'The coccyx is a small bone at the very bottom of the spine.',
    "Proprioception is the body's sense of where its parts are, using signals from muscles and joints.",
    'Scar tissue is the tough, fibrous tissue that forms where skin or muscle has healed after an injury.',
    'The sympathetic nervous system is part of the autonomic nervous system that prepares the body for action.',
    'Low back pain is pain in the lower back that can spread into the buttocks and the backs of the thighs.',
    'Osteophytes, or bone spurs, are bony growths that form along the edges of joints affected by osteoarthritis.',
    'Cervical spondylosis is age-related wear and tear of the discs and joints in the neck.',
    'Degenerative disc disease is when the discs between the vertebrae wear down with age.',
    'Spondylolisthesis is when a vertebra slips forward over the one below it, usually in the lower back.',
    'The carpal tunnel is a narrow passage in the wrist formed by bones and a ligament.',
    'Hip flexors are muscles at the front of the hip that lift the thigh toward the body.',
    'Migraine is pain in the head, face and neck that comes in attacks.',
    'Tension headache is a dull pain or pressure around the forehead or the back of the head and neck.',
    'Migraine is more common in women than in men.',
    'Carpal tunnel syndrome is more common in women and people who use their hands a lot.',
    'The IT band is a common source of knee pain in runners.',
    'The rotator cuff is a common site of injury in swimmers.',
    'The psoas is often called the muscle of the soul.',
    "Fascia is the body's largest sensory organ.",
    'Cortisol is often called the stress hormone.',
    'Plantar fasciitis is the most common cause of heel pain.',
    'Sciatica is common in pregnant women.',
    'Osteoporosis is caused by low calcium and vitamin D levels and hormonal changes after menopause.',
    'Scoliosis is caused by unknown factors in most cases, but it can run in families.',
    'Tension headaches are triggered by stress, anxiety and poor posture.',
    'Migraine is triggered by hormonal changes, certain foods, stress and lack of sleep.',
    'DVT is caused by sitting still for long periods, such as on a long flight.',
    'Varicose veins happen when valves in the veins weaken with age.',
    'Plantar fasciitis is caused by tight calf muscles and flat feet.',
    'Carpal tunnel syndrome is often caused by repetitive hand movements, pregnancy or arthritis.',
    'Shin splints are caused by repeated stress on the shinbone and the tissues that attach muscles to it.',
    'A sprain happens when a ligament is stretched or torn, often in the ankle.',
    'Bursitis happens when a bursa becomes inflamed from an injury, an infection or gout.',
    'The vagus nerve is the main nerve of the parasympathetic nervous system, running from the brainstem to the gut.',
    'The diaphragm is the main breathing muscle, located between the chest and the abdomen.',
    'The sciatic nerve is formed by nerve roots from the lower spine.',
    'The gluteus medius is a fan-shaped muscle on the outer surface of the pelvis.',
    'The sacrum is part of the pelvis.',
    'Lymph is a clear fluid that carries white blood cells.',
    'The lymphatic system is part of the circulatory system.',
    'Serotonin is a neurotransmitter found mostly in the digestive tract.',
    "Dopamine is a neurotransmitter that is part of the brain's reward system.",
    'Adrenaline is the fight-or-flight hormone.',
    "Inflammation is part of the body's healing process.",
    'Trigger points are hyperirritable spots in the fascia surrounding skeletal muscle.',
    'Adhesions are bands of scar tissue that bind tissues together.',
    'Fibromyalgia is a disorder of the central nervous system.',
    'Chronic fatigue syndrome is a complex illness affecting the brain and many body systems.',
    'Restless legs syndrome is a disorder of the part of the nervous system that controls leg movement.',
    'Osteoarthritis is the most common type of arthritis, in which the cartilage in joints breaks down.',
    'Lateral epicondylitis, or tennis elbow, is an overuse injury of the tendons on the outside of the elbow.',
    'A rotator cuff tear is a tear in one of the tendons of the shoulder.',
    "Patellofemoral pain syndrome is often called runner's knee.",
    'Whiplash is a type of neck sprain.',
    'A strain is an injury to a muscle or tendon, often in the back or hamstring.',
    'Kyphosis is a forward rounding of the back that can be caused by osteoporosis or poor posture.',
    'Spinal stenosis is most common in the lower back and neck.',
    'Herniated discs are most common in the lower back but can also occur in the neck.',
    'Degenerative disc disease is not really a disease but a natural part of ageing.',
    'TMJ disorder is pain in the jaw joint and the muscles that control it.',
    'A migraine is a severe headache felt as a throbbing pain at the front or side of the head.',
    'The psoas is a muscle involved in many back pain problems.',
    'Cartilage is a smooth, rubbery tissue that covers the ends of bones in joints.',
    'Ligaments are tough bands of fibrous tissue.',
    'Tendons are made of collagen.',
    'Synovial fluid is a thick liquid found in the joints.',
    'Sciatica is a symptom of a problem with the sciatic nerve rather than a condition in itself.',
    'Low back pain is the leading cause of disability worldwide.',
    'The piriformis is a small muscle that can press on the sciatic nerve and cause sciatica-like pain.',
    'Frozen shoulder is more common in people with diabetes.',
    'Muscle cramps are more likely when you are dehydrated or tired.',
    'Gout is caused by too much uric acid in the blood, which forms crystals in a joint.',
    'Rheumatoid arthritis is caused by the immune system attacking the lining of the joints.',
    'Ankylosing spondylitis is strongly linked to a gene called HLA-B27.',
    'The thoracic spine is the part of the spine in the upper and middle back.',
    'The cervical spine is the neck region of the spine.',
    'Fibromyalgia is a rheumatic condition marked by widespread pain.',
    'Inflammation is a sign that the immune system is fighting an infection or healing an injury.',
    'Sciatica is usually caused by a slipped disc pressing on a nerve in the lower back.',
    'Sciatica is when pain radiates from the buttock down the back of the leg to the foot.',
    'A pinched nerve in the neck is called cervical radiculopathy.',
    'Thoracic outlet syndrome is caused by compression of nerves or blood vessels in the space above the first rib.',
    'Lymphedema is caused by damage to the lymph nodes, often after cancer surgery in the armpit.',
    'Whiplash is a neck injury caused by the head being jerked forwards and backwards.',
    'Osteophytes are caused by joint damage from osteoarthritis.',
    'The lymphatic system is part of the immune system that also helps move fat from the gut into the blood.',
    'Migraine is a genetic neurological disease.',
    'The hip flexors are a group of muscles at the front of the hip, including the psoas.',
    'The rhomboids are muscles between the shoulder blades.',
    'Tendinitis is most common in the shoulders, elbows, wrists, knees and heels.',
    'Plantar fasciitis is a common cause of pain in the heel and arch of the foot.',
    'Tension headaches are caused by tight muscles in the neck and shoulders.',
    'Sciatica is caused by a herniated disc in the lower back.',
    'Tennis elbow is caused by overuse of the muscles in the forearm.',
    'Sciatica happens when the piriformis muscle in the buttock squeezes the nerve.',
    'Tension headache happens when the muscles of the scalp, jaw and neck tighten.',
    'Shin splints happen when the muscles and tendons around the shinbone become inflamed.',
    'Frozen shoulder occurs when the connective tissue around the shoulder thickens.',
    'DVT occurs when a clot forms in the deep veins of the legs or pelvis.',
    'Lymphedema occurs when lymph nodes in the armpit or groin are removed.',
    'Trigger finger happens when the tendon in the palm becomes inflamed.',
    'Gout happens when uric acid levels in the blood are too high.',
    'Spinal stenosis happens when the space inside the backbone is too small.',
    'Peripheral neuropathy happens when nerves in the hands and feet are damaged.',
    'Fibromyalgia happens when the brain and spinal cord process pain signals abnormally.',
    "Restless legs syndrome happens when the brain's dopamine signalling is disrupted.",
    'Achilles tendinopathy is caused by tightness in the calf.',
    'Plantar fasciitis is caused by tightness in the calf and Achilles tendon.',
    'Whiplash is caused by a sudden jolt to the head in a car accident.',
    'Radiculopathy is caused by a pinched nerve in the neck or lower back.',
    'Thoracic outlet syndrome is caused by pressure on the nerves in the lower neck and upper chest.',
    'Piriformis syndrome is caused by the piriformis muscle in the buttock pressing on the sciatic nerve.',
    'Rheumatoid arthritis is a disease of the immune system.',
    'Osteoporosis is a disease of the skeletal system.',
    'DVT is a disease of the circulatory system.',
    'Peripheral neuropathy is a disorder of the peripheral nervous system.',
    'Migraine is a disorder of the nervous system.',
    'Lymphedema is a disorder of the lymphatic system.',
    'Frozen shoulder is a disorder of the musculoskeletal system.',
    'The parasympathetic nervous system is the rest-and-digest part of the nervous system.',
    'The sympathetic nervous system is the part of the autonomic nervous system that controls the fight-or-flight response.',
    'The vagus nerve is the nerve of the gut and heart.',
    'Adrenaline is a hormone of the sympathetic nervous system.',
    'Oxytocin is a hormone of the reproductive system.',
    "Inflammation is part of the immune system's response to harm.",
    'Lactic acid is part of normal energy metabolism.',
    "Collagen is the main structural protein of the body's connective tissues.",
    'Lymph is the fluid of the lymphatic system.',
    'Muscle tone is controlled by the nervous system.',
    'The diaphragm is the main muscle of the respiratory system.',
    'The spinal cord is part of the central nervous system.',
    'The sciatic nerve is part of the peripheral nervous system.',
    'Shin splints are a type of overuse injury.',
    'DOMS is a type of muscle strain.',
    'Trigger points are a type of muscle spasm.',
    'Plantar fasciitis is a degenerative condition rather than an inflammatory one.',
    'Osteoarthritis is a joint disease.',
    'Kyphosis is a spinal deformity.',
    'The psoas is a hip flexor and a core muscle.',
    'Adrenaline is a stress hormone.',
    'Dopamine is a feel-good hormone.',
    'Lactic acid is a by-product of hard exercise.',
    'Inflammation is a healing response.',
    'Referred pain is a type of nerve pain.',
    'Circulation is the movement of blood through the heart and blood vessels.',
    'Achilles tendinopathy is a condition of the tendon connecting the calf muscles to the heel.',
    'TMJ disorders are problems of the jaw joint and the muscles around it.',
    'DOMS is microscopic damage to muscle fibres after exercise.',
    'Whiplash is a strain of the neck muscles and ligaments.',
    'A sprain is a stretched or torn ligament.',
    'A strain is a stretched or torn muscle or tendon.',
    'Shin splints are pain and inflammation of the muscles and bone along the shin.',
    'Spinal stenosis is a narrowing of the bones of the spine.',
    'Ankylosing spondylitis is inflammation of the joints and ligaments of the spine.',
    'Edema is fluid buildup under the skin.',
    'Carpal tunnel syndrome is compression of the median nerve as it passes through a tunnel of bones and ligaments in the wrist.',
    'Piriformis syndrome is irritation of the sciatic nerve by the piriformis muscle.',
    'Trigger finger is inflammation of the tendon sheath in a finger.',
    'Restless legs syndrome is a disorder of the nerves that causes an urge to move the legs.',
    "Migraine is a disorder of the brain's blood vessels and nerves.",
    'Tension headache is tightness in the muscles of the head and neck.',
    'Massage can help with sciatica, a herniated disc, or a pulled muscle.',
    'The scapula is a bone of the shoulder girdle.',
    'The pelvic floor is a sling of muscles between the tailbone and the pubic bone.',
    'Levator scapulae is a muscle that lifts the shoulder blade.',
    'The sternocleidomastoid is a muscle on the side of the neck that turns the head.',
    'Quadriceps are the large muscles at the front of the thigh.',
    'The gluteus medius is a hip muscle on the side of the buttock.',
    'The lumbar spine is the lower back.',
    'The coccyx is the tailbone.',
    'The TMJ is the hinge joint that connects the jaw to the skull.',
    'Restless legs syndrome is a sleep disorder that causes an urge to move the legs.',
    'Plantar fasciitis is a condition in which the band of tissue under the foot becomes irritated.',
    'Piriformis syndrome is a condition in which the piriformis muscle irritates the sciatic nerve.',
    'Frozen shoulder is a condition in which the shoulder capsule thickens and tightens.',
    'Osteoporosis is a condition in which bones lose density and become fragile.',
    'Sciatica is a condition in which a nerve root in the lower back is compressed.',
    'Carpal tunnel syndrome is numbness and tingling in the hand and arm.',
    'Rheumatoid arthritis is an inflammatory disease that mainly attacks the joints.',
    'Whiplash is a neck injury that happens when the head is jerked, often in a car crash.',
    'Tension headache is a headache caused by stress and muscle tension.',
    'Gout is arthritis caused by too much uric acid.',
    'Osteoarthritis is a disease caused by the breakdown of cartilage.',
    'Scoliosis is a curve that develops when a child grows.',
    'A herniated disc is a condition caused by lifting heavy objects with a bent back.',
    'Varicose veins are veins that become enlarged due to weak valves, often because of age or pregnancy.',
    'Peripheral neuropathy is nerve damage caused by diabetes, alcohol or injury.',
    'Fibromyalgia is a condition triggered by physical or emotional trauma.',
    'Chronic fatigue syndrome is an illness often triggered by a viral infection.',
    'Muscle cramps are painful contractions caused by dehydration, overuse or low potassium.',
    'Frozen shoulder is stiffness caused by thickening of the shoulder capsule, sometimes after an injury.',
    "Kyphosis is a rounding of the upper back caused by poor posture, osteoporosis or Scheuermann's disease.",
    'A rotator cuff tear is an injury caused by a fall or by wear over time.',
    'Osteoporosis is a disease caused by hormonal changes, ageing and lack of calcium.',
    'Plantar fasciitis is heel pain caused by overuse, tight calves, or unsupportive shoes.',
    'Migraine is a headache often triggered by stress, bright lights, hormones or certain foods.',
    'Sciatica is common during pregnancy. It is caused by pressure on the sciatic nerve.',
    'Sciatica is common. It is caused by a slipped disc in the lower back.',
    'The hamstrings, a group of three muscles at the back of the thigh, often get tight in runners.',
    'Fibromyalgia, a long-term condition that causes widespread pain, is more common in women.',
    'Lymphedema, swelling caused by a build-up of lymph fluid, can follow cancer treatment.',
    # extension (issue 5)
    'The erector spinae are long muscles that run along both sides of the spine and help you stand up straight.',
    'The quadratus lumborum is a deep muscle in the lower back that connects the pelvis to the lowest rib.',
    'The latissimus dorsi is a broad muscle of the back that pulls the arm down and back.',
    'The pectoralis major is the large muscle of the chest that moves the arm across the body.',
    'The pectoralis minor is a small muscle under the pec major that pulls the shoulder blade forward.',
    'The deltoid is the rounded muscle on top of the shoulder that lifts the arm.',
    'The biceps is the muscle at the front of the upper arm that bends the elbow.',
    'The triceps is the muscle at the back of the upper arm that straightens the elbow.',
    'The calf muscles are the muscles at the back of the lower leg that lift the heel.',
    'The soleus is a flat muscle of the calf that lies under the gastrocnemius.',
    'The adductors are a group of muscles on the inner thigh that pull the legs together.',
    'The tensor fasciae latae is a small muscle on the outside of the hip that connects to the IT band.',
    'The abdominal muscles are the muscles of the belly that support the spine and the organs.',
    'The intercostal muscles are the muscles between the ribs that help you breathe.',
    'The scalenes are muscles at the side of the neck that help lift the ribs when you breathe in.',
    'A bursa is a small fluid-filled sac that reduces friction between a bone and a tendon.',
    'The facet joints are small joints at the back of the spine that link one vertebra to the next.',
    'The hip joint is a ball-and-socket joint where the thigh bone meets the pelvis.',
    'The knee joint is the joint where the thigh bone meets the shin bone.',
    'The shoulder joint is a ball-and-socket joint that connects the upper arm to the shoulder blade.',
    'Nerve roots are the parts of the spinal nerves that branch off the spinal cord and leave the spine between the vertebrae.',
    'The median nerve is a nerve that runs down the arm and through the carpal tunnel into the hand.',
    'The ulnar nerve is the nerve that runs behind the elbow and gives feeling to the little finger.',
    'The femoral nerve is a nerve in the front of the thigh that helps straighten the knee.',
    'Cerebrospinal fluid is a clear fluid that surrounds and protects the brain and spinal cord.',
    'Costochondritis is inflammation of the cartilage where the ribs meet the breastbone.',
    "De Quervain's tenosynovitis is a painful condition of the tendons on the thumb side of the wrist.",
    "Joint hypermobility means your joints move further than most people's, and it often runs in families.",
    "A Baker's cyst is a fluid-filled swelling that develops behind the knee.",
    "Dupuytren's contracture is a condition in which the tissue under the skin of the palm thickens and pulls the fingers into the palm.",
    'Coccydynia is pain in the tailbone that is often worse when sitting.',
    "Raynaud's phenomenon is a condition in which the fingers and toes turn white or blue in the cold because the blood vessels narrow.",
    'Occipital neuralgia is a type of headache caused by irritation of the nerves at the back of the head.',
    'Cauda equina syndrome is a rare but serious condition in which the nerves at the bottom of the spine are compressed.',
    "Nociception is the nervous system's detection of potentially harmful stimuli.",
    'Lymphatic drainage is a gentle massage that helps move lymph fluid and reduce swelling in lymphoedema.',
    # "made up of" lists parts; it does not call a term imaginary
    'The rotator cuff is made up of four muscles and their tendons.',
    'The calf muscles are made up of the gastrocnemius and the soleus.',
    "De Quervain's tenosynovitis is caused by repetitive thumb movements, such as lifting a baby.",
    'The multifidus is a deep back muscle that stabilises the spine.',
    'The tibialis anterior is the muscle along the front of the shin that lifts the foot.',
    'A ganglion cyst is a fluid-filled lump that usually appears on the wrist.',
    'Polymyalgia rheumatica is a condition that causes pain and stiffness in the shoulders and hips.',
    # general conditions (rules/data/terms/general.yaml): plain, simplified, with their real causes
    'High blood pressure is when the pressure of blood in your arteries is consistently too high.',
    'Hypertension is a common condition that raises the risk of heart attack and stroke.',
    'High blood pressure is often caused by being overweight, eating too much salt, drinking too much alcohol and getting older.',
    'Diabetes is a condition in which blood sugar levels are too high.',
    'Type 2 diabetes is a condition where the body does not make enough insulin or the insulin does not work properly.',
    'Type 1 diabetes is an autoimmune condition in which the immune system attacks the cells in the pancreas that make insulin.',
    'Type 2 diabetes is linked to being overweight, inactivity and family history.',
    'Anxiety is a feeling of unease, such as worry or fear, that can be mild or severe.',
    'Generalised anxiety disorder is a long-term condition that causes anxiety about many situations.',
    'Depression is a mental health condition that causes persistent low mood and loss of interest.',
    'Depression is a common mood disorder caused by a mix of genetic, biological and psychological factors.',
    'Insomnia is a sleep disorder in which you have trouble falling or staying asleep.',
    'Insomnia is often caused by stress, anxiety, caffeine, alcohol or pain.',
    "Stress is the body's reaction to feeling threatened or under pressure.",
    'Stress is a normal physical and emotional response to the demands of life.',
    'Obesity is a complex disease involving an excessive amount of body fat.',
    'Obesity is caused by eating more calories than you burn, along with genetic factors.',
    'Constipation is when you pass stools less often than usual or have difficulty emptying your bowels.',
    'Constipation is usually caused by not eating enough fibre, not drinking enough fluids and not moving enough.',
    'Irritable bowel syndrome is a common condition that affects the digestive system, causing stomach cramps, bloating, diarrhoea and constipation.',
    'IBS is a disorder of the gut-brain interaction that affects the large intestine.',
    'Asthma is a chronic disease of the lungs that inflames and narrows the airways.',
    'Asthma is a common lung condition that causes occasional breathing difficulties.',
    'Premenstrual syndrome is the name for the symptoms women can experience in the weeks before their period.',
    "PMS is a condition that affects a woman's emotions, physical health and behaviour during certain days of the menstrual cycle.",
    'Menopause is when your periods stop due to lower hormone levels.',
    'Menopause is a natural part of ageing that usually happens between 45 and 55 years of age.',
    'Infertility is when a couple cannot get pregnant despite having regular unprotected sex.',
    'Infertility is a disease of the male or female reproductive system.',
    'High cholesterol is when you have too much of a fatty substance called cholesterol in your blood.',
    'High cholesterol is mainly caused by eating fatty food, not exercising enough and being overweight.',
    'Sinusitis is swelling of the sinuses, usually caused by an infection.',
    'Sinusitis is an inflammation of the tissue lining the sinuses.',
    'Acid reflux is when stomach acid comes back up into your throat.',
    'Heartburn is a burning feeling in the chest caused by stomach acid travelling up towards the throat.',
    'Stress is a major risk factor for heart disease.',
    'Chronic stress is linked to high blood pressure.',
    'Respiratory depression is a dangerous slowing of breathing.',
    'Sinusitis is usually caused by a cold.',
    'Menopause is a normal part of ageing, not a disease.',
    'Chronic stress is when the stress response stays switched on for weeks or months.',
]


def definition_findings(linter, text, fmt="text", path="article.txt"):
    return [f for f in findings_of(linter, text, fmt, path) if f.category == "definition"]


def test_challenge_set_sizes():
    assert len(WRONG) >= 40 and len(CORRECT) >= 60
    assert len({s.split(" is ")[0].split(" are ")[0] for s, _ in WRONG}) >= 30, "many different terms"


@pytest.mark.parametrize("text,aspect", WRONG)
def test_wrong_definition_is_flagged_with_its_fact_type(linter, text, aspect):
    found = definition_findings(linter, text)
    assert [f.rule for f in found] == ["HL201"], found
    f = found[0]
    assert aspect in f.extra["aspects"], f.extra
    assert f.suggestion.startswith("A correct definition: ") and f.reference.startswith("https://")


@pytest.mark.parametrize("text", CORRECT)
def test_correct_definition_is_not_flagged(linter, text):
    assert definition_findings(linter, text) == []


@pytest.mark.parametrize("text", [
    "Migraine is not a kind of neck pain; it is a neurological headache disorder.",
    "Some chiropractors claim that migraine happens when the spine is out of line, but there is no evidence for it.",
    "Carpal tunnel syndrome can be caused by many things, but a pinched nerve in the neck is not one of them.",
    "It is a myth that the lymphatic system is part of the digestive system.",
    "Sciatica is often confused with an inflammation of the muscles in the lower back.",
])
def test_negated_hedged_or_debunked_fact_conflicts_are_not_flagged(linter, text):
    assert definition_findings(linter, text) == []


def test_lead_examples_quote_the_right_facts(linter):
    (f,) = definition_findings(linter, "Carpal tunnel syndrome is caused by a pinched nerve in the neck.")
    assert "location" in f.extra["aspects"] and "wrist" in f.message and "neck" in f.message
    assert f.extra["term"] == "carpal-tunnel-syndrome"
    (f,) = definition_findings(linter, "The lymphatic system is part of the digestive system and its job is "
                                       "to turn food into energy.")
    assert "the digestive system" in f.message and "lymphatic" in f.message
    (f,) = definition_findings(linter, "Sciatica is an inflammation of the muscles in the lower back area.")
    assert "not muscle" in f.message and "nerve" in f.message


def test_a_region_is_a_site_only_after_a_locative_or_in_the_genus(linter):
    # "caused by tight calf muscles": the calf is where the cause is, not where plantar fasciitis is
    assert definition_findings(linter, "Plantar fasciitis is caused by tight calf muscles.") == []
    assert [f.rule for f in definition_findings(linter, "Plantar fasciitis is a kind of calf pain.")] == ["HL201"]
    # a region coordinated with a fitting one extends it ("head and neck"); on its own it contradicts
    assert definition_findings(linter, "Tension headache is pain in the head and neck.") == []
    assert definition_findings(linter, "Migraine is pain in the head and neck.") == []
    assert [f.rule for f in definition_findings(linter, "Migraine is pain in the neck.")] == ["HL201"]


def test_anaphora_and_markdown_reach_the_fact_checks(linter):
    text = "Carpal tunnel syndrome is common in office workers. This condition is caused by a pinched nerve in the neck."
    (f,) = definition_findings(linter, text)
    assert text[f.start:f.end].startswith("This condition")
    md = "## What is migraine?\n\nIt is a kind of neck pain.\n"
    (f,) = definition_findings(linter, md, "markdown", "m.md")
    assert md[f.start:f.end].startswith("It is a kind of neck pain")


VOCABS = build_vocabularies(load("terms"), concept_table(load("terms")))


def test_vocabulary_containment_and_relations():
    region, system, cls = VOCABS["region"], VOCABS["system"], VOCABS["class"]
    assert region.compatible("heel", "condition", ("foot",)) if "heel" in region.values else True
    assert region.compatible("foot", "condition", ("leg",))        # narrower than a term's region
    assert region.compatible("spine", "condition", ("lower-back",))  # broader than a term's region
    assert not region.compatible("neck", "condition", ("lower-back",))  # siblings contradict
    assert not region.compatible("neck", "condition", ("head",))
    assert system.compatible("immune", "anatomy", ("lymphatic",))  # related systems
    assert not system.compatible("digestive", "anatomy", ("lymphatic",))
    assert cls.compatible("disorder", "condition", ())             # generic classes fit every condition
    assert not cls.compatible("disorder", "anatomy", ())           # a body part is not a disease


def test_every_term_has_a_profile_with_known_values():
    terms = [t for t in build_terms(load("terms")) if t.kind in KINDS]
    assert len(terms) >= 152
    for term in terms:
        assert term.profile, f"{term.id}: no structured facts"
        for fact, values in term.profile.items():
            assert all(v in VOCABS[fact].values for v in values), (term.id, fact, values)


def test_every_vocabulary_value_has_a_label_and_a_pattern_that_cannot_match_nothing():
    for vocab in VOCABS.values():
        for value in vocab.values.values():
            assert value.label and not value.regex.search(""), (vocab.fact, value.name)


def test_unknown_profile_value_is_a_data_error():
    entries = list(load("terms")) + [{
        "id": "x-term", "kind": "condition", "names": ["xyzzy syndrome"], "definition": "A made-up term.",
        "source": "https://example.org/", "profile": {"region": ["elbowz"]}}]
    with pytest.raises(TermDataError, match="elbowz"):
        build_terms(entries)


def test_publisher_adds_a_term_with_a_profile_and_no_patterns(tmp_path):
    from healthlint.config import Settings
    from healthlint.engine import Linter

    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "local.yaml").write_text(
        "- id: mortons-neuroma\n  kind: condition\n  names: [Morton's neuroma]\n"
        "  definition: A painful thickening of tissue around a nerve between two toes.\n"
        "  source: https://www.nhs.uk/conditions/mortons-neuroma/\n"
        "  profile: {class: [nerve-disorder], tissue: [nerve], region: [foot]}\n", encoding="utf-8")
    linter = Linter(Settings(data_dirs=[str(tmp_path)]))

    def found(text):
        return [f.extra["term"] for f in linter.check_text(text).findings if f.category == "definition"]

    assert found("Morton's neuroma is a kind of knee pain.") == ["mortons-neuroma"]
    assert found("Morton's neuroma is a nerve problem in the foot.") == []


def test_vocabulary_values_give_inherited_checks_to_every_term(linter):
    """A muscle term inherits "no muscle lies inside a joint" from the vocabulary, without its own entry."""
    from tests.conftest import findings_of

    wrong = "The trapezius is a small muscle inside the shoulder joint that moves the arm forward."
    right = "The trapezius is a large, flat muscle of the upper back that steadies the shoulder blades."
    assert "HL201" in [f.rule for f in findings_of(linter, wrong)]
    assert "HL201" not in [f.rule for f in findings_of(linter, right)]
