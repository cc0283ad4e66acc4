"""\\p{Han} spelled as character ranges, for patterns run on the standard library's engine."""

from __future__ import annotations

# \p{Han} as the `regex` module defines it (the Han script); tests/test_patterns.py checks that
# it agrees with `regex` on every code point this Python's Unicode database assigns
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
