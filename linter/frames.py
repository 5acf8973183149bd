"""Frames: what a statement says, as a sequence of lexicon atoms in one clause.

A frame is data (files with ``kind: frames``): a sequence of *parts*, each a set
of lexicon labels, that must occur in order (or in any order) within one clause
(or sentence), at most ``window`` tokens apart::

    kind: frames
    rule: HL105                      # the rule the file's frames report under
    frames:
      - id: toxin-removal
        topic: toxins                # a myth topic: an article may assert it or debunk it (see ``topics:``)
        when: [[remove, toxin], [toxin, removed], [detox]]   # alternatives; a part may be "a|b"
        order: fixed                 # fixed (default) | free
        window: 8                    # tokens allowed between two parts (default 6)
        scope: clause                # clause (default) | sentence
        needs: [bodywork@context>=2] # labels that must occur: @sentence | @paragraph | @section | @article,
                                     # or @context: in the section, or N times in the article
        unless: [agent-medical]      # labels that veto the frame in its clause
        agent: bodywork              # only when bodywork, not the body or a medicine, acts
        after_topic: toxins          # only in articles that assert this topic elsewhere
        hedge: false                 # does a hedge excuse it? (default true)
        negation: true               # does a negation excuse it? (default true)
        cited: true                  # does a citation excuse it? true (default) | false | info (lowers it to info)
        reported: true               # does reported speech excuse it? (default true)
        severity: error              # default: the rule's
        message: ...                 # what is wrong, with the evidence
        suggestion: ...              # an honest rewrite
        source: https://...          # the evidence

Because the parts are lexicon labels matched on lemmas, one frame covers every
inflection and word order its lists allow; the lists are shared by all frames.
``find`` matches every frame of the document in one pass over its sentences; the
context judge (``linter/judge.py``) then decides which matches are claims.
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field

from .document import Document
from .knowledge import KnowledgeError, documents, where
from .lexicon import word_lists
from .structure import Atom, Sentence, Structure, structure_of

SCOPES = ("sentence", "paragraph", "section", "article", "context")
AGENT_LABELS = ("bodywork", "agent-body", "agent-medical", "agent-selfcare", "pronoun")
NON_BODYWORK = ("agent-body", "agent-medical", "agent-selfcare")
DEFAULT_WINDOW = 6
# words that set a word aside, within SET_ASIDE_REACH tokens before it: a negated veto does not veto,
# and a negated or compared agent does not act
NEGATED = frozenset({"not", "no", "without", "nor", "except"})
COMPARED = NEGATED | {"than", "instead"}
SET_ASIDE_REACH = 4


@dataclass(frozen=True)
class Need:
    labels: frozenset[str]
    scope: str
    minimum: int = 1


@dataclass(frozen=True)
class Frame:
    id: str
    rule: str
    sequences: tuple[tuple[frozenset[str], ...], ...]
    message: str
    suggestion: str | None = None
    source: str | None = None
    order: str = "fixed"
    window: int = DEFAULT_WINDOW
    scope: str = "clause"
    needs: tuple[Need, ...] = ()
    unless: frozenset[str] = frozenset()
    agent: str | None = None
    topic: str | None = None
    after_topic: str | None = None
    hedge: bool = True
    negation: bool = True
    cited: bool | str = True
    reported: bool = True
    severity: str | None = None
    origin: str = ""

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(label for seq in self.sequences for part in seq for label in part)


@dataclass(frozen=True)
class Match:
    frame: Frame
    sentence: Sentence
    start: int  # tokens: the first part's first token ... the last part's last token
    end: int
    own: frozenset[int] = field(default_factory=frozenset)  # token offsets of the matched atoms
    tail: Sentence | None = None  # the list item that completes a frame begun in its intro ("... help with:")


def _need(text: str, origin: str) -> Need:
    labels, _, scope = text.partition("@")
    scope, _, minimum = (scope or "sentence").partition(">=")
    if scope not in SCOPES:
        raise KnowledgeError(f"{origin}: unknown scope {scope!r} in need {text!r} (one of {', '.join(SCOPES)})")
    return Need(frozenset(labels.split("|")), scope, int(minimum or 1))


def _cited(value, origin: str) -> bool | str:
    if value in (True, False, "info"):
        return value
    raise KnowledgeError(f"{origin}: cited must be true, false or info, not {value!r}")


@functools.lru_cache(maxsize=8)
def load_frames(extra_dirs: tuple[str, ...] = ()) -> tuple[Frame, ...]:
    """Every frame of every ``kind: frames`` file, checked against the lexicon's labels."""
    known = set(word_lists(extra_dirs))
    frames: dict[str, Frame] = {}
    for path, data in documents("frames", extra_dirs):
        origin = where(path)
        for item in data.get("frames") or []:
            fid = item.get("id")
            if not fid or not item.get("message"):
                raise KnowledgeError(f"{origin}: every frame needs an id and a message ({item!r:.80})")
            when = item.get("when")
            if not when:
                raise KnowledgeError(f"{origin}: frame {fid!r} has no 'when'")
            if isinstance(when[0], str):
                when = [when]
            sequences = tuple(tuple(frozenset(str(p).split("|")) for p in seq) for seq in when)
            needs = tuple(_need(n, f"{origin}: frame {fid!r}") for n in item.get("needs") or [])
            unless = frozenset(item.get("unless") or [])
            used = {label for seq in sequences for part in seq for label in part} | unless | \
                {label for n in needs for label in n.labels}
            missing = sorted(used - known)
            if missing:
                raise KnowledgeError(f"{origin}: frame {fid!r} uses unknown lexicon lists {missing}")
            rule = item.get("rule") or data.get("rule")
            if not rule:
                raise KnowledgeError(f"{origin}: frame {fid!r} names no rule")
            frames[fid] = Frame(
                fid, rule, sequences, " ".join(str(item["message"]).split()), item.get("suggestion"),
                item.get("source"), item.get("order", "fixed"), int(item.get("window", DEFAULT_WINDOW)),
                item.get("scope", "clause"), needs, unless, item.get("agent"), item.get("topic"),
                item.get("after_topic"), bool(item.get("hedge", True)), bool(item.get("negation", True)),
                _cited(item.get("cited", True), f"{origin}: frame {fid!r}"), bool(item.get("reported", True)),
                item.get("severity"), origin)
    return tuple(frames.values())


