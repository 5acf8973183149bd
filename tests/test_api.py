"""The Python API: ``healthlint.check_text`` and ``healthlint.Linter``, and a cheap ``import healthlint``."""
from __future__ import annotations

import subprocess
import sys

import healthlint


def test_import_is_cheap_and_lazy():
    code = ("import sys, healthlint; assert 'spacy' not in sys.modules, 'import healthlint loaded spaCy'; "
            "f = healthlint.check_text; assert 'spacy' not in sys.modules, 'the API name loaded spaCy'; "
            "print(healthlint.__version__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == healthlint.__version__
    assert {"check_text", "Linter", "Settings"} <= set(healthlint.__all__)


def test_check_text_markdown_with_fix_and_score():
    body = "# Desk stretches\n\nA warm rock massage can ease stiff shoulders.\n\nReport Page\n"
    result = healthlint.check_text(body, format="markdown", path="desk.md")
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["HL302"].line == 3 and body[by_rule["HL302"].start:by_rule["HL302"].end] == "warm rock massage"
    assert by_rule["HL302"].fix.edits[0].replacement == "hot stone massage"
    assert isinstance(result.extra["score"], int) and result.checked and not result.errors


def test_check_text_settings_as_keywords_and_min_severity():
    body = "A warm rock massage cures sciatica for good.\n\nReport Page\n"
    only_spam = healthlint.check_text(body, select=["HL4"])
    assert {f.rule for f in only_spam.findings} == {"HL405"}
    loud = healthlint.check_text(body, min_severity="warning")
    assert loud.findings and all(f.severity != "info" for f in loud.findings)
    assert "HL302" in {f.rule for f in healthlint.check_text(body).findings}  # HL302 is info


def test_linter_object_and_bad_input():
    linter = healthlint.Linter(healthlint.Settings(select=["HL302"]))
    result = linter.check_text("A warm rock massage.", path="a.txt")
    assert [f.rule for f in result.findings] == ["HL302"]
    empty = healthlint.check_text("   ")
    assert not empty.checked and empty.errors == ["empty file"]
