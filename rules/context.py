"""Sentence context for claim-like rules: negation, hedging, debunking, quotation, citation.

A claim is only an overclaim if the author asserts it. "Massage does not cure
cancer" (negation), "may help" (hedge), "It is a myth that massage flushes
toxins" (debunking), a quoted statement, and a claim backed by a cited source
are different things. The cues are data (``rules/data/claims/context.yaml``,
NegEx- and BioScope-style lists), so a publisher can extend them.

API (small on purpose; other rule families may use it)::

    from healthlint.rules.context import context_of
    ctx = context_of(doc, extra_dirs)          # cached per document
    for seg in ctx.segments:                   # sentences, headings, titles
        ...
    ctx.assess(start, end)  -> Assessment(negated, hedged, debunked, quoted, cited)
    ctx.clause(start, end)  -> (start, end) of the clause around a match
    ctx.paragraph(seg)      -> the paragraph text of a segment
    ctx.memo                -> a dict for rules that share per-document work
    ctx.section(seg)        -> paragraph + nearest heading above + title

Negation and hedge cues count only in the same clause as the trigger (NegEx
looks a few words back and stops at a clause boundary); debunk cues count in
the whole sentence, or in the next sentence when this one reports a claim
("Some websites claim ...; there is no good evidence"); a section heading
that mentions myths debunks the section under it. Quote marks are paired over
the paragraph; a quotation needs three or more words (scare quotes do not count).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from healthlint import regexes
from healthlint.document import Document
from healthlint.knowledge import load

CLAUSE_BREAK = re.compile(
    r"[;:!?()\[\]\u2014\u2013]|\s-\s|,|\b(?:but|however|although|though|whereas|because|so that)\b", re.I)
PSEUDO_NEGATION = re.compile(
    r"\b(?:not only|not just|no doubt|no wonder|not to mention|nothing but|no more than|not least|"
    r"no longer|whether or not|if not)\b", re.I)
WORD = re.compile(r"\w+(?:'\w+)?")
SUBJECT = {"it", "they", "he", "she", "we", "you", "i", "this", "that", "these", "those", "there"}
QUOTE_PAIRS = (('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"))
CLAUSE_EDGE = re.compile(r"[,;:!?()\u2014]")  # where a finding's span may start
CLAUSE_EDGE_RIGHT = re.compile(r"[,;:.!?()\u2014]")  # ... and end
WINDOW_WORDS = 8  # NegEx-style look-back, in words
CITATION_REACH = 3  # sentences before and after a claim in which a citation still backs it
EVIDENCE_HEDGE = re.compile(r"\bsuggest|\bsome (?:studies|research|evidence|trials)\b", re.I)  # whole-sentence hedges
# a hedge after a comma at the end of the sentence scopes over the whole claim: "..., for some people."
TRAILING_HEDGE = re.compile(r",\s*(?:at least\s+|but only\s+|though only\s+|only\s+)?(?:for|in)\s+(?:some|a few|certain)"
                            r"(?:\s+(?:people|clients|patients|cases|of them|individuals))?\W*$", re.I)


@dataclass(frozen=True)
class Segment:
    """A sentence, heading or title: ``text`` is the prose (or metadata) at ``[start, end)``."""

    start: int
    end: int
    text: str
    para_start: int
    para_end: int
    index: int
    kind: str = "sentence"  # sentence | title | description


@dataclass(frozen=True)
class Assessment:
    negated: bool = False
    hedged: bool = False
    debunked: bool = False
    quoted: bool = False
    cited: bool = False


@dataclass(frozen=True)
class Cues:
    negation: re.Pattern
    hedge: re.Pattern
    debunk: re.Pattern
    attribution: re.Pattern
    citation: re.Pattern
    domains: frozenset


def _union(patterns: list[str], kind: str) -> re.Pattern:
    return regexes.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.I, origin=f"claims/context.yaml:{kind}")


@functools.lru_cache(maxsize=8)
def cues(extra_dirs: tuple[str, ...] = ()) -> Cues:
    """The cue regexes from ``claims/context.yaml``, compiled once per data folders."""
    by_kind: dict[str, list[str]] = {}
    domains: set[str] = set()
    for entry in load("claims/context", extra_dirs):
        if entry.get("kind") == "citation-domain":
            domains.update(d.lower() for d in entry.get("domains", []))
        elif entry.get("pattern"):
            by_kind.setdefault(entry["kind"], []).append(entry["pattern"])
    return Cues(*(_union(by_kind.get(k, []), k) for k in ("negation", "hedge", "debunk", "attribution", "citation")),
                frozenset(domains))


def _list_item(text: str) -> bool:
    """After a comma, the words before the trigger look like the next item of a list ("reverse X or")."""
    words = WORD.findall(text.lower())
    return not words or (len(words) <= 4 and words[-1] in ("or", "and", "nor")
                         and not SUBJECT.intersection(words))


def _last_words(text: str, n: int) -> str:
    words = list(WORD.finditer(text))
    return text[words[-n].start():] if len(words) > n else text


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    regions = []
    for open_q, close_q in QUOTE_PAIRS:
        i = 0
        while True:
            a = text.find(open_q, i)
            if a < 0:
                break
            if open_q == "\u2018" and a and text[a - 1].isalnum():
                i = a + 1
                continue
            b = text.find(close_q, a + 1)
            while open_q == "\u2018" and b >= 0 and b + 1 < len(text) and text[b + 1].isalpha():
                b = text.find(close_q, b + 1)  # an apostrophe (don't), not the closing quote
            if b < 0:
                break
            regions.append((a, b + 1))
            i = b + 1
    return regions


class Context:
    """Context of one document; build with :func:`context_of` (cached on the document)."""

    def __init__(self, doc: Document, extra_dirs: tuple[str, ...] = ()):
        self.doc = doc
        self.memo: dict = {}  # scratch space for rules that share per-document work
        self.cues = cues(tuple(extra_dirs))
        self.segments = self._segments()
        self._starts = [s.start for s in self.segments]
        # a section heading such as "Myths we hear" (not the title: it would cover the whole article)
        self._heading_debunks = [h.start for h in doc.headings
                                 if h.level >= 2 and self.cues.debunk.search(h.text or "")]
        self._link_offsets = sorted(
            l.start for l in doc.links if not l.hidden and self._is_evidence(l.url))

    # -- segments ---------------------------------------------------------
    def _segments(self) -> list[Segment]:
        doc, segs = self.doc, []
        sents = doc.spacy.sents if doc.spacy is not None else []
        for sent in sents:
            raw = doc.prose[sent.start_char:sent.end_char]
            stripped = raw.strip()
            if not stripped:
                continue
            start = sent.start_char + raw.index(stripped[0])
            end = start + len(stripped)
            ps, pe = doc.paragraph_bounds(start)
            segs.append(Segment(start, end, stripped, ps, pe, len(segs)))
        for key in ("title", "description"):
            field = doc.metadata.get(key)
            if not field or not isinstance(field.value, str) or field.start < 0:
                continue
            value = field.value.strip()
            at = doc.text.find(value, field.start, max(field.end, field.start + len(value)) + 1) if value else -1
            if at < 0 or doc.prose[at:at + len(value)].strip():
                continue  # unknown offset, or already part of the prose (an HTML <title>)
            segs.append(Segment(at, at + len(value), value, at, at + len(value), len(segs), key))
        segs.sort(key=lambda s: s.start)
        return [Segment(s.start, s.end, s.text, s.para_start, s.para_end, i, s.kind) for i, s in enumerate(segs)]

    def segment_at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[i] if i >= 0 and offset < self.segments[i].end + 1 else None

    def paragraph(self, seg: Segment) -> str:
        if seg.kind != "sentence":
            return seg.text
        return self.doc.prose[seg.para_start:seg.para_end]

    def section(self, seg: Segment) -> str:
        """The paragraph plus the nearest heading above it and the title: what a list item is about."""
        heading = max((h for h in self.doc.headings if h.start <= seg.start), key=lambda h: h.start, default=None)
        return " \n".join(filter(None, (self.paragraph(seg), heading.text if heading else "", self.doc.title)))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause (between commas, semicolons ...) that holds ``[start, end)``, trimmed."""
        seg = self.segment_at(start)
        if seg is None:
            return start, end
        text, off = seg.text, seg.start
        a, b = start - off, end - off
        left = 0
        for m in CLAUSE_EDGE.finditer(text[:a]):
            left = m.end()
        right = len(text)
        m = CLAUSE_EDGE_RIGHT.search(text[b:])
        if m:
            right = b + m.start()
        while left < a and not text[left].isalnum():
            left += 1
        while right > b and not (text[right - 1].isalnum() or text[right - 1] in "%'\""):
            right -= 1
        return off + left, off + max(right, b)

    # -- context tests ----------------------------------------------------
    def _before(self, seg: Segment, start: int) -> str:
        """The words before the trigger in its clause, at most WINDOW_WORDS of them."""
        head = seg.text[:max(0, start - seg.start)]
        cut = 0
        for m in reversed(list(CLAUSE_BREAK.finditer(head))):
            # "will not cure X, reverse Y or repair Z": a comma inside a list of verbs keeps the negation
            if m.group() == "," and _list_item(head[m.end():]):
                continue
            cut = m.end()
            break
        return PSEUDO_NEGATION.sub(" ", _last_words(head[cut:], WINDOW_WORDS))

    def _after(self, seg: Segment, end: int) -> str:
        tail = seg.text[max(0, end - seg.start):]
        m = CLAUSE_BREAK.search(tail)
        return tail[:m.start()] if m else tail

    def negated(self, start: int, end: int) -> bool:
        seg = self.segment_at(start)
        return bool(seg and self.cues.negation.search(self._before(seg, start)))

    def hedged(self, start: int, end: int) -> bool:
        seg = self.segment_at(start)
        if seg is None:
            return False
        if self.cues.hedge.search(self._before(seg, start)) or self.cues.hedge.search(self._after(seg, end)):
            return True
        return bool(EVIDENCE_HEDGE.search(seg.text) or TRAILING_HEDGE.search(seg.text.rstrip()))

    def debunked(self, start: int, end: int) -> bool:
        seg = self.segment_at(start)
        if seg is None:
            return False
        debunk, attribution = self.cues.debunk, self.cues.attribution
        if debunk.search(seg.text):
            return True
        nxt = self.segments[seg.index + 1] if seg.index + 1 < len(self.segments) else None
        prev = self.segments[seg.index - 1] if seg.index else None
        def same_para(other):  # same paragraph, or a list item / line with no blank line in between
            if other is None:
                return False
            a, b = sorted((other, seg), key=lambda x: x.start)
            return other.para_start == seg.para_start or "\n\n" not in self.doc.text[a.end:b.start].replace("\r", "")
        if (attribution.search(seg.text) or self.quoted(start, end)) and same_para(nxt) and debunk.search(nxt.text):
            return True
        item = seg
        while prev is not None and (prev.para_start == item.para_start
                                    or "\n\n" not in self.doc.text[prev.end:item.start].replace("\r", "")):
            # a list introduced by "Claims that are not supported by evidence:"
            if prev.text.rstrip().endswith(":"):
                if debunk.search(prev.text):
                    return True
                break
            item, prev = prev, (self.segments[prev.index - 1] if prev.index else None)
        heading = max((h for h in self._heading_debunks if h <= seg.start), default=None)
        if heading is not None:
            later = [h.start for h in self.doc.headings if heading < h.start <= seg.start]
            return not later  # the myth heading is the nearest heading above
        return False

    def quoted(self, start: int, end: int, min_words: int = 3) -> bool:
        """True when the match sits inside a quoted statement of at least ``min_words`` words."""
        seg = self.segment_at(start)
        if seg is None:
            return False
        # quotes are paired over the paragraph: a sentence splitter may leave a quote mark on either side
        base, text = (seg.para_start, self.paragraph(seg)) if seg.kind == "sentence" else (seg.start, seg.text)
        regions = self.memo.get(("quotes", base))
        if regions is None:
            regions = self.memo[("quotes", base)] = _quoted_regions(text)
        a = start - base
        return any(qs < a < qe and len(WORD.findall(text[qs:qe])) >= min_words for qs, qe in regions)

    def _is_evidence(self, url: str) -> bool:
        host = (urlparse(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.cues.domains)

    def cited(self, start: int, end: int, scope: str = "paragraph") -> bool:
        """A citation (evidence link, DOI/PMID, author-year, footnote) in the sentence, or near it in its
        paragraph (``CITATION_REACH`` sentences either side)."""
        seg = self.segment_at(start)
        if seg is None:
            return False
        lo, hi = self._near(seg) if scope == "paragraph" else (seg.start, seg.end)
        i = bisect.bisect_left(self._link_offsets, lo)
        if i < len(self._link_offsets) and self._link_offsets[i] < hi:
            return True
        text = self.doc.prose[lo:hi] if seg.kind == "sentence" else seg.text
        if self.cues.citation.search(text):
            return True
        from healthlint.evidence import sources  # the one list of evidence domains
        from healthlint.prose import BARE_URL

        return any(sources().is_evidence(m.group(0)) for m in BARE_URL.finditer(text))

    def _near(self, seg: Segment) -> tuple[int, int]:
        """The sentence and up to CITATION_REACH sentences either side of it in its paragraph.

        Not the whole paragraph: in a text with single line breaks a "paragraph" can be the whole
        article, so a citation twenty lines away excused a claim, and searching it again for every
        claim made long articles quadratic (issue 23)."""
        if seg.kind != "sentence":
            return seg.start, seg.end
        first = last = seg.index
        while first > 0 and seg.index - first < CITATION_REACH and self._same_paragraph(first - 1, seg):
            first -= 1
        while last + 1 < len(self.segments) and last - seg.index < CITATION_REACH and self._same_paragraph(last + 1, seg):
            last += 1
        return self.segments[first].start, self.segments[last].end

    def _same_paragraph(self, index: int, seg: Segment) -> bool:
        other = self.segments[index]
        return other.kind == "sentence" and other.para_start == seg.para_start

    def assess(self, start: int, end: int) -> Assessment:
        return Assessment(self.negated(start, end), self.hedged(start, end), self.debunked(start, end),
                          self.quoted(start, end), self.cited(start, end))


def context_of(doc: Document, extra_dirs: tuple[str, ...] = ()) -> Context:
    """The document's :class:`Context`, built once and shared by every rule that asks."""
    cache = doc.__dict__.setdefault("_healthlint_context", {})
    key = tuple(extra_dirs)
    if key not in cache:
        cache[key] = Context(doc, key)
    return cache[key]
