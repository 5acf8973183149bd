"""The audit dashboard as HTML (healthlint.reports.dashboard): issues first, facets, charts, groups, changes.

The rows are built with the audit's own ``article_row`` from synthetic results, so their shape is
the runner's. Browser behaviour is in test_dashboard_browser.py.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re

from healthlint.audit.outputs import article_row
from healthlint.reports.dashboard import render_dashboard

RULES = {"HL402": {"name": "money-keyword", "category": "spam", "severity": "error"},
         "HL405": {"name": "scraper-residue", "category": "spam", "severity": "warning"},
         "HL101": {"name": "permanent-or-absolute", "category": "claim", "severity": "warning"},
         "HL503": {"name": "missing-byline", "category": "document", "severity": "warning"},
         "HL504": {"name": "readability", "category": "document", "severity": "info"}}
AUTHORS = ["Hannah Reyes", "Sam Okafor", "Lena Fox", ""]
SECTIONS = [["Back pain"], ["Sleep", "Recovery"], []]


def finding(rule: str, k: int, excerpt: str = "") -> dict:
    meta = RULES[rule]
    return {"rule": rule, "name": meta["name"], "category": meta["category"], "severity": meta["severity"],
            "message": "m", "start": k, "end": k + 4, "line": 1, "column": 1, "excerpt": excerpt or f"text {k}",
            "fingerprint": f"{rule}-{k}"}


def dashboard_rows(n: int = 300) -> list[dict]:
    """Deterministic rows: every article has readability notes (info), fewer have spam and claims."""
    rows = []
    for i in range(n):
        findings = [finding("HL504", k) for k in range(1 + i % 3)]
        if i % 4 == 0:
            findings.append(finding("HL402", 10, excerpt=f"call 010-{i:04d}-7788 now"))
        if i % 3 == 0:
            findings += [finding("HL405", 20 + k) for k in range(1 + i % 2)]
        if i % 5 == 0:
            findings.append(finding("HL101", 30))
        if i % 7 == 0:
            findings.append(finding("HL503", 40))
        score = None if i == 13 else max(0, 100 - 3 * len(findings) - 12 * (i % 4 == 0) - i % 9)
        result = {"id": f"a{i:04d}", "path": f"archive/{2015 + i % 8}/article-{i:04d}.md",
                  "title": f"Massage article {i:04d}" + (" sciatica" if i % 11 == 0 else ""), "url": "",
                  "words": 300 + i, "checked": i != 13, "errors": ["cannot read"] if i == 13 else [],
                  "findings": [] if i == 13 else findings, "score": score}
        info = {"author": AUTHORS[i % 4], "date": f"{2015 + i % 8}-05-01", "year": 2015 + i % 8,
                "url": f"https://site.example/{i}", "categories": SECTIONS[i % 3], "folder": f"archive/{2015 + i % 8}"}
        rows.append(article_row(result, info, f"articles/a{i:04d}.html"))
    return rows


def totals_of(rows):
    return {"articles": len(rows), "findings": sum(r["findings"] for r in rows), "errors": 1}


def data_of(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', html, re.S).group(1))


def test_issues_lead_with_severity_not_volume():
    rows = dashboard_rows()
    html = render_dashboard(rows, totals_of(rows), rules=RULES)
    order = re.findall(r'<tr class="s-(\w+)[^"]*" data-rule="(HL\d+)"', html)
    assert [code for _, code in order] == ["HL402", "HL405", "HL101", "HL503", "HL504"]  # then most articles
    assert [sev for sev, _ in order] == ["error", "warning", "warning", "warning", "info"]
    # HL504 affects every checked article (299 of 300) but comes last; the share is of the archive
    hl504 = re.search(r'data-rule="HL504".*?</tr>', html, re.S).group(0)
    assert "299 <small>99.7%</small>" in hl504
    assert 'data-facet="rule" data-value="HL402"' in html


def test_a_long_issue_list_shows_the_top_eight_first():
    rules = {f"HL4{k:02d}": {"name": f"rule-{k}", "category": "spam", "severity": "warning"} for k in range(12)}
    rows = [article_row({"id": f"a{i}", "path": f"a{i}.md", "title": "", "words": 100, "checked": True, "errors": [],
                         "score": 90, "findings": [dict(finding("HL405", 0), rule=code) for code in list(rules)[:i + 1]]},
                        {"folder": "."}, None) for i in range(12)]
    html = render_dashboard(rows, totals_of(rows), rules=rules)
    classes = re.findall(r'<tr class="s-warning( more)?" data-rule', html)
    assert classes == [""] * 8 + [" more"] * 4  # hidden on screen until "Show all 12 rules" (with a script)
    assert '<button type="button" id="more-issues" class="link js-only">Show all 12 rules</button>' in html


def test_static_page_is_worst_first_escaped_and_self_contained():
    rows = dashboard_rows()
    rows[0]["title"] = '<script>window.__pwned=1</script>'
    rows[1]["href"] = "javascript:window.__pwned=2"
    html = render_dashboard(rows, totals_of(rows), title="Archive audit", rules=RULES)
    body = html[html.index('<tbody id="rows">'):html.index("</tbody>", html.index('<tbody id="rows">'))]
    assert body.count("<tr>") == 50  # without JavaScript: the 50 worst
    scores = [int(s) for s in re.findall(r'<td class="n score \w+" data-label="Score">(\d+)</td>', body)]
    assert scores == sorted(scores)
    assert "<script>window" not in html and "javascript:" not in html.lower()
    data = data_of(html)
    assert len(data["rows"]) == 300 and data["rows"][-1]["s"] is None  # the unreadable article ranks last
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html  # only the page's own script may run
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing loads from another host
    assert "Archive audit" in html


def test_rows_carry_the_facets_and_compact_rules():
    rows = dashboard_rows()
    html = render_dashboard(rows, totals_of(rows), rules=RULES)
    data = data_of(html)
    first = data["rows"][0]
    assert [code for code, _ in first["r"]][:1] == ["HL402"]  # the most severe rule first in its cell
    lookups = data["lookups"]
    assert sorted(lookups["authors"]) == sorted(a for a in AUTHORS if a)
    assert set(lookups["sections"]) == {"Back pain", "Sleep", "Recovery"}
    assert lookups["severity"]["HL504"] == "info"
    assert "010-0000-7788" in " ".join(r["x"] for r in data["rows"])  # the search sees flagged text
    for facet in ("cat", "sev", "score", "rule", "folder", "year", "author", "section"):
        assert f'<select id="f-{facet}" data-facet="{facet}"' in html
    years = re.search(r'<select id="f-year".*?</select>', html, re.S).group(0)
    assert '<option value="2015">2015 (38)</option>' in years
    cell = re.search(r'<td class="rules" data-label="Rules">(.*?)</td>', html).group(1)
    assert cell.count("<code>") <= 3


def test_charts_are_inline_svg_with_facet_bars():
    rows = dashboard_rows()
    html = render_dashboard(rows, totals_of(rows), rules=RULES)
    charts = html[html.index('id="charts-h"'):]
    assert charts.count("<svg") == 4
    assert len(re.findall(r'<g class="bar" data-facet="year" data-value="20\d\d"', charts)) == 8
    assert 'data-facet="section" data-value="Back pain"' in charts
    assert 'data-facet="score" data-value="90-100"' in charts
    assert re.search(r'data-facet="rule" data-value="HL402"', charts)
    no_sections = [dict(r, categories=[]) for r in rows]
    by_folder = render_dashboard(no_sections, totals_of(rows), rules=RULES)
    assert "Problems by folder" in by_folder and 'data-facet="folder" data-value="archive/2015"' in by_folder


def test_duplicate_groups_and_changes_sections():
    rows = dashboard_rows(40)
    for r in rows[:3]:
        r["duplicate"] = 1
        r["change"] = {"status": "changed", "new": 2, "fixed": 1, "unchanged": 0, "previous_score": 50}
    groups = [{"number": 1, "members": [(rows[0]["path"], 1.0), (rows[1]["path"], 0.82), (rows[2]["path"], 0.64)]}]
    comparison = {"previous": "old-audit", "new": 6, "fixed": 3, "unchanged": 10, "articles_added": 1,
                  "articles_changed": 3, "articles_same": 36, "articles_removed": 2, "removed": ["gone.md", "x.md"],
                  "new_by_rule": {"HL402": 4, "HL405": 2}, "fixed_by_rule": {"HL101": 3}}
    html = render_dashboard(rows, totals_of(rows), rules=RULES, groups=groups, comparison=comparison, threshold=0.3)
    assert "Group 1: 3 copies, similarity 0.64–0.82" in html
    assert 'data-facet="dup" data-value="1"' in html and '<span class="dup">dup 1</span>' in html
    assert "Changes since the previous audit" in html and "<code>old-audit</code>" in html
    assert re.search(r"<b>6</b> new findings</li><li><b>3</b> fixed", html)
    assert '<code>gone.md</code>' in html and 'data-key="cn"' in html
    plain = render_dashboard(rows, totals_of(rows), rules=RULES)
    assert "Changes since" not in plain and "Near-duplicates" not in plain and '<th scope="col" class="n change"' not in plain


def test_a_large_archive_stays_small():
    rows = dashboard_rows(5000)
    html = render_dashboard(rows, totals_of(rows), rules=RULES)
    assert len(html.encode("utf-8")) < 2_600_000  # about 500 bytes per article, its row data
