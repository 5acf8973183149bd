"""The command line's CI conventions, as ruff and ESLint users expect them: -V, --output-format and its
environment variable, NO_COLOR/FORCE_COLOR, -q, --exit-zero, honest closing lines, shell completion."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from healthlint.cli import cli

RESIDUE = "# Massage and stress\n\nA massage may ease stress for a while.\n\nReport Page\n"
CLEAN = "# Stretching\n\nGentle stretching may ease stiffness.\n"


def run(*args: str, env: dict | None = None):
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "HEALTHLINT_OUTPUT_FORMAT": None}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})})


def check(*args: str, env: dict | None = None):
    return run("check", "--isolated", "--select", "HL405,HL590", *args, env=env)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "stress.md").write_text(RESIDUE, encoding="utf-8")
    (tmp_path / "content" / "clean.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_short_version_flag():
    from healthlint import __version__

    for flag in ("-V", "--version"):
        result = run(flag)
        assert result.exit_code == 0 and result.stdout == f"healthlint, version {__version__}\n"


def test_output_format_alias_and_environment_variable(repo):
    by_alias = check("--output-format", "json", "content")
    assert by_alias.exit_code == 1 and json.loads(by_alias.stdout)["version"] == "1.0"
    by_env = check("content", env={"HEALTHLINT_OUTPUT_FORMAT": "gitlab"})
    assert by_env.exit_code == 1 and json.loads(by_env.stdout)[0]["check_name"] == "HL405"
    option_wins = check("--format", "github", "content", env={"HEALTHLINT_OUTPUT_FORMAT": "json"})
    assert option_wins.stdout.startswith("::warning file=content/stress.md,")
    bad = check("content", env={"HEALTHLINT_OUTPUT_FORMAT": "yaml"})
    assert bad.exit_code == 2 and "HEALTHLINT_OUTPUT_FORMAT" in bad.stderr and "'yaml'" in bad.stderr


@pytest.mark.parametrize("env, flags, coloured", [
    ({}, (), False),                                        # not a terminal
    ({"FORCE_COLOR": "1"}, (), True),                       # a CI log that renders ANSI
    ({"FORCE_COLOR": ""}, (), False),                       # empty means unset
    ({"NO_COLOR": "1"}, (), False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),     # NO_COLOR wins, as in Python 3.13
    ({"NO_COLOR": "1"}, ("--color",), True),                # the command line wins over both
    ({"FORCE_COLOR": "1"}, ("--no-color",), False),
])
def test_no_color_and_force_color(repo, env, flags, coloured):
    result = check(*flags, "content/stress.md", env=env)
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is coloured


def test_force_color_never_colours_a_report_file(repo):
    assert check("-o", "report.txt", "content/stress.md", env={"FORCE_COLOR": "1"}).exit_code == 1
    text = (repo / "report.txt").read_text(encoding="utf-8")
    assert "HL405" in text and "\x1b[" not in text


def test_quiet_prints_the_findings_only(repo):
    loud = check("--no-color", "content")
    quiet = check("-q", "--no-color", "content")
    assert quiet.exit_code == loud.exit_code == 1
    assert "Found 1 problem" in loud.stdout and "quality score" in loud.stdout
    assert quiet.stdout.startswith("content/stress.md:5:1: HL405 [warning]")
    assert "Found" not in quiet.stdout and "quality score" not in quiet.stdout
    assert check("-q", "content/clean.md").stdout == ""  # nothing to say, nothing said
    assert "HL405  scraper-residue" in check("-q", "--statistics", "content").stdout  # asked for: shown


def test_quiet_drops_notes_but_not_file_errors(repo):
    check("content", "--write-baseline", "baseline.json")
    noted = check("content", "--baseline", "baseline.json")
    assert "1 finding hidden by the baseline" in noted.stderr
    quiet = check("-q", "content", "nope.md", "--baseline", "baseline.json")
    assert quiet.exit_code == 2 and "hidden by the baseline" not in quiet.stderr
    assert "nope.md: no such file or directory" in quiet.stderr
    assert "wrote" not in check("-q", "content", "--write-baseline", "again.json").stderr


def test_exit_zero_keeps_the_report_and_file_errors(repo):
    result = check("--exit-zero", "--format", "json", "content")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][1]["findings"][0]["rule"] == "HL405"
    assert check("--exit-zero", "content", "nope.md").exit_code == 2  # a file problem is not a finding
    assert check("--exit-zero", "--select", "HL999", "content").exit_code == 2  # nor a usage error


def test_closing_line_when_nothing_could_be_checked(repo):
    result = check("--no-color", "nope.md")
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.stderr
    assert "No problems found" not in result.stdout
    assert result.stdout == "No articles were checked.\n1 file problem (see messages above); exit code 2.\n"


def test_closing_line_counts_what_the_baseline_hid(repo):
    (repo / "content" / "more.md").write_text(RESIDUE + "\nRead more\n", encoding="utf-8")
    written = check("--no-color", "content", "--write-baseline", "baseline.json")
    assert written.exit_code == 0 and "wrote 3 findings to baseline.json" in written.stderr
    assert written.stdout.endswith("No new problems found in 3 files; 3 known findings hidden by the baseline.\n")
    (repo / "content" / "clean.md").write_text(CLEAN + "\nReport Page\n", encoding="utf-8")
    later = check("--no-color", "content", "--baseline", "baseline.json")
    assert later.exit_code == 1
    assert later.stdout.endswith("Found 1 new problem (1 warning) in 3 files; "
                                 "3 known findings hidden by the baseline.\n"
                                 "1 fixable with `healthlint check --fix`.\n")


def _complete(words: str, shell: str = "bash") -> list[str]:
    """What the shell would be offered for the last word of ``words`` (Click's completion protocol)."""
    parts = words.split(" ")
    env = {"_HEALTHLINT_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="healthlint")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_explain_completes_rule_codes_and_names():
    offered = _complete("healthlint explain HL40")
    assert "plain,HL405" in offered and "plain,HL401" in offered
    assert all(line.startswith("plain,HL40") for line in offered)
    assert _complete("healthlint explain scraper") == ["plain,scraper-residue"]
    described = _complete("healthlint explain HL405", shell="zsh")
    assert described[:3] == ["plain", "HL405", described[2]] and described[2].startswith("Flags page furniture")


def test_select_and_ignore_complete_codes_families_and_list_items():
    assert "plain,HL4" in _complete("healthlint check --select HL")
    assert _complete("healthlint check --select al") == ["plain,ALL"]
    assert "plain,HL1,HL405" in _complete("healthlint check --select HL1,HL40")
    assert "plain,HL590" in _complete("healthlint check --ignore HL59")
    assert "plain,HL301" in _complete("healthlint audit --extend-select HL30")
