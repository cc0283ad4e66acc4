"""unused-suppression: Markdown suppression comments that hide nothing, or name unknown rules."""

from __future__ import annotations

import json

import pytest
from conftest import CLEAN, cli, lint, make_linter

from notice_lint import Finding, suppression_sources
from notice_lint.document import Document
from notice_lint.suppressions import Directive, Suppression, apply

WRONG = "请及时向我们反应"
LINES = CLEAN.split("\n")
AT = next(i for i, line in enumerate(LINES) if "请及时向我们反映" in line)   # 0-based
BAD = "\n".join([*LINES[:AT], LINES[AT].replace("请及时向我们反映", WRONG), *LINES[AT + 1:]])


def with_comment(text: str, comment: str, before: int = AT) -> str:
    """`text` with `comment` as a line of its own before line `before` (0-based)."""
    lines = text.split("\n")
    return "\n".join([*lines[:before], comment, *lines[before:]])


def md(text: str, **kwargs) -> list[Finding]:
    return lint(text, kind="markdown", path="d.md", **kwargs)


def test_a_used_comment_is_not_reported():
    text = with_comment(BAD, "<!-- notice-lint-disable-next-line confusables -- 引用原话 -->")
    assert md(text) == []


def test_an_unused_comment_is_reported_with_its_text_and_a_fix():
    comment = "<!-- notice-lint-disable-next-line confusables -->"
    (finding,) = md(with_comment(CLEAN, comment))
    assert (finding.rule, finding.line, finding.column, finding.end_column) == (
        "unused-suppression", AT + 1, 1, len(comment) + 1)
    assert str(finding.severity) == "info"
    assert finding.message.render("zh") == f"未使用的抑制注释：{comment}（没有可抑制的问题，可删除）"
    assert finding.message.render("en") == \
        f"unused suppression: {comment} (it suppresses nothing; remove it)"
    assert (finding.fix.replacement, finding.fix.safe) == ("", True)


def test_unused_ids_in_a_used_comment():
    comment = "<!-- notice-lint-disable-next-line spacing, confusables,dates -- 原文 -->"
    (finding,) = md(with_comment(BAD, comment))
    assert "抑制注释中的 spacing, dates 未使用" in finding.message.render("zh")
    start = comment.index(" spacing")
    assert (finding.line, finding.column, finding.end_column) == (
        AT + 1, start + 1, comment.index(" -- ") + 1)
    assert finding.fix.replacement == " confusables"


def test_unknown_rule_id_is_one_warning_without_fix():
    comment = "<!-- notice-lint-disable-next-line confusable -->"
    found = md(with_comment(BAD, comment))
    unknown = [f for f in found if f.rule == "unused-suppression"]
    assert len(unknown) == 1
    assert str(unknown[0].severity) == "warning" and unknown[0].fix is None
    assert "规则 confusable 不存在" in unknown[0].message.render("zh")
    assert "confusables" in unknown[0].message.render("en")   # the suggestion
    assert [f.rule for f in found if f.rule != "unused-suppression"] == ["confusables"]


def test_only_rules_that_ran_are_judged(tmp_path):
    comment = "<!-- notice-lint-disable-next-line spacing -->"
    path = tmp_path / "d.md"
    path.write_text(with_comment(CLEAN, comment), encoding="utf-8")
    everything = json.loads(cli("d.md", "--format", "json", cwd=tmp_path).stdout)["findings"]
    assert [f["rule"] for f in everything] == ["unused-suppression"]
    selected = cli("d.md", "--select", "confusables,unused-suppression", "--format", "json",
                   cwd=tmp_path)
    assert json.loads(selected.stdout)["findings"] == []
    (tmp_path / ".notice-lint.yaml").write_text("per-file-ignores:\n  '*.md': [spacing]\n",
                                                encoding="utf-8")
    ignored = cli("d.md", "--format", "json", cwd=tmp_path)
    assert json.loads(ignored.stdout)["findings"] == []


def test_a_comment_for_every_rule_is_judged_when_every_rule_ran(tmp_path):
    comment = "<!-- notice-lint-disable-line -->"
    text = CLEAN.replace("局党组将持续巩固整改成果，", "局党组将持续巩固整改成果，" + comment)
    (finding,) = md(text)
    assert finding.rule == "unused-suppression" and finding.fix.replacement == ""
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1:finding.end_column - 1] == comment
    (tmp_path / "d.md").write_text(text, encoding="utf-8")
    proc = cli("d.md", "--select", "confusables,unused-suppression", cwd=tmp_path)
    assert proc.returncode == 0 and "unused-suppression" not in proc.stdout


