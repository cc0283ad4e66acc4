"""Line breaks inside a sentence or a heading, as a PDF copy leaves them."""

from __future__ import annotations

from collections.abc import Sequence

from ..lines import Lines, line_starts
from ..patterns import shipped_pattern
from .kinds import Kind, Repair

# a line that ends like this is finished; anything else may continue on the next line
_FINISHED = frozenset("。！？；：…”’）》〕】」』.!?;:)]\"'")
_HEADING_START = shipped_pattern(
    r"[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])")
_LABEL = shipped_pattern(r"^[^，。；]{1,12}[：:]")
_DATE_LINE = shipped_pattern(r"^[0-9０-９〇○零一二三四五六七八九十 ]{2,4}年.{1,3}月.{1,3}日$")
_NON_SPACE = shipped_pattern(r"\S")
_SPACE_RUN = shipped_pattern(r"\s*")
# sets, not patterns: only whether a line holds one is asked (nothing to compile at start-up)
_ANY_PUNCT = frozenset("，。；：,;:")
_STRONG_PUNCT = frozenset("。！？；;：:")
_SPLIT_BELOW = 200_000  # characters
_CONTINUES = shipped_pattern(r"^[\p{Han}0-9０-９A-Za-z“‘《（(]")


def broken_lines(text: str, starts: Sequence[int] | None = None) -> list[Repair]:
    """Line breaks inside a sentence or a heading, as a PDF copy leaves them; `starts`: the
    text's line starts, when the caller has them.

    Only a line that does not end like a finished one can run on; the cheap tests come first."""
    first = _NON_SPACE.search(text)
    if first is None:
        return []
    first_line = first.start()
    penultimate = None
    out: list[Repair] = []
    if starts is None:
        starts = line_starts(text)
    # 8 bytes a line, and each line cut out when asked for: a draft of millions of lines holds
    # no million strings and ints; a notice's hundred lines are split at C speed
    lines = text.split("\n") if len(text) < _SPLIT_BELOW else Lines(text, starts)
    # the lines that do not end like a finished one, picked out in one sweep
    for k in [k for k, raw in enumerate(lines) if raw and raw[-1] not in _FINISHED]:
        raw = lines[k]
        start = starts[k]
        newline = start + len(raw)
        line = raw.strip()
        if not line or line[-1] in _FINISHED or start <= first_line:
            continue  # blank, finished, or the first line
        heading = "。" not in line and bool(_HEADING_START.match(line))
        if not heading and (len(line) < 20 or ("。" not in line and "，" not in line)):
            continue  # short lines (titles, names, signatures) end without punctuation
        below = lines[k + 1] if k + 1 < len(starts) else ""
        if below and not below[0].isspace():
            # the next line starts at once (the common case): no search for where
            next_start, following = starts[k + 1], below.rstrip()
        else:
            next_start = _SPACE_RUN.match(text, newline).end()
            if next_start >= len(text):
                continue  # the last line
            next_end = text.find("\n", next_start)
            following = text[next_start:next_end if next_end >= 0 else len(text)].rstrip()
        if heading and (len(following) > 40 or not _STRONG_PUNCT.isdisjoint(following)):
            continue  # a heading runs on only into a short unpunctuated line before its body
        if _HEADING_START.match(following) or not _CONTINUES.match(following):
            continue
        if _LABEL.match(following) or _DATE_LINE.match(following) or _DATE_LINE.match(line):
            continue
        if penultimate is None:
            penultimate = _penultimate_start(text)
        if next_start >= penultimate and _ANY_PUNCT.isdisjoint(following):
            continue  # the signature: an organ name or a date needs no punctuation
        out.append(Repair(Kind.LINE_JOIN, start + len(raw.rstrip()), next_start, "", heading))
    return out


def _penultimate_start(text: str) -> int:
    """Where the second-to-last non-blank line starts (its first non-space character)."""
    end = len(text)
    found = 0
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line and not line.isspace():
            found += 1
            if found == 2:
                return start + len(line) - len(line.lstrip())
        end = start - 1
    return 0
