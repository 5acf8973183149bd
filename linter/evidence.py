"""Where evidence lives: the one list of source domains, read by every family.

``rules/data/shared/sources.yaml`` (``kind: sources``) groups domains; a group
with ``evidence: true`` is a place a health claim can be checked (a journal,
PubMed, a health agency), and a link to it cites the claim; every group is
*reputable*, so the link rules never flag its links. A domain covers its
subdomains ("nih.gov" covers "pubmed.ncbi.nlm.nih.gov"); a suffix such as
".gov" covers every host that ends with it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from .knowledge import documents
from .regexes import compile as compile_regex


@dataclass(frozen=True)
class Sources:
    evidence: frozenset[str]
    reputable: frozenset[str]
    suffixes: frozenset[str]            # ".gov", ".ac.uk": evidence and reputable
    front_matter_keys: frozenset[str]   # front-matter keys that hold a reference list
    reference_headings: frozenset[str]  # headings that open a reference list
    citation_regex: re.Pattern          # citation markers glued to other text ("doi:10.", "effect.[2]")

    def _covered(self, host: str, domains: frozenset[str]) -> bool:
        if any(host == d or host.endswith("." + d) for d in domains):
            return True
        return any(host.endswith(s) for s in self.suffixes)

    def is_evidence(self, url: str, extra: tuple[str, ...] = ()) -> bool:
        """A link a health claim can be checked at; ``extra``: more domains (a publisher's ``source-domains``)."""
        host = host_of(url)
        return self._covered(host, self.evidence) or any(host == d or host.endswith("." + d) for d in extra)

    def is_reputable(self, url: str, extra: tuple[str, ...] = ()) -> bool:
        host = host_of(url)
        return self._covered(host, self.reputable) or any(host == d or host.endswith("." + d) for d in extra)


def host_of(url: str) -> str:
    if "//" not in url:
        url = "//" + url
    try:
        return (urlparse(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


@functools.lru_cache(maxsize=8)
def sources(extra_dirs: tuple[str, ...] = ()) -> Sources:
    evidence, reputable, suffixes, keys, headings, regexes = set(), set(), set(), set(), set(), []
    for _path, data in documents("sources", extra_dirs):
        for group in data.get("domains") or []:
            names = {d.lower() for d in group.get("domains") or []}
            reputable |= names
            if group.get("evidence"):
                evidence |= names
        suffixes |= {s.lower() for s in data.get("suffixes") or []}
        keys |= {k.lower() for k in data.get("front_matter_keys") or []}
        headings |= {h.lower() for h in data.get("reference_headings") or []}
        regexes += data.get("citation_regexes") or []
    return Sources(frozenset(evidence), frozenset(reputable), frozenset(suffixes), frozenset(keys),
                   frozenset(headings), compile_regex("|".join(f"(?:{r})" for r in regexes) or "(?!)",
                                                      origin="shared/sources.yaml:citation_regexes"))
