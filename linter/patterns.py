"""User patterns: refuse the shapes that backtrack catastrophically, before they ever run."""

from __future__ import annotations

import regex

from .scan import Lazy


def nested_message(nested: str) -> str:
    return (f"含嵌套的重复“{nested}”，可能导致灾难性回溯，请改写（如把“(甲+)+”写成“甲+”） "
            f"(nested quantifier {nested}: catastrophic backtracking)")


def nested_quantifier(pattern: str) -> str | None:
    """A group repeated without bound whose content ends with an unbounded repeat, as in (a+)+,
    (a*b*)* or (\\d+\\s*)+: the shape that backtracks catastrophically. Returns the group."""
    # per open group: [start, the current branch ends unbounded, some branch did]
    stack: list[list] = [[0, False, False]]
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "(":
            stack.append([i, False, False])
            i += 1
            if pattern.startswith("?", i):  # (?:  (?P<name>  (?=  …: skip the group's header
                m = regex.match(r"\?(?:P<[^>]*>|<[=!]|[=!:>]|[a-zA-Z-]*:)?", pattern[i:])
                i += len(m.group()) if m else 1
            continue
        if c == "|":
            stack[-1][2] = stack[-1][2] or stack[-1][1]
            stack[-1][1] = False
            i += 1
            continue
        if c == ")" and len(stack) > 1:
            start, tail, branch = stack.pop()
            ends_unbounded = tail or branch
            q = _unbounded_at(pattern, i + 1)
            if ends_unbounded and q:
                return pattern[start:i + 1 + q]
            i += 1 + (q or _bounded_at(pattern, i + 1))
            stack[-1][1] = bool(q) or ends_unbounded
            continue
        # an atom: an escape, a class, or a character
        if c == "\\":
            i += 2
        elif c == "[":
            j = i + 1 + (pattern.startswith("^", i + 1))
            j += pattern.startswith("]", j)
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
        else:
            i += 1
        q = _unbounded_at(pattern, i)
        stack[-1][1] = bool(q)
        i += q or _bounded_at(pattern, i)
    return None


_BOUNDED = Lazy(r"[?]|\{\d+(?:,\d+)?\}")


def _bounded_at(pattern: str, i: int) -> int:
    m = _BOUNDED.match(pattern, i)
    return len(m.group()) if m else 0


_UNBOUNDED = Lazy(r"[+*]|\{\d*,\}")


def _unbounded_at(pattern: str, i: int) -> int:
    """The length of an unbounded quantifier at i (+, *, {n,}), else 0."""
    m = _UNBOUNDED.match(pattern, i)
    return len(m.group()) if m else 0
