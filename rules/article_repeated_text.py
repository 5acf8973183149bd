"""HL506 repeated-text: a sentence or passage that repeats one earlier in the article, word for word."""
from __future__ import annotations

import re

from healthlint.document import Document
from healthlint.rules._article import ArticleRule, alpha_prefix, in_metadata
from healthlint.structure import Sentence, structure_of

_BULLET_BEFORE = re.compile(r"(?:^|\s)[-*•–]\s*\S?$")  # a list bullet right before a sentence (markup shape)


class RepeatedText(ArticleRule):
    r"""Flags a sentence or passage that repeats one earlier in the article, word for word.

    Why: a repeated paragraph or sentence is a sign of scraped or spun content pasted twice,
    or of a draft merged badly; search engines treat duplicated text as low quality.
    Sentences shorter than `repeat-min-words` (default 8) words, headings and titles are
    ignored (a title repeated in the body is HL414's); consecutive repeated sentences are
    reported as one passage, and a summary point repeated as a section heading passes.

    Bad: Trigger point therapy is used to ease tension in the muscles of the back.

        It may feel uncomfortable at first.

        Trigger point therapy is used to ease tension in the muscles of the back.
    Good: Trigger point therapy is used to ease tension in the muscles of the back.

        It may feel uncomfortable at first, and the tension in the muscles may return within days.
    Use instead: delete the copy, or rewrite it if the point needs repeating.
    """

    code = "HL506"
    name = "repeated-text"
    severity = "warning"
    reference = "https://developers.google.com/search/docs/essentials/spam-policies#scraped-content"

    def check(self, doc: Document):
        from spacy.attrs import IS_ALPHA, LOWER  # spaCy is loaded once a document has a Doc

        st, sdoc = structure_of(doc), doc.spacy
        if not len(sdoc):
            return
        minimum = self.settings.repeat_min_words
        words = alpha_prefix(doc)
        lower_alpha = sdoc.to_array([LOWER, IS_ALPHA])
        first_seen: dict[tuple, Sentence] = {}
        repeats: list[tuple[Sentence, Sentence]] = []  # (copy, original)
        for sent in st.sentences:
            if words[sent.tok_end] - words[sent.tok_start] < minimum:
                continue
            if sent.heading or in_metadata(doc, sent.start, sent.end):
                continue  # titles: HL414 (repeated-title) covers them
            rows = lower_alpha[sent.tok_start:sent.tok_end]
            key = tuple(rows[rows[:, 1] == 1, 0].tolist())
            if key in first_seen:
                repeats.append((sent, first_seen[key]))
            else:
                first_seen[key] = sent
        # merge repeated sentences that follow one another (only short sentences between them)
        runs: list[list] = []
        for copy, orig in repeats:
            if runs and words[copy.tok_start] - words[runs[-1][1].tok_end] < minimum:
                runs[-1][1] = copy
                runs[-1][3] += 1
            else:
                runs.append([copy, copy, orig, 1])
        for first, last, orig, count in runs:
            if count == 1 and self._outline(doc, orig, first):
                continue
            what = "This sentence repeats" if count == 1 else f"These {count} sentences repeat"
            yield self.finding(doc, first.start, last.end,
                               f"{what} text from line {doc.position(orig.start)[0]} word for word.",
                               suggestion="Delete the copy.", original=orig.start, sentences=count)

    @staticmethod
    def _outline(doc: Document, orig: Sentence, copy: Sentence) -> bool:
        """A summary list item repeated as a section heading ("Key points: - X ..." then "X" on its own
        line): the original follows a bullet and the copy is a line by itself. Not spun text."""
        head = doc.text[max(0, orig.start - 8):orig.start] + doc.text[orig.start:orig.start + 12].lstrip(" \t")[:1]
        bulleted = _BULLET_BEFORE.search(head) is not None
        line_start = doc.prose.rfind("\n", 0, copy.start) + 1
        line_end = doc.prose.find("\n", copy.end)
        alone = not doc.prose[line_start:copy.start].strip() and \
            not doc.prose[copy.end:len(doc.prose) if line_end < 0 else line_end].strip()
        return bulleted and alone
