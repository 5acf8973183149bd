"""The editor's HTML report in Chromium: phone widths, severity weight, remembered filters, keyboard
stepping, copy buttons, the rule's documentation in the pop-up, Markdown formatting, print."""
from __future__ import annotations

import contextlib

import pytest

from test_html_browser import Session, browser, session, write  # noqa: F401 - fixtures
from test_html_report import plant, parsed, render_run

pytestmark = pytest.mark.browser

LONG_URL = ("https://www.exampleclinic.org/patientguides/neckandshoulderpain/"  # no hyphen: no break opportunity
            "deskworkstretchingroutinesforofficeworkers2024edition.html?utm_source=newsletter")
ARTICLE = f"""---
title: Desk stretches for a stiff neck
---

# Desk stretches for a stiff neck

By Maria Lindqvist, LMT | reviewed by Dr. Jonas Berg

Long days at a desk leave the neck **stiff and sore**. Read the overview at
{LONG_URL} before you start.

- roll the shoulders backwards ten times
- tilt the head towards each shoulder
- a warm rock massage relaxes the muscles

Neck rolls cure arthritis for good. Stretch the effected muscles slowly, and use `--dry-run` first.

The routine takes five minutes and most people find it pleasant enough to keep up every single day.
"""
PLANTS = [  # (quote, rule, category, severity, message, suggestion), in text order
    ("warm rock massage", "HL302", "technique", "info", "A spinner's rewording of 'hot stone massage'.",
     "hot stone massage"),
    ("Neck rolls cure arthritis for good", "HL101", "claim", "error", "A cure promised for good.",
     "Neck rolls may ease stiffness for a while."),
    ("effected", "HL507", "document", "warning", "Probably a mistake for 'affected'.", 'Use "affected".'),
    ("most people find it pleasant enough to keep up every single day", "HL504", "document", "info",
     "A hard sentence.", "Split the sentence."),
]


def report(tmp_path, name="desk.html"):
    result = parsed(ARTICLE, path="drafts/desk_stretches_for_a_stiff_neck_with_a_rather_long_file_name.md", fmt="markdown")
    for quote, rule, cat, sev, message, suggestion in PLANTS:
        plant(result, quote, rule, cat, sev, message, suggestion=suggestion,
              reference=LONG_URL if rule == "HL504" else "https://www.nhs.uk/conditions/neck-pain/")
    return write(tmp_path, name, render_run(result)), result


def open_report(session, tmp_path):
    """The report opened in ``session``; and each planted rule's finding number."""
    path, result = report(tmp_path)
    return session.open(path), result, {f.rule: i for i, f in enumerate(result.findings, 1)}


@contextlib.contextmanager
def own_session(browser, **options):
    """A Session for a test that changes its context (viewport, permissions)."""
    s = Session(browser, **options)
    try:
        yield s
        s.check()
    finally:
        s.context.close()


def order(result) -> list[str]:
    return [f"1-{i}" for i, _ in sorted(enumerate(result.findings, 1), key=lambda p: p[1].start)]


@pytest.mark.parametrize("width", [360, 390])
def test_phone_width_has_no_horizontal_scroll_and_findings_come_first(browser, tmp_path, width):
    with own_session(browser) as s:
        path, _ = report(tmp_path)
        page = s.open(path)
        page.set_viewport_size({"width": width, "height": 740})
        page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.body.scrollWidth") <= width
        findings = page.locator(".findings").bounding_box()
        article = page.locator("article.text").bounding_box()
        assert findings["y"] < article["y"] and findings["x"] + findings["width"] <= width
        page.locator(".hl").first.click()  # the pop-up fits too
        pop = page.locator("#hl-pop").bounding_box()
        assert pop["x"] >= 0 and pop["x"] + pop["width"] <= width
        page.screenshot(path=str(tmp_path / f"phone-{width}.png"), full_page=True)


def test_severity_sets_the_visual_weight(session, tmp_path):
    page, result, num = open_report(session, tmp_path)

    def style(rule):
        return page.eval_on_selector(f'.hl[data-f="1-{num[rule]}"]', "m => { const s = getComputedStyle(m); return "
                                     "[s.backgroundColor, s.borderBottomStyle, parseFloat(s.borderBottomWidth), "
                                     "s.fontWeight]; }")

    error, warning, info = style("HL101"), style("HL507"), style("HL302")
    transparent = "rgba(0, 0, 0, 0)"
    assert error[0] != transparent and error[1] == "solid" and error[2] == 3 and int(error[3]) >= 600
    assert warning[0] != transparent and warning[1] == "solid" and warning[2] == 2
    assert info[0] == transparent and info[1] == "dotted"
    assert len({error[0], warning[0]}) == 2  # error and warning look different


