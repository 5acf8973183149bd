"""HL301 (made-up technique names) and HL302 (spinner-garbled names) on realistic text."""
import json

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter

from conftest import SHARED, findings_of

MASSAGE = "A massage therapist uses slow strokes and firm pressure on tight muscles. "


def techniques(linter, text, fmt="text", path="article.txt"):
    return [f for f in findings_of(linter, text, fmt, path) if f.category == "technique"]


def flagged(linter, text):
    return [text[f.start:f.end] for f in techniques(linter, text)]


@pytest.mark.parametrize("sentence,name", [
    ("Our therapists are certified in the Kelvaro method for stiff necks.", "Kelvaro method"),
    ("For sciatica the therapist applies the Brunsk heel-lock press to the buttock.", "Brunsk heel-lock press"),
    ("A good massage therapist will end the session with a round of zindle therapy.", "zindle therapy"),
    ("Many spas now offer Myo-Flux Recalibration after a deep tissue massage.", "Myo-Flux Recalibration"),
    ("The therapist then does the Trenova lumbar wave along the lower back.", "Trenova lumbar wave"),
    ("3. Ondrasek fascia pull. Both thumbs glide slowly along the shoulder.", "Ondrasek fascia pull"),
    ("With the Graviola knot dissolve technique the knots melt away.", "Graviola knot dissolve technique"),
    ("A new massage technique called Vorlith is popular in spas.", "Vorlith"),
    ('Our spa calls it a method called "Zentrova" and charges extra.', "Zentrova"),
    ("Zentrova is a gentle Scandinavian technique for the back.", "Zentrova"),
    ("4. Brellix.\nA new method with twelve fast taps along the spine.", "Brellix"),
    ("Try our NeuroSync Massage for tight calves.", "NeuroSync Massage"),
    ("The Oravian Stretch opens the chest and shoulders.", "Oravian Stretch"),
])
def test_made_up_names_are_flagged_with_the_name_as_span(linter, sentence, name):
    text = MASSAGE + sentence
    found = techniques(linter, text)
    assert [(f.rule, f.severity, text[f.start:f.end]) for f in found] == [("HL301", "warning", name)]


REAL = [
    "Tuina, lomilomi and Thai massage are traditional forms of massage; Watsu is given in warm water.",
    "Some therapists use the Trager approach, Mentastics, Ortho-Bionomy or Bowen therapy for stiff shoulders.",
    "Rolfing, Hellerwork and other kinds of structural integration work on the fascia over ten sessions.",
    "Craniosacral therapy and manual lymphatic drainage (the Vodder method) use very light pressure.",
    "Sports therapists use PNF stretching, muscle energy technique, strain-counterstrain and the Graston technique.",
    "Active Release Technique and instrument-assisted soft tissue mobilization treat tight muscles.",
    "Effleurage, petrissage, tapotement, friction and vibration are the classic Swedish massage strokes.",
    "Shiatsu, Zen shiatsu and anma are Japanese; Jin Shin Jyutsu and Reiki use light touch.",
    "Abhyanga is an Ayurvedic oil massage, often followed by shirodhara or a kansa wand massage.",
    "Chavutti thirumal is a Keralan foot massage, similar to ashiatsu, and hilot is Filipino.",
    "Pfrimmer deep muscle therapy and the Nimmo technique are older trigger point methods.",
    "Gua sha and cupping therapy leave marks; hot stone massage uses warm basalt stones.",
    "Dry needling, Kinesio taping and the McKenzie method are common in physiotherapy clinics.",
    "The Feldenkrais method and the Alexander technique teach easier ways to move.",
    "Chuna therapy is Korean manual therapy, and Ku Nye is a Tibetan massage.",
    "Lomi Lomi and tui na massage both use long strokes and kneading on tight muscles.",
    "Tuina is a Chinese form of massage, and Watsu is a gentle aquatic therapy.",
    "The Raindrop Technique, the Zilgrei method and Chua Ka massage are lesser-known styles.",
]


@pytest.mark.parametrize("sentence", REAL)
def test_real_modalities_however_rare_are_never_flagged(linter, sentence):
    assert flagged(linter, MASSAGE + sentence) == []


DESCRIPTIVE = [
    "We begin with a gentle technique and slow strokes, then a relaxing neck massage.",
    "A firm stroke along the calf, a brisk tapping and an invigorating foot massage follow.",
    "This technique is not painful, and a new technique is always explained first.",
    "We offer chair massage, couples massage, spa massage and a seated scalp massage.",
    "The suboccipital release is a gentle hold at the base of the skull, and psoas work needs care.",
    "Our evidence-based approach uses hands-on techniques and a step-by-step plan.",
    "She trained at the Northside Bodywork Clinic and teaches at a massage school.",
    "A Taoist abdominal massage and a Scandinavian method of kneading were described.",
    "Our Busan massage clinic offers Swedish massage and deep tissue massage.",
    "Dr. Halvorsen continues work on pain research while the therapist kneads the calf.",
    "Massage eased her pain, and Lindqvist's treatment plan added stretching for the calf muscles.",
    "A Swedish-Esalen blend uses long flowing strokes, and a post-race flush massage loosens the calves.",
    "Some therapists finish with a Theragun or Hypervolt percussion device on the hamstrings.",
    "A sciatica session may include piriformis release, glute work and TFL release.",
    "Myofascial cupping, sometimes called myofascial decompression, lifts the skin over tight muscles.",
    "Massage is not a substitute for Uterine Sarcoma Treatment or an approach called neurofeedback.",
]


