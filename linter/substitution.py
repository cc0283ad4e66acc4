"""The substitution rule type: a wrong form, its right form, and the contexts that decide.

Entries come from YAML (built-in data in configs/ plus a user's `add:`), in this shape::

    - wrong: 反应                  # the text to flag (or `pattern:` with a (?P<wrong>…) group)
      right: 反映                  # the replacement shown, applied by --fix when `safe`
      flag_when: '向.{0,8}反应'     # optional: flagged only where a match of this covers it
      allow_when: '反应迅速'        # optional: never flagged where a match of this covers it
      severity: error              # optional (default: the rule's)
      safe: true                   # optional (default: true for error, false otherwise)
      why: 向某人报告情况用“反映”     # optional explanation (why_en in English)
      examples: {fail: [...], pass: [...]}

All patterns are compiled once, with the `regex` module. A user's pattern is refused at load when
it can match the empty text or has a shape that backtracks catastrophically (linter/patterns.py),
and runs with a time budget: each entry's searches together get BUDGET seconds per text; past it,
the rule reports the entry (PatternTimeout) and the entry is switched off for the rest of the run.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import regex

from .config import suggest
from .data import DataError, line_of
from .finding import Finding, Fix, Message, Severity
from .scan import compile_re, shipped_pattern

BUDGET = 1.0  # seconds for all the searches of one entry's patterns in one text
ENTRY_KEYS = ("wrong", "pattern", "right", "flag_when", "allow_when", "severity", "safe", "why",
              "why_en", "examples", "source", "id")
_WINDOW_STOPS = "。！？!?\n"
_WINDOW = 40


class PatternTimeout(Exception):
    """An entry's patterns ran past their time budget in one text; names the entry."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        super().__init__(f"条目 {entry.describe()} 的正则表达式匹配超时：在本文件中累计超过 "
                         f"{BUDGET:g} 秒，可能存在灾难性回溯；本次运行不再使用该条目 "
                         f"(the entry's patterns ran past their budget of {BUDGET:g} s in this "
                         f"file: catastrophic backtracking? the entry is off for the rest of "
                         f"the run)")


class _Clock:
    """The time each entry's patterns have spent on one text."""

    __slots__ = ("spent",)

    def __init__(self) -> None:
        self.spent: dict[int, float] = {}

    def left(self, entry: Entry) -> float:
        left = BUDGET - self.spent.get(id(entry), 0.0)
        if left <= 0:
            raise PatternTimeout(entry)
        return left

    def spend(self, entry: Entry, seconds: float) -> None:
        self.spent[id(entry)] = self.spent.get(id(entry), 0.0) + seconds


class Pattern:
    """A regular expression compiled on first use: most entries never meet their word, so most
    context patterns are never needed (compiling all of them would dominate start-up)."""

    __slots__ = ("_compiled", "_plain", "source", "trusted")

    def __init__(self, source: str, trusted: bool = False) -> None:
        self.source = source
        self.trusted = trusted          # shipped: checked by the test suite, no time limit
        self._compiled: regex.Pattern | None = None
        self._plain = None

    def get(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.source, regex.V0)
        return self._compiled

    def plain(self):
        """The standard-library twin of a shipped pattern (the `regex` one where it does not
        accept the syntax)."""
        if self._plain is None:
            self._plain = shipped_pattern(self.source)
        return self._plain

    def found_in(self, text: str, timeout: float) -> bool:
        """Whether it matches anywhere in `text`. A shipped pattern runs on the standard
        engine where that accepts it (several times faster over a whole text); a configured
        one on `regex`, within `timeout` (TimeoutError)."""
        if not self.trusted:
            return self.get().search(text, timeout=timeout) is not None
        return self.plain().search(text) is not None


class Entry(NamedTuple):
    key: str                         # how messages and errors name it: the wrong form
    wrong: str | None
    pattern: Pattern | None
    right: str
    flag_when: Pattern | None
    allow_when: Pattern | None
    severity: Severity | None
    safe: bool
    why: str | None
    why_en: str | None
    fail: tuple[str, ...]
    passes: tuple[str, ...]
    origin: str                      # "file:line"

    def describe(self) -> str:
        return f"{self.origin} ({self.key})"


