"""The pre-commit hook's definition. The hook itself is run by pre-commit, from a tagged copy of this
checkout, on a content repository in tests/test_ci_recipes.py (the README's recipe, end to end)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_hook_definition_matches_the_cli():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "healthlint")
    assert hook["entry"] == "healthlint check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("a.md", "b/c.markdown", "d.html", "e.htm", "f.txt"))
    assert not any(files.search(name) for name in ("setup.py", "style.css", "notes.md.bak"))
