"""The lexicon: every word list and token pattern of the knowledge data, matched once per Doc.

Knowledge files with ``kind: lexicon`` hold named lists::

    kind: lexicon
    lists:
      - id: toxin                 # the label the matches get
        match: lemma              # lemma (default: any inflection) | lower | orth (case-sensitive)
        source: https://...       # why the list exists
        terms: [toxin, metabolic waste, lactic acid]
        combine:                  # optional: one word from each part, every combination a term
          - [share, follow us]
          - ["on"]
          - [facebook, pinterest]
        patterns:                 # optional spaCy Matcher token patterns: each costs about 0.4 us
          - [{LIKE_NUM: true}, {LOWER: "views"}]   # per token of every Doc, a phrase list almost nothing
        collect:                  # optional: names kept elsewhere in the data, so that each is stored once
          - {from: terms, where: {kind: condition}, keys: [names, aliases]}
        include: [disease]        # optional: every term of other lists (a broader list reuses narrower ones)

The ``healthlint_lexicon`` pipeline component (``linter/components.py``) compiles them into one
``PhraseMatcher`` per attribute and one ``Matcher`` (built once per process) and
writes the matches onto the Doc as span groups, ``doc.spans["hl:<id>"]``, for
every rule family to read. ``match: lemma`` compares lower-cased lemmas, so one
term ("cure") covers every inflection ("Cures", "cured", "curing") and a term of
several words matches each of its inflected forms ("herniated discs").

A list id is defined once in the packaged data (a test checks it); a publisher's
data folder may add terms to a list by using its id, or replace it with ``replace: true``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .knowledge import KnowledgeError, documents, load, where

PREFIX = "hl:"
ATOMS = "healthlint.atoms"  # doc.user_data key: every match as (start token, end token, list id), sorted
MATCH_ATTRS = {"lemma": "LEMMA", "lower": "LOWER", "orth": "ORTH"}
# regular inflections tried, in order, for a word the lookup table lacks
SUFFIXES = (("ies", "y"), ("ied", "y"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("ing", ""), ("ing", "e"),
            ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))


@dataclass
class WordList:
    id: str
    match: str = "lemma"
    terms: list[str] = field(default_factory=list)
    patterns: list[list[dict]] = field(default_factory=list)
    origin: str = ""
    at: str | None = None  # "sentence-start": only matches that open a sentence count
    include: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=8)
def word_lists(extra_dirs: tuple[str, ...] = ()) -> dict[str, WordList]:
    """Every list of every ``kind: lexicon`` file; publisher folders extend (or replace) packaged lists.

    Built once per process and data folders: callers read it, never change it."""
    lists: dict[str, WordList] = {}
    for path, data in documents("lexicon", extra_dirs):
        for item in data.get("lists") or []:
            try:
                list_id, match = item["id"], item.get("match", "lemma")
            except (TypeError, KeyError):
                raise KnowledgeError(f"{where(path)}: a lexicon list needs an id") from None
            if match not in MATCH_ATTRS:
                raise KnowledgeError(f"{where(path)}: list {list_id!r}: match must be one of {sorted(MATCH_ATTRS)}")
            bad = [t for t in item.get("terms") or [] if not isinstance(t, str)]
            if bad:  # YAML reads a bare no, yes, on, off as true/false: quote them
                raise KnowledgeError(f"{where(path)}: list {list_id!r}: terms must be strings, not {bad!r} "
                                     "(quote words such as \"no\" and \"on\")")
            terms = [str(t) for t in item.get("terms") or []] + _collected(item.get("collect") or [], extra_dirs,
                                                                          f"{where(path)}: list {list_id!r}")
            terms += _combined(item.get("combine") or [], f"{where(path)}: list {list_id!r}")
            patterns = list(item.get("patterns") or [])
            at = item.get("at")
            if at not in (None, "sentence-start"):
                raise KnowledgeError(f"{where(path)}: list {list_id!r}: 'at' can only be sentence-start")
            include = item.get("include") or []
            if not isinstance(include, list) or not all(isinstance(i, str) for i in include):
                raise KnowledgeError(f"{where(path)}: list {list_id!r}: include must be a list of list ids")
            old = lists.get(list_id)
            if old is None or item.get("replace"):
                lists[list_id] = WordList(list_id, match, terms, patterns, where(path), at, list(include))
            elif old.match != match:
                raise KnowledgeError(f"{where(path)}: list {list_id!r} is matched on {old.match} in {old.origin}")
            else:
                old.terms += terms
                old.patterns += patterns
                old.include += include
    extra = {list_id: _included(word_list, lists, ()) for list_id, word_list in lists.items()}
    for list_id, terms in extra.items():
        own = set(lists[list_id].terms)
        lists[list_id].terms += [t for t in dict.fromkeys(terms) if t not in own]
    return lists


def _included(word_list: WordList, lists: dict[str, WordList], seen: tuple[str, ...]) -> list[str]:
    """The terms of the lists a list includes, and of the lists they include (a cycle is an error)."""
    out = []
    for other_id in word_list.include:
        if other_id in seen or other_id == word_list.id:
            raise KnowledgeError(f"{word_list.origin}: list {word_list.id!r}: include makes a cycle through {other_id!r}")
        other = lists.get(other_id)
        if other is None:
            raise KnowledgeError(f"{word_list.origin}: list {word_list.id!r} includes an unknown list {other_id!r}")
        out += other.terms + _included(other, lists, seen + (word_list.id,))
    return out


def _combined(parts: list, origin: str) -> list[str]:
    """Every phrase made of one choice per part: ``[[share, follow us], [on], [facebook, x]]`` gives
    "share on facebook" ... "follow us on x" (a phrase list, matched at the speed of one list)."""
    if not parts:
        return []
    if not all(isinstance(p, list) and p and all(isinstance(w, str) for w in p) for p in parts):
        raise KnowledgeError(f"{origin}: combine must be a list of non-empty lists of words (quote 'on', 'no' ...)")
    phrases = [""]
    for part in parts:
        phrases = [f"{head} {word}".strip() for head in phrases for word in part]
    return phrases


def _collected(specs: list, extra_dirs: tuple[str, ...], origin: str) -> list[str]:
    """Names gathered from the entries of other data files (``load(name)``), filtered by field values."""
    out = []
    for spec in specs:
        try:
            name, keys = spec["from"], spec.get("keys") or ["names"]
        except (TypeError, KeyError):
            raise KnowledgeError(f"{origin}: collect needs 'from'") from None
        wanted = spec.get("where") or {}
        for entry in load(name, extra_dirs):
            if not isinstance(entry, dict) or any(entry.get(k) != v for k, v in wanted.items()):
                continue
            for key in keys:
                value = entry.get(key)
                out += [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]
    return out


def lemma_corrections(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for _path, data in documents("lemmas", extra_dirs):
        out.update({str(k): str(v) for k, v in (data.get("corrections") or {}).items()})
    return out


def is_abbreviation(term: str) -> bool:
    """"MET", "TMJ", "ME/CFS": capitals (and digits or slashes) only, one word."""
    letters = [c for c in term if c.isalpha()]
    return " " not in term and len(letters) >= 2 and all(c.isupper() for c in letters)


def spans(doc, label: str):
    """The matches of one list (empty when it matched nothing)."""
    key = PREFIX + label
    return doc.spans[key] if key in doc.spans else ()