class FrameIndex:
    """The frames, indexed by the labels that can start them, for one pass over a document."""

    def __init__(self, frames: tuple[Frame, ...]):
        self.frames = frames
        self.rank = {frame.id: i for i, frame in enumerate(frames)}
        self.by_label: dict[str, list[Frame]] = {}
        for frame in frames:
            firsts = {label for seq in frame.sequences for label in seq[0]} if frame.order == "fixed" \
                else frame.labels
            for label in firsts:
                self.by_label.setdefault(label, []).append(frame)

    def find(self, doc: Document) -> list[Match]:
        st = structure_of(doc)
        out: list[Match] = []
        for sent in st.sentences:
            labels = st.labels_in(sent)
            if not labels:
                continue
            candidates = {f.id: f for label in labels for f in self.by_label.get(label, ())}
            if not candidates:
                continue
            # in the order of the data files, never of a set (whose order changes with the hash seed)
            candidates = sorted(candidates.values(), key=lambda f: self.rank[f.id])
            atoms = _maximal(st.atoms_in(sent.tok_start, sent.tok_end))
            items = _list_items(st, sent)
            for frame in candidates:
                complete = any(all(part & labels for part in seq) for seq in frame.sequences)
                if not complete and not items:
                    continue  # some part of every sequence is missing from the sentence
                found = _matches(st, sent, atoms, frame) if complete else []
                if items and not found:
                    found = _list_matches(st, sent, atoms, items, frame)
                for match in found:
                    if _needs_met(st, sent, frame) and not _vetoed(st, sent, match, frame):
                        out.append(match)
        return out


def _maximal(atoms: list[Atom]) -> list[Atom]:
    """Drop an atom inside a longer one of the same list: "Don't waste money on" wins over "waste money on"."""
    by_label: dict[str, list[Atom]] = {}
    for a in atoms:
        by_label.setdefault(a.label, []).append(a)
    return [a for a in atoms if not any(o is not a and o.start <= a.start and a.end <= o.end
                                        and o.end - o.start > a.end - a.start for o in by_label[a.label])]


LIST_ITEM_MAX_TOKENS = 20  # a list item is short
LIST_MAX_ITEMS = 12


def _list_items(st: Structure, intro: Sentence) -> list[Sentence]:
    """The items of a list that ``intro`` opens ("It can help people with:" + one item a line)."""
    prose = st.prose
    if not prose[intro.start:intro.end].rstrip().endswith(":"):
        return []
    items, prev = [], intro
    while len(items) < LIST_MAX_ITEMS:
        nxt = st.neighbour(prev, 1)
        if nxt is None or nxt.heading or nxt.tok_end - nxt.tok_start > LIST_ITEM_MAX_TOKENS:
            break
        gap = prose[prev.end:nxt.start]
        if gap.count("\n") > 2 or prose[nxt.start:nxt.end].rstrip().endswith(":"):
            break
        items.append(nxt)
        prev = nxt
    return items


def _list_matches(st: Structure, intro: Sentence, atoms: list[Atom], items: list[Sentence], frame: Frame):
    """Matches whose last part is in one list item and the rest at the end of the intro."""
    out = []
    for item in items:
        shift = intro.tok_end - item.tok_start
        moved = [Atom(a.start + shift, a.end + shift, a.label)
                 for a in _maximal(st.atoms_in(item.tok_start, item.tok_end))]
        for m in _matches(st, intro, atoms + moved, frame, scope="sentence"):
            if m.end <= intro.tok_end:
                continue  # found within the intro alone
            own = frozenset(i if i < intro.tok_end else i - shift for i in m.own)
            out.append(Match(frame, intro, m.start, intro.tok_end, own, item))
    return out


