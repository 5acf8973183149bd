"""Near-duplicate articles (healthlint.audit.duplicates): MinHash over 3-word shingles, LSH banding.

The texts are generated from sentences written for these tests (audit_fixtures.generated_text);
"spun" copies swap some words for synonyms, as article spinners do.
"""
from __future__ import annotations

import csv
import random
import subprocess
import sys

from audit_fixtures import audit, generated_text, spun, steady_code  # noqa: F401 - fixtures

from healthlint.audit.duplicates import find_groups, signature, similarity


def test_signatures_estimate_similarity():
    rng = random.Random(1)
    text = generated_text(rng)
    assert signature("Read more") is None  # a snippet is nobody's copy
    assert similarity(signature(text), signature(text)) == 1.0
    assert similarity(signature(text), signature(text.upper())) == 1.0  # case does not matter
    copies = [similarity(signature(text), signature(spun(text, random.Random(k), 0.15))) for k in range(5)]
    assert all(0.45 <= s < 1.0 for s in copies), copies
    others = [similarity(signature(text), signature(generated_text(rng))) for _ in range(50)]
    assert max(others) < 0.2, max(others)


def test_signatures_are_the_same_in_every_process():
    text = generated_text(random.Random(2))
    code = ("import sys, json; from healthlint.audit.duplicates import signature; "
            "print(json.dumps(signature(sys.stdin.read())))")
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    assert other.stdout.strip() == str(signature(text)).replace(" ", "").replace(",", ", ")


def test_groups_are_the_planted_copies_and_nothing_else():
    rng = random.Random(3)
    items, planted = [], {}
    for base in range(4):
        text = generated_text(rng)
        for copy in range(3 + base):
            key = f"g{base}-c{copy}"
            planted[key] = base
            items.append((key, signature(text if copy == 0 else spun(text, rng, 0.1))))
    items += [(f"single-{i}", signature(generated_text(rng))) for i in range(300)]
    rng.shuffle(items)
    position = {key: i for i, (key, _) in enumerate(items)}
    groups = find_groups(items, threshold=0.3)
    assert [len(g.members) for g in groups] == [6, 5, 4, 3]  # largest first
    for g in groups:
        keys = [key for key, _ in g.members]
        assert len({planted[key] for key in keys}) == 1  # one planted text per group
        assert position[keys[0]] == min(position[k] for k in keys) and g.members[0][1] == 1.0  # the earliest leads
        assert all(s >= 0.3 for _, s in g.members[1:])
    assert [g.number for g in groups] == [1, 2, 3, 4]
    assert find_groups(items[:1]) == [] and find_groups(items, threshold=1.0) == []


def test_an_audit_reports_its_duplicate_groups(tmp_path):
    rng = random.Random(4)
    folder = tmp_path / "site"
    folder.mkdir()
    original = generated_text(rng)
    (folder / "a-original.md").write_text("# Original\n\n" + original + "\n", encoding="utf-8")
    for k in range(3):
        (folder / f"b-copy-{k}.md").write_text(f"# Copy {k}\n\n" + spun(original, rng, 0.1) + "\n", encoding="utf-8")
    for k in range(5):
        (folder / f"c-other-{k}.md").write_text(f"# Other {k}\n\n" + generated_text(rng) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = audit([folder], out)
    assert [len(g.members) for g in summary.duplicate_groups] == [4]
    rows = list(csv.DictReader(open(out / "duplicates.csv", encoding="utf-8")))
    assert [r["path"].rsplit("/", 1)[1] for r in rows] == ["a-original.md", "b-copy-0.md", "b-copy-1.md", "b-copy-2.md"]
    assert rows[0]["original"] == "yes" and rows[0]["similarity"] == "1.0" and rows[0]["copies"] == "4"
    assert all(0.3 <= float(r["similarity"]) < 1 for r in rows[1:])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Group 1: 4 copies" in index
    off = audit([folder], tmp_path / "off", duplicate_threshold=None)
    assert off.duplicate_groups == [] and not (tmp_path / "off" / "duplicates.csv").exists()
