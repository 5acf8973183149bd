"""Rules: the base class, the registry, and the examples in their docstrings.

A rule declares ``code``, ``name``, ``category`` and ``severity`` and a
docstring in the ruff shape (what it flags, why, ``Bad:``/``Good:`` examples,
what to write instead). The docstring is the documentation printed by
``healthlint explain`` and its examples are run as tests.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import textwrap
from importlib.metadata import entry_points
from typing import Iterable

from .document import Document
from .finding import CATEGORIES, SEVERITIES, Finding

EXAMPLE = re.compile(r"^(Bad|Good)(?:\s*\((text|markdown|html)\))?:\s*(.+?)\s*$")
CONTINUATION = "    "  # an example goes on over the lines indented below it
CODE = re.compile(r"^HL[1-9]\d{2}$|^[A-Z]{2,5}\d{3}$")


class Rule:
    """Base class. Subclasses set the class attributes and implement ``check``."""

    code: str = ""
    name: str = ""
    category: str = ""
    severity: str = "warning"
    reference: str | None = None  # a URL documenting the rule's evidence
    enabled: frozenset[str] | None = None  # the codes selected in this run (set by the Linter); None: all

    def __init__(self, nlp, settings):
        """Build matchers here: a rule is constructed once per process."""
        self.nlp = nlp
        self.settings = settings

    def check(self, doc: Document) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(self, doc: Document, start: int, end: int, message: str, *, suggestion: str | None = None,
                reference: str | None = None, severity: str | None = None, fix=None, **extra) -> Finding:
        return Finding(rule=self.code, name=self.name, category=self.category, severity=severity or self.severity,
                       message=message, start=start, end=end, suggestion=suggestion,
                       reference=reference or self.reference, path=doc.path, fix=fix, extra=extra)

    # -- documentation ------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        """The docstring without its indentation (what ``explain`` prints and SARIF's help holds)."""
        return _dedent(inspect.getdoc(cls) or "").strip()

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0]

    @classmethod
    def examples(cls) -> list[tuple[str, str, str]]:
        """``[(kind, format, text), ...]`` from the ``Bad:``/``Good:`` lines of the docstring.

        ``Bad (html): ...`` gives the format (default text). An example of several lines
        goes on over the lines indented four spaces below it (blank lines included)::

            Bad (markdown): # Massage That Eliminates Back Pain

                Our therapists use firm pressure.
        """
        lines = cls.doc().splitlines()
        out = []
        for i, line in enumerate(lines):
            m = EXAMPLE.match(line)
            if not m:
                continue
            body = [m.group(3)]
            for nxt in lines[i + 1:]:
                if nxt.startswith(CONTINUATION) or not nxt.strip():
                    body.append(nxt[len(CONTINUATION):])
                else:
                    break
            while body and not body[-1].strip():
                body.pop()
            out.append((m.group(1).lower(), m.group(2) or "text", "\n".join(body)))
        return out


def _dedent(text: str) -> str:
    """``inspect.getdoc`` text, dedented even where one line lost its indentation: an escape for a line
    break inside a one-line example of a non-raw docstring becomes a real break, leaves the rest of the
    example at column 0, and then ``inspect`` removes no indentation at all. Most lines indented means
    that happened."""
    first, _, rest = text.partition("\n")
    lines = [line for line in rest.splitlines() if line.strip()]
    indented = [len(line) - len(line.lstrip()) for line in lines if line[0].isspace()]
    if not indented or len(indented) * 2 <= len(lines):
        return textwrap.dedent(text)
    margin = min(indented)
    body = [line[margin:] if line[:margin].isspace() else line for line in rest.splitlines()]
    return "\n".join([first, *body])


def _valid(cls) -> bool:
    return (inspect.isclass(cls) and issubclass(cls, Rule) and cls is not Rule and bool(cls.code)
            and cls.category in CATEGORIES and cls.severity in SEVERITIES)


_REGISTRY: dict[str, type[Rule]] | None = None
LOAD_ERRORS: list[str] = []


def _rules_in(module) -> list[type[Rule]]:
    return [obj for obj in vars(module).values() if _valid(obj) and obj.__module__ == module.__name__]


def all_rules() -> dict[str, type[Rule]]:
    """Every rule, built-in (modules of ``healthlint.rules``) and from the ``healthlint.rules`` entry points."""
    global _REGISTRY
    if _REGISTRY is not None:
        return _REGISTRY
    import healthlint.rules as package

    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for cls in _rules_in(module):
            found[cls.code] = cls
    for ep in entry_points(group="healthlint.rules"):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break the linter
            LOAD_ERRORS.append(f"rule plugin {ep.name!r} failed to load: {exc}")
            continue
        classes = [obj] if inspect.isclass(obj) else _rules_in(obj) if inspect.ismodule(obj) else list(obj)
        for cls in classes:
            if _valid(cls) and cls.code not in found:
                found[cls.code] = cls
            elif _valid(cls):
                LOAD_ERRORS.append(f"rule plugin {ep.name!r}: code {cls.code} is taken by a built-in rule")
    _REGISTRY = dict(sorted(found.items()))
    return _REGISTRY


def matches(code: str, patterns: Iterable[str]) -> bool:
    """``HL1`` matches ``HL101``; ``ALL`` matches everything; names match too."""
    for pattern in patterns:
        p = pattern.strip().upper()
        if p == "ALL" or code.upper().startswith(p):
            return True
    return False
