"""Compositional claim frames for the HL1xx rules: agent + effect verb + health object.

The phrase patterns of ``rules/data/claims/*.yaml`` miss new wording ("neck pain
simply melts away", "it knocks out a cold", "the strokes drain the fat away").
A frame generalises over them without a parser. Within one clause of a sentence
(the HL1xx rules only judge paragraphs about bodywork) it looks for:

- an agent: a bodywork word before the verb, a pronoun ("it", "this", "we")
  just before it, or an imperative (the clause starts with the verb);
- an effect verb from ``claims/frames.yaml``, grouped by what it claims (cure,
  repair, realign, purge, vanish), matched on any inflection and on lemmas;
- a health object within a few words after the verb (conditions, symptoms,
  structures, toxins; the terms knowledge base adds its condition and anatomy
  names), or, for "vanish" verbs, a health subject just before the verb.

A medical agent in the clause ("with surgery", "your body", "on its own") means
the claim is not about bodywork. Context (negation, hedge, debunk, citation,
quotation) is judged afterwards by the rule, as for patterns. A red-flag symptom
followed within a dozen words by "is normal", "just means" ... is HL107.
Everything is computed once per document and shared by the HL1xx rules.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from healthlint import regexes
from healthlint.knowledge import load

IRREGULAR = {
    "be": {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"},
    "get": {"get", "gets", "got", "gotten", "getting"}, "go": {"go", "goes", "went", "gone", "going"},
    "take": {"take", "takes", "took", "taken", "taking"}, "make": {"make", "makes", "made", "making"},
    "put": {"put", "puts", "putting"}, "draw": {"draw", "draws", "drew", "drawn", "drawing"},
    "break": {"break", "breaks", "broke", "broken", "breaking"}, "bring": {"bring", "brings", "brought", "bringing"},
    "beat": {"beat", "beats", "beaten", "beating"}, "come": {"come", "comes", "came", "coming"},
    "undo": {"undo", "undoes", "undid", "undone", "undoing"}, "say": {"say", "says", "said", "saying"},
    "overcome": {"overcome", "overcomes", "overcame", "overcoming"}, "rid": {"rid", "rids", "ridding"},
    "burn": {"burn", "burns", "burnt", "burned", "burning"}, "free": {"free", "frees", "freed", "freeing"},
    "set": {"set", "sets", "setting"}, "reset": {"reset", "resets", "resetting"},
    "sweat": {"sweat", "sweats", "sweated", "sweating"}, "let": {"let", "lets", "letting"},
}
PAST_AUX = {"was", "were", "had", "did"}
PRESENT_AUX = {"has", "have", "'ve", "is", "are", "'s", "'re", "will", "'ll", "can", "does", "do", "get", "gets",
               "be", "been", "being", "would", "could", "should", "must", "to"}
PARTICLES = {"out", "away", "up", "off", "back", "down", "loose"}
BREAK_PUNCT = set(".;:!?()[]\u2014\u2013") | {"--"}
FIRST_PERSON = {"i", "my", "me", "i'm", "i've"}
DETERMINERS = {"a", "an", "the", "this", "that", "its", "their", "our", "your", "his", "her", "any", "no", "every",
               "each", "full", "complete", "total", "quick", "fast", "natural", "permanent", "elective", "surgical"}
PREPOSITIONS = {"on", "of", "at", "in", "for", "about", "without", "from", "after", "before", "towards", "toward",
                "into", "than", "like", "via", "through", "against"}
PREVENT_TAIL = re.compile(r"\s+(?:from|at bay|away)\b", re.I)
CONTINUE = {"keep", "continue", "start", "try"}
OBJECT_WINDOW = 7  # tokens after the verb in which the object must start
SUBJECT_WINDOW = 4  # tokens before the verb in which a pronoun agent or a health subject must sit


def forms(word: str) -> frozenset[str]:
    """Every inflection of a verb's base form that the frames accept."""
    w = word.lower()
    if w in IRREGULAR:
        return frozenset(IRREGULAR[w])
    out = {w}
    if w.endswith("e"):
        out |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    else:
        out |= {w + ("es" if w.endswith(("s", "sh", "ch", "x", "z")) else "s"), w + "ed", w + "ing"}
        if len(w) <= 4 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # stop -> stopped
    return frozenset(out)


