"""HL2xx: wrong definitions are flagged, correct plain-language ones are not."""
from __future__ import annotations

import pytest

from conftest import findings_of

# Correct, simplified definitions as consumer articles write them: never a finding.
GOOD = [
    "Sciatica is pain that starts in the lower back or buttock and travels down the back of one leg.",
    "Sciatica happens when something presses on or irritates the sciatic nerve, most often a slipped disc.",
    "A slipped disc is when the soft tissue inside a disc between the bones of your spine pushes out.",
    "Spinal stenosis is when the space around the spinal cord narrows, usually because of age-related changes.",
    "Ankylosing spondylitis is a type of arthritis that causes inflammation in the spine and the joints of the pelvis.",
    "Fibromyalgia is a long-term condition that causes pain all over the body.",
    "Myofascial pain syndrome is a chronic disorder in which pressure on sensitive points in a muscle causes pain "
    "in other parts of the body.",
    "Piriformis syndrome is a condition in which the piriformis muscle, located in the buttock, irritates the "
    "sciatic nerve.",
    "The piriformis is a muscle located deep in the buttock, behind the gluteus maximus.",
    "Whiplash is a neck injury caused by the head moving suddenly backwards and forwards.",
    "Frozen shoulder is when your shoulder becomes painful and stiff and you cannot move it as well as usual.",
    "Scoliosis is when the spine curves to the side.",
    "Kyphosis is a curving of the spine that causes the upper back to round forward.",
    "Osteoarthritis occurs when the cartilage that cushions the ends of your bones wears down over time.",
    "Rheumatoid arthritis is an autoimmune disease that causes pain, swelling and stiffness in the joints.",
    "Osteoporosis is a condition that weakens bones, making them fragile and more likely to break.",
    "Plantar fasciitis is pain on the bottom of your foot, around your heel and arch.",
    "Carpal tunnel syndrome is pressure on a nerve in your wrist.",
    "A tension headache is a common headache that feels like a tight band around the head.",
    "Migraine is a type of headache that causes severe throbbing pain, usually on one side of the head.",
    "Bursitis is a painful condition of the small, fluid-filled sacs that cushion the bones and tendons near joints.",
    "DOMS is the muscle pain and stiffness that you feel a day or two after a tough workout.",
    "Lymphoedema is a long-term condition that causes swelling in the body's tissues.",
    "Deep vein thrombosis is a blood clot in a vein, usually in the leg.",
    "Fascia is a thin casing of connective tissue that surrounds and holds every organ, nerve and muscle in place.",
    "Fascia is the connective tissue around your muscles.",
    "The IT band is a long piece of connective tissue, or fascia, that runs along the outside of your thigh.",
    "The rotator cuff is a group of muscles and tendons that surround the shoulder joint.",
    "The sacrum is a triangular bone at the bottom of the spine, just above the tailbone.",
    "The coccyx, or tailbone, is the small bone at the very end of the spine.",
    "The lymphatic system is a network of vessels and organs that moves lymph back into the bloodstream.",
    "Trigger points are tight, tender spots in a muscle that can send pain to other parts of the body.",
    "Trigger points, sometimes called muscle knots, are hyperirritable spots in skeletal muscle.",
    "Lactic acid is produced when the body breaks down glucose for energy during intense exercise.",
    "Inflammation is the body's natural response to injury or infection.",
    "Endorphins are chemicals produced by the brain that relieve pain and lift mood.",
    "Cortisol is a hormone made by the adrenal glands that helps the body respond to stress.",
    "Tendons are tough cords of tissue that connect muscles to bones, while ligaments connect bone to bone.",
    "Ligaments are strong bands of tissue that connect bones to other bones at a joint.",
    "Gout is a form of arthritis caused by a build-up of uric acid crystals in the joints.",
    "Whiplash, a neck injury caused by rapid back-and-forth movement of the head, is common after car accidents.",
    "Heat can be soothing for people with osteoarthritis, the most common form of arthritis.",
    "When the piriformis is tight it can squeeze the nerve.",
    "A serious injury to the spinal cord means the patient cannot move his legs.",
    "Tendons connect muscles to bones, and ligaments connect bones to each other.",
    "The vagus nerve carries signals between the brain, the heart and the gut.",
    "Scoliosis is an abnormal sideways curvature of the spine, in either a C or an S shape.",
    "Inflammation is your body's way of protecting itself from infection, illness or injury.",
    "Osteoarthritis is often called wear-and-tear arthritis.",
    "Sciatica is inflammation of the sciatic nerve, usually from a disc pressing on a nerve root.",
    "Rheumatoid arthritis, on the other hand, is an autoimmune disease.",
    "The psoas is the only muscle that connects the spine to the legs.",
    "Sciatica refers to a set of symptoms rather than a diagnosis.",
    "Whiplash describes what happens to the neck rather than a single diagnosis.",
    "The ulnar nerve, also known as the funny bone, runs behind the elbow.",
    "The ulnar nerve is what you hit when you bang your funny bone.",
    "The psoas and the quadratus lumborum are deep muscles of the lower back.",
    "Massage of the lats and pecs can ease tension across the shoulders.",
    "Manual lymphatic drainage is a treatment for lymphoedema.",
    "Raynaud's is triggered by cold temperatures and stress.",
    "Baker's cysts are usually caused by arthritis or a torn meniscus.",
    "Hypermobility is a connective tissue trait that often runs in families.",
    "CSF is a clear fluid that bathes the brain and spinal cord.",
    "Polymyalgia rheumatica is not caused by wear and tear.",
    "The tibialis anterior works opposite the calf muscles.",
    "Shin splints cause pain in the shin muscles.",
]

