"""HTML report: structure, highlights (overlaps, hidden markup), escaping of hostile articles.

The audit dashboard and its article pages are tested in test_dashboard.py and test_audit_page.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from healthlint.finding import Finding

# A draft in the shape of the bundled example: front matter, headings, a link-farm link.
DRAFT_MD = """---
title: "Deep Tissue Massage for Sciatica"
author: staff
---

# Deep Tissue Massage for Sciatica

Deep tissue massage works slowly through the layers of muscle in the lower back and hips.
Some people find it eases stiffness, and a few small trials suggest massage may help low
back pain for a short while.

## What is sciatica?

Sciatica is a disease of the spinal cord caused by cold drafts. Our team uses the
Velmaric spinal ripple method to reach the nerve directly.

## What a session can do

One session cures sciatica for good and drains the toxins stored in the hips. Skip the
doctor and take two painkillers before you arrive.

Book now: [cheap massage deals best price](https://deals-hub.example/go?id=7) & save.
"""

# Planted findings: (quote, rule, category, severity, message). Overlaps are deliberate.
PLANTED = [
    ("Sciatica is a disease of the spinal cord caused by cold drafts", "HL201", "definition", "error",
     "Sciatica is pain along the sciatic nerve, not a disease of the spinal cord."),
    ("caused by cold drafts", "HL202", "definition", "warning", "Cold drafts do not cause sciatica."),
    ("Velmaric spinal ripple method", "HL301", "technique", "warning", "No known technique has this name."),
    ("One session cures sciatica for good", "HL101", "claim", "error", "Cure claim without evidence."),
    ("cures sciatica for good and drains the toxins", "HL102", "claim", "warning",
     "Massage does not drain toxins."),
    ("Skip the\ndoctor", "HL110", "claim", "error", "Advice to skip medical care."),
    ("cheap massage deals best price", "HL402", "spam", "warning", "Keyword-stuffed anchor text."),
]


def plant(result, quote, rule, category, severity, message, occurrence=1, suggestion=None,
          reference="https://www.nhs.uk/conditions/sciatica/"):
    """Add a finding over ``quote`` (its n-th occurrence in the raw text) to a FileResult."""
    doc = result.document
    start = -1
    for _ in range(occurrence):
        start = doc.text.index(quote, start + 1)
    f = Finding(rule=rule, category=category, severity=severity, message=message, start=start,
                end=start + len(quote), suggestion=suggestion or f"Rewrite: {message.lower()}",
                reference=reference, name=f"{category}-rule", path=result.path, excerpt=quote)
    f.line, f.column = doc.position(f.start)
    result.findings.append(f)
    result.findings.sort(key=Finding.sort_key)
    return f


def parsed(text: str, path: str = "article.txt", fmt: str = "text"):
    """A FileResult with the parsed Document and no findings: no rules run, so the planted
    findings below are the only ones whatever rules exist (the real rules get their own tests)."""
    from healthlint.engine import FileResult
    from healthlint.sources import Source, load

    doc = load(Source(path=path, data=text.encode("utf-8"), format=fmt))
    words = len(re.findall(r"[A-Za-z]+", doc.prose))
    return FileResult(path=path, document=doc, words=words, title=doc.title)


def planted_result(text=DRAFT_MD, path="drafts/deep-tissue.md", fmt="markdown", planted=PLANTED):
    result = parsed(text, path, fmt)
    for quote, rule, cat, sev, msg in planted:
        plant(result, quote, rule, cat, sev, msg)
    return result


def run_of(*files):
    from healthlint.config import Settings
    from healthlint.engine import RunResult

    return RunResult(files=list(files), rules={}, settings=Settings())


def render_run(*files):
    from healthlint.reports.html import render

    return render(run_of(*files))


class Tags(HTMLParser):
    """Collects start tags with their attributes (what a browser would build elements from)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def marks_by_finding(html: str) -> dict[str, list[str]]:
    """finding id -> the texts of the highlights that cover it."""
    out: dict[str, list[str]] = {}
    for m in re.finditer(r'<mark class="hl[^"]*"[^>]*data-f="([^"]+)"[^>]*>(.*?)</mark>', html, re.S):
        for fid in m.group(1).split():
            out.setdefault(fid, []).append(m.group(2))
    return out


# -- article report ------------------------------------------------------------------------------

def test_every_finding_is_highlighted_listed_and_explained():
    result = planted_result()
    html = render_run(result)
    marks = marks_by_finding(html)
    assert len(result.findings) >= len(PLANTED)
    for num, f in enumerate(result.findings, 1):
        fid = f"1-{num}"
        assert fid in marks, f"no highlight for {f.rule} {f.excerpt!r}"
        assert f'id="f-{fid}"' in html and f'id="item-{fid}"' in html
    # highlight text joins back to the finding's excerpt (whitespace collapsed, markup dropped)
    velmaric = next(i for i, f in enumerate(result.findings, 1) if f.rule == "HL301")
    assert "".join(marks[f"1-{velmaric}"]) == "Velmaric spinal ripple method"
    # the side list carries the message, suggestion and reference of each finding
    for f in result.findings:
        assert f.message.replace("'", "&#39;") in html
    assert 'href="https://www.nhs.uk/conditions/sciatica/"' in html
    assert "Rewrite: cure claim without evidence." in html


def test_overlapping_findings_share_segments():
    result = planted_result()
    html = render_run(result)
    nums = {f.rule: i for i, f in enumerate(result.findings, 1)}
    # "caused by cold drafts" is covered by both definition findings: one mark lists both
    both = re.search(r'data-f="([^"]+)"[^>]*>caused by cold drafts</mark>', html)
    assert both and set(both.group(1).split()) == {f"1-{nums['HL201']}", f"1-{nums['HL202']}"}
    # the two claims overlap on "cures sciatica for good"
    shared = re.search(r'data-f="([^"]+)"[^>]*>cures sciatica for good</mark>', html)
    assert shared and set(shared.group(1).split()) == {f"1-{nums['HL101']}", f"1-{nums['HL102']}"}
    assert re.search(r'class="hl cat-claim multi', html)


def test_text_reads_as_prose_not_markup():
    result = planted_result()
    html = render_run(result)
    article = html[html.index('<article'):html.index('</article>')]
    assert "---" not in article and "author: staff" not in article  # front matter is not shown
    assert "](https://deals-hub" not in article and "# Deep" not in article
    assert 'class="ah ah1" role="heading"' in article and 'class="ah ah2"' in article
    # soft-wrapped Markdown lines join with a space; paragraphs stay paragraphs
    assert "may help low back pain" in re.sub(r"<[^>]+>", "", article)
    assert article.count("<p") >= 7
    # "&" stays one character, no run of spaces is shown
    text_only = re.sub(r"<[^>]+>", "", article)
    assert "  " not in text_only.replace("\n", " ").strip()


def test_finding_in_hidden_markup_shows_as_a_chip():
    text = ('<html><body><p>Relaxing strokes ease tension.</p>'
            '<a href="https://spam.example/x" style="display:none"></a></body></html>')
    result = parsed(text, path="hidden.html", fmt="html")
    plant(result, 'href="https://spam.example/x"', "HL404", "spam", "warning", "Hidden link.")
    html = render_run(result)
    chip = re.search(r'<mark class="hl chip cat-spam"[^>]*>(.*?)</mark>', html)
    assert chip and "spam.example/x" in chip.group(1)


def test_article_level_findings_and_score():
    result = planted_result()
    whole = Finding(rule="HL501", category="document", severity="info", message="No sources are cited.",
                    start=0, end=0)
    result.findings.insert(0, whole)
    result.extra["score"] = 42
    result.extra["score_breakdown"] = [
        {"reason": "HL101 cure-claim: 1 finding (1 error, claim)", "points": -12, "rule": "HL101",
         "category": "claim", "findings": 1},
        {"reason": "HL501 unsourced: 1 finding (1 info, document)", "points": -1, "rule": "HL501",
         "category": "document", "findings": 1}]
    html = render_run(result)
    assert 'class="whole"' in html and "No sources are cited." in html
    assert re.search(r'<mark class="hl cat-document"[^>]*data-f="1-1"', html)
    assert '<span class="value">42</span>' in html
    assert '<th scope="row">HL101</th><td>cure-claim: 1 finding (1 error, claim)</td><td class="n">-12</td>' in html


def test_several_files_get_a_table_of_contents_and_errors_show():
    from healthlint.engine import FileResult

    first = planted_result()
    second = parsed("Gentle stretching may ease stiffness.\n", path="b.txt")
    broken = FileResult(path="missing.md", errors=["no such file or directory"], checked=False)
    html = render_run(first, second, broken)
    toc = html[html.index('<nav class="toc"'):html.index("</nav>")]
    for fid, label in (("file-1", "Deep Tissue Massage for Sciatica"), ("file-2", "b.txt"), ("file-3", "missing.md")):
        assert f'href="#{fid}"' in toc and label in toc and f'id="{fid}"' in html
    assert "not checked" in toc
    assert "This file could not be checked" in html and "no such file or directory" in html
    assert html.count('<section class="file"') == 3


def test_hostile_article_is_escaped():
    hostile = ('<html><head><title>Back pain <script>document.title="pwned"</script></title></head><body>'
               '<h1>Back pain relief</h1>'
               '<p>Massage cures everything.<script>window.__pwned = 1; document.title = "pwned";</script></p>'
               '<p><img src=x onerror="window.__pwned = 2"> Call us <a href="javascript:window.__pwned=3">now</a>.</p>'
               '<p>&lt;script&gt;window.__pwned = 4&lt;/script&gt; as text, and '
               '<a href=" JaVa\tScRiPt:alert(1)">tricky link</a>.</p></body></html>')
    result = parsed(hostile, path='x"><script>window.__pwned=5</script>.html', fmt="html")
    plant(result, "Massage cures everything.", "HL101", "claim", "error",
          'Cure claim <script>window.__pwned=6</script>', reference="javascript:window.__pwned=7")
    plant(result, "now", "HL404", "spam", "warning", "A javascript: link.", occurrence=1)
    html = render_run(result)
    lowered = html.lower()
    # only our own script element, and no event-handler attribute or javascript: URL anywhere
    tags = tags_of(html)
    assert [t for t, _ in tags].count("script") == 1
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href", "") for _, attrs in tags if "href" in attrs]
    assert hrefs and all(h.startswith(("#", "http://", "https://")) for h in hrefs)
    assert "javascript:window" not in "".join(hrefs).lower()
    assert "<img" not in lowered
    assert "&lt;script&gt;window.__pwned = 4&lt;/script&gt;" in html  # shown as text, escaped
    assert "Cure claim &lt;script&gt;" in html
    assert "script-src 'sha256-" in html  # CSP: only the report's own script may run


def test_safe_url():
    from healthlint.reports.html import safe_url

    assert safe_url("https://www.nih.gov/x") == "https://www.nih.gov/x"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "vbscript:x", "//evil.example/x", None, ""):
        assert safe_url(bad, relative=True) is None, bad
    assert safe_url("articles/a1.html", relative=True) == "articles/a1.html"
    assert safe_url("articles/a1.html") is None


