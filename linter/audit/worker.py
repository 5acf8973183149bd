"""The worker side of an audit: check articles and return plain data (never spaCy objects).

A *task* is one article as the main process sends it: its bytes, format, path, export
metadata and cache key (see :func:`healthlint.audit.runner.make_task`). A *result* is what
comes back, JSON-able, and what the cache stores::

    {"id", "path", "title", "url", "words", "checked", "errors", "findings": [finding dicts],
     "score", "extra": {score_breakdown, ...}, "doc_meta": {author, date, url, categories},
     "signature": [128 ints] | None, "page": "<html>..." (only on the way back, never cached)}

Each worker process builds the :class:`~healthlint.engine.Linter` once (spaCy is imported
here, on first use, never at module import), renders each article's page while it still
holds the parsed document, and computes its near-duplicate signature.
"""
from __future__ import annotations

import json
import os
import threading
from typing import Iterator

from ..config import Settings
from . import duplicates, metadata

_LINTER = None
_LINTER_KEY = None
_LOCK = threading.Lock()
BACK_HREF = "../index.html"  # article pages live in OUTPUT/articles/


def linter_for(settings_dict: dict):
    """The process's Linter for these settings (built on first use, then reused)."""
    global _LINTER, _LINTER_KEY
    key = json.dumps(settings_dict, sort_keys=True, default=str)
    if _LINTER is None or _LINTER_KEY != key:
        from ..engine import Linter

        _LINTER = Linter(Settings(**settings_dict))
        _LINTER_KEY = key
    return _LINTER


def max_rss_mb() -> float:
    """This process's peak resident memory in MB (0 where the platform cannot say)."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except (ImportError, OSError):  # pragma: no cover - not on Windows
        return 0.0


def load_document(task: dict):
    """The Document of a task (its bytes, format and export metadata). Raises SourceError."""
    from ..document import Field
    from ..sources import Source, load

    source = Source(path=task["path"], data=task["data"], format=task["format"])
    doc = load(source, task["max_bytes"])
    for key, value in task["meta"].items():
        if key not in doc.metadata:
            doc.metadata[key] = Field(key, value, -1, -1)
    return doc


def result_of(file_result, task: dict, doc=None) -> dict:
    """A FileResult as plain, JSON-able data: what the cache stores and the outputs are made of."""
    return {
        "id": task["id"], "path": file_result.path, "title": file_result.title or task["meta"].get("title", ""),
        "url": task["meta"].get("url", ""), "words": file_result.words, "checked": file_result.checked,
        "errors": list(file_result.errors), "findings": [f.to_dict() for f in file_result.findings],
        "score": file_result.extra.get("score"),
        "extra": json.loads(json.dumps(file_result.extra, default=str)),  # score_breakdown, ...
        "doc_meta": metadata.from_document(doc) if doc is not None else {},
        "signature": duplicates.signature(doc.prose) if doc is not None else None,
    }


def page_info(task: dict, doc_meta: dict | None) -> dict:
    """What an article's page shows about it besides its findings (author, date, URL, categories)."""
    return metadata.describe(task["article"], doc_meta, task["article"].get("folder", ""))


def draw_page(file_result, task: dict, doc_meta: dict | None) -> str:
    from healthlint.reports.audit_page import render_audit_page

    return render_audit_page(file_result, page_info(task, doc_meta), back_href=BACK_HREF)


def check_tasks(tasks: list[dict], settings_dict: dict, pages: bool) -> Iterator[tuple[int, dict]]:
    """Check articles in this process; yield ``(index in tasks, result)`` as each one is done, in order."""
    from ..engine import FileResult
    from ..sources import SourceError

    linter = linter_for(settings_dict)
    loaded = []
    for i, task in enumerate(tasks):
        try:
            loaded.append((i, load_document(task)))
        except SourceError as exc:
            loaded.append((i, FileResult(path=task["path"], errors=[exc.message], checked=False)))
    docs = [(i, d) for i, d in loaded if not isinstance(d, FileResult)]
    checked = iter(linter.check_documents(d for _, d in docs))
    for i, item in loaded:
        if isinstance(item, FileResult):
            yield i, result_of(item, tasks[i])
            continue
        file_result = next(checked)
        result = result_of(file_result, tasks[i], item)
        if pages:
            try:
                result["page"] = draw_page(file_result, tasks[i], result["doc_meta"])
            except Exception as exc:  # a page that cannot be drawn must not lose the findings
                result["page_error"] = f"{type(exc).__name__}: {exc}"
        result["_worker"] = (os.getpid(), max_rss_mb())
        yield i, result


def check_batch(tasks: list[dict], settings_dict: dict, pages: bool) -> list[dict]:
    """Check a batch of articles in this process; return one result dict per task, in order."""
    return [result for _, result in check_tasks(tasks, settings_dict, pages)]


def dask_check_batch(tasks: list[dict], settings_dict: dict, pages: bool) -> list[dict]:
    """The Dask task: the same as :func:`check_batch`, one at a time per worker process."""
    with _LOCK:  # a Dask worker may run tasks in threads; the Linter is built once and shared
        return check_batch(tasks, settings_dict, pages)


def redraw_page(result: dict, task: dict) -> str | None:
    """A cached article's page, drawn again without spaCy: its re-read document plus its cached findings."""
    from ..engine import FileResult
    from ..finding import Finding
    from ..sources import SourceError

    try:
        doc = load_document(task)
    except SourceError:
        return None
    file_result = FileResult(path=result["path"], findings=[Finding.from_dict(f) for f in result["findings"]],
                             errors=list(result["errors"]), document=doc, words=result["words"],
                             title=result["title"], extra=dict(result.get("extra") or {}))
    try:
        return draw_page(file_result, task, result.get("doc_meta"))
    except Exception:  # noqa: BLE001 - as in the worker: a page that cannot be drawn loses nothing else
        return None


def error_result(article_id: str, path: str, message: str) -> dict:
    """The result of an article that could not be checked (unreadable, its worker died or hung)."""
    return {"id": article_id, "path": path, "title": "", "url": "", "words": 0, "checked": False,
            "errors": [message], "findings": [], "score": None, "extra": {}, "doc_meta": {}, "signature": None}
