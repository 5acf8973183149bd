"""The technique knowledge (rules/data/techniques/*.yaml) is well-formed, sourced and unambiguous."""
import re
from collections import Counter

import pytest

from healthlint.knowledge import data_dir, documents, load
from healthlint.lexicon import word_lists
from healthlint.rules._technique_knowledge import knowledge, norm

ENTRIES = [e for e in load("techniques") if isinstance(e, dict)]
TECHNIQUES = [e for e in ENTRIES if "name" in e]
GARBLES = [e for e in ENTRIES if "garble" in e]
URL = re.compile(r"^https://[\w.-]+\.[a-z]{2,}/\S*$")


def test_every_entry_is_a_technique_or_a_garble():
    assert len(TECHNIQUES) + len(GARBLES) == len(ENTRIES)
    files = {p.name for p in (data_dir() / "techniques").glob("*.yaml")}
    assert files >= {"garbles.yaml", "modalities.yaml", "methods.yaml", "strokes.yaml", "practices.yaml",
                     "lexicon.yaml", "morphology.yaml"}


def test_at_least_250_real_techniques():
    assert len(TECHNIQUES) >= 250


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


def test_every_garble_is_matched_by_the_lexicon():
    terms = {t.lower() for t in word_lists()["technique-garble"].terms}
    assert {e["garble"].lower() for e in GARBLES} <= terms
    assert set(knowledge().garbles) == {" ".join(e["garble"].lower().split()) for e in GARBLES}


def test_every_modality_counts_as_bodywork_for_the_other_families():
    bodywork = {t.lower() for t in word_lists()["bodywork"].terms}
    modalities = load("techniques/modalities")
    assert all(e["name"].lower() in bodywork for e in modalities)


def test_the_family_word_lists_are_lexicon_lists_and_single_purpose():
    lists = {k: v for k, v in word_lists().items() if k.startswith("technique-")}
    assert len(lists) >= 30
    for wl in lists.values():
        assert wl.terms or wl.patterns, wl.id
        assert len(set(wl.terms)) == len(wl.terms), wl.id  # no term twice in one list


def test_the_morphology_is_data():
    [(_path, data)] = documents("technique-morphology")
    m = knowledge().morphology
    assert "ation" in m.latinate and "neuro" in m.combining and "ity" in m.noun_endings
    assert m.latinate.index("ation") < m.latinate.index("ion")  # longest ending first
    assert set(data) >= {"adjective-endings", "latinate-endings", "prefixes", "combining-forms", "noun-endings"}
