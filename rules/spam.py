r"""Spam, injected keywords, page residue and bad links (HL4xx).

Scraped and spun health articles carry spam that has nothing to do with health:
money keywords injected in another script, link-farm and hidden links, stuffed
anchors, contact ads, shorteners, URL dumps and the page furniture of the copied
page. All knowledge (keywords, TLDs, shorteners, booking words, residue vocabulary)
is data under ``rules/data/spam/``; reputable domains are the shared
``rules/data/shared/sources.yaml``. One analysis per document (``doc.memo``) finds
every signal (``_spam_detect``, ``_spam_residue``); each problem is then reported
once, by the enabled rule with the highest ``priority``, and its message names the
other signals ("Also: ..."). Each rule class owns its messages; residue lines and
injected keywords carry a safe fix (``_spam_fix``).
Settings: ``allowed_domains`` are never flagged, ``blocked_domains`` always (HL411).
"""
from __future__ import annotations

import functools

from healthlint.document import Document
from healthlint.evidence import sources
from healthlint.rule import Rule

from ._spam_candidate import Candidate
from ._spam_detect import Analysis
from ._spam_lexicon import lexicon
from ._spam_residue import residue

GOOGLE_SPAM = "https://developers.google.com/search/docs/essentials/spam-policies"
NOTES = 3  # other signals named in one message


@functools.lru_cache(maxsize=1)
def _family() -> dict[str, type["SpamRule"]]:
    """The HL4xx rule classes by code (the subclasses are all defined when a document is checked)."""
    found: dict[str, type[SpamRule]] = {}
    stack = list(SpamRule.__subclasses__())
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        if cls.code:
            found[cls.code] = cls
    return found


def analyse(doc: Document, settings, enabled: frozenset[str]) -> list[Candidate]:
    """The merged spam candidates of ``doc``, computed once per document for all HL4xx rules."""
    def compute():
        extra = tuple(settings.data_dirs)
        analysis = Analysis(doc, lexicon(extra), settings, sources(extra))
        return merge(analysis.run() + residue(doc, analysis.trusted, analysis.platform), enabled)
    return doc.memo(("spam", tuple(settings.data_dirs), enabled), compute)


def merge(candidates: list[Candidate], enabled: frozenset[str]) -> list[Candidate]:
    """Keep one candidate per problem: the enabled rule with the highest priority absorbs those it overlaps."""
    family = _family()
    ranked = sorted((c for c in candidates if c.code in enabled and c.code in family),
                    key=lambda c: (-family[c.code].priority, c.start))
    kept: list[Candidate] = []
    for cand in ranked:
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
        if cand.fix is not None and host.fix is not None and (host.start, host.end) != (cand.start, cand.end):
            host.fix = None  # the fix no longer covers the grown finding
        if cand.code != host.code and cand.code not in host.also:
            host.also[cand.code] = cand
    return sorted(kept, key=lambda c: (c.start, c.code))


class SpamRule(Rule):
    """Base of the HL4xx rules: they share one analysis per document.

    ``priority``: where signals overlap, the enabled rule with the highest priority
    reports the problem. ``messages``: key -> (message, suggestion), formatted with the
    detector's arguments; ``notes``: key -> how another finding names this signal;
    ``covers``: codes whose signals this rule's message already states.
    """

    category = "spam"
    severity = "warning"
    reference = GOOGLE_SPAM
    priority = 0
    messages: dict[str, tuple[str, str]] = {}
    notes: dict[str, str] = {}
    covers: frozenset[str] = frozenset()

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        lexicon(tuple(settings.data_dirs))  # load and compile the lexicons now, not on the first document

    def check(self, doc: Document):
        enabled = frozenset(c for c in (self.enabled or _family()) if c in _family())
        family = _family()
        for cand in analyse(doc, self.settings, enabled):
            if cand.code != self.code:
                continue
            message, suggestion = self.messages.get(cand.key) or self.messages["default"]
            message = message.format(**cand.args)
            codes = {self.code, *cand.also}
            notes = [family[code].note(other) for code, other in cand.also.items()
                     if not any(code in family[c].covers for c in codes if c != code)]
            notes = [n for n in notes if n]
            if notes:
                message = message.rstrip(".") + ". Also: " + "; ".join(notes[:NOTES]) + "."
            yield self.finding(doc, cand.start, cand.end, message, suggestion=suggestion.format(**cand.args),
                               reference=cand.reference, severity=cand.severity, fix=cand.fix)

    @classmethod
    def note(cls, cand: Candidate) -> str:
        template = cls.notes.get(cand.key) or cls.notes.get("default", "")
        return template.format(**cand.args)


