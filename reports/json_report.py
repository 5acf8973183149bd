"""Machine report: a versioned JSON document (schema in README, 'JSON output')."""
from __future__ import annotations

import json

import healthlint

SCHEMA_VERSION = "1.0"


def as_data(result) -> dict:
    files = []
    for file in result.files:
        entry = {"path": file.path, "checked": file.checked, "findings": [f.to_dict() for f in file.findings]}
        entry.update({k: v for k, v in file.extra.items() if k in ("score", "score_breakdown")})
        files.append(entry)
    return {"version": SCHEMA_VERSION, "tool": {"name": "healthlint", "version": healthlint.__version__},
            "files": files, "errors": result.errors}


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # the C encoder


def render(result, **_) -> str:
    """Indented down to the files, one line per finding: readable, diff-friendly, and written by the C
    encoder (``indent=`` makes the json module fall back to pure Python: a second per 20,000 findings)."""
    data = as_data(result)
    files = []
    for entry in data["files"]:
        head = {k: v for k, v in entry.items() if k != "findings"}
        findings = ",\n".join(f"        {_ONE_LINE(f)}" for f in entry["findings"])
        body = _ONE_LINE(head)[:-1] + (f', "findings": [\n{findings}\n      ]}}' if findings else ', "findings": []}')
        files.append(f"    {body}")
    files_text = "[\n" + ",\n".join(files) + "\n  ]" if files else "[]"
    return (f'{{\n  "version": {_ONE_LINE(data["version"])},\n  "tool": {_ONE_LINE(data["tool"])},\n'
            f'  "files": {files_text},\n  "errors": {_ONE_LINE(data["errors"])}\n}}\n')
