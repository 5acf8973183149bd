"""``audit --compare PREVIOUS`` (healthlint.audit.compare): new, fixed and unchanged findings.

Findings are matched by article path and fingerprint; an article that is new counts as added
(its findings new), one that is gone as removed (its findings not "fixed").
"""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from audit_fixtures import CLEAN_TEXT, RUN_AFTER, read_findings, steady_code  # noqa: F401 - fixtures

from healthlint.audit.compare import CompareError, Comparison, Previous, load_previous
from healthlint.cli import cli


def finding(rule: str, fingerprint: str) -> dict:
    return {"rule": rule, "fingerprint": fingerprint}


def test_comparison_counts_per_article_per_rule_and_in_total():
    previous = Previous("old", findings={"a.md": {"f1": "HL405", "f2": "HL101"}, "gone.md": {"f9": "HL101"}},
                        scores={"a.md": 70, "b.md": 100, "gone.md": 40, "broken.md": 55})
    comparison = Comparison(previous)
    a = comparison.article("a.md", [finding("HL405", "f1"), finding("HL405", "f3"), finding("HL402", "f4")])
    assert (a.status, a.new, a.fixed, a.unchanged, a.previous_score) == ("changed", 2, 1, 1, 70)
    assert a.fixed_rules == {"HL101": 1} and a.new_fingerprints == {"f3", "f4"}
    b = comparison.article("b.md", [])
    assert (b.status, b.new, b.fixed) == ("same", 0, 0)
    c = comparison.article("c.md", [finding("HL101", "f5")])
    assert (c.status, c.new) == ("added", 1)
    broken = comparison.article("broken.md", [], checked=False)  # unreadable now: nothing known to be fixed
    assert (broken.status, broken.fixed) == ("same", 0)
    assert comparison.removed() == ["gone.md"]
    summary = comparison.summary()
    assert (summary["new"], summary["fixed"], summary["unchanged"]) == (3, 1, 1)
    assert (summary["articles_added"], summary["articles_changed"], summary["articles_same"],
            summary["articles_removed"]) == (1, 1, 2, 1)
    assert summary["new_by_rule"] == {"HL405": 1, "HL402": 1, "HL101": 1} and summary["fixed_by_rule"] == {"HL101": 1}


def test_a_folder_that_is_not_an_audit_is_refused(tmp_path):
    with pytest.raises(CompareError, match="not the output folder of an audit"):
        load_previous(str(tmp_path))
    (tmp_path / "articles.csv").write_text("id,path,score\n", encoding="utf-8")
    (tmp_path / "findings.jsonl").write_text('{"no": "fingerprint"}\n', encoding="utf-8")
    with pytest.raises(CompareError, match=r"findings.jsonl:1: not a finding"):
        load_previous(str(tmp_path))


def audit_cli(*args):
    return CliRunner().invoke(cli, ["audit", *map(str, args), "-j", "1", "-q", "--article-timeout", "0",
                                    "--select", "HL405,HL402"])


def test_compare_with_the_previous_audit_end_to_end(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "run.md").write_text(RUN_AFTER, encoding="utf-8")  # residue: will be fixed
    (site / "calm.txt").write_text(CLEAN_TEXT, encoding="utf-8")  # clean: will get spam
    (site / "both.txt").write_text(CLEAN_TEXT + "\nLeave a Reply\n", encoding="utf-8")  # unchanged finding
    (site / "old.txt").write_text(CLEAN_TEXT + "\nRead More »\n", encoding="utf-8")  # will be deleted
    assert audit_cli(site, "-o", tmp_path / "one").exit_code == 1
    (site / "run.md").write_text(RUN_AFTER.replace("Read More »", ""), encoding="utf-8")
    (site / "calm.txt").write_text(CLEAN_TEXT + "\nBest massage in Busan 출장안마 call now.\n", encoding="utf-8")
    (site / "both.txt").write_text("New first line.\n\n" + CLEAN_TEXT + "\nLeave a Reply\n", encoding="utf-8")
    (site / "old.txt").unlink()
    (site / "new.md").write_text("# New\n\nSome text.\n\nContinue reading\n", encoding="utf-8")
    result = audit_cli(site, "-o", tmp_path / "two", "--compare", tmp_path / "one")
    assert result.exit_code == 1, result.output
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in csv.DictReader(open(tmp_path / "two" / "compare.csv"))}
    assert (rows["run.md"]["status"], rows["run.md"]["fixed"], rows["run.md"]["new"]) == ("changed", "1", "0")
    assert rows["calm.txt"]["status"] == "changed" and int(rows["calm.txt"]["new"]) >= 1
    assert (rows["both.txt"]["status"], rows["both.txt"]["unchanged"]) == ("same", "1")  # moved, not new
    assert (rows["new.md"]["status"], rows["new.md"]["new"]) == ("added", "1")
    assert rows["old.txt"]["status"] == "removed"
    meta = json.loads((tmp_path / "two" / "audit.json").read_text())["compare"]
    assert meta["fixed"] == 1 and meta["unchanged"] == 1 and meta["articles_removed"] == 1
    assert f"{meta['new']} new, 1 fixed, 1 unchanged findings since {tmp_path / 'one'}" in result.stdout
    changes = {f["path"].rsplit("/", 1)[-1]: f["change"] for f in read_findings(tmp_path / "two")}
    assert changes["both.txt"] == "unchanged" and changes["new.md"] == "new" and changes["calm.txt"] == "new"
    index = (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert "Changes since the previous audit" in index and "compare.csv" in index
    # comparing with the output folder itself: with what was there before this run
    same = audit_cli(site, "-o", tmp_path / "two", "--compare", tmp_path / "two")
    assert same.exit_code == 1 and "0 new, 0 fixed" in same.stdout
    # an audit without --compare drops the old comparison
    assert audit_cli(site, "-o", tmp_path / "two").exit_code == 1
    assert not (tmp_path / "two" / "compare.csv").exists()
    assert "change" not in read_findings(tmp_path / "two")[0]


def test_compare_with_a_folder_that_is_not_an_audit(tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    result = audit_cli(tmp_path / "a.txt", "-o", tmp_path / "out", "--compare", tmp_path)
    assert result.exit_code == 2 and "not the output folder of an audit" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was written
