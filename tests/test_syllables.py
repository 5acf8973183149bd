"""The syllable counter and the Flesch-Kincaid grade (rules/_syllables.py)."""
from __future__ import annotations

import pytest

from healthlint.rules._syllables import grade, syllables


@pytest.mark.parametrize("word,count", [
    ("massage", 2), ("therapy", 3), ("muscles", 2), ("stretched", 1), ("relieved", 2), ("stones", 1),
    ("fibromyalgia", 5), ("sciatica", 4), ("inflammation", 4), ("usually", 4), ("tissue", 2), ("people", 2),
    ("headache", 2), ("experience", 4), ("yoga", 2), ("massages", 3), ("the", 1), ("anxiety", 4), ("treated", 2),
    ("Gentle", 2), ("knee's", 1), ("", 0), ("42", 0),
])
def test_syllables_of_common_health_words(word, count):
    assert syllables(word) == count


def test_grade_is_flesch_kincaid():
    assert grade(100, 5, 150) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert grade(0, 0, 0) == 0.0
