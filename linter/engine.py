"""The engine: documents in, findings out, through one spaCy pipeline and the selected rules."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .config import Settings, severity_for
from .document import Document
from .finding import Finding, Suppressed, severity_rank
from . import budget, score
from .rule import Rule, all_rules, matches
from .sources import Source, SourceError, load

BATCH_SIZE = 32


@dataclass
class FileResult:
    """The outcome for one article: findings, or the reason it could not be checked."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    checked: bool = True
    document: Document | None = None
    words: int = 0
    title: str = ""
    extra: dict = field(default_factory=dict)
    suppressed: list[Suppressed] = field(default_factory=list)  # found, but silenced by a comment or the baseline


@dataclass
class RunResult:
    files: list[FileResult]
    rules: dict[str, type[Rule]]
    settings: Settings

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def errors(self) -> list[dict]:
        return [{"path": r.path, "message": m, "checked": r.checked} for r in self.files for m in r.errors]

    def hide_below(self, severity: str) -> None:
        """The display filter (``--min-severity``): drop findings less severe than ``severity``."""
        threshold = severity_rank(severity)
        for file in self.files:
            file.findings = [f for f in file.findings if severity_rank(f.severity) >= threshold]

    def fails(self, finding: Finding, fail_on: str | None = None) -> bool:
        """Whether ``finding`` is at or above ``fail_on`` (default: the settings'), so fails the run."""
        fail_on = fail_on or self.settings.fail_on
        return fail_on != "never" and severity_rank(finding.severity) >= severity_rank(fail_on)

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 a file could not be read or parsed cleanly."""
        if self.errors:
            return 2
        return 1 if any(self.fails(f, fail_on) for f in self.findings) else 0


def selected_rules(settings: Settings) -> list[type[Rule]]:
    rules = all_rules()
    chosen = []
    for code, cls in rules.items():
        wanted = matches(code, settings.select) or matches(code, settings.extend_select)
        if wanted and not matches(code, settings.ignore):
            chosen.append(cls)
    return chosen


def _normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _fingerprint_text(f: Finding) -> str:
    """What identifies a finding across edits: its flagged text; for an article-level finding spanning
    a long stretch (often the whole article) the rule alone, so an edit elsewhere does not make it 'new'."""
    text = _normalize(f.excerpt)
    return "" if f.category == "document" and len(text) > 200 else text


class Linter:
    """Built once per process: the pipeline, the rules and their matchers."""

    def __init__(self, settings: Settings | None = None):
        from .pipeline import build  # imported here: spaCy is slow to import

        self.settings = settings or Settings()
        self.nlp = build(self.settings.model, tuple(self.settings.data_dirs))
        self.rules: list[Rule] = [cls(self.nlp, self.settings) for cls in selected_rules(self.settings)]
        enabled = frozenset(rule.code for rule in self.rules)
        for rule in self.rules:
            rule.enabled = enabled  # a family can leave a place to a selected sibling rule
        self.post_filters: list = []  # callables (doc, findings) -> findings, e.g. inline suppressions
        from .suppressions import make_filter  # inline healthlint-disable comments, per-file-ignores

        self.post_filters.append(make_filter(self.settings, {rule.code for rule in self.rules}))

    # -- one document ---------------------------------------------------------
    def run_rules(self, doc: Document, suppressed: list[Suppressed] | None = None) -> tuple[list[Finding], list[str]]:
        """The findings of every rule on ``doc`` (the silenced ones go to ``suppressed`` when given)."""
        findings: list[Finding] = []
        errors: list[str] = []
        for rule in self.rules:
            try:
                with budget.limit(self.settings.time_budget) as deadline:
                    found = list(deadline.watch(rule.check(doc)))
                findings.extend(found)
            except budget.OverBudget as exc:  # hostile text must not hold the run (linter/budget.py)
                errors.append(f"time budget exceeded: rule {rule.code} was stopped after {exc.seconds:g} s "
                              "(see --time-budget); its findings for this file are missing")
            except Exception as exc:  # one faulty rule must not end the run
                errors.append(f"internal error in rule {rule.code}: {type(exc).__name__}: {exc}")
        return self.finalize(doc, findings, suppressed), errors

    def finalize(self, doc: Document, findings: list[Finding],
                 suppressed: list[Suppressed] | None = None) -> list[Finding]:
        """Clip spans, fill positions and excerpts, apply severity overrides and filters, sort, dedupe."""
        out, seen = [], set()
        n = len(doc.text)
        for f in findings:
            f.start, f.end = max(0, min(f.start, n)), max(0, min(f.end, n))
            if f.end < f.start:
                f.start, f.end = f.end, f.start
            key = (f.rule, f.start, f.end)
            if key in seen:
                continue
            seen.add(key)
            f.path = doc.path
            f.line, f.column = doc.position(f.start)
            f.end_line, f.end_column = doc.position(f.end)
            f.excerpt = doc.text[f.start:f.end]
            f.severity = severity_for(f.rule, f.severity, self.settings.severity)
            out.append(f)
        silenced: list[Suppressed] = []  # post filters are called (doc, findings, suppressed) and add to it
        for post in self.post_filters:
            out = list(post(doc, out, silenced))
        out.sort(key=Finding.sort_key)
        if suppressed is not None:
            suppressed.extend(silenced)
        # suppressed findings are numbered too, so that adding a comment changes no other fingerprint
        counts: dict[tuple, int] = {}
        for f in sorted(out + [s.finding for s in silenced], key=Finding.sort_key):
            key = (f.rule, _fingerprint_text(f))
            counts[key] = counts.get(key, 0) + 1
            raw = f"{f.rule}\x00{key[1]}\x00{counts[key]}"
            f.fingerprint = hashlib.sha1(raw.encode()).hexdigest()[:20]
        return out

    # -- many documents ---------------------------------------------------------
    def check_documents(self, docs: Iterable[Document]) -> Iterator[FileResult]:
        """Run the pipeline over documents in batches (``nlp.pipe``) and the rules over each."""
        from spacy.attrs import IS_ALPHA

        limit = self.nlp.max_length  # spaCy refuses longer texts (E088), which would end the whole run
        pairs = ((doc.analysis_text() if len(doc.prose) <= limit else "", doc) for doc in docs)
        for sdoc, doc in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            if len(doc.prose) > limit:
                yield FileResult(path=doc.path, checked=False, errors=[
                    f"too long to check ({len(doc.prose):,} characters; the pipeline takes at most {limit:,})"])
                continue
            doc.spacy = sdoc
            suppressed: list[Suppressed] = []
            findings, errors = self.run_rules(doc, suppressed)
            words = int(sdoc.to_array(IS_ALPHA).sum()) if len(sdoc) else 0
            result = FileResult(path=doc.path, findings=findings, errors=list(doc.warnings) + errors,
                                document=doc, words=words, title=doc.title, suppressed=suppressed)
            score.attach(result)  # extra["score"], extra["score_breakdown"] (linter/score.py)
            yield result

    def check_sources(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Load each source (bad ones become error results) and check the good ones, in input order."""
        pending: list[FileResult | Document] = []

        def flush():
            docs = [p for p in pending if isinstance(p, Document)]
            checked = iter(self.check_documents(docs))
            for item in pending:
                yield next(checked) if isinstance(item, Document) else item
            pending.clear()

        for source in sources:
            try:
                pending.append(load(source, self.settings.max_file_size, self.settings.time_budget))
            except SourceError as exc:
                pending.append(FileResult(path=source.path, errors=[exc.message], checked=False))
            if len(pending) >= BATCH_SIZE:
                yield from flush()
        yield from flush()

    def check_text(self, text: str, path: str = "<text>", fmt: str = "text") -> FileResult:
        """Convenience for tests and the API: check one string."""
        source = Source(path=path, data=text.encode("utf-8"), format=fmt)
        return next(self.check_sources([source]))
