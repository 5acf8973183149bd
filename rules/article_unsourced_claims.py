"""HL501 unsourced-claims: health claims in an article that cites nothing."""
from __future__ import annotations

from healthlint.document import Document
from healthlint.evidence import sources
from healthlint.frames import frame_index
from healthlint.judge import judge_of
from healthlint.rules._article import JAMA, ArticleRule, anchor, is_article, quote_line
from healthlint.rules.claims import analyse
from healthlint.structure import structure_of

EXAMPLES = 3  # claim sentences quoted in the message


def claim_sentences(doc: Document, extra_dirs: tuple[str, ...]) -> list:
    """The sentences holding the claims the claim family (HL1xx) found, in order, each once."""
    claims = doc.memo(("claims", extra_dirs), lambda: analyse(doc, extra_dirs))
    st = structure_of(doc)
    out = []
    for claim in claims:
        sent = st.sentence_at(claim.start)
        if sent is not None and sent not in out:
            out.append(sent)
    return sorted(out, key=lambda s: s.start)


def has_reference_list(doc: Document, headings: frozenset[str]) -> bool:
    """A line such as "References" or "Sources:" (a heading or a line of its own) with something after it."""
    st = structure_of(doc)
    for sent in st.sentences[:-1]:
        label = st.text(sent).rstrip(":").strip().lower()
        if label in headings:
            return True
    return False


class UnsourcedClaims(ArticleRule):
    r"""Flags an article that makes health claims and cites no source anywhere.

    Why: the JAMA benchmarks and DISCERN ask health information to say where its claims
    come from. An article with no citation, no link to the evidence and no reference
    list gives the reader no way to check what it promises. The claims are those the
    claim rules (HL1xx) find; a source is what the context judge counts as a citation
    (an author-year reference, a DOI or PMID, a footnote marker, a link to a journal,
    research index or health agency: `rules/data/shared/sources.yaml`), a link to a
    domain of the `source-domains` setting, a "References"/"Sources" list, or a
    front-matter key such as `sources:`. Needs at least `unsourced-claims-min` claim
    sentences (default 2) in an article of at least `article-min-words` words (default 60).

    Bad: Sports massage for runners

        Sports massage flushes lactic acid out of your legs and cures muscle soreness for good. Regular sessions also boost the immune system, so you recover faster between hard training weeks. Many runners book a session two days after a marathon, and most say the stairs feel easier afterwards. Book your session with a qualified therapist before your next big race this season.
    Good: Sports massage for runners

        A meta-analysis found that massage after hard exercise reduced muscle soreness a day or two later (Guo et al., 2017, https://doi.org/10.3389/fphys.2017.00747). It may also make the legs feel looser, although the effect on performance is unclear. Many runners book a session two days after a marathon, and most say the stairs feel easier afterwards. Speak to a physiotherapist if soreness lasts more than a week.
    Use instead: cite the evidence for each claim (a link to the study, review or health agency page, or a reference list), or remove the claim.
    """

    code = "HL501"
    name = "unsourced-claims"
    severity = "warning"
    reference = JAMA

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.sources = sources(self.extra_dirs)
        self.extra_domains = tuple(settings.source_domains)
        frame_index(self.extra_dirs)  # the claim frames: compiled now, not on the first document

    def has_source(self, doc: Document) -> bool:
        if judge_of(doc, self.extra_dirs).has_citations():
            return True
        for key, item in doc.metadata.items():
            if key.lower() in self.sources.front_matter_keys and item.value:
                return True
        if self.extra_domains and any(self.sources.is_evidence(link.url, self.extra_domains)
                                      for link in doc.links if not link.hidden):
            return True
        return has_reference_list(doc, self.sources.reference_headings)

    def check(self, doc: Document):
        if not is_article(doc, self.settings):
            return
        sents = claim_sentences(doc, self.extra_dirs)
        if len(sents) < max(1, self.settings.unsourced_claims_min) or self.has_source(doc):
            return
        examples = "; ".join(quote_line(doc, s.start, s.end) for s in sents[:EXAMPLES])
        start, end = anchor(doc)
        yield self.finding(
            doc, start, end,
            f"{len(sents)} sentences make health claims and the article cites no source for them (no reference, "
            f"no link to the evidence, no reference list); e.g. {examples}.",
            suggestion="Cite the evidence for each claim (a study, review or health-agency page) or remove it.",
            claims=[[s.start, s.end] for s in sents])
