"""Build the one spaCy Language a process uses.

The default is ``spacy.blank("en")`` with block-aware sentence boundaries, a
sentencizer, lower-cased lookup lemmas from ``spacy-lookups-data`` and the
knowledge lexicon (``linter/lexicon.py``), whose matches every rule reads from
the Doc: everything comes from pip, nothing is downloaded. ``--model`` names an
installed trained pipeline (package name or path) instead; the lexicon is added
to it.
"""
from __future__ import annotations

import functools

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
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


class ModelError(Exception):
    """A --model that cannot be loaded."""


@functools.lru_cache(maxsize=4)
def build(model: str | None = None, data_dirs: tuple[str, ...] = ()) -> Language:
    """Build (once per process, model and data folders) the Language every rule runs over."""
    from . import lexicon  # noqa: F401 - registers the healthlint_lemmas and healthlint_lexicon factories

    config = {"data_dirs": list(data_dirs)}
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
        if "lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("healthlint_lemmas", config=config)
        nlp.add_pipe("healthlint_lexicon", config=config)
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("healthlint_sentences")
    nlp.add_pipe("healthlint_lemmas", config=config)
    nlp.add_pipe("healthlint_lexicon", config=config)
    nlp.max_length = 20_000_000
    return nlp
