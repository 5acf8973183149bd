"""Misstatements about a known term anywhere in a sentence (HL201, the "mention" shapes).

A definition is not always "X is ...". Real pages say "lactic acid buildup can result in
cramps", "cerebrospinal fluid ... acts as a conductor of electricity", "it is a degenerative
disease" (the paragraph's topic), "rheumatoid arthritis (also known as rheumatism)", "the discs
slip out of position". Each term may list ``misstatements`` in its entry::

    misstatements:
      - relation: effect        # effect | identity | origin | locate | synonym | state
        words: [cramp, soreness]  # lemma phrases (any inflection), plain words, no regex
        correction: Lactate does not cause cramps or next-day soreness ...
        source: https://...     # optional: the page that states the correction (else the term's)

A finding needs, in one sentence: a mention of the term (its names, or a sentence-opening
anaphor "It", "This condition" that stands for the paragraph's topic term), one of the
misstatement's phrases, and between them a cue of the relation (the lists ``def-effect``,
``def-identity``, ``def-origin``, ``def-locate``, ``def-synonym``, ``def-equate`` under
``definition_cues`` in ``rules/data/shared/cues.yaml``, matched on lemmas, and only in a document
that holds a misstatement phrase: they are common words, kept off the lexicon every Doc carries). A ``state`` misstatement ("slip out of
place") is a claim by itself and needs only to be near the mention. The one context judge
excuses negated, hedged, debunked, reported and quoted sentences; a negation inside the
phrase itself ("not in the proper position") is part of the claim, not a negation of it.

Matching is on spaCy tokens: the term names through the HL2xx PhraseMatcher (lower case),
the phrases through a PhraseMatcher on lemmas built once per pipeline; results are memoised
on the Document.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from healthlint.document import Document
from healthlint.judge import judge_of
from healthlint.knowledge import documents
from healthlint.structure import structure_of

RELATIONS = ("effect", "identity", "origin", "locate", "synonym", "equate", "state")  # not vocabulary: relation kinds of the data
CUE_LIST = "def-{}"           # the lexicon list of a relation's cue words
ANAPHOR_LIST = "def-anaphor"  # sentence-opening words that stand for the topic term
OPENER_TOKENS = 3             # a term within the first tokens of a sentence opens it
REACH = 20                    # tokens between the mention and the phrase
STATE_REACH = 10              # ... for a state after the mention
STATE_BEFORE = 3              # ... for a state before it ("subluxation of the disks")
SYNONYM_REACH = 6             # ... for "also known as"
EQUATE_REACH = 3              # ... for "scar tissue or knots", either side
NEGATION_WINDOW = 8           # tokens before the relation that a negation or a hedge reaches
CONTINUED = frozenset(".!?:")  # a sentence that ends without one of these goes on after a blank line


@dataclass(frozen=True)
class Misstatement:
    term: str
    relation: str
    correction: str
    source: str | None


@dataclass(frozen=True)
class Mention:
    term: str
    start: int  # tokens
    end: int
    anaphor: bool = False


class MisstatementDataError(ValueError):
    """A misstatement entry that cannot be used; the message names its term."""


def misstatements_of(entries: list) -> list[tuple[str, str, list[str], str, str | None]]:
    """``(term id, relation, phrases, correction, source)`` for every misstatement of the term entries."""
    out = []
    for e in entries:
        if not isinstance(e, dict) or not e.get("misstatements"):
            continue
        for item in e["misstatements"]:
            relation = item.get("relation", "state")
            words = item.get("words") or []
            if relation not in RELATIONS or not words or not item.get("correction"):
                raise MisstatementDataError(f"term {e.get('id')!r}: a misstatement needs a relation of {RELATIONS}, "
                                            "words and a correction")
            out.append((e["id"], relation, [str(w) for w in words], " ".join(str(item["correction"]).split()),
                        item.get("source")))
    return out


@functools.lru_cache(maxsize=8)
def phrase_matcher(nlp, extra_dirs: tuple[str, ...]):
    """One PhraseMatcher on lemmas for every misstatement phrase; match ids index ``table``."""
    from spacy.matcher import PhraseMatcher

    from healthlint.knowledge import load

    entries = load("terms", extra_dirs)
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    table: dict[str, Misstatement] = {}
    for n, (term, relation, words, correction, source) in enumerate(misstatements_of(entries)):
        key = f"hl-def-{n}"
        table[key] = Misstatement(term, relation, correction, source)
        matcher.add(key, [_lemmatized(nlp, w) for w in words])
    # short names a page uses for a term once it is the topic ("the discs", "knots"): too loose for the
    # "X is ..." definitions, enough for a mention next to a misstatement
    loose = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for e in entries:
        if isinstance(e, dict) and e.get("mentions") and e.get("misstatements"):
            loose.add(e["id"], [_lemmatized(nlp, str(w)) for w in e["mentions"]])
    return matcher, table, loose


@functools.lru_cache(maxsize=8)
def definition_cues(extra_dirs: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The ``definition_cues`` lists of the lexicon files (shared/cues.yaml, and a publisher's), by id."""
    out: dict[str, list[str]] = {}
    for _path, data in documents("lexicon", extra_dirs):
        for item in data.get("definition_cues") or []:
            out.setdefault(item["id"], []).extend(str(t) for t in item.get("terms") or [])
    return out


