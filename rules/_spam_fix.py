"""Safe fixes for spam findings: delete a residue line or an injected keyword, and nothing else.

A fix never touches text outside what it deletes: a whole line goes with its line
break only when nothing else of the article is on that line; a keyword goes with one
adjacent space (and with the brackets it fills on its own). A deletion that would cut
a link's markup or leave an HTML element open is not offered.
"""
from __future__ import annotations

import re

from healthlint.document import Document
from healthlint.finding import Edit, Fix

TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)\b[^<>]*?(/?)>")
OPEN_BRACKETS = "([（【"
CLOSE_BRACKETS = ")]）】"


def balanced(raw: str) -> bool:
    """Every tag in ``raw`` is closed inside it (or self-closing), and no stray ``<``/``>`` is left."""
    stack: list[str] = []
    rest = TAG.sub(" ", raw)
    if "<" in rest or ">" in rest:
        return False
    for m in TAG.finditer(raw):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if selfclosing:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _whole_links(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Grow ``[start, end)`` over the links whose anchor text it holds; None if it cuts a link otherwise."""
    for link in doc.links:
        if link.end <= start or end <= link.start or start <= link.start and link.end <= end:
            continue  # apart, or wholly inside
        if link.kind != "bare" and link.text_start < link.text_end and start <= link.text_start and link.text_end <= end:
            start, end = min(start, link.start), max(end, link.end)
            continue
        return None
    return start, end


def _edit(doc: Document, start: int, end: int) -> Edit | None:
    grown = _whole_links(doc, start, end)
    if grown is None:
        return None
    start, end = grown
    if doc.format != "text" and not balanced(doc.text[start:end]):
        return None
    return Edit(start, end, "")


def delete_lines(doc: Document, spans: list[tuple[int, int]], description: str) -> Fix | None:
    """Delete each stripped prose line ``(start, end)``: the whole raw line when the line holds nothing
    else, otherwise the span alone."""
    text, prose = doc.text, doc.prose
    edits = []
    for start, end in spans:
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le < 0 else le
        if not prose[ls:start].strip() and not prose[end:le].strip():
            start, end = ls, min(le + 1, len(text))
        edit = _edit(doc, start, end)
        if edit is None:
            return None
        edits.append(edit)
    return Fix(description, edits) if edits else None


def delete_words(doc: Document, start: int, end: int, description: str) -> Fix | None:
    """Delete ``[start, end)`` with the brackets it fills on its own and one adjacent space."""
    text = doc.text
    if start > 0 and end < len(text) and text[start - 1] in OPEN_BRACKETS and text[end] in CLOSE_BRACKETS:
        start, end = start - 1, end + 1
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n\t"):
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    elif end < len(text) and text[end] == " ":
        end += 1
    edit = _edit(doc, start, end)
    return Fix(description, [edit]) if edit else None
