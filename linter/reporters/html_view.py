"""One draft's section of the HTML report, from a document and its findings; no file I/O.

`render_section` is public: the HTML report calls it for each draft, and so may a server."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape

from ..finding import Finding
from .html_assets import labels

# A finding whose span is longer than this (in characters), or that runs over three lines or
# more, is about a passage or the whole document (converter damage, a missing part anchored
# where it belongs), not about words: painted over the text it would hide the word-level
# findings under it, so it is shown once, in the banner at the top of the draft's section.
# Word-level findings are far shorter: a wrong word, a date, a phone number, an e-mail address.
WORD_SPAN = 30
CONTEXT = 2   # lines shown either side of a finding when a draft is shown in excerpts
_RANK = {"info": 1, "warning": 2, "error": 3}


def span_length(finding: Finding, lines: Sequence[str]) -> int:
    """The characters the finding covers, line breaks counted as one."""
    if finding.end_line == finding.line:
        return max(finding.end_column - finding.column, 1)
    first = len(lines[finding.line - 1]) if finding.line <= len(lines) else 0
    middle = sum(len(lines[i - 1]) + 1 for i in range(finding.line + 1, finding.end_line)
                 if i <= len(lines))
    return first - finding.column + 2 + middle + finding.end_column - 1


def is_whole_document(finding: Finding, lines: Sequence[str]) -> bool:
    """Whether the finding goes in the banner rather than over the words."""
    return finding.end_line - finding.line >= 2 or span_length(finding, lines) > WORD_SPAN


def render_section(document, findings: Iterable[Finding], *, lang: str = "zh",
                   path: str | None = None, number: int = 1,
                   context: int | None = None) -> str:
    """One draft's <section>: its name, its counts, a banner of whole-document findings, and
    its text with the word-level findings highlighted and noted under their lines.

    `document` is a notice_lint Document (its `lines`, `encoding` and `path` are read);
    `number` makes the section's ids unique on a page (`f{number}`, `f{number}-L{line}`);
    `context` None shows the whole text, else only the lines with findings and `context`
    lines either side, the others replaced by a line saying which were left out."""
    t = labels(lang)
    sid = f"f{number}"
    findings = sorted(findings, key=lambda f: f.sort_key)
    lines = document.lines
    total = max(len(lines), 1)
    banner = [f for f in findings if is_whole_document(f, lines)]
    words = [f for f in findings if not is_whole_document(f, lines)]
    numbers = {id(f): n for n, f in enumerate(findings, 1)}
    counts = Counter(str(f.severity) for f in findings)
    name = escape(document.path if path is None else path)
    parts = [f'<section class="file" id="{sid}"{" data-findings" if findings else ""}>',
             f'<h2><a href="#{sid}">{name}</a></h2>',
             f'<p class="meta">{t["encoding"]}{t["colon"]}{escape(document.encoding)}'
             f'{t["semicolon"]}{t["findings"]}{t["colon"]}'
             f'{len(findings)}{t["counts"].format_map(counts_of(counts))}</p>']
    if banner:
        parts.append(_banner(banner, numbers, sid, total, t, lang))
    if not findings:
        parts.append(f"<p>{t['none']}</p>")
    elif context is not None:
        parts.append(f'<p class="meta">{escape(t["excerpt"].format(context))}</p>')
    anchored: dict[int, str] = {}   # line → the most severe banner finding anchored there
    for f in sorted(banner, key=lambda f: _RANK[str(f.severity)]):
        anchored[min(f.line, total)] = str(f.severity)
    by_line: dict[int, list[Finding]] = {}
    for f in words:
        for line in range(f.line, f.end_line + 1):
            by_line.setdefault(line, []).append(f)
    parts.append('<div class="draft">')
    shown = _shown(words, anchored, total, context)
    previous = 0
    for line_no in shown:
        if line_no > previous + 1:
            parts.append(_gap(previous + 1, line_no - 1, t))
        previous = line_no
        line = lines[line_no - 1] if line_no <= len(lines) else ""
        marks = by_line.get(line_no, [])
        row = f"row at-banner {anchored[line_no]}" if line_no in anchored else "row"
        parts.append(f'<div class="{row}" id="{sid}-L{line_no}"><span class="no">{line_no}</span>'
                     f'<span class="text">{highlight(line, line_no, marks, lang)}</span></div>')
        starting = [f for f in marks if f.line == line_no]
        if starting:
            parts.append('<ul class="notes">' + "".join(
                _note(f, numbers[id(f)], t, lang) for f in starting) + "</ul>")
    if previous < total and shown:
        parts.append(_gap(previous + 1, total, t))
    parts.append("</div></section>")
    return "\n".join(parts)


def render_unreadable(path: str, reason: str, *, lang: str = "zh", number: int = 1) -> str:
    """The section of a file that could not be checked: its name and why."""
    t = labels(lang)
    return (f'<section class="file" id="f{number}"><h2><a href="#f{number}">{escape(path)}</a>'
            f'</h2><p class="problem">{t["unreadable"]}{t["colon"]}{escape(reason)}</p></section>')


def counts_of(counts: Counter) -> dict[str, int]:
    return {s: counts[s] for s in ("error", "warning", "info")}


def finding_attributes(f: Finding) -> str:
    """What the filters read: the finding's rule and severity."""
    return f'data-rule="{escape(f.rule)}" data-sev="{f.severity}"'


