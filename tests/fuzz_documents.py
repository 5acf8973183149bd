"""Hypothesis strategies for hostile-but-plausible articles, and the properties every run must keep.

Shared by ``tests/test_fuzz.py`` (a short run in the suite) and ``benchmarks/fuzz.py`` (10,000+ cases).
A case is an article as an attacker or a careless CMS would write it: real-looking health sentences,
markup of its format (some of it broken), spam fragments, odd Unicode and line breaks, and now and
then a long run of something (spaces, a blanked script) where backtracking would hurt.
"""
from __future__ import annotations

import json

from hypothesis import strategies as st

from healthlint import lines
from healthlint.sources import Source, SourceError, load

SENTENCES = [
    "Massage therapy may ease tension in the neck and shoulders for a while.",
    "Deep tissue work cures sciatica permanently and flushes toxins from the muscles.",
    "Sciatica is pain along the sciatic nerve, which runs from the lower back down each leg.",
    "Our therapists use hot stones, cupping and a gentle stretch called the Meridian Glide.",
    "Clinically proven to relieve back pain in just three sessions!",
    "It is a myth that massage breaks up lactic acid; there is no good evidence for it.",
    "See a doctor if you have numbness in the groin or lose control of your bladder.",
    "A small trial (Lee 2019) found short-term relief for some people with low back pain.",
    "Stop taking your blood pressure pills once you feel better after a few treatments.",
    "By Hannah Reyes | Updated 2 May 2024",
    "Fibromyalgia is a long-term condition that causes pain all over the body.",
    "You don't need to see a doctor for back pain, a massage is all it takes.",
]
SPAM = [
    "인천출장마사지 ", "출장안마 24시간 예약 ", "카톡 ID: spa2024 ", "Share on WhatsApp ", "WhatsApp +82 10 1234 5678 ",
    "best massage near me cheap spa deals 2024 ", "Report Page\n", "Read more »\n", "Continue reading ...\n",
    "Tags: massage, cheap massage, 出張マッサージ\n", "© 2024 spa-deals.xyz All rights reserved.\n",
    "slot gacor maxwin ", "Telegram @massagevip ", "Your email address will not be published.\n",
]
UNICODE = ["\u00a0", "\ufeff", "\u200b", "\u202e", "\u2066", "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07",
           "\x1b[2J", "\x00", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\t", "e\u0301", "😀", "ﬁ", "İ", "ß", "\uffff",
           "\U0001d400", "\u0600", "中文", "Ωμέγα", "עברית", "\x7f", "\x9b"]
MARKDOWN = ["# ", "## Myths\n", "---\n", "---\ntitle: x\n---\n", "---\nhealthlint: {ignore: [HL1]}\n---\n", "* ", "- ", "1. ",
            "**", "_", "`", "```\n", "~~~\n", "> ", "[a](http://bit.ly/x)", "[b][1]", "\n[1]: http://x.example\n",
            "<https://doi.org/10.1/x>", "![img](x.png)", "| a | b |\n|---|---|\n", "<!-- healthlint-disable -->",
            "<!-- healthlint-enable HL1 -->", "<!-- healthlint-disable-next-line HL405 -->\n", "&amp;", "&#x41;", "\\",
            "===\n", "<a href='x' style='display:none'>", "</a>", "&bogus;", "---\nx: &a [*a, *a]\ny: *a\n---\n"]
HTML = ["<p>", "</p>", "<div>", "</div>", "<h2>", "</h2>", "<br>", "<a href='http://bit.ly/x' rel='nofollow'>", "</a>",
        "<div style='display:none'>", "<span style='font-size:0'>", "</span>", "<script>alert(1)</script>",
        "<style>p{}</style>", "<!-- c -->", "<!--", "-->", "<![CDATA[x]]>", "<![x]>", "<![ 1>", "<!x>", "<?php ?>",
        "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>", "&amp;", "&nbsp;", "&#0;", "&#x110000;",
        "&", "<", ">", "</", "<a b='", "\"", "<title>T</title>", "<meta name='author' content='Kim'>", "<table><tr><td>",
        "<svg><text>hidden</text></svg>", "<noscript>", "<template>", "</body>", "<html>", "<!DOCTYPE html>"]


def _runs(piece: str) -> st.SearchStrategy[str]:
    """Now and then a long run: where a backtracking pattern or a quadratic loop would show."""
    return st.integers(min_value=50, max_value=1500).map(lambda n: piece * n)


def fragments(markup: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SENTENCES).map(lambda s: s + " "),
        st.sampled_from(SPAM), st.sampled_from(UNICODE), st.sampled_from(markup),
        st.sampled_from(["\n", "\n\n", " ", ". ", ", ", ": "]),
        st.text(max_size=12),
        st.sampled_from([" ", "\n", "a", "<", "-", "*", "&", ". "]).flatmap(_runs),
    )


TEXT = ["- ", "* ", "1. ", "• ", "healthlint-disable-next-line HL405\n", "healthlint-disable\n", "healthlint-enable HL4\n",
        "http://bit.ly/x ", "www.spa-deals.xyz ", "https://doi.org/10.1002/x ", "Massage Tips\n"]
FORMATS = {"text": TEXT, "markdown": MARKDOWN, "html": HTML}
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}


@st.composite
def documents(draw) -> tuple[str, str]:
    """(format, text) of one article."""
    fmt = draw(st.sampled_from(sorted(FORMATS)))
    parts = draw(st.lists(fragments(FORMATS[fmt]), max_size=40))
    return fmt, "".join(parts)


def encode(text: str) -> bytes:
    """The file's bytes (a lone surrogate from st.text cannot be stored: replaced, as an editor would)."""
    return text.encode("utf-8", "replace")


def check_case(linter, fmt: str, text: str) -> list[str]:
    """Run one article through reading, the linter and every report; return the broken properties."""
    from healthlint.engine import RunResult
    from healthlint.reports import FORMATS as REPORTS, render
    from healthlint.rule import all_rules

    problems: list[str] = []
    data = encode(text)
    try:
        doc = load(Source(f"case{SUFFIX[fmt]}", data, format=fmt))
    except SourceError as exc:
        if not exc.message or "\n" in exc.message:
            problems.append(f"unclear read error {exc.message!r}")
        return problems
    raw = doc.text
    if len(doc.prose) != len(raw):
        problems.append("prose and text differ in length")
    result = next(linter.check_documents([doc]))
    starts = lines.line_starts(raw)
    for f in result.findings:
        if not (0 <= f.start <= f.end <= len(raw)) or raw[f.start:f.end] != f.excerpt:
            problems.append(f"{f.rule}: span {f.start}-{f.end} does not match its excerpt")
        elif starts[f.line - 1] + f.column - 1 != f.start:
            problems.append(f"{f.rule}: line {f.line}:{f.column} is not offset {f.start}")
    for message in result.errors:
        if message.startswith(("internal error", "time budget")):
            problems.append(message)
    run = RunResult(files=[result], rules=all_rules(), settings=linter.settings)
    for name in REPORTS:
        report = render(name, run, color=False, statistics=True)
        if name == "text" and ("\x1b" in report or "\x9b" in report):
            problems.append("a terminal escape reached the text report")
        if name in ("json", "sarif"):
            json.loads(report)
        if name == "html" and "<script>alert(1)" in report:
            problems.append("article script in the HTML report")
    return problems
