"""The release convention (docs/releasing.md): one version, written once, that the README's recipes and
the CHANGELOG agree with, so that the tag they name (v<version>) is the one a release makes."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import healthlint
from readme import README, code_blocks, section

ROOT = Path(__file__).resolve().parent.parent
VERSION = healthlint.__version__


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "healthlint.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)


def test_the_readme_recipes_name_this_versions_tag_and_wheel():
    text = README.read_text(encoding="utf-8")
    tags = set(re.findall(r"\bv\d+\.\d+\.\d+\b", text))
    wheels = set(re.findall(r"healthlint-\d+\.\d+\.\d+-py3-none-any\.whl", text))
    assert tags == {f"v{VERSION}"}, tags
    assert wheels == {f"healthlint-{VERSION}-py3-none-any.whl"}, wheels
    [hook] = code_blocks("pre-commit", "yaml")
    assert f"rev: v{VERSION}\n" in hook
    assert "YOUR-ORG" not in text and "YOUR-GROUP" not in text
    assert "docs/releasing.md" in section("Installing healthlint")


def test_the_changelog_has_an_unreleased_section_and_dated_releases():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "Unreleased"
    for heading in headings[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+ - \d{4}-\d{2}-\d{2}", heading), heading
    released = [tuple(map(int, h.split()[0].split("."))) for h in headings[1:]]
    assert released == sorted(released, reverse=True)
    # the code's version is the newest release, or the next one (not released yet)
    assert not released or tuple(map(int, VERSION.split("."))) >= released[0]

