"""Line starts of a text and its lines cut out on demand: what a document and its view share."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate, islice, repeat
from operator import add

_CHUNK = 1 << 18  # characters split at a time: the pieces of one chunk are all that is held


def line_starts(text: str) -> array:
    """Offsets where each line starts, 8 bytes a line (a list took 36): the summed lengths of
    the lines of one chunk of the text at a time, without a Python loop per line."""
    starts = array("q", [0])
    for at in range(0, len(text), _CHUNK):
        pieces = text[at:at + _CHUNK].split("\n")
        # every piece but the last ends at a line break: the next line starts after it
        starts.extend(islice(accumulate(map(add, map(len, pieces[:-1]), repeat(1)),
                                        initial=at), 1, None))
    return starts


class LineSpans(Sequence[tuple[int, int]]):
    """(start, end) of each line, made when asked for from the line starts (a list of pairs
    took 90 bytes a line)."""

    def __init__(self, starts: Sequence[int], length: int) -> None:
        self._starts = starts
        self._length = length

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        end = self._starts[index + 1] - 1 if index + 1 < len(self) else self._length
        return self._starts[index], end

    def __iter__(self) -> Iterator[tuple[int, int]]:
        starts = self._starts
        for i, start in enumerate(starts):
            yield start, starts[i + 1] - 1 if i + 1 < len(starts) else self._length


class Lines(Sequence[str]):
    """The lines of a text, cut out on demand: a draft of millions of short lines holds no
    million strings (a list of them took 80 bytes a line and more)."""

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        self._starts = starts
        self._spans = LineSpans(starts, len(text))

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self._spans[index]
        return self._text[start:end]

    def __iter__(self) -> Iterator[str]:
        text, start = self._text, 0
        for following in islice(self._starts, 1, None):
            yield text[start:following - 1]
            start = following
        yield text[start:]
