"""Place markdown-it's inline tokens back on the raw text.

markdown-it gives block tokens line numbers but inline tokens no position at all, and their
text is decoded (``\\*`` -> ``*``, ``&amp;`` -> ``&``). :class:`InlineMapper` walks a block's
inline children in source order over the block's content, matching each token to the raw
characters it came from: the characters of text tokens are revealed in the prose view, every
other character (delimiters, link targets, code, HTML tags) stays blank. Links, comments,
hidden HTML and formatting spans come out with exact raw offsets.
"""
from __future__ import annotations

import html
import re

from markdown_it.helpers import parseLinkDestination, parseLinkTitle

from .document import Link, Markup
from .html_source import is_hidden_style
from .prose import ENTITY, ProseBuilder

ATTR = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>\Z", re.S)
CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
STYLES = {"strong": "strong", "em": "em", "s": "del"}


def tag_attrs(raw: str) -> dict[str, str]:
    return {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or "" for a in ATTR.finditer(raw)}


def line_offsets(raw: str, content: str, first_line: int, line_starts: list[int], cursor: int) -> list[int]:
    """Raw offset of every character of ``content`` (plus one past its end).

    ``content`` is the block's text with container prefixes (``> ``, list indentation,
    leading spaces) removed, one content line per raw line from ``first_line`` on; each
    content line is found in its raw line (from ``cursor`` on the first line: table cells
    share a line). A line that cannot be found (tabs expanded by the parser) is taken as
    the end of its raw line.
    """
    where: list[int] = []
    n_lines = len(line_starts)
    for j, piece in enumerate(content.split("\n")):
        index = min(first_line + j, n_lines - 1)
        begin = line_starts[index]
        end = line_starts[index + 1] if index + 1 < n_lines else len(raw)
        while end > begin and raw[end - 1] in "\r\n":
            end -= 1
        if j == 0 and begin <= cursor <= end:
            begin = cursor
        at = raw.find(piece, begin, end) if piece else begin
        if at < 0:
            at = max(begin, end - len(piece))
        where.extend(min(at + k, len(raw) - 1) for k in range(len(piece)))
        newline = at + len(piece)
        where.append(min(newline, len(raw)))  # the line break (or one past the end)
    return where


