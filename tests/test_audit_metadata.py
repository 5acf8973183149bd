"""Article metadata for the dashboard's facets (healthlint.audit.metadata): author, date, year, URL,
categories and folder, from an export or from a file's own front matter and meta tags.
"""
from __future__ import annotations

from healthlint.audit.metadata import describe, from_document, year_of
from healthlint.sources import Source, load


def doc_of(text: str, path: str):
    return load(Source(path=path, data=text.encode("utf-8")))


def test_front_matter_gives_author_date_categories_and_url():
    doc = doc_of("---\ntitle: Calf cramps\nauthors:\n  - Ada Lee\n  - Ben Cho\ndate: 2021-07-09\n"
                 "tags: [Running, Legs, Running]\npermalink: https://site.example/calf\n---\n# Calf cramps\n\nText.\n",
                 "calf.md")
    assert from_document(doc) == {"author": "Ada Lee, Ben Cho", "date": "2021-07-09",
                                  "url": "https://site.example/calf", "categories": ["Running", "Legs"]}


def test_html_meta_tags_give_author_and_date():
    doc = doc_of('<html><head><title>Neck pain</title><meta name="author" content="Rosa Diaz">'
                 '<meta property="article:published_time" content="2017-03-01T09:00:00Z"></head>'
                 "<body><p>Text.</p></body></html>", "neck.html")
    meta = from_document(doc)
    assert (meta["author"], meta["date"], meta["categories"]) == ("Rosa Diaz", "2017-03-01T09:00:00Z", [])


def test_the_export_wins_and_the_file_fills_gaps():
    export = {"author": "Hannah Reyes", "date": "", "url": "https://site.example/a", "categories": ["Sleep"]}
    document = {"author": "admin", "date": "2020-01-02", "url": "https://other.example/a", "categories": ["Misc"]}
    assert describe(export, document, "export.xml") == {
        "author": "Hannah Reyes", "date": "2020-01-02", "year": 2020, "url": "https://site.example/a",
        "categories": ["Sleep"], "folder": "export.xml"}
    assert describe({}, None, "posts")["year"] is None
    long = describe({"author": "x" * 300}, None, "")["author"]
    assert len(long) == 80 and long.endswith("\u2026")  # a pasted paragraph is not a facet value


def test_years_from_the_dates_exports_write():
    assert year_of("2024-09-02 08:00:00") == 2024
    assert year_of("Mon, 02 Sep 2019 08:00:00 +0000") == 2019
    assert year_of("3 March 2008") == 2008
    assert year_of("20240902") is None and year_of("") is None and year_of("0000-00-00 00:00:00") is None
