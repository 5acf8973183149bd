"""How fast the audit dashboard renders and loads: Python render time, file size, and load time in
headless Chromium for a synthetic archive (500 articles by default).

    python benchmarks/dashboard_load.py                # 500 articles, 5 loads
    python benchmarks/dashboard_load.py --rows 1000 5000 --runs 3

Browser figures (median over ``--runs`` fresh pages): DOMContentLoaded and load (from navigation
start), "ready" (the dashboard's script has rendered its first page: ``performance.mark``), the
number of DOM elements, and the in-page time of one search, one facet (a rule picked in the issues
view), one sort and one page turn (each a ``healthlint-render`` ``performance.measure``). Also
times ``render_audit_page`` for one article with 15 findings, which the audit calls once per
article, and gives that page's size. Needs Debian's ``chromium`` and the ``playwright`` package
(no ``playwright install``).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

CATS = ("claim", "definition", "technique", "spam", "document")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WORDS = ("massage", "sciatica", "back pain", "trigger point", "cupping", "hot stone", "shiatsu", "reflexology",
         "neck pain", "sports recovery", "tension headache", "posture", "stretching", "pregnancy")


def synthetic(n: int, seed: int = 7) -> tuple[list[dict], dict, dict]:
    """Rows (as the audit builds them), totals and rule info, with a plausible spread of findings."""
    from healthlint.audit.outputs import article_row

    rng = random.Random(seed)
    severities = ("warning", "error", "info", "warning", "warning")
    rules, rows = {}, []
    for i in range(n):
        findings = []
        for k, cat in enumerate(CATS):
            for _ in range(max(0, int(rng.gauss(1.2, 1.6)))):
                code = f"HL{k + 1}0{rng.randint(1, 6)}"
                severity = severities[(k + int(code[-1])) % 5]
                rules[code] = {"name": f"rule-{code.lower()}", "category": cat, "severity": severity}
                findings.append({"rule": code, "category": cat, "severity": severity, "fingerprint": f"{i}-{code}",
                                 "excerpt": f"flagged words {rng.randint(0, 10**6)}"})
        topic = rng.choice(WORDS)
        year = 2012 + i % 13
        score = None if i % 97 == 0 else max(0, min(100, round(100 - 9 * len(findings) + rng.gauss(0, 6), 1)))
        result = {"id": f"a{i:05d}", "path": f"archive/{year}/{topic.replace(' ', '-')}-{i}.html",
                  "title": f"{topic.title()}: what a session can do ({i})", "words": rng.randint(250, 2500),
                  "checked": score is not None, "errors": [] if score is not None else ["cannot read"],
                  "findings": findings, "score": score}
        info = {"author": f"Author {i % 40}", "date": f"{year}-01-01", "year": year, "folder": f"archive/{year}",
                "categories": [topic.title()], "url": ""}
        rows.append(article_row(result, info, f"articles/a{i:05d}.html"))
    totals = {"articles": n, "findings": sum(r["findings"] for r in rows),
              "errors": sum(1 for r in rows if r["score"] is None)}
    return rows, totals, rules


def article_result():
    """One parsed article of about 1,200 words with 15 findings (no rules run)."""
    from healthlint.engine import FileResult
    from healthlint.finding import Finding
    from healthlint.sources import Source, load

    para = ("Deep tissue massage works through the layers of muscle in the lower back. Some people find it eases "
            "stiffness, and small trials suggest massage may help low back pain for a short while. ")
    text = "# Deep tissue massage\n\n" + "\n\n".join(para * 2 for _ in range(20)) + "\n"
    doc = load(Source(path="article.md", data=text.encode(), format="markdown"))
    rng = random.Random(3)
    findings = []
    for k in range(15):
        start = rng.randrange(30, len(text) - 80)
        f = Finding(rule=f"HL{k % 5 + 1}01", category=CATS[k % 5], severity="warning", message="A problem.",
                    start=start, end=start + rng.randint(8, 60), suggestion="Say it better.",
                    reference="https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know")
        f.line, f.column = doc.position(start)
        findings.append(f)
    findings.sort(key=Finding.sort_key)
    return FileResult(path="article.md", findings=findings, document=doc, words=1200, title=doc.title)


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def browser_figures(browser, path: Path, runs: int) -> dict:
    from playwright.sync_api import expect

    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready]")
        nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
            const r = performance.getEntriesByName('healthlint-ready')[0];
            return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, ready: r ? r.startTime : NaN,
                    nodes: document.getElementsByTagName('*').length,
                    rows: document.querySelectorAll('#rows tr').length}; }""")
        page.fill("#q", "hl10")  # articles with a claim finding: most of them, several pages
        expect(page.locator("#status")).to_contain_text("filtered from")
        page.locator("#issues button[data-facet=rule]").first.click()
        page.locator('th button[data-key="e"]').click()
        page.locator('[data-page="next"]').click()
        page.wait_for_function("() => performance.getEntriesByName('healthlint-render').length >= 5")
        renders = page.evaluate("() => performance.getEntriesByName('healthlint-render').map(m => m.duration)")
        nav.update(first=renders[0], search=renders[1], facet=renders[2], sort=renders[3], page=renders[4])
        for key, value in nav.items():
            samples.setdefault(key, []).append(value)
        context.close()
    return {k: statistics.median(v) for k, v in samples.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[500], help="archive sizes to measure")
    parser.add_argument("--runs", type=int, default=5, help="page loads per size (the median is printed)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--keep", help="write the dashboards into this folder instead of a temporary one")
    args = parser.parse_args(argv)

    from healthlint.reports.audit_page import render_audit_page
    from healthlint.reports.dashboard import render_dashboard

    article = article_result()
    page = render_audit_page(article)  # warm the template cache
    per_article = timed(lambda: render_audit_page(article), 50)
    print(f"render_audit_page (1,200 words, 15 findings): {per_article * 1000:.1f} ms, "
          f"{len(page.encode()) / 1024:.1f} KiB")

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="hl-dashboard-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for n in args.rows:
        rows, totals, rules = synthetic(n)
        html = render_dashboard(rows, totals, rules=rules)
        seconds = timed(lambda: render_dashboard(rows, totals, rules=rules), 5)
        path = out / f"dashboard-{n}.html"
        path.write_text(html, encoding="utf-8")
        pages.append((n, path))
        print(f"render_dashboard ({n} articles): {seconds * 1000:.1f} ms, {len(html.encode()) / 1024:.0f} KiB")

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: no browser figures", file=sys.stderr)
        return 1
    if not Path(args.chromium).exists():
        print(f"no Chromium at {args.chromium}: no browser figures", file=sys.stderr)
        return 1
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        print(f"\nChromium {browser.version}, median of {args.runs} loads (milliseconds):")
        print(f"{'articles':>8} {'DCL':>7} {'load':>7} {'ready':>7} {'1st page':>9} {'search':>7} {'facet':>7} "
              f"{'sort':>7} {'next pg':>8} {'DOM els':>8} {'rows':>5}")
        for n, path in pages:
            f = browser_figures(browser, path, args.runs)
            print(f"{n:>8} {f['dcl']:>7.1f} {f['load']:>7.1f} {f['ready']:>7.1f} {f['first']:>9.1f} "
                  f"{f['search']:>7.1f} {f['facet']:>7.1f} {f['sort']:>7.1f} {f['page']:>8.1f} {f['nodes']:>8.0f} "
                  f"{f['rows']:>5.0f}")
        browser.close()
    print(f"\ndashboards written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
