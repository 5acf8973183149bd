"""Terminal report: ``path:line:col: CODE [severity] message`` and the marked source line."""
from __future__ import annotations

from collections import Counter

from healthlint.score import summary as score_summary
from healthlint.terminal import printable

COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def _snippet(doc, f, color: bool) -> list[str]:
    if doc is None:
        return []
    raw = doc.line_text(f.line).replace("\t", " ")
    if len(raw) > 400:
        return []
    width = len(str(f.line))
    end_col = f.end_column if f.end_line == f.line else len(raw) + 1
    # escapes make control characters visible, and wider: the carets are measured on the printed line
    before = len(printable(raw[:f.column - 1]))
    marks = "^" * max(1, len(printable(raw[f.column - 1:end_col - 1])))
    pad = " " * (width + 2)
    return [f" {_paint(str(f.line), DIM, color)} | {printable(raw)}",
            f"{pad}| {' ' * before}{_paint(marks, COLORS[f.severity], color)}"]


def render(result, color: bool = False, statistics: bool = False, show_source: bool = True, quiet: bool = False,
           **_) -> str:
    """The report; ``quiet`` keeps only the findings (and the statistics when asked for): no scores or summary."""
    out: list[str] = []
    for file in result.files:
        doc = file.document
        path = printable(file.path)  # article text and file names may carry terminal escapes
        for f in file.findings:
            head = f"{_paint(path, BOLD, color)}:{f.line}:{f.column}: {_paint(f.rule, BOLD, color)} " \
                   f"[{_paint(f.severity, COLORS[f.severity], color)}] {printable(f.message)}"
            out.append(head)
            if show_source:
                out += _snippet(doc, f, color)
            if f.suggestion:
                out.append(f"    = suggestion: {printable(f.suggestion)}")
            if f.reference:
                out.append(f"    = reference: {printable(f.reference)}")
            if f.fix is not None:
                out.append(f"    = fix available: {f.fix.description} (healthlint check --fix)")
            if show_source:
                out.append("")
        if file.findings and "score" in file.extra and show_source and not quiet:  # a clean file stays silent
            out.append(f"{path}: {printable(score_summary(file.extra))}")
    if statistics:
        out.append(statistics_table(result))
    if not quiet:
        out += summary_lines(result)
    return "\n".join(out) + "\n" if out else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary_lines(result) -> list[str]:
    """The closing line(s): what was found, in how many files, what the baseline hid, what could not be read."""
    findings = result.findings
    checked = sum(1 for f in result.files if f.checked)
    baselined = sum(1 for file in result.files for s in file.suppressed if s.kind == "external")
    new = "new " if baselined else ""
    if findings:
        by_sev = Counter(f.severity for f in findings)
        parts = ", ".join(f"{by_sev[s]} {s}" for s in ("error", "warning", "info") if by_sev[s])
        line = f"Found {_plural(len(findings), new + 'problem')} ({parts}) in {_plural(checked, 'file')}"
    elif checked:
        line = f"No {new}problems found in {_plural(checked, 'file')}"
    else:
        line = "No articles were checked"
    if baselined:
        line += f"; {_plural(baselined, 'known finding')} hidden by the baseline"
    lines = [line + "."]
    fixable = sum(1 for f in findings if f.fix is not None)
    if fixable:
        lines.append(f"{fixable} fixable with `healthlint check --fix`.")
    if result.errors:
        lines.append(f"{_plural(len(result.errors), 'file problem')} (see messages above); exit code 2.")
    return lines


def statistics_table(result) -> str:
    counts = Counter((f.rule, f.name, f.severity) for f in result.findings)
    lines = [f"{n:>6}  {code:<6} {name:<32} {sev}" for (code, name, sev), n in
             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)