class InlineMapper:
    """Reveal the text of one block's inline tokens and collect what they carry."""

    def __init__(self, raw: str, builder: ProseBuilder, links: list[Link], comments: list,
                 hidden: list[tuple[int, int]], markup: list[Markup]):
        self.raw, self.builder = raw, builder
        self.links, self.comments, self.hidden, self.markup = links, comments, hidden, markup

    def run(self, content: str, where: list[int], children) -> None:
        self.content, self.where, self.p = content, where, 0
        opened: list[tuple[str, int]] = []  # (style, raw start)
        link_stack: list[dict] = []
        tags: list[tuple[str, int, bool, dict]] = []  # open inline HTML: (tag, raw start, hidden, attrs)
        for tok in children:
            kind = tok.type
            if kind == "text":
                self._text(tok.content, hidden=any(h for _, _, h, _ in tags))
            elif kind in ("softbreak", "hardbreak"):
                nl = content.find("\n", self.p)
                self.p = len(content) if nl < 0 else nl + 1
            elif kind == "code_inline":
                start, end = self._code_span(tok.markup)
                ticks = len(tok.markup)  # the span recorded is the code inside the backticks
                self.markup.append(Markup("code", self.at(start + ticks), self.at_end(max(start + ticks, end - ticks))))
            elif kind.endswith("_open") and kind[:-5] in STYLES:
                self.p = self._skip(tok.markup)
                opened.append((kind[:-5], self.at(self.p)))
            elif kind.endswith("_close") and kind[:-6] in STYLES:
                end = self.at_end(self.p)
                self.p = self._skip(tok.markup)
                for i in range(len(opened) - 1, -1, -1):
                    if opened[i][0] == kind[:-6]:
                        self.markup.append(Markup(STYLES[kind[:-6]], opened.pop(i)[1], end))
                        break
            elif kind == "link_open":
                autolink = tok.markup == "autolink"
                start = self._find("<" if autolink else "[")
                self.p = start + 1
                link_stack.append({"start": start, "text_start": self.p, "url": tok.attrs.get("href", ""),
                                   "autolink": autolink})
            elif kind == "link_close" and link_stack:
                self._close_link(link_stack.pop())
            elif kind == "image":
                start = self._find("![")
                self.p = self._link_tail(self._label_end(start + 1))
            elif kind == "footnote_ref":
                start = self._find("[^")
                close = content.find("]", start)
                self.p = len(content) if close < 0 else close + 1
            elif kind == "html_inline":
                self._html(tok.content, tags)
        for tag, start, is_hidden, attrs in tags:  # never closed: a hidden one hides to the block's end
            if is_hidden:
                self.hidden.append((start, self.at_end(len(content))))

    # -- positions ----------------------------------------------------------------------
    def at(self, p: int) -> int:
        return self.where[min(p, len(self.where) - 1)]

    def at_end(self, p: int) -> int:
        """Raw end offset (exclusive) of the content up to ``p``."""
        return self.where[p - 1] + 1 if p > 0 else self.where[0]

    def _find(self, needle: str) -> int:
        found = self.content.find(needle, self.p)
        return len(self.content) if found < 0 else found

    def _skip(self, markup: str) -> int:
        return min(len(self.content), self._find(markup) + len(markup)) if markup else self.p

    # -- tokens -------------------------------------------------------------------------
    def _text(self, value: str, hidden: bool) -> None:
        c, i = self.content, 0
        if c.startswith(value, self.p):  # the usual case: written as shown (no escape, no entity)
            start = self.at(self.p)
            if not hidden and self.at(self.p + len(value) - 1) == start + len(value) - 1:
                self.builder.keep(start, start + len(value), newlines=False)
                self.p += len(value)
                return
        while i < len(value):
            ch, p = value[i], self.p
            if p >= len(c):
                return
            if c[p] == ch:
                if not hidden:
                    self.builder.keep(self.at(p), self.at(p) + 1, newlines=False)
                self.p, i = p + 1, i + 1
            elif c[p] == "\\" and c[p + 1:p + 2] == ch:
                if not hidden:
                    self.builder.keep(self.at(p + 1), self.at(p + 1) + 1)
                self.p, i = p + 2, i + 1
            elif c[p] == "&" and (m := ENTITY.match(c, p)) and m.group(0).endswith(";") \
                    and value.startswith(html.unescape(m.group(0)), i):
                if not hidden:
                    self.builder.entity(self.at(p), m.group(0))
                self.p, i = m.end(), i + len(html.unescape(m.group(0)))
            else:  # not where expected (the parser replaced a character): resynchronise nearby
                ahead = c.find(ch, p, p + 16)
                if ahead >= 0:
                    self.p = ahead
                else:
                    i += 1

    def _code_span(self, ticks: str) -> tuple[int, int]:
        start = self._find(ticks)
        pos = start + len(ticks)
        while True:
            pos = self.content.find(ticks, pos)
            if pos < 0:
                self.p = len(self.content)
                return start, self.p
            run_end = pos
            while run_end < len(self.content) and self.content[run_end] == "`":
                run_end += 1
            if run_end - pos == len(ticks):
                self.p = run_end
                return start, run_end
            pos = run_end

    def _label_end(self, open_bracket: int) -> int:
        """Index of the ``]`` that closes the ``[`` at ``open_bracket`` (escapes and nesting respected)."""
        depth, i, c = 0, open_bracket, self.content
        while i < len(c):
            if c[i] == "\\":
                i += 2
                continue
            if c[i] == "[":
                depth += 1
            elif c[i] == "]":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return len(c)

    def _link_tail(self, close: int) -> int:
        """Index just past a link's end, given its label's ``]``: ``(dest "title")``, ``[ref]`` or nothing."""
        c, n = self.content, len(self.content)
        pos = close + 1
        if pos < n and c[pos] == "(":
            pos += 1
            while pos < n and c[pos] in " \t\n":
                pos += 1
            dest = parseLinkDestination(c, pos, n)
            if dest.ok:
                pos = dest.pos
            while pos < n and c[pos] in " \t\n":
                pos += 1
            if pos < n and c[pos] in "\"'(":
                title = parseLinkTitle(c, pos, n)
                if title.ok:
                    pos = title.pos
            while pos < n and c[pos] in " \t\n":
                pos += 1
            if pos < n and c[pos] == ")":
                return pos + 1
        if pos < n and c[pos] == "[":
            end = c.find("]", pos)
            return n if end < 0 else end + 1
        return min(close + 1, n)

    def _close_link(self, link: dict) -> None:
        if link["autolink"]:
            text_end = self._find(">")
            end = min(text_end + 1, len(self.content))
        else:
            text_end = self._find("]")
            end = self._link_tail(text_end)
        self.p = end
        ts, te = self.at(link["text_start"]), self.at_end(text_end)
        self.links.append(Link(url=link["url"], text=self.raw[ts:te], start=self.at(link["start"]),
                               end=self.at_end(end), text_start=ts, text_end=te, kind="markdown"))

    def _html(self, raw_tag: str, tags: list) -> None:
        start = self._find(raw_tag)
        self.p = min(len(self.content), start + len(raw_tag))
        rs, re_ = self.at(start), self.at_end(self.p)
        if raw_tag.startswith("<!--"):
            body = raw_tag[4:-3] if raw_tag.endswith("-->") else raw_tag[4:]
            self.comments.append((rs, re_, body))
            return
        if m := OPEN_TAG.match(raw_tag):
            if not m.group(3):
                attrs = tag_attrs(m.group(2))
                hidden = is_hidden_style(attrs) or any(h for _, _, h, _ in tags)
                tags.append((m.group(1).lower(), rs, hidden, attrs))
        elif m := CLOSE_TAG.match(raw_tag):
            name = m.group(1).lower()
            for i in range(len(tags) - 1, -1, -1):
                if tags[i][0] == name:
                    tag, ts, is_hidden, attrs = tags.pop(i)
                    if is_hidden:
                        self.hidden.append((ts, re_))
                    if tag == "a":
                        self.links.append(Link(url=attrs.get("href", ""), text=self.raw[ts:rs].split(">", 1)[-1],
                                               start=ts, end=re_, text_start=self.raw.index(">", ts) + 1,
                                               text_end=rs, rel=attrs.get("rel", ""), hidden=is_hidden))
                    break
