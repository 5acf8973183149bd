"""Claim findings per 5,000 words on clean NIH text (MedQuAD answers as articles).

MedQuAD answers come from NIH sites (see ../shared/corpus/real/medquad/SOURCE.md),
so nearly every claim finding there is a false alarm. The target is at most one
HL1xx finding per 5,000 words. Usage:

    python benchmarks/medquad_rate.py [--corpus PATH] [--show] [--select HL1]

Writes each answer to a temporary folder as ``<id>.txt``, lints the folder with
the selected rules, and prints the rate and (with ``--show``) every finding.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from healthlint.config import Settings
from healthlint.engine import Linter

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--select", default="HL1")
    ap.add_argument("--show", action="store_true", help="print every finding with its sentence")
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.is_file():
        print(f"medquad sample not found: {path}")
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    linter = Linter(Settings(select=[args.select]))
    words = findings = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            text = row["answer"]
            file = Path(tmp) / f"{row['id']}.txt"
            file.write_text(text, encoding="utf-8")
            result = linter.check_text(text, path=str(file), fmt="text")
            words += len(text.split())
            claims = [f for f in result.findings if f.category == "claim"]
            findings += len(claims)
            if args.show:
                for f in claims:
                    print(f"{row['id']} ({row['source']}) {f.rule} [{f.extra.get('pattern')}] {text[f.start:f.end]!r}")
    elapsed = time.perf_counter() - t0
    rate = findings / words * 5000 if words else 0.0
    print(f"{len(rows)} answers, {words} words, {findings} claim findings: {rate:.2f} per 5,000 words "
          f"(target <= 1.00); {elapsed:.1f} s")
    return 0 if rate <= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
