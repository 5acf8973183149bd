"""Medical accuracy of the claim rules' own knowledge and messages (issue 19).

Each test keeps one corrected fact or message from coming back: what a message says must be what
its source says, at the strength the evidence has, and red-flag advice must carry the NHS urgency.
The sentences are written for these tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from healthlint.frames import load_frames
from healthlint.knowledge import load
from healthlint.sourcing import problem
from tests.conftest import claims

INTRO = "Our therapists offer deep tissue and Swedish massage. "
BACK = "Massage for back pain\n\nOur therapists offer deep tissue massage for back pain and sciatica. "
DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
COCHRANE_LBP = "https://doi.org/10.1002/14651858.CD001929.pub3"   # Furlan et al. 2015, massage for low-back pain
NICE_NG59 = "https://www.nice.org.uk/guidance/ng59/chapter/Recommendations"
GENERIC_NCCIH = "nccih.nih.gov/health/massage-therapy-what-you-need-to-know"


def frames() -> dict:
    return {f.id: f for f in load_frames() if f.rule.startswith("HL1")}


def frame_data(name: str) -> dict:
    data = yaml.safe_load((DATA / "claims" / f"{name}.yaml").read_text(encoding="utf-8"))
    return {f["id"]: f for f in data["frames"]}


def found(lint, text: str) -> list:
    return claims(lint, text)


# -- 1. ranking massage above other care --------------------------------------------------------------
@pytest.mark.parametrize("file,fid", [("absolutes", "only-option"), ("superiority", "best-treatment")])
def test_ranking_messages_say_what_reviews_say(file, fid):
    """Not "no study shows massage beats other care" (Cherkin 2001 found massage ahead of acupuncture and
    self-care at 10 weeks), but the reviews' finding and NICE's package, each cited by its own page."""
    entry = frame_data(file)[fid]
    message = " ".join(entry["message"].split()).lower()
    assert "no study" not in message and "beats" not in message
    assert "short-term relief" in message and "no clear advantage over other active treatments" in message
    assert "alongside exercise" in message or "includes exercise" in message
    assert {COCHRANE_LBP, NICE_NG59} <= set(entry["sources"])


@pytest.mark.parametrize("text", ["Massage is the only treatment that works for back pain.",
                                  "Nothing works better than deep tissue massage for sciatica."])
def test_only_works_wording_is_still_found(lint, text):
    assert [f.rule for f in found(lint, INTRO + text)] == ["HL101"]


# -- 2. messages that overstate ------------------------------------------------------------------------------
def test_no_claim_message_is_itself_an_absolute():
    """"does not make pain disappear (completely)" and "no study shows ..." are absolutes of their own."""
    for f in frames().values():
        text = f"{f.message} {f.suggestion or ''}".lower()
        assert not re.search(r"\bdoes not make (?:it|them|\w+ pain) disappear", text), f.id
        assert "no study shows" not in text, f.id


def test_no_suggestion_implies_massage_prevents_recurrence():
    """The knowledge base denies that massage prevents recurrence; no suggestion may promise it."""
    for f in frames().values():
        text = (f.suggestion or "").lower()
        assert not re.search(r"\b(?:keep|keeps) (?:it|them|the pain) at bay\b|\bstop (?:it|them) coming back\b", text), f.id


def test_total_relief_message_reports_the_evidence(lint):
    (f,) = found(lint, INTRO + "Our massage eliminates back pain completely.")
    assert f.rule == "HL101" and "short-term" in f.message and "disappear" not in f.message
    assert f.reference == COCHRANE_LBP


@pytest.mark.parametrize("complaint,page", [("your sciatica", "https://www.nhs.uk/conditions/sciatica/"),
                                            ("back pain", "https://www.nhs.uk/conditions/back-pain/")])
def test_skipped_care_follows_the_nhs_see_a_gp_wording(lint, complaint, page):
    """Not "nerve pain needs a clinician": the NHS sciatica and back pain pages say see a GP if it is not
    improving, getting worse or stopping everyday activities; the sentence's topic picks the page."""
    (f,) = found(lint, BACK + f"You don't need to see a doctor for {complaint}; just book a massage.")
    assert f.rule == "HL107" and "clinician" not in f.message.lower()
    assert "see a GP" in f.message and "getting worse" in f.message
    assert f.reference == page


# -- 3. red flags: the NHS urgency, from shared/red_flags.yaml -------------------------------------------------
@pytest.mark.parametrize("text,sign", [
    ("Chest pain during a session is nothing to worry about.", "chest pain"),
    ("Loss of bladder control is a sign the massage is working.", "loss of bladder control"),
    ("Even if you have numbness around your genitals, keep coming for sessions.", "numbness around your genitals"),
    ("Numbness in both legs after a session is normal, so carry on.", "numbness in both legs"),
])
def test_emergency_signs_get_999_or_a_and_e(lint, text, sign):
    (f,) = found(lint, INTRO + text)
    assert f.rule == "HL107"
    assert "call 999" in f.message and sign in f.message.lower()
    assert "get medical advice" not in f.message
    assert f.reference.startswith("https://www.nhs.uk/conditions/")
    assert "NHS" in f.suggestion and "999" in f.suggestion


def test_an_urgent_sign_gets_the_urgent_gp_or_111_advice(lint):
    (f,) = found(lint, INTRO + "A swollen painful calf is just a sign the lymph is moving, so keep massaging it.")
    assert "urgent GP appointment" in f.message and "111" in f.message and "999" not in f.message
    assert f.reference == "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/"


