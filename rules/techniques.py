"""Technique names (HL3xx): made-up and spinner-garbled massage and bodywork techniques.

Spun and careless articles invent techniques ("the Korvath twin-palm press",
"brunder therapy") or garble real ones ("warm rock massage"). Real modalities,
however rare, are never flagged: they are listed in ``rules/data/techniques/``
with a source each. A name is found by its shape, not by listing made-up names:
a head noun ("therapy", "method", "press", "unwinding", "bloom" ...), or a frame that
shows a name whatever its head ("the X, a rhythmic pressing pattern", "the X, where
the therapist ...", "The X involves ... strokes", "developed by a masseur",
"... the X. In this technique ..."). It is flagged only if a word in it
is a coinage, i.e. neither in the lexicon nor ordinary English (word frequencies from
``wordfreq``), or a capitalised hyphenated brand-style compound ("Flexo-Tidal Unwinding"). Only articles about
massage or bodywork are checked, and only names near a massage word, so a drug or
device name in a medical article is left alone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from wordfreq import zipf_frequency

from healthlint.document import Document
from healthlint.fixes import replace_words
from healthlint.knowledge import load
from healthlint.rule import Rule

# Zipf frequency below which a word is not ordinary English (per million words: 10**(z-3)).
LOWER_MIN_ZIPF = 2.0        # a lowercase word ("jurch" 0.0; "myofascial" is in the lexicon)
CAPITAL_MIN_ZIPF = 2.5      # a capitalised word starting a sentence ("Halvorsen" 1.97)
PROPER_MIN_ZIPF = 3.0       # a capitalised word inside a sentence: a name ("Mayo" 3.7 is ordinary)
COMPOUND_MIN_ZIPF = 4.0     # a Title-Case compound whose rarest part is below this is a coined brand
MAX_MODIFIERS = 3           # words a name may have before its head noun
PREFIXES = ("non", "anti", "pre", "post", "re", "un", "over", "under", "semi", "multi", "inter", "intra",
            "sub", "super", "hyper", "hypo", "micro", "mini", "self", "co", "counter", "out", "de", "dis")
NAMING = {"called", "named", "dubbed", "termed", "branded", "labelled", "labeled"}
KINDS = {"style", "styles", "modality", "modalities"}
DEFINERS = {"technique", "method", "therapy", "massage", "approach", "stroke", "modality", "bodywork"}
TITLES = {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "doctor", "sir", "dame", "st", "saint"}
# Attested but rare words with these endings are medical or anatomical terms and inflections
# ("periosteal", "neurostimulation", "microdiscectomy"), not invented names.
# Adjective endings count for any word; the others (drug, chemical and procedure names,
# inflections) only for a word that is not a mid-sentence capitalised name ("Castellane").
ADJECTIVE = re.compile(r"(?:al|ic|ous|ary|oid|ive|ar|ac|ese|ian|ist|ish)$")  # also peoples, beliefs: "Taoist"
LATINATE = re.compile(r"(?:is|us|um|ine|ate|ation|ity|ism|ectomy|otomy|plasty|scopy|osis|itis|ide|ane|ene|ol|"
                      r"mab|nib|aban|pril|sartan|statin|azole|cillin|mycin|ase|ing|ed|er|ers|ist|ists|logy|"
                      r"graphy|pathy|phy|emia|ia|in|ion|sion)$")
NORM = re.compile(r"[^a-z0-9]+")
SKIPPED = {'"', "“", "”", "«", "»"}
FRAME_ROLES = ("kind", "verb", "manual", "maker", "weak-head", "product")
DETERMINERS = {"the", "our", "a", "an", "their", "your", "this", "my", "his", "her"}
WHERE = {"where", "whereby"}
HANDS = {"hand", "hands", "finger", "fingers", "fingertip", "fingertips", "thumb", "thumbs", "palm", "palms",
         "knuckle", "knuckles", "forearm", "forearms", "elbow", "elbows"}
# "Hanalei, where the therapist lives": a place, not a stroke
ABODE = {"lives", "works", "trains", "teaches", "practises", "practices", "is", "has", "was", "comes", "stays",
         "studies", "sees", "runs", "owns", "says", "grows", "learns", "rents", "visits", "returns"}
LEADS = {"with", "using"}  # "With the Maronde spine comb, the therapist ..." (a name of two words or more)
DONE = {"done", "performed", "given", "applied", "delivered", "practised", "practiced"}
POSSESSIVES = {"her", "his", "their", "my", "your"}
AGENTS = {"therapist", "practitioner", "masseur", "masseuse", "bodyworker", "giver", "physio", "physiotherapist"}
MADE = {"developed", "invented", "created", "pioneered", "devised", "designed", "founded", "perfected"}
REFERENCE = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"


def norm(text: str) -> str:
    """A name's key: lowercase letters and digits only ("Lomi Lomi" == "lomilomi")."""
    return NORM.sub("", text.lower())


