"""HTML reports: an editor's view of each article with its problems marked, and an auditor's dashboard.

Everything is one self-contained file (inline CSS and JS, no request to any other host) rendered
from Jinja templates in ``reports/templates/`` with autoescaping on: article text, messages and
paths are always escaped, and only ``http(s)`` references (or relative links the caller built)
ever become ``href`` values, so an article's own ``<script>`` or ``javascript:`` link cannot run.

Public API (used by ``healthlint check --format html``; the audit's dashboard and lean article
pages, which reuse :func:`file_view`, are in :mod:`.dashboard` and :mod:`.audit_page`):

- ``render(result, **options) -> str``: a RunResult as one report, with a table of contents when
  it holds several files.
- ``render_article_page(file_result, back_href=None) -> str``: one article's standalone page.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

CATEGORIES = ("claim", "definition", "technique", "spam", "document")
SEVERITIES = ("error", "warning", "info")  # most severe first, as shown to people
CATEGORY_LABELS = {"claim": "Claims", "definition": "Definitions", "technique": "Technique names",
                   "spam": "Spam and links", "document": "Article-level"}
PAGE_SIZE = 50  # dashboard rows per page (and rows in the no-JavaScript table)
CHIP_CHARS = 80  # longest markup excerpt shown for a finding that sits in hidden markup

_WS = re.compile(r"\s+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@lru_cache(maxsize=1)
def environment():
    """The Jinja environment, built once; autoescaping is on for every template."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("healthlint.reports", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(CATEGORIES=CATEGORIES, SEVERITIES=SEVERITIES, CATEGORY_LABELS=CATEGORY_LABELS)
    return env


def safe_url(url: Any, relative: bool = False) -> str | None:
    """``url`` if it is http(s) (or, with ``relative``, a scheme-less relative link), else None.

    Browsers drop tabs, newlines and controls inside a scheme (``java\\tscript:``), so the
    check runs on the URL with those removed.
    """
    if not isinstance(url, str) or not url.strip():
        return None
    cleaned = _CONTROL.sub("", url)
    match = _SCHEME.match(cleaned)
    if match:
        return url.strip() if match.group(1).lower() in ("http", "https") else None
    if not relative or cleaned.startswith("//") or cleaned.startswith("\\"):
        return None
    return url.strip()


# -- the article text, cut into highlighted pieces ---------------------------------------------

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


@dataclass
class Block:
    kind: str = "p"  # p | h
    level: int = 0
    pieces: list[Piece] = field(default_factory=list)
    shown: bool = False  # holds visible text or a chip (kept up to date by build_blocks)


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
    prose, text = doc.prose, doc.text
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
    cuts = sorted({0, n, *starts, *ends, *chips})
    headings = sorted((h.start, h.end, h.level) for h in getattr(doc, "headings", []) or [])
    heading_starts = [h[0] for h in headings]

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
            if level:
                block.kind, block.level = "h", level
            blocks.append(block)
        else:
            carry = [p for p in block.pieces if p.kind == "anchor"]
            notes = [p for p in block.pieces if p.kind == "note"]
            if notes and blocks:
                blocks[-1].pieces.extend(notes)
            else:
                carry += notes
        block, first_text = Block(pieces=carry), -1

    def add_text(shown: str):
        pieces = block.pieces
        if not block.shown:
            shown = shown.lstrip(" ")
            if not shown:
                return
        fids = tuple(f["id"] for f in active)
        last = pieces[-1] if pieces else None
        if last is not None and last.kind == "text" and last.fids == fids:
            last.text += shown
        else:
            pieces.append(Piece("text", shown, fids, tuple(f["category"] for f in active), _label(active)))
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
                             Piece("chip", excerpt, (f["id"],), (f["category"],), _label([f])),
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
            add_text(shown)
    if n in ends:
        notes = [Piece("note", fids=(f["id"],), num=f["num"]) for f in ends[n]]
        (block.pieces if block.shown or not blocks else blocks[-1].pieces).extend(notes)
    close_block()
    return blocks, whole


# -- views: plain dicts the templates read -----------------------------------------------------

def finding_view(f, file_index: int, num: int) -> dict:
    return {"_obj": f, "id": f"{file_index}-{num}", "num": num, "rule": f.rule, "name": f.name,
            "category": f.category if f.category in CATEGORIES else "document",
            "severity": f.severity, "message": f.message, "suggestion": f.suggestion,
            "reference": safe_url(f.reference), "reference_text": f.reference or "",
            "line": f.line, "column": f.column, "start": f.start, "end": f.end,
            "excerpt": _WS.sub(" ", f.excerpt or "").strip()}


