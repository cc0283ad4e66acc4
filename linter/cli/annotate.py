"""`notice-lint annotate DRAFT.docx -o REVIEWED.docx`: findings as Word comments on a copy."""

from __future__ import annotations

import io
import os
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from itertools import pairwise

from ..config import FAIL_LEVELS, LANGS
from ..engine import fails
from ..finding import Finding, Message
from ..input.files import ReadError, read_bytes
from ..outputs import refuse_overwriting_inputs
from ..record import Record
from ..session import Settings, build_linter
from .annotate_comments import IdClash, PlainComments, QuickComments, remove_ours
from .parsing import Parser, UsageError, comma_separated

# what a run may hold for it to be split without losing anything (text, tabs, breaks)
_SPLITTABLE = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}
_SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
             "en": {"error": "error", "warning": "warning", "info": "info"}}
# a finding Word cannot carry a comment on (python-docx marks comments in the body only): its
# comment sits on the body paragraph nearest to it and says where the words are
_ELSEWHERE = {"header": ("页眉中", "in the header"), "footer": ("页脚中", "in the footer"),
              "textbox": ("文本框中", "in a text box")}


def main(argv: list[str]) -> int:
    parser = Parser(prog="notice-lint annotate",
                     description="生成带批注的 Word 副本；原稿不会被修改")
    parser.add_argument("draft", metavar="DRAFT.docx")
    parser.add_argument("-o", "--output", required=True, metavar="REVIEWED.docx")
    parser.add_argument("--config")
    parser.add_argument("--isolated", action="store_true")
    parser.add_argument("--select", type=comma_separated)
    parser.add_argument("--ignore", type=comma_separated, default=())
    parser.add_argument("--fail-on", choices=FAIL_LEVELS)
    parser.add_argument("--lang", choices=LANGS)
    args = parser.parse_args(argv)

    linter = build_linter(Settings(config=args.config, isolated=args.isolated,
                                   select=args.select, ignore=args.ignore))
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    if not args.draft.lower().endswith(".docx"):
        raise UsageError(f"{args.draft}: annotate 只处理 .docx 文件 (annotate takes a .docx)")
    refuse_overwriting_inputs([args.output], lambda: [args.draft, linter.config.source or "",
                                                      args.config or ""])
    try:
        written = annotate_draft(linter, args.draft, args.output, lang)
    except AnnotateError as exc:
        print(f"notice-lint: {'error' if lang == 'en' else '错误'}: {args.draft}: "
              f"{exc.message.render(lang)}", file=sys.stderr)
        return 2
    for crash in written.crashes:
        print(f"notice-lint: 错误: {args.draft}: 规则 {crash.rule}（插件 {crash.plugin}）运行出错："
              f"{crash.message}", file=sys.stderr)
    for line in suppressed_lines(written.suppressed, lang, written.document):
        print(line, file=sys.stderr)
    print(f"已在 {args.output} 中添加 {written.count} 条批注（原稿未改动）。" if lang != "en" else
          f"{written.count} comment(s) added in {args.output} (the draft is unchanged).",
          file=sys.stderr)
    if written.crashes:
        return 2
    return 1 if fails(written.findings, args.fail_on or linter.config.fail_on) else 0


def suppressed_lines(suppressed: list, lang: str, document=None) -> list[str]:
    """One line per finding a reviewer's comment switched off, with the reason given."""
    from ..input.word_review import author_of  # start-up: as in annotate()

    lines = []
    for finding, by in suppressed:
        directive = by.directive
        author = author_of(document, directive) if document is not None else ""
        reason = directive.reason or ("未写理由" if lang != "en" else "no reason given")
        if lang == "en":
            lines.append(f"ignored by {author or 'a reviewer'}'s comment: {finding.line}:"
                         f"{finding.column} {finding.rule}: {finding.text(lang)} — {reason}")
        else:
            lines.append(f"已按{author or '审阅人'}的批注忽略：{finding.line}:{finding.column} "
                         f"{finding.rule}：{finding.text(lang)}——理由：{reason}")
    return lines


class AnnotateError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class Annotated(Record):
    """What annotating a draft gave: comments written, findings (those a reviewer's comment
    switched off apart, each with that comment), crashed rules, our earlier comments replaced."""

    count: int
    findings: list
    crashes: list
    suppressed: list
    replaced: int
    document: object = None     # the draft as read


