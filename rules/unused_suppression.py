"""Housekeeping of inline suppressions (HL590). The work is done by ``healthlint.suppressions``,
which runs after the rules; this class gives the code its documentation, severity and selection."""
from __future__ import annotations

from healthlint.rule import Rule


class UnusedSuppression(Rule):
    r"""Flags a healthlint-disable comment (or front-matter ignore) that no longer suppresses anything.

    Why: a suppression outlives the sentence it was written for; left in place it silently hides
    the next real problem in that spot. A suppression naming an unknown rule code is flagged too.

    Bad (markdown): <!-- healthlint-disable-next-line HL405 -->
        Massage can ease stress after a long week.
    Bad (markdown): <!-- healthlint-disable HL999 -->
        Massage can ease stress after a long week.
    Good (markdown): <!-- healthlint-disable-next-line HL405 -->
        Report Page
    Good (markdown): Massage can ease stress after a long week.
    Use instead: delete the comment once the text it excused has changed.
    """

    code = "HL590"
    name = "unused-suppression"
    category = "document"
    severity = "info"
    reference = "https://docs.astral.sh/ruff/rules/unused-noqa/"  # the same check for code (ruff RUF100)

    def check(self, doc):
        return ()  # findings come from the suppression filter, which sees the other rules' findings
