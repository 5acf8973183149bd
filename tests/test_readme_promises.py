"""The README's "Hostile input" table names a test for each promise: each named test must exist."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def named_tests() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Hostile input", 1)[1].split("\n### ", 1)[0]
    out, current = [], None
    for row in section.splitlines():
        if not row.startswith("| ") or row.startswith("| promise") or row.startswith("|---"):
            continue
        for ref in re.findall(r"`([^`]+)`", row.rsplit("|", 2)[1]):
            path, _, name = ref.partition("::")
            if path.startswith("tests/"):
                current = path
            out.append((current, name))
    return out


def test_the_table_names_tests():
    assert len(named_tests()) >= 10


def test_every_test_the_readme_names_exists():
    missing = []
    for path, name in named_tests():
        source = ROOT / path
        if not source.is_file():
            missing.append(path)
            continue
        if name:
            functions = {n.name for n in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
                         if isinstance(n, ast.FunctionDef)}
            if name not in functions:
                missing.append(f"{path}::{name}")
    assert missing == []
