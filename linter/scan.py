"""Fast whole-text scans: run a pattern only near the characters every match must contain."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex


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
    """A pattern compiled on first use: for the ones only some drafts need (a damaged one, a
    period written as a duration …), so that start-up does not pay for them."""

    __slots__ = ("_args", "_compiled", "_engine")

    def __init__(self, pattern: str, flags: int = 0, engine=regex) -> None:
        self._args = (pattern, flags)
        self._engine = engine
        self._compiled = None

    def compiled(self):
        if self._compiled is None:
            self._compiled = self._engine.compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str):  # search, match, fullmatch, finditer, sub, pattern …
        return getattr(self.compiled(), name)


def shipped_pattern(pattern: str):
    """A shipped pattern: the standard library's engine when it accepts the syntax (it compiles
    two to three times faster, which is most of start-up), else the `regex` module (\\p{Han},
    \\G, variable-width lookbehind). User patterns always use `regex`, as documented."""
    try:
        return re.compile(pattern)
    except re.error:
        return regex.compile(pattern)
