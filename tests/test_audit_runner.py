"""An audit end to end (healthlint.audit.runner and the command): outputs, cache, resume, metadata.

The audit's mechanics are under test, not the rules (tuned elsewhere): most runs select one
stable rule (HL405, scraper residue) on small archives written for these tests.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from audit_fixtures import (CLEAN_TEXT, HEALTHLINT, JSONL_RECORDS, RUN_AFTER, WXR, archive, audit, cached_rows,  # noqa: F401
                            make_folder, outputs, read_csv, read_findings, steady_code)

from healthlint.audit import run_audit
from healthlint.cli import cli
from healthlint.config import Settings


def test_audit_writes_consistent_outputs(archive, tmp_path):
    out = tmp_path / "out"
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    summary = audit(inputs, out)
    rows = read_csv(out)
    findings = read_findings(out)
    # 3 files + 2 posts + 3 records checked; 2 broken WXR items + 2 broken JSONL lines reported
    assert summary.checked == 8
    assert len(rows) == summary.articles == 12
    assert len(summary.errors) == 4
    assert sum(int(r["findings"]) for r in rows) == len(findings) == summary.findings
    for row in rows:
        mine = [f for f in findings if f["path"] == row["path"]]
        assert int(row["findings"]) == len(mine)
        for cat in ("claim", "definition", "technique", "spam", "document"):
            assert int(row[cat]) == sum(1 for f in mine if f["category"] == cat)
    # the scraper residue in each article is found, and its offsets point into that article's own body
    flagged = {f["path"] for f in findings if f["rule"] == "HL405"}
    assert {str(archive["folder"] / "run.md"), str(archive["folder"] / "shoulders.html"),
            f"{archive['wxr']}#11", f"{archive['wxr']}#16", f"{archive['jsonl']}#a-1",
            f"{archive['jsonl']}#a-2"} <= flagged
    bodies = {f"{archive['jsonl']}#{r['id']}": r["body"] for r in JSONL_RECORDS if isinstance(r, dict) and "id" in r}
    bodies[f"{archive['wxr']}#16"] = WXR.split("<title>About us")[1].split("<content:encoded><![CDATA[", 1)[1].split("]]>")[0]
    bodies[str(archive["folder"] / "run.md")] = RUN_AFTER
    for f in findings:
        if f["path"] in bodies:
            assert bodies[f["path"]][f["start"]:f["end"]] == f["excerpt"]
    assert not any(f["path"].endswith("therapist.txt") or f["path"].endswith("#a-3") for f in findings)
    by_path = {r["path"]: r for r in rows}
    assert by_path[f"{archive['wxr']}#16"]["title"] == "About us"
    assert by_path[f"{archive['jsonl']}#a-2"]["url"] == "https://calmhands.example/foam-rolling"
    assert by_path[f"{archive['wxr']}#14"]["errors"].startswith("published post 'Prices' has no body")
    # the dashboard and one page per checked article
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.lstrip().lower().startswith("<!doctype html") and "healthlint audit" in index
    pages = sorted((out / "articles").glob("*.html"))
    assert len(pages) == 8
    assert any("About us" in p.read_text(encoding="utf-8") for p in pages)
    meta = json.loads((out / "audit.json").read_text())
    assert meta["articles"] == 12 and meta["findings"] == len(findings)


def test_cli_summary_and_exit_code(archive, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(archive["folder"]), str(archive["jsonl"]),
                                      "-o", str(out), "--jobs", "1", "--quiet", "--select", "HL405"])
    assert result.exit_code == 2, result.output  # two broken JSONL records
    assert "healthlint audit: 8 articles (6 checked, 2 errors)" in result.stdout
    assert "HL405" in result.stdout
    assert "broken JSON record" in result.stderr
    clean = CliRunner().invoke(cli, ["audit", str(archive["folder"] / "therapist.txt"), "-o", str(tmp_path / "c"),
                                     "--jobs", "1", "-q", "--select", "HL405"])
    assert clean.exit_code == 0, clean.output
    assert "1 articles (1 checked, 0 errors), 0 findings" in clean.stdout


def test_cache_reuses_results_and_changes_nothing(archive, tmp_path):
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    first = audit(inputs, tmp_path / "a")
    assert first.cache_hits == 0 and first.computed == 8
    before = outputs(tmp_path / "a")
    second = audit(inputs, tmp_path / "a")
    assert second.cache_hits == 8 and second.computed == 0
    assert outputs(tmp_path / "a") == before
    assert second.findings == first.findings > 0
    fresh = audit(inputs, tmp_path / "b", use_cache=False)
    assert fresh.cache_hits == 0 and not (tmp_path / "b" / ".cache").exists()
    assert outputs(tmp_path / "b") == outputs(tmp_path / "a")
    # a cached audit into a new folder draws the article pages again, identically
    shared = audit(inputs, tmp_path / "c", cache_dir=str(tmp_path / "a" / ".cache"))
    assert shared.cache_hits == 8
    assert outputs(tmp_path / "c") == outputs(tmp_path / "a")


def test_a_changed_article_is_checked_again(archive, tmp_path):
    audit([archive["folder"]], tmp_path / "a")
    (archive["folder"] / "therapist.txt").write_text(CLEAN_TEXT + "\nLeave a Reply\n", encoding="utf-8")
    again = audit([archive["folder"]], tmp_path / "a")
    assert again.cache_hits == 2 and again.computed == 1
    assert any(f["path"].endswith("therapist.txt") for f in read_findings(tmp_path / "a"))


def test_partial_cache_resumes(archive, tmp_path):
    """An audit interrupted after the folder: the cache already holds the folder's articles."""
    cache_dir = str(tmp_path / "cache")
    audit([archive["folder"]], tmp_path / "partial", cache_dir=cache_dir)
    full = audit([archive["folder"], archive["jsonl"]], tmp_path / "out", cache_dir=cache_dir)
    assert full.cache_hits == 3 and full.computed == 3
    reference = audit([archive["folder"], archive["jsonl"]], tmp_path / "ref", use_cache=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "ref")
    assert reference.findings == full.findings