def _keys(text: str) -> set[str]:
    key = norm(text)
    return {key, key[:-1]} if key.endswith("s") and len(key) > 4 else {key}


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


@dataclass
class Lexicon:
    """Everything HL301/HL302 read from ``rules/data/techniques/*.yaml``, built once."""

    techniques: list[dict] = field(default_factory=list)
    garbles: list[dict] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)      # normalised name/alias -> display name
    words: set[str] = field(default_factory=set)            # words never taken for a coinage
    heads: set[str] = field(default_factory=set)
    breaks: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)             # "Clinic", "Therapeutics": organisation names
    cues: set[str] = field(default_factory=set)             # words of massage context ("therapist", "kneading")
    cue_gate: set[str] = field(default_factory=set)         # "massage", "bodywork": the article's topic
    rare: dict[str, str] = field(default_factory=dict)      # uncommon lexicon word -> display name
    signature: set[str] = field(default_factory=set)        # lexicon words that only bodywork uses ("tuina")
    frames: dict[str, set[str]] = field(default_factory=dict)  # frames.yaml: kind, verb, manual, maker words


@functools.lru_cache(maxsize=8)
def lexicon(extra_dirs: tuple[str, ...], allowed: tuple[str, ...]) -> Lexicon:
    lex = Lexicon()
    for entry in load("techniques", extra_dirs):
        if not isinstance(entry, dict):
            continue
        if entry.get("garble"):
            lex.garbles.append(entry)
        elif entry.get("name"):
            lex.techniques.append(entry)
        elif entry.get("words"):
            words = {str(w).lower() for w in entry["words"]}
            role = entry.get("role")
            if role == "head":
                lex.heads |= words
            elif role == "break":
                lex.breaks |= words
            elif role == "cue":
                lex.cues |= words
            elif role in FRAME_ROLES:
                lex.frames.setdefault(role, set()).update(words)
            else:
                lex.words |= words
                if role == "org":
                    lex.orgs |= words
    lex.cue_gate = {w for w in lex.cues if w.startswith(("massag", "masseu", "bodywork"))}
    for entry in lex.techniques:
        for name in [entry["name"], *entry.get("aliases", [])]:
            name = str(name)
            for key in _keys(name):
                lex.keys.setdefault(key, entry["name"])
            for word in re.split(r"[\s/]+", name.lower()):
                word = word.strip(".,'’()")
                lex.words |= {word, *word.split("-")}
                if len(word) > 3 and zipf(word) < PROPER_MIN_ZIPF:
                    lex.rare.setdefault(word, entry["name"])
    lex.signature = {w for w in lex.rare if zipf(w) < 2.5 and not ADJECTIVE.search(w) and not LATINATE.search(w)}
    for name in allowed:
        for key in _keys(name):
            lex.keys[key] = name
        for word in re.split(r"[\s/]+", name.lower()):
            lex.words |= {word, *word.split("-")}
    return lex


@dataclass
class Word:
    """One word of a sentence: spaCy tokens joined by in-word hyphens ("Quell-Point")."""

    text: str
    start: int
    end: int
    first: bool       # the first word of its sentence (after bullets and numbering)
    stop: bool        # a spaCy stop word, punctuation or number: names never run across it


