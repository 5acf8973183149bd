"""``healthlint audit``: check a whole archive, fast, in parallel, resumably, and rank the worst articles.

How an audit flows:

* The main process streams the inputs (:mod:`healthlint.archives`: folders,
  WordPress exports, JSON Lines), hashes each article and looks it up in the
  cache (:mod:`healthlint.cache`). A hit needs no spaCy at all, so a re-run
  whose articles are all cached never imports it.
* Misses go in small batches to worker processes (``--jobs``) or to a Dask
  cluster (``--scheduler``). Each worker builds the :class:`~healthlint.engine.Linter`
  once, runs the pipeline *and the rules* itself, renders the article's HTML page
  while it still holds the document, and sends back plain data (findings as
  dicts, the page as a string): spaCy Docs never cross processes.
* Results are written to the cache the moment they come back, so an interrupted
  audit resumes where it stopped; they are emitted in input order, so the outputs
  are the same for any ``--jobs`` and with or without the cache. At most a fixed
  window of articles is in flight or waiting to be emitted: memory stays flat.
* Outputs: ``findings.jsonl`` and ``articles.csv`` are written as the audit goes
  (into temporary files renamed at the end), ``articles/<slug>.html`` as each
  article finishes, the dashboard ``index.html`` and ``audit.json`` at the end.

Article pages and the cache: the cache holds findings, not pages (a page embeds
the whole article and would make the cache several times larger). A cached
article keeps the page already in the output folder when its SHA-1 matches the
one recorded in the cache; otherwise (a new output folder) the page is rendered
again in the main process from the cached findings and the re-read article,
which needs the HTML reader and Jinja but no spaCy.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import click

from .cli_options import settings_from_cli, settings_options
from .config import Settings
from .finding import CATEGORIES, severity_rank

BATCH = 4  # articles per task: enough to amortise the round trip, small enough to balance load
CSV_FIELDS = ["id", "path", "title", "url", "words", *CATEGORIES, "findings", "score", "errors"]


# == worker side: no spaCy at import; the Linter is built once per process ======================

_LINTER = None
_LINTER_KEY = None
_LOCK = threading.Lock()


def _linter_for(settings_dict: dict):
    """The process's Linter for these settings (built on first use, then reused)."""
    global _LINTER, _LINTER_KEY
    key = json.dumps(settings_dict, sort_keys=True, default=str)
    if _LINTER is None or _LINTER_KEY != key:
        from .engine import Linter

        _LINTER = Linter(Settings(**settings_dict))
        _LINTER_KEY = key
    return _LINTER


