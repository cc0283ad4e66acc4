"""Shipped patterns, compiled cheaply and run fast.

- ``shipped_pattern``: the standard library's engine wherever it accepts the pattern (``\\p{Han}``
  spelled as ranges), `regex` for the rest; ``fast_re`` puts a lookahead of the first characters
  in front of patterns that open with a group; both go through the cache of compiled patterns;
- ``Lazy``: compiled on first use, for what only some drafts need;
- ``near``: a pattern run only around the characters every match must contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre
from re import _parser as sre_parse

import regex

from .pattern_cache import compile_with


def near(pattern: regex.Pattern, text: str, anchors: re.Pattern, before: int,
         after: int) -> Iterator[regex.Match]:
    """The matches of `pattern` in `text`, when every match contains a character `anchors`
    finds and lies within `before`/`after` characters of it (a date holds 月, a count its
    measure word). Scanning only there is several times faster than trying every position."""
    last = 0
    for a in anchors.finditer(text):
        i = a.start()
        if i < last:
            continue
        for m in pattern.finditer(text, max(last, i - before), i + after):
            if m.start() < last:
                continue
            m = pattern.match(text, m.start())  # again, unbounded: the window may have cut it
            if m is not None and m.end() > m.start():
                last = m.end()
                yield m


class Lazy:
    """A shipped pattern compiled on first use: for the ones only some drafts need (a damaged
    one, a period written as a duration …), so that start-up does not pay for them."""

    __slots__ = ("_compile", "_compiled", "_pattern")

    def __init__(self, pattern: str, compile=None) -> None:
        self._pattern = pattern
        self._compile = compile      # shipped_pattern unless the caller knows better
        self._compiled = None

    def compiled(self):
        if self._compiled is None:
            self._compiled = (self._compile or shipped_pattern)(self._pattern)
        return self._compiled

    def __getattr__(self, name: str):  # search, match, fullmatch, finditer, sub, pattern …
        return getattr(self.compiled(), name)


def shipped_pattern(pattern: str):
    """A shipped pattern: the standard library's engine when it accepts the syntax (it compiles
    two to three times faster, which is most of start-up), else the `regex` module (\\p{Han},
    variable-width lookbehind). User patterns always use `regex`, as documented."""
    try:
        return fast_re(pattern)
    except re.error:
        pass
    if r"\p{Han}" in pattern:
        try:
            return fast_re(with_han_ranges(pattern))
        except re.error:
            pass
    return regex.compile(pattern)


# \p{Han} as the `regex` module defines it (the Han script), as ranges the standard engine reads;
# tests/test_scan.py checks them against `regex` for every code point
HAN_RANGES = (
    "\u2E80-\u2E99\u2E9B-\u2EF3\u2F00-\u2FD5\u3005\u3007\u3021-\u3029\u3038-\u303B"
    "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFA6D\uFA70-\uFAD9\U00016FE2-\U00016FE3"
    "\U00016FF0-\U00016FF6\U00020000-\U0002A6DF\U0002A700-\U0002B81E\U0002B820-\U0002CEAD"
    "\U0002CEB0-\U0002EBE0\U0002EBF0-\U0002EE5D\U0002F800-\U0002FA1D\U00030000-\U0003134A"
    "\U00031350-\U00033479")


def with_han_ranges(pattern: str) -> str:
    """`pattern` with every \\p{Han} spelled as ranges: bare in a class, in brackets outside."""
    out = []
    i = 0
    in_class = False
    while i < len(pattern):
        if pattern.startswith(r"\p{Han}", i):
            out.append(HAN_RANGES if in_class else f"[{HAN_RANGES}]")
            i += len(r"\p{Han}")
            continue
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            j = i + 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):  # a ] first in a class is a literal
                j += 1
            out.append(pattern[i:j])
            i = j
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


_FAST_RE = "fast-1"  # names what _accelerated does in the cache: change it when that changes


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, from the cache of compiled patterns when this Python compiled it before."""
    return compile_with((pattern, flags), lambda: re.compile(pattern, flags))


def fast_re(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, with a lookahead of the characters a match can start with put in front.

    The standard engine tries an alternation of groups (``(?P<done>已完成…)|(?P<partial>…)``)
    branch by branch at every position, several times slower than the `regex` module; a
    lookahead of the possible first characters lets it skip the others at C speed. The pattern
    matches exactly what it did: the class holds every character a match can start with."""
    return compile_with((_FAST_RE, pattern, flags), lambda: _accelerated(pattern, flags))


def _accelerated(pattern: str, flags: int) -> re.Pattern:
    parsed = sre_parse.parse(pattern, flags)  # raises re.error as re.compile would
    if parsed.state.flags & re.IGNORECASE or _has_prefix(parsed):
        return re.compile(pattern, flags)  # the engine finds a leading literal or class itself
    firsts = _first_chars(parsed)
    if not firsts or len(firsts) > 128:
        return re.compile(pattern, flags)
    head = re.match(r"\(\?[aiLmsux]+\)", pattern)  # global flags must stay in front
    cut = head.end() if head else 0
    klass = "".join(re.escape(c) for c in sorted(firsts))
    try:
        return re.compile(f"{pattern[:cut]}(?=[{klass}])(?:{pattern[cut:]})", flags)
    except re.error:
        return re.compile(pattern, flags)


def _has_prefix(items) -> bool:
    op, av = items[0] if len(items) else (None, None)
    if op is sre.SUBPATTERN:  # the engine looks inside groups, capturing or not
        return _has_prefix(av[3])
    if op is sre.BRANCH:  # the engine builds a class of the branches' first literals
        return all(len(b) and b[0][0] is sre.LITERAL for b in av[1])
    return op is sre.LITERAL or op is sre.IN


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _first_chars(items) -> set[str] | None:
    """The characters a match of a parsed pattern can start with; None when any character
    can, or when it can match the empty string."""
    chars, nullable = _sequence(items)
    return None if nullable else chars


def _first_of(op, av) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        chars = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 64:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None, False
        return chars, False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is sre.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            first, empty = _sequence(branch)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op is sre.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None, False
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        chars, nullable = _sequence(av[2])
        return chars, nullable or av[0] == 0
    return None, False


def _sequence(items) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(op, av)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True
