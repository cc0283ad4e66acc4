"""What is read from shipped patterns' trees is kept across runs; a damaged store changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLEAN, cli

# 立方 after a number, written for 立方米: a shipped pattern that opens with a class of digits, so
# its scan is gated on the literal read from its tree
DRAFT = CLEAN.replace("一、组织整改落实情况", "一、组织整改落实情况\n新建蓄水池容量为300立方。", 1)
LINE = DRAFT.splitlines().index("新建蓄水池容量为300立方。") + 1


def found(stdout: str) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(stdout)["findings"]]


def test_a_second_run_reads_the_kept_values_and_finds_the_same(tmp_path):
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    path = tmp_path / "稿.txt"
    path.write_text(DRAFT, encoding="utf-8")
    first = cli("--no-cache", "--format", "json", str(path), env=env)
    assert found(first.stdout) == [("confusables", LINE, 12)] and first.returncode == 1
    kept = list((tmp_path / "cache").glob("patterns-*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0
    second = cli("--no-cache", "--format", "json", str(path), env=env)
    assert (second.returncode, second.stdout, second.stderr) == (1, first.stdout, "")


def test_a_damaged_store_means_reading_the_trees_again(tmp_path):
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    path = tmp_path / "稿.txt"
    path.write_text(DRAFT, encoding="utf-8")
    expected = cli("--no-cache", "--format", "json", str(path), env=env)
    for damage in (b"", b"\x00garbage", b"\xe3\x01\x00\x00\x00"):
        for kept in Path(tmp_path / "cache").glob("patterns-*.marshal"):
            kept.write_bytes(damage)
        again = cli("--no-cache", "--format", "json", str(path), env=env)
        assert (again.returncode, again.stdout, again.stderr) == (1, expected.stdout, "")


def test_without_a_cache_folder_nothing_is_kept_and_the_findings_hold(tmp_path):
    path = tmp_path / "稿.txt"
    path.write_text(DRAFT, encoding="utf-8")
    env = {"NOTICE_LINT_NO_CACHE": "1", "NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    done = cli("--format", "json", str(path), env=env)
    assert found(done.stdout) == [("confusables", LINE, 12)] and done.returncode == 1
    assert not (tmp_path / "cache").exists()
