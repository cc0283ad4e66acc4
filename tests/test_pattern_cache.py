"""Compiled patterns kept across runs: used when they are this Python's, ignored otherwise."""

from __future__ import annotations

import marshal
import re

import pytest
from conftest import CLEAN, cli

from notice_lint import pattern_cache
from notice_lint.scan import compile_re, fast_re

PATTERNS = [r"(?P<done>已完成整改|整改完成)[。；]|(?P<partial>阶段性完成)", r"[\u4e00-\u9fff]{2,}局", "(?m)^一、"]
SAMPLE = "截至11月，已完成整改。阶段性完成2个。\n一、组织整改\n县林业局"


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache directory and a process that has loaded nothing yet."""
    monkeypatch.setenv("NOTICE_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_entries", None)
    monkeypatch.setattr(pattern_cache, "_added", {})
    monkeypatch.setattr(pattern_cache, "_used", set())
    return tmp_path


def restart(monkeypatch):
    """What a new process sees: the file on disk, nothing in memory."""
    monkeypatch.setattr(pattern_cache, "_entries", None)
    monkeypatch.setattr(pattern_cache, "_added", {})
    monkeypatch.setattr(pattern_cache, "_used", set())


def spans(pattern):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(SAMPLE)]


def test_compiled_code_is_stored_then_used_by_the_next_run(fresh, monkeypatch):
    first = [compile_re(p) for p in PATTERNS] + [fast_re(PATTERNS[0])]
    pattern_cache._save()
    assert len(list(fresh.glob("patterns-*.marshal"))) == 1
    restart(monkeypatch)
    again = [compile_re(p) for p in PATTERNS] + [fast_re(PATTERNS[0])]
    assert len(pattern_cache._used) == len(again)      # every one came from the file
    assert again == first                              # the same code, flags and groups
    assert [spans(p) for p in again] == [spans(re.compile(p)) for p in [*PATTERNS, PATTERNS[0]]]
    assert again[0].groupindex == re.compile(PATTERNS[0]).groupindex


@pytest.mark.parametrize("damage", ["garbage", "flipped", "other-python"])
def test_a_damaged_or_foreign_file_means_compiling_again(fresh, monkeypatch, damage):
    compile_re(PATTERNS[0])
    pattern_cache._save()
    (path,) = fresh.glob("patterns-*.marshal")
    build, checksum, payload = marshal.loads(path.read_bytes())
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal")
    elif damage == "flipped":   # one byte of the engine's code changed on disk
        broken = bytearray(payload)
        broken[len(broken) // 2] ^= 0x01
        path.write_bytes(marshal.dumps((build, checksum, bytes(broken))))
    else:
        path.write_bytes(marshal.dumps(("another-build", checksum, payload)))
    restart(monkeypatch)
    compiled = compile_re(PATTERNS[0])
    assert not pattern_cache._used and compiled == re.compile(PATTERNS[0])


def test_no_cache_directory_writes_nothing(fresh, monkeypatch):
    monkeypatch.setenv("NOTICE_LINT_NO_CACHE", "1")
    compile_re(PATTERNS[1])
    pattern_cache._save()
    assert not list(fresh.iterdir())


def test_the_command_line_gives_the_same_findings_from_a_warm_cache(tmp_path):
    (tmp_path / "d.txt").write_text(CLEAN.replace("请及时向我们反映", "请及时向我们反应"), encoding="utf-8")
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    cold = cli("d.txt", cwd=tmp_path, env=env)
    assert list((tmp_path / "cache").glob("patterns-*.marshal"))
    warm = cli("d.txt", cwd=tmp_path, env=env)
    assert cold.returncode == warm.returncode == 1
    assert warm.stdout == cold.stdout and "反应" in warm.stdout