# Negated, contrasted, quoted or debunked: never a finding.
DEBUNKED = [
    "Lactate is not a poison; it is a fuel that muscles and the heart can use.",
    "Ankylosing spondylitis is not a type of osteoarthritis.",
    "Myofascial pain syndrome is not the same condition as fibromyalgia.",
    "It is a myth that lactic acid is a poison that stays in your muscles for days.",
    "Many people believe that trigger points are pockets of lactic acid, but research does not support this.",
    'Some sites claim that "fibromyalgia is a kind of arthritis", which is wrong.',
    "Frozen shoulder has nothing to do with cold weather; unlike a dislocation, the joint stays in place.",
    "Bateman takes issue with the implication that chronic fatigue syndrome is psychosomatic.",
    "Costochondritis is not a heart problem, although its chest pain can feel alarming.",
    "It is a myth that lymphatic drainage flushes toxins out of the body.",
    "Cauda equina syndrome is not a minor back problem; it needs emergency care.",
]

# Wrong definitions (wrong class, tissue, location, system or cause, or a confusion): HL201.
BAD = [
    ("Fibromyalgia is a form of arthritis that damages the joints.", "category"),
    ("Sciatica is a disease of the spine that wears down the vertebrae.", "category"),
    ("Plantar fasciitis is an inflammation of the Achilles tendon.", "location"),
    ("Carpal tunnel syndrome is a type of arthritis in the wrist.", "category"),
    ("Osteoporosis is a type of arthritis that makes the joints stiff.", "category"),
    ("Rheumatoid arthritis is caused by wear and tear on the joints over many years.", "cause"),
    ("Tendons are bands of tissue that connect one bone to another bone.", "fact"),
    ("The sacrum is the small bone at the very bottom of the spine, also known as the tailbone.", "confused"),
    ("The IT band is a long muscle that runs down the outside of the thigh.", "tissue"),
    ("Lactic acid is a waste product that causes muscle soreness the day after exercise.", "category"),
    ("Whiplash is an injury to the lower back caused by heavy lifting.", "location"),
    ("Frozen shoulder happens when the shoulder is exposed to cold weather for too long.", "cause"),
    ("Scoliosis is caused by carrying heavy school bags on one shoulder.", "cause"),
    ("DVT is a muscle cramp in the calf that goes away on its own.", "category"),
    ("Endorphins are stress hormones released by the muscles.", "category"),
    ("Cortisol is the happy hormone that makes you feel relaxed.", "category"),
    ("The psoas is a muscle that stores emotional trauma.", "fact"),
    ("Osteoarthritis is an autoimmune disease in which the immune system attacks the joints.", "cause"),
    ("A sprain is a tear in a muscle.", "tissue"),
    ("Trigger points are small calcium deposits in the muscle.", "category"),
    ("Kyphosis is a sideways curve of the spine.", "category"),
    ("Spinal stenosis is a curvature of the spine.", "category"),
    ("The sciatic nerve is a muscle that runs down the back of the leg.", "category"),
    ("Migraine is just a bad headache.", "category"),
    ("Plantar fasciitis is common in runners. This condition is an infection of the heel bone.", "category"),
    ("Many of our clients have fibromyalgia, a type of arthritis.", "category"),
    ("Lymphedema is made of toxins trapped in the legs.", "cause"),
    ("Sciatica is a swelling of the spinal cord.", "location"),
    ("A tension headache happens when blood vessels in the brain widen and press on the skull.", "cause"),
    ("The piriformis, which is found inside the hip joint, rotates the leg.", "location"),
    ("Ligaments connect muscles to bones.", "fact"),
    ("Sciatica is basically a pulled muscle in the buttocks.", "category"),
    ("Muscle cramps are caused by a buildup of lactic acid.", "cause"),
    ("Lactate is the main cause of muscle soreness the next day.", "fact"),
    ("Fibromyalgia is all in your head.", "category"),
    ("The parasympathetic nervous system is the fight or flight system.", "category"),
    ("Restless legs syndrome is caused by poor circulation.", "cause"),
    ("A stress fracture is caused by emotional stress.", "cause"),
    # extension (issue 5): confusions, appositions and anaphora with the newer terms
    ("The median nerve is another name for the ulnar nerve.", "confused"),
    ("The tensor fasciae latae is the same thing as the IT band.", "confused"),
    ("Coccydynia is another name for sciatica.", "confused"),
    ("The facet joints, the cushions between the vertebrae, wear out with age.", "category"),
    ("The femoral nerve is a nerve at the back of the thigh.", "location"),
    ("Raynaud's is caused by poor posture.", "cause"),
    ("Lymphatic drainage is a gentle massage that can help flush toxins.", "fact"),
    ("A Baker's cyst is common in older adults. This condition is a tumour at the back of the knee.", "category"),
    ("Dupuytren's contracture, a disease of the finger tendons, mostly affects older men.", "tissue"),
    ("PMR is the same as fibromyalgia.", "confused"),
]


