"""HL506 repeated-text (rules/article_repeated_text.py): a sentence or passage pasted twice."""
from __future__ import annotations

from healthlint.config import Settings
from healthlint.engine import Linter
from tests.conftest import article_findings

PARA = ("Trigger point therapy is used to ease tension in the muscles of the back. "
        "It is a great option for athletes as well as for people who sit all day.")
BODY = ("The therapist works slowly into the muscles of the lower back and the buttock, and then stretches the hip. "
        "Sessions last about an hour and you stay dressed in loose clothes on a padded table.")


def test_a_repeated_passage_is_one_finding(article_linter):
    text = PARA + "\n\nIt may feel uncomfortable at first.\n\n" + PARA
    found = article_findings(article_linter, "HL506", text)
    assert len(found) == 1
    assert (found[0].start, found[0].end) == (text.rindex(PARA), len(text))
    assert found[0].extra["sentences"] == 2 and "line 1" in found[0].message


def test_html_title_and_heading_are_not_repeats(article_linter):
    title = "Shiatsu Explained: Key Japanese Terms and What the Evidence Says"
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{BODY}</p></body></html>"
    assert not article_findings(article_linter, "HL506", html, fmt="html", path="a.html")


def test_short_sentences_may_repeat_and_the_minimum_is_a_setting(article_linter):
    text = "Breathe out slowly and let shoulders drop.\n\nRelax.\n\nBreathe out slowly and let shoulders drop."
    assert not article_findings(article_linter, "HL506", text)  # 7 words, under the default minimum of 8
    assert article_findings(Linter(Settings(select=["HL506"], repeat_min_words=5)), "HL506", text)


def test_summary_points_repeated_as_section_headings_pass(article_linter):
    text = ("Key points\n- Massage may ease back pain for a short time in some people.\n"
            "- Serious side effects are rare when a trained therapist gives it.\n\n"
            "Massage may ease back pain for a short time in some people.\n"
            "Trials found a small benefit that faded within months.\n\n"
            "Serious side effects are rare when a trained therapist gives it.\n"
            "Tell the therapist about blood clots, fractures or blood thinners.")
    assert not article_findings(article_linter, "HL506", text)
    pasted = text + "\n\nTrials found a small benefit that faded within months."
    assert article_findings(article_linter, "HL506", pasted)
