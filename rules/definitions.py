"""Inaccurate definitions of medical terms (HL2xx).

Articles define conditions, anatomy and mechanisms ("Sciatica is ...", "the
sacrum, which is ...", "This occurs when ..."). The terms, their correct
definitions, sources and the facts a description must not contradict live in
``rules/data/terms/*.yaml``; this module only finds definitional statements and
compares them with that data, so adding a term is a data edit.

How a statement is read (no parser is available, so it is pattern based):
a known term (PhraseMatcher on lower-case names and plurals) followed by a
*frame* ("is/are", "refers to", "is a term used to describe", "occurs when",
"is caused by", "is located", ", which is", ", a/the ...") gives a
*description*: the rest of the clause. Its *head* is the part before the first
relative word or punctuation, its *genus* the head before the first
locative preposition ("a pinched nerve | in the lower back"). Each ``is_not``
fact of the term names the region it applies to, so "layer of muscle" is a
claim about what fascia is made of, while "around the muscles" is not.
A sentence that starts with an anaphor ("This condition ...", "This occurs
when ...") describes the term that opened the previous sentence.
Negated, contrasted, quoted or debunked statements are skipped.

Beyond the per-term ``is_not`` patterns, each term has a ``profile`` of structured facts
(class, tissue, system, region, cause) drawn from the controlled vocabularies in
``rules/data/terms/vocabulary.yaml``. A description that asserts a value of the same fact type
in a defining position (``FACT_SCOPES``) that is incompatible with all the term's values
(not equal, not broader or narrower, not related) is a contradiction, whatever its wording.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from healthlint import regexes
from healthlint.document import Document
from healthlint.knowledge import load
from healthlint.rule import Rule
from healthlint.structure import structure_of

from . import _definitions_frames as frames
from . import _definitions_words as words
from ._definitions_words import CONCEPT_REF, TermDataError, expand  # noqa: F401 (part of this module's API)
from . import definitions_mentions as mentions

KINDS = ("condition", "anatomy", "mechanism")  # not vocabulary: the kinds of term entries


class Built:
    """A regex whose word groups are data: ``<list>`` in the template is the alternation of that
    ``definition_cues`` list (shared/cues.yaml; a word ending in ``*`` takes any ending), compiled on first use."""

    def __init__(self, template: str, flags: int = re.I):
        self.template, self.flags, self._regex, self._pattern = template, flags, None, None

    def pattern(self) -> str:
        if self._pattern is None:
            self._pattern = self._build()
        return self._pattern

    def _build(self) -> str:
        lists = mentions.definition_cues()

        def alternation(m):
            terms = sorted(lists[m.group(1)], key=len, reverse=True)
            return "|".join(re.escape(t[:-1]) + r"\w*" if t.endswith("*") else re.escape(t).replace(r"\ ", r"\s+")
                            for t in terms)
        return re.sub(r"<([a-z-]+)>", alternation, self.template)

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = regexes.compile(self.pattern(), self.flags, origin="shared/cues.yaml:definition_cues")
        return self._regex

    def search(self, *args):
        return self.regex.search(*args)

    def match(self, *args):
        return self.regex.match(*args)

    def finditer(self, *args):
        return self.regex.finditer(*args)

    def sub(self, *args):
        return self.regex.sub(*args)


# "the same as", "another name for", "also called": a confusion with another term
SAME_AS = Built(r"(?:(?:the\s+)?same\s+(?:\w+\s+){0,2}as|another\s+(?:\w+\s+)?(?:<def-term-noun>)\s+for|"
                r"(?:<def-also>)\s+(?:called|known\s+as)|<def-same-as>)\s+(?:an?\s+|the\s+)?")
# "What is sciatica?" (a heading or a sentence): the next sentence defines the term, even after a blank line.
QUESTION = re.compile(r"^\W*(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?P<rest>.*?)\s*\?\s*$", re.I | re.S)
SUBJECT_LEAD = re.compile(r"^\W*(?:(?:the|an?|your|our)\s+)?$", re.I)
# Where a description ends, where its head ends, where its genus ends.
NP_END = re.compile(r"[,;:()]|\s[-–—]\s|—")
HEAD_END = Built(r"\b(?:<def-head-end>|and\s+(?:<def-head-end-after-and>))\b|[;:()]|\s[-–—]\s|—|,")
GENUS_END = Built(r"\b(?:<def-genus-end>)\b", re.I)
# HL202 reports a definition only when it says something about the body that could be checked.
SUBSTANCE = Built(r"\b(?:<def-substance>)\b")
CONTRAST = Built(r"[;]|,?\s+(?:<def-contrast>)\b|\s[-–—]\s")
# A cue right before a match that turns it around: "not", "rather than", "unlike" ...
NEGATION = Built(r"\b(?:<def-negation>)\b|(?<!ca)n't\b")
# A sentence that reports or debunks a belief rather than stating it.
DEBUNK = Built(r"\b(?:<def-debunk>|(?:<def-believer>)\s+(?:often\s+|still\s+)?(?:<def-belief-verb>)|"
               r"(?:<def-belief-adverb>)\s+(?:been\s+)?(?:thought|believed)|"
               r"(?:used\s+to\s+be|was\s+once|w(?:as|ere)|ha(?:s|ve)\s+been)\s+(?:thought|believed)|"
               r"(?:<def-old-adjective>)\s+(?:<def-idea-noun>)|(?:<def-idea-noun>)\s+that)\b")
# "When/if/because the X is ..." puts the term in a subordinate clause: not a definition.
SUBORDINATE = Built(r"\b(?:<def-subordinator>)\b")
# A term right after a preposition ("injury to his spinal cord is ...") is not the subject.
OBJECT_OF = Built(r"\b(?:<def-preposition>)\s+(?:(?:<def-determiner>)\s+)?$")
LIST_TAIL = re.compile(r"\s*,\s*(?:[^,.;:]{1,50},\s*)*(?:and|or|and/or)\s", re.I)
LIST_ITEM_BEFORE = re.compile(r",\s*(?:[\w'’-]+\s+)?$")  # "in connective tissue, the skin, the fluid ...": a list item
# "relaxes the trapezius, the glutes and the calves": an "apposition" that coordinates noun phrases is a list
LIST_APPOSITION = Built(r"(?:<def-list-determiner>)\s++[\w'’-]++(?:\s++[\w'’-]++)?(?:\s*+,)?\s++(?:and|or)\s++"
                        r"(?:<def-list-determiner>)\s")  # possessive: no backtracking over runs of spaces
CLAUSE_START = re.compile(r"[,;:(]|\s[-–—]\s")
CLAUSE_PUNCT = re.compile(r"[,;:]")
GENUS_WORDS = 8  # a genus is a short noun phrase: "a pinched nerve", "the thin layer of muscle"
QUOTES = re.compile(r"[\"“”«»]")
WORD = re.compile(r"\w+")


@dataclass
class Check:
    """One fact a description must not contradict (or one known misconception)."""

    aspect: str
    regex: re.Pattern
    where: str
    correction: str
    source: str | None = None
    frames: tuple[str, ...] = ()


@dataclass
class Term:
    id: str
    kind: str
    names: list[str]
    definition: str
    source: str
    key: re.Pattern | None
    checks: list[Check] = field(default_factory=list)
    profile: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fact type -> vocabulary values
    profile_source: str | None = None
    cause_text: str | None = None  # the prose cause fact, quoted when a wrong cause is found
    vocabs: dict | None = field(default=None, repr=False)  # the vocabularies its profile uses

    @property
    def label(self) -> str:
        return self.names[0]


def compile_pattern(item, concepts: dict[str, tuple[list[str], str | None]], origin: str = "terms/*.yaml:facts"):
    """An item's pattern: its ``words`` (lemma phrases) and its ``pattern`` (a regex), see rules/_definitions_words.py."""
    if isinstance(item, str):
        item = {"pattern": item}
    return words.build(item, concepts, origin)