def _exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed (``kill -9``) would wait for work forever: end it."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(settings_dict: dict) -> None:
    """Pool initializer: Ctrl-C is the main process's to handle; build the Linter now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the main process's "stop like Ctrl-C" handler
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _linter_for(settings_dict)


def _page_renderer():
    """``render_article_page`` when the HTML report module is available, else None."""
    try:
        from healthlint.reports.html import render_article_page
    except ImportError:  # pragma: no cover - the report module is optional for the audit itself
        return None
    return render_article_page


def _max_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except (ImportError, OSError):  # pragma: no cover - not on Windows
        return 0.0


def _result_of(file_result, task: dict) -> dict:
    """A FileResult as plain, JSON-able data: what the cache stores and the outputs are made of."""
    return {
        "id": task["id"], "path": file_result.path, "title": file_result.title or task["meta"].get("title", ""),
        "url": task["meta"].get("url", ""), "words": file_result.words, "checked": file_result.checked,
        "errors": list(file_result.errors), "findings": [f.to_dict() for f in file_result.findings],
        "score": file_result.extra.get("score"),
        "extra": json.loads(json.dumps(file_result.extra, default=str)),  # score_breakdown, ...
    }


def load_document(task: dict):
    """The Document of a task (its bytes, format and export metadata). Raises SourceError."""
    from .document import Field
    from .sources import Source, load

    source = Source(path=task["path"], data=task["data"], format=task["format"])
    doc = load(source, task["max_bytes"])
    for key, value in task["meta"].items():
        if key not in doc.metadata:
            doc.metadata[key] = Field(key, value, -1, -1)
    return doc


def check_batch(tasks: list[dict], settings_dict: dict, pages: bool) -> list[dict]:
    """Check a batch of articles in this process; return one result dict per task, in order."""
    from .engine import FileResult
    from .sources import SourceError

    linter = _linter_for(settings_dict)
    render = _page_renderer() if pages else None
    out: list[dict | None] = [None] * len(tasks)
    docs = []
    for i, task in enumerate(tasks):
        try:
            docs.append((i, load_document(task)))
        except SourceError as exc:
            out[i] = _result_of(FileResult(path=task["path"], errors=[exc.message], checked=False), task)
    for (i, _), file_result in zip(docs, linter.check_documents(doc for _, doc in docs)):
        result = _result_of(file_result, tasks[i])
        if render is not None:
            try:
                result["page"] = render(file_result, back_href="../index.html")
            except Exception as exc:  # a page that cannot be drawn must not lose the findings
                result["page_error"] = f"{type(exc).__name__}: {exc}"
        out[i] = result
    rss = _max_rss_mb()
    for result in out:
        result["_worker"] = (os.getpid(), rss)
    return out


def dask_check_batch(tasks: list[dict], settings_dict: dict, pages: bool) -> list[dict]:
    """The Dask task: the same as :func:`check_batch`, one at a time per worker process."""
    with _LOCK:  # a Dask worker may run tasks in threads; the Linter is built once and shared
        return check_batch(tasks, settings_dict, pages)


# == back ends: where batches run =================================================================

class _Inline:
    """``--jobs 1``: check in this process (the Linter, and spaCy, load on the first cache miss)."""

    def __init__(self, settings_dict, pages):
        self.args = (settings_dict, pages)

    def submit(self, batch):
        import concurrent.futures as cf

        future = cf.Future()
        try:
            future.set_result(check_batch(batch, *self.args))
        except BaseException as exc:  # noqa: BLE001 - delivered to the waiter like a pool would
            if isinstance(exc, KeyboardInterrupt):
                raise
            future.set_exception(exc)
        return future

    def wait(self, futures):
        return set(f for f in futures if f.done()) or set(futures)

    def recover(self, exc):
        pass

    def close(self, cancel=False):
        pass


class _Pool:
    """``--jobs N``: a process pool, started on the first cache miss, each worker with its own Linter."""

    def __init__(self, jobs, settings_dict, pages):
        self.jobs, self.args, self.pool = jobs, (settings_dict, pages), None

    def submit(self, batch):
        import concurrent.futures as cf

        if self.pool is None:
            self.pool = cf.ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=(self.args[0],))
        return self.pool.submit(check_batch, batch, *self.args)

    def wait(self, futures):
        import concurrent.futures as cf

        return cf.wait(futures, return_when=cf.FIRST_COMPLETED)[0]

    def recover(self, exc):
        """A worker died (killed, out of memory): start a fresh pool for the rest of the archive."""
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(exc, BrokenProcessPool) and self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def close(self, cancel=False):
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _Dask:
    """``--scheduler ADDRESS``: the same batches as Dask tasks; each worker process keeps its Linter."""

    def __init__(self, address, settings_dict, pages):
        try:
            from distributed import Client
        except ImportError:
            raise click.UsageError("--scheduler needs Dask: pip install 'healthlint[dask]'") from None
        try:
            self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise click.UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.args = (settings_dict, pages)

    def submit(self, batch):
        return self.client.submit(dask_check_batch, batch, *self.args, pure=False)

    def wait(self, futures):
        from distributed import wait

        return set(wait(list(futures), return_when="FIRST_COMPLETED").done)

    def recover(self, exc):
        pass  # Dask reschedules the tasks of a lost worker itself

    def close(self, cancel=False):
        self.client.close()


# == progress ===================================================================================

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


# == the audit ==================================================================================

def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def slug(path: str) -> str:
    """A safe, unique file name for an article's page."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path).strip("-.")[-60:] or "article"
    return f"{name}-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:8]}"


