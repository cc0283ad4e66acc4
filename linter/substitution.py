"""The substitution rule type: a wrong form, its right form, and the contexts that decide.

Entries come from YAML (built-in data in configs/ plus a user's `add:`), in this shape::

    - wrong: 反应                  # the text to flag (or `pattern:` with a (?P<wrong>…) group)
      needs: 反应                  # with `pattern:`, optional (read from the pattern when not
                                   # written): a literal every match contains; the pattern is
                                   # searched only in texts that hold it
      right: 反映                  # the replacement shown, applied by --fix when `safe`
      flag_when: '向.{0,8}反应'     # optional: flagged only where a match of this covers it
      allow_when: '反应迅速'        # optional: never flagged where a match of this covers it
      severity: error              # optional (default: the rule's)
      safe: true                   # optional (default: true for error, false otherwise)
      why: 向某人报告情况用“反映”     # optional explanation (why_en in English)
      examples: {fail: [...], pass: [...]}

Shipped patterns are compiled on first use (linter/patterns/). A user's pattern is compiled at
load with the `regex` module and refused when it can match the empty text or has a shape that
backtracks catastrophically, and runs with a time budget: each entry's searches together get
BUDGET seconds per text; past it, the rule reports the entry (PatternTimeout) and the entry is
switched off for the rest of the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import regex

from .config import suggest
from .data import DataError, line_of
from .finding import Finding, Fix, Message, Severity
from .patterns import Budget, PatternTimeout, UnsafePattern, shipped_pattern, user_pattern
from .patterns.derived import remembered
from .record import Record

ENTRY_KEYS = ("wrong", "pattern", "needs", "right", "flag_when", "allow_when", "severity", "safe", "why",
              "why_en", "examples", "source", "id")
_WINDOW_STOPS = "。！？!?\n"
_WINDOW = 40
_GATE_FROM = 256   # characters: a text this long is searched only when it holds what a match needs
_FEW_WORDS = 12    # literal wrong forms looked for one by one first


class Pattern:
    """One of an entry's patterns: a shipped one is compiled on first use (most entries never
    meet their word, so most context patterns are never needed); a user's is compiled and
    guarded at load, and searched within the entry's time budget."""

    __slots__ = ("_needs", "compiled", "source", "trusted")

    def __init__(self, source: str, trusted: bool = False, group: str | None = None) -> None:
        self.source = source
        self.trusted = trusted          # shipped: checked by the test suite, no time limit
        self.compiled = shipped_pattern(source) if trusted else user_pattern(source, group)
        self._needs: tuple[frozenset[str], ...] | None = None

    @property
    def needs(self) -> tuple[frozenset[str], ...]:
        """Sets of literals every match holds a member of, read from the pattern on first use
        (patterns/literals.py): where a text lacks one, the pattern is not even compiled. None
        for a pattern the engine itself skips to at C speed (it opens with one literal)."""
        if self._needs is None:
            self._needs = remembered("gate", self.source, _gate)
        return self._needs

    def may_match(self, text: str) -> bool:
        # a short text (a name, a sentence) is searched at once: the gate costs more than it saves
        if len(text) < _GATE_FROM:
            return True
        for words in self.needs:
            if not any(word in text for word in words):
                return False
        return True


class Entry(Record):
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
    needs: str | None = None         # a literal every match of `pattern` contains, as written

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
    needs = item.get("needs")
    if needs is not None and (not pattern_text or not isinstance(needs, str) or not needs):
        raise DataError(f"{origin}: 条目 {key} 的 needs 应为 pattern 的每个匹配都含有的非空文字 "
                        f"(needs: a non-empty literal every match of pattern contains)")
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
        needs=needs,
    )


