"""The result cache: a re-run reuses results unchanged, and any change to what they depend on misses."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import CLEAN, cli
from test_plugins import install

from notice_lint.result_pack import MAGIC

# A rule that leaves a line in $NL_MARKER each time it checks a file: the count proves whether
# the rules ran. `mode` "print" also prints, "crash" then raises.
COUNTING_PLUGIN = textwrap.dedent('''
    import os
    from notice_lint import Finding, hookimpl

    MODE = {mode!r}

    class Counter:
        id = "counter"
        description = "counts its runs"
        severity = "warning"

        def check(self, document, options):
            with open(os.environ["NL_MARKER"], "a", encoding="utf-8") as marker:
                marker.write(document.path + "\\n")
            if MODE == "print":
                print("debug output from counter")
            if MODE == "crash":
                raise ValueError("counter broke")
            if "水利" in document.text and not document.text.startswith("x"):
                yield Finding(rule=self.id, line=1, column=1, message="计数",
                              fix={{"replacement": "x", "safe": True}})

    @hookimpl
    def notice_lint_rules():
        return [Counter()]
''')


class Setup:
    def __init__(self, root: Path, mode: str = "") -> None:
        self.site = root / "site"
        install(self.site, "nl_counter", COUNTING_PLUGIN.format(mode=mode))
        self.marker = root / "marker.txt"
        self.drafts = root / "drafts"
        self.drafts.mkdir()
        (self.drafts / "a.txt").write_text(CLEAN, encoding="utf-8")
        (self.drafts / "b.txt").write_text(CLEAN.replace("水利局", "交通局"), encoding="utf-8")
        self.env = {"PYTHONPATH": str(self.site), "NL_MARKER": str(self.marker),
                    "NOTICE_LINT_CACHE_DIR": str(root / "cache")}
        self.cache = root / "cache" / "results"

    def lint(self, *args: str):
        return cli(*args, str(self.drafts), env=self.env, cwd=self.drafts.parent)

    def runs(self) -> list[str]:
        """The files the counting rule checked since the last call."""
        if not self.marker.exists():
            return []
        lines = self.marker.read_text(encoding="utf-8").splitlines()
        self.marker.unlink()
        return sorted(Path(line).name for line in lines)


@pytest.fixture
def setup(tmp_path) -> Setup:
    return Setup(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_second_run_gives_the_same_report_without_running_the_rules(setup, fmt, jobs):
    first = setup.lint("--format", fmt, "--jobs", jobs)
    assert setup.runs() == ["a.txt", "b.txt"]
    second = setup.lint("--format", fmt, "--jobs", jobs)
    assert setup.runs() == []
    # the text summary line alone says where the results came from
    expected = first.stdout.replace("检查文件 2 个。", "检查文件 2 个（2 个取自缓存）。")
    assert (second.stdout, second.stderr, second.returncode) == \
        (expected, first.stderr, first.returncode)
    assert "counter" in first.stdout
    assert "缓存" not in first.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_one_byte_change_relints_exactly_that_file(setup, jobs):
    first = setup.lint("--format", "json", "--jobs", jobs)
    setup.runs()
    path = setup.drafts / "b.txt"
    data = path.read_bytes()
    assert data.count(b"5551234") == 1
    path.write_bytes(data.replace(b"5551234", b"5551235"))
    second = setup.lint("--format", "json", "--jobs", jobs)
    assert setup.runs() == ["b.txt"]
    assert _of(second.stdout, "a.txt") == _of(first.stdout, "a.txt")
    assert setup.lint("--format", "json").stdout == second.stdout
    assert setup.runs() == []
    path.write_bytes(data)
    assert setup.lint("--jobs", jobs).stdout.endswith("检查文件 2 个（1 个取自缓存）。\n")
    assert setup.runs() == ["b.txt"]
    assert setup.lint("--lang", "en").stdout.endswith(
        "in 2 files (2 from the cache).\n")


def test_hits_and_misses_come_out_in_order_when_the_misses_go_to_workers(setup):
    for name in ("c.txt", "d.txt"):
        (setup.drafts / name).write_text(CLEAN.replace("水利局", "林业局"), encoding="utf-8")
    setup.lint("--jobs", "2")
    assert setup.runs() == ["a.txt", "b.txt", "c.txt", "d.txt"]
    for name in ("a.txt", "c.txt"):
        path = setup.drafts / name
        path.write_bytes(path.read_bytes() + b"\n")
    mixed = setup.lint("--format", "json", "--jobs", "2")
    assert setup.runs() == ["a.txt", "c.txt"]
    assert mixed.stdout == setup.lint("--format", "json", "--no-cache").stdout


def _of(report: str, name: str) -> list:
    return [f for f in json.loads(report)["findings"] if f["path"].endswith(name)]


def test_a_changed_configuration_misses(setup):
    config = setup.drafts.parent / "notice-lint.yaml"
    config.write_text("fail-on: warning\n", encoding="utf-8")
    setup.lint("--config", str(config))
    assert setup.runs() == ["a.txt", "b.txt"]
    config.write_text("fail-on: warning\nignore: [confusables]\n", encoding="utf-8")
    setup.lint("--config", str(config))
    assert setup.runs() == ["a.txt", "b.txt"]
    config.write_text("fail-on: warning\nper-file-ignores:\n  '*a.txt': [spacing]\n",
                      encoding="utf-8")
    setup.lint("--config", str(config))
    assert setup.runs() == ["a.txt", "b.txt"]


def test_another_selection_misses(setup):
    setup.lint("--select", "counter")
    assert setup.runs() == ["a.txt", "b.txt"]
    setup.lint("--select", "counter,confusables")
    assert setup.runs() == ["a.txt", "b.txt"]
    setup.lint("--ignore", "confusables")
    assert setup.runs() == ["a.txt", "b.txt"]
    setup.lint("--select", "counter")
    assert setup.runs() == []


def test_another_plugin_version_misses(setup):
    setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]
    old = setup.site / "nl_counter-1.0.dist-info"
    (old / "METADATA").write_text("Metadata-Version: 2.1\nName: nl_counter\nVersion: 1.1\n")
    old.rename(setup.site / "nl_counter-1.1.dist-info")
    setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]


def test_no_cache_runs_the_rules_and_keeps_nothing(setup):
    first = setup.lint("--no-cache")
    second = setup.lint("--no-cache")
    assert setup.runs() == ["a.txt", "a.txt", "b.txt", "b.txt"]
    assert second.stdout == first.stdout
    assert not setup.cache.exists()


def test_cache_false_in_the_configuration_turns_it_off(setup):
    config = setup.drafts.parent / "notice-lint.yaml"
    config.write_text("cache: false\n", encoding="utf-8")
    for _ in range(2):
        setup.lint("--config", str(config))
    assert setup.runs() == ["a.txt", "a.txt", "b.txt", "b.txt"]
    assert not setup.cache.exists()
    config.write_text("cache: no cache\n", encoding="utf-8")
    bad = setup.lint("--config", str(config))
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "notice-lint.yaml:1" in bad.stderr


def _packs(setup: Setup) -> list[Path]:
    return sorted(setup.cache.glob("*/*.pack"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "odd", "bad entries",
                                    "deep"])
def test_a_damaged_pack_is_recomputed_quietly(setup, damage):
    first = setup.lint("--format", "json")
    setup.runs()
    [pack] = _packs(setup)
    data = pack.read_bytes()
    pack.write_bytes({
        "garbage": b"\x00garbage{",
        "truncated": data[:len(data) // 2],
        "foreign": _pack_of([b"2\nanother key\n/elsewhere", *_records(data)[1:]]),
        "odd": _pack_of(_records(data)[:-1]),
        "bad entries": _bad_entries(setup, data),
        "deep": _pack_of([field[:32] + b"\xdb\x01\x00\x00\x00" * 100_000  # lists in lists
                          if index and index % 2 == 0 else field
                          for index, field in enumerate(_records(data))]),
    }[damage])
    second = setup.lint("--format", "json")
    assert setup.runs() == ["a.txt", "b.txt"]
    assert (second.stdout, second.stderr, second.returncode) == \
        (first.stdout, first.stderr, first.returncode)
    setup.lint("--format", "json")
    assert setup.runs() == []


def _records(data: bytes) -> list[bytes]:
    assert data.startswith(MAGIC)
    at, fields = len(MAGIC), []
    while at < len(data):
        size = int.from_bytes(data[at:at + 4], "little")
        fields.append(data[at + 4:at + 4 + size])
        at += 4 + size
    return fields


def _pack_of(fields: list[bytes]) -> bytes:
    return MAGIC + b"".join(len(f).to_bytes(4, "little") + f for f in fields)


def _bad_entries(setup: Setup, data: bytes) -> bytes:
    """The pack with a's entry (its digest right) holding a malformed finding, b's (its digest
    right too) cut short, and another path's no entry at all."""
    head, *rest = _records(data)
    entries = {rest[i].decode(): rest[i + 1] for i in range(0, len(rest), 2)}
    a, b = str(setup.drafts / "a.txt"), str(setup.drafts / "b.txt")
    bad = ["x", "1", 1, 1, 1, "m", "warning", None, None, None]   # a line that is no number
    return _pack_of([head, a.encode(), entries[a][:32] + marshal.dumps([bad]),
                     b.encode(), entries[b][:40], b"c.txt", b"not an entry"])