@dataclass
class Summary:
    articles: int = 0
    checked: int = 0
    findings: int = 0
    errors: list[dict] = field(default_factory=list)
    by_category: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    cache_hits: int = 0
    computed: int = 0
    seconds: float = 0.0
    workers: dict = field(default_factory=dict)  # pid -> peak RSS (MB)
    worst: list[dict] = field(default_factory=list)
    rule_names: dict = field(default_factory=dict)  # code -> (name, category), from the findings
    interrupted: bool = False

    def exit_code(self, fail_on: str) -> int:
        if self.errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = severity_rank(fail_on)
        return 1 if any(severity_rank(s) >= threshold for s, n in self.by_severity.items() if n) else 0


class _Writer:
    """The output folder: streams findings.jsonl and articles.csv, writes pages and the dashboard."""

    def __init__(self, output: str, pages: bool):
        import csv

        self.output = output
        self.pages = pages and _page_renderer() is not None
        os.makedirs(os.path.join(output, "articles") if self.pages else output, exist_ok=True)
        self.findings_fh = open(os.path.join(output, "findings.jsonl.part"), "w", encoding="utf-8")
        self.csv_fh = open(os.path.join(output, "articles.csv.part"), "w", encoding="utf-8", newline="")
        self.csv = csv.DictWriter(self.csv_fh, fieldnames=CSV_FIELDS)
        self.csv.writeheader()
        self.rows: list[dict] = []

    def page_path(self, path: str) -> str:
        return os.path.join(self.output, "articles", slug(path) + ".html")

    def write_page(self, path: str, html: str) -> str:
        data = html.encode("utf-8")
        # Written in place (a rename per page costs more than the page): a page cut short by a kill
        # fails its checksum on the next run and is drawn again.
        with open(self.page_path(path), "wb") as fh:
            fh.write(data)
        return hashlib.sha1(data).hexdigest()

    def page_is_current(self, path: str, sha: str | None) -> bool:
        try:
            with open(self.page_path(path), "rb") as fh:
                return sha is not None and hashlib.sha1(fh.read()).hexdigest() == sha
        except OSError:
            return False

    def emit(self, result: dict) -> dict:
        for f in result["findings"]:
            self.findings_fh.write(json.dumps({"article": result["id"], **f}, ensure_ascii=False) + "\n")
        counts = Counter(f["category"] for f in result["findings"])
        rules = Counter(f["rule"] for f in result["findings"])
        row = {"id": result["id"], "path": result["path"], "title": result.get("title") or "",
               "words": result.get("words", 0), "score": result.get("score"),
               "counts": {c: counts.get(c, 0) for c in CATEGORIES}, "rules": dict(rules),
               "href": (f"articles/{slug(result['path'])}.html" if self.pages and result.get("checked") else None)}
        self.csv.writerow({"id": row["id"], "path": row["path"], "title": row["title"], "url": result.get("url", ""),
                           "words": row["words"], **row["counts"], "findings": len(result["findings"]),
                           "score": "" if row["score"] is None else row["score"],
                           "errors": " | ".join(result.get("errors", []))})
        self.rows.append(row)
        return row

    def finish(self, summary: Summary, title: str) -> None:
        self.findings_fh.close()
        self.csv_fh.close()
        for name in ("findings.jsonl", "articles.csv"):
            os.replace(os.path.join(self.output, name + ".part"), os.path.join(self.output, name))
        totals = {"articles": summary.articles, "findings": summary.findings,
                  "by_category": {c: summary.by_category.get(c, 0) for c in CATEGORIES},
                  "by_rule": dict(summary.by_rule), "errors": len(summary.errors)}
        try:
            from healthlint.reports.html import render_dashboard

            # The names travel with the findings, so a fully cached audit need not load the rules (and spaCy).
            page = render_dashboard(self.rows, totals, title=title, rule_names=summary.rule_names)
        except Exception as exc:  # the findings must survive a dashboard that cannot be drawn
            summary.errors.append({"path": os.path.join(self.output, "index.html"),
                                   "message": f"dashboard drawn without its template ({type(exc).__name__}: {exc})"})
            page = _plain_dashboard(self.rows, totals, title)
        with open(os.path.join(self.output, "index.html.part"), "w", encoding="utf-8") as fh:
            fh.write(page)
        os.replace(os.path.join(self.output, "index.html.part"), os.path.join(self.output, "index.html"))
        meta = {"articles": summary.articles, "checked": summary.checked, "findings": summary.findings,
                "by_category": dict(summary.by_category), "by_rule": dict(summary.by_rule),
                "errors": summary.errors, "cache_hits": summary.cache_hits, "computed": summary.computed,
                "seconds": round(summary.seconds, 3),
                "worker_peak_rss_mb": {str(k): round(v, 1) for k, v in summary.workers.items()},
                "main_peak_rss_mb": round(_max_rss_mb(), 1)}
        with open(os.path.join(self.output, "audit.json"), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, indent=2)

    def abort(self) -> None:
        for fh in (self.findings_fh, self.csv_fh):
            fh.close()
        for name in ("findings.jsonl.part", "articles.csv.part"):
            try:
                os.remove(os.path.join(self.output, name))
            except OSError:
                pass


