"""The claim family (rules/claims.py): what each rule flags, how context excuses a claim, and how well the
rules hold on sentences and pages they were not written for."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from healthlint.config import Settings
from healthlint.engine import Linter
from tests.conftest import SHARED, claims

DATA = Path(__file__).resolve().parent / "data" / "claims"
SCORE = SHARED / "eval" / "score.py"
MEDQUAD = SHARED / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"
INTRO = "Our therapists offer deep tissue and Swedish massage. "


def rules_of(lint, text: str, fmt: str = "text") -> set[str]:
    return {f.rule for f in claims(lint, text, fmt, "a.md" if fmt == "markdown" else "a.txt")}


def sentence_sets():
    """(intro, text, expected rule or None) of every set in tests/data/claims/*.yaml."""
    for path in sorted(DATA.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["sets"]:
            sep = "\n\n" if "\n" in group["intro"] or group["intro"].startswith("#") else " "
            intro = group["intro"] + sep
            for item in group.get("overclaims") or []:
                yield path.stem, intro, item["text"], item["rule"]
            for text in group.get("honest") or []:
                yield path.stem, intro, text, None


def _found(lint, intro: str, text: str) -> set[str]:
    fmt = "markdown" if intro.startswith("#") or text.startswith("#") else "text"
    result = lint.check_text(intro + text, path="a.md" if fmt == "markdown" else "a.txt", fmt=fmt)
    return {f.rule for f in result.findings if f.category == "claim" and f.end > len(intro)}


# -- the sentence sets ---------------------------------------------------------------------------------
def test_sentence_sets_are_caught_and_honest_sentences_stay_clean(lint):
    """Floors measured when the sets were written down (see CHANGELOG): 98% of 288 overclaims caught,
    1 of 265 honest sentences flagged. A drop below the floors is a regression."""
    cases = list(sentence_sets())
    bad = [(i, t, r) for _, i, t, r in cases if r]
    good = [(i, t) for _, i, t, r in cases if not r]
    missed = [t for i, t, r in bad if not _found(lint, i, t)]
    flagged = [t for i, t in good if _found(lint, i, t)]
    assert len(bad) >= 280 and len(good) >= 260
    assert len(missed) <= 0.03 * len(bad), missed
    assert len(flagged) <= 2, flagged


def test_every_miss_class_of_the_web_pages_is_covered(lint):
    """Each class of claim the first rules missed on real pages (issue 15) is caught in fresh wording."""
    cases = [c for c in sentence_sets() if c[0] == "miss_classes"]
    for _, intro, text, rule in cases:
        found = _found(lint, intro, text)
        assert (rule in found) if rule else not found, (text, rule, found)


# -- the rules, one by one --------------------------------------------------------------------------------
@pytest.mark.parametrize("text,rule", [
    ("Our deep tissue work removes muscle knots permanently.", "HL101"),
    ("Massage is completely safe and has no side effects.", "HL101"),
    ("Reflexology cures migraines and insomnia.", "HL102"),
    ("Regular massage boosts your immune system.", "HL102"),
    ("Your frozen shoulder will unfreeze after one session.", "HL103"),
    ("These muscle knots can be life threatening.", "HL104"),
    ("Sports massage flushes the lactic acid out of your legs.", "HL105"),
    ("Massage is clinically proven to ease back pain.", "HL106"),
    ("Stop taking your painkillers once you start weekly massage.", "HL107"),
    ("Massage therapy improves circulation.", "HL108"),
    ("Massage is a much better treatment than painkillers for back pain.", "HL109"),
])
def test_each_rule_flags_its_claim(lint, text, rule):
    assert rule in rules_of(lint, INTRO + text)


def test_a_finding_points_at_the_sentence_and_names_its_frame(lint):
    text = INTRO + "Sports massage flushes the lactic acid out of your legs. Book today."
    (f,) = claims(lint, text)
    assert f.excerpt == "Sports massage flushes the lactic acid out of your legs."
    assert f.extra["frame"] == "lactic-removal" and f.reference.startswith("https://")
    assert f.suggestion and f.message.endswith(".")


def test_one_finding_per_sentence_the_highest_priority_reports(lint):
    # a myth (HL105) and a circulation benefit (HL108) in one sentence: the myth reports
    found = claims(lint, INTRO + "Massage improves circulation and flushes toxins out of the muscles.")
    assert [f.rule for f in found] == ["HL105"]


def test_a_sibling_rule_reports_when_the_higher_one_is_not_selected():
    lint = Linter(Settings(select=["HL108"]))
    text = INTRO + "Massage improves circulation and flushes toxins out of the muscles."
    assert [f.rule for f in lint.check_text(text).findings] == ["HL108"]


# -- context ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Massage does not cure fibromyalgia.",
    "No massage has been shown to remove toxins.",
    "Massage will not cure arthritis, reverse scoliosis or repair a damaged disc.",
    "It is a myth that massage flushes toxins out of your muscles.",
    "Some spas claim that massage flushes toxins. There is no evidence for this.",
    "Reflexologists believe that pressing the feet heals the organs.",
    "Does massage really flush toxins out of the body?",
    "Your liver and kidneys filter lactic acid out of the blood.",
    "Toxins are eliminated by the liver and the kidneys.",
    "Antibiotics cure the infection; massage does not.",
    "Tell your therapist before the session if you:\ntake blood thinners\nhave diabetes",
])
def test_context_excuses_what_the_article_does_not_assert(lint, text):
    assert not rules_of(lint, INTRO + text), text


def test_a_hedge_excuses_a_benefit_but_never_a_myth(lint):
    assert not rules_of(lint, INTRO + "Massage may improve circulation for a short time.")
    assert "HL105" in rules_of(lint, INTRO + "Massage may help flush toxins out of the muscles.")


def test_a_citation_backs_a_benefit_and_lowers_a_guarantee_to_info(lint):
    assert not claims(lint, INTRO + "Massage has been proven to ease back pain for a while (Furlan et al., 2015).")
    found = claims(lint, INTRO + "Our massage permanently removes knots, as one trial reported (Smith et al., 2019).")
    assert [(f.rule, f.severity) for f in found] == [("HL101", "info")]


def test_a_citation_far_away_does_not_back_a_claim(lint):
    text = (INTRO + "Massage has been proven to ease sciatica.\n" + "Our rooms are warm.\n" * 20
            + "A review is here (Furlan et al., 2015).")
    assert "HL106" in rules_of(lint, text)


def test_a_testimonial_is_info_and_scare_quotes_distance_an_energy_claim(lint):
    found = claims(lint, INTRO + '"After one session my sciatica was completely gone for good," says Maria.')
    assert [f.severity for f in found] == ["info"]
    assert not claims(lint, INTRO + "The practice claims to “release energy” through the feet.")


def test_an_article_that_refutes_a_myth_is_not_flagged_for_restating_it(lint):
    text = ("# The toxin myth\n\nIt is a myth that massage releases toxins from your muscles.\n\n"
            "Many people still believe a massage squeezes toxins out of the muscles. "
            "A massage flushes toxins out of the body, they say.")
    assert not rules_of(lint, text, "markdown")


def test_an_article_that_spreads_a_myth_is_flagged_where_the_trigger_word_is_missing(lint):
    text = (INTRO + "Sports massage flushes lactic acid out of the muscles. "
            "Lactic acid build-up can lead to poor performance and a longer recovery time.")
    found = claims(lint, text)
    assert [f.rule for f in found] == ["HL105", "HL105"]
    # the same warning without the myth elsewhere is not a claim of this article
    assert not claims(lint, INTRO + "Lactic acid build-up can lead to poor performance.")


def test_claims_need_an_article_about_bodywork(lint):
    assert not claims(lint, "Prevention of the disease is the goal of the new vaccine. Antibiotics cure most cases.")
    assert not claims(lint, "Good circulation is essential for nutrient delivery to the cells.")


def test_a_frame_added_in_a_publisher_data_folder_is_matched(tmp_path):
    (tmp_path / "magnets.yaml").write_text("""\
kind: lexicon
lists:
  - id: magnet-pull
    terms: [attract the iron, pull the iron]
""", encoding="utf-8")
    (tmp_path / "magnet-frames.yaml").write_text("""\
kind: frames
rule: HL105
frames:
  - id: magnets-iron
    when: [[bodywork, magnet-pull]]
    window: 4
    hedge: false
    message: "Magnet myth: therapy magnets do not attract the iron in your blood."
    suggestion: "Remove the claim."
    source: https://www.nccih.nih.gov/health/magnets-for-pain
""", encoding="utf-8")
    lint = Linter(Settings(select=["HL1"], data_dirs=[str(tmp_path)]))
    found = lint.check_text("Our magnets pull the iron in your blood to the sore spot.").findings
    assert [f.extra.get("frame") for f in found] == ["magnets-iron"]


def test_frame_data_names_its_source_and_message():
    from healthlint.frames import load_frames

    frames = [f for f in load_frames() if f.rule.startswith("HL1")]
    assert len(frames) >= 40
    for frame in frames:
        assert frame.source and frame.source.startswith("https://"), frame.id
        assert frame.message.endswith(".") and frame.suggestion, frame.id


# -- real pages -----------------------------------------------------------------------------------------------
def _score(corpus: Path) -> dict:
    if not SCORE.is_file() or not (corpus / "labels.jsonl").is_file():
        pytest.skip(f"{corpus} or the scorer is not available")
    command = [sys.executable, "-m", "healthlint", "check", "--isolated", "--select", "HL1", "--format", "json"]
    proc = subprocess.run([sys.executable, str(SCORE), "--corpus", str(corpus), "--json", "--", *command],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["claim"]


def test_web_corpus_targets():
    """Issue 15: claim recall >= 0.85 on required labels and precision >= 0.85 on real page excerpts."""
    result = _score(SHARED / "corpus" / "web")
    assert result["recall"] >= 0.85 and result["precision"] >= 0.85, result


def test_dev_corpus_targets(dev_corpus, lint):
    """Recall >= 0.90, precision >= 0.85, and no claim finding on the good-* articles."""
    result = _score(dev_corpus)
    assert result["recall"] >= 0.90 and result["precision"] >= 0.85, result
    for path in sorted(dev_corpus.glob("good-*")):
        fmt = {".html": "html", ".md": "markdown"}.get(path.suffix, "text")
        found = lint.check_text(path.read_text(encoding="utf-8"), path=str(path), fmt=fmt).findings
        assert not found, (path.name, [(f.rule, f.excerpt) for f in found])


def test_clean_nih_text_rate(lint):
    """At most one claim finding per 5,000 words of MedQuAD answers (clean NIH text)."""
    if not MEDQUAD.is_file():
        pytest.skip("../shared/corpus/real/medquad is not available")
    words = found = 0
    for line in MEDQUAD.read_text(encoding="utf-8").splitlines():
        answer = json.loads(line)["answer"]
        words += len(answer.split())
        found += len(claims(lint, answer))
    assert found / words * 5000 <= 1.0
