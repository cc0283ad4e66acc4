"""Confusable words: 反应→反映, 截止→截至, 台帐→台账 and the other pairs of DOMAIN.md §4.1.

Each pair is flagged only in the context that makes it wrong, and never in its legitimate uses:
反应 is wrong where something is reported to someone (向我们反应, 反应问题) and right in
反应迅速, 应急反应, 化学反应; 截止 is wrong before a time point (截止11月20日, 截止目前) and right in
截止日期, 于5月30日截止.

The pairs are data: ``configs/confusables.yaml``. Add your own in the configuration::

    rules:
      confusables:
        add:
          - wrong: 帐号
            right: 账号
            examples: {fail: [注册帐号], pass: [注册账号]}

Options: ``add`` (entries in the same shape as the shipped data; their examples are checked when
the configuration loads), ``drop`` (the ``wrong`` forms of shipped entries to switch off).

Bad:  如有意见建议，请及时向我们反应。
Good: 如有意见建议，请及时向我们反映。
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
