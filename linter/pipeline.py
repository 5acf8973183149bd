"""Build the one spaCy Language a process uses.

The default is ``spacy.blank("en")`` with block-aware sentence boundaries,
lower-cased lookup lemmas from ``spacy-lookups-data`` and the
knowledge lexicon (``linter/lexicon.py``), whose matches every rule reads from
the Doc: everything comes from pip, nothing is downloaded. ``--model`` names an
installed trained pipeline (package name or path) instead; the lexicon is added
to it.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a pipeline is built, not when this module is
    from spacy.language import Language

# a double quote glued between two letters ('called"Kabuki"', 'is"Xuryaparni,"'), as scraped pages
# lose the space before a quotation: split there, so the quoted word is a token of its own
GLUED_QUOTE = r'(?<=[A-Za-z])["\u201c\u201d](?=[A-Za-z])'


class ModelError(Exception):
    """A --model that cannot be loaded."""


def split_glued_quotes(nlp: "Language") -> None:
    """Add GLUED_QUOTE to the tokenizer's infixes (the default English ones, or the model's own)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + [GLUED_QUOTE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build(model: str | None = None, data_dirs: tuple[str, ...] = ()) -> "Language":
    """The Language every rule runs over: built once per process, model and data folders."""
    return _build(model or None, tuple(data_dirs))


@functools.lru_cache(maxsize=4)
def _build(model: str | None, data_dirs: tuple[str, ...]) -> "Language":
    import spacy

    from .components import RunSafeTokenizer  # also registers healthlint's pipeline components

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
        split_glued_quotes(nlp)
        nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
        nlp.add_pipe("healthlint_lexicon", config=config)
        return nlp
    nlp = spacy.blank("en")
    split_glued_quotes(nlp)
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    nlp.add_pipe("healthlint_sentences")
    nlp.add_pipe("healthlint_lemmas", config=config)
    nlp.add_pipe("healthlint_lexicon", config=config)
    nlp.max_length = 20_000_000
    return nlp
