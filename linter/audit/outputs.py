"""The files an audit writes into its output folder, and nothing else.

``findings.jsonl`` and ``articles.csv`` stream as the audit goes, into ``.part`` files renamed
when it ends (an interrupted run leaves the previous ones in place); article pages are written
as each article finishes, with the stylesheet and script they share written once under
``assets/``; ``duplicates.csv``, ``compare.csv``, the dashboard ``index.html`` and
``audit.json`` come at the end. Every write goes through one guard: a full disk or a
read-only folder becomes an :class:`OutputError` naming the file, and :meth:`abort`
removes the ``.part`` files.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re

from ..finding import CATEGORIES, SEVERITIES
from .outdir import OutputError

ARTICLE_FIELDS = ["id", "path", "title", "url", "author", "date", "categories", "folder", "words", *CATEGORIES,
                  "findings", "findings_error", "findings_warning", "findings_info", "score", "errors"]
DUPLICATE_FIELDS = ["group", "copies", "similarity", "original", "id", "path", "title", "url", "date", "score"]
COMPARE_FIELDS = ["id", "path", "title", "status", "new", "fixed", "unchanged", "score", "previous_score"]
SEARCH_CHARS = 400  # finding excerpts kept per article for the dashboard's search
EXCERPT_CHARS = 60


def slug(path: str) -> str:
    """A safe, unique file name for an article's page."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path).strip("-.")[-60:] or "article"
    return f"{name}-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:8]}"


@contextlib.contextmanager
def guard(path: str):
    """Turn a failed write (disk full, read-only, gone) into an OutputError that names the file."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _search_text(findings: list[dict]) -> str:
    """Short, distinct excerpts of an article's findings: the dashboard search finds a spam handle."""
    seen, size = [], 0
    for f in findings:
        excerpt = " ".join((f.get("excerpt") or "").split())
        if not excerpt or len(excerpt) > 200 or excerpt in seen:  # a whole-article span says nothing
            continue
        excerpt = excerpt[:EXCERPT_CHARS]
        if size + len(excerpt) > SEARCH_CHARS:
            break
        seen.append(excerpt)
        size += len(excerpt) + 1
    return " ".join(seen)


def article_row(result: dict, info: dict, href: str | None) -> dict:
    """One article as the CSV and the dashboard show it (``info``: :func:`metadata.describe`)."""
    findings = result["findings"]
    counts = {c: 0 for c in CATEGORIES}
    severities = {s: 0 for s in SEVERITIES}
    rules: dict[str, int] = {}
    for f in findings:
        counts[f["category"] if f["category"] in counts else "document"] += 1
        severities[f["severity"]] = severities.get(f["severity"], 0) + 1
        rules[f["rule"]] = rules.get(f["rule"], 0) + 1
    return {"id": result["id"], "path": result["path"], "title": result.get("title") or "",
            "url": info.get("url") or result.get("url") or "", "author": info.get("author", ""),
            "date": info.get("date", ""), "year": info.get("year"), "folder": info.get("folder", ""),
            "categories": info.get("categories", []), "words": result.get("words", 0), "score": result.get("score"),
            "checked": bool(result.get("checked")), "counts": counts, "severities": severities, "rules": rules,
            "findings": len(findings), "errors": list(result.get("errors", [])), "href": href,
            "search": _search_text(findings), "duplicate": 0, "change": None}


