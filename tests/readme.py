"""The README's sections and code blocks, for tests that run what the README shows."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


def section(heading: str) -> str:
    """The text under ``### heading`` (or ``## heading``) up to the next heading of that level or above."""
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert m, f"README has no heading {heading!r}"
    level = len(m.group(1))
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(text, m.end())
    return text[m.end():end.start() if end else len(text)]


def code_blocks(heading: str, lang: str) -> list[str]:
    """The ``lang`` code blocks of a README section, in order."""
    return [body for kind, body in FENCE.findall(section(heading)) if kind == lang]


def commands(block: str) -> list[str]:
    """The shell commands of a ``sh`` block, without their trailing ``# comments``."""
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]