def _breakdown(value) -> list[tuple[str, str, str]]:
    """``score_breakdown`` as (label, explanation, points) rows.

    The scorer's shape is a list of ``{"rule", "reason", "points", ...}`` (``linter/score.py``);
    a mapping or plain values still render, so the page never depends on one shape.
    """
    def text(item) -> str:
        if isinstance(item, dict):
            return ", ".join(f"{k}: {v}" for k, v in item.items())
        if isinstance(item, (list, tuple)):
            return ", ".join(str(v) for v in item)
        return str(item)

    if isinstance(value, dict):
        return [(str(k), "", text(v)) if not isinstance(v, (dict, list, tuple)) else (str(k), text(v), "")
                for k, v in value.items()]
    rows = []
    for item in value if isinstance(value, (list, tuple)) else ([value] if value not in (None, "") else []):
        if not isinstance(item, dict):
            rows.append(("", text(item), ""))
            continue
        label = str(item.get("rule") or item.get("label") or item.get("name") or item.get("category") or "")
        reason = item.get("reason")
        if reason is None:
            reason = text({k: v for k, v in item.items() if k not in ("rule", "label", "points")})
        reason = str(reason)
        if label and reason.startswith(label + " "):
            reason = reason[len(label) + 1:]
        points = item.get("points", "")
        rows.append((label, reason, f"{points:g}" if isinstance(points, (int, float)) else str(points)))
    return rows


def file_view(file_result, index: int) -> dict:
    """Everything the article template needs about one FileResult."""
    findings = [finding_view(f, index, i + 1) for i, f in enumerate(file_result.findings)]
    doc = file_result.document
    blocks, whole = build_blocks(doc, findings) if doc is not None else ([], [])
    groups = [(cat, [f for f in findings if f["category"] == cat]) for cat in CATEGORIES]
    extra = file_result.extra or {}
    score = extra.get("score")
    if isinstance(score, float):
        score = round(score, 1)
    for f in findings:
        f.pop("_obj")
    return {"index": index, "id": f"file-{index}", "path": file_result.path,
            "title": file_result.title or (doc.title if doc is not None else ""),
            "words": file_result.words, "checked": file_result.checked, "errors": list(file_result.errors),
            "format": doc.format if doc is not None else "", "has_text": doc is not None,
            "blocks": blocks, "article_level": whole,
            "findings": findings, "groups": [g for g in groups if g[1]],
            "by_category": Counter(f["category"] for f in findings),
            "by_severity": Counter(f["severity"] for f in findings),
            "score": score, "breakdown": _breakdown(extra.get("score_breakdown"))}


@lru_cache(maxsize=None)
def script(name: str, page_size: int = PAGE_SIZE) -> tuple[str, str]:
    """An inline script and its CSP source (``'sha256-...'``): only our own script may run."""
    import base64
    import hashlib

    from markupsafe import Markup

    body = environment().get_template(name).render(page_size=page_size)
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return Markup(body), f"sha256-{digest}"


def _page(files: list[dict], title: str, back_href: str | None = None) -> str:
    import healthlint

    findings = [f for fv in files for f in fv["findings"]]
    totals = {"files": len(files), "findings": len(findings),
              "errors": sum(len(fv["errors"]) for fv in files),
              "by_category": Counter(f["category"] for f in findings),
              "by_severity": Counter(f["severity"] for f in findings)}
    body, digest = script("_article.js.j2")
    return environment().get_template("article.html.j2").render(
        files=files, title=title, totals=totals, back_href=safe_url(back_href, relative=True),
        version=healthlint.__version__, script=body, script_hash=digest)


def render(result, title: str | None = None, **_) -> str:
    """The whole run as one report (``healthlint check --format html``)."""
    files = [file_view(fr, i + 1) for i, fr in enumerate(result.files)]
    if title is None:
        title = "healthlint report" + (f": {files[0]['path']}" if len(files) == 1 else "")
    return _page(files, title)


def render_article_page(file_result, back_href: str | None = None) -> str:
    """One article's standalone page (what the dashboard links to as ``articles/<id>.html``).

    ``file_result`` is an engine ``FileResult``; pass it with its ``document`` to show the article
    text with highlights (without one, e.g. a result restored from a cache, the page lists the
    findings with their excerpts). ``extra["score"]``/``extra["score_breakdown"]`` are shown when
    present, ``errors`` always. ``back_href`` is a relative link (e.g. ``"../index.html"``) or an
    http(s) URL for a "back to the dashboard" link; anything else (a ``javascript:`` URL) is dropped.
    """
    view = file_view(file_result, 1)
    return _page([view], f"healthlint: {view['title'] or view['path']}", back_href=back_href)