def test_an_unwritable_cache_is_one_warning_and_the_same_report(setup, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    setup.env["NOTICE_LINT_CACHE_DIR"] = str(blocker)
    for args, warning in (((), "notice-lint: 警告: 无法写入结果缓存"),
                          (("--jobs", "2"), "notice-lint: 警告: 无法写入结果缓存"),
                          (("--lang", "en"), "notice-lint: warning: cannot write the result cache")):
        reference = setup.lint("--no-cache", *args)
        run = setup.lint(*args)
        assert (run.stdout, run.returncode) == (reference.stdout, reference.returncode)
        [line] = run.stderr.splitlines()
        assert line.startswith(warning)
        assert setup.runs() == ["a.txt", "a.txt", "b.txt", "b.txt"]


def test_a_read_only_cache_is_read_and_warned_about_once(setup):
    if os.geteuid() == 0 if hasattr(os, "geteuid") else True:
        pytest.skip("root writes to read-only folders (or no POSIX permissions)")
    setup.lint()
    setup.runs()
    (setup.drafts / "a.txt").write_bytes((setup.drafts / "a.txt").read_bytes() + b"\n")
    folders = [setup.cache, *setup.cache.iterdir()]
    for folder in folders:
        folder.chmod(0o555)
    try:
        run = setup.lint()
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert setup.runs() == ["a.txt"]
    assert run.stderr.count("无法写入结果缓存") == 1
    assert "（1 个取自缓存）" in run.stdout


def test_concurrent_runs_on_one_cache_never_give_a_wrong_result(setup):
    """Two processes at once, each writing the same pack: whichever wins, every report is
    the one of the drafts as they are."""
    for name in ("c.txt", "d.txt", "e.txt"):
        (setup.drafts / name).write_text(CLEAN.replace("水利局", "林业局"), encoding="utf-8")
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **setup.env}
    command = [sys.executable, "-m", "notice_lint", "--format", "json", str(setup.drafts)]
    for round_ in range(4):
        if round_:  # each round another file changes
            path = setup.drafts / f"{'abcde'[round_]}.txt"
            path.write_bytes(path.read_bytes().replace(b"\xe6\xb0\xb4\xe5\x88\xa9", b"", 1))
        reference = setup.lint("--format", "json", "--no-cache").stdout
        runs = [subprocess.Popen([*command, *jobs], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=environment)
                for jobs in ([], ["--jobs", "2"], [])]
        for proc in runs:
            out, err = proc.communicate(timeout=120)
            assert (out.decode("utf-8"), err) == (reference, b"")
        assert setup.lint("--format", "json").stdout == reference
    assert not list(setup.cache.glob("*/*.tmp"))


