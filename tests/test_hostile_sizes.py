"""Hostile sizes: drafts shaped to make a quadratic step take minutes finish in a second.

Each draft here took minutes before its fix (a scan repeated per bracket, per finding, per
count); it now takes well under the generous timeout, which only proves that nothing hangs.
Speed is measured in benchmarks/hostile.py, never here."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import CLEAN, ROOT

TIMEOUT = 30  # seconds: a hang detector, many times what each run now takes
ANCHOR = "二、巡察反馈问题整改进展情况\n\n"


def notice_with(block: str) -> str:
    """The clean notice with `block` as a paragraph of its part 二."""
    assert ANCHOR in CLEAN
    return CLEAN.replace(ANCHOR, ANCHOR + block + "\n\n", 1)


def block_line(text: str, block: str) -> int:
    return text[:text.index(block)].count("\n") + 1


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    """`python -m linter ARGS` in a subprocess that must finish within TIMEOUT."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_ACTIONS", "NOTICE_LINT_LANG"):
        environment.pop(name, None)
    try:
        proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd,
                              capture_output=True, env=environment, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"notice-lint {' '.join(args)} did not finish in {TIMEOUT} s")
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def punctuation(tmp_path, block: str) -> tuple[subprocess.CompletedProcess, int]:
    text = notice_with(block)
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    proc = run("--isolated", "--select", "punctuation", "draft.txt", cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc, block_line(text, block)


# -- brackets: a single pass with a stack ------------------------------------------------------
# Before: the fast check took out adjacent pairs a layer per pass (k nested brackets, k passes
# over the text), and each stray closer walked the whole stack of openers; 340,000 nested
# brackets (1 MB) took minutes.
K = 170_000


@pytest.mark.parametrize("block", [
    "（" * K + "）" * K,
    "《（“【" * (K // 4) + "】”）》" * (K // 4),
    "“‘" * (K // 2) + "’”" * (K // 2),
], ids=["round", "mixed", "quotes"])
def test_deeply_nested_balanced_brackets_pass(tmp_path, block):
    proc, _ = punctuation(tmp_path, block)
    assert proc.returncode == 0, proc.stdout[-500:]
    assert "未发现问题" in proc.stdout


def test_deeply_nested_brackets_missing_the_last_closer_name_the_first_opener(tmp_path):
    proc, line = punctuation(tmp_path, "（" * K + "）" * (K - 1))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:-1] == [
        f"draft.txt:{line}:1: warning punctuation: 括号不配对：「（」缺少对应的「）」"]


def test_closers_of_another_kind_after_many_openers(tmp_path):
    k = 60_000  # each 》 looked for a 《 through all 60,000 （ before it
    proc, line = punctuation(tmp_path, "（" * k + "》" * k)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"draft.txt:{line}:1: warning punctuation: 括号不配对：「（」缺少对应的「）」"
    assert lines[-2] == (f"draft.txt:{line}:{2 * k}: warning punctuation: "
                         f"多余的后书名号「》」：前面没有对应的「《」")
