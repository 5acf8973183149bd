"""HL505 repeated-list-item: a list that names the same item twice ("chronic pain, fibromyalgia and chronic pain")."""
from __future__ import annotations

from healthlint.document import Document
from healthlint.rules._article import ArticleRule
from healthlint.structure import Sentence, structure_of

SEPARATORS = (",", ";")  # punctuation between list items
COLUMNS = ("ORTH", "LOWER", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_ALPHA", "LENGTH", "IS_QUOTE")  # token attributes
_ORTH, _LOWER, _PUNCT, _SPACE, _STOP, _ALPHA, _LENGTH, _QUOTE = range(len(COLUMNS))
MIN_CONTENT_LENGTH = 3  # a content word has at least three letters


class RepeatedListItem(ArticleRule):
    r"""Flags a list that names the same item twice ("chronic pain, fibromyalgia and chronic pain").

    Why: a list that repeats an item is a sign of careless editing or of spun text made
    by swapping synonyms, and it reads as padding. Needs a list of at least three items
    (a comma and an "and"/"or", or two commas); items longer than four words are not
    treated as list items, neighbouring items may repeat ("more and more"), and items
    made only of numbers or function words ("10 mg, 20 mg", "the back") and quoted
    speech pass.

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
    def items(rows: list, sent: Sentence, separators: set[int], conjunctions: set[int]) -> list[list[int]]:
        """The list items of one sentence, as lists of token offsets. The first item is the whole lead-in
        segment (its tail is the item); the last runs to the end of the sentence (its head is the item)."""
        segments, current = [], []
        for i in range(sent.tok_start, sent.tok_end):
            row = rows[i]
            if row[_ORTH] in separators:
                segments.append(current)
                current = []
            elif not (row[_PUNCT] or row[_SPACE]):
                current.append(i)
        segments.append(current)
        segments = [s for s in segments if s]
        if len(segments) < 2:
            return []
        items, last = segments[:-1], segments[-1]
        cut = next((k for k, i in enumerate(last) if i in conjunctions), None)
        if cut is not None:
            items += [last[:cut], last[cut + 1:]]
        elif len(segments) >= 3:
            items.append(last)
        items = [item for item in items if item]
        return items if len(items) >= 3 else []

    def repeat(self, rows: list, items: list[list[int]]) -> list[int] | None:
        """The tokens of the first item that repeats an earlier one in the same run of short items, not next
        to it ("fewer and fewer", "here and here" are idioms), or None."""
        keys = [tuple(int(rows[i][_LOWER]) for i in item) for item in items]
        short = [0 < len(k) <= self.MAX_ITEM_WORDS for k in keys]
        last = len(items) - 1
        for idx in range(2, len(items)):
            item = items[idx]
            if idx < last:
                lengths = [len(item)] if short[idx] else []
            else:  # the last item may run on into the rest of the sentence: "... or pregnancy before the session"
                lengths = [n for n in range(min(len(item), self.MAX_ITEM_WORDS), 0, -1)
                           if n == len(item) or rows[item[n]][_STOP]]
            for n in lengths:
                key = keys[idx][:n]
                if not any(rows[i][_ALPHA] and not rows[i][_STOP] and rows[i][_LENGTH] >= MIN_CONTENT_LENGTH
                           for i in item[:n]):
                    continue
                for j in range(idx - 2, -1, -1):  # nearest earlier item first; never the adjacent one
                    if not all(short[k] for k in range(j + 1, idx)):
                        break  # a long segment between them: not one list
                    if keys[j] == key if j else keys[0][-n:] == key:
                        return item[:n]
        return None

    def check(self, doc: Document):
        import numpy  # lazily: a cached re-check never needs it
        sdoc = doc.spacy
        if not len(sdoc):
            return
        st, strings = structure_of(doc), sdoc.vocab.strings
        separators = {strings.add(s) for s in SEPARATORS}
        orth_quote = sdoc.to_array(["ORTH", "IS_QUOTE"])
        seps = numpy.concatenate(([0], numpy.cumsum(numpy.isin(orth_quote[:, 0], list(separators)))))
        quotes = numpy.concatenate(([0], numpy.cumsum(orth_quote[:, 1])))
        table = None
        for sent in st.sentences:
            a, b = sent.tok_start, sent.tok_end
            n = seps[b] - seps[a]
            if not n or quotes[b] != quotes[a]:
                continue  # no list; or quoted speech, where repetition is rhetoric ("anywhere, ..., anywhere")
            conjunctions = {x.start for x in st.atoms_in(a, b) if x.label == "list-conjunction"}
            if n == 1 and not conjunctions:
                continue  # two segments joined by nothing: fewer than three items
            if table is None:
                table = sdoc.to_array(list(COLUMNS)).tolist()  # plain ints: faster to index than the array
            items = self.items(table, sent, separators, conjunctions)
            found = self.repeat(table, items) if items else None
            if found:
                start, end = sdoc[found[0]].idx, sdoc[found[-1]].idx + len(sdoc[found[-1]])
                words = " ".join(sdoc[i].lower_ for i in found)
                yield self.finding(doc, start, end, f"The list names \"{words}\" twice.",
                                   suggestion="Delete the repeated item or name the one that was meant.")
