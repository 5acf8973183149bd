"""A second held-out set for the HL1xx claim rules, written BEFORE the round that fixed its classes.

These 30 overclaims and 30 honest sentences were written from scratch, in realistic
massage/bodywork article wording, and measured before any code or data change of this
round. The round then fixed general mechanisms (negated permanence, claims with no effect
verb, cure as restored function, advice with no medicine object, a hedge after a comma,
bodywork agents such as strokes or pressure), so the "after" figure is partly tuned on
this set; the "before" figure is the unseen estimate. Each sentence follows INTRO, a
sentence naming the bodywork. The asserted floors are the measured levels, not targets.
"""
from __future__ import annotations

import pytest



INTRO = "Our studio offers deep tissue massage, shiatsu and lymphatic drainage. "

HOLDOUT2_BAD = [
    ("HL101", "Once we have treated your lower back, the pain won't come back, ever."),
    ("HL101", "After a course of shiatsu your headaches will never bother you again."),
    ("HL101", "Most clients find they won't need another session after the first month."),
    ("HL101", "No more migraines, no more sleepless nights: just book a course of reflexology."),
    ("HL101", "Deep tissue work is the only therapy that really works for chronic neck pain."),
    ("HL101", "Our therapists have a 100 percent success rate with frozen shoulder."),
    ("HL101", "Lymphatic drainage works every time, for every client."),
    ("HL101", "Nothing works better for arthritis than a weekly hot stone massage."),
    ("HL102", "After a few sessions your digestion will start working normally again."),
    ("HL102", "With regular reflexology your kidneys will function properly again."),
    ("HL102", "Gentle pressure lets your damaged nerves heal themselves."),
    ("HL107", "Don't waste money on an X-ray; your therapist can find the problem by touch."),
    ("HL107", "You don't need physiotherapy after a sprain if you book a sports massage."),
    ("HL107", "Skip the MRI and let our therapist work out what is wrong."),
    ("HL102", "Abdominal massage cures irritable bowel syndrome, at least for some people."),
    ("HL105", "Firm kneading pushes the cellulite out of your thighs."),
    ("HL105", "Slow, deep strokes toward the lymph nodes drain the toxins from your legs."),
    ("HL105", "The therapist's hands break up the fat deposits around your waist."),
    ("HL102", "Sustained pressure on the trigger point dissolves the knot and ends your sciatica."),
    ("HL102", "Cupping cures chronic bronchitis by drawing the infection out of your lungs."),
    ("HL102", "Regular shiatsu prevents osteoporosis in older women."),
    ("HL103", "Your back pain will be gone after just two sessions."),
    ("HL103", "Most clients are pain-free within minutes of the treatment starting."),
    ("HL104", "Ignoring a tight neck could cause a stroke, so book before it is too late."),
    ("HL106", "Scientific studies prove that massage lowers blood pressure for good."),
    ("HL106", "It is clinically proven to relieve fibromyalgia."),
    ("HL107", "Stop taking your antidepressants once the massage starts working."),
    ("HL107", "Numbness in both legs after a back massage is just your nerves waking up."),
    ("HL105", "Reflexology on the big toe stimulates the pituitary gland and balances your hormones."),
    ("HL101", "This massage is completely safe for everyone, including pregnant women with complications."),
]

HOLDOUT2_GOOD = [
    "Many people find that a weekly massage helps them relax.",
    "Massage will not cure arthritis, but it may ease stiffness for a while.",
    "There is no reliable evidence that reflexology treats any disease.",
    "If your pain gets worse or you notice numbness, see your doctor.",
    "Please keep taking any medicines your doctor prescribed.",
    "Our therapists cannot diagnose injuries; for that you need a GP or physiotherapist.",
    "Some clients say their headaches ease for a day or two after a session.",
    "Deep tissue massage can leave you sore the next day.",
    "A small trial suggested that massage may reduce anxiety in hospital patients.",
    "Shiatsu uses finger and palm pressure along the body.",
    "We ask every client to fill in a health questionnaire before the first session.",
    "Lymphatic drainage should only be done after a doctor has ruled out a blood clot.",
    "It is a myth that cupping pulls toxins out of the body.",
    "Massage does not break down fat or cellulite.",
    "Results vary, and some people feel no difference at all.",
    "A session usually lasts an hour, including time to talk about your goals.",
    "If you feel dizzy during a session, tell your therapist straight away.",
    "The evidence for massage in low back pain is modest and short-term.",
    "Gentle strokes toward the heart are used in lymphatic drainage.",
    "Massage is not a replacement for physiotherapy after surgery.",
    "Regular exercise and good sleep matter more for back pain than any single treatment.",
    "Some people with fibromyalgia report less pain after massage, for a while.",
    "Your therapist may adjust the pressure if anything feels uncomfortable.",
    "We cannot promise that the pain will never return.",
    "Cupping leaves round marks that usually fade within a week.",
    "Tell your therapist if you are pregnant, as some positions are not suitable.",
    "Reflexology is a relaxing foot massage, not a medical treatment.",
    "Talk to your doctor before starting massage if you have a heart condition.",
    "Hot stone massage uses warmed basalt stones placed on the back.",
    "A Cochrane review found that massage may help low back pain in the short term.",
]


