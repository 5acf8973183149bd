"""HL504 readability (rules/article_readability.py): the grade of running prose and its hardest sentences."""
from __future__ import annotations

from healthlint.config import Settings
from healthlint.engine import Linter
from healthlint.rules.article_readability import graded_sentences
from tests.conftest import article_findings

HARD = ("Myofascial pain syndrome is a chronic musculoskeletal disorder characterised by hypersensitive trigger "
        "points within taut bands of skeletal muscle, producing localised tenderness and referred pain.")
MEDIUM = "Trigger points are tender spots in a tight band of muscle that can hurt when pressed. "
EASY = "Many people get sore spots in their muscles. A warm bath can help. "


def test_a_hard_article_is_flagged_at_the_title_with_its_hardest_sentence(article_linter):
    text = "About muscle pain\n\n" + MEDIUM + HARD + " " + EASY + MEDIUM
    found = article_findings(article_linter, "HL504", text)
    assert found[0].start == 0 and "Hardest sentences: line 3" in found[0].message
    assert found[0].extra["grade"] > 8 and found[0].severity == "info"
    sentences = [f for f in found if f.start != 0]
    assert len(sentences) == 1 and text[sentences[0].start:sentences[0].end] == HARD


def test_the_target_is_a_setting(article_linter):
    text = "About muscle pain\n\n" + MEDIUM + HARD + " " + EASY + MEDIUM
    assert not article_findings(Linter(Settings(select=["HL504"], readability_target=20)), "HL504", text)
    few = Linter(Settings(select=["HL504"], readability_hard_sentences=0))
    assert [f.start for f in article_findings(few, "HL504", text)] == [0]


def test_a_plain_article_passes(article_linter):
    text = ("Sore muscles\n\nMany people get sore spots in their muscles. People often call them knots. "
            "A knot can feel tight when you press it. Gentle massage may help for a while. Warm baths help too. "
            "Light stretches can help. Ask a doctor if the pain lasts for weeks. Rest when you need to. "
            "Drink water if you are thirsty. Walk a little each day if you can. Stop if it hurts.")
    assert not article_findings(article_linter, "HL504", text)


def test_headings_titles_and_fragments_are_not_graded(article_linter):
    text = ("# Myofascial Musculoskeletal Hypersensitivity Considerations\n\nBook now.\n\n"
            "Many people get sore spots in their muscles. A warm bath can help.")
    result = article_linter.check_text(text, path="a.md", fmt="markdown")
    graded = [text[g.sentence.start:g.sentence.end] for g in graded_sentences(result.document)]
    assert graded == ["Many people get sore spots in their muscles.", "A warm bath can help."]
