"""Batch audits of whole archives: ``healthlint audit`` and its Python API.

The modules, one job each:

* :mod:`.archives` reads the inputs (folders, WordPress exports, JSON Lines) as a stream of articles;
* :mod:`.cache` keeps each article's results between runs (resume, fast re-runs);
* :mod:`.worker` checks articles and returns plain data; :mod:`.executors` runs it in this
  process, in local worker processes (with a time limit per article) or on Dask;
* :mod:`.runner` drives an audit (:func:`run_audit`); :mod:`.progress` reports on stderr;
* :mod:`.outdir` guards the output folder, :mod:`.outputs` writes it;
* :mod:`.metadata` (author, date, folder, categories), :mod:`.duplicates` (near-duplicates) and
  :mod:`.compare` (changes since an earlier audit) feed the dashboard
  (:mod:`healthlint.reports.dashboard`);
* :mod:`.command` is the command line, the only part that knows Click.

Importing this package is cheap: nothing here imports spaCy, NumPy, the rules or Click.
"""
from __future__ import annotations

from .errors import AuditError
from .runner import Summary, run_audit

__all__ = ["AuditError", "Summary", "run_audit"]
