"""Page residue and URL dumps (rules/_spam_residue.py): judged by line shape, on sentences written for these tests."""
from __future__ import annotations

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter

BODY = ("Calf stretches after a long walk can ease tightness, and a warm shower helps the muscles relax. "
        "Most soreness settles within two days without any treatment.")


@pytest.fixture(scope="module")
def hl405():
    return Linter(Settings(select=["HL4"]))


def found(linter, text, fmt="text"):
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    return [(f.rule, f.excerpt) for f in linter.check_text(text, path=f"page.{suffix}", fmt=fmt).findings]


@pytest.mark.parametrize("line", [
    "Share on LinkedIn Share on WhatsApp",
    "Facebook Twitter Email Print",
    "Leave a comment",
    "Recent Posts",
    "41 views 3 comments",
    "Skip to content",
    "Sign up for our newsletter",
    "Unsubscribe | Update your preferences",
    "Follow us on Facebook",
    "Advertisement",
])
def test_a_short_line_of_furniture_words_is_residue(hl405, line):
    assert found(hl405, f"{BODY}\n\n{line}\n\nGentle walking helps too.") == [("HL405", line)]


@pytest.mark.parametrize("sentence", [
    "You can share on Facebook what worked for you, but ask your physiotherapist first about any new exercise.",
    "We read more about calf strain in a review, and it agreed that rest and gentle stretching come first.",
    "Leave a comment for your therapist in the booking form if you have had surgery on that leg.",
])
def test_furniture_words_inside_a_sentence_are_prose(hl405, sentence):
    assert found(hl405, f"{BODY}\n\n{sentence}") == []


def test_a_weak_line_counts_only_next_to_a_residue_line(hl405):
    assert found(hl405, f"Home\n\n{BODY}") == []
    result = found(hl405, f"Home\nContact us\nShopping Cart\n\n{BODY}")
    assert result == [("HL405", "Home\nContact us\nShopping Cart")]


def test_a_table_of_contents_is_not_residue(hl405):
    assert found(hl405, f"This page covers:\n\nCauses\n\nSymptoms\n\nTreatment\n\n{BODY}") == []


def test_teaser_line_needs_a_site_that_is_not_reputable(hl405):
    assert found(hl405, f"{BODY}\n\nRead on www.calf-care-digest.example.com") == [
        ("HL405", "Read on www.calf-care-digest.example.com")]
    assert found(hl405, f"{BODY}\n\nRead more at https://www.nhs.uk/conditions/calf-strain/") == []


def test_image_credit_lines(hl405):
    assert found(hl405, f"{BODY}\n\nPhoto by Tomas Berg on Pexels\n\nRest.") == [("HL405", "Photo by Tomas Berg on Pexels")]
    assert found(hl405, f"{BODY}\n\nMaria Lind/Getty Images\n\nRest.") == [("HL405", "Maria Lind/Getty Images")]


def test_inline_button_label_and_bracket_teaser(hl405):
    assert found(hl405, f"A runner stretching a calf.Share on Pinterest\n{BODY}") == [("HL405", "Share on Pinterest")]
    text = f"{BODY} (Related: How to choose running shoes) Walking is fine."
    assert found(hl405, text) == [("HL405", "(Related: How to choose running shoes)")]


def test_comment_form_notes(hl405):
    text = f"{BODY}\n\nYour email address will not be published. Required fields are marked *"
    assert [r for r, _ in found(hl405, text)] == ["HL405"]


def test_live_links_of_the_sites_own_menu_and_follow_row_are_not_residue(hl405):
    html = (f"<html><body><nav><a href=\"/\">Home</a> <a href=\"/cart\">Cart</a></nav><p>{BODY}</p>"
            "<p><a href=\"https://www.facebook.com/clinic\">Facebook</a> <a href=\"https://x.com/clinic\">X</a></p>"
            "</body></html>")
    assert found(hl405, html, "html") == []


def test_another_sites_copyright_footer_but_not_the_publishers_own(hl405):
    assert [r for r, _ in found(hl405, f"{BODY}\n\n© 2022 calf-relief-hub.example.com All rights reserved.")] == ["HL405"]
    assert found(hl405, f"{BODY}\n\n© 2022 Northside Sports Clinic. All rights reserved.") == []


def test_url_dump_line_and_the_url_lines_of_the_same_page(hl405):
    dump = "www.example.org/calf-pain www.example.com/calf?id=3 www.example.net/stretch/calf-tips Calf8.2 Pain3.1"
    tail = "www.example.org/running-injur"
    result = found(hl405, f"{BODY}\n{dump}\n{BODY}\n{tail}\n")
    assert result == [("HL410", dump), ("HL410", tail)]


def test_a_reference_list_is_not_a_dump(hl405):
    text = f"{BODY}\n\nReferences\nhttps://www.nhs.uk/conditions/calf-strain/\nhttps://medlineplus.gov/sprainsandstrains.html\n"
    assert found(hl405, text) == []
