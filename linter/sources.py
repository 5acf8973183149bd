"""Find article files, read their bytes, decode them and build Documents.

Every failure becomes a ``SourceError`` with a one-line message naming the
file, so that one bad file never stops a run over many.
"""
from __future__ import annotations

import fnmatch
import glob
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from . import budget, lines
from .document import Document
from .html_source import read_html
from .markdown_source import read_markdown
from .text_source import read_text

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIME_BUDGET = 10.0  # seconds (Settings.time_budget)
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
            hits, unreadable = [], []
            for root, dirs, files in os.walk(arg, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not _excluded(os.path.join(root, d), excludes)
                                 and not _is_audit_output(os.path.join(root, d)))
                hits += [os.path.join(root, f) for f in files if f.lower().endswith(suffixes)]
            for exc in unreadable:  # a folder we may not list: its articles would be lost without a word
                folder = exc.filename or arg
                errors.append(SourceError(folder, f"cannot read this folder ({exc.strerror or exc}); "
                                                  "the articles in it were not checked"))
            hits = [h for h in sorted(hits) if not _excluded(h, excludes)]
            for path in hits:
                kind = _not_regular(path)
                if kind:  # a FIFO would block the run in open(); a device never ends
                    errors.append(SourceError(path, f"not a regular file ({kind}); skipped"))
            hits = [h for h in hits if not _not_regular(h)]
            if not hits and not unreadable:
                errors.append(SourceError(arg, f"no articles found (looked for {', '.join(suffixes)})"))
            found += hits
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


def _not_regular(path: str) -> str | None:
    """What ``path`` is when it is neither a regular file nor a folder (after symbolic links)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it will say what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


def size_text(n: int) -> str:
    """``5.2 MB``, ``12.0 KB``, ``900 bytes``."""
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB" if n >= 1e3 else f"{n} bytes"


def _too_large(path: str, max_bytes: int, size: int | None = None) -> SourceError:
    what = size_text(size) if size is not None else f"more than {size_text(max_bytes)}"
    return SourceError(path, f"file too large ({what}; the limit is {size_text(max_bytes)}, see --max-file-size)")


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, never more than ``max_bytes`` (more is an error), never hanging in ``open``.

    Opening is non-blocking, so a named pipe nobody writes to reads as empty instead of waiting
    forever; a pipe with a writer (``healthlint check <(cmd)``) and a device (``/dev/zero``) are
    read as streams, up to the limit."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise SourceError(path, "is a directory") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fd)
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                raise SourceError(path, "is a directory")
            if stat.S_ISREG(mode) and info.st_size > max_bytes:
                raise _too_large(path, max_bytes, info.st_size)
            os.set_blocking(fd, True)  # from here on, wait for a pipe's writer like any reader
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
        except MemoryError:
            raise SourceError(path, "cannot read: out of memory") from None
    if len(data) > max_bytes:
        raise _too_large(path, max_bytes)
    if not data and not stat.S_ISREG(mode):
        raise SourceError(path, f"empty ({_KINDS.get(stat.S_IFMT(mode), 'a special file')} with nothing to read)")
    return data


def read_stdin(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of standard input, up to ``max_bytes`` (endless input is an error, not a hang on memory)."""
    stream = getattr(sys.stdin, "buffer", None)  # sys.stdin is None when the shell closed it (<&-)
    if stream is None:
        raise SourceError(name, "standard input is closed; nothing to read")
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(name, f"cannot read standard input: {exc.strerror or exc}") from None
    except MemoryError:
        raise SourceError(name, "cannot read standard input: out of memory") from None
    if len(data) > max_bytes:
        raise SourceError(name, f"input too large (more than {size_text(max_bytes)}; see --max-file-size)")
    return data


BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))  # no text, but not whitespace to str.strip


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in mostly-Latin text saved as UTF-16."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0:pairs * 2:2].count(0) / pairs
    odd = sample[1:pairs * 2:2].count(0) / pairs
    if odd >= 0.3 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.3 and odd <= 0.02:
        return "utf-16-be"
    return None


def _control_characters(text: str) -> int:
    return sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Bytes to text: UTF-8 (a BOM is kept as U+FEFF so offsets match), UTF-16/32 by BOM or by
    their NUL pattern, else cp1252. Text with nothing visible in it is an empty file."""
    text, encoding = _decode(path, data)
    if not text.translate(INVISIBLE).strip():  # also only a BOM, or only no-break spaces
        raise SourceError(path, "empty file")
    return text, encoding


def _decode(path: str, data: bytes) -> tuple[str, str]:
    sample = data[:8192]
    encoding = next((name for bom, name in BOMS if sample.startswith(bom)), None)
    if encoding is None and b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise SourceError(path, "binary file (contains NUL bytes); not an article")
    if encoding is not None:  # the BOM, if any, stays as U+FEFF, as with UTF-8
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise SourceError(path, f"binary file (not valid {encoding.upper()}); not an article") from None
        if _control_characters(text) > 8:
            raise SourceError(path, "binary file (control characters); not an article")
        return text, encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError(path, f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                "and not cp1252 either; re-save it as UTF-8") from None
    if _control_characters(text) > 8:
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
    """The Document of a decoded text. Readers see every line break as ``\\n`` (same length); the
    Document keeps the file's own text, so excerpts and positions are the file's."""
    reader = {"html": read_html, "markdown": read_markdown}.get(fmt, read_text)
    try:
        doc = reader(path, lines.with_lf(text))
    except RecursionError:
        raise SourceError(path, f"{fmt} too deeply nested to read") from None
    except Exception as exc:  # a parser bug must not end the run
        raise SourceError(path, f"could not parse as {fmt}: {type(exc).__name__}: {exc}") from None
    doc.text = text
    return doc


def load(source: Source, max_bytes: int = DEFAULT_MAX_BYTES, time_budget: float | None = DEFAULT_TIME_BUDGET) -> Document:
    """Read and parse one source; raise SourceError with a clear message on failure.

    Parsing runs under the time budget: Python's own HTML parser is quadratic on some malformed
    markup before 3.11.13 (CVE-2025-6069), and a file must never hold the run."""
    path = source.path
    data = source.data
    if data is None:
        data = read_file(path, max_bytes)
    elif len(data) > max_bytes:
        raise SourceError(path, f"input too large ({size_text(len(data))}; the limit is {size_text(max_bytes)})")
    text, encoding = decode(path, data)
    fmt = source.format or format_of(path, text)
    try:
        with budget.limit(time_budget):
            doc = parse(path, text, fmt)
    except budget.OverBudget as exc:
        raise SourceError(path, f"time budget exceeded: reading it as {fmt} took over {exc.seconds:g} s "
                                "(see --time-budget); not checked") from None
    doc.encoding = encoding
    if encoding != "utf-8":
        doc.warnings.append(f"not valid UTF-8; read as {encoding} (offsets count {encoding} characters)")
    return doc