def test_clean_removes_the_caches_and_nothing_else(setup):
    setup.lint()
    setup.runs()
    root = setup.cache.parent
    (root / "mine.txt").write_text("not notice-lint's")
    assert setup.cache.is_dir() and list(root.glob("data-*"))
    cleaned = cli("clean", env=setup.env)
    assert (cleaned.returncode, cleaned.stderr) == (0, "")
    assert str(root) in cleaned.stdout
    assert sorted(p.name for p in root.iterdir()) == ["mine.txt"]
    setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]
    (root / "mine.txt").unlink()
    cli("clean", env=setup.env)
    assert not root.exists()
    again = cli("clean", "--lang", "en", env=setup.env)
    assert (again.returncode, again.stdout) == (0, f"no cache in {root}\n")


def test_old_run_keys_are_pruned(setup):
    setup.lint()
    [current] = [p for p in setup.cache.iterdir() if p.is_dir()]
    month_ago = time.time() - 40 * 24 * 3600
    old, recent = setup.cache / ("0" * 32), setup.cache / ("1" * 32)
    for folder in (old, recent):
        folder.mkdir()
        (folder / "x.pack").write_bytes(b"")
    os.utime(old, (month_ago, month_ago))
    (setup.drafts / "a.txt").write_bytes((setup.drafts / "a.txt").read_bytes() + b"\n")
    setup.lint()   # pruned at most once a day
    assert old.exists()
    os.utime(setup.cache / ".pruned", (month_ago, month_ago))
    (setup.drafts / "a.txt").write_bytes((setup.drafts / "a.txt").read_bytes() + b"\n")
    setup.lint()
    assert sorted(p.name for p in setup.cache.iterdir() if p.is_dir()) == \
        sorted([current.name, recent.name])


