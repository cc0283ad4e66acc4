"""Inspection term: 巡视, 巡察 and 巡查 used against the inspecting body the notice itself names.

The Centre and the provincial committees carry out 巡视; city and county committees carry out
巡察 (DOMAIN.md §4.3); an institution's party committee may do either. The rule reads who sent
the inspection group from the preamble (县委第三巡察组, 省委第六巡视组, 厅党组第二巡察组) or, failing
that, from the title, and then flags:

- in a 巡察 notice, 巡视 outside its legitimate uses (持续巩固巡视整改成果, 听取巡视情况汇报);
  《中国共产党巡视工作条例》, 关于巡视工作的重要论述, 巡视工作方针, 巡视巡察上下联动, 以巡视带巡察
  and a provincial 巡视 (省委巡视反馈意见) stay silent;
- in a 巡视 notice, 巡察 where the provincial group is meant (省委第三巡察组);
- in any notice, 巡查 where 巡察 is meant (巡查反馈问题, 县委巡查组), never 日常巡查 or 安全生产巡查组;
- 习近平总书记关于巡察工作的重要论述 (the canonical formula says 巡视).

A group whose name contradicts its dispatcher (县委第一巡视组) is flagged too.

The contexts are data: ``configs/inspection.yaml``. Options: ``add`` (entries for every notice, in
the shape of the confusables entries).

Bad (a county notice):  持续巩固巡视整改成果
Good:                   持续巩固巡察整改成果
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from linter import hookimpl
from linter.data import builtin
from linter.scan import shipped_pattern
from linter.substitution import Substitutions, check_examples, parse_entries, to_finding
from linter.yamlfile import line_of

KINDS = ("巡察", "巡视")


@dataclass(frozen=True, eq=False)
class Options:
    add: tuple = ()

    def __post_init__(self) -> None:
        matchers(self)


class Matchers(NamedTuple):
    dispatcher: regex.Pattern
    xunshi: frozenset[str]
    xuncha: frozenset[str]
    title_kind: regex.Pattern
    by_kind: dict[str | None, Substitutions]
    kind_specific: frozenset[int]   # ids of the entries that depend on the notice's kind


@cache
def matchers(options: Options) -> Matchers:
    raw = builtin("inspection.yaml")
    source = "configs/inspection.yaml"
    always = parse_entries(raw["always"], source, line_of(raw, "always"),
                          trusted=True)
    added = []
    for entry, origin, line in options.add:
        added += parse_entries([entry], origin, line)
    check_examples(added)
    always = added + always
    in_xuncha = parse_entries(raw["in_xuncha"], source, line_of(raw, "in_xuncha"),
                          trusted=True)
    in_xunshi = parse_entries(raw["in_xunshi"], source, line_of(raw, "in_xunshi"),
                          trusted=True)
    return Matchers(
        dispatcher=shipped_pattern(raw["dispatcher"]),
        xunshi=frozenset(raw["xunshi_dispatchers"]),
        xuncha=frozenset(raw["xuncha_dispatchers"]),
        title_kind=shipped_pattern(raw["title_kind"]),
        by_kind={"巡察": Substitutions(in_xuncha + always),
                 "巡视": Substitutions(in_xunshi + always),
                 None: Substitutions(always)},
        kind_specific=frozenset(map(id, in_xuncha + in_xunshi)),
    )


def notice_kind(outline, m: Matchers) -> str | None:
    """巡察 or 巡视, from the group the preamble names (its dispatcher first), else the title."""
    title = outline.title.paragraphs if outline.title is not None else ()
    head = [p for p in (*title, outline.preamble) if p is not None]
    text = outline.text
    for p in head[::-1]:  # the preamble names the group; the title comes second
        found = m.dispatcher.search(text, p.start, p.end)
        if found:
            by = found["by"]
            if by in m.xunshi:
                return "巡视"
            if by in m.xuncha:
                return "巡察"
            if found["word"] in KINDS:
                return found["word"]
    for p in head:
        found = m.title_kind.search(text, p.start, p.end)
        if found:
            return found["word"]
    return None


class InspectionTerm:
    id = "inspection-term"
    description = "巡视/巡察/巡查用词与通报所述的巡察（巡视）主体一致"
    description_en = ("巡视 / 巡察 / 巡查 used consistently with the inspecting body the notice "
                      "names")
    severity = "error"
    Options = Options

    def check(self, document, options: Options):
        m = matchers(options)
        kind = notice_kind(document.outline, m)
        view = document.view
        for start, end, entry in m.by_kind[kind].find(view.text):
            lead = None
            if id(entry) in m.kind_specific:
                wrong = view.text[start:end]
                lead = (f"{kind}通报中误用“{wrong}”，应为“{entry.right}”",
                        f"“{wrong}” in a {kind} notice should be “{entry.right}”")
            yield to_finding(view, start, end, entry, self.id, self.severity, lead)


@hookimpl
def notice_lint_rules():
    return [InspectionTerm()]
