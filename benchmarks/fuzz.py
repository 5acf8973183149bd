"""Fuzz healthlint with 10,000+ hostile articles and report what happened, with timings.

The cases come from the suite's strategies (``tests/fuzz_documents.py``): real-looking health
sentences, markup of each format (some broken), spam fragments, odd Unicode and line breaks, long
runs. Each case is read, linted with every rule and rendered in every report format, under a
per-case limit; a broken property (a crash, a span that misses its excerpt, a terminal escape in
the text report, a case over the limit ...) is recorded, and the run goes on.

Usage: ``python benchmarks/fuzz.py [--cases 10000] [--limit 10] [--seed 23] [--json out.json]``
Exit code 1 when any case broke a property.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzz_documents import check_case, documents  # noqa: E402


class _TooSlow(Exception):
    pass


def _stop(signum, frame):
    raise _TooSlow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds one case may take")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    from healthlint.engine import Linter

    started = time.perf_counter()
    linter = Linter()
    for fmt in ("text", "markdown", "html"):  # lexicons and matchers built lazily: not a case's time
        check_case(linter, fmt, "Massage may help. Share on WhatsApp.")
    build = time.perf_counter() - started
    times: list[tuple[float, str, int]] = []
    slow: list[tuple[float, str, str]] = []  # the ten slowest cases, to look at
    failures: list[dict] = []
    formats: Counter = Counter()
    signal.signal(signal.SIGALRM, _stop)

    @seed(args.seed)
    @settings(max_examples=args.cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=documents())
    def run(case):
        fmt, text = case
        formats[fmt] += 1
        begin = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, args.limit)
        try:
            problems = check_case(linter, fmt, text)
        except _TooSlow:
            problems = [f"over the {args.limit:g} s limit"]
        except Exception as exc:  # noqa: BLE001 - a crash is a finding of the fuzzer, recorded
            problems = [f"{type(exc).__name__}: {exc}"]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - begin
        times.append((took, fmt, len(text)))
        slow.append((took, fmt, text))
        slow.sort(reverse=True)
        del slow[10:]
        if problems:
            failures.append({"format": fmt, "text": text[:2000], "length": len(text), "problems": problems[:5]})
        if len(times) % 1000 == 0:
            print(f"  {len(times)} cases, {len(failures)} broken", file=sys.stderr, flush=True)

    run_start = time.perf_counter()
    run()
    seconds = time.perf_counter() - run_start
    per_case = sorted(t for t, _, _ in times)
    slowest = max(times)
    figures = {
        "cases": len(times), "broken": len(failures), "formats": dict(formats), "seconds": round(seconds, 1),
        "cases_per_second": round(len(times) / seconds, 1), "linter_build_seconds": round(build, 1),
        "per_case_ms": {"median": round(statistics.median(per_case) * 1000, 1),
                        "p99": round(per_case[int(len(per_case) * 0.99) - 1] * 1000, 1),
                        "max": round(slowest[0] * 1000, 1)},
        "slowest_case": {"format": slowest[1], "characters": slowest[2]},
        "longest_case_characters": max(n for _, _, n in times), "limit_seconds": args.limit, "seed": args.seed,
        "python": sys.version.split()[0], "cpus": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))
    for failure in failures[:10]:
        print(f"BROKEN ({failure['format']}, {failure['length']} chars): {failure['problems']}\n  {failure['text'][:300]!r}")
    if args.json:
        slowest_cases = [{"ms": round(t * 1000, 1), "format": f, "text": x} for t, f, x in slow]
        Path(args.json).write_text(json.dumps({**figures, "failures": failures, "slowest": slowest_cases},
                                              indent=2, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
