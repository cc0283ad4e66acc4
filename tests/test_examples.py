"""The README's promises about the shipped sample drafts stay true."""

from __future__ import annotations

import re

import pytest
from conftest import CLEAN, ROOT, cli, lint
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


# -- every rule's documented Bad and Good examples ------------------------------------------------
# A rule's documentation (configs/docs/<rule>.yaml, what `notice-lint explain` prints) has a `bad`
# and a `good` example, the same in both languages; " / " separates the paragraphs of an example.
# Examples marked `in_notice` are read in the suite's sample notice (conftest.CLEAN, a county 巡察
# notice), in place of the Good text written there; examples marked `in_word` are written as a
# Word draft (⟦+…⟧: text inserted with track changes on, as test_word_reading.word_draft reads it).

def examples() -> list[tuple[str, str, str, bool]]:
    """(rule id, bad, good, in a notice) for every built-in rule."""
    from notice_lint.rule_docs import shipped_doc
    found = []
    for rule in builtin_ids():
        zh, en = shipped_doc(rule, "zh"), shipped_doc(rule, "en")
        assert zh and en, f"{rule}: no configs/docs/{rule}.yaml"
        assert (zh.bad, zh.good, zh.in_notice, zh.in_word) == (
            en.bad, en.good, en.in_notice, en.in_word), rule
        assert len(zh.bad) == len(zh.good) == 1, f"{rule}: one bad and one good example"
        found.append((rule, zh.bad[0].replace(" / ", "\n\n"), zh.good[0].replace(" / ", "\n\n"),
                      "in a Word draft" if zh.in_word else zh.in_notice))
    return sorted(found)


EXAMPLES = examples()


@pytest.mark.parametrize(("rule", "bad", "good", "in_notice"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_documented_examples(rule, bad, good, in_notice, tmp_path):
    if in_notice == "in a Word draft":
        assert _lint_word(bad, rule, tmp_path), f"{rule}: its Bad example is not reported"
        assert not _lint_word(good, rule, tmp_path), f"{rule}: its Good example is reported"
        return
    if in_notice:
        assert good in CLEAN, f"{rule}: the Good example is not in the sample notice"
        bad, good = CLEAN.replace(good, bad), CLEAN
    assert lint(bad, rule), f"{rule}: its Bad example is not reported"
    assert not lint(good, rule), f"{rule}: its Good example is reported"


def _lint_word(text: str, rule: str, tmp_path) -> list:
    from conftest import make_linter
    from test_word_reading import word_draft

    from notice_lint.input.word import read_docx

    word_draft(tmp_path / "d.docx", text)
    document = read_docx("d.docx", (tmp_path / "d.docx").read_bytes())
    return make_linter(select=[rule]).lint(document).findings
