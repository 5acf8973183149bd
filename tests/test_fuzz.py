"""Property-based: hostile text, Markdown and HTML never crash, hang, or misplace a finding.

Each case is read, linted and rendered in every report format within CASE_SECONDS; spans match
excerpts, lines and columns point at the same offsets, no rule crashes or runs out of time, no
terminal escape reaches the text report and no article script the HTML report. The strategies are
in ``tests/fuzz_documents.py``; ``benchmarks/fuzz.py`` runs the same check on 10,000+ cases.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import TooSlow, within
from fuzz_documents import check_case, documents

CASE_SECONDS = 10  # generous: a case takes ~50 ms; a hang or a quadratic blow-up takes far longer


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=documents())
def test_hostile_documents_never_break_the_linter(linter, case):
    fmt, text = case
    with within(CASE_SECONDS):
        problems = check_case(linter, fmt, text)
    assert not problems, problems


def test_the_case_limit_interrupts_a_hang():
    with pytest.raises(TooSlow):
        with within(0.2):
            while True:
                pass
