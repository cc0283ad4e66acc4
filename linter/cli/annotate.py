"""`notice-lint annotate DRAFT.docx -o REVIEWED.docx`: findings as Word comments on a copy."""

from __future__ import annotations

import io
import os
import sys
from bisect import bisect_left, bisect_right
from copy import deepcopy
from dataclasses import dataclass
from itertools import pairwise

from ..config import FAIL_LEVELS, LANGS
from ..engine import fails
from ..finding import Finding, Message
from ..input.files import ReadError, read_bytes
from ..outputs import refuse_overwriting_inputs
from ..session import Settings, build_linter
from .parsing import Parser, UsageError, comma_separated

AUTHOR = "notice-lint"
INITIALS = "NL"
# what a run may hold for it to be split without losing anything (text, tabs, breaks)
_SPLITTABLE = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}


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
    notes = [f"[{finding.rule}] {finding.text(lang)}" for finding in result.findings]
    try:
        count, copy = _commented_copy(data, result.findings, notes, quick=True)
    except _IdClash:  # python-docx numbered a comment unlike we assumed: the plain way, slowly
        count, copy = _commented_copy(data, result.findings, notes, quick=False)
    try:
        write_bytes_atomic(output, copy)
    except OSError as exc:
        raise AnnotateError(Message(f"无法写入 {output}：{exc.strerror or exc}",
                                    f"cannot write {output}: {exc.strerror or exc}")) from None
    return count, result.findings, result.crashes


def _commented_copy(data: bytes, findings: list[Finding], notes: list[str],
                    quick: bool) -> tuple[int, bytes]:
    """A second, independent parse of the draft's bytes with a comment per anchored finding."""
    from ..input.word import open_docx, paragraphs  # start-up: as in annotate()

    word = open_docx(data)
    anchored = [(runs, note) for runs, note in zip(_anchors(paragraphs(word), findings), notes,
                                                   strict=True) if runs is not None]
    add = _QuickComments(word) if quick else _PlainComments(word)
    for runs, note in anchored:
        add(runs, note)
    add.finish()
    buffer = io.BytesIO()
    word.save(buffer)
    return len(anchored), buffer.getvalue()


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


def _anchors(paras: list, findings: list[Finding]) -> list[list | None]:
    """For each finding, the first and last run covering exactly its text (None: nowhere)."""
    places = [_place(paras, finding) for finding in findings]
    cuts: dict[int, set[int]] = {}
    for place in places:
        if place is not None:
            cuts.setdefault(place.first, set()).add(_start(place, len(paras[place.first].text)))
            cuts.setdefault(place.last, set()).add(_end(place, len(paras[place.last].text)))
    runs = {index: _RunIndex(_split_paragraph(paras[index], offsets))
            for index, offsets in cuts.items()}
    return [None if place is None else _runs_of(place, runs) for place in places]


def _place(paras: list, finding: Finding) -> _Place | None:
    first, last = finding.line - 1, finding.end_line - 1
    if first >= len(paras):
        return None
    last = min(last, len(paras) - 1)
    end = finding.end_column - 1
    if last != first and end == 0:  # an end at the start of a line: the end of the line before
        last -= 1
        end = len(paras[last].text)
    return _Place(first, finding.column - 1, last, end)


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
    from ..input.word import read_paragraph  # start-up: as in annotate()

    if not dp.segments:
        dp.paragraph.add_run("")
        return read_paragraph(dp.paragraph)
    cuts = sorted(offsets)
    split = False
    for s in dp.segments:
        inside = cuts[bisect_right(cuts, s.start):bisect_left(cuts, s.end)]
        if inside and _splittable(s.run):
            _split_run(s.run, dp.paragraph, [k - s.start for k in inside])
            split = True
    return read_paragraph(dp.paragraph) if split else dp


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


# -- adding the comments -------------------------------------------------------------------------

class _IdClash(Exception):
    """A new comment did not get the id after the greatest one in use."""


class _PlainComments:
    """Comments added through python-docx alone (it reads every comment's id for each new one)."""

    def __init__(self, word) -> None:
        self._word = word

    def __call__(self, runs: list, note: str) -> None:
        self._word.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)

    def finish(self) -> None:
        pass


class _QuickComments(_PlainComments):
    """Comments added at a constant cost each.

    python-docx gives a new comment the greatest id in the comments part plus one, reading every
    comment's id to find it: n comments cost n²/2 reads (4,000 findings took 47 s). While adding,
    the part holds only the comment with the greatest id; the others wait aside and go back, in
    their order, at the end. A new comment that does not get the next id raises _IdClash."""

    def __init__(self, word) -> None:
        super().__init__(word)
        self._part = None  # made on the first comment: a draft without findings gets no part
        self._kept: list = []   # the draft's own comments, in their order
        self._added: list = []
        self._greatest = -1

    def __call__(self, runs: list, note: str) -> None:
        if self._part is None:
            self._set_aside()
        comment = self._word.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)
        if comment.comment_id != self._greatest + 1:
            self.finish()
            raise _IdClash(comment.comment_id)
        self._greatest = comment.comment_id
        for older in list(self._part)[:-1]:
            self._part.remove(older)
        self._added.append(self._part[-1])

    def _set_aside(self) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT  # start-up, as above

        self._word.comments  # noqa: B018 - python-docx creates the comments part on first use
        self._part = self._word.part.part_related_by(RT.COMMENTS).element
        self._kept = list(self._part)
        self._greatest = max((_comment_id(c) for c in self._kept), default=-1)
        for comment in self._kept:
            if _comment_id(comment) != self._greatest:
                self._part.remove(comment)

    def finish(self) -> None:
        if self._part is None:
            return
        for comment in list(self._part):
            self._part.remove(comment)
        for comment in [*self._kept, *self._added]:
            self._part.append(comment)


def _comment_id(element) -> int:
    from docx.oxml.ns import qn  # start-up: python-docx loads only to annotate
    try:
        return int(element.get(qn("w:id"), "-1"))
    except ValueError:
        return -1

