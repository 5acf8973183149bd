"""The article quality score: 0-100 from an article's findings, with the costs that explain it.

Used to rank articles in audits and shown by every reporter (``FileResult.extra["score"]`` and
``extra["score_breakdown"]``). The formula (documented in README, "Quality score"):

* every finding costs ``SEVERITY_POINTS[severity] * CATEGORY_WEIGHT[category]``;
* one rule costs at most ``RULE_CAP`` points in one article, so a noisy rule (or one that
  fires on every sentence of a long article) cannot sink the score alone: a low score needs
  several independent kinds of problem;
* one category costs at most ``CATEGORY_CAP[category]`` (its rules are scaled down together
  when they exceed it), so that, for example, readability and byline issues cannot outweigh
  false health claims;
* score = 100 - total cost, rounded, floored at 0.

Findings count as reported: after severity overrides from the config, and without the ones an
inline ``healthlint-disable`` comment suppressed. ``NOT_SCORED`` rules (HL590, an unused
suppression comment) are about the linter's configuration, not the article, and cost nothing.

The weights follow what a medical editor weighs most: misleading health claims and spam
(they can harm or deceive readers) above wrong definitions, above made-up technique names
and article-level gaps (sources, byline, readability). They are not tuned to any corpus.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

SEVERITY_POINTS = {"error": 8.0, "warning": 4.0, "info": 1.0}
CATEGORY_WEIGHT = {"claim": 1.5, "spam": 1.5, "definition": 1.25, "technique": 1.0, "document": 1.0}
RULE_CAP = 25.0
CATEGORY_CAP = {"claim": 40.0, "spam": 40.0, "definition": 30.0, "technique": 25.0, "document": 25.0}
DEFAULT_WEIGHT, DEFAULT_CAP = 1.0, 25.0  # a category a plugin might add
NOT_SCORED = {"HL590"}  # findings about the linter's own configuration (unused suppressions), not the article


def cost(finding) -> float:
    """What one finding costs before caps."""
    return SEVERITY_POINTS.get(finding.severity, 1.0) * CATEGORY_WEIGHT.get(finding.category, DEFAULT_WEIGHT)


def _round_to(values: list[float], total: int) -> list[int]:
    """Round ``values`` to integers that add up to ``total`` (largest remainder)."""
    floors = [int(v) for v in values]
    rest = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: values[i] - floors[i], reverse=True)
    for i in order[:max(0, rest)]:
        floors[i] += 1
    return floors


def score(findings: Iterable) -> tuple[int, list[dict]]:
    """``(score, breakdown)``; breakdown entries ``{"reason", "points", "rule", "category", "findings"}``,
    costliest first, with ``points`` negative and ``100 + sum(points) == score`` (unless floored at 0)."""
    by_rule: dict[str, list] = defaultdict(list)
    for f in findings:
        if f.rule not in NOT_SCORED:
            by_rule[f.rule].append(f)
    rules = []
    for code, items in by_rule.items():
        raw = sum(cost(f) for f in items)
        rules.append({"rule": code, "name": items[0].name, "category": items[0].category, "items": items,
                      "cost": min(raw, RULE_CAP), "rule_capped": raw > RULE_CAP})
    capped_categories = set()
    by_category: dict[str, list] = defaultdict(list)
    for r in rules:
        by_category[r["category"]].append(r)
    for category, members in by_category.items():
        cap = CATEGORY_CAP.get(category, DEFAULT_CAP)
        total = sum(r["cost"] for r in members)
        if total > cap:
            capped_categories.add(category)
            for r in members:
                r["cost"] *= cap / total
    rules.sort(key=lambda r: (-r["cost"], r["rule"]))
    total = round(sum(r["cost"] for r in rules))
    points = _round_to([r["cost"] for r in rules], total)
    breakdown = []
    for r, p in zip(rules, points):
        n = len(r["items"])
        severities = defaultdict(int)
        for f in r["items"]:
            severities[f.severity] += 1
        detail = ", ".join(f"{severities[s]} {s}" for s in ("error", "warning", "info") if severities[s])
        reason = f"{r['rule']} {r['name']}: {n} finding{'s' if n != 1 else ''} ({detail}, {r['category']})"
        if r["rule_capped"]:
            reason += f"; capped at {RULE_CAP:g} per rule"
        if r["category"] in capped_categories:
            reason += f"; {r['category']} capped at {CATEGORY_CAP.get(r['category'], DEFAULT_CAP):g}"
        breakdown.append({"reason": reason, "points": -p, "rule": r["rule"], "category": r["category"],
                          "findings": n})
    return max(0, 100 - total), breakdown


def attach(result) -> None:
    """Set ``extra["score"]`` and ``extra["score_breakdown"]`` on a checked ``FileResult``."""
    if result.checked:
        value, breakdown = score(result.findings)
        result.extra["score"] = value
        result.extra["score_breakdown"] = breakdown


def summary(extra: dict, top: int = 3) -> str:
    """``"quality score 23/100 (HL101 overclaim -18, HL405 scraper-residue -6, ...)"`` for one-line reports."""
    if "score" not in extra:
        return ""
    costs = [b for b in extra.get("score_breakdown", []) if b.get("points")]
    text = f"quality score {extra['score']}/100"
    if costs:
        parts = [f"{b['rule']} {b['points']}" for b in costs[:top]]
        if len(costs) > top:
            parts.append(f"{len(costs) - top} more {sum(b['points'] for b in costs[top:])}")
        text += " (" + ", ".join(parts) + ")"
    return text