def _matches(st: Structure, sent: Sentence, atoms: list[Atom], frame: Frame, scope: str | None = None):
    """Non-overlapping matches of the frame's sequences in one sentence, leftmost first."""
    found = []
    for seq in frame.sequences:
        orders = itertools.permutations(seq) if frame.order == "free" and len(seq) > 1 else (seq,)
        for parts in orders:
            found += _sequence(st, sent, atoms, frame, parts, scope or frame.scope)
    # the tightest match first: "a balanced diet boosts your immune system" is "boosts ... immune system"
    found.sort(key=lambda m: (m.end, -m.start))
    kept: list[Match] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _sequence(st: Structure, sent: Sentence, atoms: list[Atom], frame: Frame, parts, scope: str) -> list[Match]:
    out = []
    for first in atoms:
        if first.label not in parts[0]:
            continue
        chain = [first]
        for part in parts[1:]:
            prev = chain[-1]
            nxt = next((x for x in atoms if x.label in part and x.start >= prev.end
                        and x.start - prev.end <= frame.window
                        and (scope == "sentence" or st.clause_of(sent, x.start) == st.clause_of(sent, prev.start))),
                       None)
            if nxt is None:
                break
            chain.append(nxt)
        else:
            own = frozenset(i for x in chain for i in range(x.start, x.end))
            out.append(Match(frame, sent, chain[0].start, max(x.end for x in chain), own))
    return out


def _needs_met(st: Structure, sent: Sentence, frame: Frame) -> bool:
    for need in frame.needs:
        if need.scope == "sentence":
            ok = bool(need.labels & st.labels_in(sent))
        elif need.scope == "article":
            ok = sum(st.count(label) for label in need.labels) >= need.minimum
        elif need.scope == "context":
            ok = bool(need.labels & st.section_labels(sent)) or \
                sum(st.count(label) for label in need.labels) >= need.minimum
        elif need.scope == "paragraph":
            ok = bool(need.labels & st.paragraph_labels(sent))
        else:
            ok = bool(need.labels & st.section_labels(sent))
        if not ok:
            return False
    return True


def _vetoed(st: Structure, sent: Sentence, match: Match, frame: Frame) -> bool:
    """A veto label in the clause, unless it is set aside ("without antibiotics" does not veto)."""
    if not frame.unless:
        return False
    a, b = st.clause_tokens(sent, match.start, match.end) if frame.scope == "clause" else (sent.tok_start, sent.tok_end)
    return any(x.label in frame.unless and not _set_aside(st.lower, x.start, NEGATED) for x in st.atoms_in(a, b))


def _set_aside(lower: list[str], token: int, words: frozenset[str]) -> bool:
    """The word is negated or compared against ("not massage", "without the need for surgery", "than any massage")."""
    return not words.isdisjoint(lower[max(0, token - SET_ASIDE_REACH):token])


def agent_of(st: Structure, match: Match) -> str | None:
    """Who acts in the claim: a passive agent right after it ("eliminated by the body"), else the
    nearest agent atom before it in the sentence.

    "the body" after a causative ("helps the body flush ...") is not the agent: the
    bodywork that helps is, so the search goes on to the left.
    """
    sent = match.sentence
    lower = st.lower
    for x in st.atoms_in(match.start, min(match.end + 5, sent.tok_end)):
        if x.label in NON_BODYWORK and x.start > 0 and lower[x.start - 1] == "by" and x.start >= match.start:
            return x.label
    before = [x for x in st.atoms_in(sent.tok_start, match.start) if x.label in AGENT_LABELS + ("causative",)]
    agents = [x for x in before if x.label != "causative"]
    for i in range(len(before) - 1, -1, -1):
        x = before[i]
        if x.label == "causative":
            continue
        if any(o is not x and o.start <= x.start and x.end <= o.end and o.end - o.start > x.end - x.start
               for o in agents):
            continue  # "therapy" inside "physical therapy": the longer name says who acts
        if any(o is not x and o.start < x.end and x.start < o.end and o.end > x.end for o in agents):
            continue  # overlapping names ("the kidney" / "kidney reflex"): the head noun comes last
        if _set_aside(lower, x.start, COMPARED):
            continue  # "exercise, not massage, ...", "better than any massage": not who acts
        if x.label == "agent-body" and any(c.label == "causative" and 0 <= x.start - c.end <= 3 for c in before):
            continue
        return x.label
    return None


@functools.lru_cache(maxsize=8)
def topic_markers(extra_dirs: tuple[str, ...] = ()) -> dict[str, frozenset[str]]:
    """``topics:`` of the frames files: the labels that mark a topic in a sentence (to find refutations)."""
    known = set(word_lists(extra_dirs))
    out: dict[str, set[str]] = {}
    for path, data in documents("frames", extra_dirs):
        for topic, labels in (data.get("topics") or {}).items():
            missing = sorted(set(labels) - known)
            if missing:
                raise KnowledgeError(f"{where(path)}: topic {topic!r} uses unknown lexicon lists {missing}")
            out.setdefault(topic, set()).update(labels)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=8)
def frame_index(extra_dirs: tuple[str, ...] = ()) -> FrameIndex:
    return FrameIndex(load_frames(extra_dirs))
