"""Build the same-length prose view of a raw text, and find bare URLs in it."""
from __future__ import annotations

import html
import re

from .document import Link

BARE_URL = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>\"'\]\)]+[^\s<>\"'\]\).,;:!?»]", re.I)
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
LIST_MARKER = re.compile(r"^([ \t]{0,6})([-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")


class ProseBuilder:
    """A mutable same-length copy of the raw text, blanked where markup is."""

    def __init__(self, text: str, blank: bool = False):
        self.text = text
        self.chars = [" "] * len(text) if blank else list(text)

    def keep(self, start: int, end: int, newlines: bool = True) -> None:
        """Copy raw characters into the prose; optionally fold newlines to spaces."""
        for i in range(start, end):
            ch = self.text[i]
            if ch in "\r\n" and not newlines:
                ch = " "
            elif ch in "\t\f\v":
                ch = " "
            self.chars[i] = ch

    def blank(self, start: int, end: int) -> None:
        for i in range(max(start, 0), min(end, len(self.chars))):
            self.chars[i] = " "

    def put(self, offset: int, value: str) -> None:
        """Write ``value`` starting at ``offset`` (truncated to the text's end)."""
        for i, ch in enumerate(value):
            if offset + i < len(self.chars):
                self.chars[offset + i] = ch

    def block_break(self, start: int, end: int) -> None:
        """Mark a block boundary on a markup span: a blank line where it fits."""
        self.blank(start, end)
        self.put(start, "\n\n"[: max(0, min(2, end - start))])

    def entity(self, start: int, raw: str) -> None:
        """An entity becomes its character padded with spaces: ``&amp;`` -> ``&    ``."""
        value = html.unescape(raw)
        if len(value) > len(raw):
            value = value[: len(raw)]
        self.blank(start, start + len(raw))
        self.put(start, value.replace("\xa0", " "))

    def result(self) -> str:
        text = "".join(self.chars)
        # control characters (not newlines) would confuse the tokenizer
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2060]", " ", text)


def blank_list_markers(builder: ProseBuilder, text: str, offset: int = 0) -> None:
    """Turn each line-leading list marker (from ``offset`` on) into a block break."""
    for line in text[offset:].splitlines(keepends=True):
        match = LIST_MARKER.match(line)
        if match:
            start = offset + match.start(2)
            builder.blank(start, offset + match.end())
            builder.put(start, "\n")
        offset += len(line)


def bare_links(prose: str, taken: list[tuple[int, int]]) -> list[Link]:
    """URLs typed as plain text, outside any link already found."""
    links = []
    for match in BARE_URL.finditer(prose):
        s, e = match.span()
        if any(ts <= s < te for ts, te in taken):
            continue
        url = match.group(0)
        links.append(Link(url=url, text=url, start=s, end=e, text_start=s, text_end=e, kind="bare"))
    return links