@pytest.mark.parametrize("mode", ["print", "crash"])
def test_a_rule_that_prints_or_crashes_shows_it_on_every_run(tmp_path, mode):
    setup = Setup(tmp_path, mode)
    first = setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]
    second = setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]
    assert (second.stdout, second.stderr, second.returncode) == \
        (first.stdout, first.stderr, first.returncode)
    assert ("debug output from counter" if mode == "print" else "counter broke") in first.stderr


def test_stdin_and_the_steps_run_the_rules(setup):
    setup.lint()
    setup.runs()
    baseline = setup.drafts.parent / "baseline.json"
    for args in (["--diff"], ["--format", "html"], ["--write-baseline", str(baseline)],
                 ["--baseline", str(baseline)]):
        setup.lint(*args)
        assert set(setup.runs()) == {"a.txt", "b.txt"}, args
    text = (setup.drafts / "a.txt").read_bytes()
    for _ in range(2):
        cli("-", stdin=text, env=setup.env)
    assert len(setup.runs()) == 2


def test_fix_fixes_a_file_whose_findings_were_cached(setup):
    setup.lint()
    setup.runs()
    fixed = setup.lint("--fix")
    assert set(setup.runs()) == {"a.txt", "b.txt"}
    for name in ("a.txt", "b.txt"):
        assert (setup.drafts / name).read_text(encoding="utf-8").startswith("x")
    assert "counter" not in fixed.stdout


def test_the_help_says_where_the_cache_is_and_how_to_turn_it_off():
    shown = cli("--help").stdout
    for words in ("--no-cache", "NOTICE_LINT_CACHE_DIR", "cache: false", "clean"):
        assert words in shown


def test_a_run_over_one_file_neither_reads_nor_writes_the_cache(setup):
    # a file named alone is almost always one just edited: looking it up would cost its run
    # more than a tenth of its time (OpenSSL loaded for the digest) and find nothing
    one = setup.drafts / "a.txt"
    for _ in range(2):
        run = cli(str(one), env=setup.env, cwd=setup.drafts.parent)
        assert "取自缓存" not in run.stdout
        assert setup.runs() == ["a.txt"]
    assert not setup.cache.exists()
    # the same file in a run over its folder is kept, and read back by the next such run
    setup.lint()
    assert setup.runs() == ["a.txt", "b.txt"]
    assert setup.lint().stdout.endswith("检查文件 2 个（2 个取自缓存）。\n")
    assert setup.runs() == []
    # named alone again, it is linted again, not read back
    cli(str(one), env=setup.env, cwd=setup.drafts.parent)
    assert setup.runs() == ["a.txt"]
