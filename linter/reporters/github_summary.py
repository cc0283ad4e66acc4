"""The GitHub Actions job summary: counts and a table of findings, appended to $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..outputs import valid_unicode

if TYPE_CHECKING:
    from ..finding import Finding
    from .base import Summary

SHOWN = 100   # findings in the table; the page stays readable, the rest are counted
_SEVERITIES = ("error", "warning", "info")
_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# what GitHub's Markdown reads as markup inside a table cell (inline only: `#`, `-`, `1.` start a
# block only at the start of a line, which a cell never is) or as raw HTML
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]|~$"} | {
    "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " ", "\t": " "})


def escape(text: str) -> str:
    """`text` as literal text in a Markdown table cell: no markup, no HTML, one line."""
    return "".join(ch if ch.isprintable() or ch == " " else " "
                   for ch in valid_unicode(text).translate(_MARKDOWN))


class StepSummary:
    """Collects the first SHOWN findings as the files go by and writes the summary at the end."""

    def __init__(self, path: str, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.rows: list[tuple[str, Finding]] = []
        self.more = 0

    def add(self, findings: list[Finding]) -> None:
        for finding in findings:
            if len(self.rows) < SHOWN:
                self.rows.append((finding.text(self.lang), finding))
            else:
                self.more += 1

    def finish(self, summary: Summary) -> None:
        text = self.markdown(summary)
        try:
            # append: other steps of the job write their summaries to the same file
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            label = ("warning: cannot write the step summary" if self.lang == "en"
                     else "警告: 无法写入 GitHub 步骤摘要")
            print(f"notice-lint: {label} {self.path}: {reason}", file=sys.stderr)

    def markdown(self, summary: Summary) -> str:
        en = self.lang == "en"
        counts = summary.by_severity
        out = ["## notice-lint", ""]
        if summary.findings:
            out.append(
                f"Found **{summary.findings}** problem(s) in {summary.files} file(s): "
                + ", ".join(f"{counts[s]} {s}" for s in _SEVERITIES) if en else
                f"共发现 **{summary.findings}** 个问题，检查文件 {summary.files} 个："
                + "，".join(f"{_ZH[s]} {counts[s]}" for s in _SEVERITIES))
        else:
            out.append(f"No problems found in {summary.files} file(s)." if en else
                       f"未发现问题，检查文件 {summary.files} 个。")
        if summary.problems:
            out += ["", f"**{len(summary.problems)}** " + (
                "error(s) stopped the run:" if en else "个运行错误：")]
            out += [f"- {escape((p.path + ': ') if p.path else '')}{escape(p.message)}"
                    for p in summary.problems]
        if summary.by_rule:
            out += ["", "| rule | count |" if en else "| 规则 | 数量 |", "|---|---:|"]
            out += [f"| {escape(rule)} | {n} |" for rule, n in summary.by_rule.most_common()]
        if self.rows:
            out += ["", "| file | line | column | severity | rule | message |" if en else
                    "| 文件 | 行 | 列 | 级别 | 规则 | 消息 |", "|---|---:|---:|---|---|---|"]
            for message, f in self.rows:
                severity = str(f.severity)
                out.append(f"| {escape(f.path or '-')} | {f.line} | {f.column} | "
                           f"{severity if en else _ZH[severity]} | {escape(f.rule)} | "
                           f"{escape(message)} |")
            if self.more:
                out += ["", f"… and {self.more} more" if en else f"……另有 {self.more} 个问题未列出"]
        return "\n".join(out) + "\n\n"


def step_summary(lang: str) -> StepSummary | None:
    """The summary to write when the run is a GitHub Actions step ($GITHUB_STEP_SUMMARY set)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    return StepSummary(path, lang) if path else None