def _plain_dashboard(rows: list[dict], totals: dict, title: str) -> str:
    """A bare ranked table: the fallback when the HTML report module cannot draw the dashboard."""
    from html import escape

    ranked = sorted(rows, key=lambda r: (r["score"] is None, r["score"] or 0, -sum(r["counts"].values())))
    body = "".join(
        f"<tr><td>{'' if r['score'] is None else r['score']}</td><td>{sum(r['counts'].values())}</td>"
        f"<td>{escape(r['path'])}</td><td>{escape(r['title'])}</td></tr>" for r in ranked)
    return (f"<!doctype html><meta charset=utf-8><title>{escape(title)}</title><h1>{escape(title)}</h1>"
            f"<p>{totals['articles']} articles, {totals['findings']} findings, {totals['errors']} errors</p>"
            f"<table><tr><th>score<th>findings<th>path<th>title</tr>{body}</table>\n")


def _cacheable(result: dict) -> bool:
    """Never cache a run in which a rule crashed or ran out of time: the next run should try again."""
    return not any(e.startswith(("internal error", "time budget")) for e in result.get("errors", []))


def _error_result(err) -> dict:
    """The result of an article or record that could not be read (an ``archives.ArchiveError``)."""
    return {"id": err.id or err.path, "path": err.path, "title": "", "url": "", "words": 0, "checked": False,
            "errors": [err.message], "findings": [], "score": None, "extra": {}}


def _rerender_page(writer: _Writer, result: dict, task: dict) -> str | None:
    """Draw a cached article's page again (no spaCy needed): its document plus its cached findings."""
    from .engine import FileResult
    from .finding import Finding
    from .sources import SourceError

    render = _page_renderer()
    try:
        doc = load_document(task)
    except SourceError:
        return None
    file_result = FileResult(path=result["path"], findings=[Finding.from_dict(f) for f in result["findings"]],
                             errors=list(result["errors"]), document=doc, words=result["words"],
                             title=result["title"], extra=dict(result.get("extra") or {}))
    try:
        page = render(file_result, back_href="../index.html")
    except Exception:  # noqa: BLE001 - as in the worker: a page that cannot be drawn loses nothing else
        return None
    return writer.write_page(result["path"], page)


