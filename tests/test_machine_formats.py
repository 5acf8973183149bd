"""Machine formats end to end, each read as its consumer reads it (tests/ci_consumers.py): SARIF 2.1.0
against the OASIS schema, GitLab Code Quality against GitLab's schema, JUnit with junitparser, GitHub
workflow commands with the runner's parsing rules; and --statistics next to a machine format.

The schemas are vendored in tests/data (see tests/data/README.md for their sources)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ci_consumers import read_annotations, read_junit, validate_gitlab, validate_sarif
from healthlint.cli import cli
from healthlint.reports.github import escape_data, escape_property

RESIDUE = "# Massage and stress\n\nA massage may ease stress for a while.\n\nReport Page\n"


def check(*args: str, select: str = "HL405,HL590"):
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", select, *args])


@pytest.fixture
def repo(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "stress.md").write_text(RESIDUE, encoding="utf-8")
    (content / "clean.md").write_text("# Stretching\n\nGentle stretching may ease stiffness.\n", encoding="utf-8")
    (content / "unused.md").write_text("# Sleep\n\n<!-- healthlint-disable-next-line HL405 -->\nSleep helps.\n",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- SARIF ---------------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(repo):
    result = check("--format", "sarif", "content")
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    validate_sarif(log)

    run = log["runs"][0]
    assert "informationUri" not in run["tool"]["driver"]  # healthlint declares no home page (yet)
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    residue = rules["HL405"]
    assert residue["name"] == "scraper-residue"
    assert residue["help"]["text"].startswith("Flags page furniture copied with the text")
    assert "Bad:" in residue["help"]["text"]
    assert residue["helpUri"].startswith("https://")
    assert rules["HL590"]["defaultConfiguration"]["level"] == "note"
    assert rules["HL590"]["helpUri"].startswith("https://")
    assert "healthlint-disable" in rules["HL590"]["help"]["markdown"]

    by_rule = {r["ruleId"]: r for r in run["results"]}
    found = by_rule["HL405"]
    assert found["level"] == "warning" and run["columnKind"] == "unicodeCodePoints"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "content/stress.md"
    assert location["region"]["startLine"] == 5 and location["region"]["startColumn"] == 1
    assert location["region"]["endColumn"] == 12 and location["region"]["snippet"]["text"] == "Report Page"
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "HL405"
    assert len(found["partialFingerprints"]["healthlint/v1"]) == 20
    assert "suppressions" not in found
    # the residue line has a safe fix (delete it), so SARIF carries it as a replacement with no inserted text
    replacement = found["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"]["startLine"] in (4, 5) and not replacement.get("insertedContent", {}).get("text")
    assert by_rule["HL590"]["level"] == "note"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_help_is_plain_text_and_markdown_for_every_rule():
    log = json.loads(CliRunner().invoke(cli, ["check", "--isolated", "--format", "sarif", "-"],
                                        input="Gentle stretching may ease stiffness.\n").stdout)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        text, markdown = rule["help"]["text"], rule["help"]["markdown"]
        # the docstring's own indentation is gone: its sections start at the margin
        indented = [line for line in text.splitlines() if re.match(r"\s+(Why|Bad|Good|Use instead)\b", line)]
        assert not indented, f"{rule['id']}: help keeps docstring indentation: {indented[0]!r}"
        assert markdown.startswith(f"**{rule['id']} {rule['name']}**"), rule["id"]
        assert "\n**Why:** " in markdown, rule["id"]
        # every example is code, so '<!-- ... -->' in an example cannot vanish as an HTML comment
        outside_code = re.sub(r"``.*?``|`[^`]*`", "", markdown)
        assert "<!--" not in outside_code and "\nBad" not in markdown, rule["id"]
    residue = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "HL405")
    assert "- `Massage can ease stress. ↵ 12 views 0 comments ↵ Recent Posts`" in residue["help"]["markdown"]
    assert "Not flagged:" in residue["help"]["markdown"]


def test_sarif_lists_inline_suppressed_findings_with_their_reason(repo):
    (repo / "content" / "quote.md").write_text(
        "# Scraped pages\n\nSuch pages end with a footer link like this one:\n\n"
        "<!-- healthlint-disable-next-line HL405 -- quoted as an example of scraper residue -->\n"
        "Report Page\n", encoding="utf-8")
    text = check("--no-color", "content/quote.md")
    assert text.exit_code == 0 and "HL405" not in text.stdout  # not reported, not failing the run
    result = check("--format", "sarif", "content/quote.md")
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    validate_sarif(log)
    [found] = log["runs"][0]["results"]
    assert found["ruleId"] == "HL405" and found["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    [suppression] = found["suppressions"]
    assert suppression["kind"] == "inSource" and suppression["status"] == "accepted"
    assert suppression["justification"] == "quoted as an example of scraper residue"
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == 5


def test_sarif_lists_baselined_findings_as_external_suppressions(repo):
    assert check("content", "--write-baseline", "baseline.json").exit_code == 0
    (repo / "content" / "new.md").write_text("# New\n\nMassage may ease stress.\n\nRead more\n", encoding="utf-8")
    result = check("--format", "sarif", "content", "--baseline", "baseline.json")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    validate_sarif(log)
    state = {(Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name, r["ruleId"]):
             [s["kind"] for s in r.get("suppressions", [])] for r in log["runs"][0]["results"]}
    assert state[("stress.md", "HL405")] == ["external"]
    assert state[("new.md", "HL405")] == []


def test_sarif_fixes_come_from_the_findings_repair(tmp_path):
    """A rule that knows a safe repair (Finding.fix) gives SARIF `fixes` with exact regions."""
    from healthlint.config import Settings
    from healthlint.engine import Linter, RunResult
    from healthlint.finding import Edit, Fix
    from healthlint.reports.sarif import as_data
    from healthlint.rule import Rule, all_rules
    from healthlint.sources import Source

    class DoubledWord(Rule):
        """Flags a word typed twice ("the the").

        Why: a typo.
        """

        code, name, category, severity = "HL999", "doubled-word", "document", "warning"

        def check(self, doc):
            for m in re.finditer(r"\b(\w+) \1\b", doc.prose):
                cut = Edit(m.start(1) + len(m.group(1)), m.end(), "")
                yield self.finding(doc, m.start(), m.end(), "Word typed twice.",
                                   fix=Fix("Delete the second copy", [cut]))

    linter = Linter(Settings(select=["HL405"]))
    linter.rules.append(DoubledWord(linter.nlp, linter.settings))
    text = "# Stress\n\nA massage may ease the the stress of a long week.\n"
    files = list(linter.check_sources([Source(path="content/stress.md", data=text.encode())]))
    log = as_data(RunResult(files=files, rules=all_rules(), settings=linter.settings))
    validate_sarif(log)
    [found] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "HL999"]
    [fix] = found["fixes"]
    assert fix["description"]["text"] == "Delete the second copy"
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "content/stress.md"
    [replacement] = change["replacements"]
    region = replacement["deletedRegion"]
    assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == " the"
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 23, 3, 27)
    assert replacement["insertedContent"]["text"] == ""


def test_sarif_information_uri_comes_from_the_package_metadata(monkeypatch):
    from healthlint.reports import sarif

    class Meta:
        def __init__(self, urls):
            self.urls = urls

        def get_all(self, key):
            return self.urls if key == "Project-URL" else None

    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: Meta(["Homepage, https://example.org/healthlint"]))
    assert sarif.information_uri() == "https://example.org/healthlint"
    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: Meta(None))
    assert sarif.information_uri() is None


def test_sarif_reports_unreadable_files_as_notifications(repo):
    (repo / "content" / "empty.md").write_text("", encoding="utf-8")
    (repo / "content" / "odd name, v2.md").write_text(RESIDUE, encoding="utf-8")
    result = check("--format", "sarif", "content")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    validate_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "empty file"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "content/odd%20name%2C%20v2.md" in uris


# -- GitLab Code Quality -------------------------------------------------------------------------

def test_gitlab_code_quality_is_valid_for_gitlab(repo):
    (repo / "content" / "copy.md").write_text(RESIDUE, encoding="utf-8")  # same residue, another file
    (repo / "content" / "empty.txt").write_text("", encoding="utf-8")
    result = check("--format", "gitlab", str(repo / "content"))  # an absolute path, as CI scripts give
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    validate_gitlab(report)
    by_path = {(issue["location"]["path"], issue["check_name"]): issue for issue in report}
    residue = by_path[("content/stress.md", "HL405")]
    assert residue["severity"] == "minor" and residue["description"].startswith("HL405 Page residue")
    assert residue["location"]["positions"] == {"begin": {"line": 5, "column": 1}, "end": {"line": 5, "column": 12}}
    assert by_path[("content/copy.md", "HL405")]["fingerprint"] != residue["fingerprint"]
    assert by_path[("content/unused.md", "HL590")]["severity"] == "info"
    error = by_path[("content/empty.txt", "healthlint-file-error")]
    assert error["severity"] == "critical" and error["location"]["lines"] == {"begin": 1}


def test_gitlab_fingerprints_survive_edits_elsewhere_and_severity_follows_the_config(repo):
    first = {i["check_name"]: i["fingerprint"] for i in json.loads(check("--format", "gitlab", "content/stress.md").stdout)}
    (repo / "content" / "stress.md").write_text("# Massage and stress\n\nA new first paragraph.\n\n" + RESIDUE[21:],
                                                encoding="utf-8")
    (repo / "healthlint.toml").write_text('[severity]\nHL405 = "error"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--select", "HL405", "--format", "gitlab", "content/stress.md"])
    [issue] = json.loads(result.stdout)
    assert issue["fingerprint"] == first["HL405"] and issue["severity"] == "major"
    assert issue["location"]["positions"]["begin"]["line"] == 8


# -- JUnit ---------------------------------------------------------------------------------------

def test_junit_one_testcase_per_file(repo):
    (repo / "content" / "empty.txt").write_text("", encoding="utf-8")
    result = check("--format", "junit", "content")
    assert result.exit_code == 2
    suites, cases = read_junit(result.stdout)
    by_name = {Path(name).name: (results, out) for name, results, out in cases}
    assert set(by_name) == {"clean.md", "empty.txt", "stress.md", "unused.md"}
    # unused.md has only an info finding (HL590): below the default fail-on, so its case passes
    assert (suites[0].tests, suites[0].failures, suites[0].errors) == (4, 1, 1)
    assert by_name["clean.md"] == ([], None)
    [(kind, rule, message, text)] = by_name["stress.md"][0]
    assert kind == "failure" and rule == "HL405" and "line 5" in message and "Report Page" in text
    assert by_name["unused.md"][0] == [] and "HL590 [info]" in by_name["unused.md"][1]
    assert by_name["empty.txt"][0][0][:3] == ("error", "file", "empty file")


@pytest.mark.parametrize("fail_on, exit_code, failures", [("warning", 0, 0), ("info", 1, 1), ("never", 0, 0)])
def test_junit_follows_fail_on(repo, fail_on, exit_code, failures):
    """An article whose only finding is info passes under the default fail-on, as the run does."""
    result = check("--format", "junit", "--fail-on", fail_on, "content/unused.md")
    assert result.exit_code == exit_code
    suites, [(name, results, out)] = read_junit(result.stdout)
    assert suites[0].failures == failures and len(results) == failures
    assert (out is not None) == (failures == 0)


def test_junit_failures_per_finding_and_safe_xml(tmp_path):
    path = tmp_path / "two.txt"
    path.write_bytes(b"Stress\n\nReport Page\n\nRead more\x0b\n")
    result = check("--format", "junit", str(path))
    assert result.exit_code == 1
    _, [(name, results, _)] = read_junit(result.stdout)
    assert [r[1] for r in results] == ["HL405", "HL405"]


# -- GitHub workflow commands ---------------------------------------------------------------------

def test_github_workflow_commands(repo):
    result = check("--format", "github", "content")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::warning file=content/stress.md,line=5,col=1,endLine=5,endColumn=12,"
                        "title=HL405 scraper-residue::Page residue: 'Report Page' is a button, counter, form or "
                        "navigation label of the page the text was copied from, not a sentence of the article."
                        "%0ASuggestion: Delete the residue."
                        "%0AReference: https://developers.google.com/search/docs/essentials/spam-policies"
                        "#scraped-content")
    assert any(line.startswith("::notice file=content/unused.md,line=3,col=1,") for line in lines)
    annotations = read_annotations(result.stdout)
    assert len(annotations) == len(lines)
    first = annotations[0]
    assert first["properties"]["title"] == "HL405 scraper-residue"
    assert first["data"].splitlines()[1] == "Suggestion: Delete the residue."


def test_github_escaping_of_paths_and_messages(repo):
    odd = repo / "content" / "50%, part: two.md"
    odd.write_text(RESIDUE, encoding="utf-8")
    (repo / "content" / "empty.txt").write_text("  \n", encoding="utf-8")
    result = check("--format", "github", "content")
    assert result.exit_code == 2
    assert "::warning file=content/50%25%2C part%3A two.md,line=5,col=1," in result.stdout
    assert "::error file=content/empty.txt,title=healthlint::Could not check this file: empty file" in result.stdout
    decoded = {a["properties"]["file"] for a in read_annotations(result.stdout)}
    assert "content/50%, part: two.md" in decoded and "content/empty.txt" in decoded
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_paths_are_relative_to_the_working_folder(repo):
    result = check("--format", "github", str(repo / "content" / "stress.md"))
    [annotation] = read_annotations(result.stdout)
    assert annotation["properties"]["file"] == "content/stress.md"


# -- --statistics ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab", "junit"])
def test_statistics_go_to_stderr_for_machine_formats(repo, fmt):
    result = check("--format", fmt, "--statistics", "content")
    assert result.exit_code == 1
    assert "HL405  scraper-residue" in result.stderr and "HL590" in result.stderr
    assert "HL405  scraper-residue" not in result.stdout
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(result.stdout)
    if fmt == "junit":
        read_junit(result.stdout)


def test_statistics_in_the_text_report(repo):
    result = check("--statistics", "--no-color", "content")
    assert "     1  HL405  scraper-residue" in result.stdout
