"""The audit cache: an article's results, keyed by its content and by the version of the rules.

One SQLite file in WAL mode (``<output>/.cache/results.sqlite3`` by default).
The audit's main process writes each article's results as soon as they come
back from a worker, one small committed transaction each, so an audit that is
interrupted (Ctrl-C, ``kill``, a crash) resumes where it stopped: the next run
finds those articles in the cache. Workers never touch the cache, so it works
the same with a Dask cluster on other machines.

The key of an article covers everything that changes its findings: its bytes,
path, format and export metadata, and a *version key* over the package
version, the source of the engine, rules and report modules, the packaged
knowledge data (``knowledge.fingerprint()``), the user's data folders and the
settings that change results. This module must not import spaCy: a re-run
whose articles are all cached never loads it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from pathlib import Path

SCHEMA = 2
# Modules whose source cannot change a cached result (findings, score, metadata, near-duplicate
# signature) or a kept article page. Everything else under healthlint/ is hashed into the version key.
UNRELATED = {"cli.py", "__main__.py", "baseline.py", "cli_options.py",
             "audit/command.py", "audit/progress.py", "audit/executors.py", "audit/runner.py", "audit/outdir.py",
             "audit/outputs.py", "audit/compare.py", "audit/cache.py", "audit/archives.py"}
REPORT_FILES = ("html.py", "audit_page.py")  # the kept article page is drawn by these (and the templates)


def _code_fingerprint() -> str:
    """Hash of the source of the healthlint packages and report templates (rules change with the code)."""
    import healthlint
    import healthlint.reports
    import healthlint.rules

    digest = hashlib.sha256()
    package = Path(healthlint.__file__).resolve().parent
    reports = Path(healthlint.reports.__file__).resolve().parent
    files = [p for p in sorted(package.rglob("*.py")) if p.relative_to(package).as_posix() not in UNRELATED]
    files += sorted(Path(healthlint.rules.__file__).resolve().parent.glob("*.py"))
    files += [reports / name for name in REPORT_FILES] + sorted((reports / "templates").rglob("*"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    try:
        from importlib.metadata import entry_points

        for ep in sorted(entry_points(group="healthlint.rules"), key=lambda e: e.name):
            version = getattr(getattr(ep, "dist", None), "version", "")
            digest.update(f"{ep.name}={ep.value}@{version}".encode())
    except Exception:  # pragma: no cover - metadata problems only weaken the key to the built-ins
        pass
    return digest.hexdigest()[:16]


def _data_dirs_fingerprint(dirs) -> str:
    digest = hashlib.sha256()
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.yaml")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def version_key(settings) -> str:
    """What, besides an article's content, decides its findings (and its page)."""
    import healthlint
    from ..knowledge import fingerprint

    parts = {
        "schema": SCHEMA,
        "version": healthlint.__version__,
        "code": _code_fingerprint(),
        "data": fingerprint(),
        "user_data": _data_dirs_fingerprint(settings.data_dirs),
        "settings": repr(settings.cache_key()),
        "rules": [sorted(settings.select), sorted(settings.ignore), sorted(settings.extend_select),
                  sorted(settings.severity.items()), sorted((k, sorted(v)) for k, v in
                                                            settings.per_file_ignores.items())],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


def article_key(version: str, path: str, fmt: str | None, meta: dict, data: bytes) -> str:
    """The cache key of one article: its bytes and everything the rules see besides them."""
    digest = hashlib.sha256()
    head = json.dumps([version, path, fmt or "", sorted(meta.items())], ensure_ascii=False)
    digest.update(head.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(data)
    return digest.hexdigest()


def default_folder(output: str) -> str:
    return os.path.join(output, ".cache")


# What a cached result must hold for the audit to use it; anything else is a miss, never a crash.
RESULT_FIELDS = {"id": str, "path": str, "title": str, "words": int, "checked": bool, "errors": list,
                 "findings": list, "extra": dict}
FINDING_FIELDS = {"rule": str, "category": str, "severity": str, "message": str, "start": int, "end": int,
                  "line": int, "column": int}


def well_formed(value) -> bool:
    """True for a result of the shape the audit stores (a row written by another version is not)."""
    if not isinstance(value, dict):
        return False
    if any(not isinstance(value.get(k), t) for k, t in RESULT_FIELDS.items()):
        return False
    if value.get("score") is not None and not isinstance(value["score"], (int, float)):
        return False
    return all(isinstance(f, dict) and all(isinstance(f.get(k), t) for k, t in FINDING_FIELDS.items())
               for f in value["findings"])


class Cache:
    """Results by key, in SQLite (WAL): safe to interrupt at any moment, cheap to read back.

    A cache must never end an audit. A corrupt file (at open or, for a damaged page,
    at any later read or write) is thrown away and started afresh; a cache that cannot
    be written at all (read-only folder, disk full) is switched off for the rest of the
    run. Either way the audit goes on and each event is added to ``warnings``, which the
    command prints: the results are the same, only slower to get.
    """

    def __init__(self, folder: str):
        self.folder = folder
        self.path = os.path.join(folder, "results.sqlite3")
        self.warnings: list[str] = []
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        try:
            os.makedirs(folder, exist_ok=True)
            self._open()
        except sqlite3.DatabaseError as exc:
            if self._is_corrupt(exc):
                self._rebuild(exc)
            else:
                self._disable(exc)
        except OSError as exc:
            self._disable(exc)

    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    @staticmethod
    def _is_corrupt(exc: Exception) -> bool:
        # OperationalError covers a locked, read-only or full database; other DatabaseErrors
        # ("file is not a database", "database disk image is malformed") mean a damaged file.
        return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)

    def _close_quietly(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:  # pragma: no cover
                pass
        self.db = None

    def _rebuild(self, exc: Exception) -> None:
        """A corrupt cache is thrown away, never an error: the audit just recomputes."""
        self._close_quietly()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(self.path + suffix)
            except OSError:
                pass
        try:
            self._open()
        except (sqlite3.Error, OSError) as again:
            self._disable(again)
            return
        self.warnings.append(f"{self.path}: the cache was damaged ({exc}); it was thrown away and is being rebuilt")

    def _disable(self, exc: Exception) -> None:
        self._close_quietly()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.warnings.append(f"{self.path}: cannot use the cache ({reason}); auditing without it")

    def _failed(self, exc: sqlite3.Error) -> None:
        if self._is_corrupt(exc):
            self._rebuild(exc)
        else:
            self._disable(exc)

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def get(self, key: str) -> dict | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            row = None
        value = None
        if row is not None:
            try:
                value = json.loads(zlib.decompress(row[0]))
            except (zlib.error, ValueError, TypeError):
                value = None
        if not well_formed(value):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: dict) -> None:
        if self.db is None:
            return
        blob = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)
        try:
            self.db.execute("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", (key, blob))
        except sqlite3.Error as exc:
            self._failed(exc)
            if self.db is not None:  # rebuilt: keep this result in the fresh file
                try:
                    self.db.execute("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", (key, blob))
                except sqlite3.Error as again:
                    self._failed(again)

    def __len__(self) -> int:
        if self.db is None:
            return 0
        try:
            return self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        self._close_quietly()
