"""``check --fix`` and ``check --diff``: apply the safe fixes to files (or only show them).

Fixing runs in passes: check, apply every non-overlapping fix, check the new text again, until
no fix is left (a fix refused for overlapping another is taken in the next pass). So one run
reaches the fixed point and a second ``--fix`` changes nothing. A file is written only when its
text changed, in its own encoding (a BOM and line endings are kept: they are part of the text).
Without ``--fix`` nothing is ever written.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .engine import FileResult, Linter
from .finding import Finding
from .fixes import apply
from .sources import Source, SourceError, decode, format_of

MAX_PASSES = 10


@dataclass
class FixOutcome:
    """One file: its text before and after, the fixes applied, and the last check of the new text."""

    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    result: FileResult | None = None
    encoding: str = "utf-8"
    from_stdin: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        lines = difflib.unified_diff(self.original.splitlines(keepends=True), self.fixed.splitlines(keepends=True),
                                     fromfile=f"a/{self.path}", tofile=f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_text(linter: Linter, text: str, path: str, fmt: str) -> FixOutcome:
    """Apply fixes to ``text`` until none is left; the outcome holds the final check."""
    outcome = FixOutcome(path, text, text)
    for _ in range(MAX_PASSES):
        result = next(linter.check_sources([Source(path, outcome.fixed.encode("utf-8"), fmt)]))
        outcome.result = result
        if not result.checked:
            break
        new, done = apply(outcome.fixed, result.findings)
        if not done or new == outcome.fixed:
            break
        outcome.applied += done
        outcome.fixed = new
    return outcome


def fix_source(linter: Linter, source: Source, write: bool) -> FixOutcome | FileResult:
    """Fix one file (or stdin); a file that cannot be read is returned as its error result."""
    try:
        data = source.data
        if data is None:
            with open(source.path, "rb") as fh:
                data = fh.read()
        if len(data) > linter.settings.max_file_size:
            return next(linter.check_sources([source]))  # the size error, worded as in a check
        text, encoding = decode(source.path, data)
    except SourceError as exc:
        return FileResult(path=source.path, errors=[exc.message], checked=False)
    except OSError as exc:
        return FileResult(path=source.path, errors=[f"cannot read: {exc.strerror or exc}"], checked=False)
    outcome = fix_text(linter, text, source.path, source.format or format_of(source.path, text))
    outcome.encoding, outcome.from_stdin = encoding, source.data is not None
    if write and outcome.changed and source.data is None:
        try:
            with open(source.path, "w", encoding=encoding, newline="") as fh:
                fh.write(outcome.fixed)
        except (OSError, UnicodeEncodeError) as exc:
            outcome.result.errors.append(f"cannot write the fixes: {getattr(exc, 'strerror', None) or exc}")
    return outcome


def fix_all(linter: Linter, sources: list[Source], write: bool) -> tuple[list[FileResult], list[FixOutcome]]:
    """Fix every source; the results are the checks of the fixed texts (what is left to do by hand)."""
    results, outcomes = [], []
    for source in sources:
        outcome = fix_source(linter, source, write)
        if isinstance(outcome, FileResult):
            results.append(outcome)
        else:
            outcomes.append(outcome)
            results.append(outcome.result)
    return results, outcomes


def summary(outcomes: list[FixOutcome], written: bool) -> str:
    fixed = sum(len(o.applied) for o in outcomes)
    files = sum(1 for o in outcomes if o.changed)
    verb = "fixed" if written else "would fix"
    s = "" if fixed == 1 else "s"
    return f"healthlint: {verb} {fixed} finding{s} in {files} file{'' if files == 1 else 's'}"
