"""Build the one spaCy Language a process uses.

The default is ``spacy.blank("en")`` with block-aware sentence boundaries, a
sentencizer and a lookup lemmatizer from ``spacy-lookups-data``: everything
comes from pip, nothing is downloaded. ``--model`` names an installed trained
pipeline (package name or path) instead.
"""
from __future__ import annotations

import functools
import re

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

BULLETS = set("-*•·–—")


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


class ModelError(Exception):
    """A --model that cannot be loaded."""


@functools.lru_cache(maxsize=4)
def build(model: str | None = None) -> Language:
    """Build (once per process and model) the Language every rule runs over."""
    if model:
        try:
            nlp = spacy.load(model)
        except (OSError, IOError, ValueError, ImportError) as exc:
            raise ModelError(f"cannot load spaCy pipeline {model!r}: {str(exc).splitlines()[0]}") from None
        has_sentences = any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))
        if not has_sentences:
            nlp.add_pipe("sentencizer")
        if "parser" not in nlp.pipe_names:
            before = "senter" if "senter" in nlp.pipe_names else "sentencizer"
            nlp.add_pipe("healthlint_blocks", before=before)
        nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("healthlint_blocks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    nlp.max_length = 20_000_000
    return nlp
