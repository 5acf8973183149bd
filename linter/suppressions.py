"""Inline suppressions and per-file ignores: the editor's "I know, leave this one" in the article itself.

Markdown and HTML use comments, plain text uses a line of its own, front matter can switch codes off
for the whole file:

    <!-- healthlint-disable HL101 -->  ...  <!-- healthlint-enable HL101 -->
    <!-- healthlint-disable-next-line HL301 -- the clinic's trademark -->
    Some text <!-- healthlint-disable-line HL405 -->
    healthlint-disable-next-line HL301          (plain text)
    healthlint: {ignore: [HL5]}                 (front matter)

Codes may be full codes, prefixes (``HL1``), rule names, or omitted (all rules); text after ``--``
is a free reason. A suppression that suppresses nothing is itself reported (``HL590``, info) so that
stale comments do not pile up and hide future problems. Runs as a ``Linter.post_filters`` entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import Settings, ignored_codes, normalize_codes
from .document import Document
from .finding import Finding, Suppressed

UNUSED_CODE = "HL590"
COMMENT_DIRECTIVE = re.compile(r"^\s*healthlint-(disable-next-line|disable-line|disable|enable)(?![\w-])(.*?)\s*$",
                               re.S | re.I)
TEXT_DIRECTIVE = re.compile(r"^[ \t]*healthlint-(disable-next-line|disable-line|disable|enable)(?![\w-])([^\n]*)$",
                            re.M | re.I)
REASON_SEPARATOR = re.compile(r"\s--(?:\s|$)|^--(?:\s|$)")  # codes -- free-text reason
FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)


@dataclass
class Directive:
    kind: str  # disable | enable | disable-next-line | disable-line | file
    codes: list[str] | None  # None: every rule
    start: int
    end: int
    text: str
    unknown: list[str] = field(default_factory=list)
    reason: str = ""  # the free text after ' -- '
    used: bool = False
    closed_nothing: bool = False

    def covers(self, rule: str) -> bool:
        return self.codes is None or any(c == "ALL" or rule.upper().startswith(c) for c in self.codes)

    def names(self, rule: str) -> bool:
        """Explicitly names ``rule`` (a bare directive does not switch off the unused-suppression report)."""
        return self.codes is not None and self.covers(rule)


@dataclass
class Region:
    directive: Directive
    start: int
    end: int
    excepts: list[str] = field(default_factory=list)

    def covers(self, f: Finding) -> bool:
        return (self.start <= f.start < self.end and self.directive.covers(f.rule)
                and not any(f.rule.upper().startswith(c) for c in self.excepts))


def _reason(raw: str) -> str:
    """``" HL301 -- the clinic's trademark"`` -> ``"the clinic's trademark"``."""
    parts = REASON_SEPARATOR.split(raw, maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _parse_codes(raw: str) -> tuple[list[str] | None, list[str]]:
    """``" HL101, HL3 -- reason"`` -> (codes or None for all, unknown tokens)."""
    raw = REASON_SEPARATOR.split(raw, maxsplit=1)[0]
    tokens = [t for t in re.split(r"[,\s]+", raw.strip()) if t]
    if not tokens:
        return None, []
    codes, unknown = [], []
    for token in tokens:
        try:
            codes += normalize_codes([token], "a suppression")
        except ValueError:
            unknown.append(token)
    if "ALL" in codes:
        return None, unknown
    return codes, unknown


def directives(doc: Document) -> list[Directive]:
    """Every suppression in the document, in file order."""
    found: list[Directive] = []
    if doc.format == "text":
        for m in TEXT_DIRECTIVE.finditer(doc.text):
            codes, unknown = _parse_codes(m.group(2))
            found.append(Directive(m.group(1).lower(), codes, m.start(), m.end(), m.group(0).strip(), unknown,
                                   _reason(m.group(2))))
    else:
        fences = [m.span() for m in FENCE.finditer(doc.text)] if doc.format == "markdown" else []
        for start, end, body in doc.comments:
            m = COMMENT_DIRECTIVE.match(body)
            if not m or any(s <= start < e for s, e in fences):  # a comment shown as code is an example
                continue
            codes, unknown = _parse_codes(m.group(2))
            found.append(Directive(m.group(1).lower(), codes, start, end, doc.text[start:end], unknown,
                                   _reason(m.group(2))))
    meta = doc.metadata.get("healthlint")
    if meta is not None:
        value = meta.value.get("ignore") if isinstance(meta.value, dict) else None
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        texts = [v for v in values if isinstance(v, str)]  # never str() a nested value: it may be huge
        codes, unknown = _parse_codes(",".join(texts)) if texts else ([], [])  # no codes: switches nothing off
        if not isinstance(meta.value, dict) or set(meta.value) - {"ignore"} or not values or len(texts) < len(values):
            unknown.append("healthlint: front matter takes {ignore: [codes]}")
        start = max(meta.start, 0)
        found.append(Directive("file", codes, start, max(meta.end, start), "healthlint front matter", unknown))
    found.sort(key=lambda d: d.start)
    return found


def _next_content_line(doc: Document, line: int) -> int:
    """The first non-blank line after ``line`` (1-based)."""
    total = len(doc.line_starts())
    for n in range(line + 1, total + 1):
        if doc.line_text(n).strip():
            return n
    return line + 1


def _layout(doc: Document, found: list[Directive]):
    """Regions (disable ... enable), line targets and file-wide directives."""
    regions: list[Region] = []
    open_: list[Region] = []
    lines: list[tuple[int, int, Directive]] = []  # (first line, last line, directive)
    whole: list[Directive] = []
    for d in found:
        if d.kind == "file":
            whole.append(d)
        elif d.kind == "disable" and d.codes != []:  # [] : it named only unknown codes
            open_.append(Region(d, d.end, len(doc.text)))
        elif d.kind == "enable":
            still, closed = [], False
            for r in open_:
                if d.codes is None or (r.directive.codes is not None
                                       and all(any(c.startswith(e) for e in d.codes) for c in r.directive.codes)):
                    r.end, closed = d.start, True  # the enable covers the whole region: close it
                    regions.append(r)
                elif any(r.directive.covers(e) for e in d.codes):
                    r.end, closed = d.start, True  # the enable carves a code out of a wider region
                    regions.append(r)
                    still.append(Region(r.directive, d.end, len(doc.text), r.excepts + d.codes))
                else:
                    still.append(r)
            open_ = still
            d.closed_nothing = not closed
        elif d.kind == "disable-next-line":
            end_line = doc.position(d.end)[0] if doc.format != "text" else doc.position(d.start)[0]
            target = _next_content_line(doc, end_line)
            lines.append((target, target, d))
        elif d.kind == "disable-line":
            lines.append((doc.position(d.start)[0], doc.position(max(d.start, d.end - 1))[0], d))
    return regions + open_, lines, whole


def _suppressors(f: Finding, regions, lines, whole) -> list[Directive]:
    hits = [d for d in whole if d.covers(f.rule)]
    hits += [d for first, last, d in lines if d.covers(f.rule) and f.line <= last and first <= max(f.end_line, f.line)]
    hits += [r.directive for r in regions if r.covers(f)]
    return hits


def _unused_findings(doc: Document, found: list[Directive], enabled: set[str], settings: Settings) -> list[Finding]:
    from .config import severity_for
    from .rule import all_rules

    cls = all_rules().get(UNUSED_CODE)
    name = cls.name if cls else "unused-suppression"
    default = cls.severity if cls else "info"
    reference = cls.reference if cls else None
    out = []

    def report(d: Directive, message: str):
        line, column = doc.position(d.start)
        end_line, end_column = doc.position(d.end)
        out.append(Finding(rule=UNUSED_CODE, name=name, category="document",
                           severity=severity_for(UNUSED_CODE, default, settings.severity), message=message,
                           start=d.start, end=d.end, line=line, column=column, end_line=end_line,
                           end_column=end_column, excerpt=doc.text[d.start:d.end], path=doc.path,
                           suggestion="Delete the suppression, or fix the codes it names.", reference=reference))

    for d in found:
        if d.unknown:
            report(d, f"Suppression names no known rule: {', '.join(d.unknown)}.")
            continue
        if d.kind == "enable":
            if d.closed_nothing:
                report(d, "'healthlint-enable' without a matching 'healthlint-disable' before it.")
            continue
        relevant = any(d.covers(code) for code in enabled if code != UNUSED_CODE)
        if not d.used and relevant:
            what = "every rule" if d.codes is None else ", ".join(d.codes)
            report(d, f"Unused suppression ({what}): no finding of these rules here any more.")
    return out


def _ignored(f: Finding, codes: list[str]) -> bool:
    return any(c == "ALL" or f.rule.upper().startswith(c) for c in codes)


def make_filter(settings: Settings, enabled_codes: set[str]):
    """A ``Linter.post_filters`` entry applying inline suppressions, then ``per-file-ignores``.

    Findings silenced by a comment are added to ``suppressed`` (when given), so that reports such as
    SARIF can still list them as suppressed; findings of per-file-ignores are not: they were not asked for.
    """

    def apply(doc: Document, findings: list[Finding], suppressed: list[Suppressed] | None = None) -> list[Finding]:
        found = directives(doc)
        kept, silenced = findings, []
        if found:
            regions, lines, whole = _layout(doc, found)
            kept = []
            for f in findings:
                hits = _suppressors(f, regions, lines, whole)
                for d in hits:
                    d.used = True
                if hits:
                    silenced.append(Suppressed(f, "inSource", hits[0].reason, doc.position(hits[0].start)[0]))
                else:
                    kept.append(f)
            if UNUSED_CODE in enabled_codes:
                for f in _unused_findings(doc, found, enabled_codes, settings):
                    if not any(d.names(UNUSED_CODE) for d in _suppressors(f, regions, lines, whole)):
                        kept.append(f)
        off = ignored_codes(doc.path, settings) if settings.per_file_ignores else []
        if off:
            kept = [f for f in kept if not _ignored(f, off)]
            silenced = [s for s in silenced if not _ignored(s.finding, off)]
        if suppressed is not None:
            suppressed.extend(silenced)
        return kept

    return apply
