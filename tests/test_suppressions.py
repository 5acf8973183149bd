"""Inline suppressions (comments, plain-text lines, front matter) and the report of unused ones (HL590),
end to end through the command line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli


def check(path: Path, *args: str):
    result = CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL405,HL590", "--format", "json",
                                      *args, str(path)])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return result, [(f["rule"], f["line"], f["severity"]) for f in data["files"][0]["findings"]]


def article(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_disable_enable_range_in_markdown(tmp_path):
    path = article(tmp_path, "stress.md", (
        "# Massage and stress\n\n"                 # 1-2
        "<!-- healthlint-disable HL405 -->\n\n"    # 3-4
        "Report Page\n\n"                          # 5-6  suppressed
        "<!-- healthlint-enable HL405 -->\n\n"     # 7-8
        "Report Page\n"))                          # 9    reported
    result, found = check(path)
    assert found == [("HL405", 9, "warning")]
    assert result.exit_code == 1


def test_disable_without_enable_runs_to_the_end_and_bare_disable_means_all(tmp_path):
    path = article(tmp_path, "stress.md", "# Stress\n\n<!-- healthlint-disable -->\n\nReport Page\n\nRead more\n")
    result, found = check(path)
    assert found == [] and result.exit_code == 0


def test_enable_carves_one_code_out_of_a_wider_disable(tmp_path):
    path = article(tmp_path, "stress.md", "# Stress\n\n<!-- healthlint-disable HL4 -->\n\nRead more\n\n"
                                          "<!-- healthlint-enable HL405 -->\n\nReport Page\n")
    _, found = check(path)
    assert found == [("HL405", 9, "warning")]


def test_disable_next_line_with_reason_and_blank_line(tmp_path):
    path = article(tmp_path, "stress.md", (
        "# Stress\n\n"
        "<!-- healthlint-disable-next-line HL405 -- the page links to our own report form -->\n\n"
        "Report Page\n\n"
        "Report Page\n"))
    _, found = check(path)
    assert found == [("HL405", 7, "warning")]


def test_prefixes_and_rule_names_work_as_codes(tmp_path):
    path = article(tmp_path, "stress.md", "# Stress\n\n<!-- healthlint-disable-next-line HL4 -->\nReport Page\n\n"
                                          "<!-- healthlint-disable-next-line scraper-residue -->\nRead more\n")
    _, found = check(path)
    assert found == []


def test_disable_line_at_the_end_of_a_line(tmp_path):
    path = article(tmp_path, "page.html", "<html><body><h1>Stress</h1>\n<p>Massage may ease stress.</p>\n"
                                          "<p>Report Page</p><!-- healthlint-disable-line HL405 -->\n"
                                          "<p>Report Page</p>\n</body></html>\n")
    _, found = check(path)
    assert found == [("HL405", 4, "warning")]


def test_html_comments_disable_and_enable(tmp_path):
    path = article(tmp_path, "page.html", "<html><body><h1>Stress</h1>\n<!-- healthlint-disable-next-line HL405 -->\n"
                                          "<p>Report Page</p>\n<p>Massage may ease stress.</p>\n</body></html>\n")
    result, found = check(path)
    assert found == [] and result.exit_code == 0


def test_plain_text_directive_line(tmp_path):
    path = article(tmp_path, "stress.txt", "Massage and stress\n\nhealthlint-disable-next-line HL405\nReport Page\n\n"
                                           "Report Page\n")
    _, found = check(path)
    assert found == [("HL405", 6, "warning")]


def test_front_matter_ignore(tmp_path):
    path = article(tmp_path, "stress.md", "---\ntitle: Massage and stress\nhealthlint: {ignore: [HL4]}\n---\n\n"
                                          "Report Page\n")
    result, found = check(path)
    assert found == [] and result.exit_code == 0
    block = article(tmp_path, "block.md",
                    "---\ntitle: Stress\nhealthlint:\n  ignore:\n    - HL405\n---\n\nReport Page\n")
    assert check(block)[1] == []


def test_unused_suppressions_are_reported_as_info(tmp_path):
    path = article(tmp_path, "stress.md", (
        "---\ntitle: Massage and stress\nhealthlint: {ignore: [HL405]}\n---\n\n"     # 1-5: unused front matter
        "A massage may ease stress for a while.\n\n"                                  # 6-7
        "<!-- healthlint-disable-next-line HL405 -->\n"                               # 8: unused
        "Gentle stretching helps some people.\n\n"                                    # 9-10
        "<!-- healthlint-disable HL999 -->\n\n"                                       # 11: unknown code
        "<!-- healthlint-enable HL405 -->\n"))                                        # 13: enables nothing
    result, found = check(path)
    assert found == [("HL590", 3, "info"), ("HL590", 8, "info"), ("HL590", 11, "info"), ("HL590", 13, "info")]
    assert result.exit_code == 0  # info stays under the default --fail-on warning
    messages = [f["message"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert "Unused suppression (HL405)" in messages[1]
    assert "names no known rule: HL999" in messages[2]
    assert "without a matching 'healthlint-disable'" in messages[3]
    text = CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL405,HL590", "--no-color", str(path)])
    assert f"{path}:8:1: HL590 [info] Unused suppression" in text.stdout


def test_unused_report_respects_selection_and_can_itself_be_switched_off(tmp_path):
    path = article(tmp_path, "stress.md", "# Stress\n\n<!-- healthlint-disable-next-line HL405 -->\n"
                                          "A massage may ease stress for a while.\n")
    assert check(path)[1] == [("HL590", 3, "info")]
    assert check(path, "--ignore", "HL590")[1] == []
    # a suppression for a rule that did not run this time is not 'unused'
    runner = CliRunner().invoke(cli, ["check", "--isolated", "--select", "HL590", "--format", "json", str(path)])
    assert json.loads(runner.stdout)["files"][0]["findings"] == []
    # an unused suppression can be kept on purpose by naming HL590
    kept = article(tmp_path, "kept.md", "# Stress\n\n<!-- healthlint-disable HL590 -->\n"
                                        "<!-- healthlint-disable-next-line HL405 -->\nMassage may ease stress.\n")
    assert check(kept)[1] == []


def test_severity_override_applies_to_unused_suppressions(tmp_path):
    (tmp_path / "healthlint.toml").write_text('[severity]\nHL590 = "warning"\n', encoding="utf-8")
    path = article(tmp_path, "stress.md", "# Stress\n\n<!-- healthlint-disable HL405 -->\nMassage may ease stress.\n")
    result = CliRunner().invoke(cli, ["check", "--select", "HL405,HL590", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"][0]["severity"] == "warning"


def test_comments_inside_code_blocks_are_examples_not_directives(tmp_path):
    path = article(tmp_path, "howto.md", "# How to silence a finding\n\n```markdown\n"
                                         "<!-- healthlint-disable HL405 -->\n```\n\nReport Page\n")
    _, found = check(path)
    assert found == [("HL405", 7, "warning")]


@pytest.mark.parametrize("fmt,text", [
    ("md", "# Stress\n\n<!-- healthlint-disable-next-line HL405, HL590 -->\nReport Page\n"),
    ("md", "# Stress\n\n<!--healthlint-disable-next-line HL405-->\nReport Page\n"),
    ("md", "# Stress\n\n<!-- HEALTHLINT-DISABLE-NEXT-LINE hl405 -->\nReport Page\n"),
])
def test_spelling_variants(tmp_path, fmt, text):
    assert check(article(tmp_path, f"a.{fmt}", text))[1] == []


def test_the_readme_suppression_examples_each_silence_a_real_finding(linter):
    """Every comment the README shows suppresses a finding the rule really makes there, so none of them
    turns into an HL590 unused suppression (which fails CI where HL590 is a warning)."""
    import re

    from readme import code_blocks

    examples = [(code_blocks("Suppressing a finding", "markdown")[0], "markdown", "example.md"),
                (code_blocks("Suppressing a finding", "text")[0], "text", "example.txt")]
    for text, fmt, path in examples:
        directives = re.findall(r"healthlint-disable(?:-next-line|-line)? (HL\d{3})", text)
        result = linter.check_text(text, path=path, fmt=fmt)
        assert result.findings == [], [(f.rule, f.message) for f in result.findings]
        assert sorted(s.finding.rule for s in result.suppressed) == sorted(directives)
        bare = re.sub(r"<!--.*?-->|^healthlint-\S+ .*\n", "", text, flags=re.M)
        assert sorted(f.rule for f in linter.check_text(bare, path=path, fmt=fmt).findings) == sorted(directives)
