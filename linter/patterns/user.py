"""User patterns: compiled and checked at load, searched within a time budget per text."""

from __future__ import annotations

import time
from typing import Protocol

import regex

BUDGET = 1.0  # seconds for all the searches of one owner's patterns in one text


class UnsafePattern(ValueError):
    """A user's pattern refused at load; the message says why and how to rewrite it."""


def user_pattern(source: str, group: str | None = None) -> regex.Pattern:
    """A user's pattern, compiled now with `regex` (the syntax documented to users), so that a
    mistake is reported at load: `regex.error` when it is not a pattern, UnsafePattern when it
    can backtrack catastrophically or match the empty text (guard.py; `group`: the named group
    that is the match, when the pattern has it). Its searches run within a Budget."""
    # the guard's parse tree costs start-up a few milliseconds: only a configuration with
    # patterns of its own needs it
    from .guard import pattern_problem

    compiled = regex.compile(source)
    problem = pattern_problem(source, group if group in compiled.groupindex else None)
    if problem:
        raise UnsafePattern(problem)
    return compiled


class Owner(Protocol):
    """What owns user patterns (a substitution entry): named in the timeout message."""

    def describe(self) -> str: ...


class PatternTimeout(Exception):
    """An entry's patterns ran past their time budget in one text; names the entry."""

    def __init__(self, entry: Owner) -> None:
        self.entry = entry
        super().__init__(f"条目 {entry.describe()} 的正则表达式匹配超时：在本文件中累计超过 "
                         f"{BUDGET:g} 秒，可能存在灾难性回溯；本次运行不再使用该条目 "
                         f"(the entry's patterns ran past their budget of {BUDGET:g} s in this "
                         f"file: catastrophic backtracking? the entry is off for the rest of "
                         f"the run)")


class Budget:
    """The time each owner's patterns have spent on one text; make one per text."""

    __slots__ = ("spent",)

    def __init__(self) -> None:
        self.spent: dict[int, float] = {}

    def left(self, owner: Owner) -> float:
        left = BUDGET - self.spent.get(id(owner), 0.0)
        if left <= 0:
            raise PatternTimeout(owner)
        return left

    def spend(self, owner: Owner, seconds: float) -> None:
        self.spent[id(owner)] = self.spent.get(id(owner), 0.0) + seconds

    def search(self, owner: Owner, pattern: regex.Pattern, text: str) -> bool:
        """Whether `pattern` matches anywhere in `text`, within what is left of the budget."""
        started = time.perf_counter()
        try:
            return pattern.search(text, timeout=self.left(owner)) is not None
        except TimeoutError:
            raise PatternTimeout(owner) from None
        finally:
            self.spend(owner, time.perf_counter() - started)

    def finditer(self, owner: Owner, pattern: regex.Pattern, text: str, lo: int, hi: int,
                 overlapped: bool = False) -> list[regex.Match]:
        """Every match of `pattern` in text[lo:hi], within what is left of the budget."""
        started = time.perf_counter()
        try:
            return list(pattern.finditer(text, lo, hi, overlapped=overlapped,
                                         timeout=self.left(owner)))
        except TimeoutError:
            raise PatternTimeout(owner) from None
        finally:
            self.spend(owner, time.perf_counter() - started)
