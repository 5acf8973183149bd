"""Sources: every format keeps offsets of the file the user opened; bad input is a message, not a crash."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.sources import Source, load

SEED_TEXT = "Massage Tips\n\nA massage helps you relax.\n\nReport Page\n"
SEED_MD = "---\ntitle: \"Tips &amp; tricks\"\nauthor: Kim\n---\n\n# Massage *tips*\n\nA [massage](https://example.org) helps &amp; soothes.\n\nReport Page\n"
SEED_HTML = ("<!DOCTYPE html><html><head><title>Tips</title><style>p{}</style></head><body>\n"
             "<h1>Massage &amp; you</h1>\n<p>A massage&nbsp;helps.</p>\n<p>Report Page</p>\n"
             "<a href=\"https://x.example/\" style=\"display:none\">hidden</a></body></html>\n")


@pytest.mark.parametrize("name,text", [("a.txt", SEED_TEXT), ("a.md", SEED_MD), ("a.html", SEED_HTML)])
def test_findings_point_into_the_file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--select", "HL405", str(path)])
    data = json.loads(result.stdout)
    findings = data["files"][0]["findings"]
    assert findings, result.output
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    for f in findings:
        assert raw[f["start"]:f["end"]] == f["excerpt"] == "Report Page"
        assert lines[f["line"] - 1][f["column"] - 1:].startswith("Report Page")


def test_prose_has_the_raw_length_and_blanks_markup():
    md = load(Source("a.md", SEED_MD.encode()))
    assert len(md.prose) == len(md.text)
    assert "title" not in md.prose and "https://example.org" not in md.prose
    assert "helps &" in md.prose and "*" not in md.prose
    assert md.metadata["title"].value == "Tips &amp; tricks" and md.metadata["author"].value == "Kim"
    assert md.links[0].url == "https://example.org" and md.links[0].text == "massage"
    assert md.headings[0].text == "Massage *tips*"
    html = load(Source("a.html", SEED_HTML.encode()))
    assert len(html.prose) == len(html.text)
    assert "<" not in html.prose and "p{}" not in html.prose and "hidden" not in html.prose
    assert "Massage &     you" in html.prose and "massage      helps" in html.prose
    assert html.metadata["title"].value == "Tips"
    assert html.links[0].hidden and html.links[0].url == "https://x.example/"
    assert html.text[html.links[0].start:html.links[0].end].startswith("<a href")


def test_utf8_bom_and_cp1252(tmp_path):
    bom = load(Source("a.txt", "\ufeffCafé massage".encode("utf-8")))
    assert bom.text.startswith("\ufeff") and bom.prose[0] == " " and bom.encoding == "utf-8"
    legacy = load(Source("b.txt", b"Caf\xe9 massage \x93quoted\x94"))
    assert legacy.encoding == "cp1252" and "Café" in legacy.text and "\u201cquoted\u201d" in legacy.text and legacy.warnings


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.md": b"   \n\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10,
    "frontmatter.md": b"---\ntitle: [unclosed\n---\n\nText here.\n",
    "unclosed.md": b"---\ntitle: x\n\nText with no end of front matter.\n",
    "broken.html": b"<html><body><div><p>Massage <b>helps</b></span><a href='x'>link",
}


def test_bad_inputs_are_messages_not_tracebacks(tmp_path):
    for name, data in BAD_INPUTS.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Massage may help.\n\nReport Page\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in BAD_INPUTS] + [str(good), str(tmp_path / "missing.txt")]
    result = CliRunner().invoke(cli, ["check", "--format", "json", *paths])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    messages = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in data["errors"]}
    assert messages["empty.txt"] == "empty file" and messages["blank.md"] == "empty file"
    assert "binary" in messages["binary.txt"]
    assert "front matter" in messages["frontmatter.md"] and "line 2" in messages["frontmatter.md"]
    assert "never closed" in messages["unclosed.md"]
    assert "malformed HTML" in messages["broken.html"]
    assert "no such file" in messages["missing.txt"]
    good_entry = next(f for f in data["files"] if f["path"].endswith("good.txt"))
    assert good_entry["findings"], "the good file is still checked"
    assert "empty.txt: empty file" in result.stderr


def test_huge_file_is_refused_by_size(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Massage helps. " * (20 * 1024 * 1024 // 15))
    result = CliRunner().invoke(cli, ["check", str(big)])
    assert result.exit_code == 2 and "file too large" in result.stderr


def test_unreadable_file(tmp_path):
    import os

    path = tmp_path / "locked.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who can read anything (root)")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "permission denied" in result.stderr