def test_block_disable_up_to_enable():
    opened = with_comment(BAD, "<!-- notice-lint-disable confusables -->", before=AT - 2)
    closed = with_comment(opened, "<!-- notice-lint-enable confusables -->", before=AT + 3)
    assert md(closed) == []   # the wrong word lies inside the block
    early = with_comment(BAD, "<!-- notice-lint-disable confusables -->", before=AT - 2)
    early = with_comment(early, "<!-- notice-lint-enable -->", before=AT - 1)
    found = md(early)
    assert sorted(f.rule for f in found) == ["confusables", "unused-suppression"]
    (unused,) = [f for f in found if f.rule == "unused-suppression"]
    assert unused.line == AT - 1


def test_of_two_comments_hiding_one_finding_the_broader_is_unused():
    text = with_comment(BAD, "<!-- notice-lint-disable confusables -->", before=0)
    text = with_comment(text, "<!-- notice-lint-disable-next-line confusables -->", before=AT + 1)
    (finding,) = md(text)
    assert finding.line == 1   # the block; removing it leaves the finding hidden by the line's


def test_fix_removes_what_is_unused_and_keeps_what_is_hidden(tmp_path):
    text = with_comment(BAD, "<!-- notice-lint-disable-next-line confusables, spacing -->")
    text = with_comment(text, "<!-- notice-lint-disable-next-line dates -->", before=4)
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    proc = cli("d.md", "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    fixed = path.read_text(encoding="utf-8").split("\n")
    assert fixed[4] == ""   # the line stays, empty: the blocks on either side stay apart
    assert fixed[AT + 1] == "<!-- notice-lint-disable-next-line confusables -->"
    assert WRONG in fixed[AT + 2]
    assert len(fixed) == len(text.split("\n"))
    assert cli("d.md", cwd=tmp_path).stdout.startswith("未发现问题")


def test_severity_exit_status_and_switching_it_off(tmp_path):
    (tmp_path / "d.md").write_text(
        with_comment(CLEAN, "<!-- notice-lint-disable-next-line confusables -->"),
        encoding="utf-8")
    assert cli("d.md", cwd=tmp_path).returncode == 0            # info: below --fail-on warning
    assert cli("d.md", "--fail-on", "info", cwd=tmp_path).returncode == 1
    assert cli("d.md", "--ignore", "unused-suppression", cwd=tmp_path).stdout.startswith(
        "未发现问题")
    (tmp_path / ".notice-lint.yaml").write_text(
        "rules:\n  unused-suppression: {severity: error}\n", encoding="utf-8")
    assert cli("d.md", cwd=tmp_path).returncode == 1
    (tmp_path / ".notice-lint.yaml").write_text(
        "rules:\n  unused-suppression: {enabled: false}\n", encoding="utf-8")
    assert cli("d.md", cwd=tmp_path).returncode == 0
    rules = cli("rules", cwd=tmp_path).stdout
    assert "unused-suppression" in rules


def test_text_drafts_have_no_suppression_comments():
    text = with_comment(BAD, "<!-- notice-lint-disable-next-line confusables -->")
    assert [f.rule for f in lint(text)] == ["confusables"]


# -- a second source of suppressions plugs in (as Word reviewers' comments will) ------------------

def test_a_second_source_with_spans(monkeypatch):
    line = AT + 1
    column = LINES[AT].index("请及时向我们反映") + 1
    note = Directive("word", line, 1, 2, "notice-lint: ignore confusables 原话", ("confusables",),
                     "原话")
    unused_note = Directive("word", 1, 1, 2, "notice-lint: ignore spacing", ("spacing",))

    def reviewer_comments(document: Document) -> list[Suppression]:
        return [Suppression("confusables", note, span=(line, column, line, column + 8)),
                Suppression("spacing", unused_note, span=(1, 1, 1, 5))]

    monkeypatch.setattr(suppression_sources, "SOURCES",
                        (*suppression_sources.SOURCES, reviewer_comments))
    linter = make_linter()
    result = linter.lint(Document.from_text(BAD, "d.txt"))
    (finding,) = result.findings
    assert finding.rule == "unused-suppression" and finding.line == 1
    assert finding.fix is None   # nothing to edit in a Word comment
    assert "notice-lint: ignore spacing" in finding.message.render("en")


@pytest.mark.parametrize(("span", "hidden"), [
    ((3, 5, 3, 7), True), ((3, 7, 3, 9), False), ((3, 1, 3, 6), True), ((2, 1, 3, 5), False)])
def test_span_overlap(span, hidden):
    finding = Finding("confusables", 3, 5, "m", end_line=3, end_column=7)
    directive = Directive("word", 1, 1, 2, "x", ("confusables",))
    kept, used = apply([finding], [Suppression("confusables", directive, span=span)])
    assert (kept == [], used == {0}) == (hidden, hidden)
