"""Property-based: random text, Markdown and HTML never raise and keep every span in bounds."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from healthlint.sources import Source, SourceError, load

FRAGMENTS = st.sampled_from([
    "Massage cures sciatica permanently. ", "It may help. ", "<p>", "</p>", "<a href='http://bit.ly/x'>",
    "</a>", "<div style='display:none'>", "&amp;", "&nbsp;", "&#x41;", "&bogus;", "# ", "\n", "\n\n", "- ",
    "[link](http://a.xyz/?ref=1)", "**", "`code`", "```\n", "<!-- healthlint-disable -->", "---\n",
    "title: x\n", "인천출장마사지 ", "Report Page\n", "<script>alert(1)</script>", "<", ">", "\r\n",
])
DOCS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join)


def check_spans(linter, text: str, fmt: str):
    try:
        doc = load(Source(f"x.{fmt}", text.encode("utf-8", "surrogatepass"), format=fmt))
    except SourceError:
        return
    assert len(doc.prose) == len(doc.text)
    for link in doc.links:
        assert 0 <= link.start <= link.end <= len(doc.text)
    result = next(linter.check_documents([doc]))
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.excerpt
        assert f.line >= 1 and f.column >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCS, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_random_input_never_breaks_the_linter(linter, text, fmt):
    text = text.encode("utf-8", "ignore").decode("utf-8")
    check_spans(linter, text, fmt)
