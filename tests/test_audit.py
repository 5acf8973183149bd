"""Batch audits: archives in (folders, WordPress exports, JSON Lines), dashboard and data out.

The articles below are written for these tests. Each test audits into its own
temporary folder; the in-process runs share the module's Linter (built once).
"""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.archives import Article, ArchiveError, count_articles, iter_articles, iter_jsonl, iter_wxr
from healthlint.audit import Progress, run_audit
from healthlint.cli import cli
from healthlint.config import Settings

RUN_AFTER = """# Massage after a long run

A gentle massage after a long run may help your legs feel less stiff the next day.
Most runners find that light pressure is enough.

Read More »
"""

SHOULDER_HTML = """<!doctype html>
<html><head><title>Shoulder tension at the desk</title></head>
<body>
<h1>Shoulder tension at the desk</h1>
<p>Sitting for hours with raised shoulders can leave the upper back sore.</p>
<p>Short breaks and a few shoulder rolls each hour are a simple habit to try.</p>
<p>Leave a Reply</p>
</body></html>
"""

CLEAN_TEXT = """Choosing a massage therapist

Ask whether the therapist is licensed in your state and tell them about any
medical conditions before the session starts. A good therapist will ask about
pain, medicines and recent injuries, and will adjust the pressure when asked.
"""

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Calm Hands Massage</title>
  <link>https://calmhands.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <title>Massage after a long run</title>
    <link>https://calmhands.example/massage-after-run/</link>
    <pubDate>Mon, 02 Sep 2024 08:00:00 +0000</pubDate>
    <content:encoded><![CDATA[<p>A gentle massage after a long run may help your legs feel less stiff.</p>

<p>Read More »</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>11</wp:post_id>
    <wp:post_date><![CDATA[2024-09-02 08:00:00]]></wp:post_date>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title>Hot stones: first notes</title>
    <link>https://calmhands.example/?p=12</link>
    <content:encoded><![CDATA[<p>Draft: Continue reading</p>]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:status><![CDATA[draft]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title>Tips & tricks for your first visit</title>
    <content:encoded><![CDATA[<p>This item has a bare ampersand in its title.</p>]]></content:encoded>
    <wp:post_id>13</wp:post_id>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title>Prices</title>
    <content:encoded><![CDATA[]]></content:encoded>
    <wp:post_id>14</wp:post_id>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title>logo.png</title>
    <content:encoded><![CDATA[]]></content:encoded>
    <wp:post_id>15</wp:post_id>
    <wp:status><![CDATA[inherit]]></wp:status>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
  </item>
  <item>
    <title>About us</title>
    <link>https://calmhands.example/about/</link>
    <content:encoded><![CDATA[<h2>Who we are</h2>
<p>We are two licensed massage therapists in a small practice.</p>
<p>Leave a Reply</p>]]></content:encoded>
    <wp:post_id>16</wp:post_id>
    <wp:post_date><![CDATA[2023-01-10 09:30:00]]></wp:post_date>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[page]]></wp:post_type>
  </item>
</channel>
</rss>
"""

JSONL_RECORDS = [
    {"id": "a-1", "title": "Desk stretches", "format": "markdown",
     "body": "# Desk stretches\n\nRoll your shoulders back five times every hour.\n\nContinue reading\n"},
    "{broken json line",
    {"id": "a-2", "title": "Foam rolling", "url": "https://calmhands.example/foam-rolling",
     "body": "<p>Foam rolling before a workout may reduce stiffness for a short time.</p>\n<p>Read More »</p>"},
    {"title": "No id here", "body": "Some text."},
    {"id": "a-3", "title": "Sleep and back pain", "body": CLEAN_TEXT},
]


def line_of(needle: str) -> int:
    return WXR[:WXR.index(needle)].count("\n") + 1


def write_archive(root: Path) -> dict[str, Path]:
    """A folder of three articles, a WordPress export and a JSON Lines file."""
    folder = root / "site"
    folder.mkdir()
    (folder / "run.md").write_text(RUN_AFTER, encoding="utf-8")
    (folder / "shoulders.html").write_text(SHOULDER_HTML, encoding="utf-8")
    (folder / "therapist.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    wxr = root / "export.xml"
    wxr.write_text(WXR, encoding="utf-8")
    jsonl = root / "articles.jsonl"
    jsonl.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in JSONL_RECORDS),
                     encoding="utf-8")
    return {"folder": folder, "wxr": wxr, "jsonl": jsonl}


@pytest.fixture
def archive(tmp_path):
    return write_archive(tmp_path)


# The audit's mechanics are under test, not the rules (written and tuned elsewhere): one stable rule.
RULES = ["HL405"]


@pytest.fixture(autouse=True)
def steady_code(monkeypatch):
    """Other engineers edit the rules while these tests run; an edit (rightly) invalidates the cache.

    In-process audits pin the code part of the cache key so that the cache tests see one version.
    """
    from healthlint import cache

    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "pinned-for-tests")


def audit(inputs, output, **options):
    options.setdefault("quiet", True)
    options.setdefault("jobs", 1)
    return run_audit([str(p) for p in inputs], str(output), Settings(select=RULES), **options)


def outputs(folder: Path) -> dict[str, bytes]:
    """The audit's data outputs and pages (the dashboard embeds a timestamp-free copy of the rows)."""
    out = {name: (folder / name).read_bytes() for name in ("findings.jsonl", "articles.csv", "index.html")}
    pages = folder / "articles"
    if pages.is_dir():
        out.update({f"articles/{p.name}": p.read_bytes() for p in sorted(pages.iterdir())})
    return out


def read_csv(folder: Path) -> list[dict]:
    with open(folder / "articles.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_findings(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


# -- inputs -------------------------------------------------------------------------------------

def test_wxr_keeps_published_posts_and_pages_and_reports_broken_items(archive):
    records = list(iter_wxr(str(archive["wxr"])))
    articles = [r for r in records if isinstance(r, Article)]
    errors = [r for r in records if isinstance(r, ArchiveError)]
    assert [a.id for a in articles] == ["11", "16"]  # the draft (12) and the attachment (15) are skipped
    post = articles[0]
    assert post.title == "Massage after a long run"
    assert post.url == "https://calmhands.example/massage-after-run/"
    assert post.date == "2024-09-02 08:00:00"
    assert post.format == "html" and post.data.startswith(b"<p>A gentle massage")
    assert articles[1].title == "About us"
    assert len(errors) == 2
    assert "malformed XML" in errors[0].message and errors[0].path.endswith(f"export.xml:{line_of('Tips &')}")
    assert "no body" in errors[1].message and errors[1].id == "14"
    assert count_articles([str(archive["wxr"])]) == 4  # a line scan: published posts and pages


def test_wxr_with_a_broken_tail_reports_it_and_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(WXR[:WXR.index("<title>About us")], encoding="utf-8")
    records = list(iter_wxr(str(path)))
    assert [r.id for r in records if isinstance(r, Article)] == ["11"]
    assert any("malformed XML" in r.message for r in records if isinstance(r, ArchiveError))


def test_wxr_recovers_after_consecutive_broken_items_and_on_one_line(tmp_path):
    import re

    two = tmp_path / "two.xml"
    two.write_text(WXR.replace("<title>Prices</title>", "<title>Prices & more</title>"), encoding="utf-8")
    records = list(iter_wxr(str(two)))
    assert [r.id for r in records if isinstance(r, Article)] == ["11", "16"]
    assert [r.path for r in records if isinstance(r, ArchiveError)] == [
        f"{two}:{line_of('Tips &')}", f"{two}:{line_of('<title>Prices')}"]
    # a minified export: everything between the CDATA sections on one line
    mini = tmp_path / "mini.xml"
    mini.write_text(re.sub(r">\s+<", "><", WXR), encoding="utf-8")
    records = list(iter_wxr(str(mini)))
    assert [r.id for r in records if isinstance(r, Article)] == ["11", "16"]
    assert sum(isinstance(r, ArchiveError) for r in records) == 2


def test_jsonl_reports_broken_records_and_goes_on(archive):
    records = list(iter_jsonl(str(archive["jsonl"])))
    assert [r.id for r in records if isinstance(r, Article)] == ["a-1", "a-2", "a-3"]
    errors = [r for r in records if isinstance(r, ArchiveError)]
    assert [e.path for e in errors] == [f"{archive['jsonl']}:2", f"{archive['jsonl']}:4"]
    assert "broken JSON" in errors[0].message and "no 'id'" in errors[1].message
    by_id = {r.id: r for r in records if isinstance(r, Article)}
    assert by_id["a-1"].format == "markdown"
    assert by_id["a-2"].format == "html"  # sniffed from the body
    assert by_id["a-3"].format == "text"
    assert by_id["a-2"].url == "https://calmhands.example/foam-rolling"


def test_an_input_without_articles_is_reported(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    records = list(iter_articles([str(sitemap), str(empty)]))
    assert [(type(r).__name__, r.path) for r in records] == [("ArchiveError", str(sitemap)),
                                                              ("ArchiveError", str(empty))]
    assert "WordPress export" in records[0].message and "no records" in records[1].message


def test_inputs_stream_in_order(archive):
    ids = [r.id for r in iter_articles([str(archive["folder"]), str(archive["wxr"]), str(archive["jsonl"])])]
    assert ids[:3] == [str(archive["folder"] / n) for n in ("run.md", "shoulders.html", "therapist.txt")]
    assert ids[3] == "11" and ids[-1] == "a-3"


# -- an audit end to end ------------------------------------------------------------------------

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
    bodies[f"{archive['wxr']}#16"] = WXR.split("<title>About us")[1].split("<![CDATA[", 1)[1].split("]]>")[0]
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


def test_a_corrupt_cache_is_rebuilt_not_fatal(archive, tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    summary = audit([archive["folder"]], tmp_path / "out", cache_dir=str(cache_dir))
    assert summary.computed == 3 and summary.findings == 2
    again = audit([archive["folder"]], tmp_path / "out", cache_dir=str(cache_dir))
    assert again.cache_hits == 3


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


def _crashing_check_batch(tasks, settings_dict, pages):
    """Stands in for ``check_batch`` in forked workers: a worker dies on the article named 'crash'."""
    import healthlint.audit

    if any("crash" in t["path"] for t in tasks):
        os._exit(3)
    return healthlint.audit._real_check_batch(tasks, settings_dict, pages)


@pytest.mark.slow
def test_a_dying_worker_is_reported_and_the_audit_goes_on(tmp_path, monkeypatch):
    import multiprocessing

    import healthlint.audit

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in reaches the workers only when they are forked")
    folder = make_folder(tmp_path, 60)
    (folder / "article-0040.md").rename(folder / "article-0040-crash.md")
    monkeypatch.setattr(healthlint.audit, "_real_check_batch", healthlint.audit.check_batch, raising=False)
    monkeypatch.setattr(healthlint.audit, "check_batch", _crashing_check_batch)
    summary = audit([folder], tmp_path / "out", jobs=2, use_cache=False)
    assert summary.articles == 60
    crashed = [e for e in summary.errors if "crash" in e["path"]]
    assert crashed and "internal error while checking this article" in crashed[0]["message"]
    assert summary.checked == 59  # only the article that kills its worker is lost
    rows = read_csv(tmp_path / "out")
    assert len(rows) == 60 and [r["path"] for r in rows] == sorted(r["path"] for r in rows)


def make_folder(root: Path, n: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(n):
        (folder / f"article-{i:04d}.md").write_text(
            f"# Note {i}\n\n{CLEAN_TEXT}\nThis is note number {i} about rest days and sleep.\n\n"
            + ("Read More »\n" if i % 3 == 0 else ""), encoding="utf-8")
    return folder


def _cached_rows(cache_dir: Path) -> int:
    path = cache_dir / "results.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


# The command line in a subprocess, with the code part of the cache key pinned as in ``steady_code``.
HEALTHLINT = [sys.executable, "-c", "import sys, healthlint.cache as c; c._code_fingerprint = lambda: 'pinned'; "
              "from healthlint.cli import main; sys.argv[0] = 'healthlint'; main()"]


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
    while _cached_rows(out / ".cache") < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(how)
    _, err = proc.communicate(timeout=60)
    done = _cached_rows(out / ".cache")
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
    code = ("import sys, healthlint.cache as c; c._code_fingerprint = lambda: 'pinned-for-tests'\n"
            f"from healthlint.cli import main; sys.argv = ['healthlint', 'audit', *{inputs!r}, '-o', {str(out)!r}, "
            "'-q', '--jobs', '1', '--isolated']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "6 reused, 0 checked" in run.stdout, run.stdout + run.stderr
    assert run.stdout.strip().endswith("NO-SPACY")


def test_cache_key_follows_content_and_settings():
    from healthlint.cache import article_key, version_key

    base = version_key(Settings())
    assert version_key(Settings()) == base
    assert version_key(Settings(select=["HL4"])) != base
    assert version_key(Settings(allowed_techniques=["Kelvoran wave"])) != base
    key = article_key(base, "a.md", "markdown", {}, b"Text.")
    assert article_key(base, "a.md", "markdown", {}, b"Text!") != key
    assert article_key(base, "a.md", "markdown", {"title": "T"}, b"Text.") != key
    assert article_key(base, "b.md", "markdown", {}, b"Text.") != key


# -- progress -----------------------------------------------------------------------------------

class _Stream:
    def __init__(self, tty):
        self.tty, self.parts = tty, []

    def isatty(self):
        return self.tty

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


def test_progress_plain_line_when_not_a_terminal():
    stream = _Stream(tty=False)
    progress = Progress(10, stream=stream, interval=0)
    for i in range(10):
        progress.update(cached=i < 4)
    progress.close()
    assert all(p.endswith("\n") and "\r" not in p for p in stream.parts)
    assert stream.parts[-1].startswith("healthlint audit: 10/10 articles (100%)")
    assert "/s, ETA" in stream.parts[0] and "4 from cache" in stream.parts[-1]


def test_progress_bar_on_a_terminal_and_silence_when_quiet():
    stream = _Stream(tty=True)
    progress = Progress(4, stream=stream, interval=0)
    progress.update()
    assert stream.parts[0].startswith("\r[") and "1/4" in stream.parts[0] and "articles/s ETA" in stream.parts[0]
    quiet = _Stream(tty=True)
    progress = Progress(4, quiet=True, stream=quiet, interval=0)
    progress.update()
    progress.close()
    assert quiet.parts == []


def test_progress_goes_to_stderr_only(archive, tmp_path):
    result = CliRunner().invoke(cli, ["audit", str(archive["folder"]), "-o", str(tmp_path / "o"), "--jobs", "1",
                                      "--select", "HL405"])
    assert "healthlint audit: 3/3 articles (100%)" in result.stderr
    assert "3/3" not in result.stdout
    quiet = CliRunner().invoke(cli, ["audit", str(archive["folder"]), "-o", str(tmp_path / "q"), "-j", "1", "-q",
                                     "--select", "HL405"])
    assert quiet.stderr == ""


# -- Dask -----------------------------------------------------------------------------------------

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