def run_audit(inputs: list[str], output: str, settings: Settings, *, jobs: int | None = None,
              use_cache: bool = True, cache_dir: str | None = None, scheduler: str | None = None,
              quiet: bool = False, pages: bool = True, title: str = "healthlint audit",
              progress_stream=None) -> Summary:
    """Audit ``inputs`` into ``output``; return the summary. Raises KeyboardInterrupt when interrupted."""
    from . import cache as cache_mod
    from .archives import ArchiveError, count_articles, iter_articles

    started = time.monotonic()
    jobs = jobs or default_jobs()
    settings_dict = settings.to_dict()
    writer = _Writer(output, pages)
    pages = writer.pages
    cache = cache_mod.Cache(cache_dir or cache_mod.default_folder(output)) if use_cache else None
    version = cache_mod.version_key(settings)
    if scheduler:
        backend = _Dask(scheduler, settings_dict, pages)
    elif jobs <= 1:
        backend = _Inline(settings_dict, pages)
    else:
        backend = _Pool(jobs, settings_dict, pages)
    window = max(64, 8 * BATCH * max(jobs, 2))
    progress = Progress(count_articles(inputs, settings.exclude) if not quiet else 0, quiet, progress_stream)
    summary = Summary()
    slots: dict[int, dict | None] = {}  # sequence number -> result (None: still being checked)
    futures: dict = {}  # future -> [(seq, task), ...]
    batch: list[tuple[int, dict]] = []
    next_out = 0

    def emit(result: dict, cached: bool) -> None:
        summary.articles += 1
        summary.checked += bool(result.get("checked"))
        summary.findings += len(result["findings"])
        for f in result["findings"]:
            summary.by_category[f["category"]] += 1
            summary.by_rule[f["rule"]] += 1
            summary.by_severity[f["severity"]] += 1
            summary.rule_names.setdefault(f["rule"], (f.get("name", ""), f["category"]))
        summary.errors += [{"path": result["path"], "message": m} for m in result.get("errors", [])]
        writer.emit(result)
        progress.update(cached)

    def drain() -> None:
        nonlocal next_out
        while next_out in slots and slots[next_out] is not None:
            result = slots.pop(next_out)
            emit(result, result.pop("_cached", False))
            next_out += 1

    def submit() -> None:
        if batch:
            futures[backend.submit([t for _, t in batch])] = list(batch)
            batch.clear()

    def keep(seq: int, task: dict, result: dict) -> None:
        pid, rss = result.pop("_worker", (None, 0.0))
        if pid is not None:
            summary.workers[pid] = max(summary.workers.get(pid, 0.0), rss)
        page = result.pop("page", None)
        if page is not None:
            result["page_sha"] = writer.write_page(result["path"], page)
        if cache is not None and _cacheable(result):
            cache.put(task["key"], result)
        summary.computed += 1
        slots[seq] = result

    def collect() -> None:
        """Record finished batches; a batch that failed (a worker died) is retried article by article."""
        suspects: list[tuple[int, dict]] = []
        for future in backend.wait(list(futures)):
            items = futures.pop(future)
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed batch (or worker) must not end the audit
                backend.recover(exc)
                suspects += items
                continue
            for (seq, task), result in zip(items, results):
                keep(seq, task, result)
        if suspects:
            isolate(suspects)

    def isolate(suspects: list[tuple[int, dict]]) -> None:
        """Let everything else in flight finish, then check each suspect alone: only a culprit fails."""
        while futures:
            for future in backend.wait(list(futures)):
                items = futures.pop(future)
                try:
                    for (seq, task), result in zip(items, future.result()):
                        keep(seq, task, result)
                except Exception as exc:  # noqa: BLE001
                    backend.recover(exc)
                    suspects += items
        for seq, task in sorted(suspects, key=lambda item: item[0]):
            try:
                keep(seq, task, backend.submit([task]).result()[0])
            except Exception as exc:  # noqa: BLE001
                if not summary.computed:  # nothing ever worked: the engine itself is broken
                    raise click.ClickException(f"cannot check articles: {type(exc).__name__}: {exc}") from None
                backend.recover(exc)
                slots[seq] = _error_result(ArchiveError(task["path"], "internal error while checking this article "
                                                        f"(skipped): {type(exc).__name__}: {exc}", id=task["id"]))

    seq = 0
    try:
        for record in iter_articles(inputs, settings.exclude):
            if isinstance(record, ArchiveError):
                slots[seq] = _error_result(record)
            else:
                task = _task(record, settings, version)
                if isinstance(task, dict):
                    hit = cache.get(task["key"]) if cache is not None else None
                    if hit is not None:
                        hit["path"], hit["id"] = record.path, record.id
                        if pages and hit.get("checked") and not writer.page_is_current(record.path,
                                                                                       hit.get("page_sha")):
                            hit["page_sha"] = _rerender_page(writer, hit, task)
                            cache.put(task["key"], hit)
                        hit["_cached"] = True
                        summary.cache_hits += 1
                        slots[seq] = hit
                    else:
                        slots[seq] = None
                        batch.append((seq, task))
                        if len(batch) >= BATCH:
                            submit()
                else:
                    slots[seq] = task  # an error result (unreadable file)
            seq += 1
            drain()
            while len(slots) >= window:
                submit()
                collect()
                drain()
        submit()
        while futures:
            collect()
            drain()
        drain()
    except BaseException:
        backend.close(cancel=True)
        writer.abort()
        if cache is not None:
            cache.close()
        progress.close()
        raise
    backend.close()
    if cache is not None:
        cache.close()
    progress.close()
    summary.seconds = time.monotonic() - started
    summary.worst = sorted((r for r in writer.rows if sum(r["counts"].values())),
                           key=lambda r: (r["score"] if r["score"] is not None else 101,
                                          -sum(r["counts"].values()), r["path"]))[:10]
    writer.finish(summary, title)
    return summary


