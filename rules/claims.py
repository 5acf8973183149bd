r"""Unsupported and overstated medical claims (HL1xx).

What a claim says is data: frames in ``rules/data/claims/*.yaml`` (``kind: frames``,
see ``linter/frames.py``) over the lexicon's word lists (``rules/data/shared/`` and
``rules/data/claims/lexicon.yaml``), matched on lemmas, so one entry covers every
inflection and word order. This module only decides, with the one context judge
(``linter/judge.py``), which matches the article asserts:

* negated, debunked, reported ("reflexologists believe ...") and questioned
  statements are not claims; a hedge excuses a benefit but never a myth, a cure or
  a guarantee; a citation excuses what a source can back, and lowers a guarantee to
  ``info``; a quotation is ``info``;
* a claim must be about bodywork: when the body itself or a medicine acts ("your
  liver filters lactic acid"), there is nothing to flag;
* myths are read article by article: an article that refutes a myth ("the toxin
  myth") is not flagged for restating it, and in an article that spreads it, the
  sentences that carry it ("toxins become harmful if they are not removed") are
  findings even without the trigger word (``after_topic`` frames);
* one finding per clause: where frames of several rules meet, the rule with the
  highest ``priority`` reports.
"""
from __future__ import annotations

from dataclasses import dataclass

from healthlint.document import Document
from healthlint.frames import NON_BODYWORK, Frame, Match, agent_of, frame_index, topic_markers
from healthlint.judge import judge_of
from healthlint.knowledge import red_flag_entries
from healthlint.lexicon import word_lists
from healthlint.rule import Rule
from healthlint.structure import structure_of

FAMILY = "HL1"
BODYWORK_MIN = 2  # mentions of bodywork that make a whole article about it
LABEL_TOKENS = 5  # "Toxin Release:" is a label, "It can help people who have been subjected to:" is not
LONG_SENTENCE = 45  # tokens; a longer sentence is pointed at by the clause that holds the claim


@dataclass(frozen=True)
class Claim:
    rule: str
    start: int  # characters: the clause that carries the claim
    end: int
    frame: Frame
    severity: str | None
    match: Match | None = None


def _about_bodywork(st, sent) -> bool:
    return st.count("bodywork") >= BODYWORK_MIN or "bodywork" in st.section_labels(sent)


def analyse(doc: Document, extra_dirs: tuple[str, ...]) -> list[Claim]:
    """Every claim of the document, judged once and shared by the HL1xx rules."""
    index = frame_index(extra_dirs)
    st, judge = structure_of(doc), judge_of(doc, extra_dirs)
    matches = [m for m in index.find(doc) if m.frame.rule.startswith(FAMILY)]
    _refuted_topics(doc, matches, extra_dirs)
    claims, asserted = [], set()
    for m in sorted(matches, key=lambda m: m.frame.after_topic is not None):  # topic-setting frames first
        if m.frame.after_topic and (m.frame.after_topic not in asserted or m.frame.after_topic in judge.debunked_topics):
            continue
        severity = _judge(doc, m, extra_dirs)
        if severity is None:
            continue
        if m.frame.topic:
            asserted.add(m.frame.topic)
        claims.append(Claim(m.frame.rule, *_span(st, m), m.frame, severity, m))
    return claims


def _label_only(doc: Document, sent) -> bool:
    """A short line ending in ':' ("Toxin Release:") labels what follows; it asserts nothing itself."""
    text = structure_of(doc).text(sent).rstrip()
    return text.endswith(":") and sent.tok_end - sent.tok_start <= LABEL_TOKENS


def _span(st, m: Match) -> tuple[int, int]:
    """Where the finding points: the sentence that makes the claim (its clause, if the sentence is long)."""
    sent = m.sentence
    if m.tail is not None:
        return sent.start, m.tail.end
    if sent.tok_end - sent.tok_start <= LONG_SENTENCE:
        return sent.start, sent.end
    return st.clause_chars(sent, m.start, m.end)


