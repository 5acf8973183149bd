"""HL503 missing-byline: an article that does not say who wrote it (or, if configured, when)."""
from __future__ import annotations

import functools
import re

from healthlint.document import Document
from healthlint.knowledge import load
from healthlint.rules._article import JAMA, ArticleRule, anchor, is_article
from healthlint.rules._dates import dates_in
from healthlint.structure import Sentence, Structure, structure_of

_LINE = re.compile(r"[^\n]*\S[^\n]*")


@functools.lru_cache(maxsize=8)
def byline_data(extra_dirs: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The metadata keys and placeholder names of ``article/byline.yaml``, by kind, in lower case."""
    out: dict[str, set[str]] = {}
    for entry in load("article/byline", extra_dirs):
        if isinstance(entry, dict) and entry.get("kind"):
            out.setdefault(entry["kind"], set()).update(str(v).lower() for v in entry.get("values") or [])
    return {k: frozenset(v) for k, v in out.items()}


class MissingByline(ArticleRule):
    r"""Flags an article that does not say who wrote it (and, if configured, when it was written or reviewed).

    Why: authorship and currency are JAMA benchmarks and HONcode principles: readers
    judge health information by who stands behind it and how recent it is. Read from
    metadata (front matter, HTML meta, archive fields: `author`, `date`, `updated`,
    `reviewed` ..., `rules/data/article/byline.yaml`) or a byline line near the top or
    bottom ("By Hannah Reyes | May 2, 2024", "Medically reviewed by Dr. Alan Weiss.
    Updated 12 June 2024"). A CMS default name such as "admin" is not an author. Setting
    `byline-required` lists what must be present: `author` (default), `date`
    (publication, update or review date) and `reviewed` (a review or update); e.g.
    `byline-required = ["author", "date"]` for the full JAMA currency benchmark.

    Bad: Massage for tension headaches

        Tension headaches often come with tight muscles in the neck and shoulders. A gentle massage of the neck, shoulders and scalp may help some people relax, and a few small trials suggest it can ease how often these headaches happen. Pressure should stay comfortable. See a doctor about a sudden, severe headache or one that follows a head injury, and talk to a pharmacist before taking painkillers on many days a month.
    Good: Massage for tension headaches
        By Maria Lopez, RMT | Updated 3 March 2024

        Tension headaches often come with tight muscles in the neck and shoulders. A gentle massage of the neck, shoulders and scalp may help some people relax, and a few small trials suggest it can ease how often these headaches happen. Pressure should stay comfortable. See a doctor about a sudden, severe headache or one that follows a head injury, and talk to a pharmacist before taking painkillers on many days a month.
    Use instead: add a byline with the author's name and credentials, and the date of publication or last review.
    """

    code = "HL503"
    name = "missing-byline"
    severity = "warning"
    reference = JAMA

    SCAN_LINES = 8  # non-empty lines read at the top and at the bottom of the article
    MAX_BYLINE_CHARS = 300  # a longer sentence is prose, not a byline
    NAME_TOKENS = 6  # tokens read after a lead-in for the name
    DATE_GAP = 2  # tokens allowed between "Updated" and its date (":", "on")

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        self.data = byline_data(self.extra_dirs)

    # -- metadata ---------------------------------------------------------------------------
    def _meta(self, doc: Document, kind: str) -> list[str]:
        keys, out = self.data.get(kind, frozenset()), []
        for key, item in doc.metadata.items():
            if key.lower() in keys and item.value:
                value = item.value if isinstance(item.value, (list, tuple)) else [item.value]
                out += [str(v).strip() for v in value if str(v).strip()]
        return out

    # -- the byline in the text ---------------------------------------------------------------
    def scanned(self, doc: Document, st: Structure) -> list[Sentence]:
        """Short sentences that start in the first or last SCAN_LINES non-empty lines."""
        lines = [(m.start(), m.end()) for m in _LINE.finditer(doc.prose)]
        if len(lines) > 2 * self.SCAN_LINES:
            lines = lines[:self.SCAN_LINES] + lines[-self.SCAN_LINES:]
        out = []
        for start, end in lines:
            sent = st.sentence_at(start + len(doc.prose[start:end]) - len(doc.prose[start:end].lstrip()))
            while sent is not None and sent.start < end:
                if sent.end - sent.start <= self.MAX_BYLINE_CHARS and sent not in out:
                    out.append(sent)
                sent = st.neighbour(sent, 1)
        return out

    @staticmethod
    def _leads(st: Structure, sent: Sentence, label: str) -> list:
        """Lead-in atoms that open the sentence or follow a separator ("... | By ...", "MD. Updated ...")."""
        sdoc, out = st.doc.spacy, []
        for atom in st.atoms_in(sent.tok_start, sent.tok_end):
            if atom.label != label:
                continue
            before = sdoc[sent.tok_start:atom.start]
            if all(t.is_punct or t.is_space for t in before) or (before[-1].is_punct and before[-1].text != ",") \
                    or "\n" in before[-1].whitespace_ + (before[-1].text if before[-1].is_space else ""):
                out.append(atom)
        return out

    def _author(self, st: Structure, lead, end: int) -> bool:
        """A person's name ("Dr. Alan Weiss", "Ana de la Cruz") or a team ("the team at ...") after a lead-in."""
        sdoc = st.doc.spacy
        labels: dict[int, set[str]] = {}
        for atom in st.atoms_in(lead.end, min(end, lead.end + self.NAME_TOKENS + 1)):
            labels.setdefault(atom.start, set()).add(atom.label)
        i, names, titled = lead.end, 0, False
        if i < end and "byline-organisation" not in labels.get(i, ()) and sdoc[i].is_stop:
            for j in range(i + 1, min(end, i + 5)):  # "the team", "our editorial team", "the Northside team"
                if "byline-organisation" in labels.get(j, ()):
                    return True
                if not sdoc[j].is_title:
                    break
        if i < end and "honorific" in labels.get(i, ()):
            i, titled = i + 1, True
        first = True
        while i < end and i < lead.end + self.NAME_TOKENS:
            token = sdoc[i]
            if token.is_title and token.is_alpha or token.shape_ == "X.":
                if first and token.lower_ in self.data.get("placeholder_authors", ()):
                    return False  # "By Admin"
                names, first = names + 1, False
            elif not (names and "name-particle" in labels.get(i, ())):
                break
            i += 1
        return names >= 2 or titled and names >= 1

    def found(self, doc: Document) -> dict[str, bool]:
        placeholders = self.data.get("placeholder_authors", frozenset())
        authors = [a for a in self._meta(doc, "author_keys") if a.lower() not in placeholders]
        have = {"author": bool(authors), "date": bool(self._meta(doc, "date_keys")),
                "reviewed": bool(self._meta(doc, "review_keys"))}
        if all(have.values()):
            return have
        st = structure_of(doc)
        for sent in self.scanned(doc, st):
            labels = st.labels_in(sent)
            bylined = False
            if "byline-lead" in labels:
                bylined = any(self._author(st, lead, sent.tok_end) for lead in self._leads(st, sent, "byline-lead"))
                have["author"] = have["author"] or bylined
            if "review-lead" in labels and self._leads(st, sent, "review-lead"):
                have["reviewed"] = True
            if "month" in labels or "date-lead" in labels or bylined:
                leads = [x for x in st.atoms_in(sent.tok_start, sent.tok_end) if x.label == "date-lead"]
                for start, _ in dates_in(st, sent.tok_start, sent.tok_end):
                    lead = next((x for x in leads if 0 <= start - x.end <= self.DATE_GAP), None)
                    if lead is None and not bylined:
                        continue
                    have["date"] = True
                    if lead is not None and st.has("review-cue", lead.start, lead.end):
                        have["reviewed"] = True
        return have

    def check(self, doc: Document):
        if not is_article(doc, self.settings):
            return
        have = self.found(doc)
        missing = [what for what in self.settings.byline_required if not have.get(what, True)]
        if not missing:
            return
        names = {"author": "author", "date": "date of publication or update", "reviewed": "last-reviewed date"}
        start, end = anchor(doc)
        yield self.finding(
            doc, start, end,
            f"No {' and no '.join(names.get(m, m) for m in missing)}: readers cannot tell "
            + " or ".join(part for part, needs in (("who stands behind this health information", "author" in missing),
                                                   ("how current it is", bool(set(missing) - {"author"}))) if needs)
            + ".",
            suggestion="Add a byline: the author's name and credentials, and the date of publication or last review.",
            missing=missing)