def test_the_advice_comes_from_the_red_flag_data_not_the_frames():
    """One place for each fact: the HL107 frames name no urgency; shared/red_flags.yaml does."""
    for fid in ("red-flag-dismissed", "red-flag-remedy"):
        message = frames()[fid].message
        assert "999" not in message and "A&E" not in message and "urgent" not in message.lower(), fid
    entries = [e for e in load("shared/red_flags") if isinstance(e, dict) and e.get("advice")]
    emergency = {t.lower() for e in entries if e["urgency"] == "emergency" for t in e.get("terms") or []}
    assert {"chest pain", "loss of bladder or bowel control", "numbness around the genitals",
            "numbness around the bottom", "weakness in both legs"} <= emergency
    assert all(e["source"].startswith("https://www.nhs.uk/conditions/") for e in entries)
    assert all("999" in e["advice"] for e in entries if e["urgency"] == "emergency")
    chest = next(e for e in entries if "chest pain" in (e.get("terms") or []))
    assert chest["source"] == "https://www.nhs.uk/conditions/chest-pain/"


# -- 4. the number of sessions ----------------------------------------------------------------------------------
def test_speed_message_says_what_the_dosing_trial_found(lint):
    """Not "no trial supports a fixed count of sessions": a dosing trial exists (Sherman et al. 2014)."""
    (f,) = found(lint, INTRO + "This technique relieves a stiff neck in 10 minutes.")
    assert f.rule == "HL103" and "no trial" not in f.message.lower()
    assert "dosing trial" in f.message and f.reference == "https://www.annfammed.org/content/12/2/112"


# -- 5. HL102 and HL107 aimed right ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Massage and gentle exercise strengthen and stretch the muscles that support your spine.",
    "A therapist can help you strengthen and stretch the muscles of the back and hips.",
    "Stretching and strengthening the muscles around the knee may ease stiffness.",
])
def test_strengthening_and_stretching_are_not_cure_claims(lint, text):
    assert "HL102" not in {f.rule for f in found(lint, INTRO + text)}


@pytest.mark.parametrize("text", [
    "Take two ibuprofen before you come.",
    "Pop a couple of painkillers before you arrive.",
    "We recommend taking a painkiller an hour before your visit.",
    "Before your appointment, take two paracetamol so the pressure is easier.",
    "Clients should take ibuprofen ahead of the session.",
])
def test_a_painkiller_before_any_appointment_is_medication_advice(lint, text):
    assert [f.rule for f in found(lint, INTRO + text)] == ["HL107"]


@pytest.mark.parametrize("text", [
    "If you are taking blood thinners, you should tell your therapist before your session.",
    "Do not take painkillers before your massage, so you can feel the pressure.",
    "Tell your therapist about any medicines you take before the treatment starts.",
    "Ask a pharmacist whether you can take ibuprofen before your appointment.",
    "Many clients take ibuprofen before their sessions.",
])
def test_medicine_and_visit_in_one_sentence_is_not_always_advice(lint, text):
    assert not found(lint, INTRO + text), text


def test_the_visit_is_a_token_pattern_not_a_list_of_sentences():
    data = yaml.safe_load((DATA / "claims" / "lexicon.yaml").read_text(encoding="utf-8"))
    lists = {e["id"]: e for e in data["lists"]}
    assert lists["visit-time"].get("patterns") and not lists["visit-time"].get("terms")
    assert not [t for t in lists["instruct"]["terms"] if t.startswith(("before ", "after the"))]


# -- 6. sources ------------------------------------------------------------------------------------------------
CLAIM_FILES = sorted((DATA / "claims").glob("*.yaml"))


@pytest.mark.parametrize("path", CLAIM_FILES, ids=lambda p: p.name)
def test_claim_files_cite_no_generic_page(path):
    """The NCCIH massage overview is cited for nothing: it does not state these facts."""
    text = path.read_text(encoding="utf-8")
    assert GENERIC_NCCIH not in text
    data = yaml.safe_load(text)
    items = data.get("frames") or data.get("lists") or []
    assert [i["id"] for i in items if i.get("source") and problem(i["source"])] == []


def test_no_claims_file_is_pending():
    pending = yaml.safe_load((Path(__file__).parent / "data" / "knowledge" / "pending_files.yaml").read_text(encoding="utf-8")) or []
    assert not [p for p in pending if p.startswith("claims/")]


def test_the_rules_do_not_point_at_the_generic_overview(lint):
    from healthlint.rules import claims as module

    for cls in module.ClaimRule.__subclasses__():
        assert GENERIC_NCCIH not in cls.reference, cls.code


@pytest.mark.parametrize("text", [
    "Do not bother seeing a GP for your sciatica, book a massage instead.",
    "There is no need to go to the doctor for a stiff neck; our massage sorts it.",
])
def test_waving_readers_off_a_doctor_is_medical_advice(lint, text):
    assert [f.rule for f in found(lint, INTRO + text)] == ["HL107"]


def test_on_sciatica_the_message_gives_the_nhs_advice_for_it(lint):
    findings = found(lint, INTRO + "Do not bother seeing a GP for your sciatica, book a massage instead.")
    assert "The NHS says to see a GP for sciatica" in findings[0].message


def test_telling_readers_when_to_see_a_gp_is_not_advice_against_care(lint):
    assert not found(lint, INTRO + "If the pain does not improve after a few weeks, see a GP.")
