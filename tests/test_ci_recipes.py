"""The README's CI recipes, run as written on a throwaway content repository.

The module builds, once: a copy of this checkout as a healthlint repository tagged ``v<version>`` (as
docs/releasing.md makes a release), a virtual environment, and a content repository (git, articles,
a config). Then, in the README's order, it runs the install recipes (clone, wheel, git URL), the
baseline commands, the GitHub workflow's ``run`` steps, the GitLab job's ``script`` and the pre-commit
hook, and checks each output with its consumer (tests/ci_consumers.py). The only things replaced are
``HEALTHLINT_REPO`` and pre-commit's ``repo:`` URL, by the throwaway repository's ``file://`` URL.

Slow (pip builds healthlint three times; pre-commit builds its own environment from PyPI). The
venv sees the machine's site packages, so installs take ``PIP_NO_DEPS`` and ``PIP_IGNORE_INSTALLED``:
healthlint itself is installed from the recipe's source every time, its dependencies are the
machine's; pre-commit's environment installs the dependencies from PyPI as a content team's would.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import healthlint
from ci_consumers import read_annotations, read_junit, validate_gitlab, validate_sarif
from readme import code_blocks, commands, section

ROOT = Path(__file__).resolve().parent.parent
VERSION = healthlint.__version__
WHEEL = f"tools/healthlint-{VERSION}-py3-none-any.whl"
OFFLINE_MARKERS = ("Could not find a version that satisfies", "Failed to establish a new connection",
                   "Temporary failure in name resolution")

pytestmark = pytest.mark.slow

# The content team's articles (Markdown, as most static-site repositories keep them).
OLD_ARTICLE = ("# A short history of cupping\n\nCupping removes toxins from the blood, the old leaflets said.\n\n"
               "Many spas still offer it next to massage.\n\nRead more\n")
CLEAN_ARTICLE = "# Sleep after a massage\n\nA massage in the evening may help some people relax before bed.\n"
NEW_ARTICLE = ("# Our new package\n\nA massage may ease a stiff neck for a while.\n\n"
               "Book three sessions today.\n\nReport Page\n")
CONFIG = ('ignore = ["HL50"]          # article-level checks are for the audit, not for each pull request\n'
          'exclude = ["content/drafts/"]\n\n[severity]\nHL590 = "warning"         # stale suppressions fail CI\n')


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def _release_copy(dest: Path) -> Path:
    """A committed copy of the working tree (tracked and new, non-ignored files), tagged as a release is
    (docs/releasing.md); the checkout's own git state stays untouched."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", f"Release {VERSION}")
    _git(dest, "tag", "-a", f"v{VERSION}", "-m", f"healthlint {VERSION}")
    return dest


