"""The terms added in conditions-msk.yaml, conditions-other.yaml, medical-words.yaml and
body-processes.yaml (issue 16): they load in the profile + key format, their names collide with no
other term, correct plain-language definitions are not findings, and a wrong class, region, tissue
or cause is an HL201 finding generated from the profile alone."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import findings_of

DATA = Path(__file__).resolve().parents[1] / "rules" / "data" / "terms"
FILES = ["conditions-msk.yaml", "conditions-other.yaml", "medical-words.yaml", "body-processes.yaml"]
FIELDS = {"id", "kind", "names", "aliases", "definition", "source", "profile", "key"}

# Correct, simplified definitions written for this test: never a finding.
GOOD = [
    "Facet joint syndrome is pain that comes from the small joints at the back of the spine.",
    "Greater trochanteric pain syndrome is pain on the outer side of the hip that is worse when lying on it.",
    "A pulled hamstring is a tear in one of the muscles at the back of the thigh.",
    "Morton's neuroma is a thickening of tissue around a nerve between the toes.",
    "Osgood-Schlatter disease is a painful lump below the kneecap in teenagers.",
    "Compartment syndrome happens when pressure builds up inside a group of muscles.",
    "Reactive arthritis is a type of arthritis triggered by an infection in the gut or the urinary tract.",
    "Trigeminal neuralgia is sudden, severe facial pain caused by pressure on the trigeminal nerve.",
    "Cellulitis is a bacterial infection of the skin and the tissue under it.",
    "Cytokines are proteins that immune cells use to signal to each other.",
    "Lipoedema is a build-up of fat in the legs, hips and buttocks.",
    "Multiple sclerosis is a condition in which the immune system attacks the nerves in the brain and spinal cord.",
    "Peripheral arterial disease is a narrowing of the arteries to the legs caused by fatty deposits.",
    "Period pain is caused by the muscles of the womb contracting.",
    "Chronic means that a condition lasts for a long time.",
    "Idiopathic means that the cause is unknown.",
    "Muscle aches are usually caused by tension, stress or overuse.",
    "Pins and needles is caused by pressure on the nerves when you sit or sleep on part of your body.",
    "Melatonin is a hormone that your brain produces in response to darkness.",
    "Hyaluronic acid is a substance that keeps the joints lubricated and the skin moist.",
    "C-reactive protein is a protein made by the liver when there is inflammation in the body.",
    "Mast cells, a type of white blood cell found throughout the body, release histamine in allergic reactions.",
    "Norepinephrine is a stress hormone and neurotransmitter.",
    "Natural killer cells are white blood cells that destroy infected cells.",
]

# Wrong definitions written for this test, and the aspect the finding must name.
BAD = [
    ("Facet joint syndrome is a muscle strain in the calf.", "category"),
    ("Trochanteric bursitis is pain in the shoulder.", "location"),
    ("Morton's neuroma is a kind of arthritis in the knee.", "category"),
    ("Cellulitis is a buildup of fat under the skin caused by toxins.", "cause"),
    ("Trigeminal neuralgia is a nerve pain in the lower back.", "location"),
    ("Bell's palsy is a form of arthritis of the jaw.", "category"),
    ("A hamstring injury is a sprain of the ankle.", "location"),
    ("Lipoedema is caused by toxins.", "cause"),
    ("Peripheral arterial disease is caused by emotions.", "cause"),
    ("Compartment syndrome is caused by blocked energy in the meridians.", "cause"),
    ("Psoriatic arthritis is a form of arthritis caused by wear and tear.", "cause"),
    ("Multiple sclerosis is a muscle disease caused by lactic acid.", "tissue"),
    ("Melatonin is a neurotransmitter made in the stomach.", "category"),
    ("Cytokines are waste products of the muscles.", "category"),
    ("Cellulitis is a kind of arthritis of the knee.", "category"),
    ("White blood cells are a type of muscle.", "tissue"),
]


def entries():
    for name in FILES:
        for e in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
            yield name, e


def definition_findings(linter, text):
    return [f for f in findings_of(linter, text) if f.category == "definition"]


def test_new_entries_use_the_profile_and_key_format():
    seen = 0
    for name, e in entries():
        seen += 1
        assert set(e) <= FIELDS, (name, e["id"], set(e) - FIELDS)
        assert e["kind"] in ("condition", "anatomy", "mechanism"), e["id"]
        assert e["source"].startswith("https://"), e["id"]
        for word in e.get("key") or []:
            assert isinstance(word, str) and word.isalpha() and word == word.lower(), (e["id"], word)
    assert seen >= 110


def test_new_names_collide_with_no_other_term():
    owner: dict[str, str] = {}
    for path in sorted(DATA.glob("*.yaml")):
        for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not isinstance(e, dict) or e.get("kind") not in ("condition", "anatomy", "mechanism"):
                continue
            for name in list(e["names"]) + list(e.get("aliases") or []):
                other = owner.setdefault(name.lower(), e["id"])
                assert other == e["id"], (name, other, e["id"])


def test_new_profiles_use_known_vocabulary_values():
    from healthlint.rules.definitions import knowledge

    ids = {e["id"] for _, e in entries()}
    loaded = {t.id for t in knowledge(())}
    assert ids <= loaded


@pytest.mark.parametrize("text", GOOD)
def test_correct_definitions_of_new_terms_are_not_flagged(linter, text):
    assert definition_findings(linter, text) == []


@pytest.mark.parametrize("text,aspect", BAD)
def test_wrong_class_region_tissue_or_cause_of_new_terms_is_flagged(linter, text, aspect):
    found = definition_findings(linter, text)
    assert [f.rule for f in found] == ["HL201"], found
    assert aspect in found[0].extra["aspects"]
    assert found[0].reference and found[0].reference.startswith("https://")


def test_negated_wrong_definition_of_a_new_term_is_not_flagged(linter):
    assert definition_findings(linter, "Cellulitis is not a kind of arthritis.") == []
