"""The spam lexicons (``rules/data/spam/*.yaml``) compiled once, and the script and URL helpers.

Why regular expressions and not spaCy matchers: money keywords are glued into
compounds in scripts without spaces ("인천" + "출장마사지" = 인천출장마사지,
one token to spaCy), so a token matcher cannot see them; one compiled
alternation per lexicon finds them anywhere, in prose, metadata and anchors.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from healthlint import regexes
from healthlint.knowledge import load

# -- scripts ------------------------------------------------------------------
_RANGES = sorted([
    (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"), (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0B80, 0x0BFF, "Tamil"),
    (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"), (0x1780, 0x17FF, "Khmer"), (0x3040, 0x309F, "Kana"), (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"), (0x31F0, 0x31FF, "Kana"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
    (0xA960, 0xA97F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"), (0xF900, 0xFAFF, "Han"), (0xFF66, 0xFF9F, "Kana"),
])
_STARTS = [lo for lo, _, _ in _RANGES]
SCRIPT_NAMES = {"Han": "Chinese/Japanese (Han)", "Kana": "Japanese (kana)", "Hangul": "Korean (Hangul)"}
# Alphabets whose single letters are everyday symbols in science (α, β, μ): a run needs 3 letters.
MIN_LETTERS = {"Greek": 3, "Cyrillic": 3}


def script_of(ch: str) -> str | None:
    code = ord(ch)
    if code < 0x0370 or 0x1E00 <= code <= 0x1EFF or 0xFF21 <= code <= 0xFF5A:
        return "Latin" if ch.isalpha() else None
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return None


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")


def scripts_in(text: str) -> Counter:
    """Letters per script (ASCII counted in bulk: most articles are almost all ASCII)."""
    counts = Counter(s for s in map(script_of, "".join(_NON_ASCII.findall(text))) if s)
    ascii_letters = len(_NOT_ASCII_LETTER.sub("", text))
    if ascii_letters:
        counts["Latin"] += ascii_letters
    return counts


def foreign_scripts(prose: str) -> tuple[str, frozenset[str]]:
    """The article's dominant script and the minority scripts foreign to it.

    Latin is never foreign (names, units, URLs and terms are Latin everywhere);
    Han goes with kana (Japanese) and with Hangul (hanja). A script holding a
    fifth or more of the letters of a long text is a second language of the article, not an injection.
    """
    counts = scripts_in(prose)
    total = sum(counts.values())
    dominant = counts.most_common(1)[0][0] if counts else "Latin"
    allowed = {dominant, "Latin"}
    if dominant in ("Han", "Kana"):
        allowed |= {"Han", "Kana"}
    if dominant == "Hangul":
        allowed.add("Han")
    # (a short text is too small to be bilingual: there every minority script is foreign)
    second = {s for s, n in counts.items() if n >= 0.2 * total and total >= 400}
    return dominant, frozenset(s for _, _, s in _RANGES if s not in allowed and s not in second)


@functools.lru_cache(maxsize=64)
def run_pattern(scripts: frozenset[str]) -> re.Pattern | None:
    """A run of letters of ``scripts``, joined across short gaps of spaces and digits ("24시간 출장 가능")."""
    if not scripts:
        return None
    cls = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi, s in _RANGES if s in scripts)
    return regexes.compile(rf"\d*[{cls}](?:[{cls}\d]|[ \t\u3000·・\-]{{1,3}}(?=\d*[{cls}]))*", origin="spam:script run")


def letters(run: str, scripts: frozenset[str]) -> int:
    return sum(1 for ch in run if script_of(ch) in scripts)


def script_label(run: str) -> str:
    counts = scripts_in(run)
    counts.pop("Latin", None)
    name = counts.most_common(1)[0][0] if counts else "foreign"
    return SCRIPT_NAMES.get(name, name)


# -- glosses: a foreign term given as a term or a translation -------------------
OPEN_QUOTES = "\"'“‘«„「『‹"
CLOSE_QUOTES = "\"'”’»“」』›"
GLOSS_BEFORE = 80  # characters before a term where a naming cue may stand
GLOSS_AFTER = 120


@dataclass(frozen=True)
class Glosses:
    """The cues of ``spam/glosses.yaml``: naming cues before a term (some name its language) and a translation after it."""

    before: tuple[re.Pattern, ...]
    language: tuple[re.Pattern, ...]
    after: re.Pattern | None
    language_named: re.Pattern | None  # a language word earlier in the sentence


def names_language(text: str, start: int, cues: Glosses) -> bool:
    """The words before ``text[start:]`` name its language ("in Korean, ...", "the Japanese word")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - GLOSS_BEFORE):start]
    if cues.language_named is not None and cues.language_named.search(before):
        return True
    return any(cue.search(before) for cue in cues.language)


