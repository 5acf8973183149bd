"""The audit's output folder (healthlint.audit.outdir): never over a file the audit did not write, never
inside the audited tree unless asked (and then never audited itself), one run at a time.
"""
from __future__ import annotations

import subprocess
import time

import pytest
from click.testing import CliRunner

from audit_fixtures import HEALTHLINT, RUN_AFTER, audit, make_folder, read_csv, steady_code  # noqa: F401

from healthlint.audit.errors import AuditError
from healthlint.audit.outdir import OutputLock
from healthlint.cli import cli
from healthlint.sources import OUTPUT_MARKER, discover

SITE_INDEX = "<!doctype html><html><body><h1>Our clinic</h1><p>Welcome. Leave a Reply</p></body></html>\n"


def site(tmp_path):
    """A small site whose own index.html and articles.csv are the user's files."""
    root = tmp_path / "s"
    (root / "posts").mkdir(parents=True)
    (root / "index.html").write_text(SITE_INDEX, encoding="utf-8")
    (root / "articles.csv").write_text("title,owner\nmy own list,me\n", encoding="utf-8")
    (root / "posts" / "run.md").write_text(RUN_AFTER, encoding="utf-8")
    (root / "posts" / "rest.txt").write_text("Rest days matter as much as training days.\n", encoding="utf-8")
    return root


def run(*args):
    return CliRunner().invoke(cli, ["audit", *map(str, args), "-q", "--jobs", "1", "--article-timeout", "0",
                                    "--select", "HL405"])


def test_output_into_the_audited_folder_is_refused_and_nothing_is_overwritten(tmp_path):
    root = site(tmp_path)
    result = run(root, "-o", root)
    assert result.exit_code == 2
    assert "inside the audited folder" in result.stderr and "--allow-nested-output" in result.stderr
    assert "Traceback" not in result.output
    assert (root / "index.html").read_text(encoding="utf-8") == SITE_INDEX
    assert (root / "articles.csv").read_text(encoding="utf-8") == "title,owner\nmy own list,me\n"
    # asked for, the folder is still not an audit's: it holds the user's index.html and articles.csv
    asked = run(root, "-o", root, "--allow-nested-output")
    assert asked.exit_code == 2 and "not an audit's output folder" in asked.stderr
    assert "will not write over files it did not make" in asked.stderr
    assert (root / "index.html").read_text(encoding="utf-8") == SITE_INDEX
    assert not (root / OUTPUT_MARKER).exists()


def test_default_output_inside_the_tree_is_refused_unless_asked_and_then_never_audited(tmp_path, monkeypatch):
    root = site(tmp_path)
    monkeypatch.chdir(root)
    refused = CliRunner().invoke(cli, ["audit", ".", "-q", "-j", "1", "--article-timeout", "0", "--select", "HL405"])
    assert refused.exit_code == 2 and "the output folder audit is inside the audited folder ." in refused.stderr
    assert not (root / "audit").exists()
    first = CliRunner().invoke(cli, ["audit", ".", "-q", "-j", "1", "--article-timeout", "0", "--select", "HL405",
                                     "--allow-nested-output"])
    assert "3 articles" in first.stdout, first.output  # index.html, posts/run.md, posts/rest.txt
    assert (root / "audit" / OUTPUT_MARKER).is_file() and list((root / "audit" / "articles").glob("*.html"))
    second = CliRunner().invoke(cli, ["audit", ".", "-q", "-j", "1", "--article-timeout", "0", "--select", "HL405",
                                      "--allow-nested-output"])
    assert "3 articles" in second.stdout, second.output  # not 3 + the audit's own pages
    # check and globs skip the marked folder too; naming it says what it is
    found, _ = discover(["."])
    assert sorted(s.path for s in found) == ["index.html", "posts/rest.txt", "posts/run.md"]
    globbed, _ = discover(["**/*.html"])
    assert [s.path for s in globbed] == ["index.html"]
    named = CliRunner().invoke(cli, ["check", "audit", "--select", "HL405"])
    assert named.exit_code == 2 and "is a healthlint audit's output folder" in named.stderr


def test_an_audited_path_inside_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "inbox").mkdir(parents=True)
    (out / "inbox" / "run.md").write_text(RUN_AFTER, encoding="utf-8")
    result = run(out / "inbox", "-o", out, "--allow-nested-output")
    assert result.exit_code == 2 and "is inside the output folder" in result.stderr


def test_an_audit_folder_is_reused_and_an_old_one_without_marker_is_recognised(tmp_path):
    root = site(tmp_path)
    out = tmp_path / "out"
    assert run(root / "posts", "-o", out).exit_code == 1
    assert run(root / "posts", "-o", out).exit_code == 1  # its own folder: fine
    (out / OUTPUT_MARKER).unlink()  # as an audit before the marker left it
    assert run(root / "posts", "-o", out).exit_code == 1
    assert (out / OUTPUT_MARKER).is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(root / "posts", "-o", empty).exit_code == 1  # an empty folder is fine
    file_in_the_way = tmp_path / "file"
    file_in_the_way.write_text("x")
    with pytest.raises(AuditError, match="exists and is not a folder"):
        audit([root / "posts"], file_in_the_way)


def test_a_folder_being_written_by_another_audit_is_refused(tmp_path):
    root = site(tmp_path)
    out = tmp_path / "out"
    assert run(root / "posts", "-o", out).exit_code == 1
    before = read_csv(out)
    other = OutputLock(str(out))
    other.acquire()  # another run holds the folder
    try:
        with pytest.raises(AuditError, match="being written by another audit .*pid"):
            audit([root / "posts"], out)
        result = run(root / "posts", "-o", out)
        assert result.exit_code == 2 and "is being written by another audit" in result.stderr
    finally:
        other.release()
    assert read_csv(out) == before and not list(out.glob("*.part"))
    assert run(root / "posts", "-o", out).exit_code == 1  # released: the next run goes ahead


@pytest.mark.slow
def test_two_audits_into_one_folder_at_once(tmp_path):
    folder = make_folder(tmp_path, 160)
    out = tmp_path / "out"
    cmd = [*HEALTHLINT, "audit", str(folder), "-o", str(out), "--jobs", "1", "-q", "--fail-on", "never"]  # all rules
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    lock = out / ".lock"  # written once the first run holds the folder (it then starts its worker)
    while not (lock.exists() and lock.read_text()) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    out_first, err_first = first.communicate(timeout=120)
    if "160 articles" in second.stdout:
        pytest.skip("the first audit finished before the second started")
    assert second.returncode == 2 and "is being written by another audit" in second.stderr, second.stderr
    assert "internal error" not in second.stderr + err_first
    assert first.returncode == 0 and "160 articles" in out_first
    assert len(read_csv(out)) == 160 and not list(out.glob("*.part"))
