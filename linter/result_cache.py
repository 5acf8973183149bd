"""The result cache of ``check`` (like ``.ruff_cache``): re-checking unchanged files loads no spaCy.

It is the audit's cache (``healthlint.audit.cache``: SQLite in WAL mode, safe to interrupt and to
share between runs, a damaged file rebuilt, a read-only one switched off) under the same key: the
file's bytes, path and format, healthlint's version, a fingerprint of its code and knowledge
data, the user's data folders and every setting that changes findings. What is shown or what
fails the run (``--min-severity``, ``--fail-on``, a baseline) is applied after the cache, so it is
not part of the key. The folder holds a ``CACHEDIR.TAG`` and a ``.gitignore`` so that backups
and git leave it alone.
"""
from __future__ import annotations

import os

from .audit.cache import Cache, article_key, version_key
from .document import Document
from .finding import Finding, Suppressed

NAME = ".healthlint_cache"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache folder made by healthlint.\n"


def default_folder(settings) -> str:
    """``.healthlint_cache`` in the project root (the config file's folder, else the working folder)."""
    return os.environ.get("HEALTHLINT_CACHE_DIR") or os.path.join(settings.root, NAME)


class ResultCache:
    """One FileResult per (bytes, path, format) under the settings' version key; every problem is a miss."""

    def __init__(self, folder: str, settings):
        self.folder = folder
        self.version = version_key(settings)
        self.store = Cache(folder)
        if self.store.enabled:
            self._mark()

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    def key(self, path: str, fmt: str | None, data: bytes) -> str:
        return article_key(self.version, path, fmt, {}, data)

    def get(self, path: str, fmt: str | None, data: bytes):
        """The cached FileResult of these bytes, with a light Document (raw text, no parse), or None."""
        entry = self.store.get(self.key(path, fmt, data))
        if entry is None or entry.get("path") != path:
            return None
        try:
            return result_of(entry, data)
        except (KeyError, TypeError, ValueError):  # an entry of another layout: a miss
            return None

    def put(self, path: str, fmt: str | None, data: bytes, result) -> None:
        if cacheable(result):
            self.store.put(self.key(path, fmt, data), entry_of(result))

    def close(self) -> None:
        self.store.close()

    def _mark(self) -> None:
        try:
            for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# made by healthlint\n*\n")):
                target = os.path.join(self.folder, name)
                if not os.path.exists(target):
                    with open(target, "w", encoding="utf-8") as fh:
                        fh.write(text)
        except OSError:
            pass  # the markers are a courtesy; the cache works without them


def cacheable(result) -> bool:
    """A result the next run may reuse: the file was checked and no rule crashed or ran out of time."""
    return result.checked and not any(e.startswith(("internal error", "time budget")) for e in result.errors)


def entry_of(result) -> dict:
    """What a FileResult keeps in the cache (the audit's result fields, plus the silenced findings)."""
    doc = result.document
    return {"id": result.path, "path": result.path, "title": result.title, "words": result.words,
            "checked": result.checked, "errors": list(result.errors),
            "findings": [f.to_dict() for f in result.findings], "extra": result.extra,
            "suppressed": [{"finding": s.finding.to_dict(), "kind": s.kind, "justification": s.justification,
                            "line": s.line} for s in result.suppressed],
            "encoding": doc.encoding if doc is not None else "utf-8",
            "format": doc.format if doc is not None else "text"}


def light_document(path: str, data: bytes, encoding: str, fmt: str) -> Document:
    """The raw text alone (prose = text): what the text, JSON and SARIF reports need of a cached file."""
    text = data.decode(encoding, errors="replace")
    return Document(path=path, text=text, prose=text, format=fmt, encoding=encoding)


def result_of(entry: dict, data: bytes):
    from .engine import FileResult

    document = light_document(entry["path"], data, entry["encoding"], entry["format"])
    return FileResult(path=entry["path"], findings=[Finding.from_dict(f) for f in entry["findings"]],
                      errors=list(entry["errors"]), checked=entry["checked"], document=document,
                      words=entry["words"], title=entry["title"], extra=entry["extra"],
                      suppressed=[Suppressed(Finding.from_dict(s["finding"]), s["kind"], s["justification"], s["line"])
                                  for s in entry["suppressed"]])
