"""`notice-lint rules` shows the severities each rule reports: every one found is declared."""

from __future__ import annotations

import ast
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CLEAN, ROOT, cli, make_linter

from notice_lint import load_data
from notice_lint.cli.rules import reported_severities
from notice_lint.config import load
from notice_lint.document import Document


def inline_drafts() -> list[str]:
    """Every draft the tests write inline (a string of a few lines holding Chinese)."""
    found = []
    for file in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.count("\n") >= 2 and any("\u4e00" <= c <= "\u9fff"
                                                            for c in node.value):
                found.append(textwrap.dedent(node.value).lstrip("\n"))
    return found


def data_examples() -> list[str]:
    """CLEAN with each failing example of the shipped word lists put into its second part."""
    examples = []
    for name, keys in (("confusables.yaml", ("entries",)), ("formulations.yaml", ("entries",)),
                       ("inspection.yaml", ("always", "in_xuncha", "in_xunshi"))):
        raw = load_data("notice_lint.configs", name)
        for key in keys:
            for entry in raw[key]:
                examples += (entry.get("examples") or {}).get("fail", [])
    anchor = "局党组召开"
    return [CLEAN.replace(anchor, f"{example}。{anchor}", 1) for example in examples]


# a rule's rarer severities, each reached by one edit of the clean notice
VARIANTS = [
    ("已完成整改2个", "已完成整改4个"),                         # issue-counts: more done than there are
    ("2024年7月15日", "2024年2月30日"),                         # dates: an impossible date
    ("公开期限：2024年11月15日至12月14日", "公开期限：2024年11月15日至2024年11月1日"),  # backwards
    ("公开期限：2024年11月15日至12月14日", "公开期限：2024年11月15日至2025年9月14日"),  # very long
    ("局党组召开专题会议", "一是召开专题会议，三是成立小组，"),        # heading-numbering: 一是/三是
]


# suppression comments in Markdown: one that hides nothing (info), one naming no rule (warning)
SUPPRESSIONS = [
    CLEAN.replace("局党组召开", "<!-- notice-lint-disable-next-line confusables -->\n局党组召开"),
    CLEAN.replace("局党组召开", "<!-- notice-lint-disable-next-line no-such-rule -->\n局党组召开"),
]


def mutated(count: int = 300) -> list[str]:
    """Drafts mutated as benchmarks/mutate.py mutates them (every rule fires on some)."""
    import random
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import mutate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rng = random.Random(17)
    mutator = mutate.Mutator(rng, *mutate.data_phrases(),
                             mutate.corpus_sources([ROOT / "examples", ROOT / "tests"]))
    return ["\n".join(mutator.draft()) for _ in range(count)]


def drafts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*"))]
    texts += [(f"inline{i}.md", text) for i, text in enumerate(inline_drafts())]
    texts += [(f"data{i}.txt", text) for i, text in enumerate(data_examples())]
    texts += [(f"variant{i}.txt", CLEAN.replace(old, new)) for i, (old, new) in enumerate(VARIANTS)]
    texts += [(f"suppression{i}.md", text) for i, text in enumerate(SUPPRESSIONS)]
    texts += [(f"mutated{i}.txt", text) for i, text in enumerate(mutated())]
    return texts


def test_every_reported_severity_is_declared():
    linter = make_linter()
    config = load(None)
    declared = {loaded.id: set(reported_severities(loaded, config)) for loaded in linter.rules}
    seen: dict[str, set[str]] = defaultdict(set)
    for name, text in drafts():
        kind = "markdown" if name.endswith(".md") else "text"
        result = linter.lint(Document.from_text(text, name, kind=kind))
        for f in result.findings:
            seen[f.rule].add(str(f.severity))
            assert str(f.severity) in declared[f.rule], (name, f)
    # and the declarations are no wider than need be: what these drafts do not reach is known
    unreached = {rule: declared[rule] - seen[rule] for rule in declared}
    assert {rule: left for rule, left in unreached.items() if left} == {
        "dates": {"info"},                # a notice within weeks of the feedback
        "issue-counts": {"info"},         # a list of topics under a count
        "word-review": {"info"},          # only a .docx has a review (test_word_reading.py)
    }


def test_rules_lists_the_severities(tmp_path):
    proc = cli("rules", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line.split()[1] for line in proc.stdout.splitlines()}
    assert rows["issue-counts"] == "warning/error/info"
    assert rows["spacing"] == "warning"
    assert rows["confusables"].startswith("error/")


def test_a_configured_severity_is_the_only_one(tmp_path):
    Path(tmp_path / ".notice-lint.yaml").write_text(
        "rules:\n  issue-counts: {severity: error}\n  confusables:\n    add:\n"
        "      - {wrong: 帐号, right: 账号, severity: info}\n", encoding="utf-8")
    proc = cli("rules", cwd=tmp_path)
    rows = {line.split()[0]: line.split()[1] for line in proc.stdout.splitlines()}
    assert rows["issue-counts"] == "error"
    assert "info" in rows["confusables"].split("/")


@pytest.mark.parametrize("attribute", [("nonsense",), 42, None])
def test_a_plugin_declaring_nonsense_shows_its_default(attribute):
    from notice_lint.plugins import LoadedRule

    class Odd:
        id = "odd"
        severity = "warning"
        severities = attribute

    assert reported_severities(LoadedRule(Odd(), "odd_plugin"), load(None)) == ("warning",)