@dataclass(frozen=True)
class Verb:
    group: str
    parts: tuple[frozenset[str], ...]  # accepted forms of each word
    base: str


@dataclass(frozen=True)
class Lexicon:
    verbs: dict  # first-word form -> list of Verb
    objects: dict  # group -> compiled regex
    words: dict  # id -> compiled regex
    outcomes: dict  # id -> entry


def _alternation(terms, lists) -> str:
    from .claims import expand  # the {name} placeholders of claims/vocabulary.yaml
    parts = sorted({expand(str(t), lists) for t in terms}, key=len, reverse=True)
    return r"\b(?:" + "|".join(parts) + r")\b"


def _kb_names(name: str, extra_dirs) -> list[str]:
    names = []
    for e in load(name, extra_dirs):
        for n in list(e.get("names") or []) + list(e.get("aliases") or []):
            names.append(re.escape(str(n)).replace(r"\ ", r"\s+") + "s?")
    return names


@functools.lru_cache(maxsize=8)
def lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """Compile ``claims/frames.yaml`` (plus the terms knowledge base) once per process and data folders."""
    from .claims import vocabulary
    lists = vocabulary(extra_dirs)
    verbs: dict[str, list[Verb]] = {}
    objects: dict[str, list[str]] = {}
    words, outcomes = {}, {}
    for e in load("claims/frames", extra_dirs):
        kind = e.get("kind")
        if kind == "verb":
            for term in e.get("terms", []):
                parts = tuple(forms(p) if i == 0 or p in ("be", "get", "come", "go") else frozenset({p})
                              for i, p in enumerate(str(term).lower().split()))
                v = Verb(e["group"], parts, str(term))
                for f in parts[0]:
                    verbs.setdefault(f, []).append(v)
        elif kind == "object":
            objects.setdefault(e["group"], []).extend(str(t) for t in e.get("terms", []))
        elif kind == "words":
            words[e["id"]] = regexes.compile(_alternation(e.get("terms", []), lists), re.I,
                                              origin=f"claims/frames.yaml:{e['id']}")
        elif kind == "outcome":
            outcomes[e["id"]] = e
    objects.setdefault("health", []).extend(_kb_names("terms/conditions", extra_dirs))
    objects.setdefault("structure", []).extend(_kb_names("terms/anatomy", extra_dirs))
    compiled = {g: regexes.compile(_alternation(t, lists), re.I, origin=f"claims/frames.yaml:object {g}")
                for g, t in objects.items()}
    # "cured with surgery": a preposition, up to two words, then a medical agent (compiled once, not per clause)
    words["by-medical-agent"] = regexes.compile(words["agent-by"].pattern + r"\s+(?:\w+\s+){0,2}?"
                                                + words["agent-medical"].pattern, re.I,
                                                origin="claims/frames.yaml:agent-by + agent-medical")
    for name in ("modality", "red_flag"):
        words[name] = (regexes.compile(r"\b" + lists[name] + r"\b", re.I, origin=f"claims/vocabulary.yaml:{name}")
                       if name in lists else re.compile(r"(?!)"))
    return Lexicon(verbs, compiled, words, outcomes)


@dataclass(frozen=True)
class Frame:
    outcome: str  # id of the outcome entry in frames.yaml
    start: int
    end: int
    verb_start: int


def _match_verb(toks, i: int, verb: Verb) -> int | None:
    """End index (exclusive) of ``verb`` starting at token ``i``, or None."""
    j = i + 1
    for part in verb.parts[1:]:
        gap = 0
        while j < len(toks) and toks[j][0] not in part:
            # "drain the fat away", "is completely healed": a short gap before a particle or after "be"
            if gap >= 3 or toks[j][0] in BREAK_PUNCT or toks[j][0] == "," or not (
                    part & PARTICLES or toks[j][0].endswith("ly") or verb.parts[0] == IRREGULAR["be"]):
                return None
            gap, j = gap + 1, j + 1
        if j >= len(toks):
            return None
        j += 1
    return j


