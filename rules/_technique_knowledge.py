"""What the technique-name family (HL3xx) knows, read once per process from ``rules/data/techniques/``.

* the real techniques (``modalities``, ``methods``, ``strokes``, ``practices``): their names and
  aliases as normalised keys ("Lomi Lomi" == "lomilomi"), the words of those names (never taken
  for coinages) and the rare ones among them (to suggest the nearest real name);
* the garbles (``garbles.yaml``) by their matched text;
* the shape of ordinary words (``morphology.yaml``, ``kind: technique-morphology``).

The word lists (heads, breaks, places, brands ...) are lexicon lists (``lexicon.yaml``) that the
pipeline matches once per Doc; the family reads them as span groups (``_technique_names``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from healthlint.knowledge import documents, load

NORM = re.compile(r"[^a-z0-9]+")
SPLIT = re.compile(r"[\s/]+")
RARE_NAME_ZIPF = 3.0   # a word of a real name rarer than this identifies it ("tuina", "Graston")
NAME_PUNCT = ".,'’()"


def norm(text: str) -> str:
    """A name's key: lowercase letters and digits only ("Lomi Lomi" == "lomilomi")."""
    return NORM.sub("", text.lower())


def keys_of(text: str) -> set[str]:
    """The keys a name matches: itself, and without a plural -s ("Bowen techniques")."""
    key = norm(text)
    return {key, key[:-1]} if key.endswith("s") and len(key) > 4 else {key}


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common a lower-case word is in English (wordfreq's Zipf scale: 10**(z-3) per million words)."""
    from wordfreq import zipf_frequency  # lazily: its word lists take 0.1 s to load
    return zipf_frequency(word, "en")


@dataclass
class Morphology:
    adjective: tuple[str, ...] = ()
    latinate: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    combining: frozenset[str] = frozenset()
    noun_endings: tuple[str, ...] = ()


@dataclass
class Knowledge:
    techniques: list[dict] = field(default_factory=list)
    garbles: dict[str, dict] = field(default_factory=dict)     # lower-case garble -> entry
    keys: dict[str, str] = field(default_factory=dict)         # normalised name or alias -> display name
    words: set[str] = field(default_factory=set)               # words of real names: never coinages
    rare: dict[str, str] = field(default_factory=dict)         # an uncommon word of a real name -> display name
    choices: dict[str, str] = field(default_factory=dict)      # lower-case name or alias -> display name
    names_of: dict[str, list[str]] = field(default_factory=dict)  # normalised name -> all names of its technique
    morphology: Morphology = field(default_factory=Morphology)


def _endings(values) -> tuple[str, ...]:
    # longest first, so that "ation" is tried before "ion"
    return tuple(sorted({str(v).lower() for v in values or ()}, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def knowledge(extra_dirs: tuple[str, ...] = (), allowed: tuple[str, ...] = ()) -> Knowledge:
    """Built once per process (per data folders and allowed names)."""
    kb = Knowledge()
    # every file under techniques/, packaged and the publisher's (an entry with a built-in id replaces it)
    for entry in load("techniques", extra_dirs):
        if isinstance(entry, dict) and entry.get("name"):
            kb.techniques.append(entry)
        elif isinstance(entry, dict) and entry.get("garble"):
            kb.garbles[" ".join(str(entry["garble"]).lower().split())] = entry
    for entry in kb.techniques:
        names = [str(n) for n in [entry["name"], *(entry.get("aliases") or [])]]
        for name in names:
            for key in keys_of(name):
                kb.keys.setdefault(key, entry["name"])
                kb.names_of.setdefault(key, names)
            if len(name) > 4 and not name.isupper():
                kb.choices.setdefault(name.lower(), entry["name"])
            for word in SPLIT.split(name.lower()):
                word = word.strip(NAME_PUNCT)
                kb.words |= {word, *word.split("-")}
                if len(word) > 3 and zipf(word) < RARE_NAME_ZIPF:
                    kb.rare.setdefault(word, entry["name"])
    for name in allowed:
        for key in keys_of(name):
            kb.keys[key] = name
        for word in SPLIT.split(name.lower()):
            kb.words |= {word, *word.split("-")}
    kb.words.discard("")
    for _path, data in documents("technique-morphology", extra_dirs):
        m = kb.morphology
        kb.morphology = Morphology(
            _endings([*m.adjective, *(data.get("adjective-endings") or ())]),
            _endings([*m.latinate, *(data.get("latinate-endings") or ())]),
            _endings([*m.prefixes, *(data.get("prefixes") or ())]),
            m.combining | {str(v).lower() for v in data.get("combining-forms") or ()},
            _endings([*m.noun_endings, *(data.get("noun-endings") or ())]))
    return kb