class OutputWriter:
    """The output folder of one run (already claimed and locked: :func:`outdir.claim`)."""

    def __init__(self, folder: str, pages: bool):
        self.folder = folder
        self.pages = pages
        self.pages_written: set[str] = set()
        self.parts: dict[str, object] = {}
        if pages:
            self._write_assets()
        self.findings_fh = self._open_part("findings.jsonl")
        self.csv_fh = self._open_part("articles.csv")
        self.csv = csv.DictWriter(self.csv_fh, fieldnames=ARTICLE_FIELDS)
        with guard(self.path("articles.csv")):
            self.csv.writeheader()

    def path(self, *names: str) -> str:
        return os.path.join(self.folder, *names)

    def _open_part(self, name: str):
        with guard(self.path(name)):
            fh = open(self.path(name + ".part"), "w", encoding="utf-8", newline="")
        self.parts[name] = fh
        return fh

    def _write_file(self, name: str, data: str | bytes) -> None:
        """Write a whole file atomically (a .part file renamed over the old one)."""
        final, part = self.path(name), self.path(name + ".part")
        with guard(final):
            with open(part, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.replace(part, final)

    def _write_assets(self) -> None:
        from healthlint.reports.audit_page import assets

        with guard(self.path("assets")):
            os.makedirs(self.path("assets"), exist_ok=True)
            os.makedirs(self.path("articles"), exist_ok=True)
        for name, text in assets().items():
            self._write_file(os.path.join("assets", name), text)

    # -- article pages ----------------------------------------------------------------------------
    def page_path(self, path: str) -> str:
        return self.path("articles", slug(path) + ".html")

    def page_href(self, path: str) -> str:
        return f"articles/{slug(path)}.html"

    def write_page(self, path: str, html: str) -> str:
        """Write an article's page; return its SHA-1 (the cache keeps it to know the page is current)."""
        data = html.encode("utf-8")
        target = self.page_path(path)
        # Written in place (a rename per page costs more than the page): a page cut short by a kill
        # fails its checksum on the next run and is drawn again.
        try:
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(target)
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        self.pages_written.add(os.path.basename(target))
        return hashlib.sha1(data).hexdigest()

    def page_is_current(self, path: str, sha: str | None) -> bool:
        target = self.page_path(path)
        try:
            with open(target, "rb") as fh:
                current = sha is not None and hashlib.sha1(fh.read()).hexdigest() == sha
        except OSError:
            return False
        if current:
            self.pages_written.add(os.path.basename(target))
        return current

    # -- streamed data ------------------------------------------------------------------------------
    def write_article(self, row: dict, findings: list[dict], change=None) -> None:
        """One article's findings (with its metadata) and its CSV row."""
        extra = {k: row[k] for k in ("author", "date", "url") if row[k]}
        if row["categories"]:
            extra["categories"] = row["categories"]
        new = change.new_fingerprints if change is not None else None
        with guard(self.path("findings.jsonl")):
            for f in findings:
                line = {"article": row["id"], **f, **extra}
                if new is not None:
                    line["change"] = "new" if f["fingerprint"] in new else "unchanged"
                self.findings_fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        with guard(self.path("articles.csv")):
            self.csv.writerow({
                "id": row["id"], "path": row["path"], "title": row["title"], "url": row["url"],
                "author": row["author"], "date": row["date"], "categories": "; ".join(row["categories"]),
                "folder": row["folder"], "words": row["words"], **row["counts"], "findings": row["findings"],
                **{f"findings_{s}": row["severities"].get(s, 0) for s in SEVERITIES},
                "score": "" if row["score"] is None else row["score"], "errors": " | ".join(row["errors"])})

    # -- the end ------------------------------------------------------------------------------------------
    def finish(self, dashboard: str | None, meta: dict, duplicates: list[dict] | None,
               compare: list[dict] | None) -> None:
        """Rename the streamed files into place, write the end-of-run files, drop stale ones."""
        for name, fh in self.parts.items():
            with guard(self.path(name)):
                fh.close()
                os.replace(self.path(name + ".part"), self.path(name))
        self.parts.clear()
        for name, rows, fields in (("duplicates.csv", duplicates, DUPLICATE_FIELDS),
                                   ("compare.csv", compare, COMPARE_FIELDS)):
            if rows is None:  # not asked for this time: a file from an earlier run would mislead
                with guard(self.path(name)), contextlib.suppress(FileNotFoundError):
                    os.remove(self.path(name))
                continue
            self._write_file(name, _csv_text(rows, fields))
        if dashboard is not None:
            self._write_file("index.html", dashboard)
        self._write_file("audit.json", json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        self._prune_pages()

    def _prune_pages(self) -> None:
        """Remove pages of articles this run did not see (moved or deleted since the last audit)."""
        folder = self.path("articles")
        if not os.path.isdir(folder):
            return
        for name in os.listdir(folder):
            if name.endswith(".html") and name not in self.pages_written:
                with contextlib.suppress(OSError):
                    os.remove(os.path.join(folder, name))

    def abort(self) -> None:
        for name, fh in self.parts.items():
            with contextlib.suppress(OSError):
                fh.close()
            with contextlib.suppress(OSError):
                os.remove(self.path(name + ".part"))
        self.parts.clear()


def _csv_text(rows: list[dict], fields: list[str]) -> str:
    import io

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