def find_frames(ctx, seg, lex: Lexicon) -> list[Frame]:
    """The claim frames of one sentence segment (no context judgement yet)."""
    span = ctx.doc.spacy.char_span(seg.start, seg.end, alignment_mode="expand") if ctx.doc.spacy else None
    if span is None or seg.kind != "sentence":
        return []
    toks = [(t.lower_, t.lemma_.lower(), t.idx, t.idx + len(t.text)) for t in span if not t.is_space]
    if not toks:
        return []
    text, off = seg.text, seg.start
    breaks = [k for k, t in enumerate(toks) if t[0] in BREAK_PUNCT or lex.words["clause-break"].fullmatch(t[0])]
    first_person = any(t[0] in FIRST_PERSON for t in toks)
    out: list[Frame] = []

    def clause_of(i, j):
        lo = max((b + 1 for b in breaks if b < i), default=0)
        hi = min((b for b in breaks if b >= j), default=len(toks))
        return lo, hi

    def chars(a, b):  # text of tokens [a, b)
        return text[toks[a][2] - off:toks[b - 1][3] - off] if b > a else ""

    for i, tok in enumerate(toks):
        cands = lex.verbs.get(tok[0], []) + [v for v in lex.verbs.get(tok[1], []) if tok[1] != tok[0]]
        for verb in cands:
            j = _match_verb(toks, i, verb)
            if j is None or _not_a_finite_verb(toks, i, j, verb):
                continue
            lo, hi = clause_of(i, j)
            subordinate = bool(lo) and bool(lex.words["clause-break"].fullmatch(toks[lo - 1][0]))
            commas = [k for k in range(lo, i) if toks[k][0] == ","]
            if subordinate and commas:  # "If you are on warfarin, simply skip a dose": the main clause
                lo, subordinate = commas[-1] + 1, False
            before, clause = chars(lo, i), chars(lo, hi)
            if verb.group != "medicine" and _medical_agent(lex, before, clause):
                continue
            if _past(toks, i, verb) and not first_person:
                continue
            if verb.group == "vanish":
                frame = _vanish(lex, toks, lo, i, j, chars, clause)
            else:
                frame = _transitive(lex, toks, lo, hi, i, j, verb, chars, before, ctx, seg, subordinate)
            if frame:
                out.append(frame)
    out.extend(_red_flags(lex, seg))
    out.extend(_cured_state(lex, seg))
    return out


PERSON = re.compile(r"\b(?:you|you'll|you'd|clients?|patients?|people|everyone|customers|i|i'm|i'll)\b"
                    r"(?:\s+\S+){0,5}?\s*$", re.I)
SUBORDINATE = re.compile(r"\b(?:until|once|when|whenever|if|unless|after|before|while|till)\b", re.I)


def _cured_state(lex, seg) -> list[Frame]:
    """A person who leaves cured: "you'll walk in limping and walk out cured"."""
    out = []
    for m in lex.words["cured-state"].finditer(seg.text):
        lead = seg.text[:m.start()]
        p = PERSON.search(lead)
        if p is None or SUBORDINATE.search(seg.text[p.start():m.start()]) or \
                _medical_agent(lex, "", seg.text[p.start():]):
            continue
        out.append(Frame("frame-cure", seg.start + p.start(), seg.start + m.end(), seg.start + m.start()))
    return out


def _not_a_finite_verb(toks, i: int, j: int, verb: Verb) -> bool:
    """A noun ("the end of", "elective repair of") or a gerund after a preposition ("focuses on healing")."""
    prev = toks[i - 1][0] if i else ""
    if prev in DETERMINERS and len(verb.parts) == 1:
        return True
    if len(verb.parts) == 1 and j < len(toks) and toks[j][0] == "of":
        return True
    return toks[i][0].endswith("ing") and prev in PREPOSITIONS


