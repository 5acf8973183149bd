"""The Python API for a CMS or a script: check a string, or keep a Linter for many.

    import healthlint
    result = healthlint.check_text(body, format="markdown")   # a FileResult
    for f in result.findings: print(f.line, f.rule, f.message, f.fix)
    result.extra["score"]                                     # 0-100

``check_text`` keeps one Linter per distinct set of settings (building one takes seconds; a
check takes milliseconds) and serialises calls, so it is safe from several threads.
"""
from __future__ import annotations

import threading

from .config import Settings
from .engine import FileResult, Linter, RunResult
from .sources import Source, format_of

_LINTERS: dict[str, Linter] = {}
_LOCK = threading.Lock()


def check_text(text: str, *, path: str = "<text>", format: str | None = None, settings: Settings | None = None,
               **options) -> FileResult:
    """Check one article given as a string.

    ``format`` is ``"text"``, ``"markdown"`` or ``"html"`` (default: from ``path``'s suffix, else
    sniffed from the text). ``settings`` is a :class:`Settings`; or give its fields as keywords
    (``select=["HL1"]``, ``min_severity="warning"``); no config file is read. Findings below
    ``min_severity`` are left out. A text that cannot be read (empty, too large) comes back with
    ``checked`` false and ``errors`` saying why.
    """
    settings = settings or Settings(**options)
    key = repr(settings.to_dict())
    with _LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            linter = _LINTERS[key] = Linter(settings)
        fmt = format or format_of(path, text)
        result = next(linter.check_sources([Source(path, text.encode("utf-8"), fmt)]))
    RunResult([result], {}, settings).hide_below(settings.min_severity)
    return result
