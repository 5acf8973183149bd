"""Load knowledge data (YAML under ``rules/data/``, plus a publisher's own folders).

Knowledge is data, not code: a condition, a technique or a spam keyword is an
entry in a YAML file with a source, read once per process. Two layouts exist:

* named files (``load("spam/keywords")``): a list of entries, or a mapping with
  an ``entries`` list; later folders add entries and may replace one by ``id``;
* typed documents (``documents("lexicon")``): any file whose top-level mapping
  has ``kind: <name>``, wherever it sits in the tree. The lexicon, the claim
  frames and the shared facts use this layout, so a publisher adds a word list
  by dropping a file with ``kind: lexicon`` into a data folder.

Files are parsed with libyaml's C loader when it is available (ten times
faster than the pure-Python one) and each file is parsed once per process.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import yaml

try:  # libyaml: ~0.15 s for the whole tree instead of ~1.7 s
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def data_dir() -> Path:
    """The packaged ``rules/data`` folder (installed or in a source checkout)."""
    import healthlint.rules

    return Path(healthlint.rules.__file__).resolve().parent / "data"


class KnowledgeError(Exception):
    """A data file that cannot be read; the message names it."""


@functools.lru_cache(maxsize=512)
def _read(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot load knowledge data: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where_ = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise KnowledgeError(f"{path}{where_}: cannot load knowledge data: {problem}") from None


def folders(extra_dirs: tuple[str, ...] = ()) -> list[Path]:
    """The packaged data folder, then each publisher folder in order."""
    return [data_dir(), *map(Path, extra_dirs)]


@functools.lru_cache(maxsize=64)
def load(name: str, extra_dirs: tuple[str, ...] = ()) -> list:
    """Entries of ``<name>.yaml`` and ``<name>/*.yaml`` from the packaged data and each extra folder.

    Every file holds a list of entries (or a mapping with an ``entries`` list);
    files from later folders add to (and may override by ``id``) earlier ones.
    """
    entries: list = []
    for folder in folders(extra_dirs):
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


@functools.lru_cache(maxsize=64)
def documents(kind: str, extra_dirs: tuple[str, ...] = ()) -> tuple[tuple[Path, dict], ...]:
    """Every data file whose top-level mapping says ``kind: <kind>``, packaged ones first, in path order."""
    out = []
    for folder in folders(extra_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.yaml")):
            data = _read(path)
            if isinstance(data, dict) and data.get("kind") == kind:
                out.append((path, data))
    return tuple(out)


def red_flag_entries(extra_dirs: tuple[str, ...] = ()) -> list[dict]:
    """The NHS advice entries of ``shared/red_flags.yaml`` (and a publisher's), in data order.

    Shared by the claim rules (HL107 gives the urgency of a dismissed warning sign) and the article
    rules (HL502 names the signs an article should give), so each urgency is stated once.
    """
    return [e for e in load("shared/red_flags", extra_dirs) if isinstance(e, dict) and e.get("advice")]


def where(path: Path) -> str:
    """A data file's name as messages print it: relative to its data folder when packaged."""
    try:
        return str(path.relative_to(data_dir()))
    except ValueError:
        return str(path)


def fingerprint() -> str:
    """A hash of all packaged data files: part of the cache key of results."""
    digest = hashlib.sha256()
    root = data_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
