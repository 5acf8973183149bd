"""Find article files, read their bytes, decode them and build Documents.

Every failure becomes a ``SourceError`` with a one-line message naming the
file, so that one bad file never stops a run over many.
"""
from __future__ import annotations

import fnmatch
import glob
import os
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .html_source import read_html
from .markdown_source import read_markdown
from .text_source import read_text

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".healthlint_cache"}
OUTPUT_MARKER = ".healthlint-audit"  # in an audit's output folder (healthlint.audit.outdir): never searched


def _is_audit_output(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, OUTPUT_MARKER))


def _under_audit_output(path: str) -> bool:
    """Whether a file found by a glob sits in an audit's output folder (or below one)."""
    return any(_is_audit_output(str(folder)) for folder in Path(path).resolve().parents)


class SourceError(Exception):
    """A file that cannot be checked; ``str()`` is the one-line message."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


@dataclass
class Source:
    """One article to check: a path (or stdin name) and, for stdin, its bytes."""

    path: str
    data: bytes | None = None
    format: str | None = None


def _excluded(path: str, excludes: list[str]) -> bool:
    parts = Path(path).parts
    for pattern in excludes:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def discover(paths: list[str], excludes: list[str] | None = None,
             suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> tuple[list[Source], list[SourceError]]:
    """Expand files, folders (recursively) and globs into a stable, de-duplicated list."""
    excludes = list(excludes or [])
    found: list[str] = []
    errors: list[SourceError] = []
    for arg in paths:
        if os.path.isdir(arg) and _is_audit_output(arg):
            errors.append(SourceError(arg, f"is a healthlint audit's output folder (it holds {OUTPUT_MARKER}); "
                                           "its pages are not articles"))
        elif os.path.isdir(arg):
            hits = []
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not _excluded(os.path.join(root, d), excludes)
                                 and not _is_audit_output(os.path.join(root, d)))
                hits += [os.path.join(root, f) for f in files if f.lower().endswith(suffixes)]
            hits = [h for h in hits if not _excluded(h, excludes)]
            if not hits:
                errors.append(SourceError(arg, f"no articles found (looked for {', '.join(suffixes)})"))
            found += sorted(hits)
        elif os.path.exists(arg):
            if not _excluded(arg, excludes):
                found.append(arg)
        elif glob.has_magic(arg):
            hits = sorted(h for h in glob.glob(arg, recursive=True) if os.path.isfile(h) and not _excluded(h, excludes)
                          and not _under_audit_output(h))
            if not hits:
                errors.append(SourceError(arg, "no file matches this pattern"))
            found += hits
        else:
            errors.append(SourceError(arg, "no such file or directory"))
    seen, unique = set(), []
    for path in found:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(Source(path=os.path.normpath(path)))
    return unique, errors


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Bytes to text: UTF-8 (a BOM is kept as U+FEFF so offsets match), else cp1252."""
    if not data.strip():
        raise SourceError(path, "empty file")
    sample = data[:8192]
    if b"\x00" in sample:
        if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise SourceError(path, "binary file (contains NUL bytes); not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError(path, f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                "and not cp1252 either; re-save it as UTF-8") from None
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if control > 8:
        raise SourceError(path, "binary file (control characters); not an article")
    return text, "cp1252"


def format_of(path: str, text: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in FORMAT_BY_SUFFIX:
        return FORMAT_BY_SUFFIX[suffix]
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def parse(path: str, text: str, fmt: str) -> Document:
    reader = {"html": read_html, "markdown": read_markdown}.get(fmt, read_text)
    try:
        return reader(path, text)
    except RecursionError:
        raise SourceError(path, f"{fmt} too deeply nested to read") from None
    except Exception as exc:  # a parser bug must not end the run
        raise SourceError(path, f"could not parse as {fmt}: {type(exc).__name__}: {exc}") from None


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, or a SourceError that says why they cannot be read."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise SourceError(path, f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB, "
                                    "see --max-file-size)")
        with open(path, "rb") as fh:
            return fh.read()
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(path, "is a directory") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None


def load(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one source; raise SourceError with a clear message on failure."""
    path = source.path
    data = source.data
    if data is None:
        data = read_file(path, max_bytes)
    elif len(data) > max_bytes:
        raise SourceError(path, f"input too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
    text, encoding = decode(path, data)
    doc = parse(path, text, source.format or format_of(path, text))
    doc.encoding = encoding
    if encoding != "utf-8":
        doc.warnings.append(f"not valid UTF-8; read as {encoding} (offsets count {encoding} characters)")
    return doc
