"""HL507 confused-word: a commonly confused word in the context that makes it wrong ("the effected area")."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from healthlint.document import Document
from healthlint.fixes import inflect_like, replace_word_choice
from healthlint.knowledge import KnowledgeError, documents, where
from healthlint.lexicon import spans
from healthlint.rules._article import ArticleRule


@dataclass(frozen=True)
class Confusion:
    id: str      # the lexicon list whose matches are the confused word
    wrong: str   # its base form: a lemma or a lower-case form (documents the entry; the span is the match)
    right: str   # the word meant
    why: str
    source: str
    contexts: tuple  # Matcher patterns of the contexts that make the word wrong


@functools.lru_cache(maxsize=8)
def confusions(extra_dirs: tuple[str, ...] = ()) -> tuple[Confusion, ...]:
    """The lexicon lists that describe a confusion (they have ``right:``); a publisher's list replaces one by id."""
    found: dict[str, Confusion] = {}
    for path, data in documents("lexicon", extra_dirs):
        for item in data.get("lists") or []:
            if not isinstance(item, dict) or "right" not in item:
                continue
            missing = [k for k in ("id", "wrong", "right", "why", "source", "terms", "contexts") if not item.get(k)]
            if missing:
                raise KnowledgeError(f"{where(path)}: confused word {item.get('id')!r} needs {', '.join(missing)}")
            found[item["id"]] = Confusion(item["id"], str(item["wrong"]).lower(), str(item["right"]),
                                          " ".join(str(item["why"]).split()), str(item["source"]),
                                          tuple(item["contexts"]))
    return tuple(found.values())


class ConfusedWord(ArticleRule):
    r"""Flags words commonly confused in health writing: "the effected area", "complimentary therapy".

    Why: a wrong homophone changes the meaning ("complimentary" means free) and tells an
    editor, a reader and a search engine that the text was not proofread, or was spun by
    a tool. Each entry in `rules/data/article/confused_words.yaml` names the contexts
    that make the word wrong, so correct uses ("a complimentary consultation") pass. The
    finding carries a fix that replaces exactly the confused word. The word is matched
    once per document; its contexts only in the few tokens around it.

    Bad: Apply pressure to the effected muscles for thirty seconds.
    Bad: Reflexology is a complimentary therapy offered in some hospitals.
    Good: Apply pressure to the affected muscles for thirty seconds.
    Good: Your first session includes a complimentary consultation.
    Use instead: the word the entry suggests (affected, complementary, stationary, lose, pique, discreet, palpate ...).
    """

    code = "HL507"
    name = "confused-word"
    severity = "warning"
    reference = "https://www.merriam-webster.com/grammar"

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        from spacy.matcher import Matcher  # rules are built with the pipeline: spaCy is loaded by now

        self.confusions = []  # (confusion, its contexts' Matcher, how far a context reaches from the word)
        for c in confusions(self.extra_dirs):
            matcher = Matcher(nlp.vocab)
            try:
                matcher.add(c.id, list(c.contexts))
            except (ValueError, TypeError) as exc:
                raise KnowledgeError(f"confused word {c.id!r}: bad context pattern: {exc}") from None
            self.confusions.append((c, matcher, max(len(p) for p in c.contexts)))

    @staticmethod
    def in_context(sdoc, word, matcher, reach: int) -> bool:
        """A context pattern matches around the word and contains it (only these few tokens are matched)."""
        a, b = max(0, word.start - reach), min(len(sdoc), word.end + reach)
        return any(a + s <= word.start and word.end <= a + e for _, s, e in matcher(sdoc[a:b]))

    def check(self, doc: Document):
        sdoc = doc.spacy
        for c, matcher, reach in self.confusions:
            for word in spans(sdoc, c.id):
                if not self.in_context(sdoc, word, matcher, reach):
                    continue
                start, end = word.start_char, word.end_char
                wrong = word.text
                fix = replace_word_choice(doc, start, end, c.right)  # None where markup sits in the word
                right = fix.edits[0].replacement if fix else inflect_like(wrong, c.right) or c.right
                yield self.finding(
                    doc, start, end, f"\"{wrong}\" is probably a mistake for \"{right}\": {c.why}.",
                    suggestion=f"Use \"{right}\".", reference=c.source, fix=fix)