def test_report_is_self_contained():
    html = render_run(planted_result())
    tags = tags_of(html)
    for tag, attrs in tags:
        assert "src" not in attrs, (tag, attrs)
        if tag == "link":
            pytest.fail(f"external stylesheet or resource: {attrs}")
    assert "@media print" in html and "<style>" in html
    assert html.count('tabindex="0" role="button"') >= len(PLANTED)
    assert 'aria-label="“' in html


def test_cli_writes_html(tmp_path):
    from click.testing import CliRunner

    from healthlint.cli import cli

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT_MD, encoding="utf-8")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(cli, ["check", str(draft), "--format", "html", "--output", str(out)])
    assert res.exit_code in (0, 1), res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "Deep Tissue Massage for Sciatica" in html


def test_render_article_page_back_link():
    from healthlint.reports.html import render_article_page

    result = planted_result()
    page = render_article_page(result, back_href="../index.html")
    assert 'href="../index.html"' in page and "Back to the dashboard" in page
    assert 'href="javascript' not in render_article_page(result, back_href="javascript:alert(1)")


def test_article_page_without_document_lists_findings():
    from healthlint.engine import FileResult
    from healthlint.reports.html import render_article_page

    f = Finding(rule="HL101", category="claim", severity="error", message="Cure claim.", start=10, end=20,
                excerpt="cures back pain", line=2, column=3)
    page = render_article_page(FileResult(path="cached.md", findings=[f], extra={"score": 61.25}))
    assert "not part of this report" in page and "Cure claim." in page and "“cures back pain”" in page
    assert '<span class="value">61.2</span>' in page


