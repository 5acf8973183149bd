"""Regenerate the README's screenshots of the HTML report (docs/report.png, docs/report-phone.png).

    python docs/make_screenshots.py [--chromium /usr/bin/chromium]

Checks the bundled example article with the real rules, writes the HTML report to a temporary
folder, opens it in headless Chromium (Playwright, Debian's chromium package) with one error's
pop-up open, and saves a desktop and a phone-width screenshot next to this script.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "trigger-point-draft.md"


def report_html() -> str:
    from healthlint.engine import Linter, RunResult
    from healthlint.reports.html import render
    from healthlint.rule import all_rules
    from healthlint.sources import Source

    linter = Linter()
    result = next(linter.check_sources([Source("examples/trigger-point-draft.md", EXAMPLE.read_bytes())]))
    return render(RunResult([result], all_rules(), linter.settings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        page_path.write_text(report_html(), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
            for name, viewport in (("report.png", {"width": 1280, "height": 1000}),
                                   ("report-phone.png", {"width": 390, "height": 844})):
                page = browser.new_page(viewport=viewport, device_scale_factor=1)
                page.goto(page_path.as_uri())
                page.keyboard.press("j")  # step to the first finding: its pop-up opens
                if name == "report.png":  # desktop: an error's pop-up, with the article's top in view
                    page.keyboard.press("Escape")
                    page.evaluate("window.scrollTo(0, 0)")
                    page.locator('.hl[data-sev="error"]').nth(1).click()
                page.wait_for_timeout(200)
                page.screenshot(path=str(HERE / name))
                print(f"wrote {HERE / name}")
            browser.close()


if __name__ == "__main__":
    main()
