r"""Unsupported and overstated medical claims (HL1xx).

Every rule here is a list of patterns in ``rules/data/claims/<name>.yaml``: a
regular expression over one sentence (``{list}`` names a word list from
``vocabulary.yaml``), the lists that must also occur (``needs``), a veto
(``unless``), the message, an honest rewrite and the evidence URL. The code
only decides context (see ``rules/context.py``): negated, debunked, hedged
or cited claims are not findings, and quoted ones are only ``info``; but a
hedge, a citation or quotation never rescues a myth, a hedge never rescues
a guarantee or a cure claim, and a citation only lowers a guarantee to ``info``.
After the patterns, each rule adds the compositional frames of ``rules/_claim_frames.py``
(bodywork agent + effect verb + health object, data in ``claims/frames.yaml``) in
clauses that no pattern matched, judged by the same context tests.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from healthlint import regexes
from healthlint.document import Document
from healthlint.knowledge import KnowledgeError, load
from healthlint.rule import Rule

from ._claim_frames import frames_of, lexicon
from .context import context_of

PLACEHOLDER = re.compile(r"\{(\w+)\}")
TOPIC_MIN = 2  # mentions of the ``bodywork`` word list that make a whole article about bodywork


@functools.lru_cache(maxsize=8)
def vocabulary(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    """Each word list of ``claims/vocabulary.yaml`` as one regex alternation (longest terms first)."""
    lists = {}
    for entry in load("claims/vocabulary", extra_dirs):
        terms = sorted((str(t) for t in entry.get("terms", [])), key=len, reverse=True)
        lists[entry["id"]] = "(?:" + "|".join(terms) + ")"
    return lists


def expand(pattern: str, lists: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: lists[m.group(1)], pattern)


@functools.lru_cache(maxsize=256)
def _word_list(alternation: str) -> re.Pattern:
    """One compiled regex per vocabulary list, shared by every pattern that needs it."""
    return regexes.compile(rf"\b{alternation}\b", re.I, origin="claims/vocabulary.yaml:word list")


@dataclass(frozen=True)
class Pattern:
    id: str
    regex: re.Pattern
    needs: tuple[tuple[re.Pattern, str, bool], ...]  # (regex, scope: sentence|paragraph|document, is modality)
    unless: re.Pattern | None
    message: str
    suggestion: str | None
    source: str | None
    hedge: bool
    negation: bool | str  # True, False, or "inner" (also a cue inside the match: "marks are not toxins")
    cited: bool
    severity: str | None


@functools.lru_cache(maxsize=32)
def patterns(name: str, extra_dirs: tuple[str, ...] = ()) -> tuple[Pattern, ...]:
    """Compile the entries of ``claims/<name>.yaml`` once per process and data folders."""
    lists = vocabulary(extra_dirs)
    out = []
    for e in load(f"claims/{name}", extra_dirs):
        needs = []
        for need in e.get("needs", []):
            words, _, scope = need.partition("@")  # "benefit|outcome@sentence": either list will do
            for word in words.split("|"):
                if word not in lists:
                    raise KnowledgeError(f"claims/{name}.yaml, entry {e.get('id')!r}: unknown word list {word!r}")
            alternation = "(?:" + "|".join(lists[w] for w in words.split("|")) + ")"
            needs.append((_word_list(alternation), scope or "sentence", words == "modality"))
        needs.sort(key=lambda need: need[1] == "sentence")  # cached section/document tests first
        alternatives = e["pattern"] if isinstance(e["pattern"], list) else [e["pattern"]]
        try:
            where = f"claims/{name}.yaml:{e.get('id')}"
            regex = regexes.compile("|".join(f"(?:{expand(p, lists)})" for p in alternatives), re.I | re.M,
                                    origin=where)
            unless = regexes.compile(expand(e["unless"], lists), re.I, origin=where + " unless") if e.get("unless") else None
        except (re.error, KeyError) as exc:  # name the entry, not a position in an expanded regex
            raise KnowledgeError(f"claims/{name}.yaml, entry {e.get('id')!r}: bad pattern: {exc}") from None
        out.append(Pattern(e["id"], regex, tuple(needs), unless,
                           e["message"], e.get("suggestion"), e.get("source"), e.get("hedge", True),
                           e.get("negation", True), e.get("cited", True), e.get("severity")))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def frame_patterns(extra_dirs: tuple[str, ...] = ()) -> dict[str, tuple[str, Pattern]]:
    """The outcomes of ``claims/frames.yaml`` as (rule code, Pattern), gated on bodywork in the paragraph."""
    modality = ((_word_list(vocabulary(extra_dirs)["modality"]), "paragraph", True),)
    out = {}
    for oid, e in lexicon(extra_dirs).outcomes.items():
        out[oid] = (e["code"], Pattern(oid, re.compile("(?!)"), modality, None, e["message"], e.get("suggestion"),
                                       e.get("source"), e.get("hedge", True), e.get("negation", True),
                                       e.get("cited", True), e.get("severity")))
    return out


FAMILY = ("absolutes", "cures", "speed", "fear", "myths", "proof", "advice", "benefits")


def owned_by_patterns(text: str, extra_dirs: tuple[str, ...]) -> bool:
    """Some pattern of the family matches this clause: the pattern layer judges it, not a frame."""
    return any(p.regex.search(text) and not (p.unless and p.unless.search(text))
               for name in FAMILY for p in patterns(name, extra_dirs))


class ClaimRule(Rule):
    """Base of the HL1xx rules: match the data patterns sentence by sentence, then judge context."""

    category = "claim"
    data = ""  # the YAML file under rules/data/claims/

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.extra_dirs = tuple(getattr(settings, "data_dirs", ()) or ())
        self.patterns = patterns(self.data, self.extra_dirs)

    def check(self, doc: Document):
        ctx = context_of(doc, self.extra_dirs)
        taken: list[tuple[int, int]] = []
        scoped = ctx.memo.setdefault("claims.needs", {})  # shared by the HL1xx rules of this document
        for seg in ctx.segments:
            for pat in self.patterns:
                if not self._applies(ctx, seg, pat, scoped):
                    continue
                for m in pat.regex.finditer(seg.text):
                    start, end = seg.start + m.start(), seg.start + m.end()
                    severity = self._judge(ctx, seg, pat, start, end)
                    if severity is None or self._medical_subject(ctx, start):
                        continue
                    span = ctx.clause(start, end)
                    if any(a < span[1] and span[0] < b for a, b in taken):
                        continue  # one finding of this rule per clause
                    taken.append(span)
                    yield self.finding(doc, span[0], span[1], pat.message, suggestion=pat.suggestion,
                                       reference=pat.source, severity=severity, pattern=pat.id)
        yield from self._frames(ctx, taken, scoped)

    def _medical_subject(self, ctx, start: int) -> bool:
        """A cure said of surgery, antibiotics or a doctor ("Antibiotics clear up most infections")."""
        if self.data != "cures":
            return False
        a, _ = ctx.clause(start, start + 1)
        return bool(lexicon(self.extra_dirs).words["agent-medical"].search(ctx.doc.prose[a:start]))

    def _frames(self, ctx, taken: list, scoped: dict):
        """Compositional frames (``rules/_claim_frames.py``) in clauses no pattern of this rule flagged."""
        outcomes = frame_patterns(self.extra_dirs)
        for seg, frame in frames_of(ctx, self.extra_dirs):
            code, pat = outcomes.get(frame.outcome, (None, None))
            if code != self.code or not self._applies(ctx, seg, pat, scoped):
                continue
            severity = self._judge(ctx, seg, pat, frame.verb_start, frame.end)
            if severity is None:
                continue
            span = ctx.clause(frame.start, frame.end)
            if any(a < span[1] and span[0] < b for a, b in taken) or \
                    owned_by_patterns(ctx.doc.prose[span[0]:span[1]], self.extra_dirs):
                continue
            taken.append(span)
            yield self.finding(ctx.doc, span[0], span[1], pat.message, suggestion=pat.suggestion,
                               reference=pat.source, severity=severity, pattern=pat.id)

    def _applies(self, ctx, seg, pat: Pattern, scoped: dict) -> bool:
        """The word lists the pattern needs are present (sentence, section or document) and no veto.

        A ``modality@paragraph`` need is also met anywhere in an article that is about
        bodywork as a whole: one naming words of the ``bodywork`` list TOPIC_MIN times or more.
        """
        for regex, scope, is_modality in pat.needs:
            place = seg.index if scope == "sentence" else seg.para_start if scope == "paragraph" else 0
            key = (id(regex), scope, place)
            if key not in scoped:
                where = seg.text if scope == "sentence" else ctx.section(seg) if scope == "paragraph" \
                    else ctx.doc.prose + " " + ctx.doc.title
                scoped[key] = bool(regex.search(where)) or (
                    is_modality and scope == "paragraph" and self._about_bodywork(ctx, scoped))
            if not scoped[key]:
                return False
        return not (pat.unless and pat.unless.search(seg.text))

    def _about_bodywork(self, ctx, scoped: dict) -> bool:
        if "topic" not in scoped:
            topic = vocabulary(self.extra_dirs).get("bodywork")
            text = ctx.doc.prose + " \n" + ctx.doc.title
            scoped["topic"] = bool(topic) and len(_word_list(topic).findall(text)) >= TOPIC_MIN
        return scoped["topic"]

    def _judge(self, ctx, seg, pat: Pattern, start: int, end: int) -> str | None:
        """The finding's severity, or None when the context excuses the claim."""
        if pat.negation and ctx.negated(start, end):
            return None
        if pat.negation == "inner" and ctx.cues.negation.search(seg.text[start - seg.start:end - seg.start]):
            return None
        if ctx.debunked(start, end):
            return None
        if pat.hedge and ctx.hedged(start, end):
            return None
        if pat.cited:  # a myth (cited: false) is wrong whoever says it and whatever is cited nearby
            if ctx.cited(start, end):
                return None if pat.hedge else "info"  # a source cannot back a guarantee: keep it visible
            if ctx.quoted(start, end):
                return "info"  # reported speech; a testimonial still makes the claim for the publisher
        return pat.severity or self.severity


