"""Spam and link rules (HL4xx): what they flag, what they must leave alone, and where the spans fall."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from healthlint.config import Settings
from healthlint.engine import Linter


@pytest.fixture(scope="session")
def spam_linter():
    return Linter(Settings(select=["HL4"]))


def run(linter, text, fmt="text"):
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    return linter.check_text(text, path=f"article.{suffix}", fmt=fmt).findings


def codes(linter, text, fmt="text"):
    return [f.rule for f in run(linter, text, fmt)]


BODY = ("Trigger point therapy applies steady pressure to a tender spot in a taut band of muscle. "
        "Many people find it uncomfortable at first, and the soreness usually settles within a day. ")


# -- injected keywords ------------------------------------------------------------
def test_injected_korean_money_keyword_is_flagged_once_with_its_span(spam_linter):
    text = BODY + "인천출장마사지 It is crucial to find out what is wrong before treatment."
    found = run(spam_linter, text)
    assert [f.rule for f in found] == ["HL402"]
    assert found[0].excerpt == "인천출장마사지"
    assert found[0].severity == "error"


def test_money_keyword_span_covers_the_whole_injected_run(spam_linter):
    found = run(spam_linter, BODY + "수원홈타이 광주출장마사지 It is popular now.")
    assert [(f.rule, f.excerpt) for f in found] == [("HL402", "수원홈타이 광주출장마사지")]


@pytest.mark.parametrize("keyword", ["바카라", "オンラインカジノ", "百家乐", "บาคาร่า", "онлайн казино", "slot gacor",
                                     "payday loans", "outcall massage"])
def test_money_keywords_in_several_languages(spam_linter, keyword):
    assert "HL402" in codes(spam_linter, BODY + f"Visit us for {keyword} today.")


def test_unknown_foreign_run_is_flagged_as_foreign_script(spam_linter):
    found = run(spam_linter, BODY + "해운대유흥 Gentle stretching helps afterwards.")
    assert [(f.rule, f.excerpt) for f in found] == [("HL401", "해운대유흥")]


@pytest.mark.parametrize("text", [
    "Shiatsu (指圧) is a Japanese form of bodywork; tsubo (ツボ) are the points it presses.",
    "Thai massage is known in Thailand as นวดไทย (nuad thai), and sen (เส้น, \"lines\") are its channels.",
    "The Korean word for massage chair is “안마의자”, and many homes have one.",
    "In Korean, massage is called 마사지 by most clinics.",
    "Wet cupping, known in Arabic as حجامة (hijama), involves small cuts.",
    "β-endorphin and α-synuclein were measured in μg per litre.",
    "Suzuki T, Tanaka K. 指圧の効果に関する研究. J Jpn Soc. 2010;12:3-9. doi:10.1000/xyz123",
])
def test_quoted_or_translated_foreign_terms_are_not_flagged(spam_linter, text):
    assert codes(spam_linter, BODY + text) == []


def test_glossed_term_may_recur_without_its_translation(spam_linter):
    text = BODY + "Shiatsu (指圧) means finger pressure.\n\nA session of 指圧 usually lasts an hour."
    assert codes(spam_linter, text) == []


def test_article_about_gambling_disorder_may_name_online_casinos(spam_linter):
    text = ("Problem gambling is a recognised health condition. People with gambling disorder often report that "
            "an online casino or sports betting app made it easier to lose control, and counselling can help.")
    assert codes(spam_linter, text) == []


def test_hangul_article_is_not_foreign_to_itself(spam_linter):
    text = "마사지는 근육의 긴장을 풀어 줄 수 있습니다. 통증이 심하면 의사와 상담하세요. " * 20
    assert "HL401" not in codes(spam_linter, text)


# -- links --------------------------------------------------------------------------
def test_url_shortener_spans_the_whole_element(spam_linter):
    html = '<p>Book with our partner <a href="https://bit.ly/3kQ9vZt" rel="nofollow">here</a> today.</p>'
    found = run(spam_linter, html, "html")
    assert [(f.rule, f.excerpt) for f in found] == [("HL403", '<a href="https://bit.ly/3kQ9vZt" rel="nofollow">here</a>')]
    assert "Link to the destination directly" in found[0].suggestion


@pytest.mark.parametrize("style", ["display:none", "visibility: hidden", "font-size:0", "position:absolute; left:-9999px"])
def test_hidden_links(spam_linter, style):
    html = f'<p>Stretch gently.</p><a href="https://spa-offers.example.com/" style="{style}">spa offers</a>'
    found = run(spam_linter, html, "html")
    assert [f.rule for f in found] == ["HL404"]
    assert found[0].excerpt.startswith("<a href") and found[0].excerpt.endswith("</a>")


def test_hidden_link_to_a_link_farm_names_every_signal_in_one_finding(spam_linter):
    html = '<p>Stretch gently.</p><a href="https://busan-spa-24.xyz/" style="display:none">부산출장안마</a>'
    found = run(spam_linter, html, "html")
    assert [f.rule for f in found] == ["HL404"]
    assert "link-farm host busan-spa-24.xyz" in found[0].message and "money keyword" in found[0].message


def test_keyword_stuffed_anchors(spam_linter):
    md = BODY + "Compare [best massage near me cheap price](https://spa.example.com/go) offers."
    assert codes(spam_linter, md, "markdown") == ["HL406"]
    html = ('<p>Visit <a href="https://spa.example.com/busan">busan massage deep tissue massage busan best massage busan '
            'cheap massage busan</a>.</p>')
    assert codes(spam_linter, html, "html") == ["HL406"]


@pytest.mark.parametrize("anchor", ["how hot stone massage works", "the best evidence on massage for back pain",
                                    "Massage therapy for low back pain: a review of massage trials"])
def test_descriptive_anchors_are_not_stuffed(spam_linter, anchor):
    assert codes(spam_linter, BODY + f"See [{anchor}](https://clinic.example.com/page).", "markdown") == []


def test_foreign_script_anchor(spam_linter):
    md = BODY + "Book a session: [서울 스웨디시 예약](https://spa.example.com/booking)."
    found = run(spam_linter, md, "markdown")
    assert [(f.rule, f.excerpt) for f in found] == [("HL407", "[서울 스웨디시 예약](https://spa.example.com/booking)")]


def test_referral_parameters(spam_linter):
    assert codes(spam_linter, BODY + "Buy [this roller](https://shop.example.com/roller?aff_id=5521).", "markdown") == ["HL408"]
    assert codes(spam_linter, BODY + "Read [our guide](https://clinic.example.com/guide?ref=1004).", "markdown") == ["HL408"]
    # a navigation tag is not a referral code; campaign tags on an ordinary site are not a paid link
    assert codes(spam_linter, BODY + "Read [our guide](https://clinic.example.com/guide?ref=nav).", "markdown") == []
    assert codes(spam_linter, BODY + "See [the news](https://news.example.org/a?utm_source=feed).", "markdown") == []


def test_link_farm_needs_a_strong_signal_and_another(spam_linter):
    farm = '<p>Visit <a href="https://toto-safe-site.click/" rel="dofollow">our partner</a>.</p>'
    assert codes(spam_linter, farm, "html") == ["HL409"]
    assert codes(spam_linter, BODY + "Book now: http://daegu-spa-vip.click/?ref=1004") == ["HL409"]
    # one signal alone is never enough
    assert codes(spam_linter, '<p>See <a href="https://abc.xyz/">Alphabet</a>.</p>', "html") == []
    assert codes(spam_linter, '<p>See <a href="https://best-massage-therapy-clinic.com/">a clinic</a>.</p>', "html") == []
    assert codes(spam_linter, '<p>See <a href="https://clinic.example.com/" rel="dofollow">a clinic</a>.</p>', "html") == []


def test_link_density(spam_linter):
    links = " ".join(f"[spa {n}](https://spa{n}.example.com/)" for n in range(5))
    assert codes(spam_linter, BODY + "\n\nRest. " + links, "markdown") == ["HL410"]
    reading_list = "\n".join(f"- [Association {n}](https://assoc{n}.example.org/)" for n in range(6))
    assert codes(spam_linter, BODY + "\n\nFurther reading:\n\n" + reading_list, "markdown") == []


def test_reputable_sources_are_never_flagged(spam_linter):
    md = (BODY + "Evidence: [Cochrane review](https://doi.org/10.1002/14651858.CD001929.pub3), "
          "[PubMed](https://pubmed.ncbi.nlm.nih.gov/26329399/), [NCCIH](https://www.nccih.nih.gov/health/massage), "
          "[NHS](https://www.nhs.uk/conditions/sciatica/?ref=1234), [WHO](https://www.who.int/news-room), "
          "[MedlinePlus](https://medlineplus.gov/massage.html), [CDC](https://www.cdc.gov/arthritis/).")
    assert codes(spam_linter, md, "markdown") == []


def test_allowed_and_blocked_domains():
    settings = Settings(select=["HL4"], allowed_domains=["spa-partner.xyz"], blocked_domains=["rival.example.com"])
    linter = Linter(settings)
    html = ('<p>See <a href="https://spa-partner.xyz/?ref=77" rel="dofollow">our spa</a> and '
            '<a href="https://www.rival.example.com/page">their page</a> and <a href="https://doi.org/10.1/x">a trial</a>.</p>')
    found = run(linter, html, "html")
    assert [(f.rule, f.severity) for f in found] == [("HL411", "error")]
    assert "rival.example.com" in found[0].excerpt


def test_ignoring_the_winning_rule_lets_the_next_one_report(spam_linter):
    html = '<p>Stretch.</p><a href="https://bit.ly/abc" style="display:none">spa</a>'
    assert codes(spam_linter, html, "html") == ["HL404"]
    linter = Linter(Settings(select=["HL4"], ignore=["HL404"]))
    assert codes(linter, html, "html") == ["HL403"]


# -- contact spam -------------------------------------------------------------------
def test_contact_handles_with_booking_language(spam_linter):
    found = run(spam_linter, BODY + "\nContact on KakaoTalk: homethai7979 | Telegram: @fibro_spa_vip\n")
    assert [(f.rule, f.excerpt) for f in found] == [
        ("HL412", "Contact on KakaoTalk: homethai7979 | Telegram: @fibro_spa_vip")]
    found = run(spam_linter, "<p>Stretch daily.</p><p>카톡 문의: busanvip88 / 24시간 출장 가능</p>", "html")
    assert [(f.rule, f.excerpt) for f in found] == [("HL412", "카톡 문의: busanvip88 / 24시간 출장 가능")]


def test_phone_with_outcall_language(spam_linter):
    assert codes(spam_linter, BODY + "\nOutcall massage VIP, call 010-1234-5678 now\n") == ["HL412"]


@pytest.mark.parametrize("line", [
    "To book an appointment, call 555-123-4567.",
    "If you feel unsafe, call the helpline on (800) 273-8255, open 24/7.",
    "Follow our clinic on Telegram: @northside_news for updates.",
])
def test_ordinary_contact_details_are_not_spam(spam_linter, line):
    assert codes(spam_linter, BODY + "\n" + line + "\n") == []


# -- residue, tags, titles, metadata ---------------------------------------------------
def test_read_more_line_spans_the_line_and_its_link(spam_linter):
    text = BODY + "\n\nRead More: https://sciatica-relief-massage24.xyz/best-sciatica-massage\n"
    found = run(spam_linter, text)
    assert [(f.rule, f.excerpt) for f in found] == [
        ("HL405", "Read More: https://sciatica-relief-massage24.xyz/best-sciatica-massage")]
    assert "link-farm" in found[0].message
    md = BODY + "\n\n[Read More »](https://massage-deal-hub.top/hot-stone)\n"
    assert [f.excerpt for f in run(spam_linter, md, "markdown")] == ["[Read More »](https://massage-deal-hub.top/hot-stone)"]


def test_read_more_to_a_reputable_source_is_a_citation(spam_linter):
    assert codes(spam_linter, BODY + "\n\nRead more: https://www.nhs.uk/conditions/sciatica/\n") == []


def test_share_buttons_and_report_page(spam_linter):
    assert codes(spam_linter, BODY + "\n\nShare this: Facebook Twitter Pinterest WhatsApp\n") == ["HL405"]
    assert codes(spam_linter, BODY + "\n\nReport Page\n") == ["HL405"]
    assert codes(spam_linter, BODY + "Please report any bruising to your therapist.") == []


def test_tags_line(spam_linter):
    stuffed = BODY + "\n\nTags: fibromyalgia massage, best massage near me, cheap massage near me, massage price\n"
    assert codes(spam_linter, stuffed) == ["HL413"]
    assert codes(spam_linter, BODY + "\n\nTags: fibromyalgia, massage, sleep, trigger points\n") == []


def test_repeated_title(spam_linter):
    title = "Trigger Point Massage For Chronic Pain"
    found = run(spam_linter, f"{title}\n\n{BODY}\n\n{title}\n\nStretch afterwards.")
    assert [(f.rule, f.excerpt) for f in found] == [("HL414", title)]
    assert found[0].fix is not None and found[0].fix.edits[0].replacement == ""
    assert codes(spam_linter, f"{title}\n\n{BODY}") == []
    # a page that opens with its title twice (page title, then the heading) is how real pages begin
    assert codes(spam_linter, f"{title}\n\n{title}\n\n{BODY}") == []
    # the usual H1 repeating the front matter title is not residue
    assert codes(spam_linter, f'---\ntitle: "{title}"\n---\n\n# {title}\n\n{BODY}', "markdown") == []
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{BODY}</p><p>{title}</p></body></html>"
    assert codes(spam_linter, html, "html") == ["HL414"]


def test_front_matter_title_and_tags(spam_linter):
    md = ('---\ntitle: "Hot Stone Massage For Scoliosis | 강남출장마사지 | Best Spa Seoul 2024"\n'
          'tags: [hot stone, scoliosis, 서울 스웨디시]\n---\n\n' + BODY)
    found = run(spam_linter, md, "markdown")
    assert [(f.rule, f.excerpt) for f in found] == [("HL415", "| 강남출장마사지 | Best Spa Seoul 2024"),
                                                    ("HL415", "서울 스웨디시")]
    clean = '---\ntitle: "Best Massage For Sciatica Pain - Complete Guide 2024"\ntags: [sciatica, massage]\n---\n\n' + BODY
    assert codes(spam_linter, clean, "markdown") == []


def test_html_title_is_checked_once(spam_linter):
    html = ("<html><head><title>Deep Tissue Massage Busan | 부산출장마사지 | Whiplash Relief</title></head>"
            f"<body><p>{BODY}</p></body></html>")
    found = run(spam_linter, html, "html")
    assert [(f.rule, f.excerpt) for f in found] == [("HL415", "| 부산출장마사지")]


def test_title_segments_repeating_a_keyword(spam_linter):
    md = '---\ntitle: "Massage Busan | Busan Massage | Best Massage Busan | Cheap Busan Spa"\n---\n\n' + BODY
    assert codes(spam_linter, md, "markdown") == ["HL415"]
    md = '---\ntitle: "Sciatica | Health A to Z | NHS"\n---\n\n' + BODY
    assert codes(spam_linter, md, "markdown") == []


# -- data-driven -------------------------------------------------------------------------
def test_publisher_data_folder_adds_keywords(tmp_path):
    (tmp_path / "spam").mkdir()
    (tmp_path / "spam" / "keywords.yaml").write_text(
        "- id: house-brands\n  label: competitor brand\n  terms: [rubrub spa]\n  why: a rival's brand\n"
        "  source: https://example.org/policy\n", encoding="utf-8")
    linter = Linter(Settings(select=["HL4"], data_dirs=[str(tmp_path)]))
    found = run(linter, BODY + "Visit Rubrub Spa today.")
    assert [(f.rule, f.excerpt, f.reference) for f in found] == [("HL402", "Rubrub Spa", "https://example.org/policy")]


def test_every_lexicon_entry_names_a_source():
    from healthlint.knowledge import load

    for name in ("keywords", "shorteners", "hosts", "contact", "anchors", "glosses", "params", "tags", "blocked"):
        entries = load(f"spam/{name}")
        assert entries, name
        for entry in entries:
            assert str(entry.get("source", "")).startswith("https://"), (name, entry.get("id"))
    from healthlint.knowledge import documents

    lists = [item for path, data in documents("lexicon") if path.parent.name == "spam" for item in data["lists"]]
    assert {"residue-line", "residue-weak", "residue-inline", "social-platform"} <= {item["id"] for item in lists}
    for item in lists:
        assert str(item.get("source", "")).startswith("https://"), item["id"]


# -- the dev corpus ----------------------------------------------------------------------
def _labels(corpus):
    return [json.loads(line) for line in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_corpus_spam_recall_and_precision(spam_linter, dev_corpus):
    labels = [lb for lb in _labels(dev_corpus) if lb["category"] == "spam"]
    spans: dict[str, list] = {}
    for lb in labels:
        text = (dev_corpus / lb["file"]).read_text(encoding="utf-8")
        start = -1
        for _ in range(lb.get("occurrence", 1)):
            start = text.find(lb["quote"], start + 1)
        spans.setdefault(lb["file"], []).append((start, start + len(lb["quote"]), lb.get("required", True)))
    found = hits = false = 0
    required = sum(1 for lb in labels if lb.get("required", True))
    for path in sorted(dev_corpus.iterdir()):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        fmt = {".txt": "text", ".md": "markdown", ".html": "html"}[path.suffix]
        findings = spam_linter.check_text(path.read_text(encoding="utf-8"), path=path.name, fmt=fmt).findings
        if path.name.startswith("good-"):
            assert findings == [], f"spam finding on a good article {path.name}: {findings}"
        for f in findings:
            hit = any(s < f.end and f.start < e for s, e, _ in spans.get(path.name, []))
            hits += hit
            false += not hit
        found += sum(1 for s, e, req in spans.get(path.name, []) if req and any(s < f.end and f.start < e for f in findings))
    assert found / required >= 0.95
    assert hits / max(1, hits + false) >= 0.90


def test_speed(spam_linter):
    from healthlint.evidence import sources
    from healthlint.rules._spam_detect import Analysis
    from healthlint.rules._spam_lexicon import lexicon
    from healthlint.rules._spam_residue import residue

    text = (BODY * 40 + "\n\n") * 25 + "See [a page](https://a.example.com/x?ref=1) and http://b.example.com/.\n"
    spam_linter.check_text(text, path="warm.md", fmt="markdown")
    doc = spam_linter.check_text(text, path="big.md", fmt="markdown").document
    start = time.perf_counter()
    for _ in range(5):
        analysis = Analysis(doc, lexicon(()), Settings(), sources(()))
        analysis.run()
        residue(doc, analysis.trusted, analysis.platform)
    assert (time.perf_counter() - start) / 5 < 0.25  # ~180 kB of prose (about 0.05 s here)


def test_page_furniture_of_an_ordinary_site_is_not_spam(spam_linter):
    html = ("<html><head><title>Massage for Stiff Necks</title></head><body>"
            '<nav><a href="/">Home</a> | <a href="/blog">Blog</a> | <a href="/ja/">日本語</a> | <a href="/ko/">한국어</a></nav>'
            f"<h1>Massage for Stiff Necks</h1><p>{BODY}</p>"
            '<p>Follow us: <a href="https://facebook.com/clinic">Facebook</a> <a href="https://twitter.com/clinic">Twitter</a> '
            '<a href="https://instagram.com/clinic">Instagram</a> <a href="https://youtube.com/clinic">YouTube</a></p>'
            '<p><a href="https://facebook.com/sharer?u=x"><svg viewBox="0 0 1 1"></svg></a></p>'
            "</body></html>")
    assert codes(spam_linter, html, "html") == []


FRAGMENTS = ["Massage eases pain. ", "<p>", "</p>", '<a href="https://bit.ly/x">', '<a href="http://a-b-24.xyz/?ref=9" rel="dofollow">',
             "</a>", "<div style='display:none'>", "</div>", "<title>", "</title>", "(", ")", "“", "”", "|", "Tags: ",
             "[", "](https://spa.top/?aff=1)", "인천출장마사지", "指圧", "นวดไทย", "казино", "KakaoTalk: ab12 ", "010-1234-5678 ",
             "Read More: ", "https://doi.org/10.1/x ", "---\n", "title: x | 카지노\n", "tags: [a, 토토]\n", "\n", "\n\n",
             "best massage near me ", "&amp;", "Report Page\n", "www.", "@", "24시간 출장 "]


def test_random_spam_fragments_never_break_the_rules(spam_linter):
    from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

    @hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
    @given(parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30),
           fmt=st.sampled_from(["text", "markdown", "html"]))
    def check(parts, fmt):
        text = "".join(parts).encode("utf-8", "ignore").decode("utf-8")
        result = spam_linter.check_text(text, path="x." + {"text": "txt", "markdown": "md", "html": "html"}[fmt], fmt=fmt)
        assert not [e for e in result.errors if "internal error" in e], result.errors
        for f in result.findings:
            assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.excerpt

    check()


def test_shortener_typed_without_a_scheme_and_chat_links(spam_linter):
    found = run(spam_linter, BODY + "Book your slot: bit.ly/3kQ9vZt today.")
    assert [(f.rule, f.excerpt) for f in found] == [("HL403", "bit.ly/3kQ9vZt")]
    html = '<p>Stretch daily.</p><p>Book a session: <a href="https://t.me/spa_vip_busan">Telegram</a></p>'
    found = run(spam_linter, html, "html")
    assert [(f.rule, f.excerpt) for f in found] == [
        ("HL412", 'Book a session: <a href="https://t.me/spa_vip_busan">Telegram</a>')]
    assert codes(spam_linter, '<p>Our newsletter is also on <a href="https://t.me/clinic_news">Telegram</a>.</p>', "html") == []


def test_exact_match_anchor_needs_a_commercial_modifier(spam_linter):
    assert codes(spam_linter, BODY + "Try [best massage busan](https://busan-massage.example/).", "markdown") == ["HL406"]
    assert codes(spam_linter, BODY + "Visit [Busan Massage Clinic](https://busan-massage.example/).", "markdown") == []


def test_stuffed_lines_and_hidden_keyword_text(spam_linter):
    assert codes(spam_linter, BODY + "\n\nmassage busan best massage busan cheap massage busan spa massage busan\n") == ["HL413"]
    html = f'<p>{BODY}</p><div style="display:none">best massage near me cheap massage busan price</div>'
    found = run(spam_linter, html, "html")
    assert [f.rule for f in found] == ["HL416"] and found[0].excerpt.startswith('<div style="display:none">')
    html = f'<p>{BODY}</p><div style="display:none">해운대 스웨디시 1인샵</div>'
    assert codes(spam_linter, html, "html") == ["HL416"]
    # ordinary hidden parts: a mobile menu, a screen-reader hint
    html = (f'<p>{BODY}</p><nav style="display:none"><a href="/">Home</a> <a href="/blog">Blog</a></nav>'
            '<span style="position:absolute;left:-10000px">Opens in a new window</span>')
    assert codes(spam_linter, html, "html") == []


def test_contact_in_a_long_paragraph_spans_its_sentence(spam_linter):
    text = BODY + "台北按摩 外送茶 LINE: tpe520 Some people feel sore the next day."
    found = run(spam_linter, text)
    assert [(f.rule, f.excerpt) for f in found] == [("HL412", "台北按摩 外送茶 LINE: tpe520 Some people feel sore the next day.")]


def test_title_made_of_search_queries(spam_linter):
    md = '---\ntitle: "Best Deep Tissue Massage Near Me | Cheap Massage Prices | Top Rated"\n---\n\n' + BODY
    assert codes(spam_linter, md, "markdown") == ["HL415"]
    md = '---\ntitle: "Deep Tissue Massage: What to Expect | Northside Clinic"\n---\n\n' + BODY
    assert codes(spam_linter, md, "markdown") == []


def test_messaging_handles_alone(spam_linter):
    assert codes(spam_linter, BODY + "\n\nTelegram @spa_korea\n") == ["HL412"]
    assert codes(spam_linter, BODY + "\n\nNorthside Bodywork Clinic, WhatsApp +44 7700 900123\n") == []


# -- the snippet set (tests/data/spam_snippets.jsonl) ---------------------------------------
SNIPPETS = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "spam_snippets.jsonl").read_text(encoding="utf-8").splitlines() if line]
EXT = {"text": "txt", "markdown": "md", "html": "html"}


def _codes_of(linter, row):
    return {f.rule for f in linter.check_text(row["text"], path="a." + EXT[row["format"]], fmt=row["format"]).findings}


@pytest.mark.parametrize("row", [r for r in SNIPPETS if r["spam"]], ids=lambda r: r["text"][-40:])
def test_spam_snippet_is_flagged(spam_linter, row):
    found = _codes_of(spam_linter, row)
    assert found and (not row.get("rule") or row["rule"] in found), found


@pytest.mark.parametrize("row", [r for r in SNIPPETS if not r["spam"]], ids=lambda r: r["text"][-40:])
def test_clean_snippet_is_quiet(spam_linter, row):
    assert _codes_of(spam_linter, row) == set()


# -- keyword judgements ------------------------------------------------------------------------
def test_service_keyword_is_flagged_even_when_glossed(spam_linter):
    found = run(spam_linter, "The term 스웨디시 refers to Swedish massage. " + BODY)
    assert [(f.rule, f.excerpt) for f in found] == [("HL402", "스웨디시")]
    assert "search keyword" in found[0].message


def test_naming_the_language_excuses_a_service_keyword(spam_linter):
    assert codes(spam_linter, BODY + "The Korean word for massage is 마사지, written in Hangul.") == []


def test_own_script_subject_is_not_a_keyword_but_a_promotion_sentence_is(spam_linter):
    topic = "スロットマシンの前に長く座ると首が痛くなります。カジノの椅子は高さを変えられます。"
    assert codes(spam_linter, topic * 3) == []
    promo = "今ならオンカジで入金不要ボーナスがもらえます!"
    found = run(spam_linter, topic * 3 + promo)
    assert [(f.rule, f.excerpt) for f in found] == [("HL402", promo)]
    assert found[0].fix is None  # a sentence is not deleted mechanically


def test_injected_keyword_fix_deletes_it_and_one_space(spam_linter):
    text = BODY + "출장안마 Stretching helps afterwards."
    [f] = run(spam_linter, text)
    [edit] = f.fix.edits
    assert text[:edit.start] + text[edit.end:] == BODY + "Stretching helps afterwards."


def test_a_keyword_that_replaced_a_word_has_no_fix(spam_linter):
    [f] = run(spam_linter, "To begin with, 대구안마 can ease stiff shoulders. " + BODY)
    assert f.rule == "HL402" and f.fix is None


# -- the family's structure --------------------------------------------------------------------
def test_rule_module_does_not_import_the_engine():
    import healthlint.rules.spam as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    assert "healthlint.engine" not in source and "import engine" not in source


def test_every_rule_owns_its_messages_and_priority():
    from healthlint.rules.spam import SpamRule, _family

    family = _family()
    assert len(family) == 16
    priorities = [cls.priority for cls in family.values()]
    assert len(set(priorities)) == len(priorities) and all(p > 0 for p in priorities)
    for cls in family.values():
        assert issubclass(cls, SpamRule) and cls.messages and cls.notes, cls.code


def test_a_lower_priority_rule_reports_when_the_higher_one_is_not_selected():
    text = BODY + "\n\nTags: massage, 출장마사지, sleep\n"
    both = Linter(Settings(select=["HL402", "HL413"]))
    assert [f.rule for f in run(both, text)] == ["HL413"]
    alone = Linter(Settings(select=["HL402"]))
    assert [f.rule for f in run(alone, text)] == ["HL402"]


def test_contact_pattern_is_linear_on_long_runs_of_spaces(spam_linter):
    text = BODY + "KakaoTalk" + " " * 20000 + "x\n" + ("Telegram" + "\t" * 3000 + ":") * 20
    start = time.perf_counter()
    run(spam_linter, text)
    assert time.perf_counter() - start < 2.0