def codes(linter, text, fmt="text", path="article.txt"):
    return [f for f in findings_of(linter, text, fmt, path) if f.category == "definition"]


@pytest.mark.parametrize("text", GOOD + DEBUNKED)
def test_correct_or_debunked_definitions_are_not_flagged(linter, text):
    assert codes(linter, text) == []


@pytest.mark.parametrize("text,aspect", BAD)
def test_wrong_definitions_are_flagged(linter, text, aspect):
    found = codes(linter, text)
    assert [f.rule for f in found] == ["HL201"], found
    f = found[0]
    assert aspect in f.extra["aspects"]
    assert f.reference and f.reference.startswith("https://")
    assert f.suggestion.startswith("A correct definition: ")
    assert f.start < f.end <= len(text)


def test_finding_quotes_the_correct_definition_and_its_source(linter):
    text = "Fascia is the thin layer of muscle that wraps around each of your muscles."
    (f,) = codes(linter, text)
    assert f.start == 0 and text[f.start:f.end].startswith("Fascia is the thin layer of muscle")
    assert "connective tissue" in f.message and "connective tissue" in f.suggestion
    assert f.extra["term"] == "fascia"


def test_unmatched_full_definition_is_info(linter):
    (f,) = codes(linter, "Sciatica is a term used to describe inflammation and pain in the back area.")
    assert (f.rule, f.severity) == ("HL202", "info")
    assert codes(linter, "Sciatica is a term used to describe pain that travels from the lower back down the leg.") == []


