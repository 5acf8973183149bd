"""Baselines: accept today's findings in an old archive, fail CI only on new ones.

A baseline file lists findings by (path, rule, fingerprint) with the flagged text. The fingerprint
(computed by the engine) hashes the rule, the flagged text and its occurrence number in the file, not
the line: moving a paragraph or adding one elsewhere keeps a finding baselined. A finding whose
fingerprint is not in the baseline is then matched, one to one, to a baselined finding of the same rule
and file that no longer occurs, when the two flagged texts share an untouched run of words (see
``_shared_run``): a claim rule flags a whole clause, so fixing one claim in a clause that made two must
not turn the other, untouched claim into a "new" finding. Replacing the flagged text makes it new.
Paths are stored relative to the baseline file's folder, so CI and editors may run from anywhere.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import healthlint

from .finding import Finding, Suppressed

FORMAT_VERSION = 1
EXCERPT_CHARS = 300  # the flagged text kept per entry, for people reading the file and for edit matching
MIN_SHARED_WORDS = 4  # an untouched run of words at least this long (and SHARED_FRACTION of the shorter text)
SHARED_FRACTION = 0.4
WORD = re.compile(r"\w+")


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names it."""


def _key_path(path: str, base_dir: str) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    rel = os.path.relpath(os.path.abspath(path), base_dir)
    return Path(rel if not rel.startswith("..") else os.path.abspath(path)).as_posix()


def _excerpt(text: str) -> str:
    return " ".join(text.split())[:EXCERPT_CHARS]


def entries(result, baseline_path: str) -> list[dict]:
    base = os.path.dirname(os.path.abspath(baseline_path))
    out = [{"path": _key_path(f.path or file.path, base), "rule": f.rule, "fingerprint": f.fingerprint,
            "line": f.line, "message": f.message, "excerpt": _excerpt(f.excerpt)}
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


def read(baseline_path: str) -> list[dict]:
    """The entries of the baseline file (each has path, rule and fingerprint; excerpt when recorded)."""
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
    if not all(isinstance(e, dict) and {"path", "rule", "fingerprint"} <= set(e) for e in data["findings"]):
        raise BaselineError(f"{baseline_path}: an entry lacks path, rule or fingerprint")
    return data["findings"]


def _shared_run(a: list[str], b: list[str]) -> int:
    """The longest run of words that ``a`` and ``b`` have in common, in order and untouched."""
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _edited(old: list[str], new: list[str]) -> int:
    """How strongly ``new`` looks like ``old`` after an edit elsewhere in the flagged text (0: it does not)."""
    run = _shared_run(old, new)
    needed = max(MIN_SHARED_WORDS, math.ceil(SHARED_FRACTION * min(len(old), len(new))))
    return run if run >= needed else 0


def apply(result, baseline_path: str) -> tuple[int, int]:
    """Move baselined findings of ``result`` to their file's ``suppressed`` list; return (hidden, stale):
    stale entries are baselined findings of the checked files that no longer occur (fixed, or reworded)."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    exact: dict[tuple, list[dict]] = defaultdict(list)  # (path, rule, fingerprint) -> entries not matched yet
    for entry in read(baseline_path):
        exact[(entry["path"], entry["rule"], entry["fingerprint"])].append(entry)
    files = [(file, _key_path(file.path, base)) for file in result.files]
    new = {id(file): [f for f in file.findings if not _take(exact, (path, f.rule, f.fingerprint))]
           for file, path in files}
    leftover: dict[tuple, list[dict]] = defaultdict(list)  # (path, rule) -> entries still unmatched
    for (path, rule, _), bucket in exact.items():
        leftover[(path, rule)] += bucket
    hidden, note = 0, f"recorded in the baseline {baseline_path}"
    for file, path in files:
        still_new = _not_edits(new[id(file)], leftover, path)
        kept = {id(f) for f in still_new}
        file.suppressed += [Suppressed(f, "external", note) for f in file.findings if id(f) not in kept]
        hidden += len(file.findings) - len(still_new)
        file.findings = still_new
    checked = {path for _, path in files}
    stale = sum(len(bucket) for (path, _), bucket in leftover.items() if path in checked)
    return hidden, stale


def _take(entries: dict[tuple, list[dict]], key: tuple) -> bool:
    """Use up one baseline entry with ``key``, if one is left."""
    bucket = entries.get(key)
    if not bucket:
        return False
    bucket.pop()
    return True


def _not_edits(findings: list[Finding], leftover: dict[tuple, list[dict]], path: str) -> list[Finding]:
    """The findings that are not edits of a baselined finding; each edit uses up its entry in ``leftover``.

    Candidate pairs (same file and rule) are taken best first (the longest untouched run of words), one to one.
    """
    pairs = []
    for i, f in enumerate(findings):
        new = WORD.findall(f.excerpt.lower())
        for entry in leftover.get((path, f.rule), []):
            score = _edited(WORD.findall(str(entry.get("excerpt", "")).lower()), new)
            if score:
                pairs.append((-score, i, id(entry), entry))
    paired, used = set(), set()
    for _, i, entry_id, entry in sorted(pairs, key=lambda p: p[:3]):
        if i not in paired and entry_id not in used:
            paired.add(i)
            used.add(entry_id)
            leftover[(path, findings[i].rule)].remove(entry)
    return [f for i, f in enumerate(findings) if i not in paired]
