"""HL1xx claim rules on realistic sentences, the dev corpus and clean NIH text."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter
from tests.conftest import claims

ROOT = Path(__file__).resolve().parent.parent
MEDQUAD = ROOT.parent / "shared" / "corpus" / "real" / "medquad" / "medquad_sample.jsonl"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"


# A massage/spa context sentence is prepended: the rules judge claims about bodywork.
INTRO = "Our therapists offer deep tissue and Swedish massage. "

BAD = [
    ("HL101", "Reflexology clears the blockage once and for all, so the pain is gone for good."),
    ("HL101", "Myofascial release permanently resolves chronic pain."),
    ("HL101", "Our massage treatments guarantee pain relief."),
    ("HL101", "Massage is completely safe and has no side effects at all."),
    ("HL101", "After a course with us the migraines will never come back."),
    ("HL101", "Runners who book weekly massage never get injured."),
    ("HL102", "Reflexology cures migraines and insomnia."),
    ("HL102", "Acupressure reverses diabetes naturally."),
    ("HL102", "Shiatsu strengthens the immune system and keeps the flu away."),
    ("HL102", "Regular massage prevents the common cold."),
    ("HL102", "Heat and pressure heal the slipped disc."),
    ("HL103", "After just two sessions your sciatica will be gone."),
    ("HL103", "This technique relieves a stiff neck in 10 minutes."),
    ("HL104", "Untreated knots are a silent killer."),
    ("HL104", "Tight muscles can be life threatening if you ignore them."),
    ("HL105", "Massage releases toxins stored in your muscles, so drink lots of water."),
    ("HL105", "Lymphatic massage may help detoxify the lymph."),  # a hedge never rescues a myth
    ("HL105", "Foam rolling breaks up scar tissue and adhesions."),
    ("HL105", "The therapist will pop the vertebra back into place."),
    ("HL105", "Warm stones dissolve calcium deposits in the knee."),
    ("HL105", "Hot stone massage burns fat, a great way to shed pounds."),
    ("HL105", "Monthly stretching sessions make you grow taller."),
    ("HL105", "The dark cupping marks show the stagnant blood leaving."),
    ("HL105", "Sports massage clears lactic acid from your legs."),
    ("HL106", "Our reflexology treatment has been scientifically proven to lower blood pressure."),
    ("HL107", "You don't need to see a doctor for back pain; just book a massage."),
    ("HL107", "Stop taking your painkillers once you start our massage programme."),
    ("HL107", "Take two ibuprofen before your massage so you can handle deeper pressure."),
    ("HL107", "Even if your leg feels numb, keep coming for deep tissue sessions."),
    ("HL107", "Try massage for a few weeks instead of seeing a doctor."),
    ("HL101", "Our spa massage is a miracle cure for back pain."),
    ("HL101", "Massage has no side effects, unlike painkillers."),
    ("HL102", "Massage may cure fibromyalgia."),  # a hedge does not rescue a cure claim
    ("HL102", "Mary's arthritis was cured after five sessions of our reflexology."),
    ("HL102", "Regular sports massage prevents injuries."),
    ("HL103", "Clients feel pain relief from the very first session."),
    ("HL104", "Tight neck muscles can lead to a stroke if left untreated."),
    ("HL105", "A trained reflexologist can detect hidden illnesses by feeling your feet."),
    ("HL105", "Clients lose up to 5 kg in a month with our lymphatic sessions."),
    ("HL106", "Our massage is backed by science."),
    ("HL107", "Diabetic clients can reduce their insulin after a course of massage."),
    ("HL107", "If you feel a clot in your calf, massage it away gently."),
    ("HL107", "Massage is better than surgery for a slipped disc."),
    ("HL107", "If your leg feels numb after the massage, that numbness is perfectly normal."),
    ("HL107", "Remember, if it hurts, it's working."),
    ("HL107", "Taking aspirin after a massage will reduce swelling."),
    ("HL104", "Bad posture will destroy your spine."),
    ("HL101", "Reflexology is the best treatment for migraines."),
    ("HL101", "Say goodbye to back pain forever with our massage."),
    ("HL102", "Reflexology treats fibromyalgia and arthritis."),
    ("HL106", "Our proven technique relieves back pain."),
]

GOOD = [
    "Massage may help reduce stress and ease some kinds of pain in the short term.",
    "There is no evidence that massage cures cancer.",
    "It is a myth that massage releases toxins.",
    "Some people believe massage flushes out toxins, but there is no scientific evidence for this.",
    "Massage cannot cure fibromyalgia, but it may ease symptoms for some people.",
    "Massage therapists cannot guarantee that your pain will go away, and nobody should promise it.",
    "Massage won't permanently fix a herniated disc, but it may ease muscle spasm around it.",
    "A blood clot in the leg can be life-threatening, so never massage a swollen, painful calf.",
    "Ask your pharmacist whether ibuprofen is suitable for you.",
    "If you take blood thinners, tell your therapist before the session.",
    "Do not stop or change prescribed medicine because you have started massage.",
    "See a doctor before booking a massage if your pain followed a fall.",
    "If you are not feeling better after three visits, we will refer you to your GP.",
    "A session usually lasts 60 to 90 minutes.",
    "Claims that massage \"detoxes\" the body are not supported by evidence.",
    "Massage will not make you taller or help you lose weight.",
    "Regular exercise, not massage, is the best way to lose weight.",
    "Your liver and kidneys remove waste products from the body.",
    "No massage technique can push a disc back into place.",
    "Be wary of any spa that promises to cure arthritis.",
    "Sore muscles usually feel better within a day or two.",
    "Massage can temporarily reduce soreness after exercise, some research suggests.",
    "Massage has been proven to ease low back pain in the short term (Furlan et al., 2015).",
    "Massage should never replace treatment prescribed by your doctor.",
    'One client told us "it fixed my sciatica for good", but we cannot promise that; there is no evidence for it.',
    "We offer guaranteed same-day appointments.",
    "Your therapist should wash their hands and clean the table to prevent infection.",
    "A balanced diet boosts your immune system more than any massage.",
    "If you want to lose weight, massage won't help; exercise and diet will.",
    "Cupping marks are not toxins; they are bruises from broken capillaries.",
    "Most healthy adults don't need to see a doctor before a relaxation massage.",
    "Many clients feel better after two or three sessions.",
    "There is no guarantee that massage will relieve your pain.",
    'Some practitioners say the colour shows how much "stagnation" was released; that is not how bruises work.',
    "A swollen, painful calf may be a sign of a blood clot, which can be life-threatening; do not massage it.",
    "Massage will not cure arthritis, reverse scoliosis or repair a damaged disc.",
    "Practitioners believe these points correspond to organs, but there is no anatomical basis for that idea.",
]


@pytest.mark.parametrize("code,sentence", BAD, ids=[f"{c}-{i}" for i, (c, _) in enumerate(BAD)])
def test_bad_claims_are_flagged_by_their_rule(lint, code, sentence):
    text = INTRO + sentence
    found = claims(lint, text)
    codes = {f.rule for f in found}
    assert code in codes, f"{code} missed: {sentence!r} (got {codes})"
    start = len(INTRO)
    assert all(f.start >= start for f in found), "the intro sentence is not a claim"


@pytest.mark.parametrize("sentence", GOOD)
def test_honest_sentences_are_not_flagged(lint, sentence):
    found = claims(lint, INTRO + sentence)
    assert not found, [(f.rule, f.excerpt, f.message) for f in found]


def test_a_finding_explains_suggests_and_cites(lint):
    text = INTRO + "Deep tissue work flushes out the toxins that build up in tight muscles, so drink water."
    (finding,) = claims(lint, text)
    assert finding.rule == "HL105" and finding.severity == "error"
    assert "toxin" in finding.message.lower() and finding.message.endswith(".")
    assert finding.suggestion and finding.reference.startswith("https://")
    # the span is the clause, not the whole sentence
    assert text[finding.start:finding.end] == "Deep tissue work flushes out the toxins that build up in tight muscles"


def test_claims_about_other_treatments_are_out_of_scope(lint):
    # clean NIH-style text: no bodywork in sight, so cure/prevent wording is a medical fact, not an overclaim
    text = "Early-stage testicular cancer can be cured with surgery. Vaccines prevent the flu in many people."
    assert not claims(lint, text)


def test_cited_strong_claim_is_only_info(lint):
    text = (INTRO + "Our massage permanently removes knots, as one trial reported "
            "(Smith et al., 2019).")
    found = claims(lint, text)
    assert [f.severity for f in found] == ["info"]


def test_a_testimonial_is_reported_as_info_but_a_quoted_myth_is_not_softened(lint):
    text = INTRO + '"After one session my sciatica was completely gone!" says Maria.'
    assert [(f.rule, f.severity) for f in claims(lint, text)] == [("HL103", "info")]
    text = INTRO + '"The massage flushed all the toxins out of me," says Maria.'
    assert [(f.rule, f.severity) for f in claims(lint, text)] == [("HL105", "error")]


def test_headings_and_titles_are_checked(lint):
    md = '---\ntitle: "Cupping That Detoxifies Your Blood"\n---\n\n# Massage Cures Sciatica\n\nBook today.\n'
    found = claims(lint, md, "markdown", "a.md")
    assert {f.rule for f in found} == {"HL102", "HL105"}
    html = ("<html><head><title>Massage That Eliminates Back Pain</title></head>"
            "<body><h1>Hello</h1><p>Our spa is open daily.</p></body></html>")
    assert {f.rule for f in claims(lint, html, "html", "a.html")} == {"HL101"}


def test_a_myth_added_as_data_is_flagged(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "myths.yaml").write_text(
        "- id: magnets-iron\n"
        "  pattern: '\\bmagnets?\\b[^.]{0,30}\\b(?:attract|pull)\\w*\\s+(?:the\\s+)?iron in (?:your|the) blood'\n"
        "  needs: [modality@paragraph]\n"
        "  hedge: false\n"
        "  cited: false\n"
        "  message: 'Magnet myth: the iron in haemoglobin is not attracted by therapy magnets.'\n"
        "  suggestion: 'Remove the claim.'\n"
        "  source: https://www.nccih.nih.gov/health/magnets-for-pain\n", encoding="utf-8")
    lint = Linter(Settings(select=["HL1"], data_dirs=[str(tmp_path)]))
    found = lint.check_text("Our magnets pull the iron in your blood to the sore spot.", path="a.txt").findings
    assert [f.extra.get("pattern") for f in found] == ["magnets-iron"]


def test_every_data_entry_has_a_source_and_a_message():
    from healthlint.knowledge import load

    for name in ("absolutes", "cures", "speed", "fear", "myths", "proof", "advice"):
        for entry in load(f"claims/{name}"):
            assert entry["source"].startswith("https://"), (name, entry["id"])
            assert entry["message"].endswith(".") and entry.get("suggestion"), (name, entry["id"])
    for entry in load("claims/vocabulary") + load("claims/context"):
        assert entry["source"].startswith("https://"), entry["id"]


def test_dev_corpus_targets(dev_corpus):
    """Claim recall >= 0.90 on required labels, precision >= 0.85, nothing on the good-* articles."""
    if not SCORE.is_file():
        pytest.skip("../shared/eval/score.py is not available")
    script = ("import json,sys\nfrom healthlint.config import Settings\nfrom healthlint.engine import Linter\n"
              "l=Linter(Settings(select=['HL1']))\nout=[]\nfor p in sys.argv[1:]:\n"
              "    fmt={'html':'html','md':'markdown'}.get(p.rsplit('.',1)[-1],'text')\n"
              "    r=l.check_text(open(p,encoding='utf-8').read(),path=p,fmt=fmt)\n"
              "    out+=[f.to_dict() for f in r.findings]\nprint(json.dumps(out))\n")
    proc = subprocess.run([sys.executable, str(SCORE), "--corpus", str(dev_corpus), "--json", "--",
                           sys.executable, "-c", script], capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout)["claim"]
    assert result["recall"] >= 0.90, result
    assert result["precision"] >= 0.85, result
    lint = Linter(Settings(select=["HL1"]))
    for path in sorted(dev_corpus.glob("good-*")):
        fmt = {".html": "html", ".md": "markdown"}.get(path.suffix, "text")
        found = lint.check_text(path.read_text(encoding="utf-8"), path=str(path), fmt=fmt).findings
        assert not found, (path.name, [(f.rule, f.excerpt) for f in found])


def test_clean_nih_text_rate():
    """At most one claim finding per 5,000 words of MedQuAD answers (clean NIH text)."""
    if not MEDQUAD.is_file():
        pytest.skip("../shared/corpus/real/medquad is not available")
    lint = Linter(Settings(select=["HL1"]))
    words = found = 0
    for line in MEDQUAD.read_text(encoding="utf-8").splitlines():
        answer = json.loads(line)["answer"]
        words += len(answer.split())
        found += len(claims(lint, answer))
    assert found / words * 5000 <= 1.0


HL108_BAD = [
    "Regular sports massage boosts blood flow to tired legs.",
    "Deep tissue massage speeds up healing after a sprain.",
    "Sciatica is another condition that massage therapists can treat.",
    "Hot stone massage is ideal for people suffering from fibromyalgia.",
    "Weekly massage keeps the back supple and prevents further injuries.",
]
HL108_GOOD = [
    "Some people feel that massage improves their circulation, but studies have not shown it.",
    "Massage may help some people with fibromyalgia feel better for a while.",
    "Massage does not speed up healing of a fracture.",
    "Stretching and strength work can lower the chance of back pain coming back.",
]


@pytest.mark.parametrize("text", HL108_BAD)
def test_unhedged_benefit_flags_weak_evidence_stated_as_fact(lint, text):
    assert "HL108" in [f.rule for f in claims(lint, INTRO + text)], text


@pytest.mark.parametrize("text", HL108_GOOD)
def test_unhedged_benefit_respects_hedges_and_negation(lint, text):
    assert "HL108" not in [f.rule for f in claims(lint, INTRO + text)], text


def test_myths_hold_whatever_the_subject_and_reflex_points_do_not_excuse_them(lint):
    """A wrong cause or toxin claim is a myth whoever it is said of; 'kidney reflex point' is not the kidneys."""
    assert "HL105" in [f.rule for f in claims(lint, INTRO + "High blood pressure is caused by blocked energy in the feet.")]
    assert "HL105" in [f.rule for f in claims(
        lint, INTRO + "The kidneys reflex point sits under the arch, and rubbing it washes the poisons out of the blood.")]
    assert claims(lint, INTRO + "Your liver and kidneys clear waste from the blood; massage does not.") == []


@pytest.mark.parametrize("text,flagged", [
    ("Jaw massage also drains the stress hormones out of the face and makes wrinkles disappear.", True),
    ("Our facial massage removes wrinkles and turns back the clock.", True),
    ("A facial massage can feel relaxing, and the skin may look fresher for a short while.", False),
    ("Massage does not remove cellulite.", False),
])
def test_cosmetic_and_hormone_myths(lint, text, flagged):
    assert ("HL105" in [f.rule for f in claims(lint, INTRO + text)]) is flagged, text