def concept_table(entries: list) -> dict[str, tuple[list[str], str | None]]:
    """The concepts (kind "concept"): name -> (words, regex or None)."""
    return {e["id"].removeprefix("concept-"): ([str(w) for w in e.get("words") or []], e.get("pattern"))
            for e in entries if isinstance(e, dict) and e.get("kind") == "concept"}


def names_regex(names: list[str]) -> str:
    parts = sorted({re.escape(n).replace(r"\ ", r"[\s-]+") for n in names}, key=len, reverse=True)
    return r"\b(?:" + "|".join(parts) + r")(?:e?s)?\b"


@dataclass
class Value:
    """One value of a controlled vocabulary (vocabulary.yaml): how a description asserts it."""

    name: str
    label: str
    regex: re.Pattern
    broader: frozenset[str]  # every value that contains this one (transitively)
    related: frozenset[str]
    kinds: tuple[str, ...]


@dataclass
class Vocabulary:
    fact: str     # class | tissue | system | region | cause
    aspect: str   # the aspect a finding reports (category, tissue, system, location, cause)
    values: dict[str, Value]

    def compatible(self, asserted: str, kind: str, allowed: tuple[str, ...]) -> bool:
        """Is the asserted value one of the term's, broader or narrower than one, related, or fit for its kind?"""
        a = self.values[asserted]
        if kind in a.kinds:
            return True
        for name in allowed:
            t = self.values.get(name)
            if name == asserted or name in a.broader or name in a.related or \
                    (t is not None and (asserted in t.broader or asserted in t.related)):
                return True
        return False


def _key(key, concepts):
    """A term's key: plain words and phrases matched on lemmas (an item with a backslash is a legacy regex)."""
    if not key:
        return None
    if isinstance(key, str):
        key = [key]
    plain = [str(k) for k in key if "\\" not in str(k)]
    legacy = [str(k) for k in key if "\\" in str(k)]
    return compile_pattern({"words": plain, "pattern": "|".join(f"(?:{k})" for k in legacy) or None}, concepts,
                           "terms/*.yaml:key")


def build_vocabularies(entries: list, concepts: dict) -> dict[str, Vocabulary]:
    """The controlled vocabularies (entries of kind "vocabulary"), with containment closed transitively."""
    vocabs = {}
    for e in entries:
        if not (isinstance(e, dict) and e.get("kind") == "vocabulary"):
            continue
        raw = e.get("values") or {}
        try:
            def closure(name, seen=()):
                out = set()
                for parent in raw[name].get("within") or ():
                    if parent not in raw:
                        raise TermDataError(f"unknown value {parent!r} in 'within' of {name!r}")
                    if parent not in seen:
                        out |= {parent} | closure(parent, seen + (name,))
                return out
            values = {name: Value(name, v.get("label", name), compile_pattern(v, concepts, "terms/vocabulary.yaml"),
                                  frozenset(closure(name)), frozenset(v.get("related") or ()),
                                  tuple(v.get("kinds") or ()))
                      for name, v in raw.items()}
        except (KeyError, re.error, TermDataError) as exc:
            raise TermDataError(f"vocabulary {e.get('id')!r}: {exc}") from None
        vocabs[e["fact"]] = Vocabulary(e["fact"], e.get("aspect", e["fact"]), values)
    return vocabs