def annotate(linter, draft: str, output: str, lang: str) -> tuple[int, list[Finding], list]:
    """Lint `draft` and write a commented copy to `output`; returns (comments, findings, crashes)."""
    done = annotate_draft(linter, draft, output, lang)
    return done.count, done.findings, done.crashes


def annotate_draft(linter, draft: str, output: str, lang: str) -> Annotated:
    """Lint `draft` and write a commented copy to `output`: one comment per finding, our
    comments from an earlier run replaced, every other comment kept."""
    # start-up: the Word reader (zipfile, python-docx) and atomic writes (tempfile) load only to
    # annotate, not whenever the command line starts
    from ..atomic import write_bytes_atomic
    from ..input.word import read_docx

    try:
        data = read_bytes(draft)
        document = read_docx(draft, data)
    except ReadError as exc:
        raise AnnotateError(exc.message) from None
    result = linter.lint(document)
    try:
        count, replaced, copy = _commented_copy(data, document, result.findings, lang, quick=True)
    except IdClash:  # python-docx numbered a comment unlike we assumed: the plain way, slowly
        count, replaced, copy = _commented_copy(data, document, result.findings, lang,
                                                quick=False)
    try:
        write_bytes_atomic(output, copy)
    except OSError as exc:
        raise AnnotateError(Message(f"无法写入 {output}：{exc.strerror or exc}",
                                    f"cannot write {output}: {exc.strerror or exc}")) from None
    return Annotated(count, result.findings, result.crashes, result.suppressed, replaced,
                     document)


def note(finding: Finding, lang: str, document=None) -> str:
    """A comment's text: severity and rule, then the message (and where the words are when the
    comment cannot sit on them)."""
    severity = _SEVERITY["en" if lang == "en" else "zh"][str(finding.severity)]
    where = ""
    place = document.place_of(finding.line) if document is not None else "body"
    if place in _ELSEWHERE:
        zh, en = _ELSEWHERE[place]
        words = finding.anchor or ""
        where = f"{en}, “{words}”: " if lang == "en" else f"{zh}“{words}”："
    return f"[{severity} {finding.rule}] {where}{finding.text(lang)}"


def _commented_copy(data: bytes, document, findings: list[Finding], lang: str,
                    quick: bool) -> tuple[int, int, bytes]:
    """A second, independent parse of the draft's bytes with our earlier comments taken out and
    a comment per anchored finding; (comments added, comments replaced, the bytes)."""
    from ..input.word import open_docx  # start-up: as in annotate()
    from ..input.word_text import all_paragraphs

    word = open_docx(data)
    replaced = remove_ours(word)
    body, extras = all_paragraphs(word)
    places = _anchors(body, _hosts(body, extras), document.word.paragraph_offsets,
                      [_offsets(document, f) for f in findings])
    anchored = [(runs, note(f, lang, document)) for runs, f in zip(places, findings, strict=True)
                if runs is not None]
    add = QuickComments(word) if quick else PlainComments(word)
    for runs, text in anchored:
        add(runs, text)
    add.finish()
    buffer = io.BytesIO()
    word.save(buffer)
    return len(anchored), replaced, buffer.getvalue()


def _offsets(document, finding: Finding) -> tuple[int, int]:
    starts = document.line_starts
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[min(finding.end_line, len(starts)) - 1] + finding.end_column - 1
    return start, max(end, start)


def _hosts(body: list, extras: list) -> list[int | None]:
    """For each paragraph Word cannot carry a comment in (a header's, a footer's, a text box's),
    the index of the body paragraph its comment sits on, whole: the text box's own paragraph,
    or the first of the body for a header or footer."""
    index = {id(b.paragraph): i for i, b in enumerate(body)}
    return [index.get(id(dp.host), 0) if dp.host is not None else (0 if body else None)
            for dp in extras]


# -- where each comment goes ---------------------------------------------------------------------
# All the findings are placed first, every run split once at all the places that fall inside it,
# and each paragraph read once more: a finding costs a lookup, not a walk of its paragraph (a walk
# per finding, and a re-read of the paragraph after each split, made a draft with thousands of
# findings quadratic). The result is the one of splitting finding by finding: a split keeps every
# character where it was, so each comment starts and ends at the same character either way.

@dataclass(frozen=True, slots=True)
class _Place:
    """Where a finding's comment starts and ends: (paragraph, offset) each, 0-based."""

    first: int
    start: int
    last: int
    end: int