def _refuted_topics(doc: Document, matches: list[Match], extra_dirs: tuple[str, ...]) -> None:
    """Myth topics the article refutes: a negated frame of the topic, or a debunk cue beside one of its markers."""
    st, judge = structure_of(doc), judge_of(doc, extra_dirs)
    negated = {id(m): judge.negated(m.sentence, m.start, min(m.end, m.sentence.tok_end), m.own) for m in matches}
    for m in matches:
        topic = m.frame.topic
        if not topic or not negated[id(m)] or agent_of(st, m) not in ("bodywork", "pronoun"):
            continue  # a refutation says what bodywork does not do ("massage does not flush toxins")
        # "While not a direct expulsion of lactic acid, massage can facilitate its dispersion": a concession,
        # not a refutation, when the same sentence asserts the topic too
        if not any(o.frame.topic == topic and o.sentence is m.sentence and not negated[id(o)] for o in matches):
            judge.debunked_topics.add(topic)
    for topic, markers in topic_markers(extra_dirs).items():
        for sent in st.sentences:
            if markers & st.labels_in(sent) and judge.refutes(sent):
                judge.debunked_topics.add(topic)
                break


def _judge(doc: Document, m: Match, extra_dirs: tuple[str, ...]) -> str | None:
    """The claim's severity ("" for the rule's own), or None when its context excuses it."""
    f, sent = m.frame, m.sentence
    st, judge = structure_of(doc), judge_of(doc, extra_dirs)
    a, b = m.start, min(m.end, sent.tok_end)  # a list match ends in the item that follows its sentence
    if st.text(sent).rstrip().endswith("?"):
        return None  # a question asserts nothing
    if f.agent in ("bodywork", "bodywork-before"):
        agent = agent_of(st, m)
        if agent in NON_BODYWORK:
            return None
        if agent == "pronoun" and not _about_bodywork(st, sent):
            return None  # "it" is the bodywork only in an article about bodywork
        if agent is None and (f.agent == "bodywork-before" or not _about_bodywork(st, sent)):
            return None
    if _label_only(doc, sent) or judge.conditional_item(sent):
        return None
    if m.tail is not None and "conditional" in st.labels_in(sent):
        return None  # "Tell us if you:" + "take blood thinners": the items are conditions
    if f.negation and judge.negated(sent, a, b, m.own):
        return None
    if judge.debunked(sent, a, b, f.topic):
        return None
    if f.reported and (judge.reported(sent) or judge.scare_quoted(sent, a, b)):
        return None
    if f.hedge and judge.hedged(sent, a, b, m.own):
        return None
    if f.cited and judge.cited(sent):
        if f.cited == "info":
            return "info"  # a source cannot back a guarantee: keep it visible
        return None
    if judge.quoted(sent, a):
        return "info"  # reported speech; a testimonial still makes the claim for the publisher
    return f.severity or ""  # "": the rule's own severity


class ClaimRule(Rule):
    """Base of the HL1xx rules: report the document's claims of this rule that no higher-priority rule reports."""

    category = "claim"
    priority = 0  # where claims of several rules share a clause, the highest priority reports

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.extra_dirs = tuple(settings.data_dirs)
        frame_index(self.extra_dirs)  # compile now, not on the first document

    def check(self, doc: Document):
        claims = doc.memo(("claims", self.extra_dirs), lambda: analyse(doc, self.extra_dirs))
        rank = {cls.code: cls.priority for cls in ClaimRule.__subclasses__()}
        enabled = self.enabled
        taken: list[tuple[int, int]] = []
        for c in claims:
            if c.rule != self.code:
                continue
            if any(o.rule != self.code and (enabled is None or o.rule in enabled)
                   and (rank.get(o.rule, 0), o.rule) > (self.priority, self.code)
                   and o.start < c.end and c.start < o.end for o in claims):
                continue  # a higher-priority rule reports this clause
            if any(a < c.end and c.start < b for a, b in taken):
                continue  # one finding of this rule per clause
            taken.append((c.start, c.end))
            message, suggestion, reference = self.advice(doc, c)
            yield self.finding(doc, c.start, c.end, message, suggestion=suggestion,
                               reference=reference, severity=c.severity, frame=c.frame.id)

    def advice(self, doc: Document, c: Claim) -> tuple[str, str | None, str | None]:
        """The finding's message, suggestion and reference: the frame's own."""
        return c.frame.message, c.frame.suggestion, c.frame.source


