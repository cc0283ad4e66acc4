"""Required sections: the parts every rectification-progress notice has, present and in order.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/required-sections.yaml (`notice-lint explain required-sections` prints it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from notice_lint import DataError, Finding, Message, hookimpl, load_data
from notice_lint.checks._sections import (
    classify,
    preamble_region,
    timed_search,
    written_without_heading,
)
from notice_lint.checks._written import no_space
from notice_lint.patterns import UnsafePattern, shipped_pattern, user_pattern
from notice_lint.profile import REQUIREMENTS, XUNCHA

ALL_PARTS = ("title", "preamble", "parts", "headings", "supervision", "contact", "signature")


@dataclass(frozen=True, eq=False)
class Options:
    add: tuple = ()
    require: tuple[str, ...] = ALL_PARTS

    def __post_init__(self) -> None:
        unknown = [r for r in self.require if r not in ALL_PARTS]
        if unknown:
            raise ValueError(f"require: unknown part {unknown[0]} (known: {', '.join(ALL_PARTS)})")
        spec(self)  # compile the user's additions now: errors at load time


class Part(NamedTuple):
    part: str
    order: int
    name: str
    name_en: str
    expected: str
    patterns: tuple[regex.Pattern, ...]
    paragraphs: regex.Pattern       # an unnumbered paragraph that is this part


class Spec(NamedTuple):
    title: regex.Pattern
    title_expected: tuple[str, str]
    inspection: regex.Pattern
    feedback: regex.Pattern
    parts: tuple[Part, ...]
    problem_heading: regex.Pattern
    announces: regex.Pattern        # 根据…巡视工作部署要求，现将…予以公布: details left to part 一
    garbled_date: regex.Pattern


@cache
def spec(options: Options) -> Spec:
    raw = load_data("notice_lint.configs", "sections.yaml")
    extra: dict[str, list[regex.Pattern]] = {}
    known = [p["part"] for p in raw["parts"]]
    for entry, source, line in options.add:
        if not isinstance(entry, dict) or set(entry) != {"part", "pattern"} \
                or entry["part"] not in known:
            raise DataError(f"{source}:{line}: required-sections 的 add 条目应为 "
                            f"{{part: {'|'.join(known)}, pattern: 正则}}")
        try:
            compiled = user_pattern(entry["pattern"])
        except (regex.error, TypeError) as exc:
            raise DataError(f"{source}:{line}: 正则表达式无效：{exc}") from None
        except UnsafePattern as exc:
            raise DataError(f"{source}:{line}: required-sections 的 pattern {exc}") from None
        extra.setdefault(entry["part"], []).append(compiled)
    parts = tuple(Part(p["part"], p["order"], p["name"], p["name_en"], p["expected"],
                       tuple(extra.get(p["part"], [])) + tuple(shipped_pattern(x)
                                                               for x in p["patterns"]),
                       shipped_pattern(p["paragraphs"]))
                  for p in raw["parts"])
    title = raw["title"]
    return Spec(shipped_pattern(title["pattern"]), (title["expected"], title["expected_en"]),
                shipped_pattern(raw["preamble"]["inspection"]),
                shipped_pattern(raw["preamble"]["feedback"]), parts,
                shipped_pattern(raw["problem_heading"]),
                shipped_pattern(raw["preamble"]["announces"]),
                shipped_pattern(raw["preamble"]["garbled_date"]))


class RequiredSections:
    id = "required-sections"
    description = "必备部分：标题、导语、一二三部分、监督句、联系方式、落款，齐全且有序"
    description_en = ("required parts: title, preamble, parts 一/二/三, supervision sentence, "
                      "contact block, signature and date, present and in order")
    severity = "error"
    severities = ("error", "warning", "info")  # info: not a notice, a thin preamble
    reads = ("body_paragraphs", "contact", "dates", "headings", "paragraphs", "preamble",
             "signature", "title", "supervision", "profile")
    Options = Options

    def check(self, document, options: Options):
        s = spec(options)
        outline = document.outline
        if not outline.paragraphs:
            return
        checks = {"title": self._title, "preamble": self._preamble, "parts": self._parts,
                  "headings": self._broken_headings, "supervision": self._supervision, "contact": self._contact,
                  "signature": self._signature}
        profile = document.profile
        if not profile.is_notice:
            first = outline.paragraphs[0]
            yield self._finding(document, first.view_start, first.view_end,
                                "此文件不像巡察（巡视）整改情况通报，未检查其结构",
                                "this file does not look like a rectification-progress notice; "
                                "its structure was not checked", "info")
            return
        for name in ALL_PARTS:
            if name in options.require and (name not in REQUIREMENTS or profile.requires(name)):
                yield from checks[name](document, outline, s)

    def _finding(self, document, start, end, zh, en, severity=None):
        return Finding.at(document.view.locate(start, end), rule=self.id,
                          message=Message(zh, en), severity=severity or self.severity)

    def _title(self, document, outline, s):
        expected, expected_en = s.title_expected
        title = outline.title
        if title is None:
            first = outline.paragraphs[0]
            # a warning: text copied from a web page leaves the title in the page's heading
            yield self._finding(document, first.view_start, first.view_end,
                                f"缺少标题：应在导语前写明标题，如“{expected}”",
                                f"no title: the notice should open with a title such as "
                                f"{expected_en}", "warning")
        elif not s.title.search(no_space(title.text)):
            yield self._finding(document, title.view_start, title.view_end,
                                f"标题不完整：应由发文机关、事由和文种组成，如“{expected}”",
                                f"incomplete title: it needs the organ, the subject and the "
                                f"document kind, e.g. {expected_en}", "warning")
        elif not title.organ:
            yield self._finding(document, title.view_start, title.view_end,
                                f"标题缺少发文机关名称，应如“{expected}”",
                                f"the title does not name the issuing organ, e.g. {expected_en}",
                                "warning")

    def _preamble(self, document, outline, s):
        """Who inspected whom, when, and the feedback: in the preamble, or (a layout some
        municipalities use: 根据…巡视工作部署要求，现将…予以公布) in the paragraphs just after it."""
        p = outline.preamble
        region = preamble_region(outline)
        text = outline.text
        inspection = next((m for q in region for m in [s.inspection.search(text, q.view_start, q.view_end)]
                           if m), None)
        feedback = next((m for q in region for m in [s.feedback.search(text, q.view_start, q.view_end)]
                         if m), None)
        if p is None or not (inspection or feedback or s.announces.search(p.text)):
            anchor = outline.title or (outline.paragraphs[0] if outline.paragraphs else None)
            start, end = (anchor.view_start, anchor.view_end) if anchor else (0, 1)
            yield self._finding(document, start, end,
                                "缺少导语：应写明何时由哪个巡察组对本单位进行了巡察、何时反馈了巡察意见",
                                "no preamble: say which inspection group inspected the body, "
                                "when, and when it gave its feedback", "warning")
            return
        missing_zh, missing_en = [], []
        if not inspection and document.profile.dispatcher is not None and s.announces.search(p.text):
            return  # 根据…第N轮巡视工作部署要求，现将…予以公布: the details are left to part 一
        if not inspection:
            missing_zh.append("巡察组及巡察对象")
            missing_en.append("the inspection group and the body inspected")
        if not feedback:
            missing_zh.append("反馈巡察意见的情况")
            missing_en.append("the feedback")
        end = region[-1].view_end
        if s.garbled_date.search(text, p.view_start, end):
            return  # 2024717日: the dates are there but damaged, which `dates` reports
        dates = [d for d in outline.dates if p.view_start <= d.view_start < end]
        cut = feedback.start() if feedback else end
        # the inspection's own time: a range, or a date in a sentence before the feedback's
        feedback_sentence = outline.sentence_start(cut)
        range_starts = {id(dates[i - 1]) for i, d in enumerate(dates)
                        if d.range_start is not None and i > 0}
        if inspection and not any(
                d.view_start < cut and (d.range_start is not None or d.view_start < feedback_sentence
                                   or d.day is None or id(d) in range_starts) for d in dates):
            missing_zh.append("巡察时间（如“2024年4月8日至5月24日”）")
            missing_en.append("the inspection dates (e.g. 2024年4月8日至5月24日)")
        if feedback and not any(d.view_start < feedback.end() for d in dates):
            missing_zh.append("反馈日期")
            missing_en.append("the feedback date")
        if missing_zh:
            # a preamble may leave these to the first part: a hint, not a defect
            yield self._finding(document, p.view_start, p.view_end,
                                f"导语未写明{'、'.join(missing_zh)}",
                                f"the preamble does not give {', '.join(missing_en)}", "info")

    def _parts(self, document, outline, s):
        """The three parts, found from the notice's own top-level structure.

        Only a notice numbered into parts (two 一、二、… headings at least) is judged: a part is
        present as a heading about it, or as an unnumbered paragraph that is it (the organisation
        paragraph before one-heading-per-problem parts; a closing 下一步 paragraph)."""
        tops = [h for h in outline.headings if h.level == 1]
        if len(tops) < 2:
            return  # prose, or problems listed as （一）…（二）… (DOMAIN.md §2.5): nothing to judge
        found = classify(tops, s)
        ordered = sorted(s.parts, key=lambda p: p.order)
        body = outline.body_paragraphs
        for i, part in enumerate(ordered):
            if part.part in found or written_without_heading(part, tops, body, outline, s):
                continue
            start, end = self._where_part_belongs(outline, ordered, i, found)
            yield self._finding(document, start, end,
                                f"缺少第{'一二三'[i]}部分“{part.name}”，应有类似“{part.expected}”的标题",
                                f"part {i + 1} ({part.name_en}) is missing; expected a heading "
                                f"like {part.expected}", "warning")
        present = [(found[p.part], p) for p in ordered if p.part in found]
        for (h1, p1), (h2, p2) in itertools.pairwise(present):
            if h2.view_start < h1.view_start:
                yield self._finding(document, h2.view_start, h2.view_title_end,
                                    f"部分顺序不对：“{p2.name}”应在“{p1.name}”之后",
                                    f"parts out of order: {p2.name_en} belongs after "
                                    f"{p1.name_en}", "warning")
        yield from self._unnumbered_part_headings(document, outline, tops, s)

    def _unnumbered_part_headings(self, document, outline, tops, s):
        """一、… then 三、… with a short line between that reads as part 二's heading."""
        for before, after in itertools.pairwise(tops):
            if after.number != before.number + 2:
                continue
            for p in outline.paragraphs[before.paragraph.index + 1:after.paragraph.index]:
                if (len(p.text) > 30 or outline.heading_of(p) is not None
                        or any(c in p.text for c in "。；;，,：:")):
                    continue
                if any(timed_search(x, p.text) for part in s.parts for x in part.patterns):
                    number = f"{_CN_NUMBERS[before.number + 1]}、"
                    yield self._finding(document, p.view_start, p.view_end,
                                        f"此行应为一级标题，缺少序号“{number}”",
                                        f"this line reads as a part heading without its number "
                                        f"“{number}”", "warning")
                    break

    def _broken_headings(self, document, outline, s):
        """A heading the view had to join: a PDF copy broke it across two lines."""
        for repair in document.repairs:
            if getattr(repair, "kind", None) != "line-join" or not repair.heading:
                continue
            text = document.text
            line_start = text.rfind("\n", 0, repair.start) + 1
            tail = text[repair.end:text.find("\n", repair.end) % (len(text) + 1)]
            head = text[line_start:repair.start].strip()
            yield Finding.at(document.locate(line_start, repair.start), rule=self.id,
                             message=Message(f"标题被断成两行：“{head}”与下一行“{tail.strip()}”应合为一行",
                                             f"a heading is broken across two lines: join “{head}” "
                                             f"and “{tail.strip()}”"),
                             severity="warning")

    @staticmethod
    def _where_part_belongs(outline, ordered, index, found):
        """The heading of the next part present, else the closing block, else the last line."""
        for later in ordered[index + 1:]:
            if later.part in found:
                h = found[later.part]
                return h.view_start, h.view_title_end
        closing = outline.view_supervision or (
            (outline.contact.view_start, outline.contact.view_end) if outline.contact else None)
        if closing:
            return closing
        last = outline.paragraphs[-1]
        return last.view_start, last.view_end

    def _supervision(self, document, outline, s):
        if outline.view_supervision is not None:
            return
        if outline.contact is not None:
            start, end = outline.contact.view_start, outline.contact.view_end
        else:
            last = outline.paragraphs[-1]
            start, end = last.view_start, last.view_end
        yield self._finding(document, start, end,
                            "缺少监督句：应写明“欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，"
                            "请及时向我们反映。”",
                            "no supervision sentence: the notice should invite public supervision "
                            "(欢迎广大干部群众对巡察整改落实情况进行监督…)")

    def _contact(self, document, outline, s):
        if outline.contact is not None:
            return
        if outline.view_supervision is not None:
            start, end = outline.view_supervision
        else:
            last = outline.paragraphs[-1]
            start, end = last.view_start, last.view_end
        yield self._finding(document, start, end,
                            "缺少联系方式：应公布联系电话（含区号）及通讯地址或电子邮箱",
                            "no contact block: give a phone number (with area code) and a postal "
                            "address or an e-mail address")

    def _signature(self, document, outline, s):
        sig = outline.signature
        last = outline.paragraphs[-1]
        if sig.organ is None and sig.date is None:
            # certain for a 巡察 notice; a 巡视 notice published on a website may leave the
            # organ and date to the page
            genre = document.profile.genre
            yield self._finding(document, last.view_start, last.view_end,
                                "缺少落款：文末应有发文机关署名和成文日期（如“2024年11月15日”）",
                                "no signature: end with the issuing organ and the date "
                                "(e.g. 2024年11月15日)",
                                None if genre is not None and genre.term == XUNCHA else "warning")
        elif sig.organ is None:
            p = sig.date_paragraph
            yield self._finding(document, p.view_start, p.view_end, "落款缺少发文机关署名",
                                "the signature has no issuing organ above the date")
        elif sig.date is None:
            p = sig.organ
            yield self._finding(document, p.view_start, p.view_end,
                                "落款缺少成文日期：发文机关署名下应写明年月日（如“2024年11月15日”）",
                                "the signature has no date: write the full date under the organ "
                                "(e.g. 2024年11月15日)")


_CN_NUMBERS = "零一二三四五六七八九十"


@hookimpl
def notice_lint_rules():
    return [RequiredSections()]

