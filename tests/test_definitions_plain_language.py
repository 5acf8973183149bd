"""HL201 on plain-language definitions: wrong and correct ones in the frames test_definition_facts.py
under-represents (is when, occurs when, dashes, a bracket inside the name, anaphora, relative
clauses, size words, wrong cause classes).

It measures recall and precision on sentences the rules were not tuned on one by one; the
floors asserted are the honest numbers measured when the set was written and the general
mechanisms added (see docs/definitions.md). Fix rules generally, never by special-casing these.
"""
from __future__ import annotations

from conftest import findings_of

WRONG = [
    'Sciatica is when the muscles in your lower back go into spasm and press on each other.',
    'Plantar fasciitis occurs when the calf muscles become inflamed after running.',
    'Carpal tunnel syndrome happens when a nerve in your neck gets pinched.',
    'Fibromyalgia—a degenerative joint disease that wears down cartilage—affects millions of women.',
    'Frozen shoulder — an inflammation of the rotator cuff muscles — makes it hard to lift your arm.',
    'The iliotibial (IT) band is a muscle that runs along the inside of the thigh.',
    'The sacroiliac (SI) joint is a joint in the neck that connects the skull to the spine.',
    'Intense exercise makes muscles run short of oxygen. This creates a buildup of lactic acid that causes soreness for days.',
    'Many runners know DOMS. This condition is caused by lactic acid trapped in the muscles.',
    'The trapezius is a small muscle deep inside the shoulder joint.',
    'Tension headaches are caused by toxins that build up in the neck muscles.',
    'Osteoarthritis is caused by cold, damp weather getting into the joints.',
    'Scoliosis is caused by poor posture and carrying a heavy school bag.',
    'Migraines occur when energy is blocked along the meridians of the head.',
    'Fibromyalgia is caused by a misalignment of the spine.',
    'Rheumatoid arthritis, which is the wear and tear of cartilage that comes with age, mostly affects older people.',
    'Gout refers to a nerve disorder in the big toe.',
    'Whiplash means a sprain of the lower back ligaments.',
    'The piriformis, a large muscle in the lower back, can trap the sciatic nerve.',
    'Piriformis syndrome is a condition in which the hamstring muscles compress the spinal cord.',
    'A herniated disc is when a vertebra breaks and slips out of place.',
    'Spinal stenosis occurs when the muscles around the spine become too tight.',
    'Bursitis is an infection of the tendons.',
    'Shin splints are caused by toxins in the lower legs.',
    'Osteoporosis is a condition in which the muscles become thin and weak.',
    'Ankylosing spondylitis is a kind of osteoarthritis caused by getting older.',
    'Lymphedema is when the digestive system cannot absorb fluid.',
    'The psoas is a muscle of the upper back that lifts the shoulder blade.',
    'Tennis elbow occurs when the nerves in the wrist become inflamed.',
    'Trigger points are caused by toxins stored in the muscle tissue.',
]

CORRECT = [
    'Sciatica is when the sciatic nerve is irritated, causing pain that runs from the lower back down the leg.',
    'Plantar fasciitis occurs when the thick band of tissue under the foot becomes irritated.',
    'Carpal tunnel syndrome happens when the median nerve is squeezed at the wrist.',
    'Fibromyalgia—a long-term condition that causes widespread pain—is more common in women.',
    'Frozen shoulder — a stiffening of the shoulder joint capsule — can take years to resolve.',
    'The iliotibial (IT) band is a thick band of fascia that runs down the outside of the thigh to the knee.',
    'The sacroiliac (SI) joint connects the base of the spine to the pelvis.',
    'Hard exercise can leave your muscles sore. This soreness usually peaks one or two days later.',
    'Many runners know DOMS. This condition is caused by tiny tears in the muscle fibres after unfamiliar exercise.',
    'The trapezius is a large muscle that spans the upper back and neck.',
    'Tension headaches are often linked to stress and tight muscles in the neck and shoulders.',
    'Osteoarthritis is caused by damage to the cartilage that lines the joints.',
    'Scoliosis is a sideways curve of the spine that often starts in childhood.',
    'Migraines are a neurological condition that causes severe, throbbing headaches.',
    'Fibromyalgia is a long-term condition that causes pain all over the body.',
    'Rheumatoid arthritis, which is an autoimmune disease, causes swollen and painful joints.',
    'Gout refers to a type of arthritis caused by uric acid crystals in a joint.',
    'Whiplash means a neck injury caused by a sudden jolt of the head.',
    'The piriformis, a small muscle deep in the buttock, can irritate the sciatic nerve.',
    'Piriformis syndrome is a condition in which the piriformis muscle irritates the sciatic nerve.',
    'A herniated disc is when the soft centre of a spinal disc pushes through a crack in its outer ring.',
    'Spinal stenosis occurs when the space around the spinal cord or nerves narrows.',
    'Bursitis is an inflammation of a bursa, a small fluid-filled sac near a joint.',
    'Shin splints are pain along the shinbone that comes from overuse.',
    'Osteoporosis is a condition in which the bones become thin and break easily.',
    'Ankylosing spondylitis is an inflammatory arthritis that mainly affects the spine.',
    'Lymphedema is swelling that happens when the lymphatic system cannot drain fluid properly.',
    'The psoas is a deep muscle that connects the lower spine to the thigh bone.',
    'Tennis elbow occurs when the tendons on the outside of the elbow are overloaded.',
    'Trigger points are tight, tender spots in a muscle that can refer pain elsewhere.',
]


