"""The audit cache (healthlint.audit.cache): keys that follow content and settings, and a cache that
never ends an audit: a damaged file or page is thrown away and rebuilt, a row of the wrong shape
is a miss, an unusable folder switches the cache off with a warning.
"""
from __future__ import annotations

import os
import sqlite3
import zlib

from audit_fixtures import archive, audit, outputs, steady_code  # noqa: F401 - fixtures

from healthlint.audit.cache import Cache, well_formed
from healthlint.config import Settings


def test_cache_key_follows_content_and_settings():
    from healthlint.audit.cache import article_key, version_key

    base = version_key(Settings())
    assert version_key(Settings()) == base
    assert version_key(Settings(select=["HL4"])) != base
    assert version_key(Settings(allowed_techniques=["Kelvoran wave"])) != base
    key = article_key(base, "a.md", "markdown", {}, b"Text.")
    assert article_key(base, "a.md", "markdown", {}, b"Text!") != key
    assert article_key(base, "a.md", "markdown", {"title": "T"}, b"Text.") != key
    assert article_key(base, "b.md", "markdown", {}, b"Text.") != key


def test_a_corrupt_cache_is_rebuilt_not_fatal(archive, tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    summary = audit([archive["folder"]], tmp_path / "out", cache_dir=str(cache_dir))
    assert summary.computed == 3 and summary.findings == 2
    again = audit([archive["folder"]], tmp_path / "out", cache_dir=str(cache_dir))
    assert again.cache_hits == 3


def _result(i: int) -> dict:
    return {"id": f"a{i}", "path": f"a{i}.md", "title": "T", "url": "", "words": 10, "checked": True, "errors": [],
            "findings": [{"rule": "HL405", "category": "spam", "severity": "warning", "message": "m" * 200,
                          "start": 0, "end": 4, "line": 1, "column": 1}], "score": 96, "extra": {}}


def _damage(path, start_page: int, pages: int) -> None:
    """Overwrite whole database pages (4 KiB) in the middle of the file with garbage."""
    with open(path, "r+b") as fh:
        fh.seek(4096 * start_page)
        fh.write(bytes(range(256)) * 16 * pages)


def test_a_damaged_page_is_thrown_away_on_read_and_write(tmp_path):
    cache = Cache(str(tmp_path))
    for i in range(400):
        cache.put(f"k{i}", _result(i) | {"extra": {"pad": os.urandom(1500).hex()}})  # incompressible: many pages
    cache.close()
    assert (tmp_path / "results.sqlite3").stat().st_size > 40 * 4096
    _damage(tmp_path / "results.sqlite3", 3, 20)
    cache = Cache(str(tmp_path))  # the header is intact: opening works
    got = [cache.get(f"k{i}") for i in range(400)]  # "database disk image is malformed" on some reads: no raise
    assert cache.warnings and "damaged" in cache.warnings[0] and "rebuilt" in cache.warnings[0]
    assert all(g is None or g["id"] == f"a{i}" for i, g in enumerate(got))
    cache.put("fresh", _result(1))  # the rebuilt cache works
    assert cache.get("fresh")["id"] == "a1" and len(cache) == 1
    cache.close()


def test_an_audit_over_a_damaged_cache_recomputes_and_says_so(archive, tmp_path):
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    cache_dir = tmp_path / "cache"
    audit(inputs, tmp_path / "ref", use_cache=False)
    audit(inputs, tmp_path / "out", cache_dir=str(cache_dir))
    db = cache_dir / "results.sqlite3"
    _damage(db, 1, max(1, db.stat().st_size // 4096 - 1))  # every page after the header
    again = audit(inputs, tmp_path / "out", cache_dir=str(cache_dir))
    assert again.computed == 8 and any("damaged" in w for w in again.warnings)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "ref")
    third = audit(inputs, tmp_path / "out", cache_dir=str(cache_dir))
    assert third.cache_hits == 8 and not third.warnings


def test_rows_of_the_wrong_shape_are_misses(archive, tmp_path):
    inputs = [archive["folder"]]
    cache_dir = tmp_path / "cache"
    audit(inputs, tmp_path / "out", cache_dir=str(cache_dir))
    with sqlite3.connect(cache_dir / "results.sqlite3") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM results")]
        shapes = [b'{"id": "x"}', b'[1, 2]', b'{"id": "x", "findings": [{"rule": 1}]}']
        for key, shape in zip(keys, shapes):
            db.execute("UPDATE results SET value = ? WHERE key = ?", (zlib.compress(shape), key))
    again = audit(inputs, tmp_path / "out", cache_dir=str(cache_dir))
    assert again.computed == 3 and again.cache_hits == 0 and again.findings == 2
    assert not well_formed({"id": "x"}) and well_formed(_result(1))


def test_a_cache_that_cannot_be_used_is_switched_off(archive, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    summary = audit([archive["folder"]], tmp_path / "out", cache_dir=str(blocker / "cache"))
    assert summary.computed == 3 and summary.findings == 2 and not summary.errors
    assert summary.warnings and "cannot use the cache" in summary.warnings[0] and str(blocker) in summary.warnings[0]


def test_a_full_disk_while_caching_switches_the_cache_off(tmp_path, monkeypatch):
    cache = Cache(str(tmp_path))

    class FullDisk:
        def execute(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            pass

    cache.db = FullDisk()
    cache.put("k", _result(1))  # no raise
    assert not cache.enabled and cache.get("k") is None
    assert "database or disk is full" in cache.warnings[0]
