"""The installed tool answers to one import name of its own, whatever folder it runs in."""

from __future__ import annotations

import subprocess
import sys

from conftest import draft

NOTICE = draft("""
    中共某县农业农村局党组关于巡察整改进展情况的通报
    截止目前，已完成整改3个问题。
""")


def test_python_m_works_in_a_folder_with_its_own_configs_checks_and_linter(tmp_path):
    for name in ("configs", "checks", "linter"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("raise ImportError('a user package')\n")
    (tmp_path / "draft.txt").write_text(NOTICE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "notice_lint", "draft.txt", "--select",
                           "confusables", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert '"rule": "confusables"' in proc.stdout and '"line": 2' in proc.stdout
    rules = subprocess.run([sys.executable, "-m", "notice_lint", "rules"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert rules.returncode == 0 and "confusables" in rules.stdout, rules.stderr


def test_no_generic_top_level_name_is_importable(tmp_path):
    for name in ("linter", "checks", "configs"):
        proc = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1 and "ModuleNotFoundError" in proc.stderr, name