def sentence_words(sent, doc_text: str) -> list[Word]:
    """The words of a sentence; ``doc_text`` is ``sent.doc.text``, built once per document by the caller."""
    words: list[Word] = []
    # blanked markup leaves runs of spaces; double quotes do not break a name ('a method called "Velmora"');
    # a possessive does ("Centeno's treatment" is a person's, not a named technique)
    tokens = [tok for tok in sent if not tok.is_space and tok.text not in SKIPPED]
    i = 0
    seen_word = False
    while i < len(tokens):
        tok = tokens[i]
        j = i
        # join "a - b" written without spaces: Quell-Point, double-thumb, Lumbo-Kinetic
        while (j + 2 < len(tokens) and not tokens[j].whitespace_ and tokens[j + 1].text == "-"
               and not tokens[j + 1].whitespace_ and tokens[j + 2].is_alpha and tokens[j].is_alpha):
            j += 2
        last = tokens[j]
        text = doc_text[tok.idx:last.idx + len(last.text)]
        alpha = all(part.isalpha() for part in text.split("-"))
        stop = (not alpha) or (j == i and tok.is_stop)
        words.append(Word(text, tok.idx, last.idx + len(last.text), first=alpha and not seen_word, stop=stop))
        if alpha:
            seen_word = True
        i = j + 1
    return words


class _Techniques:
    """Shared matching for the HL3xx rules."""

    def _setup(self, nlp, settings):
        self.lex = lexicon(tuple(settings.data_dirs), tuple(settings.allowed_techniques))
        self.choices = {name.lower(): entry["name"] for entry in self.lex.techniques
                        for name in [entry["name"], *entry.get("aliases", [])]
                        if len(str(name)) > 4 and not str(name).isupper()}

    # -- what counts as a coined word -------------------------------------
    def known(self, word: str) -> bool:
        low = word.lower()
        return low in self.lex.words or low.replace("-", "") in self.lex.words or norm(low) in self.lex.keys

    def coinage(self, word: Word, title: bool = False) -> bool:
        """True when the word is neither in the lexicon nor ordinary English.

        ``title``: the name is written in Title Case ("Uterine Sarcoma Treatment"), so a capital
        letter does not mark a proper name and the word is judged like a sentence's first word.
        """
        text = word.text
        first = word.first or title
        parts = text.split("-")
        if not all(p.isascii() and p.isalpha() for p in parts) or len(text) < 3 or self.known(text):
            return False
        if text.isupper():  # acronyms (PNF, MET, RICE) are not coinages we can judge
            return False
        if len(parts) > 1:
            if any(self._rare(p, first and k == 0) for k, p in enumerate(parts) if p):
                return True
            # a Title-Case compound is a coined brand unless all its parts are common or known words
            # ("Flexo-Tidal" is coined; "Evidence-Based" and "Swedish-Esalen" are not)
            return (all(p[:1].isupper() for p in parts) and not all(self.known(p) for p in parts)
                    and min(zipf(p.lower()) for p in parts) < COMPOUND_MIN_ZIPF)
        return self._rare(text, first)

    def _rare(self, text: str, first: bool) -> bool:
        low = text.lower()
        if len(low) < 3 or self.known(low) or text.isupper():
            return False
        if text[:1].isupper():
            limit = CAPITAL_MIN_ZIPF if first else PROPER_MIN_ZIPF
        else:
            limit = LOWER_MIN_ZIPF
        z = zipf(low)
        if z >= limit:
            return False
        if z > 0 and (ADJECTIVE.search(low) or (limit < PROPER_MIN_ZIPF and LATINATE.search(low))):
            return False
        if text.islower() and any(low.startswith(p) and zipf(low[len(p):]) >= 3.0 for p in PREFIXES):
            return False  # "nonhormonal", "prewarmed"
        # an attested closed compound of two ordinary words ("handgrip", "neurofeedback") is ordinary
        return not (text.islower() and z > 0 and any(zipf(low[:k]) >= 3.0 and zipf(low[k:]) >= 3.0
                                                     for k in range(3, len(low) - 2)))

    def ends_name(self, word: Word) -> bool:
        """A word a name does not run across to its left: a stop word, a verb, an adverb, a plural."""
        low = word.text.lower()
        if (word.stop and low != "back") or low in self.lex.breaks or low in TITLES:
            return True  # "back" is a spaCy stop word but a body part in a name ("the Ruvalco back bridge")
        if word.text.islower() and "-" not in low and low not in self.lex.heads:
            if low.endswith("ly"):
                return low not in self.lex.words  # "gently" ends a name; "belly" (anatomy) does not
            return low.endswith("ed") or (low.endswith("s") and not low.endswith(("ss", "us", "is")))
        return False

    def is_head(self, word: Word) -> bool:
        return not word.stop and word.text.lower() in self.lex.heads

    def is_org(self, word: Word) -> bool:
        return word.text[:1].isupper() and word.text.lower() in self.lex.orgs

    def about_bodywork(self, doc) -> bool:
        """The article is about massage or bodywork: it names one (or a rare modality)."""
        return any(tok.lower_ in self.lex.cue_gate or tok.lower_ in self.lex.signature for tok in doc)

    def near_cue(self, sents: list, n: int, span: tuple[int, int]) -> bool:
        """A massage word, outside the name itself, in its sentence or the one before or after it."""
        return any((tok.lower_ in self.lex.cues or tok.lower_ in self.lex.signature)
                   and not span[0] <= tok.idx < span[1]
                   for sent in sents[max(0, n - 1):n + 2] for tok in sent)

    def suggest(self, name: str, coined: list[str]) -> str | None:
        """The closest real technique, when one is close (a misspelling rather than an invention)."""
        best = process.extractOne(name.lower(), self.choices.keys(), scorer=fuzz.ratio, score_cutoff=85)
        if best:
            return self.choices[best[0]]
        for word in coined:
            hit = process.extractOne(word.lower(), self.lex.rare.keys(), scorer=fuzz.ratio, score_cutoff=84)
            if hit:
                return self.lex.rare[hit[0]]
        return None


