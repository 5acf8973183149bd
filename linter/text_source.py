"""Read a plain-text article: the text is its own prose; a short first line is its title."""
from __future__ import annotations

import re

from .document import Document, Field, Heading
from .prose import ProseBuilder, bare_links, blank_list_markers

TITLE_LINE = re.compile(r"\A\ufeff?[ \t]*+([^\n]{3,150}?)[ \t]*+\r?\n")  # possessive: a page of spaces is one try


def read_text(path: str, text: str) -> Document:
    builder = ProseBuilder(text)
    blank_list_markers(builder, text)
    prose = builder.result()
    headings, metadata = [], {}
    match = TITLE_LINE.match(text)
    if match and not match.group(1).rstrip().endswith((".", ",", ";")) and len(match.group(1).split()) <= 20:
        s, e = match.span(1)
        headings.append(Heading(1, match.group(1), s, e))
        metadata["title"] = Field("title", match.group(1), s, e)
    return Document(path=path, text=text, prose=prose, format="text", metadata=metadata,
                    links=bare_links(prose, []), headings=headings)
