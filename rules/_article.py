"""What the article-level rules (HL5xx) share: their base class, the article test and where findings point.

Medical editors judge a whole article, not only its sentences. The published instruments
say what to look for: the JAMA benchmarks (authorship, attribution, currency), HONcode,
DISCERN (sources, risks, when to seek help) and health-literacy guidance that patient
material read at about a 6th-8th grade level. Each rule has its own module
(``rules/article_*.py``); their word lists are lexicon lists (``rules/data/article/``),
and what other families know (claims, red flags, evidence domains) they read from the
core, computed once per document.

Article-wide findings (HL501-HL504) point at the article's title (its first heading, or
its first line); sentence-level ones point at the exact words.
"""
from __future__ import annotations

import re

from healthlint.document import Document
from healthlint.rule import Rule
from healthlint.structure import structure_of

JAMA = "https://doi.org/10.1001/jama.1997.03540390074039"
DISCERN = "https://doi.org/10.1136/jech.53.2.105"

_FIRST_LINE = re.compile(r"\S[^\n]*")


class ArticleRule(Rule):
    """Base of the HL5xx rules: the ``document`` category and the settings' data folders."""

    category = "document"

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.extra_dirs = tuple(settings.data_dirs)


def word_count(doc: Document) -> int:
    """Words of the text the pipeline read (alphabetic tokens), counted once per document."""
    from spacy.attrs import IS_ALPHA  # spaCy is loaded once a document has a Doc

    return doc.memo("article:words", lambda: int(doc.spacy.to_array(IS_ALPHA).sum()) if len(doc.spacy) else 0)


def is_article(doc: Document, settings) -> bool:
    """Article-wide rules need an article: a snippet of a few sentences has no byline or reference list."""
    return word_count(doc) >= settings.article_min_words


def anchor(doc: Document) -> tuple[int, int]:
    """Where an article-wide finding points: the visible title (first heading), else the first line."""
    for heading in doc.headings:
        if heading.start >= 0 and heading.end > heading.start:
            return heading.start, heading.end
    title = doc.metadata.get("title")
    if title and title.start >= 0 and title.end > title.start:
        return title.start, title.end
    match = _FIRST_LINE.search(doc.prose)
    if not match:
        return 0, 0
    return match.start(), match.start() + len(match.group().rstrip())


def in_metadata(doc: Document, start: int, end: int) -> bool:
    """The span lies in a metadata value (a front-matter title or description, an HTML ``<title>``)."""
    return any(f.start >= 0 and (f.start <= start < f.end or f.start < end <= f.end) for f in doc.metadata.values())


def short(text: str, n: int = 60) -> str:
    """One line of at most ``n`` characters, for quoting a sentence in a message."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def quote_line(doc: Document, start: int, end: int) -> str:
    """``line N: "sentence ..."`` for a message that points at a place other than the finding's."""
    return f"line {doc.position(start)[0]}: \"{short(structure_of(doc).prose[start:end])}\""


def alpha_prefix(doc: Document) -> numpy.ndarray:
    """``p[i]`` = alphabetic tokens before token ``i`` (so ``p[b] - p[a]`` counts words in ``[a, b)``)."""
    from spacy.attrs import IS_ALPHA

    def compute():
        import numpy  # lazily: a cached re-check never needs it
        alpha = doc.spacy.to_array(IS_ALPHA).astype("int64") if len(doc.spacy) else numpy.zeros(0, "int64")
        return numpy.concatenate(([0], numpy.cumsum(alpha)))
    return doc.memo("article:alpha-prefix", compute)
