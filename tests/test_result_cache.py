"""The result cache: a re-run reuses results unchanged, and any change to what they depend on misses."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import CLEAN, cli
from test_plugins import install

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
            if "水利" in document.text:
                yield Finding(rule=self.id, line=1, column=1, message="计数",
                              fix={{"replacement": "x", "safe": False}})

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
def test_a_second_run_gives_the_same_output_without_running_the_rules(setup, fmt, jobs):
    first = setup.lint("--format", fmt, "--jobs", jobs)
    assert setup.runs() == ["a.txt", "b.txt"]
    second = setup.lint("--format", fmt, "--jobs", jobs)
    assert setup.runs() == []
    assert (second.stdout, second.stderr, second.returncode) == \
        (first.stdout, first.stderr, first.returncode)
    assert "counter" in first.stdout


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


def test_a_corrupt_or_foreign_cache_file_is_recomputed(setup):
    first = setup.lint("--format", "json")
    setup.runs()
    entries = sorted(p for p in setup.cache.rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_bytes(b"\x00garbage{")
    entries[1].write_text('{"format": 1, "key": "another", "path": "x", "findings": []}')
    second = setup.lint("--format", "json")
    assert setup.runs() == ["a.txt", "b.txt"]
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    setup.lint("--format", "json")
    assert setup.runs() == []


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


def test_stdin_and_the_fixing_steps_run_the_rules(setup):
    setup.lint()
    setup.runs()
    for args in (["--diff"], ["--format", "html"]):
        setup.lint(*args)
        assert setup.runs() == ["a.txt", "b.txt"], args
    text = (setup.drafts / "a.txt").read_bytes()
    for _ in range(2):
        cli("-", stdin=text, env=setup.env)
    assert len(setup.runs()) == 2
