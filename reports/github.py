"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

``::error file=content/a.md,line=3,col=1,endLine=3,endColumn=12,title=HL405 scraper-residue::message``.
Data is escaped as the runner expects (``%``, CR, LF); property values also escape ``:`` and ``,``,
which would otherwise end the value. ``info`` findings become ``notice`` annotations. Paths are relative
to the working folder (the repository's root in a workflow), where the runner looks for them.
"""
from __future__ import annotations

from .paths import repo_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def render(result, **_) -> str:
    lines = []
    for file in result.files:
        for f in file.findings:
            props = {"file": repo_path(f.path or file.path), "line": f.line, "col": f.column}
            if f.end_line >= f.line and f.end > f.start:
                props.update(endLine=f.end_line, endColumn=f.end_column)
            props["title"] = f"{f.rule} {f.name}".strip()
            message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "") \
                + (f"\nReference: {f.reference}" if f.reference else "")
            lines.append(_command(COMMANDS.get(f.severity, "warning"), props, message))
    for err in result.errors:
        lines.append(_command("error", {"file": repo_path(err["path"]), "title": "healthlint"},
                              f"Could not check this file: {err['message']}"))
    return "\n".join(lines) + ("\n" if lines else "")
