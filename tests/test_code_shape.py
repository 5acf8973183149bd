"""Knowledge is data: no vocabulary in the rule modules, no hand-inflected words in the data (issue 14).

A word list in Python cannot be reached by a publisher's ``data-dirs`` and drifts from the data; a
hand-inflected alternation (``cur(?:e|es|ed)``) is what lemma matching is for. The checks below read
the source, so a new list or alternation fails here with its file and line. Lists that are names of
things the code works with (metadata keys, urgency levels, list ids), not vocabulary, carry the
comment ``# not vocabulary: <why>`` on their line.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted((ROOT / "rules").glob("*.py"))
DATA = sorted((ROOT / "rules" / "data").rglob("*.yaml"))
WORD = re.compile(r"^[A-Za-z][a-z']{2,}(?: [a-z']+)*$")  # a word or phrase of the language, 3+ letters
# (?:studies|research|evidence), or four words or more joined by | anywhere in a pattern (a regex split
# over two string literals, or with other branches around the words, is still a word list)
ALTERNATION = re.compile(r"\((?:\?:)?(?:[a-z]{2,}\|){2,}[a-z]{2,}\)|(?:[a-z]{2,}\|){3,}[a-z]{2,}")
MARKER = "# not vocabulary:"
# an inflection spelled out: cur(?:e|es|ed|ing), arter(?:y|ies), bon(e|es|y), nerves?\b
INFLECTED = re.compile(r"[a-z]\((?:\?:)?(?:(?:s|es|ed|d|ing|ies|ied|y|e|er|ers)?\|)+(?:s|es|ed|d|ing|ies|ied|y|e|er|ers)?\)"
                       r"|[a-z]{2}s\?(?:\\b|\)|$)")


def _list_ids() -> set[str]:
    from healthlint.lexicon import word_lists

    return set(word_lists())


def vocabulary_in(path: Path, list_ids: set[str]) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if MARKER in lines[getattr(node, "lineno", 1) - 1]:
            continue
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 3 and len(words) == len(node.elts) and all(WORD.match(w) for w in words) \
                    and not all(w in list_ids for w in words):
                found.append(f"{path.name}:{node.lineno}: word list {words[:4]}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and ALTERNATION.search(node.value):
            found.append(f"{path.name}:{node.lineno}: alternation {ALTERNATION.search(node.value).group(0)[:60]}")
    return found


def test_the_checks_see_what_they_are_meant_to(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('HEDGES = {"may", "might", "could"}\nCUE = r"\\b(?:studies|research|trials)\\b"\n'
                      'KEYS = ("title", "tags", "keywords")  # not vocabulary: metadata keys\n'
                      'SPLIT = re.compile(r"\\b(?:when|whenever|if|because|since|"\n'
                      '                   r"as\\s+long\\s+as)\\b")\n', encoding="utf-8")
    assert [hit.split(": ")[1].split(" ")[0] for hit in vocabulary_in(sample, set())] == [
        "word", "alternation", "alternation"]
    assert INFLECTED.search(r"\bcur(?:e|es|ed|ing)\b") and INFLECTED.search(r"\bnerves?\b")
    assert not INFLECTED.search(r"\bcurse\b|\bus\b")


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_no_word_list_in_the_rule_modules(path):
    assert not vocabulary_in(path, _list_ids())


@pytest.mark.parametrize("path", DATA, ids=lambda p: str(p.relative_to(ROOT / "rules" / "data")))
def test_no_hand_inflected_word_in_the_data(path):
    hits = [f"{path.name}:{n}: {line.strip()[:80]}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if INFLECTED.search(line)]
    assert not hits
