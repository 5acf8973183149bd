"""Every kind of knowledge file has a schema, and every packaged file meets it (issue 14)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.knowledge import data_dir
from healthlint.schemas import check_file, check_folder

DATA = data_dir()
FILES = sorted(DATA.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_packaged_data_file_meets_its_schema(path):
    assert check_file(path, path.relative_to(DATA).as_posix()) == []


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_key_is_named_with_the_key_it_meant(tmp_path):
    path = write(tmp_path, "spam/tags.yaml", "- id: t\n  labels: [casino]\n  why: gambling\n  sorce: https://example.org/\n")
    errors = check_file(path, "spam/tags.yaml")
    assert "spam/tags.yaml entry 1 (t): unknown key 'sorce' (did you mean 'source'?)" in errors
    assert "spam/tags.yaml entry 1 (t): missing 'source'" in errors


def test_a_wrong_type_and_a_value_outside_its_choices_are_errors(tmp_path):
    path = write(tmp_path, "x/words.yaml", "kind: lexicon\nlists:\n  - id: w\n    why: test\n    terms: gentle stroke\n"
                                           "    match: stem\n")
    errors = check_file(path, "x/words.yaml")
    assert "x/words.yaml: lists entry 1 (w): 'terms' should be str-list, not str" in errors
    assert any("'match' is 'stem', expected one of lower, lemma, orth" in e for e in errors)


def test_terms_choose_their_schema_by_kind(tmp_path):
    path = write(tmp_path, "terms/mine.yaml", "- id: femur\n  kind: bone\n  names: [femur]\n"
                                             "- id: calf\n  kind: anatomy\n  names: [calf]\n  definition: x\n")
    errors = check_file(path, "terms/mine.yaml")
    assert errors[0].startswith("terms/mine.yaml entry 1 (femur): 'kind' is 'bone', expected one of condition, anatomy")
    assert "terms/mine.yaml entry 2 (calf): missing 'source'" in errors


def test_a_file_no_schema_covers_is_an_error(tmp_path):
    path = write(tmp_path, "notes/todo.yaml", "- anything\n")
    assert check_file(path, "notes/todo.yaml") == [
        "notes/todo.yaml: no schema covers this file (add its kind to linter/schemas.yaml)"]


def test_a_publisher_checks_its_own_folder_from_the_command_line(tmp_path):
    write(tmp_path, "techniques/house.yaml", "kind: lexicon\nlists:\n  - id: house\n    terms: [river stone glide]\n")
    run = subprocess.run([sys.executable, "-m", "healthlint.schemas", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "house.yaml: lists entry 1 (house): missing 'why'" in run.stdout
    assert check_folder(DATA) == []


def test_a_file_that_is_not_yaml_is_an_error_not_a_traceback(tmp_path):
    path = write(tmp_path, "spam/tags.yaml", "- id: t\n  labels: [casino\n")
    errors = check_file(path, "spam/tags.yaml")
    assert len(errors) == 1 and errors[0].startswith("spam/tags.yaml:") and "cannot be read" in errors[0]
