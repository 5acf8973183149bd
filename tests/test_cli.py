"""The command line: formats, selection, exit codes, stdin, rules/explain, --model, plugins."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from healthlint.cli import cli

RESIDUE = "Massage may ease stress for a while.\n\nReport Page\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(RESIDUE, encoding="utf-8")
    return path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_text_report_and_exit_codes(article):
    result = run("check", "--no-color", str(article))
    assert result.exit_code == 1
    assert f"{article}:3:1: HL405 [warning]" in result.stdout
    assert " 3 | Report Page" in result.stdout and "^^^^^^^^^^^" in result.stdout
    assert "\x1b[" not in result.stdout
    assert run("check", "--fail-on", "error", str(article)).exit_code == 0
    assert run("check", "--fail-on", "never", str(article)).exit_code == 0
    assert run("check", "--ignore", "HL4", str(article)).exit_code == 0
    assert run("check", "--select", "HL405", str(article)).exit_code == 1


def test_color_is_forced_on_request(article):
    assert "\x1b[" in run("check", "--color", str(article)).stdout


def test_usage_errors_exit_2(article):
    assert run("check", "--select", "HL999", str(article)).exit_code == 2
    assert run("check", "--format", "yaml", str(article)).exit_code == 2
    assert run("explain", "HL999").exit_code == 2


def test_json_schema_and_output_file(article, tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "--output", str(out), str(article))
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["errors"] == []
    finding = data["files"][0]["findings"][0]
    for key in ("rule", "category", "severity", "message", "start", "end", "line", "column", "excerpt"):
        assert key in finding
    assert finding["excerpt"] == "Report Page"


def test_stdin_with_filename():
    result = run("check", "--format", "json", "--stdin-filename", "post.md", "-", input=RESIDUE)
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "post.md"
    assert data["files"][0]["findings"][0]["line"] == 3


def test_folders_globs_excludes_and_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for name in ("b/2.md", "a/1.txt", "a/skip.txt", "a/notes.csv"):
        (tmp_path / name).write_text(RESIDUE, encoding="utf-8")
    result = run("check", "--format", "json", "--exclude", "skip.txt", str(tmp_path))
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert [p.replace(str(tmp_path), "") for p in paths] == ["/a/1.txt", "/b/2.md"]
    result = run("check", "--format", "json", str(tmp_path / "*" / "*.md"))
    assert [f["path"].endswith("2.md") for f in json.loads(result.stdout)["files"]] == [True]


def test_directory_without_articles(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "no articles found" in result.stderr


def test_rules_and_explain():
    listing = run("rules")
    assert listing.exit_code == 0 and "HL405" in listing.stdout and "scraper-residue" in listing.stdout
    rules = json.loads(run("rules", "--format", "json").stdout)
    assert all({"code", "name", "category", "severity"} <= set(r) for r in rules)
    explained = run("explain", "hl405")
    assert explained.exit_code == 0 and "Bad:" in explained.stdout and "Why:" in explained.stdout


def test_python_dash_m(article):
    proc = subprocess.run([sys.executable, "-m", "healthlint", "check", "--format", "json", str(article)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and json.loads(proc.stdout)["files"][0]["findings"]


def test_model_option_loads_a_saved_pipeline(tmp_path, article):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "my_pipeline")
    result = run("check", "--format", "json", "--model", str(tmp_path / "my_pipeline"), str(article))
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["files"][0]["findings"][0]["rule"] == "HL405"
    missing = run("check", "--model", str(tmp_path / "nope"), str(article))
    assert missing.exit_code == 2 and "cannot load spaCy pipeline" in missing.output


def test_third_party_rules_register_through_entry_points(tmp_path, monkeypatch):
    import healthlint.rule as rule_module

    (tmp_path / "acme_rules.py").write_text(
        "from healthlint.rule import Rule\n"
        "class NoMiracle(Rule):\n"
        "    '''Flags the word miracle.\n\n    Bad: A miracle cure.\n    Good: A treatment.\n    '''\n"
        "    code = 'ACME001'\n    name = 'no-miracle'\n    category = 'claim'\n"
        "    def check(self, doc):\n"
        "        i = doc.prose.find('miracle')\n"
        "        if i >= 0:\n"
        "            yield self.finding(doc, i, i + 7, 'Miracle is not evidence.')\n", encoding="utf-8")
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[healthlint.rules]\nacme = acme_rules\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(rule_module, "_REGISTRY", None)
    try:
        assert "ACME001" in rule_module.all_rules()
        page = tmp_path / "page.txt"
        page.write_text("A miracle oil for sciatica.\n", encoding="utf-8")
        data = json.loads(run("check", "--format", "json", "--select", "ACME", str(page)).stdout)
        assert [f["rule"] for f in data["files"][0]["findings"]] == ["ACME001"]
    finally:
        rule_module._REGISTRY = None


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`healthlint ... | head -1`: no traceback and no 'internal error' when the reader leaves."""
    for i in range(300):  # well over a pipe buffer (64 KiB) of report, so the write really fails
        (tmp_path / f"a{i}.txt").write_text(RESIDUE, encoding="utf-8")
    proc = subprocess.run(f"{sys.executable} -m healthlint check {tmp_path} | head -1", shell=True,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