class PermanentOrAbsoluteOutcome(ClaimRule):
    """Flags permanence, totality and guarantees attached to a health outcome.

    Why: "removes knots permanently", "never need surgery again", "guaranteed",
    "100%", "eliminates pain" and "safe for everyone" promise what no trial of
    massage or bodywork has shown; benefits are modest and usually short-term.
    A hedge does not soften a guarantee.

    Bad: Trigger point massage removes these knots permanently.
    Bad: After a course of sessions you will never need surgery again, guaranteed.
    Bad: Our cupping protocol is safe for absolutely everyone.
    Bad (markdown): # Massage That Eliminates Back Pain\n\nOur therapists use firm pressure.
    Good: Massage may ease knots for a while; regular stretching can help keep them at bay.
    Good: No therapist can guarantee results, so be wary of anyone who promises them.
    Use instead: describe a realistic, time-limited benefit ("may ease pain for a while").
    """

    code = "HL101"
    name = "permanent-or-absolute-outcome"
    severity = "warning"
    reference = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"
    data = "absolutes"


class CureClaim(ClaimRule):
    """Flags claims that bodywork cures, heals, reverses or prevents a disease, or boosts immunity.

    Why: massage can ease symptoms such as pain and stress for a while, but there
    is no evidence that it cures fibromyalgia or sciatica, heals a disc, reverses
    scoliosis, prevents flu or strengthens the immune system. "May cure" is
    still a cure claim; "may help prevent" is a hedged benefit claim.

    Bad: Craniosacral therapy cures fibromyalgia.
    Bad: Weekly massage boosts your immune system, so you will not catch colds.
    Bad: Deep tissue massage heals the herniated disc.
    Bad: Reflexology may cure migraines.
    Bad: Thanks to regular reflexology, your neck pain simply melts away.
    Good: Massage does not cure fibromyalgia, but some people find it eases their symptoms.
    Good: Most neck pain clears up on its own within a few weeks.
    Good: Some studies suggest massage may help reduce stress in the short term.
    Use instead: "some people find it eases their symptoms for a while; it is not a cure".
    """

    code = "HL102"
    name = "cure-claim"
    severity = "error"
    reference = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"
    data = "cures"


