"""``audit --compare PREVIOUS``: which findings are new, fixed or unchanged since an earlier audit.

Findings are matched by article path and fingerprint (the rule, the flagged text and which
occurrence of it this is: see the README's baseline section), so a finding that only moved
in its article is unchanged, and rewording the flagged text makes the old one fixed and the
new one new. An article that was not in the previous audit is *added* (its findings count
as new); one that is no longer audited is *removed* (its findings do not count as fixed:
the article went, the problem may not have).

The previous audit is read in full when the run starts, so PREVIOUS may be the output
folder itself (``--output audit --compare audit``): the comparison is with what was there.
"""
from __future__ import annotations

import csv
import json
import os
from collections import Counter
from dataclasses import dataclass, field

from .errors import AuditError


class CompareError(AuditError):
    """The previous audit cannot be read: the message names the file."""


@dataclass
class Previous:
    """What an earlier audit found: per article path, its findings' fingerprints (with their rules)."""

    folder: str
    findings: dict[str, dict[str, str]] = field(default_factory=dict)  # path -> {fingerprint: rule}
    scores: dict[str, float | None] = field(default_factory=dict)  # path -> score, every article audited


def _score(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def load_previous(folder: str) -> Previous:
    """Read ``findings.jsonl`` and ``articles.csv`` of an earlier audit's output folder."""
    findings_path = os.path.join(folder, "findings.jsonl")
    articles_path = os.path.join(folder, "articles.csv")
    if not os.path.isfile(findings_path) or not os.path.isfile(articles_path):
        raise CompareError(f"{folder}: not the output folder of an audit (it has no findings.jsonl and "
                           "articles.csv); give --compare the --output folder of an earlier audit")
    previous = Previous(folder)
    try:
        with open(articles_path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("path"):
                    previous.scores[row["path"]] = _score(row.get("score"))
        with open(findings_path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    path, fingerprint, rule = item["path"], item["fingerprint"], item["rule"]
                except (ValueError, KeyError, TypeError):
                    raise CompareError(f"{findings_path}:{number}: not a finding as an audit writes it") from None
                previous.findings.setdefault(path, {})[fingerprint] = rule
    except OSError as exc:
        raise CompareError(f"cannot read {exc.filename or folder}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CompareError(f"{folder}: findings.jsonl or articles.csv is not UTF-8 text") from None
    return previous


@dataclass
class Change:
    """One article's change: ``status`` is added, changed or same; counts of new/fixed/unchanged findings."""

    status: str
    new: int = 0
    fixed: int = 0
    unchanged: int = 0
    previous_score: float | None = None
    fixed_rules: dict[str, int] = field(default_factory=dict)
    new_fingerprints: set[str] = field(default_factory=set)


class Comparison:
    """Fed each article of the new audit in turn; totals and per-rule counts as it goes."""

    def __init__(self, previous: Previous):
        self.previous = previous
        self.seen: set[str] = set()
        self.totals: Counter = Counter()
        self.new_by_rule: Counter = Counter()
        self.fixed_by_rule: Counter = Counter()

    def article(self, path: str, findings: list[dict], checked: bool = True) -> Change:
        """The change for one article (``findings`` as dicts with ``fingerprint`` and ``rule``)."""
        self.seen.add(path)
        if path not in self.previous.scores and path not in self.previous.findings:
            change = Change("added", new=len(findings), new_fingerprints={f["fingerprint"] for f in findings})
            self.totals["added"] += 1
            self.totals["new"] += len(findings)
            self.new_by_rule.update(f["rule"] for f in findings)
            return change
        before = self.previous.findings.get(path, {})
        now = {f["fingerprint"]: f["rule"] for f in findings}
        change = Change("same", previous_score=self.previous.scores.get(path))
        if not checked:  # unreadable this time: nothing is known to be fixed or new
            self.totals["same"] += 1
            return change
        for fingerprint, rule in now.items():
            if fingerprint in before:
                change.unchanged += 1
            else:
                change.new += 1
                change.new_fingerprints.add(fingerprint)
                self.new_by_rule[rule] += 1
        fixed = Counter(rule for fingerprint, rule in before.items() if fingerprint not in now)
        change.fixed, change.fixed_rules = sum(fixed.values()), dict(fixed)
        self.fixed_by_rule.update(fixed)
        if change.new or change.fixed:
            change.status = "changed"
        self.totals["new"] += change.new
        self.totals["fixed"] += change.fixed
        self.totals["unchanged"] += change.unchanged
        self.totals[change.status] += 1
        return change

    def removed(self) -> list[str]:
        """Paths of the previous audit that this one did not see (call after the last article)."""
        return sorted(p for p in set(self.previous.scores) | set(self.previous.findings) if p not in self.seen)

    def summary(self) -> dict:
        removed = self.removed()
        return {"previous": self.previous.folder, "new": self.totals["new"], "fixed": self.totals["fixed"],
                "unchanged": self.totals["unchanged"], "articles_added": self.totals["added"],
                "articles_changed": self.totals["changed"], "articles_same": self.totals["same"],
                "articles_removed": len(removed), "removed": removed[:200],
                "new_by_rule": dict(self.new_by_rule.most_common()),
                "fixed_by_rule": dict(self.fixed_by_rule.most_common())}
