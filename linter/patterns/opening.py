"""Whether the standard library's engine can find by itself where a match of a pattern starts."""

from __future__ import annotations

_QUANTIFIERS = "*+?{"
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def regex_finds_faster(source: str) -> bool:
    """Whether the `regex` module finds the matches of `source` faster than the standard engine,
    which scans at C speed for a literal, a class or branches of bare literals a match opens
    with, and otherwise tries the whole pattern at every position. Two openings defeat it
    where `regex` looks past them: a lookbehind, and branches that each open with a literal
    inside a group (`(?P<email>E-?mail)|(?P<phone>联系电话)`). Measured on the benchmark corpus
    (benchmarks/run.py). Reads the text of the pattern and answers False for what it does not
    know."""
    if not source.startswith("("):           # a literal, a class, an anchor …: most patterns
        return False
    i = 0
    if source.startswith("(?") and not source.startswith(_LOOKAROUND):
        end = source.find(")", 2)
        flags = source[2:end] if end > 0 else ""
        if flags.isalpha():                  # global flags such as (?m): the pattern follows
            if "i" in flags:
                return False
            i = end + 1
    return _defeats_re(source, i, len(source))


def _defeats_re(source: str, start: int, end: int) -> bool:
    branches = _branches(source, start, end)
    if branches is None:
        return False
    if len(branches) > 1:
        return all(_grouped_literal_first(source, lo, hi) for lo, hi in branches)
    if source.startswith(("(?<=", "(?<!"), start):
        return True
    if not source.startswith("(", start) or source.startswith(_LOOKAROUND, start):
        return False
    body, close = _group(source, start)
    return body is not None and not _quantified(source, close + 1, end) \
        and _defeats_re(source, body, close)


def _grouped_literal_first(source: str, lo: int, hi: int) -> bool:
    """Whether source[lo:hi] opens with a group (one or more) whose content opens with a
    literal character."""
    if not source.startswith("(", lo) or source.startswith(_LOOKAROUND, lo):
        return False
    while source.startswith("(", lo) and not source.startswith(_LOOKAROUND, lo):
        body, close = _group(source, lo)
        if body is None or _quantified(source, close + 1, hi):
            return False
        lo, hi = body, close
    return _literal_first(source, lo, hi)


def _group(source: str, i: int) -> tuple[int | None, int]:
    close = _group_end(source, i)
    if close is None:
        return None, i
    return _group_body(source, i), close


def _literal_first(source: str, lo: int, hi: int) -> bool:
    """Whether source[lo:hi] opens with one literal character, not repeated."""
    if lo >= hi or source[lo] in "([.^$|)":
        return False
    after = _item_end(source, lo, hi)
    if after is None or _quantified(source, after, hi):
        return False
    if source[lo] == "\\":
        escape = source[lo + 1:lo + 2]
        return bool(escape) and not escape.isalnum()   # \. \( …, not \d \s \b \1
    return True


def _quantified(source: str, i: int, end: int) -> bool:
    return i < end and source[i] in _QUANTIFIERS


def _item_end(source: str, i: int, end: int) -> int | None:
    """The index after the one item (not a group) at i."""
    char = source[i]
    if char == "\\":
        return i + 2 if i + 1 < end else None
    if char == "[":
        return _class_end(source, i)
    return i + 1


def _class_end(source: str, i: int) -> int | None:
    j = i + 1
    if source.startswith("^", j):
        j += 1
    if source.startswith("]", j):
        j += 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
        elif source[j] == "]":
            return j + 1
        else:
            j += 1
    return None


def _group_body(source: str, i: int) -> int | None:
    """Where the content of the group opening at i starts; None for a kind not read here."""
    if not source.startswith("(?", i):
        return i + 1
    if source.startswith(("(?P<", "(?<"), i):
        return source.find(">", i) + 1 or None
    colon = source.find(":", i)
    return colon + 1 if (colon > 0 and source[i + 2:colon].isalpha()) or colon == i + 2 else None


def _group_end(source: str, i: int) -> int | None:
    """The index of the ) closing the group opening at i."""
    depth = 0
    j = i
    while j < len(source):
        char = source[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            after = _class_end(source, j)
            if after is None:
                return None
            j = after
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _branches(source: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The top-level branches of source[start:end]."""
    out = []
    lo = j = start
    while j < end:
        char = source[j]
        if char == "\\":
            j += 2
        elif char == "[":
            after = _class_end(source, j)
            if after is None:
                return None
            j = after
        elif char == "(":
            close = _group_end(source, j)
            if close is None:
                return None
            j = close + 1
        elif char == "|":
            out.append((lo, j))
            j += 1
            lo = j
        else:
            j += 1
    out.append((lo, end))
    return out
