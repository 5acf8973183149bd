"""The article text of the HTML report, cut into highlighted pieces.

The report draws the article from its prose view (markup blanked), cut at every finding
boundary so that each piece knows the findings covering it; Markdown formatting recorded by
the reader (``Document.markup``: bold, italics, strikethrough, code, list items) is drawn again,
so the editor reads the article as written, not as a wall of plain text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from healthlint.finding import severity_rank

_WS = re.compile(r"\s+")
CHIP_CHARS = 80  # longest markup excerpt shown for a finding that sits in hidden markup
STYLE_KINDS = ("strong", "em", "del", "code")


@dataclass
class Piece:
    """One item of a displayed block.

    ``kind``: ``text`` (a run covered by the same findings ``fids``; no fids = plain text),
    ``chip`` (a finding inside markup the reader never sees, shown as its raw excerpt),
    ``anchor`` (where finding ``fids[0]`` starts: the no-JS jump target), ``note`` (the finding's
    number, after its last character) or ``br``.
    """

    kind: str
    text: str = ""
    fids: tuple[str, ...] = ()
    cats: tuple[str, ...] = ()
    label: str = ""
    num: int = 0
    sev: str = ""  # the most severe finding covering it: drives the highlight's weight
    styles: tuple[str, ...] = ()  # Markdown formatting around it: strong, em, del, code


@dataclass
class Block:
    kind: str = "p"  # p | h | li
    level: int = 0  # heading level, or list nesting depth
    pieces: list[Piece] = field(default_factory=list)
    shown: bool = False  # holds visible text or a chip (kept up to date by build_blocks)
    marker: str = ""  # a list item's bullet or number


def _worst(findings: list[dict]) -> str:
    return max((f["severity"] for f in findings), key=severity_rank, default="")


def display_text(doc) -> str:
    """The prose with inline code shown (the prose blanks it: code is never linted, but it is read)."""
    chars = None
    for m in getattr(doc, "markup", ()):
        if m.kind == "code":
            chars = chars if chars is not None else list(doc.prose)
            for i in range(m.start, m.end):
                chars[i] = " " if doc.text[i] in "\r\n\t" else doc.text[i]
    return doc.prose if chars is None else "".join(chars)


def _whitespace(prose: str, text: str, start: int, end: int, fmt: str) -> str:
    """What a run of blank prose shows as: a paragraph break, a line break, a space or nothing.

    Blanked inline markup (``</b>``, ``amp;``) that held no real whitespace shows as nothing, so
    ``html</b>.`` reads ``html.`` and ``&amp;x`` reads ``&x``.
    """
    newlines = prose.count("\n", start, end)
    if newlines >= 2:
        return "\n\n"
    if newlines == 1:
        return "\n" if fmt == "text" else " "
    return " " if any(ch.isspace() for ch in text[start:end]) else ""


def _label(findings: list[dict]) -> str:
    """The aria-label of a highlight: every finding covering it, in words."""
    return "; ".join(f"{f['severity']} {f['category']} finding {f['rule']}: {f['message']}" for f in findings)


def _is_article_level(f, prose: str) -> bool:
    if f.end <= f.start:
        return True
    return f.category == "document" and (f.end - f.start) > max(2000, len(prose.strip()) // 2)


def _atoms(prose: str, text: str, fmt: str, cuts: list[int]):
    """(start, end, display) pieces of the prose that never straddle a cut.

    Whitespace runs display as ``"\n\n"`` (paragraph), ``"\n"`` (line break), ``" "`` or ``""``;
    when a cut falls inside a run, its first part carries the display and the rest shows nothing.
    """
    n, pos = len(prose), 0
    for m in [*_WS.finditer(prose), None]:
        ws_start, ws_end = (m.start(), m.end()) if m else (n, n)
        if pos < ws_start:
            i, a = bisect.bisect_right(cuts, pos), pos
            while i < len(cuts) and cuts[i] < ws_start:
                yield a, cuts[i], prose[a:cuts[i]]
                a, i = cuts[i], i + 1
            yield a, ws_start, prose[a:ws_start]
        if m:
            shown = _whitespace(prose, text, ws_start, ws_end, fmt)
            i, a = bisect.bisect_right(cuts, ws_start), ws_start
            while i < len(cuts) and cuts[i] < ws_end:
                yield a, cuts[i], shown
                a, i, shown = cuts[i], i + 1, ""
            yield a, ws_end, shown
        pos = ws_end


def build_blocks(doc, findings: list[dict]) -> tuple[list[Block], list[dict]]:
    """Cut the prose at every finding boundary; return display blocks and article-level findings.

    ``findings`` are :func:`finding_view` dicts whose ``start``/``end`` index ``doc.prose`` (it has
    the raw file's length). Each text piece lists every finding covering it, so overlaps all show.
    """
    prose, text = display_text(doc), doc.text
    n = len(prose)
    spans, whole = [], []
    chips: dict[int, list[dict]] = {}
    for f in findings:
        if _is_article_level(f["_obj"], prose):
            whole.append(f)
        elif not prose[f["start"]:f["end"]].strip():
            chips.setdefault(f["start"], []).append(f)
        else:
            spans.append(f)
    starts: dict[int, list[dict]] = {}
    ends: dict[int, list[dict]] = {}
    for f in spans:
        starts.setdefault(f["start"], []).append(f)
        ends.setdefault(f["end"], []).append(f)
    markup = getattr(doc, "markup", []) or []
    styled = [m for m in markup if m.kind in STYLE_KINDS]
    items = [m for m in markup if m.kind == "li"]
    cuts = sorted({0, n, *starts, *ends, *chips, *(m.start for m in styled), *(m.end for m in styled)})
    headings = sorted((h.start, h.end, h.level) for h in getattr(doc, "headings", []) or [])
    heading_starts = [h[0] for h in headings]

    def styles_at(offset: int) -> tuple[str, ...]:
        return tuple(m.kind for m in styled if m.start <= offset < m.end)

    def list_item(offset: int) -> tuple[str, int]:
        """(marker, depth) of the innermost list item holding ``offset``; ("", 0) outside lists."""
        around = [m for m in items if m.start <= offset < max(m.end, m.start + 1)]
        return (around[-1].label, len(around)) if around else ("", 0)

    blocks: list[Block] = []
    block, first_text = Block(), -1
    active: list[dict] = []

    def heading_level(offset: int) -> int:
        i = bisect.bisect_right(heading_starts, offset) - 1
        return headings[i][2] if i >= 0 and headings[i][0] <= offset < headings[i][1] else 0

    def close_block():
        nonlocal block, first_text
        carry = []
        if block.shown:
            last = max(i for i, p in enumerate(block.pieces) if p.kind in ("text", "chip") and p.text.strip())
            block.pieces = [p for i, p in enumerate(block.pieces) if i <= last or p.kind != "br"]
            for p in reversed(block.pieces):  # no trailing space
                if p.kind == "text":
                    p.text = p.text.rstrip()
                    if p.text:
                        break
            level = heading_level(first_text)
            marker, depth = list_item(first_text) if items else ("", 0)
            if level:
                block.kind, block.level = "h", level
            elif marker:
                block.kind, block.level, block.marker = "li", depth, marker
            blocks.append(block)
        else:
            carry = [p for p in block.pieces if p.kind == "anchor"]
            notes = [p for p in block.pieces if p.kind == "note"]
            if notes and blocks:
                blocks[-1].pieces.extend(notes)
            else:
                carry += notes
        block, first_text = Block(pieces=carry), -1

    def add_text(shown: str, styles: tuple[str, ...]):
        pieces = block.pieces
        if not block.shown:
            shown = shown.lstrip(" ")
            if not shown:
                return
        fids = tuple(f["id"] for f in active)
        last = pieces[-1] if pieces else None
        if last is not None and last.kind == "text" and last.fids == fids and last.styles == styles:
            last.text += shown
        else:
            pieces.append(Piece("text", shown, fids, tuple(f["category"] for f in active), _label(active),
                                sev=_worst(active), styles=styles))
        if not block.shown and shown.strip():
            block.shown = True

    for a, b, shown in _atoms(prose, text, doc.format, cuts):
        if a in ends:
            done = {f["id"] for f in ends[a]}
            active = [f for f in active if f["id"] not in done]
            notes = [Piece("note", fids=(f["id"],), num=f["num"]) for f in ends[a]]
            (block.pieces if block.shown or not blocks else blocks[-1].pieces).extend(notes)
        for f in chips.get(a, ()):
            excerpt = _WS.sub(" ", text[f["start"]:f["end"]]).strip() or f["rule"]
            if len(excerpt) > CHIP_CHARS:
                excerpt = excerpt[:CHIP_CHARS - 1] + "\u2026"
            block.pieces += [Piece("anchor", fids=(f["id"],)),
                             Piece("chip", excerpt, (f["id"],), (f["category"],), _label([f]), sev=f["severity"]),
                             Piece("note", fids=(f["id"],), num=f["num"])]
            block.shown = True
        if a in starts:
            active = active + starts[a]
            block.pieces += [Piece("anchor", fids=(f["id"],)) for f in starts[a]]
        if shown == "\n\n":
            close_block()
        elif shown == "\n":
            if block.shown:
                block.pieces.append(Piece("br"))
        elif shown:
            if first_text < 0 and shown.strip():
                first_text = a
            add_text(shown, styles_at(a) if styled else ())
    if n in ends:
        notes = [Piece("note", fids=(f["id"],), num=f["num"]) for f in ends[n]]
        (block.pieces if block.shown or not blocks else blocks[-1].pieces).extend(notes)
    close_block()
    return blocks, whole


