"""Sentence context for the rule families, by character offsets: a thin face of the one context judge.

Every family asks the same judge (``linter/judge.py``) whether a statement is negated, hedged,
debunked, reported, quoted or cited, so an article gets one answer; its cues are the lexicon
lists of ``rules/data/shared/cues.yaml`` matched on lemmas once per Doc. This module only turns
character offsets (what the definition rules and the article rules hold) into the judge's
sentences and tokens. It has no cue words of its own.

API (small on purpose; other rule families may use it)::

    from healthlint.rules.context import context_of
    ctx = context_of(doc, extra_dirs)          # cached per document
    for seg in ctx.segments:                   # sentences and headings
        ...
    ctx.assess(start, end)  -> Assessment(negated, hedged, debunked, quoted, cited)
    ctx.clause(start, end)  -> (start, end) of the clause around a match
    ctx.paragraph(seg)      -> the paragraph text of a segment
    ctx.memo                -> a dict for rules that share per-document work
    ctx.section(seg)        -> paragraph + nearest heading above + title
    ctx.reported(start)     -> reported speech ("practitioners believe ...")

Scopes are the judge's (NegEx / BioScope style): negation and hedges in the clause of the
statement, debunks in the sentence, in the next sentence after reported speech or a quote, in
a list introduced by a debunking line, or under a section heading that debunks ("Myths we
still hear"); quotes of three words or more, paired over the paragraph.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from healthlint.document import Document
from healthlint.evidence import sources
from healthlint.judge import judge_of
from healthlint.structure import Sentence, structure_of


@dataclass(frozen=True)
class Segment:
    """A sentence or heading: ``text`` is the prose at ``[start, end)``."""

    start: int
    end: int
    text: str
    para_start: int
    para_end: int
    index: int
    kind: str = "sentence"


@dataclass(frozen=True)
class Assessment:
    negated: bool = False
    hedged: bool = False
    debunked: bool = False
    quoted: bool = False
    cited: bool = False


@dataclass(frozen=True)
class Cues:
    """The citation markers glued to text (``shared/sources.yaml``); the word cues live in the lexicon."""

    citation: re.Pattern


class Context:
    """Context of one document; build with :func:`context_of` (cached on the document)."""

    def __init__(self, doc: Document, extra_dirs: tuple[str, ...] = ()):
        self.doc = doc
        self.memo: dict = {}
        self.judge = judge_of(doc, tuple(extra_dirs))
        self.st = structure_of(doc)
        self.cues = Cues(sources(tuple(extra_dirs)).citation_regex)
        self.segments = [Segment(s.start, s.end, self.st.prose[s.start:s.end], s.para_start, s.para_end, s.index,
                                 "heading" if s.heading else "sentence") for s in self.st.sentences]
        self._starts = [s.start for s in self.segments]

    # -- places -----------------------------------------------------------------
    def _sentence(self, offset: int) -> Sentence | None:
        return self.st.sentence_at(offset)

    def _tokens(self, sent: Sentence, start: int, end: int) -> tuple[int, int]:
        """The token range of ``[start, end)`` inside the sentence."""
        idx = self.st._idx
        a = max(sent.tok_start, bisect.bisect_right(idx, start, sent.tok_start, sent.tok_end) - 1)
        b = max(a + 1, bisect.bisect_left(idx, end, sent.tok_start, sent.tok_end))
        return a, min(b, sent.tok_end)

    def segment_at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[i] if i >= 0 and offset < self.segments[i].end + 1 else None

    def paragraph(self, seg: Segment) -> str:
        return self.doc.prose[seg.para_start:seg.para_end]

    def section(self, seg: Segment) -> str:
        """The paragraph plus the nearest heading above it and the title: what a list item is about."""
        heading = self.st.heading_above(seg.start)
        return " \n".join(filter(None, (self.paragraph(seg), heading.text if heading else "", self.doc.title)))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause (between commas, semicolons, "but" ...) that holds ``[start, end)``."""
        sent = self._sentence(start)
        if sent is None:
            return start, end
        a, b = self._tokens(sent, start, end)
        return self.st.clause_chars(sent, a, b)

    # -- the questions ---------------------------------------------------------------
    def negated(self, start: int, end: int) -> bool:
        sent = self._sentence(start)
        return bool(sent) and self.judge.negated(sent, *self._tokens(sent, start, end))

    def hedged(self, start: int, end: int) -> bool:
        sent = self._sentence(start)
        return bool(sent) and self.judge.hedged(sent, *self._tokens(sent, start, end))

    def debunked(self, start: int, end: int) -> bool:
        """The judge's debunk, or reported speech ("some sites say ...") that the next sentence refutes."""
        sent = self._sentence(start)
        if sent is None:
            return False
        if self.judge.debunked(sent, *self._tokens(sent, start, end)):
            return True
        nxt = self.st.neighbour(sent, 1)
        return self.judge.reported(sent) and self.st.same_paragraph(sent, nxt) and self.judge.refutes(nxt)

    def reported(self, start: int) -> bool:
        sent = self._sentence(start)
        return bool(sent) and self.judge.reported(sent)

    def quoted(self, start: int, end: int) -> bool:
        sent = self._sentence(start)
        return bool(sent) and self.judge.quoted(sent, self._tokens(sent, start, end)[0])

    def cited(self, start: int, end: int) -> bool:
        sent = self._sentence(start)
        return bool(sent) and self.judge.cited(sent)

    def assess(self, start: int, end: int) -> Assessment:
        return Assessment(self.negated(start, end), self.hedged(start, end), self.debunked(start, end),
                          self.quoted(start, end), self.cited(start, end))


def context_of(doc: Document, extra_dirs: tuple[str, ...] = ()) -> Context:
    """The document's :class:`Context`, built once and shared by every rule that asks."""
    return doc.memo(("rules.context", tuple(extra_dirs)), lambda: Context(doc, tuple(extra_dirs)))
