"""No regular expression built from data can backtrack catastrophically (issue 23).

Every pattern assembled from knowledge data goes through ``healthlint.regexes.compile``; once a full
Linter is built (every rule, every knowledge file) that record holds them all. Each is attacked with
strings made from its own pieces (``tests/regex_attack.py``) and must answer every one in under 50 ms.
The readers' own patterns (module level in the modules that read raw files) are attacked as well:
they see the file before any rule does.
"""
from __future__ import annotations

import importlib
import re

import pytest

from healthlint import regexes
from regex_attack import attack_strings, slowest

LIMIT = 0.050  # seconds for one search over one attack string
READERS = ("sources", "text_source", "html_source", "prose", "lines", "document", "suppressions", "front_matter")


def _module_patterns(name: str) -> dict[str, re.Pattern]:
    module = importlib.import_module(f"healthlint.{name}")
    return {f"healthlint/{name}.py:{key}": value for key, value in vars(module).items()
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str)}


def _all_patterns(linter) -> list[tuple[str, re.Pattern]]:
    linter.check_text("Massage may help. Share on WhatsApp.", fmt="text")  # lazily built lexicons too
    found: dict[tuple, tuple[str, re.Pattern]] = {}
    for item in regexes.recorded():
        found.setdefault((item.regex.pattern, item.regex.flags), (item.origin, item.regex))
    for name in READERS:
        for origin, regex in _module_patterns(name).items():
            found.setdefault((regex.pattern, regex.flags), (origin, regex))
    return list(found.values())


def _worst(regex: re.Pattern) -> tuple[float, str]:
    """The slowest attack, timed again when over the limit: the best of three runs, so that a
    busy machine does not fail a linear pattern."""
    took, text = slowest(regex)
    if took <= LIMIT:
        return took, text
    return min(slowest(regex) for _ in range(2)) if took < 1 else (took, text)


OLD_CONTACT_APPS = (r"(?:(?P<app>whatsapp|telegram|kakao\s+talk)|(?P<amb>line|signal))"
                    r"[ \t]*(?P<id>id)?[ \t]*(?:contact|booking)?[ \t]*(?P<colon>[:：])?[ \t]*"
                    r"(?P<handle>\+?\d[\d \-]{6,16}\d|@?[A-Za-z0-9][A-Za-z0-9_.\-]{2,31})")


def test_the_attack_catches_the_contact_pattern_that_hung_an_audit():
    """The contact-spam pattern before the fix (four [ \\t]* around optional groups): the attack must
    find its worst case, or the test below proves nothing."""
    took, text = slowest(re.compile(OLD_CONTACT_APPS, re.I), give_up=0.5)
    assert took > LIMIT
    assert text.strip(" \t!").lower() in ("whatsapp", "telegram", "kakao talk", "line", "signal") or " " * 100 in text


def test_the_attack_passes_a_linear_pattern():
    assert slowest(re.compile(r"\bdeep\s+tissue\s+massage\b", re.I))[0] < LIMIT
    assert any(" " * 300 in s for s in attack_strings(re.compile(r"\bdeep\s+tissue\b")))


def test_data_built_patterns_are_recorded_with_their_origin(linter):
    patterns = _all_patterns(linter)
    origins = {origin.split(":")[0] for origin, _ in patterns}
    assert len(patterns) > 50
    # the families match words with spaCy's matchers; the regexes left are built from spam data
    # (scripts, URLs, handles) and the citation shapes of shared/sources.yaml
    for source in ("spam/contact.yaml", "spam/glosses.yaml", "spam/keywords.yaml", "shared/sources.yaml",
                   "healthlint/text_source.py"):
        assert source in origins, source
    contact = [regex for origin, regex in patterns if origin == "spam/contact.yaml:apps" and "handle" in regex.pattern]
    assert contact and "[ \\t]*+" in contact[0].pattern


@pytest.mark.slow
def test_no_data_built_pattern_backtracks_catastrophically(linter):
    slow = []
    for origin, regex in _all_patterns(linter):
        took, text = _worst(regex)
        if took > LIMIT:
            sample = text if len(text) < 60 else f"{text[:40]!r}... ({len(text)} characters)"
            slow.append(f"{origin}: {took * 1000:.0f} ms on {sample}\n    {regex.pattern[:160]}")
    assert not slow, f"{len(slow)} pattern(s) over {LIMIT * 1000:.0f} ms:\n" + "\n".join(slow)
