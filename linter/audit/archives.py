"""Archives to audit: folders of files, WordPress exports (WXR) and JSON Lines, read as a stream.

Every input becomes a stream of :class:`Article` records (raw bytes plus what
the export says about the article: title, live URL, date, author, categories)
or :class:`ArchiveError` records (a broken record, reported and skipped).
Nothing here builds a spaCy Doc or keeps more than one record in memory: an
archive of any size streams through. Each article's text is its own body, so
findings' offsets point into that body.
"""
from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Iterator

from ..sources import discover

WXR_SUFFIXES = (".xml", ".wxr")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_FORMATS = {"text", "txt", "markdown", "md", "html"}
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/",  # the version suffix (1.2/) varies; matched by prefix below
}
PUBLISHED_TYPES = {"post", "page"}


@dataclass
class Article:
    """One article to audit.

    ``id`` is the article's own id (a file's path, a WordPress post id, a JSONL
    ``id``); ``path`` names it in findings (``export.xml#42`` for a record);
    ``data`` is its body as bytes (``None``: read the file at ``path``);
    ``folder`` groups it on the dashboard (a file's folder, a record's export file).
    """

    id: str
    path: str
    format: str | None = None
    data: bytes | None = None
    title: str = ""
    url: str = ""
    date: str = ""
    author: str = ""
    categories: list[str] = field(default_factory=list)
    folder: str = ""
    size: int = 0

    def meta(self) -> dict:
        """What the rules see as the article's metadata (as front matter would give it).

        The author and date are here so that HL503 (missing byline) honours a byline the
        CMS keeps outside the body. Categories only sort the dashboard: they are not given
        to the rules (and so are not part of the cache key).
        """
        fields = (("title", self.title), ("url", self.url), ("date", self.date), ("author", self.author))
        return {k: v for k, v in fields if v}


@dataclass
class ArchiveError:
    """A record that cannot be audited (broken JSON, a malformed XML item, a missing file)."""

    path: str
    message: str
    id: str = ""
    extra: dict = field(default_factory=dict)


def _open(path: str):
    """The file opened for reading, or the ArchiveError that says why it cannot be."""
    try:
        return open(path, "rb")
    except OSError as exc:
        return ArchiveError(path, f"cannot read: {exc.strerror or exc}", id=path)


def kind_of(path: str) -> str:
    """``folder``, ``wxr``, ``jsonl`` or ``file``: by type and suffix, sniffing ``.xml`` files."""
    if os.path.isdir(path):
        return "folder"
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WXR_SUFFIXES):
        return "wxr"
    return "file"


def iter_articles(inputs: list[str], excludes: list[str] | None = None) -> Iterator[Article | ArchiveError]:
    """Every article of every input, in input order; broken records come out as ArchiveError."""
    plain: list[str] = []

    def flush():
        if not plain:
            return
        sources, missing = discover(list(plain), excludes)
        plain.clear()
        for err in missing:
            yield ArchiveError(err.path, err.message, id=err.path)
        for src in sources:
            yield Article(id=src.path, path=src.path, folder=os.path.dirname(src.path) or ".")

    for arg in inputs:
        kind = kind_of(arg) if os.path.exists(arg) else "file"
        if kind in ("folder", "file"):
            plain.append(arg)
            continue
        yield from flush()
        empty = True
        for record in (iter_wxr(arg) if kind == "wxr" else iter_jsonl(arg)):
            empty = False
            yield record
        if empty:
            what = "published posts or pages (is it a WordPress export?)" if kind == "wxr" else "records"
            yield ArchiveError(arg, f"no {what} found", id=arg)
    yield from flush()


def count_articles(inputs: list[str], excludes: list[str] | None = None) -> int:
    """A quick estimate of how many articles the inputs hold (for the progress bar's ETA)."""
    total = 0
    plain = []
    for arg in inputs:
        kind = kind_of(arg) if os.path.exists(arg) else "file"
        if kind in ("folder", "file"):
            plain.append(arg)
        elif kind == "jsonl":
            total += _count_jsonl(arg)
        else:
            total += _count_wxr(arg)
    if plain:
        total += len(discover(plain, excludes)[0])
    return total


# -- JSON Lines -------------------------------------------------------------------------------

def _jsonl_format(value, body: str) -> str | None:
    if value is None or value == "":
        head = body.lstrip()[:500].lower()
        return "html" if re.search(r"<(p|div|h[1-6]|a|ul|ol|br|html|body|span|strong|em)\b", head) else "text"
    value = str(value).lower()
    if value not in JSONL_FORMATS:
        return None
    return {"txt": "text", "md": "markdown"}.get(value, value)


AUTHOR_KEYS = ("author", "authors", "byline", "creator")
DATE_KEYS = ("date", "published", "published_at", "date_published", "pubdate")
CATEGORY_KEYS = ("categories", "category", "section", "sections", "tags")


def _first_key(record: dict, keys: tuple[str, ...]):
    return next((record[k] for k in keys if record.get(k) not in (None, "", [], {})), None)


