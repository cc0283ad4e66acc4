"""Plugins: third-party rules through the notice_lint entry points, and crash isolation."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import CLEAN, cli

# The contract's plugin example, verbatim.
CONTRACT_PLUGIN = textwrap.dedent('''
    import regex
    from notice_lint import Finding, hookimpl

    class NoDraftMark:
        id = "no-draft-mark"
        description = "草稿字样不应出现在公开的通报中"
        severity = "warning"

        def check(self, document, options):
            for m in regex.finditer("草稿", document.text):
                line, column = document.position(m.start())
                yield Finding(rule=self.id, line=line, column=column,
                              message="删除“草稿”字样", severity=self.severity)

    @hookimpl
    def notice_lint_rules():
        return [NoDraftMark()]
''')

CRASHING_PLUGIN = textwrap.dedent('''
    from notice_lint import hookimpl

    class Boom:
        id = "boom"
        description = "always fails"
        severity = "error"

        def check(self, document, options):
            raise ValueError("cannot read the outline")

    @hookimpl
    def notice_lint_rules():
        return [Boom()]
''')


def builtin_ids() -> set[str]:
    """The built-in rules' ids: a test never counts the rules of whatever else is installed."""
    from notice_lint.plugins import collect_rules, make_plugin_manager
    rules, _ = collect_rules(make_plugin_manager(entry_points_too=False)[0])
    return {r.id for r in rules}


def install(site: Path, name: str, source: str) -> None:
    """Install a one-module distribution with an entry point, as pip would lay it out."""
    site.mkdir(exist_ok=True)
    (site / f"{name}.py").write_text(source, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[notice_lint]\n{name} = {name}\n")


@pytest.fixture
def site(tmp_path) -> Path:
    return tmp_path / "site"


def test_contract_plugin_is_listed_and_reports_at_the_right_line(tmp_path, site):
    install(site, "nl_draftmark", CONTRACT_PLUGIN)
    env = {"PYTHONPATH": str(site)}
    rules = cli("rules", env=env)
    assert rules.returncode == 0, rules.stderr
    assert "no-draft-mark" in rules.stdout and "nl_draftmark" in rules.stdout
    text = CLEAN.replace("局党组召开专题会议", "（草稿）局党组召开专题会议")
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    proc = cli("d.txt", "--format", "json", cwd=tmp_path, env=env)
    assert proc.returncode == 1
    # only this plugin's finding: another installed plugin may report on the draft too
    (finding,) = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "no-draft-mark"]
    line = text.splitlines().index("（草稿）局党组召开专题会议研究部署整改工作，成立整改工作领导小组，"
                                   "建立整改台账，逐项对账销号。") + 1
    assert (finding["rule"], finding["line"], finding["column"]) == ("no-draft-mark", line, 2)
    assert (finding["end_line"], finding["end_column"]) == (line, 3)
    assert finding["path"] == "d.txt"
    assert finding["severity"] == "warning"


def test_crashing_rule_is_named_and_the_other_rules_still_report(tmp_path, site):
    install(site, "nl_boom", CRASHING_PLUGIN)
    text = CLEAN.replace("请及时向我们反映", "请及时向我们反应")
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    proc = cli("d.txt", "--format", "json", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "boom" in proc.stderr and "nl_boom" in proc.stderr
    assert "cannot read the outline" in proc.stderr
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"] if f["rule"] in builtin_ids()] == ["confusables"]
    assert report["errors"][0]["rule"] == "boom"
    assert report["errors"][0]["plugin"] == "nl_boom"


def test_plugin_that_fails_to_import_is_named(tmp_path, site):
    install(site, "nl_broken", "raise ImportError('needs a missing package')\n")
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "nl_broken" in proc.stderr and "needs a missing package" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_plugin_returning_a_non_rule_is_named(tmp_path, site):
    install(site, "nl_odd", "from notice_lint import hookimpl\n\n@hookimpl\n"
                            "def notice_lint_rules():\n    return [object()]\n")
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "nl_odd" in proc.stderr and "not a rule" in proc.stderr


def test_rule_yielding_a_position_outside_the_document_is_a_crash_not_a_lie(tmp_path, site):
    install(site, "nl_far", textwrap.dedent('''
        from notice_lint import Finding, hookimpl

        class Far:
            id = "far"
            description = "points nowhere"
            severity = "info"

            def check(self, document, options):
                yield Finding(rule=self.id, line=10_000, column=1, message="x")

        @hookimpl
        def notice_lint_rules():
            return [Far()]
    '''))
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    assert "far" in proc.stderr and "outside the document" in proc.stderr


def test_builtin_checks_register_through_the_same_hook():
    from notice_lint.plugins import collect_rules, make_plugin_manager
    manager, problems = make_plugin_manager(entry_points_too=False)
    rules, more = collect_rules(manager)
    assert not problems and not more
    assert {r.plugin for r in rules} == {f"notice_lint.checks.{r.id.replace('-', '_')}" for r in rules}


def test_a_crashing_rule_on_the_second_seed_still_lets_its_findings_out(shared, tmp_path, site):
    install(site, "nl_boom", CRASHING_PLUGIN)
    seed = str(shared / "seeds" / "002_d0a76d0a540455dc.txt")
    proc = cli(seed, "--format", "json", env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "boom" in line and "nl_boom" in line and "cannot read the outline" in line
    findings = json.loads(proc.stdout)["findings"]
    assert any(f["rule"] == "confusables" and f["line"] == 53 for f in findings)
    assert len(findings) >= 30
