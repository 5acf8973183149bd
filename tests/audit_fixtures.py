"""What the audit tests share: small archives written for them, and helpers to run and read audits.

The articles below are written for these tests (never copied from a corpus). Test modules
import what they need; importing ``steady_code`` into a module makes it apply there.
"""
from __future__ import annotations

import csv
import json
import random
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


# -- generated archives: articles made of sentences written for these tests ------------------------

SUBJECTS = ["A gentle massage", "Regular stretching", "A warm bath", "A short walk", "Foam rolling", "Slow breathing",
            "A heat pack", "A physiotherapy session", "An evening yoga class", "A good night's sleep", "Light swimming",
            "A cold compress", "A standing desk", "A hand massage", "Gentle pilates", "A supportive pillow",
            "A lunchtime stroll", "Tai chi practice", "A sports massage", "Calf raises", "A shoulder roll routine",
            "A hot water bottle", "Cycling at an easy pace", "A posture check", "A relaxing bath with salts",
            "Ten minutes of mobility work", "A trip to the sauna", "A scalp massage", "Seated twists",
            "A weekly dance class"]
VERBS = ["may ease", "can loosen", "often relaxes", "sometimes helps with", "might soothe", "can take the edge off",
         "tends to calm", "may reduce", "could lighten", "usually softens", "helps some people with", "can settle",
         "may quieten", "often eases", "can gently release"]
OBJECTS = ["tight shoulders", "a stiff lower back", "sore calves", "neck tension", "tired feet", "aching hips",
           "a stiff jaw", "heavy legs", "restless nights", "tension headaches", "sore forearms", "a tight chest",
           "stiff knees", "cramped hamstrings", "a sore upper back", "tired eyes", "a knotted neck", "stiff wrists",
           "achy ankles", "a tense scalp", "tight glutes", "a sore tailbone", "stiff fingers", "a cranky elbow",
           "tight quads", "a stiff mid back", "sore shins", "a locked-up thoracic spine", "a tender IT band",
           "stiff toes"]
PEOPLE = ["office workers", "new runners", "older adults", "keen gardeners", "parents of toddlers", "night-shift nurses",
          "long-haul drivers", "students before exams", "weekend hikers", "retired teachers", "warehouse staff",
          "new cyclists", "amateur climbers", "choir singers", "dog walkers", "bakers on early shifts",
          "software developers", "hairdressers", "delivery riders", "music teachers"]
CONTEXTS = ["after a long shift", "before a race", "during a busy week", "on rest days", "in cold weather",
            "after a long flight", "at the end of the day", "between meetings", "after gardening", "on a Sunday morning",
            "after moving house", "during exam season", "after a long drive", "in the first weeks of training",
            "after a day of carrying boxes", "on a wet afternoon", "after a concert", "during a heatwave",
            "after a hospital visit", "while recovering from a cold"]
SYNONYMS = {"gentle": "soft", "may": "might", "can": "could", "often": "frequently", "tight": "tense",
            "stiff": "rigid", "sore": "painful", "tired": "weary", "short": "brief", "warm": "hot", "slow": "unhurried",
            "helps": "assists", "after": "following", "during": "throughout", "long": "lengthy", "busy": "hectic",
            "some": "certain", "people": "folks", "day": "daytime", "week": "seven days", "end": "close"}
AUTHORS = ["Hannah Reyes", "Sam Okafor", "Lena Fox", "Jae Kim", "Rosa Diaz", "Tom Ito", "Priya Nair", "Ola Berg",
           "Marta Silva", "Ken Adams", "Zoe Park", "Luis Romero"]
SECTIONS = ["Back pain", "Sports", "Sleep", "Office health", "Older adults", "Recovery"]


PLACES = ["in Leeds", "near the harbour", "in a small flat", "at the village hall", "in the office", "on the farm",
          "at the leisure centre", "in the garden shed", "on a narrowboat", "in the staff room", "at the bus depot",
          "in a busy kitchen", "on the night ward", "at the climbing wall", "in the library", "at the market stall",
          "in a shared house", "on the allotment", "at the swimming pool", "in a rented studio"]
TEMPLATES = ["{s} {v} {o} for {p} {c}.", "For {p} {l}, {s_low} {v} {o} {c}.", "{c_cap}, {s_low} {v} {o} in {p} {l}.",
             "Some {p} {l} say that {s_low} {v} {o}.", "{s} {v} {o}, say {p} {l}, especially {c}."]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def generated_text(rng, sentences: int = 12) -> str:
    """About 200 words: template sentences, each followed by two booking lines of the article's own numbers."""
    out = []
    for k in range(sentences):
        if k % 3:
            n = [rng.randint(10, 99999) for _ in range(6)]
            out.append(f"Booking {n[0]} {n[1]} room {n[2]} seat {n[3]} code {n[4]} in {rng.choice(MONTHS)} {n[5]}.")
            continue
        subject, context = rng.choice(SUBJECTS), rng.choice(CONTEXTS)
        out.append(rng.choice(TEMPLATES).format(
            s=subject, s_low=subject[0].lower() + subject[1:], v=rng.choice(VERBS), o=rng.choice(OBJECTS),
            p=rng.choice(PEOPLE), c=context, c_cap=context[0].upper() + context[1:], l=rng.choice(PLACES)))
    return " ".join(out)


