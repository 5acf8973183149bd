"""Read a Markdown article with markdown-it-py: front matter, headings, links, prose.

The text is parsed as CommonMark (with raw HTML) plus tables, strikethrough, footnotes and YAML
front matter. The prose view starts blank (newlines kept) and only the characters of text
tokens are revealed (``markdown_inline``), so code (indented or fenced), link targets,
delimiters, tables' rule rows and HTML tags are never linted, and every offset is the raw
file's. Each block (paragraph, heading, list item, table cell, quote) starts on a line break
of the prose so that it is a sentence of its own.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import front_matter
from .document import Document, Field, Heading, Link, Markup
from .html_source import read_html
from .markdown_inline import InlineMapper, line_offsets
from .prose import ProseBuilder, bare_links

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what markdown-it counts as a line end
NOT_NEWLINE = re.compile(r"[^\n]")


@lru_cache(maxsize=1)
def parser():
    """The markdown-it parser, built once; link targets are kept as written (no normalising)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).use(footnote_plugin)
    md.enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url
    md.normalizeLinkText = lambda url: url
    md.validateLink = lambda url: True  # javascript: links are spam evidence, not to be dropped
    return md


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def _fields(text: str, body: str, body_start: int, data: dict) -> dict[str, Field]:
    """Each front matter key with the raw span of its value (quotes excluded)."""
    fields: dict[str, Field] = {}
    lines = body.splitlines(keepends=True)
    offsets, pos = [], body_start
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    for key, value in data.items():
        key_s = str(key)
        start = end = -1
        for i, line in enumerate(lines):
            m = re.match(rf"({re.escape(key_s)})\s*:[ \t]*", line)
            if m:
                start = offsets[i] + m.end()
                j = i + 1
                while j < len(lines) and (lines[j].startswith((" ", "\t", "-")) or not lines[j].strip()):
                    j += 1
                end = offsets[j] if j < len(offsets) else body_start + len(body)
                while end > start and text[end - 1] in "\r\n \t":
                    end -= 1
                if end > start and text[start] in "\"'" and text[end - 1] == text[start]:
                    start, end = start + 1, end - 1
                break
        fields[key_s.lower()] = Field(key_s.lower(), value, start, end)
    return fields


def _front_matter(text: str, token, starts: list[int]) -> tuple[dict[str, Field], int, str | None]:
    """(fields, end of the front matter, problem) from markdown-it's front_matter token."""
    if token is None:
        first = text.split("\n", 1)[0].strip().lstrip("\ufeff")
        problem = "front matter opened with '---' on line 1 is never closed" if first == "---" else None
        return {}, 0, problem
    end = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
    body_start = starts[1]
    body_end = starts[token.map[1] - 1]
    body = text[body_start:body_end]
    data, problem = front_matter.load(body)  # bombs and unbuildable values are problems, not crashes
    if problem:
        return {}, end, problem
    data = data or {}
    if not isinstance(data, dict):
        return {}, end, "front matter is not a mapping of keys to values"
    return _fields(text, body, body_start, data), end, None


def _block_break(builder: ProseBuilder, text: str, begin: int, start: int) -> None:
    """A line break in the prose before a block's first character: on its marker (``#``, ``-``,
    ``>``, ``|``), else on the space before it, so the block is a sentence of its own."""
    if start <= begin:
        return
    prefix = text[begin:start]
    marker = len(prefix) - len(prefix.lstrip())
    at = begin + marker if marker < len(prefix) else start - 1
    if builder.chars[at] == " ":
        builder.chars[at] = "\n"


def _html_blocks(text: str, spans: list[tuple[int, int]], builder: ProseBuilder):
    """Raw HTML blocks read as HTML (one pass over a copy with everything else blanked)."""
    if not spans:
        return [], [], [], []
    chars = list(NOT_NEWLINE.sub(" ", text))
    for s, e in spans:
        chars[s:e] = text[s:e]
    doc = read_html("", "".join(chars))
    for s, e in spans:
        for i in range(s, e):
            if text[i] != "\n":
                builder.chars[i] = doc.prose[i]
    return doc.links, doc.comments, doc.hidden_spans, doc.headings


def read_markdown(path: str, text: str) -> Document:
    bom = 1 if text.startswith("\ufeff") else 0
    tokens = parser().parse(text[bom:])
    starts = _line_starts(text)
    builder = ProseBuilder(text, blank=True)
    builder.chars = list(NOT_NEWLINE.sub(" ", text))  # blank, but every line break kept
    front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    metadata, _, fm_problem = _front_matter(text, front, starts)

    links: list[Link] = []
    comments: list[tuple[int, int, str]] = []
    hidden: list[tuple[int, int]] = []
    markup: list[Markup] = []
    headings: list[Heading] = []
    html_spans: list[tuple[int, int]] = []
    mapper = InlineMapper(text, builder, links, comments, hidden, markup)
    cursor, heading_level = 0, 0
    items: list[tuple[int, str, int]] = []  # open list items: (raw start, marker, index in markup)

    def line_span(token) -> tuple[int, int]:
        begin = starts[min(token.map[0], len(starts) - 1)]
        end = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
        return begin, end

    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "list_item_open" and token.map:
            begin, _ = line_span(token)
            marker = (token.info + token.markup) if token.info else "\u2022"
            markup.append(Markup("li", begin, begin, marker))
            items.append((begin, marker, len(markup) - 1))
        elif kind == "list_item_close" and items:
            _, _, index = items.pop()
            markup[index].end = cursor
        elif kind == "html_block" and token.map:
            html_spans.append(line_span(token))
        elif kind == "inline" and token.map:
            begin = starts[min(token.map[0], len(starts) - 1)]
            if not (begin <= cursor < (starts[token.map[0] + 1] if token.map[0] + 1 < len(starts) else len(text))):
                cursor = begin  # a new line (or footnotes, which the parser moves to the end)
            where = line_offsets(text, token.content, token.map[0], starts, cursor)
            _block_break(builder, text, cursor, where[0])
            mapper.run(token.content, where, token.children or [])
            cursor = where[-1]
            if heading_level:
                start, end = where[0], mapper.at_end(len(token.content))
                headings.append(Heading(heading_level, text[start:end].strip(), start, end))
                heading_level = 0
    more_links, more_comments, more_hidden, more_headings = _html_blocks(text, html_spans, builder)
    links += more_links
    comments = sorted(comments + more_comments)
    hidden = sorted(hidden + more_hidden)
    for start, end in hidden:
        builder.blank(start, end)
    prose = builder.result()
    taken = [(link.start, link.end) for link in links] + [(m.start, m.end) for m in markup if m.kind == "code"]
    links = sorted(links + bare_links(prose, taken), key=lambda link: link.start)
    doc = Document(path=path, text=text, prose=prose, format="markdown", metadata=metadata, links=links,
                   headings=sorted(headings + more_headings, key=lambda h: h.start), hidden_spans=hidden,
                   comments=comments, markup=sorted(markup, key=lambda m: (m.start, -m.end)))
    if fm_problem:
        doc.warnings.append(fm_problem)
    return doc
