"""Run an audit: stream the archive, reuse the cache, check the rest, write the outputs.

How an audit flows:

* The output folder is claimed first (:mod:`.outdir`: placement, ownership, lock), and the
  previous audit to compare with, if any, is read (:mod:`.compare`).
* The main process streams the inputs (:mod:`.archives`: folders, WordPress exports, JSON
  Lines), hashes each article and looks it up in the cache (:mod:`.cache`). A hit needs no
  spaCy at all, so a re-run whose articles are all cached never imports it.
* Misses go in small batches to an executor (:mod:`.executors`: this process, local worker
  processes with a time limit per article, or a Dask cluster). Workers (:mod:`.worker`) send
  back plain data: findings, metadata, the near-duplicate signature and the article's page.
* Results are written to the cache the moment they come back, so an interrupted audit
  resumes where it stopped; they are emitted in input order, so the outputs are the same for
  any ``--jobs`` and with or without the cache. At most a fixed window of articles is in
  flight or waiting to be emitted: memory stays flat.
* At the end: near-duplicate groups (:mod:`.duplicates`), the comparison's totals, the
  dashboard and ``audit.json`` (:mod:`.outputs`).

This module knows no command line: problems the user can fix are :class:`AuditError`.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field

from ..config import Settings
from ..finding import CATEGORIES, severity_rank
from . import cache as cache_mod
from . import duplicates, metadata, outdir, worker
from .archives import ArchiveError, count_articles, iter_articles
from .compare import Comparison, load_previous
from .errors import AuditError
from .outputs import OutputWriter, article_row
from .progress import Progress

BATCH = 4  # articles per task: enough to amortise the round trip, small enough to balance load
TOP_WORST = 10


@dataclass
class Summary:
    """What an audit found and did; the command prints it, ``audit.json`` records it."""

    articles: int = 0
    checked: int = 0
    findings: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_category: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    cache_hits: int = 0
    computed: int = 0
    seconds: float = 0.0
    workers: dict = field(default_factory=dict)  # pid -> peak RSS (MB)
    worst: list[dict] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # code -> {"name", "category", "severity"}, from the findings
    duplicate_groups: list = field(default_factory=list)  # duplicates.Group, largest first
    comparison: dict | None = None  # compare.Comparison.summary()

    def exit_code(self, fail_on: str) -> int:
        if self.errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = severity_rank(fail_on)
        return 1 if any(severity_rank(s) >= threshold for s, n in self.by_severity.items() if n) else 0


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def make_task(article, settings: Settings, version: str) -> dict:
    """The work item of an ``archives.Article`` (its bytes read and its key computed), or an error result."""
    from .cache import article_key

    data = article.data
    if data is None:
        try:
            size = os.path.getsize(article.path)
            if size > settings.max_file_size:
                return worker.error_result(article.id, article.path, f"file too large ({size / 1e6:.1f} MB; the "
                                           f"limit is {settings.max_file_size / 1e6:.1f} MB, see --max-file-size)")
            with open(article.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return worker.error_result(article.id, article.path, f"cannot read: {exc.strerror or exc}")
    meta = article.meta()
    shown = {"title": article.title, "url": article.url, "date": article.date, "author": article.author,
             "categories": list(article.categories), "folder": article.folder}
    # The categories are in the key only because the article's page shows them.
    key = article_key(version, article.path, article.format, {**meta, "categories": shown["categories"]}, data)
    return {"key": key, "id": article.id, "path": article.path, "format": article.format, "data": data,
            "meta": meta, "article": shown, "max_bytes": settings.max_file_size}


def _cacheable(result: dict) -> bool:
    """Never cache a run in which a rule crashed or an article timed out: the next run should try again."""
    return not any(e.startswith("internal error") for e in result.get("errors", []))


def _executor(scheduler, jobs, settings_dict, pages, timeout):
    from .executors import DaskPool, Inline, LocalPool

    if scheduler:
        return DaskPool(scheduler, settings_dict, pages, timeout)
    if jobs <= 1 and not timeout:
        return Inline(settings_dict, pages)
    return LocalPool(max(jobs, 1), settings_dict, pages, timeout)


def run_audit(inputs: list[str], output: str, settings: Settings, *, jobs: int | None = None,
              use_cache: bool = True, cache_dir: str | None = None, scheduler: str | None = None,
              quiet: bool = False, pages: bool = True, title: str = "healthlint audit", progress_stream=None,
              compare: str | None = None, allow_nested_output: bool = False, article_timeout: float | None = None,
              duplicate_threshold: float | None = duplicates.DEFAULT_THRESHOLD) -> Summary:
    """Audit ``inputs`` into the folder ``output``; return the summary.

    ``article_timeout``: seconds one article may take in a worker process before the worker
    is replaced and the article recorded as failed (None: no limit; with ``jobs=1`` and no
    limit the articles are checked in this process). ``compare``: an earlier audit's output
    folder. ``duplicate_threshold``: estimated Jaccard similarity from which two articles are
    near-duplicates (None: no detection). Raises :class:`AuditError` for a problem the user
    can fix, KeyboardInterrupt when interrupted.
    """
    started = time.monotonic()
    jobs = jobs or default_jobs()
    # Read first (the previous audit may be the output folder itself): what was there before this run.
    comparison = Comparison(load_previous(compare)) if compare else None
    lock = outdir.claim(output, inputs, allow_nested_output)
    writer = cache = executor = progress = None
    try:
        writer = OutputWriter(output, pages)
        cache = cache_mod.Cache(cache_dir or cache_mod.default_folder(output)) if use_cache else None
        version = cache_mod.version_key(settings)
        executor = _executor(scheduler, jobs, settings.to_dict(), pages, article_timeout)
        progress = Progress(count_articles(inputs, settings.exclude) if not quiet else 0, quiet, progress_stream)
        summary = Summary()
        run = _Run(summary, writer, cache, comparison, progress, pages)
        run.stream(iter_articles(inputs, settings.exclude), executor, settings, version,
                   window=max(64, 8 * BATCH * max(jobs, 2)))
        executor.close()
        executor = None
        progress.close()
        progress = None
        if cache is not None:
            summary.warnings += cache.warnings
            cache.close()
        run.finish(title, duplicate_threshold, time.monotonic() - started)
    except BaseException:
        if executor is not None:
            executor.close(cancel=True)
        if progress is not None:
            progress.close()
        if writer is not None:
            writer.abort()
        raise
    finally:
        if cache is not None:
            cache.close()
        lock.release()
    return summary


class _Run:
    """The state of one audit between its first article and its last: emit in order, summarise."""

    def __init__(self, summary: Summary, writer: OutputWriter, cache, comparison, progress, pages: bool):
        self.summary, self.writer, self.cache = summary, writer, cache
        self.comparison, self.progress, self.pages = comparison, progress, pages
        self.rows: list[dict] = []
        self.signatures: list[tuple[tuple, str, list[int]]] = []  # (sort key, path, signature)
        self.slots: dict[int, dict | None] = {}  # sequence number -> result (None: still being checked)
        self.shown: dict[int, dict] = {}  # sequence number -> what the export says about the article
        self.next_out = 0

    # -- in order, one article at a time ------------------------------------------------------------
    def emit(self, seq: int, result: dict, cached: bool) -> None:
        summary = self.summary
        article = self.shown.pop(seq, {})
        info = metadata.describe(article, result.get("doc_meta"), article.get("folder", ""))
        href = self.writer.page_href(result["path"]) if self.pages and result.get("page_sha") else None
        row = article_row(result, info, href)
        change = self.comparison.article(result["path"], result["findings"], row["checked"]) \
            if self.comparison is not None else None
        if change is not None:
            row["change"] = {"status": change.status, "new": change.new, "fixed": change.fixed,
                             "unchanged": change.unchanged, "previous_score": change.previous_score}
        self.writer.write_article(row, result["findings"], change)
        self.rows.append(row)
        if result.get("signature"):
            self.signatures.append(((row["year"] or 9999, seq), row["path"], result["signature"]))
        summary.articles += 1
        summary.checked += row["checked"]
        summary.findings += row["findings"]
        for f in result["findings"]:
            summary.by_category[f["category"]] += 1
            summary.by_rule[f["rule"]] += 1
            summary.by_severity[f["severity"]] += 1
            summary.rules.setdefault(f["rule"], {"name": f.get("name", ""), "category": f["category"],
                                                 "severity": f["severity"]})
        summary.errors += [{"path": result["path"], "message": m} for m in result.get("errors", [])]
        if result.get("page_error"):
            summary.warnings.append(f"{result['path']}: its page could not be drawn ({result['page_error']})")
        self.progress.update(cached)

    def drain(self) -> None:
        while self.next_out in self.slots and self.slots[self.next_out] is not None:
            result = self.slots.pop(self.next_out)
            self.emit(self.next_out, result, result.pop("_cached", False))
            self.next_out += 1

    def keep(self, seq: int, task: dict, result: dict) -> None:
        """A result from a worker: record its page and cache it; it is emitted when its turn comes."""
        pid, rss = result.pop("_worker", (None, 0.0))
        if pid is not None:
            self.summary.workers[pid] = max(self.summary.workers.get(pid, 0.0), rss)
        page = result.pop("page", None)
        if page is not None:
            result["page_sha"] = self.writer.write_page(result["path"], page)
        if self.cache is not None and _cacheable(result):
            self.cache.put(task["key"], result)
        self.summary.computed += 1
        self.slots[seq] = result

    def cached(self, task: dict, hit: dict) -> dict:
        hit["path"], hit["id"] = task["path"], task["id"]
        if self.pages and hit.get("checked") and not self.writer.page_is_current(task["path"], hit.get("page_sha")):
            page = worker.redraw_page(hit, task)
            hit["page_sha"] = self.writer.write_page(task["path"], page) if page is not None else None
            self.cache.put(task["key"], hit)
        hit["_cached"] = True
        self.summary.cache_hits += 1
        return hit

    # -- the stream ----------------------------------------------------------------------------------------
    def stream(self, records, executor, settings: Settings, version: str, window: int) -> None:
        batch: list[tuple[int, dict]] = []

        def collect() -> None:
            for seq, task, result in executor.collect():
                self.keep(seq, task, result)
            self.drain()

        for seq, record in enumerate(records):
            if isinstance(record, ArchiveError):
                self.slots[seq] = worker.error_result(record.id or record.path, record.path, record.message)
            else:
                task = make_task(record, settings, version)
                if "key" not in task:
                    self.slots[seq] = task  # an error result (unreadable file)
                else:
                    self.shown[seq] = task["article"]
                    hit = self.cache.get(task["key"]) if self.cache is not None else None
                    if hit is not None:
                        self.slots[seq] = self.cached(task, hit)
                    else:
                        self.slots[seq] = None
                        batch.append((seq, task))
                        if len(batch) >= BATCH:
                            executor.submit(batch)
                            batch = []
            self.drain()
            while len(self.slots) >= window:
                if batch:
                    executor.submit(batch)
                    batch = []
                collect()
        if batch:
            executor.submit(batch)
        while executor.in_flight():
            collect()
        self.drain()
        if self.slots:  # pragma: no cover - an executor lost an article: say so rather than drop it
            raise AuditError(f"internal error: {len(self.slots)} articles were never checked")

    # -- the end ---------------------------------------------------------------------------------------------
    def finish(self, title: str, threshold: float | None, seconds: float) -> None:
        summary = self.summary
        summary.seconds = seconds
        summary.worst = sorted((r for r in self.rows if r["findings"]),
                               key=lambda r: (r["score"] if r["score"] is not None else 101, -r["findings"],
                                              r["path"]))[:TOP_WORST]
        duplicate_rows = None
        if threshold is not None:
            ordered = sorted(self.signatures, key=lambda item: item[0])
            summary.duplicate_groups = duplicates.find_groups([(p, s) for _, p, s in ordered], threshold)
            duplicate_rows = self._mark_duplicates()
        compare_rows = None
        if self.comparison is not None:
            summary.comparison = self.comparison.summary()
            compare_rows = [{"id": r["id"], "path": r["path"], "title": r["title"], "score": r["score"],
                             **{k: v for k, v in r["change"].items()}} for r in self.rows]
            compare_rows += [{"path": p, "status": "removed", "previous_score": self.comparison.previous.scores.get(p)}
                             for p in self.comparison.removed()]
        totals = {"articles": summary.articles, "findings": summary.findings,
                  "by_category": {c: summary.by_category.get(c, 0) for c in CATEGORIES},
                  "by_rule": dict(summary.by_rule), "errors": len(summary.errors)}
        dashboard = None
        try:
            from healthlint.reports.dashboard import render_dashboard

            # The rule names travel with the findings, so a fully cached audit need not load the rules.
            dashboard = render_dashboard(self.rows, totals, title=title, rules=summary.rules,
                                         groups=summary.duplicate_groups, comparison=summary.comparison,
                                         threshold=threshold)
        except Exception as exc:  # noqa: BLE001 - the data files must survive a dashboard that cannot be drawn
            summary.errors.append({"path": self.writer.path("index.html"),
                                   "message": f"the dashboard could not be drawn ({type(exc).__name__}: {exc})"})
        self.writer.finish(dashboard, self._meta(threshold), duplicate_rows, compare_rows)

    def _mark_duplicates(self) -> list[dict]:
        by_path = {r["path"]: r for r in self.rows}
        out = []
        for group in self.summary.duplicate_groups:
            for position, (path, similarity) in enumerate(group.members):
                row = by_path[path]
                row["duplicate"] = group.number
                out.append({"group": group.number, "copies": len(group.members), "similarity": similarity,
                            "original": "yes" if position == 0 else "", "id": row["id"], "path": path,
                            "title": row["title"], "url": row["url"], "date": row["date"],
                            "score": "" if row["score"] is None else row["score"]})
        return out

    def _meta(self, threshold: float | None) -> dict:
        summary = self.summary
        meta = {"articles": summary.articles, "checked": summary.checked, "findings": summary.findings,
                "by_category": dict(summary.by_category), "by_rule": dict(summary.by_rule),
                "by_severity": dict(summary.by_severity), "rules": summary.rules,
                "errors": summary.errors, "warnings": summary.warnings, "cache_hits": summary.cache_hits,
                "computed": summary.computed, "seconds": round(summary.seconds, 3),
                "worker_peak_rss_mb": {str(k): round(v, 1) for k, v in summary.workers.items()},
                "main_peak_rss_mb": round(worker.max_rss_mb(), 1)}
        if threshold is not None:
            groups = summary.duplicate_groups
            meta["duplicates"] = {"threshold": threshold, "groups": len(groups),
                                  "articles": sum(len(g.members) for g in groups)}
        if summary.comparison is not None:
            meta["compare"] = summary.comparison
        return meta