def test_filters_are_remembered_across_reports(session, tmp_path):
    path, _ = report(tmp_path)
    page = session.open(path)
    page.locator('input[data-filter="sev"][value="info"]').uncheck()
    page.locator('input[data-filter="cat"][value="claim"]').uncheck()
    other, _ = report(tmp_path, "other.html")
    again = session.open(other)
    assert not again.locator('input[data-filter="sev"][value="info"]').is_checked()
    assert not again.locator('input[data-filter="cat"][value="claim"]').is_checked()
    assert again.locator('input[data-filter="sev"][value="warning"]').is_checked()
    assert not again.locator('.item[data-sev="info"]').first.is_visible()
    assert not again.locator('.item[data-cat="claim"]').first.is_visible()
    assert again.locator('.item[data-rule="HL507"]').is_visible()
    assert "Showing 1 of 4" in again.locator("#filter-status").inner_text()
    again.locator('input[data-filter="sev"][value="info"]').check()
    third = session.open(path)
    assert third.locator('input[data-filter="sev"][value="info"]').is_checked()


def test_keyboard_steps_through_findings_in_text_order(session, tmp_path):
    path, result = report(tmp_path)
    page = session.open(path)
    expected = order(result)
    pop = page.locator("#hl-pop")

    def focused():
        return page.evaluate("document.activeElement.dataset.f").split()[0]

    page.keyboard.press("j")
    assert focused() == expected[0] and pop.is_visible() and "HL302" in pop.inner_text()
    assert page.locator("#step-status").inner_text() == "Finding 1 of 4"
    page.keyboard.press("j")
    assert focused() == expected[1] and "HL101" in pop.inner_text()
    page.keyboard.press("n")
    assert focused() == expected[2]
    page.keyboard.press("k")
    assert focused() == expected[1]
    page.keyboard.press("p")
    page.keyboard.press("p")  # before the first: wraps to the last
    assert focused() == expected[3] and page.locator("#step-status").inner_text() == "Finding 4 of 4"
    page.locator('input[data-filter="sev"][value="info"]').uncheck()  # hidden findings are skipped
    page.locator(f'.hl[data-f="{expected[1]}"]').focus()
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    assert focused() == expected[2]
    page.keyboard.press("j")
    assert focused() == expected[1]  # wrapped past the hidden info findings
    page.locator('[data-step="1"]').click()
    assert focused() == expected[2]


def test_copy_buttons_copy_the_suggestion_and_the_suppression(browser, tmp_path):
    with own_session(browser) as s:
        s.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page, result, num = open_report(s, tmp_path)
        page.locator(f'.hl[data-f="1-{num["HL302"]}"]').click()
        pop = page.locator("#hl-pop")
        pop.locator("button.copy", has_text="Copy suggestion").click()
        assert page.evaluate("navigator.clipboard.readText()") == "hot stone massage"
        assert pop.locator("button.copy.done").inner_text() == "Copied"
        pop.locator("button.copy", has_text="Copy suppression").click()
        assert page.evaluate("navigator.clipboard.readText()") == "<!-- healthlint-disable-line HL302 -->"
        side = page.locator(f'#item-1-{num["HL101"]} button.copy', has_text="Copy suggestion")
        side.click()
        assert page.evaluate("navigator.clipboard.readText()") == "Neck rolls may ease stiffness for a while."


def test_popup_holds_the_rule_documentation(session, tmp_path):
    from healthlint.rule import all_rules

    page, result, num = open_report(session, tmp_path)
    page.locator(f'.hl[data-f="1-{num["HL101"]}"]').click()
    about = page.locator("#hl-pop details.rule-doc")
    assert about.count() == 1 and "About HL101" in about.inner_text()
    about.locator("summary").click()
    doc = about.locator(".doc").inner_text()
    rule = all_rules()["HL101"]
    assert rule.summary() in doc and "Bad:" in doc
    appendix = page.locator("#rule-HL101")
    assert appendix.count() == 1 and rule.name in appendix.inner_text()


def test_markdown_formatting_is_drawn(session, tmp_path):
    path, _ = report(tmp_path)
    page = session.open(path)
    items = page.locator("article ul.md-list li")
    assert items.count() == 3
    assert items.nth(0).inner_text().startswith("\u2022") and "roll the shoulders" in items.nth(0).inner_text()
    assert page.locator("article strong").inner_text() == "stiff and sore"
    assert page.locator("article code").inner_text() == "--dry-run"
    assert "Maria Lindqvist, LMT | reviewed by" in page.locator("article").inner_text()
    assert page.locator("article ul.md-list mark.hl").count() == 1  # the highlight inside the list item


def test_print_hides_controls_and_shows_the_rule_docs(session, tmp_path):
    path, _ = report(tmp_path)
    page = session.open(path)
    page.emulate_media(media="print")
    assert not page.locator(".stepper").is_visible()
    assert not page.locator("button.copy").first.is_visible()
    assert page.locator(".rule-docs").is_visible()
    assert page.locator("#rule-HL101 .doc").is_visible()
    assert page.locator('.item[data-rule="HL302"]').is_visible()


def test_stepping_visits_each_of_overlapping_findings(session, tmp_path):
    from test_html_report import planted_result

    result = planted_result()  # HL201 and HL202 overlap, as do HL101 and HL102
    page = session.open(write(tmp_path, "overlap.html", render_run(result)))
    seen = []
    for _ in range(len(result.findings)):
        page.keyboard.press("j")
        seen.append(page.locator("#hl-pop .pop-item.current").get_attribute("data-fid"))
    assert sorted(seen) == sorted(f"1-{i}" for i in range(1, len(result.findings) + 1))
    assert page.locator("#step-status").inner_text() == f"Finding {len(result.findings)} of {len(result.findings)}"
