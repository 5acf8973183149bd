"""What the audit tests share: small archives written for them, and helpers to run and read audits.

The articles below are written for these tests (never copied from a corpus). Test modules
import what they need; importing ``steady_code`` into a module makes it apply there.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from healthlint.audit import run_audit
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
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[hreyes]]></wp:author_login><wp:author_display_name><![CDATA[Hannah Reyes]]></wp:author_display_name></wp:author>
  <item>
    <title>Massage after a long run</title>
    <link>https://calmhands.example/massage-after-run/</link>
    <pubDate>Mon, 02 Sep 2024 08:00:00 +0000</pubDate>
    <dc:creator><![CDATA[hreyes]]></dc:creator>
    <category domain="category" nicename="running"><![CDATA[Running]]></category>
    <category domain="post_tag" nicename="legs"><![CDATA[legs]]></category>
    <category domain="category" nicename="recovery"><![CDATA[Recovery]]></category>
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
    <dc:creator><![CDATA[admin]]></dc:creator>
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
     "author": {"name": "Sam Okafor"}, "date": "2022-05-17", "categories": "Exercise, Recovery",
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
    from healthlint.audit import cache

    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "pinned-for-tests")


@pytest.fixture
def warm_linter():
    """Build this process's audit Linter now: worker processes forked from it start without building theirs."""
    from healthlint.audit import worker

    worker.linter_for(Settings(select=RULES).to_dict())


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


def make_folder(root: Path, n: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(n):
        (folder / f"article-{i:04d}.md").write_text(
            f"# Note {i}\n\n{CLEAN_TEXT}\nThis is note number {i} about rest days and sleep.\n\n"
            + ("Read More »\n" if i % 3 == 0 else ""), encoding="utf-8")
    return folder


def cached_rows(cache_dir: Path) -> int:
    path = cache_dir / "results.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


# The command line in a subprocess, with the code part of the cache key pinned as in ``steady_code``.
HEALTHLINT = [sys.executable, "-c", "import sys, healthlint.audit.cache as c; c._code_fingerprint = lambda: 'pinned'; "
              "from healthlint.cli import main; sys.argv[0] = 'healthlint'; main()"]
