"""Baselines end to end: record today's findings, then fail only on new ones; fingerprints survive edits
elsewhere in an article and change when the flagged text changes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli

ARTICLE = ("# Massage and stress\n\n"
           "A massage may ease stress for a while.\n\n"
           "Report Page\n\n"
           "Gentle stretching helps some people with stiff shoulders.\n\n"
           "Read more\n")


def check(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL405,HL590", *args])


def reported(result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(Path(file["path"]).name, f["excerpt"]) for file in data["files"] for f in file["findings"]]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "stress.md").write_text(ARTICLE, encoding="utf-8")
    (content / "sleep.txt").write_text("Sleep and recovery\n\nSleep helps recovery.\n\nReport Page\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_then_check_against_the_baseline(repo):
    written = check("content", "--write-baseline", "healthlint-baseline.json")
    assert written.exit_code == 0, written.output
    assert "wrote 3 findings to healthlint-baseline.json" in written.stderr
    data = json.loads((repo / "healthlint-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {(e["path"], e["rule"]) for e in data["findings"]} == \
        {("content/stress.md", "HL405"), ("content/sleep.txt", "HL405")}
    assert all(len(e["fingerprint"]) == 20 for e in data["findings"])

    again = check("--format", "json", "content", "--baseline", "healthlint-baseline.json")
    assert again.exit_code == 0 and reported(again) == []
    assert "3 findings hidden by the baseline" in again.stderr
    assert check("content").exit_code == 1  # without the baseline the old debt still shows


def test_edits_elsewhere_keep_findings_baselined(repo):
    check("content", "--write-baseline", "baseline.json")
    moved = ("# Massage and stress\n\nA new opening paragraph about desk work.\n\nRead more\n\n"
             "A massage may ease stress for a while, as many readers tell us.\n\n"
             "Gentle stretching helps some people with stiff shoulders.\n\n\n\nReport Page\n")
    (repo / "content" / "stress.md").write_text(moved, encoding="utf-8")
    result = check("--format", "json", "content", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert reported(result) == []


def test_new_and_changed_findings_are_reported(repo):
    check("content", "--write-baseline", "baseline.json")
    changed = ARTICLE.replace("Read more", "Continue reading") + "\nReport Page\n"
    (repo / "content" / "stress.md").write_text(changed, encoding="utf-8")
    result = check("--format", "json", "content", "--baseline", "baseline.json")
    assert result.exit_code == 1
    # the reworded residue is new; of two identical lines, the second is the new one
    assert reported(result) == [("stress.md", "Continue reading"), ("stress.md", "Report Page")]
    assert "1 baselined finding no longer occurs" in result.stderr


def test_whitespace_and_case_changes_do_not_make_a_finding_new(repo):
    check("content", "--write-baseline", "baseline.json")
    (repo / "content" / "stress.md").write_text(ARTICLE.replace("Report Page", "report   page"), encoding="utf-8")
    assert check("content", "--baseline", "baseline.json").exit_code == 0


def test_baseline_paths_are_relative_to_the_baseline_file(repo, monkeypatch):
    check("content", "--write-baseline", "baseline.json")
    monkeypatch.chdir(repo / "content")
    result = check("--format", "json", ".", "--baseline", str(repo / "baseline.json"))
    assert result.exit_code == 0 and reported(result) == []


def test_bad_baseline_files_exit_2(repo):
    missing = check("content", "--baseline", "nope.json")
    assert missing.exit_code == 2 and "nope.json: baseline file not found" in missing.stderr
    (repo / "broken.json").write_text("{not json", encoding="utf-8")
    broken = check("content", "--baseline", "broken.json")
    assert broken.exit_code == 2 and "not a healthlint baseline" in broken.stderr
    (repo / "old.json").write_text('{"version": 99, "findings": []}', encoding="utf-8")
    assert "re-create it with --write-baseline" in check("content", "--baseline", "old.json").stderr


def test_fingerprints_in_json_survive_moves_and_change_with_the_text(tmp_path):
    path = tmp_path / "a.md"

    def fingerprints(text: str) -> dict[str, str]:
        path.write_text(text, encoding="utf-8")
        data = json.loads(check("--format", "json", str(path)).stdout)
        return {f["excerpt"]: f["fingerprint"] for f in data["files"][0]["findings"]}

    before = fingerprints(ARTICLE)
    after = fingerprints("# New title\n\nAn added paragraph.\n\n" + ARTICLE.replace("\n\n", "\n\n\n"))
    assert before == after and len(set(before.values())) == 2
    reworded = fingerprints(ARTICLE.replace("Read more", "Continue reading"))
    assert reworded["Report Page"] == before["Report Page"]
    assert reworded["Continue reading"] not in before.values()


TWO_CLAIMS = ("# Knots\n\nTrigger point therapy removes knots permanently and flushes the toxins out of your "
              "muscles.\n\nRest well after a session.\n")


def claims(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL1", *args])


def test_fixing_one_claim_of_a_clause_keeps_the_others_baselined(tmp_path, monkeypatch):
    """A claim finding flags its whole clause (or sentence); fixing the permanence claim in it changes that
    text, yet the untouched toxin claim is the same finding, not a new one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "knots.md").write_text(TWO_CLAIMS, encoding="utf-8")
    before = json.loads(claims("--format", "json", "knots.md").stdout)["files"][0]["findings"]
    toxins = next(f for f in before if f["rule"] == "HL105")
    assert "permanently" in toxins["excerpt"]  # the flagged text spans both claims
    assert claims("knots.md", "--write-baseline", "baseline.json").exit_code == 0

    fixed = TWO_CLAIMS.replace("removes knots permanently", "may ease knots for a while")
    (tmp_path / "knots.md").write_text(fixed, encoding="utf-8")
    after = json.loads(claims("--format", "json", "knots.md").stdout)["files"][0]["findings"]
    assert [f["rule"] for f in after] == ["HL105"] and after[0]["fingerprint"] != toxins["fingerprint"]
    result = claims("--format", "json", "knots.md", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert reported(result) == []
    assert "1 finding hidden by the baseline" in result.stderr


def test_a_replaced_claim_is_new_even_in_the_same_clause(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "knots.md").write_text(TWO_CLAIMS, encoding="utf-8")
    claims("knots.md", "--write-baseline", "baseline.json")
    other = TWO_CLAIMS.replace("Trigger point therapy removes knots permanently and flushes the toxins out of your "
                               "muscles", "Cupping cures arthritis for good")
    (tmp_path / "knots.md").write_text(other, encoding="utf-8")
    result = claims("--format", "json", "knots.md", "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert reported(result) and all(e.startswith("Cupping cures arthritis for good") for _, e in reported(result))


def test_edit_matching_pairs_one_finding_with_one_entry():
    from healthlint.baseline import _not_edits
    from healthlint.finding import Finding

    old = "massage removes knots permanently and flushes the toxins out of your muscles"
    leftover = {("a.md", "HL105"): [{"excerpt": old}, {"excerpt": old}]}
    new = Finding("HL105", "claim", "error", "m", 0, 1, excerpt="Massage eases knots and flushes the toxins out of "
                  "your muscles")
    unrelated = Finding("HL105", "claim", "error", "m", 0, 1, excerpt="Cupping drains lymph from the legs")
    assert _not_edits([new, unrelated], leftover, "a.md") == [unrelated]
    assert leftover[("a.md", "HL105")] == [{"excerpt": old}]  # one entry used up, one still stale


def test_a_baseline_without_excerpts_still_matches_exactly(repo):
    check("content", "--write-baseline", "baseline.json")
    data = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    for entry in data["findings"]:
        entry.pop("excerpt")
    (repo / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    assert check("content", "--baseline", "baseline.json").exit_code == 0
