"""Read a Markdown article: YAML front matter, headings, links, prose."""
from __future__ import annotations

import re

from . import front_matter
from .document import Document, Field, Heading, Link
from .html_source import is_hidden_style
from .prose import ENTITY, ProseBuilder, bare_links, blank_list_markers

FRONT_MATTER = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
ATX_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.M)
SETEXT = re.compile(r"^(?P<text>(?=[^\n]*\S)[^\n]*+)\r?\n(?P<rule>[ \t]{0,3}(?:=+|-{2,})[ \t]*)$", re.M)
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*+<?([^)\s>]*)>?(?:\s+[\"'(][^)]*[\"')])?\s*+\)")
REF_LINK = re.compile(r"(!?)\[([^\]]+)\]\[([^\]]*)\]")
REF_DEF = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+[\"'(].*[\"')])?[ \t]*$", re.M)
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.S)
HTML_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.S | re.I)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
BLOCKQUOTE = re.compile(r"^[ \t]{0,3}(>[ \t]?)+", re.M)
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
ATTR = re.compile(r"([a-zA-Z-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")


class FrontMatterError(ValueError):
    """Front matter that is not valid YAML; the message names the line."""


def _front_matter(text: str, builder: ProseBuilder) -> tuple[dict[str, Field], int, str | None]:
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, 0, None
    match = FRONT_MATTER.match(text)
    if not match:
        first = text.split("\n", 1)[0].strip().lstrip("\ufeff")
        if first == "---":
            return {}, 0, "front matter opened with '---' on line 1 is never closed"
        return {}, 0, None
    builder.blank(0, match.end())
    body = match.group(2)
    body_start = match.start(2)
    data, problem = front_matter.load(body)  # bombs and unbuildable values are problems, not crashes
    if problem:
        return {}, match.end(), problem
    data = data or {}
    if not isinstance(data, dict):
        return {}, match.end(), "front matter is not a mapping of keys to values"
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
                end = (offsets[j] if j < len(offsets) else body_start + len(body))
                while end > start and text[end - 1] in "\r\n \t":
                    end -= 1
                if end > start and text[start] in "\"'" and text[end - 1] == text[start]:
                    start, end = start + 1, end - 1
                break
        fields[key_s.lower()] = Field(key_s.lower(), value, start, end)
    return fields, match.end(), None


def read_markdown(path: str, text: str) -> Document:
    builder = ProseBuilder(text)
    metadata, body_start, fm_problem = _front_matter(text, builder)
    headings: list[Heading] = []
    links: list[Link] = []
    comments: list[tuple[int, int, str]] = []
    masked: list[tuple[int, int]] = [(0, body_start)]

    def free(s: int, e: int) -> bool:
        return not any(ms < e and s < me for ms, me in masked)

    for m in HTML_COMMENT.finditer(text, body_start):
        comments.append((m.start(), m.end(), m.group(1)))
        builder.blank(*m.span())
        masked.append(m.span())
    for m in FENCE.finditer(text, body_start):
        if free(*m.span()):
            builder.block_break(*m.span())
            masked.append(m.span())
    for m in INLINE_CODE.finditer(text, body_start):
        if free(*m.span()):
            builder.blank(*m.span())
            masked.append(m.span())
    for m in ATX_HEADING.finditer(text, body_start):
        if free(*m.span()):
            builder.blank(m.start(1), m.end(1))
            builder.put(m.start(1), "\n")
            headings.append(Heading(len(m.group(1)), m.group(2).strip(), m.start(2), m.end(2)))
    for m in SETEXT.finditer(text, body_start):
        if free(*m.span()) and not m.group("text").lstrip().startswith(("#", "-", "*", "|", ">")):
            builder.block_break(*m.span("rule"))
            level = 1 if "=" in m.group("rule") else 2
            headings.append(Heading(level, m.group("text").strip(), m.start("text"), m.end("text")))
    headings.sort(key=lambda h: h.start)
    for m in TABLE_RULE.finditer(text, body_start):
        if free(*m.span()) and "|" in m.group(0):
            builder.blank(*m.span())
    for m in REF_DEF.finditer(text, body_start):
        if free(*m.span()):
            builder.blank(*m.span())
            masked.append(m.span())
    refs = {m.group(1).lower(): m.group(2) for m in REF_DEF.finditer(text, body_start)}
    for m in LINK.finditer(text, body_start):
        if not free(*m.span()):
            continue
        image = bool(m.group(1))
        ts, te = m.start(2), m.end(2)
        builder.blank(m.start(), ts)
        builder.blank(te, m.end())
        if image:
            builder.blank(ts, te)
        else:
            links.append(Link(url=m.group(3), text=m.group(2), start=m.start(), end=m.end(), text_start=ts,
                              text_end=te, kind="markdown"))
        masked.append((m.start(), ts))
        masked.append((te, m.end()))
    for m in REF_LINK.finditer(text, body_start):
        if free(*m.span()):
            key = (m.group(3) or m.group(2)).lower()
            ts, te = m.start(2), m.end(2)
            builder.blank(m.start(), ts)
            builder.blank(te, m.end())
            if key in refs and not m.group(1):
                links.append(Link(url=refs[key], text=m.group(2), start=m.start(), end=m.end(), text_start=ts,
                                  text_end=te, kind="markdown"))
    for m in AUTOLINK.finditer(text, body_start):
        if free(*m.span()):
            builder.blank(m.start(), m.start() + 1)
            builder.blank(m.end() - 1, m.end())
            links.append(Link(url=m.group(1), text=m.group(1), start=m.start(), end=m.end(), text_start=m.start() + 1,
                              text_end=m.end() - 1, kind="markdown"))
            masked.append(m.span())
    hidden: list[tuple[int, int]] = []
    for m in HTML_ANCHOR.finditer(text, body_start):
        if not free(*m.span()):
            continue
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or "" for a in ATTR.finditer(m.group(1))}
        is_hidden = is_hidden_style(attrs)
        if is_hidden:
            hidden.append(m.span())
        links.append(Link(url=attrs.get("href", ""), text=m.group(2), start=m.start(), end=m.end(),
                          text_start=m.start(2), text_end=m.end(2), rel=attrs.get("rel", ""), hidden=is_hidden))
    for m in HTML_TAG.finditer(text, body_start):
        if free(*m.span()):
            builder.blank(*m.span())
    for start, end in hidden:
        builder.blank(start, end)
    for m in EMPHASIS.finditer(text, body_start):
        if free(*m.span()) and "\n\n" not in m.group(2):
            n = len(m.group(1))
            builder.blank(m.start(), m.start() + n)
            builder.blank(m.end() - n, m.end())
    for m in BLOCKQUOTE.finditer(text, body_start):
        builder.blank(*m.span())
    for m in ENTITY.finditer(text, body_start):
        if free(*m.span()) and m.group(0).endswith(";"):
            builder.entity(m.start(), m.group(0))
    blank_list_markers(builder, text, body_start)
    for i in range(body_start, len(text)):
        if text[i] == "|" and builder.chars[i] == "|":
            builder.chars[i] = " "
    prose = builder.result()
    taken = [(link.start, link.end) for link in links] + masked
    links = sorted(links + bare_links(prose, taken), key=lambda l: l.start)
    doc = Document(path=path, text=text, prose=prose, format="markdown", metadata=metadata, links=links,
                   headings=headings, hidden_spans=sorted(hidden), comments=comments)
    if fm_problem:
        doc.warnings.append(fm_problem)
    return doc

