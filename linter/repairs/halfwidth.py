"""Half-width punctuation in Chinese text, with its full-width forms."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from ..patterns import shipped_pattern
from ..textview import Edit
from .common import mask

_HALF_CHARS = ',;:?!()"'
_HALF = shipped_pattern(f"[{re.escape(_HALF_CHARS)}]")
# opens with a lookahead of the characters every branch can start with (tests/test_patterns.py
# checks it is implied): the standard engine skips the Chinese text at C speed instead of
# trying the five branches at every position
PROTECTED_SPANS = shipped_pattern(
    r"(?=[A-Za-z0-9._%+\-])(?:"
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"     # e-mail
    r"|(?:https?|ftp)://\S+|www\.\S+"                              # URL
    r"|[0-9][0-9,]*[0-9]"                                          # 1,000
    r"|[0-9]{1,2}:[0-9]{2})"                                       # 8:30
)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}



def halfwidth_punctuation(text: str, skip: list[Edit]) -> list[Edit]:
    """, ; : ? ! ( ) and straight double quotes in Chinese text, with their full-width forms.

    Not inside numbers (1,000, 8:30), e-mail addresses, URLs or Latin text."""
    if not any(c in text for c in _HALF_CHARS):  # several finds beat one class scan
        return []
    protected = mask(text, skip)
    spans = [m.span() for m in PROTECTED_SPANS.finditer(protected)]
    starts = [s for s, _ in spans]

    def blocked_at(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < spans[k][1]

    edits: list[Edit] = []
    quotes: dict[int, list[int]] = {}
    opened: list[tuple[int, bool]] = []   # ( positions and whether they are Chinese
    for m in _HALF.finditer(protected):
        i = m.start()
        if blocked_at(i):
            continue
        char = m.group()
        before = _neighbour(protected, i, -1)
        after = _neighbour(protected, i, 1)
        if char == '"':
            if _chinese(before) or _chinese(after):
                quotes.setdefault(protected.rfind("\n", 0, i), []).append(i)
            continue
        if char == "(":
            bound = min(len(protected), i + 200)  # a bracket closes on its line, soon
            line_end = protected.find("\n", i, bound)
            close = protected.find(")", i, line_end if line_end >= 0 else bound)
            inside = protected[i + 1:close] if close > 0 else ""
            # a pair is Chinese when it holds Chinese or follows it: (一), 股室(中心), not (v3)
            chinese = _chinese(before) or any(_chinese(c) for c in inside[:40]) or (
                close < 0 and _chinese(after))
            opened.append((i, chinese))
        elif char == ")":
            chinese = opened.pop()[1] if opened else _chinese(before) or _chinese(after)
        else:  # , ; : ? ! belong to the text before them
            chinese = _chinese(before) or (_chinese(after) and not before.isalnum())
        if chinese:
            edits.append((i, i + 1, _FULL[char]))
    for positions in quotes.values():
        if len(positions) % 2 == 0:  # pairs only: an odd count cannot be told open from close
            edits += [(p, p + 1, "“" if k % 2 == 0 else "”") for k, p in enumerate(positions)]
    return edits


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


def _chinese(char: str) -> bool:
    if not char:
        return False
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return True
    return unicodedata.east_asian_width(char) in ("W", "F") and not char.isspace()
