"""The pre-commit hook: ``pre-commit try-repo`` installs healthlint from a commit of this working tree
into its own environment and runs it on a content repository's staged articles."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_hook_definition_matches_the_cli():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "healthlint")
    assert hook["entry"] == "healthlint check" and hook["language"] == "python"
    import re

    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("a.md", "b/c.markdown", "d.html", "e.htm", "f.txt"))
    assert not any(files.search(name) for name in ("setup.py", "style.css", "notes.md.bak"))


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _snapshot(dest: Path) -> Path:
    """A committed copy of the working tree (tracked and new, non-ignored files): try-repo needs a commit,
    and /work/main's own git state must stay untouched."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return dest


@pytest.mark.slow
def test_pre_commit_try_repo_flags_a_staged_article(tmp_path):
    if shutil.which("git") is None or shutil.which("pre-commit") is None:
        pytest.skip("git and pre-commit are needed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    hook_repo = _snapshot(tmp_path / "healthlint")
    content = tmp_path / "content"
    content.mkdir()
    _git(content, "init", "-q")
    (content / "massage.md").write_text("# Massage after a long week\n\nA massage may ease stress for a while.\n\n"
                                        "Report Page\n", encoding="utf-8")
    (content / "clean.md").write_text("# Stretching\n\nGentle stretching may ease stiffness.\n", encoding="utf-8")
    (content / "style.css").write_text("Report Page\n", encoding="utf-8")  # not an article: not passed
    (content / "drafts").mkdir()
    (content / "drafts" / "wip.md").write_text("# Work in progress\n\nReport Page\n", encoding="utf-8")
    # the content repo's own config applies to the files pre-commit passes
    (content / "healthlint.toml").write_text('select = ["HL405", "HL590"]\nexclude = ["drafts/"]\n', encoding="utf-8")
    _git(content, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    run = subprocess.run(["pre-commit", "try-repo", str(hook_repo), "healthlint", "--all-files", "--verbose"],
                         cwd=content, capture_output=True, text=True, env=env, timeout=1200)
    output = run.stdout + run.stderr
    if "Could not find a version that satisfies" in output or "Failed to establish a new connection" in output:
        pytest.skip("the package registry is not reachable for pre-commit's environment")
    assert run.returncode == 1, output
    assert "massage.md:5:1: HL405" in output
    assert "style.css" not in output and "clean.md:" not in output and "wip.md" not in output

    (content / "massage.md").write_text("# Massage after a long week\n\nA massage may ease stress for a while.\n",
                                        encoding="utf-8")
    _git(content, "add", "-A")
    again = subprocess.run(["pre-commit", "try-repo", str(hook_repo), "healthlint", "--all-files"],
                           cwd=content, capture_output=True, text=True, env=env, timeout=1200)
    assert again.returncode == 0, again.stdout + again.stderr
