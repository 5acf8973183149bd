"""The definition frames on spaCy tokens: what follows a term ("is a term used to describe", "occurs when",
", which is located") and where its description starts.

The frames are data (``definition_frames`` in ``rules/data/shared/cues.yaml``), written as slots
matched on token lemmas, tried in order right after a term mention (and after what may stand
between a term and its frame: a head noun, "the piriformis *muscle*", a bracket, an alias
", also called X,", a discourse marker ", however,"). A slot is

* ``word`` the lemma ("be" matches is, are, was); ``~word`` the exact lower-case form;
* ``a/an/the`` one of several words; ``<list>`` any phrase of a ``definition_cues`` list;
* ``*`` any one word; a ``?`` after a slot makes it optional, a ``*`` after a list any number;
* ``!slot`` a slot that must not come next (it is not consumed);
* ``=`` where the description starts when it is not after the last slot (the slots after it
  are checked, not consumed: "connects ..." starts the description of a function).

Only positions right after a term are tried, so the cost does not grow with the number of frames
times the length of the document.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from . import _definitions_words as words
from . import definitions_mentions as mentions

ALIAS_TOKENS = 12     # an alias between commas is short: ", also called the pear-shaped muscle,"
BRACKET_CHARS = 80    # a bracket after a term: "(also known as X)", "(IT)"


@dataclass(frozen=True)
class Slot:
    options: tuple[tuple[str, ...], ...]  # phrases (lemmas); ("*",) is any word
    exact: bool = False                   # compare lower-case forms, not lemmas
    optional: bool = False
    repeat: bool = False
    negative: bool = False
    by_first: dict = field(default_factory=dict, compare=False, hash=False)  # first word -> its phrases
    any_word: bool = False


@dataclass(frozen=True)
class Frame:
    kind: str
    slots: tuple[Slot, ...]
    desc: int          # the slot index where the description starts
    apposition: bool


class FrameDataError(ValueError):
    """A frame of shared/cues.yaml that cannot be read."""


def _slot(text: str, lists: dict[str, list[str]]) -> Slot:
    negative = text.startswith("!")
    text = text.lstrip("!")
    optional = text.endswith("?")
    repeat = text.endswith("*") and len(text) > 1
    text = text.rstrip("?") if optional else (text[:-1] if repeat else text)
    exact = text.startswith("~")
    text = text.lstrip("~")
    if text.startswith("<") and text.endswith(">"):
        if text[1:-1] not in lists:
            raise FrameDataError(f"unknown list {text} in a definition frame")
        phrases = lists[text[1:-1]]
    else:
        phrases = text.split("/")
    options = set()
    for p in phrases:
        pieces = p.lower().split()
        if not pieces:
            continue
        options.add(tuple(pieces))  # as written: punctuation (",", "—"), "'s", exact forms
        if not exact:
            options.add(tuple(words.lemma(w) if w.isalnum() else w for w in pieces))
    options = tuple(sorted(options, key=len, reverse=True))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in options:
        if p != (words.ANY_WORD,):
            by_first.setdefault(p[0], []).append(p)
    return Slot(options, exact, optional, repeat, negative, by_first, (words.ANY_WORD,) in options)


@functools.lru_cache(maxsize=256)
def named_slot(text: str, extra_dirs: tuple[str, ...] = ()) -> Slot:
    return _slot(text, mentions.definition_cues(extra_dirs))


@functools.lru_cache(maxsize=8)
def frames(extra_dirs: tuple[str, ...] = ()) -> tuple[Frame, ...]:
    """The frames of ``definition_frames``, in order."""
    from healthlint.knowledge import documents

    lists = mentions.definition_cues(extra_dirs)
    out = []
    for _path, data in documents("lexicon", extra_dirs):
        for item in data.get("definition_frames") or []:
            parts = str(item["frame"]).split()
            desc = parts.index("=") if "=" in parts else None
            parts = [p for p in parts if p != "="]
            slots = tuple(_slot(p, lists) for p in parts)
            out.append(Frame(item["kind"], slots, len(slots) if desc is None else desc, bool(item.get("apposition"))))
    return tuple(out)


class Tokens:
    """The lemmas and lower-case forms of a Doc's words, read once (no Token objects in the loops).

    Whitespace tokens (what markup leaves between words: "**Whiplash** is") are left out, so a frame
    reads the words as a regex with ``\\s+`` would; ``at(i)`` maps a Doc token index to this list.
    """

    def __init__(self, sdoc, st=None):
        import bisect

        from spacy.attrs import LEMMA

        lower = st.lower if st is not None else [t.lower_ for t in sdoc]
        idx = st._idx if st is not None else [t.idx for t in sdoc]
        hashes = sdoc.to_array([LEMMA]).tolist() if len(sdoc) else []
        strings = sdoc.vocab.strings
        names = {h: strings[h] for h in set(hashes)}
        keep = [n for n, w in enumerate(lower) if not w.isspace()]
        self.doc_index = keep
        self.lower = [lower[n] for n in keep]
        self.lemma = [names[hashes[n]] for n in keep]
        self.idx = [idx[n] for n in keep]
        self._bisect = bisect.bisect_left

    def at(self, doc_token: int) -> int:
        """The first word at or after a Doc token."""
        return self._bisect(self.doc_index, doc_token)


def _phrase_at(toks: Tokens, i: int, end: int, slot: Slot) -> int | None:
    """The end of the slot's longest phrase at token ``i`` (None when none is there)."""
    if i >= end:
        return None
    lower, lemma = toks.lower, toks.lemma
    cands = slot.by_first.get(lower[i], [])
    if not slot.exact and lemma[i] != lower[i]:
        cands = cands + slot.by_first.get(lemma[i], [])
    best = None
    for p in cands:
        if (best is None or len(p) > best) and i + len(p) <= end and all(
                lower[i + k] == w or (not slot.exact and lemma[i + k] == w) for k, w in enumerate(p)):
            best = len(p)
    if best is not None:
        return i + best
    if slot.any_word and any(c.isalnum() for c in lower[i]):
        return i + 1
    return None


