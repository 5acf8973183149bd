"""Where articles are checked (healthlint.audit.executors): no article is ever dropped.

A worker that dies is replaced and only an article that kills a worker twice is recorded as
failed; one that takes longer than the time limit gets its worker stopped and replaced, and is
recorded as failed (and not cached, so the next run tries again). The stand-ins below reach the
workers because they are forked from this process after the stand-in is in place.
"""
from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from audit_fixtures import archive, audit, make_folder, outputs, read_csv, steady_code, warm_linter  # noqa: F401

import healthlint.audit.worker as worker

REAL_CHECK_TASKS = worker.check_tasks

pytestmark = [pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                 reason="the stand-ins reach the workers only when they are forked"),
              pytest.mark.usefixtures("warm_linter")]


def _dies_on(name: str, flag: str | None = None):
    """check_tasks that kills its worker on the article whose path contains ``name`` (only once with a flag file)."""
    def check_tasks(tasks, settings_dict, pages):
        for i, result in REAL_CHECK_TASKS(tasks, settings_dict, pages):
            if name in tasks[i]["path"] and (flag is None or not os.path.exists(flag)):
                if flag is not None:
                    open(flag, "w").close()
                os._exit(3)
            yield i, result
    return check_tasks


def _hangs_on(name: str):
    def check_tasks(tasks, settings_dict, pages):
        for i, result in REAL_CHECK_TASKS(tasks, settings_dict, pages):
            if name in tasks[i]["path"]:
                time.sleep(3600)  # a rule that never finishes (catastrophic backtracking, say)
            yield i, result
    return check_tasks


@pytest.mark.slow
def test_a_dying_worker_is_reported_and_the_audit_goes_on(tmp_path, monkeypatch):
    folder = make_folder(tmp_path, 60)
    (folder / "article-0040.md").rename(folder / "article-0040-crash.md")
    monkeypatch.setattr(worker, "check_tasks", _dies_on("crash"))
    summary = audit([folder], tmp_path / "out", jobs=2, use_cache=False)
    assert summary.articles == 60
    crashed = [e for e in summary.errors if "crash" in e["path"]]
    assert len(crashed) == 1 and "internal error while checking this article" in crashed[0]["message"]
    assert "the worker process died while checking it (exit code 3)" in crashed[0]["message"]
    assert summary.checked == 59  # only the article that kills its worker (twice) is lost
    rows = read_csv(tmp_path / "out")
    assert len(rows) == 60 and [r["path"] for r in rows] == sorted(r["path"] for r in rows)


def test_an_article_that_killed_its_worker_once_is_checked_again(tmp_path, monkeypatch):
    folder = make_folder(tmp_path, 12)
    flag = tmp_path / "died-once"
    monkeypatch.setattr(worker, "check_tasks", _dies_on("article-0005", str(flag)))
    summary = audit([folder], tmp_path / "out", jobs=1, article_timeout=60, use_cache=False)
    assert flag.exists()  # the worker did die
    assert summary.articles == summary.checked == 12 and not summary.errors
    assert summary.findings == 4  # every third note ends with scraper residue


def test_an_article_over_the_time_limit_is_recorded_and_its_worker_replaced(tmp_path, monkeypatch):
    folder = make_folder(tmp_path, 10)
    monkeypatch.setattr(worker, "check_tasks", _hangs_on("article-0004"))
    started = time.monotonic()
    summary = audit([folder], tmp_path / "out", jobs=1, article_timeout=1.5, cache_dir=str(tmp_path / "cache"))
    assert time.monotonic() - started < 60
    assert summary.articles == 10 and summary.checked == 9
    [error] = summary.errors
    assert error["path"].endswith("article-0004.md")
    assert "took longer than 1.5 s (--article-timeout); its worker was stopped and replaced" in error["message"]
    assert [r["path"] for r in read_csv(tmp_path / "out")] == sorted(str(p) for p in folder.iterdir())
    assert len(summary.workers) == 2  # the hung worker and its replacement
    # a timed-out article is not cached: the next run (the rule fixed) checks it again
    monkeypatch.setattr(worker, "check_tasks", REAL_CHECK_TASKS)
    again = audit([folder], tmp_path / "out", jobs=1, article_timeout=30, cache_dir=str(tmp_path / "cache"))
    assert again.cache_hits == 9 and again.computed == 1 and not again.errors


def test_worker_processes_give_what_this_process_gives(archive, tmp_path):
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    inline = audit(inputs, tmp_path / "inline", use_cache=False)
    pooled = audit(inputs, tmp_path / "pool", use_cache=False, jobs=1, article_timeout=60)
    assert outputs(tmp_path / "pool") == outputs(tmp_path / "inline")
    assert pooled.findings == inline.findings > 0 and len(pooled.workers) == 1


@pytest.mark.slow
def test_dask_cluster_gives_the_same_findings(archive, tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    local = audit(inputs, tmp_path / "local", use_cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = audit(inputs, tmp_path / "dask", use_cache=False, scheduler=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            pids = client.run(os.getpid)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert remote.findings == local.findings > 0
    assert set(remote.workers) <= set(pids.values())


def test_a_pipeline_that_cannot_be_built_stops_the_audit_with_one_message(archive, tmp_path):
    from click.testing import CliRunner

    from healthlint.cli import cli

    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["audit", str(archive["folder"]), "-o", str(tmp_path / jobs), "-q",
                                          "-j", jobs, "--model", "no_such_pipeline_here"])
        assert result.exit_code == 2, result.output
        assert "healthlint: error: cannot check articles: ModelError: cannot load spaCy pipeline" in result.stderr
        assert "Traceback" not in result.output and not list((tmp_path / jobs).glob("*.part"))
