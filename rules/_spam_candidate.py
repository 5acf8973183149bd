"""A spam candidate: one signal at one place, before the HL4xx rules merge and word them.

Detectors say *what* they found (a message key of the rule and its arguments); the
rule classes in ``rules/spam.py`` own the words of every message.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from healthlint.finding import Fix


@dataclass
class Candidate:
    code: str
    start: int
    end: int
    key: str = "default"  # which of the rule's messages
    args: dict = field(default_factory=dict)  # the message's arguments
    fix: Fix | None = None
    reference: str | None = None  # a data entry's own source, when it has one
    severity: str | None = None
    mergeable: bool = True
    also: dict[str, "Candidate"] = field(default_factory=dict)  # code -> the merged signal of that rule
