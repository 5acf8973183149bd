"""Where an audit's articles are checked: in this process, in local worker processes, or on Dask.

Every executor takes batches of ``(seq, task)`` pairs with :meth:`submit` and hands back
``(seq, task, result)`` triples with :meth:`collect` (which waits for at least one while any
are in flight). No article is ever dropped: one that cannot be checked comes back as an
error result (:func:`healthlint.audit.worker.error_result`) that says why.

* :class:`Inline` (``jobs=1`` through the API, no time limit): this process; spaCy loads on
  the first cache miss.
* :class:`LocalPool` (``--jobs N``): N worker processes, each with its own Linter, fed one
  batch at a time through a pipe. A worker sends each article's result as soon as it is
  done, so the pool always knows which article a worker is on and since when. An article
  that takes longer than the time limit (``--article-timeout``) gets its worker killed and
  replaced, and is recorded as failed. A worker that dies (killed, out of memory, a crash
  in native code) is replaced; the article it was on is tried once more alone, and only
  an article that kills a worker twice is recorded as failed.
* :class:`DaskPool` (``--scheduler``): the same batches as Dask tasks, no more in flight than
  the cluster has threads (so a batch's clock starts when it starts running). Dask cannot
  stop a running task: a batch over the time limit is abandoned, its articles tried alone,
  and one over the limit alone is recorded as failed while the Dask worker finishes it.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import wait as wait_for

from . import worker
from .errors import AuditError

CRASHED = "internal error while checking this article (skipped): "


def _failed(task: dict, reason: str) -> dict:
    return worker.error_result(task["id"], task["path"], CRASHED + reason)


class Inline:
    """Check in this process, one batch per :meth:`collect` (no time limit: nothing could stop a hang)."""

    def __init__(self, settings_dict: dict, pages: bool):
        self.args = (settings_dict, pages)
        self.pending: deque = deque()
        self.worked = False

    def submit(self, items: list) -> None:
        self.pending.append(list(items))

    def in_flight(self) -> bool:
        return bool(self.pending)

    def collect(self) -> list:
        if not self.pending:
            return []
        items = self.pending.popleft()
        try:
            results = worker.check_batch([t for _, t in items], *self.args)
        except Exception as exc:  # noqa: BLE001 - a bug below the rules: isolate the article that triggers it
            if not self.worked and len(items) == 1:
                raise AuditError(f"cannot check articles: {type(exc).__name__}: {exc}") from None
            if len(items) > 1:
                self.pending.extendleft([item] for item in reversed(items))
                return []
            return [(items[0][0], items[0][1], _failed(items[0][1], f"{type(exc).__name__}: {exc}"))]
        self.worked = True
        return [(seq, task, result) for (seq, task), result in zip(items, results)]

    def close(self, cancel: bool = False) -> None:
        self.pending.clear()


# -- local worker processes ------------------------------------------------------------------

def _exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed (``kill -9``) would wait for work forever: end it."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _serve(conn, settings_dict: dict, pages: bool, parent: int) -> None:
    """A worker process: build the Linter, then check each batch it is sent, one result at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the main process's "stop like Ctrl-C" handler
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:
        worker.linter_for(settings_dict)
    except BaseException as exc:  # noqa: BLE001 - e.g. a --model that is not installed
        conn.send(("fatal", None, f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            tasks = conn.recv()
        except (EOFError, OSError):
            return
        if tasks is None:
            return
        try:
            for index, result in worker.check_tasks(tasks, settings_dict, pages):
                conn.send(("result", index, result))
        except Exception as exc:  # noqa: BLE001 - reported for the article it happened on
            conn.send(("crash", None, f"{type(exc).__name__}: {exc}"))
            continue
        conn.send(("done", None, None))


class _Worker:
    """One worker process, its pipe, and the batch it holds."""

    def __init__(self, ctx, settings_dict: dict, pages: bool):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, settings_dict, pages, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.batch: list | None = None
        self.done = 0  # results received for the batch
        self.deadline: float | None = None

    def send(self, batch: list, limit: float | None) -> None:
        self.batch, self.done = batch, 0
        self.deadline = time.monotonic() + limit if limit else None
        self.conn.send([task for _, task in batch])

    def stop(self, kill: bool) -> None:
        if self.process.is_alive():
            if not kill:
                try:
                    self.conn.send(None)
                except OSError:
                    pass
                self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
        self.process.join(5)
        self.conn.close()


class LocalPool:
    """``--jobs N`` worker processes, started on the first cache miss, each article under a time limit."""

    def __init__(self, jobs: int, settings_dict: dict, pages: bool, timeout: float | None = None):
        self.jobs, self.args, self.timeout = jobs, (settings_dict, pages), timeout
        self.ctx = multiprocessing.get_context()
        self.workers: list[_Worker] = []
        self.pending: deque = deque()
        self.retried: set[int] = set()
        self.failed_starts = 0  # workers that died before they were ready, since one last was

    def submit(self, items: list) -> None:
        self.pending.append(list(items))
        while len(self.workers) < self.jobs:
            self.workers.append(_Worker(self.ctx, *self.args))

    def in_flight(self) -> bool:
        return bool(self.pending) or any(w.batch for w in self.workers)

    def _dispatch(self) -> None:
        for w in self.workers:
            if w.ready and w.batch is None and self.pending:
                w.send(self.pending.popleft(), self.timeout)

    def _replace(self, w: _Worker, reason: str) -> None:
        w.stop(kill=True)
        self.workers.remove(w)
        if not w.ready:  # it died starting up: no article to blame, the environment is at fault
            self.failed_starts += 1
            if self.failed_starts > 2 * self.jobs + 2:
                raise AuditError(f"cannot check articles: worker processes keep dying as they start ({reason})")
        self.workers.append(_Worker(self.ctx, *self.args))

    def _give_back(self, w: _Worker, out: list, reason: str, retry: bool) -> None:
        """The worker lost its batch: the article it was on fails (or is retried alone); the rest go back."""
        batch, done = w.batch or [], w.done
        w.batch = w.deadline = None
        if done >= len(batch):
            return
        (seq, task), rest = batch[done], batch[done + 1:]
        if rest:
            self.pending.appendleft(rest)
        if retry and seq not in self.retried:
            self.retried.add(seq)
            self.pending.appendleft([(seq, task)])
        else:
            out.append((seq, task, _failed(task, reason)))

    def _read(self, w: _Worker, out: list) -> bool:
        """Take every message the worker has sent; False when its pipe closed (it died)."""
        try:
            while w.conn.poll():
                kind, index, payload = w.conn.recv()
                if kind == "ready":
                    w.ready, self.failed_starts = True, 0
                elif kind == "result":
                    seq, task = w.batch[index]
                    out.append((seq, task, payload))
                    w.done = index + 1
                    w.deadline = time.monotonic() + self.timeout if self.timeout else None
                elif kind == "done":
                    w.batch = w.deadline = None
                elif kind == "crash":
                    self._give_back(w, out, payload, retry=False)
                elif kind == "fatal":
                    raise AuditError(f"cannot check articles: {payload}")
        except (EOFError, OSError):
            return False
        return True

    def collect(self) -> list:
        out: list = []
        while not out and self.in_flight():
            self._dispatch()
            deadlines = [w.deadline for w in self.workers if w.deadline is not None]
            wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
            ready = set(wait_for(handles, wait))
            now = time.monotonic()
            for w in list(self.workers):
                alive = self._read(w, out) if w.conn in ready else True
                if not alive or (w.process.sentinel in ready and not w.conn.poll()):
                    w.process.join(5)  # reap it, so that its exit code is known
                    code = w.process.exitcode if w.process.exitcode is not None else "unknown"
                    reason = f"the worker process died while checking it (exit code {code})"
                    self._give_back(w, out, reason, retry=True)
                    self._replace(w, reason)
                elif w.deadline is not None and now >= w.deadline:
                    reason = (f"checking it took longer than {self.timeout:g} s (--article-timeout); its worker "
                              "was stopped and replaced")
                    self._give_back(w, out, reason, retry=False)
                    self._replace(w, reason)
            self._dispatch()
        return out

    def close(self, cancel: bool = False) -> None:
        for w in self.workers:
            w.stop(kill=cancel)
        self.workers.clear()
        self.pending.clear()


# -- Dask --------------------------------------------------------------------------------------

class DaskPool:
    """``--scheduler ADDRESS``: batches as Dask tasks; each Dask worker process keeps its Linter."""

    def __init__(self, address: str, settings_dict: dict, pages: bool, timeout: float | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise AuditError("--scheduler needs Dask: pip install 'healthlint[dask]'") from None
        try:
            self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise AuditError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.args, self.timeout = (settings_dict, pages), timeout
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.pending: deque = deque()
        self.running: dict = {}  # future -> (items, started)

    def submit(self, items: list) -> None:
        self.pending.append(list(items))

    def in_flight(self) -> bool:
        return bool(self.pending or self.running)

    def _lost(self, items: list, out: list, reason: str) -> None:
        if len(items) > 1:  # find the culprit: each article alone
            self.pending.extendleft([item] for item in reversed(items))
        else:
            out.append((items[0][0], items[0][1], _failed(items[0][1], reason)))

    def collect(self) -> list:
        from distributed import wait

        out: list = []
        while not out and self.in_flight():
            while self.pending and len(self.running) < self.slots:
                items = self.pending.popleft()
                future = self.client.submit(worker.dask_check_batch, [t for _, t in items], *self.args, pure=False)
                self.running[future] = (items, time.monotonic())
            limit = None
            if self.timeout:
                limit = max(0.0, min(s + self.timeout * len(i) for i, s in self.running.values()) - time.monotonic())
            try:
                done = set(wait(list(self.running), timeout=limit, return_when="FIRST_COMPLETED").done)
            except TimeoutError:
                done = set()
            now = time.monotonic()
            for future in list(self.running):
                items, started = self.running[future]
                if future in done:
                    del self.running[future]
                    try:
                        results = future.result()
                    except Exception as exc:  # noqa: BLE001 - a lost worker or a crash in the task
                        self._lost(items, out, f"{type(exc).__name__}: {exc}")
                        continue
                    out += [(seq, task, result) for (seq, task), result in zip(items, results)]
                elif self.timeout and now - started >= self.timeout * len(items):
                    del self.running[future]
                    future.cancel()
                    self._lost(items, out, f"checking it took longer than {self.timeout:g} s on the Dask cluster "
                                           "(--article-timeout)")
        return out

    def close(self, cancel: bool = False) -> None:
        self.client.close()
