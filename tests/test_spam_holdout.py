"""Held-out generalisation check for the HL4xx spam family.

Snippets written for this test only (never tuned against one by one): 25 spam
snippets in scraped-article form and 25 clean ones that must stay quiet. The
floors below are the measured numbers; a change that lowers them is a regression.
"""
from __future__ import annotations

import pytest

from conftest import findings_of

P = "Regular massage can ease muscle tension and help many people sleep better after a long week."
Q = "Gentle stretching between sessions keeps the benefit going, according to most physiotherapists."

SPAM = [
    # 1 Japanese outcall keyword injected mid-paragraph
    ("text", f"{P} 東京出張マッサージ 24時間 Most clinics recommend one session a week. {Q}"),
    # 2 Chinese outcall keyword
    ("text", f"{P} 台北外送按摩 美女 {Q}"),
    # 3 Chinese gambling + adult
    ("markdown", f"# Sciatica relief\n\n{P} 博彩 成人 娱乐 {Q}\n"),
    # 4 Thai outcall
    ("text", f"{P} นวดนอกสถานที่ กรุงเทพ {Q}"),
    # 5 Russian casino / slots
    ("text", f"{P} играть в слоты казино онлайн бонус {Q}"),
    # 6 Vietnamese betting
    ("text", f"{P} Nhà cái uy tín, cá cược bóng đá hôm nay. {Q}"),
    # 7 Indonesian gambling
    ("text", f"{P}\nDaftar slot gacor dan situs toto terpercaya, judi online 24 jam.\n{Q}"),
    # 8 romanised Korean outcall keywords
    ("text", f"{P} seoul chuljang anma busan chuljang massage {Q}"),
    # 9 WhatsApp booking line
    ("text", f"{P}\nBook your outcall massage now, WhatsApp: +62 812 3456 7890\n{Q}"),
    # 10 WeChat / LINE contact line
    ("text", f"{P}\n加微信 WeChat ID: spa8899 预约上门服务\n{Q}"),
    # 11 Telegram booking link (markdown)
    ("markdown", f"{P}\n\nBooking 24/7: [Telegram](https://t.me/vipspa_booking)\n\n{Q}\n"),
    # 12 Zalo contact
    ("text", f"{P}\nLiên hệ Zalo: 0909 123 456 đặt lịch massage tại nhà\n{Q}"),
    # 13 hidden link via 1px font (html)
    ("html", f"<html><body><p>{P}</p><p>{Q}<a href=\"https://casino-bonus.example.net\" style=\"font-size:1px\">casino</a></p></body></html>"),
    # 14 link-farm host on .shop with stuffed anchor
    ("html", f"<html><body><p>{P} <a href=\"https://best-massage-cheap-24h.shop/\">best massage near me cheap price</a></p></body></html>"),
    # 15 link-farm .buzz slot host
    ("markdown", f"{P} See [slot gacor hari ini](https://slot88-gacor.buzz/daftar).\n\n{Q}\n"),
    # 16 .cfd host with gambling host word and number
    ("html", f"<html><body><p>{P}</p><p>Visit <a href=\"http://toto365.cfd/\">토토사이트 추천</a></p></body></html>"),
    # 17 affiliate redirect /out?url=
    ("html", f"<html><body><p>{P} <a href=\"https://deals.example.com/out?url=https%3A%2F%2Fshop.example%2Fmassager&aff_id=7731\">this massager</a>.</p></body></html>"),
    # 18 shortener is.gd
    ("text", f"{P} Get the full guide here: is.gd/Xk4pQa\n{Q}"),
    # 19 shortener rebrand.ly in markdown
    ("markdown", f"{P} [Claim your discount](https://rebrand.ly/spa-deal-2024)\n\n{Q}\n"),
    # 20 shortener s.id
    ("text", f"{P}\nDaftar sekarang: https://s.id/promo-pijat\n{Q}"),
    # 21 Tags stuffing
    ("text", f"{P}\n{Q}\nTags: massage near me, cheap massage near me, best massage busan, outcall massage seoul, 출장마사지\n"),
    # 22 comment-form residue
    ("text", f"{P}\n{Q}\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n"),
    # 23 Posted in Uncategorized
    ("text", f"{P}\n{Q}\nPosted in Uncategorized | Leave a comment\n"),
    # 24 'You may also like' block with spam titles
    ("text", f"{P}\n{Q}\nYou may also like\nBest Outcall Massage Seoul 2024\nTop 10 Slot Gacor Sites\n"),
    # 25 scraped copyright of another site
    ("text", f"{P}\n{Q}\nCopyright © 2023 BestSpaDeals24.xyz. All rights reserved.\n"),
]

