"""The one context judge (linter/judge.py): negated, hedged, debunked, reported, quoted, cited."""
from __future__ import annotations

import pytest

from healthlint.judge import judge_of
from healthlint.structure import structure_of


def judged(linter, text: str, words: str, fmt: str = "text"):
    """The judge, the sentence and the token span of ``words`` (the first sentence that holds them)."""
    result = linter.check_text(text, path="a.md" if fmt == "markdown" else "a.txt", fmt=fmt)
    doc = result.document
    st, judge = structure_of(doc), judge_of(doc)
    at = doc.prose.index(words)
    span = doc.spacy.char_span(at, at + len(words), alignment_mode="expand")
    return judge, st.sentence_at(at), span.start, span.end


@pytest.mark.parametrize("text,words,expected", [
    ("Massage does not cure cancer.", "cure cancer", True),
    ("No massage has been shown to cure cancer.", "cure cancer", True),
    ("Massage cures cancer.", "cures cancer", False),
    ("Massage does not only relax you, it cures cancer.", "cures cancer", False),        # another clause
    ("It is not only relaxing but cures cancer.", "cures cancer", False),                # pseudo-negation
    ("Massage will not cure arthritis, reverse scoliosis or heal a disc.", "heal a disc", True),  # a negated list
    ("Massage will not hurt, and a course will then cure your arthritis completely.", "cure your arthritis", False),
])
def test_negation_reaches_the_claim_in_its_clause(linter, text, words, expected):
    judge, sent, a, b = judged(linter, text, words)
    assert judge.negated(sent, a, b) is expected


@pytest.mark.parametrize("text,words,expected", [
    ("Massage may ease back pain.", "ease back pain", True),
    ("Some studies suggest massage eases back pain.", "eases back pain", True),
    ("Massage eases back pain, for some people.", "eases back pain", True),
    ("Massage eases back pain.", "eases back pain", False),
    ("It may be pricey, and it eases back pain.", "eases back pain", False),  # the hedge is in another clause
])
def test_hedges(linter, text, words, expected):
    judge, sent, a, b = judged(linter, text, words)
    assert judge.hedged(sent, a, b) is expected


@pytest.mark.parametrize("text,words,expected", [
    ("It is a myth that massage flushes toxins.", "flushes toxins", True),
    ("Some websites claim that massage flushes toxins. There is no evidence for this.", "flushes toxins", True),
    ("Massage flushes toxins. There is no evidence for this.", "flushes toxins", False),  # no report to debunk
    ("Claims with no good evidence behind them:\nMassage flushes toxins.\nMassage cures colds.", "cures colds", True),
    ("# Massage\n\n## Myths about massage\n\nMassage flushes toxins.", "flushes toxins", True),
    ("# Massage\n\n## Myths about massage\n\nOld.\n\n## Benefits\n\nMassage flushes toxins.", "flushes toxins", False),
])
def test_debunking(linter, text, words, expected):
    fmt = "markdown" if text.startswith("#") else "text"
    judge, sent, a, b = judged(linter, text, words, fmt)
    assert judge.debunked(sent, a, b) is expected


@pytest.mark.parametrize("text,expected", [
    ("Reflexologists believe that the feet map the organs.", True),
    ("Some massage therapists that believe it say so.", True),
    ("According to traditional Chinese medicine, qi flows in channels.", True),
    ("The feet map the organs.", False),
])
def test_reported_speech(linter, text, expected):
    judge, sent, a, b = judged(linter, text, text[:8])
    assert judge.reported(sent) is expected


def test_quotations_of_three_words_or_more_but_not_scare_quotes(linter):
    judge, sent, a, b = judged(linter, '"Massage flushed all my toxins out," says Ann.', "flushed")
    assert judge.quoted(sent, a)
    judge, sent, a, b = judged(linter, 'Massage flushes "toxins" out.', "flushes")
    assert not judge.quoted(sent, a)
    judge, sent, a, b = judged(linter, "The practice aims to “release energy” today.", "release energy")
    assert judge.scare_quoted(sent, a, b)


@pytest.mark.parametrize("text,cited", [
    ("Massage eased pain in one trial (Smith et al., 2019).", True),
    ("Massage eased pain in one trial [3].", True),
    ("Massage eased pain in one trial.[3]", True),
    ("Massage eased pain (doi:10.1002/14651858.CD001929.pub3).", True),
    ("Massage eased pain, see PMID: 21589715.", True),
    ("Massage eased pain in one trial.", False),
])
def test_citations(linter, text, cited):
    judge, sent, a, b = judged(linter, text, "Massage")
    assert judge.cited(sent) is cited
    assert judge.has_citations() is cited


def test_an_evidence_link_cites_and_a_shop_link_does_not(linter):
    html = ('<p>Massage eased pain in <a href="https://pubmed.ncbi.nlm.nih.gov/123/">a trial</a>.</p>'
            '<p>Massage cures all in <a href="https://spa.example.com/">our spa</a>.</p>')
    result = linter.check_text(html, path="a.html", fmt="html")
    st, judge = structure_of(result.document), judge_of(result.document)
    first, second = st.sentences
    assert judge.cited(first) and not judge.cited(second)


def test_a_citation_twenty_lines_away_cites_nothing(linter):
    text = "Massage cures sciatica.\n" + "Our rooms are warm.\n" * 20 + "A review (Furlan et al., 2015)."
    judge, sent, a, b = judged(linter, text, "cures")
    assert not judge.cited(sent) and judge.has_citations()


def test_items_of_a_conditional_list_are_conditions(linter):
    text = "Tell your therapist first if you:\ntake blood thinners\nhave diabetes\n"
    judge, sent, a, b = judged(linter, text, "take blood")
    assert judge.conditional_item(sent)
    judge, sent, a, b = judged(linter, "Our advice:\ntake a walk every day\n", "take a walk")
    assert not judge.conditional_item(sent)


def test_the_judge_is_built_once_per_document(linter):
    result = linter.check_text("Massage helps.")
    assert judge_of(result.document) is judge_of(result.document)
