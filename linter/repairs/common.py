"""What several finders share: blanking spans out, telling a plain GB2312 text."""

from __future__ import annotations

from ..textview import Edit


def only_gb2312(line: str) -> bool:
    """True when every character is in GB2312 (simplified Chinese, no converter damage)."""
    try:
        # a piece at a time: the whole of a large draft encoded at once is one more copy of it
        for at in range(0, len(line), _PIECE):
            line[at:at + _PIECE].encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


_PIECE = 1 << 16


def mask(text: str, skip: list[Edit]) -> str:
    """The text with the skipped spans blanked out (same length), so other finders ignore them."""
    if not skip:
        return text
    pieces = []
    last = 0
    for start, end, _ in sorted(skip):
        if start < last:
            continue
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


