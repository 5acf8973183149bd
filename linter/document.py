"""The Document: an article's raw text plus a same-length prose view.

Rules read ``prose`` (markup blanked to spaces) and report offsets that are
valid in ``text`` too, because both strings have the same length: a finding's
line and column are those of the file the user opened, with no offset table.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from . import lines

PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")  # one or more blank lines


META_READ = ("title", "description")  # metadata that readers see and rules read


@dataclass
class Link:
    """A hyperlink: HTML ``<a>``, a Markdown link, or a bare URL in the text."""

    url: str
    text: str
    start: int  # span of the whole link in the raw text (tag or markup included)
    end: int
    text_start: int  # span of the visible anchor text
    text_end: int
    rel: str = ""
    hidden: bool = False
    kind: str = "html"  # html | markdown | bare


@dataclass
class Heading:
    level: int
    text: str
    start: int
    end: int


@dataclass
class Field:
    """A metadata value (front matter key, HTML <title>/<meta>) and where it sits."""

    key: str
    value: Any
    start: int = -1
    end: int = -1


@dataclass
class Markup:
    """Formatting the HTML report redraws: ``strong``, ``em``, ``del``, ``code`` (the code inside the
    backticks) spans, or a list item (``li``, ``label`` its marker: a bullet or ``3.``), as raw-text offsets."""

    kind: str
    start: int
    end: int
    label: str = ""


@dataclass
class Document:
    path: str
    text: str
    prose: str
    format: str  # text | markdown | html
    metadata: dict[str, Field] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    hidden_spans: list[tuple[int, int]] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, body)
    markup: list[Markup] = field(default_factory=list)  # Markdown formatting, for the HTML report
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    spacy: Any = None  # the spaCy Doc over ``analysis_text()``, set by the engine
    _line_starts: list[int] | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if len(self.prose) != len(self.text):
            raise ValueError("prose view must have the raw text's length")

    def memo(self, key, compute):
        """Per-document work shared by rules (the structure, the context judge ...), computed once.

        The one cache of per-document results: it lives and dies with the Document.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def analysis_text(self) -> str:
        """What the pipeline reads: the prose, plus metadata values (title, description) that markup blanked.

        A front-matter ``title:`` is part of what readers see, so its claims count; its
        characters are put back at their own offsets, so the text keeps the raw length.
        """
        return self.memo("analysis_text", self._analysis_text)

    def _analysis_text(self) -> str:
        prose = self.prose
        pieces = []
        for key in META_READ:
            item = self.metadata.get(key)
            if not item or not isinstance(item.value, str) or item.start < 0:
                continue
            value = item.value.strip()
            at = self.text.find(value, item.start, max(item.end, item.start + len(value)) + 1) if value else -1
            if at < 0 or prose[at:at + len(value)].strip():
                continue  # unknown offset, or already part of the prose (an HTML <title>)
            if "\n" in value or "\r" in value:
                continue
            pieces.append((at, value))
        if not pieces:
            return prose
        out, last = [], 0
        for at, value in sorted(pieces):
            if at < last:
                continue
            out += [prose[last:at], value]
            last = at + len(value)
        out.append(prose[last:])
        return "".join(out)

    @property
    def title(self) -> str:
        item = self.metadata.get("title")
        if item and isinstance(item.value, str):
            return item.value
        return self.headings[0].text if self.headings else ""

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = lines.line_starts(self.text)  # LF, CRLF, lone CR, NEL, U+2028/9
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return lines.strip_break(self.text[begin:end])

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        """The prose block (split at blank lines / block tags) around an offset.

        The breaks are found once per document (a scan per call made long articles quadratic);
        a line of spaces, or CRLF line ends, still make a blank line."""
        breaks = self.memo("paragraph_breaks", lambda: [m.span() for m in PARAGRAPH_BREAK.finditer(self.prose)])
        i = bisect.bisect_right(breaks, (offset, len(self.prose) + 1))  # breaks starting at or before offset
        j = i - 1
        while j >= 0 and breaks[j][1] > offset:  # a break that is not wholly before the offset
            j -= 1
        begin = breaks[j][1] if j >= 0 else 0
        k = bisect.bisect_left(breaks, (offset, -1))
        return begin, breaks[k][0] if k < len(breaks) else len(self.prose)

    def is_hidden(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.hidden_spans)
