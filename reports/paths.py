"""Paths as CI services want them: relative to the repository (the working folder), with forward slashes."""
from __future__ import annotations

import os
from pathlib import Path


def repo_path(path: str) -> str:
    """``/builds/site/content/a.md`` -> ``content/a.md`` when run from ``/builds/site``; others as given."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            path = rel
    return Path(path).as_posix()
