"""Line breaks as editors count them: LF, CRLF, a lone CR (old Mac files), NEL, U+2028 and U+2029.

A finding's line and column must be where the user's editor puts them, whatever ended the lines.
The readers and rules look for ``\\n`` only, so they are given a same-length copy of the text with
every other break written as ``\\n`` (CRLF keeps its CR, which is whitespace to them); offsets do
not move, and the Document keeps the file's own text.
"""
from __future__ import annotations

import re

BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_LONE = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")


def with_lf(text: str) -> str:
    """``text`` with each lone CR, NEL, U+2028 and U+2029 replaced by ``\\n`` (same length)."""
    return _LONE.sub("\n", text) if _LONE.search(text) else text


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins (the first is 0)."""
    return [0] + [m.end() for m in BREAK.finditer(text)]


def strip_break(line: str) -> str:
    """A line's text without its break."""
    return line.rstrip("\r\n\x85\u2028\u2029")