def _medical_agent(lex, before: str, clause: str) -> bool:
    agent = lex.words["agent-medical"]
    if agent.search(before):
        return True
    return bool(lex.words["by-medical-agent"].search(clause) or lex.words["agent-natural"].search(clause))


def _past(toks, i: int, verb: Verb) -> bool:
    """A simple past ("cured", "fixed") with no present auxiliary: a report, not a promise."""
    word = toks[i][0]
    if verb.parts[0] == IRREGULAR["be"]:
        return word in {"was", "were"}
    is_past = word.endswith("ed") or word in {"got", "went", "took", "made", "drew", "broke", "brought", "came",
                                              "undid", "overcame", "burnt", "freed", "said"}
    if not is_past:
        return False
    aux = [t[0] for t in toks[max(0, i - 3):i]]
    if any(a in PAST_AUX for a in aux):
        return True
    return not any(a in PRESENT_AUX for a in aux)


def _transitive(lex, toks, lo, hi, i, j, verb, chars, before, ctx, seg, subordinate) -> Frame | None:
    """Agent + verb + object: "massage cures X", "it knocks out a cold", "drain the fat away"."""
    if not _agent(lex, toks, lo, i, before, seg, verb):
        return None
    # the object must start within OBJECT_WINDOW tokens, before a preposition or subordinator ends the phrase
    end = min(hi, j + OBJECT_WINDOW)
    stop = lex.words["object-stop"]
    for k in range(j, end):
        if stop.fullmatch(toks[k][0]) and not (k == j and toks[k][0] in ("that", "this")):
            end = k
            break
    window = chars(j, end)
    group = verb.group
    if group in ("work-on", "medicine") and subordinate:
        return None  # "if you stop your pills, ...": a condition, not advice
    wanted = {"cure": ("health",), "repair": ("structure", "health"), "realign": ("structure",),
              "purge": ("myth", "pathogen"), "work-on": ("danger",), "medicine": ("medicine",),
              "prevent": ("health",), "prevent-from": ("health",)}[group]
    for obj in wanted:
        m = lex.objects[obj].search(window)
        if m is None and obj == "health" and group == "cure" and window.split()[:1] in (["it"], ["them"]):
            # "Tennis elbow? Our technique gets rid of it": the antecedent is a condition just before
            prev = ctx.segments[seg.index - 1].text if seg.index else ""
            m = lex.objects["health"].search(chars(lo, i)) or (
                lex.objects["health"].search(prev) if prev and seg.index and
                ctx.segments[seg.index - 1].para_start == seg.para_start else None)
            if m is not None:
                return _frame(lex, "cure", toks[i][2], toks[j][3], chars(lo, hi), toks[i][2])  # up to "it"
            continue
        if m is None or obj != "medicine" and lex.words["agent-medical"].search(window[:m.start()]):
            continue  # "stop your blood pressure pills": the object is a medicine, not the condition
        if group == "prevent-from" and not PREVENT_TAIL.match(chars(j, hi)[m.end():]):
            continue  # "keep X from ...", "keep X at bay"
        obj_end = toks[j][2] + m.end() if j < len(toks) else toks[-1][3]
        outcome = {("purge", "myth"): "purge", ("realign", "structure"): "realign",
                   ("repair", "structure"): "repair", ("work-on", "danger"): "danger",
                   ("medicine", "medicine"): "medicine"}.get((group, obj), "cure")
        if outcome == "purge" and group != "purge":
            continue
        return _frame(lex, outcome, toks[i][2], obj_end, chars(lo, hi), toks[i][2])
    return None


READER = {"you", "you'll", "you're", "you've", "clients", "patients", "sufferers", "people", "readers", "athletes"}