class UnknownTechnique(_Techniques, Rule):
    r"""Flags a massage or bodywork technique name that does not exist ("brunder therapy").

    Why: spun and careless articles invent techniques, or dress a plain stroke up
    as a named method with an invented inventor; readers then ask a therapist for
    something no one is trained in. A name is flagged when a word in it is neither
    a known modality (rules/data/techniques/) nor ordinary English. Real rare
    modalities (tuina, lomilomi, Trager, Watsu, Ortho-Bionomy) are in the lexicon;
    add your clinic's own method to `allowed_techniques` in the config.

    Bad: A skilled massage therapist will finish with a technique called brunder therapy.
    Bad: For sciatica our massage therapists use the Korvath twin-palm press on the buttock muscles.
    Bad: After the race, try a massage with the Flexo-Tidal Unwinding of the calves.
    Bad: We finish every massage with the Zentrova spinal bloom, a rhythmic pressing pattern down the back.
    Bad: Next comes the Tessivar pendulum, where the massage therapist swings the relaxed leg to and fro.
    Good: Lomi lomi and tuina are traditional forms of massage, and Watsu is done in warm water.
    Good: We start with a gentle technique and slow strokes, then a relaxing neck massage.
    Good: Some therapists use the Trager approach or Ortho-Bionomy for stiff shoulders.
    Good: Hellerwork, a series of eleven deep bodywork sessions, grew out of Rolfing structural integration.
    Good: Anneliese, a licensed massage therapist, finishes with the shoulder sweep, a long gliding stroke.
    Use instead: the real name of the technique, or a plain description of what the therapist does.
    """

    code = "HL301"
    name = "unknown-technique"
    category = "technique"
    severity = "warning"
    reference = REFERENCE

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self._setup(nlp, settings)

    def spans(self, doc: Document):
        """(start, end, coined words) of every made-up name in the document."""
        found: list[tuple[int, int, list[str]]] = []
        if not self.about_bodywork(doc.spacy):
            return found
        sents = [sent for sent in doc.spacy.sents if not sent.text.isspace()]
        doc_text = doc.spacy.text  # Doc.text joins every token: build it once per document
        for n, sent in enumerate(sents):
            words = sentence_words(sent, doc_text)
            for i, word in enumerate(words):
                if not self.is_head(word) or (i + 1 < len(words) and (
                        self.is_org(words[i + 1]) or words[i + 1].text.lower() in self.lex.frames.get("product", ()))):
                    continue  # "Northside Bodywork Clinic", "the Hydrotherm massage system": not a technique
                start = None
                coined: list[str] = []
                for k in range(i - 1, max(-1, i - 1 - MAX_MODIFIERS), -1):
                    mod = words[k]
                    if self.ends_name(mod):
                        break
                    person = k and words[k - 1].text.lower() in TITLES  # "Dr. Lindqvist"
                    if not person and self.coinage(mod, title=word.text[:1].isupper()):
                        start = k
                        coined.append(mod.text)
                self._add(found, doc, sents, n, words, start, i, coined)
            found += self._called(doc, sents, n, words)
            found += self._framed(doc, sents, n, words)
            if n + 1 < len(sents):
                found += self._introduced(doc, sents, n, words, sentence_words(sents[n + 1], doc_text))
            found += self._defined(doc, sents, n, words, sentence_words(sents[n + 1], doc_text)
                                   if n + 1 < len(sents) else [])
        # a name can have two heads ("Velkran spiral compression"): keep the longest span
        merged: list[list] = []
        for start, end, coined in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
                merged[-1][2] += [c for c in coined if c not in merged[-1][2]]
            else:
                merged.append([start, end, coined])
        return merged

    def _add(self, found, doc, sents, n, words, start, last, coined) -> None:
        """Record words[start:last+1] as a made-up name unless it is an organisation or a known name."""
        if start is None or any(self.is_org(w) for w in words[start:last + 1]):
            return
        begin, end = words[start].start, words[last].end
        if not self.near_cue(sents, n, (begin, end)):
            return
        for stop in (last, last - 1):  # with and without its head noun ("Bowen" + "technique")
            if stop >= start and any(key in self.lex.keys for key in _keys(doc.text[begin:words[stop].end])):
                return
        found.append((begin, end, coined))

    def _called(self, doc, sents, n, words) -> list:
        """Names introduced as "a technique called X", "a method known as X"."""
        found: list = []
        for i, word in enumerate(words):
            low = word.text.lower()
            j = i + 1
            if low in ("call", "calls") and j + 1 < len(words) and words[j].text.lower() in ("it", "this", "that"):
                j += 1  # "we call it the Orvetta melt", "therapists call this the X"
            elif not (low in NAMING or (low == "as" and i and words[i - 1].text.lower() == "known")):
                continue
            else:
                before = words[max(0, i - 4):i]
                if not any(w.text.lower() in self.lex.heads or w.text.lower() in KINDS for w in before):
                    continue
            if j < len(words) and words[j].text.lower() == "the":
                j += 1
            first = j
            while j < len(words) and j - first < 4 and not self.ends_name(words[j]):
                j += 1
            coined = [w.text for w in words[first:j] if self.coinage(w)]
            if coined:
                self._add(found, doc, sents, n, words, first, j - 1, coined)
        return found

    def _framed(self, doc, sents, n, words) -> list:
        """Names revealed by how the sentence describes them, whatever their head noun.

        "the Zentrova spinal bloom, a rhythmic pressing pattern ...", "the X, where the therapist
        swings ...", "The X involves slow forearm strokes ...", "The X was developed by a Danish
        masseur". The words of these frames are data (frames.yaml); the name is
        still flagged only if one of its words is a coinage.
        """
        kinds, verbs, manual, makers, weak, _ = (self.lex.frames.get(role, set()) for role in FRAME_ROLES)
        lows = [w.text.lower() for w in words]
        found: list = []
        for i, low in enumerate(lows):
            if low == "," and (self._appositive(words[i + 1:i + 11], kinds, manual)
                               or self._where(lows[i + 1:i + 7], manual)
                               or self._participle(lows[i + 1:i + 8], manual)
                               or (lows[0] in LEADS and lows[1:2] == ["the"] and i > 3
                                   and self._agent(lows[i + 1:i + 5]))):
                self._name_before(found, doc, sents, n, words, i)
            elif (low in verbs and self._subject_at(words, i)
                  and any(w in manual for w in lows[i + 1:i + 8])):
                self._name_before(found, doc, sents, n, words, i)
            elif (low in MADE and i > 1 and lows[i - 1] in ("was", "is", "were", ",") and i + 1 < len(lows)
                  and lows[i + 1] == "by" and any(w in makers for w in lows[i + 2:i + 6])):
                self._name_before(found, doc, sents, n, words, i - 1)
            elif low in weak and not words[i].stop and any(w in manual for w in lows[i + 1:i + 6]):
                self._name_before(found, doc, sents, n, words, i + 1)  # "the Ulvessa system of deep strokes"
        return found

    @staticmethod
    def _appositive(tail: list[Word], kinds: set[str], manual: set[str]) -> bool:
        """", a rhythmic pressing pattern from ...": the noun phrase after "a" ends in a kind of technique,
        or is an action of the hands: ", a slow circling of the hips", ", a patter of fingertips"."""
        if not tail or tail[0].text.lower() not in ("a", "an"):
            return False
        chunk = []
        for w in tail[1:]:
            if w.stop:
                break
            chunk.append(w.text.lower())
        if not chunk:
            return False
        rest = [w.text.lower() for w in tail[len(chunk) + 1:]]
        if chunk[-1] in kinds:
            return True
        # ", a patter of fingertips": only the giver's hands, not "a system of pressure points"
        return rest[:1] == ["of"] and (chunk[-1].endswith("ing") or any(w in HANDS for w in rest[1:4]))

    def _participle(self, tail: list[str], manual: set[str]) -> bool:
        """", pressing both thumbs ...", ", done barefoot on the client's back": a clause of hands-on work."""
        if not tail:
            return False
        if tail[0] in manual and tail[0].endswith("ing"):
            return True
        return tail[0] in DONE and any(w in manual or w in self.lex.cues for w in tail[1:7])

    def _introduced(self, doc, sents, n, words, following) -> list:
        """A name the next sentence calls a technique: "... learned the Gelvano rib harp in Lisbon.
        In this technique, the therapist ..." Only names of two or more words after "the"/"our"."""
        lead = [w.text.lower() for w in following[:4]]
        if lead[:1] in (["in"], ["with"], ["during"]):
            lead = lead[1:]
        kinds = self.lex.frames.get("kind", set())
        if len(lead) < 2 or lead[0] not in ("this", "that") or lead[1] not in kinds:
            return []
        found: list = []
        for i, word in enumerate(words):
            if word.text.lower() not in ("the", "our"):
                continue
            j = i + 1
            while j < len(words) and j - i <= 4 and not self.ends_name(words[j]):
                j += 1
            if j - i > 2:
                self._name_in(found, doc, sents, n, words, i + 1, j)
        return found

    @staticmethod
    def _agent(tail: list[str]) -> bool:
        """"the therapist drags ...", "the therapist's thumbs ...": a therapist doing something."""
        if tail[:1] != ["the"]:
            return False
        rest = tail[1:]
        if len(rest) > 2 and rest[0] not in AGENTS:
            rest = rest[1:]  # "the massage therapist swings"
        if len(rest) < 2 or rest[0] not in AGENTS:
            return False
        verb = rest[1]
        return verb == "'s" or (verb.endswith("s") and not verb.endswith("ss") and verb not in ABODE)

    @classmethod
    def _where(cls, tail: list[str], manual: set[str]) -> bool:
        """", where the therapist swings ...", ", in which both thumbs ...": the name is what hands do."""
        if tail[:2] == ["in", "which"]:
            tail = tail[1:]
        if len(tail) < 4 or tail[0] not in WHERE | {"which"}:
            return False
        if tail[1] == "the" and (tail[2] in AGENTS or tail[3] in AGENTS):
            return cls._agent(tail[1:])
        return tail[1] in ("the", "both", "two") and tail[2] in manual

    def _subject_at(self, words: list[Word], i: int) -> bool:
        """words[:i] are a sentence's subject: "The"/"Our" and the name; a bare capitalised subject
        is as often a person ("Mariska uses her forearms"), so it is not taken, nor is a verb whose
        object is someone's own ("uses her forearms")."""
        k = i - 1
        while k >= 0 and not self.ends_name(words[k]):
            k -= 1
        if k != 0 or words[0].text.lower() not in DETERMINERS or k + 1 == i:
            return False
        return not (i + 1 < len(words) and words[i + 1].text.lower() in POSSESSIVES)

    def _name_before(self, found, doc, sents, n, words, i) -> None:
        """The name that ends just before words[i]: up to four words a name does not run across."""
        k = i - 1
        while k >= 0 and i - k <= 4 and not self.ends_name(words[k]):
            k -= 1
        self._name_in(found, doc, sents, n, words, k + 1, i)

    def _name_in(self, found, doc, sents, n, words, first, stop) -> None:
        """words[first:stop] are a name: flag it from its first coined word if it has one."""
        run = words[first:stop]
        if not run or any(w.text.lower() in self.lex.frames.get("maker", ()) for w in run):
            return  # "our therapist Mariska", "the physio Kovalenko": a person, not a technique
        last = run[-1].text.lower()
        if last in self.lex.orgs or (last in self.lex.frames.get("product", ())
                                     and last not in self.lex.frames.get("weak-head", ())):
            return  # "the Kowloon branch", "the Garmin watch": a place of business, a product
        title = run[-1].text[:1].isupper()
        coined = [k for k, w in enumerate(run, first)
                  if not (k and words[k - 1].text.lower() in TITLES) and self.coinage(w, title=title)]
        if coined:
            self._add(found, doc, sents, n, words, coined[0], stop - 1, [words[k].text for k in coined])

    def _defined(self, doc, sents, n, words, following) -> list:
        """Names defined as techniques: "Velmora is a gentle technique ...", "4. Velmora. A new method ..."."""
        content = [k for k, w in enumerate(words) if not w.stop]
        if not content:
            return []
        first = content[0]
        last = first
        while last + 1 < len(words) and last - first < 3 and not words[last + 1].stop:
            last += 1
        rest = words[last + 1:]
        if len(rest) and rest[0].text.lower() == "is" and len(rest) > 1 and rest[1].text.lower() in ("a", "an"):
            tail = rest[2:7]          # "X is a gentle Scandinavian technique"
        elif all(w.stop for w in rest) and following and following[0].text.lower() in ("a", "an", "this"):
            tail = following[1:6]     # a list item "X." then "A new technique with ..."
        else:
            return []
        if not any(w.text.lower() in DEFINERS for w in tail):
            return []
        coined = [w.text for w in words[first:last + 1] if self.coinage(w)]
        if not coined:
            return []
        found: list = []
        self._add(found, doc, sents, n, words, first, last, coined)
        return found

    def check(self, doc: Document):
        for start, end, coined in self.spans(doc):
            name = doc.text[start:end]
            suggestion = self.suggest(name, coined)
            if suggestion:
                yield self.finding(doc, start, end,
                                   f"'{name}' is not a known massage or bodywork technique; "
                                   f"did you mean {suggestion}?",
                                   suggestion=suggestion, severity="info")
            else:
                yield self.finding(doc, start, end,
                                   f"'{name}' is not a known massage or bodywork technique: name a real one "
                                   f"or describe what the therapist does.",
                                   suggestion="Use the technique's established name, or describe the "
                                              "strokes plainly; if it is your own method, add it to "
                                              "allowed_techniques.")


