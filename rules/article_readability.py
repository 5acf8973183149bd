"""HL504 readability: running prose above the target reading grade (Flesch-Kincaid)."""
from __future__ import annotations

from typing import NamedTuple

from healthlint.document import Document
from healthlint.rules._article import ArticleRule, anchor, in_metadata, is_article
from healthlint.rules._syllables import grade, syllables
from healthlint.structure import Sentence, structure_of

MIN_WORDS = 3  # a fragment ("Book now.") is not a sentence to grade
CACHE_SIZE = 200_000  # word forms whose syllables are kept (a per-process word cache, not per-document state)
_BY_FORM: dict[int, int] = {}  # the lower-case form's string hash -> its syllables


def _syllables_of(strings, form: int) -> int:
    n = _BY_FORM.get(form)
    if n is None:
        if len(_BY_FORM) >= CACHE_SIZE:
            _BY_FORM.clear()
        n = _BY_FORM[form] = syllables(strings[form])
    return n


class Graded(NamedTuple):
    sentence: Sentence
    words: int
    syllables: int


def graded_sentences(doc: Document) -> list[Graded]:
    """Running prose, sentence by sentence: headings, titles, metadata and fragments left out.

    Words are the alphabetic tokens in Latin script; syllables are counted once per word form
    of the document, and summed per sentence over arrays (no Python pass over the tokens).
    """
    import numpy  # lazily: a cached re-check never needs it
    from spacy.attrs import IS_ALPHA, IS_ASCII, LOWER  # spaCy is loaded once a document has a Doc

    st, sdoc = structure_of(doc), doc.spacy
    if not len(sdoc):
        return []
    arr = sdoc.to_array([IS_ALPHA, IS_ASCII, LOWER])
    is_word = (arr[:, 0] == 1) & (arr[:, 1] == 1)
    forms, where = numpy.unique(arr[:, 2], return_inverse=True)
    per_form = numpy.array([_syllables_of(sdoc.vocab.strings, h) for h in forms.tolist()], dtype="int64")
    words = numpy.concatenate(([0], numpy.cumsum(is_word)))
    syl = numpy.concatenate(([0], numpy.cumsum(per_form[where.ravel()] * is_word)))
    out = []
    for sent in st.sentences:
        a, b = sent.tok_start, sent.tok_end
        n = int(words[b] - words[a])
        if n >= MIN_WORDS and not sent.heading and not in_metadata(doc, sent.start, sent.end):
            out.append(Graded(sent, n, int(syl[b] - syl[a])))
    return out


class Readability(ArticleRule):
    r"""Flags an article whose Flesch-Kincaid reading grade is above the target, and names its hardest sentences.

    Why: health-literacy guidance (NIH, AMA, CDC Clear Communication Index) asks patient
    material to read at about a 6th-8th grade level; long sentences and long words lose
    the readers who most need the information. The grade is computed over running prose
    (headings and titles left out); the target is the `readability-target` setting
    (default 8). One finding at the title gives the grade; up to
    `readability-hard-sentences` (default 3) more point at the hardest sentences (those
    harder than the article as a whole).

    Bad: About myofascial pain

        Myofascial pain syndrome is a chronic musculoskeletal disorder characterised by hypersensitive trigger points within taut bands of skeletal muscle, producing localised tenderness, referred pain, restricted range of motion and occasionally autonomic phenomena. Contemporary conceptualisations emphasise peripheral and central sensitisation mechanisms, although considerable methodological heterogeneity complicates interpretation of diagnostic reliability investigations and therapeutic effectiveness comparisons. Consequently, individualised multidisciplinary management incorporating physiotherapeutic, pharmacological and psychological interventions is generally recommended.
    Good: About muscle knots

        Many people get sore spots in their muscles. People often call them knots. A knot can feel tight and tender when you press it. Some knots send pain to other places, such as from the neck to the head. Gentle massage may help them feel less sore for a while. Warm baths and light stretches can help too. Ask a doctor if the pain lasts for weeks or keeps you awake at night.
    Use instead: split long sentences, prefer short everyday words, and explain a medical term once in plain words.
    """

    code = "HL504"
    name = "readability"
    severity = "info"
    reference = "https://www.cdc.gov/ccindex/index.html"

    HARD_MIN_WORDS = 10  # a shorter sentence is not pointed at, however long its words

    def check(self, doc: Document):
        if not is_article(doc, self.settings):
            return
        sents = graded_sentences(doc)
        if len(sents) < 2:
            return
        words = sum(g.words for g in sents)
        syl = sum(g.syllables for g in sents)
        level = grade(words, len(sents), syl)
        target = self.settings.readability_target
        if level <= target:
            return
        hard = sorted(((grade(g.words, 1, g.syllables), g) for g in sents if g.words >= self.HARD_MIN_WORDS),
                      key=lambda item: -item[0])
        hard = [h for h in hard if h[0] > level][: max(0, self.settings.readability_hard_sentences)]
        named = ", ".join(f"line {doc.position(g.sentence.start)[0]} (grade {lv:.0f})" for lv, g in hard)
        start, end = anchor(doc)
        yield self.finding(
            doc, start, end,
            f"Reading grade {level:.1f} (Flesch-Kincaid) is above the target of {target:g}: "
            f"{words / len(sents):.0f} words a sentence, {syl / words:.2f} syllables a word."
            + (f" Hardest sentences: {named}." if named else ""),
            suggestion="Split long sentences and prefer short, everyday words.",
            grade=round(level, 1), target=target)
        for lv, g in hard:
            yield self.finding(
                doc, g.sentence.start, g.sentence.end,
                f"Hard to read: grade {lv:.0f} ({g.words} words) against a target of {target:g}.",
                suggestion="Split this sentence or use shorter words.", grade=round(lv, 1))