@functools.lru_cache(maxsize=8)
def cue_matcher(nlp, extra_dirs: tuple[str, ...]):
    """One PhraseMatcher on lemmas for the relation cues and the anaphors (match ids are the list ids)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for list_id, terms in definition_cues(extra_dirs).items():
        matcher.add(list_id, [_lemmatized(nlp, t) for t in terms])
    return matcher


def _lemmatized(nlp, phrase: str):
    """The phrase as the pipeline reads it (tokens with lemmas), for a LEMMA PhraseMatcher."""
    doc = nlp.make_doc(phrase)
    for name, proc in nlp.pipeline:
        if name in ("healthlint_lemmas", "lemmatizer", "tagger", "attribute_ruler"):
            doc = proc(doc)
    return doc


def topics(doc: Document, mentions_by_sent: dict[int, list[Mention]]) -> dict[int, str]:
    """The topic term of each sentence: the term that last opened a sentence of its paragraph (or the title's)."""
    st = structure_of(doc)
    out: dict[int, str] = {}
    title_topic = None
    current, para = None, None
    for sent in st.sentences:
        if sent.para_start != para:
            para, current = sent.para_start, None
        out[sent.index] = current or title_topic
        openers = [m for m in mentions_by_sent.get(sent.index, ()) if not m.anaphor
                   and m.start - sent.tok_start <= OPENER_TOKENS]
        if openers:
            current = openers[0].term
            if sent.heading and sent.index == 0:
                title_topic = current
    return out


def findings(doc: Document, nlp, extra_dirs: tuple[str, ...], term_matcher) -> list[tuple[int, int, Misstatement]]:
    """``(start char, end char, misstatement)`` for every misstatement the document asserts (memoised)."""
    return doc.memo(("definitions.mentions", tuple(extra_dirs)),
                    lambda: _findings(doc, nlp, tuple(extra_dirs), term_matcher))


def _findings(doc: Document, nlp, extra_dirs: tuple[str, ...], term_matcher) -> list[tuple[int, int, Misstatement]]:
    matcher, table, loose = phrase_matcher(nlp, extra_dirs)
    sdoc = doc.spacy
    if sdoc is None or not table:
        return []
    phrases = [(table[sdoc.vocab.strings[m]], s, e) for m, s, e in matcher(sdoc)]
    if not phrases:
        return []
    st, judge = structure_of(doc), judge_of(doc, extra_dirs)
    names, _terms = term_matcher
    wanted = {p.term for p, _, _ in phrases}
    mentions: dict[int, list[Mention]] = {}
    for m, s, e in list(names(sdoc)) + list(loose(sdoc)):
        sent = st.sentence_of_token(s)
        term = sdoc.vocab.strings[m]
        if _numbered(sdoc, e):
            term += "#member"  # "interleukin 10", "interleukin-6": one member of the family, not the family
        if sent is not None:
            mentions.setdefault(sent.index, []).append(Mention(term, s, e))
    for ms in mentions.values():
        ms.sort(key=lambda x: (x.start, -x.end))
    topic = topics(doc, mentions)
    found: dict[str, list[tuple[int, int]]] = {}
    for key, a, b in cue_matcher(nlp, extra_dirs)(sdoc):
        found.setdefault(sdoc.vocab.strings[key], []).append((a, b))
    for a, b in found.get(ANAPHOR_LIST, ()):
        sent = st.sentence_of_token(a)
        if sent is not None and a == sent.tok_start and topic.get(sent.index) in wanted:
            mentions.setdefault(sent.index, []).append(Mention(topic[sent.index], a, b, True))
    cues = {r: found.get(CUE_LIST.format(r), []) for r in RELATIONS}
    relatives = frozenset(definition_cues(extra_dirs).get("def-relative", ()))
    out, said = [], set()
    for p, s, e in sorted(phrases, key=lambda x: x[1]):
        sent = st.sentence_of_token(s)
        if sent is None:
            continue
        # a negation inside the phrase ("not in the proper position", "are not in ...") is part of the claim
        if (p, sent.para_start) in said:
            continue  # one finding per misstatement and paragraph: the page repeats itself
        own = frozenset(range(s, e)) | {a.start for a in st.atoms_in(max(0, s - 3), e) if a.label == "negation"
                                        and a.end > s}
        group = list(mentions.get(sent.index, ()))
        prev = st.neighbour(sent, -1)
        if prev is not None and _continues(st, prev, sent):
            group += mentions.get(prev.index, ())  # a sentence a scraped page broke over a blank line
        for m in group:
            if m.term != p.term or not _related(p.relation, m, s, e, cues, st.words):
                continue
            if _other_subject(p.relation, m, s, e, group, cues, st.lower, relatives):
                continue  # another term is the subject of the relation: the phrase is about that one
            first = sent if m.start >= sent.tok_start else st.sentence_of_token(m.start)
            if _excused(judge, st, first, sent, m, s, e, own):
                continue
            out.append((*st.char_span(min(m.start, s), max(m.end, e)), p))
            said.add((p, sent.para_start))
            break
    return out


def _other_subject(relation: str, m: Mention, s: int, e: int, group: list[Mention], cues: dict,
                   words: list[str], relatives: frozenset = frozenset()) -> bool:
    """The phrase is about something else: another term stands between the mention and the phrase with a cue of
    its own before the phrase ("..., unlike migraines, which are throbbing"), or a semicolon parts them."""
    lo, hi = min(m.end, e), max(m.start, s)
    if ";" in words[lo:hi]:
        return True
    if relation == "state":  # no cue to tell whose state it is: any other term between them may be its subject
        return any(o.term != m.term and not o.anaphor and lo <= o.start and o.end <= hi for o in group)
    own = sorted(a for a, b in cues.get(relation, ()) if lo <= a and b <= hi)
    glue = set(relatives) | {","}

    def subject(o: Mention) -> bool:  # "migraines are", "osteoarthritis, which is": the cue is the other term's
        if m.end <= o.start and relatives & set(words[max(m.end, o.start - 2):o.start]):
            return False  # "X, which the brain makes from Y": the relative clause still speaks of X
        if o.end == s:
            return True
        cue = next((a for a in own if a >= o.end), None)
        return cue is not None and all(w in glue for w in words[o.end:cue])
    return any(o.term != m.term and not o.anaphor and lo <= o.start and o.end <= hi and subject(o) for o in group)


def _numbered(sdoc, end: int) -> bool:
    """The mention is followed by a number ("interleukin 10", "interleukin-6")."""
    nxt = sdoc[end] if end < len(sdoc) else None
    if nxt is not None and nxt.text == "-" and end + 1 < len(sdoc):
        nxt = sdoc[end + 1]
    return nxt is not None and nxt.like_num


def _continues(st, prev, sent) -> bool:
    """``sent`` goes on from ``prev``: no end mark before it, and it starts in lower case."""
    text = st.prose[prev.start:prev.end].rstrip()
    return bool(text) and text[-1] not in CONTINUED and st.prose[sent.start:sent.start + 1].islower()


def _related(relation: str, m: Mention, s: int, e: int, cues: dict, words: list[str]) -> bool:
    """The phrase stands in the relation to the mention: a cue between them, close enough."""
    if relation == "equate":  # "scar tissue or knots", not the last items of a list ("spasms, knots, or scar tissue")
        lo, hi = (m.end, s) if m.end <= s else (e, m.start)
        return 0 < hi - lo <= EQUATE_REACH and any(lo <= a and b <= hi for a, b in cues["equate"]) \
            and "," not in words[max(0, lo - 1):hi]
    if relation == "state":  # "the discs ... to dislocate", or right before it: "subluxation of the disks"
        return 0 <= s - m.end <= STATE_REACH or 0 <= m.start - e <= STATE_BEFORE
    reach = SYNONYM_REACH if relation == "synonym" else REACH
    if not (m.end <= s and s - m.end <= reach):
        return False
    return any(m.end <= a and b <= s for a, b in cues[relation]) or (relation == "identity" and m.anaphor
                                                                     and any(m.end <= a < s for a, _ in cues["identity"]))


def _excused(judge, st, first, sent, m: Mention, s: int, e: int, own: frozenset) -> bool:
    """Negated, hedged, debunked, reported or quoted: the author does not assert it."""
    lo, hi = min(m.end, s), max(m.start, e)
    for sn in {first, sent}:
        if judge.debunked(sn, m.start, e) or judge.quoted(sn, s):
            return True
        # reported speech, unless the only attribution is the relation itself ("are described as")
        if judge.reported(sn) and not all(lo <= a.start and a.end <= hi for a in st.atoms_in(sn.tok_start, sn.tok_end)
                                          if a.label == "attribution"):
            return True
    lo = max(sent.tok_start, lo)
    # a negation or a hedge in the clause of the phrase (or of the relation), a few tokens before it ("does not
    # cause", "may lead to"); the judge's NegEx window, without its reach back over list items
    ca, _ = st.clause_tokens(sent, s, e)
    if m.end <= s:
        ca = min(ca, st.clause_tokens(sent, lo, lo + 1)[0] if lo < s else ca)
    pseudo = [(a.start, a.end) for a in st.atoms_in(max(sent.tok_start, ca - 1), e) if a.label == "pseudo-negation"]
    for a in st.atoms_in(max(sent.tok_start, ca, min(lo, s) - NEGATION_WINDOW), e):
        if a.start in own or any(p <= a.start < q for p, q in pseudo):
            continue
        if a.label == "negation" or (a.label == "hedge" and a.end <= s):
            return True
    return "hedge-sentence" in st.labels_in(sent)
