"""The audit's output folder: never inside the audited tree unless asked, never over a file the
audit did not write, and written by one run at a time.

* **Placement.** An output folder inside an audited folder would be audited by the next run
  (its pages are HTML articles) and seen by ``check .``; it is refused unless
  ``--allow-nested-output`` says so. An audited file or folder inside the output folder is
  always refused: the audit would write over what it reads.
* **Ownership.** Every output folder holds a marker file, ``.healthlint-audit``. A folder that
  exists, is not empty and has no marker (a user's site, say, with its own ``index.html`` and
  ``articles.csv``) is refused, so an audit never replaces a file it did not write. Folder
  discovery (``check`` and ``audit``, :mod:`healthlint.sources`) skips marked folders.
* **One run at a time.** A run holds an exclusive lock on ``.lock`` in the folder (``flock``;
  released by the system even when the run is killed); a second run into the same folder
  stops at once with a message naming the first one's process id.
"""
from __future__ import annotations

import json
import os
import time

from ..sources import OUTPUT_MARKER
from .errors import AuditError

LOCK_NAME = ".lock"
# What an audit writes; a folder holding only these (and their .part files) is an audit's.
OUTPUT_NAMES = {"index.html", "findings.jsonl", "articles.csv", "audit.json", "duplicates.csv", "compare.csv",
                "articles", "assets", ".cache", LOCK_NAME, OUTPUT_MARKER}


class OutputError(AuditError):
    """The output folder cannot be used; the message names it and says what to do."""


def _inside(child: str, parent: str) -> bool:
    """``child`` is ``parent`` or somewhere below it (both real, absolute paths)."""
    try:
        return os.path.commonpath([child, parent]) == parent
    except ValueError:  # different drives (Windows)
        return False


def check_placement(output: str, inputs: list[str], allow_nested: bool = False) -> None:
    """Refuse an output folder that holds an audited path, or (unless allowed) sits in an audited folder."""
    out = os.path.realpath(output)
    for arg in inputs:
        if not os.path.exists(arg):
            continue  # reported as a missing input by the audit itself
        real = os.path.realpath(arg)
        if real != out and _inside(real, out):
            raise OutputError(f"{arg} is inside the output folder {output}: the audit would write over what it "
                              "reads; choose another --output")
        if os.path.isdir(real) and _inside(out, real) and not allow_nested:
            raise OutputError(f"the output folder {output} is inside the audited folder {arg}, so later audits and "
                              f"checks of {arg} would read its pages; choose an --output outside it, or pass "
                              "--allow-nested-output (the folder is then marked and skipped)")


def _legacy_audit_folder(folder: str, names: set[str]) -> bool:
    """An output folder of a healthlint from before the marker: audit.json, findings.jsonl, our dashboard."""
    if not {"audit.json", "findings.jsonl", "index.html"} <= names or not names <= OUTPUT_NAMES | {
            "findings.jsonl.part", "articles.csv.part", "index.html.part"}:
        return False
    try:
        with open(os.path.join(folder, "index.html"), encoding="utf-8", errors="replace") as fh:
            return 'name="generator" content="healthlint' in fh.read(4096)
    except OSError:
        return False


def check_ownership(output: str) -> None:
    """Refuse an existing folder with files the audit did not write (or a file in the folder's place)."""
    if not os.path.exists(output):
        return
    if not os.path.isdir(output):
        raise OutputError(f"{output} exists and is not a folder; choose another --output")
    try:
        names = set(os.listdir(output))
    except OSError as exc:
        raise OutputError(f"cannot read the output folder {output}: {exc.strerror or exc}") from None
    if not names or OUTPUT_MARKER in names or _legacy_audit_folder(output, names):
        return
    example = sorted(names)[0]
    raise OutputError(f"{output} is not empty and is not an audit's output folder (it has no {OUTPUT_MARKER}); "
                      f"the audit will not write over files it did not make, such as {os.path.join(output, example)}. "
                      "Choose a new or empty folder")


class OutputLock:
    """An exclusive lock on ``OUTPUT/.lock`` for the length of a run (released when closed or killed)."""

    def __init__(self, folder: str):
        self.path = os.path.join(folder, LOCK_NAME)
        self.fh = None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock, as before
            return
        try:
            fh = open(self.path, "a+", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write in the output folder: {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            folder = os.path.dirname(self.path)
            raise OutputError(f"{folder} is being written by another audit ({holder}); wait for it to finish "
                              "or choose another --output") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"healthlint audit, pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        fh.flush()
        self.fh = fh

    def release(self) -> None:
        if self.fh is not None:
            try:
                self.fh.close()  # closing the file drops the flock
            finally:
                self.fh = None


def claim(output: str, inputs: list[str], allow_nested: bool = False) -> OutputLock:
    """Check the folder, create it, lock it and mark it as an audit's; return the held lock."""
    check_placement(output, inputs, allow_nested)
    check_ownership(output)
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {output}: {exc.strerror or exc}") from None
    lock = OutputLock(output)
    lock.acquire()
    marker = os.path.join(output, OUTPUT_MARKER)
    if not os.path.exists(marker):
        try:
            with open(marker, "w", encoding="utf-8") as fh:
                json.dump({"tool": "healthlint", "what": "audit output folder: discovery skips it; "
                           "the audit may replace what is in it"}, fh)
                fh.write("\n")
        except OSError as exc:
            lock.release()
            raise OutputError(f"cannot write {marker}: {exc.strerror or exc}") from None
    return lock