def _found(lint, sentence):
    return {f.rule for f in lint.check_text(INTRO + sentence, path="article.txt", fmt="text").findings
            if f.category == "claim"}


def recall(lint, exact=False):
    hits = [(code in rules) if exact else bool(rules)
            for code, rules in ((c, _found(lint, s)) for c, s in HOLDOUT2_BAD)]
    return sum(hits) / len(hits)


def test_holdout2_sizes():
    assert len(HOLDOUT2_BAD) == 30 and len(HOLDOUT2_GOOD) == 30


# Measured before this round: 19/30 flagged by some HL1xx rule, 18/30 by the expected rule, 0/30 honest
# flagged. After: 30/30 and 29/30 (the reflexology-to-pituitary sentence is HL102, not HL105), 0/30.
def test_holdout2_recall_floor(lint):
    assert recall(lint) >= 30 / 30
    assert recall(lint, exact=True) >= 29 / 30


def test_holdout2_honest_sentences_stay_clean(lint):
    flagged = {s for s in HOLDOUT2_GOOD if _found(lint, s)}
    assert not flagged, flagged


# The mechanisms of this round, each checked on fresh wording (not the lists above) both ways.
@pytest.mark.parametrize("sentence, rule", [
    ("Trust me, the stiffness won't trouble you again.", "HL101"),           # negated recurrence
    ("After a month of treatment you will never need another appointment.", "HL101"),
    ("No more sciatica, no more painkillers.", "HL101"),
    ("It is the only method that actually works for plantar fasciitis.", "HL101"),  # no effect verb
    ("A one hundred percent success rate with tennis elbow speaks for itself.", "HL101"),
    ("Your bladder will function normally again after a few sessions.", "HL102"),  # restored function
    ("Deep pressure lets the torn tendon repair itself.", "HL102"),
    ("Don't waste your money on a scan; we can feel where the problem is.", "HL107"),  # advice, no medicine
    ("Long strokes up the leg drain the excess fat from your thighs.", "HL105"),  # manual agent (frames)
    ("Steady thumb pressure mends the damaged ligament.", "HL102"),
    ("After one session, most clients walk out without any pain.", "HL102"),  # cured state, no effect verb
])
def test_round_mechanisms_flag(lint, sentence, rule):
    assert rule in _found(lint, sentence)


@pytest.mark.parametrize("sentence", [
    "We can't promise the pain won't come back.",
    "If the pain comes back, you may need another session.",
    "Book no more than two sessions a week.",
    "Nothing works better for back pain than staying active.",
    "Most sprains heal themselves within a few weeks.",
    "After surgery, your knee should work properly again within months.",
    "You don't need a referral to book a massage.",
    "You don't need an MRI for most back pain.",
    "High blood pressure can damage the kidneys.",
    "Long walks up the hill drain the excess fat from your thighs.",  # not a bodywork agent
    "Steady rest mends the damaged ligament.",
    "Hopefully the headaches won't come back again.",  # "hopefully" is a hedge
    "Please don't leave without booking your next visit.",
    "Call 999 if chest pain doesn't ease within minutes.",
    "Stretching after a session keeps stiffness from building up, for some people.",  # hedge after a comma
])
def test_round_mechanisms_stay_quiet(lint, sentence):
    assert not _found(lint, sentence)
