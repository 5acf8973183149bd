"""HL505 repeated-list-item (rules/article_repeated_list_item.py): a list that names an item twice."""
from __future__ import annotations

import pytest

from tests.conftest import article_findings


def test_the_repeated_item_is_flagged_at_the_copy(article_linter):
    text = "Trigger point massage is ideal for those suffering from chronic pain, fibromyalgia and chronic pain."
    found = article_findings(article_linter, "HL505", text)
    assert len(found) == 1
    assert (found[0].start, found[0].end) == (text.rindex("chronic pain"), text.rindex("chronic pain") + 12)
    assert '"chronic pain" twice' in found[0].message


def test_a_repeat_among_later_items_and_a_last_item_that_runs_on(article_linter):
    text = "Tell your therapist about diabetes, pregnancy, blood clots, or pregnancy before the session."
    found = article_findings(article_linter, "HL505", text)
    assert len(found) == 1 and found[0].start == text.rindex("pregnancy")
    assert text[found[0].start:found[0].end] == "pregnancy"


@pytest.mark.parametrize("text", [
    "The pain got more and more intense.",
    "It may ease pain in the neck, pain in the back and pain in the legs.",
    "Massage may help some people with chronic pain, fibromyalgia or tension headaches.",
    "Sessions run on 2, 4 and 2 May.",
    "As the season goes on, more and more runners book a session, and fewer and fewer skip the cool-down.",
    "Each group took 10 milligrams, 20 milligrams or 40 milligrams of the supplement.",
    "Warm the oils for the back, neck, and shoulders first, followed by a short rest, then the back, neck, "
    "and shoulders again.",
    "The therapist said: \"Stretch anywhere, at home, at work, anywhere.\"",
    "Gentle massage may suit older adults, adults and teenagers who play contact sports, and adults who sit all day.",
    "It aches in the lower back, the neck, the shoulders and the back of the head.",
])
def test_idioms_numbers_quotes_and_separate_lists_pass(article_linter, text):
    assert not article_findings(article_linter, "HL505", text)
