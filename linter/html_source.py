"""Read an HTML article: visible text, title, headings, links, hidden parts."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .document import Document, Field, Heading, Link
from .prose import ENTITY, ProseBuilder, bare_links

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section summary table "
    "tbody td tfoot th thead title tr ul".split()
)
SKIP_TAGS = frozenset("script style noscript template svg iframe object code".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
OPTIONAL_END = frozenset("p li dt dd tr td th thead tbody tfoot option colgroup caption html head body".split())
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*(?:0(?![.\d]*[1-9])|0?\.\d+px|1px\b)|"
    r"(?:left|top|text-indent)\s*:\s*-\d{3,}|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"(?:height|width)\s*:\s*0(?:px)?\s*;.*overflow\s*:\s*hidden",
    re.I,
)
META_KEYS = {
    "description": "description", "author": "author", "date": "date", "article:published_time": "date",
    "article:modified_time": "updated", "last-modified": "updated", "dc.date": "date", "dcterms.modified": "updated",
    "keywords": "keywords", "citation_author": "author", "citation_date": "date", "lastreviewed": "reviewed",
}


def is_hidden_style(attrs: dict) -> bool:
    return "hidden" in attrs or bool(HIDDEN_STYLE.search(attrs.get("style") or ""))


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.prose = ProseBuilder(text, blank=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[tuple[str, int, bool]] = []  # (tag, start offset, hidden)
        self.links: list[Link] = []
        self.headings: list[Heading] = []
        self.metadata: dict[str, Field] = {}
        self.hidden_spans: list[tuple[int, int]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.problems: list[str] = []
        self._link: dict | None = None
        self._heading: dict | None = None
        self._title: dict | None = None

    # -- positions -------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _in(self, tags) -> bool:
        return any(t in tags for t, _, _ in self.stack)

    def _hidden(self) -> bool:
        return any(h for _, _, h in self.stack)

    # -- events ----------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        start = self.here()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        if tag in BLOCK_TAGS:
            self.prose.block_break(start, end)
        if tag == "meta":
            key = (attrs_d.get("name") or attrs_d.get("property") or attrs_d.get("itemprop") or "").lower()
            if key in META_KEYS and attrs_d.get("content"):
                self.metadata.setdefault(META_KEYS[key], Field(META_KEYS[key], attrs_d["content"], start, end))
            return
        if tag == "time" and attrs_d.get("datetime"):
            self.metadata.setdefault("date", Field("date", attrs_d["datetime"], start, end))
        if tag in VOID_TAGS:
            return
        hidden = is_hidden_style(attrs_d)
        self.stack.append((tag, start, hidden))
        if tag == "a" and self._link is None:
            self._link = {"href": attrs_d.get("href", ""), "rel": attrs_d.get("rel", ""), "start": start,
                          "hidden": hidden or self._hidden(), "text": [], "ts": None, "te": None}
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = {"level": int(tag[1]), "text": [], "start": None, "end": None}
        elif tag == "title":
            self._title = {"text": [], "start": None, "end": None}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self._close(tag, self.here() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        start = self.here()
        close = self.text.find(">", start)
        end = len(self.text) if close < 0 else close + 1
        if tag in BLOCK_TAGS:
            self.prose.block_break(start, end)
        if tag in VOID_TAGS:
            return
        if not any(t == tag for t, _, _ in self.stack):
            if tag not in OPTIONAL_END:
                line, col = self.getpos()
                self.problems.append(f"stray </{tag}> at {line}:{col + 1}")
            return
        self._close(tag, end)

    def _close(self, tag, end):
        while self.stack:
            open_tag, start, hidden = self.stack.pop()
            if hidden:
                self.hidden_spans.append((start, end))
                self.prose.blank(start, end)
            if open_tag == "a" and self._link is not None:
                link = self._link
                text = "".join(link["text"]).strip()
                ts = link["ts"] if link["ts"] is not None else link["start"]
                te = link["te"] if link["te"] is not None else end
                self.links.append(Link(url=link["href"], text=" ".join(text.split()), start=link["start"], end=end,
                                       text_start=ts, text_end=te, rel=link["rel"], hidden=link["hidden"] or hidden))
                self._link = None
            elif open_tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
                h = self._heading
                if h["start"] is not None:
                    self.headings.append(Heading(h["level"], " ".join("".join(h["text"]).split()), h["start"], h["end"]))
                self._heading = None
            elif open_tag == "title" and self._title is not None:
                t = self._title
                if t["start"] is not None:
                    self.metadata["title"] = Field("title", " ".join("".join(t["text"]).split()), t["start"], t["end"])
                self._title = None
            if open_tag == tag:
                break

    def _text(self, start: int, raw: str, value: str):
        end = start + len(raw)
        if self._in(SKIP_TAGS):
            return
        if not self._hidden():
            if value is raw:
                self.prose.keep(start, end, newlines=False)
            else:
                self.prose.entity(start, raw)
        for item in (self._link, self._heading, self._title):
            if item is not None:
                item["text"].append(value)
                if value.strip():
                    if item.get("start", 0) is None:
                        item["start"] = start
                    if "ts" in item and item["ts"] is None:
                        item["ts"] = start
                    if "te" in item:
                        item["te"] = end
                    if "end" in item:
                        item["end"] = end

    def handle_data(self, data):
        self._text(self.here(), data, data)

    def _entity(self):
        start = self.here()
        match = ENTITY.match(self.text, start)
        if match:
            import html as _html
            self._text(start, match.group(0), _html.unescape(match.group(0)))

    def handle_entityref(self, name):
        self._entity()

    def handle_charref(self, name):
        self._entity()

    def handle_comment(self, data):
        start = self.here()
        if self.text.startswith("<!--", start):
            close = self.text.find("-->", start)
            end = len(self.text) if close < 0 else close + 3
        else:  # a bogus comment (<!x>, <![x]>) ends at the first '>'
            close = self.text.find(">", start)
            end = len(self.text) if close < 0 else close + 1
        self.comments.append((start, end, data))

    def parse_marked_section(self, i, report=1):
        """``<![CDATA[...]]>`` and ``<![if ...]>`` as the standard library reads them; anything else
        after ``<![`` is a bogus comment up to the next ``>``, as in browsers (the standard library
        raises AssertionError, which would leave the whole article unchecked)."""
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position  # the failed scan may have moved it
            return self.parse_bogus_comment(i)


def read_html(path: str, text: str) -> Document:
    reader = _Reader(text)
    try:
        reader.feed(text)
        reader.close()
    except AssertionError as exc:  # html.parser's "cannot happen": keep what was read, and say so
        line, col = reader.getpos()
        reader.problems.insert(0, f"the HTML parser stopped at {line}:{col + 1} ({exc}); the rest is not checked")
    unclosed = [t for t, _, _ in reader.stack if t not in OPTIONAL_END]
    if unclosed:
        reader.problems.append("unclosed <" + ">, <".join(unclosed[:3]) + ">")
    reader._close("", len(text))  # flush what is still open
    prose = reader.prose.result()
    taken = [(link.start, link.end) for link in reader.links]
    links = sorted(reader.links + bare_links(prose, taken), key=lambda l: l.start)
    doc = Document(path=path, text=text, prose=prose, format="html", metadata=reader.metadata, links=links,
                   headings=reader.headings, hidden_spans=sorted(reader.hidden_spans), comments=reader.comments)
    if reader.problems:
        doc.warnings.append("malformed HTML: " + "; ".join(reader.problems[:3]) + " (checked as far as it parses)")
    return doc
