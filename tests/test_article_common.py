"""What the HL5xx rules share (rules/_article.py): the article test, where findings point, word counts."""
from __future__ import annotations

from healthlint.rules._article import alpha_prefix, anchor, in_metadata, is_article, word_count


def test_words_and_the_article_test(article_linter):
    snippet = article_linter.check_text("Massage may ease back pain. It's 20 minutes.", path="a.txt").document
    assert word_count(snippet) == 7  # "'s" and "20" are not words
    assert not is_article(snippet, article_linter.settings)
    prefix = alpha_prefix(snippet)
    assert prefix[0] == 0 and prefix[-1] == 7


def test_anchor_is_the_first_heading_else_the_first_line(article_linter):
    md = article_linter.check_text("Intro line\n\n# The Title\n\nText.", path="a.md", fmt="markdown").document
    assert md.prose[slice(*anchor(md))] == "The Title"
    txt = article_linter.check_text("\n\n  First line here  \nSecond line.", path="a.txt").document
    assert txt.prose[slice(*anchor(txt))] == "First line here"


def test_metadata_spans(article_linter):
    html = "<html><head><title>A page title</title></head><body><p>Body text here.</p></body></html>"
    doc = article_linter.check_text(html, path="a.html", fmt="html").document
    title = doc.metadata["title"]
    assert in_metadata(doc, title.start, title.end)
    body = doc.prose.index("Body")
    assert not in_metadata(doc, body, body + 4)


def _findings(linter, path):
    fmt = {".md": "markdown", ".html": "html"}.get(path.suffix, "text")
    return linter.check_text(path.read_text(encoding="utf-8"), str(path), fmt).findings


def test_dev_corpus_careful_articles_get_no_document_finding_but_readability(article_linter, dev_corpus):
    for path in sorted(dev_corpus.glob("good-*")):
        assert {f.rule for f in _findings(article_linter, path)} <= {"HL504"}, path.name


def test_dev_corpus_seed_and_spam_articles_get_the_article_findings(article_linter, dev_corpus):
    seed = {f.rule for f in _findings(article_linter, dev_corpus / "seed-trigger-point.txt")}
    assert {"HL501", "HL502", "HL503", "HL505", "HL507"} <= seed, seed
    for path in sorted(dev_corpus.glob("spam-*")):
        assert "HL503" in {f.rule for f in _findings(article_linter, path)}, path.name


def test_the_rule_modules_do_not_import_spacy():
    """`healthlint rules`, `explain` and cached re-checks load the rule classes without spaCy."""
    import subprocess
    import sys

    modules = ["article_unsourced_claims", "article_safety_guidance", "article_byline", "article_readability",
               "article_repeated_list_item", "article_repeated_text", "article_confused_word"]
    code = "import sys\n" + "".join(f"import healthlint.rules.{m}\n" for m in modules) + \
        "print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
