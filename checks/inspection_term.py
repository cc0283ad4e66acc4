"""Inspection term: 巡视, 巡察 and 巡查 used as the notice's own inspection is called.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/inspection-term.yaml (`notice-lint explain inspection-term` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from notice_lint import Finding, Message, hookimpl, line_of, load_data
from notice_lint.profile import XUNCHA, XUNSHI
from notice_lint.substitution import (
    Substitutions,
    check_examples,
    declared_severities,
    parse_entries,
    to_finding,
)


@dataclass(frozen=True, eq=False)
class Options:
    add: tuple = ()

    def __post_init__(self) -> None:
        matchers(self)


class Matchers(NamedTuple):
    always: Substitutions
    other_term: dict[str, Substitutions]   # the notice's term → where the other term is wrong


@cache
def matchers(options: Options) -> Matchers:
    raw = load_data("notice_lint.configs", "inspection.yaml")
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
    return Matchers(always=Substitutions(always),
                    other_term={XUNCHA: Substitutions(in_xuncha),
                                XUNSHI: Substitutions(in_xunshi)})


# a few stray occurrences are reported one by one; more are one finding with a count
STRAY_LIMIT = 3


class InspectionTerm:
    id = "inspection-term"
    description = "巡视/巡察/巡查用词与通报所述的巡察（巡视）主体一致"
    description_en = ("巡视 / 巡察 / 巡查 used consistently with the inspecting body the notice "
                      "names")
    severity = "error"
    reads = ("profile",)
    Options = Options

    @property
    def severities(self) -> tuple[str, ...]:
        """Its own; warning where the dispatcher leaves a doubt; what the shipped entries set."""
        raw = load_data("notice_lint.configs", "inspection.yaml")
        return declared_severities(self.severity, [{"severity": "warning"}], raw["always"],
                                   raw["in_xuncha"], raw["in_xunshi"])

    def check(self, document, options: Options):
        m = matchers(options)
        view = document.view
        profile = document.profile
        for start, end, entry in m.always.find(view.text):
            yield to_finding(view, start, end, entry, self.id, self.severity)
        if not profile.is_notice:
            return
        yield from self._other_term(document, profile, m)

    def _other_term(self, document, profile, m: Matchers):
        view = document.view
        usage = profile.usage
        own = profile.term
        expected = profile.expected if profile.certain else None
        if expected and own and own != expected and usage[own] > usage[expected]:
            yield self._systemic(document, profile, expected, own)
            return
        term = expected or own
        if term is None:
            return
        other = XUNSHI if term == XUNCHA else XUNCHA
        if expected is None and not (usage[term] >= 3 and usage[other] * 3 <= usage[term]):
            return  # the usage is mixed and nothing else decides: say nothing
        stray = list(m.other_term[term].find(view.text))
        if not stray:
            return
        who = _who(profile, term)
        severity = self.severity if expected else "warning"
        if len(stray) > STRAY_LIMIT:
            start, end, entry = stray[0]
            lines = sorted({view.locate(s, e).line for s, e, _ in stray})
            shown = "、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")
            yield Finding.at(view.locate(start, end), rule=self.id, severity=severity,
                             message=Message(
                                 f"{who[0]}，应为“{term}”，但有{len(stray)}处写作“{other}”"
                                 f"（第{shown}行）",
                                 f"{who[1]}, so the term is “{term}”, but “{other}” is written "
                                 f"{len(stray)} times (lines {', '.join(map(str, lines[:8]))})"))
            return
        for start, end, entry in stray:
            lead = (f"{who[0]}，此处“{other}”应为“{term}”",
                    f"{who[1]}: “{other}” here should be “{term}”")
            yield to_finding(view, start, end, entry._replace(why=None, why_en=None), self.id,
                             severity, lead)

    def _systemic(self, document, profile, expected: str, own: str):
        """The notice calls its own inspection by the other term throughout: one finding."""
        view = document.view
        at = profile.dispatcher.start if profile.dispatcher else 0
        word = view.text.find(own, at)
        start, end = (word, word + 2) if word >= 0 else (at, at + 1)
        n = profile.usage[own]
        by = profile.dispatcher.text if profile.dispatcher else ""
        return Finding.at(view.locate(start, end), rule=self.id, severity=self.severity,
                          message=Message(
                              f"通报称由“{by}”开展，应统一用“{expected}”，但全文{n}处称本次为“{own}”",
                              f"the notice names “{by}” as the inspecting body, so the term is "
                              f"“{expected}”, but it calls this inspection “{own}” {n} times"),
                          fix=None)


def _who(profile, term: str) -> tuple[str, str]:
    """Why `term` is the notice's term: its dispatcher, or its own usage."""
    if profile.certain and profile.dispatcher is not None:
        by = profile.dispatcher.text
        return (f"本通报所述为“{by}”开展的{term}", f"the notice reports a {term} by “{by}”")
    n = profile.usage[term]
    return (f"本通报其余{n}处均称“{term}”", f"the notice says “{term}” {n} times elsewhere")


@hookimpl
def notice_lint_rules():
    return [InspectionTerm()]