CLEAN = [
    ("text", f"{P} A 2019 Cochrane review found low-certainty evidence (https://doi.org/10.1002/14651858.CD001929.pub3). {Q}"),
    ("markdown", f"{P} See the [NHS guidance on sciatica](https://www.nhs.uk/conditions/sciatica/).\n\n{Q}\n"),
    ("html", f"<html><body><p>{P} <a href=\"https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know\">NCCIH</a> summarises the research.</p></body></html>"),
    ("text", f"{P} Furlan AD, et al. Massage for low-back pain. Cochrane Database Syst Rev. 2015;(9):CD001929. {Q}"),
    ("text", f"{P}\nTo book an appointment at our clinic, call 555-201-3344 or visit our booking page.\n{Q}"),
    ("html", f"<html><body><p>{P}</p><p>Book online at <a href=\"https://www.harbourphysio.com/book\">harbourphysio.com/book</a> or call (02) 9555 1234.</p></body></html>"),
    ("text", f"{P} In Japan the practice is called shiatsu (指圧), meaning finger pressure. {Q}"),
    ("text", f"{P} Thai massage (นวดแผนไทย, nuad phaen boran) uses passive stretching. {Q}"),
    ("text", f"{P} The Korean term \"안마\" simply means massage. {Q}"),
    ("text", f"{P} Cupping, known in Chinese as 拔罐 (bá guàn), leaves round marks. {Q}"),
    ("text", f"{P}\nAbout the author\nJane Doe is a registered massage therapist with 15 years of clinical experience.\n"),
    ("text", f"{P} {Q} Warm-up exercises and good posture also reduce the risk of strain."),
    ("markdown", f"# Back pain basics\n\n{P}\n\n## When to see a doctor\n\n{Q} Seek urgent care for numbness in the groin.\n"),
    ("text", f"{P} Medication, exercise and heat are the usual first steps (MedlinePlus, 2023). {Q}"),
    ("html", f"<html><body><p>{P} Guidelines from the <a href=\"https://www.cdc.gov/chronic-pain/\">CDC</a> and <a href=\"https://www.who.int/news-room/fact-sheets/detail/low-back-pain\">WHO</a> agree.</p></body></html>"),
    ("text", f"{P} Massage therapists in Russia use the word массаж, borrowed from French. {Q}"),
    ("text", f"{P}\nPhone: 020 7946 0018 (Monday to Friday, 9am to 5pm)\n{Q}"),
    ("text", f"{P}\nFollow us on Telegram: @harbourphysio_news for clinic updates.\n{Q}"),
    ("markdown", f"{P}\n\nReferences\n\n1. Cherkin DC, et al. Ann Intern Med. 2011;155(1):1-9. https://pubmed.ncbi.nlm.nih.gov/21727288/\n"),
    ("text", f"{P} Problem gambling is linked to stress and poor sleep, and online casino advertising makes it worse. {Q}"),
    ("text", f"{P} The study (published in JAMA Internal Medicine) followed 401 adults. {Q}"),
    ("html", f"<html><head><title>Massage for sciatica</title></head><body><h1>Massage for sciatica</h1><p>{P}</p><p>{Q}</p></body></html>"),
    ("text", f"{P} Read more about pain relief in our earlier guide on stretching. {Q}"),
    ("text", f"{P} Indonesian pijat (traditional massage) is offered in many homes. {Q}"),
    ("markdown", f"{P}\n\nPhoto: a therapist at work. Source: [Wikimedia Commons](https://commons.wikimedia.org/wiki/File:Massage.jpg)\n\n{Q}\n"),
]