def _string(value) -> str:
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, (int, float)) else ""


def _labels(value) -> list[str]:
    """Categories as given: a list of strings (or of ``{"name": ...}``), or one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        name = _string(name)
        if name and name not in out:
            out.append(name)
    return out


def _names(value) -> str:
    """An author as a JSONL record may give it: a name, a list of names, or ``{"name": ...}``."""
    return ", ".join(_labels(value))


def iter_jsonl(path: str) -> Iterator[Article | ArchiveError]:
    """One article per line: ``{"id", "title", "body", "url"?, "format"?, "author"?, "date"?, "categories"?}``.

    Blank lines are skipped. ``author`` may be a string, a list or ``{"name": ...}``;
    ``categories`` (or ``category``, ``section``, ``tags``) a list or a comma-separated string.
    """
    fh = _open(path)
    if isinstance(fh, ArchiveError):
        yield fh
        return
    with fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not valid UTF-8"
                yield ArchiveError(where, f"broken JSON record ({reason}); skipped", id=where)
                continue
            if not isinstance(record, dict):
                yield ArchiveError(where, "record is not a JSON object; skipped", id=where)
                continue
            rid, body = record.get("id"), record.get("body")
            if rid is None or isinstance(rid, (dict, list, bool)) or str(rid).strip() == "":
                yield ArchiveError(where, "record has no 'id'; skipped", id=where)
                continue
            rid = str(rid)
            if not isinstance(body, str) or not body.strip():
                yield ArchiveError(f"{path}#{rid}", f"record at line {number} has no text in 'body'; skipped", id=rid)
                continue
            fmt = _jsonl_format(record.get("format"), body)
            if fmt is None:
                yield ArchiveError(f"{path}#{rid}", f"record at line {number} has an unknown format "
                                   f"{record.get('format')!r} (use text, markdown or html); skipped", id=rid)
                continue
            data = body.encode("utf-8")
            yield Article(id=rid, path=f"{path}#{rid}", format=fmt, data=data, size=len(data), folder=path,
                          title=_string(record.get("title")), url=_string(record.get("url")),
                          date=_string(_first_key(record, DATE_KEYS)), author=_names(_first_key(record, AUTHOR_KEYS)),
                          categories=_labels(_first_key(record, CATEGORY_KEYS)))


def _count_jsonl(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 0


# -- WordPress export (WXR) -------------------------------------------------------------------

ITEM_START = re.compile(rb"^\s*<item[\s>]")
ITEM_TAG = re.compile(rb"<item[\s>]")
STATUS = re.compile(rb"<wp:status>(?:<!\[CDATA\[)?\s*(\w+)")
POST_TYPE = re.compile(rb"<wp:post_type>(?:<!\[CDATA\[)?\s*(\w+)")


def _local(tag: str) -> tuple[str, str]:
    """``{namespace}name`` -> (namespace, name)."""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


class _Resumed(io.RawIOBase):
    """A file read from a byte offset, behind a synthetic ``<rss ...><channel>`` opening tag.

    After a malformed item, parsing restarts at the next ``<item>`` with the
    export's own namespace declarations, so later posts are still audited.
    """

    def __init__(self, fh, offset: int, head: bytes):
        self.fh = fh
        self.fh.seek(offset)
        self.head = head

    def readable(self):
        return True

    def close(self):
        self.fh.close()
        super().close()

    def readinto(self, buf):
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.fh.read(len(buf))
        buf[:len(data)] = data
        return len(data)


def _text(elem, *names) -> str:
    for child in elem:
        ns, name = _local(child.tag)
        prefix = "wp" if ns.startswith(NS["wp"]) else "content" if ns == NS["content"] else "dc" if ns == NS["dc"] else ""
        if f"{prefix}:{name}" in names or (not ns and name in names):
            return (child.text or "").strip() if name != "encoded" else (child.text or "")
    return ""


def _offset_of(fh, line: int, column: int) -> int:
    """Byte offset of a 1-based line and 0-based column (as expat reports a syntax error)."""
    fh.seek(0)
    offset = 0
    for _ in range(line - 1):
        chunk = fh.readline()
        if not chunk:
            break
        offset += len(chunk)
    return offset + max(column, 0)


def _next_item(fh, offset: int) -> tuple[int, int] | None:
    """(byte offset, 1-based line) of the first ``<item>`` start tag after ``offset``, or None."""
    fh.seek(offset)
    pos, tail = offset, b""
    while True:
        chunk = fh.read(1 << 16)
        if not chunk:
            return None
        data = tail + chunk
        match = ITEM_TAG.search(data)
        if match:
            found = pos - len(tail) + match.start()
            fh.seek(0)
            newlines, left = 0, found
            while left > 0:
                block = fh.read(min(left, 1 << 16))
                if not block:
                    break
                newlines += block.count(b"\n")
                left -= len(block)
            return found, newlines + 1
        tail = data[-8:]
        pos += len(chunk)


def _root_head(fh) -> bytes:
    """The export's ``<rss ...>`` start tag (with its namespace declarations) plus ``<channel>``."""
    fh.seek(0)
    head = fh.read(65536)
    match = re.search(rb"<rss\b[^>]*>", head)
    tag = re.sub(rb"\s+", b" ", match.group(0)) if match else b"<rss>"  # one line: error lines stay right
    return tag + b"<channel>"