def _agent(lex, toks, lo, i, before: str, seg, verb: Verb) -> bool:
    """A bodywork subject, a pronoun just before the verb, or an imperative.

    Advice verbs (a medicine, working on a lump) need the reader as the agent: an
    imperative, or "you" / "clients" just before the verb.
    """
    near = [t[0] for t in toks[max(lo, i - SUBJECT_WINDOW):i]]
    if verb.group in ("medicine", "work-on"):
        lead = lex.words["imperative-lead"].sub(" ", before)
        continuing = i > lo and toks[i - 1][0] in CONTINUE and toks[i][0].endswith("ing")
        return bool(READER & set(near)) or (not re.search(r"\w", lead) and
                                            (toks[i][0] == verb.base.split()[0] or continuing))
    if verb.group in ("prevent", "prevent-from"):  # common in research and hygiene prose: the bodywork must be the subject
        subject = " ".join(t[0] for t in toks[max(lo, i - SUBJECT_WINDOW):i])
        return i > lo and toks[i - 1][0] != "to" and bool(lex.words["modality"].search(subject))
    if lex.words["modality"].search(before) or lex.words["agent-manual"].search(before):
        return True  # a bodywork word, or the hands-on work itself ("firm strokes drain ...")
    if any(lex.words["agent-pronoun"].fullmatch(w) for w in near):
        return True
    lead = lex.words["imperative-lead"].sub(" ", before)
    continuing = i > lo and toks[i - 1][0] in CONTINUE and toks[i][0].endswith("ing")  # "keep massaging"
    if not re.search(r"\w", lead) and (toks[i][0] == verb.base.split()[0] or continuing):
        return True  # the clause starts with the verb: advice addressed to the reader
    return ("you" in near or "you'll" in near) and bool(lex.words["modality"].search(seg.text))


def _vanish(lex, toks, lo, i, j, chars, clause) -> Frame | None:
    """Health subject + intransitive verb, with bodywork in the clause: "your migraines melt away"."""
    if not (lex.words["modality"].search(clause) or lex.words["agent-generic"].search(clause)):
        return None
    near = chars(max(lo, i - SUBJECT_WINDOW), i)
    m = None
    for m in lex.objects["health"].finditer(near):
        pass
    if m is None or re.search(r"\b(?:which|that|it|this)\s*$", near, re.I):
        return None
    start = toks[i][2] - len(near) + m.start()
    return _frame(lex, "cure", start, toks[j - 1][3], clause, toks[i][2])


def _frame(lex, outcome: str, start: int, end: int, clause: str, verb_start: int) -> Frame:
    if outcome in ("cure", "repair") and lex.words["permanence"].search(clause):
        outcome = "permanent"
    return Frame("frame-" + outcome, start, end, verb_start)


def _red_flags(lex, seg) -> list[Frame]:
    """A red-flag symptom explained away within a dozen words: "numbness ... is perfectly normal"."""
    out = []
    text = seg.text
    for rf in (lex.words["red_flag"], lex.words["red-flag-extra"]):
        for m in rf.finditer(text):
            lead = text[max(0, m.start() - 12):m.start()]
            soft = bool(lex.words["red-flag-soft"].search(lead))  # "some swelling is normal" after cupping
            tail = text[m.end():]
            words = list(re.finditer(r"\S+", tail))[:14]
            limit = words[-1].end() if words else 0
            cut = re.search(r"[.;:!?]", tail[:limit])
            limit = cut.start() if cut else limit
            n = None if soft else lex.words["normalise"].search(tail[:limit + 40])
            if not (n and n.start() <= limit):
                n = lex.words["normalise-mechanism"].search(tail[:limit + 60])
            if n and n.start() <= limit:
                out.append(Frame("frame-red-flag", seg.start + m.start(), seg.start + m.end() + n.end(),
                                 seg.start + m.start()))
                break
    return out


def frames_of(ctx, extra_dirs: tuple[str, ...] = ()) -> list[tuple]:
    """(segment, Frame) for every frame of the document, computed once and shared by the HL1xx rules."""
    key = ("claims.frames", extra_dirs)
    if key not in ctx.memo:
        lex = lexicon(extra_dirs)
        ctx.memo[key] = [(seg, f) for seg in ctx.segments for f in find_frames(ctx, seg, lex)]
    return ctx.memo[key]
