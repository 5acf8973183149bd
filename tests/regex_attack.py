"""Attack strings for a compiled regular expression, made from the pattern's own pieces.

Catastrophic backtracking needs a long stretch that several parts of a pattern can share (a run of
spaces between optional groups, a word that two alternatives both start with) followed by a failure.
So for each pattern: walk its parse tree, write a string it would match with every repeat run long,
cut that string after each piece (the rest of the match is missing, so the engine backtracks over
everything before), add a character that matches nothing expected, and also repeat the pattern's
sample with separators. :func:`slowest` times the pattern on all of them.
"""
from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager

try:  # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore
    import sre_parse as P  # type: ignore

RUN = 400  # characters in one repeated run: cubic backtracking is then ~10^8 steps, quadratic ~10^5
MAX_STRINGS = 80
POISON = ("", "!")
CANDIDATES = "a x1 .,-_:/@#'\"()[]|\t\n\u00e9\u4e00\uac00\u0430"

_CATEGORY = {
    C.CATEGORY_SPACE: " ", C.CATEGORY_NOT_SPACE: "x", C.CATEGORY_DIGIT: "1", C.CATEGORY_NOT_DIGIT: "x",
    C.CATEGORY_WORD: "a", C.CATEGORY_NOT_WORD: " ", C.CATEGORY_LINEBREAK: "\n", C.CATEGORY_NOT_LINEBREAK: "x",
}
_CATEGORY_RE = {
    C.CATEGORY_SPACE: re.compile(r"\s"), C.CATEGORY_NOT_SPACE: re.compile(r"\S"), C.CATEGORY_DIGIT: re.compile(r"\d"),
    C.CATEGORY_NOT_DIGIT: re.compile(r"\D"), C.CATEGORY_WORD: re.compile(r"\w"), C.CATEGORY_NOT_WORD: re.compile(r"\W"),
    C.CATEGORY_LINEBREAK: re.compile(r"\n"), C.CATEGORY_NOT_LINEBREAK: re.compile(r"[^\n]"),
}


def _in_set(ch: str, items) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= ord(ch) == av
        elif op is C.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is C.CATEGORY:
            hit |= bool(_CATEGORY_RE[av].match(ch))
    return hit != negate


def _char_of(items, variant: int) -> str:
    """A character of a class ``[...]``: the ``variant``-th of its literals, or a candidate in the class."""
    literals = [chr(av) for op, av in items if op is C.LITERAL]
    if literals and not any(op is C.NEGATE for op, _ in items):
        return literals[variant % len(literals)]
    for op, av in items:
        if op is C.RANGE and not any(o is C.NEGATE for o, _ in items):
            return chr(av[0])
        if op is C.CATEGORY and len(items) == 1:
            return _CATEGORY[av]
    return next((ch for ch in CANDIDATES if _in_set(ch, items)), "a")


class _Run(str):
    """A piece made by a repeat: where a cut makes the engine give back what the run took."""


class _Writer:
    """Writes one matching string as a list of pieces (one piece per element at any depth)."""

    def __init__(self, variant: int, run: int):
        self.variant, self.run = variant, run
        self.groups: dict[int, str] = {}

    def pieces(self, sub, budget: int) -> list[str]:
        out: list[str] = []
        for op, av in sub:
            if budget <= 0:
                break
            got = self.item(op, av, budget)
            out += got
            budget -= sum(map(len, got))
        return out

    def text(self, sub, budget: int) -> str:
        return "".join(self.pieces(sub, budget))

    def item(self, op, av, budget: int) -> list[str]:
        if op is C.LITERAL:
            return [chr(av)]
        if op is C.NOT_LITERAL:
            return ["a" if av != ord("a") else "b"]
        if op is C.ANY:
            return ["x"]
        if op is C.IN:
            return [_char_of(av, self.variant)]
        if op is C.BRANCH:
            branches = av[1]
            pick = (0, len(branches) - 1, len(branches) // 2, 1)[self.variant % 4] % len(branches)
            return self.pieces(branches[pick], budget)
        if op is C.SUBPATTERN:
            got = self.pieces(av[-1], budget)
            if av[0] is not None:
                self.groups[av[0]] = "".join(got)
            return got
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            unit = self.text(body, max(1, budget // 2)) or " "
            want = max(low, min(high, max(2, self.run // max(1, len(unit)))))
            count = max(low, min(want, budget // max(1, len(unit))))
            return [_Run(unit * count)] if count else []
        if op is getattr(C, "ATOMIC_GROUP", None):
            return self.pieces(av, budget)
        if op is C.GROUPREF:
            return [self.groups.get(av, "")]
        if op is C.GROUPREF_EXISTS:
            return self.pieces(av[1], budget)
        return []  # AT, ASSERT, ASSERT_NOT, CATEGORY at the top: zero-width


def attack_strings(regex: re.Pattern, run: int = RUN, limit: int = 4_000) -> list[str]:
    """Strings that make a backtracking pattern show its worst case."""
    tree = P.parse(regex.pattern, regex.flags & ~re.UNICODE if isinstance(regex.pattern, bytes) else regex.flags)
    found: dict[str, None] = {}
    for variant in range(4):
        pieces = _Writer(variant, run).pieces(tree, limit)
        sample = "".join(pieces)
        cut = 0
        for i, piece in enumerate(pieces):
            cut += len(piece)
            if isinstance(piece, _Run) or i == len(pieces) - 1:
                for poison in POISON:
                    found[sample[:cut] + poison] = None
        head = "".join(pieces[:-1])
        for sep in (" ", "  ", ", ", "\n"):
            found[(head + sep) * max(2, run // max(1, len(head) + len(sep)))] = None
    return [s for s in found if s][:MAX_STRINGS]


class _TooSlow(Exception):
    pass


@contextmanager
def _interrupt_after(seconds: float):
    """Stop a runaway match (Python's regex engine checks signals) so a bad pattern fails, not hangs."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def slowest(regex: re.Pattern, give_up: float = 2.0) -> tuple[float, str]:
    """(seconds, input) of the slowest ``search`` over the attack strings (``give_up`` when interrupted)."""
    worst = (0.0, "")
    for text in attack_strings(regex):
        start = time.perf_counter()
        try:
            with _interrupt_after(give_up):
                regex.search(text)
        except _TooSlow:
            return give_up, text
        took = time.perf_counter() - start
        if took > worst[0]:
            worst = (took, text)
    return worst
