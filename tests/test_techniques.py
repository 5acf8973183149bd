"""HL301 (made-up technique names) and HL302 (spinner-garbled names), on sentences from tests/data/techniques/."""
import json
from pathlib import Path

import pytest
import yaml

from healthlint.config import Settings
from healthlint.engine import Linter

from conftest import SHARED, findings_of

DATA = Path(__file__).resolve().parent / "data" / "techniques"
MASSAGE = "A massage therapist uses slow strokes and firm pressure on tight muscles. "


def cases(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def techniques(linter, text, fmt="text", path="article.txt"):
    return [f for f in findings_of(linter, text, fmt, path) if f.category == "technique"]


def flagged(linter, text):
    return [text[f.start:f.end] for f in techniques(linter, text) if f.rule == "HL301"]


MADE_UP = cases("made_up")
CLEAN = cases("clean")
SHAPES = cases("shapes")
ARTICLES = cases("articles")


@pytest.mark.parametrize("case", MADE_UP, ids=[c.get("name") or c["word"] for c in MADE_UP])
def test_made_up_names_are_flagged(linter, case):
    found = flagged(linter, MASSAGE + case["text"])
    if "name" in case:
        assert len(found) == 1 and case["name"] in found[0], found
    else:
        assert any(case["word"] in name for name in found), found


@pytest.mark.parametrize("case", CLEAN, ids=[c["text"][:40] for c in CLEAN])
def test_clean_text_is_not_flagged(linter, case):
    assert flagged(linter, MASSAGE + case["text"]) == []


@pytest.mark.parametrize("case", SHAPES, ids=[f"{c['shape']}:{c['text'][:36]}" for c in SHAPES])
def test_every_name_shape_and_its_clean_twins(linter, case):
    text = case["text"] if case.get("alone") else MASSAGE + case["text"]
    found = [f for f in techniques(linter, text) if f.rule == "HL301"]
    if "name" not in case:
        assert found == [], [text[f.start:f.end] for f in found]
        return
    assert [text[f.start:f.end] for f in found] == [case["name"]]
    if "suggestion" in case:
        assert found[0].suggestion == case["suggestion"] and found[0].severity == "info"


@pytest.mark.xfail(strict=True, reason="known gap, see docs/techniques.md")
@pytest.mark.parametrize("case", cases("gaps"), ids=[c["word"] for c in cases("gaps")])
def test_known_gaps(linter, case):
    assert any(case["word"] in name for name in flagged(linter, MASSAGE + case["text"]))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_whole_articles(linter, article):
    assert sorted(flagged(linter, article["text"])) == sorted(article["names"])


def test_the_sets_are_large_enough_to_mean_something():
    assert len(MADE_UP) >= 90 and len(CLEAN) >= 150
    assert {c["shape"] for c in SHAPES} >= {"hyphenated", "eponym", "blend", "origin", "no-massage-word",
                                            "rare-modality"}
    for shape in {c["shape"] for c in SHAPES} - {"suggestion", "rare-modality"}:
        kinds = {"name" in c for c in SHAPES if c["shape"] == shape}
        assert kinds == {True, False}, shape  # every shape has made-up names and clean twins


def test_a_term_for_a_real_modality_names_its_real_names(linter):
    text = "The term for Thai massage is Xuryaparni, and the therapist presses with the palms."
    [found] = techniques(linter, text)
    assert found.suggestion == "Thai massage" and "nuad thai" in found.message


def test_a_blend_names_the_styles_it_joins(linter):
    text = MASSAGE + "Try our Balinese-Swedish Lomi rolling therapy for tired legs."
    [found] = techniques(linter, text)
    assert "Balinese, Swedish, Lomi" in found.message and found.severity == "warning"


def test_garbles_are_info_with_the_real_name(linter):
    text = MASSAGE + "Warm rock massage loosens muscles, and sporting activities massage suits athletes."
    found = techniques(linter, text)
    assert [(f.rule, f.severity, text[f.start:f.end], f.suggestion) for f in found] == [
        ("HL302", "info", "Warm rock massage", "hot stone massage"),
        ("HL302", "info", "sporting activities massage", "sports massage"),
    ]


def test_a_garble_finding_carries_a_fix_that_only_replaces_the_garbled_words(linter):
    text = MASSAGE + "Warm rock massage loosens muscles, and sporting activities massage suits athletes."
    fixed = text
    for f in sorted(techniques(linter, text), key=lambda f: -f.start):
        [edit] = f.fix.edits
        assert (edit.start, edit.end) == (f.start, f.end)
        fixed = fixed[:edit.start] + edit.replacement + fixed[edit.end:]
    assert fixed == MASSAGE + "Hot stone massage loosens muscles, and sports massage suits athletes."


def test_no_garble_fix_across_markup(linter):
    text = "Massage therapists love it: warm **rock** massage loosens the muscles."
    found = techniques(linter, text, fmt="markdown", path="a.md")
    assert all(f.fix is None for f in found if f.rule == "HL302")


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


def test_one_analysis_per_document_is_shared_by_both_rules(linter):
    result = linter.check_text(MASSAGE + "Warm rock massage and the Korvath twin-palm press.", path="a.txt")
    keys = [k for k in result.document._memo if isinstance(k, tuple) and k[0] == "technique-names"]
    assert len(keys) == 1


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
    assert total and (total - fp) / total >= 0.85


MEDQUAD = SHARED / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"


@pytest.mark.slow
def test_real_health_answers_stay_under_the_nih_rate(linter):
    if not MEDQUAD.is_file():
        pytest.skip("../shared/corpus/real/medquad is not available here")
    answers = [json.loads(line)["answer"] for line in MEDQUAD.read_text().splitlines() if line.strip()]
    words = sum(len(a.split()) for a in answers)
    found = sum(len(techniques(linter, answer)) for answer in answers)
    assert found / words * 5000 <= 0.2, found
