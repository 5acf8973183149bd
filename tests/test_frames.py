"""Frames (linter/frames.py): statements as sequences of lexicon atoms, checked when the data is loaded."""
from __future__ import annotations

import pytest

from healthlint.frames import agent_of, frame_index, load_frames
from healthlint.knowledge import KnowledgeError
from healthlint.structure import structure_of

FRAMES = """\
kind: frames
rule: HL105
frames:
  - id: t-flush
    when: [[remove, toxin]]
    window: 3
    message: "Test frame."
  - id: t-free
    when: [[toxin, remove]]
    order: free
    scope: sentence
    window: 12
    message: "Test frame."
  - id: t-list
    when: [[treat-verb, disease]]
    message: "Test frame."
"""


INTRO = "Our spa offers massage and reflexology. "


def matches(linter, text: str, frame: str):
    """The matches of one frame in ``text``, after an intro that makes the text an article about bodywork."""
    result = linter.check_text(INTRO + text)
    found = [m for m in frame_index(()).find(result.document) if m.frame.id == frame and m.start > 6]
    return result.document, found


def test_unknown_lists_and_bad_values_are_refused_with_the_file_named(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.yaml").write_text(FRAMES.replace("[[remove, toxin]]", "[[remove, no-such-list]]"),
                                           encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"f.yaml: frame 't-flush' uses unknown lexicon lists \['no-such-list'\]"):
        load_frames((str(tmp_path / "a"),))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "f.yaml").write_text(FRAMES.replace("    window: 3\n", "    window: 3\n    cited: maybe\n"),
                                           encoding="utf-8")
    with pytest.raises(KnowledgeError, match="cited must be"):
        load_frames((str(tmp_path / "b"),))


def test_order_window_and_clause(linter):
    frames = {f.id: f for f in load_frames()}
    assert frames["toxin-removal"].order == "free" and frames["toxin-removal"].rule == "HL105"
    doc, found = matches(linter, "Massage flushes the built-up toxins out.", "toxin-removal")
    assert [doc.spacy[m.start:m.end].text for m in found] == ["flushes the built-up toxins"]
    # parts in two clauses do not make a clause-scoped frame
    doc, found = matches(linter, "Massage flushes, we are told, many muscles and toxins.", "toxin-removal")
    assert not found


def test_the_tightest_match_wins(linter):
    doc, found = matches(linter, "A balanced diet boosts your immune system.", "boost-immune")
    assert [doc.spacy[m.start:m.end].text for m in found] == ["boosts your immune system"]


def test_a_frame_begun_in_a_list_intro_ends_in_an_item(linter):
    doc, found = matches(linter, "Massage helps. It can help people who have:\nViruses\nAsthma\n", "treat-condition")
    assert found and found[0].tail is not None
    assert doc.prose[found[0].tail.start:found[0].tail.end] == "Viruses"


@pytest.mark.parametrize("text,agent", [
    ("Massage flushes toxins.", "bodywork"),
    ("Your liver flushes toxins.", "agent-body"),
    ("Massage helps the body flush toxins.", "bodywork"),           # after a causative, the helper acts
    ("Toxins are flushed out by the liver.", "agent-body"),         # a passive agent after the verb
    ("Exercise, not massage, flushes toxins.", "agent-selfcare"),    # a negated agent does not act
    ("Flushing toxins is a myth.", None),
])
def test_who_acts(linter, text, agent):
    doc, found = matches(linter, text, "toxin-removal")
    assert agent_of(structure_of(doc), found[0]) == agent
