"""Print N knowledge facts, chosen at random with a seed, beside their sources, for a person to check.

Usage:
    python benchmarks/review_knowledge.py [N] [--seed S] [--only techniques] [--format text|tsv]

Every fact of rules/data/ (an entry with an id and a description, definition, correction,
message or suggestion; see linter/sourcing.py) is a candidate; the same seed gives the same
sample, so two reviewers can check the same facts, and a review can be repeated after a fix.
Open each source and mark the fact correct, imprecise, wrong or unverifiable (docs/knowledge.md).
"""
from __future__ import annotations

import argparse
import random
import sys
import textwrap

import yaml

from healthlint.knowledge import data_dir
from healthlint.sourcing import facts_in, problem


def all_facts(only: str | None = None):
    root = data_dir()
    facts = []
    for path in sorted(root.rglob("*.yaml")):
        rel = str(path.relative_to(root))
        if only and not rel.startswith(only):
            continue
        facts += facts_in(yaml.safe_load(path.read_text(encoding="utf-8")), rel)
    return facts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=20, help="how many facts (default 20)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--only", default=None, help="a data folder or file prefix, e.g. techniques or terms/anatomy")
    ap.add_argument("--format", choices=("text", "tsv"), default="text")
    args = ap.parse_args(argv)
    facts = all_facts(args.only)
    sample = random.Random(args.seed).sample(facts, min(args.n, len(facts)))
    out = sys.stdout
    if args.format == "tsv":
        out.write("file\tid\tfact\tsource\tverdict\n")
        for f in sample:
            out.write(f"{f.where}\t{f.id}\t{f.text}\t{f.source}\t\n")
        return 0
    out.write(f"{len(sample)} of {len(facts)} facts, seed {args.seed}\n")
    for k, f in enumerate(sample, 1):
        warning = problem(f.source) if f.source else "no source"
        out.write(f"\n[{k}] {f.where} :: {f.id}\n")
        out.write(textwrap.fill(f.text, 100, initial_indent="    fact:   ", subsequent_indent="            ") + "\n")
        out.write(f"    source: {f.source or '-'}\n")
        if warning:
            out.write(f"    policy: {warning}\n")
        out.write("    verdict: [ ] correct  [ ] imprecise  [ ] wrong  [ ] unverifiable\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
