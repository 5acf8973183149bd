"""Safe fixes of spam findings (linter/fixes.py): exactly the residue or the keyword goes, nothing else."""
from __future__ import annotations

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.fixes import balanced

BODY = "Warm compresses can ease a stiff neck, and slow turning of the head keeps it moving."


@pytest.fixture(scope="module")
def spam():
    return Linter(Settings(select=["HL4"]))


def fixed(linter, text, fmt="text"):
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    out = text
    findings = linter.check_text(text, path=f"a.{suffix}", fmt=fmt).findings
    edits = sorted((e for f in findings if f.fix for e in f.fix.edits), key=lambda e: -e.start)
    for e in edits:
        out = out[:e.start] + e.replacement + out[e.end:]
    return out, findings


@pytest.mark.parametrize("text,expected", [
    # a residue line goes with its line break only
    (f"{BODY}\nShare on Facebook Share on X\nRest well.\n", f"{BODY}\nRest well.\n"),
    # a run of residue lines goes line by line, and the blank lines between them with it
    (f"{BODY}\n\n17 views 0 comments\n\nRecent Posts\n\nSee All\n", f"{BODY}\n\n"),
    # an inline label goes and the sentence stays
    ("A man turning his head.Share on Pinterest\nRest.", "A man turning his head.\nRest."),
    # a keyword in brackets goes with its brackets and one space
    (f"Neck massage (마사지) eases stiffness. {BODY}", f"Neck massage eases stiffness. {BODY}"),
    # a keyword right after the word it repeats
    (f"A neck massage 마사지 eases stiffness. {BODY}", f"A neck massage eases stiffness. {BODY}"),
])
def test_text_fixes(spam, text, expected):
    assert fixed(spam, text)[0] == expected


def test_html_residue_element_is_removed_whole_and_stays_balanced(spam):
    html = f"<html><body><p>{BODY}</p>\n<p>Leave a Reply</p>\n<p>Rest well.</p></body></html>"
    out, findings = fixed(spam, html, "html")
    assert [f.rule for f in findings] == ["HL405"]
    assert out == f"<html><body><p>{BODY}</p>\n<p>Rest well.</p></body></html>"


def test_markdown_residue_link_is_removed_with_its_markup(spam):
    md = f"{BODY}\n\n[Read more at neck-news.example.com](https://neck-news.example.com/a)\n\nRest well.\n"
    out, findings = fixed(spam, md, "markdown")
    assert "HL405" in [f.rule for f in findings]
    assert out == f"{BODY}\n\nRest well.\n"


def test_no_fix_that_would_cut_an_element():
    assert balanced("<b>Share</b> on <i>X</i>")
    assert not balanced("Share on X</p><p>")
    assert not balanced("<a href='x'>Share")
    assert not balanced("Share <br")