EXT = {"text": "txt", "markdown": "md", "html": "html"}


def _spam_codes(linter, fmt, text):
    return {f.rule for f in findings_of(linter, text, fmt, f"a.{EXT[fmt]}") if f.rule.startswith("HL4")}


def _measure(linter):
    hits = [i for i, (fmt, t) in enumerate(SPAM, 1) if _spam_codes(linter, fmt, t)]
    false = [i for i, (fmt, t) in enumerate(CLEAN, 1) if _spam_codes(linter, fmt, t)]
    return hits, false


# measured floors (see docs/spam.md, "Held-out check"): before the fixes 21/25 spam
# snippets were flagged (misses: romanised Korean, a Zalo line, a 1px-font link, a
# scraped copyright footer), 0/25 clean ones; after them 25/25 and 0/25.
MIN_RECALL = 1.0
MAX_FALSE_POSITIVES = 0


def test_holdout_recall_and_precision(linter):
    hits, false = _measure(linter)
    assert len(SPAM) == 25 and len(CLEAN) == 25
    assert len(hits) / len(SPAM) >= MIN_RECALL, f"flagged spam snippets: {hits}"
    assert len(false) <= MAX_FALSE_POSITIVES, f"clean snippets flagged: {false}"


def test_hidden_font_size_threshold(linter):
    """1px and sub-pixel fonts hide a link; a small but readable font does not."""
    tiny = f"<html><body><p>{P} <a href=\"https://example.net/x\" style=\"font-size:0.5px\">x</a></p></body></html>"
    small = f"<html><body><p>{P} <a href=\"https://example.net/x\" style=\"font-size:11px\">the study</a></p></body></html>"
    assert _spam_codes(linter, "html", tiny) == {"HL404"}
    assert not _spam_codes(linter, "html", small)


def test_overlapping_app_names(linter):
    """"加微信 WeChat ID: x" is found although "微信" also matches right before "WeChat"."""
    codes = _spam_codes(linter, "text", f"{P}\n加微信 WeChat ID: spa8899 预约\n{Q}")
    assert "HL412" in codes


@pytest.mark.parametrize("fmt,text", CLEAN)
def test_clean_snippet_quiet(linter, fmt, text):
    assert not _spam_codes(linter, fmt, text)


# A second probe, written after the first fixes, for the data added then.
SECOND = [
    ("html", f"<html><body><p>{P} <a href='https://example.com/out?url=https://massager.shop/p'>deal</a></p></body></html>", "HL408"),
    ("text", f"{P} Kunjungi situs toto terpercaya hari ini.\n", "HL402"),
    ("text", f"{P}\njasa pijat panggilan 24 jam hubungi WA 0812-3456-7890\n", "HL412"),
    ("markdown", f"{P} [spa](https://relax-spa24.site/)\n", "HL409"),
]


@pytest.mark.parametrize("fmt,text,code", SECOND)
def test_second_probe(linter, fmt, text, code):
    assert code in _spam_codes(linter, fmt, text)


@pytest.mark.parametrize("url", [
    "https://www.facebook.com/sharer/sharer.php?u=https://example.org/a",   # share button
    "https://login.example.org/?redirect=https://login.example.org/home",  # same site
    "https://safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.nhs.uk%2F",  # reputable target
    "https://physio-online.example.online/",                                # one weak-TLD signal only
])
def test_redirects_and_tlds_left_alone(linter, url):
    html = f"<html><body><p>{P} <a href=\"{url}\">our page</a></p></body></html>"
    assert not _spam_codes(linter, "html", html)


def test_a_publishers_own_copyright_footer_is_not_residue(linter):
    """Only a footer that names another web address is scraper residue; a brand-name footer is the site's own."""
    from tests.conftest import findings_of

    own = "<html><body><article><p>Massage may ease stress.</p></article>" \
          "<footer><p>© 2024 Healthy Back Clinic. All rights reserved.</p></footer></body></html>"
    assert [f for f in findings_of(linter, own, fmt="html", path="page.html") if f.rule == "HL405"] == []
