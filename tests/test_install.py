"""End to end as a new user: a non-editable install, and the pre-commit hook from this checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLEAN, ROOT, SHARED

pytestmark = pytest.mark.slow

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


def run(*args, cwd=None, env=None, timeout=600):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """notice-lint installed with a plain, non-editable `pip install .` (as pre-commit does)."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    assert run(sys.executable, "-m", "venv", str(venv)).returncode == 0
    proc = run(str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT))
    assert proc.returncode == 0, proc.stderr
    return venv / "bin" / "notice-lint"


def test_non_editable_install_carries_configs_and_lints(installed, tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    rules = run(str(installed), "rules", cwd=tmp_path)
    assert rules.returncode == 0 and "confusables" in rules.stdout
    bad = run(str(installed), "bad.txt", "--format", "json", cwd=tmp_path)
    assert bad.returncode == 1, bad.stderr
    assert [f["rule"] for f in json.loads(bad.stdout)["findings"]] == ["confusables"]
    assert run(str(installed), "good.txt", cwd=tmp_path).returncode == 0


def test_installed_tool_ships_rule_documentation_and_the_schema(installed, tmp_path):
    explain = run(str(installed), "explain", "spacing", "--lang", "en", cwd=tmp_path)
    assert explain.returncode == 0, explain.stderr
    assert "Spacing: no spaces between Chinese characters" in explain.stdout
    assert "截至2024年11月30日" in run(str(installed), "explain", "spacing", cwd=tmp_path).stdout
    schema = run(str(installed), "rules", "--schema", cwd=tmp_path)
    assert schema.returncode == 0 and "force-exclude" in json.loads(schema.stdout)["properties"]


def test_installed_distribution_claims_one_import_name(installed):
    site = next(installed.parent.parent.glob("lib/python3*/site-packages"))
    ours = {p.name for p in site.iterdir()} - {p.name for p in site.parent.parent.parent.glob(
        "lib/python3*/site-packages/*") if not p.name.startswith("notice_lint")}
    record = next(site.glob("notice_lint-*.dist-info")) / "RECORD"
    tops = {line.split("/", 1)[0] for line in record.read_text("utf-8").splitlines()}
    assert {t for t in tops if not t.endswith(".dist-info") and t != ".."} == {"notice_lint"}
    assert "notice_lint" in ours


def test_installed_tool_on_the_second_seed(installed):
    seed = SHARED / "seeds" / "002_d0a76d0a540455dc.txt"
    if not seed.is_file():
        pytest.skip("../shared is not available (a fresh clone)")
    proc = run(str(installed), str(seed), "--format", "json")
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)["findings"]
    assert any(f["rule"] == "confusables" and f["line"] == 53 and "反应" in f["message"]
               for f in findings)
    for f in findings:
        assert {"path", "line", "column", "end_line", "end_column", "rule", "severity",
                "message"} <= set(f)
        assert f["line"] >= 1 and f["column"] >= 1


def test_a_third_party_plugin_installed_with_pip(installed, tmp_path):
    """The contract's example, packaged with an entry point and installed as users install it."""
    from test_plugins import CONTRACT_PLUGIN
    project = tmp_path / "nl-draftmark"
    (project / "nl_draftmark").mkdir(parents=True)
    (project / "nl_draftmark" / "__init__.py").write_text(CONTRACT_PLUGIN, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "nl-draftmark"\nversion = "1.0"\n'
        '[project.entry-points.notice_lint]\nno-draft-mark = "nl_draftmark"\n', encoding="utf-8")
    pip = installed.parent / "pip"
    assert run(str(pip), "install", "--quiet", str(project)).returncode == 0
    try:
        rules = run(str(installed), "rules")
        assert "no-draft-mark" in rules.stdout and "草稿字样" in rules.stdout
        (tmp_path / "d.txt").write_text(CLEAN.replace("局党组召开", "草稿：局党组召开"),
                                        encoding="utf-8")
        proc = run(str(installed), "d.txt", "--format", "json", cwd=tmp_path)
        (finding,) = json.loads(proc.stdout)["findings"]
        line = CLEAN.splitlines().index(next(x for x in CLEAN.splitlines()
                                             if x.startswith("局党组召开"))) + 1
        assert (finding["rule"], finding["line"], finding["column"]) == ("no-draft-mark", line, 1)
    finally:
        run(str(pip), "uninstall", "--quiet", "--yes", "nl-draftmark")


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_try_repo(tmp_path):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed")
    work = tmp_path / "drafts"
    work.mkdir()
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    # the hook repository: this checkout as it is now, committed (try-repo reads commits)
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT, hooks, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache",
        ".hypothesis", "build", "dist", "benchmarks"))
    for step in (("git", "init", "-q"), ("git", "add", "-A"), ("git", "commit", "-qm", "hooks")):
        assert run(*step, cwd=hooks, env=env).returncode == 0
    assert run("git", "init", "-q", cwd=work, env=env).returncode == 0
    (work / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "good.txt").write_text(CLEAN, encoding="utf-8")
    run("git", "add", ".", cwd=work, env=env)
    bad = run(pre_commit, "try-repo", str(hooks), "notice-lint", "--files", "bad.txt", cwd=work,
              env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "反应" in bad.stdout
    good = run(pre_commit, "try-repo", str(hooks), "notice-lint", "--files", "good.txt", cwd=work,
               env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    # a commit of many drafts: one process, one summary (pre-commit would split them over its
    # own processes without require_serial)
    for i in range(12):
        (work / f"bad{i}.txt").write_text(BAD, encoding="utf-8")
    run("git", "add", ".", cwd=work, env=env)
    many = run(pre_commit, "try-repo", str(hooks), "notice-lint", "--all-files", cwd=work,
               env=env)
    assert many.returncode == 1, many.stdout + many.stderr
    assert many.stdout.count("检查文件 14 个") == 1, many.stdout
    assert many.stdout.count("共发现") == 1, many.stdout


def test_a_reinstall_of_the_wheel_invalidates_the_result_cache(installed, tmp_path):
    # an install from a wheel is stamped by its RECORD, not by each of its files: pip writes it
    # anew with every install, so results cached by the earlier install are never reused
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("a.txt", "b.txt"):   # a run over one file does not use the cache
        (drafts / name).write_text(BAD, encoding="utf-8")
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    first = run(str(installed), str(drafts), env=env)
    again = run(str(installed), str(drafts), env=env)
    assert first.returncode == again.returncode == 1
    assert "取自缓存" not in first.stdout and "2 个取自缓存" in again.stdout
    pip = installed.parent / "pip"
    proc = run(str(pip), "install", "--quiet", "--no-deps", "--force-reinstall", str(ROOT))
    assert proc.returncode == 0, proc.stderr
    after = run(str(installed), str(drafts), env=env)
    assert after.returncode == 1 and "取自缓存" not in after.stdout
    assert "反应" in after.stdout
