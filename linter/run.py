"""How ``check`` checks many files: the result cache first, then the misses on all cores.

* Each file is read once; its bytes are the cache key (``linter/result_cache.py``). A run whose
  files are all cached never imports spaCy nor builds the pipeline.
* The misses are checked by one Linter, built once in this process. With more than one job and
  enough files, worker processes are forked from this process after the Linter is built, so
  they share its pipeline and matchers instead of building their own, and each checks chunks of
  files with ``nlp.pipe``. Results come back in input order, without their spaCy Doc.
* A worker that dies (killed, out of memory, a crash in native code) costs only the files of
  its chunk and those not yet done: each gets an error naming the file, and the exit code is 2.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterable

from .config import Settings
from .sources import Source, SourceError, load, read_file

MIN_FILES_PER_JOB = 4  # below this, forking costs more than it saves
CHUNK = 16  # files per task sent to a worker (nlp.pipe batches inside it)
WORKER_DIED = "internal error: the worker process checking this file died ({reason}); it was not checked"

_FORKED_LINTER = None  # the Linter a forked worker inherits from its parent


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def check_files(sources: Iterable[Source], settings: Settings, *, jobs: int | None = None,
                cache_folder: str | None = None, full_documents: bool = False,
                linter_factory: Callable | None = None) -> tuple[list, list[str]]:
    """The FileResults of ``sources`` in input order, and the run's warnings (e.g. an unusable cache).

    ``cache_folder`` None checks everything; ``full_documents`` parses cached files again (the
    HTML report draws the article); ``linter_factory`` builds the Linter on the first miss.
    """
    from .engine import FileResult

    cache = None
    if cache_folder:
        from .result_cache import ResultCache

        cache = ResultCache(cache_folder, settings)
    results: list = []
    misses: list[tuple[int, Source]] = []
    cached_paths: set[str] = set()
    for source in sources:
        from_file = source.data is None  # text piped in (an editor's buffer) is not cached, as ruff does
        try:
            data = read_file(source.path, settings.max_file_size) if from_file else source.data
        except SourceError as exc:
            results.append(FileResult(path=source.path, errors=[exc.message], checked=False))
            continue
        source = Source(path=source.path, data=data, format=source.format)
        hit = cache.get(source.path, source.format, data) if cache and from_file else None
        if hit is not None and full_documents:
            hit.document = _document_or_light(source, settings, hit.document)
        if from_file:
            cached_paths.add(source.path)
        results.append(hit)
        if hit is None:
            misses.append((len(results) - 1, source))
    if misses:
        linter = (linter_factory or _linter)(settings)
        jobs = default_jobs() if not jobs else jobs
        checked = _check_parallel(linter, [s for _, s in misses], jobs) \
            if jobs > 1 and len(misses) >= MIN_FILES_PER_JOB * 2 else \
            [_lean(r) for r in linter.check_sources(s for _, s in misses)]
        for (index, source), result in zip(misses, checked):
            results[index] = result
            if cache is not None and source.path in cached_paths:
                cache.put(source.path, source.format, source.data, result)
    warnings = list(cache.warnings) if cache else []
    if cache is not None:
        cache.close()
    return results, warnings


def _linter(settings: Settings):
    from .engine import Linter

    return Linter(settings)


def _document_or_light(source: Source, settings: Settings, light):
    try:
        return load(source, settings.max_file_size)
    except SourceError:
        return light


# -- worker processes ---------------------------------------------------------------------------

def _lean(result):
    """A result without its spaCy Doc and per-document memo: the reports need only the text (and a
    thousand Docs kept for the report would hold hundreds of MB)."""
    if result.document is not None:
        result.document.spacy = None
        result.document._memo = {}
    return result


def _check_chunk(chunk: list[Source]) -> list:
    """In a worker: check a chunk with the inherited Linter; send back plain results (no spaCy Doc)."""
    return [_lean(r) for r in _FORKED_LINTER.check_sources(chunk)]


def _check_parallel(linter, sources: list[Source], jobs: int) -> list:
    """Check ``sources`` in ``jobs`` forked workers (or in this process where fork is not available)."""
    global _FORKED_LINTER
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .engine import FileResult

    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return list(linter.check_sources(sources))
    size = max(1, min(CHUNK, len(sources) // (jobs * 4) or 1))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    _FORKED_LINTER = linter
    results: list = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
            for chunk, future in zip(chunks, futures):
                try:
                    results += future.result()
                except BrokenProcessPool as exc:
                    reason = str(exc).split(".")[0] or "it was killed"
                    results += [FileResult(path=s.path, errors=[WORKER_DIED.format(reason=reason)], checked=False)
                                for s in chunk]
    finally:
        _FORKED_LINTER = None
    return results
