"""HL505 repeated-list-item: a list that names the same item twice ("chronic pain, fibromyalgia and chronic pain")."""
from __future__ import annotations

import numpy
from spacy.attrs import IS_QUOTE, ORTH

from healthlint.document import Document
from healthlint.rules._article import ArticleRule
from healthlint.structure import Sentence, structure_of

SEPARATORS = (",", ";")  # punctuation between list items


class RepeatedListItem(ArticleRule):
    r"""Flags a list that names the same item twice ("chronic pain, fibromyalgia and chronic pain").

    Why: a list that repeats an item is a sign of careless editing or of spun text made
    by swapping synonyms, and it reads as padding. Needs a list of at least three items
    (a comma and an "and"/"or", or two commas); items longer than four words are not
    treated as list items, neighbouring items may repeat ("more and more"), and items
    that are only numbers or function words ("10 mg, 20 mg") and quoted speech pass.

    Bad: Trigger point massage is ideal for those suffering from chronic pain, fibromyalgia and chronic pain.
    Good: Trigger point massage may help some people with chronic pain, fibromyalgia or tension headaches.
    Use instead: delete the repeated item, or name the item that was meant.
    """

    code = "HL505"
    name = "repeated-list-item"
    severity = "warning"
    reference = "https://developers.google.com/search/docs/essentials/spam-policies#scaled-content"

    MAX_ITEM_WORDS = 4

    @staticmethod
    def items(doc: Document, sent: Sentence) -> list[list]:
        """The list items of one sentence, as lists of word tokens. The first item is the whole lead-in
        segment (its tail is the item); the last runs to the end of the sentence (its head is the item)."""
        st, sdoc = structure_of(doc), doc.spacy
        conjunctions = {x.start for x in st.atoms_in(sent.tok_start, sent.tok_end) if x.label == "list-conjunction"}
        segments, current = [], []
        for token in sdoc[sent.tok_start:sent.tok_end]:
            if token.text in SEPARATORS:
                segments.append(current)
                current = []
            elif not (token.is_punct or token.is_space):
                current.append(token)
        segments.append(current)
        segments = [s for s in segments if s]
        if len(segments) < 2:
            return []
        items, last = segments[:-1], segments[-1]
        cut = next((k for k, t in enumerate(last) if t.i in conjunctions), None)
        if cut is not None:
            items += [last[:cut], last[cut + 1:]]
        elif len(segments) >= 3:
            items.append(last)
        items = [item for item in items if item]
        return items if len(items) >= 3 else []

    @staticmethod
    def _content(tokens) -> bool:
        return any(not t.is_stop and len(t.text) > 2 and not any(c.isdigit() for c in t.text) for t in tokens)

    def repeat(self, items: list[list]):
        """The tokens of the first item that repeats an earlier one in the same run of short items, not next
        to it ("fewer and fewer", "here and here" are idioms), or None."""
        keys = [tuple(t.lower_ for t in item) for item in items]
        short = [0 < len(k) <= self.MAX_ITEM_WORDS for k in keys]
        last = len(items) - 1
        for idx in range(2, len(items)):
            item = items[idx]
            if idx < last:
                lengths = [len(item)] if short[idx] else []
            else:  # the last item may run on into the rest of the sentence: "... or pregnancy before the session"
                lengths = [n for n in range(min(len(item), self.MAX_ITEM_WORDS), 0, -1)
                           if n == len(item) or item[n].is_stop]
            for n in lengths:
                key = keys[idx][:n]
                if not self._content(item[:n]):
                    continue
                for j in range(idx - 2, -1, -1):  # nearest earlier item first; never the adjacent one
                    if not all(short[k] for k in range(j + 1, idx)):
                        break  # a long segment between them: not one list
                    if keys[j] == key if j else keys[0][-n:] == key:
                        return item[:n]
        return None

    def check(self, doc: Document):
        sdoc = doc.spacy
        if not len(sdoc):
            return
        strings = sdoc.vocab.strings
        orth_quote = sdoc.to_array([ORTH, IS_QUOTE])
        separators = numpy.concatenate(([0], numpy.cumsum(numpy.isin(orth_quote[:, 0], [strings.add(s) for s in SEPARATORS]))))
        quotes = numpy.concatenate(([0], numpy.cumsum(orth_quote[:, 1])))
        for sent in structure_of(doc).sentences:
            a, b = sent.tok_start, sent.tok_end
            if separators[b] == separators[a] or quotes[b] != quotes[a]:
                continue  # no list; or quoted speech, where repetition is rhetoric ("anywhere, ..., anywhere")
            items = self.items(doc, sent)
            found = self.repeat(items) if items else None
            if found:
                start, end = found[0].idx, found[-1].idx + len(found[-1])
                words = " ".join(t.lower_ for t in found)
                yield self.finding(doc, start, end, f"The list names \"{words}\" twice.",
                                   suggestion="Delete the repeated item or name the one that was meant.")
