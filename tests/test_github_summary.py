"""The GitHub step summary: appended to $GITHUB_STEP_SUMMARY by the github format."""

from __future__ import annotations

from conftest import CLEAN, cli

from notice_lint import Finding
from notice_lint.reporters.base import Summary
from notice_lint.reporters.github_summary import SHOWN, StepSummary, escape

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


def test_summary_is_appended_with_counts_and_a_table(tmp_path):
    (tmp_path / "bad|<b>x.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("# an earlier step\n", encoding="utf-8")
    proc = cli("bad|<b>x.txt", "good.txt", "--format", "github", cwd=tmp_path,
               env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=bad|<b>x.txt,")   # the annotations as before
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# an earlier step\n## notice-lint\n")   # appended, not replaced
    assert "共发现 **1** 个问题，检查文件 2 个：错误 1，警告 0，提示 0" in text
    assert "| confusables | 1 |" in text
    row = next(line for line in text.splitlines() if line.startswith("| bad"))
    # the pipe cannot end the cell, the tag is no HTML
    assert row.startswith("| bad\\|&lt;b&gt;x.txt | ")
    assert "| 错误 | confusables | “反应”应为“反映”" in row
    cells = [c for c in row.replace("\\|", "").split("|")[1:-1]]
    assert len(cells) == 6


def test_summary_in_english_and_when_clean(tmp_path):
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    summary = tmp_path / "summary.md"
    cli("good.txt", "--format", "github", "--lang", "en", cwd=tmp_path,
        env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8") == \
        "## notice-lint\n\nNo problems found in 1 file(s).\n\n"


def test_summary_only_for_the_github_format(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    summary = tmp_path / "summary.md"
    cli("bad.txt", "--format", "json", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()
    # GITHUB_ACTIONS=true makes github the default format, and so the summary comes too
    cli("bad.txt", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary),
                                      "GITHUB_ACTIONS": "true"})
    assert "| confusables | 1 |" in summary.read_text(encoding="utf-8")


def test_unwritable_summary_is_one_warning(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    proc = cli("bad.txt", "--format", "github", cwd=tmp_path,
               env={"GITHUB_STEP_SUMMARY": str(tmp_path)})   # a directory
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=bad.txt,")
    (warning,) = proc.stderr.splitlines()
    assert warning.startswith(f"notice-lint: 警告: 无法写入 GitHub 步骤摘要 {tmp_path}: ")


def test_run_errors_are_listed(tmp_path):
    summary = tmp_path / "summary.md"
    proc = cli("missing.txt", "--format", "github", cwd=tmp_path,
               env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 2
    text = summary.read_text(encoding="utf-8")
    assert "**1** 个运行错误：" in text and "- missing.txt: " in text


def test_table_is_capped(tmp_path):
    writer = StepSummary(str(tmp_path / "s.md"), "en")
    findings = [Finding("spacing", n, 1, "stray *space*", "warning", path="a.txt")
                for n in range(1, SHOWN + 31)]
    writer.add(findings[:50])
    writer.add(findings[50:])
    totals = Summary()
    totals.files = 1
    totals.by_severity["warning"] = len(findings)
    totals.by_rule["spacing"] = len(findings)
    writer.finish(totals)
    lines = (tmp_path / "s.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("| a.txt |")]
    assert len(rows) == SHOWN
    assert rows[0] == "| a.txt | 1 | 1 | warning | spacing | stray \\*space\\* |"
    assert "… and 30 more" in lines
    assert f"Found **{SHOWN + 30}** problem(s) in 1 file(s): 0 error, {SHOWN + 30} warning, " \
           f"0 info" in lines


def test_escape():
    assert escape("a|b") == "a\\|b"
    assert escape("<script>&") == "&lt;script&gt;&amp;"
    assert escape("x\ny\x1b") == "x y "
    assert escape("`code` [link](u) _e_ $m$") == "\\`code\\` \\[link\\](u) \\_e\\_ \\$m\\$"
