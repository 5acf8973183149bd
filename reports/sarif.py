"""SARIF 2.1.0: the format GitHub code scanning and other review tools read.

One run; the driver lists every rule with its documentation (the rule docstring) as help, in plain
text and Markdown, its evidence URL as helpUri and its default level; each finding is a result with a
region in the file (1-based lines, columns in Unicode code points, as the text report), the engine's
fingerprint as a partial fingerprint (so code scanning tracks a finding across commits) and, where a
rule knows a safe repair (``Finding.fix``), that repair as ``fixes``. Findings silenced by a
``healthlint-disable`` comment (``inSource``) or by the baseline (``external``) are results too, with
``suppressions``: the report shows what was judged and why instead of dropping it. Files that could
not be checked become tool notifications and mark the invocation unsuccessful.
"""
from __future__ import annotations

import json
import os
import re
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

import healthlint
from healthlint.rule import EXAMPLE

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
MARKDOWN_SPECIAL = re.compile(r"([\\*_<>\[\]])")
CODE_SPAN = re.compile(r"(`[^`]*`)")


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository root)."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(Path(path).as_posix(), safe="/")


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata (``[project.urls]``), if it has one."""
    try:
        urls = metadata.metadata("healthlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        _, _, url = entry.partition(",")
        if url.strip().startswith("https://"):
            return url.strip()
    return None


def _rule(cls) -> dict:
    doc = cls.doc() or cls.summary() or cls.name
    entry = {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary() or cls.name},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": help_markdown(cls)},
        "defaultConfiguration": {"level": LEVELS[cls.severity]},
        "properties": {"category": cls.category, "tags": ["health-content", cls.category]},
    }
    if cls.reference:
        entry["helpUri"] = cls.reference
    return entry


def _escape(text: str) -> str:
    """Markdown-escape prose, leaving its `code spans` as they are."""
    return "".join(part if CODE_SPAN.fullmatch(part) else MARKDOWN_SPECIAL.sub(r"\\\1", part)
                   for part in CODE_SPAN.split(text))


def _code(lines: list[str]) -> str:
    """An example's lines as one inline code span, its line breaks shown as ↵."""
    text = " ↵ ".join(part.strip() for line in lines for part in line.splitlines() if part.strip())
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def help_markdown(cls) -> str:
    """The rule's documentation as Markdown: summary, prose (Why, Use instead), examples as code."""
    prose, examples, blanks = [], {"bad": [], "good": []}, 0
    example: list[str] | None = None  # the lines of the example being read (indented lines continue it)
    for line in cls.doc().splitlines():
        m = EXAMPLE.match(line)
        if m and not line[:1].isspace():
            example = [m.group(3).replace("\\n", "\n")]  # a literal \n in an example is a line break
            examples[m.group(1).lower()].append((example, f" ({m.group(2)})" if m.group(2) else ""))
        elif example is not None and line[:1].isspace() and line.strip():
            example.append(line.strip())
        elif example is not None and not line.strip():
            blanks += 1
        else:
            prose += [""] * blanks + [re.sub(r"^(Why|Use instead):", r"**\1:**", _escape(line))]
            example, blanks = None, 0
    lines = [f"**{cls.code} {cls.name}** ({cls.category}, default severity {cls.severity})", ""]
    lines += "\n".join(prose).strip().splitlines()
    for kind, title in (("bad", "Flagged"), ("good", "Not flagged")):
        if examples[kind]:
            lines += ["", f"{title}:", ""] + [f"- {_code(text)}{fmt}" for text, fmt in examples[kind]]
    if cls.reference:
        lines += ["", f"Reference: <{cls.reference}>"]
    return "\n".join(lines)


def _region(doc, start: int, end: int) -> dict:
    """A region by character offsets, with lines and columns when the document is at hand."""
    region = {"charOffset": start, "charLength": max(end - start, 0)}
    if doc is not None:
        (line, column), (end_line, end_column) = doc.position(start), doc.position(end)
        region.update(startLine=line, startColumn=column, endLine=end_line, endColumn=end_column)
    return region


def _fixes(f, doc) -> list[dict]:
    if f.fix is None or not f.fix.edits:
        return []
    replacements = [{"deletedRegion": _region(doc, e.start, e.end), "insertedContent": {"text": e.replacement}}
                    for e in sorted(f.fix.edits, key=lambda e: e.start)]
    return [{"description": {"text": f.fix.description},
             "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)}, "replacements": replacements}]}]


def _suppression(s) -> dict:
    entry = {"kind": s.kind, "status": "accepted"}
    if s.justification:
        entry["justification"] = s.justification
    if s.kind == "inSource" and s.line:
        entry["location"] = {"physicalLocation": {"artifactLocation": {"uri": _uri(s.finding.path)},
                                                  "region": {"startLine": s.line}}}
    return entry


def _result(f, rule_index: dict[str, int], doc=None, suppressions=()) -> dict:
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
    fixes = _fixes(f, doc)
    if fixes:
        result["fixes"] = fixes
    if suppressions:
        result["suppressions"] = [_suppression(s) for s in suppressions]
    if f.suggestion:
        result["properties"]["suggestion"] = f.suggestion
    if f.reference:
        result["properties"]["reference"] = f.reference
    return result


def _results(file, rule_index: dict[str, int]) -> list[dict]:
    """The file's reported and suppressed findings, in file order."""
    entries = [(f, ()) for f in file.findings] + [(s.finding, (s,)) for s in file.suppressed]
    entries.sort(key=lambda pair: pair[0].sort_key())
    return [_result(f, rule_index, file.document, suppressions) for f, suppressions in entries]


def as_data(result) -> dict:
    rules = list(result.rules.values())
    rule_index = {cls.code: i for i, cls in enumerate(rules)}
    results = [r for file in result.files for r in _results(file, rule_index)]
    notifications = [{"level": "error", "message": {"text": err["message"]},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(err["path"])}}}]}
                     for err in result.errors]
    driver = {"name": "healthlint", "version": healthlint.__version__, "semanticVersion": healthlint.__version__,
              "rules": [_rule(cls) for cls in rules]}
    home = information_uri()
    if home:
        driver["informationUri"] = home
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result, **_) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
