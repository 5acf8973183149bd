"""Baselines: accept today's findings in an old archive, fail CI only on new ones.

A baseline file lists findings by (path, rule, fingerprint). The fingerprint (computed by the engine)
hashes the rule, the flagged text and its occurrence number in the file, not the line: moving a
paragraph or adding one elsewhere keeps a finding baselined; rewording the flagged text makes it new.
Paths are stored relative to the baseline file's folder, so CI and editors may run from anywhere.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import healthlint

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names it."""


def _key_path(path: str, base_dir: str) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    rel = os.path.relpath(os.path.abspath(path), base_dir)
    return Path(rel if not rel.startswith("..") else os.path.abspath(path)).as_posix()


def entries(result, baseline_path: str) -> list[dict]:
    base = os.path.dirname(os.path.abspath(baseline_path))
    out = [{"path": _key_path(f.path or file.path, base), "rule": f.rule, "fingerprint": f.fingerprint,
            "line": f.line, "message": f.message}
           for file in result.files for f in file.findings]
    return sorted(out, key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))


def write(result, baseline_path: str) -> int:
    """Record every finding of ``result``; return how many."""
    data = {"version": FORMAT_VERSION, "tool": {"name": "healthlint", "version": healthlint.__version__},
            "findings": entries(result, baseline_path)}
    from .outputs import OutputError, write_text

    try:  # whole or not at all: a full disk leaves the old baseline, not half a new one
        write_text(baseline_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    except OutputError as exc:
        raise BaselineError(f"cannot write the baseline: {exc}") from None
    return len(data["findings"])


def read(baseline_path: str) -> Counter:
    """``Counter`` of (path, rule, fingerprint) in the baseline file."""
    try:
        with open(baseline_path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{baseline_path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{baseline_path}: not a healthlint baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{baseline_path}: not a healthlint baseline (no 'findings' list)")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{baseline_path}: baseline format version {data.get('version')!r} is not supported "
                            f"(expected {FORMAT_VERSION}); re-create it with --write-baseline")
    try:
        return Counter((e["path"], e["rule"], e["fingerprint"]) for e in data["findings"])
    except (KeyError, TypeError):
        raise BaselineError(f"{baseline_path}: an entry lacks path, rule or fingerprint") from None


def apply(result, baseline_path: str) -> tuple[int, int]:
    """Drop baselined findings from ``result`` in place; return (hidden, stale): stale entries are
    baselined findings of the checked files that no longer occur (fixed, or reworded)."""
    known = read(baseline_path)
    base = os.path.dirname(os.path.abspath(baseline_path))
    hidden = 0
    checked_paths = set()
    for file in result.files:
        checked_paths.add(_key_path(file.path, base))
        kept = []
        for f in file.findings:
            key = (_key_path(f.path or file.path, base), f.rule, f.fingerprint)
            if known[key] > 0:
                known[key] -= 1
                hidden += 1
            else:
                kept.append(f)
        file.findings = kept
    stale = sum(n for (path, _, _), n in known.items() if path in checked_paths and n > 0)
    return hidden, stale