def _inherited_checks(entries: list) -> dict[tuple[str, str], list[dict]]:
    """``is_not`` items a vocabulary value gives every term that has it ("no muscle lies inside a joint")."""
    out: dict[tuple[str, str], list[dict]] = {}
    for e in entries:
        if isinstance(e, dict) and e.get("kind") == "vocabulary":
            for name, value in (e.get("values") or {}).items():
                if isinstance(value, dict) and value.get("is_not"):
                    out[(e["fact"], name)] = list(value["is_not"])
    return out


def build_terms(entries: list) -> list[Term]:
    """Terms from the knowledge entries: concept macros expanded, confusions turned into checks."""
    concepts = concept_table(entries)
    vocabs = build_vocabularies(entries, concepts)
    raw = [e for e in entries if isinstance(e, dict) and e.get("kind") in KINDS]
    inherited = _inherited_checks(entries)
    names_of = {e["id"]: list(e["names"]) + list(e.get("aliases") or []) for e in raw}
    terms = []
    for e in raw:
        try:
            checks = []
            for item in (e.get("facts") or {}).get("is_not") or []:
                checks.append(Check(item.get("aspect", "fact"), compile_pattern(item, concepts),
                                    item.get("where", "head"), item["correction"], item.get("source"),
                                    tuple(item.get("frames") or ())))
            for item in e.get("misconceptions") or []:
                checks.append(Check("misconception", compile_pattern(item, concepts),
                                    item.get("where", "any"), item["correction"], item.get("source"),
                                    tuple(item.get("frames") or ())))
            for item in e.get("confused_with") or []:
                other = names_regex(names_of[item["term"]])
                same = SAME_AS.pattern()
                checks.append(Check("confused", regexes.compile(other, re.I, origin="terms/*.yaml:confused_with"), "genus", item["correction"],
                                    item.get("source")))
                checks.append(Check("confused", regexes.compile(same + other, re.I, origin="terms/*.yaml:confused_with"), "any", item["correction"],
                                    item.get("source")))
            key = _key(e.get("key"), concepts)
            profile = {}
            for fact, values in (e.get("profile") or {}).items():
                if fact == "source":
                    continue
                if fact not in vocabs:
                    raise TermDataError(f"unknown fact type {fact!r} in profile")
                values = tuple([values] if isinstance(values, str) else values)
                unknown = [v for v in values if v not in vocabs[fact].values]
                if unknown:
                    raise TermDataError(f"unknown {fact} value(s) {unknown} in profile")
                profile[fact] = values
                for value in values:
                    for item in inherited.get((fact, value), []):
                        if e["kind"] in item.get("kinds", KINDS):
                            checks.append(Check(item.get("aspect", "fact"), compile_pattern(item, concepts),
                                                item.get("where", "head"), item["correction"], item.get("source"),
                                                tuple(item.get("frames") or ())))
        except (KeyError, re.error, TermDataError) as exc:
            raise TermDataError(f"term {e.get('id')!r}: {exc}") from None
        cause_text = (e.get("facts") or {}).get("cause")
        terms.append(Term(e["id"], e["kind"], names_of[e["id"]], " ".join(str(e["definition"]).split()),
                          e["source"], key, checks, profile, (e.get("profile") or {}).get("source"),
                          str(cause_text) if cause_text else None, vocabs))
    return terms



@functools.lru_cache(maxsize=8)
def knowledge(extra_dirs: tuple[str, ...]) -> list[Term]:
    return build_terms(load("terms", extra_dirs))


@functools.lru_cache(maxsize=8)
def _matcher(nlp, extra_dirs: tuple[str, ...]):
    """A PhraseMatcher (lower case) on every term's names and plurals, and the terms by id."""
    from spacy.matcher import PhraseMatcher  # spaCy is imported when a rule is built, not with this module

    terms = knowledge(extra_dirs)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key = {}
    for term in terms:
        forms = set()
        for name in term.names:
            forms.add(name.lower())
            if not name.lower().endswith("s") and name.isascii() and not name.isupper():
                forms.add(name.lower() + ("es" if name.lower().endswith(("x", "ch", "sh")) else "s"))
        forms |= _bracketed(term.names)
        matcher.add(term.id, [nlp.make_doc(f) for f in sorted(forms)])
        by_key[term.id] = term
    return matcher, by_key


ABBREVIATED = re.compile(r"^(?P<abbr>[A-Z]{2,5})\s+(?P<tail>.+)$")


def _bracketed(names: list[str]) -> set[str]:
    """"The iliotibial (IT) band": a name with its abbreviation in brackets, from "iliotibial band" + "IT band"."""
    forms = set()
    for short in names:
        m = ABBREVIATED.match(short)
        if not m:
            continue
        tail = " " + m.group("tail").lower()
        for name in names:
            low = name.lower()
            if low.endswith(tail) and low != short.lower() and len(low) > len(tail):
                forms.add(f"{low[:-len(tail)]} ({m.group('abbr').lower()}){tail}")
    return forms


@dataclass
class Statement:
    """A description of a known term: where it is, what frame introduced it, and its text regions."""

    term: Term
    start: int        # raw offset where the finding starts (the term or the anaphor)
    desc_start: int   # raw offset of the description
    desc_end: int
    frame: str
    sentence: str     # the sentence text
    sent_start: int
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # contradictions, found once


