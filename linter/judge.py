"""The one context judge: is a statement negated, hedged, debunked, reported, quoted or cited?

A claim is only an overclaim if the author asserts it. "Massage does not cure
cancer" (negation), "may help" (hedge), "it is a myth that massage flushes
toxins" (debunking), "reflexologists believe ..." (reported speech), a quoted
statement and a claim backed by a cited source are different things. Every
family (claims, definitions, article checks) asks this judge, so one article
gets one answer to "is this cited?". The cues are lexicon lists
(``rules/data/shared/cues.yaml``) matched once per Doc; the evidence domains and
citation markers are ``rules/data/shared/sources.yaml``.

Scopes, after NegEx and BioScope:

* negation: a ``negation`` cue in the claim's clause, at most ``NEGATION_WINDOW``
  tokens before the claim or inside it, unless it is part of a ``pseudo-negation``
  ("not only"); a short list item after a comma stays in the scope of the
  negation that opened the list ("does not cure X, reverse Y or heal Z");
* hedge: a ``hedge`` cue in the claim's clause, or a ``hedge-sentence`` cue
  ("some studies suggest", "for some people") anywhere in the sentence;
* debunk: a ``debunk`` or ``debunk-weak`` cue in the sentence; reported speech or
  a quote whose next sentence (same paragraph) debunks it; a list introduced by a
  line that debunks ("Claims without evidence:"); a section whose heading
  debunks ("Myths we hear"); or a myth topic the article debunks (the caller);
* reported: an ``attribution`` cue in the sentence ("practitioners believe");
* quoted: inside quote marks pairing over the paragraph, three words or more;
* cited: a citation marker or an evidence link in the sentence or next to it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .evidence import sources
from .structure import Sentence, Structure, structure_of

NEGATION_WINDOW = 8   # tokens before the claim that a negation reaches (NegEx uses 5-6 words)
HEDGE_BEFORE = 5      # tokens before the claim that a hedge reaches ("may also help to flush")
HEDGE_AFTER = 3       # ... and after it ("..., possibly")
ABSENCE_GAP = 3       # words between "no" and "evidence" ("no good scientific evidence")
BELIEF_GAP = 4        # tokens between a believer and the verb ("some massage therapists that believe")
LIST_JOINERS = frozenset({"or", "nor", "and"})
LIST_ITEM_TOKENS = 8  # a clause this short after a comma may be the next item of a negated list
QUOTE_PAIRS = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"))
MIN_QUOTED_WORDS = 3  # scare quotes ("toxins") are not a quotation
LIST_ITEM_MAX_TOKENS = 40  # a list item is short ...
LIST_MAX_ITEMS = 15  # ... and a list is not endless
LIST_GAP_NEWLINES = 6  # an HTML <li> after </p><ul> is three blank lines away


@dataclass(frozen=True)
class Verdict:
    negated: bool = False
    hedged: bool = False
    debunked: bool = False
    reported: bool = False
    quoted: bool = False
    cited: bool = False


class Judge:
    """The context of one document; get it with :func:`judge_of` (built once, shared by every rule)."""

    def __init__(self, doc: Document, extra_dirs: tuple[str, ...] = ()):
        self.doc = doc
        self.st: Structure = structure_of(doc)
        self.sources = sources(tuple(extra_dirs))
        self.debunked_topics: set[str] = set()  # myth topics the article refutes (set by the claim family)
        self._quotes: dict[int, list[tuple[int, int]]] = {}
        self.citations = self._citations()
        self._cited = {s for s in (self.st.sentence_at(c) for c, _ in self.citations) if s}

    # -- the questions ----------------------------------------------------------
    def verdict(self, sent: Sentence, a: int, b: int, topic: str | None = None, own: frozenset = frozenset()) -> Verdict:
        return Verdict(self.negated(sent, a, b, own), self.hedged(sent, a, b, own), self.debunked(sent, a, b, topic),
                       self.reported(sent), self.quoted(sent, a), self.cited(sent))

    def negated(self, sent: Sentence, a: int, b: int, own: frozenset = frozenset()) -> bool:
        """A negation cue before (or inside) tokens ``[a, b)`` in their clause; ``own`` are token offsets to ignore."""
        st = self.st
        start = max(self._scope_start(sent, a), a - NEGATION_WINDOW)
        atoms = st.atoms_in(start, b)
        pseudo = [(x.start, x.end) for x in atoms if x.label == "pseudo-negation"]
        for x in atoms:
            if x.label != "negation" or x.start in own:
                continue
            if any(p <= x.start < q for p, q in pseudo):
                continue
            return True
        return False

    def _scope_start(self, sent: Sentence, a: int) -> int:
        """The first token of the clause of ``a``, reaching back over short list items ("..., reverse Y or ...").

        A clause starts with its break token, so a list item's clause starts with a comma.
        """
        ids, words = self.st.clause_ids(sent), self.st.words

        def clause_start(rel: int) -> int:
            while rel > 0 and ids[rel - 1] == ids[rel]:
                rel -= 1
            return rel

        start = clause_start(a - sent.tok_start)
        for _ in range(3):  # at most three list items back
            if start == 0 or words[sent.tok_start + start] != ",":
                break
            end = start
            while end < len(ids) and ids[end] == ids[start]:
                end += 1
            if end - start > LIST_ITEM_TOKENS + 1 or not self._lists_on(sent, sent.tok_start + start):
                break
            start = clause_start(start - 1)
        return sent.tok_start + start

    def _lists_on(self, sent: Sentence, token: int) -> bool:
        """The rest of the sentence from ``token`` joins items with "or"/"nor"/"and" (a list, not a new clause)."""
        return any(w in LIST_JOINERS for w in self.st.lower[token:sent.tok_end])

    def hedged(self, sent: Sentence, a: int, b: int, own: frozenset = frozenset()) -> bool:
        """A hedge close before, inside or right after the claim in its clause, or a sentence-wide hedge."""
        st = self.st
        ca, cb = st.clause_tokens(sent, a, b)
        lo, hi = max(ca, a - HEDGE_BEFORE), min(cb, b + HEDGE_AFTER)
        if any(x.label == "hedge" and x.start not in own for x in st.atoms_in(lo, hi)):
            return True
        return "hedge-sentence" in st.labels_in(sent)

    def debunked(self, sent: Sentence, a: int = 0, b: int = 0, topic: str | None = None) -> bool:
        st = self.st
        labels = st.labels_in(sent)
        if "debunk" in labels or "debunk-weak" in labels or self._no_evidence(sent):
            return True
        if topic and topic in self.debunked_topics:
            return True
        nxt = st.neighbour(sent, 1)
        if ("attribution" in labels or (a < b and self.quoted(sent, a))) and st.same_paragraph(sent, nxt) \
                and "debunk" in st.labels_in(nxt):
            return True
        if self._list_intro_debunks(sent):
            return True
        return self._section_debunks(sent)

    def list_intro(self, sent: Sentence) -> Sentence | None:
        """The line ending in ':' that opens the list (items without blank lines between them) of ``sent``."""
        st, prose = self.st, self.st.prose
        item, prev = sent, st.neighbour(sent, -1)
        for _ in range(LIST_MAX_ITEMS):
            if prev is None:
                return None
            gap = prose[prev.end:item.start].replace("\r", "")
            if prose[prev.start:prev.end].rstrip().endswith(":") and gap.count("\n") <= LIST_GAP_NEWLINES:
                return prev  # the intro may stand in its own block above the list (HTML <p> + <ul>)
            # items follow each other line by line, or (HTML <li>) one short block after another
            short = max(item.tok_end - item.tok_start, prev.tok_end - prev.tok_start) <= LIST_ITEM_MAX_TOKENS
            if "\n\n" in gap and not (short and gap.count("\n") <= LIST_GAP_NEWLINES):
                return None
            item, prev = prev, st.neighbour(prev, -1)
        return None

    def refutes(self, sent: Sentence) -> bool:
        """The sentence says something is false or unsupported ("a myth", "no good evidence")."""
        return "debunk" in self.st.labels_in(sent) or self._no_evidence(sent)

    def _no_evidence(self, sent: Sentence) -> bool:
        """"no (extensive follow-up) study", "little evidence": an absence word a few words before an evidence noun."""
        labels = self.st.labels_in(sent)
        if "absence" not in labels or "evidence-noun" not in labels:
            return False
        atoms = self.st.atoms_in(sent.tok_start, sent.tok_end)
        nouns = [x.start for x in atoms if x.label == "evidence-noun"]
        return any(x.label == "absence" and any(0 <= n - x.end <= ABSENCE_GAP for n in nouns) for x in atoms)

    def _list_intro_debunks(self, sent: Sentence) -> bool:
        """A list introduced by a debunking line ("Claims without evidence:")."""
        intro = self.list_intro(sent)
        return intro is not None and "debunk" in self.st.labels_in(intro)

    def conditional_item(self, sent: Sentence) -> bool:
        """A list item of a condition ("Tell your therapist if you:" + "take blood thinners"): not an assertion."""
        intro = self.list_intro(sent)
        return intro is not None and "conditional" in self.st.labels_in(intro)

    def _section_debunks(self, sent: Sentence) -> bool:
        """The nearest heading above (not the title) debunks: "Myths about massage"."""
        heading = self.st.heading_above(sent.start)
        if heading is None or heading.level < 2 or heading.start == sent.start:
            return False
        hs = self.st.sentence_at(heading.start)
        return hs is not None and "debunk" in self.st.labels_in(hs)

    def reported(self, sent: Sentence) -> bool:
        """Reported speech: an attribution cue, or a believer shortly before a verb of belief."""
        labels = self.st.labels_in(sent)
        if "attribution" in labels:
            return True
        if "believer" not in labels or "belief-verb" not in labels:
            return False
        atoms = self.st.atoms_in(sent.tok_start, sent.tok_end)
        verbs = [x.start for x in atoms if x.label == "belief-verb"]
        return any(x.label == "believer" and any(0 <= v - x.end <= BELIEF_GAP for v in verbs) for x in atoms)

    def quoted(self, sent: Sentence, token: int) -> bool:
        """The token sits inside a quotation of at least MIN_QUOTED_WORDS words (quotes pair over the paragraph)."""
        offset = self.st.offset(token)
        regions = self._quotes.get(sent.para_start)
        if regions is None:
            regions = self._quotes[sent.para_start] = _quoted_regions(self.st.prose, sent.para_start, sent.para_end)
        return any(qs < offset < qe for qs, qe in regions)

    def scare_quoted(self, sent: Sentence, a: int, b: int) -> bool:
        """The claim's words are in quote marks the author uses to keep a distance ("release energy")."""
        prose = self.st.prose
        start, end = self.st.char_span(a, b)
        before, after = prose[sent.start:start], prose[end:sent.end]
        for open_q, close_q in QUOTE_PAIRS:
            i = before.rfind(open_q)
            if i >= 0 and close_q not in before[i + 1:] and close_q in after[:3]:
                return True
        return False

    def cited(self, sent: Sentence) -> bool:
        """A citation marker or an evidence link in the sentence, or in the sentence before or after it."""
        if sent in self._cited:
            return True
        st = self.st
        return any(st.same_paragraph(sent, other) and other in self._cited
                   for other in (st.neighbour(sent, -1), st.neighbour(sent, 1)))

    # -- the document's citations -----------------------------------------------------
    def _citations(self) -> list[tuple[int, str]]:
        """``(offset, kind)`` of every citation marker and evidence link, in order."""
        doc, st = self.doc, self.st
        found = []
        for x in st.atoms:
            if x.label == "citation":
                found.append((st.offset(x.start), "marker"))
        for m in self.sources.citation_regex.finditer(st.prose):
            found.append((m.start(), "marker"))
        for link in doc.links:
            if not link.hidden and self.sources.is_evidence(link.url):
                found.append((link.text_start if link.text_end > link.text_start else link.start, "link"))
        found.sort()
        return found

    def has_citations(self) -> bool:
        return bool(self.citations)


def _quoted_regions(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of quotations (MIN_QUOTED_WORDS words or more) in ``prose[start:end]``."""
    text = prose[start:end]
    regions = []
    for open_q, close_q in QUOTE_PAIRS:
        i = 0
        while True:
            a = text.find(open_q, i)
            if a < 0:
                break
            if open_q == "\u2018" and a and text[a - 1].isalnum():
                i = a + 1  # an apostrophe (it's), not an opening quote
                continue
            b = text.find(close_q, a + 1)
            while open_q == "\u2018" and b >= 0 and b + 1 < len(text) and text[b + 1].isalpha():
                b = text.find(close_q, b + 1)
            if b < 0:
                break
            if len(text[a + 1:b].split()) >= MIN_QUOTED_WORDS:
                regions.append((start + a, start + b + 1))
            i = b + 1
    return regions


def judge_of(doc: Document, extra_dirs: tuple[str, ...] = ()) -> Judge:
    """The document's Judge, built once and shared by every rule that asks."""
    return doc.memo(("judge", tuple(extra_dirs)), lambda: Judge(doc, tuple(extra_dirs)))

