"""Shared knowledge is stored once (issue 14): a family reuses a shared list instead of copying it.

Two copies of one fact drift apart and disagree in one run (a footnote "cited" for one rule and
"no source anywhere" for the next). Shared facts live in ``rules/data/shared/``; these checks fail
when another list repeats most of a shared list (use ``include: [<id>]``), or when evidence domains
are spelt out anywhere but ``shared/sources.yaml`` (use ``healthlint.evidence.sources()``).
"""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from healthlint.knowledge import data_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = data_dir()
SHARED = DATA / "shared"
OVERLAP_TERMS, OVERLAP_SHARE = 5, 0.6  # this many terms, and this share of the smaller list, is a copy


def own_lists() -> dict[str, set[str]]:
    """Each lexicon list's own terms (before include/collect), keyed by file:id."""
    out = {}
    for path in sorted(DATA.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == "lexicon":
            for item in data.get("lists") or []:
                terms = {t.lower() for t in item.get("terms") or [] if isinstance(t, str)}
                if terms:
                    out[f"{path.relative_to(DATA).as_posix()}:{item['id']}"] = terms
    return out


def copies(lists: dict[str, set[str]]) -> list[str]:
    found = []
    names = sorted(lists)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if not (a.startswith("shared/") or b.startswith("shared/")):
                continue
            common = lists[a] & lists[b]
            if len(common) >= OVERLAP_TERMS and len(common) >= OVERLAP_SHARE * min(len(lists[a]), len(lists[b])):
                found.append(f"{a} and {b} share {len(common)} terms, e.g. {sorted(common)[:4]}")
    return found


def test_the_check_sees_a_copied_list():
    shared = {"shared/health.yaml:condition": {"flu", "gout", "asthma", "lupus", "eczema", "acne"}}
    copied = {"article/lexicon.yaml:illness": {"flu", "gout", "asthma", "lupus", "eczema"}}
    unrelated = {"claims/lexicon.yaml:cure-verb": {"cure", "heal", "fix", "eczema"}}
    assert len(copies({**shared, **copied})) == 1
    assert copies({**shared, **unrelated}) == []


def test_no_list_repeats_a_shared_list():
    assert copies(own_lists()) == []


def evidence_domains() -> set[str]:
    data = yaml.safe_load((SHARED / "sources.yaml").read_text(encoding="utf-8"))
    return {d.lower() for group in data["domains"] if group.get("evidence") for d in group["domains"]}


def test_evidence_domains_are_spelt_out_only_in_the_shared_sources():
    domains = evidence_domains()
    found = []
    for path in sorted(DATA.rglob("*.yaml")):
        if path == SHARED / "sources.yaml":
            continue
        def values(node, key=None):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k not in ("source", "sources", "url", "reference"):  # citing a page is not listing domains
                        yield from values(v, k)
            elif isinstance(node, list):
                for v in node:
                    yield from values(v, key)
            elif isinstance(node, str):
                yield node
        listed = {v.lower() for v in values(yaml.safe_load(path.read_text(encoding="utf-8")))} & domains
        if len(listed) >= 2:
            found.append(f"{path.relative_to(DATA)}: {sorted(listed)}")
    for path in sorted([*(ROOT / "rules").glob("*.py"), *(ROOT / "linter").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                plain = node.value.replace("\\", "").lower()  # a regex alternation of domains
                named = {d for d in domains if d in plain}
                if len(named) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(named)}")
    assert found == []
