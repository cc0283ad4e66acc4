"""One self-contained HTML page: each draft with its findings highlighted, and a summary."""

from __future__ import annotations

import tempfile
from collections import Counter
from html import escape

from ..version import __version__
from .base import Reporter, Summary

LABELS = {
    "zh": {"title": "巡察整改通报检查报告", "summary": "汇总", "rule": "规则", "count": "问题数",
           "description": "检查内容", "files": "检查文件", "findings": "发现问题",
           "error": "错误", "warning": "警告", "info": "提示", "none": "未发现问题。",
           "encoding": "编码", "unreadable": "无法检查", "problems": "运行错误", "line": "第{}行",
           "fixable": "可自动修复"},
    "en": {"title": "Rectification notice check report", "summary": "Summary", "rule": "Rule",
           "count": "Findings", "description": "What it checks", "files": "Files checked",
           "findings": "Findings", "error": "errors", "warning": "warnings", "info": "info",
           "none": "No problems found.", "encoding": "encoding", "unreadable": "not checked",
           "problems": "Run errors", "line": "line {}", "fixable": "fixable"},
}

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;
max-width:60em;color:#222;line-height:1.6}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
.draft{font-family:"Noto Serif CJK SC","SimSun",serif;border:1px solid #ddd;padding:.5em 1em;background:#fcfcfc}
.row{display:flex;gap:1em}.no{color:#999;min-width:2.5em;text-align:right;user-select:none}
.text{white-space:pre-wrap;word-break:break-all;flex:1}
mark{padding:0 1px;border-radius:2px}mark.error{background:#ffd6d6;border-bottom:2px solid #d00}
mark.warning{background:#fff0c2;border-bottom:2px solid #d90}mark.info{background:#dbeaff;border-bottom:2px solid #37c}
.notes{margin:0 0 .4em 3.5em;padding:0;list-style:none;font-family:sans-serif;font-size:.9em}
.notes li{margin:.1em 0}.sev{display:inline-block;min-width:2.5em;padding:0 .3em;border-radius:3px;color:#fff;
font-size:.85em;text-align:center;margin-right:.4em}.sev.error{background:#c00}.sev.warning{background:#c80}
.sev.info{background:#37c}.rule{color:#666;font-family:monospace;margin-left:.4em}.problem{color:#c00}
"""


class HtmlReporter(Reporter):
    """The summary comes first on the page, so the drafts' sections wait in a temporary file
    until the end (in memory they grew with the archive: 160 MB for 2,000 drafts)."""

    needs_documents = True

    def describe_rules(self, rules) -> None:
        self._descriptions = {
            r.id: (getattr(r.rule, "description_en", None) if self.lang == "en" else None)
            or r.rule.description for r in rules}

    def start(self) -> None:
        # a path's undecodable bytes are lone surrogates: kept as they are, as in memory
        # (newline="": a carriage return in a path stays one)
        self._sections = tempfile.SpooledTemporaryFile(_SPOOLED, "w+", encoding="utf-8",
                                                       newline="", errors="surrogatepass")
        self._count = 0
        self._labels = LABELS["en" if self.lang == "en" else "zh"]

    def file(self, result) -> None:
        t = self._labels
        parts = [f"<h2>{escape(result.path)}</h2>"]
        if result.error is not None:
            parts.append(f'<p class="problem">{t["unreadable"]}：{escape(result.error.render(self.lang))}</p>')
            self._section(parts)
            return
        document = result.document
        counts = Counter(str(f.severity) for f in result.findings)
        parts.append(f"<p>{t['encoding']}：{escape(document.encoding)}；{t['findings']}："
                     f"{len(result.findings)}（{t['error']} {counts['error']}，"
                     f"{t['warning']} {counts['warning']}，{t['info']} {counts['info']}）</p>")
        if not result.findings:
            parts.append(f"<p>{t['none']}</p>")
        parts.append('<div class="draft">')
        by_line: dict[int, list] = {}
        for number, f in enumerate(result.findings, 1):
            for line in range(f.line, f.end_line + 1):
                by_line.setdefault(line, []).append((number, f))
        for line_no, line in enumerate(document.lines, 1):
            marks = by_line.get(line_no, [])
            parts.append(f'<div class="row" id="{escape(result.path)}:{line_no}">'
                         f'<span class="no">{line_no}</span>'
                         f'<span class="text">{_highlight(line, line_no, marks, self.lang)}</span></div>')
            starting = [(n, f) for n, f in marks if f.line == line_no]
            if starting:
                parts.append('<ul class="notes">' + "".join(
                    f'<li><span class="sev {f.severity}">{t[str(f.severity)]}</span>'
                    f'<sup>{n}</sup> {escape(f.located(self.lang))}'
                    f'<span class="rule">{escape(f.rule)}</span>'
                    f'{" · " + t["fixable"] if f.fix and f.fix.safe else ""}</li>'
                    for n, f in starting) + "</ul>")
        parts.append("</div>")
        self._section(parts)

    def _section(self, parts: list[str]) -> None:
        self._sections.write(("\n" if self._count else "") + "\n".join(parts))
        self._count += 1

    def finish(self, summary: Summary) -> None:
        t = self._labels
        rows = "".join(
            f"<tr><td><code>{escape(rule)}</code></td>"
            f"<td>{escape(getattr(self, '_descriptions', {}).get(rule, ''))}</td><td>{count}</td></tr>"
            for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
        s = summary.by_severity
        head = (f"<p>{t['files']}：{summary.files}；{t['findings']}：{summary.findings}"
                f"（{t['error']} {s['error']}，{t['warning']} {s['warning']}，{t['info']} "
                f"{s['info']}）</p>")
        table = (f"<table><tr><th>{t['rule']}</th><th>{t['description']}</th>"
                 f"<th>{t['count']}</th></tr>{rows}</table>") if rows else ""
        problems = "".join(f'<li class="problem">{escape(p.path or "")} {escape(p.message)}</li>'
                           for p in summary.problems)
        problems = f"<h2>{t['problems']}</h2><ul>{problems}</ul>" if problems else ""
        lang = "en" if self.lang == "en" else "zh-CN"
        self.stream.write(
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="generator" content="notice-lint {__version__}">'
            f"<title>{t['title']}</title><style>{STYLE}</style></head><body>"
            f"<h1>{t['title']}</h1><h2>{t['summary']}</h2>{head}{table}{problems}")
        with self._sections as sections:
            sections.seek(0)
            while chunk := sections.read(_SPOOLED):
                self.stream.write(chunk)
        self.stream.write("</body></html>\n")


_SPOOLED = 1 << 20  # characters of sections held in memory before they go to the file


def _highlight(line: str, line_no: int, marks, lang: str) -> str:
    """The line with each finding's part wrapped in <mark>; overlaps take the most severe."""
    if not marks:
        return escape(line)
    rank = {"info": 1, "warning": 2, "error": 3}
    by_number = dict(marks)
    cover: list[int | None] = [None] * max(len(line), 1)
    for number, f in marks:
        start = f.column - 1 if f.line == line_no else 0
        end = f.end_column - 1 if f.end_line == line_no else len(line)
        start, end = max(start, 0), min(max(end, start + 1), len(cover))
        for i in range(start, end):
            if cover[i] is None or rank[str(f.severity)] > rank[
                    str(by_number[cover[i]].severity)]:
                cover[i] = number
    out = []
    i = 0
    while i < len(line):
        current = cover[i]
        j = i
        while j < len(line) and cover[j] == current:
            j += 1
        chunk = escape(line[i:j])
        if current is None:
            out.append(chunk)
        else:
            f = by_number[current]
            out.append(f'<mark class="{f.severity}" title="{escape(f.rule)}: '
                       f'{escape(f.text(lang))}">{chunk}</mark>')
        i = j
    if not line:
        return ""
    return "".join(out)
