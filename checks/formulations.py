"""Formulations: fixed political formulations written exactly.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/formulations.yaml (`notice-lint explain formulations` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from notice_lint import Finding, Message, hookimpl, line_of, load_data
from notice_lint.patterns import shipped_pattern
from notice_lint.substitution import (
    Substitutions,
    check_examples,
    declared_severities,
    parse_entries,
    to_finding,
)

_SEPARATOR = r"[、，,和及与]"


@dataclass(frozen=True, eq=False)
class Options:
    add: tuple = ()

    def __post_init__(self) -> None:
        data(self)


class Enumeration(NamedTuple):
    name: str
    run: regex.Pattern          # three or more items in a row
    item: regex.Pattern
    word: str                   # what every item ends with (自信, 意识): no run without it
    members: frozenset[str]
    canonical: str
    fail: tuple[str, ...]
    passes: tuple[str, ...]


class Data(NamedTuple):
    enumerations: tuple[Enumeration, ...]
    entries: Substitutions


@cache
def data(options: Options) -> Data:
    raw = load_data("notice_lint.configs", "formulations.yaml")
    enumerations = []
    for spec in raw["enumerations"]:
        item = spec["item"]
        # on `regex`, and only for a text with three of the item word: the patterns open with a
        # class of every Han character, which the standard engine scans three times slower
        run = shipped_pattern(rf"{item}(?:{_SEPARATOR}{item.replace('?P<item>', '')}){{2,}}")
        examples = spec.get("examples", {})
        enumerations.append(Enumeration(spec["name"], run, shipped_pattern(item),
                                        _literal_tail(item),
                                        frozenset(spec["members"]), spec["canonical"],
                                        tuple(examples.get("fail", ())),
                                        tuple(examples.get("pass", ()))))
    added = []
    for entry, source, line in options.add:
        added += parse_entries([entry], source, line)
    check_examples(added)
    shipped = parse_entries(raw["entries"], "configs/formulations.yaml", line_of(raw, "entries"),
                          trusted=True)
    return Data(tuple(enumerations), Substitutions(added + shipped))


def _literal_tail(item: str) -> str:
    """The plain characters an item pattern ends with ('(?P<item>…)意识' → '意识'); "" when it
    ends with anything else (then nothing is skipped)."""
    tail = item[item.rfind(")") + 1:]
    return tail if tail and not any(c in tail for c in "\\.^$*+?{}[]|()") else ""


def enumeration_findings(text: str, enumeration: Enumeration):
    """(start, end, item) for every item of a run that is not a member; a run is the
    formulation only when two or more of its items are (服务意识、责任意识 is another list)."""
    if text.count(enumeration.word) < 3:
        return  # a run has three items or more, each ending with the word
    for run in enumeration.run.finditer(text):
        items = list(enumeration.item.finditer(text, run.start(), run.end()))
        if sum(m["item"] in enumeration.members for m in items) < 2:
            continue
        for m in items:
            if m["item"] not in enumeration.members:
                yield m.start(), m.end(), m.group()


class Formulations:
    id = "formulations"
    description = "固定提法：四个意识、四个自信、两个维护、两个确立等成员与用词准确"
    description_en = ("fixed formulations (四个意识, 四个自信, 两个维护, 两个确立 …) with the right "
                      "members and words")
    severity = "error"
    reads = ()
    Options = Options

    @property
    def severities(self) -> tuple[str, ...]:
        """The severities of its findings: its own and those the shipped entries set."""
        raw = load_data("notice_lint.configs", "formulations.yaml")
        return declared_severities(self.severity, raw["entries"])

    def check(self, document, options: Options):
        d = data(options)
        view = document.view
        text = view.text
        for enumeration in d.enumerations:
            for start, end, item in enumeration_findings(text, enumeration):
                yield Finding.at(view.locate(start, end), rule=self.id,
                                 message=Message(f"“{enumeration.name}”是{enumeration.canonical}，"
                                                 f"不包括“{item}”",
                                                 f"{enumeration.name} is {enumeration.canonical}; "
                                                 f"{item} is not one of them"),
                                 severity=self.severity)
        for start, end, entry in d.entries.find(text):
            yield to_finding(view, start, end, entry, self.id, self.severity)


@hookimpl
def notice_lint_rules():
    return [Formulations()]