def _compile(text: Any, origin: str, key: str, field: str, trusted: bool) -> Pattern | None:
    if text is None:
        return None
    if not isinstance(text, str) or not text:
        raise DataError(f"{origin}: 条目 {key} 的 {field} 应为非空正则表达式字符串")
    try:
        return Pattern(text, trusted, "wrong" if field == "pattern" else None)
    except regex.error as exc:
        raise DataError(f"{origin}: 条目 {key} 的 {field} 不是有效的正则表达式：{exc}") from None
    except UnsafePattern as exc:
        raise DataError(f"{origin}: 条目 {key} 的 {field} {exc}") from None


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
        self._literals = shipped_pattern("|".join(map(re.escape, words))) if words else None
        # a few words, which almost no draft holds (四个维护 for 两个维护): an `in` test of each
        # costs half the alternation's pass over a notice, so they are looked for first
        self._few_words = tuple(words) if len(words) <= _FEW_WORDS else ()
        self._patterns = [e for e in self.entries if e.pattern is not None]
        # entries whose patterns ran past their budget once: off for the rest of the run
        self._retired: set[int] = set()

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, entry) for every occurrence that its context makes wrong."""
        budget = Budget()
        try:
            yield from self._find(text, budget)
        except PatternTimeout as exc:
            self._retired.add(id(exc.entry))
            raise

    def _find(self, text: str, budget: Budget) -> Iterator[tuple[int, int, Entry]]:
        retired = self._retired
        few = self._few_words
        if self._literals is not None and (not few or len(text) < _GATE_FROM
                                           or any(word in text for word in few)):
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
                            possible[key] = _anywhere(entry, entry.flag_when, text, budget)
                        if not possible[key]:
                            continue
                    if self._applies(entry, text, start, end, budget):
                        yield start, end, entry
                        break
        for entry in self._patterns:
            if retired and id(entry) in retired:
                continue
            p = entry.pattern
            if (entry.needs is not None and entry.needs not in text) or not p.may_match(text):
                continue  # no match possible: neither compiled nor run
            found = (p.compiled.finditer(text) if p.trusted
                     else budget.finditer(entry, p.compiled, text, 0, len(text)))
            for m in found:
                start, end = m.span("wrong") if "wrong" in m.re.groupindex else m.span()
                if end <= start:
                    continue  # an empty or absent `wrong`: nothing to flag, nothing to fix
                if self._applies(entry, text, start, end, budget):
                    yield start, end, entry

    def _applies(self, entry: Entry, text: str, start: int, end: int, budget: Budget) -> bool:
        lo, hi = _window(text, start, end)
        if entry.allow_when is not None and _covers(entry, entry.allow_when, text, lo, hi,
                                                    start, end, budget):
            return False
        if entry.flag_when is not None:
            return _covers(entry, entry.flag_when, text, lo, hi, start, end, budget)
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
            end: int, budget: Budget) -> bool:
    """Whether a match of `pattern` in text[lo:hi] (matches may overlap) spans start–end."""
    compiled = pattern.compiled
    if pattern.trusted:
        m = compiled.search(text, lo, hi)
        while m is not None and m.start() <= start:   # the overlapping matches, one per start
            if m.end() >= end:
                return True
            m = compiled.search(text, m.start() + 1, hi)
        return False
    for m in budget.finditer(entry, compiled, text, lo, hi, overlapped=True):
        if m.start() <= start and m.end() >= end:
            return True
        if m.start() > start:
            break
    return False


def _anywhere(entry: Entry, pattern: Pattern, text: str, budget: Budget) -> bool:
    if not pattern.may_match(text):
        return False
    if pattern.trusted:
        return pattern.compiled.search(text) is not None
    return budget.search(entry, pattern.compiled, text)


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


def _gate(source: str) -> tuple[frozenset[str], ...]:
    from .patterns.literals import gate  # the pattern parser: only when no run read it before

    return gate(source)


def declared_severities(default: str, *entry_lists: Iterable[Any]) -> tuple[str, ...]:
    """What a rule built on substitution lists can report: its own severity first, then those
    its entries (as written in YAML) set, most severe first. For a rule's `severities`."""
    found = {str(entry.get("severity")) for entries in entry_lists for entry in entries
             if isinstance(entry, dict) and entry.get("severity")}
    return (default, *(s for s in ("error", "warning", "info") if s in found and s != default))
