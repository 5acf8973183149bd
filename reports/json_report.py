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


def render(result, **_) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
