"""Traditional characters where the draft means simplified ones (OpenCC t2s)."""

from __future__ import annotations

from functools import cache

from ..patterns import shipped_pattern
from ..textview import Edit
from .common import mask, only_gb2312

_LINE = shipped_pattern(r"[^\n]+")

@cache
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def traditional(text: str, skip: list[Edit], gb2312: bool | None = None) -> list[Edit]:
    """Characters OpenCC's t2s changes, where the text is not plain GB2312 already."""
    if gb2312 if gb2312 is not None else only_gb2312(text):
        return []  # GB2312 holds no traditional-only character: nothing to convert
    try:
        convert = _t2s().convert
    except ImportError:  # OpenCC missing: the view keeps the traditional text
        return []
    edits: list[Edit] = []
    masked = mask(text, skip)
    for m in _LINE.finditer(masked):
        line = m.group()
        if only_gb2312(line):
            continue
        converted = convert(line)
        if converted == line:
            continue
        if len(converted) != len(line):
            edits.append((m.start(), m.end(), converted))
            continue
        i = 0
        while i < len(line):
            if line[i] != converted[i]:
                j = i
                while j < len(line) and line[j] != converted[j]:
                    j += 1
                edits.append((m.start() + i, m.start() + j, converted[i:j]))
                i = j
            else:
                i += 1
    return edits