class PermanentOrAbsoluteOutcome(ClaimRule):
    """Flags permanence, totality and guarantees attached to a health outcome.

    Why: "removes knots permanently", "eliminates back pain", "guaranteed", "no side
    effects" and "safe for everyone" promise more than reviews of massage have found:
    the benefits found are modest and short-term, for some people, and massage has
    side effects and people who should check with a doctor first. A hedge does not
    soften a guarantee.

    Bad: Trigger point massage removes these knots permanently.
    Bad: After a course of sessions you will never need surgery again, guaranteed.
    Bad: Our cupping protocol is safe for absolutely everyone and has no side effects.
    Bad (markdown): # Massage That Eliminates Back Pain

        Our therapists use firm pressure on the lower back.
    Good: Massage may ease knots for a while; gentle stretching between sessions can help too.
    Good: No therapist can guarantee results, so be wary of anyone who promises them.
    Use instead: describe a realistic, time-limited benefit ("may ease pain for a while").
    """

    code = "HL101"
    name = "permanent-or-absolute-outcome"
    severity = "warning"
    priority = 3
    reference = "https://doi.org/10.1002/14651858.CD001929.pub3"


class CureClaim(ClaimRule):
    """Flags claims that bodywork cures, heals, treats, reverses or prevents a disease, or boosts immunity.

    Why: massage can ease symptoms such as pain and stress for a while, but there is
    no evidence that it cures fibromyalgia or sciatica, heals a disc, treats
    infertility or hepatitis, prevents disease or strengthens the immune system.
    "May cure" is still a cure claim.

    Bad: Craniosacral therapy cures fibromyalgia.
    Bad: Weekly massage boosts your immune system, so you will not catch colds.
    Bad: How Massage Therapy Helps Heal a Bulging Disc Naturally
    Bad: Reflexology is a natural cure for many ailments, including infertility and arthritis.
    Good: Massage does not cure fibromyalgia, but some people find it eases their symptoms.
    Good: Most herniated discs heal on their own within a few months.
    Good: Some studies suggest massage may help reduce stress in the short term.
    Use instead: "some people find it eases their symptoms for a while; it is not a cure".
    """

    code = "HL102"
    name = "cure-claim"
    severity = "error"
    priority = 5
    reference = "https://www.cancerresearchuk.org/about-cancer/treatment/complementary-alternative-therapies/individual-therapies/massage"


class SpeedOfCure(ClaimRule):
    """Flags promises of a fix within a set number of sessions or minutes.

    Why: "in just one visit", "after three sessions" or "in 20 minutes" imply a
    predictable, fast result; recovery varies widely. Readers who do not improve may
    wait too long before seeing a doctor.

    Bad: With our technique your frozen shoulder will unfreeze in just one visit.
    Bad: Massage relieves sciatica in 20 minutes.
    Good: If you are not feeling better after three visits, we will refer you to a doctor.
    Good: A massage session usually lasts 60 minutes.
    Use instead: "some people feel easier after a few sessions; if not, see a doctor".
    """

    code = "HL103"
    name = "speed-of-cure"
    severity = "warning"
    priority = 2
    reference = "https://www.annfammed.org/content/12/2/112"


class FearMongering(ClaimRule):
    """Flags fear-mongering about ordinary complaints ("knots can be life threatening").

    Why: calling muscle knots, tension or "toxins" deadly or a "silent killer"
    frightens readers into booking treatment; these complaints are common and not
    dangerous. Real warnings (blood clots, cauda equina syndrome) are fine.

    Bad: These knots are extremely painful and can even be life threatening.
    Bad: Muscle tension is a silent killer.
    Good: A blood clot can be life threatening, so do not massage a swollen, painful calf.
    Good: Knots can be painful, but they are not dangerous.
    Use instead: "knots can be painful and annoying, but they are not dangerous".
    """

    code = "HL104"
    name = "fear-mongering"
    severity = "warning"
    priority = 4
    reference = "https://www.nhs.uk/conditions/back-pain/"


class HealthMyth(ClaimRule):
    """Flags known massage myths: toxins, lactic acid, breaking up fat or scar tissue, putting discs back.

    Why: these mechanisms have been tested and are wrong: massage does not flush toxins
    or lactic acid (the liver and kidneys clear waste; lactate clears within about an
    hour on its own), does not break up fat or cellulite, cannot push a disc or a
    vertebra back into place, and foot points are not wired to organs. A hedge does
    not rescue a myth: "may help squeeze the toxins out" is still wrong. Debunking it
    ("It is a myth that ...") is fine, and so is an article that refutes the myth.

    Bad: Foam rolling may also help squeeze the toxins out of tight fascia.
    Bad: A good post-race massage flushes the lactic acid out of your legs.
    Bad: Gentle traction during massage helps the disc slip back into place.
    Good: It is a myth that massage flushes toxins out of your muscles.
    Good: Your liver and kidneys clear lactic acid from the blood within an hour or so.
    Use instead: describe what people feel ("many people feel relaxed"), not an invented mechanism.
    """

    code = "HL105"
    name = "health-myth"
    severity = "error"
    priority = 6
    reference = "https://www.nccih.nih.gov/health/detoxes-and-cleanses-what-you-need-to-know"


