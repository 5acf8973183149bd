"""The article as rules read it (linter/structure.py): sentences, headings, paragraphs, clauses, atoms."""
from __future__ import annotations

from healthlint.structure import structure_of


def structure(linter, text: str, fmt: str = "text", path: str = "a.txt"):
    result = linter.check_text(text, path=path, fmt=fmt)
    return result.document, structure_of(result.document)


def test_sentences_headings_and_paragraphs(linter):
    doc, st = structure(linter, "# Massage and sleep\n\nMassage may help. Sleep matters.\n\nSee a doctor.\n",
                        "markdown", "a.md")
    texts = [doc.prose[s.start:s.end] for s in st.sentences]
    assert texts == ["Massage and sleep", "Massage may help.", "Sleep matters.", "See a doctor."]
    assert [s.heading for s in st.sentences] == [True, False, False, False]
    assert st.sentences[1].para_start == st.sentences[2].para_start != st.sentences[3].para_start
    assert st.heading_above(st.sentences[3].start).text == "Massage and sleep"


def test_the_front_matter_title_is_read_at_its_own_place(linter):
    text = '---\ntitle: "Massage That Cures Sciatica"\nauthor: A. Writer\n---\n\nBook today.\n'
    doc, st = structure(linter, text, "markdown", "a.md")
    first = st.sentences[0]
    assert doc.text[first.start:first.end] == "Massage That Cures Sciatica" and first.heading
    assert len(doc.analysis_text()) == len(doc.text)  # offsets stay those of the file


def test_clauses_break_at_punctuation_and_clause_words_but_not_inside_hyphenated_words(linter):
    doc, st = structure(linter, "A non-surgical option, but it hurts; rest helps.")
    sent = st.sentences[0]
    ids = st.clause_ids(sent)
    words = [t.text for t in doc.spacy[sent.tok_start:sent.tok_end]]
    by_clause = {}
    for word, i in zip(words, ids):
        by_clause.setdefault(i, []).append(word)
    assert [" ".join(w) for w in by_clause.values()] == ["A non - surgical option", ", but it hurts", "; rest helps ."]


def test_atoms_are_the_lexicon_matches_of_each_sentence(linter):
    doc, st = structure(linter, "Massage flushes toxins. The liver clears them.")
    first, second = st.sentences
    assert {"bodywork", "remove", "toxin"} <= st.labels_in(first)
    assert "agent-body" in st.labels_in(second) and "bodywork" not in st.labels_in(second)
    assert st.count("toxin") == 1


def test_the_structure_is_built_once_per_document(linter):
    doc, st = structure(linter, "Massage helps.")
    assert structure_of(doc) is st
