"""Sentence context: negation, hedging, debunking, quotation and citation (rules/context.py)."""
from __future__ import annotations

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.rules.context import context_of


@pytest.fixture(scope="module")
def lint():
    return Linter(Settings(select=["HL1"]))


def ctx_for(lint, text, fmt="text", path="a.txt"):
    doc = lint.check_text(text, path=path, fmt=fmt).document
    return context_of(doc), doc.text


def span(text, phrase, nth=1):
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


@pytest.mark.parametrize("sentence,phrase,expected", [
    ("Massage does not cure fibromyalgia.", "cure fibromyalgia", True),
    ("No manual therapy has been shown to cure chronic headache.", "cure chronic headache", True),
    ("Massage can't realign your spine.", "realign your spine", True),
    ("Massage cures fibromyalgia.", "cures fibromyalgia", False),
    # the negation belongs to another clause
    ("It is not painful, and it cures fibromyalgia.", "cures fibromyalgia", False),
    # pseudo-negation: "not only" asserts
    ("Massage not only relaxes you but cures fibromyalgia.", "cures fibromyalgia", False),
    ("Research has not yet proven that massage prevents injury.", "proven that", True),
])
def test_negation_is_clause_scoped(lint, sentence, phrase, expected):
    ctx, text = ctx_for(lint, sentence)
    assert ctx.negated(*span(text, phrase)) is expected


@pytest.mark.parametrize("sentence,phrase,expected", [
    ("Massage may help reduce stress.", "reduce stress", True),
    ("Some studies suggest reflexology eases anxiety.", "eases anxiety", True),
    ("Regular massage can help boost your immune system.", "boost your immune system", True),
    ("Regular massage boosts your immune system.", "boosts your immune system", False),
    ("Massage can cure sciatica.", "cure sciatica", False),  # "can" alone is not a hedge
])
def test_hedges(lint, sentence, phrase, expected):
    ctx, text = ctx_for(lint, sentence)
    assert ctx.hedged(*span(text, phrase)) is expected


def test_debunked_in_the_same_sentence(lint):
    ctx, text = ctx_for(lint, "It is a myth that massage flushes toxins out of your muscles.")
    assert ctx.debunked(*span(text, "flushes toxins"))


def test_reported_claim_debunked_by_the_next_sentence(lint):
    text = ("Some therapists claim that cupping draws toxins to the skin. There is no good evidence for this.\n\n"
            "Cupping draws toxins to the skin.")
    ctx, text = ctx_for(lint, text)
    assert ctx.debunked(*span(text, "draws toxins"))
    assert not ctx.debunked(*span(text, "draws toxins", 2)), "a later paragraph is not debunked"


def test_myth_heading_debunks_its_section_only(lint):
    text = ("# Massage facts\n\n## Myths we hear\n\n- Massage flushes lactic acid from the legs.\n\n"
            "## Our services\n\nMassage flushes lactic acid from the legs.\n")
    ctx, text = ctx_for(lint, text, "markdown", "a.md")
    assert ctx.debunked(*span(text, "flushes lactic acid"))
    assert not ctx.debunked(*span(text, "flushes lactic acid", 2))


def test_quoted_statement_but_not_a_scare_quote(lint):
    ctx, text = ctx_for(lint, 'Clients often say "massage flushes the toxins out of me" after a session. '
                              'Our massage "detoxes" you.')
    assert ctx.quoted(*span(text, "flushes the toxins"))
    assert not ctx.quoted(*span(text, "detoxes"))


@pytest.mark.parametrize("text,fmt,path", [
    ("Massage has been proven to ease back pain (Furlan et al., 2015).", "text", "a.txt"),
    ("Massage has been proven to ease back pain [3].", "text", "a.txt"),
    ("Massage has been proven to ease back pain, see [the review](https://doi.org/10.1002/14651858.CD001929.pub3).",
     "markdown", "a.md"),
    ('<p>Massage has been proven to ease back pain. '
     '<a href="https://pubmed.ncbi.nlm.nih.gov/26329399/">PubMed</a></p>', "html", "a.html"),
])
def test_citations_in_sentence_or_paragraph(lint, text, fmt, path):
    ctx, raw = ctx_for(lint, text, fmt, path)
    assert ctx.cited(*span(raw, "proven"))


def test_an_ordinary_link_is_not_a_citation(lint):
    ctx, raw = ctx_for(lint, "Massage has been proven to ease pain, [book now](https://spa.example.com/book).",
                       "markdown", "a.md")
    assert not ctx.cited(*span(raw, "proven"))


def test_front_matter_title_is_a_segment(lint):
    text = '---\ntitle: "Massage That Cures Sciatica"\n---\n\nBody text here.\n'
    ctx, raw = ctx_for(lint, text, "markdown", "a.md")
    kinds = {seg.kind: seg.text for seg in ctx.segments}
    assert kinds.get("title") == "Massage That Cures Sciatica"
    seg = ctx.segment_at(raw.index("Cures"))
    assert raw[seg.start:seg.end] == seg.text


def test_clause_trims_to_the_clause(lint):
    ctx, raw = ctx_for(lint, "Our clinic is friendly, and massage cures sciatica in a week, honestly.")
    start, end = ctx.clause(*span(raw, "cures sciatica"))
    assert raw[start:end] == "and massage cures sciatica in a week"


def test_context_is_cached_per_document(lint):
    doc = lint.check_text("Massage may help.", path="a.txt").document
    assert context_of(doc) is context_of(doc)


def test_a_myth_title_does_not_cover_the_whole_article(lint):
    ctx, raw = ctx_for(lint, "Five massage myths\n\nOur massage flushes toxins from your muscles.")
    assert not ctx.debunked(*span(raw, "flushes toxins"))


def test_list_introduced_by_a_debunking_sentence(lint):
    text = ("Massage and your back\n\nClaims you may see online that are not supported by evidence:\n"
            "- massage flushes toxins\n- cupping pulls out old blood\n\nMassage flushes toxins.")
    ctx, raw = ctx_for(lint, text)
    assert ctx.debunked(*span(raw, "pulls out old blood"))
    assert not ctx.debunked(*span(raw, "Massage flushes toxins"))
