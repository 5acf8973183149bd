"""The compositional claim frames (rules/_claim_frames.py): agent + effect verb + health object.

Sentences are my own bodywork-article wording; each follows a sentence naming the
bodywork, as in an article. Honest sentences reuse the same verbs and objects so that
the tests fail if the frames lose their agent, tense, negation or medical-agent checks.
"""
from __future__ import annotations

import pytest

from healthlint.rules._claim_frames import forms

INTRO = "Our studio offers massage, reflexology and cupping. "


def rules(lint, sentence, intro=INTRO):
    return {f.rule for f in lint.check_text(intro + sentence, path="a.txt", fmt="text").findings
            if f.category == "claim"}


@pytest.mark.parametrize("code, sentence", [
    ("HL102", "Massage gets rid of cellulite."),
    ("HL102", "It clears up acne in a week."),
    ("HL102", "Say goodbye to sciatica with our deep tissue programme."),
    ("HL101", "After our signature treatment, neck pain simply stops coming back."),
    ("HL102", "You'll walk in limping and walk out cured."),
    ("HL105", "Cupping sucks the toxins out of your back."),
    ("HL105", "Gua sha scrapes the toxins up to the surface."),
    ("HL107", "Numbness in both legs or trouble controlling your bladder after a massage is normal."),
    ("HL107", "A little blood in your urine after a kidney-point massage shows the kidneys are cleansing."),
    ("HL107", "If you are on warfarin, simply skip a dose on the day of your massage."),
    ("HL107", "Keep massaging the lump in your breast until it softens."),
])
def test_frames_catch_new_wording(lint, code, sentence):
    assert code in rules(lint, sentence)


@pytest.mark.parametrize("sentence", [
    "Stop the massage if you feel any numbness.",
    "End each session with a glass of water.",
    "The end of the session is a good time to ask questions.",
    "Your body heals the injury on its own over a few weeks.",
    "Most back pain clears up on its own within six weeks.",
    "Surgery can fix a herniated disc when other treatments fail.",
    "Antibiotics clear up most infections.",
    "Some swelling is normal after cupping.",
    "If you stop taking your medication, tell your doctor.",
    "Avoid massaging a lump until your GP has checked it.",
    "Massage cannot cure arthritis.",
    "Our therapists work out knots in your upper back.",
    "Numbness that lasts after a massage is not normal, so tell your doctor.",
    "When the sciatica clears up, gentle exercise helps.",
    "Once the wound is healed, scar massage can begin.",
    "Patients are healed by doctors, not by us.",
    "It is a myth that cupping draws toxins out of the body.",
    "Massage may help ease tension headaches for some people.",
])
def test_frames_stay_quiet_on_honest_wording(lint, sentence):
    assert not rules(lint, sentence)


def test_frames_need_a_bodywork_paragraph(lint):
    # the same verb-object frame in general medical text is not a bodywork claim
    assert not rules(lint, "It clears up acne in a week.", intro="Doxycycline is an antibiotic. ")


def test_inflections():
    assert {"cures", "cured", "curing", "stops", "stopped", "fixes", "clears"} <= set(forms("cure")) | set(
        forms("stop")) | set(forms("fix")) | set(forms("clear"))


def test_every_frames_entry_has_a_source_and_outcomes_have_messages():
    from healthlint.knowledge import load

    entries = load("claims/frames")
    assert {e["kind"] for e in entries} == {"verb", "object", "words", "outcome"}
    for e in entries:
        assert e["source"].startswith("https://"), e["id"]
        if e["kind"] == "outcome":
            assert e["code"].startswith("HL1") and e["message"].endswith(".") and e.get("suggestion"), e["id"]
