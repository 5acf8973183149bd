"""One door for the regular expressions that rules build from data: compiled once, and recorded.

A pattern assembled from knowledge files (``rules/data/*.yaml``, a publisher's ``data-dirs``) or from
code that splices such lists together is code that nobody reads as a whole; one careless ``[ \\t]*``
next to an optional group can make matching take minutes on a page of spaces (issue 23, item 4).
Every such pattern goes through :func:`compile`, which remembers it with where it came from, so that
``tests/test_regex_safety.py`` can build a full Linter and attack each recorded pattern with strings
made from its own pieces. Python's ``re`` is kept (see the README, "Hostile input", for why not re2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RECORDED = 20_000  # a call site compiling per document must not grow the record without end


@dataclass(frozen=True)
class Recorded:
    """A compiled pattern and the data entry or code that built it (``"spam/contact.yaml:apps"``)."""

    origin: str
    regex: re.Pattern


_RECORDED: dict[tuple[str, int], Recorded] = {}


def compile(pattern: str, flags: int = 0, *, origin: str) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, recorded under ``origin`` (the first origin of a pattern wins)."""
    regex = re.compile(pattern, flags)
    key = (regex.pattern, regex.flags)
    if key not in _RECORDED and len(_RECORDED) < MAX_RECORDED:
        _RECORDED[key] = Recorded(origin, regex)
    return regex


def recorded() -> list[Recorded]:
    """Every pattern compiled through :func:`compile` in this process so far, in order."""
    return list(_RECORDED.values())
