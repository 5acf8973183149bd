"""The definitions knowledge base (rules/data/terms/*.yaml): every entry is complete, sourced and compiles."""
from __future__ import annotations

import re

import pytest

from healthlint.knowledge import load
from healthlint.rules.definitions import KINDS, build_terms, compile_pattern, concept_table

ENTRIES = load("terms")
TERMS = [e for e in ENTRIES if e.get("kind") in KINDS]
CONCEPTS = concept_table(ENTRIES)
URL = re.compile(r"^https://[\w.-]+\.[a-z]{2,}/\S*$")
ASPECTS = {"category", "system", "tissue", "location", "cause", "fact"}


def test_at_least_400_terms_of_every_kind():
    assert len(TERMS) >= 400  # issue 16: what massage and back-pain articles talk about
    kinds = {e["kind"] for e in TERMS}
    assert kinds == set(KINDS)


def test_every_entry_is_a_term_or_a_concept_with_a_unique_id():
    ids = [e.get("id") for e in ENTRIES]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(e.get("kind") in (*KINDS, "concept", "vocabulary") for e in ENTRIES)


@pytest.mark.parametrize("entry", TERMS, ids=[e["id"] for e in TERMS])
def test_term_entry_is_complete(entry):
    assert isinstance(entry["names"], list) and entry["names"], "names"
    assert all(isinstance(n, str) and n.strip() for n in entry["names"] + list(entry.get("aliases") or []))
    definition = " ".join(entry["definition"].split())
    assert 40 <= len(definition) <= 400 and definition.endswith("."), "one sentence definition"
    assert URL.match(entry["source"]), entry["source"]
    # a term states what it is either as structured facts (a profile of controlled values, checked by
    # the generic contradictions) or as prose facts with the wrong facts to check (facts.is_not ...)
    profile = {k: v for k, v in (entry.get("profile") or {}).items() if k != "source" and v}
    facts = entry.get("facts") or {}
    assert profile or facts, "a profile or facts"
    checks = list(facts.get("is_not") or []) + list(entry.get("misconceptions") or []) \
        + list(entry.get("confused_with") or []) + list(entry.get("misstatements") or [])
    if facts:
        described = [k for k in ("category", "system", "tissue", "location", "cause") if facts.get(k)]
        assert described, "facts name at least one of category/system/tissue/location/cause"
        assert checks or profile, "at least one is_not fact, misconception or confusion to check, or a profile"
    for item in facts.get("is_not") or []:
        assert item["aspect"] in ASPECTS, item
        assert item.get("where", "head") in ("genus", "head", "any"), item
    for item in checks:
        assert len(item["correction"]) > 20 and item["correction"].endswith("."), item
        if item.get("source"):
            assert URL.match(item["source"])
    assert entry.get("key"), "key features for the HL202 check"


@pytest.mark.parametrize("entry", TERMS, ids=[e["id"] for e in TERMS])
def test_patterns_compile_and_are_not_trivial(entry):
    items = list((entry.get("facts") or {}).get("is_not") or []) + list(entry.get("misconceptions") or [])
    for item in items + [{"words": entry["key"]}]:  # words (lemmas) and/or a regex pattern
        compiled = compile_pattern(item, CONCEPTS)
        assert not compiled.search(""), f"{item!r} matches the empty string"


def test_correct_definition_does_not_contradict_its_own_facts():
    """The reference definition itself must pass the checks of its head (a self-consistency check)."""
    for term in build_terms(ENTRIES):
        key = term.key
        assert key is None or key.search(term.definition), f"{term.id}: its definition names no key feature"


def test_names_are_not_shared_between_terms():
    seen: dict[str, str] = {}
    for e in TERMS:
        for name in e["names"] + list(e.get("aliases") or []):
            assert seen.setdefault(name.lower(), e["id"]) == e["id"], f"{name!r} in {seen[name.lower()]} and {e['id']}"


def test_confusions_point_at_known_terms():
    ids = {e["id"] for e in TERMS}
    for e in TERMS:
        for item in e.get("confused_with") or []:
            assert item["term"] in ids and item["term"] != e["id"]


def test_no_copied_boilerplate_from_sources():
    """Definitions are written in our own words: none is long enough to be a pasted paragraph."""
    for e in TERMS:
        assert len(e["definition"].split()) <= 60, e["id"]


@pytest.mark.parametrize("entry", TERMS, ids=[e["id"] for e in TERMS])
def test_reference_definition_passes_the_linter(linter, entry):
    """Each knowledge-base definition, linted as an article, must not be flagged as a wrong definition."""
    text = " ".join(entry["definition"].split())
    found = [f for f in linter.check_text(text, path="def.txt").findings if f.category == "definition"]
    assert found == [], [f.message for f in found]
