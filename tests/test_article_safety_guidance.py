"""HL502 missing-safety-guidance (rules/article_safety_guidance.py): advice for a condition needs a word on when to get help."""
from __future__ import annotations

import pytest

from tests.conftest import article_findings

TITLE = "Massage for sciatica\n\n"
ADVICE = ("Deep tissue massage may ease sciatica for a while. You should feel looser after the first visit. "
          "Book a course of five sessions and stretch your hamstrings every evening. ")
BODY = ("The therapist works slowly into the muscles of the lower back and the buttock, and then stretches the hip. "
        "Sessions last about an hour and you stay dressed in loose clothes on a padded table. "
        "Afterwards you may feel a little sore for a day or two, which is common and passes. ")


def test_advice_for_a_condition_without_guidance_is_flagged_at_the_title(article_linter):
    text = TITLE + ADVICE + BODY
    found = article_findings(article_linter, "HL502", text)
    assert len(found) == 1 and text[found[0].start:found[0].end] == "Massage for sciatica"
    assert "sciatica" in found[0].message
    assert found[0].extra["advice"][0][0] == 0  # the title names massage and sciatica


@pytest.mark.parametrize("guidance", [
    "See a GP if the pain has not eased within a few weeks.",
    "Talk to your doctor before you book.",
    "Do not hesitate to contact your doctor if the pain gets worse.",
    "Call 999 or go to A&E if you lose control of your bladder.",
    "You should have your physician examine you first.",
    "Tell your therapist if you take blood thinners.",
    "Avoid deep pressure if you have osteoporosis.",
    "Massage is not suitable if you have a high temperature.",
])
def test_a_referral_or_a_caution_naming_a_warning_sign_passes(article_linter, guidance):
    assert not article_findings(article_linter, "HL502", TITLE + ADVICE + guidance + " " + BODY)


def test_negated_guidance_does_not_count(article_linter):
    text = TITLE + ADVICE + "You do not need to see a doctor first. " + BODY
    assert article_findings(article_linter, "HL502", text)


def test_a_news_report_of_a_trial_is_not_advice(article_linter):
    report = ("Trial of massage for back pain\n\nA trial in three clinics found that weekly massage reduced back pain "
              "more than usual care after ten weeks. The 400 participants were adults with long-standing back pain. "
              "The researchers said the benefit had faded by the one-year follow-up, and that the trial was not "
              "blinded. The team now plans a larger study comparing massage with exercise classes and with physical "
              "activity advice, to be run across four cities over the next two years.")
    assert not article_findings(article_linter, "HL502", report)
    advice = report + " Try a course of massage for your back pain; you should feel the benefit within weeks."
    assert article_findings(article_linter, "HL502", advice)


def test_bodywork_without_a_named_condition_is_not_condition_advice(article_linter):
    generic = ("Why we love massage\n\nMassage may ease stress, and you may sleep well after it. It can help with many "
               "conditions and ailments, so you should try it. " + BODY)
    assert not article_findings(article_linter, "HL502", generic)


def test_a_cited_report_of_the_evidence_is_not_advice(article_linter):
    cited = ("What one review found\n\nA review found that massage may ease anxiety for a short time "
             "(https://pubmed.ncbi.nlm.nih.gov/12345678/). You may enjoy it, and you can book a session. " + BODY)
    assert not article_findings(article_linter, "HL502", cited)


# -- the NHS's advice and urgency ---------------------------------------------------------------

def _steps(suggestion: str) -> dict[str, str]:
    """The suggestion's steps by their NHS action: {"call 999 or go to A&E": "back pain with ...", ...}."""
    body = suggestion.split(": ", 1)[1].split(". Also", 1)[0]
    return dict(step.split(" if you have ", 1) for step in body.split("; "))


def test_back_pain_emergencies_are_999_or_a_and_e_not_a_gp_appointment(article_linter):
    """Loss of bladder or bowel control, numbness around the genitals, symptoms in both legs and chest pain:
    the NHS says call 999 or go to A&E, so the suggestion must not group them with a GP appointment."""
    found = article_findings(article_linter, "HL502", TITLE + ADVICE + BODY)[0]
    steps = _steps(found.suggestion)
    emergency = steps["call 999 or go to A&E"]
    for sign in ("bladder or bowel control", "both legs", "genitals", "chest pain"):
        assert sign in emergency
        assert not any(sign in text for action, text in steps.items() if action != "call 999 or go to A&E")
    assert "high temperature" in steps["ask for an urgent GP appointment or call 111"]
    assert list(steps) == ["call 999 or go to A&E", "ask for an urgent GP appointment or call 111", "see a GP"]
    assert found.reference == "https://www.nhs.uk/conditions/back-pain/"
    assert found.extra["red_flags"] == ["back-pain-emergency", "back-pain-urgent", "back-pain-gp"]


def test_headache_advice_gets_the_nhs_headache_red_flags(article_linter):
    text = ("Massage for tension headaches\n\nA neck massage may ease a tension headache. You should rest your eyes, "
            "and try a warm compress on your shoulders. " + BODY)
    found = article_findings(article_linter, "HL502", text)[0]
    steps = _steps(found.suggestion)
    assert "came on suddenly and is extremely painful" in steps["call 999 or go to A&E"]
    assert "double vision" in steps["ask for an urgent GP appointment or call 111"]
    assert found.reference == "https://www.nhs.uk/conditions/headaches/"


def test_a_condition_without_nhs_red_flags_gets_the_general_advice(article_linter):
    text = "Massage for fibromyalgia\n\nGentle massage may ease fibromyalgia pain for a while. You should try it. " + BODY
    found = article_findings(article_linter, "HL502", text)[0]
    assert "NHS 111, or 999 in an emergency" in found.suggestion and found.extra["red_flags"] == []
    assert found.reference.startswith("https://doi.org/")  # DISCERN, the rule's own reference