@functools.lru_cache(maxsize=1)
def _shape_regexes() -> tuple[re.Pattern, re.Pattern]:
    """Two shapes built from the word lists of shared/cues.yaml: a state lead ("tight and ...") and a measure
    before a site ("the width of your thumb")."""
    lists = mentions.definition_cues()

    def alternation(list_id):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lists[list_id], key=len, reverse=True))

    state = regexes.compile(rf"^\W*(?:{alternation('def-state')})\b\s*(?:,|\band\b|\bor\b|$)", re.I,
                            origin="shared/cues.yaml:def-state")
    measure = regexes.compile(rf"\b(?:{alternation('def-measure')})\s+of\s+(?:[\w'’]+\s+){{0,2}}$", re.I,
                              origin="shared/cues.yaml:def-measure")
    return state, measure


def _regions(desc: str, frame: str) -> dict[str, str]:
    """The description, its head and its genus (all prefixes of ``desc``)."""
    if frame == "define" and _shape_regexes()[0].match(desc):
        return {"any": desc, "head": "", "genus": ""}  # "is tight and compresses ...": a state, not a class
    end = HEAD_END.search(desc, 2 if frame != "np" else 0)
    # a comma between leading adjectives ("a small, hyperirritable spot") does not end the head
    if end and end.group(0) == "," and len(WORD.findall(desc[:end.start()])) <= 2:
        end = HEAD_END.search(desc, end.end())
    head = desc[:end.start()] if end else desc
    gend = GENUS_END.search(head)
    genus = head[:gend.start()] if gend else head
    words = list(WORD.finditer(genus))
    if len(words) > GENUS_WORDS:
        genus = genus[:words[GENUS_WORDS - 1].end()]
    if frame not in ("define", "np", "strong"):
        genus = ""
    return {"any": desc, "head": head, "genus": genus}


def statements(doc: Document, nlp, extra_dirs: tuple[str, ...]) -> list[Statement]:
    """Every description of a known term in the document."""
    from spacy.util import filter_spans

    matcher, terms = _matcher(nlp, extra_dirs)
    sdoc = doc.spacy
    prose = doc.prose
    toks = frames.Tokens(sdoc, structure_of(doc))
    matches = matcher(sdoc)
    spans = filter_spans([sdoc[s:e] for _, s, e in matches])
    label_of = {(s, e): terms[sdoc.vocab.strings[m]] for m, s, e in matches}
    by_sent: dict[int, list] = {}
    for sp in spans:
        by_sent.setdefault(sp.sent.start, []).append((sp, label_of[(sp.start, sp.end)]))
    found: list[Statement] = []
    prev: dict | None = None  # the term that opened the previous sentence, for anaphora
    asked = None  # a term whose cause the previous sentence asked for ("What causes sciatica?")
    for sent in sdoc.sents:
        s0, s1 = sent.start_char, sent.end_char
        text = prose[s0:s1]
        if not text.strip():
            continue  # a blank between blocks: keep the previous sentence's opener
        mentions = by_sent.get(sent.start, [])
        if asked is not None:  # the answer to a cause question is a cause statement of its term
            lead = s0 + len(text) - len(text.lstrip())
            found.append(Statement(asked, lead, lead, _desc_end(prose, lead, s1, False), "cause", text, s0))
        asked = _cause_question(toks, sent, mentions, extra_dirs)
        seen_ends: set[int] = set()
        for sp, term in mentions:
            hit = frames.frame_at(toks, toks.at(sp.end), toks.at(sent.end), extra_dirs)
            if hit is None:
                continue
            frame, desc_tok = hit
            kind, appos = frame.kind, frame.apposition
            clause = _clause_before(prose, s0, sp.start_char)
            lead = CLAUSE_PUNCT.split(prose[s0:sp.start_char])[-1]  # the clause, brackets and all: "if a (GIST) ..."
            if not appos and OBJECT_OF.search(clause) or kind == "define" and SUBORDINATE.search(clause) \
                    or appos and SUBORDINATE.search(lead):
                continue  # "injury to his spinal cord is ...", "When the piriformis is tight ...", "if it spreads
                # to the liver, the tumour cells ...": not a definition
            desc_start = toks.idx[desc_tok] if desc_tok < len(toks.idx) else s1
            desc_end = _desc_end(prose, desc_start, s1, appos)
            if appos and (LIST_TAIL.match(prose, desc_end, s1) or LIST_ITEM_BEFORE.search(prose, s0, sp.start_char)
                          or LIST_APPOSITION.match(prose, desc_start)):
                continue  # "have osteoporosis, a history of blood clots, cancer, or ...": a list, not an apposition
            if desc_end - desc_start >= 2 and desc_end not in seen_ends:
                seen_ends.add(desc_end)
                found.append(Statement(term, sp.start_char, desc_start, desc_end, kind, text, s0))
        # anaphora: "This condition causes ...", "This occurs when ..." after the term opened the last sentence
        s_end = toks.at(sent.end)
        am = frames.anaphor_at(toks, toks.at(sent.start), s_end, extra_dirs) if prev else None
        if am and prev and (prev["question"] or "\n\n" not in prose[prev["end"]:s0]):
            term = prev["term"]
            an_end, noun_kind, pron = am
            if noun_kind is None or noun_kind == term.kind:
                for frame in frames.frames(extra_dirs):
                    kind = frame.kind
                    # "It is ..." defines only the subject of the last sentence (or the term a question asked about)
                    if frame.apposition or pron and kind not in ("when", "cause", "strong") and not (  # not vocabulary: frame kinds
                            kind == "define" and prev["subject"]):
                        continue
                    at = frames.skip_between(toks, an_end, s_end, extra_dirs)
                    desc_tok = frames.match_frame(frame, toks, at, s_end)
                    if desc_tok is not None:
                        desc_start = toks.idx[desc_tok] if desc_tok < len(toks.idx) else s1
                        anaphor_start = s0 + len(text) - len(text.lstrip())
                        found.append(Statement(term, anaphor_start, desc_start,
                                               _desc_end(prose, desc_start, s1, False), kind, text, s0))
                        break
        prev = _opener(prose, s0, s1, text, sent, mentions)
    return found