def _note(f: Finding, number: int, t: dict, lang: str, link: str = "") -> str:
    fixable = " · " + t["fixable"] if f.fix and f.fix.safe else ""
    return (f'<li {finding_attributes(f)}><span class="sev {f.severity}">'
            f'{t["badge"][str(f.severity)]}</span><sup>{number}</sup> {escape(f.located(lang))}'
            f'<span class="rule">{escape(f.rule)}</span>{fixable}{link}</li>')


def _banner(banner: list[Finding], numbers: dict, sid: str, total: int, t: dict,
            lang: str) -> str:
    worst = max(banner, key=lambda f: _RANK[str(f.severity)]).severity
    items = "".join(
        _note(f, numbers[id(f)], t, lang,
              f' <a href="#{sid}-L{min(f.line, total)}">{t["line"].format(f.line)}</a>')
        for f in banner)
    return (f'<div class="banner {worst}" role="note"><p>{t["whole"]}</p>'
            f"<ul>{items}</ul></div>")


def _gap(first: int, last: int, t: dict) -> str:
    text = t["gap"].format(first) if first == last else t["gap_range"].format(first, last)
    return f'<div class="gap">⋯ {text} ⋯</div>'


def _shown(words: list[Finding], anchored: dict[int, str], total: int,
           context: int | None) -> Sequence[int]:
    """The line numbers to print: all, or those near a finding."""
    if context is None:
        return range(1, total + 1)
    keep = set(anchored)
    for f in words:
        keep.update(range(max(f.line - context, 1), min(f.end_line + context, total) + 1))
    return sorted(keep)


def highlight(line: str, line_no: int, marks: Sequence[Finding], lang: str) -> str:
    """The line, escaped, with each finding's part wrapped in <mark>. Where spans overlap the
    narrowest wins (the word inside a longer span stays visible), then the most severe."""
    if not line:
        return ""
    if not marks:
        return escape(line)
    cover: list[Finding | None] = [None] * len(line)
    weight: list[tuple[int, int]] = [(0, 0)] * len(line)
    for f in marks:
        start = f.column - 1 if f.line == line_no else 0
        end = f.end_column - 1 if f.end_line == line_no else len(line)
        start, end = max(start, 0), min(max(end, start + 1), len(line))
        mine = (-(end - start), _RANK[str(f.severity)])
        for i in range(start, end):
            if cover[i] is None or mine > weight[i]:
                cover[i], weight[i] = f, mine
    out = []
    i = 0
    while i < len(line):
        current = cover[i]
        j = i
        while j < len(line) and cover[j] is current:
            j += 1
        chunk = escape(line[i:j])
        if current is None:
            out.append(chunk)
        else:
            out.append(f'<mark class="{current.severity}" {finding_attributes(current)} '
                       f'title="{escape(current.rule)}: {escape(current.text(lang))}">{chunk}</mark>')
        i = j
    return "".join(out)