class ForeignScriptRun(SpamRule):
    r"""Flags words in a script foreign to the article (Hangul, Han, Thai, Cyrillic ...) that are neither quoted nor translated.

    Why: spam injected into hijacked or spun articles is written in the
    spammer's market's language ("... other ailments. 인천출장마사지 It is ...").
    A real foreign term is given in quotes or parentheses, or with its translation.

    Bad: Massage can ease stress. 해운대유흥 It is also relaxing.
    Good: Shiatsu (指圧) means finger pressure, and tsubo (ツボ) are its points.
    Good: Thai massage is known in Thailand as นวดไทย (nuad thai).
    Use instead: delete it; if the reader needs the term, quote it and translate it in parentheses.
    """

    code = "HL401"
    name = "foreign-script-injection"
    reference = "https://web.dev/articles/fix-the-japanese-keyword-hack"
    priority = 30
    messages = {"default": ("{script} text '{run}' sits in a {dominant}-script article with no quotation or translation, "
                            "which is how injected spam keywords look.",
                            "Delete it; if the reader needs the term, quote it and translate it in parentheses.")}
    notes = {"default": "{script} text '{run}'"}


class MoneyKeyword(SpamRule):
    r"""Flags known money keywords (outcall massage, gambling, quick loans, online pharmacy) in any language.

    Why: keywords such as 출장마사지 (outcall massage), 카지노 (casino) or
    "payday loans" are planted to rank someone else's business; they mislead
    readers and get the whole site demoted.

    Bad: Trigger point therapy eases knots. 인천출장마사지 Knowing what is wrong helps.
    Bad: Massage after a run feels good. Try our online casino bonus today.
    Good: Massage after a run feels good, and a warm bath helps too.
    Use instead: delete the keyword.
    """

    code = "HL402"
    name = "money-keyword"
    severity = "error"
    priority = 40
    covers = frozenset({"HL401"})
    messages = {"default": ("'{word}' is a {label} with no relation to the article, injected to rank someone else's pages.",
                            "Delete the keyword."),
                "promo": ("'{word}' is a {label}: the sentence advertises a gambling, loan, pharmacy or adult service "
                          "inside a health article.", "Delete the advertising sentence."),
                "glossed": ("'{word}' is a {label}; given as the name of the subject it is still a search keyword for "
                            "someone else's business, not vocabulary of the article.",
                            "Delete the keyword and use the name in the article's language.")}
    notes = {"default": "money keyword '{word}'", "promo": "money keyword '{word}'", "glossed": "money keyword '{word}'"}


class UrlShortener(SpamRule):
    r"""Flags links through URL shorteners (bit.ly, tinyurl.com, t.co ...).

    Why: a shortened link hides its destination from readers and editors, and
    is how spam slips past domain filters.

    Bad (html): <p>Book here: <a href="https://bit.ly/3kQ9vZt">our clinic</a>.</p>
    Good (html): <p>See the <a href="https://www.nhs.uk/conditions/sciatica/">NHS page on sciatica</a>.</p>
    Use instead: link to the destination directly.
    """

    code = "HL403"
    name = "url-shortener"
    priority = 90
    messages = {"default": ("The link goes through the URL shortener {shortener}, which hides its destination from readers "
                            "and reviewers.", "Link to the destination directly.")}
    notes = {"default": "URL shortener {shortener}"}


