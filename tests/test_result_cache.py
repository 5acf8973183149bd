"""check's result cache and worker processes (linter/result_cache.py, linter/run.py): same findings, less work."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from healthlint.cli import cli
from healthlint.config import Settings
from healthlint.run import check_files
from healthlint.sources import Source

CLAIM = "Deep tissue massage cures sciatica permanently."
CLEAN = "A warm bath before bed may help some people relax."
SPAM = "Our therapists ease stiff shoulders.\n\nShare on Facebook Share on Twitter\n"


@pytest.fixture
def cached(monkeypatch):
    """The CLI with the cache switched back on (conftest switches it off for every other test)."""
    monkeypatch.delenv("HEALTHLINT_NO_CACHE", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, ["check", "--isolated", *args], catch_exceptions=False)


def write(folder, files: dict) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def rules_of(output: str) -> dict[str, list[str]]:
    return {f["path"].rsplit("/", 1)[-1]: [x["rule"] for x in f["findings"]] for f in json.loads(output)["files"]}


def test_second_run_reads_the_cache_and_reports_the_same(tmp_path, cached, monkeypatch):
    write(tmp_path, {"claim.txt": CLAIM, "clean.txt": CLEAN, "spam.md": SPAM})
    cache = tmp_path / "cache"
    first = cached("--format", "json", "--cache-dir", str(cache), str(tmp_path))
    assert first.exit_code == 1
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().strip().endswith("*")

    def no_linter(settings):
        raise AssertionError("a cached file was checked again")
    monkeypatch.setattr("healthlint.cli._linter", no_linter)
    second = cached("--format", "json", "--cache-dir", str(cache), str(tmp_path))
    assert second.exit_code == 1 and second.stdout == first.stdout
    text = cached("--no-color", "--cache-dir", str(cache), str(tmp_path / "claim.txt"))
    assert "claim.txt:1:1: HL1" in text.stdout and "| Deep tissue massage cures sciatica" in text.stdout


def test_an_edited_file_is_checked_again_and_the_others_are_not(tmp_path, cached, monkeypatch):
    write(tmp_path, {"a.txt": CLAIM, "b.txt": CLEAN})
    cache = tmp_path / "cache"
    cached("--format", "json", "--cache-dir", str(cache), str(tmp_path))
    (tmp_path / "b.txt").write_text(CLAIM, encoding="utf-8")
    seen = []
    from healthlint.engine import Linter

    class Counting(Linter):
        def check_sources(self, sources):
            sources = list(sources)
            seen.extend(s.path for s in sources)
            return super().check_sources(sources)
    monkeypatch.setattr("healthlint.cli._linter", Counting)
    out = cached("--format", "json", "--cache-dir", str(cache), str(tmp_path))
    assert [p.rsplit("/", 1)[-1] for p in seen] == ["b.txt"]
    assert rules_of(out.stdout)["b.txt"] == rules_of(out.stdout)["a.txt"] != []


def test_settings_that_change_findings_are_part_of_the_key(tmp_path, cached):
    write(tmp_path, {"a.txt": CLAIM})
    cache = str(tmp_path / "cache")
    everything = rules_of(cached("--format", "json", "--cache-dir", cache, str(tmp_path)).stdout)["a.txt"]
    ignored = rules_of(cached("--format", "json", "--cache-dir", cache, "--ignore", "HL1", str(tmp_path)).stdout)
    assert any(r.startswith("HL1") for r in everything)
    assert not any(r.startswith("HL1") for r in ignored["a.txt"])
    # --fail-on only changes the exit code: the cached findings serve it
    assert cached("--cache-dir", cache, "--fail-on", "never", str(tmp_path)).exit_code == 0


def test_a_damaged_or_unwritable_cache_never_changes_the_result(tmp_path, cached):
    write(tmp_path, {"a.txt": CLAIM})
    cache = tmp_path / "cache"
    expected = cached("--format", "json", "--no-cache", str(tmp_path)).stdout
    cache.mkdir()
    (cache / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    damaged = cached("--format", "json", "--cache-dir", str(cache), str(tmp_path))
    assert damaged.stdout == expected and "cache was damaged" in damaged.stderr
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    unusable = cached("--format", "json", "--cache-dir", str(blocked / "cache"), str(tmp_path))
    assert unusable.stdout == expected and unusable.exit_code == 1 and "cannot use the cache" in unusable.stderr


def test_no_cache_writes_nothing_and_stdin_is_never_cached(tmp_path, cached, monkeypatch):
    write(tmp_path, {"a.txt": CLAIM})
    monkeypatch.chdir(tmp_path)
    cached("--no-cache", "a.txt")
    assert not (tmp_path / ".healthlint_cache").exists()
    runner = CliRunner()
    runner.invoke(cli, ["check", "--isolated", "--cache-dir", str(tmp_path / "c"), "-"], input=CLAIM)
    from healthlint.audit.cache import Cache

    assert len(Cache(str(tmp_path / "c"))) == 0
    cached("a.txt")  # the default folder: .healthlint_cache where the run starts (no config file here)
    assert len(Cache(str(tmp_path / ".healthlint_cache"))) == 1


def test_html_report_of_cached_files_still_draws_the_article(tmp_path, cached):
    write(tmp_path, {"a.md": "# Sciatica\n\n" + CLAIM + "\n"})
    cache = str(tmp_path / "cache")
    cached("--cache-dir", cache, str(tmp_path))
    page = cached("--format", "html", "--cache-dir", cache, str(tmp_path)).stdout
    assert "Deep tissue massage cures sciatica" in page and "HL1" in page


def test_jobs_give_the_same_report_in_the_same_order(tmp_path):
    texts = [CLAIM, CLEAN, SPAM, "Massage flushes toxins out of the muscles.", CLEAN + " " + CLAIM]
    sources = [Source(path=str(tmp_path / f"f{i:02d}.txt"), data=texts[i % len(texts)].encode()) for i in range(20)]
    one, _ = check_files(sources, Settings(), jobs=1)
    two, _ = check_files(sources, Settings(), jobs=2)
    assert [r.path for r in two] == [s.path for s in sources]
    assert [[f.to_dict() for f in r.findings] for r in two] == [[f.to_dict() for f in r.findings] for r in one]
    assert any(r.findings for r in two) and all(r.document.spacy is None for r in two)


def test_a_worker_that_dies_costs_only_its_files(tmp_path):
    from healthlint.engine import Linter

    class Fragile(Linter):
        def check_sources(self, sources):
            sources = list(sources)
            if any("poison" in s.path for s in sources):
                os._exit(3)  # as a crash in native code or the OOM killer would end it
            return super().check_sources(sources)

    paths = [f"f{i:02d}.txt" for i in range(15)] + ["poison.txt"] + [f"g{i:02d}.txt" for i in range(15)]
    sources = [Source(path=str(tmp_path / p), data=CLAIM.encode()) for p in paths]
    results, _ = check_files(sources, Settings(), jobs=2, linter_factory=Fragile)
    assert len(results) == len(sources)
    dead = [r for r in results if not r.checked]
    assert any(r.path.endswith("poison.txt") for r in dead)
    assert all("worker process checking this file died" in r.errors[0] for r in dead)
    assert any(r.checked and r.findings for r in results)  # the files of other chunks were checked


def test_cached_recheck_does_not_import_spacy(tmp_path):
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HEALTHLINT_NO_CACHE"}
    args = ["check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "a.txt")]
    probe = ("import sys\nfrom healthlint.cli import cli\ntry:\n    cli.main(args=%r, standalone_mode=False)\n"
             "except SystemExit:\n    pass\nprint('SPACY', 'spacy' in sys.modules)\n" % (args,))
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert "SPACY True" in first.stdout  # the first run checks, so it needs spaCy
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert "SPACY False" in second.stdout, second.stdout + second.stderr
    assert "HL1" in second.stdout