def _cause_question(toks, sent, mentions, extra_dirs: tuple[str, ...]):
    """The term of a question that asks for its cause ("What causes sciatica?"), or None."""
    a, b = toks.at(sent.start), toks.at(sent.end)
    if b - a < 3 or toks.lower[b - 1] != "?" or len(mentions) != 1:
        return None
    lead = frames.match_frame(frames.Frame("cause", (frames.named_slot("<def-cause-question>", extra_dirs),), 1, False),
                              toks, a, b)
    sp, term = mentions[0]
    return term if lead is not None and 0 <= toks.at(sp.start) - lead <= 2 else None


def mentions_lists(extra_dirs: tuple[str, ...]) -> dict[str, list[str]]:
    return mentions.definition_cues(extra_dirs)


def _opener(prose: str, s0: int, s1: int, text: str, sent, mentions) -> dict | None:
    """The term that opens a sentence (within its first words), whether it is the subject, and questions."""
    opener = [(sp, t) for sp, t in mentions if sp.start - sent.start <= 3]
    if not opener:
        return None
    sp, term = opener[0]
    question = bool(QUESTION.match(text)) and len(mentions) == 1
    subject = question or bool(SUBJECT_LEAD.match(prose[s0:sp.start_char]))
    return {"term": term, "end": s1, "subject": subject, "question": question}


def _clause_before(prose: str, sent_start: int, at: int) -> str:
    """The text of the clause before a mention: from the last comma/semicolon (or the sentence start)."""
    before = prose[sent_start:at]
    cut = 0
    for m in CLAUSE_START.finditer(before):
        cut = m.end()
    return before[cut:]


def _desc_end(prose: str, start: int, sent_end: int, apposition: bool) -> int:
    end = sent_end
    contrast = CONTRAST.search(prose, start, sent_end)  # "..., while ligaments ..." describes something else
    if contrast:
        end = contrast.start()
    if apposition:
        m = NP_END.search(prose, start, end)
        if m:
            end = m.start()
    while end > start and (prose[end - 1].isspace() or prose[end - 1] in ".!?"):
        end -= 1
    return end


def _negated(st: Statement, match_start: int, desc: str) -> bool:
    """A cue in the description before the match ("not", "rather than"), a debunk in the sentence, or a quote."""
    before = desc[max(0, match_start - 60):match_start]
    frame = st.sentence[max(0, st.start - st.sent_start - 30):st.desc_start - st.sent_start]  # "X is not ..."
    if NEGATION.search(before) or NEGATION.search(frame):
        return True
    if DEBUNK.search(st.sentence):
        return True
    return len(QUOTES.findall(st.sentence[:st.desc_start - st.sent_start])) % 2 == 1


def contradictions(st: Statement, prose: str, ctx=None) -> list[Check]:
    """The checks of the term that the description contradicts (none when it is negated or debunked)."""
    if "wrong" not in st.memo:
        st.memo["wrong"] = _contradictions(st, prose)
    out = list(st.memo["wrong"])
    if out and ctx is not None and _reported(ctx, st):
        return []
    return out


def _contradictions(st: Statement, prose: str) -> list[Check]:
    desc = prose[st.desc_start:st.desc_end]
    regions = _regions(desc, st.frame)
    out = []
    for check in st.term.checks:
        if check.frames and st.frame not in check.frames:
            continue
        region = regions.get(check.where, desc)
        m = check.regex.search(region)
        if m and not _negated(st, m.start(), desc):
            out.append(check)
    out += fact_conflicts(st, desc, regions)
    which = IN_WHICH.match(desc) if st.frame in ("define", "strong", "np") else None
    if which:
        clause = desc[which.end():]
        out += fact_conflicts(st, desc, {"any": clause, "head": clause, "genus": "", "offset": which.end(),
                                         "which": True}, "which")
    return out


def _reported(ctx, st: Statement) -> bool:
    """The shared context helpers (rules/context.py): a debunk in the next sentence or under a 'myths' heading."""
    if ctx is None:
        return False
    try:
        return ctx.debunked(st.start, st.desc_end) or ctx.quoted(st.start, st.desc_end)
    except Exception:  # the context module is another family's; never let it break this rule
        return False


# Where a description asserts each fact type, by frame. The genus says what a term IS ("a kind
# of neck pain", "an inflammation of the muscles"), its core (before "of", after "a kind of")
# what class it belongs to, a "site" is a region named in the genus or in a locative phrase of
# the head ("a pinched nerve | in the neck"), and a cause/when frame's whole clause says what
# brings it about. Effects, functions and hedged statements ("can be caused by") assert nothing.
_DEFINE_SCOPES = {"class": "core", "tissue": "genus", "system": "head", "region": "site", "cause": "clause",
                  "size": "genus"}
