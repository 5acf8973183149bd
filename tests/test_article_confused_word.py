"""HL507 confused-word (rules/article_confused_word.py): a confused word in the context that makes it wrong, with a fix."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from healthlint.rules.article_confused_word import confusions
from tests.conftest import article_findings

CASES = yaml.safe_load((Path(__file__).parent / "data" / "article" / "confused_words.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["bad"], ids=[c["text"][:40] for c in CASES["bad"]])
def test_the_confused_word_is_flagged_exactly_and_fixed(article_linter, case):
    text = case["text"]
    found = article_findings(article_linter, "HL507", text)
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end] == case["wrong"]
    assert f.reference and f.suggestion == f"Use \"{case['right']}\"."
    edits = f.fix.edits
    assert [(e.start, e.end, e.replacement) for e in edits] == [(f.start, f.end, case["right"])]
    fixed = text[:edits[0].start] + edits[0].replacement + text[edits[0].end:]
    assert not article_findings(article_linter, "HL507", fixed)  # the fix repairs exactly the confused word


@pytest.mark.parametrize("text", CASES["good"])
def test_correct_uses_pass(article_linter, text):
    assert not article_findings(article_linter, "HL507", text)


def test_contexts_are_not_matched_over_the_whole_document():
    """Only the confused word is a lexicon term (PhraseMatcher, one pass); its contexts stay out of the
    document-wide token Matcher, whose cost grows with every pattern it holds."""
    from healthlint.lexicon import word_lists

    lists = word_lists()
    assert len(confusions()) >= 25
    for c in confusions():
        assert lists[c.id].terms and not lists[c.id].patterns, c.id


def test_the_palpitate_entry_does_not_overstate_what_palpitations_are():
    """Palpitations are heartbeats you notice (pounding, fluttering or irregular), not only irregular beats."""
    entry = next(c for c in confusions() if c.wrong == "palpitate")
    assert "pounding" in entry.why and "fluttering" in entry.why