class HiddenLink(SpamRule):
    r"""Flags links hidden from readers (display:none, visibility:hidden, zero font size, off-screen, no anchor text).

    Why: a link no reader can see exists only to pass search ranking to
    another site; search engines treat it as spam.

    Bad (html): <p>Rest well.</p><a href="https://spa-deals.example.com/" style="display:none">cheap spa</a>
    Good (html): <p>Rest well, and see <a href="https://spa.example.com/">our spa</a>.</p>
    Use instead: remove the link.
    """

    code = "HL404"
    name = "hidden-link"
    severity = "error"
    reference = GOOGLE_SPAM + "#hidden-text-and-links"
    priority = 150
    messages = {"default": ("Hidden link to {host} ('{anchor}'): readers cannot see it, so it exists only to pass ranking "
                            "to that site.", "Remove the link.")}
    notes = {"default": "hidden link"}


class ScraperResidue(SpamRule):
    r"""Flags page furniture copied with the text: share and follow rows, counters, comment and sign-up forms, navigation, teasers, image credits.

    Why: text copied from another page drags its buttons, widgets and footer
    along; to a reader it is noise, and to a search engine a sign of scraped
    content. Residue is read by shape: a short line that is not a sentence of the
    article and is made almost only of furniture words (``spam/lexicon.yaml``); a
    navigation word ("Home", "Email:") only next to such a line; a teaser line
    only when it sends the reader to a site that is not a reputable source; a
    button label glued to a sentence and a bracketed "(Related: ...)" teaser
    wherever they stand. Words such as "read more" inside a sentence are prose.

    Bad: Massage can ease stress.

        Share on Facebook Share on Twitter Share by email
    Bad: Massage can ease stress.

        12 views 0 comments

        Recent Posts
    Bad: Massage can ease stress. (Related: Seven stretches for office workers)
    Bad: Massage can ease stress.

        Continue reading at www.wellness-digest.example.com
    Good: Massage can ease stress. Read more about it in our guide to sleep, which covers breathing too.
    Good: Massage can ease stress.

        Read more: https://www.nhs.uk/conditions/sciatica/
    Use instead: delete the residue (the fix deletes exactly those lines or that label).
    """

    code = "HL405"
    name = "scraper-residue"
    reference = GOOGLE_SPAM + "#scraped-content"
    priority = 100
    messages = {
        "line": ("Page residue: '{text}' is a button, counter, form or navigation label of the page the text was copied "
                 "from, not a sentence of the article.", "Delete the residue."),
        "form": ("Page residue: '{text}' is the note of a comment or sign-up form, copied with the article.",
                 "Delete the residue."),
        "teaser": ("Page residue: '{text}' is a teaser of another page, left by the page the text was copied from.",
                   "Delete the teaser."),
        "credit": ("Page residue: '{text}' is an image credit or caption without its image.", "Delete the credit line."),
        "product": ("Page residue: '{text}' is a product label of a shop page.", "Delete the residue."),
        "inline": ("Page residue: '{text}' is a button or widget label glued into the text by the copy.",
                   "Delete the label."),
        "weak": ("Page residue: '{text}' is navigation or form text of the page the text was copied from.",
                 "Delete the residue."),
        "footer": ("Page residue: '{text}' is the copyright footer of another site, copied with the article.",
                   "Delete the footer."),
    }
    notes = {"default": "page residue"}


class StuffedAnchor(SpamRule):
    r"""Flags keyword-stuffed or exact-match commercial anchors ("best massage near me cheap price").

    Why: anchors written as search queries, or repeating a keyword, exist to
    rank the target page, not to tell the reader where the link goes.

    Bad (markdown): Warm stones help. [best massage near me cheap price](https://spa.example.com/go)
    Bad (html): <p><a href="https://spa.example.com/">busan massage deep tissue massage busan best massage busan</a></p>
    Good (markdown): Warm stones help; see [how hot stone massage works](https://spa.example.com/hot-stone).
    Use instead: describe the destination in plain words.
    """

    code = "HL406"
    name = "stuffed-anchor"
    reference = GOOGLE_SPAM + "#link-spam"
    priority = 60
    messages = {"default": ("The anchor '{anchor}' is {why}, written for search engines rather than readers.",
                            "Remove the link, or describe its destination in plain words.")}
    notes = {"default": "keyword-stuffed anchor"}


