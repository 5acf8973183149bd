"""Page residue (HL405) and URL dumps (HL410): what a copy of a web page drags along.

Residue is judged by what it is, not by exact phrases: a *line* that is short, is
not a sentence of the article, and is almost all made of the vocabulary of page
furniture (share and follow buttons, counters, comment and sign-up forms,
navigation, cookie and ad labels, image credits, product ids). The vocabulary is
lexicon data (``rules/data/spam/lexicon.yaml``) matched once per Doc; this module
reads the span groups and decides by line shape:

* a residue line: at most ``LINE_WORDS`` words, ``COVER`` of them furniture words, with
  at least one furniture label (or two social-network names, a share row);
* a weak line ("Home", "Email:", "Customer Service"): residue only within ``RUN_REACH``
  lines of a residue line (a shop header, a sign-up box);
* a teaser line ("Read at example.com"): a short line that starts with a teaser and
  sends the reader to a site that is not a reputable source;
* an image credit: a short line that starts with a credit or ends with a stock library;
* a copyright footer that names a web address (another site's footer);
* an inline label ("...massage.Share on Pinterest") and a bracketed teaser
  ("(Related: ...)"): residue wherever they stand;
* a URL dump: a line of three or more URLs typed as text that is mostly URLs, and in
  a document that has one, every other line that starts with a URL.

A line that links only to reputable or allowed sites is never residue.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from healthlint.document import Document
from healthlint.lexicon import spans

from ._spam_candidate import Candidate
from healthlint.fixes import delete_lines, delete_words

LINE_WORDS = 12      # a residue line is this short
CREDIT_WORDS = 15    # an image credit may name a title and a licence
FORM_WORDS = 40      # the notes of a comment form are sentences
COVER = 0.75         # share of a line's words that must be furniture
RUN_REACH = 3        # non-blank lines between a weak line and a residue line
BRACKET_CHARS = 300  # a bracketed teaser ends within this many characters
DUMP_URLS = 3        # URLs on one line that make a dump ...
DUMP_SHARE = 0.4     # ... when they are this share of the line's characters
FOOTER_WORDS = 20    # a copyright footer names a site and a year
COVERING = ("residue-line", "residue-form", "residue-weak", "social-platform", "residue-credit", "residue-product",
            "residue-teaser", "residue-footer")
STRONG = ("residue-line", "residue-form")


@dataclass
class Line:
    index: int
    start: int  # stripped, in prose characters
    end: int
    tok_start: int
    tok_end: int


class Residue:
    """The residue candidates of one document."""

    def __init__(self, doc: Document, trusted, platform):
        self.doc, self.trusted, self.platform = doc, trusted, platform  # url -> reputable/allowed; social platform
        self.sdoc = doc.spacy
        self.lines = self._lines()
        self._starts = [ln.start for ln in self.lines]

    # -- lines -----------------------------------------------------------------
    def _lines(self) -> list[Line]:
        prose, sdoc = self.doc.prose, self.sdoc
        out, pos = [], 0
        for raw in prose.split("\n"):
            s, e = pos, pos + len(raw)
            pos = e + 1
            while s < e and prose[s].isspace():
                s += 1
            while e > s and prose[e - 1].isspace():
                e -= 1
            if s == e:
                continue
            span = sdoc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            out.append(Line(len(out), s, e, span.start, span.end))
        return out

    def line_of_token(self, token: int) -> Line | None:
        i = bisect.bisect_right(self._starts, self.sdoc[token].idx) - 1
        return self.lines[i] if i >= 0 and self.sdoc[token].idx < self.lines[i].end else None

    def _words(self, line: Line) -> list[int]:
        return [i for i in range(line.tok_start, line.tok_end) if any(c.isalnum() for c in self.sdoc[i].text)]

    def _links_trusted(self, line: Line) -> bool:
        """The line links somewhere, and only to reputable or allowed sites, to social platforms or within
        the site: a live follow row or menu is the site's own; copied residue has lost its links."""
        touched = [ln for ln in self.doc.links if ln.start < line.end and line.start < ln.end]
        return bool(touched) and all(self.trusted(ln.url) or self.platform(ln.url) or self.internal(ln)
                                     for ln in touched)

    # -- the reading -------------------------------------------------------------
    def run(self) -> list[Candidate]:
        groups = {label: list(spans(self.sdoc, label)) for label in
                  (*COVERING, "residue-inline", "residue-bracket")}
        by_line: dict[int, dict[str, list]] = {}
        for label in COVERING:
            for sp in groups[label]:
                line = self.line_of_token(sp.start)
                if line is not None:
                    by_line.setdefault(line.index, {}).setdefault(label, []).append(sp)
        kinds = {i: self._kind(self.lines[i], found) for i, found in by_line.items()}
        strong = {i for i, k in kinds.items() if k and k != "weak"}
        chosen = set(strong)
        for i in sorted(i for i, k in kinds.items() if k == "weak"):
            if any(j in chosen for j in range(i - RUN_REACH, i + RUN_REACH + 1) if j != i):
                chosen.add(i)
        for i in sorted((i for i, k in kinds.items() if k == "weak" and i not in chosen), reverse=True):
            if any(j in chosen for j in range(i - RUN_REACH, i + RUN_REACH + 1) if j != i):
                chosen.add(i)
        out = self._line_findings(chosen, kinds)
        taken = [(c.start, c.end) for c in out]
        out += self._inline(groups["residue-inline"], taken)
        out += self._brackets(groups["residue-bracket"], taken)
        out += self._dumps()
        return out

    def _kind(self, line: Line, found: dict[str, list]) -> str:
        """'line', 'form', 'teaser', 'credit', 'product', 'weak' or '' for a line with furniture words."""
        chunks = len(self.doc.prose[line.start:line.end].split())  # a cheap bound before the token walk
        if chunks > 2 * FORM_WORDS or chunks > 2 * FOOTER_WORDS and "residue-form" not in found:
            return ""  # a paragraph, not a line of furniture
        if self._links_trusted(line):
            return ""
        words = self._words(line)
        if not words:
            return ""
        n = len(words)
        if "residue-form" in found and n <= FORM_WORDS:
            return "form"
        first, last = words[0], words[-1]
        starts = {sp.start for sps in found.values() for sp in sps}
        if "residue-teaser" in found and n <= LINE_WORDS and any(sp.start == first for sp in found["residue-teaser"]):
            if any(self.sdoc[i].like_url for i in words) or any(
                    ln.start < line.end and line.start < ln.end for ln in self.doc.links):
                return "teaser"
        if "residue-credit" in found and n <= CREDIT_WORDS and any(
                sp.start == first or sp.end - 1 == last for sp in found["residue-credit"]):
            return "credit"
        if "residue-footer" in found and n <= FOOTER_WORDS and any(self.sdoc[i].like_url for i in words):
            return "footer"
        if "residue-product" in found and n <= LINE_WORDS and any(self.sdoc[i].like_num for i in words):
            return "product"
        if n > LINE_WORDS:
            return ""
        covered = set()
        for label in COVERING:
            if label in ("residue-teaser", "residue-credit", "residue-footer"):
                continue
            for sp in found.get(label, ()):
                covered.update(range(sp.start, sp.end))
        covered |= {i for i in words if self.sdoc[i].like_num or self.sdoc[i].like_url}
        if sum(i in covered for i in words) < COVER * n:
            return ""
        platforms = len(found.get("social-platform", ()))
        if any(label in found for label in STRONG) or platforms >= 2:
            return "line"
        return "weak" if starts else ""

    # -- findings ------------------------------------------------------------------
    def _line_findings(self, chosen: set[int], kinds: dict[int, str]) -> list[Candidate]:
        """One finding per block of adjacent residue lines (a shop header), so that a suppression or a
        baseline entry keeps meaning one place."""
        out: list[Candidate] = []
        run: list[Line] = []

        def flush():
            if run:
                spans_ = [(ln.start, ln.end) for ln in run]
                what = "line" if len(run) == 1 else "lines"
                kind = next((kinds[ln.index] for ln in run if kinds[ln.index] != "weak"), "line")
                out.append(Candidate("HL405", run[0].start, run[-1].end, kind, {"text": self._text(run)},
                                     fix=delete_lines(self.doc, spans_, f"Delete the residue {what}")))
                run.clear()

        prose = self.doc.prose
        for i in sorted(chosen):
            # one finding per block of adjacent lines: a blank line between them starts another
            if run and (run[-1].index != i - 1 or prose.count("\n", run[-1].end, self.lines[i].start) > 1):
                flush()
            run.append(self.lines[i])
        flush()
        return out

    def _text(self, run: list[Line]) -> str:
        return " / ".join(self.doc.prose[ln.start:ln.end].strip() for ln in run)

    def _inline(self, found, taken) -> list[Candidate]:
        out = []
        for sp in found:
            s, e = sp.start_char, sp.end_char
            if any(a <= s < b for a, b in taken):
                continue
            line = self.line_of_token(sp.start)
            if line is not None and self._links_trusted(line):
                continue
            out.append(Candidate("HL405", s, e, "inline", {"text": sp.text},
                                 fix=delete_words(self.doc, s, e, "Delete the residue")))
            taken.append((s, e))
        return out

    def _brackets(self, found, taken) -> list[Candidate]:
        prose, out = self.doc.prose, []
        for sp in found:
            s = sp.start_char
            if any(a <= s < b for a, b in taken):
                continue
            close = ")" if sp[0].text == "(" else "]"
            stop = prose.find("\n", s)
            stop = len(prose) if stop < 0 else min(stop, s + BRACKET_CHARS)
            e = prose.find(close, sp.end_char, stop)
            if e < 0:
                continue
            e += 1
            out.append(Candidate("HL405", s, e, "teaser", {"text": prose[s:e]},
                                 fix=delete_words(self.doc, s, e, "Delete the teaser")))
            taken.append((s, e))
        return out

    def _url_share(self, line: Line, links) -> float:
        chars = sum(1 for c in self.doc.prose[line.start:line.end] if not c.isspace())
        return sum(ln.end - ln.start for ln in links) / chars if chars else 0.0

    def _dumps(self) -> list[Candidate]:
        """HL410: lines of URLs typed as text, the link lists of scraper pages."""
        per_line: dict[int, list] = {}
        for link in self.doc.links:
            if link.kind == "bare":
                i = bisect.bisect_right(self._starts, link.start) - 1
                if i >= 0 and link.start < self.lines[i].end:
                    per_line.setdefault(i, []).append(link)
        dumps = set()
        for i, links in per_line.items():
            if len(links) >= DUMP_URLS and self._url_share(self.lines[i], links) >= DUMP_SHARE:
                dumps.add(i)
        if dumps:  # in a scraper page with a dump, every line that starts with a URL belongs to the dump
            for i, links in per_line.items():
                if any(ln.start == self.lines[i].start for ln in links):
                    dumps.add(i)
        out = []
        for i in sorted(dumps):
            line = self.lines[i]
            n = len(per_line[i])
            out.append(Candidate("HL410", line.start, line.end, "dump", {"count": n},
                                 fix=delete_lines(self.doc, [(line.start, line.end)], "Delete the URL list"),
                                 mergeable=False))
        return out


    @staticmethod
    def internal(link) -> bool:
        return link.kind != "bare" and "://" not in link.url and not link.url.startswith("//")


def residue(doc: Document, trusted, platform) -> list[Candidate]:
    return Residue(doc, trusted, platform).run()
