"""SARIF 2.1.0: the format GitHub code scanning and other review tools read.

One run; the driver lists every rule with its documentation (the rule docstring) as help, its
evidence URL as helpUri and its default level; each finding is a result with a region in the file
(1-based lines, columns in Unicode code points, as the text report) and the engine's fingerprint as
a partial fingerprint, so code scanning tracks a finding across commits. Files that could not be
checked become tool notifications and mark the invocation unsuccessful.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import healthlint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/healthlint/"


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository root)."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(Path(path).as_posix(), safe="/")


def _rule(cls) -> dict:
    doc = cls.doc()
    entry = {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary() or cls.name},
        "fullDescription": {"text": doc or cls.summary() or cls.name},
        "help": {"text": doc or cls.summary() or cls.name, "markdown": _help_markdown(cls, doc)},
        "defaultConfiguration": {"level": LEVELS[cls.severity]},
        "properties": {"category": cls.category, "tags": ["health-content", cls.category]},
    }
    if cls.reference:
        entry["helpUri"] = cls.reference
    return entry


def _help_markdown(cls, doc: str) -> str:
    lines = [f"**{cls.code} {cls.name}** ({cls.category}, default severity {cls.severity})", ""]
    for line in doc.splitlines():
        lines.append(f"- {line}" if line.startswith(("Bad", "Good")) else line)
    if cls.reference:
        lines += ["", f"Reference: <{cls.reference}>"]
    return "\n".join(lines)


def _result(f, rule_index: dict[str, int]) -> dict:
    region = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1),
              "charOffset": f.start, "charLength": max(f.end - f.start, 0)}
    if f.end_line >= f.line and f.end > f.start:
        region["endLine"] = f.end_line
        region["endColumn"] = max(f.end_column, 1)
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
    result = {
        "ruleId": f.rule,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
        "properties": {"category": f.category, "severity": f.severity},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.fingerprint:
        result["partialFingerprints"] = {"healthlint/v1": f.fingerprint}
    if f.suggestion:
        result["properties"]["suggestion"] = f.suggestion
    if f.reference:
        result["properties"]["reference"] = f.reference
    return result


def as_data(result) -> dict:
    rules = list(result.rules.values())
    rule_index = {cls.code: i for i, cls in enumerate(rules)}
    results = [_result(f, rule_index) for file in result.files for f in file.findings]
    notifications = [{"level": "error", "message": {"text": err["message"]},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(err["path"])}}}]}
                     for err in result.errors]
    run = {
        "tool": {"driver": {"name": "healthlint", "version": healthlint.__version__,
                            "semanticVersion": healthlint.__version__, "informationUri": INFORMATION_URI,
                            "rules": [_rule(cls) for cls in rules]}},
        "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result, **_) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
