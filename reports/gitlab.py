"""GitLab Code Quality: the JSON report GitLab shows in a merge request's widget and diff.

An array of issues in the subset of the Code Climate format that GitLab documents
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): ``description``,
``check_name``, ``fingerprint``, ``severity``, and ``location`` with a repository-relative ``path`` and
``positions`` (begin and end line and column). GitLab compares a merge request's report with its target
branch's by fingerprint and shows identical fingerprints once, so the fingerprint adds the file's path to
the engine's (which already survives edits elsewhere in the file). A file that could not be checked is a
``critical`` issue on its first line, so the merge request shows it too. Suppressed and baselined findings
are left out: GitLab has no notion of a suppressed issue.
"""
from __future__ import annotations

import hashlib
import json

from .paths import repo_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
FILE_ERROR = "healthlint-file-error"


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _issue(f, path: str) -> dict:
    description = f"{f.rule} {f.message}" + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    end_line, end_column = (f.end_line, f.end_column) if f.end_line >= f.line else (f.line, f.column)
    return {
        "type": "issue",
        "description": description,
        "check_name": f.rule,
        "fingerprint": _fingerprint(path, f.rule, f.fingerprint or f"{f.start}:{f.end}"),
        "severity": SEVERITIES.get(f.severity, "minor"),
        "location": {"path": path, "positions": {"begin": {"line": max(f.line, 1), "column": max(f.column, 1)},
                                                 "end": {"line": max(end_line, 1), "column": max(end_column, 1)}}},
    }


def as_data(result) -> list[dict]:
    issues = [_issue(f, repo_path(f.path or file.path)) for file in result.files for f in file.findings]
    for err in result.errors:
        path = repo_path(err["path"])
        issues.append({"type": "issue", "description": f"Could not check this file: {err['message']}",
                       "check_name": FILE_ERROR, "fingerprint": _fingerprint(path, FILE_ERROR, err["message"]),
                       "severity": "critical",
                       "location": {"path": path, "lines": {"begin": 1}}})
    return issues


def render(result, **_) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