class Shell:
    """Runs recipe lines as a CI runner would: bash, in the content repository, the venv first on PATH.
    A recipe's own ``pip`` lines install healthlint only (``PIP_NO_DEPS``, ``PIP_IGNORE_INSTALLED``: see
    the module's docstring); pre-commit's pip, which builds the hook's environment, gets no such help."""

    PIP_LINE = {"PIP_NO_DEPS": "1", "PIP_IGNORE_INSTALLED": "1"}

    def __init__(self, venv: Path, env: dict):
        self.env = {**env, "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}"}

    def __call__(self, line: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
        env = {**self.env, **self.PIP_LINE} if line.startswith("pip ") else self.env
        proc = subprocess.run(line, shell=True, executable="/bin/bash", cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode and any(m in proc.stdout + proc.stderr for m in OFFLINE_MARKERS):
            pytest.skip(f"the package registry is not reachable: {line}")
        return proc


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    base = tmp_path_factory.mktemp("recipes")
    upstream = _release_copy(base / "healthlint-upstream")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    # a CI runner's environment: none of this machine's colour, format or pip settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k not in
           ("NO_COLOR", "FORCE_COLOR", "HEALTHLINT_OUTPUT_FORMAT", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HEALTHLINT_REPO=upstream.as_uri(), PIP_DISABLE_PIP_VERSION_CHECK="1",
               PRE_COMMIT_HOME=str(base / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    site = base / "site"  # the content repository
    for rel, text in {"content/cupping-history.md": OLD_ARTICLE, "content/sleep.md": CLEAN_ARTICLE,
                      "content/clinic.md": "# Our clinic\n\n" + code_blocks("Suppressing a finding", "markdown")[0],
                      "content/drafts/wip.md": "# Work in progress\n\nReport Page\n",
                      "style.css": "/* Report Page */\n", "healthlint.toml": CONFIG}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    _git(site, "init", "-q")
    return {"base": base, "site": site, "upstream": upstream, "venv": venv, "shell": Shell(venv, env)}


def _healthlint_location(world) -> str:
    proc = world["shell"]("python -c 'import healthlint; print(healthlint.__file__, healthlint.__version__)'",
                          world["site"])
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_install_recipes(world):
    """From a clone at the tag, as a wheel built from it, and from the git URL: each installs this version
    into the venv (not the checkout the tests run from)."""
    shell, site = world["shell"], world["site"]
    clone, wheel = code_blocks("Installing healthlint", "sh")[:2]
    git_url = re.search(r'`(pip install "git\+[^`]+)`', section("Installing healthlint")).group(1)
    for line in commands(clone) + [git_url] + commands(wheel):  # the wheel last: the CI recipes use it
        proc = shell(line, site)
        assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
        if line.startswith("pip install"):
            where = _healthlint_location(world)
            assert where.startswith(str(world["venv"])) and where.split()[1] == VERSION, (line, where)
    assert _git(site.parent / "healthlint", "describe", "--tags").strip() == f"v{VERSION}"
    assert (site / WHEEL).is_file()


def test_baseline_recipe(world):
    shell, site = world["shell"], world["site"]
    block = code_blocks("Baseline: accept old articles, fail on new problems", "sh")[0]
    results = [shell(line, site) for line in commands(block)]
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    baseline = json.loads((site / "healthlint-baseline.json").read_text(encoding="utf-8"))
    paths = {e["path"] for e in baseline["findings"]}
    assert paths == {"content/cupping-history.md"}, baseline  # the README example in clinic.md is not debt
    assert "known findings hidden by the baseline" in results[0].stdout
    _git(site, "add", "-A")
    _git(site, "commit", "-q", "-m", "Articles, config and baseline")
    # a pull request: a new article, and an edit elsewhere in an old one
    (site / "content" / "new-package.md").write_text(NEW_ARTICLE, encoding="utf-8")
    (site / "content" / "cupping-history.md").write_text(OLD_ARTICLE.replace("Many spas", "Today many spas"),
                                                         encoding="utf-8")


def _steps(workflow: dict) -> list[dict]:
    [job] = workflow["jobs"].values()
    return job["steps"]


def test_github_workflow(world):
    shell, site = world["shell"], world["site"]
    [block] = code_blocks("GitHub Actions", "yaml")
    workflow = yaml.safe_load(block)
    (site / ".github" / "workflows").mkdir(parents=True, exist_ok=True)
    (site / ".github" / "workflows" / "healthlint.yml").write_text(block, encoding="utf-8")
    assert workflow["permissions"]["security-events"] == "write"
    failed, outputs = False, []
    for step in _steps(workflow):
        if failed and step.get("if") != "always()":
            continue
        uses = step.get("uses", "")
        if uses.startswith("actions/setup-python"):  # setup-python fails when the cache key file is missing
            assert (site / step["with"]["cache-dependency-path"]).is_file()
        if uses.startswith("github/codeql-action/upload-sarif"):
            log = json.loads((site / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
            validate_sarif(log)
            outputs.append(("upload-sarif", log))
        if "run" in step:
            proc = shell(step["run"], site)
            outputs.append((step["name"], proc))
            failed = failed or proc.returncode != 0
    by_name = dict(outputs)

    check = by_name["Check articles (new findings fail the job and are annotated on the diff)"]
    assert check.returncode == 1, check.stderr  # the new article fails the job
    annotations = read_annotations(check.stdout)
    assert annotations and all(line.startswith("::") for line in check.stdout.splitlines())
    for a in annotations:
        path = site / a["properties"]["file"]
        assert path.is_file() and not Path(a["properties"]["file"]).is_absolute()
        assert 1 <= int(a["properties"]["line"]) <= len(path.read_text(encoding="utf-8").splitlines())
    flagged = {(a["properties"]["file"], a["properties"]["title"].split()[0]) for a in annotations}
    assert ("content/new-package.md", "HL405") in flagged
    assert {file for file, _ in flagged} == {"content/new-package.md"}  # baselined, suppressed, excluded: quiet
    residue = next(a for a in annotations if a["properties"]["title"].startswith("HL405"))
    assert residue["command"] == "warning" and "\nSuggestion: " in residue["data"]
    assert "HL405  scraper-residue" in check.stderr and "hidden by the baseline" in check.stderr

    sarif = by_name["Full report for code scanning"]
    assert sarif.returncode == 0, sarif.stderr
    log = by_name["upload-sarif"]
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert all((site / uri).is_file() for uri in uris) and "content/new-package.md" in uris
    judged = {r["ruleId"]: r["suppressions"][0] for r in results
              if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/clinic.md"}
    assert sorted(judged) == ["HL101", "HL301", "HL405"] and {s["kind"] for s in judged.values()} == {"inSource"}
    assert judged["HL301"]["justification"] == '"Velantor therapy" is the clinic\'s trademark'


def test_report_format_examples(world):
    """The ``$ healthlint ...`` lines of "Report formats", run in the repository as it is after the pull request."""
    shell, site = world["shell"], world["site"]
    lines = [line[2:] for block in code_blocks("Report formats", "text") for line in block.splitlines()
             if line.startswith("$ ")]
    assert len(lines) == 2
    github, sarif = (shell(line, site) for line in lines)
    assert github.returncode == 1 and read_annotations(github.stdout)
    assert sarif.returncode == 1 and sarif.stdout == ""  # the report went to the file, the table to stderr
    assert re.search(r"^ +2  HL405  scraper-residue +warning$", sarif.stderr, re.M), sarif.stderr
    validate_sarif(json.loads((site / "healthlint.sarif").read_text(encoding="utf-8")))


def test_gitlab_job(world):
    shell, site = world["shell"], world["site"]
    [block] = code_blocks("GitLab CI", "yaml")
    (site / ".gitlab-ci.yml").write_text(block, encoding="utf-8")
    job = yaml.safe_load(block)["healthlint"]
    codes = []
    for line in job["script"]:  # a GitLab job stops at the first line that fails
        proc = shell(line, site)
        codes.append(proc.returncode)
        if proc.returncode:
            break
    assert codes == [0, 0, 1]  # the new article fails the job, after both reports are written
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always" and set(job["artifacts"]["paths"]) == set(reports.values())

    quality = json.loads((site / reports["codequality"]).read_text(encoding="utf-8"))
    validate_gitlab(quality)
    assert all((site / issue["location"]["path"]).is_file() for issue in quality)
    assert {i["location"]["path"] for i in quality} == {"content/cupping-history.md", "content/new-package.md"}

    suites, cases = read_junit(site / reports["junit"])
    by_name = {name: results for name, results, _ in cases}
    assert set(by_name) == {"content/clinic.md", "content/cupping-history.md", "content/new-package.md",
                            "content/sleep.md"}
    assert suites[0].failures == 1 and [r[1] for r in by_name["content/new-package.md"]] == ["HL405"]


def test_pre_commit_hook(world):
    shell, site, upstream = world["shell"], world["site"], world["upstream"]
    [block] = code_blocks("pre-commit", "yaml")
    config = yaml.safe_load(block)
    assert config["repos"][0]["rev"] == f"v{VERSION}"
    # the one substitution: where the healthlint repository is
    written = re.sub(r"(?m)^(\s*- repo: ).*$", lambda m: m.group(1) + upstream.as_uri(), block)
    (site / ".pre-commit-config.yaml").write_text(written, encoding="utf-8")
    _git(site, "add", "-A")
    pre_commit = f"{sys.executable} -m pre_commit"
    first = shell(f"{pre_commit} run --all-files --verbose", site, timeout=1800)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "content/new-package.md:7:1: HL405" in output
    for quiet in ("cupping-history.md:", "clinic.md:", "sleep.md:", "wip.md", "style.css"):
        assert quiet not in output, quiet  # baselined, suppressed, clean, excluded by the config, not an article

    (site / "content" / "new-package.md").write_text(NEW_ARTICLE.replace("\n\nReport Page\n", "\n"), encoding="utf-8")
    _git(site, "add", "-A")
    _git(site, "commit", "-q", "--no-verify", "-m", "New package article")
    assert shell(f"{pre_commit} run --all-files", site).returncode == 0

    # a commit only checks what it stages
    (site / "content" / "sleep.md").write_text(CLEAN_ARTICLE + "\nRead more\n", encoding="utf-8")
    (site / "content" / "drafts" / "wip.md").write_text("# Still a draft\n\nRead more\n", encoding="utf-8")
    _git(site, "add", "content/sleep.md")
    staged = shell(f"{pre_commit} run", site)
    assert staged.returncode == 1 and "content/sleep.md:5:1: HL405" in staged.stdout + staged.stderr
