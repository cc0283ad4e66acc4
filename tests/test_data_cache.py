"""Rule data: load_data for built-ins and plugins alike; its cache never changes what is reported."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import CLEAN, cli

from notice_lint import DataError, line_of, load_data

DRAFT = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


def report(tmp_path, cache, **env):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    proc = cli("d.txt", "--format", "json", cwd=tmp_path,
               env={"NOTICE_LINT_CACHE_DIR": str(cache), **env})
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


@pytest.fixture
def baseline(tmp_path):
    return report(tmp_path, tmp_path / "first-cache")


def test_a_second_run_reads_the_cache_and_reports_the_same(tmp_path, baseline):
    cache = tmp_path / "cache"
    assert report(tmp_path, cache) == baseline
    assert list(cache.iterdir())  # the first run kept what it parsed
    assert report(tmp_path, cache) == baseline


def test_a_broken_cache_changes_nothing(tmp_path, baseline):
    cache = tmp_path / "cache"
    report(tmp_path, cache)
    for file in cache.glob("data-*"):  # the data cache's file, beside the results' folder
        file.write_bytes(b"\x00garbage")
    assert report(tmp_path, cache) == baseline
    for file in cache.glob("data-*"):
        file.write_bytes(file.read_bytes()[:40])  # cut short
    assert report(tmp_path, cache) == baseline


def test_an_unwritable_cache_changes_nothing(tmp_path, baseline):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    assert report(tmp_path, blocked / "sub") == baseline


def test_no_cache_writes_nothing_and_reports_the_same(tmp_path, baseline):
    cache = tmp_path / "cache"
    assert report(tmp_path, cache, NOTICE_LINT_NO_CACHE="1") == baseline
    assert not cache.exists()


def test_builtin_data_loads_through_the_public_loader():
    counts = load_data("notice_lint.configs", "counts.yaml")
    assert counts and load_data("notice_lint.configs", "counts.yaml") is counts


@pytest.fixture
def plugin_package(tmp_path, monkeypatch):
    """A plugin package shipping its own YAML data, importable like an installed one."""
    package = tmp_path / "nl_words"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "words.yaml").write_text(textwrap.dedent("""\
        # a plugin's own word list
        entries:
          - wrong: 帐号
            right: 账号
        """), encoding="utf-8")
    (package / "broken.yaml").write_text("entries:\n  - a\n  b: [\n", encoding="utf-8")
    (package / "twice.yaml").write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("NOTICE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_a_plugin_loads_its_own_data(plugin_package):
    words = load_data("nl_words", "words.yaml")
    assert words == {"entries": [{"wrong": "帐号", "right": "账号"}]}
    assert line_of(words, "entries") == 2


def test_a_plugin_data_error_names_its_file_and_line(plugin_package):
    with pytest.raises(DataError, match=r"^nl_words/broken\.yaml:3: "):
        load_data("nl_words", "broken.yaml")
    with pytest.raises(DataError, match=r"^nl_words/twice\.yaml:3: duplicate key 'a'"):
        load_data("nl_words", "twice.yaml")


def test_a_plugin_data_file_is_read_again_in_the_next_process_from_the_cache(plugin_package):
    code = ("from notice_lint import load_data; "
            "print(load_data('nl_words', 'words.yaml')['entries'][0]['right'])")
    env = {"PYTHONPATH": str(plugin_package), "NOTICE_LINT_CACHE_DIR": str(plugin_package / "c")}
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, **env}, timeout=60)
        assert proc.stdout.strip() == "账号", proc.stderr


def test_files_left_by_earlier_installs_are_pruned_to_the_most_recent(tmp_path, baseline):
    # each upgrade, and each edit of an editable install's pattern code, names a new file:
    # without pruning the cache folder grew by two files every time
    cache = tmp_path / "cache"
    cache.mkdir()
    for kind in ("data", "patterns"):
        for n in range(12):
            stale = cache / f"{kind}-0.0.{n}-0000000{n:x}.marshal"
            stale.write_bytes(b"stale")
            os.utime(stale, ns=(10**18 + n, 10**18 + n))
    keep = sorted(cache / f"other-{n}.txt" for n in range(2))
    for other in keep:
        other.write_text("not ours", encoding="utf-8")
    assert report(tmp_path, cache) == baseline
    for kind in ("data", "patterns"):
        left = sorted(p.name for p in cache.glob(f"{kind}-*.marshal"))
        assert len(left) == 8, left
        newest = {f"{kind}-0.0.{n}-0000000{n:x}.marshal" for n in range(5, 12)}
        assert newest <= set(left)   # the seven most recent stale ones, and this run's own
    assert all(other.exists() for other in keep)
