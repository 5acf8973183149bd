"""Settings: what to check and how, from defaults, a config file in the content repo, and the command line.

A content repository keeps its settings next to its articles, as code repos do for ruff:
``.healthlint.toml`` or ``healthlint.toml`` (top-level keys) or ``pyproject.toml`` (``[tool.healthlint]``),
found in the folder of the checked files or the nearest folder above. Every key is checked against the
``Settings`` fields below (their type hints are the schema), so a typo or a bad value is an error that
names the key and the file, never a silently ignored setting.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path

CONFIG_NAMES = (".healthlint.toml", "healthlint.toml", "pyproject.toml")  # precedence inside one folder
FAIL_ON = ("error", "warning", "info", "never")
NOT_CONFIGURABLE = {"config_path"}  # bookkeeping fields, set by the loader


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code or prefix -> severity
    fail_on: str = "warning"
    min_severity: str = "info"  # the display filter: findings below it are not shown (nor counted)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    allowed_techniques: list[str] = field(default_factory=list)
    allowed_domains: list[str] = field(default_factory=list)
    blocked_domains: list[str] = field(default_factory=list)
    data_dirs: list[str] = field(default_factory=list)
    readability_target: float = 8.0
    # article-level checks (HL5xx, rules/article_*.py)
    article_min_words: int = 60  # HL501-HL504 skip shorter texts: a snippet is not an article
    unsourced_claims_min: int = 2  # HL501: benefit claims needed before a missing source is flagged
    source_domains: list[str] = field(default_factory=list)  # HL501: more domains that count as a source
    byline_required: list[str] = field(default_factory=lambda: ["author"])  # HL503: author, date, reviewed
    readability_hard_sentences: int = 3  # HL504: hardest sentences pointed at
    repeat_min_words: int = 8  # HL506: shorter sentences may repeat
    model: str | None = None
    max_file_size: int = 5 * 1024 * 1024
    time_budget: float = 10.0  # seconds that reading a file, and each rule on it, may take (0: no limit)
    config_path: str | None = None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def cache_key(self) -> tuple:
        """What changes the findings of a rule run (for caches and worker pools)."""
        return (tuple(self.allowed_techniques), tuple(self.allowed_domains), tuple(self.blocked_domains),
                tuple(self.data_dirs), self.readability_target, self.model,
                self.article_min_words, self.unsourced_claims_min, tuple(self.source_domains),
                tuple(self.byline_required), self.readability_hard_sentences, self.repeat_min_words)

    @property
    def root(self) -> str:
        """The folder that relative globs (include, exclude, per-file-ignores) are relative to."""
        return os.path.dirname(os.path.abspath(self.config_path)) if self.config_path else os.getcwd()


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key."""


# -- keys and values ------------------------------------------------------------------------------

def key_of(name: str) -> str:
    """The config-file spelling of a Settings field: ``fail_on`` -> ``fail-on``."""
    return name.replace("_", "-")


def configurable() -> dict[str, typing.Any]:
    """``{key: type hint}`` for every field a config file may set (new Settings fields join automatically)."""
    hints = typing.get_type_hints(Settings)
    return {key_of(f.name): hints[f.name] for f in fields(Settings) if f.name not in NOT_CONFIGURABLE}


