"""Where evidence lives (linter/evidence.py): evidence domains, subdomains, suffixes and a publisher's extra domains."""
from __future__ import annotations

from healthlint.evidence import sources


def test_evidence_domains_cover_subdomains_and_suffixes():
    s = sources()
    assert s.is_evidence("https://pubmed.ncbi.nlm.nih.gov/123/")
    assert s.is_evidence("https://www.nhs.uk/conditions/sciatica/")
    assert s.is_evidence("https://health.example.gov/page")
    assert not s.is_evidence("https://cheap-massage-deals.example/")
    assert not s.is_evidence("https://en.wikipedia.org/wiki/Massage")  # reputable, not evidence
    assert s.is_reputable("https://en.wikipedia.org/wiki/Massage")


def test_extra_domains_count_as_evidence_with_their_subdomains():
    s = sources()
    url = "https://evidence.example-clinic.org/sciatica"
    assert not s.is_evidence(url)
    assert s.is_evidence(url, ("example-clinic.org",))
    assert not s.is_evidence("https://notexample-clinic.org/", ("example-clinic.org",))
