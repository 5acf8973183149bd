"""Safe fixes: how rules build them, and how ``check --fix`` applies them.

A fix is only offered where the repair is mechanical and touches nothing but the flagged text:
a scraper-residue line deleted, an injected keyword deleted, a known garble or a confused word
replaced by the real word. The builders below refuse (return ``None``) whenever the flagged span
carries markup the replacement would destroy, so a fix never changes formatting or other text.

:func:`apply` applies the fixes of one file's findings: edits of different fixes that overlap
are refused (the first one in the file wins; the next pass may take the other), so the result
never depends on the order rules ran in.
"""
from __future__ import annotations

import re
from typing import Iterable

from .document import Document
from .finding import Edit, Finding, Fix

INFLECTIONS = ("ing", "ed", "s")  # kept from the wrong word when the right one lacks them


# -- building fixes (called by rules where they make the finding) -------------------------------

TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)\b[^<>]*?(/?)>")
OPEN_BRACKETS = "([（【"
CLOSE_BRACKETS = ")]）】"


def balanced(raw: str) -> bool:
    """Every tag in ``raw`` is closed inside it (or self-closing), and no stray ``<``/``>`` is left."""
    stack: list[str] = []
    if "<" in TAG.sub(" ", raw) or ">" in TAG.sub(" ", raw):
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
    """Grow ``start:end`` over the links whose anchor text it holds; None when it would cut a link."""
    for link in doc.links:
        if link.end <= start or end <= link.start or start <= link.start and link.end <= end:
            continue  # apart, or wholly inside
        if link.kind != "bare" and link.text_start < link.text_end and start <= link.text_start and link.text_end <= end:
            start, end = min(start, link.start), max(end, link.end)
            continue
        return None
    return start, end


def _deletion(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """``start:end`` grown over the links it holds, or None when deleting it would cut a link or an element."""
    grown = _whole_links(doc, start, end)
    if grown is None or doc.format != "text" and not balanced(doc.text[grown[0]:grown[1]]):
        return None
    return grown


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the line holding ``start`` to just past the line break ending ``end``'s line."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", max(end - 1, start))
    return begin, len(text) if stop < 0 else stop + 1


def _whole_lines(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The lines of ``start:end`` when nothing else is written on them (judged on the prose view, so a
    list marker or the element around a residue line goes with it) and deleting them breaks no markup."""
    text = doc.text
    begin, stop = _line_bounds(text, start, end)
    if doc.prose[begin:start].strip() or doc.prose[end:stop].strip():
        return None
    return _deletion(doc, begin, stop)


def _collapse_blank(text: str, begin: int, stop: int) -> tuple[int, int]:
    """Take one blank line along when the deletion would leave two (paragraphs keep one between them)."""
    previous = text.rfind("\n", 0, max(begin - 1, 0)) + 1 if begin else 0
    if begin == 0 or not text[previous:begin].strip():  # the paragraph before ends with a blank line
        if stop >= len(text) and begin:
            return previous, stop  # the last line: drop the blank line before it instead
        if stop < len(text):
            nl = text.find("\n", stop)
            after = len(text) if nl < 0 else nl + 1
            if not text[stop:after].strip():
                return begin, after
    return begin, stop


def delete_lines(doc: Document, spans: list[tuple[int, int]], description: str = "Delete the line") -> Fix | None:
    """Delete each span's lines when nothing else is written on them, else the span alone (as words).

    None when any deletion would cut a link or leave an HTML element open: a fix is all or nothing.
    """
    ranges = []
    for start, end in spans:
        whole = _whole_lines(doc, start, end)
        if whole is None:
            fix = delete_words(doc, start, end, description)
            if fix is None:
                return None
            ranges += [(e.start, e.end) for e in fix.edits]
        else:
            ranges.append(whole)
    merged: list[list[int]] = []
    for begin, stop in sorted(ranges):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([begin, stop])
    edits, last = [], -1
    for begin, stop in merged:
        if doc.text[stop - 1:stop] == "\n" or stop == len(doc.text):
            begin, stop = _collapse_blank(doc.text, begin, stop)
        begin = max(begin, last)
        edits.append(Edit(begin, stop, ""))
        last = stop
    return Fix(description, edits) if edits else None


def delete_words(doc: Document, start: int, end: int, description: str = "Delete the text") -> Fix | None:
    """Delete ``start:end`` with the brackets it fills on its own and one adjacent space ("a KEYWORD b"
    becomes "a b"); None when that would cut a link or leave an HTML element open."""
    text = doc.text
    if start > 0 and end < len(text) and text[start - 1] in OPEN_BRACKETS and text[end] in CLOSE_BRACKETS:
        start, end = start - 1, end + 1
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n\t"):
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    elif end < len(text) and text[end] == " ":
        end += 1
    grown = _deletion(doc, start, end)
    return Fix(description, [Edit(*grown, "")]) if grown else None


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def replace_words(doc: Document, start: int, end: int, replacement: str, description: str | None = None) -> Fix | None:
    """Replace the words at ``start:end`` by ``replacement`` (its first letter cased as the original).

    Refused when the span holds markup (``warm **rock** massage``): the raw text must be the prose.
    """
    raw = doc.text[start:end]
    if not raw.strip() or raw != doc.prose[start:end]:
        return None
    new = _match_case(raw, replacement)
    if new == raw:
        return None
    return Fix(description or f"Replace with '{new}'", [Edit(start, end, new)])


def inflect_like(wrong: str, right: str) -> str | None:
    """``right`` given the ending of ``wrong``: (peaked, pique) -> piqued, (chords, cord) -> cords.

    ``None`` when ``right`` offers a choice ("lose / losing"): that needs a person.
    """
    if "/" in right:
        return None
    low = wrong.lower()
    base = right
    if base.endswith("s") and not low.endswith("s"):
        base = base[:-1]  # "complements" for a verb used as "complimented"
    for ending in INFLECTIONS:
        if low.endswith(ending) and not base.endswith(ending) and len(low) > len(ending) + 2:
            if ending == "ing":
                return (base[:-1] if base.endswith("e") else base) + "ing"
            if ending == "ed":
                return base + ("d" if base.endswith("e") else "ed")
            return base + "s"
    return base


def replace_word_choice(doc: Document, start: int, end: int, right: str) -> Fix | None:
    """The fix of a confused word: the right word, inflected as the wrong one was.

    Refused when ``right`` has more words than the span (the rest may sit outside it: "flair"
    in "flair-up" -> "flare-up").
    """
    wrong = doc.text[start:end]
    new = inflect_like(wrong, right)
    if new is None or len(re.findall(r"[\s-]", new)) > len(re.findall(r"[\s-]", wrong)):
        return None
    return replace_words(doc, start, end, new)


# -- applying fixes --------------------------------------------------------------------------

def fixable(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.edits]


def apply(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with every fix applied that overlaps no other accepted fix; and the findings fixed."""
    accepted: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(fixable(findings), key=lambda f: (min(e.start for e in f.fix.edits), f.rule)):
        edits = f.fix.edits
        if any(e.start < 0 or e.end > len(text) or e.end < e.start for e in edits):
            continue
        if any(e.start < te and ts < e.end or e.start == e.end == ts for e in edits for ts, te in taken):
            continue
        accepted.append(f)
        taken += [(e.start, e.end) for e in edits]
    edits = sorted((e for f in accepted for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[:e.start] + e.replacement + text[e.end:]
    return text, accepted
