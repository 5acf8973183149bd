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

SCHEMA = 1
UNRELATED = {"cli.py", "__main__.py", "baseline.py"}  # engine modules that cannot change a finding


def _code_fingerprint() -> str:
    """Hash of the source of the healthlint packages and report templates (rules change with the code)."""
    import healthlint
    import healthlint.reports
    import healthlint.rules

    digest = hashlib.sha256()
    reports = Path(healthlint.reports.__file__).resolve().parent
    files = [p for p in sorted(Path(healthlint.__file__).resolve().parent.glob("*.py")) if p.name not in UNRELATED]
    files += sorted(Path(healthlint.rules.__file__).resolve().parent.glob("*.py"))
    files += [reports / "html.py", *sorted((reports / "templates").rglob("*"))]  # the cached article page
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
    from .knowledge import fingerprint

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


class Cache:
    """Results by key, in SQLite (WAL): safe to interrupt at any moment, cheap to read back."""

    def __init__(self, folder: str):
        os.makedirs(folder, exist_ok=True)
        self.path = os.path.join(folder, "results.sqlite3")
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        except sqlite3.DatabaseError:
            # A corrupt cache is thrown away, never an error: the audit just recomputes.
            self.db.close()
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.remove(self.path + suffix)
                except OSError:
                    pass
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> dict | None:
        row = self.db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            value = json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: dict) -> None:
        blob = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)
        self.db.execute("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", (key, blob))

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:  # pragma: no cover
            pass
