r"""Spam, injected keywords and bad links (HL4xx).

Scraped and spun health articles carry spam that has nothing to do with health:
money keywords injected in another script, link-farm and hidden links, stuffed
anchors, contact ads, shorteners and the page furniture of the copied page.
All knowledge (keywords, TLDs, shorteners, reputable domains, booking words)
is data under ``rules/data/spam/``. One pass per document finds every signal
(``_spam_detect``); each problem is then reported once, by the most specific
enabled rule, and its message names the other signals ("Also: ...").
Settings: ``allowed_domains`` are never flagged, ``blocked_domains`` always (HL411).
"""
from __future__ import annotations

from healthlint.document import Document
from healthlint.fixes import delete_lines
from healthlint.rule import Rule

from ._spam_detect import GOOGLE_SPAM, Analysis, merge
from ._spam_lexicon import lexicon

_CACHE: dict[tuple[int, int], tuple[Document, list]] = {}
FIXES = {"HL405": "Delete the scraper residue", "HL402": "Delete the injected keyword"}  # safe to delete


def analyse(doc: Document, settings, enabled: frozenset[str]) -> list:
    """The merged spam candidates of ``doc``, computed once for all HL4xx rules."""
    key = (id(doc), id(settings))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = merge(Analysis(doc, lexicon(tuple(settings.data_dirs)), settings).run(), set(enabled))
    if len(_CACHE) >= 4:
        _CACHE.clear()
    _CACHE[key] = (doc, result)
    return result


class SpamRule(Rule):
    """Base of the HL4xx rules: they share one analysis per document."""

    category = "spam"
    severity = "warning"
    reference = GOOGLE_SPAM

    def __init__(self, nlp, settings):
        super().__init__(nlp, settings)
        from healthlint.engine import selected_rules  # late: the engine imports the rule registry

        self.enabled = frozenset(cls.code for cls in selected_rules(settings) if issubclass(cls, SpamRule))
        lexicon(tuple(settings.data_dirs))  # load and compile the lexicons now, not on the first document

    def check(self, doc: Document):
        for cand in analyse(doc, self.settings, self.enabled):
            if cand.code == self.code:
                fix = delete_lines(doc, cand.start, cand.end, FIXES[cand.code]) if cand.code in FIXES else None
                yield self.finding(doc, cand.start, cand.end, cand.message, suggestion=cand.suggestion,
                                   reference=cand.reference, severity=cand.severity, fix=fix)


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


class ScraperResidue(SpamRule):
    r"""Flags page furniture left by scrapers: "Report Page", "Read More", share-button runs.

    Why: text copied from another page drags its buttons and footer along; to a
    reader it is noise, and to a search engine a sign of scraped content.

    Bad: Massage can ease stress.\n\nReport Page
    Bad: Massage can ease stress.\n\nRead More: https://massage-deals.example.com/best
    Bad: Massage can ease stress.\n\nShare this: Facebook Twitter Pinterest
    Good: Massage can ease stress. Report any side effects to your therapist.
    Good: Massage can ease stress.\n\nRead more: https://www.nhs.uk/conditions/sciatica/
    Use instead: delete the residue.
    """

    code = "HL405"
    name = "scraper-residue"
    reference = GOOGLE_SPAM + "#scraped-content"


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


class LinkDensity(SpamRule):
    r"""Flags a passage of running text made mostly of links to ordinary (non-reputable) sites.

    Why: prose has a link or two per paragraph; a block where most words are
    anchors is a link list planted for search engines.

    Bad (markdown): Rest. [spa one](https://a.example.com/) [spa two](https://b.example.com/) [spa three](https://c.example.com/) [spa four](https://d.example.com/)
    Good (markdown): Rest helps; see [the NHS](https://www.nhs.uk/) and [our clinic](https://a.example.com/) for advice on recovery after a long run.
    Use instead: keep the one or two links a reader needs.
    """

    code = "HL410"
    name = "link-density"
    reference = GOOGLE_SPAM + "#link-spam"


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


class ContactSpam(SpamRule):
    r"""Flags messaging-app handles (KakaoTalk, Telegram, WhatsApp, Line ...) and phone numbers offered with booking language.

    Why: outcall-massage and gambling ads pasted into articles end with a
    contact handle ("카톡 문의: abc88", "Telegram: @spa_vip"); a health article
    has no use for it.

    Bad: Massage eases pain.\nContact on KakaoTalk: spa7979 | Telegram: @fibro_vip
    Bad: Massage eases pain.\nOutcall 24 hours, call 010-1234-5678 now
    Good: Follow our clinic on Telegram: @northside_news for updates.
    Good: To book an appointment, call 555-123-4567.
    Use instead: delete the contact line.
    """

    code = "HL412"
    name = "contact-spam"
    severity = "error"


class KeywordStuffing(SpamRule):
    r"""Flags keyword stuffing in the body: a "Tags:" line of money keywords or search phrases, or a short line of search queries or one repeated phrase.

    Why: lines such as "Tags: best massage near me, cheap massage, 출장마사지
    가격" or "massage busan best massage busan cheap massage busan" exist for
    search engines, not readers.

    Bad: Massage eases pain.\n\nTags: fibromyalgia massage, best massage near me, 홈타이, cheap massage
    Bad: Massage eases pain.\n\nbest massage near me cheap massage prices top rated spa near me
    Good: Massage eases pain.\n\nTags: fibromyalgia, massage, sleep
    Good: Trigger point therapy eases trigger points; trigger point massage targets trigger point pain in the upper back.
    Use instead: keep only topic tags, and write sentences for readers.
    """

    code = "HL413"
    name = "keyword-stuffing"
    reference = GOOGLE_SPAM + "#keyword-stuffing"


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


class RepeatedTitle(SpamRule):
    r"""Flags the title repeated as a line of the body (not the usual H1).

    Why: a scraper that copies a page often pastes its title twice; the
    duplicate is a visible trace of copying.

    Bad: Trigger Point Massage For Chronic Pain\n\nTrigger Point Massage For Chronic Pain\n\nMassage eases pain.
    Good: Trigger Point Massage For Chronic Pain\n\nMassage eases pain in many people.
    Use instead: delete the repeated title.
    """

    code = "HL414"
    name = "repeated-title"
    severity = "info"
    reference = GOOGLE_SPAM + "#scraped-content"


class MetadataSpam(SpamRule):
    r"""Flags money keywords, foreign keywords and keyword stuffing in the title, tags, keywords or description.

    Why: spam also hides where readers look least: the front matter title and
    tags, the HTML <title> and meta description ("| 강남출장마사지 | Best Spa Seoul 2024").

    Bad (markdown): ---\ntitle: "Hot Stone Massage | 강남출장마사지 | Best Spa Seoul 2024"\n---\n\nWarm stones relax muscles.
    Bad (html): <html><head><title>Deep Tissue Massage | 부산출장마사지</title></head><body><p>Firm pressure reaches the deeper layers of muscle.</p></body></html>
    Good (markdown): ---\ntitle: "Hot Stone Massage: What to Expect"\ntags: [hot stone, massage]\n---\n\nWarm stones relax muscles.
    Good (html): <html><head><title>Shiatsu (指圧) Explained</title></head><body><p>Finger pressure.</p></body></html>
    Use instead: make the title and tags describe the article only.
    """

    code = "HL415"
    name = "metadata-spam"
    reference = GOOGLE_SPAM + "#keyword-stuffing"
