"""How the services that read healthlint's machine reports read them, for the tests.

Each function reads a report as its consumer does and fails the test where the consumer would
reject it: SARIF against the OASIS schema, GitLab Code Quality against GitLab's own entry schema and
its documented report format, JUnit with junitparser (the library CI dashboards' importers resemble),
GitHub workflow commands with the GitHub Actions runner's own parsing rules.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
WORKFLOW_COMMANDS = {"error", "warning", "notice"}


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _errors(draft: str, schema: dict, data) -> list:
    """Schema violations of ``data``; ``draft`` names the jsonschema validator (the schema's draft)."""
    jsonschema = pytest.importorskip("jsonschema")
    validator_class = getattr(jsonschema, draft)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return sorted(validator.iter_errors(data), key=str)


def validate_sarif(log: dict) -> None:
    """OASIS SARIF 2.1.0 (draft-04 schema)."""
    errors = _errors("Draft4Validator", _schema("sarif-schema-2.1.0.json"), log)
    assert not errors, errors[0]


def validate_gitlab(report) -> None:
    """GitLab Code Quality: the documented report format, and GitLab's own schema for every entry
    (GitLab's parser stops at the first entry that fails it)."""
    errors = _errors("Draft7Validator", _schema("gitlab-code-quality-report.schema.json"), report)
    assert not errors, errors[0]
    entry_schema = _schema("gitlab-codeclimate.schema.json")
    for entry in report:
        errors = _errors("Draft7Validator", entry_schema, entry)
        assert not errors, errors[0]
    fingerprints = [entry["fingerprint"] for entry in report]
    assert len(fingerprints) == len(set(fingerprints)), "GitLab would merge issues that share a fingerprint"


def read_junit(path_or_text: str | Path):
    """The JUnit report as junitparser reads it: a list of (case name, [(kind, type, message, text)], system-out)."""
    junitparser = pytest.importorskip("junitparser")
    if isinstance(path_or_text, Path):
        xml = junitparser.JUnitXml.fromfile(str(path_or_text))
    else:
        xml = junitparser.JUnitXml.fromstring(path_or_text)
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = []
    for suite in suites:
        for case in suite:
            results = [(type(r).__name__.lower(), r.type, r.message, r.text) for r in case.result]
            cases.append((case.name, results, case.system_out))
    return suites, cases


def _unescape(text: str, mappings: list[tuple[str, str]]) -> str:
    for escaped, token in mappings:
        text = text.replace(escaped, token)
    return text


DATA_MAPPINGS = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
PROPERTY_MAPPINGS = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]


def parse_workflow_command(line: str) -> dict | None:
    """One line as the GitHub Actions runner parses it (ActionCommand.TryParseV2 in actions/runner,
    src/Runner.Common/ActionCommand.cs): ``::name k=v,k=v::data``; properties split at ``,`` then at
    the first ``=``, then unescaped (``%0D %0A %3A %2C %25``); the data unescaped (``%0D %0A %25``)."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    if name not in WORKFLOW_COMMANDS:
        return None
    properties = {}
    for item in filter(None, props.strip().split(",")):
        key, sep, value = item.partition("=")
        if sep and key and value:
            properties[key] = _unescape(value, PROPERTY_MAPPINGS)
    return {"command": name, "properties": properties, "data": _unescape(message[end + 2:], DATA_MAPPINGS)}


def read_annotations(output: str) -> list[dict]:
    """Every annotation in a step's output; a line starting ``::`` that the runner cannot read fails."""
    annotations = []
    for line in output.splitlines():
        if line.startswith("::"):
            parsed = parse_workflow_command(line)
            assert parsed is not None, f"the runner would not read this line as an annotation: {line!r}"
            annotations.append(parsed)
    return annotations
