"""HL501 unsourced-claims (rules/article_unsourced_claims.py): the claim family's claims, the judge's citations."""
from __future__ import annotations

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter
from tests.conftest import article_findings

TITLE = "Massage for runners\n\n"
# three sentences the claim rules (HL1xx) flag: a myth, an immune-boosting claim, a cure
CLAIMS = ("Sports massage flushes lactic acid out of your legs after a race. "
          "Regular sessions also boost the immune system, so you catch fewer colds. "
          "Craniosacral therapy cures fibromyalgia for good. ")
# plain text that makes no claim, long enough for an article (article-min-words = 60)
BODY = ("The therapist works slowly into the muscles of the calves and thighs, and then stretches the hip. "
        "Most clients book a course of five sessions over the season. "
        "Sessions last about an hour and you stay dressed in loose clothes on a padded table. "
        "Afterwards you may feel a little sore for a day or two, which is common and passes. ")


def test_claims_without_a_source_are_flagged_once_at_the_title(article_linter):
    text = TITLE + CLAIMS + BODY
    found = article_findings(article_linter, "HL501", text)
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "Massage for runners"
    assert found[0].message.startswith("3 sentences make health claims")
    assert found[0].extra["claims"][0][0] == text.index("Sports massage")


def test_the_claims_are_those_the_claim_family_finds(article_linter):
    """A hedged benefit is not an overclaim for HL1xx, so it is not an unsourced claim either."""
    hedged = ("Sports massage may help some people feel less sore after a race. "
              "Some runners find that regular sessions help them relax before a big event. ")
    assert not article_findings(article_linter, "HL501", TITLE + hedged + BODY)
    one = "Craniosacral therapy cures fibromyalgia for good. "
    assert not article_findings(article_linter, "HL501", TITLE + one + BODY)  # below unsourced-claims-min (2)


@pytest.mark.parametrize("source", [
    "A review pooled the trials (Davies et al., 2019).",
    "The trial is described at https://pubmed.ncbi.nlm.nih.gov/12345678/ in full.",
    "The review is doi:10.1002/14651858.CD004871 in the library.",
    "Two small trials found less soreness.[2]",
    "See https://www.nhs.uk/conditions/fibromyalgia/ for the treatments that work.",
])
def test_a_citation_the_judge_counts_is_a_source(article_linter, source):
    assert not article_findings(article_linter, "HL501", TITLE + CLAIMS + source + " " + BODY)


def test_a_footnote_that_silences_the_claim_rules_also_sources_the_article():
    """One answer to "is this cited": the same marker excuses HL1xx claims and satisfies HL501."""
    linter = Linter(Settings(select=["HL1", "HL501"]))
    cured = "Craniosacral therapy cures fibromyalgia for good."
    plain = {(f.rule, f.excerpt) for f in linter.check_text(TITLE + CLAIMS + BODY, path="a.txt").findings}
    assert ("HL102", cured) in plain and any(rule == "HL501" for rule, _ in plain)
    cited = TITLE + CLAIMS.replace(cured, cured[:-1] + ".[1]") + BODY
    found = linter.check_text(cited, path="a.txt").findings
    assert not [f for f in found if f.rule == "HL501"]
    # the claim rules count the same marker: the cited cure claim is excused or lowered to info
    assert all(f.severity == "info" for f in found if f.rule == "HL102" and "fibromyalgia" in f.excerpt)


def test_a_reference_list_and_front_matter_sources_count(article_linter):
    listed = TITLE + CLAIMS + BODY + "\n\nReferences\n\nDavies R. Massage after endurance events. 2019."
    assert not article_findings(article_linter, "HL501", listed)
    front = ("---\ntitle: Massage for runners\nsources:\n  - \"A review of massage after exercise\"\n---\n\n"
             "# Massage for runners\n\n" + CLAIMS + BODY)
    assert not article_findings(article_linter, "HL501", front, fmt="markdown", path="a.md")
    empty_heading = TITLE + CLAIMS + BODY + "\n\nReferences"
    assert article_findings(article_linter, "HL501", empty_heading)  # a heading with nothing under it


def test_a_link_to_an_ordinary_site_is_not_a_source(article_linter):
    text = TITLE + CLAIMS + "Book now at https://cheap-massage-deals.example/runners today.\n\n" + BODY
    assert article_findings(article_linter, "HL501", text)


def test_source_domains_setting_adds_domains_that_count():
    text = TITLE + CLAIMS + "Our evidence page: https://evidence.example-clinic.org/runners\n\n" + BODY
    assert article_findings(Linter(Settings(select=["HL501"])), "HL501", text)
    assert not article_findings(Linter(Settings(select=["HL501"], source_domains=["example-clinic.org"])),
                                "HL501", text)


def test_negated_claims_and_snippets_pass(article_linter):
    negated = ("Massage myths\n\nMassage does not flush lactic acid out of the legs. "
               "There is no evidence that massage boosts the immune system. " + BODY)
    assert not article_findings(article_linter, "HL501", negated)
    assert not article_findings(article_linter, "HL501", CLAIMS)  # 30 words: a snippet, not an article
