"""``healthlint audit``: the command line of :func:`healthlint.audit.run_audit`.

The options shared with ``check`` (rule selection, config files, size limit) are declared once
in :mod:`healthlint.cli_options`; the audit-only ones are here. This is the only audit module
that knows Click: the runner raises :class:`AuditError`, which becomes a one-line message and
exit code 2.
"""
from __future__ import annotations

import os
import signal
import sys
import threading

import click

from ..cli_options import SetupError, settings_from_cli, settings_options
from ..finding import CATEGORIES
from .duplicates import DEFAULT_THRESHOLD
from .errors import AuditError

DEFAULT_TIMEOUT = 120.0  # seconds per article; the largest article allowed by default takes under a minute


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_summary(summary, output: str) -> None:
    echo = click.echo
    echo(f"healthlint audit: {summary.articles} articles ({summary.checked} checked, "
         f"{len(summary.errors)} errors), {summary.findings} findings in {summary.seconds:.1f}s")
    if summary.findings:
        echo("  by category: " + ", ".join(f"{c} {summary.by_category[c]}" for c in CATEGORIES
                                          if summary.by_category.get(c)))
        top = ", ".join(f"{code} {n}" for code, n in summary.by_rule.most_common(8))
        echo(f"  top rules:   {top}")
    echo(f"  cache:       {summary.cache_hits} reused, {summary.computed} checked")
    if summary.duplicate_groups:
        copies = sum(len(g.members) for g in summary.duplicate_groups)
        echo(f"  duplicates:  {_count(len(summary.duplicate_groups), 'group')} of near-duplicates, {copies} articles "
             "(duplicates.csv)")
    if summary.comparison is not None:
        c = summary.comparison
        echo(f"  compared:    {c['new']} new, {c['fixed']} fixed, {c['unchanged']} unchanged findings since "
             f"{c['previous']} ({_count(c['articles_added'], 'article')} added, {c['articles_removed']} removed)")
    if summary.worst:
        echo("  worst articles:")
        for row in summary.worst[:5]:
            score = "  -" if row["score"] is None else f"{row['score']:>3.0f}"
            echo(f"    score {score}  {row['findings']:>3} findings  {row['path']}"
                 + (f"  ({row['title']})" if row["title"] else ""))
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
@click.option("--compare", "previous", metavar="PREVIOUS_OUTPUT", type=click.Path(file_okay=False), default=None,
              help="An earlier audit's output folder: report new, fixed and unchanged findings (may be OUTPUT).")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop and replace a worker that spends longer on one article, and record "
                                      "the article as failed (0: no limit).")
@click.option("--duplicate-threshold", type=click.FloatRange(min=0.05, max=1.0), default=DEFAULT_THRESHOLD,
              show_default=True, help="Similarity (estimated Jaccard of 3-word shingles) from which two articles "
                                      "are near-duplicates.")
@click.option("--no-duplicates", is_flag=True, help="Do not look for near-duplicate articles.")
@click.option("--allow-nested-output", is_flag=True,
              help="Allow OUTPUT inside an audited folder (it is marked, and audits and checks skip it).")
def audit(sources, output, jobs, no_cache, cache_dir, scheduler, quiet, no_pages, title, previous, article_timeout,
          duplicate_threshold, no_duplicates, allow_nested_output, **options):
    """Audit an archive: folders, WordPress exports (.xml) and JSON Lines (.jsonl).

    Writes OUTPUT/index.html (a dashboard: the issues, the worst articles, facets, charts,
    near-duplicates and, with --compare, what changed), findings.jsonl, articles.csv,
    duplicates.csv and one page per article, and prints a summary. Results are cached:
    run the same command again after an interruption and it resumes.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an
    article or record could not be read, or the audit could not start.
    """
    from .runner import run_audit

    settings = settings_from_cli(sources, **options)
    previous_handler = signal.getsignal(signal.SIGTERM)

    def on_term(signum, frame):  # a plain `kill`: stop like Ctrl-C, so workers are shut down
        raise KeyboardInterrupt

    main_thread = threading.current_thread() is threading.main_thread()
    if main_thread:
        signal.signal(signal.SIGTERM, on_term)
    try:
        summary = run_audit(list(sources), output, settings, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir,
                            scheduler=scheduler, quiet=quiet, pages=not no_pages, title=title, compare=previous,
                            allow_nested_output=allow_nested_output, article_timeout=article_timeout or None,
                            duplicate_threshold=None if no_duplicates else duplicate_threshold)
    except AuditError as exc:
        raise SetupError(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("healthlint audit: interrupted; finished articles are cached: run the same command "
                   "again to resume", err=True)
        sys.exit(130)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_handler)
    for warning in summary.warnings:
        click.echo(f"healthlint: warning: {warning}", err=True)
    for err in summary.errors:
        click.echo(f"healthlint: {err['path']}: {err['message']}", err=True)
    print_summary(summary, output)
    sys.exit(summary.exit_code(settings.fail_on))