def _match(frame: Frame, toks: Tokens, i: int, end: int, k: int = 0, desc: int | None = None) -> int | None:
    """Backtracking match of the frame's slots from slot ``k`` at token ``i``; the description's start token."""
    if k == frame.desc and desc is None:
        desc = i
    if k == len(frame.slots):
        return desc
    slot = frame.slots[k]
    if slot.negative:
        return None if _phrase_at(toks, i, end, slot) is not None else _match(frame, toks, i, end, k + 1, desc)
    nxt = _phrase_at(toks, i, end, slot)
    if slot.repeat:
        stops = [i]
        while nxt is not None and nxt > stops[-1]:
            stops.append(nxt)
            nxt = _phrase_at(toks, nxt, end, slot)
        for j in reversed(stops):
            found = _match(frame, toks, j, end, k + 1, desc if k + 1 != frame.desc or desc is not None else None)
            if found is not None:
                return found
        return None
    if nxt is not None:
        found = _match(frame, toks, nxt, end, k + 1, desc)
        if found is not None:
            return found
    return _match(frame, toks, i, end, k + 1, desc) if slot.optional else None


def match_frame(frame: Frame, toks: Tokens, i: int, end: int) -> int | None:
    """The description's start token when ``frame`` matches at token ``i``."""
    return _match(frame, toks, i, end)


def skip_between(toks: Tokens, i: int, end: int, extra_dirs: tuple[str, ...] = ()) -> int:
    """What may stand between a term and its frame: a head noun, a bracket, an alias, a discourse marker."""
    head = named_slot("<def-head-noun>?", extra_dirs)
    j = _phrase_at(toks, i, end, head)
    if j is not None:
        i = j
    if i < end and toks.lower[i] == "(":
        close = next((n for n in range(i + 1, end) if toks.lower[n] in "()"), None)
        if close is not None and toks.lower[close] == ")" and toks.idx[close] - toks.idx[i] <= BRACKET_CHARS:
            i = close + 1
    if i < end and toks.lower[i] == ",":
        intro = _phrase_at(toks, i + 1, end, named_slot("<def-alias-intro>", extra_dirs))
        if intro is not None:
            stop = next((n for n in range(intro, min(end, intro + ALIAS_TOKENS + 1)) if toks.lower[n] in ",.;:"), None)
            if stop is not None and stop > intro and toks.lower[stop] == ",":
                i = stop + 1
                if i < end and toks.lower[i] in ("\"", "\u201d", "'"):
                    i += 1
    if i < end and toks.lower[i] == ",":
        marker = _phrase_at(toks, i + 1, end, named_slot("<def-discourse>", extra_dirs))
        if marker is not None and marker < end and toks.lower[marker] == ",":
            i = marker + 1
    return i


def frame_at(toks: Tokens, i: int, end: int, extra_dirs: tuple[str, ...] = (), skip: bool = True):
    """``(frame, description start token)`` of the first frame right after token ``i`` (a term's end), or None."""
    j = skip_between(toks, i, end, extra_dirs) if skip else i
    for frame in frames(extra_dirs):
        desc = _match(frame, toks, j, end)
        if desc is not None:
            return frame, desc
    return None


def anaphor_at(toks: Tokens, i: int, end: int, extra_dirs: tuple[str, ...] = ()):
    """A sentence-opening anaphor at ``i``: ``(end token, kind of its noun or None, is a pronoun)``, or None."""
    det = _phrase_at(toks, i, end, named_slot("<def-anaphor-determiner>", extra_dirs))
    if det is not None:
        for kind in ("condition", "anatomy", "mechanism"):  # not vocabulary: the term kinds, whose nouns are data
            noun = _phrase_at(toks, det, end, named_slot(f"<def-anaphor-{kind}>", extra_dirs))
            if noun is not None:
                return noun, kind, False
    pron = _phrase_at(toks, i, end, named_slot("<def-anaphor-pronoun>", extra_dirs))
    if pron is not None:
        return pron, None, True
    return None
