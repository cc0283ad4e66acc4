"""`exclude` and `per-file-ignores`: relative to the configuration file, applied to named files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLEAN, cli

from notice_lint.config import ConfigError, load
from notice_lint.input.globs import PathGlobs

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    (tmp_path / ".notice-lint.yaml").write_text(
        "exclude: ['drafts/old/*']\nper-file-ignores:\n  'archive/*.txt': [confusables]\n",
        encoding="utf-8")
    for path in ("drafts/old/a.txt", "drafts/new.txt", "archive/b.txt"):
        (tmp_path / path).write_text(BAD, encoding="utf-8")
    return tmp_path


def rules_of(proc) -> list[tuple[str, str]]:
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["rule"]) for f in json.loads(proc.stdout)["findings"]]


def test_exclude_applies_to_a_named_file_from_a_subdirectory(project):
    proc = cli("old/a.txt", "new.txt", "--format", "json", cwd=project / "drafts")
    assert rules_of(proc) == [("new.txt", "confusables")]
    assert proc.stderr == ""   # pre-commit names excluded files all the time: no warning


def test_only_excluded_files_named_is_a_pass(project):
    proc = cli("old/a.txt", cwd=project / "drafts")
    assert (proc.returncode, proc.stderr) == (0, "")
    # the summary says why nothing was linted
    assert proc.stdout == "未发现问题，检查文件 0 个（另有 1 个指定的文件被配置的 exclude 排除）。\n"
    english = cli("--lang", "en", "old/a.txt", cwd=project / "drafts").stdout
    assert english == "No problems found in 0 files (1 named file excluded by the configuration).\n"


def test_a_named_file_in_an_excluded_folder(project):
    (project / ".notice-lint.yaml").write_text("exclude: [drafts/old]\n", encoding="utf-8")
    assert rules_of(cli("drafts/old/a.txt", "drafts/new.txt", "--format", "json",
                        cwd=project)) == [("drafts/new.txt", "confusables")]
    assert rules_of(cli(".", "--format", "json", cwd=project / "drafts")) == [
        ("./new.txt", "confusables")]


def test_per_file_ignores_relative_to_the_config_from_a_subdirectory(project):
    assert rules_of(cli("b.txt", "--format", "json", cwd=project / "archive")) == []
    # the same pattern, read as relative to the working directory, would miss it
    assert rules_of(cli("archive/b.txt", "--format", "json", cwd=project)) == []
    assert rules_of(cli("../drafts/new.txt", "--format", "json", cwd=project / "archive")) == [
        ("../drafts/new.txt", "confusables")]


def test_patterns_of_an_extended_file_are_relative_to_that_file(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "base.yaml").write_text("exclude: ['old/*']\n", encoding="utf-8")
    (tmp_path / ".notice-lint.yaml").write_text("extends: team/base.yaml\n", encoding="utf-8")
    for path in ("old/a.txt", "team/old/a.txt"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(BAD, encoding="utf-8")
    assert rules_of(cli(".", "--format", "json", cwd=tmp_path)) == [
        ("./old/a.txt", "confusables")]


def test_config_named_with_option_from_elsewhere(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = str(project / ".notice-lint.yaml")
    named = str(project / "drafts" / "old" / "a.txt")
    assert rules_of(cli(named, str(project / "archive" / "b.txt"), "--config", config,
                        "--format", "json", cwd=elsewhere)) == []


def test_force_exclude_false_lints_named_files_and_still_leaves_walks_alone(project):
    (project / ".notice-lint.yaml").write_text(
        "exclude: ['drafts/old/*']\nforce-exclude: false\n", encoding="utf-8")
    assert rules_of(cli("drafts/old/a.txt", "--format", "json", cwd=project)) == [
        ("drafts/old/a.txt", "confusables")]
    assert [p for p, _ in rules_of(cli("drafts", "--format", "json", cwd=project))] == [
        "drafts/new.txt"]


def test_force_exclude_must_be_a_boolean(tmp_path):
    (tmp_path / "c.yaml").write_text("force-exclude: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="force-exclude"):
        load(tmp_path / "c.yaml")


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("*.txt", "sub/a.txt", True),          # no slash: the name alone
    ("sub/*.txt", "sub/deeper/a.txt", True),   # * crosses / (fnmatch)
    ("sub/*.txt", "other/sub/a.txt", False),   # anchored at the configuration's folder
    ("./sub/a.txt", "sub/a.txt", True),
    ("sub\\a.txt", "sub/a.txt", True),     # written with Windows separators
])
def test_glob_semantics(tmp_path, pattern, path, hit):
    globs = PathGlobs((pattern,), str(tmp_path))
    assert (globs.match(str(tmp_path / path)) is not None) is hit


def test_an_excluded_draft_named_is_still_never_overwritten_by_the_report(project):
    before = (project / "drafts" / "old" / "a.txt").read_bytes()
    proc = cli("drafts/old/a.txt", "drafts/new.txt", "--output", "drafts/old/a.txt", cwd=project)
    assert proc.returncode == 2 and "drafts/old/a.txt" in proc.stderr
    assert (project / "drafts" / "old" / "a.txt").read_bytes() == before


def test_patterns_in_pyproject_are_relative_to_its_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.notice-lint]\nexclude = ["drafts/old/*"]\n\n'
        '[tool.notice-lint.per-file-ignores]\n"archive/*.txt" = ["confusables"]\n',
        encoding="utf-8")
    for path in ("drafts/old/a.txt", "drafts/new.txt", "archive/b.txt"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(BAD, encoding="utf-8")
    assert rules_of(cli("old/a.txt", "new.txt", "../archive/b.txt", "--format", "json",
                        cwd=tmp_path / "drafts")) == [("new.txt", "confusables")]


def test_a_named_folder_holding_only_excluded_drafts_passes(project):
    proc = cli("drafts/old", cwd=project)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    # a folder with no draft at all is still the error it was: a gate never passes on nothing
    (project / "empty").mkdir()
    assert cli("empty", cwd=project).returncode == 2
