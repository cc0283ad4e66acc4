"""A shipped pattern: compiled on first use, on the standard engine when it reads the syntax."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import regex

from .derived import remembered
from .opening import regex_finds_faster

# what a Pattern hands on to the compiled one; the first use of any of them compiles it
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
              "groupindex", "groups")


class Pattern:
    """A pattern compiled on first use, so that start-up pays only for what a text needs.

    After the first use the compiled pattern's own methods sit in the slots: a call costs what
    it costs on the compiled pattern. `pattern` is the source as written."""

    __slots__ = ("_compiled", "_flags", "_gated_calls", "pattern", *_FORWARDED)

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self.pattern = source
        self._flags = flags
        self._compiled: Any = None
        self._gated_calls = 0

    @property
    def is_compiled(self) -> bool:
        """Whether the pattern has been compiled (it is, by its first use)."""
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:  # only for the slots not filled yet
        if name not in _FORWARDED:
            raise AttributeError(name)
        if name in _NOTHING_FOUND and isinstance(self.pattern, str) and not self._flags:
            return partial(self._gated, name)
        return getattr(self._compile_now(), name)

    def _gated(self, name: str, string: Any, *args: Any, **kwargs: Any) -> Any:
        """A search of a whole string before the pattern is compiled: where the string lacks a
        literal every match holds (patterns/literals.py), no match is possible and the pattern
        is not compiled at all (compiling costs what a few hundred `in` tests cost, and a small
        draft's run meets many patterns only in texts that cannot match)."""
        self._gated_calls += 1
        if not args and not kwargs and isinstance(string, str) and self._gated_calls <= _GATED_CALLS:
            for words in remembered("required", self.pattern, _required):
                for word in words:
                    if word in string:
                        break
                else:
                    return _NOTHING_FOUND[name]()
        return getattr(self._compile_now(), name)(string, *args, **kwargs)

    def _compile_now(self) -> Any:
        compiled = _compile(self.pattern, self._flags)
        self._compiled = compiled
        for forwarded in _FORWARDED:
            setattr(self, forwarded, getattr(compiled, forwarded))
        return compiled

    def __reduce__(self) -> tuple:  # a worker process compiles its copy on its own first use
        return Pattern, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"shipped_pattern({self.pattern!r})"


def shipped_pattern(source: str | bytes, flags: int = 0) -> Pattern:
    """A shipped pattern, compiled on its first use: on the standard library's engine when it
    accepts the syntax (it compiles and runs most patterns faster), else on the `regex` module
    (\\p{Han}, variable-width lookbehind …); on `regex` too where that finds the matches
    several times faster (opening.py). `flags`: those of `re`."""
    return Pattern(source, flags)


# calls gated before a pattern is compiled all the same: a gate in Python costs a few times a
# compiled search of a sentence, so a pattern called often (an archive's run) is compiled soon
_GATED_CALLS = 16
# what a search finds where no match is possible, by method
_NOTHING_FOUND: dict[str, Callable[[], Any]] = {
    "search": lambda: None, "match": lambda: None, "fullmatch": lambda: None,
    "finditer": lambda: iter(()), "findall": list}


def _required(source: str) -> tuple[frozenset[str], ...]:
    from .literals import required  # the parser: only when no run read this pattern before

    return required(source)


def _compile(source: str | bytes, flags: int) -> re.Pattern | regex.Pattern:
    # \p{Han}: only `regex` reads it (spelled as ranges for the standard engine, a class of
    # 90 000 characters would cost its compiler, written in Python, a millisecond a pattern)
    if isinstance(source, str) and (r"\p{Han}" in source or regex_finds_faster(source)):
        return _regex(source, flags)
    try:
        return re.compile(source, flags)
    except re.error:
        return _regex(source, flags)


def _regex(source: str | bytes, flags: int) -> regex.Pattern:
    # the flags by name: `re` and `regex` number some of them differently (ASCII)
    return regex.compile(source, sum(getattr(regex, f.name) for f in re.RegexFlag(flags)))


def near(pattern: Any, text: str, anchors: Any, before: int, after: int) -> Iterator[Any]:
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
