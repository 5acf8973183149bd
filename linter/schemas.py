"""Check knowledge files against their schema (``schemas.yaml``), so a typo in data is an error with its place.

A misspelt key (``sorce:``) or a wrong type would otherwise be read as "no value" and silently switch a
fact off; every kind of data file therefore has a schema, and the tests check every packaged file.
"""
from __future__ import annotations

import difflib
import fnmatch
import functools
from pathlib import Path

import yaml

TYPES = {  # not vocabulary: the schema language's type names
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "map": lambda v: isinstance(v, dict),
    "str-list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "str-or-list": lambda v: isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v)),
    "any": lambda v: True,
}


@functools.lru_cache(maxsize=1)
def schemas() -> dict:
    with open(Path(__file__).with_name("schemas.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def schema_for(relative: str, data) -> tuple[str, dict] | None:
    """The schema of a file: by its top-level ``kind:``, else by its path in the data folder."""
    kind = data.get("kind") if isinstance(data, dict) else None
    for name, schema in schemas().items():
        if kind is not None and schema.get("kind") == kind:
            return name, schema
    for name, schema in schemas().items():
        if any(fnmatch.fnmatch(relative, pattern) for pattern in schema.get("paths", ())):
            return name, schema
    return None


def _type_errors(where: str, key: str, value, wanted: str) -> list[str]:
    if wanted.startswith("one of:"):
        allowed = [w.strip() for w in wanted[len("one of:"):].split(",")]
        return [] if value in allowed else [f"{where}: '{key}' is {value!r}, expected one of {', '.join(allowed)}"]
    if not TYPES[wanted](value):
        return [f"{where}: '{key}' should be {wanted}, not {type(value).__name__}"]
    return []


def check_mapping(where: str, data, keys: dict) -> list[str]:
    """Errors of one mapping: a missing required key, an unknown key, a value of the wrong type."""
    if not isinstance(data, dict):
        return [f"{where}: expected a mapping, not {type(data).__name__}"]
    errors = []
    known = {k.rstrip("?"): (v, not k.endswith("?")) for k, v in keys.items()}
    for key, (_, required) in known.items():
        if required and key not in data:
            errors.append(f"{where}: missing '{key}'")
    for key, value in data.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known: {', '.join(sorted(known))}"
            errors.append(f"{where}: unknown key '{key}'{hint}")
        else:
            errors += _type_errors(where, key, value, known[key][0])
    return errors


def check_entries(where: str, entries, keys: dict) -> list[str]:
    if not isinstance(entries, list):
        return [f"{where}: expected a list of entries"]
    errors = []
    for n, entry in enumerate(entries, 1):
        label = f"{where} entry {n}" + (f" ({entry['id']})" if isinstance(entry, dict) and entry.get("id") else "")
        chosen = keys
        if "variants" in keys:
            kind = entry.get("kind") if isinstance(entry, dict) else None
            if kind not in keys["variants"]:
                errors.append(f"{label}: 'kind' is {kind!r}, expected one of {', '.join(keys['variants'])}")
                continue
            chosen = keys["variants"][kind]
        errors += check_mapping(label, entry, chosen)
    return errors


def check_file(path: Path, relative: str) -> list[str]:
    """Every schema error of one data file; a file that no schema covers is an error too."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        return [f"{relative}{place}: cannot be read: {reason}"]
    found = schema_for(relative, data)
    if found is None:
        return [f"{relative}: no schema covers this file (add its kind to linter/schemas.yaml)"]
    _, schema = found
    errors = []
    if "document" in schema:
        errors += check_mapping(relative, data, schema["document"])
    elif not isinstance(data, list):
        return [f"{relative}: expected a list of entries"]
    for at, keys in (schema.get("entries") or {}).items():
        if at == ".":
            errors += check_entries(relative, data, keys)
        elif isinstance(data, dict) and at in data:
            errors += check_entries(f"{relative}: {at}", data[at], keys)
    return errors


def check_folder(folder: Path) -> list[str]:
    """Schema errors of every YAML file under a data folder (packaged or a publisher's)."""
    errors = []
    for path in sorted(folder.rglob("*.yaml")):
        errors += check_file(path, path.relative_to(folder).as_posix())
    return errors


def main(argv: list[str] | None = None) -> int:
    """``python -m healthlint.schemas [FOLDER ...]``: check a publisher's data folders (default: the packaged one)."""
    import sys

    from healthlint.knowledge import data_dir

    folders = [Path(a) for a in (sys.argv[1:] if argv is None else argv)] or [data_dir()]
    errors = [f"{folder}: {e}" for folder in folders for e in check_folder(folder)]
    for line in errors:
        print(line)
    print(f"{len(errors)} schema error(s) in {', '.join(map(str, folders))}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
