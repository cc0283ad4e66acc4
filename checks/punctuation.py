"""Punctuation: full-width punctuation in Chinese text, balanced pairs, 〔〕 in document numbers.

Official documents use full-width punctuation (GB/T 15834): ，；：？！（） between Chinese
words, never , ; : ? ! ( ). This rule reports:

- half-width punctuation in Chinese text (not inside numbers like 1,000, times like 8:30, e-mail
  addresses, URLs or Latin text), line by line with a safe fix; a whole document in half-width
  punctuation is reported once, with its count;
- unbalanced （）“”《》〔〕【】 in a paragraph;
- a document number whose year is not in six-sided brackets: 株城发党（2024）15号 →
  株城发党〔2024〕15号 (also [2024] and 【2024】);
- doubled punctuation: ，，  。。  ，。

The punctuation after a heading number (1、 for 1., （一）、) is reported by ``heading-numbering``.

Bad:  整改情况:一是修订制度,明确职责;二是…
Good: 整改情况：一是修订制度，明确职责；二是…
"""

from __future__ import annotations

from linter import Finding, Fix, Message, hookimpl
from linter.grouping import group_edits, replaced
from linter.scan import compile_re, shipped_pattern

PAIRS = {"（": "）", "“": "”", "《": "》", "〔": "〕", "【": "】", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
NAMES = {"（": ("括号", "bracket"), "“": ("引号", "quotation mark"), "《": ("书名号", "title mark"),
         "〔": ("六角括号", "hexagonal bracket"), "【": ("方头括号", "square bracket"),
         "‘": ("单引号", "single quotation mark")}
_DOC_NUMBER = shipped_pattern(
    r"(?<=\p{Han})(?P<open>[\[【（(［﹝])[ \t]*(?P<year>(?:19|20)[0-9]{2})[ \t]*(?P<close>[\]】）)］﹞])"
    r"(?=[ \t]*[0-9]{1,4}[ \t]*号)")
_MARKS = "".join(PAIRS) + "".join(PAIRS.values())
_PAIRED = compile_re(f"[{_MARKS}]")
_PAIRED_OR_LINE = compile_re(f"[{_MARKS}\\n]")
_DOC_NUMBER_HINT = compile_re(r"[\[【（(［﹝][ \t]*(?:19|20)[0-9]{2}")
_STOPS = "，。、；：？！"
_DOUBLED = compile_re(rf"([{_STOPS}])\1+|[，；：、][。]|[。][，；、]")
_TWO_MARKS = compile_re(f"[{_STOPS}][{_STOPS}]")  # what every doubling has: one cheap pass first


class Punctuation:
    id = "punctuation"
    description = "标点：中文用全角标点，括号引号成对，发文字号用六角括号〔〕"
    description_en = ("punctuation: full-width in Chinese text, balanced brackets and quotes, "
                      "document numbers in 〔〕")
    severity = "warning"

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
        text = view.text
        if _balanced(text):
            return
        ends = iter(p.end for p in document.outline.paragraphs)
        paragraph_end = -1
        stack = _Stack()
        for m in _PAIRED.finditer(text):  # one pass; a pair never spans paragraphs
            char = m.group()
            if m.start() > paragraph_end:
                for opener, start in stack.drain():
                    yield self._unclosed(view, opener, start)
                while paragraph_end < m.start():
                    paragraph_end = next(ends, len(text))
            if char in PAIRS and not (char == "‘" and stack.top() == "‘"):
                stack.push(char, m.start())
            elif char in CLOSERS:
                opener = CLOSERS[char]
                if stack.top() == opener:
                    stack.pop()
                elif opener in stack:
                    while stack.top() != opener:
                        yield self._unclosed(view, *stack.pop())
                    stack.pop()
                else:
                    zh, en = NAMES[opener]
                    yield Finding.at(view.locate(m.start(), m.end()), rule=self.id,
                                     message=Message(f"多余的后{zh}「{char}」：前面没有对应的「{opener}」",
                                                     f"closing {en} 「{char}」 without an "
                                                     f"opening 「{opener}」"),
                                     severity=self.severity)
        for opener, start in stack.drain():
            yield self._unclosed(view, opener, start)

    def _unclosed(self, view, opener, start):
        zh, en = NAMES[opener]
        return Finding.at(view.locate(start, start + 1), rule=self.id,
                          message=Message(f"{zh}不配对：「{opener}」缺少对应的「{PAIRS[opener]}」",
                                          f"unbalanced {en}: 「{opener}」 is never closed with "
                                          f"「{PAIRS[opener]}」"),
                          severity=self.severity)

    def _document_numbers(self, document):
        view = document.view
        if not _DOC_NUMBER_HINT.search(view.text):
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
        for m in _DOUBLED.finditer(view.text, first.start()):
            yield Finding.at(view.locate(m.start(), m.end()), rule=self.id,
                             message=Message(f"标点重复：“{m.group()}”",
                                             f"doubled punctuation: “{m.group()}”"),
                             severity=self.severity,
                             # ，， → ，  is safe; ，。 needs a reader to choose
                             fix=Fix(m.group()[0], len(set(m.group())) == 1
                                     and view.faithful(m.start(), m.end())))


class _Stack:
    """The open marks of a paragraph, with a count per mark so that "is a 「（」 open anywhere?"
    costs no walk down the stack (a walk per closer made 》》》… after （（（… quadratic)."""

    def __init__(self) -> None:
        self._items: list[tuple[str, int]] = []
        self._open: dict[str, int] = dict.fromkeys(PAIRS, 0)

    def __contains__(self, opener: str) -> bool:
        return self._open[opener] > 0

    def top(self) -> str | None:
        return self._items[-1][0] if self._items else None

    def push(self, opener: str, start: int) -> None:
        self._items.append((opener, start))
        self._open[opener] += 1

    def pop(self) -> tuple[str, int]:
        opener, start = self._items.pop()
        self._open[opener] -= 1
        return opener, start

    def drain(self) -> list[tuple[str, int]]:
        """The marks left open, first opened first; the stack is empty afterwards."""
        items, self._items = self._items, []
        self._open = dict.fromkeys(PAIRS, 0)
        return items


def _balanced(text: str) -> bool:
    """Every bracket and quote closes, in order, on its own line (a fast first look in one pass
    over the marks; the exact walk runs when it fails)."""
    stack: list[str] = []
    for m in _PAIRED_OR_LINE.finditer(text):
        char = m.group()
        if char == "\n":
            if stack:
                return False
        elif char in PAIRS:
            stack.append(char)
        elif not stack or stack.pop() != CLOSERS[char]:
            return False
    return not stack


@hookimpl
def notice_lint_rules():
    return [Punctuation()]
