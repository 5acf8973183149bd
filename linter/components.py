"""healthlint's spaCy pipeline components: sentences, lemmas and the lexicon's matchers.

Only this module (and ``linter/pipeline.py``, which builds the Language) imports spaCy, so
that the rules, the knowledge and a cached re-check can be loaded without it.

* ``healthlint_sentences``: sentence starts after final punctuation (as spaCy's sentencizer
  decides them) and at block boundaries (blank lines, a line break before a capital, a digit
  or a bullet), computed on arrays without a Token object per token;
* ``healthlint_blocks``: the block boundaries alone, before the sentence splitter of a trained
  pipeline (``--model``);
* ``healthlint_lemmas``: lower-cased lookup lemmas, with the data's corrections;
* ``healthlint_lexicon``: every list of the lexicon (``linter/lexicon.py``) as span groups and as
  plain tuples on the Doc.
"""
from __future__ import annotations

import functools
import re

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .knowledge import KnowledgeError
from .lexicon import ATOMS, MATCH_ATTRS, PREFIX, SUFFIXES, is_abbreviation, lemma_corrections, word_lists

BULLETS = set("-*•·–—")


class RunSafeTokenizer:
    """spaCy's tokenizer, linear on long runs without spaces.

    spaCy strips prefixes and suffixes one at a time, searching the rest of the run again each
    time: 16,000 '<' or '&' in a row took 35-47 s, and a few hundred KB of them would hold the run
    for hours. Texts without such runs (nearly all) go straight to spaCy; in the others each
    stretch of 32 or more punctuation characters, and each run of 100 or more non-space
    characters that is not a URL, is tokenized in pieces of ``PIECE`` characters: the worst case
    is then about 5 microseconds a character (spaCy's own pace on prose is about 0.5).
    """

    PIECE = 32
    RUN = re.compile(r"[^\w\s]{32,}|\S{100,}")

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if not self.RUN.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []

        def add(part: str) -> None:
            for token in self.tokenizer(part):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

        url = getattr(self.tokenizer, "url_match", None)
        done = 0
        for run in self.RUN.finditer(text):
            whole = url(run.group()) if url is not None else None
            if whole is not None and whole.end() == len(run.group()):
                continue  # a long URL stays one token (spaCy matches it at once)
            if run.start() > done:
                add(text[done:run.start()])
            for piece in range(run.start(), run.end(), self.PIECE):
                add(text[piece:min(piece + self.PIECE, run.end())])
            done = run.end()
        if done < len(text):
            add(text[done:])
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name):  # rules, cache, url_match ...: those of spaCy's tokenizer
        return getattr(self.tokenizer, name)


@Language.component("healthlint_blocks")
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line break that starts a new block.

    Headings, list items and paragraphs are separate sentences even without a
    full stop; a hard-wrapped line that continues a sentence is not.
    """
    starts = []
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        space = token.whitespace_ + (token.text if token.is_space else "")
        if "\n" not in space or nxt.is_space:
            continue
        if space.count("\n") >= 2:
            starts.append(i + 1)
        elif nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in BULLETS \
                or token.text in (".", "!", "?", ":") or token.is_space and i and doc[i - 1].text in (".", "!", "?", ":"):
            starts.append(i + 1)
    if starts:
        # one array write: setting Token.is_sent_start one by one rescans the Doc each time
        values = numpy.zeros((len(doc), 1), dtype="uint64")
        values[0, 0] = 1
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)
    return doc


@Language.component("healthlint_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts in one pass over arrays: after sentence-final punctuation (as spaCy's sentencizer
    decides them) and at block boundaries (as ``healthlint_blocks``), without a Token object per token."""
    n = len(doc)
    if n == 0:
        return doc
    arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE])
    orth, punct, space = arr[:, 0], arr[:, 1].astype(bool), arr[:, 2].astype(bool)
    final = numpy.isin(orth, _final_hashes(doc.vocab))
    starts = numpy.zeros(n, dtype=bool)
    starts[0] = True
    # after a final mark, the next token that is neither punctuation nor space opens a sentence
    words = numpy.flatnonzero(~(punct | final))  # a space token too, as spaCy's sentencizer does
    marks = numpy.flatnonzero(final)
    at = numpy.searchsorted(words, marks, side="right")
    starts[words[at[at < len(words)]]] = True
    strings = doc.vocab.strings
    for i in numpy.flatnonzero(space).tolist():
        text = strings[int(orth[i])]
        if "\n" not in text or i + 1 >= n or space[i + 1]:
            continue
        nxt = strings[int(orth[i + 1])]
        before = strings[int(orth[i - 1])] if i else ""
        if text.count("\n") >= 2 or nxt[:1].isupper() or nxt[:1].isdigit() or nxt in BULLETS \
                or before in (".", "!", "?", ":"):
            starts[i + 1] = True
    values = numpy.where(starts, 1, -1).astype("int32").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)
    return doc


@functools.lru_cache(maxsize=4)
def _final_hashes(vocab) -> numpy.ndarray:
    from spacy.pipeline.sentencizer import Sentencizer

    return numpy.array([vocab.strings.add(c) for c in Sentencizer.default_punct_chars], dtype="uint64")


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


@Language.factory("healthlint_lemmas", default_config={"data_dirs": []})
def make_lemmas(nlp: Language, name: str, data_dirs: list[str]):
    """Lower-cased lemmas for every token (replaces spaCy's lookup lemmatizer in the default pipeline)."""
    return LemmaTable(nlp.vocab, lemma_corrections(tuple(data_dirs)))


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
