"""Word patterns of the term data: plain words and phrases matched on lemmas, with an optional regex part.

A term's ``key``, an ``is_not`` fact, a misconception, a vocabulary value or a concept may say
``words: [pinched nerve, trapped nerve]``: lower-case words or phrases, compared with the text
lemma by lemma (the lemma table of the pipeline, ``linter/components.py``), so one entry covers
every inflection ("pinched nerves", "trapped nerve"). In a phrase, ``*`` is any one word
("stay in * muscle"), ``..`` up to eight words ("muscle .. inflamed": the muscle becomes swollen
and inflamed), and a word ending in ``*`` any word that starts so ("inflam*": inflamed,
inflammation, inflammatory). ``not: [shoulder blade]`` drops a match that one of its phrases
covers ("shoulder", but not in "shoulder blade"). Shapes that words cannot say (a concept
reference inside a longer shape) stay in ``pattern:`` as a regex; both parts may be given, and
either one matching is a match.

:class:`WordPattern` answers ``search`` and ``finditer`` like a compiled regex, over any text (a
description, its head, its genus ...), so the definition rules treat both parts alike.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from healthlint import regexes

CONCEPT_REF = re.compile(r"\{([a-z_]+)\}")
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a word; hyphens, slashes and punctuation split words
ANY_WORD = "*"
GAP = ".."
GAP_WORDS = 8  # how many words a ".." may skip
CACHE_TEXTS = 4096


class TermDataError(ValueError):
    """A term entry that cannot be used; the message names it."""


def expand(pattern: str, concepts: dict[str, str]) -> str:
    """Replace ``{concept}`` references with the concept's own pattern (once nested)."""
    def sub(match):
        name = match.group(1)
        if name not in concepts:
            raise TermDataError(f"unknown concept {{{name}}} in pattern {pattern!r}")
        return f"(?:{CONCEPT_REF.sub(lambda m: concepts[m.group(1)], concepts[name])})"
    return CONCEPT_REF.sub(sub, pattern)


_PIPELINE_TABLE: list = []  # the LemmaTable of the pipeline, once a rule has seen it


def use_pipeline(nlp) -> None:
    """Read lemmas with the pipeline's own table (no second copy of the lookup table is loaded)."""
    from healthlint.components import LemmaTable

    table = next((proc for _name, proc in nlp.pipeline if isinstance(proc, LemmaTable)), None)
    if table is not None and not _PIPELINE_TABLE:
        _PIPELINE_TABLE.append(table)
        lemma.cache_clear()
        tokens.cache_clear()
        lemma_set.cache_clear()


def _table():
    """The pipeline's lemma table if known, else one built here (spacy-lookups-data plus the data's corrections)."""
    return _PIPELINE_TABLE[0] if _PIPELINE_TABLE else _own_table()


@functools.lru_cache(maxsize=1)
def _own_table():
    """A lemma table like the pipeline's, for data read before any pipeline exists."""
    from types import SimpleNamespace

    from healthlint.components import LemmaTable
    from healthlint.lexicon import lemma_corrections, word_lists

    table = LemmaTable(SimpleNamespace(strings=None), lemma_corrections())
    # the pipeline learns the single words of every list as base forms: so do we, for the same lemmas
    table.learn(t.lower() for wl in word_lists().values() for t in wl.terms if " " not in t)
    return table


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    return _table().lemma(word.lower())


PHRASE_TOKEN = re.compile(r"\.\.|\*|" + TOKEN.pattern + r"\*?")


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    """The phrase as lemmas; ``*``, ``..`` and stems (``inflam*``) are kept as written."""
    out = []
    for m in PHRASE_TOKEN.finditer(phrase.lower()):
        w = m.group(0)
        out.append(w if w in (ANY_WORD, GAP) or w.endswith("*") else lemma(w))
    return tuple(out)


@functools.lru_cache(maxsize=CACHE_TEXTS)
def tokens(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """``(lemma, start, end, lower)`` of every word of the text."""
    return tuple((lemma(m.group(0)), m.start(), m.end(), m.group(0).lower()) for m in TOKEN.finditer(text))


@functools.lru_cache(maxsize=CACHE_TEXTS)
def lemma_set(text: str) -> frozenset[str]:
    return frozenset(t[0] for t in tokens(text))


def _match_at(p: tuple[str, ...], toks, i: int) -> int | None:
    """The end (token index) of phrase ``p`` matched from token ``i``, or None."""
    if not p:
        return i
    w = p[0]
    if w == GAP:
        for j in range(i, min(len(toks), i + GAP_WORDS) + 1):
            end = _match_at(p[1:], toks, j)
            if end is not None:
                return end
        return None
    if i >= len(toks):
        return None
    if w == ANY_WORD or w == toks[i][0] or (w.endswith("*") and toks[i][3].startswith(w[:-1])):
        return _match_at(p[1:], toks, i + 1)
    return None


@dataclass(frozen=True)
class WordMatch:
    """What a regex match offers the definition rules: where it is."""

    _start: int
    _end: int
    text: str

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, n: int = 0) -> str:
        return self.text[self._start:self._end]