def _type_name(hint, article: bool = True) -> str:
    """``list[str]`` -> "a list of strings", for error messages."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return f"{'a ' if article else ''}list of {_type_name(args[0], False)}s"
    if origin is dict:
        inner = _type_name(args[1], False)
        return f"{'a ' if article else ''}table of {inner if inner.startswith('list') else inner + 's'}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a, article) for a in args if a is not type(None))
    noun = {str: "string", float: "number", int: "integer", bool: "boolean"}.get(hint, str(hint))
    return (("an " if noun[0] in "aeiou" else "a ") + noun) if article else noun


def _coerce(value, hint):
    """``value`` as ``hint`` or raise ValueError; TOML already gives us str/int/float/bool/list/dict."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                try:
                    return _coerce(value, arg)
                except ValueError:
                    pass
        raise ValueError
    if origin is list:
        if not isinstance(value, list):
            raise ValueError
        return [_coerce(v, args[0]) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise ValueError
        return {str(k): _coerce(v, args[1]) for k, v in value.items()}
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint in (str, bool) and type(value) is hint:
        return value
    raise ValueError


def _rule_codes() -> dict[str, str]:
    """``{code or rule name: code}`` of every rule, for validating codes in config and comments."""
    from .rule import all_rules

    rules = all_rules()
    return {**{cls.name.lower(): code for code, cls in rules.items()}, **{code: code for code in rules}}


def normalize_codes(values: list[str], what: str) -> list[str]:
    """Rule codes, prefixes, names or ``ALL`` as upper-case codes/prefixes; raise ValueError naming a bad one."""
    known = _rule_codes()
    out = []
    for value in values:
        v = value.strip()
        if v.upper() == "ALL":
            out.append("ALL")
        elif v.lower() in known:
            out.append(known[v.lower()])
        elif re.fullmatch(r"[A-Za-z]{2,5}\d{0,3}", v) and any(c.startswith(v.upper()) for c in known.values()):
            out.append(v.upper())
        else:
            where = f" in {what}" if what else ""
            raise ValueError(f"unknown rule code or prefix {value!r}{where} (see 'healthlint rules')")
    return out


def _check_value(name: str, value, base: str):
    """Field-specific checks after the type check; returns the cleaned value or raises ValueError."""
    from .finding import SEVERITIES

    if name in ("select", "ignore", "extend_select"):
        return normalize_codes(value, "")
    if name == "severity":
        out = {}
        for code, sev in value.items():
            if sev not in SEVERITIES:
                raise ValueError(f"severity of {code!r} must be one of {', '.join(SEVERITIES)}, not {sev!r}")
            out[normalize_codes([code], "")[0]] = sev
        return out
    if name == "fail_on" and value not in FAIL_ON:
        raise ValueError(f"must be one of {', '.join(FAIL_ON)}, not {value!r}")
    if name == "min_severity" and value not in SEVERITIES:
        raise ValueError(f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
    if name == "per_file_ignores":
        return {glob: normalize_codes(codes, f"the entry {glob!r}") for glob, codes in value.items()}
    if name == "data_dirs":
        out = []
        for folder in value:
            path = os.path.normpath(os.path.join(base, os.path.expanduser(folder)))
            if not os.path.isdir(path):
                raise ValueError(f"{folder!r} is not a folder (looked for {path})")
            out.append(path)
        return out
    if name == "max_file_size" and value < 1:
        raise ValueError("must be at least 1 (bytes)")
    if name == "time_budget" and not 0 <= value < 86400:
        raise ValueError(f"must be a number of seconds (0 for no limit), not {value}")
    if name == "readability_target" and not 0 < value < 30:
        raise ValueError(f"must be a school grade between 0 and 30, not {value}")
    if name == "byline_required" and set(value) - {"author", "date", "reviewed"}:
        extra = sorted(set(value) - {"author", "date", "reviewed"})
        raise ValueError(f"items must be author, date or reviewed, not {extra}")
    if name in ("allowed_domains", "blocked_domains", "source_domains"):
        return [v.strip().lower().removeprefix("www.") for v in value if v.strip()]
    return value


def apply_table(settings: Settings, table: dict, where: str, base: str,
                origins: dict[str, str] | None = None, origin: str | None = None) -> Settings:
    """Validate a config table and set it on ``settings``; raise ConfigError naming the key and ``where``."""
    schema = configurable()
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(sorted(schema))}"
            raise ConfigError(f"{where}: unknown key '{raw_key}'{hint}")
        name = key.replace("-", "_")
        try:
            value = _coerce(value, schema[key])
        except ValueError:
            raise ConfigError(f"{where}: key '{raw_key}' must be {_type_name(schema[key])}, "
                              f"not {value!r}") from None
        try:
            value = _check_value(name, value, base)
        except ValueError as exc:
            raise ConfigError(f"{where}: key '{raw_key}': {exc}") from None
        setattr(settings, name, value)
        if origins is not None:
            origins[name] = origin or where
    return settings


# -- files ----------------------------------------------------------------------------------------

def read_table(path: str) -> dict | None:
    """The healthlint table of a config file; None for a pyproject.toml without ``[tool.healthlint]``."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("healthlint") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.healthlint] must be a table")
        return table
    return data


def _start_dir(paths: list[str]) -> str:
    """The folder to search upward from: the common folder of the checked paths (globs: their fixed part)."""
    import glob as globmod

    dirs = []
    for p in paths:
        if p == "-":
            continue
        if globmod.has_magic(p):
            fixed = []
            for part in Path(p).parts:
                if globmod.has_magic(part):
                    break
                fixed.append(part)
            p = os.path.join(*fixed) if fixed else "."
        full = os.path.abspath(p)
        dirs.append(full if os.path.isdir(full) else os.path.dirname(full))
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives
        return dirs[0]


def find_config(paths: list[str]) -> str | None:
    """The nearest config file at or above the checked paths (or the working folder)."""
    folder = _start_dir(paths)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or read_table(candidate) is not None):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_settings(paths: list[str] | None = None, config: str | None = None, isolated: bool = False,
                  origins: dict[str, str] | None = None) -> Settings:
    """Defaults, then the config file (``config``, or the nearest one unless ``isolated``)."""
    settings = Settings()
    if origins is not None:
        origins.update({f.name: "default" for f in fields(Settings) if f.name not in NOT_CONFIGURABLE})
    if isolated and not config:
        return settings
    path = config or find_config(paths or [])
    if path is None:
        return settings
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: config file not found")
    table = read_table(path)
    if table is None:
        raise ConfigError(f"{path}: has no [tool.healthlint] table")
    where = f"{path} [tool.healthlint]" if os.path.basename(path) == "pyproject.toml" else path
    apply_table(settings, table, where, os.path.dirname(os.path.abspath(path)), origins, path)
    settings.config_path = os.path.abspath(path)
    return settings


# -- globs relative to the config folder --------------------------------------------------------

def _glob_regex(pattern: str) -> re.Pattern:
    """gitignore-style glob: ``*`` and ``?`` stay inside a folder name, ``**`` crosses folders."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


_GLOBS: dict[str, re.Pattern] = {}


def path_matches(path: str, pattern: str, root: str) -> bool:
    """Does ``path`` match ``pattern``? A pattern with a ``/`` is anchored at ``root`` (the config
    folder); one without matches any file or folder name. A folder pattern covers everything in it."""
    pattern = pattern.strip().replace("\\", "/")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/") if anchored else pattern.rstrip("/")
    regex = _GLOBS.get(pattern) or _GLOBS.setdefault(pattern, _glob_regex(pattern.removeprefix("./")))
    candidates = {Path(os.path.normpath(path)).as_posix()}
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
        if not rel.startswith(".."):
            candidates.add(Path(rel).as_posix())
    except ValueError:
        pass
    for cand in candidates:
        parts = cand.split("/")
        if anchored:
            if any(regex.match("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
                return True
        elif any(regex.match(part) for part in parts):
            return True
    return False


def matches_any(path: str, patterns: list[str], root: str) -> bool:
    return any(path_matches(path, p, root) for p in patterns)


def wanted(path: str, settings: Settings) -> bool:
    """Is a discovered file to be checked under ``include``/``exclude``?"""
    root = settings.root
    if settings.exclude and matches_any(path, settings.exclude, root):
        return False
    return not settings.include or matches_any(path, settings.include, root)


def ignored_codes(path: str, settings: Settings) -> list[str]:
    """The rule codes ``per-file-ignores`` switch off for ``path``."""
    root = settings.root
    return [code for glob, codes in settings.per_file_ignores.items() if path_matches(path, glob, root)
            for code in codes]


# -- printing ---------------------------------------------------------------------------------------

def _toml_value(value) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_value(str(k))} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return _toml_value(str(value))


def describe(settings: Settings, origins: dict[str, str]) -> str:
    """The effective configuration as TOML, each key commented with where its value came from."""
    lines = [f"# config file: {settings.config_path or 'none (defaults)'}"]
    for f in fields(Settings):
        if f.name in NOT_CONFIGURABLE:
            continue
        value = getattr(settings, f.name)
        line = f"{key_of(f.name)} = {_toml_value(value)}"
        lines.append(f"{'# ' if value is None else ''}{line}  # {origins.get(f.name, 'default')}"
                     f"{', unset' if value is None else ''}")
    return "\n".join(lines) + "\n"


def severity_for(code: str, default: str, overrides: dict[str, str]) -> str:
    """The most specific override (longest matching prefix) wins."""
    best = None
    for pattern, severity in overrides.items():
        if code.upper().startswith(pattern.upper()) and (best is None or len(pattern) > len(best[0])):
            best = (pattern, severity)
    return best[1] if best else default