def test_jobs_do_not_change_results(archive, tmp_path):
    inputs = [archive["folder"], archive["wxr"], archive["jsonl"]]
    one = audit(inputs, tmp_path / "one", use_cache=False, jobs=1)
    two = audit(inputs, tmp_path / "two", use_cache=False, jobs=2)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert one.findings == two.findings > 0
    assert len(two.workers) >= 1 and all(0 < rss < 600 for rss in two.workers.values())


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_killed_audit_resumes_where_it_stopped(tmp_path, how):
    n = 240
    folder = make_folder(tmp_path, n)
    out = tmp_path / "out"
    cmd = [*HEALTHLINT, "audit", str(folder), "-o", str(out), "--select", "HL405", "--jobs", "1",
           "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while cached_rows(out / ".cache") < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(how)
    _, err = proc.communicate(timeout=60)
    done = cached_rows(out / ".cache")
    if done >= n:
        pytest.skip("the audit finished before it could be interrupted")
    assert done >= 20
    if how == signal.SIGINT:
        assert proc.returncode == 130 and b"run the same command again to resume" in err
    resumed = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=120)
    assert f"cache:       {done} reused, {n - done} checked" in resumed.stdout, resumed.stdout + resumed.stderr
    ref = audit([folder], tmp_path / "ref", use_cache=False)
    assert ref.articles == n
    assert outputs(out) == outputs(tmp_path / "ref")


