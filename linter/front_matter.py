"""Parse Markdown front matter (YAML) without letting it take the article down.

YAML can describe far more than it spells out: aliases expand a 575-byte "billion laughs" into
billions of strings (24 GB once turned into text), a 5,000-digit number cannot become a Python int,
and thousands of nested brackets exhaust the parser's recursion. Each is front matter that cannot be
used, so it is reported like a syntax error and the article's body is still checked.
"""
from __future__ import annotations

import yaml

MAX_NODES = 10_000  # values after alias expansion: real front matter has a few dozen


def load(body: str) -> tuple[object, str | None]:
    """``(data, None)``, or ``(None, problem)`` where ``problem`` says why the YAML cannot be used."""
    try:
        data = yaml.safe_load(body)  # aliases stay shared references here; _expanded_size measures them
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        return None, f"broken front matter{where}: {problem}"
    except RecursionError:
        return None, "broken front matter: nested too deeply to read"
    except (ValueError, TypeError, OverflowError, MemoryError) as exc:  # a value that cannot be built
        return None, f"broken front matter: a value cannot be read ({_first_line(exc)})"
    if _expanded_size(data) > MAX_NODES:
        return None, (f"broken front matter: more than {MAX_NODES:,} values once its aliases are expanded "
                      "(a YAML alias bomb?)")
    return data, None


def _expanded_size(data: object) -> int:
    """How many values ``data`` holds when every shared (aliased) value is counted each time it is used.

    Stops counting at ``MAX_NODES + 1``, so a bomb of 10^9 strings is measured in microseconds, and a
    value that contains itself (``&a [*a]``) is simply large."""
    count, stack = 0, [data]
    while stack and count <= MAX_NODES:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple, set)):
            stack.extend(value)
    return count


def _first_line(exc: BaseException) -> str:
    text = str(exc).split("\n")[0]
    return text if len(text) <= 120 else text[:117] + "..."
