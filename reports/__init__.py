"""Renderers: each module renders a RunResult to a string in one format."""
from __future__ import annotations

import importlib

FORMATS = {
    "text": "healthlint.reports.text",
    "json": "healthlint.reports.json_report",
    "sarif": "healthlint.reports.sarif",
    "github": "healthlint.reports.github",
    "junit": "healthlint.reports.junit",
    "gitlab": "healthlint.reports.gitlab",
    "html": "healthlint.reports.html",
}


def render(fmt: str, result, **options) -> str:
    """Render ``result`` in ``fmt``; modules are imported on demand so startup stays fast."""
    module = importlib.import_module(FORMATS[fmt])
    return module.render(result, **options)
