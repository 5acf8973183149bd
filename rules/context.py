"""Sentence context for the definition rules, by character offsets: a thin face of the one context judge.

Every family asks the same judge (``linter/judge.py``) whether a statement is negated, hedged,
debunked, reported, quoted or cited, so an article gets one answer; its cues are the lexicon
lists of ``rules/data/shared/cues.yaml`` matched on lemmas once per Doc. The definition rules
hold character offsets; this module only turns them into the judge's sentences and tokens. It
has no cue words of its own.

    from healthlint.rules.context import context_of
    ctx = context_of(doc, extra_dirs)          # cached per document
    ctx.debunked(start, end), ctx.quoted(start, end), ctx.reported(start)
"""
from __future__ import annotations

import bisect

from healthlint.document import Document
from healthlint.judge import judge_of
from healthlint.structure import Sentence, structure_of


class Context:
    """Context of one document; build with :func:`context_of` (cached on the document)."""

    def __init__(self, doc: Document, extra_dirs: tuple[str, ...] = ()):
        self.judge = judge_of(doc, tuple(extra_dirs))
        self.st = structure_of(doc)

    def _sentence(self, offset: int) -> Sentence | None:
        return self.st.sentence_at(offset)

    def _tokens(self, sent: Sentence, start: int, end: int) -> tuple[int, int]:
        """The token range of ``[start, end)`` inside the sentence."""
        idx = self.st._idx
        a = max(sent.tok_start, bisect.bisect_right(idx, start, sent.tok_start, sent.tok_end) - 1)
        b = max(a + 1, bisect.bisect_left(idx, end, sent.tok_start, sent.tok_end))
        return a, min(b, sent.tok_end)

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


def context_of(doc: Document, extra_dirs: tuple[str, ...] = ()) -> Context:
    """The document's :class:`Context`, built once and shared by every rule that asks."""
    return doc.memo(("rules.context", tuple(extra_dirs)), lambda: Context(doc, tuple(extra_dirs)))
