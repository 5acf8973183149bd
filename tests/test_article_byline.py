"""HL503 missing-byline (rules/article_byline.py): who wrote the article, and when, from metadata or a byline line."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from healthlint.config import Settings
from healthlint.engine import Linter
from tests.conftest import article_findings

CASES = yaml.safe_load((Path(__file__).parent / "data" / "article" / "bylines.yaml").read_text(encoding="utf-8"))
ARTICLE = ("Massage for sciatica\n{byline}\n\nDeep tissue massage may ease back pain for some people. "
           "The therapist works slowly into the muscles of the lower back and the buttock, and then stretches the hip. "
           "Sessions last about an hour and you stay dressed in loose clothes on a padded table. "
           "Afterwards you may feel a little sore for a day or two, which is common and passes. ")


@pytest.fixture(scope="module")
def strict():
    """HL503 asking for everything a byline can give."""
    return Linter(Settings(select=["HL503"], byline_required=["author", "date", "reviewed"]))


@pytest.mark.parametrize("case", CASES, ids=[c["line"][:40] for c in CASES])
def test_a_byline_line_gives_what_it_names(strict, case):
    found = article_findings(strict, "HL503", ARTICLE.format(byline=case["line"]))
    missing = set(found[0].extra["missing"]) if found else set()
    assert {"author", "date", "reviewed"} - missing == set(case["found"])


def test_no_byline_is_flagged_at_the_title(article_linter):
    found = article_findings(article_linter, "HL503", ARTICLE.format(byline=""))
    assert len(found) == 1 and found[0].start == 0 and found[0].extra["missing"] == ["author"]
    assert "who stands behind" in found[0].message


def test_a_byline_at_the_bottom_counts_and_one_in_the_middle_does_not(article_linter):
    lines = "\n\n".join(f"Paragraph {n} says something about massage and sessions." for n in range(20))
    bottom = "Massage for sciatica\n\n" + lines + "\n\nWritten by Anong Srisuk"
    assert not article_findings(article_linter, "HL503", bottom)
    middle = "Massage for sciatica\n\n" + lines.replace("Paragraph 10", "Written by Anong Srisuk. Paragraph 10")
    assert article_findings(article_linter, "HL503", middle)


def test_front_matter_author_counts_and_a_cms_default_does_not(article_linter):
    admin = ("---\ntitle: Massage\nauthor: admin\ndate: 2024-02-11\n---\n\n# Massage for sciatica\n\n"
             + ARTICLE.format(byline=""))
    assert article_findings(article_linter, "HL503", admin, fmt="markdown", path="a.md")
    real = admin.replace("author: admin", "author: \"Jess Marlow, LMT\"")
    assert not article_findings(article_linter, "HL503", real, fmt="markdown", path="a.md")


def test_byline_required_can_ask_for_a_date_too():
    dated = Linter(Settings(select=["HL503"], byline_required=["author", "date"]))
    found = article_findings(dated, "HL503", ARTICLE.format(byline="Written by Anong Srisuk"))
    assert len(found) == 1 and found[0].extra["missing"] == ["date"] and "how current it is" in found[0].message


def test_html_meta_author_and_date_count(strict):
    html = ("<html><head><title>Massage</title><meta name=\"author\" content=\"Maria Lopez\">"
            "<meta name=\"date\" content=\"2024-03-01\"></head><body><h1>Massage for sciatica</h1><p>"
            + ARTICLE.format(byline="") + "</p></body></html>")
    result = strict.check_text(html, path="a.html", fmt="html")
    assert {"author", "date"} <= set(result.document.metadata)
    found = [f for f in result.findings if f.rule == "HL503"]
    assert found and found[0].extra["missing"] == ["reviewed"]


def test_metadata_author_and_date_from_an_archive_count(strict):
    """WordPress and JSON Lines archives put author and date into Document.metadata under those keys."""
    from healthlint.document import Field

    result = strict.check_text(ARTICLE.format(byline=""), path="a.txt")
    doc = result.document
    doc.metadata["author"] = Field("author", "Maria Lopez")
    doc.metadata["date"] = Field("date", "2024-03-01")
    doc.metadata["modified"] = Field("modified", "2024-05-01")
    rule = next(r for r in strict.rules if r.code == "HL503")
    assert not list(rule.check(doc))


def test_snippets_are_not_articles(article_linter):
    assert not article_findings(article_linter, "HL503", "Massage may ease back pain for some people.")
