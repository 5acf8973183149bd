"""Dates as bylines write them: "3 March 2024", "May 2, 2024", "Jan. 12, 2024", "April 2024", "2024-03-01".

Month names and abbreviations are a lexicon list (``month`` in ``rules/data/article/lexicon.yaml``,
matched as written); this module joins a month to the day and year around it, and reads
dates in figures from token shapes. It is run on a few byline lines, not on whole articles.
"""
from __future__ import annotations

from healthlint.structure import Structure

FIRST_YEAR, LAST_YEAR = 1900, 2099
ORDINAL_SHAPES = ("dxx", "ddxx")  # "3rd", "21st"
# one-token dates in figures: 12/06/2024, 1.6.2024, 2024/06/12 (the tokenizer keeps them whole)
NUMERIC_SHAPES = frozenset(f"{a}{sep}{b}{sep}dddd" for a in ("d", "dd") for b in ("d", "dd") for sep in "/.") \
    | {"dddd/dd/dd"}
DAY_OR_MONTH_SHAPES = ("d", "dd")


def is_day(token) -> bool:
    """1-31, written as a number or an ordinal ("3", "03", "3rd", "21st")."""
    text = token.text
    if token.shape_ in ORDINAL_SHAPES:
        text = text[:-2]
    elif not token.is_digit:
        return False
    return text.isdigit() and 1 <= int(text) <= 31


def is_year(token) -> bool:
    return token.is_digit and len(token.text) == 4 and FIRST_YEAR <= int(token.text) <= LAST_YEAR


def dates_in(st: Structure, tok_start: int, tok_end: int) -> list[tuple[int, int]]:
    """Token spans of the dates in ``[tok_start, tok_end)``: a month with its year (and day), or a date in figures."""
    sdoc = st.doc.spacy
    found = set()
    for i in range(tok_start, tok_end):
        shape = sdoc[i].shape_
        if shape in NUMERIC_SHAPES:
            found.add((i, i + 1))
        elif shape == "dddd" and i + 5 <= tok_end and is_year(sdoc[i]) and sdoc[i + 1].text == sdoc[i + 3].text == "-" \
                and sdoc[i + 2].shape_ in DAY_OR_MONTH_SHAPES and sdoc[i + 4].shape_ in DAY_OR_MONTH_SHAPES:
            found.add((i, i + 5))  # 2024-03-01 (the tokenizer splits it at the hyphens)
    for atom in st.atoms_in(tok_start, tok_end):
        if atom.label == "month":
            start, i = atom.start, atom.end
            if start > tok_start and is_day(sdoc[start - 1]):
                start -= 1  # "3 March 2024"
            elif i < tok_end and is_day(sdoc[i]):
                i += 1  # "March 3, 2024"
            if i < tok_end and sdoc[i].text == ",":
                i += 1
            if i < tok_end and is_year(sdoc[i]):
                found.add((start, i + 1))
    return sorted(found)
