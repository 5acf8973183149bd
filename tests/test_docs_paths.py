"""Every file the docs name exists: a page that points at a deleted module sends a contributor nowhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "CONTRIBUTING.md"])
PATH = re.compile(r"`((?:rules|linter|reports|tests|benchmarks|docs|examples)/[\w./*-]+)`")


def named_paths(page: Path) -> list[str]:
    return [m.group(1).rstrip(".") for m in PATH.finditer(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_path_a_page_names_exists(page):
    missing = [p for p in named_paths(page) if not (list(ROOT.glob(p)) if "*" in p else (ROOT / p).exists())]
    assert missing == []
