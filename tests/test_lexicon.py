"""The lexicon (linter/lexicon.py): word lists from the data, matched once per Doc on lemmas or forms."""
from __future__ import annotations

import pytest

from healthlint.knowledge import KnowledgeError
from healthlint.lexicon import is_abbreviation, word_lists
from healthlint.pipeline import build


def spans(nlp, text: str) -> dict[str, list[str]]:
    doc = nlp(text)
    return {key[3:]: [s.text for s in doc.spans[key]] for key in doc.spans if key.startswith("hl:")}


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "words.yaml").write_text("""\
kind: lexicon
lists:
  - id: t-cure
    terms: [cure, herniated disc, flush out]
  - id: t-exact
    match: lower
    terms: [the best]
  - id: t-abbr
    terms: [TMJ, MET]
  - id: t-footnote
    patterns:
      - [{ORTH: "["}, {IS_DIGIT: true}, {ORTH: "]"}]
  - id: bodywork
    terms: [zorbing massage]
""", encoding="utf-8")
    return build(None, (str(folder),))


def test_a_lemma_list_matches_every_inflection_and_case(nlp):
    found = spans(nlp, "Massage Cures it, curing them; it cured two Herniated Discs and flushes out waste.")
    assert found["t-cure"] == ["Cures", "curing", "cured", "Herniated Discs", "flushes out"]


def test_a_lower_list_matches_exact_words_only(nlp):
    found = spans(nlp, "It is The Best. It is good. It is better.")
    assert found["t-exact"] == ["The Best"]


def test_an_abbreviation_is_matched_as_written(nlp):
    assert is_abbreviation("TMJ") and is_abbreviation("ME/CFS") and not is_abbreviation("Tui Na")
    found = spans(nlp, "We met at the meeting about TMJ pain and MET.")
    assert found["t-abbr"] == ["TMJ", "MET"]


def test_token_patterns_and_publisher_additions(nlp):
    found = spans(nlp, "See the review [3] about zorbing massage.")
    assert found["t-footnote"] == ["[3]"]
    assert "zorbing massage" in found["bodywork"]  # a publisher's terms join the packaged list of that id


def test_lemma_corrections_keep_the_words_rules_tell_apart(nlp):
    doc = nlp("It does not hurt, it could help; better, best, lower, liver, could.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["does"] == "do" and lemmas["could"] == "could" and lemmas["better"] == "better"
    assert lemmas["lower"] == "lower" and lemmas["liver"] == "liver"


def test_a_word_the_table_lacks_gets_its_regular_lemma(nlp):
    doc = nlp("Reflexology unblocks and unclogs channels.")
    assert [t.lemma_ for t in doc][1] == "unblock"  # "unblock" is a term of the packaged lists


def test_a_bare_no_in_yaml_is_refused_with_the_file_named(tmp_path):
    (tmp_path / "bad.yaml").write_text("kind: lexicon\nlists:\n  - id: t-neg\n    terms: [not, no, never]\n",
                                       encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad.yaml.*t-neg.*quote"):
        word_lists((str(tmp_path),))


def test_collected_names_come_from_their_own_data_file():
    lists = word_lists()
    assert "sciatica" in lists["condition"].terms  # from the terms knowledge base, not repeated in health.yaml
    assert "Swedish massage" in lists["bodywork"].terms  # from the technique lexicon


def test_list_ids_are_defined_once_in_the_packaged_data():
    from healthlint.knowledge import documents

    seen: dict[str, str] = {}
    for path, data in documents("lexicon"):
        for item in data.get("lists") or []:
            assert item["id"] not in seen, f"{item['id']} is defined in {seen.get(item['id'])} and {path}"
            seen[item["id"]] = str(path)
            # a word list says how words are used (docs/knowledge.md): its why is required, a source optional
            assert item.get("why"), (path.name, item["id"])
            assert "source" not in item or str(item["source"]).startswith("https://"), (path.name, item["id"])


def test_no_term_is_stored_twice_in_one_list():
    """A term is written once per list, and never again where the list already collects it."""
    from healthlint.knowledge import documents
    from healthlint.lexicon import _collected, _combined

    for path, data in documents("lexicon"):
        for item in data.get("lists") or []:
            case = (lambda t: t) if item.get("match") == "orth" else str.lower  # orth lists keep case apart
            terms = [case(t) for t in item.get("terms") or []] + [case(t) for t in _combined(item.get("combine") or [], "")]
            collected = {case(t) for t in _collected(item.get("collect") or [], (), "")}
            dupes = sorted({t for t in terms if terms.count(t) > 1} | (set(terms) & collected))
            assert not dupes, (path.name, item["id"], dupes)


def test_a_list_includes_the_terms_of_other_lists(tmp_path):
    (tmp_path / "inc.yaml").write_text("kind: lexicon\nlists:\n  - id: t-broad\n    why: test\n    include: [t-narrow]\n"
                                      "    terms: [gout]\n  - id: t-narrow\n    why: test\n    terms: [lupus, eczema]\n",
                                      encoding="utf-8")
    nlp = build(None, (str(tmp_path),))
    assert spans(nlp, "Gout, lupus and eczema.")["t-broad"] == ["Gout", "lupus", "eczema"]
    assert word_lists((str(tmp_path),))["t-narrow"].terms == ["lupus", "eczema"]


def test_an_include_cycle_or_an_unknown_list_is_an_error_naming_the_list(tmp_path):
    (tmp_path / "a.yaml").write_text("kind: lexicon\nlists:\n  - id: t-a\n    why: test\n    include: [t-b]\n"
                                    "  - id: t-b\n    why: test\n    include: [t-a]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="include makes a cycle"):
        word_lists((str(tmp_path),))
    other = tmp_path / "other"  # a new folder: data files are read once per process
    other.mkdir()
    (other / "a.yaml").write_text("kind: lexicon\nlists:\n  - id: t-a\n    why: test\n    include: [t-nowhere]\n",
                                  encoding="utf-8")
    with pytest.raises(KnowledgeError, match="includes an unknown list 't-nowhere'"):
        word_lists((str(other),))


def test_massage_strokes_are_not_the_disease_but_a_stroke_is():
    nlp = build(None, ())
    assert "disease" not in spans(nlp, "The therapist applies long massage strokes to the back.")
    assert spans(nlp, "Gentle massage is often offered after a stroke.")["disease"] == ["a stroke"]
