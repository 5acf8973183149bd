"""The technique lexicon (rules/data/techniques/*.yaml) is well-formed, sourced and unambiguous."""
import re
from collections import Counter

import pytest

from healthlint.knowledge import data_dir, load
from healthlint.rules.techniques import norm

ENTRIES = load("techniques")
TECHNIQUES = [e for e in ENTRIES if "name" in e]
GARBLES = [e for e in ENTRIES if "garble" in e]
WORD_LISTS = [e for e in ENTRIES if "words" in e]
URL = re.compile(r"^https://[\w.-]+\.[a-z]{2,}/\S*$")
ROLES = {"head", "break", "cue", "org", "descriptive", "anatomy", "place", "brand", "compound",
         "kind", "verb", "manual", "maker", "weak-head", "product"}


def test_every_file_is_one_of_the_three_kinds():
    assert len(TECHNIQUES) + len(GARBLES) + len(WORD_LISTS) == len(ENTRIES)
    files = {p.name for p in (data_dir() / "techniques").glob("*.yaml")}
    assert files >= {"descriptive.yaml", "garbles.yaml", "modalities.yaml", "strokes.yaml"}


def test_at_least_150_real_techniques():
    assert len(TECHNIQUES) >= 150


@pytest.mark.parametrize("entry", TECHNIQUES, ids=[e.get("id", "?") for e in TECHNIQUES])
def test_technique_entry_has_keys_and_a_source(entry):
    assert set(entry) >= {"id", "name", "aliases", "description", "source"}, entry
    assert isinstance(entry["aliases"], list)
    assert all(isinstance(a, str) and a.strip() for a in entry["aliases"])
    assert URL.match(entry["source"]), entry["source"]
    description = entry["description"].strip()
    assert 15 <= len(description) <= 200 and "\n" not in description


def test_ids_are_unique():
    ids = Counter(e["id"] for e in ENTRIES)
    assert [i for i, n in ids.items() if n > 1] == []


def test_no_alias_names_two_techniques():
    owner: dict[str, str] = {}
    clashes = []
    for entry in TECHNIQUES:
        for name in {norm(n) for n in [entry["name"], *entry["aliases"]]}:
            if name in owner and owner[name] != entry["id"]:
                clashes.append((name, owner[name], entry["id"]))
            owner[name] = entry["id"]
    assert clashes == []


def test_garbles_point_at_real_names_and_are_not_real_names():
    known = {norm(n) for e in TECHNIQUES for n in [e["name"], *e["aliases"]]}
    for entry in GARBLES:
        assert norm(entry["means"]) in known, entry
        assert norm(entry["garble"]) not in known, entry
    assert len({norm(e["garble"]) for e in GARBLES}) == len(GARBLES)


def test_word_lists_have_known_roles_and_single_words():
    for entry in WORD_LISTS:
        assert entry["role"] in ROLES, entry["id"]
        assert all(isinstance(w, str) and " " not in w for w in entry["words"]), entry["id"]
