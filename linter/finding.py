"""The finding: one problem at one place in one file, as every reporter sees it."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("claim", "definition", "technique", "spam", "document")


@dataclass
class Edit:
    """Replace ``text[start:end]`` (0-based offsets into the file's raw text) with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


@dataclass
class Fix:
    """A safe, mechanical repair of a finding: edits that never touch text outside their spans."""

    description: str
    edits: list[Edit] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "Fix":
        return cls(data["description"], [Edit(**e) for e in data.get("edits", [])])


def severity_rank(severity: str) -> int:
    """Order severities so that thresholds like ``--fail-on warning`` compare."""
    return SEVERITIES.index(severity)


@dataclass
class Finding:
    """A problem found by a rule.

    ``start``/``end`` are 0-based character offsets into the file's text (end
    exclusive); ``line``/``column`` are 1-based and point into the same text.
    """

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    excerpt: str = ""
    suggestion: str | None = None
    reference: str | None = None
    name: str = ""
    path: str = ""
    fingerprint: str = ""
    fix: Fix | None = None  # set only where a rule knows a safe repair (``check --fix``)
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON form (documented in README 'JSON schema').

        Built field by field: ``dataclasses.asdict`` deep-copies every value, which was half the
        time of a report over a thousand cached files."""
        data = {name: getattr(self, name) for name in FIELDS}
        if self.fix is not None:
            data["fix"] = {"description": self.fix.description,
                           "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement}
                                     for e in self.fix.edits]}
        if self.extra:
            data["extra"] = json_copy(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if isinstance(known.get("fix"), dict):
            known["fix"] = Fix.from_dict(known["fix"])
        return cls(**known)

    def sort_key(self):
        return (self.path, self.start, self.end, self.rule)


FIELDS = tuple(name for name in Finding.__dataclass_fields__ if name not in ("fix", "extra"))


def json_copy(value):
    """A copy of plain data (dicts, lists, scalars) that shares nothing with the original."""
    if isinstance(value, dict):
        return {k: json_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_copy(v) for v in value]
    return value


@dataclass
class Suppressed:
    """A finding the run found but does not report, and why; SARIF lists it with ``suppressions``.

    ``kind`` is SARIF's: ``inSource`` for a ``healthlint-disable`` comment or front-matter ignore in the
    article (``justification``: the reason written after ``--``), ``external`` for the baseline file.
    """

    finding: Finding
    kind: str
    justification: str = ""
    line: int = 0  # where the suppressing comment is (inSource); 0 when not in the article
