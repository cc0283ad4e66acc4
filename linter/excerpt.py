"""An excerpt on a terminal: the finding's line under it, the span underlined in display columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from .finding import Place
from .outputs import one_line


def width(text: str) -> int:
    """Terminal columns `text` takes: 2 for a wide or full-width character (汉字, "，", "　"), 0
    for a combining mark or an invisible format character (a zero-width space), else 1.
    Ambiguous-width characters (“ ” …) count 1, as most terminals draw them."""
    columns = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return columns


def _shown(text: str) -> str:
    # what the terminal is given: tabs as one space (so columns can be counted), controls as
    # escapes (a draft never drives the terminal)
    return one_line(text.replace("\t", " "))


def source_lines(place: Place, line: int, paint: Callable[[str, str], str],
                 severity: str) -> list[str]:
    """The two lines shown under a finding: its line number and excerpt, then carets under the
    span (at least one, for an empty span or one of invisible characters). `paint(text, role)`
    colours a part (colour.Palette) or returns it as it is."""
    excerpt = place.excerpt or ""
    before = _shown(excerpt[:place.start])
    marked = _shown(excerpt[place.start:place.end])
    after = _shown(excerpt[place.end:])
    number = str(line)
    gutter = " " * len(number)
    carets = "^" * max(1, width(marked))
    return [f" {paint(number + ' |', 'gutter')} {before}{marked}{after}",
            f" {paint(gutter + ' |', 'gutter')} {' ' * width(before)}{paint(carets, severity)}"]