class SpeedOfCure(ClaimRule):
    """Flags promises of a fix within a set number of sessions or minutes.

    Why: "in just one visit", "after three sessions" or "in 20 minutes" imply a
    predictable, fast result; recovery varies widely and no trial supports such
    counts. Readers who do not improve may wait too long before seeing a doctor.

    Bad: With our technique your frozen shoulder will unfreeze in just one visit.
    Bad: Massage relieves sciatica in 20 minutes.
    Good: If you are not feeling better after three visits, we will refer you to a doctor.
    Good: A massage session usually lasts 60 minutes.
    Use instead: "some people feel easier after a few sessions; if not, see a doctor".
    """

    code = "HL103"
    name = "speed-of-cure"
    severity = "warning"
    reference = "https://doi.org/10.1002/14651858.CD001929.pub3"
    data = "speed"


class FearMongering(ClaimRule):
    """Flags fear-mongering about ordinary complaints ("knots can be life threatening").

    Why: calling muscle knots, tension or "toxins" deadly or a "silent killer"
    frightens readers into booking treatment; these complaints are common and
    not dangerous. Real warnings (blood clots, cauda equina syndrome) are fine.

    Bad: These knots are extremely painful and can even be life threatening.
    Bad: Muscle tension is a silent killer.
    Good: A blood clot can be life threatening, so do not massage a swollen, painful calf.
    Good: Knots can be painful, but they are not dangerous.
    Use instead: "knots can be painful and annoying, but they are not dangerous".
    """

    code = "HL104"
    name = "fear-mongering"
    severity = "warning"
    reference = "https://www.nhs.uk/conditions/back-pain/"
    data = "fear"


