"""Word patterns of the term data: plain words and phrases matched on lemmas, with an optional regex part.

A term's ``key``, an ``is_not`` fact, a misconception, a vocabulary value or a concept may say
``words: [pinched nerve, trapped nerve]``: lower-case words or phrases, compared with the text
lemma by lemma (the lemma table of the pipeline, ``linter/components.py``), so one entry covers
every inflection ("pinched nerves", "trapped nerve"). A phrase may hold ``*`` for any one word
("stay in * muscle"). Shapes that words cannot say (a stem with any ending, a look-ahead, a
concept reference) stay in ``pattern:`` as a regex; both parts may be given, and either one
matching is a match.

:class:`WordPattern` answers ``search`` and ``finditer`` like a compiled regex, over any text (a
description, its head, its genus ...), so the definition rules treat both parts alike.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from healthlint import regexes

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a word; hyphens, slashes and punctuation split words
ANY_WORD = "*"
CACHE_TEXTS = 4096


@functools.lru_cache(maxsize=1)
def _table():
    """The pipeline's lemma table (spacy-lookups-data plus the data's corrections), built once."""
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


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(ANY_WORD if w == ANY_WORD else lemma(w) for w in
                 (m.group(0) if m.group(0) != ANY_WORD else ANY_WORD for m in re.finditer(r"\*|" + TOKEN.pattern, phrase)))


@functools.lru_cache(maxsize=CACHE_TEXTS)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(lemma, start, end)`` of every word of the text."""
    return tuple((lemma(m.group(0)), m.start(), m.end()) for m in TOKEN.finditer(text))


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

    def __init__(self, phrases: list[str], regex: re.Pattern | None = None, origin: str = ""):
        self.phrases = sorted({p for p in (phrase_lemmas(w) for w in phrases) if p}, key=len, reverse=True)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in self.phrases:
            self.by_first.setdefault(p[0], []).append(p)
        self.regex = regex
        self.origin = origin
        self.pattern = " | ".join(" ".join(p) for p in self.phrases) + (f" | {regex.pattern}" if regex else "")

    def _word_matches(self, text: str, pos: int = 0):
        toks = tokens(text)
        wild = self.by_first.get(ANY_WORD, [])
        for i, (lem, start, _end) in enumerate(toks):
            if start < pos:
                continue
            for p in self.by_first.get(lem, []) + wild:
                if i + len(p) <= len(toks) and all(w == ANY_WORD or w == toks[i + k][0] for k, w in enumerate(p)):
                    yield WordMatch(start, toks[i + len(p) - 1][2], text)
                    break

    def finditer(self, text: str, pos: int = 0):
        found = list(self._word_matches(text, pos)) if self.phrases else []
        if self.regex is not None:
            found += [m for m in self.regex.finditer(text, pos)]
            found.sort(key=lambda m: (m.start(), -m.end()))
            out, last = [], -1
            for m in found:  # no overlapping matches, as a regex gives
                if m.start() >= last:
                    out.append(m)
                    last = m.end()
            found = out
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
    from healthlint.rules.definitions import TermDataError, expand

    words = [str(w) for w in item.get(words_key) or []]
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
    return WordPattern(words, regex, origin)


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
