"""Mojibake: UTF-8 bytes read as GBK or Latin-1, decoded back to what they said."""

from __future__ import annotations

import re

from ..patterns import shipped_pattern
from ..textview import Edit
from .common import only_gb2312

# runs that may be mojibake: UTF-8 bytes read as GBK, or as Latin-1/cp1252
_GBK_RUN = shipped_pattern(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】〔〕]{3,64}")
_LATIN_RUN = shipped_pattern(r"[\u00c0-\u00ff][\u0080-\u00ff\u2018-\u203a\u0152\u0153\u0160"
                           r"\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]{1,}")
_LATIN1_LETTERS = shipped_pattern(rb"[\xc0-\xff]")


def _has_latin1_letters(text: str) -> bool:
    """Any of U+00C0–U+00FF, what UTF-8 read as Latin-1 leaves: the text's Latin-1 part, encoded,
    is a few bytes long, and searching it is cheaper than a class scan of the whole text."""
    return _LATIN1_LETTERS.search(text.encode("latin-1", "ignore")) is not None


def mojibake(text: str, gb2312: bool | None = None) -> list[Edit]:
    """Runs that decode to Chinese when their GBK (or Latin-1) bytes are read as UTF-8."""
    edits = []
    # UTF-8 read as GBK always leaves characters outside GB2312; a GB2312 text has none
    plain = gb2312 if gb2312 is not None else only_gb2312(text)
    runs = () if plain else _GBK_RUN.finditer(text)
    for m in runs:
        run = m.group()
        if only_gb2312(run):
            continue  # UTF-8 read as GBK always yields characters outside GB2312
        found = _decodes(run, "gbk")
        if found:
            i, j, fixed = found
            edits.append((m.start() + i, m.start() + j, fixed))
    for m in _LATIN_RUN.finditer(text) if _has_latin1_letters(text) else ():
        found = _decodes(m.group(), "cp1252") or _decodes(m.group(), "latin-1")
        if found:
            i, j, fixed = found
            edits.append((m.start() + i, m.start() + j, fixed))
    if "\ufffd" in text:
        edits += [(m.start(), m.end(), m.group()) for m in re.finditer("\ufffd+", text)]
    return edits


def _decodes(run: str, encoding: str) -> tuple[int, int, str] | None:
    """The longest stretch of `run` whose bytes in `encoding` are UTF-8 for 2+ CJK characters."""
    sizes = []
    for char in run:
        try:
            sizes.append(len(char.encode(encoding)))
        except UnicodeEncodeError:
            sizes.append(0)
    best = None
    for i in range(len(run)):
        if sizes[i] == 0:
            continue
        j = i
        while j < len(run) and sizes[j]:
            j += 1
        data = run[i:j].encode(encoding)
        try:
            decoded = data.decode("utf-8")
            end = j
        except UnicodeDecodeError as exc:
            valid = data[:exc.start]
            # back off to a character boundary of the original run
            total, end = 0, i
            while end < j and total + sizes[end] <= len(valid):
                total += sizes[end]
                end += 1
            try:
                decoded = data[:total].decode("utf-8")
            except UnicodeDecodeError:
                continue
        cjk = sum(1 for c in decoded if "\u4e00" <= c <= "\u9fff")
        if cjk >= 2 and cjk >= 0.8 * len(decoded) and end - i >= 3:
            if best is None or end - i > best[1] - best[0]:
                best = (i, end, decoded)
    return best