class ForeignScriptAnchor(SpamRule):
    r"""Flags link anchors written in a script foreign to the article (a Korean anchor in an English article).

    Why: a keyword link in another language points readers at a site they did
    not ask for; it is planted to rank that site.

    Bad (markdown): Warm stones help. [서울 스웨디시 예약](https://spa.example.com/booking)
    Good (markdown): Shiatsu means finger pressure, ([指圧](https://ja.wikipedia.org/wiki/指圧)).
    Good (markdown): Warm stones help; see [our booking page](https://spa.example.com/booking).
    Use instead: remove the link.
    """

    code = "HL407"
    name = "foreign-script-anchor"
    reference = GOOGLE_SPAM + "#link-spam"
    priority = 70
    covers = frozenset({"HL401"})
    messages = {"default": ("The anchor '{anchor}' is in {script}, a script foreign to this article, pointing at {host}: "
                            "a keyword link planted for another site.", "Remove the link.")}
    notes = {"default": "{script} anchor"}


class ReferralParameter(SpamRule):
    r"""Flags links with referral or affiliate parameters (?ref=1004, ?aff_id=, utm tags on shop links).

    Why: a link that pays its author per click or sale is a paid link; unmarked,
    it breaks search policies and hides a conflict of interest from readers.

    Bad (markdown): Foam rollers help. [This roller](https://shop.example.com/roller?aff_id=5521) is good.
    Good (markdown): Foam rollers help. [This roller](https://shop.example.com/roller) is good.
    Use instead: remove the parameter (or the link); mark paid links rel="sponsored".
    """

    code = "HL408"
    name = "referral-parameter"
    reference = "https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links"
    priority = 50
    messages = {"default": ("The link to {host} carries a referral or affiliate parameter ({params}), so it is a paid link.",
                            "Remove the parameter or the link; mark a paid link rel=\"sponsored\".")}
    notes = {"default": "referral parameter {params}"}


class LinkFarm(SpamRule):
    r"""Flags links to likely link farms: an abused TLD, a money keyword in the host or rel="dofollow", with another signal.

    Why: link farms (keyword-stuffed hosts on cheap TLDs such as .xyz, .top,
    .click) sell links; linking to them marks the article as spam. One weak
    signal alone is never enough.

    Bad (html): <p>Rest well. <a href="https://massage-deal-hub.top/go">our partner</a></p>
    Bad: Book now: http://daegu-anma-vip.click/
    Good (html): <p>Rest well. <a href="https://abc.xyz/">Alphabet</a></p>
    Good (html): <p>See the <a href="https://www.massage-therapy-clinic.com/">clinic site</a>.</p>
    Use instead: remove the link.
    """

    code = "HL409"
    name = "link-farm"
    severity = "error"
    reference = GOOGLE_SPAM + "#link-spam"
    priority = 80
    covers = frozenset({"HL406", "HL408"})
    messages = {"default": ("Link-farm link to {host}: {signals}.", "Remove the link.")}
    notes = {"default": "link-farm host {host}"}


