"""The shared red flags (rules/data/shared/red_flags.yaml): NHS urgency, NHS pages, each symptom stored once."""
from __future__ import annotations

import re

import pytest

from healthlint.knowledge import documents, load
from healthlint.lexicon import word_lists
from healthlint.pipeline import build

ENTRIES = [e for e in load("shared/red_flags") if isinstance(e, dict)]
NHS_PAGE = re.compile(r"^https://www\.nhs\.uk/conditions/[a-z0-9-]+/$")
NHS_ACTION = {  # the NHS's own words for each urgency
    "emergency": re.compile(r"^(?:call 999 or go to A&E|go to A&E or call 999|call 999)$"),  # chest pain page: call 999
    "urgent": re.compile(r"^ask for an urgent GP appointment or (?:call 111|get help from NHS 111)$"),
    "gp": re.compile(r"^see a GP$"),
}


def labels_of(text: str) -> set[str]:
    doc = build()(text)
    return {key[3:] for key in doc.spans if key.startswith("hl:") and len(doc.spans[key])}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_entry_gives_the_nhs_action_for_its_urgency_and_its_nhs_page(entry):
    assert entry["urgency"] in NHS_ACTION
    assert NHS_ACTION[entry["urgency"]].match(entry["advice"]), entry["advice"]
    assert NHS_PAGE.match(entry["source"]), entry["source"]
    assert entry["wording"].strip()


@pytest.mark.parametrize("sign", [
    "loss of bladder or bowel control", "numbness around the genitals", "weakness in both legs",
    "numbness in both legs", "chest pain", "sciatica on both sides"])
def test_the_nhs_emergency_signs_are_emergencies_not_urgent_or_gp_advice(sign):
    """The NHS says call 999 or go to A&E for these (back pain and sciatica pages), not "get medical advice"."""
    labels = labels_of(f"Get help if you have {sign}.")
    assert "red-flag-emergency" in labels and "red-flag-urgent" not in labels


@pytest.mark.parametrize("sign", ["a high temperature", "weight loss without trying", "a swollen calf",
                                  "double vision"])
def test_urgent_signs_are_urgent(sign):
    labels = labels_of(f"Get help if you have {sign}.")
    assert "red-flag-urgent" in labels and "red-flag-emergency" not in labels


def test_each_symptom_is_written_once():
    terms = [t for e in ENTRIES for t in e.get("terms") or []]
    assert len(terms) == len(set(terms))
    lists = word_lists()
    emergency, urgent = set(lists["red-flag-emergency"].terms), set(lists["red-flag-urgent"].terms)
    assert emergency and urgent and not emergency & urgent


def test_red_flags_live_only_in_the_shared_file():
    """health.yaml and the article family keep no red flags; `red-flag` (any urgency) collects the urgency lists."""
    homes = {item["id"]: path.name for path, data in documents("lexicon") for item in data.get("lists") or []}
    assert {homes[i] for i in ("red-flag", "red-flag-emergency", "red-flag-urgent")} == {"red_flags.yaml"}
    assert load("article/red_flags") == []
    lists = word_lists()
    assert set(lists["red-flag-emergency"].terms) | set(lists["red-flag-urgent"].terms) <= set(lists["red-flag"].terms)