def is_gloss(text: str, start: int, end: int, cues: Glosses) -> bool:
    """Is ``text[start:end]`` a quoted term, a term in parentheses, or a term followed by its translation?"""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - GLOSS_BEFORE):start]
    after = text[end:min(line_end, end + GLOSS_AFTER)]
    opened = max(before.rfind("("), before.rfind("（"), before.rfind("["))
    if opened >= 0 and not any(c in before[opened:] for c in ")）]") and any(c in after for c in ")）]"):
        return True
    if cues.after is not None and cues.after.match(after):
        return True
    b, a = before.rstrip(), after.lstrip()
    if b and a and b[-1] in OPEN_QUOTES and a[0] in CLOSE_QUOTES:
        return True
    return any(cue.search(before) for cue in cues.before) or names_language(text, start, cues)


# -- URLs ---------------------------------------------------------------------
def host_of(url: str) -> str:
    url = url.strip()
    if url.lower().startswith("www."):
        url = "http://" + url
    if not re.match(r"(?i)https?://", url):
        return ""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def query_of(url: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(urlsplit(url if "://" in url else "http://" + url).query, keep_blank_values=True)
    except ValueError:
        return []


def domain_match(host: str, suffixes) -> str | None:
    """The entry of ``suffixes`` that ``host`` is or is a subdomain of."""
    parts = host.split(".")
    for i in range(len(parts)):
        candidate = ".".join(parts[i:])
        if candidate in suffixes:
            return candidate
    return None


def host_tokens(host: str) -> list[str]:
    """Words of a host name without its TLD: ``sciatica-relief-massage24.xyz`` -> sciatica, relief, massage, 24."""
    name = host.rsplit(".", 1)[0] if "." in host else host
    return [t for t in re.split(r"[.\-_]|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", name) if t]


# -- the lexicon ----------------------------------------------------------------
def _is_latin(term: str) -> bool:
    return all(script_of(c) in ("Latin", None) for c in term)


def _trie_regex(terms: list[str], space: str) -> str:
    """One regular expression for many literal terms, factored as a trie so that most
    positions fail on their first character (a flat alternation of hundreds of terms is slow)."""
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in " ".join(term.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [(space if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(trie)


def _alternation(terms, left_boundary: bool = True, origin: str = "spam: word list") -> re.Pattern | None:
    """Case-insensitive matcher: Latin terms as whole words, other scripts anywhere (inside compounds too).

    With ``left_boundary=False`` the caller checks the word boundary before a Latin match
    itself (``starts_word``): a leading look-behind stops the regex engine from skipping
    quickly to the possible first characters, which is most of its speed on long texts."""
    terms = {str(t) for t in terms if str(t).strip()}
    latin = [t for t in terms if _is_latin(t)]
    other = [t for t in terms if not _is_latin(t)]
    parts = []
    if latin:
        parts.append((r"(?<![\w])" if left_boundary else "") + "(?:" + _trie_regex(latin, r"\s+") + r")(?![\w])")
    if other:
        parts.append("(?:" + _trie_regex(other, r"\s*") + ")")
    return regexes.compile("|".join(parts), re.I, origin=origin) if parts else None


_WORD = re.compile(r"\w+")
_OTHER_SEGMENT = re.compile(r"\d*[^\x00-\x7f](?:[^\x00-\x7f]|[\s\d])*")


def _keyword_matchers(terms: list[str]) -> tuple[dict, re.Pattern | None]:
    starts: dict[str, list[str]] = {}
    for term in terms:
        if _is_latin(term):
            first = _WORD.match(term.lower().strip())
            if first:
                starts.setdefault(first.group(0), []).append(term)
    compiled = {}
    for first, group in starts.items():
        compiled[first] = regexes.compile("(?:" + _trie_regex(group, r"\s+") + r")(?![\w])", re.I,
                                          origin="spam/keywords.yaml:terms")
    return compiled, _alternation([t for t in terms if not _is_latin(t)])


def starts_word(text: str, start: int) -> bool:
    """A Latin match must not start inside a word ("xonline casino")."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_") or script_of(text[start]) != "Latin"


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@dataclass
class Lexicon:
    keyword_starts: dict  # first word of a Latin keyword -> matcher of the keywords starting with it
    keywords_other: re.Pattern | None  # keywords in other scripts (matched inside compounds)
    keyword_entry: dict
    shorteners: dict
    blocked: frozenset
    tlds: dict
    fake_rel: dict
    money_hosts: dict
    commercial_hosts: dict
    apps: re.Pattern
    app_names: tuple[str, ...]  # lower-cased: where an app match may start
    strong_booking: re.Pattern | None
    plain_booking: re.Pattern | None
    phrases: dict  # normalized phrase -> (weight, phrase)
    phrase_re: re.Pattern | None
    cues: Glosses
    reference_line: re.Pattern
    follow: re.Pattern
    language_names: frozenset
    platforms: frozenset
    chat_hosts: frozenset
    shortener_text: re.Pattern | None
    params: dict
    tag_line: re.Pattern

    def keyword_hits(self, text: str, start: int = 0, end: int | None = None):
        """``(start, end, entry)`` of each money keyword in ``text[start:end]``.

        Latin keywords are tried only where a word that starts one of them starts; other
        scripts only inside stretches of non-ASCII text: both are a dictionary look-up or
        a short scan, not a regular expression over every character of a long article."""
        end = len(text) if end is None else end
        hits = []
        low = text.lower() if len(text.lower()) == len(text) else text
        present = set(_WORD.findall(low, start, end)) & self.keyword_starts.keys()  # one C-level scan
        for first in present:
            matcher = self.keyword_starts[first]
            at = low.find(first, start, end)  # str.find: a scan in C, not a Python loop over words
            while at >= 0:
                if starts_word(text, at):
                    m = matcher.match(text, at, end)
                    if m:
                        hits.append((m.start(), m.end()))
                at = low.find(first, at + 1, end)
        if self.keywords_other is not None:
            for seg in _OTHER_SEGMENT.finditer(text, start, end):
                hits += [m.span() for m in self.keywords_other.finditer(text, seg.start(), seg.end())]
        for s, e in sorted(hits):
            yield s, e, self.keyword_entry.get(norm(text[s:e]), {})

    def commercial_score(self, text: str) -> tuple[int, list[str]]:
        """Weight of the search-query modifiers in ``text`` and which ones (each counted once)."""
        found: dict[str, int] = {}
        if self.phrase_re is not None:
            for m in self.phrase_re.finditer(text):
                if starts_word(text, m.start()):
                    weight, phrase = self.phrases.get(norm(m.group(0)), (1, m.group(0)))
                    found.setdefault(phrase, weight)
        return sum(found.values()), list(found)


def _language_named(words: list[str]) -> re.Pattern | None:
    """A language word, then the rest of its sentence up to the term (no sentence stop between)."""
    alternation = _alternation(words)
    return regexes.compile(f"(?:{alternation.pattern})[^.!?\\n]*+$", re.I, origin="spam/glosses.yaml:language_words") \
        if alternation else None


@functools.lru_cache(maxsize=8)
def lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    def entries(name):
        return [e for e in load(f"spam/{name}", extra_dirs) if isinstance(e, dict)]

    keyword_entry = {}
    for entry in entries("keywords"):
        for term in entry.get("terms", []):
            keyword_entry[norm(str(term))] = entry
    starts, other = _keyword_matchers(keyword_entry_terms(entries("keywords")))
    by_signal: dict[str, dict] = {}
    for entry in entries("hosts"):
        for value in entry.get("values", []):
            by_signal.setdefault(entry.get("signal"), {})[str(value).lower()] = entry
    shorteners = {str(h).lower(): e for e in entries("shorteners") for h in e.get("hosts", [])}
    contact = entries("contact")
    apps = [str(a) for e in contact for a in e.get("apps", [])]
    ambiguous = [str(a) for e in contact for a in e.get("ambiguous", [])]
    strong = [str(w) for e in contact if e.get("strength") == "strong" for w in e.get("words", [])]
    plain = [str(w) for e in contact if e.get("strength") == "plain" for w in e.get("words", [])]
    handle_words = [e for e in contact if e.get("kind") == "handle"]
    id_words = [str(w) for e in handle_words for w in e.get("id_words", [])]
    ask_words = [str(w) for e in handle_words for w in e.get("ask_words", [])]
    never = re.compile(r"(?!x)x")  # an empty list of names matches nothing
    app_alt = (_alternation(apps, left_boundary=False, origin="spam/contact.yaml:apps") or never).pattern
    amb_alt = (_alternation(ambiguous, left_boundary=False, origin="spam/contact.yaml:ambiguous") or never).pattern
    # possessive spaces ([ \t]*+) and optional words that cannot match empty: each position is tried once,
    # so a long run of spaces cannot make the engine backtrack through every split of it
    id_alt = (_alternation(id_words, left_boundary=False) or never).pattern
    ask_alt = (_alternation(ask_words, left_boundary=False) or never).pattern
    apps_re = regexes.compile(
        rf"(?:(?P<app>{app_alt})|(?P<amb>{amb_alt}))"
        rf"[ \t]*+(?:(?P<id>{id_alt})[ \t]*+)?(?:(?:{ask_alt})[ \t]*+)?(?:(?P<colon>[:：])[ \t]*+)?"
        r"(?P<handle>\+?\d[\d \-]{6,16}\d|@?[A-Za-z0-9][A-Za-z0-9_.\-]{2,31})", re.I, origin="spam/contact.yaml:apps")
    phrases = {norm(str(p)): (int(e.get("weight", 1)), str(p)) for e in entries("anchors") for p in e.get("phrases", [])}
    glosses = entries("glosses")
    cues = Glosses(
        before=tuple(regexes.compile(p, re.I, origin=f"spam/glosses.yaml:{e.get('id')}") for e in glosses if not e.get("names_language") and e.get("id") != "reference-line"
                     for p in e.get("patterns", [])),
        language=tuple(regexes.compile(p, re.I, origin=f"spam/glosses.yaml:{e.get('id')}") for e in glosses if e.get("names_language") for p in e.get("patterns", [])),
        after=next((regexes.compile(str(e["after"]), re.I, origin="spam/glosses.yaml:after") for e in glosses if e.get("after")), None),
        language_named=_language_named([str(w) for e in glosses for w in e.get("language_words", [])]))
    reference_line = regexes.compile("|".join(f"(?:{p})" for e in glosses if e.get("id") == "reference-line"
                                         for p in e.get("patterns", [])) or "(?!x)x", re.I,
                                     origin="spam/glosses.yaml:reference-line")
    follow = _alternation([str(w) for e in contact if e.get("kind") == "follow" for w in e.get("words", [])]) or never
    params = {}
    for entry in entries("params"):
        for key in entry.get("keys", []):
            params[str(key).lower()] = entry
    labels = [str(lbl) for e in entries("tags") for lbl in e.get("labels", [])]
    label_alt = "|".join(re.escape(lbl) for lbl in sorted(labels, key=len, reverse=True))
    tag_line = regexes.compile(r"^[ \t]*+(?:" + label_alt + r")[ \t]*+[:：][ \t]*+(?P<items>\S.*)$", re.I | re.M,
                               origin="spam/tags.yaml:labels")
    shortener_alt = "|".join(re.escape(h) for h in sorted(shorteners, key=len, reverse=True))
    return Lexicon(
        keyword_starts=starts, keywords_other=other, keyword_entry=keyword_entry,
        shorteners=shorteners,
        blocked=frozenset(str(d).lower() for e in entries("blocked") for d in e.get("domains", [])),
        tlds=by_signal.get("tld", {}), fake_rel=by_signal.get("rel", {}),
        money_hosts=by_signal.get("host-money", {}), commercial_hosts=by_signal.get("host-words", {}), apps=apps_re,
        app_names=tuple(sorted({a.lower() for a in apps + ambiguous})),
        strong_booking=_alternation(strong), plain_booking=_alternation(plain), phrases=phrases,
        phrase_re=_alternation([p for _, p in phrases.values()], left_boundary=False), cues=cues, reference_line=reference_line, follow=follow,
        params=params, tag_line=tag_line,
        language_names=frozenset(norm(str(t)) for e in entries("glosses") for t in e.get("terms", [])),
        platforms=frozenset(by_signal.get("platform", {})),
        chat_hosts=frozenset(str(h).lower() for e in contact for h in e.get("hosts", [])),
        shortener_text=regexes.compile(r"(?:" + shortener_alt + r")/[\w\-]{3,}", re.I,
                                       origin="spam/shorteners.yaml:hosts") if shorteners else None)


def keyword_entry_terms(entries) -> list[str]:
    return [str(t) for e in entries for t in e.get("terms", [])]
