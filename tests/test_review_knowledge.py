"""benchmarks/review_knowledge.py: a seeded sample of facts beside their sources."""
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "review_knowledge.py"
spec = importlib.util.spec_from_file_location("review_knowledge", SCRIPT)
review = importlib.util.module_from_spec(spec)
spec.loader.exec_module(review)


def run(capsys, *args):
    assert review.main(list(args)) == 0
    return capsys.readouterr().out


def test_the_same_seed_gives_the_same_sample_and_another_seed_another(capsys):
    first = run(capsys, "5", "--seed", "3")
    assert first == run(capsys, "5", "--seed", "3")
    assert first != run(capsys, "5", "--seed", "4")
    assert first.count("    fact:") == 5 and first.count("    source:") == 5


def test_a_sample_of_techniques_prints_fact_and_source_side_by_side(capsys):
    out = run(capsys, "4", "--seed", "1", "--only", "techniques", "--format", "tsv")
    rows = out.strip().splitlines()
    assert rows[0].split("\t") == ["file", "id", "fact", "source", "verdict"]
    assert len(rows) == 5
    assert all(r.split("\t")[0].startswith("techniques/") and r.split("\t")[3].startswith("https://") for r in rows[1:])


def test_every_technique_fact_can_be_sampled():
    facts = review.all_facts("techniques")
    assert len(facts) >= 250 and all(f.source for f in facts)