def parse_entries(raw: Any, origin: str, default_line: int | None = None, *,
                  trusted: bool = False) -> list[Entry]:
    """Validate raw YAML entries into Entry objects; DataError names the file, line and entry.
    `trusted` (the shipped data, checked by the test suite) compiles patterns on first use."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DataError(f"{origin}: 应为条目列表 (expected a list of entries)")
    entries = []
    for item in raw:
        line = line_of(item) or default_line
        entries.append(parse_entry(item, f"{origin}:{line}" if line else origin, trusted=trusted))
    return entries


def parse_entry(item: Any, origin: str, *, trusted: bool = False) -> Entry:
    if not isinstance(item, dict):
        raise DataError(f"{origin}: 条目应为映射 (an entry must be a mapping)")
    unknown = [k for k in item if k not in ENTRY_KEYS]
    key = str(item.get("wrong") or item.get("pattern") or "?")
    if unknown:
        raise DataError(f"{origin}: 条目 {key} 有未知的键 {unknown[0]}{suggest(str(unknown[0]), ENTRY_KEYS)}"
                        f" (unknown key)")
    wrong = item.get("wrong")
    pattern_text = item.get("pattern")
    if bool(wrong) == bool(pattern_text):
        raise DataError(f"{origin}: 条目 {key} 须有 wrong 或 pattern 之一 "
                        f"(an entry needs exactly one of wrong, pattern)")
    if wrong is not None and not isinstance(wrong, str):
        raise DataError(f"{origin}: 条目 {key} 的 wrong 应为字符串 (wrong must be a string)")
    right = item.get("right")
    if not isinstance(right, str):
        raise DataError(f"{origin}: 条目 {key} 缺少 right (an entry needs right: the correct form)")
    severity = item.get("severity")
    if severity is not None:
        if severity not in ("error", "warning", "info"):
            raise DataError(f"{origin}: 条目 {key} 的 severity 无效：{severity} (invalid severity)")
        severity = Severity(severity)
    safe = item.get("safe")
    if safe is None:
        safe = severity in (None, Severity.ERROR)
    elif not isinstance(safe, bool):
        raise DataError(f"{origin}: 条目 {key} 的 safe 应为 true 或 false")
    examples = item.get("examples") or {}
    if not isinstance(examples, dict) or any(k not in ("fail", "pass") for k in examples):
        raise DataError(f"{origin}: 条目 {key} 的 examples 应为 {{fail: [...], pass: [...]}}")
    fail = tuple(str(x) for x in examples.get("fail") or ())
    passes = tuple(str(x) for x in examples.get("pass") or ())
    return Entry(
        key=key,
        wrong=wrong,
        pattern=_compile(pattern_text, origin, key, "pattern", trusted) if pattern_text else None,
        right=right,
        flag_when=_compile(item.get("flag_when"), origin, key, "flag_when", trusted),
        allow_when=_compile(item.get("allow_when"), origin, key, "allow_when", trusted),
        severity=severity,
        safe=safe,
        why=item.get("why"),
        why_en=item.get("why_en"),
        fail=fail,
        passes=passes,
        origin=origin,
    )


def _compile(text: Any, origin: str, key: str, field: str, trusted: bool) -> Pattern | None:
    if text is None:
        return None
    if not isinstance(text, str) or not text:
        raise DataError(f"{origin}: 条目 {key} 的 {field} 应为非空正则表达式字符串")
    pattern = Pattern(text, trusted)
    if trusted:
        return pattern
    try:
        compiled = pattern.get()
    except regex.error as exc:
        raise DataError(f"{origin}: 条目 {key} 的 {field} 不是有效的正则表达式：{exc}") from None
    from .patterns import pattern_problem  # only for a user's entries: not at start-up
    group = "wrong" if field == "pattern" and "wrong" in compiled.groupindex else None
    problem = pattern_problem(text, group)
    if problem:
        raise DataError(f"{origin}: 条目 {key} 的 {field} {problem}")
    return pattern


class Substitutions:
    """A compiled set of entries: one alternation finds every literal candidate in one pass."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_wrong: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.wrong is not None:
                self._by_wrong.setdefault(entry.wrong, []).append(entry)
        words = sorted(self._by_wrong, key=len, reverse=True)
        # plain literals: the standard library's engine scans an alternation of them faster
        self._literals = compile_re("|".join(map(re.escape, words))) if words else None
        self._patterns = [e for e in self.entries if e.pattern is not None]
        # entries whose patterns ran past their budget once: off for the rest of the run
        self._retired: set[int] = set()

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, entry) for every occurrence that its context makes wrong."""
        clock = _Clock()
        try:
            yield from self._find(text, clock)
        except PatternTimeout as exc:
            self._retired.add(id(exc.entry))
            raise

    def _find(self, text: str, clock: _Clock) -> Iterator[tuple[int, int, Entry]]:
        retired = self._retired
        if self._literals is not None:
            # an entry whose context never occurs in this text cannot apply anywhere: one search
            # per text, instead of one per occurrence of a common word (巡察, 反应 …)
            possible: dict[int, bool] = {}
            for m in self._literals.finditer(text):
                start, end = m.span()
                for entry in self._by_wrong[m.group()]:
                    if retired and id(entry) in retired:
                        continue
                    if entry.flag_when is not None:
                        key = id(entry)
                        if key not in possible:
                            possible[key] = _anywhere(entry, entry.flag_when, text, clock)
                        if not possible[key]:
                            continue
                    if self._applies(entry, text, start, end, clock):
                        yield start, end, entry
                        break
        for entry in self._patterns:
            if retired and id(entry) in retired:
                continue
            plain = entry.pattern.plain() if entry.pattern.trusted else None
            found = (plain.finditer(text) if isinstance(plain, re.Pattern)
                     else _search_all(entry, entry.pattern.get(), text, 0, len(text), clock))
            for m in found:
                start, end = m.span("wrong") if "wrong" in m.re.groupindex else m.span()
                if end <= start:
                    continue  # an empty or absent `wrong`: nothing to flag, nothing to fix
                if self._applies(entry, text, start, end, clock):
                    yield start, end, entry

    def _applies(self, entry: Entry, text: str, start: int, end: int, clock: _Clock) -> bool:
        lo, hi = _window(text, start, end)
        if entry.allow_when is not None and _covers(entry, entry.allow_when, text, lo, hi,
                                                    start, end, clock):
            return False
        if entry.flag_when is not None:
            return _covers(entry, entry.flag_when, text, lo, hi, start, end, clock)
        return True


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match, at most _WINDOW characters either side."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    for stop in _WINDOW_STOPS:
        i = text.rfind(stop, lo, start)
        if i >= 0:
            lo = max(lo, i + 1)
        j = text.find(stop, end, hi)
        if j >= 0:
            hi = min(hi, j + 1)
    return lo, hi


def _covers(entry: Entry, pattern: Pattern, text: str, lo: int, hi: int, start: int,
            end: int, clock: _Clock) -> bool:
    """Whether a match of `pattern` in text[lo:hi] (matches may overlap) spans start–end."""
    if pattern.trusted and isinstance(pattern.plain(), re.Pattern):
        plain = pattern.plain()
        m = plain.search(text, lo, hi)
        while m is not None and m.start() <= start:   # the overlapping matches, one per start
            if m.end() >= end:
                return True
            m = plain.search(text, m.start() + 1, hi)
        return False
    for m in _search_all(entry, pattern.get(), text, lo, hi, clock, overlapped=True):
        if m.start() <= start and m.end() >= end:
            return True
        if m.start() > start:
            break
    return False


def _anywhere(entry: Entry, pattern: Pattern, text: str, clock: _Clock) -> bool:
    if pattern.trusted:
        return pattern.found_in(text, BUDGET)
    started = time.perf_counter()
    try:
        return pattern.found_in(text, clock.left(entry))
    except TimeoutError:
        raise PatternTimeout(entry) from None
    finally:
        clock.spend(entry, time.perf_counter() - started)


def _search_all(entry: Entry, pattern: regex.Pattern, text: str, lo: int, hi: int,
                clock: _Clock, overlapped: bool = False) -> Iterable[regex.Match]:
    started = time.perf_counter()
    try:
        return list(pattern.finditer(text, lo, hi, overlapped=overlapped,
                                     timeout=clock.left(entry)))
    except TimeoutError:
        raise PatternTimeout(entry) from None
    finally:
        clock.spend(entry, time.perf_counter() - started)


def check_examples(entries: Iterable[Entry], matcher: type[Substitutions] = Substitutions) -> None:
    """Each entry must flag its `fail` examples and stay silent on its `pass` ones."""
    for entry in entries:
        only = matcher([entry])
        for sample in entry.fail:
            if not any(e is entry for _, _, e in only.find(sample)):
                raise DataError(f"{entry.origin}: 条目 {entry.key} 的 fail 示例未被标出：{sample} "
                                f"(a fail example is not flagged)")
        for sample in entry.passes:
            if any(e is entry for _, _, e in only.find(sample)):
                raise DataError(f"{entry.origin}: 条目 {entry.key} 的 pass 示例被误报：{sample} "
                                f"(a pass example is flagged)")


def to_finding(view, start: int, end: int, entry: Entry, rule: str, severity: str,
               lead: tuple[str, str] | None = None) -> Finding:
    """The finding for one occurrence: “wrong” should be “right”, the entry's reason, and a fix
    when the view shows the original text there. `lead` replaces the first sentence."""
    wrong = view.text[start:end]
    zh, en = lead or (f"“{wrong}”应为“{entry.right}”", f"“{wrong}” should be “{entry.right}”")
    if entry.why:
        zh += f"：{entry.why}"
    if entry.why_en:
        en += f": {entry.why_en}"
    # `wrong` lets --fix check the span still holds what was matched (an empty match: refused)
    fix = Fix(entry.right, entry.safe, wrong) if view.faithful(start, end) else None
    return Finding.at(view.locate(start, end), rule=rule, message=Message(zh, en),
                      severity=entry.severity or severity, fix=fix)