class LinkDensity(SpamRule):
    r"""Flags a passage made mostly of links to ordinary (non-reputable) sites, and lines of URLs typed as text (a URL dump).

    Why: prose has a link or two per paragraph; a block where most words are
    anchors is a link list planted for search engines, and a line of bare URLs
    (often with search scores after them) is the link list of a scraper page,
    whichever sites it names.

    Bad (markdown): Rest. [spa one](https://a.example.com/) [spa two](https://b.example.com/) [spa three](https://c.example.com/) [spa four](https://d.example.com/)
    Bad: Rest helps recovery.

        www.example.org/recovery-tips www.example.net/rest?id=4 www.example.com/sleep/muscle-rest
    Good (markdown): Rest helps; see [the NHS](https://www.nhs.uk/) and [our clinic](https://a.example.com/) for advice on recovery after a long run.
    Good: Rest helps recovery.

        Sources:
        https://www.nhs.uk/live-well/sleep-and-tiredness/
        https://medlineplus.gov/sleepdisorders.html
    Use instead: keep the one or two links a reader needs; the fix deletes a URL dump line.
    """

    code = "HL410"
    name = "link-density"
    reference = GOOGLE_SPAM + "#link-spam"
    priority = 10
    messages = {"default": ("{count} links in one passage, with {linked} of its {words} words in anchors: far above normal "
                            "prose, the pattern of a link farm.", "Keep the one or two links a reader needs."),
                "dump": ("A line of {count} URLs typed as text with little or no prose: the link list of a scraper page, "
                         "not part of the article.", "Delete the URL list; cite the one source a reader needs.")}
    notes = {"default": "dense links", "dump": "URL list"}


class BlockedDomain(SpamRule):
    r"""Flags links to blocked domains: the ``blocked_domains`` setting and the block lists in ``spam/blocked.yaml``.

    Why: a publisher blocks domains it knows to be spam or competitors; every
    link to them must go, whatever it looks like. The packaged list blocks only
    the reserved .invalid TLD (RFC 2606), a placeholder that can never work.

    Bad (html): <p>See <a href="https://spa-partner.invalid/page">this page</a>.</p>
    Good (html): <p>See <a href="https://www.nhs.uk/conditions/">the NHS</a>.</p>
    Use instead: remove the link.
    """

    code = "HL411"
    name = "blocked-domain"
    severity = "error"
    priority = 160
    messages = {"default": ("Link to {host}, a blocked domain ({blocked}, from blocked_domains or a block list).",
                            "Remove the link.")}
    notes = {"default": "blocked domain {host}"}


class ContactSpam(SpamRule):
    r"""Flags messaging-app handles (KakaoTalk, Telegram, WhatsApp, Line ...) and phone numbers offered with booking language.

    Why: outcall-massage and gambling ads pasted into articles end with a
    contact handle ("카톡 문의: abc88", "Telegram: @spa_vip"); a health article
    has no use for it.

    Bad: Massage eases pain.
        Contact on KakaoTalk: spa7979 | Telegram: @fibro_vip
    Bad: Massage eases pain.
        Outcall 24 hours, call 010-1234-5678 now
    Good: Follow our clinic on Telegram: @northside_news for updates.
    Good: To book an appointment, call 555-123-4567.
    Use instead: delete the contact line.
    """

    code = "HL412"
    name = "contact-spam"
    severity = "error"
    priority = 130
    covers = frozenset({"HL401"})
    messages = {"app": ("Contact spam: a {app} handle ('{handle}') offered for bookings, the way outcall and gambling ads "
                        "take contacts.", "Delete the contact line."),
                "chat": ("Contact spam: a chat link ({host}) offered for bookings, the way outcall and gambling ads take "
                         "contacts.", "Delete the contact line."),
                "phone": ("Contact spam: the phone number {number} comes with ad-style booking language ('{words}').",
                          "Delete the contact line.")}
    notes = {"app": "{app} contact", "chat": "chat-link contact", "phone": "phone contact"}


class KeywordStuffing(SpamRule):
    r"""Flags keyword stuffing in the body: a "Tags:" line of money keywords or search phrases, or a short line of search queries or one repeated phrase.

    Why: lines such as "Tags: best massage near me, cheap massage, 출장마사지
    가격" or "massage busan best massage busan cheap massage busan" exist for
    search engines, not readers.

    Bad: Massage eases pain.

        Tags: fibromyalgia massage, best massage near me, 홈타이, cheap massage
    Bad: Massage eases pain.

        best massage near me cheap massage prices top rated spa near me
    Good: Massage eases pain.

        Tags: fibromyalgia, massage, sleep
    Good: Trigger point therapy eases trigger points; trigger point massage targets trigger point pain in the upper back.
    Use instead: keep only topic tags, and write sentences for readers.
    """

    code = "HL413"
    name = "keyword-stuffing"
    reference = GOOGLE_SPAM + "#keyword-stuffing"
    priority = 120
    covers = frozenset({"HL401", "HL402"})
    messages = {"tags": ("Keyword-stuffed tags line: {why}.", "Delete the line, or keep only topic tags."),
                "line": ("Keyword-stuffed line: {why}.", "Delete the line, or rewrite it for readers.")}
    notes = {"tags": "stuffed tags line", "line": "keyword-stuffed line"}


