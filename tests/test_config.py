"""Configuration in a content repository, end to end through the command line: discovery, precedence,
validation, every key, and ``healthlint config``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.config import path_matches

RESIDUE = "# Massage and stress\n\nA massage may ease stress for a while.\n\nReport Page\n"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def check(*args):
    """``healthlint check`` narrowed to the rules these tests know (others' rules come and go)."""
    return run("check", "--select", "HL405,HL590", *args)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(result) -> list[tuple[str, str, str]]:
    data = json.loads(result.stdout)
    return [(Path(f["path"]).as_posix(), f["rule"], f["severity"]) for file in data["files"] for f in file["findings"]
            if f["rule"] in ("HL405", "HL590")]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A content repository: articles under content/, the working folder at its root."""
    write(tmp_path / "content" / "stress.md", RESIDUE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pyproject_table_is_found_from_a_nested_folder(repo):
    write(repo / "pyproject.toml", '[project]\nname = "site"\n\n[tool.healthlint]\nfail-on = "error"\n\n'
                                   '[tool.healthlint.severity]\nHL405 = "error"\n')
    result = check("--format", "json", "content/stress.md")
    assert result.exit_code == 1, result.output
    assert findings(result) == [("content/stress.md", "HL405", "error")]
    isolated = check("--format", "json", "--isolated", "content/stress.md")
    assert findings(isolated) == [("content/stress.md", "HL405", "warning")]



def test_config_is_found_from_the_articles_not_the_working_folder(repo, monkeypatch):
    write(repo / "pyproject.toml", '[tool.healthlint]\nfail-on = "error"\n')
    elsewhere = repo / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert check(str(repo / "content")).exit_code == 0
    assert check(str(repo / "content" / "stress.md")).exit_code == 0
    assert check(str(repo / "content" / "*.md")).exit_code == 0
    assert check("--isolated", str(repo / "content")).exit_code == 1


def test_nearest_file_wins_and_dot_file_beats_plain_name(repo):
    write(repo / "healthlint.toml", 'fail-on = "never"\n')
    assert check("content").exit_code == 0
    write(repo / "content" / "pyproject.toml", '[tool.other]\nx = 1\n')  # no healthlint table: skipped
    assert check("content").exit_code == 0
    write(repo / "content" / "healthlint.toml", 'fail-on = "warning"\n')  # nearer to the articles
    assert check("content").exit_code == 1
    write(repo / "content" / ".healthlint.toml", 'fail-on = "error"\n')  # same folder: dot file first
    assert check("content").exit_code == 0
    shown = run("config", "content")
    assert shown.exit_code == 0
    assert f"# config file: {repo / 'content' / '.healthlint.toml'}" in shown.stdout


def test_explicit_config_and_isolated(repo):
    write(repo / "healthlint.toml", 'ignore = ["HL405"]\n')
    write(repo / "ci" / "strict.toml", 'select = ["HL4"]\n[severity]\nHL4 = "error"\n')
    assert check("content").exit_code == 0
    strict = check("--format", "json", "--config", "ci/strict.toml", "content")
    assert findings(strict) == [("content/stress.md", "HL405", "error")]
    assert check("--isolated", "content").exit_code == 1
    missing = check("--config", "ci/none.toml", "content")
    assert missing.exit_code == 2 and "ci/none.toml: config file not found" in missing.stderr


@pytest.mark.parametrize("text,expected", [
    ('selct = ["HL4"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ('fail-on = "warn"\n', "key 'fail-on': must be one of error, warning, info, never, not 'warn'"),
    ('select = "HL4"\n', "key 'select' must be a list of strings, not 'HL4'"),
    ('ignore = ["HL9"]\n', "key 'ignore': unknown rule code or prefix 'HL9'"),
    ('readability-target = "easy"\n', "key 'readability-target' must be a number, not 'easy'"),
    ('data-dirs = ["our-terms"]\n', "key 'data-dirs': 'our-terms' is not a folder"),
    ('[severity]\nHL405 = "fatal"\n', "key 'severity': severity of 'HL405' must be one of info, warning, error"),
    ('[per-file-ignores]\n"archive/**" = ["HL99"]\n', "key 'per-file-ignores': unknown rule code or prefix 'HL99'"),
    ('select = ["HL4"\n', "not valid TOML"),
])
def test_bad_config_is_an_error_naming_key_and_file(repo, text, expected):
    write(repo / "healthlint.toml", text)
    result = check("content")
    assert result.exit_code == 2
    assert "healthlint.toml" in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert run("config").exit_code == 2


def test_pyproject_errors_name_the_table(repo):
    write(repo / "pyproject.toml", '[tool.healthlint]\nblocked_domain = ["spam.example"]\n')
    result = check("content")
    assert result.exit_code == 2
    assert "pyproject.toml [tool.healthlint]: unknown key 'blocked_domain' (did you mean 'blocked-domains'?)" \
        in result.stderr


def test_select_ignore_extend_select_and_command_line_precedence(repo):
    write(repo / "healthlint.toml", 'select = ["HL590"]\n')
    assert findings(run("check", "--format", "json", "content")) == []
    write(repo / "healthlint.toml", 'select = ["HL590"]\nextend-select = ["HL4"]\n')
    assert [r for _, r, _ in findings(run("check", "--format", "json", "content"))] == ["HL405"]
    write(repo / "healthlint.toml", 'select = ["HL4", "HL590"]\nignore = ["scraper-residue"]\n')  # names work
    assert findings(run("check", "--format", "json", "content")) == []
    # --select on the command line replaces the file's select; --ignore adds to its ignore
    write(repo / "healthlint.toml", 'select = ["HL590"]\n')
    assert findings(run("check", "--format", "json", "--select", "HL405", "content"))
    write(repo / "healthlint.toml", 'select = ["HL405", "HL590"]\nignore = ["HL590"]\n')
    assert findings(run("check", "--format", "json", "--ignore", "HL405", "content")) == []
    assert run("check", "--fail-on", "never", "content").exit_code == 0


def test_include_exclude_globs_relative_to_the_config_folder(repo):
    write(repo / "content" / "drafts" / "next-week.md", RESIDUE)
    write(repo / "content" / "archive" / "2019" / "old.txt", RESIDUE)
    write(repo / "content" / "notes.draft.md", RESIDUE)
    write(repo / "healthlint.toml", 'exclude = ["content/drafts/", "*.draft.md"]\n')
    paths = {p for p, _, _ in findings(check("--format", "json", "content"))}
    assert paths == {"content/stress.md", "content/archive/2019/old.txt"}
    # globs are relative to the config file's folder, wherever the command runs from
    sub = check("--format", "json", str(repo / "content"))
    assert {Path(p).name for p, _, _ in findings(sub)} == {"stress.md", "old.txt"}
    write(repo / "healthlint.toml", 'include = ["content/archive/**"]\n')
    assert {p for p, _, _ in findings(check("--format", "json", "content"))} == \
        {"content/archive/2019/old.txt"}
    write(repo / "healthlint.toml", 'include = ["*.md"]\nexclude = ["drafts"]\n')
    assert {p for p, _, _ in findings(check("--format", "json", "content"))} == \
        {"content/stress.md", "content/notes.draft.md"}
    # --exclude on the command line adds to the file's
    assert {p for p, _, _ in findings(check("--format", "json", "--exclude", "notes.*", "content"))} == \
        {"content/stress.md"}


def test_per_file_ignores(repo):
    write(repo / "content" / "archive" / "2019" / "old.md", RESIDUE)
    write(repo / "pyproject.toml", '[tool.healthlint.per-file-ignores]\n"content/archive/**" = ["HL4"]\n'
                                   '"stress.md" = ["HL590"]\n')
    assert findings(check("--format", "json", "content")) == [("content/stress.md", "HL405", "warning")]


def test_data_dirs_add_a_publishers_own_knowledge(repo):
    write(repo / "content" / "tweet.md", "# Sleep\n\nSleep helps recovery.\n\nClick to Tweet\n")
    assert [p for p, _, _ in findings(check("--format", "json", "content"))] == ["content/stress.md"]
    write(repo / "knowledge" / "spam" / "lexicon.yaml",
          "kind: lexicon\nlists:\n  - id: residue-line\n    match: lower\n    terms: [click to tweet]\n")
    write(repo / "healthlint.toml", 'data-dirs = ["knowledge"]\n')
    paths = [p for p, _, _ in findings(check("--format", "json", "content"))]
    assert paths == ["content/stress.md", "content/tweet.md"]


def test_config_command_prints_values_and_their_origin(repo):
    write(repo / "knowledge" / "techniques.yaml", "[]\n")
    write(repo / "pyproject.toml", '[tool.healthlint]\nallowed-domains = ["www.NIH.gov"]\n'
                                   'allowed-techniques = ["Bowen technique"]\ndata-dirs = ["knowledge"]\n'
                                   'readability-target = 9\n')
    result = run("config")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    source = str(repo / "pyproject.toml")
    assert f'allowed-domains = ["nih.gov"]  # {source}' in lines
    assert f'allowed-techniques = ["Bowen technique"]  # {source}' in lines
    assert f'data-dirs = ["{repo / "knowledge"}"]  # {source}' in lines
    assert f"readability-target = 9.0  # {source}" in lines
    assert 'select = ["ALL"]  # default' in lines
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["config_file"] == source and data["origins"]["fail-on"] == "default"
    assert data["settings"]["readability-target"] == 9.0
    assert json.loads(run("config", "--isolated", "--format", "json").stdout)["config_file"] is None


def test_unknown_command_line_code_is_a_usage_error(repo):
    result = run("check", "--select", "HL9", "content")
    assert result.exit_code == 2 and "unknown rule code or prefix 'HL9'" in result.output


@pytest.mark.parametrize("path,pattern,expected", [
    ("content/drafts/a.md", "drafts", True),
    ("content/drafts/a.md", "content/drafts/", True),
    ("content/drafts/a.md", "drafts/*.md", False),  # anchored at the root: no 'drafts' there
    ("content/drafts/a.md", "**/drafts/*.md", True),
    ("content/a.md", "*.md", True),
    ("content/a.md", "content/*.txt", False),
    ("content/x/y/z.md", "content/**/z.md", True),
    ("content/z.md", "content/**/z.md", True),
    ("content/a1.md", "content/a[0-9].md", True),
    ("content/ab.md", "content/a[!b].md", False),
])
def test_glob_semantics(tmp_path, path, pattern, expected):
    assert path_matches(str(tmp_path / path), pattern, str(tmp_path)) is expected


def _documented_example() -> str:
    docs = Path(__file__).resolve().parent.parent / "README.md"
    text = docs.read_text(encoding="utf-8")
    return text.split("A complete `healthlint.toml`", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]


def test_the_documented_config_is_valid_and_documents_every_key(repo):
    from healthlint.config import configurable

    example = _documented_example()
    (repo / "healthlint-data").mkdir()
    write(repo / "healthlint.toml", example)
    result = run("config", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["settings"]) == set(configurable())
    lines = "\n" + example.replace("\n# ", "\n")
    undocumented = [key for key in configurable() if f"\n{key} = " not in lines and f"\n[{key}]" not in lines]
    assert undocumented == [], f"keys missing from the example in README.md: {undocumented}"


def test_stdin_filename_finds_the_config_and_per_file_ignores(repo):
    write(repo / "healthlint.toml",
          'select = ["HL405", "HL590"]\n[per-file-ignores]\n"content/archive/**" = ["HL405"]\n')
    archived = CliRunner().invoke(cli, ["check", "--format", "json", "--stdin-filename", "content/archive/old.md", "-"],
                                  input=RESIDUE)
    assert archived.exit_code == 0 and findings(archived) == []
    fresh = CliRunner().invoke(cli, ["check", "--format", "json", "--stdin-filename", "content/new.md", "-"],
                               input=RESIDUE)
    assert fresh.exit_code == 1 and findings(fresh) == [("content/new.md", "HL405", "warning")]


def test_config_output_is_toml_that_reads_back_the_same(repo):
    write(repo / "knowledge" / "spam" / "keywords.yaml", "[]\n")
    write(repo / "pyproject.toml", '[tool.healthlint]\nselect = ["HL4", "HL590"]\nfail-on = "error"\n'
                                   'data-dirs = ["knowledge"]\nexclude = ["drafts/"]\n'
                                   '[tool.healthlint.severity]\nHL405 = "info"\n'
                                   '[tool.healthlint.per-file-ignores]\n"archive/**" = ["HL590", "HL41"]\n')
    printed = run("config").stdout
    import tomllib

    assert tomllib.loads(printed)["severity"] == {"HL405": "info"}
    write(repo / "ci" / "effective.toml", printed)
    first = json.loads(run("config", "--format", "json").stdout)["settings"]
    second = json.loads(run("config", "--config", "ci/effective.toml", "--format", "json").stdout)["settings"]
    assert first == second
