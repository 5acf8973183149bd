"""A time budget for reading a document and for each rule on it: over it, that step is stopped and
the run goes on.

Hostile text can make a rule slow (a pattern that backtracks, a loop over every pair of words).
In the main thread a timer interrupts the rule: Python's regular-expression engine and the
interpreter both check for signals, so even a runaway match stops (spaCy's Cython code is not
interrupted mid-call; it is kept linear instead, see ``pipeline.RunSafeTokenizer``). Elsewhere (a thread of a Dask
worker) no timer can interrupt, so the deadline is checked between the findings a rule yields and
after it returns: the rule's findings are dropped and the file reported all the same.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


class OverBudget(BaseException):
    """Raised inside a rule that ran out of time. A BaseException, so that a rule's own
    ``except Exception`` cannot swallow it."""

    def __init__(self, seconds: float):
        super().__init__(f"over the time budget of {seconds:g} s")
        self.seconds = seconds


class Deadline:
    """When the budget runs out; :meth:`watch` checks it between the items a rule yields."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds if seconds > 0 else float("inf")

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise OverBudget(self.seconds)

    def watch(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.check()
            yield item
        self.check()


def _in_main_thread() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(seconds: float | None) -> Iterator[Deadline]:
    """Run the body with ``seconds`` to spare (``0`` or ``None``: no limit); raises :class:`OverBudget`.

    A timer someone else armed (a test's limit, a worker's hard limit) is kept: when it would fire
    first it is left alone, otherwise it is set going again, less the time spent here."""
    deadline = Deadline(seconds or 0)
    if not seconds or seconds <= 0 or not _in_main_thread():
        yield deadline
        return
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield deadline
        return
    armed = True

    def interrupt(signum, frame):
        if armed:
            raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    began = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - began), 1e-3), outer_interval)
