"""The HTML reports in a real browser: headless Chromium (Debian's package) driven by Playwright.

Every page must load with no request to anything but file:/data: URLs and no console error
(a CSP violation, i.e. a script that tried to run, is a console error).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_html_report import parsed, plant, planted_result, render_run

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("HEALTHLINT_CHROMIUM", "/usr/bin/chromium")
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev" / "seed-trigger-point.txt"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Session:
    """A browser context that records every request and console error of its pages."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.problems.append(f"request to {url}")
            route.abort()

    def open(self, path: Path):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page

    def check(self):
        foreign = [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]
        assert not foreign and not self.problems, (foreign, self.problems)


@pytest.fixture
def session(browser):
    s = Session(browser)
    yield s
    s.check()
    s.context.close()


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def fids_of(page) -> list[str]:
    return page.eval_on_selector_all(".item", "els => els.map(e => e.dataset.fid)")


def assert_every_finding_highlighted(page, expected: int):
    fids = fids_of(page)
    assert len(fids) == expected
    for fid in fids:
        mark = page.locator(f'.hl[data-f~="{fid}"]').first
        assert mark.is_visible(), fid
        assert mark.get_attribute("tabindex") == "0" and mark.get_attribute("aria-label")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


# -- article report ------------------------------------------------------------------------------

def test_article_highlights_details_filters_and_jumps(session, tmp_path):
    result = planted_result()
    path = write(tmp_path, "report.html", render_run(result))
    page = session.open(path)
    assert page.evaluate("document.documentElement.className") == "js"
    assert_every_finding_highlighted(page, len(result.findings))

    # click: the detail shows rule code, severity, message, suggestion and reference
    num = next(i for i, f in enumerate(result.findings, 1) if f.rule == "HL301")
    page.locator(f'.hl[data-f~="1-{num}"]').first.click()
    pop = page.locator("#hl-pop")
    assert pop.is_visible()
    text = pop.inner_text()
    for part in ("HL301", "warning", "technique", "No known technique has this name.", "Suggestion:"):
        assert part in text
    assert pop.locator('a[href="https://www.nhs.uk/conditions/sciatica/"]').count() == 1
    page.screenshot(path=str(tmp_path / "article-detail.png"))
    page.keyboard.press("Escape")
    assert not pop.is_visible()

    # keyboard focus: an overlapped highlight explains both findings
    nums = {f.rule: i for i, f in enumerate(result.findings, 1)}
    both = page.locator(f'.hl[data-f~="1-{nums["HL201"]}"][data-f~="1-{nums["HL202"]}"]').first
    both.focus()
    assert pop.is_visible() and "HL201" in pop.inner_text() and "HL202" in pop.inner_text()
    page.keyboard.press("Enter")  # into the detail: its reference link takes focus
    assert page.evaluate("document.activeElement.closest('#hl-pop') !== null")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("https://")
    page.keyboard.press("Escape")  # closes and gives focus back to the highlight
    assert not pop.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('hl')")

    # filters: hiding claims hides their entries and un-highlights their text
    claims = page.locator('.item[data-cat="claim"]')
    assert claims.count() == 3 and claims.first.is_visible()
    page.locator('input[data-filter="cat"][value="claim"]').uncheck()
    assert all(not claims.nth(i).is_visible() for i in range(claims.count()))
    claim_only = page.locator(f'.hl[data-f="1-{nums["HL110"]}"]')
    assert "off" in claim_only.get_attribute("class")
    assert page.locator('.item[data-cat="technique"]').first.is_visible()
    assert "Showing" in page.locator("#filter-status").inner_text()
    page.locator('input[data-filter="cat"][value="claim"]').check()
    assert claims.first.is_visible() and "off" not in claim_only.get_attribute("class")
    page.locator('input[data-filter="sev"][value="warning"]').uncheck()
    warnings = page.locator('.item[data-sev="warning"]')
    assert warnings.count() >= 3 and not any(warnings.nth(i).is_visible() for i in range(warnings.count()))
    assert page.locator('.item[data-sev="error"]').first.is_visible()
    page.locator('input[data-filter="sev"][value="warning"]').check()

    # jump: from the side list to the highlight, which takes focus and scrolls into view
    page.set_viewport_size({"width": 1280, "height": 420})
    page.evaluate("window.scrollTo(0, 0)")
    spam = nums["HL402"]
    page.locator(f'#item-1-{spam} a.jump').click()
    focused = page.evaluate("document.activeElement.dataset.f")
    assert f"1-{spam}" in focused.split()
    assert in_viewport(page, page.locator(f'.hl[data-f~="1-{spam}"]').first)
    assert "HL402" in pop.inner_text()
    page.screenshot(path=str(tmp_path / "article-jump.png"))


