"""Safe fixes: built where the rules make findings, applied by ``check --fix`` and shown by ``--diff``."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.document import Document
from healthlint.finding import Edit, Finding, Fix
from healthlint.fixes import apply, delete_lines, inflect_like, replace_word_choice, replace_words

DRAFT = ("# Desk stretches\n\nA warm rock massage can ease stiff shoulders. 인천출장마사지 Stretch the effected "
         "muscles gently.\n\nReport Page\n\nRest between sets.\n")
FIXED = "# Desk stretches\n\nA hot stone massage can ease stiff shoulders. Stretch the affected muscles gently.\n\n" \
        "Rest between sets.\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def plain(text: str) -> Document:
    return Document(path="a.txt", text=text, prose=text, format="text")


def test_fix_round_trip_is_idempotent(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    first = run("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert "fixed 4 findings in 1 file" in first.stderr
    assert first.exit_code == 0, first.output  # nothing left at warning level
    again = run("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED and "fixed 0 findings in 0 files" in again.stderr


def test_diff_writes_nothing_and_says_what_would_change(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    result = run("check", "--diff", str(path))
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == DRAFT
    assert f"--- a/{path}" in result.stdout
    assert "-Report Page\n" in result.stdout and "+A hot stone massage" in result.stdout
    assert "would fix 4 findings" in result.stderr
    clean = tmp_path / "clean.md"
    clean.write_text("# Rest\n\nRest between sets.\n", encoding="utf-8")
    assert run("check", "--diff", str(clean)).exit_code == 0


def test_without_fix_nothing_is_written(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    before = path.stat().st_mtime_ns
    for fmt in ("text", "json", "html", "sarif", "github", "junit"):
        run("check", "--format", fmt, str(path))
    assert path.read_text(encoding="utf-8") == DRAFT and path.stat().st_mtime_ns == before


def test_fix_keeps_bom_and_crlf_and_other_files(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes("\ufeffShoulder care\r\n\r\nStretch the effected muscles.\r\n\r\nReport Page\r\n".encode("utf-8"))
    clean = tmp_path / "clean.txt"
    clean.write_bytes(b"Rest\r\n\r\nRest between sets.\r\n")
    run("check", "--fix", str(path), str(clean))
    assert path.read_bytes() == "\ufeffShoulder care\r\n\r\nStretch the affected muscles.\r\n".encode("utf-8")
    assert clean.read_bytes() == b"Rest\r\n\r\nRest between sets.\r\n"


def test_fix_from_stdin_prints_the_fixed_text():
    result = run("check", "--fix", "-", "--stdin-filename", "draft.md", input=DRAFT)
    assert result.stdout == FIXED


def test_fix_leaves_markup_and_unsafe_suggestions_alone(tmp_path):
    text = "# Care\n\nA warm **rock** massage helps. Avoid a flair-up, and loose weight slowly.\n"
    path = tmp_path / "care.md"
    path.write_text(text, encoding="utf-8")
    run("check", "--fix", str(path))
    # the garble with bold inside is left alone; the confused words are replaced word for word
    assert path.read_text(encoding="utf-8") == text.replace("flair", "flare").replace("loose", "lose")


def test_json_says_which_findings_have_a_fix(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(path)).stdout)
    by_rule = {f["rule"]: f for f in data["files"][0]["findings"]}
    assert by_rule["HL302"]["fix"] == {"description": "Replace with 'hot stone massage'",
                                       "edits": [{"start": 20, "end": 37, "replacement": "hot stone massage"}]}
    assert DRAFT[20:37] == "warm rock massage"
    assert by_rule["HL405"]["fix"]["edits"][0]["replacement"] == ""
    text = run("check", "--no-color", str(path)).stdout
    assert "= fix available: Delete the residue" in text and "4 fixable with `healthlint check --fix`." in text


def test_apply_refuses_overlapping_edits():
    text = "one two three"
    a = Finding("HL1", "claim", "warning", "a", 0, 7, fix=Fix("a", [Edit(0, 7, "1 2")]))
    b = Finding("HL2", "claim", "warning", "b", 4, 13, fix=Fix("b", [Edit(4, 13, "2 3")]))
    c = Finding("HL3", "claim", "warning", "c", 0, 3)  # no fix
    new, done = apply(text, [b, a, c])
    assert new == "1 2 three" and done == [a]


def test_delete_lines_keeps_one_blank_line_between_paragraphs():
    text = "First.\n\nReport Page\n\nSecond.\n"
    start = text.index("Report")
    (edit,) = delete_lines(plain(text), [(start, start + 11)]).edits
    assert text[:edit.start] + text[edit.end:] == "First.\n\nSecond.\n"
    last = "First.\n\nReport Page\n"
    (edit,) = delete_lines(plain(last), [(8, 19)]).edits
    assert last[:edit.start] + last[edit.end:] == "First.\n"
    inline = "First. Report Page here.\n"
    (edit,) = delete_lines(plain(inline), [(7, 18)]).edits
    assert inline[:edit.start] + inline[edit.end:] == "First. here.\n"


@pytest.mark.parametrize("wrong,right,expected", [
    ("effected", "affected", "affected"), ("peaked", "pique", "piqued"), ("peaking", "pique", "piquing"),
    ("chords", "cord", "cords"), ("complimented", "complements", "complemented"), ("pours", "pores", "pores"),
    ("palpitates", "palpate", "palpates"), ("loose", "lose / losing", None),
])
def test_confused_words_are_inflected_like_the_wrong_one(wrong, right, expected):
    assert inflect_like(wrong, right) == expected


def test_replacement_keeps_capitals_and_refuses_extra_words():
    doc = plain("Effected muscles ache. A flair-up.")
    (edit,) = replace_word_choice(doc, 0, 8, "affected").edits
    assert edit.replacement == "Affected"
    assert replace_word_choice(doc, 25, 30, "flare-up") is None
    marked = Document(path="a.md", text="warm **rock** massage", prose="warm   rock   massage", format="markdown")
    assert replace_words(marked, 0, 21, "hot stone massage") is None


def test_min_severity_hides_findings_in_every_format(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    full = json.loads(run("check", "--format", "json", str(path)).stdout)["files"][0]["findings"]
    assert {"error", "warning", "info"} <= {f["severity"] for f in full}
    errors_only = run("check", "--format", "json", "--min-severity", "error", str(path))
    shown = json.loads(errors_only.stdout)["files"][0]["findings"]
    assert shown and {f["severity"] for f in shown} == {"error"}
    assert len(shown) == sum(1 for f in full if f["severity"] == "error")
    sarif = json.loads(run("check", "--format", "sarif", "--min-severity", "error", str(path)).stdout)
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"error"}
    for fmt, marker in (("text", "[warning]"), ("github", "::warning"),
                        ("junit", "[warning]"), ("html", 'sev-warning" id="item-')):
        out = run("check", "--format", fmt, "--min-severity", "error", str(path)).stdout
        assert marker not in out, fmt
        assert marker.replace("warning", "error") in out, fmt
    # only the shown findings count for the exit code
    assert run("check", "--min-severity", "error", "--fail-on", "warning", "--ignore", "HL402", str(path)).exit_code == 0


def test_min_severity_from_config(tmp_path):
    (tmp_path / "healthlint.toml").write_text('min-severity = "warning"\n', encoding="utf-8")
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    shown = json.loads(run("check", "--format", "json", str(path)).stdout)["files"][0]["findings"]
    assert shown and "info" not in {f["severity"] for f in shown}
    (tmp_path / "healthlint.toml").write_text('min-severity = "loud"\n', encoding="utf-8")
    bad = run("check", str(path))
    assert bad.exit_code == 2 and "min-severity" in bad.stderr


def test_html_residue_line_goes_with_its_element_but_never_unbalances_tags():
    from healthlint.sources import Source, load

    page = "<html><body>\n<p>Stretch daily.</p>\n<p>Report Page</p>\n<div><p>Report Page</p>\n</div></body></html>\n"
    doc = load(Source("a.html", page.encode()))
    first = page.index("Report Page")
    (edit,) = delete_lines(doc, [(first, first + 11)]).edits
    assert page[:edit.start] + page[edit.end:] == page.replace("<p>Report Page</p>\n", "", 1)
    second = page.index("Report Page", first + 1)
    (edit,) = delete_lines(doc, [(second, second + 11)]).edits
    assert page[edit.start:edit.end] == "Report Page"  # the <div> opened on that line stays
