"""The sourcing policy (docs/knowledge.md) over every data file of rules/data/ that has sources or facts.

Parametrized per file, so that one family's data failing names that file alone.
"""
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from healthlint.knowledge import data_dir, load
from healthlint.sourcing import _key, facts_in, generic_pages, problem, sources_in

ROOT = data_dir()
FILES = sorted(p for p in ROOT.rglob("*.yaml")
               if sources_in(yaml.safe_load(p.read_text(encoding="utf-8")))
               or facts_in(yaml.safe_load(p.read_text(encoding="utf-8"))))
IDS = [str(p.relative_to(ROOT)) for p in FILES]
RETRACTED = Path(__file__).resolve().parent / "data" / "knowledge" / "retracted.yaml"
PENDING = set(yaml.safe_load((RETRACTED.parent / "pending_files.yaml").read_text(encoding="utf-8")) or [])
PENDING_MARK = pytest.mark.xfail(strict=True, reason="another family's data, listed in tests/data/knowledge/pending_files.yaml")
SOURCED = [pytest.param(p, id=i, marks=[PENDING_MARK] if i in PENDING else []) for p, i in zip(FILES, IDS)]


def _data(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SOURCED)
def test_every_source_is_a_specific_well_formed_page(path):
    problems = [p for p in (problem(s) for s in sources_in(_data(path))) if p]
    assert problems == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_fact_names_a_source(path):
    data = _data(path)
    top = data.get("source") if isinstance(data, dict) else None  # a file-wide source covers its entries
    missing = [f.id for f in facts_in(data) if not f.source and not top]
    assert missing == []


# -- the checks themselves ---------------------------------------------------------------------------

@pytest.mark.parametrize("source,wrong", [
    ("https://en.wikipedia.org/wiki/Massage", "generic"),
    ("https://en.wikipedia.org/wiki/Massage#Swedish_massage", "generic"),
    ("https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know/", "generic"),
    ("https://nhs.uk/conditions/", "generic"),
    ("https://doi.org/11.1002/14651858", "DOI"),
    ("https://doi.org/10.12/x", "DOI"),
    ("https://pubmed.ncbi.nlm.nih.gov/abc123/", "PubMed"),
    ("https://pubmed.ncbi.nlm.nih.gov/0123/", "PubMed"),
    ("http://example.org/page", "https"),
    ("see the NHS", "https"),
    (None, "https"),
])
def test_bad_sources_are_rejected(source, wrong):
    assert wrong in problem(source)


@pytest.mark.parametrize("source", [
    "https://doi.org/10.1002/14651858.CD001929.pub3",
    "https://pubmed.ncbi.nlm.nih.gov/15730338/",
    "https://en.wikipedia.org/wiki/Watsu",
    "https://www.nhs.uk/conditions/sciatica/",
    "https://www.nccih.nih.gov/health/reiki",
])
def test_specific_pages_pass(source):
    assert problem(source) is None


def test_no_technique_file_is_pending():
    assert not {p for p in PENDING if p.startswith("techniques/")} and PENDING <= set(IDS)


def test_the_generic_list_is_data_and_names_why():
    pages = generic_pages()
    assert _key("https://en.wikipedia.org/wiki/Massage") in pages and all(pages.values())


def test_an_entry_without_a_source_is_found():
    data = {"entries": [{"id": "x", "description": "A stroke.", "source": "https://doi.org/10.1136/bjsm.28.3.149"},
                        {"id": "y", "description": "Another stroke."}]}
    assert [f.id for f in facts_in(data) if not f.source] == ["y"]


# -- technique facts: about the technique itself -------------------------------------------------------

TECHNIQUES = [e for e in load("techniques") if isinstance(e, dict) and e.get("name")]
PLAIN = {"massage", "therapy", "technique", "techniques", "method", "approach", "the", "and", "of", "system",
         "concept", "medicine", "manipulation", "treatment", "yoga", "orthopedics"}


def _title_words(url: str) -> set[str]:
    title = unquote(url.rsplit("/", 1)[-1]).lower()
    return {w for w in re.split(r"[\W_]+", re.sub(r"\(.*?\)", "", title)) if len(w) > 2} - PLAIN


PARENT_PAGES = {d["id"] for d in yaml.safe_load(
    (Path(__file__).resolve().parent / "data" / "knowledge" / "parent_sources.yaml").read_text(encoding="utf-8"))}


def _about_it(entry) -> bool:
    if "wikipedia.org/wiki/" not in entry["source"]:
        return True
    words = " ".join([entry["name"], *entry["aliases"], entry["description"]]).lower()
    own = set(re.split(r"[\W_]+", words))
    title = _title_words(entry["source"])
    return bool(title & own) or any(t in words for t in title)


@pytest.mark.parametrize("entry", TECHNIQUES, ids=[e["id"] for e in TECHNIQUES])
def test_a_technique_cites_a_page_about_it(entry):
    """A Wikipedia source is the article on that technique (or on its founder, named in the description);
    the entries still citing a parent modality's page are listed as debt, and the list only shrinks."""
    assert _about_it(entry) != (entry["id"] in PARENT_PAGES), (entry["id"], entry["source"])


# -- facts that were wrong, kept out --------------------------------------------------------------------

RETRACTIONS = yaml.safe_load(RETRACTED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("item", RETRACTIONS, ids=[r["id"] for r in RETRACTIONS])
def test_retracted_facts_do_not_come_back(item):
    entries = {e["id"]: e for e in load(item["file"]) if isinstance(e, dict) and e.get("id")}
    if item.get("removed"):
        names = {n.lower() for e in entries.values() for n in [e.get("name", ""), *(e.get("aliases") or [])]}
        assert item["id"] not in entries and not names & {n.lower() for n in item.get("names", [])}
        return
    text = entries[item["id"]]["description"].lower()
    assert not any(bad.lower() in text for bad in item.get("must_not_say", [])), text
    assert all(good.lower() in text for good in item.get("must_say", [])), text