@pytest.mark.parametrize("sentence", DESCRIPTIVE)
def test_plain_descriptive_phrases_are_not_flagged(linter, sentence):
    assert flagged(linter, MASSAGE + sentence) == []


def test_names_outside_a_bodywork_article_are_left_to_other_rules(linter):
    text = ("The drug Zelvoran treatment lowered blood pressure in the trial. "
            "Patients on the Orvexa procedure had fewer side effects after surgery.")
    assert techniques(linter, text) == []


def test_garbles_are_info_with_the_real_name(linter):
    text = MASSAGE + "Warm rock massage loosens muscles, and sporting activities massage suits athletes."
    found = techniques(linter, text)
    assert [(f.rule, f.severity, text[f.start:f.end], f.suggestion) for f in found] == [
        ("HL302", "info", "Warm rock massage", "hot stone massage"),
        ("HL302", "info", "sporting activities massage", "sports massage"),
    ]


def test_a_near_miss_of_a_real_name_suggests_it(linter):
    found = techniques(linter, MASSAGE + "Our team uses the Grastin technique on the forearm.")
    assert len(found) == 1 and found[0].suggestion == "Graston technique" and found[0].severity == "info"


def test_a_clinic_can_allow_its_own_method():
    text = MASSAGE + "Our clinic's own Kelvaro method eases stiff necks."
    assert techniques(Linter(Settings()), text)
    allowed = Linter(Settings(allowed_techniques=["Kelvaro method"]))
    assert techniques(allowed, text) == []


def test_a_technique_can_be_added_as_data(tmp_path):
    folder = tmp_path / "techniques"
    folder.mkdir()
    (folder / "local.yaml").write_text(
        "- id: zorvith-release\n  name: Zorvith release\n  aliases: []\n"
        "  description: A local method documented by our clinic.\n  source: https://example.org/zorvith\n")
    text = MASSAGE + "We finish with a Zorvith release of the neck."
    assert techniques(Linter(Settings()), text)
    assert techniques(Linter(Settings(data_dirs=[str(tmp_path)])), text) == []


def test_html_spans_point_into_the_raw_file(linter):
    html = "<p>Massage therapists press on tight muscles with the <b>Velmora</b> spiral press.</p>"
    found = techniques(linter, html, fmt="html", path="a.html")
    assert len(found) == 1 and html[found[0].start:found[0].end].startswith("Velmora")


# -- the labeled dev corpus and real text ---------------------------------------------------------

def test_dev_corpus_recall_precision_and_clean_articles(linter, dev_corpus):
    labels = [json.loads(line) for line in (dev_corpus / "labels.jsonl").read_text().splitlines() if line.strip()]
    spans: dict[str, list] = {}
    for label in labels:
        if label["category"] != "technique":
            continue
        text = (dev_corpus / label["file"]).read_text(encoding="utf-8")
        at = -1
        for _ in range(label.get("occurrence", 1)):
            at = text.index(label["quote"], at + 1)
        spans.setdefault(label["file"], []).append((at, at + len(label["quote"]), label["required"]))
    fmt = {".txt": "text", ".md": "markdown", ".html": "html"}
    hits = required = fp = total = 0
    for path in sorted(p for p in dev_corpus.iterdir() if p.suffix in fmt):
        text = path.read_text(encoding="utf-8")
        found = techniques(linter, text, fmt[path.suffix], path.name)
        labelled = spans.get(path.name, [])
        if path.name.startswith("good-") or path.name == "blog-rare-bodywork-guide.html":
            assert found == [], (path.name, found)
        total += len(found)
        fp += sum(not any(f.start < e and s < f.end for s, e, _ in labelled) for f in found)
        for s, e, req in labelled:
            required += req
            hits += req and any(f.start < e and s < f.end for f in found)
    assert hits / required >= 0.9
    assert total and (total - fp) / total >= 0.9


MEDQUAD = SHARED / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"


@pytest.mark.slow
def test_real_health_answers_have_almost_no_technique_findings(linter):
    if not MEDQUAD.is_file():
        pytest.skip("../shared/corpus/real/medquad is not available here")
    answers = [json.loads(line)["answer"] for line in MEDQUAD.read_text().splitlines() if line.strip()]
    found = sum(len(techniques(linter, answer)) for answer in answers)
    assert found <= 2, found
