"""HL201 beyond "X is ...": misstatements in effect, class, origin, synonym and state shapes (issue 16),
the words/lemma form of the term data, and the issue 19 corrections. Sentences written for these tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import findings_of

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "rules" / "data" / "terms"


def defs(linter, text, fmt="text", path="article.txt"):
    return [f for f in findings_of(linter, text, fmt, path) if f.category == "definition"]


# (text, term id, a word the flagged span must contain)
BAD = [
    ("After a hard sprint, lactic acid builds up in the legs and this can lead to cramps the next day.",
     "lactic-acid", "cramp"),
    ("Lactic acid buildup may feel bad, and lactic acid buildup results in stiffness for days.", "lactic-acid",
     "stiffness"),
    ("Fibromyalgia is a common pain condition. It is a degenerative disorder of the joints.", "fibromyalgia",
     "degenerative"),
    ("Fibromyalgia affects millions.\nMany people live with this disorder for years. It is a degenerative disease.",
     "fibromyalgia", "degenerative"),
    ("Cerebrospinal fluid, which the brain makes from lymph, protects the spinal cord.", "cerebrospinal-fluid",
     "lymph"),
    ("The cerebrospinal fluid acts as an electrical conductor for the whole body.", "cerebrospinal-fluid",
     "conductor"),
    ("Rheumatoid arthritis, also called rheumatism, mostly affects the hands.", "rheumatoid-arthritis",
     "rheumatism"),
    ("Sitting all day squeezes the discs until one of them slips out of place.", "intervertebral-disc", "place"),
    ("Poor posture leaves the discs out of position and pinches the nerves.", "intervertebral-disc", "position"),
    ("Tension headaches are often described as a throbbing pain behind the eyes.", "tension-headache", "throbbing"),
    ("Gentle pressure boosts interleukin release, a natural anti-inflammatory.", "interleukin", "anti-inflammatory"),
    ("Thai massage is loved by athletes. It is derived from Japanese massage.", "thai-massage-history", "Japanese"),
    ("Cellulite, also known as white fat, is hard to shift.", "cellulite", "white fat"),
    ("A tired, overused muscle ends up full of scar tissue or knots.", "trigger-point", "scar tissue"),
    # a scraped page that broke a sentence over a blank line
    ("Tension headaches are common and are described as a steady\n\nthrobbing over one eye.", "tension-headache",
     "Tension"),
]

GOOD = [
    "Lactic acid does not cause cramps or the soreness you feel the day after a workout.",
    "Many people think lactic acid causes soreness, but it is cleared within an hour.",
    "It is a myth that lactic acid buildup leads to stiffness the next day.",
    "Lactic acid may play a part in the burning feeling during a sprint.",
    "Fibromyalgia is not a degenerative disease: it does not damage the joints.",
    "Osteoarthritis is a degenerative joint disease. It is the most common arthritis.",
    "Cerebrospinal fluid is made by the choroid plexus from blood plasma and cushions the brain.",
    "Rheumatoid arthritis is an autoimmune disease; rheumatism is an older, looser word for joint pain.",
    "A herniated disc does not slip out of place: its soft centre pushes through a tear.",
    "Tension headaches feel like a tight band around the head, while migraines are throbbing.",
    "Interleukin 10 is one of the few anti-inflammatory signals of the immune system.",
    "Thai massage grew up in Thailand. It shares some ideas with Chinese medicine.",
    "Cellulite is ordinary fat under the skin that pushes up between fibrous cords.",
    "Massage may ease knots, spasms, or scar tissue around an old injury.",
    "Some websites claim that discs slip out of place. There is no good evidence for that.",
]


@pytest.mark.parametrize("text,term,word", BAD)
def test_misstatement_shapes_are_flagged(linter, text, term, word):
    found = defs(linter, text)
    assert [f.extra["term"] for f in found] == [term], [f.message for f in found]
    (f,) = found
    assert word.lower() in text[f.start:f.end].lower()
    assert f.reference and f.reference.startswith("https://")


@pytest.mark.parametrize("text", GOOD)
def test_true_negated_hedged_or_debunked_statements_are_not_flagged(linter, text):
    assert defs(linter, text) == []


def test_one_finding_per_misstatement_and_paragraph(linter):
    text = ("Heavy lifting makes a disc slip out of place. When the discs are out of position, the back aches.\n\n"
            "Years later the discs can still be out of position.")
    assert len(defs(linter, text)) == 2


def test_a_correction_never_names_the_term_as_its_own_class(linter):
    (f,) = defs(linter, "The lymphatic system is part of the digestive system.")
    assert "belongs to the lymphatic system" not in f.message
    assert "not part of the digestive system" in f.message


def test_sciatica_is_not_said_to_concern_a_disc(linter):
    for text in ("Sciatica is a disc problem in the lower back.", "Sciatica is a pinched muscle in the leg."):
        for f in defs(linter, text):
            assert "disc" not in f.message.split("not")[0], f.message


def test_multifidus_is_not_called_the_deepest_layer():
    text = (TERMS / "anatomy.yaml").read_text(encoding="utf-8")
    entry = text[text.index("- id: multifidus"):]
    entry = entry[:entry.index("\n- id:", 5) if "\n- id:" in entry[5:] else len(entry)]
    assert "deepest layer" not in entry and "one of the deepest" in entry


def test_palpitate_is_never_defined_as_beating_irregularly():
    data = ROOT / "rules" / "data"
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        assert not re.search(r"palpitat\w*[^.\n]{0,60}\bbeats? irregularly", text), path


def test_sources_fit_their_topics():
    """The lactic acid, trigger point and myofascial pain entries cite pages about their own topic (issue 19)."""
    from healthlint.knowledge import load

    by_id = {e["id"]: e for e in load("terms") if isinstance(e, dict) and "id" in e}
    assert by_id["lactic-acid"]["source"] == "https://pubmed.ncbi.nlm.nih.gov/27409551/"  # lactic acid and DOMS
    for tid in ("trigger-point", "myofascial-pain-syndrome"):
        assert by_id[tid]["source"] == "https://www.ncbi.nlm.nih.gov/books/NBK535344/"  # StatPearls: Myofascial Pain
    cited = {e.get("source") for e in by_id.values()}
    assert not cited & {"https://pubmed.ncbi.nlm.nih.gov/29617642/", "https://pubmed.ncbi.nlm.nih.gov/36791442/"}


def test_keys_are_plain_words_matched_on_lemmas():
    from healthlint.knowledge import load

    for e in load("terms"):
        for k in (e.get("key") or []) if isinstance(e, dict) else []:
            assert "\\" not in k and "(" not in k and "|" not in k, (e["id"], k)


def test_a_plain_key_keeps_a_full_definition_quiet(linter, tmp_path):
    from healthlint.config import Settings
    from healthlint.engine import Linter

    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "local.yaml").write_text(
        "- id: femur\n  kind: anatomy\n  names: [femur]\n  aliases: [thigh bone, thighbone]\n"
        "  definition: The femur is the long bone of the thigh, between the hip and the knee.\n"
        "  source: https://example.org/femur\n"
        "  profile: {tissue: [bone], system: [skeletal], region: [thigh]}\n"
        "  key: [thigh, bone, hip, knee]\n", encoding="utf-8")
    local = Linter(Settings(data_dirs=[str(tmp_path)]))
    quiet = [f for f in local.check_text("The femur is a term used to describe the bones of the thighs.").findings
             if f.category == "definition"]
    assert quiet == []
    loud = [f for f in local.check_text("The femur is a term used to describe a muscle in the neck.").findings
            if f.category == "definition"]
    assert loud  # the key names none of it, or the profile contradicts it


def test_word_patterns_match_every_inflection():
    from healthlint.rules._definitions_words import WordPattern

    w = WordPattern(["pinched nerve", "muscle .. inflam*", "stay in * muscle"], unless=["shoulder blade"])
    assert [m.group() for m in w.finditer("two pinched nerves and a muscle that became inflamed")] == \
        ["pinched nerves", "muscle that became inflamed"]
    assert w.search("it stays in your muscles") is not None
    assert WordPattern(["shoulder"], unless=["shoulder blade"]).search("the shoulder blade") is None
    assert WordPattern(["shoulder"], unless=["shoulder blade"]).search("both shoulders") is not None


def test_definitions_module_does_not_import_spacy_at_import():
    import subprocess
    import sys

    code = "import sys, healthlint.rules.definitions, healthlint.rules.definitions_mentions; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


# true statements that put a misstatement's words next to another subject
OTHER_SUBJECT = [
    "Tension headaches are usually mild, unlike migraines, which are throbbing.",
    "Fibromyalgia is often confused with osteoarthritis, which is a degenerative joint disease.",
    "Interleukins are proteins that can raise or lower inflammation; interleukin 10 is anti-inflammatory.",
    "Lactic acid is made during hard exercise; the soreness two days later comes from tiny muscle injuries.",
    "Thai massage differs from shiatsu, a Japanese massage that uses finger pressure.",
    "It is thought that lactic acid causes cramps, but this is not supported by research.",
]


@pytest.mark.parametrize("text", OTHER_SUBJECT)
def test_a_phrase_about_another_subject_is_not_flagged(linter, text):
    assert defs(linter, text) == []


def test_coordinated_objects_do_not_take_the_subject_away(linter):
    text = "This cerebrospinal fluid bathes the brain, spinal cord and sacrum and acts as a conductor of electricity."
    assert [f.extra["term"] for f in defs(linter, text)] == ["cerebrospinal-fluid"]


def test_a_cause_question_is_answered_by_the_next_sentence(linter):
    md = "## What causes DOMS?\n\nLactic acid that builds up in the muscles during exercise.\n"
    (f,) = defs(linter, md, "markdown", "q.md")
    assert md[f.start:f.end].startswith("Lactic acid") and f.extra["term"] == "doms"
    for good in ("What causes DOMS? Small tears in the muscle fibres after unfamiliar exercise.",
                 "What causes sciatica? Most often a slipped disc pressing on the sciatic nerve."):
        assert defs(linter, good) == [], good


def test_cleft_and_basically_a_term_for(linter):
    assert [f.extra["term"] for f in defs(linter, "It is lactic acid that is responsible for next-day soreness.")] \
        == ["lactic-acid"]
    assert [f.extra["term"] for f in defs(linter, "Fascia is basically a term for a layer of muscle.")] == ["fascia"]


def test_a_label_and_a_colon_locate_the_term(linter):
    md = "Muscles we work on:\n\n- Piriformis: Located at the front of the thigh.\n- Trapezius: Located across the upper back.\n"
    assert [f.extra["term"] for f in defs(linter, md, "markdown", "l.md")] == ["piriformis"]


@pytest.mark.parametrize("text", [
    "A bad fall can dislocate a shoulder or injure the discs of the neck.",
    "The vertebrae can slip out of place in spondylolisthesis, which squeezes the discs.",
    "Falls can injure the discs and the vertebrae can dislocate.",
    "If the disc is damaged, surgeons may remove it; a dislocated hip is a different injury.",
])
def test_a_state_of_something_else_is_not_the_discs(linter, text):
    assert defs(linter, text) == []


@pytest.mark.parametrize("text", [
    # a term that is one item of a list, or that ends a subordinate clause, takes no apposition
    "Collagen is found in connective tissue, the skin, the fluid of the joints and the eye.",
    "If a bowel tumour (a primary cancer) spreads to the liver, the cancer cells in the liver are bowel cancer cells.",
    "When the cancer reaches the lungs, the tumour cells there are still breast cancer cells.",
    "Cerebrospinal fluid, which the brain makes from blood plasma, cushions the spinal cord.",
    "Slow strokes relax the trapezius, the glutes and the calves.",
    "Blood flow rises in the fascia, the muscles and the skin after a session.",
    "Deep breathing helps the heart, the lungs or your brain to settle.",
])
def test_lists_and_subordinate_clauses_are_not_appositions(linter, text):
    assert defs(linter, text) == [], text


@pytest.mark.parametrize("text", [
    "Massage of the piriformis, a bone in the lower back, eases the pain.",
    "The therapist works on the piriformis, a bone of the lower back and hip.",
])
def test_an_apposition_of_a_term_is_still_read(linter, text):
    assert [f.rule for f in defs(linter, text)] == ["HL201"]
