"""Dates as bylines write them (rules/_dates.py), over the lexicon's month and numeric-date lists."""
from __future__ import annotations

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.rules._dates import dates_in
from healthlint.structure import structure_of


@pytest.fixture(scope="module")
def structure():
    linter = Linter(Settings(select=["HL503"]))

    def of(text: str):
        return structure_of(linter.check_text(text, path="a.txt").document)
    return of


@pytest.mark.parametrize("text,date", [
    ("Updated 3 March 2024 by the editors.", "3 March 2024"),
    ("Posted May 2, 2024.", "May 2, 2024"),
    ("Posted on Jan. 12, 2024.", "Jan. 12, 2024"),
    ("Reviewed 21st June 2023.", "21st June 2023"),
    ("Last reviewed April 2024.", "April 2024"),
    ("Published 2024-03-01.", "2024-03-01"),
    ("Published 12/06/2024.", "12/06/2024"),
    ("Published 12.06.2024.", "12.06.2024"),
])
def test_dates_are_found_whole(structure, text, date):
    st = structure(text)
    sdoc = st.doc.spacy
    spans = dates_in(st, 0, len(sdoc))
    assert [sdoc[a:b].text for a, b in spans] == [date]


@pytest.mark.parametrize("text", [
    "You may feel 2 or 3 sessions later that it helps.",
    "March 40 steps before you stretch.",
    "Book 12 sessions in May.",
    "In May 1850 nothing was known about it.",
])
def test_other_numbers_and_may_are_not_dates(structure, text):
    st = structure(text)
    assert dates_in(st, 0, len(st.doc.spacy)) == []