FACT_SCOPES = {
    "define": _DEFINE_SCOPES, "strong": _DEFINE_SCOPES, "np": _DEFINE_SCOPES,
    "locate": {"region": "site", "system": "head"},
    "cause": {"cause": "any", "region": "cause_site"},
    "when": {"cause": "any", "region": "subject", "system": "subject", "tissue": "affected"},
    "which": {"region": "subject", "tissue": "affected"},
}
# "a condition in which the muscles ... become inflamed": the clause defines the term like "X is when ...".
IN_WHICH = Built(r"^\W*(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}?(?:<def-condition-noun>)\s+(?:<def-in-which>|"
                 r"that\s+(?:<def-event-verb>)s?\s+when)\s+")
# "a neck injury caused by ...", "a kind of neck pain that happens when ...": a cause inside a definition.
CAUSE_CLAUSE = Built(r"\b(?:<def-cause-clause>)\b")
# "in the head and neck": a region coordinated with a fitting one extends it rather than contradicting it.
COORDINATED = Built(r"^[\s,]*(?:and|or|&|and/or|as\s+well\s+as|and\s+sometimes|or\s+even)?[\s,]*"
                    r"(?:(?:<def-coordinated-determiner>)\s+)?$")
# "is when the muscles ... become inflamed": the when clause's subject is the tissue affected (not an agent
# acting on another tissue, as in "when a disc presses on the nerve").
STATE = Built(r"\b(?:<def-become>)\s+(?:\w+\s+){0,2}?(?:<def-affected-state>)\b")
# "... when the muscles compress the spinal cord": the object of a pressure verb is the tissue affected.
PRESSURE = Built(r"\b(?:<def-pressure-verb>)\s+(?:(?:<def-pressure-determiner>)\s+)?")
SUBJECT_WORDS = 6  # "occurs when | the shoulder joint becomes ...": the clause's subject names where it happens
GENUS_LEAD = Built(r"^\W*(?:(?:an?|the|one)\s+)?(?:[\w-]+\s+){0,2}?(?:<def-genus-lead>)(?:s|es)?\s+of\s+")
LOCATIVE = Built(r"\b(?:<def-locative>)\s+(?:[\w'’-]+\s+){0,4}$")
BETWEEN = Built(r"\bbetween\s+[^,;]{0,60}?\s(?:and|&)\s+(?:(?:<def-coordinated-determiner>)\s+)?[\w'’-]+")
FACT_WORDING = {
    "class": ("{term} {is} {allowed}, not {asserted}.", " or "),
    "tissue": ("{term} {concerns} {allowed}, not {asserted}.", " and "),
    "system": ("{term} {belongs} to {allowed}, not {asserted}.", " and "),
    "region": ("{term} {concerns} {allowed}, not {asserted}.", ", "),
    "cause": ("{term} {is} not caused by {asserted}.", ", "),
    "size": ("{term} {is} {allowed}, not {asserted}.", " or "),
}


def _core(genus: str) -> str:
    """The class-naming part of a genus: "a kind of arthritis" -> "arthritis", "a disease of X" -> "a disease"."""
    lead = GENUS_LEAD.match(genus)
    rest = genus[lead.end():] if lead else genus
    cut = re.search(r"\bof\b", rest)
    return rest[:cut.start()] if cut else rest


def fact_conflicts(st: Statement, desc: str, regions: dict, frame: str | None = None) -> list[Check]:
    """Values the description asserts that are incompatible with the term's structured facts."""
    term, vocabs = st.term, st.term.vocabs
    scopes = FACT_SCOPES.get(frame or st.frame)
    shift = regions.get("offset", 0)  # where the regions start in the description
    if not term.profile or not vocabs or not scopes:
        return []
    if "tissue" in vocabs:  # a cause's site counts only for the term's own tissue: "a pinched nerve in the neck"
        regions = dict(regions, own_tissue=[vocabs["tissue"].values[v].regex for v in term.profile.get("tissue", ())
                                            if v in vocabs["tissue"].values])
    out = []
    for fact, scope in scopes.items():
        allowed = term.profile.get(fact)
        vocab = vocabs.get(fact)
        if vocab is None:
            continue
        if not allowed and fact == "class" and term.kind != "condition":
            allowed = ()  # a body part or a mechanism is no disease: only values fit for its kind pass
        elif not allowed:
            continue
        found = [(value, spans) for value in vocab.values.values() if (spans := _asserted(value.regex, scope, regions))]
        fitting = [sp for value, spans in found if vocab.compatible(value.name, term.kind, allowed) for sp in spans]
        if scope == "affected":  # the affected tissue: a pressure verb's object, or the subject of a state
            objects = [(v, sp) for v in vocab.values.values() if (sp := _objects(v.regex, regions["any"]))]
            if any(vocab.compatible(v.name, term.kind, allowed) for v, _ in objects):
                continue  # "when a disc presses on the nerve": the term's own tissue is the one affected
            own_named = any(vocab.compatible(v.name, term.kind, allowed) and v.regex.search(regions["any"])
                            for v in vocab.values.values())
            subjects = {v.name for v, _ in found} if not own_named else set()  # else the subject acts on it
            objects_by = dict((v.name, sp) for v, sp in objects)
            found = [(v, objects_by.get(v.name, []) + (sp if v.name in subjects else [])) for v, sp in found]
            found += [(v, sp) for v, sp in objects if v.name not in {f.name for f, _ in found}]
            found = [(v, sp) for v, sp in found if sp]
        for value, spans in found:
            if vocab.compatible(value.name, term.kind, allowed):
                continue
            if fact == "region" and all(_coordinated(sp, fitting, desc[shift:]) for sp in spans):
                continue
            if all(_negated(st, shift + sp[0], desc) for sp in spans):
                continue
            out.append(Check(vocab.aspect, value.regex, scope, _correction(term, vocab, value), term.profile_source))
    return out


