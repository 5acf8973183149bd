"""Finding made-up technique names in one document (HL301), on the detection core.

A name is found by its shape, never by a list of made-up names:

* a *head* noun ends it ("... therapy", "... press", "... unwinding", "... bloom"), or
* a *frame* shows a name whatever its head: an introduction ("a technique called X", "the term
  for Thai massage is X"), an appositive that describes a technique ("the X, a rhythmic pressing
  pattern"), a clause of hands-on work ("the X, where the therapist ..."), a subject described as
  hands-on work ("The X involves slow forearm strokes"), an invented history ("was developed by a
  Danish masseur"), a definition ("X is a gentle technique"), the next sentence ("... the X. In
  this technique ...").

Every candidate ends in the same gate: a word of it is a *coinage* (neither in the lexicon nor
ordinary English by wordfreq), a brand-style hyphenated compound ("Flexo-Tidal", "Neuro-spinal"),
an unknown eponym leading a Title-Case name ("Marlowe Pelvic Unwinding"), or the name blends three
real traditions into one ("Balinese-Swedish Lomi rolling therapy"). The words of every frame are
lexicon lists (``rules/data/techniques/lexicon.yaml``), matched once per Doc and read here as token
labels; the work is done only in sentences that hold a word the gate could take.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from healthlint.document import Document
from healthlint.lexicon import PREFIX
from healthlint.structure import structure_of

from ._technique_knowledge import Knowledge, keys_of, norm, zipf

# Zipf frequency below which a word is not ordinary English (per million words: 10**(z-3)).
LOWER_MIN_ZIPF = 2.0        # a lowercase word ("jurch" 0.0; "myofascial" is in the lexicon)
CAPITAL_MIN_ZIPF = 2.5      # a capitalised word starting a sentence ("Halvorsen" 1.97)
PROPER_MIN_ZIPF = 3.0       # a capitalised word inside a sentence: a name ("Mayo" 3.7 is ordinary)
COMPOUND_MIN_ZIPF = 4.0     # a Title-Case compound whose rarest part is below this is a coined brand
EPONYM_MAX_ZIPF = 3.5       # an unknown surname leading a Title-Case name ("Marlowe" 3.03)
SPLIT_MIN_ZIPF = 3.0        # both halves of an attested closed compound ("handgrip") are this common
MAX_MODIFIERS = 3           # words a name may have before its head noun
MAX_NAME = 4                # words of a name found by a frame
BLEND_TRADITIONS = 3        # real traditions joined into one name ("Balinese-Swedish Lomi ...")

FAMILY = "technique-"
KNOWN = ("technique-known-", "technique-org", "bodywork")  # labels of words that are never coinages
TRADITION = ("technique-known-places", "bodywork")         # a people, place or real modality
CUES = ("technique-cue", "technique-practitioner", "bodywork")  # massage context near a name


@functools.lru_cache(maxsize=200_000)
def _uncommon(low: str) -> bool:
    """Rare enough that the gate could take it (the loosest of the thresholds)."""
    return zipf(low) < EPONYM_MAX_ZIPF


@dataclass(frozen=True)
class Word:
    """One word of a sentence: spaCy tokens joined by in-word hyphens ("Quell-Point")."""

    text: str
    low: str
    start: int          # characters
    end: int
    tokens: tuple[int, ...]
    labels: frozenset[str]
    first: bool         # the first word of its sentence (after bullets and numbering)
    stop: bool          # a stop word, punctuation or number: names never run across it

    def has(self, label: str) -> bool:
        return FAMILY + label in self.labels


@dataclass(frozen=True)
class Name:
    start: int          # characters
    end: int
    coined: tuple[str, ...]
    kind: str = "coined"            # coined | blend | term
    real: tuple[str, ...] = ()      # for a term: the real names of the modality it renames


class Names:
    """The made-up names of one document; built once (``names_of``) and shared by the HL3xx rules."""

    def __init__(self, doc: Document, kb: Knowledge, lemma_known):
        self.doc, self.kb, self.lemma_known = doc, kb, lemma_known
        from spacy.attrs import (IDX, IS_ALPHA, IS_QUOTE, IS_SPACE, IS_STOP, IS_TITLE, IS_UPPER,  # with the pipeline
                                 LENGTH, LOWER, ORTH, SPACY)

        self.sdoc = doc.spacy
        self.text = doc.analysis_text()  # what the Doc was made from (Doc.text would join every token)
        self.rows = self.sdoc.to_array([LOWER, ORTH, IS_ALPHA, IS_STOP, IS_UPPER, IS_TITLE, LENGTH, SPACY,
                                        IDX, IS_SPACE, IS_QUOTE]).tolist()
        self.st = structure_of(doc)
        self.labels = self._token_labels()
        self.found: list[Name] = []
        self._words: dict[int, list[Word]] = {}
        if self._about_bodywork():
            self._run()

    # -- the document's words ----------------------------------------------------------------
    def _token_labels(self) -> dict[int, set[str]]:
        labels: dict[int, set[str]] = {}
        for key in self.sdoc.spans:
            if not key.startswith(PREFIX):
                continue
            label = key[len(PREFIX):]
            if not (label.startswith(FAMILY) or label == "bodywork"):
                continue
            for span in self.sdoc.spans[key]:
                for i in range(span.start, span.end):
                    labels.setdefault(i, set()).add(label)
        return labels

    def words(self, n: int) -> list[Word]:
        """The words of sentence ``n`` (built once)."""
        found = self._words.get(n)
        if found is None:
            found = self._words[n] = self._build(self.st.sentences[n]) if 0 <= n < len(self.st.sentences) else []
        return found

    def _build(self, sent) -> list[Word]:
        """The sentence's words, from the Doc's arrays (no Token objects)."""
        labels, text, rows = self.labels, self.text, self.rows
        strings = self.sdoc.vocab.strings
        hyphen = strings["-"] if "-" in strings else None
        # blanked markup leaves runs of spaces; double quotes do not break a name ('a method called "Velmora"');
        # a possessive does ("Centeno's treatment" is a person's, not a named technique)
        toks = [i for i in range(sent.tok_start, sent.tok_end)
                if not rows[i][9] and not (rows[i][10] and strings[rows[i][1]] not in "'‘’")]
        words: list[Word] = []
        k, seen = 0, False
        while k < len(toks):
            j = k
            # join "a - b" written without spaces: Quell-Point, double-thumb, Lumbo-Kinetic
            while (j + 2 < len(toks) and not rows[toks[j]][7] and rows[toks[j + 1]][1] == hyphen
                   and not rows[toks[j + 1]][7] and rows[toks[j + 2]][2] and rows[toks[j]][2]):
                j += 2
            first, last = rows[toks[k]], rows[toks[j]]
            start, end = first[8], last[8] + last[6]
            word = text[start:end]
            alpha = all(part.isalpha() for part in word.split("-")) if j > k else bool(first[2])
            members = tuple(toks[m] for m in range(k, j + 1) if rows[toks[m]][1] != hyphen) if j > k else (toks[k],)
            lab = frozenset(x for m in members for x in labels.get(m, ()))
            words.append(Word(word, word.lower(), start, end, members, lab, alpha and not seen,
                              (not alpha) or (j == k and bool(first[3]))))
            seen = seen or alpha
            k = j + 1
        return words

    # -- what counts as a coined word ------------------------------------------------------------
    def _token_known(self, i: int, low: str) -> bool:
        return low in self.kb.words or any(x.startswith(KNOWN) for x in self.labels.get(i, ()))

    def known(self, word: Word) -> bool:
        low = word.low
        if low in self.kb.words or low.replace("-", "") in self.kb.words or norm(low) in self.kb.keys:
            return True
        return all(any(x.startswith(KNOWN) for x in self.labels.get(i, ())) for i in word.tokens)

    def coinage(self, word: Word, title: bool = False) -> bool:
        """True when the word is neither in the lexicon nor ordinary English.

        ``title``: the name is written in Title Case ("Uterine Sarcoma Treatment"), so a capital
        letter does not mark a proper name and the word is judged like a sentence's first word.
        """
        text = word.text
        first = word.first or title
        parts = text.split("-")
        if not all(p.isascii() and p.isalpha() for p in parts) or len(text) < 3 or self.known(word):
            return False
        if text.isupper():  # acronyms (PNF, MET, RICE) are not coinages we can judge
            return False
        if len(parts) > 1:
            known = [self._token_known(i, p.lower()) for i, p in zip(word.tokens, parts)]
            if any(self._rare(p, first and k == 0) for k, p in enumerate(parts) if p and not known[k]):
                return True
            if text[:1].isupper() and self._combined(parts):
                return True  # "Neuro-spinal glide therapy": a combining form glued to a word, never attested
            # a Title-Case compound is a coined brand unless all its parts are common or known words
            # ("Flexo-Tidal" is coined; "Evidence-Based" and "Swedish-Esalen" are not)
            return (all(p[:1].isupper() for p in parts) and not all(known)
                    and min(zipf(p.lower()) for p in parts) < COMPOUND_MIN_ZIPF)
        return self._rare(text, first)

    def _combined(self, parts: list[str]) -> bool:
        low = [p.lower() for p in parts]
        joined = "".join(low)
        return (low[0] in self.kb.morphology.combining and zipf(joined) == 0
                and joined not in self.kb.words and joined not in self.kb.keys)

    def _rare(self, text: str, first: bool) -> bool:
        low = text.lower()
        m = self.kb.morphology
        if len(low) < 3 or low in self.kb.words or norm(low) in self.kb.keys or text.isupper():
            return False
        if text[:1].isupper():
            limit = CAPITAL_MIN_ZIPF if first else PROPER_MIN_ZIPF
        else:
            limit = LOWER_MIN_ZIPF
        z = zipf(low)
        if z >= limit:
            return False
        if z > 0 and (low.endswith(m.adjective) or (limit < PROPER_MIN_ZIPF and low.endswith(m.latinate))):
            return False
        if text.islower() and any(low.startswith(p) and zipf(low[len(p):]) >= SPLIT_MIN_ZIPF for p in m.prefixes):
            return False  # "nonhormonal", "prewarmed"
        # an attested closed compound of two ordinary words ("handgrip", "neurofeedback") is ordinary
        return not (text.islower() and z > 0 and any(zipf(low[:k]) >= SPLIT_MIN_ZIPF and zipf(low[k:]) >= SPLIT_MIN_ZIPF
                                                     for k in range(3, len(low) - 2)))

    def eponym(self, word: Word, run: list[Word]) -> bool:
        """An unknown surname leading a Title-Case name of real words: "Marlowe Pelvic Unwinding".

        Real eponymous methods are listed (Mulligan, McKenzie, Bowen ...); a word with the ending of
        an ordinary noun ("Serenity", "Radiance") or one English inflects ("Oasis"/"oases") is not a
        surname, and a run that holds a real modality ("Maui Lomilomi Massage") is a place's style.
        """
        text, low = word.text, word.low
        if (len(run) < 2 or not text[:1].isupper() or text.isupper() or not text.isalpha() or len(text) < 3
                or self.known(word) or zipf(low) >= EPONYM_MAX_ZIPF or low.endswith(self.kb.morphology.noun_endings)
                or self.lemma_known(low)):
            return False
        return all(w.text[:1].isupper() and not w.has("known-places") and "bodywork" not in w.labels for w in run)

    def blend(self, run: list[Word]) -> list[str]:
        """The real traditions a name joins, when it joins three or more: "Balinese-Swedish Lomi rolling therapy".

        A known name of several words ("instrument-assisted soft tissue mobilization") is one tradition.
        """
        if any(w.has("blend") for w in run):
            return []  # "a Swedish-Esalen blend", "Thai-Balinese fusion": honest about what it is
        atoms = [x for x in self.st.atoms_in(run[0].tokens[0], run[-1].tokens[-1] + 1) if x.label in TRADITION]
        widest = [x for x in atoms if not any(o.start <= x.start and x.end <= o.end and o.end - o.start > x.end - x.start
                                              for o in atoms)]
        starts = sorted({(x.start, x.end) for x in widest})
        if len(starts) < BLEND_TRADITIONS:
            return []
        text = self.text
        return [text[self.sdoc[a].idx:self.sdoc[b - 1].idx + len(self.sdoc[b - 1])] for a, b in starts]

    def ends_name(self, word: Word) -> bool:
        """A word a name does not run across to its left: a stop word, a verb, an adverb, a plural."""
        low = word.low
        if (word.stop and not word.has("known-anatomy")) or word.has("break") or word.has("title"):
            return True  # "back" is a stop word but a body part in a name ("the Ruvalco back bridge")
        if word.text.islower() and "-" not in low and not self.is_head(word):
            if low.endswith("ly"):
                return not self.known(word)  # "gently" ends a name; "belly" (anatomy) does not
            return low.endswith("ed") or (low.endswith("s") and not low.endswith(("ss", "us", "is")))
        return False

    def is_head(self, word: Word) -> bool:
        return not word.stop and len(word.tokens) == 1 and word.has("head")

    def is_org(self, word: Word) -> bool:
        return word.text[:1].isupper() and word.has("org")

    # -- the document -----------------------------------------------------------------------------
    def _about_bodywork(self) -> bool:
        """The article is about massage, bodywork or manual therapy: it names one (or a practitioner)."""
        return self.st.count("bodywork") > 0 or self.st.count("technique-practitioner") > 0

    def _suspects(self) -> list[int]:
        """The sentences that hold a word the gate could take: a rare word, a capitalised compound, or
        several traditions ("Balinese Swedish Lomi ... massage"). One pass over the Doc's arrays."""
        sdoc, st, labels = self.sdoc, self.st, self.labels
        rows = self.rows
        strings = sdoc.vocab.strings
        hyphen = strings["-"] if "-" in strings else None
        tokens: list[int] = []
        for i, (low, orth, alpha, stop, upper, title, length, space, *_rest) in enumerate(rows):
            if alpha:
                if not stop and length > 2 and not upper and _uncommon(strings[low]) and not any(
                        x.startswith(KNOWN) for x in labels.get(i, ())) and strings[low] not in self.kb.words:
                    tokens.append(i)
            elif orth == hyphen and not space and i and not rows[i - 1][7] and rows[i - 1][5]:
                tokens.append(i)
        found = {st.sentence_of_token(i) for i in tokens}
        per_sentence: dict[int, int] = {}
        for a in st.atoms:
            if a.label in TRADITION:
                sent = st.sentence_of_token(a.start)
                if sent is not None:
                    per_sentence[sent.index] = per_sentence.get(sent.index, 0) + 1
        out = {s.index for s in found if s is not None}
        out |= {k for k, v in per_sentence.items() if v >= BLEND_TRADITIONS + 1}  # the head is one too
        return sorted(out)

    def near_cue(self, n: int, span: tuple[int, int]) -> bool:
        """A massage word, outside the name itself, in its sentence or the one before or after it."""
        st = self.st
        for k in range(max(0, n - 1), min(len(st.sentences), n + 2)):
            s = st.sentences[k]
            atoms = st.atoms_in(s.tok_start, s.tok_end)
            plain = [(x.start, x.end) for x in atoms if x.label == "technique-not-cue"]
            for a in atoms:
                if a.label in CUES and not span[0] <= self.sdoc[a.start].idx < span[1] \
                        and not any(p <= a.start < q for p, q in plain):
                    return True
        return False

    def _run(self) -> None:
        found: list[Name] = []
        total = len(self.st.sentences)
        for n in self._suspects():
            words = self.words(n)
            found += self._headed(n, words)
            found += self._called(n, words)
            found += self._term_for(n, words)
            found += self._framed(n, words)
            if n + 1 < total:
                found += self._introduced(n, words, self.words(n + 1))
            found += self._defined(n, words, self.words(n + 1) if n + 1 < total else [])
        # a name can have two heads ("Velkran spiral compression"): keep the longest span
        merged: list[Name] = []
        for name in sorted(found, key=lambda x: (x.start, -x.end)):
            if merged and name.start < merged[-1].end:
                last = merged[-1]
                merged[-1] = Name(last.start, max(last.end, name.end),
                                  last.coined + tuple(c for c in name.coined if c not in last.coined),
                                  last.kind, last.real)
            else:
                merged.append(name)
        self.found = merged

    def _add(self, found: list, n: int, words: list[Word], start, last, coined, kind="coined", real=()) -> None:
        """Record words[start:last+1] as a made-up name unless it is an organisation or a known name."""
        if start is None or any(self.is_org(w) for w in words[start:last + 1]):
            return
        begin, end = words[start].start, words[last].end
        if not self.near_cue(n, (begin, end)):
            return
        text = self.text
        if kind != "blend":
            for stop in (last, last - 1):  # with and without its head noun ("Bowen" + "technique")
                if stop >= start and any(key in self.kb.keys for key in keys_of(text[begin:words[stop].end])):
                    return
        found.append(Name(begin, end, tuple(coined), kind, tuple(real)))

    # -- the shapes ------------------------------------------------------------------------------
    def _headed(self, n: int, words: list[Word]) -> list:
        """Names that end in a head noun: "Korvath twin-palm press", "Marlowe Pelvic Unwinding"."""
        found: list = []
        for i, word in enumerate(words):
            if not self.is_head(word) or (i + 1 < len(words) and (
                    self.is_org(words[i + 1]) or words[i + 1].has("product"))):
                continue  # "Northside Bodywork Clinic", "the Hydrotherm massage system": not a technique
            first = i
            while first > 0 and i - first < MAX_MODIFIERS and not self.ends_name(words[first - 1]):
                first -= 1
            run = words[first:i + 1]
            traditions = self.blend(run)
            if traditions:
                k = next(k for k in range(first, i) if words[k].labels & {"technique-known-places", "bodywork"})
                self._add(found, n, words, k, i, traditions, kind="blend")
                continue
            title = word.text[:1].isupper()
            start, coined = None, []
            for k in range(i - 1, first - 1, -1):
                mod = words[k]
                person = k and words[k - 1].has("title")  # "Dr. Lindqvist"
                if person:
                    continue
                if self.coinage(mod, title=title) or (k == first and self.eponym(mod, words[k + 1:i + 1])):
                    start = k
                    coined.append(mod.text)
            self._add(found, n, words, start, i, coined)
        return found

    def _called(self, n: int, words: list[Word]) -> list:
        """Names introduced as "a technique called X", "a healing art known as X", "we call it the X"."""
        found: list = []
        for i, word in enumerate(words):
            j = i + 1
            if word.has("call-it") and not word.has("naming"):
                if i and words[i - 1].has("call-it"):
                    continue  # the pronoun of "call it"
                j += 1  # "we call it the Orvetta melt", "therapists call this the X"
            elif not word.has("naming") or (i + 1 < len(words) and words[i + 1].has("naming")):
                continue  # "known as": the name follows the last word of the cue
            else:
                before = words[max(0, i - 5):i]
                if not any(self.is_head(w) or w.has("kind") or w.has("naming-kind") for w in before):
                    continue
            if j < len(words) and words[j].low == "the":
                j += 1
            first = j
            while j < len(words) and j - first < MAX_NAME and not self.ends_name(words[j]):
                j += 1
            coined = [w.text for w in words[first:j] if self.coinage(w)]
            if coined:
                self._add(found, n, words, first, j - 1, coined)
        return found

    def _term_for(self, n: int, words: list[Word]) -> list:
        """A made-up name given to a real modality: "The term for Thai massage is Xuryaparni"."""
        found: list = []
        for i, word in enumerate(words):
            if not word.has("term-for") or (i + 1 < len(words) and words[i + 1].has("term-for")):
                continue
            j = i + 1
            while j < len(words) and "bodywork" in words[j].labels:
                j += 1
            if j == i + 1 or j >= len(words) or not words[j].has("copula"):
                continue
            modality = " ".join(w.text for w in words[i + 1:j])
            j += 1
            if j < len(words) and words[j].has("naming"):
                j += 1
            first = j
            while j < len(words) and j - first < MAX_NAME and not self.ends_name(words[j]):
                j += 1
            coined = [w.text for w in words[first:j] if self.coinage(w)]
            real = next((self.kb.names_of[k] for k in keys_of(modality) if k in self.kb.names_of), [modality])
            if coined:
                self._add(found, n, words, first, j - 1, coined, kind="term", real=real)
        return found

    def _framed(self, n: int, words: list[Word]) -> list:
        """Names revealed by how the sentence describes them, whatever their head noun."""
        found: list = []
        for i, word in enumerate(words):
            tail = words[i + 1:]
            if word.text == "," and (self._appositive(tail[:10]) or self._where(tail[:6]) or self._participle(tail[:7])
                                     or (words[0].has("lead") and words[1:2] and words[1].low == "the" and i > 3
                                         and self._agent(tail[:4]))):
                self._name_before(found, n, words, i)
            elif word.has("verb") and self._subject_at(words, i) and any(w.has("manual") for w in tail[:7]):
                self._name_before(found, n, words, i)
            elif (word.has("made") and i > 1 and (words[i - 1].has("copula") or words[i - 1].text == ",")
                  and tail and tail[0].low == "by" and any(w.has("maker") for w in tail[1:5])):
                self._name_before(found, n, words, i - 1)
            elif word.has("weak-head") and not word.stop and any(w.has("manual") for w in tail[:5]):
                self._name_before(found, n, words, i + 1)  # "the Ulvessa system of deep strokes"
        return found

    @staticmethod
    def _appositive(tail: list[Word]) -> bool:
        """", a rhythmic pressing pattern from ...": the noun phrase after "a" ends in a kind of technique,
        or is an action of the hands: ", a slow circling of the hips", ", a patter of fingertips"."""
        if not tail or not tail[0].has("indefinite"):
            return False
        chunk: list[Word] = []
        for w in tail[1:]:
            if w.stop:
                break
            chunk.append(w)
        if not chunk:
            return False
        rest = tail[len(chunk) + 1:]
        if chunk[-1].has("kind"):
            return True
        # ", a patter of fingertips": only the giver's hands, not "a system of pressure points"
        return bool(rest) and rest[0].low == "of" and (chunk[-1].low.endswith("ing")
                                                       or any(w.has("hand") for w in rest[1:4]))

    @staticmethod
    def _participle(tail: list[Word]) -> bool:
        """", pressing both thumbs ...", ", done barefoot on the client's back": a clause of hands-on work."""
        if not tail:
            return False
        if tail[0].has("manual") and tail[0].low.endswith("ing"):
            return True
        return tail[0].has("done") and any(w.has("manual") or w.has("cue") for w in tail[1:7])

    @staticmethod
    def _agent(tail: list[Word]) -> bool:
        """"the therapist drags ...", "the therapist's thumbs ...": a therapist doing something."""
        if not tail or tail[0].low != "the":
            return False
        rest = tail[1:]
        if len(rest) > 2 and not rest[0].has("agent"):
            rest = rest[1:]  # "the massage therapist swings"
        if len(rest) < 2 or not rest[0].has("agent"):
            return False
        verb = rest[1]
        return verb.low == "'s" or (verb.low.endswith("s") and not verb.low.endswith("ss") and not verb.has("abode"))

    @classmethod
    def _where(cls, tail: list[Word]) -> bool:
        """", where the therapist swings ...", ", in which both thumbs ...": the name is what hands do."""
        if tail[:1] and tail[0].has("where") and tail[0].low == "in":
            tail = tail[1:]
        if len(tail) < 4 or not tail[0].has("where"):
            return False
        if tail[1].low == "the" and (tail[2].has("agent") or tail[3].has("agent")):
            return cls._agent(tail[1:])
        return tail[1].has("both") and tail[2].has("manual")

    def _subject_at(self, words: list[Word], i: int) -> bool:
        """words[:i] are a sentence's subject: "The"/"Our" and the name; a bare capitalised subject
        is as often a person ("Mariska uses her forearms"), so it is not taken, nor is a verb whose
        object is someone's own ("uses her forearms")."""
        k = i - 1
        while k >= 0 and not self.ends_name(words[k]):
            k -= 1
        if k != 0 or not words[0].has("determiner") or k + 1 == i:
            return False
        return not (i + 1 < len(words) and words[i + 1].has("possessive"))

    def _introduced(self, n: int, words: list[Word], following: list[Word]) -> list:
        """A name the next sentence calls a technique: "... learned the Gelvano rib harp in Lisbon.
        In this technique, the therapist ..." Only names of two or more words after "the"/"our"."""
        lead = following[:4]
        if lead[:1] and lead[0].has("intro"):
            lead = lead[1:]
        if len(lead) < 2 or not lead[0].has("this") or not lead[1].has("kind"):
            return []
        found: list = []
        for i, word in enumerate(words):
            if not word.has("name-opener"):
                continue
            j = i + 1
            while j < len(words) and j - i <= MAX_NAME and not self.ends_name(words[j]):
                j += 1
            if j - i > 2:
                self._name_in(found, n, words, i + 1, j)
        return found

    def _name_before(self, found: list, n: int, words: list[Word], i: int) -> None:
        """The name that ends just before words[i]: up to four words a name does not run across."""
        k = i - 1
        while k >= 0 and i - k <= MAX_NAME and not self.ends_name(words[k]):
            k -= 1
        self._name_in(found, n, words, k + 1, i)

    def _name_in(self, found: list, n: int, words: list[Word], first: int, stop: int) -> None:
        """words[first:stop] are a name: flag it from its first coined word if it has one."""
        run = words[first:stop]
        if not run or any(w.has("maker") for w in run):
            return  # "our therapist Mariska", "the physio Kovalenko": a person, not a technique
        last = run[-1]
        if last.has("org") or (last.has("product") and not last.has("weak-head")):
            return  # "the Kowloon branch", "the Garmin watch": a place of business, a product
        title = last.text[:1].isupper()
        coined = [k for k, w in enumerate(run, first)
                  if not (k and words[k - 1].has("title")) and self.coinage(w, title=title)]
        if coined:
            self._add(found, n, words, coined[0], stop - 1, [words[k].text for k in coined])

    def _defined(self, n: int, words: list[Word], following: list[Word]) -> list:
        """Names defined as techniques: "Velmora is a gentle technique ...", "4. Velmora. A new method ..."."""
        content = [k for k, w in enumerate(words) if not w.stop]
        if not content:
            return []
        first = last = content[0]
        while last + 1 < len(words) and last - first < MAX_NAME - 1 and not words[last + 1].stop:
            last += 1
        rest = words[last + 1:]
        if len(rest) > 1 and rest[0].low == "is" and rest[1].has("indefinite"):
            tail = rest[2:7]          # "X is a gentle Scandinavian technique"
        elif all(w.stop for w in rest) and following and (following[0].has("indefinite") or following[0].has("this")):
            tail = following[1:6]     # a list item "X." then "A new technique with ..."
        else:
            return []
        if not any(w.has("definer") for w in tail):
            return []
        coined = [w.text for w in words[first:last + 1] if self.coinage(w)]
        found: list = []
        if coined:
            self._add(found, n, words, first, last, coined)
        return found
