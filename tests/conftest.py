"""Shared fixtures: one Linter per test session (building it is the slow part)."""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

# Each test checks for itself: no result cache unless a test asks for one (tests/test_result_cache.py),
# and no file of the repository is written by a CLI test run from its folder.
os.environ["HEALTHLINT_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"


@pytest.fixture(scope="session")
def linter():
    from healthlint.engine import Linter

    return Linter()


@pytest.fixture
def dev_corpus():
    if not (DEV_CORPUS / "labels.jsonl").is_file():
        pytest.skip("../shared/corpus/dev is not available here")
    return DEV_CORPUS


def findings_of(linter, text: str, fmt: str = "text", path: str = "article.txt"):
    """Findings of one string (helper for rule tests)."""
    return linter.check_text(text, path=path, fmt=fmt).findings


@pytest.fixture(scope="session")
def lint():
    """A linter with only the claim rules (HL1xx): the claim test modules share one."""
    from healthlint.config import Settings
    from healthlint.engine import Linter

    return Linter(Settings(select=["HL1"]))


def claims(linter, text: str, fmt: str = "text", path: str = "article.txt"):
    """The claim findings of one string."""
    return [f for f in linter.check_text(text, path=path, fmt=fmt).findings if f.category == "claim"]


@pytest.fixture(scope="session")
def article_linter():
    """A linter with only the article-level rules (HL5xx): the article test modules share one."""
    from healthlint.config import Settings
    from healthlint.engine import Linter

    return Linter(Settings(select=["HL5"]))


def article_findings(linter, code: str, text: str, fmt: str = "text", path: str = "article.txt"):
    """The findings of one HL5xx rule on one string."""
    return [f for f in linter.check_text(text, path=path, fmt=fmt).findings if f.rule == code]


class TooSlow(Exception):
    """A step of a test that took longer than its limit (see :func:`within`)."""


@contextmanager
def within(seconds: float):
    """Fail (by interrupting it) a step that takes longer than ``seconds``, so that a hang fails the
    test instead of hanging the suite. Off the main thread it only runs the step."""
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - pytest runs in main
        yield
        return

    def stop(signum, frame):
        raise TooSlow(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