def _anchors(body: list, hosts: list[int | None], offsets: Sequence[int],
             spans: list[tuple[int, int]]) -> list[list | None]:
    """For each finding's span (offsets in the document's text), the first and last run of the
    body covering exactly its text (None: nowhere)."""
    places = [_place(body, hosts, offsets, span) for span in spans]
    cuts: dict[int, set[int]] = {}
    for place in places:
        if place is not None:
            cuts.setdefault(place.first, set()).add(_start(place, len(body[place.first].text)))
            cuts.setdefault(place.last, set()).add(_end(place, len(body[place.last].text)))
    runs = {index: _RunIndex(_split_paragraph(body[index], offsets))
            for index, offsets in cuts.items()}
    return [None if place is None else _runs_of(place, runs) for place in places]


def _place(body: list, hosts: list[int | None], offsets: Sequence[int],
           span: tuple[int, int]) -> _Place | None:
    start, end = span
    first = bisect_right(offsets, start) - 1
    last = max(first, bisect_right(offsets, end) - 1)
    if last != first and end == offsets[last]:  # an end at the start of a paragraph: the end of
        last -= 1                                # the one before
    if first >= len(body):  # a header's, a footer's, a text box's: on its host, whole
        host = hosts[first - len(body)] if first - len(body) < len(hosts) else None
        return None if host is None else _Place(host, 0, host, len(body[host].text))
    if last >= len(body):
        last, end = first, offsets[first] + len(body[first].text)
    return _Place(first, start - offsets[first], last,
                  min(end - offsets[last], len(body[last].text)))


def _start(place: _Place, length: int) -> int:
    """The offset the comment starts at in its first paragraph of `length` characters."""
    return min(place.start, length)


def _end(place: _Place, length: int) -> int:
    """The offset the comment ends at in its last paragraph (after one character at least)."""
    return max(min(place.end, length), 1)


def _runs_of(place: _Place, runs: dict[int, _RunIndex]) -> list:
    first_runs, last_runs = runs[place.first], runs[place.last]
    first = first_runs.starting(_start(place, first_runs.length))
    if place.first == place.last and place.start >= place.end:
        return [first, first]
    return [first, last_runs.ending(_end(place, last_runs.length))]


class _RunIndex:
    """The runs of one paragraph by the characters they hold, looked up by bisection."""

    def __init__(self, dp) -> None:
        self.length = len(dp.text)
        self._all = dp.segments
        self._text = [s for s in dp.segments if s.end > s.start]  # empty runs hold no character
        self._starts = [s.start for s in self._text]

    def _holding(self, offset: int):
        return self._text[bisect_right(self._starts, offset) - 1].run

    def starting(self, offset: int):
        """The run holding the character at `offset` (after the text: the first run)."""
        return self._holding(offset) if offset < self.length else self._all[0].run

    def ending(self, offset: int):
        """The run holding the character before `offset` (an empty paragraph: its last run)."""
        return self._holding(offset - 1) if self.length else self._all[-1].run


def _split_paragraph(dp, offsets: set[int]):
    """The paragraph re-read after splitting its runs at each offset that falls inside one (a
    paragraph without a run gets an empty one to carry the comment)."""
    from ..input.word_text import reread  # start-up: as in annotate()

    if not dp.segments:
        dp.paragraph.add_run("")
        return reread(dp)
    cuts = sorted(offsets)
    split = False
    for s in dp.segments:
        inside = cuts[bisect_right(cuts, s.start):bisect_left(cuts, s.end)]
        if inside and _splittable(s.run):
            _split_run(s.run, dp.paragraph, [k - s.start for k in inside])
            split = True
    return reread(dp) if split else dp


def _splittable(run) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _SPLITTABLE for child in run.element)


def _split_run(run, parent, cuts: list[int]) -> None:
    """Split a run at each of the (increasing, inner) character offsets `cuts`; every piece keeps
    the run's formatting. The run is emptied before it is copied, so the copies cost nothing."""
    from docx.text.run import Run  # start-up: python-docx loads only to annotate

    text = run.text
    run.text = ""  # keeps the formatting (w:rPr) and nothing else
    previous = run.element
    for a, b in pairwise([*cuts, len(text)]):
        twin = deepcopy(run.element)
        Run(twin, parent).text = text[a:b]
        previous.addnext(twin)
        previous = twin
    run.text = text[:cuts[0]]
