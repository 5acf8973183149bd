"""Technique names (HL3xx): made-up and spinner-garbled massage and bodywork techniques.

Spun and careless articles invent techniques ("the Korvath twin-palm press",
"brunder therapy", "Marlowe Pelvic Unwinding"), give a real modality an invented
name ("the term for Thai massage is Xuryaparni") or garble real ones ("warm rock
massage"). Real modalities, however rare, are never flagged: they are listed in
``rules/data/techniques/`` with a source each. How a name is found is in
``rules/_technique_names.py``; what the family knows in ``rules/_technique_knowledge.py``.
Both rules read one analysis per document (``doc.memo``).
"""
from __future__ import annotations

import functools

from healthlint.document import Document
from healthlint.fixes import replace_words
from healthlint.lexicon import spans
from healthlint.rule import Rule

from ._technique_knowledge import Knowledge, knowledge
from ._technique_names import Name, Names

REFERENCE = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"
NAME_CUTOFF = 85   # rapidfuzz ratio from which a name is a misspelling of a real one ("Grastin technique")
WORD_CUTOFF = 84   # ... and a coined word a misspelling of a real name's rare word


@functools.lru_cache(maxsize=4)
def _lemma_words(nlp):
    """Is a lower-case word one English inflects (a key or a lemma of the lookup table)?"""
    from healthlint.components import LemmaTable  # spaCy: loaded with the pipeline, not with the rules

    table = next((p for _, p in nlp.pipeline if isinstance(p, LemmaTable)), None)
    if table is None:  # a trained pipeline: read the same lookup table
        from spacy.lookups import load_lookups

        lookup = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        lemmas = set(lookup.values())
    else:
        lookup, lemmas = table.table, table.known
    return lambda word: word in lemmas or word in lookup


class _TechniqueRule(Rule):
    """Shared set-up: the family's knowledge and the document's names, computed once."""

    category = "technique"
    reference = REFERENCE

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.extra_dirs = tuple(settings.data_dirs)
        self.allowed = tuple(settings.allowed_techniques)
        self.kb: Knowledge = knowledge(self.extra_dirs, self.allowed)
        self.lemma_known = _lemma_words(nlp)

    def names(self, doc: Document) -> Names:
        return doc.memo(("technique-names", self.extra_dirs, self.allowed),
                        lambda: Names(doc, self.kb, self.lemma_known))


def suggest(kb: Knowledge, name: str, coined) -> str | None:
    """The closest real technique, when one is close (a misspelling rather than an invention)."""
    from rapidfuzz import fuzz, process  # lazily: a cached re-check never needs it
    best = process.extractOne(name.lower(), kb.choices.keys(), scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
    if best:
        return kb.choices[best[0]]
    for word in coined:
        hit = process.extractOne(word.lower(), kb.rare.keys(), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
        if hit:
            return kb.rare[hit[0]]
    return None


class UnknownTechnique(_TechniqueRule):
    r"""Flags a massage or bodywork technique name that does not exist ("brunder therapy").

    Why: spun and careless articles invent techniques, dress a plain stroke up as a
    named method with an invented inventor, blend real styles into one no school
    teaches, or give a real modality a made-up native name; readers then ask a
    therapist for something no one is trained in. A name is flagged when a word in it
    is neither a known modality (rules/data/techniques/) nor ordinary English. Real
    rare modalities (tuina, lomilomi, Trager, Watsu, Ortho-Bionomy) are in the
    lexicon; add your clinic's own method to `allowed-techniques` in the config.

    Bad: A skilled massage therapist will finish with a technique called brunder therapy.
    Bad: For sciatica our massage therapists use the Korvath twin-palm press on the buttock muscles.
    Bad: After the race, try a massage with the Flexo-Tidal Unwinding of the calves.
    Bad: We finish every massage with the Zentrova spinal bloom, a rhythmic pressing pattern down the back.
    Bad: Our chiropractors use the Halvorsen Decompression Method to take pressure off the discs.
    Bad: The session ends with Marlowe Pelvic Unwinding, slow pressure on the hips.
    Bad: The therapist calls the finish Balinese-Swedish Lomi rolling therapy, with long strokes.
    Bad: The traditional term for Thai massage is Vorunapti, and the therapist uses the palms.
    Good: Lomi lomi and tuina are traditional forms of massage, and Watsu is done in warm water.
    Good: We start with a gentle technique and slow strokes, then a relaxing neck massage.
    Good: Some therapists use the Trager approach or Ortho-Bionomy for stiff shoulders.
    Good: Hellerwork, a series of eleven deep bodywork sessions, grew out of Rolfing structural integration.
    Good: Anneliese, a licensed massage therapist, finishes with the shoulder sweep, a long gliding stroke.
    Good: Thai massage is also called nuad boran, and the therapist uses the palms and feet.
    Use instead: the real name of the technique, or a plain description of what the therapist does.
    """

    code = "HL301"
    name = "unknown-technique"
    severity = "warning"

    def check(self, doc: Document):
        for found in self.names(doc).found:
            yield self._finding(doc, found)

    def _finding(self, doc: Document, found: Name):
        name = doc.text[found.start:found.end]
        if found.kind == "term":
            real = ", ".join(dict.fromkeys(found.real[:4]))
            return self.finding(doc, found.start, found.end,
                                f"'{name}' is not a name of {found.real[0]}; its names are {real}.",
                                suggestion=found.real[0])
        if found.kind == "blend":
            styles = ", ".join(found.coined)
            return self.finding(doc, found.start, found.end,
                                f"'{name}' joins real styles ({styles}) into a name no school teaches: "
                                "name the styles the therapist uses.",
                                suggestion="Name the real styles separately, e.g. 'a Swedish massage with "
                                           "lomilomi-style forearm strokes'.")
        suggestion = suggest(self.kb, name, found.coined)
        if suggestion:
            return self.finding(doc, found.start, found.end,
                                f"'{name}' is not a known massage or bodywork technique; did you mean {suggestion}?",
                                suggestion=suggestion, severity="info")
        return self.finding(doc, found.start, found.end,
                            f"'{name}' is not a known massage or bodywork technique: name a real one "
                            "or describe what the therapist does.",
                            suggestion="Use the technique's established name, or describe the strokes plainly; "
                                       "if it is your own method, add it to allowed-techniques.")


class GarbledTechnique(_TechniqueRule):
    r"""Flags a real technique's name garbled by a synonym spinner ("warm rock massage").

    Why: article spinners swap words for synonyms, so "hot stone massage" becomes
    "warm rock massage" and "sports massage" becomes "sporting activities massage";
    the reader can guess what is meant, but the text reads as machine-rewritten.
    The garbles and the names they stand for are listed in
    rules/data/techniques/garbles.yaml. The finding carries a safe fix: the real name.

    Bad: Warm rock massage is loved by lots of individuals.
    Bad: Sporting activities massage is a sort of massage created for athletes.
    Good: Hot stone massage is loved by many people, and sports massage suits athletes.
    Use instead: the technique's usual name.
    """

    code = "HL302"
    name = "garbled-technique"
    severity = "info"

    def check(self, doc: Document):
        sdoc = doc.spacy
        for span in spans(sdoc, "technique-garble"):
            entry = self.kb.garbles.get(" ".join(span.text.lower().split()))
            if entry is None:
                continue
            yield self.finding(doc, span.start_char, span.end_char,
                               f"'{span.text}' looks like a spinner's rewording of '{entry['means']}'.",
                               suggestion=entry["means"], reference=entry.get("source"),
                               fix=replace_words(doc, span.start_char, span.end_char, entry["means"]))