def spun(text: str, rng, rate: float = 0.08) -> str:
    """A spinner's copy: some words swapped for synonyms, the rest as it was."""
    return " ".join(SYNONYMS.get(w, w) if w in SYNONYMS and rng.random() < rate * 4 else w for w in text.split(" "))


SPAM_LINE = "Book now at 출장안마 for the best price."  # a money keyword in another script (HL402, error)
RESIDUE = "Read More »"  # scraper residue (HL405, warning)
LOGINS = {name: name.split()[0].lower() for name in AUTHORS}
BIG_RULES = ["HL402", "HL405", "HL503"]


def _problems(i: int) -> list[str]:
    """The planted problems of article ``i``: spam in 1 of 7, residue in 1 of 3, no author in 1 of 5."""
    return ([SPAM_LINE] if i % 7 == 0 else []) + ([RESIDUE] if i % 3 == 0 else [])


def write_big_archive(root: Path, n: int = 1000, seed: int = 7) -> dict:
    """An archive of ``n`` articles: 40% Markdown files in year folders, 30% a WordPress export, 30% JSON Lines.

    Each article has a year (2015-2024), a section, and an author unless ``i % 5 == 4``; problems
    are planted by :func:`_problems`; near-duplicate groups of spun copies are planted among them
    (returned as lists of paths, the original first).
    """
    rng = random.Random(seed)
    bases = [generated_text(rng) for _ in range(6)]
    copies = {base: [] for base in range(6)}  # base -> article numbers holding a copy
    slots = rng.sample(range(n), sum(3 + b for b in range(6)))
    k = 0
    for base in range(6):
        for _ in range(3 + base):
            copies[base].append(slots[k])
            k += 1
    copy_of = {i: base for base, items in copies.items() for i in items}
    files_end, wxr_end = int(n * 0.4), int(n * 0.7)
    folder, wxr_items, jsonl_lines, paths = root / "archive", [], [], {}
    for i in range(n):
        year, section = 2015 + i % 10, SECTIONS[i % len(SECTIONS)]
        author = AUTHORS[i % len(AUTHORS)] if i % 5 != 4 else ""
        if i in copy_of:
            base = bases[copy_of[i]]
            body = base if i == min(copies[copy_of[i]]) else spun(base, rng, 0.1)
        else:
            body = generated_text(rng)
        title = f"Article {i:04d}: {section.lower()} notes"
        paragraphs = [body] + _problems(i)
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        if i < files_end:
            path = folder / str(year) / section.lower().replace(" ", "-") / f"post-{i:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            front = f"---\ntitle: \"{title}\"\n" + (f"author: {author}\n" if author else "") + \
                f"date: {date}\ncategories: [{section}]\n---\n"
            path.write_text(front + f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
            paths[i] = str(path)
        elif i < wxr_end:
            creator = f"<dc:creator><![CDATA[{LOGINS[author]}]]></dc:creator>" if author else ""
            html = "".join(f"<p>{p}</p>" for p in paragraphs)
            wxr_items.append(
                f"<item><title>{title}</title><link>https://site.example/{i}/</link>{creator}"
                f'<category domain="category" nicename="s"><![CDATA[{section}]]></category>'
                f"<content:encoded><![CDATA[{html}]]></content:encoded><wp:post_id>{i}</wp:post_id>"
                f"<wp:post_date><![CDATA[{date} 09:00:00]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status>"
                "<wp:post_type><![CDATA[post]]></wp:post_type></item>\n")
            paths[i] = f"{root / 'export.xml'}#{i}"
        else:
            record = {"id": str(i), "title": title, "body": "\n\n".join(paragraphs), "date": date,
                      "categories": [section], "url": f"https://site.example/{i}/"}
            if author:
                record["author"] = author
            jsonl_lines.append(json.dumps(record, ensure_ascii=False))
            paths[i] = f"{root / 'archive.jsonl'}#{i}"
    users = "".join(f"<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login><wp:author_display_name>"
                    f"<![CDATA[{name}]]></wp:author_display_name></wp:author>" for name, login in LOGINS.items())
    (root / "export.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
        f"<channel><title>Site</title>{users}\n" + "".join(wxr_items) + "</channel></rss>\n", encoding="utf-8")
    (root / "archive.jsonl").write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
    groups = [[paths[i] for i in sorted(items)] for _, items in sorted(copies.items(), key=lambda kv: -len(kv[1]))]
    return {"inputs": [folder, root / "export.xml", root / "archive.jsonl"], "paths": paths, "groups": groups}
