"""Compiler-style lines: path:line:column: severity rule: message (and the words, on a terminal)."""

from __future__ import annotations

from ..outputs import one_line
from .base import Reporter, Summary


class TextReporter(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paint = _plain
        if self.color:
            from ..colour import Palette  # start-up: a pipe never needs it
            self._paint = Palette(True)
            # every piece of draft text is escaped here (one_line); what the terminal must act
            # on is the colour codes, which the stream's own escaping would spell out
            self.stream = getattr(self.stream, "unescaped", self.stream)

    def file(self, result) -> None:
        write = self.stream.write
        paint = self._paint
        for f in result.findings:
            severity = str(f.severity)
            # one line a finding whatever the path, rule or quoted draft text hold
            write(f"{paint(one_line(str(f.path)), 'path')}:{f.line}:{f.column}: "
                  f"{paint(severity, severity)} {paint(one_line(f.rule), 'rule')}: "
                  f"{one_line(f.located(self.lang))}\n")
            place = f.place
            if self.show_source and place is not None and place.excerpt is not None:
                from ..excerpt import source_lines  # start-up: only when source is shown
                write("\n".join(source_lines(place, f.line, paint, severity)) + "\n\n")

    def finish(self, summary: Summary) -> None:
        write = self.stream.write
        if self.statistics and summary.by_rule:
            width = max(len(rule) for rule in summary.by_rule)
            for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                write(one_line(f"{count:>6}  {rule:<{width}}") + "\n")
        if self.quiet:
            return
        s = summary.by_severity
        files = summary.files
        failed = len(summary.problems)
        if self.lang == "en":
            if summary.findings:
                line = (f"Found {summary.findings} problem{'s' * (summary.findings != 1)} "
                        f"({s['error']} error, {s['warning']} warning, {s['info']} info) "
                        f"in {files} file{'s' * (files != 1)}")
            else:
                line = f"No problems found in {files} file{'s' * (files != 1)}"
            if summary.cached:  # so a re-run shows what it did not lint again
                line += f" ({summary.cached} from the cache)"
            if summary.excluded:  # so a commit of excluded drafts shows why nothing was linted
                line += (f" ({summary.excluded} named file{'s' * (summary.excluded != 1)} "
                         f"excluded by the configuration)")
            if failed:
                line += f"; {failed} error{'s' * (failed != 1)} stopped the check (see stderr)"
        else:
            if summary.findings:
                line = (f"共发现 {summary.findings} 个问题（错误 {s['error']}，警告 {s['warning']}，"
                        f"提示 {s['info']}），检查文件 {files} 个")
            else:
                line = f"未发现问题，检查文件 {files} 个"
            if summary.cached:
                line += f"（{summary.cached} 个取自缓存）"
            if summary.excluded:
                line += f"（另有 {summary.excluded} 个指定的文件被配置的 exclude 排除）"
            if failed:
                line += f"；另有 {failed} 处运行错误未能检查（见错误输出）"
        write(line + ("." if self.lang == "en" else "。") + "\n")


def _plain(text: str, role: str) -> str:
    return text
