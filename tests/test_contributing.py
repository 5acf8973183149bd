"""The recipes of CONTRIBUTING.md work as written: each is one data edit, no code."""
from __future__ import annotations

import re
from pathlib import Path

from healthlint.config import Settings
from healthlint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def rules(settings, text):
    return [f.rule for f in Linter(settings).check_text(text).findings]


def test_a_claim_wording_is_one_term_in_the_list_the_frame_reads(tmp_path):
    listed = re.search(r"- id: (cure-verb)\n.*?terms: \[.*?, ([a-z ]+)\]", GUIDE, re.S)
    list_id, term = listed.groups()
    sentence = "Our deep tissue massage stamps out sciatica."
    assert term == "stamp out" and "stamps out" in GUIDE
    before = rules(Settings(select=["HL1"]), sentence)
    (tmp_path / "more.yaml").write_text(
        f"kind: lexicon\nlists:\n  - id: {list_id}\n    why: a publisher's wording\n    terms: [{term}]\n",
        encoding="utf-8")
    after = rules(Settings(select=["HL1"], data_dirs=[str(tmp_path)]), sentence)
    assert "HL102" not in before and "HL102" in after
