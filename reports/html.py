"""HTML reports: an editor's view of each article with its problems marked, and an auditor's dashboard.

Everything is one self-contained file (inline CSS and JS, no request to any other host) rendered
from Jinja templates in ``reports/templates/`` with autoescaping on: article text, messages and
paths are always escaped, and only ``http(s)`` references (or relative links the caller built)
ever become ``href`` values, so an article's own ``<script>`` or ``javascript:`` link cannot run.

Public API (used by ``healthlint check --format html``; the audit's dashboard and lean article
pages, which reuse :func:`file_view`, are in :mod:`.dashboard` and :mod:`.audit_page`):

- ``render(result, **options) -> str``: a RunResult as one report, with a table of contents when
  it holds several files, and the documentation of the rules it mentions.
- ``render_article_page(file_result, back_href=None) -> str``: one article's standalone page.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from .article_text import build_blocks

CATEGORIES = ("claim", "definition", "technique", "spam", "document")
SEVERITIES = ("error", "warning", "info")  # most severe first, as shown to people
CATEGORY_LABELS = {"claim": "Claims", "definition": "Definitions", "technique": "Technique names",
                   "spam": "Spam and links", "document": "Article-level"}
PAGE_SIZE = 50  # dashboard rows per page (and rows in the no-JavaScript table)

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


# -- views: plain dicts the templates read -----------------------------------------------------

def suppression_comment(f, doc) -> tuple[str, str]:
    """What silences finding ``f``'s rule where it is, and where to put it.

    A comment at the end of the line in Markdown and HTML (so a paragraph is never split), a line
    of its own above it in plain text, a ``healthlint`` key for a finding in Markdown front matter.
    """
    fmt = doc.format if doc is not None else "markdown"
    if fmt == "markdown" and doc is not None and any(fld.start <= f.start < fld.end for fld in doc.metadata.values()):
        return f"healthlint: {{ignore: [{f.rule}]}}", "Add it to the front matter"
    if fmt == "text":
        return f"healthlint-disable-next-line {f.rule}", f"Paste it on its own line above line {f.line}"
    return f"<!-- healthlint-disable-line {f.rule} -->", f"Paste it at the end of line {f.line}"


def finding_view(f, file_index: int, num: int, doc=None) -> dict:
    suppress, place = suppression_comment(f, doc)
    return {"_obj": f, "id": f"{file_index}-{num}", "num": num, "rule": f.rule, "name": f.name,
            "suppress": suppress, "suppress_where": place, "fix": f.fix.description if f.fix else "",
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
    doc = file_result.document
    findings = [finding_view(f, index, i + 1, doc) for i, f in enumerate(file_result.findings)]
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


def _page(files: list[dict], title: str, back_href: str | None = None, docs: list[dict] | None = None) -> str:
    import healthlint

    findings = [f for fv in files for f in fv["findings"]]
    totals = {"files": len(files), "findings": len(findings),
              "errors": sum(len(fv["errors"]) for fv in files),
              "by_category": Counter(f["category"] for f in findings),
              "by_severity": Counter(f["severity"] for f in findings)}
    body, digest = script("_article.js.j2")
    return environment().get_template("article.html.j2").render(
        files=files, title=title, totals=totals, back_href=safe_url(back_href, relative=True),
        version=healthlint.__version__, script=body, script_hash=digest, rule_docs=docs or [],
        documented={d["code"] for d in docs or []})


def rule_docs(codes: list[str]) -> list[dict]:
    """The documentation of the rules a report mentions (what ``healthlint explain`` prints).

    It imports the rule registry (and so spaCy): the check report has it loaded anyway, the
    audit's article pages leave the docs out so that a cached re-run never loads spaCy.
    """
    try:
        from healthlint.rule import all_rules

        rules = all_rules()
    except Exception:  # pragma: no cover - a broken plugin must not break the report
        return []
    return [{"code": c, "name": rules[c].name, "severity": rules[c].severity, "category": rules[c].category,
             "doc": rules[c].doc(), "reference": safe_url(rules[c].reference)} for c in codes if c in rules]


def render(result, title: str | None = None, **_) -> str:
    """The whole run as one report (``healthlint check --format html``)."""
    files = [file_view(fr, i + 1) for i, fr in enumerate(result.files)]
    if title is None:
        title = "healthlint report" + (f": {files[0]['path']}" if len(files) == 1 else "")
    return _page(files, title, docs=rule_docs(sorted({f["rule"] for fv in files for f in fv["findings"]})))


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
