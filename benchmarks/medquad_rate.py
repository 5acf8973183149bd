"""Findings of one category per 5,000 words on clean NIH text (MedQuAD answers as articles).

MedQuAD answers come from NIH sites (see ../shared/corpus/real/medquad/SOURCE.md), so
nearly every finding there is a false alarm. The target is at most one
finding per 5,000 words. Usage:

    python benchmarks/medquad_rate.py [CATEGORY] [--select HL2] [--corpus PATH] [--show]

CATEGORY is a finding category (default ``claim``; ``definition``, ``technique``, ``spam``
work too, with a matching ``--select``, default: every rule). Also counts how many
answers mention a known term and how many definitional statements the HL2xx reader
found, so a low rate can be told apart from a reader that sees nothing.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from healthlint.config import Settings
from healthlint.engine import Linter

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"
SELECT = {"claim": "HL1", "definition": "HL2", "technique": "HL3", "spam": "HL4"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("category", nargs="?", default="claim")
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--select", default=None, help="rule code prefix (default: the category's family)")
    ap.add_argument("--show", action="store_true", help="print every finding")
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.is_file():
        print(f"medquad sample not found: {path}")
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    linter = Linter(Settings(select=[args.select or SELECT.get(args.category, "ALL")]))
    words = found = statements = 0
    t0 = time.perf_counter()
    for row in rows:
        text = row.get("answer") or row.get("text") or ""  # MedQuAD answers or FakeHealth stories
        result = linter.check_text(text, path=f"{row['id']}.txt", fmt="text")
        words += len(text.split())
        hits = [f for f in result.findings if f.category == args.category]
        found += len(hits)
        if args.category == "definition" and result.document is not None:
            from healthlint.rules.definitions import analyse
            statements += len(analyse(result.document, linter.nlp, ()))
        if args.show:
            for f in hits:
                print(f"{row['id']} ({row.get('source', '')}) {f.rule} {text[f.start:f.end]!r}\n    {f.message}")
    elapsed = time.perf_counter() - t0
    rate = found / words * 5000 if words else 0.0
    extra = f", {statements} definitional statements of known terms read" if args.category == "definition" else ""
    print(f"{len(rows)} answers, {words} words, {found} {args.category} findings: {rate:.2f} per 5,000 words "
          f"(target <= 1.00){extra}; {elapsed:.1f} s")
    return 0 if rate <= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