def test_seed_article_every_finding_highlighted(session, linter, tmp_path):
    if not SEED.is_file():
        pytest.skip("../shared/corpus/dev/seed-trigger-point.txt is not available here")
    result = linter.check_text(SEED.read_text(encoding="utf-8"), path=SEED.name)
    assert result.findings, "the seed article should have findings"
    page = session.open(write(tmp_path, "seed.html", render_run(result)))
    assert_every_finding_highlighted(page, len(result.findings))
    for fid in fids_of(page):
        page.locator(f'.hl[data-f~="{fid}"]').first.click()
        assert page.locator("#hl-pop").is_visible()
        rule = page.locator(f"#item-{fid}").get_attribute("data-rule")
        assert rule in page.locator("#hl-pop").inner_text()
        page.keyboard.press("Escape")  # the open detail may cover the next highlight
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "seed.png"), full_page=True)


def test_hostile_article_runs_nothing(session, tmp_path):
    hostile = ('<html><head><title>Back pain</title></head><body><h1>Back pain relief</h1>'
               '<p>Massage cures everything.<script>window.__pwned = 1; document.title = "pwned";</script></p>'
               '<p><img src=x onerror="window.__pwned = 2; document.title = \'pwned\'"> Call us '
               '<a href="javascript:window.__pwned=3">now</a> or '
               '<a href="java&#09;script:window.__pwned=4">later</a>.</p>'
               '<p>&lt;img src=x onerror=window.__pwned=5&gt; is shown as text.</p></body></html>')
    result = parsed(hostile, path="hostile.html", fmt="html")
    plant(result, "Massage cures everything.", "HL101", "claim", "error",
          '<img src=x onerror="window.__pwned=6">', reference="javascript:window.__pwned=7")
    plant(result, "now", "HL404", "spam", "warning", "Link with a javascript: URL.")
    page = session.open(write(tmp_path, "hostile.html", render_run(result)))
    page.locator(".hl").first.click()  # open the detail that carries the hostile message
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == "healthlint report: hostile.html"
    hrefs = page.eval_on_selector_all("[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "script:" in h.lower().replace("\t", "")]
    assert page.locator("img").count() == 0
    assert "is shown as text" in page.locator("article").inner_text()


def test_readable_without_javascript(browser, tmp_path):
    s = Session(browser, java_script_enabled=False)
    try:
        result = planted_result()
        page = s.open(write(tmp_path, "nojs.html", render_run(result)))
        assert page.evaluate("document.documentElement.className") == "no-js"  # the page script did not run
        assert not page.locator(".toolbar").is_visible()
        items = page.locator(".item")
        assert items.count() == len(result.findings)
        assert all(items.nth(i).is_visible() for i in range(items.count()))
        assert "No known technique has this name." in page.locator(".findings").inner_text()
        mark = page.locator(".hl").first
        assert mark.is_visible() and mark.get_attribute("title")  # native tooltip without JS
        # the number after a highlight links to its explanation
        page.locator("a.note").first.click()
        assert page.evaluate("location.hash").startswith("#item-1-")
        s.check()
    finally:
        s.context.close()


def test_prints_cleanly(session, tmp_path):
    from healthlint.engine import FileResult

    result = planted_result()
    long_ref = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know#what-the-science-says"
    plant(result, "Deep tissue massage works", "HL501", "document", "info", "Says what it does, cites nothing.",
          reference=long_ref)
    broken = FileResult(path="gone.md", errors=["no such file or directory"], checked=False)
    page = session.open(write(tmp_path, "print.html", render_run(result, broken)))
    page.locator('input[data-filter="cat"][value="claim"]').uncheck()
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert page.locator('.item[data-cat="claim"]').first.is_visible()  # print shows every finding
    assert page.locator(".print-url").first.is_visible()  # a shortened reference prints in full
    assert long_ref in page.locator(".print-url").first.inner_text()
    assert page.locator(".errors").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.cols')).display") == "block"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000
