"""An audited article's page (healthlint.reports.audit_page): lean, safe, every finding marked and listed."""
from __future__ import annotations

import html as html_lib
import re
from collections import Counter

from markupsafe import escape

from healthlint.reports.audit_page import assets, render_audit_page
from healthlint.reports.html import render_article_page

PROBLEMS = [  # each is flagged by at least one rule
    "Our deep tissue massage removes muscle knots permanently.",
    "It flushes the toxins out of your body and cures sciatica in one session, guaranteed.",
    "Most clients are completely pain-free after just one visit.",
    "Massage therapy can also be used to treat other ailments.",
    "Sciatica is an inflammation of the muscles in the lower back area.",
    "Hot stone massage boosts circulation and detoxifies the liver.",
    "Reflexology cures migraines forever.",
    "Fibromyalgia is caused by a lack of magnesium in the muscles.",
    "Warm rock massage is our most popular treatment.",
    "Book now at 출장안마 for the best price.",
    "Studies show that massage strengthens the immune system.",
    "Stop taking your blood pressure medicine once you start weekly massage.",
]


def article_text(words: int = 1000) -> str:
    """About ``words`` words of Markdown written for this test: ordinary advice with problems spread through it."""
    import random

    from audit_fixtures import CONTEXTS, OBJECTS, PEOPLE, SUBJECTS, VERBS

    rng = random.Random(11)
    parts, count, k = ["# Massage for lower back pain\n"], 6, 0
    problems = iter(PROBLEMS)
    while count < words:
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} for {rng.choice(PEOPLE)} "
                     f"{rng.choice(CONTEXTS)}." for _ in range(4)]
        sentences.append(next(problems, ""))
        paragraph = " ".join(s for s in sentences if s)
        parts.append(paragraph + "\n")
        count += len(paragraph.split())
        k += 1
    return "\n".join(parts)


def visible_text(page: str) -> str:
    article = re.search(r"<article>(.*?)</article>", page, re.S).group(1)
    article = re.sub(r'<a class="n"[^>]*>\d+</a>', "", article)  # the finding numbers are not the text
    return html_lib.unescape(re.sub(r"<[^>]+>", "", article))


def test_every_finding_is_marked_and_listed_once(linter):
    result = linter.check_text(article_text(300), path="back.md", fmt="markdown")
    assert len(result.findings) >= 8
    page = render_audit_page(result, {"author": "Ada Lee", "date": "2024-01-02", "url": "https://site.example/back",
                                      "categories": ["Back pain"]})
    items = re.findall(r'<li id="i(1-\d+)" class="s-(\w+) c-\w+">', page)
    assert len(items) == len(result.findings)
    described = {t for ids in re.findall(r'aria-describedby="([^"]+)"', page) for t in ids.split()}
    assert described == {f"i{fid}" for fid, _ in items}  # each highlight points at its findings' entries
    messages = Counter(f.message for f in result.findings)
    for message, n in messages.items():
        assert page.count(str(escape(message))) == n  # each finding's message is written once
    assert "by Ada Lee" in page and "Back pain" in page
    assert '<a href="https://site.example/back" rel="noopener noreferrer">live page</a>' in page
    assert "script-src 'self'" in page and "<style" not in page and "<script>" not in page


def test_hostile_article_and_metadata_are_escaped(linter):
    text = ('<p>Massage cures cancer. <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
            '<a href="javascript:alert(1)">Read More »</a></p>')
    result = linter.check_text(text, path="evil.html", fmt="html")
    page = render_audit_page(result, {"author": "<b>Eve</b>", "url": "javascript:alert(2)", "categories": ["<i>x</i>"]},
                             back_href="javascript:alert(3)")
    assert "<script>window" not in page and "onerror=" not in page and "<b>Eve</b>" not in page
    assert "javascript:" not in page.lower() and "<i>x</i>" not in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page


def test_a_thousand_word_page_stays_under_15_kb_besides_its_text(linter):
    result = linter.check_text(article_text(1000), path="back.md", fmt="markdown")
    words = len(re.findall(r"[A-Za-z]+", result.document.prose))
    assert 950 <= words <= 1150 and len(result.findings) >= 15
    page = render_audit_page(result, {"author": "Ada Lee", "date": "2024-01-02"})
    overhead = len(page.encode("utf-8")) - len(visible_text(page).encode("utf-8"))
    assert overhead <= 15 * 1024, (overhead, len(result.findings))
    report = render_article_page(result, back_href="../index.html")  # the self-contained report, for scale
    assert len(page.encode("utf-8")) < len(report.encode("utf-8")) / 2


def test_assets_are_the_pages_shared_stylesheet_and_script():
    files = assets()
    assert set(files) == {"page.css", "page.js"}
    assert "mark" in files["page.css"] and "aria-describedby" in files["page.js"]
    assert "innerHTML" not in files["page.js"] and "eval(" not in files["page.js"]
