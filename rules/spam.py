"""Spam, injected keywords and bad links (HL4xx)."""
from __future__ import annotations

import functools
import re

from healthlint.document import Document
from healthlint.knowledge import load
from healthlint.rule import Rule


@functools.lru_cache(maxsize=8)
def _residue_patterns(extra_dirs: tuple[str, ...]) -> list[tuple[re.Pattern, dict]]:
    return [(re.compile(entry["pattern"], re.I), entry) for entry in load("spam/residue", extra_dirs)]


class ScraperResidue(Rule):
    r"""Flags page furniture left by scrapers: "Report Page", "Read More", share-button runs.

    Why: text copied from another page drags its buttons and footer along; to a
    reader it is noise, and to a search engine a sign of scraped content.

    Bad: Massage can ease stress.\n\nReport Page
    Good: Massage can ease stress. Report any side effects to your therapist.
    Use instead: delete the residue.
    """

    code = "HL405"
    name = "scraper-residue"
    category = "spam"
    severity = "warning"
    reference = "https://developers.google.com/search/docs/essentials/spam-policies#scraped-content"

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.patterns = _residue_patterns(tuple(settings.data_dirs))

    def check(self, doc: Document):
        offset = 0
        for line in doc.prose.splitlines(keepends=True):
            stripped = line.strip()
            if stripped and len(stripped) < 200:
                for pattern, entry in self.patterns:
                    if pattern.search(line.rstrip("\r\n")):
                        start = offset + line.index(stripped[0])
                        end = offset + len(line.rstrip())
                        yield self.finding(doc, start, end, f"Scraper residue: {entry['why']}.",
                                           suggestion="Delete this line.", reference=entry.get("source"))
                        break
            offset += len(line)
