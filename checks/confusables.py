"""Confusable words: 反应→反映, 截止→截至, 台帐→台账 and the other pairs of configs/confusables.yaml.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/confusables.yaml (`notice-lint explain confusables` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from notice_lint import hookimpl, line_of, load_data
from notice_lint.substitution import (
    Entry,
    Substitutions,
    check_examples,
    declared_severities,
    parse_entries,
    to_finding,
)


@dataclass(frozen=True, eq=False)
class Options:
    add: tuple = ()
    drop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        substitutions(self)  # compile and check the user's entries now: errors at load time


@cache
def shipped_entries() -> tuple[Entry, ...]:
    raw = load_data("notice_lint.configs", "confusables.yaml")
    return tuple(parse_entries(raw["entries"], "configs/confusables.yaml",
                               line_of(raw, "entries"),
                          trusted=True))


@cache
def substitutions(options: Options) -> Substitutions:
    entries = [e for e in shipped_entries() if e.key not in options.drop]
    added = []
    for raw, source, line in options.add:
        added += parse_entries([raw], source, line)
    check_examples(added)
    return Substitutions(added + entries)  # a user's entry wins over a shipped one


class Confusables:
    id = "confusables"
    description = "易混淆词误用（反应→反映、截止→截至、台帐→台账 等）"
    description_en = "confusable words used wrongly (反应→反映, 截止→截至, 台帐→台账 …)"
    severity = "error"
    reads = ()
    Options = Options

    @property
    def severities(self) -> tuple[str, ...]:
        """The severities of its findings: its own and those the shipped pairs set."""
        raw = load_data("notice_lint.configs", "confusables.yaml")
        return declared_severities(self.severity, raw["entries"])

    def check(self, document, options: Options):
        view = document.view
        for start, end, entry in substitutions(options).find(view.text):
            yield to_finding(view, start, end, entry, self.id, self.severity)


@hookimpl
def notice_lint_rules():
    return [Confusables()]
