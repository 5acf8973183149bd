"""Who wrote an article, when, where it lives and how it is filed: the facets of the dashboard.

An export says it outright (WordPress ``dc:creator``, ``wp:post_date``, ``link`` and
categories; the fields of a JSON Lines record: see :mod:`.archives`); a file says it in
its front matter or its HTML ``<meta>`` tags, which only the worker that parses it sees
(:func:`from_document`). :func:`describe` merges the two, the export winning, into the
row the outputs and the dashboard show.
"""
from __future__ import annotations

import re

AUTHOR_KEYS = ("author", "authors", "byline", "creator", "dc.creator", "writer", "written_by")
DATE_KEYS = ("date", "published", "publish_date", "pubdate", "date_published", "datepublished",
             "article:published_time", "created")
CATEGORY_KEYS = ("categories", "category", "section", "sections", "tags")
URL_KEYS = ("url", "permalink", "canonical", "link")
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
MAX_LABEL = 80  # a longer "author" or category is junk (a pasted paragraph), not a facet value


def _texts(value) -> list[str]:
    """Strings out of a metadata value: a string, a date, or a list of them (front matter allows all)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return _texts(value.get("name"))
    text = " ".join(str(value).split())
    return [text] if text else []


def _first(metadata: dict, keys: tuple[str, ...]) -> list[str]:
    lowered = {str(k).lower(): v for k, v in metadata.items()}
    for key in keys:
        texts = _texts(getattr(lowered.get(key), "value", lowered.get(key)))
        if texts:
            return texts
    return []


def from_document(doc) -> dict:
    """Author, date, categories and URL that a file's front matter or HTML meta tags give (strings)."""
    metadata = doc.metadata
    labels = []
    for label in _first(metadata, CATEGORY_KEYS):
        labels += [part.strip() for part in label.split(",") if part.strip()]
    return {"author": ", ".join(_first(metadata, AUTHOR_KEYS)), "date": (_first(metadata, DATE_KEYS) or [""])[0],
            "url": (_first(metadata, URL_KEYS) or [""])[0], "categories": list(dict.fromkeys(labels))}


def year_of(date: str) -> int | None:
    """The year of a date as exports and front matter write it (``2024-09-02 08:00``, ``Mon, 02 Sep 2024``)."""
    match = YEAR.search(date or "")
    return int(match.group(1)) if match else None


def _clean(value: str) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= MAX_LABEL else value[:MAX_LABEL - 1] + "\u2026"


def describe(article_meta: dict, document_meta: dict | None, folder: str) -> dict:
    """The article's descriptive fields: ``author, date, year, url, categories, folder`` (export first)."""
    document_meta = document_meta or {}

    def pick(key: str):
        return article_meta.get(key) or document_meta.get(key) or ("" if key != "categories" else [])

    date = str(pick("date"))
    categories = [_clean(c) for c in pick("categories") if _clean(c)]
    return {"author": _clean(str(pick("author"))), "date": date, "year": year_of(date), "url": str(pick("url")),
            "categories": list(dict.fromkeys(categories)), "folder": folder}