def iter_wxr(path: str) -> Iterator[Article | ArchiveError]:
    """Published posts and pages of a WordPress export, streamed with ``iterparse``.

    Drafts, private posts, attachments and menu items are skipped silently; an
    item without a body is reported; malformed XML inside one item is reported
    and parsing resumes at the next ``<item>``.
    """
    fh = _open(path)
    if isinstance(fh, ArchiveError):
        yield fh
        return
    with fh:
        stream, line_base, seen, head_len, last = fh, 0, 0, 0, -1
        authors: dict[str, str] = {}  # wp:author_login -> wp:author_display_name
        try:
            while True:
                try:
                    context = ET.iterparse(stream, events=("start", "end"))
                    root = None
                    for event, elem in context:
                        if root is None:
                            root = elem
                        if event != "end":
                            continue
                        name = _local(elem.tag)[1]
                        if name == "author" and _local(elem.tag)[0].startswith(NS["wp"]):
                            login = _text(elem, "wp:author_login")
                            if login:  # the channel lists the site's users before the posts
                                authors[login] = _text(elem, "wp:author_display_name") or login
                            continue
                        if name != "item":
                            continue
                        seen += 1
                        record = _wxr_record(path, elem, seen, authors)
                        elem.clear()
                        # Drop processed items from their parent so memory stays flat.
                        for parent in (root, *root):
                            if len(parent) and parent[-1] is elem:
                                parent.remove(elem)
                        if record is not None:
                            yield record
                    return
                except ET.ParseError as exc:
                    line, column = exc.position if exc.position else (1, 0)
                    if line == 1:
                        column = max(column - head_len, 0)  # the synthetic opening tags are not in the file
                    line += line_base
                    resume = _next_item(fh, _offset_of(fh, line, column) + 1)
                    if resume is not None and resume[0] <= last:  # never resume at or before the last start
                        resume = _next_item(fh, _offset_of(fh, line + 1, 0))
                        resume = resume if resume is not None and resume[0] > last else None
                    tail = ("; resuming at the next item" if resume else "; nothing after it could be read")
                    yield ArchiveError(f"{path}:{line}", f"malformed XML ({str(exc).split(':')[0]}) at line {line}; "
                                       f"the item there is skipped{tail}", id=f"{path}:{line}")
                    if resume is None:
                        return
                    offset, resume_line = resume
                    last = offset
                    head = _root_head(fh)
                    # columns on the first resumed line count from the line's start, not from the item
                    head_len = len(head) - (offset - _offset_of(fh, resume_line, 0))
                    if stream is not fh:
                        stream.close()
                    stream = io.BufferedReader(_Resumed(open(path, "rb"), offset, head))
                    line_base = resume_line - 1
        finally:
            if stream is not fh:
                stream.close()


def _categories(item) -> list[str]:
    """The post's categories (``<category domain="category">``; a plain RSS ``<category>`` counts too)."""
    out = []
    for child in item:
        if _local(child.tag) == ("", "category") and child.get("domain", "category") == "category":
            name = " ".join((child.text or "").split())
            if name and name not in out:
                out.append(name)
    return out


def _wxr_record(path: str, item, number: int, authors: dict[str, str]) -> Article | ArchiveError | None:
    status = _text(item, "wp:status") or "publish"
    post_type = _text(item, "wp:post_type") or "post"
    if status != "publish" or post_type not in PUBLISHED_TYPES:
        return None
    post_id = _text(item, "wp:post_id") or f"item-{number}"
    title = _text(item, "title")
    body = _text(item, "content:encoded")
    where = f"{path}#{post_id}"
    if not body.strip():
        return ArchiveError(where, f"published {post_type} {title or post_id!r} has no body "
                            "(content:encoded); skipped", id=post_id)
    data = body.encode("utf-8")
    login = _text(item, "dc:creator")
    return Article(id=post_id, path=where, format="html", data=data, size=len(data), title=title, folder=path,
                   url=_text(item, "link"), date=_text(item, "wp:post_date") or _text(item, "pubDate"),
                   author=authors.get(login, login), categories=_categories(item))


def _count_wxr(path: str) -> int:
    """Published posts and pages, by a line scan (no XML parse)."""
    count = 0
    status = post_type = None
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                if b"<item" in raw and ITEM_START.match(raw):
                    status = post_type = None
                if b"<wp:status>" in raw:
                    m = STATUS.search(raw)
                    status = m.group(1) if m else None
                if b"<wp:post_type>" in raw:
                    m = POST_TYPE.search(raw)
                    post_type = m.group(1) if m else None
                if b"</item>" in raw:
                    if (status or b"publish") == b"publish" and (post_type or b"post") in (b"post", b"page"):
                        count += 1
    except OSError:
        return 0
    return count