class GarbledTechnique(_Techniques, Rule):
    r"""Flags a real technique's name garbled by a synonym spinner ("warm rock massage").

    Why: article spinners swap words for synonyms, so "hot stone massage" becomes
    "warm rock massage" and "sports massage" becomes "sporting activities massage";
    the reader can guess what is meant, but the text reads as machine-rewritten.
    The garbles and the names they stand for are listed in
    rules/data/techniques/garbles.yaml.

    Bad: Warm rock massage is loved by lots of individuals.
    Bad: Sporting activities massage is a sort of massage created for athletes.
    Good: Hot stone massage is loved by many people, and sports massage suits athletes.
    Use instead: the technique's usual name.
    """

    code = "HL302"
    name = "garbled-technique"
    category = "technique"
    severity = "info"
    reference = REFERENCE

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self._setup(nlp, settings)
        self.matcher = _garble_matcher(nlp, tuple(settings.data_dirs), tuple(settings.allowed_techniques))

    def check(self, doc: Document):
        matcher, garbles = self.matcher
        for match_id, start, end in matcher(doc.spacy):
            entry = garbles[doc.spacy.vocab.strings[match_id]]
            span = doc.spacy[start:end]
            yield self.finding(doc, span.start_char, span.end_char,
                               f"'{span.text}' looks like a spinner's rewording of '{entry['means']}'.",
                               suggestion=entry["means"], reference=entry.get("source"),
                               fix=replace_words(doc, span.start_char, span.end_char, entry["means"]))


@functools.lru_cache(maxsize=8)
def _garble_matcher(nlp, extra_dirs: tuple[str, ...], allowed: tuple[str, ...]):
    lex = lexicon(extra_dirs, allowed)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    garbles = {}
    for n, entry in enumerate(lex.garbles):
        key = f"garble-{n}"
        garbles[key] = entry
        text = str(entry["garble"])
        matcher.add(key, [nlp.make_doc(text)])
    return matcher, garbles
