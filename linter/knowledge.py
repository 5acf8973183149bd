"""Load knowledge data (YAML under ``rules/data/``, plus a publisher's own folders).

Knowledge is data, not code: a condition, a technique or a spam keyword is an
entry in a YAML file with a source, read once per process.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

def data_dir() -> Path:
    """The packaged ``rules/data`` folder (installed or in a source checkout)."""
    import healthlint.rules

    return Path(healthlint.rules.__file__).resolve().parent / "data"


class KnowledgeError(Exception):
    """A data file that cannot be read; the message names it."""


def _read(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data: {str(exc).splitlines()[0]}") from None


@functools.lru_cache(maxsize=64)
def load(name: str, extra_dirs: tuple[str, ...] = ()) -> list:
    """Entries of ``<name>.yaml`` and ``<name>/*.yaml`` from the packaged data and each extra folder.

    Every file holds a list of entries (or a mapping with an ``entries`` list);
    files from later folders add to (and may override by ``id``) earlier ones.
    """
    entries: list = []
    for folder in (data_dir(), *map(Path, extra_dirs)):
        paths = []
        if (folder / f"{name}.yaml").is_file():
            paths.append(folder / f"{name}.yaml")
        if (folder / name).is_dir():
            paths += sorted((folder / name).glob("*.yaml"))
        for path in paths:
            data = _read(path)
            if isinstance(data, dict):
                data = data.get("entries", [])
            if not isinstance(data, list):
                raise KnowledgeError(f"{path}: expected a list of entries")
            entries.extend(data)
    by_id: dict = {}
    plain = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id"):
            by_id[entry["id"]] = entry
        else:
            plain.append(entry)
    return list(by_id.values()) + plain


def fingerprint() -> str:
    """A hash of all packaged data files: part of the cache key of results."""
    import hashlib

    digest = hashlib.sha256()
    root = data_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

