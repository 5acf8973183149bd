"""One pass over a document for every spam/link rule (HL4xx), then one finding per problem.

Each detector proposes candidates; the candidates are then merged so that one
problem gives one finding: a keyword inside a flagged link, or a link inside a
"Read More" line, is reported once, by the most specific rule enabled, whose
span grows to cover the whole problem and whose message names the other signals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint.document import Document, Link

from ._spam_lexicon import (MIN_LETTERS, Lexicon, domain_match, foreign_scripts, host_of, host_tokens, is_gloss, letters,
                            norm, query_of, run_pattern, script_label, scripts_in, starts_word)

GOOGLE_SPAM = "https://developers.google.com/search/docs/essentials/spam-policies"
# When candidates overlap, the earlier code in this list reports the problem.
PRIORITY = ["HL411", "HL404", "HL416", "HL412", "HL413", "HL415", "HL405", "HL403", "HL409", "HL407", "HL406", "HL408",
            "HL402", "HL401", "HL414", "HL410"]
PHONE = re.compile(r"(?<![\w/.+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{4}(?![\w/])")
FOLLOW = re.compile(r"\b(follow|subscribe|channel|join|updates|newsletter|news)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SEPARATORS = re.compile(r"\s*([|｜•·»]|(?<=\s)[-–—](?=\s))\s*")
STOPWORDS = frozenset("a an and the of for to in on at by with from or your you our my is are be it this that".split())


@dataclass
class Candidate:
    code: str
    start: int
    end: int
    message: str
    suggestion: str
    reference: str | None = None
    severity: str | None = None
    short: str = ""  # how another finding names this signal in its "Also:" note
    mergeable: bool = True
    also: dict[str, str] = field(default_factory=dict)  # code -> note, one per merged rule


@dataclass
class LinkInfo:
    link: Link
    host: str
    reputable: bool
    allowed: bool
    blocked: str | None


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Analysis:
    """The candidates of one document."""

    def __init__(self, doc: Document, lex: Lexicon, settings):
        self.doc, self.lex, self.settings = doc, lex, settings
        self.text, self.prose = doc.text, doc.prose
        low = doc.prose.lower()
        self.low = low if len(low) == len(doc.prose) else doc.prose  # lower() keeps offsets except for rare letters
        self.dominant, self.foreign = foreign_scripts(doc.prose)
        self.run_re = run_pattern(self.foreign)
        self.allowed = frozenset(d.lower().lstrip(".") for d in settings.allowed_domains)
        self.blocked = frozenset(d.lower().lstrip(".") for d in settings.blocked_domains) | lex.blocked
        self.links = [self._info(link) for link in doc.links]
        self.runs = self._runs(self.prose)
        # foreign terms the article itself quotes or translates somewhere: vocabulary, wherever they recur
        self.glossed = {norm(self.prose[s:e]) for s, e in self.runs if is_gloss(self.prose, s, e, lex.cues)}
        self.glossed |= lex.language_names
        self._topics: dict[int, bool] = {}
        self.out: list[Candidate] = []

    # -- helpers ---------------------------------------------------------------
    def _info(self, link: Link) -> LinkInfo:
        host = host_of(link.url)
        return LinkInfo(link, host, bool(host) and domain_match(host, self.lex.reputable) is not None,
                        bool(host) and domain_match(host, self.allowed) is not None,
                        domain_match(host, self.blocked) if host else None)

    def _runs(self, text: str) -> list[tuple[int, int]]:
        if self.run_re is None:
            return []
        spans = []
        for m in self.run_re.finditer(text):
            needed = max(MIN_LETTERS.get(s, 2) for s in scripts_in(m.group(0)) if s in self.foreign)
            if letters(m.group(0), self.foreign) >= needed:
                spans.append(m.span())
        return spans

    def _link_at(self, start: int, end: int) -> LinkInfo | None:
        for info in self.links:
            if info.link.start <= start and end <= info.link.end:
                return info
        return None

    def _trusted_link_at(self, start: int, end: int, internal: bool = False) -> bool:
        """Inside the anchor of a link to a reputable or allowed page (or, with ``internal``, a relative one)."""
        info = self._link_at(start, end)
        return info is not None and (info.reputable or info.allowed or internal and not info.host) and not info.blocked

    def _line(self, offset: int) -> tuple[int, int]:
        """The stripped prose line around ``offset``."""
        s = self.prose.rfind("\n", 0, offset) + 1
        e = self.prose.find("\n", offset)
        e = len(self.prose) if e < 0 else e
        while s < e and self.prose[s].isspace():
            s += 1
        while e > s and self.prose[e - 1].isspace():
            e -= 1
        return s, e

    def _with_links(self, start: int, end: int) -> tuple[int, int]:
        """Grow a span to the raw extent of the links it touches (labels quote whole elements)."""
        for info in self.links:
            if info.link.start < end and start < info.link.end:
                start, end = min(start, info.link.start), max(end, info.link.end)
        return start, end

    def add(self, code, start, end, message, suggestion, reference=None, short="", **kw):
        self.out.append(Candidate(code, start, end, message, suggestion, reference, short=short or message, **kw))

    def foreign_hits(self, text: str) -> list[tuple[int, int]]:
        """Foreign-script runs of a stand-alone ``text`` that are neither glossed there nor in the article."""
        return [(s, e) for s, e in self._runs(text)
                if not is_gloss(text, s, e, self.lex.cues) and norm(text[s:e]) not in self.glossed]

    def money_hits(self, text: str, start: int = 0, end: int | None = None):
        """Money keywords of ``text``, minus Latin ones of an entry whose topic the article discusses."""
        for s, e, entry in self.lex.keyword_hits(text, start, end):
            if entry.get("not_when_article_mentions") and text[s:e].isascii() and self._on_topic(entry):
                continue
            yield s, e, entry

    def _on_topic(self, entry: dict) -> bool:
        if id(entry) not in self._topics:
            low = self.prose.lower()
            self._topics[id(entry)] = any(str(t).lower() in low for t in entry["not_when_article_mentions"])
        return self._topics[id(entry)]

    def _citation_line(self, offset: int) -> bool:
        """A line that cites a source (a DOI, "et al.", a reputable link): foreign titles there are references."""
        s, e = self._line(offset)
        line = self.prose[s:e]
        if re.search(r"\bdoi\b|\bet al\b|\bpmid\b|\bvol\.|\bpp\.", line, re.I):
            return True
        return any(i.reputable and i.link.start < e and s < i.link.end for i in self.links)

    # -- detectors -------------------------------------------------------------
    def run(self) -> list[Candidate]:
        self.keywords()
        self.foreign_runs()
        self.link_rules()
        self.density()
        self.contact()
        self.tag_lines()
        self.stuffed_lines()
        self.hidden_text()
        self.metadata()
        self.residue()
        self.repeated_title()
        return self.out

    def keywords(self):
        """HL402: money keywords in the visible text and in hidden blocks."""
        for s, e, entry in self.money_hits(self.prose):
            for rs, re_ in self.runs:
                if rs <= s and e <= re_:
                    s, e = rs, re_
                    break
            if is_gloss(self.prose, s, e, self.lex.cues) or self._trusted_link_at(s, e):
                continue
            s, e = self._with_links(s, e)
            word = _short(self.prose[s:e])
            self.add("HL402", s, e,
                     f"'{word}' is a {entry.get('label', 'money keyword')} with no relation to the article, injected "
                     "to rank someone else's pages.",
                     "Delete the keyword.", entry.get("source"), short=f"money keyword '{word}'")

    def foreign_runs(self):
        """HL401: runs in a script foreign to the article that are neither quoted nor translated."""
        for s, e in self.runs:
            if (is_gloss(self.prose, s, e, self.lex.cues) or norm(self.prose[s:e]) in self.glossed
                    or self._trusted_link_at(s, e, internal=True) or self._citation_line(s)):
                continue
            run = _short(self.prose[s:e])
            s2, e2 = self._with_links(s, e)
            self.add("HL401", s2, e2,
                     f"{script_label(run)} text '{run}' sits in a {self.dominant}-script article with no quotation "
                     "or translation, which is how injected spam keywords look.",
                     "Delete it; if the reader needs the term, quote it and translate it in parentheses.",
                     "https://web.dev/articles/fix-the-japanese-keyword-hack", short=f"{script_label(run)} text '{run}'")

    def link_rules(self):
        lex = self.lex
        for info in self.links:
            link, host = info.link, info.host
            if not host or info.allowed:
                continue
            span = (link.start, link.end)
            if info.blocked:
                self.add("HL411", *span, f"Link to {host}, a blocked domain ({info.blocked}, from blocked_domains or a block list).",
                         "Remove the link.", short=f"blocked domain {host}")
                continue
            if info.reputable:
                continue
            if link.hidden or self.doc.is_hidden(link.start, link.end) or self._invisible(link):
                self.add("HL404", *span, f"Hidden link to {host} ('{_short(link.text)}'): readers cannot see it, so it exists "
                         "only to pass ranking to that site.", "Remove the link.", GOOGLE_SPAM + "#hidden-text-and-links",
                         short="hidden link")
            matched = domain_match(host, lex.shorteners)
            if matched:
                self.add("HL403", *span, f"The link goes through the URL shortener {matched}, which hides its destination "
                         "from readers and reviewers.", "Link to the destination directly.",
                         lex.shorteners[matched].get("source"), short=f"URL shortener {matched}")
            stuffed = "" if link.kind == "bare" else self._stuffed_anchor(link.text, host)
            params = self._paid_params(link.url, host)
            signals = self._farm_signals(info, stuffed, params)
            if any(strong for _, strong in signals) and len(signals) >= 2:
                self.add("HL409", *span, f"Link-farm link to {host}: " + "; ".join(s for s, _ in signals) + ".",
                         "Remove the link.", GOOGLE_SPAM + "#link-spam", short=f"link-farm host {host}")
            runs = self._anchor_runs(link)
            if runs:
                self.add("HL407", *span, f"The anchor '{_short(link.text)}' is in {script_label(runs[0])}, a script foreign "
                         f"to this article, pointing at {host}: a keyword link planted for another site.",
                         "Remove the link.", GOOGLE_SPAM + "#link-spam", short=f"{script_label(runs[0])} anchor")
            if stuffed:
                self.add("HL406", *span, f"The anchor '{_short(link.text)}' is {stuffed}, written for search engines "
                         "rather than readers.", "Remove the link, or describe its destination in plain words.",
                         GOOGLE_SPAM + "#link-spam", short="keyword-stuffed anchor")
            if params:
                self.add("HL408", *span, f"The link to {host} carries a referral or affiliate parameter ({', '.join(params)}), "
                         "so it is a paid link.", "Remove the parameter or the link; mark a paid link rel=\"sponsored\".",
                         "https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links",
                         short=f"referral parameter {', '.join(params)}")

        # shortened URLs typed without a scheme ("bit.ly/3kQ9vZt"); a substring test first, the regex only if needed
        if lex.shortener_text is not None and any(h + "/" in self.low for h in lex.shorteners):
            for m in lex.shortener_text.finditer(self.prose):
                before = self.prose[m.start() - 1] if m.start() else " "
                if before.isalnum() or before in "./@-_" or any(i.link.start <= m.start() < i.link.end for i in self.links):
                    continue
                host = m.group(0).split("/", 1)[0].lower()
                if domain_match(host, self.allowed):
                    continue
                self.add("HL403", m.start(), m.end(), f"The link goes through the URL shortener {host}, which hides its "
                         "destination from readers and reviewers.", "Link to the destination directly.",
                         lex.shorteners.get(host, {}).get("source"), short=f"URL shortener {host}")

    def _invisible(self, link: Link) -> bool:
        """An HTML link with neither visible text nor an image cannot be seen or clicked by a reader."""
        if link.kind != "html" or link.text.strip():
            return False
        return re.fullmatch(r"<a\b[^<>]*>\s*</a\s*>", self.text[link.start:link.end], re.I) is not None \
            and not re.search(r"\b(aria-label|title)\s*=", self.text[link.start:link.end], re.I)

    def _anchor_runs(self, link: Link) -> list[str]:
        if not link.text.strip() or link.kind == "bare":
            return []
        if not (link.hidden or self.doc.is_hidden(link.start, link.end)) and link.text_start < link.text_end:
            return [self.prose[s:e] for s, e in self.runs
                    if link.text_start <= s and e <= link.text_end and not is_gloss(self.prose, s, e, self.lex.cues)
                    and norm(self.prose[s:e]) not in self.glossed]
        return [link.text[s:e] for s, e in self.foreign_hits(link.text)]

    def _stuffed_anchor(self, text: str, host: str = "") -> str:
        """Why an anchor is keyword-stuffed, or ''.

        An exact-match anchor (its keywords are the host name's: "best massage busan" ->
        busan-massage.com) counts as a strong search-query signal, never as enough alone."""
        words = re.findall(r"[a-z0-9']+", text.lower())
        content = [w for w in words if len(w) >= 3 and w not in STOPWORDS]
        if len(words) >= 6 and content:
            # ties go to the first word in the text (a set's order changes with PYTHONHASHSEED)
            word, count = max(((w, content.count(w)) for w in dict.fromkeys(content)), key=lambda x: x[1])
            if count >= 3 and (len(set(words)) <= 0.65 * len(words) or len(words) <= 12):
                return f"stuffed with repetitions of '{word}' ({count} times)"
        score, found = self.lex.commercial_score(text)
        shared = sorted(set(content) & set(host_tokens(host))) if host else []
        if len(shared) >= 2:
            score, found = score + 2, found + [f"{'-'.join(shared)} = the host name"]
        if score >= 3 and len(found) >= 2:
            return "a commercial search query (" + ", ".join(f"'{f}'" for f in found) + ")"
        return ""

    def _commercial_host(self, host: str) -> bool:
        tokens = host_tokens(host)
        return (host.rsplit(".", 1)[-1] in self.lex.tlds or any(t in self.lex.money_hosts for t in tokens)
                or sum(t in self.lex.commercial_hosts for t in tokens) >= 2)

    def _paid_params(self, url: str, host: str) -> list[str]:
        found = []
        for key, value in query_of(url):
            entry = self.lex.params.get(key.lower())
            if not entry:
                continue
            kind = entry.get("kind")
            if kind == "ref-code" and not re.search(r"\d", value):
                continue
            if kind == "tracking" and not self._commercial_host(host):
                continue
            if kind == "redirect":
                # only a jump to another site (an open redirect or affiliate cloaker), not ?return=/account
                target = re.match(r"(?:https?:)?//(?:www\.)?([^/?#:]+)", value.strip(), re.I)
                if (not target or domain_match(target.group(1).lower(), {host.removeprefix("www.")})
                        or domain_match(host, self.lex.platforms)  # a share button (facebook.com/sharer.php?u=)
                        or domain_match(target.group(1).lower(), self.lex.reputable) is not None):
                    continue
                value = f"{target.group(0)}..."
            found.append(f"{key}={value}" if value else key)
        return found

    def _farm_signals(self, info: LinkInfo, stuffed: str, params: list[str]) -> list[tuple[str, bool]]:
        lex, host, link = self.lex, info.host, info.link
        tokens = host_tokens(host)
        signals: list[tuple[str, bool]] = []
        tld = host.rsplit(".", 1)[-1]
        if tld in lex.tlds:
            signals.append((f".{tld} is among the top-level domains most abused for spam", True))
        money = [t for t in tokens if t in lex.money_hosts]
        money += [w for w in lex.money_hosts if len(w) >= 5 for t in tokens if w in t and t != w]
        if money:
            signals.append((f"the host name carries the money keyword '{money[0]}'", True))
        rels = [r for r in link.rel.lower().split() if r in lex.fake_rel]
        if rels:
            signals.append((f"rel=\"{rels[0]}\" is not a real link relation but a link seller's mark", True))
        commercial = [t for t in tokens if t in lex.commercial_hosts]
        if commercial and len(tokens) >= 2:
            signals.append((f"the host name strings keywords together ({'-'.join(tokens)})", False))
        if any(re.fullmatch(r"\d{2,}", t) for t in tokens):
            signals.append(("the host name carries a number", False))
        if stuffed:
            signals.append(("the anchor is keyword-stuffed", False))
        if params:
            signals.append(("the URL carries a referral parameter", False))
        return signals

    def density(self):
        """HL410: a line of running text that is mostly links to ordinary (non-reputable) sites.

        Counted per line, so a list of links (one per line, a reading list) is not "dense"."""
        groups: dict[tuple[int, int], list[LinkInfo]] = {}
        for info in self.links:
            if info.host and not (info.reputable or info.allowed or domain_match(info.host, self.lex.platforms)):
                groups.setdefault(self._line(info.link.text_start), []).append(info)
        for (ls, le), infos in groups.items():
            if len(infos) < 4:
                continue
            words = len(re.findall(r"\w+", self.prose[ls:le]))
            linked = sum(len(re.findall(r"\w+", self.prose[i.link.text_start:i.link.text_end])) for i in infos)
            if words and linked / words >= 0.4:
                s, e = min(i.link.start for i in infos), max(i.link.end for i in infos)
                self.add("HL410", s, e, f"{len(infos)} links in one passage, with {linked} of its {words} words in "
                         "anchors: far above normal prose, the pattern of a link farm.",
                         "Keep the one or two links a reader needs.", GOOGLE_SPAM + "#link-spam", mergeable=False)

    def contact(self):
        """HL412: a messaging-app handle or a phone number offered with booking language."""
        lex = self.lex
        done: set[tuple[int, int]] = set()
        for m in self._app_matches():
            if not starts_word(self.prose, m.start()):
                continue
            handle = self.prose[m.start("handle"):m.end("handle")]
            if not (handle.startswith("@") or re.search(r"[\d_]", handle)):
                continue
            if m.group("amb") and not (m.group("id") or m.group("colon")):
                continue
            line = self._line(m.start())
            if line in done or self._trusted_link_at(m.start("handle"), m.end("handle")):
                continue
            text = self.prose[line[0]:line[1]]
            # an explicit "ID" ("LINE ID: spa_bkk") is a contact offer by itself, and so is a user name
            # standing alone on a short line; "follow us on Telegram: @news" and a clinic's number are not
            alone = len(text.split()) <= 8 and not FOLLOW.search(text) and not re.fullmatch(r"\+?[\d \-]+", handle)
            if not (m.group("id") or alone or self._booking(text, strong_only=False) or self.foreign_hits(text)):
                continue
            done.add(line)
            s, e = self._contact_span(line, m.start(), m.end())
            app = self.prose[m.start("app"):m.end("app")] if m.group("app") else self.prose[m.start("amb"):m.end("amb")]
            self.add("HL412", s, e, f"Contact spam: a {app} handle ('{handle}') offered for bookings, the way outcall and "
                     "gambling ads take contacts.", "Delete the contact line.", GOOGLE_SPAM, short=f"{app} contact")
        for info in self.links:
            if not info.host or info.allowed or not domain_match(info.host, lex.chat_hosts):
                continue
            line = self._line(info.link.text_start)
            text = self.prose[line[0]:line[1]]
            if line in done or not (self._booking(text, strong_only=False) or self.foreign_hits(text)
                                    or any(self.money_hits(text))):
                continue
            done.add(line)
            s, e = self._with_links(*self._contact_span(line, info.link.text_start, info.link.text_end))
            self.add("HL412", s, e, f"Contact spam: a chat link ({info.host}) offered for bookings, the way outcall and "
                     "gambling ads take contacts.", "Delete the contact line.", GOOGLE_SPAM, short="chat-link contact")
        for m in PHONE.finditer(self.prose):
            line = self._line(m.start())
            if line in done or any(i.link.start <= m.start() < i.link.end for i in self.links):
                continue
            text = self.prose[line[0]:line[1]]
            strong = self._booking(text, strong_only=True)
            plain = self._booking(text, strong_only=False)
            if not (strong or plain and (self.foreign_hits(text) or any(self.money_hits(text)))):
                continue
            done.add(line)
            s, e = self._contact_span(line, m.start(), m.end())
            self.add("HL412", s, e, f"Contact spam: the phone number {m.group(0)} comes with ad-style booking language "
                     f"('{strong or plain}').", "Delete the contact line.", GOOGLE_SPAM, short="phone contact")

    def _app_matches(self):
        """App-name matches, overlapping: "加微信 WeChat ID: x" must not lose "WeChat ID: x" to "微信 WeChat"."""
        pos = 0
        while m := self.lex.apps.search(self.low, pos):
            yield m
            pos = m.end("app") if m.group("app") else m.end("amb")

    def _contact_span(self, line: tuple[int, int], start: int, end: int) -> tuple[int, int]:
        """A short contact line whole; in a long paragraph, its sentence up to the contact itself."""
        if line[1] - line[0] <= 100:
            return line
        cut = max(self.prose.rfind(p, line[0], start) for p in (". ", "! ", "? "))
        stops = [i for i in (self.prose.find(p, end, line[1]) for p in (". ", "! ", "? ")) if i >= 0]
        return (cut + 2 if cut >= 0 else line[0]), (min(stops) + 1 if stops else line[1])

    def _booking(self, text: str, strong_only: bool) -> str:
        pattern = self.lex.strong_booking if strong_only else self.lex.plain_booking
        found = pattern.search(text) if pattern else None
        if not found and not strong_only and self.lex.strong_booking:
            found = self.lex.strong_booking.search(text)
        return found.group(0) if found else ""

    def tag_lines(self):
        """HL413: a "Tags:" line stuffed with money keywords or search phrases."""
        for m in self.lex.tag_line.finditer(self.prose):
            items = [i for i in re.split(r"[,，、|#;]", m.group("items")) if i.strip()]
            why = self._stuffed_list(items, m.group("items"), m.start("items"))
            if why:
                s, e = self._line(m.start("items"))
                self.add("HL413", s, e, f"Keyword-stuffed tags line: {why}.", "Delete the line, or keep only topic tags.",
                         GOOGLE_SPAM + "#keyword-stuffing", short="stuffed tags line")

    def stuffed_lines(self):
        """HL413: a short line of body text made of search queries or one repeated keyword phrase."""
        offset = 0
        for line in self.prose.splitlines(keepends=True):
            why = self._stuffed_text(self._without_anchors(offset, line))
            if why:
                s, e = self._line(offset + len(line) - len(line.lstrip()))
                self.add("HL413", s, e, f"Keyword-stuffed line: {why}.", "Delete the line, or rewrite it for readers.",
                         GOOGLE_SPAM + "#keyword-stuffing", short="keyword-stuffed line")
            offset += len(line)

    def _without_anchors(self, start: int, line: str) -> str:
        """The line with link anchors blanked: anchors are judged by the anchor rules."""
        chars = list(line)
        for i in self.links:
            for pos in range(max(start, i.link.text_start), min(start + len(line), i.link.text_end)):
                chars[pos - start] = " "
        return "".join(chars)

    def _stuffed_text(self, text: str) -> str:
        words = re.findall(r"[a-z0-9']+", text.lower())
        if not 4 <= len(words) <= 40:
            return ""
        score, found = self.lex.commercial_score(text)
        if score >= 4 and len(found) >= 3:
            return "search phrases (" + ", ".join(f"'{f}'" for f in found[:4]) + ")"
        bigrams = [f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOPWORDS and b not in STOPWORDS]
        if len(words) >= 8 and bigrams and len(set(words)) <= 0.5 * len(words):
            # ties go to the first pair in the text (a set's order changes with PYTHONHASHSEED)
            top, count = max(((b, bigrams.count(b)) for b in dict.fromkeys(bigrams)), key=lambda x: x[1])
            if count >= 3:
                return f"'{top}' repeated {count} times"
        return ""

    def hidden_text(self):
        """HL416: hidden HTML (display:none, off-screen ...) carrying money, foreign or stuffed keywords."""
        for hs, he in self.doc.hidden_spans:
            raw = re.sub(r"<[^>]*>", lambda m: " " * len(m.group(0)), self.text[hs:he])
            if not raw.strip():
                continue
            money = [raw[s:e] for s, e, _ in self.money_hits(raw)]
            foreign = [raw[s:e] for s, e in self.foreign_hits(raw)]
            stuffed = self._stuffed_text(raw) or self._stuffed_anchor(raw)
            if not (money or foreign or stuffed):
                continue
            what = f"'{_short((money or foreign)[0], 40)}'" if money or foreign else stuffed
            short = f"money keyword {what}" if money else f"hidden keywords {what}"
            self.add("HL416", hs, he, f"Hidden text with keywords ({what}): readers cannot see it, so it is written "
                     "only for search engines.", "Delete the hidden block.", GOOGLE_SPAM + "#hidden-text-and-links",
                     short=short)

    def _stuffed_list(self, items: list[str], joined: str, base: int) -> str:
        money = [joined[s:e] for s, e, _ in self.money_hits(joined)]
        foreign = [joined[s:e] for s, e in self.foreign_hits(joined)]
        queries = [i.strip() for i in items if self.lex.commercial_score(i)[0] >= 2]
        if money or foreign:
            bad = (money or foreign)[0]
            return f"it carries '{_short(bad, 40)}'" + (f" and search phrases such as '{queries[0]}'" if queries else "")
        if len(queries) >= 2:
            return "search phrases such as " + ", ".join(f"'{q}'" for q in queries[:3])
        return ""

    def metadata(self):
        """HL415: money keywords, foreign keywords and stuffing in the title, tags and description."""
        for key in ("title", "tags", "keywords", "categories", "category", "description", "subtitle"):
            fld = self.doc.metadata.get(key)
            if fld is None or fld.start < 0 or fld.end <= fld.start:
                continue
            values = fld.value if isinstance(fld.value, list) else [fld.value]
            raw = self.text[fld.start:fld.end]
            if key in ("tags", "keywords", "categories") and len(values) == 1 and isinstance(values[0], str):
                values = [v for v in re.split(r"[,，、|]", values[0]) if v.strip()]
            for value in values:
                if not isinstance(value, str) or not value.strip():
                    continue
                at = raw.find(value.strip())
                base = fld.start + at if at >= 0 else fld.start
                found = self._field_problem(key, value.strip())
                if not found:
                    continue
                s, e, why = found
                if at < 0:
                    s, e = fld.start, fld.end
                else:
                    s, e = base + s, base + e
                self.add("HL415", s, e, f"Spam in the {key}: {why}.", f"Edit the {key} to describe the article only.",
                         GOOGLE_SPAM + "#keyword-stuffing", short=f"spam in the {key}")

    def _field_problem(self, key: str, value: str) -> tuple[int, int, str] | None:
        runs = self.foreign_hits(value)
        hard = []
        for s, e, entry in self.money_hits(value):
            s, e = next(((rs, re_) for rs, re_ in runs if rs <= s and e <= re_), (s, e))
            hard.append((s, e, f"the {entry.get('label', 'money keyword')} '{value[s:e]}'"))
        hard += [(s, e, f"the {script_label(value[s:e])} keyword '{value[s:e]}'") for s, e in runs
                 if not any(hs <= s < he for hs, he, _ in hard)]
        spans, pos, sep = [], 0, 0  # (segment start, segment end, start of the separator before it)
        for m in SEPARATORS.finditer(value):
            spans.append((pos, m.start(), sep))
            sep, pos = m.start(1), m.end()
        spans.append((pos, len(value), sep))
        if hard:
            flagged = {i for i, (s, e, _) in enumerate(spans) if any(s <= hs < e or hs <= s < he for hs, he, _ in hard)}
            for i in sorted(flagged):
                j = i + 1
                while j < len(spans) and j not in flagged and self._commercial_segment(value[spans[j][0]:spans[j][1]]):
                    flagged.add(j)
                    j += 1
            first, last = min(flagged), max(flagged)
            start = spans[first][2] if first > 0 else spans[first][0]
            extra = [value[spans[i][0]:spans[i][1]] for i in sorted(flagged) if not any(
                spans[i][0] <= hs < spans[i][1] for hs, _, _ in hard)]
            why = hard[0][2] + (f", with search-phrase stuffing ('{_short(extra[0], 40)}')" if extra else "")
            return min(start, hard[0][0]), max(spans[last][1], max(he for _, he, _ in hard)), why
        if len(spans) >= 3:
            texts = [value[s:e].lower() for s, e, _ in spans]
            words = {w for t in texts for w in re.findall(r"[a-z]{3,}", t) if w not in STOPWORDS}
            for w in sorted(words):
                if sum(w in re.findall(r"[a-z]{3,}", t) for t in texts) >= 3:
                    return 0, len(value), f"'{w}' repeated across {len(texts)} segments (keyword stuffing)"
        stuffed = self._stuffed_text(value) if key in ("title", "subtitle", "description") else ""
        if stuffed:
            return 0, len(value), f"keyword stuffing with {stuffed}"
        if key in ("tags", "keywords") and self.lex.commercial_score(value)[0] >= 3:
            return 0, len(value), f"the search phrase '{_short(value, 40)}'"
        return None

    def _commercial_segment(self, text: str) -> bool:
        """A title segment made of search modifiers ("Best Spa Seoul 2024")."""
        return self.lex.commercial_score(text)[0] >= 1 or bool(YEAR.search(text)) and len(text.split()) <= 5

    def residue(self):
        """HL405: page furniture copied by a scraper ("Report Page", "Read More", share buttons)."""
        offset = 0
        for line in self.prose.splitlines(keepends=True):
            stripped = line.strip()
            if stripped and len(stripped) < 200:
                for pattern, entry in self.lex.residue:
                    if pattern.search(line.rstrip("\r\n")):
                        s = offset + line.index(stripped[0])
                        e = offset + len(line.rstrip())
                        touched = [i for i in self.links if i.link.start < e and s < i.link.end]
                        if touched and all(i.reputable or i.allowed for i in touched):
                            break
                        s, e = self._with_links(s, e)
                        self.add("HL405", s, e, f"Scraper residue: {entry['why']}.", "Delete this line.",
                                 entry.get("source"), short="scraper residue")
                        break
            offset += len(line)

    def repeated_title(self):
        """HL414: the title repeated as a line of the body, a trace of copy-and-paste."""
        title = self.doc.title
        key = _norm_line(title)
        if len(key) < 12:
            return
        fld = self.doc.metadata.get("title")
        heading_starts = [h.start for h in self.doc.headings]
        first_heading_used = False
        offset = 0
        for line in self.prose.splitlines(keepends=True):
            if _norm_line(line) == key:
                s = offset + len(line) - len(line.lstrip())
                e = offset + len(line.rstrip())
                if fld is not None and fld.start <= s < max(fld.end, fld.start + 1):
                    pass
                elif not first_heading_used and any(s <= h < e for h in heading_starts):
                    first_heading_used = True
                else:
                    self.add("HL414", s, e, "The title is repeated as a line of the body, a trace of copying the page.",
                             "Delete the repeated title.", GOOGLE_SPAM + "#scraped-content", short="repeated title")
            offset += len(line)


def _norm_line(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def merge(candidates: list[Candidate], enabled: set[str]) -> list[Candidate]:
    """Keep one candidate per problem: the highest-priority enabled one absorbs the ones it overlaps."""
    rank = {code: i for i, code in enumerate(PRIORITY)}
    ordered = sorted((c for c in candidates if c.code in enabled), key=lambda c: (rank.get(c.code, 99), c.start))
    kept: list[Candidate] = []
    for cand in ordered:
        host = None
        if cand.mergeable:
            for k in kept:
                overlap = min(k.end, cand.end) - max(k.start, cand.start)
                if k.mergeable and overlap > 0 and overlap >= 0.5 * min(k.end - k.start, cand.end - cand.start):
                    host = k
                    break
        if host is None:
            kept.append(cand)
            continue
        host.start, host.end = min(host.start, cand.start), max(host.end, cand.end)
        if cand.code != host.code and cand.code not in host.also:
            host.also[cand.code] = cand.short
    for k in kept:
        codes = {k.code, *k.also}
        notes = [note for code, note in k.also.items()
                 if not (code == "HL401" and codes & {"HL402", "HL407", "HL412", "HL413", "HL415"})
                 and not (code == "HL402" and k.code in ("HL413", "HL415"))
                 and not (code in ("HL406", "HL408") and k.code == "HL409")]  # already among its signals
        if notes:
            k.message = k.message.rstrip(".") + ". Also: " + "; ".join(notes[:3]) + "."
    return sorted(kept, key=lambda c: (c.start, c.code))