class ProvenWithoutCitation(ClaimRule):
    """Flags "clinically proven", "has been proven" and "studies show" with no citation nearby.

    Why: proof language tells readers the question is settled; without a named and
    linked study in the same or the next sentence they cannot check it, and for
    massage the evidence is usually low-quality and short-term.

    Bad: Sports massage is clinically proven to cut recovery time in half.
    Bad: Massage has been proven to ease the pain of arthritis.
    Good: A 2015 Cochrane review found short-term benefit for low back pain (Furlan et al., 2015).
    Good: Massage has not been proven to prevent injuries.
    Use instead: cite the study or review and match its strength.
    """

    code = "HL106"
    name = "proven-without-citation"
    severity = "warning"
    priority = 2
    reference = "https://www.nccih.nih.gov/health/know-the-science"


class MedicalAdvice(ClaimRule):
    """Flags medication and medical advice: taking or stopping drugs, skipping a doctor, ignoring red flags.

    Why: a massage article cannot know a reader's medicines or diagnosis. Telling them
    to take ibuprofen (before the visit or after it), stop prescribed medicine, skip or
    delay a doctor, or go ahead despite numbness or fever can cause real harm. Where a
    warning sign is dismissed or care is skipped, the message gives the NHS's advice
    and urgency for it from `rules/data/shared/red_flags.yaml`: "call 999 or go to A&E"
    for chest pain, loss of bladder or bowel control, numbness around the genitals or
    bottom or symptoms in both legs; an urgent GP appointment or 111 for the signs of a
    clot in the leg; "see a GP if ..." for back pain that is not improving.

    Bad: You will be instructed to take two ibuprofen right after the session.
    Bad: Take two ibuprofen before your deep tissue massage so you can handle more pressure.
    Bad: Patients should stop taking their prescription medicine when they start massage.
    Bad: If you have sciatica, do not go to the doctor first, book a massage instead.
    Bad: Numbness in both legs after a deep tissue massage is a sign the massage is working.
    Good: Do not stop or change prescribed medication because you have started massage.
    Good: Ask a pharmacist whether a painkiller such as ibuprofen is suitable for you.
    Use instead: refer readers to a doctor or pharmacist, with the NHS's urgency for a warning sign.
    """

    code = "HL107"
    name = "medical-advice"
    severity = "error"
    priority = 4
    reference = "https://www.nhs.uk/conditions/back-pain/"

    # lexicon list ids (not words): frames that dismiss a warning sign or steer readers away from care get
    # the NHS's advice for it, from rules/data/shared/red_flags.yaml (one place for each urgency)
    CARE_LISTS = frozenset({"red-flag", "red-flag-remedy", "skip-care", "skip-care-after"})  # not vocabulary: list ids
    URGENT_LISTS = ("red-flag-emergency", "red-flag-urgent")  # not vocabulary: list ids, most urgent first

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.entries = red_flag_entries(self.extra_dirs)

    def advice(self, doc: Document, c: Claim) -> tuple[str, str | None, str | None]:
        """A dismissed warning sign or skipped care: the NHS's advice and urgency for the sign the sentence
        names (999 or A&E, an urgent GP appointment or 111), else its "see a GP if ..." for the article's
        topic, with that NHS page as the reference."""
        f, m = c.frame, c.match
        labels = f.labels | {label for n in f.needs for label in n.labels}
        if m is None or not labels & self.CARE_LISTS:
            return super().advice(doc, c)
        st = structure_of(doc)
        sign = self._sign(doc, m)
        if sign is not None:
            entry, text = sign
            wording = " ".join(str(entry["wording"]).split())
            return (f'{f.message} On "{text}", the NHS says to {entry["advice"]} if you have {wording}.',
                    f.suggestion, entry["source"])
        gp = self._topic_gp(st, m)
        if gp is None:
            return super().advice(doc, c)
        return (f"{f.message} The NHS says to {gp['advice']} for {gp['wording']}.",
                f"Say 'see a GP if you have {gp['wording']}', and give the NHS's signs for 999 or A&E.",
                gp["source"])

    def _topic_gp(self, st, m: Match) -> dict | None:
        """The NHS "see a GP if ..." entry for the topic the sentence names (sciatica, back pain), else the
        paragraph's, else the article's."""
        gps = [e for e in self.entries if e.get("urgency") == "gp" and e.get("about")]
        for labels in (st.labels_in(m.sentence), st.paragraph_labels(m.sentence)):
            named = [e for e in gps if e["about"] in labels]
            if named:  # the narrowest topic named (the list with the fewest names): sciatica before back pain
                lists = word_lists(self.extra_dirs)
                return min(named, key=lambda e: len(lists[e["about"]].terms) if e["about"] in lists else 0)
        return next((e for e in gps if st.count(e["about"])), None)

    def _sign(self, doc: Document, m: Match) -> tuple[dict, str] | None:
        """The most urgent warning sign the sentence names (else its paragraph: "Chest pain? Book a massage."),
        and the red-flag entry that gives its urgency."""
        st = structure_of(doc)
        atoms = st.atoms_in(m.sentence.tok_start, m.sentence.tok_end)
        if m.tail is not None:
            atoms += st.atoms_in(m.tail.tok_start, m.tail.tok_end)
        found = self._most_urgent(doc, atoms)
        if found is None:
            para = [a for s in st.sentences if s.para_start == m.sentence.para_start
                    for a in st.atoms_in(s.tok_start, s.tok_end)]
            found = self._most_urgent(doc, para)
        return found

    def _most_urgent(self, doc: Document, atoms) -> tuple[dict, str] | None:
        st, sdoc = structure_of(doc), doc.spacy
        for label in self.URGENT_LISTS:
            found = [x for x in atoms if x.label == label]
            if not found:
                continue
            x = max(found, key=lambda x: x.end - x.start)
            text = sdoc[x.start:x.end].text
            urgency = label.rsplit("-", 1)[1]
            same = [e for e in self.entries if e.get("urgency") == urgency]
            lemma = " ".join(t.lemma_.lower() for t in sdoc[x.start:x.end])
            entry = next((e for e in same if any(lemma == term.lower() or text.lower() == term.lower()
                                                   for term in e.get("terms") or [])), None) \
                or next((e for e in same if e.get("about") and st.count(e["about"])), None) or same[0]
            return entry, text
        return None


