"""HL502 missing-safety-guidance: advice on bodywork for a condition, with no word on when to get help."""
from __future__ import annotations

from healthlint.document import Document
from healthlint.judge import judge_of
from healthlint.knowledge import red_flag_entries
from healthlint.lexicon import spans
from healthlint.rules._article import DISCERN, ArticleRule, anchor, is_article, quote_line
from healthlint.structure import Sentence, structure_of

# lexicon lists (list ids, not words): what names a condition, what marks a red flag or a contraindication
CONDITION_LISTS = ("condition", "disease")
WARNING_LISTS = ("red-flag", "contraindication")
URGENCIES = ("emergency", "urgent", "gp")  # the NHS's order: 999/A&E, urgent GP/111, GP


class MissingSafetyGuidance(ArticleRule):
    r"""Flags advice on bodywork for a health condition with no "see a doctor" guidance and no word on when not to.

    Why: DISCERN asks whether health information describes risks and says when to seek
    professional help. An article that recommends massage for sciatica, arthritis or
    headaches but never names a red flag (numbness around the genitals, loss of bladder
    control, a sudden severe headache), a contraindication (blood clots, fractures,
    blood thinners, pregnancy) or a doctor, GP or physiotherapist to see leaves readers to
    self-treat problems that need assessment. Only advice counts: a sentence names
    bodywork and a condition (`condition` and `disease` in `rules/data/shared/health.yaml`,
    the red-flag topics in `rules/data/shared/red_flags.yaml`), and the article addresses
    the reader or recommends (at least three cues such as "you", "should", or a sentence
    opening with "Try", "Book", "Apply"), so a news report of a trial is not flagged.
    Passes when the article sends the reader to a professional ("see a GP", "call 999",
    not negated), or has a caution sentence naming a red flag or a contraindication. The
    suggestion gives the NHS's own advice and urgency for the article's topic.

    Bad: Massage for sciatica

        Deep tissue massage relieves sciatica and eases back pain within a few sessions. The therapist works slowly into the muscles of your lower back and buttock, and then stretches the hip. Trigger point work on the piriformis also helps the nerve calm down. You should feel lighter after the first visit. Book a course of five sessions to keep the pain away.
    Good: Massage for sciatica

        Deep tissue massage may ease back pain for a while in some people. The therapist works slowly into the muscles of the lower back and the buttock, and then stretches the hip. Most clients find it relaxing. Call 999 or go to A&E if you have numbness around your genitals, weakness in both legs or loss of bladder or bowel control, and tell your therapist if you take blood thinners.
    Use instead: say when to get help, in the NHS's words and urgency (999 or A&E, an urgent GP appointment or 111, a GP), and who should avoid or adapt the treatment.
    """

    code = "HL502"
    name = "missing-safety-guidance"
    severity = "warning"
    reference = DISCERN

    WINDOW = 4  # tokens between a contact verb and the professional ("talk to your GP", "go to A&E")
    ADVICE_CUES = 3  # "you", "should", imperatives ...: below this, the article reports rather than advises
    NAMED = 4  # conditions named in the message

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.entries = red_flag_entries(self.extra_dirs)
        self.topics = tuple(dict.fromkeys(e["about"] for e in self.entries if e.get("about")))

    # -- what the article does ----------------------------------------------------------
    def advice(self, doc: Document) -> list[tuple[Sentence, list[str]]]:
        """Sentences that name bodywork and a condition (not negated, debunked, reported or cited), with the names."""
        st, judge = structure_of(doc), judge_of(doc, self.extra_dirs)
        sdoc = doc.spacy
        out = []
        for sent in st.sentences:
            labels = st.labels_in(sent)
            if "bodywork" not in labels or not labels.intersection(CONDITION_LISTS + self.topics):
                continue
            atoms = st.atoms_in(sent.tok_start, sent.tok_end)
            generic = [(x.start, x.end) for x in atoms if x.label == "condition-generic"]
            named = [x for x in atoms if x.label in CONDITION_LISTS + self.topics
                     and not any(g <= x.start and x.end <= h for g, h in generic)]
            if not named:
                continue
            used = [x for x in atoms if x.label == "bodywork"] + named
            a, b = min(x.start for x in used), max(x.end for x in used)
            if judge.negated(sent, a, b, frozenset(range(a, b))) or judge.debunked(sent, a, b) \
                    or judge.reported(sent) or judge.cited(sent):
                continue  # "massage does not cure ...", or what a cited source reports
            out.append((sent, [sdoc[x.start:x.end].text.lower() for x in named]))
        return out

    def gives_advice(self, doc: Document) -> bool:
        """Self-help advice (addresses the reader, recommends, or says what to do), not a news report."""
        st, sdoc = structure_of(doc), doc.spacy
        cues = st.count("advice-cue")
        for x in spans(sdoc, "imperative"):
            sent = st.sentence_of_token(x.start)
            if sent is not None and all(t.is_punct or t.is_space for t in sdoc[sent.tok_start:x.start]):
                cues += 1  # the sentence opens with the verb (after a bullet, if any)
        return cues >= self.ADVICE_CUES

    def has_guidance(self, doc: Document) -> bool:
        """A referral to a professional that is not negated, or a caution that names a red flag or contraindication."""
        st, judge, sdoc = structure_of(doc), judge_of(doc, self.extra_dirs), doc.spacy
        pros = [x.start for x in spans(sdoc, "professional")]
        for verb in spans(sdoc, "contact-verb"):
            sent = st.sentence_of_token(verb.start)
            for p in pros:
                if verb.end <= p <= verb.end + self.WINDOW - 1 and sent is not None and p < sent.tok_end \
                        and not judge.negated(sent, verb.start, p + 1, frozenset(range(verb.start, p + 1))):
                    return True
        for sent in st.sentences:
            labels = st.labels_in(sent)
            if "caution" in labels and labels.intersection(WARNING_LISTS):
                return True
        return False

    # -- what to say --------------------------------------------------------------------
    def nhs_advice(self, doc: Document) -> list[dict]:
        """The red-flag entries for the article's topics: the first of each urgency, most urgent first."""
        st = structure_of(doc)
        found = {}
        for entry in self.entries:
            urgency = entry.get("urgency")
            if entry.get("about") and st.count(entry["about"]) and urgency not in found:
                found[urgency] = entry
        return [found[u] for u in URGENCIES if u in found]

    def check(self, doc: Document):
        if not is_article(doc, self.settings):
            return
        advice = self.advice(doc)
        if not advice or not self.gives_advice(doc) or self.has_guidance(doc):
            return
        conditions = list(dict.fromkeys(name for _, names in advice for name in names))
        first = advice[0][0]
        nhs = self.nhs_advice(doc)
        if nhs:
            steps = "; ".join(f"{e['advice']} if you have {' '.join(str(e['wording']).split())}" for e in nhs)
            suggestion = (f"Say when to get help, as the NHS does: {steps}. Also say who should avoid or adapt "
                          "the treatment (blood clots, fractures, blood thinners, pregnancy).")
        else:
            suggestion = ("Say when to see a GP and when to get urgent help (NHS 111, or 999 in an emergency), "
                          "and who should avoid or adapt the treatment (blood clots, fractures, blood thinners, "
                          "pregnancy).")
        start, end = anchor(doc)
        yield self.finding(
            doc, start, end,
            f"Advice on bodywork for {', '.join(conditions[:self.NAMED])} with no guidance to see a doctor or other "
            f"qualified professional and no mention of when not to (red flags, contraindications); first at "
            f"{quote_line(doc, first.start, first.end)}.",
            suggestion=suggestion, reference=nhs[0]["source"] if nhs else None,
            advice=[[s.start, s.end] for s, _ in advice], red_flags=[e["id"] for e in nhs])
