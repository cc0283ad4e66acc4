"""A text derived from the document's text by edits, whose offsets map back to the original."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from .cached_property import cached_property
from .finding import Span
from .lines import LineSpans, line_starts

Edit = tuple[int, int, str]  # (start, end, replacement) in the original text


class TextView:
    """What the rules read: the original text, or a repaired copy of it.

    ``locate(start, end)`` turns view offsets into a :class:`Span` of the *original* text, so a
    finding on the repaired view still points at the line and column the user sees.
    """

    def __init__(self, text: str, locate_original: Callable[[int, int], Span],
                 original: str, segments: tuple[list[int], list[int], list[int], list[bool]]
                 | None = None) -> None:
        self.text = text
        self._locate_original = locate_original
        self._original = original
        self._segments = segments  # None: the identity view

    @classmethod
    def identity(cls, text: str, locate: Callable[[int, int], Span],
                 line_starts: Sequence[int] | None = None) -> TextView:
        """The text itself; `line_starts`, the text's own when the caller has them (one table
        of a large draft's lines, not two)."""
        view = cls(text, locate, text)
        if line_starts is not None:
            view.line_starts = line_starts  # in place of the cached property's first reading
        return view

    @classmethod
    def edited(cls, original: str, locate: Callable[[int, int], Span],
               edits: Iterable[Edit]) -> TextView:
        edits = _non_overlapping(edits)
        if not edits:
            return cls.identity(original, locate)
        pieces: list[str] = []
        v_starts: list[int] = []
        o_starts: list[int] = []
        o_ends: list[int] = []
        exact: list[bool] = []
        v = o = 0

        def add(text: str, o_start: int, o_end: int, is_exact: bool) -> None:
            nonlocal v
            if not text:
                return  # a deletion: the gap between neighbours' original ranges says it all
            pieces.append(text)
            v_starts.append(v)
            o_starts.append(o_start)
            o_ends.append(o_end)
            exact.append(is_exact)
            v += len(text)

        for start, end, replacement in edits:
            add(original[o:start], o, start, True)
            add(replacement, start, end, len(replacement) == end - start)
            o = end
        add(original[o:], o, len(original), True)
        return cls("".join(pieces), locate, original, (v_starts, o_starts, o_ends, exact))

    @property
    def is_identity(self) -> bool:
        return self._segments is None

    def to_original(self, offset: int) -> int:
        """The original offset of the character at view `offset` (a start position)."""
        if self._segments is None:
            return offset
        v_starts, o_starts, _, exact = self._segments
        if offset >= len(self.text):
            return len(self._original)
        i = bisect_right(v_starts, offset) - 1
        delta = offset - v_starts[i]
        return o_starts[i] + delta if exact[i] else o_starts[i]

    def to_original_end(self, offset: int) -> int:
        """The original offset just after the character before view `offset` (an end position)."""
        if self._segments is None:
            return offset
        if offset <= 0:
            return 0
        v_starts, o_starts, o_ends, exact = self._segments
        i = bisect_right(v_starts, offset - 1) - 1
        delta = offset - v_starts[i]
        return o_starts[i] + delta if exact[i] else o_ends[i]

    def locate(self, start: int, end: int | None = None) -> Span:
        end = start + 1 if end is None else end
        o_start = self.to_original(start)
        o_end = max(self.to_original_end(end), o_start + 1) if end > start else o_start
        return self._locate_original(o_start, o_end)

    def original(self, start: int, end: int) -> str:
        """The original text behind a view span."""
        if self._segments is None:
            return self.text[start:end]
        return self._original[self.to_original(start):self.to_original_end(end)]

    def faithful(self, start: int, end: int) -> bool:
        """True when the view span is the original text unchanged (so a fix may target it)."""
        return self.original(start, end) == self.text[start:end]

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """Offsets where each line of the view starts."""
        return line_starts(self.text)

    @cached_property
    def line_spans(self) -> LineSpans:
        """(start, end) of every line of the view, end excluding the newline."""
        return LineSpans(self.line_starts, len(self.text))


def _non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Sorted edits, dropping any that overlaps one before it (earlier stages win on ties)."""
    out: list[Edit] = []
    last_end = -1
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < last_end or (start == end and not replacement):
            continue
        if end == start and out and out[-1][0] == start:
            continue
        out.append((start, end, replacement))
        last_end = max(end, start)
    return out