def test_finding_across_a_paragraph_break_is_highlighted_in_both():
    result = parsed("First para ends here.\n\nSecond para starts here.\n", path="a.md", fmt="markdown")
    plant(result, "ends here.\n\nSecond", "HL101", "claim", "error", "Spans two paragraphs.")
    html = render_run(result)
    assert marks_by_finding(html) == {"1-1": ["ends here.", "Second"]}
    assert html.count('id="f-1-1"') == 1 and html.count('class="note" href="#item-1-1"') == 1
    assert re.search(r"<p>First para <span[^>]*></span><mark[^>]*>ends here\.</mark></p>\s*<p><mark", html)


def test_article_page_of_an_audit_does_not_load_the_rules():
    """Audit pages are drawn again from cached findings without spaCy: they carry no rule docs."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from healthlint.engine import FileResult\n"
            "from healthlint.finding import Finding\n"
            "from healthlint.reports.html import render_article_page\n"
            "f = Finding('HL101', 'claim', 'error', 'A cure promised.', 0, 5, excerpt='Cures', name='cure')\n"
            "page = render_article_page(FileResult(path='a.md', findings=[f], title='A'))\n"
            "assert 'class=\"rule-docs\"' not in page and 'href=\"#rule-HL101\"' not in page and 'Copy suppression' in page\n"
            "print('LOADED' if 'spacy' in sys.modules or 'healthlint.rules' in sys.modules else 'LIGHT')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "LIGHT", run.stdout + run.stderr


def test_check_report_documents_the_rules_it_mentions():
    result = planted_result()
    html = render_run(result)
    assert 'id="rule-HL301"' in html and 'href="#rule-HL301"' in html
    from healthlint.rule import all_rules

    known = {f.rule for f in result.findings} & set(all_rules())  # HL110 is planted, not a real rule
    assert len(known) == 6 and html.count('<details class="rule-doc"') == len(known)
    assert 'id="rule-HL110"' not in html and 'href="#rule-HL110"' not in html


def test_suppression_comment_fits_where_the_finding_is():
    from healthlint.reports.html import suppression_comment

    md = planted_result()
    title = md.document.metadata["title"]
    in_front = Finding(rule="HL415", category="spam", severity="warning", message="m", start=title.start,
                       end=title.end, line=2)
    assert suppression_comment(in_front, md.document) == ("healthlint: {ignore: [HL415]}", "Add it to the front matter")
    body = next(f for f in md.findings if f.rule == "HL301")
    assert suppression_comment(body, md.document)[0] == "<!-- healthlint-disable-line HL301 -->"
    text = parsed("Shoulders\n\nA warm rock massage helps.\n")
    f = Finding(rule="HL302", category="technique", severity="info", message="m", start=13, end=30, line=3)
    assert suppression_comment(f, text.document) == ("healthlint-disable-next-line HL302",
                                                     "Paste it on its own line above line 3")
