"""Markdown read with markdown-it-py: what is prose, what is markup, and exact offsets."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from healthlint.sources import Source, load


def md(text: str):
    return load(Source("draft.md", text.encode("utf-8")))


def words(doc) -> list[str]:
    return doc.prose.split()


def test_link_url_with_parentheses_is_kept_whole():
    doc = md("Read [the overview](https://en.wikipedia.org/wiki/Sciatica_(disease)) before booking.\n")
    (link,) = doc.links
    assert link.url == "https://en.wikipedia.org/wiki/Sciatica_(disease)"
    assert doc.text[link.start:link.end] == "[the overview](https://en.wikipedia.org/wiki/Sciatica_(disease))"
    assert doc.text[link.text_start:link.text_end] == link.text == "the overview"
    assert words(doc) == ["Read", "the", "overview", "before", "booking."]


def test_intraword_underscores_are_not_emphasis():
    doc = md("Set the clinic_booking_code field, then *stretch* gently.\n")
    assert "clinic_booking_code" in doc.prose
    assert [(m.kind, doc.text[m.start:m.end]) for m in doc.markup] == [("em", "stretch")]


def test_indented_and_fenced_code_are_never_prose():
    doc = md("Warm up first.\n\n    massage cures every disease\n\n```text\nmassage detoxes the liver\n```\n\n"
             "~~~\nrub the kidneys\n~~~\n\nThen rest.\n")
    assert words(doc) == ["Warm", "up", "first.", "Then", "rest."]


def test_byline_with_pipes_is_not_a_table():
    byline = "Maria Lindqvist, LMT | reviewed by Dr. Jonas Berg | 3 May 2024"
    doc = md(f"# Stretching after work\n\n{byline}\n\nStretch slowly.\n")
    start = doc.text.index(byline)
    assert doc.prose[start:start + len(byline)] == byline


def test_real_table_cells_are_separate_blocks_and_the_rule_row_is_blank():
    doc = md("| Technique | Pressure |\n|---|:---:|\n| Swedish | light |\n")
    assert "---" not in doc.prose and "|" not in doc.prose
    cells = [line.strip() for line in doc.prose.split("\n") if line.strip()]
    assert cells == ["Technique", "Pressure", "Swedish", "light"]


def test_list_items_are_blocks_with_their_markers_recorded():
    doc = md("Try these:\n\n- roll the shoulders\n- breathe out slowly\n\n3. sit up\n4. stand\n")
    items = [(m.label, doc.text[m.start:m.end]) for m in doc.markup if m.kind == "li"]
    assert items == [("\u2022", "- roll the shoulders"), ("\u2022", "- breathe out slowly"),
                     ("3.", "3. sit up"), ("4.", "4. stand")]
    roll = doc.text.index("roll")
    assert "\n" in doc.prose[doc.text.index("- roll"):roll]  # each item starts a new block
    assert "-" not in doc.prose and "3." not in doc.prose


def test_bold_and_strikethrough_spans():
    doc = md("This is **very** important and ~~wrong~~ right.\n")
    spans = {m.kind: doc.text[m.start:m.end] for m in doc.markup}
    assert spans == {"strong": "very", "del": "wrong"}
    assert "*" not in doc.prose and "~" not in doc.prose


def test_escapes_and_entities_keep_offsets():
    doc = md("Pain \\*may\\* ease &amp; fade.\n")
    assert len(doc.prose) == len(doc.text)
    star = doc.text.index("*")
    assert doc.prose[star] == "*" and doc.prose[star - 1] == " "  # the backslash is markup
    amp = doc.text.index("&amp;")
    assert doc.prose[amp:amp + 5] == "&    "


def test_front_matter_footnotes_and_reference_links():
    doc = md("---\ntitle: Neck care\nauthor: Ana Reyes\n---\n\nRest the neck[^1] and read [the guide][nhs].\n\n"
             "[^1]: Two days is usually enough.\n\n[nhs]: https://www.nhs.uk/conditions/neck-pain/\n")
    assert doc.metadata["title"].value == "Neck care"
    assert doc.text[doc.metadata["author"].start:doc.metadata["author"].end] == "Ana Reyes"
    assert "title" not in doc.prose and "[^1]" not in doc.prose and "nhs.uk" not in doc.prose
    assert "Two days is usually enough." in doc.prose
    (link,) = [l for l in doc.links if l.kind == "markdown"]
    assert link.url == "https://www.nhs.uk/conditions/neck-pain/" and link.text == "the guide"


def test_headings_setext_and_atx():
    doc = md("Neck care\n=========\n\n## Why it *hurts* ##\n\nBody text.\n")
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Neck care"), (2, "Why it *hurts*")]
    for h in doc.headings:
        assert doc.text[h.start:h.end] == h.text
    assert "=" not in doc.prose and "#" not in doc.prose


def test_html_in_markdown_hidden_links_and_comments():
    doc = md("Stretch daily <span style=\"display:none\">cheap pills</span> and rest.\n\n"
             "<div>\n<a href=\"https://spam.example/\" style=\"display:none\">buy now</a>\n</div>\n\n"
             "Walk more. <!-- healthlint-disable-line HL405 -->\n")
    assert "cheap pills" not in doc.prose and "buy now" not in doc.prose
    assert any(l.hidden and l.url == "https://spam.example/" for l in doc.links)
    (comment,) = doc.comments
    assert doc.text[comment[0]:comment[1]] == "<!-- healthlint-disable-line HL405 -->"
    assert "healthlint" not in doc.prose


def test_blockquote_and_crlf():
    doc = md("> Quoted advice\r\n> continues here\r\n\r\nPlain text.\r\n")
    assert words(doc) == ["Quoted", "advice", "continues", "here", "Plain", "text."]
    assert ">" not in doc.prose


def test_bare_url_is_a_link_but_not_inside_code():
    doc = md("See https://www.nhs.uk/conditions/back-pain/ and `https://not.a.link/`.\n")
    assert [l.url for l in doc.links] == ["https://www.nhs.uk/conditions/back-pain/"]


MARKDOWN_BITS = st.sampled_from([
    "# Heading\n", "text with **bold** and *em*", "[a link](https://x.example/(a)) ", "`code`", "\n\n",
    "- item\n", "1. first\n", "> quote\n", "    indented code\n", "```\nfence\n```\n", "&amp; &nbsp; ",
    "\\*escaped\\* ", "| a | b |\n|---|---|\n| c | d |\n", "<b>html</b> ", "<!-- c -->", "snake_case ",
    "word[^1] ", "[^1]: note\n", "\r\n", "\t", "![img](x.png) ", "<https://auto.example> ", "~~del~~ ",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=20))
def test_prose_keeps_length_and_only_reveals_raw_characters(bits):
    text = "".join(bits) or "x"
    if not text.strip():
        text += "x"
    doc = md(text)
    assert len(doc.prose) == len(doc.text)
    for i, ch in enumerate(doc.prose):
        if ch not in " \n":
            assert ch == doc.text[i] or doc.text[i] == "&", (i, ch, text)  # an entity shows decoded
    for link in doc.links:
        assert 0 <= link.start <= link.text_start <= link.text_end <= link.end <= len(text)
