"""Progress of an audit on stderr: count, rate and ETA.

On a terminal the line is redrawn in place (a bar); in a CI log (not a terminal) a plain line is
written now and then, so the log stays readable; nothing at all with ``--quiet``.
"""
from __future__ import annotations

import sys
import time


class Progress:
    """Count, rate and ETA on stderr: a redrawn bar on a terminal, a plain line now and then otherwise."""

    def __init__(self, total: int, quiet: bool = False, stream=None, interval: float | None = None):
        self.total, self.quiet = total, quiet
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.1 if self.tty else 10.0)
        self.done = self.cached = 0
        self.start = self.last = time.monotonic()

    def _line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        total = max(self.total, self.done)
        left = (total - self.done) / rate if rate > 0 else 0
        eta = time.strftime("%H:%M:%S", time.gmtime(left)) if rate > 0 else "--:--:--"
        share = self.done / total if total else 1.0
        if self.tty:
            width = 28
            bar = "#" * int(width * share) + "." * (width - int(width * share))
            return (f"\r[{bar}] {self.done}/{total} {share:4.0%} {rate:7.1f} articles/s ETA {eta}"
                    f"{f' ({self.cached} cached)' if self.cached else ''}  ")
        return (f"healthlint audit: {self.done}/{total} articles ({share:.0%}), {rate:.1f}/s, ETA {eta}"
                f"{f', {self.cached} from cache' if self.cached else ''}\n")

    def update(self, cached: bool = False) -> None:
        self.done += 1
        self.cached += cached
        if self.quiet:
            return
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.stream.write(self._line(now))
            self.stream.flush()

    def close(self) -> None:
        if self.quiet:
            return
        self.stream.write(self._line(time.monotonic()) + ("\n" if self.tty else ""))
        self.stream.flush()