def _objects(regex: re.Pattern, clause: str) -> list[tuple[int, int]]:
    """Spans of a value right after a pressure verb ("compress the spinal cord"), in the first words of its object."""
    spans = []
    for p in PRESSURE.finditer(clause):
        obj = clause[p.end():p.end() + 40]
        words = list(WORD.finditer(obj))
        stop = words[min(len(words), 4) - 1].end() if words else 0
        spans += [(p.end() + m.start(), p.end() + m.end()) for m in regex.finditer(obj[:stop])]
    return spans


def _coordinated(span: tuple[int, int], fitting: list[tuple[int, int]], desc: str) -> bool:
    """Is the span joined to a fitting value only by "and", "or" or a comma ("the head and neck")?"""
    for other in fitting:
        a, b = (other, span) if other[1] <= span[0] else (span, other)
        if a[1] <= b[0] and COORDINATED.match(desc[a[1]:b[0]]):
            return True
    return False


def _asserted(regex: re.Pattern, scope: str, regions: dict) -> list[tuple[int, int]]:
    """The spans (offsets in the description) where a value is asserted in the scope."""
    if scope == "core":
        genus = regions["genus"]
        lead = GENUS_LEAD.match(genus)
        shift = lead.end() if lead else 0
        return [(shift + m.start(), shift + m.end()) for m in regex.finditer(_core(genus))]
    if scope == "site":
        spans = [m.span() for m in regex.finditer(regions["genus"])]
        head = BETWEEN.sub(lambda b: " " * len(b.group(0)), regions["head"])  # boundaries, not sites
        measure = _shape_regexes()[1]
        for m in regex.finditer(head, len(regions["genus"])):
            before = head[max(0, m.start() - 60):m.start()]
            if LOCATIVE.search(before) and not measure.search(before):
                spans.append(m.span())
        return spans
    if scope == "cause_site":  # "caused by a pinched nerve in the neck", not "by tightness in the calf"
        head = regions["head"]
        spans = []
        for m in regex.finditer(head):
            before = head[max(0, m.start() - 60):m.start()]
            loc = LOCATIVE.search(before)
            if loc and any(t.search(before[max(0, loc.start() - 30):loc.start()]) for t in regions["own_tissue"]):
                spans.append(m.span())
        return spans
    if scope == "affected" and not (regions.get("which") or STATE.search(regions["any"])):
        return []
    if scope in ("subject", "affected"):
        words = list(WORD.finditer(regions["any"]))
        end = words[min(len(words), SUBJECT_WORDS) - 1].end() if words else 0
        return [m.span() for m in regex.finditer(regions["any"][:end])]
    if scope == "clause":
        desc = regions["any"]
        cue = CAUSE_CLAUSE.search(desc)
        return [m.span() for m in regex.finditer(desc, cue.end())] if cue else []
    return [m.span() for m in regex.finditer(regions.get(scope, regions["any"]))]


EMPTY_WORDING = {"system": "{term} {is} not part of {asserted}."}  # when the term's only value is itself


def _names_itself(label: str, term: Term) -> bool:
    """A value label that is the term's own name ("the lymphatic system" for the lymphatic system)."""
    bare = WORD.findall(label.lower())
    return any(WORD.findall(name.lower()) in (bare, bare[1:]) for name in term.names)


def _correction(term: Term, vocab: Vocabulary, value: Value) -> str:
    """A correction built from the term's own values ("Migraine concerns the head, not the neck.")."""
    wording, joiner = FACT_WORDING.get(vocab.fact, ("{term} {is} not {asserted}.", ", "))
    name = term.label[0].upper() + term.label[1:]
    # generic values ("a disease or disorder") say nothing: name only the specific ones
    labels = [vocab.values[v].label for v in term.profile.get(vocab.fact, ())
              if v in vocab.values and "condition" not in vocab.values[v].kinds
              and not _names_itself(vocab.values[v].label, term)]  # never "X belongs to X"
    if not labels:
        wording = EMPTY_WORDING.get(vocab.fact, "{term} {is} not {asserted}.")
    low = term.label.lower()
    plural = low.endswith("ae") or (low.endswith("s") and not low.endswith(("is", "us", "ss", "as")))
    verbs = {"is": "are", "concerns": "concern", "belongs": "belong"} if plural else {}
    text = wording.format(term=name, allowed=joiner.join(labels), asserted=value.label,
                          **{v: verbs.get(v, v) for v in ("is", "concerns", "belongs")})
    if vocab.fact == "cause" and term.cause_text:
        text += f" Its causes: {term.cause_text.rstrip('.')}."
    return text


def unmatched(st: Statement, prose: str) -> bool:
    """A full definition ("X is a term used to describe ...", "X is when ...") that names none of the key facts."""
    if st.frame not in ("strong", "when") or st.term.key is None:
        return False
    desc = prose[st.desc_start:st.desc_end]
    if len(WORD.findall(desc)) < 3 or _negated(st, 0, desc) or not SUBSTANCE.search(desc):
        return False  # vague ("refers to a set of symptoms") is not wrong
    return not st.term.key.search(desc)


def analyse(doc: Document, nlp, extra_dirs: tuple[str, ...]) -> list[Statement]:
    """The document's statements, found once and shared by the HL2xx rules (cached on the document)."""
    key = tuple(extra_dirs)
    return doc.memo(("definitions.statements", key), lambda: statements(doc, nlp, key))