def test_cached_rerun_does_not_import_spacy(archive, tmp_path):
    out = tmp_path / "out"
    inputs = [str(archive["folder"]), str(archive["jsonl"])]
    first = run_audit(inputs, str(out), Settings(), jobs=1, quiet=True)  # every rule, as the command line below
    assert first.computed == 6
    code = ("import sys, healthlint.audit.cache as c; c._code_fingerprint = lambda: 'pinned-for-tests'\n"
            f"from healthlint.cli import main; sys.argv = ['healthlint', 'audit', *{inputs!r}, '-o', {str(out)!r}, "
            "'-q', '--jobs', '1', '--isolated']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', 'RULES' if 'healthlint.rules.claims' in sys.modules "
            "else 'NO-RULES')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "6 reused, 0 checked" in run.stdout, run.stdout + run.stderr
    assert run.stdout.strip().endswith("NO-SPACY NO-RULES")


# -- metadata: author, date, live URL, categories from every kind of source ---------------------

LONG_BODY = ("<p>Lower back pain is one of the most common reasons people book a massage. Most episodes "
             "settle within a few weeks with gentle movement, heat and time.</p><p>A massage therapist will "
             "ask about your history, where the pain sits and what makes it worse, and will adjust the "
             "pressure to what feels comfortable. Some people find that a session helps them move more "
             "freely for a day or two. Keep walking, change position often and build up activity step by "
             "step.</p>")


def wxr_of(items: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Site</title>\n'
            '<wp:author><wp:author_login><![CDATA[jkim]]></wp:author_login>'
            '<wp:author_display_name><![CDATA[Jae Kim]]></wp:author_display_name></wp:author>\n'
            + "".join(items) + "</channel>\n</rss>\n")


def wxr_item(post_id: int, creator: str | None, date: str = "2020-06-01 10:00:00") -> str:
    who = f"<dc:creator><![CDATA[{creator}]]></dc:creator>" if creator else ""
    return (f"<item><title>Back pain notes {post_id}</title><link>https://site.example/?p={post_id}</link>{who}"
            f'<category domain="category" nicename="backs"><![CDATA[Backs]]></category>'
            f"<content:encoded><![CDATA[{LONG_BODY}]]></content:encoded><wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_date><![CDATA[{date}]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status>"
            "<wp:post_type><![CDATA[post]]></wp:post_type></item>\n")


def test_missing_byline_honours_the_author_an_export_gives(tmp_path):
    wxr = tmp_path / "site.xml"
    wxr.write_text(wxr_of([wxr_item(1, "jkim"), wxr_item(2, None), wxr_item(3, "admin")]), encoding="utf-8")
    jsonl = tmp_path / "site.jsonl"
    jsonl.write_text(json.dumps({"id": "x", "body": LONG_BODY, "author": "Lena Fox"}) + "\n"
                     + json.dumps({"id": "y", "body": LONG_BODY}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_audit([str(wxr), str(jsonl)], str(out), Settings(select=["HL503"]), jobs=1, quiet=True)
    flagged = {f["path"] for f in read_findings(out) if f["rule"] == "HL503"}
    # the author in dc:creator or in the record counts as a byline; a CMS default ("admin") does not
    assert flagged == {f"{wxr}#2", f"{wxr}#3", f"{jsonl}#y"}


def test_metadata_reaches_the_csv_the_findings_and_the_pages(archive, tmp_path):
    (archive["folder"] / "neck.md").write_text(
        "---\ntitle: Neck stiffness\nauthor: [Rosa Diaz, Tom Ito]\ndate: 2018-11-02\ncategories: Neck, Desk work\n"
        "---\n# Neck stiffness\n\nA few slow neck turns may ease stiffness after a long day.\n\nRead More »\n",
        encoding="utf-8")
    out = tmp_path / "out"
    audit([archive["folder"], archive["wxr"], archive["jsonl"]], out)
    rows = {r["path"]: r for r in read_csv(out)}
    post, record, neck = rows[f"{archive['wxr']}#11"], rows[f"{archive['jsonl']}#a-2"], rows[str(archive["folder"] / "neck.md")]
    assert (post["author"], post["date"], post["categories"], post["url"]) == (
        "Hannah Reyes", "2024-09-02 08:00:00", "Running; Recovery", "https://calmhands.example/massage-after-run/")
    assert (record["author"], record["date"], record["categories"]) == ("Sam Okafor", "2022-05-17", "Exercise; Recovery")
    assert (neck["author"], neck["date"], neck["categories"], neck["folder"]) == (
        "Rosa Diaz, Tom Ito", "2018-11-02", "Neck; Desk work", str(archive["folder"]))
    lines = [f for f in read_findings(out) if f["path"] == f"{archive['wxr']}#11"]
    assert lines and all(f["author"] == "Hannah Reyes" and f["date"] == "2024-09-02 08:00:00"
                         and f["url"] == "https://calmhands.example/massage-after-run/"
                         and f["categories"] == ["Running", "Recovery"] for f in lines)
    page = next(p for p in (out / "articles").iterdir() if "export.xml-11" in p.name).read_text(encoding="utf-8")
    assert "by Hannah Reyes" in page and "2024-09-02 08:00:00" in page and "Running, Recovery" in page
    assert '<a href="https://calmhands.example/massage-after-run/" rel="noopener noreferrer">live page</a>' in page
