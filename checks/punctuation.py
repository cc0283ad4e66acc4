"""Punctuation: full-width punctuation in Chinese text, balanced pairs, 〔〕 in document numbers.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/punctuation.yaml (`notice-lint explain punctuation` prints it).
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterable, Iterator
from itertools import chain

from notice_lint import Finding, Fix, Message, hookimpl
from notice_lint.edit_groups import group_edits, replaced
from notice_lint.patterns import shipped_pattern

PAIRS = {"（": "）", "“": "”", "《": "》", "〔": "〕", "【": "】", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
NAMES = {"（": ("括号", "bracket"), "“": ("引号", "quotation mark"), "《": ("书名号", "title mark"),
         "〔": ("六角括号", "hexagonal bracket"), "【": ("方头括号", "square bracket"),
         "‘": ("单引号", "single quotation mark")}
_DOC_NUMBER = shipped_pattern(
    r"(?<=\p{Han})(?P<open>[\[【（(［﹝])[ \t]*(?P<year>(?:19|20)[0-9]{2})[ \t]*(?P<close>[\]】）)］﹞])"
    r"(?=[ \t]*[0-9]{1,4}[ \t]*号)")
_MARKS = "".join(PAIRS) + "".join(PAIRS.values())
_PAIRED = shipped_pattern(f"[{_MARKS}]")
_LISTED_BELOW = 200_000  # characters: below, a text's marks are found by str.find
DOC_NUMBER_HINT = shipped_pattern(r"[\[【（(［﹝][ \t]*(?:19|20)[0-9]{2}")   # what every one has
_DOC_NUMBER_OPENERS = "[【（(［﹝"
_STOPS = "，。、；：？！"
_DOUBLED = shipped_pattern(rf"([{_STOPS}])\1+|[，；：、][。]|[。][，；、]")
_TWO_MARKS = shipped_pattern(f"[{_STOPS}][{_STOPS}]")  # what every doubling has: one cheap pass first
LISTED = 200  # unbalanced (or doubled) marks listed one by one; any more are counted in one finding


class Punctuation:
    id = "punctuation"
    description = "标点：中文用全角标点，括号引号成对，发文字号用六角括号〔〕"
    description_en = ("punctuation: full-width in Chinese text, balanced brackets and quotes, "
                      "document numbers in 〔〕")
    severity = "warning"
    reads = ("paragraphs",)

    def check(self, document, options):
        yield from self._halfwidth(document)
        yield from self._unbalanced(document)
        yield from self._document_numbers(document)
        yield from self._doubled(document)

    def _halfwidth(self, document):
        text = document.text
        edits = [(r.start, r.end, r.replacement) for r in document.repairs
                 if getattr(r, "kind", None) == "halfwidth"]
        for group in group_edits(text, edits, len(document.outline.paragraphs)):
            marks = "".join(dict.fromkeys(text[s] for s, _, _ in group.edits))
            shown = "".join(f"“{m}”" for m in marks)
            count = len(group.edits)
            if group.whole_document:
                zh = f"全文使用半角标点（共{count}处，如{shown}），中文应使用全角标点"
                en = f"the document uses half-width punctuation ({count}, e.g. {shown}): use " \
                     f"full-width punctuation in Chinese text"
            else:
                zh = f"中文中使用了半角标点{shown}（{count}处），应使用全角标点"
                en = f"half-width punctuation {shown} ({count}) in Chinese text: use full-width"
            yield Finding.at(document.locate(group.start, group.end), rule=self.id,
                             message=Message(zh, en), severity=self.severity,
                             fix=Fix(replaced(text, group), True))

    def _unbalanced(self, document):
        view = document.view
        if _balanced(view.text):
            return
        marks = _unbalanced_marks(view.text, [p.view_end for p in document.outline.paragraphs])
        for closing, char, start in _first(marks, LISTED):
            yield self._unbalanced_mark(view, closing, char, start)
        rest = next(marks, None)
        if rest is not None:  # counted, and shown at the first of them in the text
            count, first = 1, rest[2]
            for _, _, start in marks:
                count += 1
                first = min(first, start)
            zh = f"另有{count}处括号、引号不配对（未逐一列出，最前的一处在此）"
            en = f"{count} more unbalanced brackets or quotes (not listed one by one; the first " \
                 f"of them is here)"
            yield Finding.at(view.locate(first, first + 1), rule=self.id,
                             message=Message(zh, en), severity=self.severity)

    def _unbalanced_mark(self, view, closing: bool, char: str, start: int) -> Finding:
        if closing:
            opener = CLOSERS[char]
            zh, en = NAMES[opener]
            message = Message(f"多余的后{zh}「{char}」：前面没有对应的「{opener}」",
                              f"closing {en} 「{char}」 without an opening 「{opener}」")
        else:
            zh, en = NAMES[char]
            message = Message(f"{zh}不配对：「{char}」缺少对应的「{PAIRS[char]}」",
                              f"unbalanced {en}: 「{char}」 is never closed with 「{PAIRS[char]}」")
        return Finding.at(view.locate(start, start + 1), rule=self.id, message=message,
                          severity=self.severity)

    def _document_numbers(self, document):
        view = document.view
        text = view.text
        if not (may_hold_document_number(text) if len(text) < _LISTED_BELOW
                else DOC_NUMBER_HINT.search(text)):
            return
        for m in _DOC_NUMBER.finditer(view.text):
            if m["open"] == "〔" and m["close"] == "〕":
                continue
            start, end = m.start("open"), m.end("close")
            wrong = document.text[view.to_original(start):view.to_original_end(end)]
            fixed = f"〔{m['year']}〕"
            yield Finding.at(view.locate(start, end), rule=self.id,
                             message=Message(f"发文字号的年份应使用六角括号“{fixed}”，不用“{wrong}”",
                                             f"a document number's year goes in six-sided "
                                             f"brackets: {fixed}, not {wrong}"),
                             severity=self.severity, fix=Fix(fixed, True))

    def _doubled(self, document):
        view = document.view
        first = _TWO_MARKS.search(view.text)
        if first is None:
            return
        doubled = _DOUBLED.finditer(view.text, first.start())
        for m in _first(doubled, LISTED):
            yield Finding.at(view.locate(m.start(), m.end()), rule=self.id,
                             message=Message(f"标点重复：“{m.group()}”",
                                             f"doubled punctuation: “{m.group()}”"),
                             severity=self.severity,
                             fix=Fix(m.group()[0], _collapsible(view, m)))
        rest = next(doubled, None)
        if rest is not None:
            yield self._more_doubled(document, chain([rest], doubled))

    def _more_doubled(self, document, doubled: Iterator) -> Finding:
        """One finding for the doubled marks past the listed ones, whose fix collapses those
        that are safe to collapse (written piece by piece: no list of thousands of edits)."""
        view, original = document.view, document.text
        fixed = io.StringIO()
        count = collapsed = 0
        start = done = end = -1
        for m in doubled:
            count += 1
            m_start, end = view.to_original(m.start()), view.to_original_end(m.end())
            if start < 0:
                start = done = m_start
            if _collapsible(view, m):
                fixed.write(original[done:m_start])
                fixed.write(m.group()[0])
                done = end
                collapsed += 1
        fixed.write(original[done:end])
        return Finding.at(document.locate(start, end), rule=self.id,
                          message=Message(f"另有{count}处标点重复（未逐一列出），自此处起",
                                          f"{count} more doubled punctuation marks (not listed "
                                          f"one by one), from here on"),
                          severity=self.severity,
                          fix=Fix(fixed.getvalue(), True) if collapsed else None)


def _collapsible(view, m) -> bool:
    """，， → ，  is safe; ，。 needs a reader to choose."""
    return len(set(m.group())) == 1 and view.faithful(m.start(), m.end())


def _first(items: Iterator, n: int) -> Iterator:
    """The first n items, leaving the rest in `items` (islice would take one more to stop)."""
    for _ in range(n):
        item = next(items, None)
        if item is None:
            return
        yield item


def _unbalanced_marks(text: str, paragraph_ends: list[int]) -> Iterator[tuple[bool, str, int]]:
    """(closing, mark, offset) of every mark that does not pair, in one pass with a stack: an
    opener left open at its paragraph's end, a closer whose opener is not open (a pair never
    spans paragraphs; an opener inside a pair closed around it is left open)."""
    ends = iter(paragraph_ends)
    paragraph_end = -1
    stack = _Stack()
    for offset, char in _marks_in(text):
        if offset > paragraph_end:
            for opener, start in stack.drain():
                yield False, opener, start
            while paragraph_end < offset:
                paragraph_end = next(ends, len(text))
        if char in PAIRS and not (char == "‘" and stack.top() == "‘"):
            stack.push(char, offset)
        elif char in CLOSERS:
            opener = CLOSERS[char]
            if stack.top() == opener:
                stack.pop()
            elif opener in stack:
                while stack.top() != opener:
                    yield (False, *stack.pop())
                stack.pop()
            else:
                yield True, char, offset
    for opener, start in stack.drain():
        yield False, opener, start


_OPENERS = tuple(PAIRS)


class _Stack:
    """The open marks of a paragraph, with a count per mark so that "is a 「（」 open anywhere?"
    costs no walk down the stack (a walk per closer made 》》》… after （（（… quadratic). Kept
    as a byte and a machine integer per mark: a million open marks take 9 MB, not 100."""

    def __init__(self) -> None:
        self._marks = bytearray()     # index into _OPENERS
        self._starts = array("q")
        self._open = [0] * len(_OPENERS)  # how many of each are open

    def __contains__(self, opener: str) -> bool:
        return self._open[_OPENERS.index(opener)] > 0

    def top(self) -> str | None:
        return _OPENERS[self._marks[-1]] if self._marks else None

    def push(self, opener: str, start: int) -> None:
        index = _OPENERS.index(opener)
        self._marks.append(index)
        self._starts.append(start)
        self._open[index] += 1

    def pop(self) -> tuple[str, int]:
        index = self._marks.pop()
        self._open[index] -= 1
        return _OPENERS[index], self._starts.pop()

    def drain(self) -> Iterator[tuple[str, int]]:
        """The marks left open, first opened first; the stack is empty afterwards."""
        marks, starts = self._marks, self._starts
        self._marks, self._starts, self._open = bytearray(), array("q"), [0] * len(_OPENERS)
        return ((_OPENERS[m], s) for m, s in zip(marks, starts, strict=True))


def may_hold_document_number(text: str) -> bool:
    """Whether `text` has a match of DOC_NUMBER_HINT (（2024）, [ 2019 …), looked for from each
    opening bracket by str.find: half the instructions of the pattern tried at every position."""
    for opener in _DOC_NUMBER_OPENERS:
        i = text.find(opener)
        while i >= 0:
            j = i + 1
            while text[j:j + 1] in (" ", "\t"):
                j += 1
            if text.startswith(("19", "20"), j) and "0" <= text[j + 2:j + 3] <= "9" \
                    and "0" <= text[j + 3:j + 4] <= "9":
                return True
            i = text.find(opener, i + 1)
    return False


def _marks_in(text: str) -> Iterable[tuple[int, str]]:
    """(offset, mark) of every bracket and quote, in order. A notice's few dozen are found by
    str.find, one mark at a time, cheaper than a pattern trying every character; a large
    draft's are streamed by the pattern (a list of a million marks would hold 64 MB)."""
    if len(text) >= _LISTED_BELOW:
        return ((m.start(), m.group()) for m in _PAIRED.finditer(text))
    found = []
    for mark in _MARKS:
        i = text.find(mark)
        while i >= 0:
            found.append((i, mark))
            i = text.find(mark, i + 1)
    found.sort()
    return found


def _balanced(text: str) -> bool:
    """Every bracket and quote closes, in order, on its own line (a fast first look in one pass
    over the marks; the exact walk runs when it fails)."""
    stack: list[str] = []
    last = 0
    for i, char in _marks_in(text):
        # a line ends between two marks while one is open: looked for only then, since the
        # marks are fewer than the lines
        if stack and text.find("\n", last, i) >= 0:
            return False
        last = i
        if char in PAIRS:
            stack.append(char)
        elif not stack or stack.pop() != CLOSERS[char]:
            return False
    return not stack


@hookimpl
def notice_lint_rules():
    return [Punctuation()]
