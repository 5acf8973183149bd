"""The article as rules read it: sentences, headings, paragraphs, clauses and the lexicon's atoms.

Built once per document from its spaCy Doc (``structure_of(doc)``, cached on the
Document) so that every rule family sees the same sentences and the same clause
boundaries, and nothing here is recomputed per rule or per match.

* A *sentence* is a spaCy sentence (headings and list items are sentences of
  their own, see ``linter/pipeline.py``), with its paragraph and whether it is a
  heading (a Markdown/HTML heading, or the title).
* A *clause* is a stretch of a sentence between clause-breaking punctuation
  (comma, semicolon, colon, brackets, dashes) and the words of the lexicon list
  ``clause-break`` ("but", "however", "although" ...).
* An *atom* is one match of a lexicon list: ``(start token, end token, label)``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from .document import Document
from .lexicon import ATOMS

BREAK_PUNCT = frozenset(",;:()[]{}\u2014\u2013|\u2022\u00b7") | {"--", "-", "...", "\u2026"}
SENTENCE_END = frozenset(".!?")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int          # character offsets of the stripped sentence
    end: int
    tok_start: int      # token offsets in the spaCy Doc
    tok_end: int
    para_start: int     # character offsets of its paragraph
    para_end: int
    heading: bool = False

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


class Atom(NamedTuple):
    start: int  # token offsets
    end: int
    label: str


class Structure:
    """Sentences, paragraphs, clauses and atoms of one document."""

    def __init__(self, doc: Document):
        import numpy
        from spacy.attrs import IDX, ORTH, SENT_START, SPACY  # spaCy is loaded by now: a Doc exists

        self.doc = doc
        sdoc = doc.spacy
        # what the pipeline read: the prose plus the metadata it shows (title ...), same length as the file
        self.prose = prose = doc.analysis_text()  # (not sdoc.text, which joins every token in Python)
        self._para_starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(prose)]
        heading_spans = sorted((h.start, h.end) for h in doc.headings)
        self.sentences: list[Sentence] = []
        # token starts (characters) and sentence starts from arrays: no Token or Span objects per token
        arr = sdoc.to_array([SENT_START, IDX, ORTH, SPACY]) if len(sdoc) else numpy.zeros((0, 4), dtype="uint64")
        idx = arr[:, 1].tolist()
        starts = [i for i, v in enumerate(arr[:, 0].tolist()) if v == 1] or ([0] if len(sdoc) else [])
        self._idx = idx
        strings = sdoc.vocab.strings
        self.words: list[str] = [strings[h] for h in arr[:, 2].tolist()]  # token texts, without Token objects
        self.lower: list[str] = [w.lower() for w in self.words]
        self._space_after = arr[:, 3].tolist()
        for n, tok_start in enumerate(starts):
            tok_end = starts[n + 1] if n + 1 < len(starts) else len(sdoc)
            char_start = idx[tok_start]
            char_end = idx[tok_end] if tok_end < len(sdoc) else len(prose)
            raw = prose[char_start:char_end]
            stripped = raw.strip()
            if not stripped:
                continue
            start = char_start + (len(raw) - len(raw.lstrip()))
            ps, pe = self.paragraph_bounds(start)
            self.sentences.append(Sentence(len(self.sentences), start, start + len(stripped), tok_start, tok_end,
                                           ps, pe, _inside(start, heading_spans) or self._is_title(start)))
        self._sent_tok = [s.tok_start for s in self.sentences]
        self._sent_char = [s.start for s in self.sentences]
        atoms = [Atom(*a) for a in sdoc.user_data.get(ATOMS, ())]
        self.atoms = atoms
        self._clause = self._clause_numbers(atoms)
        self._atom_starts = [a.start for a in atoms]
        self._labels_by_sentence: dict[int, frozenset[str]] = {}
        self._para_labels: dict[int, frozenset[str]] | None = None
        self.counts: dict[str, int] = {}
        for a in atoms:
            self.counts[a.label] = self.counts.get(a.label, 0) + 1

    # -- places ---------------------------------------------------------------
    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        end = self._para_starts[i + 1] if i + 1 < len(self._para_starts) else len(self.prose)
        return self._para_starts[i], end

    def _is_title(self, start: int) -> bool:
        title = self.doc.metadata.get("title")
        return bool(title and title.start >= 0 and title.start <= start < max(title.end, title.start + 1))

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sent_char, offset) - 1
        return self.sentences[i] if i >= 0 and offset < self.sentences[i].end + 1 else None

    def sentence_of_token(self, token: int) -> Sentence | None:
        i = bisect.bisect_right(self._sent_tok, token) - 1
        return self.sentences[i] if i >= 0 and token < self.sentences[i].tok_end else None

    def neighbour(self, sent: Sentence, step: int) -> Sentence | None:
        i = sent.index + step
        return self.sentences[i] if 0 <= i < len(self.sentences) else None

    def same_paragraph(self, a: Sentence, b: Sentence | None) -> bool:
        return b is not None and a.para_start == b.para_start

    def heading_above(self, offset: int):
        """The nearest heading (of the document's headings) that starts before ``offset``."""
        best = None
        for h in self.doc.headings:
            if h.start <= offset and (best is None or h.start > best.start):
                best = h
        return best

    def text(self, sent: Sentence) -> str:
        return self.prose[sent.start:sent.end]

    def char_span(self, tok_start: int, tok_end: int) -> tuple[int, int]:
        return self._idx[tok_start], self._idx[tok_end - 1] + len(self.words[tok_end - 1])

    def offset(self, token: int) -> int:
        """The character offset of a token."""
        return self._idx[token]

    # -- atoms ------------------------------------------------------------------
    def atoms_in(self, tok_start: int, tok_end: int) -> list[Atom]:
        i = bisect.bisect_left(self._atom_starts, tok_start)
        j = bisect.bisect_left(self._atom_starts, tok_end, lo=i)
        return [a for a in self.atoms[i:j] if a.end <= tok_end]

    def labels_in(self, sent: Sentence) -> frozenset[str]:
        found = self._labels_by_sentence.get(sent.index)
        if found is None:
            found = self._labels_by_sentence[sent.index] = frozenset(
                a.label for a in self.atoms_in(sent.tok_start, sent.tok_end))
        return found

    def paragraph_labels(self, sent: Sentence) -> frozenset[str]:
        """The labels of every sentence of the sentence's paragraph (all paragraphs computed at once)."""
        if self._para_labels is None:
            groups: dict[int, set[str]] = {}
            for other in self.sentences:
                groups.setdefault(other.para_start, set()).update(self.labels_in(other))
            self._para_labels = {k: frozenset(v) for k, v in groups.items()}
        return self._para_labels.get(sent.para_start, frozenset())

    def section_labels(self, sent: Sentence) -> frozenset[str]:
        """The paragraph's labels, plus those of the nearest heading above it and of the first heading (the title)."""
        labels = set(self.paragraph_labels(sent))
        heading = self.heading_above(sent.start)
        for h in filter(None, (heading, self.doc.headings[0] if self.doc.headings else None)):
            hs = self.sentence_at(h.start)
            if hs is not None:
                labels |= self.labels_in(hs)
        for s in self.sentences[:1]:
            if s.heading:
                labels |= self.labels_in(s)
        return frozenset(labels)

    def has(self, label: str, tok_start: int, tok_end: int) -> bool:
        return any(a.label == label for a in self.atoms_in(tok_start, tok_end))

    def count(self, label: str) -> int:
        return self.counts.get(label, 0)

    # -- clauses ------------------------------------------------------------------
    def _clause_numbers(self, atoms: list[Atom]) -> list[int]:
        """A clause number for every token of the document; a break token opens a new clause.

        Breaks are the punctuation of BREAK_PUNCT (a hyphen only with a space beside it: "non-surgical"
        is one word) and the words of the lexicon list ``clause-break``; ", but" opens one clause, not two.
        """
        words, space = self.words, self._space_after
        breaks = {a.start for a in atoms if a.label == "clause-break"}
        out, n, after_break = [], 0, False
        for i, w in enumerate(words):
            is_break = i in breaks or (w in BREAK_PUNCT and (w != "-" or space[i] or (i and space[i - 1])))
            if is_break and not after_break:
                n += 1
            after_break = is_break
            out.append(n)
        return out

    def clause_ids(self, sent: Sentence) -> list[int]:
        """The clause number of each token of the sentence."""
        return self._clause[sent.tok_start:sent.tok_end]

    def clause_of(self, sent: Sentence, token: int) -> int:
        return self._clause[token]

    def clause_tokens(self, sent: Sentence, tok_start: int, tok_end: int) -> tuple[int, int]:
        """The token range of the clause(s) holding ``[tok_start, tok_end)``, without its break tokens."""
        ids = self.clause_ids(sent)
        first, last = ids[tok_start - sent.tok_start], ids[tok_end - 1 - sent.tok_start]
        a = tok_start
        while a > sent.tok_start and ids[a - 1 - sent.tok_start] == first:
            a -= 1
        b = tok_end
        while b < sent.tok_end and ids[b - sent.tok_start] == last:
            b += 1
        words = self.words
        while a < b and a < tok_start and not _wordlike(words[a]):
            a += 1
        while b > a and b > tok_end and not _wordlike(words[b - 1]):
            b -= 1
        return a, b

    def clause_chars(self, sent: Sentence, tok_start: int, tok_end: int) -> tuple[int, int]:
        a, b = self.clause_tokens(sent, tok_start, tok_end)
        return self.char_span(a, b)


def _wordlike(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def structure_of(doc: Document) -> Structure:
    """The document's Structure, built on first use and shared by every rule."""
    return doc.memo("structure", lambda: Structure(doc))