class WordPattern:
    """Lemma phrases and an optional regex, searched like one compiled regex."""

    def __init__(self, phrases: list[str], regex: re.Pattern | None = None, origin: str = "",
                 unless: list[str] = ()):
        self.phrases = sorted({p for p in (phrase_lemmas(w) for w in phrases) if p}, key=len, reverse=True)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.loose: list[tuple[str, ...]] = []  # phrases that start with a wildcard or a stem
        for p in self.phrases:
            if p[0] in (ANY_WORD, GAP) or p[0].endswith("*"):
                self.loose.append(p)
            else:
                self.by_first.setdefault(p[0], []).append(p)
        self.unless = WordPattern(list(unless), origin=origin) if unless else None
        self._first = frozenset(self.by_first)
        self.regex = regex
        self.origin = origin
        self.pattern = " | ".join(" ".join(p) for p in self.phrases) + (f" | {regex.pattern}" if regex else "")

    def _word_matches(self, text: str, pos: int = 0):
        if not self.loose and self.by_first.keys().isdisjoint(lemma_set(text)):
            return  # no phrase can start anywhere in the text
        toks = tokens(text)
        i = 0
        while i < len(toks):
            lem, start = toks[i][0], toks[i][1]
            if start < pos:
                i += 1
                continue
            for p in self.by_first.get(lem, []) + self.loose:
                end = _match_at(p, toks, i)
                if end is not None and end > i:
                    yield WordMatch(start, toks[end - 1][2], text)
                    i = end - 1
                    break
            i += 1

    def finditer(self, text: str, pos: int = 0):
        if self.regex is None and (not self.phrases or not self.loose and self._first.isdisjoint(lemma_set(text))):
            return iter(())  # the common case, kept cheap: no phrase can start in the text
        found = list(self._word_matches(text, pos)) if self.phrases else []
        if self.regex is None and not found:
            return iter(())
        if self.regex is not None:
            found += [m for m in self.regex.finditer(text, pos)]
            found.sort(key=lambda m: (m.start(), -m.end()))
            out, last = [], -1
            for m in found:  # no overlapping matches, as a regex gives
                if m.start() >= last:
                    out.append(m)
                    last = m.end()
            found = out
        if self.unless is not None and found:
            covers = [m.span() for m in self.unless.finditer(text)]
            found = [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in covers)]
        return iter(found)

    def search(self, text: str, pos: int = 0):
        return next(self.finditer(text, pos), None)

    def __repr__(self) -> str:
        return f"WordPattern({self.pattern!r})"


def words_regex(words: list[str]) -> str:
    """A concept's words inside a regex that names it (``'{muscle}\\s+fibres'``): each word, plural or not.

    Only for a concept referenced from within a longer regex; a concept used on its own is matched on lemmas.
    """
    parts = sorted({re.escape(w.lower()).replace(r"\ ", r"[\s-]+") for w in words}, key=len, reverse=True)
    return r"\b(?:" + "|".join(parts) + r")(?:e?s)?\b" if parts else r"(?!x)x"


def build(item: dict, concepts: dict, origin: str, key: str = "pattern", words_key: str = "words"):
    """The pattern of a data item: its words (lemma phrases) and its regex (concept references expanded).

    ``concepts`` maps a concept name to ``(words, regex)``; a regex that is exactly one reference ("{toxin}")
    takes the concept's words too, so they are matched on lemmas.
    """
    words = [str(w) for w in item.get(words_key) or []]
    unless = [str(w) for w in item.get("not") or []]
    pattern = item.get(key)
    regex = None
    if pattern:
        pieces = []
        for branch in _branches(str(pattern)):
            ref = re.fullmatch(r"\{([a-z_]+)\}", branch)
            if ref and ref.group(1) in concepts:
                cw, cre = concepts[ref.group(1)]
                words += cw
                if cre:
                    pieces.append(cre)
            else:
                pieces.append(branch)
        if pieces:
            flat = {name: (f"(?:{cre})|{words_regex(cw)}" if cre and cw else cre or words_regex(cw))
                    for name, (cw, cre) in concepts.items()}
            try:
                regex = regexes.compile(expand("|".join(f"(?:{p})" for p in pieces), flat), re.I, origin=origin)
            except re.error as exc:
                raise TermDataError(f"bad pattern {pattern!r}: {exc}") from None
    if not words and regex is None:
        raise TermDataError(f"an item needs {words_key} or {key}")
    return WordPattern(words, regex, origin, unless)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return [b for b in out if b]
