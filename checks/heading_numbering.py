"""Heading numbering: 一、→（一）→1.→（1）, each level consecutive under its parent.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/heading-numbering.yaml (`notice-lint explain heading-numbering` prints it).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import chain

from notice_lint import Finding, Fix, Message, hookimpl
from notice_lint.outline.numerals import to_int
from notice_lint.patterns import shipped_pattern

CN = "零一二三四五六七八九十"
# 是 after a numeral, not 是否 or 是非: found from 是, a literal the engine scans for fast
_CN_ORDINAL = frozenset(CN[1:])
_LISTED_BELOW = 200_000  # characters: below, a notice's ordinals are listed at once
_SHI = shipped_pattern(f"是(?<=[{CN[1:]}]是)(?![否非])")
_BEFORE = "。；;：:，,、“ \t\n\u3000"
_BEFORE_ORDINAL = frozenset(_BEFORE)
# an ordinal whole, as _ordinal_start reads it: one numeral or two before 是, after one of
# _BEFORE or at the start (a lookbehind inside each lookbehind); `two` when there are two. The
# engine tests it at each 是, where a walk in Python made a string object of each character
_NOT_BEFORE = f"[^{_BEFORE}]"
_ORDINAL = shipped_pattern(f"是(?:(?<=(?<!{_NOT_BEFORE})[{CN[1:]}]是)"
                           f"|(?<=(?<!{_NOT_BEFORE})(?P<two>[{CN[1:]}])[{CN[1:]}]是))(?![否非])")
# the value of every one or two numerals before 是
_ORDINAL_VALUES = {a + b: to_int(a + b) for a in ("", *CN[1:]) for b in CN[1:]}
# a paragraph that opens with a label (整改措施：, 下一步：) starts a new 一是/二是 list
_LABEL = shipped_pattern(rf"(?![{CN[1:]}]{{1,2}}是)\p{{Han}}{{2,8}}[：:]")


@cache
def marker(level: int, number: int) -> str:
    if level == 1:
        return f"{_cn(number)}、"
    if level == 2:
        return f"（{_cn(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


def _brackets(written: str) -> str:
    return "".join(c for c in written if c in "（）()［］[]")


def _cn(n: int) -> str:
    if n >= 100:
        return str(n)  # 一二三、: no Chinese form worth suggesting
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN[tens] + "十" + (CN[ones] if ones else "")


class HeadingNumbering:
    id = "heading-numbering"
    description = "标题序号：一、→（一）→1.→（1）层级正确，同级连续编号、格式一致"
    description_en = ("heading numbers: 一、→（一）→1.→（1） hierarchy, consecutive under each "
                      "parent, one form among siblings")
    severity = "warning"
    severities = ("warning", "info")  # info: a 一是/二是 run out of step
    reads = ("headings", "paragraphs")

    def check(self, document, options):
        outline = document.outline
        headings = outline.headings
        yield from self._forms(document, headings)
        yield from self._sequence(document, headings)
        yield from self._ordinals(document, outline)

    def _finding(self, document, start, end, zh, en, fix=None, severity=None):
        return Finding.at(document.view.locate(start, end), rule=self.id, message=Message(zh, en),
                          severity=severity or self.severity, fix=fix)

    def _forms(self, document, headings):
        """Each marker in its level's form; brackets like its siblings'."""
        view = document.view
        if view.is_identity and all(h.marker == marker(h.level, h.number) for h in headings):
            return  # every marker as the standard writes it
        written = {h.view_start: view.original(h.view_start, h.view_marker_end) for h in headings}
        bracket_styles: dict[int, Counter] = {}
        for h in headings:
            if h.level in (2, 4):
                bracket_styles.setdefault(h.level, Counter())[_brackets(written[h.view_start])] += 1
        for h in headings:
            expected = marker(h.level, h.number)
            problems_zh, problems_en = [], []
            if h.level in (1, 3) and h.punct not in ("、" if h.level == 1 else ".．"):
                shown = h.punct or "无标点"
                problems_zh.append(f"序号后应为“{'、' if h.level == 1 else '.'}”，不是“{shown}”")
                problems_en.append(f"the number takes “{'、' if h.level == 1 else '.'}”, "
                                   f"not “{h.punct or 'nothing'}”")
            if h.level in (2, 4):
                if h.punct:
                    problems_zh.append(f"括号后不加“{h.punct}”")
                    problems_en.append(f"nothing follows the bracket (not “{h.punct}”)")
                style = _brackets(written[h.view_start])
                siblings = bracket_styles[h.level]
                if style != "（）" and siblings["（）"] > siblings[style]:
                    problems_zh.append("括号应与同级标题一致，使用全角“（）”")
                    problems_en.append("brackets should match the siblings' full-width “（）”")
            if h.space:
                problems_zh.append("序号后不加空格")
                problems_en.append("no space after the number")
            if problems_zh:
                start, end = h.view_start, h.view_marker_end
                shown = written[h.view_start]
                yield self._finding(document, start, end,
                                    f"标题序号“{shown}”应为“{expected}”：{'；'.join(problems_zh)}",
                                    f"heading number “{shown}” should be “{expected}”: "
                                    f"{'; '.join(problems_en)}",
                                    fix=Fix(expected, False))

    def _sequence(self, document, headings):
        """Numbers consecutive under each parent; no level skipped; no nesting inverted."""
        parents: list = []          # the open headings, shallowest first
        last: dict[tuple[int, int], int] = {}   # (parent start, level) → last number
        latest: dict[int, int] = {}  # level → index of the last heading at that level
        chains: list[tuple] = []     # the open headings when each heading came
        reported: set[int] = set()   # starts of the headings already reported as inverted
        # (grandparent start, level) → last number: problems numbered 1–11 straight through the
        # （一）（二）（三） aspects of one part, to match 反馈的11个问题
        running: dict[tuple[int, int], int] = {}
        previous = None
        for index, h in enumerate(headings):
            while parents and parents[-1].level >= h.level:
                parents.pop()
            parent = parents[-1] if parents else None
            key = (parent.view_start if parent else -1, h.level)
            expected = last.get(key, 0) + 1
            if parent is not None and h.level - parent.level > 1 and not (
                    parent.level == 1 and h.level == 3):
                yield self._finding(document, h.view_start, h.view_marker_end,
                                    f"标题层级跳跃：“{parent.marker.strip()}”下直接使用"
                                    f"“{h.marker.strip()}”，应先用“{marker(parent.level + 1, 1)}”一级",
                                    f"a level is skipped: “{h.marker.strip()}” directly under "
                                    f"“{parent.marker.strip()}”")
            elif h.number != expected and expected == 1 and parent is not None \
                    and parent.level >= 2 and running.get(
                    (_start_of(parents[-2] if len(parents) > 1 else None), h.level)) == h.number - 1:
                pass   # numbered on across the parent's siblings: one scheme, kept throughout
            elif h.number != expected and (resumed := _resumed(headings, index, latest, chains)):
                # 1. （一）（二） 2.: the run of 1. goes on, so （一）（二） sit inside 1.
                sibling, inner, chain = resumed
                if inner.view_start not in reported:
                    reported.add(inner.view_start)
                    yield self._inverted(document, sibling, inner)
                parents = list(chain)
                key = (parents[-1].view_start, h.level)
            elif h.number != expected:
                inverted = (h.number == 1 and expected > 1 and previous is not None
                            and previous.level > h.level)
                if inverted:
                    reported.add(h.view_start)
                    yield self._inverted(document, previous, h)
                else:
                    yield self._out_of_sequence(document, h, expected)
            last[key] = h.number
            grand = parents[-2] if len(parents) > 1 else None
            running[(_start_of(grand) if parent is not None else -2, h.level)] = h.number
            latest[h.level] = index
            chains.append(tuple(parents))
            parents.append(h)
            previous = h

    def _out_of_sequence(self, document, h, expected):
        written, want = h.marker.strip(), marker(h.level, expected)
        if h.number == expected - 1:
            zh = f"序号重复：“{written}”与上一个同级标题相同，应为“{want}”"
            en = f"number repeated: “{written}” again; expected “{want}”"
        elif expected > 1:
            zh = f"序号不连续：“{marker(h.level, expected - 1)}”之后应为“{want}”，却是“{written}”"
            en = f"numbers skip: “{want}” expected, found “{written}”"
        else:
            zh = f"序号应从“{want}”开始，却是“{written}”"
            en = f"numbers skip: “{want}” expected, found “{written}”"
        return self._finding(document, h.view_start, h.view_marker_end, zh, en)

    def _inverted(self, document, above, h):
        """`h` nested under `above` one level shallower than `above` itself."""
        want = marker(above.level + 1, 1)
        return self._finding(document, h.view_start, h.view_marker_end,
                             f"层级倒置：“{above.marker.strip()}”下使用了“{h.marker.strip()}”，"
                             f"应为“{want}”",
                             f"levels inverted: “{h.marker.strip()}” under "
                             f"“{above.marker.strip()}”; use “{want}”")

    def _ordinals(self, document, outline):
        """一是、二是、三是: consecutive from 一, within a paragraph and across the paragraphs of
        one list (one item a paragraph is the common layout).

        A list ends at a heading of any level and at a paragraph that opens with a label
        (整改措施：, 下一步：); a 一是 always starts a new list, and one inside a paragraph whose
        list is open (一是… 其中：一是…二是…) is a nested list that leaves the outer one as it was.
        A list that opens at 二是 with no 一是 before it is left alone: nothing shows whether a
        part is missing or the list began somewhere this rule cannot see."""
        text = outline.text
        if len(text) < _LISTED_BELOW:
            # a notice's few dozen ordinals listed at once: cheaper than a generator's steps
            found = _listed_ordinals(text)
            if not found:
                return
        else:
            # one ordinal at a time: a list of them all held a large draft's every 是
            found = ((j, m.start()) for m in _SHI.finditer(text)
                     if (j := _ordinal_start(text, m.start())) is not None)
            first = next(found, None)
            if first is None:
                return
            found = chain((first,), found)
        paragraphs = iter(outline.paragraphs)
        resets = _list_starts(outline)
        paragraph_end = -1
        outer = None      # the last number of the list carried from paragraph to paragraph
        current = 0       # the last number of the list running in this paragraph
        nested = False    # that list is nested: it does not carry to the next paragraph
        for j, i in found:
            n = _ORDINAL_VALUES[text[j:i]]
            if i > paragraph_end:  # the paragraph's first: it goes on the list left open
                while paragraph_end < i:
                    p = next(paragraphs, None)
                    if p is None:
                        return
                    paragraph_end = p.view_end
                    if p.view_start in resets:
                        outer = None
                before, current, nested, outer = outer, n, False, n
                if n == 1 or before is None or n == before + 1:
                    continue  # a new list, one that opens past 一是 (unclear), or the next item
            else:
                before, current = current, n
                if n == 1:
                    nested = True
                    continue
                if not nested:
                    outer = n
                if n == before + 1:
                    continue
            yield self._ordinal_finding(document, text, j, i, n, before + 1)

    def _ordinal_finding(self, document, text, j, i, n, expected):
        want = f"{_cn(expected)}是"
        written = text[j:i + 1]
        if n == expected - 1:
            zh = f"“一是、二是”序列重复：此处应为“{want}”，却又是“{written}”"
            en = f"the 一是/二是 run repeats: “{want}” expected, “{written}” again"
        else:
            zh = f"“一是、二是”序列不连续：此处应为“{want}”，却是“{written}”"
            en = f"the 一是/二是 run skips: “{want}” expected, found “{written}”"
        return self._finding(document, j, i + 1, zh, en, severity="info")


def _resumed(headings, index, latest, chains):
    """(sibling, inner, chain) when headings[index] goes on from `sibling`, the last heading at
    its level, across headings that are all shallower than it yet inside sibling's own parent
    (二、 1. （一） （二） 2.): the first of them, `inner`, then sits inside `sibling`, the levels
    the wrong way round. `chain` is the open headings when sibling came. None otherwise."""
    h = headings[index]
    at = latest.get(h.level)
    if at is None or headings[at].number != h.number - 1 or at + 1 == index:
        return None
    chain = chains[at]
    if not chain:
        return None  # nothing above the sibling: no parent to be inside
    between = headings[at + 1:index]
    if all(chain[-1].level < b.level < h.level for b in between):
        return headings[at], between[0], chain
    return None


def _listed_ordinals(text: str) -> list[tuple[int, int]]:
    """(numerals' start, 是's offset) of every ordinal, as _ordinal_start reads them."""
    found = []
    for m in _ORDINAL.finditer(text):
        i = m.start()
        found.append((i - 2 if m.lastindex else i - 1, i))
    return found


def _ordinal_start(text: str, i: int) -> int | None:
    """Where the numerals of the 是 at `i` start; None when they are not an ordinal (统一是,
    唯一是, or three numerals)."""
    j = i - 2 if i > 1 and text[i - 2] in _CN_ORDINAL else i - 1  # one or two numerals
    if j > 0 and text[j - 1] not in _BEFORE_ORDINAL:
        return None
    return j


def _list_starts(outline) -> frozenset[int]:
    """The starts of the paragraphs that end a 一是/二是 list: headings and labels."""
    starts = {h.view_start for h in outline.headings}
    for p in outline.paragraphs:
        # a label's colon is among its 3rd to 9th characters: most paragraphs have none there,
        # and two `in` tests cost less than one call of the `regex` engine (the Han class)
        head = p.text[2:9]
        if ("：" in head or ":" in head) and _LABEL.match(p.text):
            starts.add(p.view_start)
    return frozenset(starts)


def _start_of(heading) -> int:
    return heading.view_start if heading is not None else -1


@hookimpl
def notice_lint_rules():
    return [HeadingNumbering()]
