"""Audit inputs (healthlint.audit.archives): folders, WordPress exports and JSON Lines as a stream.

Broken records are reported and skipped; what an export says about an article (title, live
URL, date, author, categories) comes with it.
"""
from __future__ import annotations

import json

from audit_fixtures import WXR, archive, line_of  # noqa: F401 - fixtures

from healthlint.audit.archives import Article, ArchiveError, count_articles, iter_articles, iter_jsonl, iter_wxr


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


def test_wxr_metadata_author_display_name_categories(archive):
    posts = {r.id: r for r in iter_wxr(str(archive["wxr"])) if isinstance(r, Article)}
    # dc:creator holds the login; the channel's wp:author maps it to the display name
    assert posts["11"].author == "Hannah Reyes"
    assert posts["11"].categories == ["Running", "Recovery"]  # post tags are not categories
    assert posts["11"].folder == str(archive["wxr"])
    assert posts["16"].author == "admin"  # no wp:author entry: the login as it is
    assert posts["11"].meta() == {"title": "Massage after a long run", "date": "2024-09-02 08:00:00",
                                  "url": "https://calmhands.example/massage-after-run/", "author": "Hannah Reyes"}


def test_jsonl_metadata_in_every_shape(tmp_path):
    path = tmp_path / "a.jsonl"
    records = [
        {"id": 1, "body": "Text one.", "author": "Ada Lee", "categories": ["Back pain", "Back pain", "Sleep"]},
        {"id": 2, "body": "Text two.", "authors": ["Ada Lee", "Ben Cho"], "tags": "neck, shoulders ,"},
        {"id": 3, "body": "Text three.", "byline": {"name": "Cy Dunn"}, "section": {"name": "Sport"},
         "published_at": "2019-02-03T10:00:00Z"},
        {"id": 4, "body": "Text four.", "author": 42, "categories": {"no": "name"}, "date": None},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got = {r.id: r for r in iter_jsonl(str(path))}
    assert (got["1"].author, got["1"].categories) == ("Ada Lee", ["Back pain", "Sleep"])
    assert (got["2"].author, got["2"].categories) == ("Ada Lee, Ben Cho", ["neck", "shoulders"])
    assert (got["3"].author, got["3"].categories, got["3"].date) == ("Cy Dunn", ["Sport"], "2019-02-03T10:00:00Z")
    assert (got["4"].author, got["4"].categories, got["4"].date) == ("", [], "")  # not names: ignored
    assert all(a.folder == str(path) for a in got.values())


def test_files_are_grouped_by_their_folder(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text.\n", encoding="utf-8")
    folders = {r.path: r.folder for r in iter_articles([str(tmp_path)])}
    assert folders == {str(tmp_path / "2019" / "a.md"): str(tmp_path / "2019"), str(tmp_path / "b.txt"): str(tmp_path)}
