"""What an audit writes (healthlint.audit.outputs): a failed write names its file and leaves no .part
files; files of an earlier run that no longer apply are removed; pages share their assets.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from audit_fixtures import archive, audit, make_folder, read_csv, steady_code  # noqa: F401 - fixtures

from healthlint.audit.outputs import slug
from healthlint.cli import cli

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")


def cli_audit(*args):
    return CliRunner().invoke(cli, ["audit", *map(str, args), "-q", "-j", "1", "--article-timeout", "0",
                                    "--select", "HL405"])


@needs_dev_full
def test_a_full_disk_names_the_file_and_leaves_no_part_files(tmp_path):
    """Writes into /dev/full fail with ENOSPC (errno 28), as on a full disk."""
    folder = make_folder(tmp_path, 30)
    out = tmp_path / "out"
    assert cli_audit(folder, "-o", out).exit_code == 1
    before = (out / "findings.jsonl").read_bytes()
    (out / "findings.jsonl.part").symlink_to("/dev/full")
    result = cli_audit(folder, "-o", out, "--no-cache")
    assert result.exit_code == 2, result.output
    assert f"healthlint: error: cannot write {out / 'findings.jsonl'}: No space left on device" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.output
    assert not list(out.glob("*.part"))
    assert (out / "findings.jsonl").read_bytes() == before  # the last complete run's file is kept


@needs_dev_full
def test_a_page_that_cannot_be_written_is_named(tmp_path):
    folder = make_folder(tmp_path, 3)
    out = tmp_path / "out"
    assert cli_audit(folder, "-o", out).exit_code == 1
    page = out / "articles" / (slug(str(folder / "article-0001.md")) + ".html")
    page.unlink()
    page.symlink_to("/dev/full")
    result = cli_audit(folder, "-o", out, "--no-cache")
    assert result.exit_code == 2 and f"cannot write {page}: No space left on device" in result.stderr
    assert not list(out.glob("*.part"))


def test_stale_files_of_an_earlier_run_are_removed(archive, tmp_path):
    out = tmp_path / "out"
    audit([archive["folder"], archive["jsonl"]], out)
    pages = sorted(p.name for p in (out / "articles").iterdir())
    assert len(pages) == 6 and (out / "duplicates.csv").is_file()
    (out / "compare.csv").write_text("from an older run\n")
    audit([archive["folder"]], out, duplicate_threshold=None)
    assert len(list((out / "articles").iterdir())) == 3  # the JSONL articles' pages went with them
    assert not (out / "duplicates.csv").exists() and not (out / "compare.csv").exists()
    assert len(read_csv(out)) == 3


def test_pages_link_their_shared_assets(archive, tmp_path):
    out = tmp_path / "out"
    audit([archive["folder"]], out)
    assert {p.name for p in (out / "assets").iterdir()} == {"page.css", "page.js"}
    for page in (out / "articles").iterdir():
        html = page.read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="../assets/page.css">' in html
        assert '<script src="../assets/page.js"></script>' in html
        assert "<style" not in html and "script-src 'self'" in html
    no_pages = tmp_path / "no-pages"
    audit([archive["folder"]], no_pages, pages=False)
    assert not (no_pages / "articles").exists() and not (no_pages / "assets").exists()
    assert all(r["path"] for r in read_csv(no_pages))
