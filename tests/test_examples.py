"""The README's promises about the shipped sample drafts stay true."""

from __future__ import annotations

import re

from conftest import ROOT, cli
from test_plugins import builtin_ids


def test_readme_sample_output_is_what_the_tool_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("The sample draft reports, among others:", 1)[1].split("```")[1]
    quoted = [line for line in block.splitlines() if line.startswith("examples/")]
    assert quoted
    proc = cli("examples/draft.txt", cwd=ROOT)
    assert proc.returncode == 1
    for line in quoted:
        assert line in proc.stdout.splitlines()


def test_clean_sample_passes():
    proc = cli("examples/clean.txt", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"(python3? -m )?pytest[^`]*", readme).group(0)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table_and_has_a_test_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in builtin_ids():  # another installed plugin's rules are its own business
        assert f"| `{rule}` |" in readme, rule
        assert (ROOT / "tests" / f"test_{rule.replace('-', '_')}.py").is_file(), rule
