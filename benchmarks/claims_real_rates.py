"""HL1xx findings on real, mostly honest health text (evaluation only; nothing is copied).

Reports claim findings per 5,000 words on FakeHealth news articles, and the
number of flagged sentences among li2021 health-advice and BioScope sentences.
These sources are news and biomedical papers, not bodywork articles, so nearly
every finding is a false alarm worth reading. Usage:

    python benchmarks/claims_real_rates.py [--show] [--limit N]
"""
from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from healthlint.config import Settings
from healthlint.engine import Linter

BODYWORK = "Our studio offers massage and reflexology. "
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def _claims(linter, text):
    return [f for f in linter.check_text(text, path="a.txt", fmt="text").findings if f.category == "claim"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="at most N sentences per sentence set")
    ap.add_argument("--as-bodywork", action="store_true",
                    help="stress test: put each sentence in a paragraph that names massage, as if in a bodywork article")
    args = ap.parse_args()
    linter = Linter(Settings(select=["HL1"]))
    t0 = time.perf_counter()
    fake = REAL / "fakehealth" / "healthstory_sample.jsonl"
    if fake.is_file():
        words = n = 0
        for line in fake.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = (row.get("title") or "") + "\n\n" + (row.get("text") or "")
            words += len(text.split())
            found = _claims(linter, text)
            n += len(found)
            if args.show:
                for f in found:
                    print(f"fakehealth {row['id']} {f.rule} [{f.extra.get('pattern')}] {text[f.start:f.end]!r}")
        print(f"fakehealth: {words} words, {n} claim findings, {n / max(words, 1) * 5000:.2f} per 5,000 words")
    sets = []
    li = REAL / "li2021-health-advice"
    if li.is_dir():
        sents = []
        for f in sorted(li.glob("annotations_*.csv")):
            with f.open(encoding="utf-8") as fh:
                sents += [r["sentence"] for r in csv.DictReader(fh)]
        sets.append(("li2021", sents))
    bio = REAL / "bioscope-hedge" / "bioscope_sentences.jsonl"
    if bio.is_file():
        sets.append(("bioscope", [json.loads(l)["sentence"] for l in bio.read_text(encoding="utf-8").splitlines()]))
    for name, sents in sets:
        if args.limit:
            sents = sents[:args.limit]
        # sentences are judged one by one, as if each were a short paragraph
        flagged = 0
        prefix = BODYWORK if args.as_bodywork else ""
        for s in sents:
            found = [f for f in _claims(linter, prefix + s) if f.start >= len(prefix)]
            if found:
                flagged += 1
                if args.show:
                    for f in found:
                        print(f"{name} {f.rule} [{f.extra.get('pattern')}] {(prefix + s)[f.start:f.end]!r} || {s[:160]!r}")
        print(f"{name}: {len(sents)} sentences, {flagged} flagged ({flagged / max(len(sents), 1):.2%})")
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