# Written after the mechanisms were added (not tuned on): the same frames on other terms.
WRONG_FRESH = [
    "Bursitis is when the nerves around a joint become irritated.",
    "Gout occurs when cold weather makes the joints of the toes stiff.",
    "Osteoarthritis—an autoimmune disease that attacks the joints—is common after fifty.",
    "The rotator cuff – a group of ligaments in the hip – stabilises the joint.",
    "The tensor fasciae latae is a large muscle of the lower back.",
    "The quadriceps is a small muscle at the back of the knee.",
    "Frozen shoulder happens when toxins build up in the shoulder joint.",
    "Whiplash is when the lower back muscles become strained in a fall.",
    "Scoliosis occurs when energy stagnates along the spine.",
    "The sacroiliac (SI) joint is a muscle in the neck.",
    "Tension headaches occur when the sciatic nerve becomes inflamed.",
    "Plantar fasciitis is a condition in which swollen calf muscles compress the spinal cord.",
    "Fibromyalgia is caused by cold, wet weather.",
    "Kyphosis is when the muscles of the jaw become tight.",
    "The coccyx—a large bone in the neck—protects the spinal cord.",
]

# Correct sentences that exercise the same mechanisms (a when clause whose subject acts on the
# term's own tissue, dashes, brackets, relative clauses of effect, size words): none is a finding.
CORRECT_STRESS = [
    "Sciatica happens when a herniated disc becomes inflamed and presses on the sciatic nerve.",
    "Sciatica is when the piriformis muscle becomes tight and irritates the sciatic nerve.",
    "Sciatica is a condition in which a herniated disc presses on the sciatic nerve.",
    "Spinal stenosis occurs when the bones of the spine become thick and narrow the canal around the nerves.",
    "Lymphedema occurs when the lymphatic system is damaged, often after cancer treatment.",
    "Carpal tunnel syndrome occurs when the tendons in the wrist become swollen and squeeze the median nerve.",
    "Radiculopathy happens when a bone spur or disc presses on a nerve root.",
    "Whiplash happens when a sudden jolt damages the muscles and ligaments of the neck.",
    "Raynaud's phenomenon occurs when cold weather makes the blood vessels in the fingers and toes narrow.",
    "A migraine happens when the nervous system becomes overly sensitive.",
    "The sciatic nerve — the longest nerve in the body — runs from the lower back down each leg.",
    "Cortisol—a stress hormone made by the adrenal glands—rises when we are anxious.",
    "Fascia - a web of connective tissue - surrounds every muscle.",
    "Exercise raises levels of endorphins that make you feel good.",
    "Muscles burn glucose and produce lactate, which the body then uses as fuel.",
    "The iliotibial (IT) band runs from the hip to the shin along the outside of the thigh.",
    "Deep vein thrombosis (DVT) is a blood clot in a deep vein, usually in the leg.",
    "The sciatic nerve is the largest nerve in the body.",
    "The piriformis is a muscle that sits under the large gluteus maximus.",
    "The trapezius is not a small muscle.",
    "Bursitis is when a bursa near a joint becomes inflamed.",
    "The tensor fasciae latae is a small muscle at the side of the hip.",
    "Tension headaches often occur when the muscles of the neck and shoulders become tight.",
    "The coccyx—a small bone at the base of the spine—is also called the tailbone.",
]


def definition_findings(linter, text):
    return [f for f in findings_of(linter, text, "text", "article.txt") if f.category == "definition"]


def _recall(linter, sentences):
    caught = [s for s in sentences if any(f.rule == "HL201" for f in definition_findings(linter, s))]
    return len(caught) / len(sentences), [s for s in sentences if s not in caught]


def test_set_sizes():
    assert len(WRONG) == 30 and len(CORRECT) == 30
    assert len({s.split(" is ")[0].split(" are ")[0].split(" occur")[0] for s in WRONG}) >= 20, "many terms"


# Measured: before the dash/bracket/affected-tissue/size/cause-class mechanisms 19/30 (0.63),
# after 30/30 (1.00) on WRONG, 15/15 on WRONG_FRESH, and no finding on CORRECT or CORRECT_STRESS.
RECALL_FLOOR = 1.0
FRESH_RECALL_FLOOR = 1.0


def test_recall_on_wrong_definitions(linter):
    recall, missed = _recall(linter, WRONG)
    assert recall >= RECALL_FLOOR, (recall, missed)


def test_fresh_recall(linter):
    recall, missed = _recall(linter, WRONG_FRESH)
    assert recall >= FRESH_RECALL_FLOOR, (recall, missed)


def test_no_false_alarm_on_correct_definitions(linter):
    false = {s: definition_findings(linter, s) for s in CORRECT + CORRECT_STRESS}
    assert {s: f for s, f in false.items() if f} == {}
