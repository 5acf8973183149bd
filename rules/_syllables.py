"""English syllables and the Flesch-Kincaid grade, for the readability rule (HL504).

The counter is a spelling heuristic (no pronouncing dictionary is needed): vowel groups,
less a silent final e, -ed or -es, plus vowel pairs that are said as two syllables. It
is cached per word, so an article costs one dictionary lookup per word.
"""
from __future__ import annotations

import functools
import re

_NOT_LETTER = re.compile(r"[^a-z]")
_Y_CONSONANT = re.compile(r"y(?=[aeiou])")  # y before a vowel is a consonant (yoga, fibromyalgia)
_VOWELS = re.compile(r"[aeiouy]+")
_SOUNDED_LE = re.compile(r"[^aeiou]le$")  # muscle, gentle
_SOUNDED_ES = re.compile(r"(?:[sxzcg]|[cs]h|[^aeiou]l)es$")  # muscles, causes, massages
_SPLIT = re.compile(r"ia|io(?!n)|iu|(?<!p)eo|ua|uo|ea$|[aeiou]ing$|(?<![ct])(?<=[^aeiou])ie(?=[nt])")  # not vocabulary: letter pairs that split into two syllables


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one English word (0 for a word without letters)."""
    w = _NOT_LETTER.sub("", word.lower())
    if len(w) <= 3:
        return 1 if w else 0
    w = _Y_CONSONANT.sub("j", w)
    groups = _VOWELS.findall(w)
    n = len(groups)
    if n > 1 and groups[-1] == "e":
        if w.endswith("e") and not _SOUNDED_LE.search(w):
            n -= 1  # stone, release
        elif w.endswith("ed") and not w.endswith(("ted", "ded")):
            n -= 1  # stretched, relieved (but treated)
        elif w.endswith("es") and not _SOUNDED_ES.search(w):
            n -= 1  # stones, knees
    n += len(_SPLIT.findall(w))
    return max(1, n)


def grade(words: int, sentences: int, syl: int) -> float:
    """Flesch-Kincaid grade level."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syl / words - 15.59