class HealthMyth(ClaimRule):
    """Flags known massage myths: toxins, lactic acid, breaking up scar tissue or fat, moving discs back.

    Why: these mechanisms have been tested and are wrong (detox and toxin
    release, flushing lactic acid, breaking up scar tissue or fat, putting discs
    or the spine back in place, melting calcium, rebuilding cartilage, weight
    loss, height gain, "stagnant blood" in cupping marks, reflexology points
    wired to organs, massage spreading cancer). A hedge does not
    rescue a myth: "may help squeeze the toxins out" is still wrong. Debunking
    it ("It is a myth that ...") is fine.

    Bad: Rolling may also help squeeze the toxins out of tight fascia.
    Bad: A good post-race massage flushes the lactic acid out of your legs.
    Bad: Gentle traction during massage helps the disc slip back into place.
    Good: It is a myth that massage flushes toxins out of your muscles.
    Good: Massage cannot push a herniated disc back into place.
    Use instead: describe what people feel ("many people feel relaxed"), not an invented mechanism.
    """

    code = "HL105"
    name = "health-myth"
    severity = "error"
    reference = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"
    data = "myths"


class ProvenWithoutCitation(ClaimRule):
    """Flags "clinically proven" and "has been proven" with no citation nearby.

    Why: proof language tells readers the question is settled; without a named
    and linked study in the same sentence or paragraph they cannot check it,
    and for massage the evidence is usually low-quality and short-term.

    Bad: Sports massage is clinically proven to cut recovery time in half.
    Good: A 2015 Cochrane review found short-term benefit for low back pain (Furlan et al., 2015).
    Good: Massage has not been proven to prevent injuries.
    Use instead: cite the study or review and match its strength.
    """

    code = "HL106"
    name = "proven-without-citation"
    severity = "warning"
    reference = "https://www.nccih.nih.gov/health/know-the-science"
    data = "proof"


class MedicalAdvice(ClaimRule):
    """Flags medication and medical advice: taking or stopping drugs, skipping a doctor, ignoring red flags.

    Why: a massage article cannot know a reader's medicines or diagnosis.
    Telling them to take ibuprofen, stop prescribed medicine, skip or delay a
    doctor, or go ahead despite numbness or fever can cause real harm.

    Bad: After the massage you will be instructed to take ibuprofen right after the session.
    Bad: Patients should stop taking their prescription medicine when they start massage.
    Bad: If you have sciatica, do not go to the doctor first, book a massage instead.
    Good: Do not stop or change prescribed medication because you have started massage.
    Good: Ask a pharmacist whether a painkiller such as ibuprofen is suitable for you.
    Use instead: refer readers to a doctor or pharmacist.
    """

    code = "HL107"
    name = "medical-advice"
    severity = "error"
    reference = "https://www.nhs.uk/conditions/back-pain/"
    data = "advice"


class UnhedgedBenefit(ClaimRule):
    """Flags weak-evidence benefits stated as fact: circulation, faster healing, "treats ailments", "ideal for".

    Why: these claims are not false so much as firmer than the evidence. Reviews find
    that massage may give modest, short-term relief for some kinds of pain; they do not
    show that it improves circulation, speeds healing, treats conditions in general or
    prevents future problems. A hedge or a citation is enough, so the rule is only `info`.

    Bad: Massage therapy improves circulation and promotes healing of the muscles.
    Bad: Massage therapy can also be used to treat other ailments.
    Good: Some people find that massage helps them feel less stiff, although evidence that it improves circulation is limited.
    Good: Massage may help some people with low back pain for a short time.
    Use instead: hedge the benefit ("may", "some people find") or cite a source for it.
    """

    code = "HL108"
    name = "unhedged-benefit"
    severity = "info"
    reference = "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know"
    data = "benefits"

