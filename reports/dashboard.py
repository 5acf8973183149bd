"""The audit dashboard: what an auditor acts on, first the issues, then the worst articles.

One self-contained page (``index.html``; inline CSS and JS, a hash-pinned script, no request
to any host) drawn from the article rows the audit builds (:func:`healthlint.audit.outputs.article_row`):

* **Issues**: one row per rule with its severity, the articles it affects and their share of
  the archive, worst severity first (an info-level readability note never leads); a click
  filters the article list by that rule.
* **Articles**, worst first, 50 to a page: compact rows (score, title, author, year, error and
  warning counts, the top three rules and "+N"), sortable; facets for category, severity, score
  range, rule, folder, year, author, section, near-duplicate group and change that combine,
  plus a search over titles, paths, authors, rules and the flagged text itself.
* **Charts** (inline SVG, readable without the page's script): score distribution, problems by
  year and by section (or folder), top issues; a bar is a button that applies its facet.
* **Near-duplicates**: the groups of copies with their similarity; **Changes** (with
  ``--compare``): new, fixed and unchanged findings in total, per rule and per article.

The rows travel once, as JSON; the script draws one page of the list at a time, so an archive
of thousands stays fast. Without JavaScript the page shows the issues, the charts and the 50
worst articles. Autoescaping is on for every template; only http(s) or relative links become
``href`` values.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .html import CATEGORIES, CATEGORY_LABELS, SEVERITIES, environment, safe_url, script

PAGE_SIZE = 50
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SCORE_RANGES = [("0-24", "0–24"), ("25-49", "25–49"), ("50-74", "50–74"), ("75-100", "75–100")]
TOP_ISSUES = 10  # bars in the top-issues chart
TOP_GROUPS = 12  # bars in the by-section chart
SHOWN_DUPLICATE_GROUPS = 100  # the rest are in duplicates.csv


def _num(value, default=0):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _score(value):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    value = round(float(value), 1)
    return int(value) if value.is_integer() else value


def _rule_info(rules: dict | None) -> dict[str, dict]:
    """Rule code -> name, category, severity: given by the audit, else from the rule registry."""
    if rules is not None:
        return {str(k): dict(v) for k, v in rules.items()}
    try:
        from healthlint.rule import all_rules

        return {code: {"name": cls.name, "category": cls.category, "severity": cls.severity}
                for code, cls in all_rules().items()}
    except Exception:  # pragma: no cover - a broken plugin must not break the dashboard
        return {}


class _Index:
    """Strings (folders, authors, sections) stored once and referred to by number in the row data."""

    def __init__(self):
        self.values: list[str] = []
        self.numbers: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        if value not in self.numbers:
            self.numbers[value] = len(self.values)
            self.values.append(value)
        return self.numbers[value]


def _rank_key(row: dict):
    """Worst first: lowest score, then most findings; rows without a score (errors) last."""
    return (row["score"] is None, row["score"] if row["score"] is not None else 0, -row["findings"], row["path"])


def _normalise(row: dict) -> dict:
    counts = {c: int(_num((row.get("counts") or {}).get(c))) for c in CATEGORIES}
    severities = {s: int(_num((row.get("severities") or {}).get(s))) for s in SEVERITIES}
    rules = {str(k): int(_num(v)) for k, v in (row.get("rules") or {}).items()}
    categories = row.get("categories") or []
    return {"id": str(row.get("id", "")), "path": str(row.get("path", "")), "title": str(row.get("title") or ""),
            "href": safe_url(row.get("href"), relative=True), "url": safe_url(row.get("url")),
            "author": str(row.get("author") or ""), "date": str(row.get("date") or ""),
            "year": row.get("year") if isinstance(row.get("year"), int) else None,
            "folder": str(row.get("folder") or ""), "categories": [str(c) for c in categories],
            "words": int(_num(row.get("words"))), "score": _score(row.get("score")), "counts": counts,
            "severities": severities, "rules": rules, "findings": int(_num(row.get("findings"), sum(counts.values()))),
            "search": str(row.get("search") or ""), "duplicate": int(_num(row.get("duplicate"))),
            "change": row.get("change") if isinstance(row.get("change"), dict) else None,
            "errors": [str(e) for e in row.get("errors") or []]}


def _issues(views: list[dict], info: dict, comparison: dict | None) -> list[dict]:
    articles, findings = Counter(), Counter()
    for v in views:
        for code, n in v["rules"].items():
            articles[code] += 1
            findings[code] += n
    total = max(len(views), 1)
    new = (comparison or {}).get("new_by_rule") or {}
    fixed = (comparison or {}).get("fixed_by_rule") or {}
    out = []
    for code in set(articles) | set(fixed):
        meta = info.get(code, {})
        severity = meta.get("severity") if meta.get("severity") in SEVERITY_RANK else "info"
        category = meta.get("category") if meta.get("category") in CATEGORIES else "document"
        out.append({"code": code, "name": str(meta.get("name") or ""), "category": category, "severity": severity,
                    "articles": articles[code], "findings": findings[code],
                    "share": round(100 * articles[code] / total, 1), "new": int(_num(new.get(code))),
                    "fixed": int(_num(fixed.get(code)))})
    out.sort(key=lambda i: (SEVERITY_RANK[i["severity"]], -i["articles"], -i["findings"], i["code"]))
    return out


def _histogram(scores: list[float], bins: int = 10) -> dict:
    counts = [0] * bins
    for s in scores:
        counts[min(bins - 1, max(0, int(s // (100 / bins))))] += 1
    top = max(counts) or 1
    width = 36
    return {"bins": [{"low": i * 10, "high": i * 10 + 9 + (i == bins - 1), "value": c, "x": 34 + i * width,
                      "height": round(120 * c / top, 1), "y": 18 + 120 - round(120 * c / top, 1)}
                     for i, c in enumerate(counts)],
            "width": 34 + bins * width + 8, "bar": width - 5, "scored": len(scores)}


def _stacked(groups: Iterable[tuple[str, list[dict]]]) -> dict:
    """Horizontal 100% bars per group: articles with an error, with warnings only, and the rest."""
    bars = []
    for i, (label, members) in enumerate(groups):
        n = len(members)
        errors = sum(1 for v in members if v["severities"]["error"])
        warnings = sum(1 for v in members if v["severities"]["warning"] and not v["severities"]["error"])
        scores = [v["score"] for v in members if v["score"] is not None]
        mean = round(sum(scores) / len(scores)) if scores else None
        width = 260
        e = round(width * errors / n, 1) if n else 0
        w = round(width * warnings / n, 1) if n else 0
        bars.append({"label": label, "n": n, "errors": errors, "warnings": warnings, "mean": mean,
                     "y": 4 + 24 * i, "e": e, "w": w, "rest": round(width - e - w, 1)})
    return {"bars": bars, "height": 24 * len(bars) + 8}


def _by(views: list[dict], key) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for v in views:
        for label in key(v):
            out.setdefault(label, []).append(v)
    return out


def _charts(views: list[dict], issues: list[dict]) -> dict:
    scores = [v["score"] for v in views if v["score"] is not None]
    years = _by(views, lambda v: [str(v["year"])] if v["year"] else [])
    sections = _by(views, lambda v: v["categories"])
    facet = "section"
    if not sections:  # no categories anywhere: sections are folders
        sections, facet = _by(views, lambda v: [v["folder"]] if v["folder"] else []), "folder"
    top_sections = sorted(sections.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_GROUPS]
    top = [i for i in issues if i["articles"]][:TOP_ISSUES]
    most = max((i["articles"] for i in top), default=0) or 1
    return {"histogram": _histogram(scores),
            "years": _stacked(sorted(years.items())), "sections": _stacked(top_sections), "section_facet": facet,
            "sections_total": len(sections),
            "issues": {"height": 24 * len(top) + 8,
                       "bars": [dict(i, y=4 + 24 * k, width=round(280 * i["articles"] / most, 1))
                                for k, i in enumerate(top)]}}


def _facet_options(views: list[dict], issues: list[dict], groups: list[dict], comparison) -> dict:
    def counted(values: Counter, order=None) -> list[tuple[str, str, int]]:
        keys = order if order is not None else sorted(values, key=lambda k: (-values[k], k))
        return [(k, k, values[k]) for k in keys if values[k]]

    years = Counter(str(v["year"]) for v in views if v["year"])
    authors = Counter(v["author"] for v in views if v["author"])
    folders = Counter(v["folder"] for v in views if v["folder"])
    sections = Counter(c for v in views for c in v["categories"])
    options = {
        "cat": [(c, CATEGORY_LABELS[c], sum(1 for v in views if v["counts"][c])) for c in CATEGORIES],
        "sev": [(s, f"has {s}s" if s != "info" else "has info notes", sum(1 for v in views if v["severities"][s]))
                for s in SEVERITIES] + [("none", "no findings", sum(1 for v in views if not v["findings"]))],
        "score": [(k, label, sum(1 for v in views if v["score"] is not None
                                 and int(k.split("-")[0]) <= v["score"] <= int(k.split("-")[1])))
                  for k, label in SCORE_RANGES] + [("none", "not scored", sum(1 for v in views if v["score"] is None))],
        "rule": [(i["code"], f"{i['code']} {i['name']}".strip(), i["articles"]) for i in issues if i["articles"]],
        "folder": counted(folders, sorted(folders)), "year": counted(years, sorted(years)),
        "author": counted(authors), "section": counted(sections),
        "dup": ([("any", "in any group", sum(1 for v in views if v["duplicate"]))]
                + [(str(g["number"]), f"group {g['number']}", len(g["members"])) for g in groups]) if groups else [],
        "change": [(k, label, sum(1 for v in views if v["change"] and test(v["change"])))
                   for k, label, test in (("new", "with new findings", lambda c: c["new"]),
                                          ("fixed", "with fixed findings", lambda c: c["fixed"]),
                                          ("added", "added since", lambda c: c["status"] == "added"))]
        if comparison else [],
    }
    return {k: [o for o in v if o[2] or k in ("cat", "sev", "score")] for k, v in options.items()}


FACET_LABELS = {"cat": "Category", "sev": "Severity", "score": "Score", "rule": "Rule", "folder": "Folder",
                "year": "Year", "author": "Author", "section": "Section", "dup": "Near-duplicates",
                "change": "Changes"}


def _row_data(views: list[dict], info: dict) -> tuple[list[dict], dict]:
    folders, authors, sections = _Index(), _Index(), _Index()

    def rule_order(item):
        code, n = item
        return (SEVERITY_RANK.get(info.get(code, {}).get("severity"), 3), -n, code)

    data = []
    for v in views:
        change = v["change"]
        data.append({"i": v["id"], "p": v["path"], "t": v["title"], "h": v["href"], "s": v["score"],
                     "n": v["findings"], "e": v["severities"]["error"], "v": v["severities"]["warning"],
                     "o": v["severities"]["info"], "c": [v["counts"][c] for c in CATEGORIES],
                     "r": [[code, n] for code, n in sorted(v["rules"].items(), key=rule_order)],
                     "f": folders(v["folder"]), "y": v["year"], "a": authors(v["author"]) if v["author"] else -1,
                     "k": [sections(c) for c in v["categories"]], "d": v["duplicate"], "x": v["search"],
                     "ch": [change["status"], change["new"], change["fixed"]] if change else None})
    severity = {code: meta.get("severity", "info") for code, meta in info.items()}
    return data, {"folders": folders.values, "authors": authors.values, "sections": sections.values,
                  "severity": severity}


def _groups_view(groups, by_path: dict[str, dict]) -> list[dict]:
    out = []
    for g in groups[:SHOWN_DUPLICATE_GROUPS]:
        members = [dict(by_path[p], similarity=s) for p, s in g["members"] if p in by_path]
        if len(members) < 2:
            continue
        sims = [m["similarity"] for m in members[1:]]
        out.append({"number": g["number"], "members": members, "low": min(sims), "high": max(sims)})
    return out


def render_dashboard(rows: list[dict], totals: dict, title: str = "healthlint audit", rules: dict | None = None,
                     groups: list | None = None, comparison: dict | None = None,
                     threshold: float | None = None) -> str:
    """The dashboard page for the audit's article rows.

    ``rows``: one dict per article as :func:`healthlint.audit.outputs.article_row` builds it
    (``id, path, title, href, url, author, date, year, folder, categories, words, score,
    counts: {category: n}, severities: {severity: n}, rules: {code: n}, findings, search,
    duplicate, change``); missing keys count as empty. ``totals``: ``{"articles", "findings",
    "errors"}``. ``rules``: ``{code: {"name", "category", "severity"}}`` (default: the rule
    registry). ``groups``: near-duplicate groups ``{"number", "members": [(path, similarity)]}``
    (or objects with those attributes), the original first. ``comparison``: the summary of
    :class:`healthlint.audit.compare.Comparison`, for the changes view.
    """
    import healthlint

    info = _rule_info(rules)
    views = sorted((_normalise(r) for r in rows), key=_rank_key)
    groups = [g if isinstance(g, dict) else {"number": g.number, "members": list(g.members)} for g in groups or []]
    issues = _issues(views, info, comparison)
    data, lookups = _row_data(views, info)
    for view, item in zip(views, data):  # the static (no-JS) rows show the same top three rules
        view["top"], view["more"] = [code for code, _ in item["r"][:3]], len(item["r"]) - 3
    scores = [v["score"] for v in views if v["score"] is not None]
    by_path = {v["path"]: v for v in views}
    body, digest = script("_dashboard.js.j2", PAGE_SIZE)
    changes = None
    if comparison:
        rule_changes = sorted((i for i in issues if i["new"] or i["fixed"]), key=lambda i: (-(i["new"] + i["fixed"]),
                                                                                           i["code"]))
        changes = dict(comparison, rules=rule_changes[:15], removed_shown=list(comparison.get("removed") or [])[:20])
    return environment().get_template("dashboard.html.j2").render(
        script=body, script_hash=digest, title=title, version=healthlint.__version__, page_size=PAGE_SIZE,
        totals={"articles": int(_num(totals.get("articles"), len(views))),
                "findings": int(_num(totals.get("findings"), sum(v["findings"] for v in views))),
                "errors": int(_num(totals.get("errors"))), "mean": round(sum(scores) / len(scores), 1) if scores else None,
                "problem_articles": sum(1 for v in views if v["severities"]["error"] or v["severities"]["warning"])},
        issues=issues, rows=views[:PAGE_SIZE], data={"rows": data, "lookups": lookups},
        facets=_facet_options(views, issues, groups, comparison), facet_labels=FACET_LABELS,
        charts=_charts(views, issues), groups=_groups_view(groups, by_path), group_count=len(groups),
        duplicate_articles=sum(len(g["members"]) for g in groups), threshold=threshold, changes=changes)
