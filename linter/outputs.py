"""Where ``check`` may write (its report, its baseline), and writing without losing anything.

healthlint never writes over what it reads: a checked article, the baseline it compares with, the
config file in use. A report from an earlier run that sits in a checked folder is not an article:
it is skipped as input and replaced. A file is written whole or not at all (a temporary file next
to it, then renamed), so a full disk or a kill leaves the old file, not half a new one.
"""
from __future__ import annotations

import os
import re
import stat
import tempfile

REPORT_MARKERS = re.compile(
    r'<meta name="generator" content="healthlint|"name":\s*"healthlint"|<testsuites name="healthlint'
    r"|^(?:No problems found|Found \d+ problems?) .*in \d+ files?\.$|^::(?:error|warning|notice) file=", re.M)


class OutputError(Exception):
    """An output that must not or cannot be written; the message names the file."""


def _identity(path: str) -> tuple | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def same_file(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name one file (also through links and ``..``)? Missing files: by real path."""
    ia, ib = _identity(a), _identity(b)
    if ia is not None and ib is not None:
        return ia == ib
    return os.path.realpath(a) == os.path.realpath(b)


def is_report(path: str) -> bool:
    """Does ``path`` hold a report healthlint wrote (any format)? Reads its first and last 4 KB."""
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return False
            head = fh.read(4096)
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - 4096))
            tail = fh.read(4096)
    except OSError:
        return False
    text = (head + b"\n" + tail).decode("utf-8", "replace")
    return bool(REPORT_MARKERS.search(text))


def check_target(target: str, what: str, inputs: dict[str, str]) -> None:
    """Raise OutputError when ``target`` is one of ``inputs`` (``{path: what it is}``)."""
    for path, role in inputs.items():
        if path and same_file(target, path):
            raise OutputError(f"refusing to write the {what} to {target}: it is {role}")


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole: a temporary file in the same folder, then an atomic rename.

    A target that exists and is not a regular file (``/dev/stdout``, a pipe) is written directly."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    data = text.encode("utf-8")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    folder = os.path.dirname(os.path.abspath(path))
    temp = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        os.chmod(temp, mode)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
