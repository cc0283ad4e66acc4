"""`notice-lint annotate DRAFT.docx -o REVIEWED.docx`: findings as Word comments on a copy."""

from __future__ import annotations

import io
import os
import sys
from copy import deepcopy

from .cli import UsageError, _csv, _Parser
from .config import FAIL_LEVELS, LANGS
from .finding import Finding, Message

AUTHOR = "notice-lint"
INITIALS = "NL"
# what a run may hold for it to be split without losing anything (text, tabs, breaks)
_SPLITTABLE = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}


def main(argv: list[str]) -> int:
    parser = _Parser(prog="notice-lint annotate",
                     description="生成带批注的 Word 副本；原稿不会被修改")
    parser.add_argument("draft", metavar="DRAFT.docx")
    parser.add_argument("-o", "--output", required=True, metavar="REVIEWED.docx")
    parser.add_argument("--config")
    parser.add_argument("--isolated", action="store_true")
    parser.add_argument("--select", type=_csv)
    parser.add_argument("--ignore", type=_csv, default=())
    parser.add_argument("--fail-on", choices=FAIL_LEVELS)
    parser.add_argument("--lang", choices=LANGS)
    args = parser.parse_args(argv)
    from .engine import fails
    from .run import Settings, build_linter

    linter = build_linter(Settings(config=args.config, isolated=args.isolated,
                                   select=args.select, ignore=args.ignore))
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    if not args.draft.lower().endswith(".docx"):
        raise UsageError(f"{args.draft}: annotate 只处理 .docx 文件 (annotate takes a .docx)")
    from .outputs import refuse_overwriting_inputs
    refuse_overwriting_inputs([args.output], lambda: [args.draft, linter.config.source or "",
                                                      args.config or ""])
    try:
        written = annotate(linter, args.draft, args.output, lang)
    except AnnotateError as exc:
        print(f"notice-lint: {'error' if lang == 'en' else '错误'}: {args.draft}: "
              f"{exc.message.render(lang)}", file=sys.stderr)
        return 2
    count, findings, crashes = written
    for crash in crashes:
        print(f"notice-lint: 错误: {args.draft}: 规则 {crash.rule}（插件 {crash.plugin}）运行出错："
              f"{crash.message}", file=sys.stderr)
    print(f"已在 {args.output} 中添加 {count} 条批注（原稿未改动）。" if lang != "en" else
          f"{count} comment(s) added in {args.output} (the draft is unchanged).", file=sys.stderr)
    if crashes:
        return 2
    return 1 if fails(findings, args.fail_on or linter.config.fail_on) else 0


class AnnotateError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def annotate(linter, draft: str, output: str, lang: str) -> tuple[int, list[Finding], list]:
    """Lint `draft` and write a commented copy to `output`; returns (comments, findings, crashes)."""
    from .atomic import write_bytes_atomic
    from .docx_reader import open_docx, paragraphs, read_docx
    from .files import ReadError, read_bytes
    from .repair import repairs

    try:
        data = read_bytes(draft)
        document = read_docx(draft, data, repairer=repairs)
    except ReadError as exc:
        raise AnnotateError(exc.message) from None
    result = linter.lint(document)
    word = open_docx(data)  # a second, independent parse of the same bytes: the copy we edit
    paras = paragraphs(word)
    count = 0
    for finding in result.findings:
        runs = _anchor(paras, finding)
        if runs is None:
            continue
        text = f"[{finding.rule}] {finding.text(lang)}"
        word.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    word.save(buffer)
    try:
        write_bytes_atomic(output, buffer.getvalue())
    except OSError as exc:
        raise AnnotateError(Message(f"无法写入 {output}：{exc.strerror or exc}",
                                    f"cannot write {output}: {exc.strerror or exc}")) from None
    return count, result.findings, result.crashes


def _anchor(paras, finding: Finding):
    """The first and last run covering exactly the finding's text (runs split as needed)."""
    from .docx_reader import _read_paragraph

    first_index, last_index = finding.line - 1, finding.end_line - 1
    if first_index >= len(paras):
        return None
    last_index = min(last_index, len(paras) - 1)
    start = finding.column - 1
    end = finding.end_column - 1
    if last_index != first_index and end == 0:  # an end at the start of a line: the line before
        last_index -= 1
        end = len(paras[last_index].text)
    first = paras[first_index]
    if not first.segments:
        first = paras[first_index] = _with_run(first)
    first_run = _split_at(first, min(start, len(first.text)), keep="right")
    paras[first_index] = _read_paragraph(first.paragraph)
    last = paras[last_index]
    if not last.segments:
        last = paras[last_index] = _with_run(last)
    last_run = _split_at(last, max(min(end, len(last.text)), 1), keep="left")
    paras[last_index] = _read_paragraph(last.paragraph)
    if first_index == last_index:
        # the first run may have been split again when the end fell inside it
        segments = paras[first_index].segments
        first_run = next((s.run for s in segments if s.start == min(start, s.end)
                          and s.end > s.start), first_run)
        if start >= end:
            last_run = first_run
    return [first_run, last_run]


def _with_run(dp):
    from .docx_reader import _read_paragraph
    dp.paragraph.add_run("")
    return _read_paragraph(dp.paragraph)


def _split_at(dp, offset: int, keep: str):
    """The run that starts (keep="right") or ends (keep="left") at `offset` of the paragraph."""
    segments = [s for s in dp.segments]
    if not segments:
        return None
    for s in segments:
        if (keep == "right" and s.start <= offset < s.end) or (keep == "left" and s.start < offset <= s.end):
            k = offset - s.start
            if (keep == "right" and k == 0) or (keep == "left" and k == s.end - s.start):
                return s.run
            if not _splittable(s.run):
                return s.run
            right = _split_run(s.run, k)
            return right if keep == "right" else s.run
    return segments[-1].run if keep == "left" else segments[0].run


def _splittable(run) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _SPLITTABLE for child in run._r)


def _split_run(run, k: int):
    """Split a run at character k; both halves keep the run's formatting. Returns the right."""
    from docx.text.run import Run
    text = run.text
    twin = deepcopy(run._r)
    run._r.addnext(twin)
    right = Run(twin, run._parent)
    run.text = text[:k]
    right.text = text[k:]
    return right