def test_anaphora_needs_the_term_in_the_previous_sentence(linter):
    text = ("Ankylosing spondylitis is another condition that can cause discomfort. "
            "This occurs when the body cannot restore collagen to the bones.")
    (f,) = codes(linter, text)
    assert text[f.start:f.end].startswith("This occurs when")
    # after a paragraph break, or with a noun of another kind, the anaphor is not resolved
    assert codes(linter, text.replace(". This", ".\n\nThis")) == []
    assert codes(linter, text.replace("This occurs when", "This muscle occurs when")) == []


def test_markdown_and_html_offsets_point_into_the_raw_file(linter):
    md = "# Notes\n\n**Whiplash** is a pinched nerve in the lower back.\n"
    (f,) = codes(linter, md, "markdown", "a.md")
    assert md[f.start:f.end].startswith("Whiplash")
    html = "<p>The <b>sacrum</b>, which is the tailbone, sits low.</p>"
    (f,) = codes(linter, html, "html", "a.html")
    assert "sacrum" in html[f.start:f.end] and "tailbone" in html[f.start:f.end]


def test_publisher_data_dir_adds_a_term(tmp_path):
    from healthlint.config import Settings
    from healthlint.engine import Linter

    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "local.yaml").write_text(
        "- id: morton-neuroma\n  kind: condition\n  names: [Morton's neuroma]\n"
        "  definition: A thickening of tissue around a nerve between the toes, usually the third and fourth.\n"
        "  source: https://www.nhs.uk/conditions/mortons-neuroma/\n"
        "  facts:\n    is_not:\n"
        "      - {aspect: category, where: genus, pattern: '\\btumou?r\\b|\\bcancer\\w*', "
        "correction: \"Morton's neuroma is a benign thickening around a nerve, not a tumour.\"}\n",
        encoding="utf-8")
    linter = Linter(Settings(data_dirs=[str(tmp_path)]))
    found = [f for f in linter.check_text("Morton's neuroma is a tumour of the foot.").findings
             if f.category == "definition"]
    assert [f.extra["term"] for f in found] == ["morton-neuroma"]


def test_dev_corpus_good_articles_have_no_definition_finding(linter, dev_corpus):
    for path in sorted(dev_corpus.glob("good-*")):
        fmt = {".md": "markdown", ".html": "html"}.get(path.suffix, "text")
        result = linter.check_text(path.read_text(encoding="utf-8"), path=str(path), fmt=fmt)
        assert [f for f in result.findings if f.category == "definition"] == [], path.name


def test_myths_section_and_next_sentence_debunk(linter):
    md = "# Recovery\n\n## Myths we still hear\n\nLactic acid is a poison that stays in your muscles for days.\n"
    assert codes(linter, md, "markdown", "m.md") == []
    text = "Some sites say fibromyalgia is a kind of arthritis. There is no good evidence for that."
    assert codes(linter, text) == []
    # the same sentence asserted plainly is flagged
    assert [f.rule for f in codes(linter, "Fibromyalgia is a kind of arthritis.")] == ["HL201"]


def test_pronoun_refers_to_the_previous_subject_or_the_question(linter):
    assert [f.rule for f in codes(linter, "Whiplash is painful. It is a pinched nerve in the lower back.")] == ["HL201"]
    md = "## What is scoliosis?\n\nIt is when the upper back rounds forward into a hump.\n"
    (f,) = codes(linter, md, "markdown", "q.md")
    assert md[f.start:f.end].startswith("It is when")
    # "It" after a sentence whose subject is something else is not resolved to the term
    assert codes(linter, "Massage helps people with fibromyalgia. It is a kind of arthritis therapy.") == []
    assert codes(linter, "Many clients ask about whiplash. It is a pinched nerve in the lower back.") == []
