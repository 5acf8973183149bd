"""Article text made safe to print on a terminal.

An article (or a file name) can carry escape sequences: an OSC title change, an OSC 8 hyperlink
that shows one address and opens another, colours, a cursor move that paints over the report, or
bidirectional controls that reorder what is shown (Trojan Source). Printed as they are, the
terminal obeys them. :func:`printable` writes each such character as a visible escape (``\\x1b``,
``\\u202e``) so the report shows exactly what is in the file and the terminal obeys nothing.
"""
from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as a visible escape."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text
