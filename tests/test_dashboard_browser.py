"""The audit dashboard and its article pages in headless Chromium (Debian's package, driven by Playwright).

Every page must load with no request to anything but file: URLs and no console error (a CSP
violation is one). The last test is the auditor's walk through a generated 1,000-article archive.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from audit_fixtures import BIG_RULES, steady_code, warm_linter, write_big_archive  # noqa: F401 - fixtures
from test_dashboard import RULES, dashboard_rows, totals_of
from test_html_browser import Session, browser, write  # noqa: F401 - the browser fixture and its session

from healthlint.audit import run_audit
from healthlint.config import Settings
from healthlint.reports.dashboard import render_dashboard

pytestmark = pytest.mark.browser


@pytest.fixture
def session(browser):  # noqa: F811 - the fixture imported above
    s = Session(browser)
    yield s
    s.check()
    s.context.close()


def status(page) -> str:
    return page.locator("#status").inner_text()


def says(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_contain_text(text)


def visible_paths(page) -> list[str]:
    return page.eval_on_selector_all("#rows td.art .path", "els => els.map(e => e.textContent)")


def open_dashboard(session, tmp_path, rows=None, name="index.html", **options) -> object:
    rows = rows if rows is not None else dashboard_rows()
    path = write(tmp_path, name, render_dashboard(rows, totals_of(rows), rules=RULES, **options))
    page = session.open(path)
    page.wait_for_selector("html[data-ready]")
    return page


def test_issues_facets_search_sort_combine(session, tmp_path):
    rows = dashboard_rows()
    page = open_dashboard(session, tmp_path)
    assert status(page) == "Showing 1–50 of 300 articles"
    # a click on an issue lists its articles; a second click clears it
    page.locator('#issues button[data-value="HL402"]').click()
    with_spam = [r for r in rows if "HL402" in r["rules"]]
    says(page, f"of {len(with_spam)} articles (filtered from 300)")
    assert page.locator('#issues tr[data-rule="HL402"]').get_attribute("class").endswith("on")
    assert page.locator("#f-rule").input_value() == "HL402"
    # facets combine: the rule and a year and an author
    page.select_option("#f-year", "2016")
    page.select_option("#f-author", "Hannah Reyes")
    expected = [r for r in with_spam if r["year"] == 2016 and r["author"] == "Hannah Reyes"]
    says(page, f"of {len(expected)} article")
    assert sorted(visible_paths(page)) == sorted(r["path"] for r in expected)
    assert "rule=HL402" in page.evaluate("location.hash") and "year=2016" in page.evaluate("location.hash")
    # the state survives a reload (the address holds it)
    page.reload()
    page.wait_for_selector("html[data-ready]")
    says(page, f"of {len(expected)} article")
    page.locator("#clear").click()
    says(page, "of 300 articles")
    # search finds text inside a finding (a spam phone handle), not only titles
    page.fill("#q", "010-0008")
    says(page, "of 1 article")
    assert visible_paths(page) == ["archive/2015/article-0008.md"]
    page.fill("#q", "")
    # severity and category facets; sorting by error count
    page.select_option("#f-sev", "error")
    says(page, f"of {sum(1 for r in rows if r['severities']['error'])} articles")
    page.select_option("#f-sev", "")
    page.select_option("#f-cat", "claim")
    says(page, f"of {sum(1 for r in rows if r['counts']['claim'])} articles")
    page.select_option("#f-cat", "")
    page.locator('th button[data-key="e"]').click()
    errors = [int(v) for v in page.eval_on_selector_all("#rows td:nth-child(6)", "els => els.map(e => e.textContent)")]
    assert errors == sorted(errors, reverse=True) and errors[0] == max(r["severities"]["error"] for r in rows)
    assert page.locator('th[data-key="e"]').get_attribute("aria-sort") == "descending"
    # compact rule cells: three codes and "+N"
    assert page.locator("#rows td.rules").first.locator("code").count() <= 3


def test_charts_are_buttons_that_apply_their_facet(session, tmp_path):
    rows = dashboard_rows()
    page = open_dashboard(session, tmp_path)
    page.locator('g.bar[data-facet="year"][data-value="2017"]').click()
    says(page, f"of {sum(1 for r in rows if r['year'] == 2017)} articles")
    assert page.locator("#f-year").input_value() == "2017"
    bar = page.locator('g.bar[data-facet="score"][data-value="80-89"]')
    bar.focus()
    page.keyboard.press("Enter")  # the bars are keyboard buttons too
    expected = [r for r in rows if r["year"] == 2017 and r["score"] is not None and 80 <= r["score"] <= 89]
    says(page, f"of {len(expected)} article")
    assert page.locator("#f-score").input_value() == "80-89"
    page.locator('g.bar[data-facet="section"][data-value="Sleep"]').click()
    assert page.locator("#f-section").input_value() == "Sleep"
    page.locator('g.bar[data-facet="rule"][data-value="HL405"]').click()
    assert page.locator("#f-rule").input_value() == "HL405"


def test_duplicate_groups_and_the_compare_view(session, tmp_path):
    rows = dashboard_rows()
    for r in rows[:4]:
        r["duplicate"] = 1
    for r in rows[:30]:
        r["change"] = {"status": "changed" if r["id"] < "a0020" else "added", "new": 1 if r["id"] < "a0010" else 0,
                       "fixed": 2, "unchanged": 0, "previous_score": 60}
    groups = [{"number": 1, "members": [(r["path"], 1.0 if k == 0 else 0.7) for k, r in enumerate(rows[:4])]}]
    comparison = {"previous": "last-month", "new": 10, "fixed": 60, "unchanged": 5, "articles_added": 10,
                  "articles_changed": 20, "articles_same": 270, "articles_removed": 0, "removed": [],
                  "new_by_rule": {"HL402": 10}, "fixed_by_rule": {"HL405": 60}}
    page = open_dashboard(session, tmp_path, rows, groups=groups, comparison=comparison, threshold=0.3)
    page.locator("#group-1 summary").click()
    page.locator('#group-1 button[data-facet="dup"]').click()
    says(page, "of 4 articles")
    assert sorted(visible_paths(page)) == sorted(r["path"] for r in rows[:4])
    page.locator("#clear").click()
    page.locator('.changes button[data-value="new"]').click()
    says(page, "of 10 articles")
    page.locator('.changes button[data-value="added"]').click()
    says(page, "of 10 articles")
    page.locator('th button[data-key="cf"]').click()
    assert page.locator("#rows td.change").first.inner_text() in ("+1 −2", "−2")  # most fixed first
    assert page.locator(".changes").inner_text().count("last-month") == 1


def on_a_phone(page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_function("() => document.documentElement.clientWidth === 360")


def test_readable_at_360_pixels(session, tmp_path):
    page = open_dashboard(session, tmp_path, threshold=0.3)
    on_a_phone(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing sticks out sideways
    assert page.evaluate("getComputedStyle(document.querySelector('#rows tr')).display") == "block"  # cards
    box = page.locator("#rows tr").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.locator('#issues button[data-value="HL405"]').click()
    says(page, "filtered from 300")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_javascript_the_worst_articles_show(browser, tmp_path):  # noqa: F811
    s = Session(browser, java_script_enabled=False)
    try:
        rows = dashboard_rows()
        page = s.open(write(tmp_path, "index.html", render_dashboard(rows, totals_of(rows), rules=RULES)))
        assert page.locator("#rows tr").count() == 50 and page.locator(".no-js-only").is_visible()
        assert not page.locator(".controls").is_visible() and not page.locator(".pager").is_visible()
        assert page.locator("#issues tbody tr").count() == 5  # every issue (no "show more" without a script)
        s.check()
    finally:
        s.context.close()


def test_an_article_page_opens_its_findings_and_leads_back(session, tmp_path, linter):
    from healthlint.reports.audit_page import assets, render_audit_page

    result = linter.check_text("# Calves\n\nMassage cures sciatica permanently.\n\nRead More »\n", path="c.md",
                               fmt="markdown")
    for name, text in assets().items():
        write(tmp_path, f"audit/assets/{name}", text)
    write(tmp_path, "audit/index.html", "<!doctype html><title>dashboard</title><p>dashboard</p>")
    page = session.open(write(tmp_path, "audit/articles/c.html", render_audit_page(result, {"author": "Ada Lee"})))
    assert page.evaluate("getComputedStyle(document.querySelector('mark')).borderBottomStyle") != "none"  # CSS loaded
    mark = page.locator("mark[aria-describedby]").filter(has_text="cures sciatica").first
    mark.click()
    pop = page.locator("#pop")
    assert pop.is_visible() and "HL10" in pop.inner_text()
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    mark.focus()
    page.keyboard.press("Enter")
    assert pop.is_visible()
    page.locator("a.back").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/audit/index.html")


@pytest.mark.slow
@pytest.mark.usefixtures("warm_linter")
def test_an_auditor_works_through_a_thousand_article_archive(session, tmp_path):
    archive = write_big_archive(tmp_path)
    inputs = [str(p) for p in archive["inputs"]]
    out = tmp_path / "audit"
    run_audit(inputs, str(out), Settings(select=BIG_RULES), jobs=1, quiet=True)
    # a month later: residue removed from 100 articles, spam added to 20 others; audited again and compared
    # with the audit already in the folder (unchanged articles come from the cache, their pages are kept)
    changed = _edit_archive(archive)
    summary = run_audit(inputs, str(out), Settings(select=BIG_RULES), jobs=1, quiet=True, compare=str(out))
    assert summary.articles == 1000 and not summary.errors
    assert summary.cache_hits == 1000 - changed
    rows = list(csv.DictReader(open(out / "articles.csv", encoding="utf-8")))
    findings = [json.loads(line) for line in open(out / "findings.jsonl", encoding="utf-8")]

    page = session.open(out / "index.html")
    page.wait_for_selector("html[data-ready]")
    # the 20 worst articles on the first screen (1280 x 900), worst first
    worst = sorted(rows, key=lambda r: (float(r["score"]), -int(r["findings"]), r["path"]))[:20]
    shown = page.locator("#rows tr")
    for k in range(20):
        box = shown.nth(k).bounding_box()
        assert box["y"] + box["height"] <= 900, f"row {k + 1} is below the first screen"
    assert visible_paths(page)[:20] == [r["path"] for r in worst]
    # filter by a rule from the issues view, then by a year
    with_residue = {f["path"] for f in findings if f["rule"] == "HL405"}
    page.locator('#issues button[data-value="HL405"]').click()
    says(page, f"of {len(with_residue)} articles (filtered from 1000)")
    page.select_option("#f-year", "2019")
    in_2019 = {r["path"] for r in rows if r["date"].startswith("2019")} & with_residue
    says(page, f"of {len(in_2019)} articles")
    assert set(visible_paths(page)) == in_2019 if len(in_2019) <= 50 else set(visible_paths(page)) <= in_2019
    page.locator("#clear").click()
    # the planted near-duplicate groups, largest first, each led by its oldest article
    dates = {r["path"]: r["date"] for r in rows}
    groups = page.locator("ol.groups > li")
    assert groups.count() == len(archive["groups"])
    for k, planted in enumerate(archive["groups"]):
        item = groups.nth(k)
        item.locator("summary").click()
        listed = item.locator(".path").all_inner_texts()
        assert sorted(listed) == sorted(planted), k
        assert dates[listed[0]][:4] == min(dates[p][:4] for p in listed)
    # the compare view: what was fixed and what is new since the first audit
    compare = json.loads((out / "audit.json").read_text())["compare"]
    assert compare["fixed"] == 100 and compare["new"] >= 20
    changes = page.locator(".changes").inner_text()
    assert f"{compare['new']} new findings" in changes.replace("\n", " ") and "100 fixed" in changes.replace("\n", " ")
    page.locator('.changes button[data-value="new"]').click()
    says(page, f"of {Counter(r['status'] for r in csv.DictReader(open(out / 'compare.csv')) if r['new'] not in ('', '0'))['changed']} articles")
    page.screenshot(path=str(tmp_path / "dashboard-1000.png"))
    on_a_phone(page)  # and on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _edit_archive(archive: dict) -> int:
    """Remove the residue from 100 articles and add spam to 20 clean ones (Markdown files); return how many changed."""
    from audit_fixtures import RESIDUE, SPAM_LINE

    files = sorted(Path(p) for p in archive["paths"].values() if p.endswith(".md"))
    with_residue = [p for p in files if RESIDUE in p.read_text(encoding="utf-8")][:100]
    for path in with_residue:
        path.write_text(path.read_text(encoding="utf-8").replace("\n\n" + RESIDUE, ""), encoding="utf-8")
    clean = [p for p in files if p not in with_residue and SPAM_LINE not in p.read_text(encoding="utf-8")][:20]
    for path in clean:
        path.write_text(path.read_text(encoding="utf-8") + "\n" + SPAM_LINE + "\n", encoding="utf-8")
    return len(with_residue) + len(clean)
