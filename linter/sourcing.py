"""The sourcing policy as code (docs/knowledge.md): which sources a knowledge entry may cite.

Every fact in ``rules/data/`` names a source: a specific page that states that very fact.
This module finds the sources and the facts of a data file and says what is wrong with them;
the tests (``tests/test_knowledge_sources.py``) run it over every file, and the review script
(``benchmarks/review_knowledge.py``) prints facts beside their sources for a person to check.

* a *source* is any ``source:`` value (or an item of a ``sources:`` list) anywhere in a file;
* a *fact* is an entry (a mapping with an ``id``) that states something: a ``description``,
  ``definition``, ``correction``, ``message`` or ``suggestion``;
* generic pages (overviews of a field, a site's index) are data: ``kind: generic-sources``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from .knowledge import documents

FACT_KEYS = ("description", "definition", "correction", "message", "suggestion")
URL = re.compile(r"^https://[\w.-]+\.[a-z]{2,}(?:/\S*)?$")
DOI_URL = re.compile(r"^https://(?:dx\.)?doi\.org/(.+)$")
DOI = re.compile(r"^10\.\d{4,9}/[^\s]+$")
PUBMED = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/(.*)$")
PMID = re.compile(r"^[1-9]\d{0,8}/?$")


@dataclass(frozen=True)
class Fact:
    id: str
    text: str       # what it states (description, definition ...)
    source: str     # "" when it has none
    where: str      # the data file


def _key(url: str) -> str:
    """A URL compared as a page: no scheme, no "www.", no "#section", no trailing slash."""
    parsed = urlparse(url.strip())
    host = parsed.netloc.lower().removeprefix("www.")
    return f"{host}{unquote(parsed.path).rstrip('/')}{'?' + parsed.query if parsed.query else ''}"


@functools.lru_cache(maxsize=4)
def generic_pages(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    """Page key -> why it is never a fact's source."""
    out: dict[str, str] = {}
    for _path, data in documents("generic-sources", extra_dirs):
        for page in data.get("pages") or []:
            out[_key(page["url"])] = page.get("why", "")
    return out


def problem(source, extra_dirs: tuple[str, ...] = ()) -> str | None:
    """What is wrong with a source, or None: not a URL, a generic page, a malformed DOI or PMID."""
    if not isinstance(source, str) or not URL.match(source.strip()):
        return f"not an https URL: {source!r}"
    why = generic_pages(extra_dirs).get(_key(source))
    if why is not None:
        return f"a generic page ({why}): {source}"
    doi = DOI_URL.match(source)
    if doi and not DOI.match(unquote(doi.group(1))):
        return f"a malformed DOI: {source}"
    pubmed = PUBMED.match(source)
    if pubmed and not PMID.match(pubmed.group(1)):
        return f"a malformed PubMed id: {source}"
    return None


def sources_in(data) -> list[str]:
    """Every ``source`` value and ``sources`` item anywhere in a parsed data file."""
    found: list = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "source" and not isinstance(value, (dict, list)):
                    found.append(value)
                elif key == "sources" and isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
                    found += value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def facts_in(data, where: str = "") -> list[Fact]:
    """The entries of a data file that state a fact (a mapping with an id and a fact field)."""
    out: list[Fact] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("id") and any(isinstance(item.get(k), str) for k in FACT_KEYS):
                text = next(str(item[k]) for k in FACT_KEYS if isinstance(item.get(k), str))
                source = item.get("source") or (item.get("sources") or [""])[0]
                out.append(Fact(str(item["id"]), " ".join(text.split()), str(source or ""), where))
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return out