def context(doc: Document, extra_dirs: tuple[str, ...]):
    """The shared sentence context (rules/context.py), or None when that module is not available."""
    try:
        from healthlint.rules.context import context_of
    except ImportError:
        return None
    return context_of(doc, tuple(extra_dirs))



class DefinitionRule(Rule):
    """Base of the HL2xx rules: both read the same statements, found once per document."""

    category = "definition"
    reference = "https://medlineplus.gov/webeval/webeval.html"  # checking health information against a trusted source

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.extra_dirs = tuple(settings.data_dirs)
        words.use_pipeline(nlp)
        _matcher(nlp, self.extra_dirs)
        mentions.phrase_matcher(nlp, self.extra_dirs)
        mentions.cue_matcher(nlp, self.extra_dirs)

class InaccurateDefinition(DefinitionRule):
    r"""Flags a definition of a medical term that contradicts a known fact or repeats a known misconception.

    Why: a wrong definition (fascia as "a layer of muscle", sciatica as "swelling of the
    spinal cord", fibromyalgia as "a kind of arthritis") misleads readers about what they
    have and what can help; careful editors check every definition against a reference.
    The terms, their correct definitions, sources and the facts checked are data in
    rules/data/terms/*.yaml: per-term misconceptions, and structured facts (class, tissue,
    body system, region, causes) from controlled vocabularies, so a definition asserting an
    incompatible value ("a kind of neck pain" for migraine) is caught in any wording.

    Bad: Fascia is the thin layer of muscle that wraps around each of your muscles.
    Bad: Whiplash is a pinched nerve in the lower back that comes from lifting heavy boxes.
    Bad: Myofascial pain syndrome is the same disease as fibromyalgia.
    Bad: Many runners have tight hips.

        The piriformis, which is located inside the hip joint, can irritate the sciatic nerve.
    Bad: Ankylosing spondylitis is common in young men. This condition occurs when the body cannot restore collagen.
    Bad: Carpal tunnel syndrome is caused by a pinched nerve in the neck.
    Bad: The lymphatic system is part of the digestive system.
    Bad: Lactic acid buildup can result in cramps and muscle soreness the next day.
    Bad: Fibromyalgia affects the whole body. It is a degenerative disease.
    Bad: Rheumatoid arthritis (also known as rheumatism) affects the small joints.
    Good: Fascia is a sheet of connective tissue that wraps around muscles and organs.
    Good: Whiplash is a neck injury caused by a sudden jolt of the head, as in a car crash.
    Good: Myofascial pain syndrome is not the same condition as fibromyalgia.
    Good: It is a myth that lactic acid is a poison that stays in your muscles.
    Good: Carpal tunnel syndrome is caused by pressure on the median nerve in the wrist.
    Good: The lymphatic system is part of the immune system.
    Good: Lactic acid does not cause the muscle soreness you feel the next day.
    Good: Rheumatoid arthritis is an autoimmune disease that inflames the lining of the joints.
    Use instead: the definition in the finding's suggestion, from the cited source.
    """

    code = "HL201"
    name = "inaccurate-definition"
    severity = "warning"

    def check(self, doc: Document):
        spans = []
        for st in analyse(doc, self.nlp, self.extra_dirs):
            wrong = contradictions(st, doc.prose)
            if wrong:
                wrong = contradictions(st, doc.prose, context(doc, self.extra_dirs))
            if not wrong:
                continue
            first = wrong[0]
            what = {"misconception": "repeats a common misconception", "confused": "confuses it with another term"}
            message = (f"Inaccurate description of {st.term.label}: {what.get(first.aspect, f'wrong {first.aspect}')}. "
                       f"{first.correction}")
            spans.append((st.start, st.desc_end))
            yield self.finding(doc, st.start, st.desc_end, message,
                               suggestion=f"A correct definition: {st.term.definition}",
                               reference=first.source or st.term.source, term=st.term.id,
                               aspects=sorted({c.aspect for c in wrong}))
        terms = _matcher(self.nlp, self.extra_dirs)[1]
        for start, end, ms in mentions.findings(doc, self.nlp, self.extra_dirs, _matcher(self.nlp, self.extra_dirs)):
            if any(a < end and start < b for a, b in spans):
                continue
            spans.append((start, end))
            term = terms[ms.term]
            yield self.finding(doc, start, end, f"Inaccurate description of {term.label}: {ms.correction}",
                               suggestion=f"A correct definition: {term.definition}",
                               reference=ms.source or term.source, term=term.id, aspects=[ms.relation])


class UnmatchedDefinition(DefinitionRule):
    r"""Flags a full definition of a known term that names none of its defining features.

    Why: "Sciatica is a term used to describe pain in the back area" is not wrong word by
    word, but it leaves out what makes sciatica sciatica (the nerve, the leg). A definition
    that shares nothing with the reference one is worth a second look; this is advice
    (info), not an error.

    Bad: Sciatica is a term used to describe inflammation and pain in the back area.
    Good: Sciatica is a term used to describe pain that travels from the lower back down the leg.
    Use instead: the definition in the finding's suggestion, from the cited source.
    """

    code = "HL202"
    name = "unmatched-definition"
    severity = "info"

    def check(self, doc: Document):
        for st in analyse(doc, self.nlp, self.extra_dirs):
            if contradictions(st, doc.prose) or not unmatched(st, doc.prose) \
                    or _reported(context(doc, self.extra_dirs), st):
                continue
            yield self.finding(doc, st.start, st.desc_end,
                               f"This definition of {st.term.label} names none of its defining features.",
                               suggestion=f"A correct definition: {st.term.definition}",
                               reference=st.term.source, term=st.term.id)
