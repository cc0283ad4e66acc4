"""The cache of parsed built-in data: used when fresh, ignored when stale, broken or absent."""

from __future__ import annotations

import marshal
from pathlib import Path

from conftest import CLEAN, cli

from notice_lint import data


def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("NOTICE_LINT_CACHE_DIR", str(tmp_path))
    data.builtin.cache_clear()
    data._cache.cache_clear()


def test_parsed_data_is_written_then_read(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path)
    parsed = data.builtin("counts.yaml")
    (cached,) = tmp_path.glob("data-*.marshal")
    stored = marshal.loads(cached.read_bytes())
    assert stored["counts.yaml"][1] == parsed
    data.builtin.cache_clear()
    data._cache.cache_clear()
    assert data.builtin("counts.yaml") == parsed


def test_stale_entries_are_parsed_again(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path)
    data.builtin("dates.yaml")
    (cached,) = tmp_path.glob("data-*.marshal")
    stored = marshal.loads(cached.read_bytes())
    key, _ = stored["dates.yaml"]
    stored["dates.yaml"] = ((key[0] + 1, key[1]), {"future": "stale"})  # another size
    cached.write_bytes(marshal.dumps(stored))
    data.builtin.cache_clear()
    data._cache.cache_clear()
    assert data.builtin("dates.yaml")["future"] != "stale"


def test_a_broken_or_unwritable_cache_changes_nothing(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path)
    Path(data._cache_file()).write_bytes(b"\x00garbage")
    assert data.builtin("names.yaml")["bodies"]
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    fresh(monkeypatch, blocked / "sub")
    assert data.builtin("names.yaml")["bodies"]
    monkeypatch.setenv("NOTICE_LINT_NO_CACHE", "1")
    data.builtin.cache_clear()
    assert data.cache_dir() is None and data.builtin("names.yaml")["bodies"]


def test_the_command_line_works_without_a_cache(tmp_path):
    (tmp_path / "d.txt").write_text(CLEAN.replace("请及时向我们反映", "请及时向我们反应"), encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path, env={"NOTICE_LINT_NO_CACHE": "1"})
    assert proc.returncode == 1 and "反应" in proc.stdout


def test_two_installs_sharing_a_home_keep_their_own_file(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path)
    data.builtin("counts.yaml")
    monkeypatch.setattr(data, "_folder", lambda: str(tmp_path / "another-install" / "configs"))
    assert data._cache_file() not in [str(p) for p in tmp_path.glob("data-*.marshal")]