class UnhedgedBenefit(ClaimRule):
    """Flags weak-evidence benefits stated as fact: circulation, faster healing, hormones, "treats ailments".

    Why: these claims are not false so much as firmer than the evidence. Reviews find
    that massage may give modest, short-term relief for some kinds of pain; they do not
    show that it improves circulation, speeds healing, balances hormones or treats
    conditions in general. A hedge or a citation is enough, so the rule is only `info`.

    Bad: Massage therapy improves circulation and promotes healing of the muscles.
    Bad: Massage therapy can also be used to treat other ailments.
    Good: Some people find that massage helps them feel less stiff.
    Good: Massage may help some people with low back pain for a short time.
    Use instead: hedge the benefit ("may", "some people find") or cite a source for it.
    """

    code = "HL108"
    name = "unhedged-benefit"
    severity = "info"
    priority = 0
    reference = "https://doi.org/10.1002/14651858.CD001929.pub3"


class SuperiorEfficacy(ClaimRule):
    """Flags claims that bodywork is the best treatment, or better than other treatments.

    Why: "one of the best treatments for a herniated disc", "a much better form of
    treatment than medication" and "more effective than exercise" rank massage above
    other care. Reviews find short-term relief for some low back pain but no clear
    advantage over other active treatments, and guidelines (NICE NG59) recommend
    manual therapy only alongside exercise.

    Bad: Massage is one of the best non-surgical treatment options for a herniated disc.
    Bad: Massage therapy has been found to be a much better form of treatment than painkillers.
    Good: Massage may be one of several options to try alongside exercise.
    Good: Exercise is one of the best-supported treatments for chronic low back pain.
    Use instead: "one option some people find helpful, usually alongside exercise".
    """

    code = "HL109"
    name = "superior-efficacy"
    severity = "warning"
    priority = 3
    reference = "https://www.nice.org.uk/guidance/ng59/chapter/Recommendations"
