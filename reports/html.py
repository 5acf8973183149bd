"""HTML reports: an editor's view of each article with its problems marked, and an auditor's dashboard.

Everything is one self-contained file (inline CSS and JS, no request to any other host) rendered
from Jinja templates in ``reports/templates/`` with autoescaping on: article text, messages and
paths are always escaped, and only ``http(s)`` references (or relative links the caller built)
ever become ``href`` values, so an article's own ``<script>`` or ``javascript:`` link cannot run.

Public API (used by ``healthlint check --format html`` and by the audit command):

- ``render(result, **options) -> str``: a RunResult as one report, with a table of contents when
  it holds several files, and the documentation of the rules it mentions.
- ``render_article_page(file_result, back_href=None) -> str``: one article's standalone page.
- ``render_dashboard(rows, totals, title="healthlint audit", rule_names=None) -> str``: the audit
  dashboard (rows and totals as documented there).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable

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


# -- the audit dashboard -----------------------------------------------------------------------

def _num(value, default=0):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _row_view(row: dict) -> dict:
    counts = {c: int(_num((row.get("counts") or {}).get(c))) for c in CATEGORIES}
    rules = {str(k): int(_num(v)) for k, v in (row.get("rules") or {}).items()}
    score = row.get("score")
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        score = round(float(score), 1)
        score = int(score) if score.is_integer() else score
    else:
        score = None
    return {"id": str(row.get("id", "")), "path": str(row.get("path", "")),
            "title": str(row.get("title") or ""), "words": int(_num(row.get("words"))),
            "score": score,
            "counts": counts, "total": sum(counts.values()) or sum(rules.values()), "rules": rules,
            "href": safe_url(row.get("href"), relative=True)}


def _rank_key(row: dict):
    """Worst first: lowest score, then most findings; rows without a score (errors) last."""
    return (row["score"] is None, row["score"] if row["score"] is not None else 0, -row["total"], row["path"])


def _bars(items: list[tuple[str, int]], css: Iterable[str] | None = None) -> dict:
    """Geometry of a horizontal bar chart drawn as inline SVG."""
    top = max((v for _, v in items), default=0) or 1
    css = list(css) if css is not None else [""] * len(items)
    return {"height": 26 * len(items) + 4, "top": top,
            "bars": [{"label": k, "value": v, "y": 4 + 26 * i, "width": round(200 * v / top, 1), "css": c}
                     for i, ((k, v), c) in enumerate(zip(items, css))]}


def _histogram(scores: list[float], bins: int = 10) -> dict:
    counts = [0] * bins
    for s in scores:
        counts[min(bins - 1, max(0, int(s // (100 / bins))))] += 1
    top = max(counts) or 1
    width = 32
    return {"bins": [{"label": f"{int(i * 100 / bins)}–{int((i + 1) * 100 / bins) - (1 if i < bins - 1 else 0)}",
                      "value": c, "x": 30 + i * width, "height": round(120 * c / top, 1),
                      "y": 18 + 120 - round(120 * c / top, 1)} for i, c in enumerate(counts)],
            "width": 30 + bins * width + 10, "top": top, "bar": width - 4, "scored": len(scores)}


def _rule_names() -> dict[str, tuple[str, str]]:
    """Rule code -> (name, category) when the registry loads; the dashboard works without it."""
    try:
        from healthlint.rule import all_rules

        return {code: (cls.name, cls.category) for code, cls in all_rules().items()}
    except Exception:  # pragma: no cover - a broken plugin must not break the dashboard
        return {}


def render_dashboard(rows: list[dict], totals: dict, title: str = "healthlint audit",
                     rule_names: dict | None = None) -> str:
    """The audit dashboard: totals, inline SVG charts and every article ranked worst first.

    ``rows``: one dict per article, ``{"id", "path", "title", "words", "score",
    "counts": {category: n}, "rules": {code: n}, "href": "articles/<id>.html"}``; ``score`` is the
    0-100 quality score (higher is better; ``None`` for an article that could not be checked) and
    ``href`` a relative link or http(s) URL to the article's page (anything else is dropped).
    ``totals``: ``{"articles": n, "findings": n, "by_category": {category: n},
    "by_rule": {code: n}, "errors": n}``.

    ``rule_names`` (optional): ``{code: (name, category)}`` for the per-rule table; without it the
    rule registry is asked (which imports the rule modules).

    The page stays light at any size: rows travel as JSON and JavaScript renders pages of 50
    (sortable, searchable); without JavaScript a static table shows the 50 worst articles.
    """
    import healthlint

    views = sorted((_row_view(r) for r in rows), key=_rank_key)
    by_category = {c: int(_num((totals.get("by_category") or {}).get(c))) for c in CATEGORIES}
    names = {str(k): tuple(v) for k, v in rule_names.items()} if rule_names is not None else _rule_names()
    by_rule = sorted(((str(k), int(_num(v))) for k, v in (totals.get("by_rule") or {}).items()),
                     key=lambda kv: (-kv[1], kv[0]))
    rule_rows = []
    for code, n in by_rule:
        name, category = (list(names.get(code) or ()) + ["", ""])[:2]
        rule_rows.append({"code": code, "count": n, "name": str(name or ""),
                          "category": category if category in CATEGORIES else ""})
    scores = [v["score"] for v in views if v["score"] is not None]
    data = [{"i": v["id"], "p": v["path"], "t": v["title"], "w": v["words"], "s": v["score"],
             "n": v["total"], "c": [v["counts"][c] for c in CATEGORIES],
             "r": " ".join(sorted(v["rules"])), "h": v["href"]} for v in views]
    body, digest = script("_dashboard.js.j2")
    return environment().get_template("dashboard.html.j2").render(
        script=body, script_hash=digest, title=title, rows=views[:PAGE_SIZE], row_data=data, page_size=PAGE_SIZE,
        totals={"articles": int(_num(totals.get("articles"), len(views))),
                "findings": int(_num(totals.get("findings"), sum(by_category.values()))),
                "errors": int(_num(totals.get("errors"))),
                "mean": round(sum(scores) / len(scores), 1) if scores else None},
        by_category=by_category, category_chart=_bars([(CATEGORY_LABELS[c], by_category[c]) for c in CATEGORIES],
                                                      [f"cat-{c}" for c in CATEGORIES]),
        rule_rows=rule_rows, histogram=_histogram(scores), version=healthlint.__version__)
