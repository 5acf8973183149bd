"""The lexicon: every word list and token pattern of the knowledge data, matched once per Doc.

Knowledge files with ``kind: lexicon`` hold named lists::

    kind: lexicon
    lists:
      - id: toxin                 # the label the matches get
        match: lemma              # lemma (default: any inflection) | lower | orth (case-sensitive)
        source: https://...       # why the list exists
        terms: [toxin, metabolic waste, lactic acid]
        patterns:                 # optional spaCy Matcher token patterns
          - [{LOWER: "et"}, {LOWER: "al"}]
        collect:                  # optional: names kept elsewhere in the data, so that each is stored once
          - {from: terms, where: {kind: condition}, keys: [names, aliases]}

The ``healthlint_lexicon`` pipeline component compiles them into one
``PhraseMatcher`` per attribute and one ``Matcher`` (built once per process) and
writes the matches onto the Doc as span groups, ``doc.spans["hl:<id>"]``, for
every rule family to read. ``match: lemma`` compares lower-cased lemmas, so one
term ("cure") covers every inflection ("Cures", "cured", "curing") and a term of
several words matches each of its inflected forms ("herniated discs").

A list id is defined once in the packaged data (a test checks it); a publisher's
data folder may add terms to a list by using its id, or replace it with ``replace: true``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

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


def word_lists(extra_dirs: tuple[str, ...] = ()) -> dict[str, WordList]:
    """Every list of every ``kind: lexicon`` file; publisher folders extend (or replace) packaged lists."""
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
            patterns = list(item.get("patterns") or [])
            at = item.get("at")
            if at not in (None, "sentence-start"):
                raise KnowledgeError(f"{where(path)}: list {list_id!r}: 'at' can only be sentence-start")
            old = lists.get(list_id)
            if old is None or item.get("replace"):
                lists[list_id] = WordList(list_id, match, terms, patterns, where(path), at)
            elif old.match != match:
                raise KnowledgeError(f"{where(path)}: list {list_id!r} is matched on {old.match} in {old.origin}")
            else:
                old.terms += terms
                old.patterns += patterns
    return lists


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


class LemmaTable:
    """Lower-cased lookup lemmas (spacy-lookups-data), with the data's corrections and a suffix fallback.

    spaCy's lookup lemmatizer is case-sensitive ("Cures" stays "Cures") and has a
    few harmful entries ("does" -> "doe"); rules match lemmas, so both matter.
    """

    def __init__(self, vocab, corrections: dict[str, str]):
        from spacy.lookups import load_lookups

        self.strings = vocab.strings
        self.table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self.known = set(self.table.values())
        self.corrections = {k.lower(): v.lower() for k, v in corrections.items()}
        self.cache: dict[int, int] = {}

    def learn(self, words) -> None:
        """Accept more base forms for the suffix fallback (before any text is read)."""
        self.known.update(words)
        self.cache.clear()

    def lemma(self, lower: str) -> str:
        if lower in self.corrections:
            return self.corrections[lower]
        found = self.table.get(lower)
        if found is not None:
            return found
        return self._fallback(lower)

    def _fallback(self, word: str) -> str:
        """A regular inflection of a word the table lacks ("detoxes" -> "detox"), if its stem is a known lemma."""
        if len(word) < 5 or not word.isalpha():
            return word
        for suffix, repl in SUFFIXES:
            if not word.endswith(suffix) or suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            stem = word[: -len(suffix)] + repl
            if stem in self.known:
                return stem
        return word

    def __call__(self, doc: Doc) -> Doc:
        lowers = doc.to_array(LOWER)
        cache, strings = self.cache, self.strings
        values = []
        for h in lowers.tolist():
            v = cache.get(h)
            if v is None:
                v = cache[h] = strings.add(self.lemma(strings[h]))
            values.append(v)
        if values:
            doc.from_array([LEMMA], numpy.array(values, dtype="uint64").reshape(-1, 1))
        return doc


def lemma_corrections(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for _path, data in documents("lemmas", extra_dirs):
        out.update({str(k): str(v) for k, v in (data.get("corrections") or {}).items()})
    return out


@Language.factory("healthlint_lemmas", default_config={"data_dirs": []})
def make_lemmas(nlp: Language, name: str, data_dirs: list[str]):
    """Lower-cased lemmas for every token (replaces spaCy's lookup lemmatizer in the default pipeline)."""
    return LemmaTable(nlp.vocab, lemma_corrections(tuple(data_dirs)))


def is_abbreviation(term: str) -> bool:
    """"MET", "TMJ", "ME/CFS": capitals (and digits or slashes) only, one word."""
    letters = [c for c in term if c.isalpha()]
    return " " not in term and len(letters) >= 2 and all(c.isupper() for c in letters)


class LexiconMatcher:
    """Matches every lexicon list in one pass per matcher and stores the results as span groups."""

    def __init__(self, nlp: Language, extra_dirs: tuple[str, ...]):
        self.lists = word_lists(extra_dirs)
        self.phrase = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LEMMA", "LOWER", "ORTH")}
        self.tokens = Matcher(nlp.vocab)
        lemmas = next((p for n, p in nlp.pipeline if isinstance(p, LemmaTable)), None)
        if lemmas is not None:  # words of the lists are known lemmas too: "unblocks" -> "unblock"
            lemmas.learn(t.lower() for wl in self.lists.values() for t in wl.terms if " " not in t)
        for wl in self.lists.values():
            attr = MATCH_ATTRS[wl.match]
            terms = list(dict.fromkeys(wl.terms))
            if attr != "ORTH":  # an abbreviation ("MET", "NMT") is matched as written: "met" is not "MET"
                abbreviations = [t for t in terms if is_abbreviation(t)]
                if abbreviations:
                    self.phrase["ORTH"].add(PREFIX + wl.id, [nlp.make_doc(t) for t in abbreviations])
                    terms = [t for t in terms if not is_abbreviation(t)]
            if terms:
                docs = [nlp.make_doc(t) for t in terms]
                if attr == "LEMMA":
                    docs = [self._lemmatize(nlp, d, lemmas) for d in docs]
                self.phrase[attr].add(PREFIX + wl.id, docs)
            if wl.patterns:
                try:
                    self.tokens.add(PREFIX + wl.id, wl.patterns)
                except (ValueError, TypeError) as exc:
                    raise KnowledgeError(f"{wl.origin}: list {wl.id!r}: bad token pattern: {exc}") from None
        self.active = [m for m in (*self.phrase.values(), self.tokens) if len(m)]
        self.at_start = {nlp.vocab.strings.add(PREFIX + wl.id) for wl in self.lists.values() if wl.at}

    @staticmethod
    def _lemmatize(nlp, doc: Doc, lemmas) -> Doc:
        if lemmas is not None:
            return lemmas(doc)
        for name, proc in nlp.pipeline:  # a trained pipeline: its own tagger and lemmatizer
            doc = proc(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        found: dict[int, list[tuple[int, int]]] = {}
        for matcher in self.active:
            for key, start, end in matcher(doc):
                if key in self.at_start and not doc[start].is_sent_start:
                    continue
                found.setdefault(key, []).append((start, end))
        strings = doc.vocab.strings
        atoms = []
        for key, spans in found.items():
            spans = sorted(set(spans))
            name = strings[key]
            doc.spans[name] = [Span(doc, s, e) for s, e in spans]
            label = name[len(PREFIX):]
            atoms += [(s, e, label) for s, e in spans]
        atoms.sort()
        doc.user_data[ATOMS] = atoms  # the same matches as plain tuples, for the rules (no Span objects)
        return doc


@Language.factory("healthlint_lexicon", default_config={"data_dirs": []})
def make_lexicon(nlp: Language, name: str, data_dirs: list[str]):
    """Every knowledge word list as span groups ``doc.spans["hl:<id>"]``."""
    return LexiconMatcher(nlp, tuple(data_dirs))


def spans(doc: Doc, label: str):
    """The matches of one list (empty when it matched nothing)."""
    key = PREFIX + label
    return doc.spans[key] if key in doc.spans else ()