def _task(article, settings: Settings, version: str) -> dict:
    """The work item of an ``archives.Article`` (its bytes read and its key computed), or an error result."""
    from .archives import ArchiveError

    data = article.data
    if data is None:
        from .sources import SourceError, read_file

        try:  # never blocks on a FIFO, never reads past the size limit (/dev/zero)
            data = read_file(article.path, settings.max_file_size)
        except SourceError as exc:
            return _error_result(ArchiveError(article.path, exc.message, id=article.id))
    from .cache import article_key

    meta = article.meta()
    return {"key": article_key(version, article.path, article.format, meta, data), "id": article.id,
            "path": article.path, "format": article.format, "data": data, "meta": meta,
            "max_bytes": settings.max_file_size}


# == the command ================================================================================

def _print_summary(summary: Summary, output: str) -> None:
    echo = click.echo
    echo(f"healthlint audit: {summary.articles} articles ({summary.checked} checked, "
         f"{len(summary.errors)} errors), {summary.findings} findings in {summary.seconds:.1f}s")
    if summary.findings:
        echo("  by category: " + ", ".join(f"{c} {summary.by_category[c]}" for c in CATEGORIES
                                          if summary.by_category.get(c)))
        top = ", ".join(f"{code} {n}" for code, n in summary.by_rule.most_common(8))
        echo(f"  top rules:   {top}")
    echo(f"  cache:       {summary.cache_hits} reused, {summary.computed} checked")
    if summary.worst:
        echo("  worst articles:")
        for row in summary.worst[:5]:
            score = "  -" if row["score"] is None else f"{row['score']:>3.0f}"
            n = sum(row["counts"].values())
            echo(f"    score {score}  {n:>3} findings  {row['path']}" + (f"  ({row['title']})" if row["title"] else ""))
    echo(f"  wrote {os.path.join(output, 'index.html')}, findings.jsonl, articles.csv")


@click.command("audit")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", default="audit", show_default=True, type=click.Path(file_okay=False),
              help="Folder for index.html, findings.jsonl, articles.csv and the article pages.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Check every article again; neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Cache folder (default: OUTPUT/.cache); share one between audits to reuse results.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run on a Dask cluster (e.g. tcp://10.0.0.5:8786); needs healthlint[dask].")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@settings_options
@click.option("--no-pages", is_flag=True, help="Do not write a page per article (faster).")
@click.option("--title", default="healthlint audit", show_default=True, help="Title of the dashboard.")
def audit(sources, output, jobs, no_cache, cache_dir, scheduler, quiet, no_pages, title, **options):
    """Audit an archive: folders, WordPress exports (.xml) and JSON Lines (.jsonl).

    Writes OUTPUT/index.html (a dashboard ranking the worst articles), findings.jsonl,
    articles.csv and one page per article, and prints a summary. Results are cached:
    run the same command again after an interruption and it resumes.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an
    article or record could not be read.
    """
    settings = settings_from_cli(sources, **options)

    previous = signal.getsignal(signal.SIGTERM)

    def on_term(signum, frame):  # a plain `kill`: stop like Ctrl-C, so workers are shut down
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_term)
    try:
        summary = run_audit(list(sources), output, settings, jobs=jobs, use_cache=not no_cache,
                            cache_dir=cache_dir, scheduler=scheduler, quiet=quiet, pages=not no_pages, title=title)
    except KeyboardInterrupt:
        click.echo("healthlint audit: interrupted; finished articles are cached: run the same command "
                   "again to resume", err=True)
        sys.exit(130)
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
    for err in summary.errors:
        click.echo(f"healthlint: {err['path']}: {err['message']}", err=True)
    _print_summary(summary, output)
    sys.exit(summary.exit_code(settings.fail_on))
