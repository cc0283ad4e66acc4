"""pre-commit as a user runs it on a repository of drafts: try-repo, a pinned commit, repo: local."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLEAN, ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")]

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")
README = "# 草稿库\n\n本仓库存放各单位的草稿，提交前由 notice-lint 自动检查。\n\n运行 `pre-commit install`。\n"
CONFIG = ("exclude: ['drafts/old']\n"
          "per-file-ignores:\n  'drafts/quoted/*.txt': [confusables]\n")
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "NO_COLOR": "1"}
SUMMARY = re.compile(r"检查文件 \d+ 个")


def run(*args, cwd: Path, env: dict | None = None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **ENV, **(env or {})})


@pytest.fixture(scope="module")
def pre_commit() -> str:
    found = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(found).exists():
        pytest.skip("pre-commit is not installed")
    return found


@pytest.fixture(scope="module")
def hooks(tmp_path_factory) -> tuple[Path, str]:
    """This checkout as it is now, committed in a clone of its own: (folder, commit)."""
    folder = tmp_path_factory.mktemp("hooks") / "notice-lint"
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache",
        ".hypothesis", "build", "dist", "benchmarks"))
    for step in (("git", "init", "-q"), ("git", "add", "-A"), ("git", "commit", "-qm", "hooks")):
        assert run(*step, cwd=folder).returncode == 0
    commit = run("git", "rev-parse", "HEAD", cwd=folder).stdout.strip()
    return folder, commit


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> dict:
    """One pre-commit cache for the module: the hook's environment is built once per config."""
    return {"PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
            "NOTICE_LINT_CACHE_DIR": str(tmp_path_factory.mktemp("nl-cache"))}


@pytest.fixture
def drafts(tmp_path) -> Path:
    """A repository of drafts as a team keeps it: a README, a file that is no notice, drafts,
    an archive left out by `exclude`, quoted originals whose wording is not ours to fix."""
    work = tmp_path / "drafts-repo"
    (work / "drafts" / "old").mkdir(parents=True)
    (work / "drafts" / "quoted").mkdir()
    (work / "README.md").write_text(README, encoding="utf-8")
    (work / "requirements.txt").write_text("pyyaml>=6\nregex\n", encoding="utf-8")
    (work / ".notice-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (work / "drafts" / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "drafts" / "good.txt").write_text(CLEAN, encoding="utf-8")
    (work / "drafts" / "old" / "stale.txt").write_text(BAD, encoding="utf-8")
    (work / "drafts" / "quoted" / "original.txt").write_text(BAD, encoding="utf-8")
    assert run("git", "init", "-q", cwd=work).returncode == 0
    assert run("git", "add", ".", cwd=work).returncode == 0
    return work


def reported(output: str) -> list[tuple[str, str]]:
    """(file, rule) of each finding line of the text format."""
    return [(m[1], m[2]) for m in re.finditer(
        r"^(?:\S+ )?(\S+?):\d+:\d+: (?:error|warning|info) ([\w-]+):", output, re.M)]


def test_try_repo_on_a_repository_of_drafts(pre_commit, hooks, home, drafts):
    folder, _ = hooks
    every = run(pre_commit, "try-repo", str(folder), "notice-lint", "--all-files", "--verbose",
                cwd=drafts, env=home)
    out = every.stdout
    assert every.returncode == 1, out + every.stderr
    # the archive (excluded by a folder pattern, though pre-commit names its file) and the
    # quoted original (its confusables ignored) report nothing; the README and the
    # requirements file are one info line each
    assert sorted(reported(out)) == [("README.md", "required-sections"),
                                     ("drafts/bad.txt", "confusables"),
                                     ("requirements.txt", "required-sections")]
    assert "stale.txt" not in out and "original.txt" not in out
    # one process, one summary: the five files pre-commit named that the config does not exclude
    assert SUMMARY.findall(out) == ["检查文件 5 个"], out
    assert "共发现 3 个问题（错误 1，警告 0，提示 2）" in out

    # a commit touching only the excluded archive passes: nothing to lint is not a failure here
    archive = run(pre_commit, "try-repo", str(folder), "notice-lint", "--files",
                  "drafts/old/stale.txt", cwd=drafts, env=home)
    assert archive.returncode == 0, archive.stdout + archive.stderr
    clean = run(pre_commit, "try-repo", str(folder), "notice-lint", "--files", "drafts/good.txt",
                "README.md", "requirements.txt", "drafts/quoted/original.txt", cwd=drafts,
                env=home)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_the_readme_snippets_as_pasted(pre_commit, hooks, home, drafts):
    """The two ways the README gives, with this clone for the URL and its commit for rev."""
    folder, commit = hooks
    pinned = (f"repos:\n  - repo: {folder.as_uri()}\n    rev: {commit}\n"
              f"    hooks:\n      - id: notice-lint\n")
    local = ("repos:\n  - repo: local\n    hooks:\n      - id: notice-lint\n"
             "        name: notice-lint\n        entry: notice-lint\n        language: python\n"
             f"        additional_dependencies: ['notice-lint @ {folder.as_uri()}']\n"
             "        files: '\\.(txt|md|markdown|docx)$'\n        require_serial: true\n")
    for config in (pinned, local):
        (drafts / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        proc = run(pre_commit, "run", "--all-files", cwd=drafts, env=home)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert ("drafts/bad.txt", "confusables") in reported(proc.stdout), proc.stdout
        assert SUMMARY.findall(proc.stdout) == ["检查文件 5 个"], proc.stdout
        (drafts / "drafts" / "bad.txt").write_text(CLEAN, encoding="utf-8")
        assert run(pre_commit, "run", "--all-files", cwd=drafts, env=home).returncode == 0
        (drafts / "drafts" / "bad.txt").write_text(BAD, encoding="utf-8")


def test_the_ci_install_from_a_git_url_and_commit(hooks, drafts, tmp_path):
    """The README's CI step, `pip install "git+URL@COMMIT"`, with this clone for the URL."""
    folder, commit = hooks
    venv = tmp_path / "ci-venv"
    assert run(sys.executable, "-m", "venv", str(venv), cwd=tmp_path).returncode == 0
    pip = run(str(venv / "bin" / "pip"), "install", "--quiet",
              f"git+{folder.as_uri()}@{commit}", cwd=tmp_path)
    assert pip.returncode == 0, pip.stderr
    proc = run(str(venv / "bin" / "notice-lint"), "drafts/", cwd=drafts)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert reported(proc.stdout) == [("drafts/bad.txt", "confusables")]
    assert SUMMARY.findall(proc.stdout) == ["检查文件 3 个"]   # drafts/old left out by exclude
