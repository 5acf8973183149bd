"""The article quality score (linter/score.py): formula, caps, explanation, and where it is shown."""
from __future__ import annotations

import json

import pytest

from healthlint import score as scoring
from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.finding import Finding


def finding(rule="HL101", category="claim", severity="error", name="rule-name"):
    return Finding(rule=rule, category=category, severity=severity, message="m", start=0, end=1, name=name)


def test_no_findings_is_a_perfect_score():
    assert scoring.score([]) == (100, [])


def test_one_finding_costs_severity_times_category_weight():
    value, breakdown = scoring.score([finding(severity="error", category="claim")])
    assert value == 100 - 8 * 1.5
    assert breakdown == [{"reason": "HL101 rule-name: 1 finding (1 error, claim)", "points": -12, "rule": "HL101",
                          "category": "claim", "findings": 1}]
    assert scoring.score([finding(severity="info", category="document", rule="HL504")])[0] == 99


def test_one_rule_is_capped():
    value, breakdown = scoring.score([finding() for _ in range(20)])  # 20 x 12 points uncapped
    assert value == 100 - scoring.RULE_CAP
    assert "capped at 25 per rule" in breakdown[0]["reason"] and breakdown[0]["findings"] == 20


def test_a_category_is_capped_and_its_rules_scaled_together():
    findings = [finding(rule=f"HL10{i}") for i in range(1, 4) for _ in range(3)]  # 3 rules x 25 (capped) = 75
    value, breakdown = scoring.score(findings)
    assert value == 100 - scoring.CATEGORY_CAP["claim"]
    assert sum(b["points"] for b in breakdown) == -40
    assert all("claim capped at 40" in b["reason"] for b in breakdown)
    assert sorted(b["points"] for b in breakdown) == [-14, -13, -13]


def test_breakdown_adds_up_and_is_costliest_first():
    findings = [finding("HL101", "claim", "warning"), finding("HL405", "spam", "error"), finding("HL405", "spam", "error"),
                finding("HL504", "document", "info"), finding("HL301", "technique", "warning")]
    value, breakdown = scoring.score(findings)
    assert 100 + sum(b["points"] for b in breakdown) == value == 100 - (6 + 24 + 1 + 4)
    assert [b["rule"] for b in breakdown] == ["HL405", "HL101", "HL301", "HL504"]
    assert [b["points"] for b in breakdown] == sorted(b["points"] for b in breakdown)


def test_score_floors_at_zero():
    findings = [finding(rule=f"HL{c}0{i}", category=cat) for c, cat in ((1, "claim"), (2, "definition"),
                (3, "technique"), (4, "spam")) for i in range(1, 4) for _ in range(3)]
    value, breakdown = scoring.score(findings)
    assert value == 0
    assert -sum(b["points"] for b in breakdown) == 40 + 30 + 25 + 40


def test_unknown_category_and_severity_do_not_crash():
    value, _ = scoring.score([finding(category="plugin-category", severity="weird")])
    assert value == 99


def test_summary_lists_the_top_costs():
    extra = {"score": 61, "score_breakdown": [{"rule": "HL105", "points": -20}, {"rule": "HL402", "points": -12},
                                              {"rule": "HL503", "points": -4}, {"rule": "HL504", "points": -2},
                                              {"rule": "HL507", "points": -1}]}
    assert scoring.summary(extra) == "quality score 61/100 (HL105 -20, HL402 -12, HL503 -4, 2 more -3)"
    assert scoring.summary({"score": 100, "score_breakdown": []}) == "quality score 100/100"
    assert scoring.summary({}) == ""


# -- in the engine and the reports -----------------------------------------------------------------

SPUN = ("Massage for sciatica\n\nDeep tissue massage relieves sciatica and eases back pain for good. Regular sessions "
        "also improve circulation and boost the immune system. The therapist works slowly into the muscles of the "
        "lower back, and then stretches the hip. Apply pressure to the effected muscles for thirty seconds. "
        "You should feel lighter after the first visit; book a course of five sessions to keep the pain away.")


@pytest.fixture(scope="module")
def article_linter():
    return Linter(Settings(select=["HL5"]))


def test_engine_sets_the_score_on_every_checked_file(article_linter):
    result = article_linter.check_text(SPUN)
    assert isinstance(result.extra["score"], int)
    rules = {b["rule"] for b in result.extra["score_breakdown"]}
    assert {"HL501", "HL502", "HL503", "HL507"} <= rules
    assert result.extra["score"] == 100 + sum(b["points"] for b in result.extra["score_breakdown"])


def test_json_and_text_reports_show_the_score(article_linter):
    from healthlint.engine import RunResult
    from healthlint.reports import json_report, text

    run = RunResult(files=[article_linter.check_text(SPUN, path="spun.txt")], rules={}, settings=Settings())
    data = json.loads(json_report.render(run))
    assert data["files"][0]["score"] == run.files[0].extra["score"]
    assert data["files"][0]["score_breakdown"][0]["points"] < 0
    out = text.render(run)
    assert f"spun.txt: quality score {run.files[0].extra['score']}/100 (HL50" in out
    clean = RunResult(files=[article_linter.check_text("Massage may help you relax.", path="clean.txt")], rules={},
                      settings=Settings())
    assert clean.files[0].extra["score"] == 100 and "clean.txt" not in text.render(clean)


def _check_corpus(linter, folder, pattern):
    out = {}
    for path in sorted(folder.glob(pattern)):
        fmt = {".md": "markdown", ".html": "html"}.get(path.suffix, "text")
        out[path.name] = linter.check_text(path.read_text(encoding="utf-8"), str(path), fmt).extra["score"]
    return out


def test_dev_corpus_good_articles_score_at_least_80(linter, dev_corpus):
    scores = _check_corpus(linter, dev_corpus, "good-*")
    assert scores and all(s >= 80 for s in scores.values()), scores


def test_dev_corpus_seed_and_spam_articles_score_below_40(linter, dev_corpus):
    scores = _check_corpus(linter, dev_corpus, "spam-*") | _check_corpus(linter, dev_corpus, "seed-*")
    assert len(scores) >= 6 and all(s < 40 for s in scores.values()), scores


def test_unused_suppression_findings_cost_nothing():
    assert scoring.score([finding(rule="HL590", category="document", severity="info")]) == (100, [])