class HiddenKeywords(SpamRule):
    r"""Flags hidden HTML (display:none, visibility:hidden, zero font size, off-screen) that carries money keywords, foreign keywords or search phrases.

    Why: text readers cannot see but search engines index is a classic spam
    technique; ordinary hidden parts (menus, screen-reader hints) carry no such keywords and are left alone.

    Bad (html): <p>Rest well.</p><div style="display:none">best massage near me cheap massage busan price</div>
    Good (html): <p>Rest well.</p><span style="position:absolute;left:-10000px">Opens in a new window</span>
    Use instead: delete the hidden block.
    """

    code = "HL416"
    name = "hidden-keywords"
    severity = "error"
    reference = GOOGLE_SPAM + "#hidden-text-and-links"
    priority = 140
    messages = {"default": ("Hidden text with keywords ({what}): readers cannot see it, so it is written only for search "
                            "engines.", "Delete the hidden block.")}
    messages["money"] = messages["default"]
    notes = {"default": "hidden keywords {what}", "money": "money keyword {what}"}


class RepeatedTitle(SpamRule):
    r"""Flags the title repeated as a line of the body, after the article has begun.

    Why: a scraper that copies a page often pastes its title again inside the
    text; the duplicate is a visible trace of copying. A page that opens with its
    title twice (the page title, then the same words as its heading) is not flagged.

    Bad: Trigger Point Massage For Chronic Pain

        Massage eases pain in many people, and a session usually lasts about an hour.

        Trigger Point Massage For Chronic Pain

        Firm pressure can feel sore for a day.
    Good: Trigger Point Massage For Chronic Pain

        Trigger Point Massage For Chronic Pain

        Massage eases pain in many people.
    Use instead: delete the repeated title.
    """

    code = "HL414"
    name = "repeated-title"
    severity = "info"
    reference = GOOGLE_SPAM + "#scraped-content"
    priority = 20
    messages = {"default": ("The title is repeated as a line of the body, a trace of copying the page.",
                            "Delete the repeated title.")}
    notes = {"default": "repeated title"}


class MetadataSpam(SpamRule):
    r"""Flags money keywords, foreign keywords and keyword stuffing in the title, tags, keywords or description.

    Why: spam also hides where readers look least: the front matter title and
    tags, the HTML <title> and meta description ("| 강남출장마사지 | Best Spa Seoul 2024").

    Bad (markdown): ---
        title: "Hot Stone Massage | 강남출장마사지 | Best Spa Seoul 2024"
        ---

        Warm stones relax muscles.
    Bad (html): <html><head><title>Deep Tissue Massage | 부산출장마사지</title></head><body><p>Firm pressure reaches the deeper layers of muscle.</p></body></html>
    Good (markdown): ---
        title: "Hot Stone Massage: What to Expect"
        tags: [hot stone, massage]
        ---

        Warm stones relax muscles.
    Good (html): <html><head><title>Shiatsu (指圧) Explained</title></head><body><p>Finger pressure.</p></body></html>
    Use instead: make the title and tags describe the article only.
    """

    code = "HL415"
    name = "metadata-spam"
    reference = GOOGLE_SPAM + "#keyword-stuffing"
    priority = 110
    covers = frozenset({"HL401", "HL402"})
    messages = {"default": ("Spam in the {field}: {why}.", "Edit the {field} to describe the article only.")}
    notes = {"default": "spam in the {field}"}
