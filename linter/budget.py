"""A time budget for one rule on one document: a rule over it is stopped, and the run goes on.

Hostile text can make a rule slow (a pattern that backtracks, a loop over every pair of words).
In the main thread a timer interrupts the rule: Python's regular-expression engine and the
interpreter both check for signals, so even a runaway match stops. Elsewhere (a thread of a Dask
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


def _can_interrupt() -> bool:
    """A timer is ours to use: POSIX, the main thread, and no timer of someone else's running."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


@contextmanager
def limit(seconds: float | None) -> Iterator[Deadline]:
    """Run the body with ``seconds`` to spare (``0`` or ``None``: no limit); raises :class:`OverBudget`."""
    deadline = Deadline(seconds or 0)
    if not seconds or seconds <= 0 or not _can_interrupt():
        yield deadline
        return
    armed = True

    def interrupt(signum, frame):
        if armed:
            raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
