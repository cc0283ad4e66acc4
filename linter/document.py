"""A draft read once: its bytes, its decoded text, lines, positions, the view rules read, the outline."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate, islice, repeat
from operator import add

from .cached import cached_property
from .finding import Span
from .input.decoding import Decoded, decode
from .outline import Outline, Vocabulary
from .profile import Profile, detect
from .textview import Edit, LineSpans, TextView

# the repairs behind the view: objects with start, end and replacement (see linter.repair), or
# plain (start, end, replacement) edits
Repairer = Callable[["Document"], list]


class Document:
    """The read-only model every rule receives.

    - ``text``: the whole text, line endings normalised to ``\\n`` (offsets index into it);
    - ``position(offset)``: 1-based ``(line, column)``, columns in code points;
    - ``view``: the text the built-in rules read: the original, or a repaired copy when the draft
      was damaged on its way (pinyin annotations, traditional characters …), mapping back;
    - ``outline``: title, headings, contact block, disclosure period, signature, dates, counts;
    - ``profile``: the kind of notice (中央巡视, 县委巡察 …) and the evidence it was decided from.
    """

    def __init__(self, path: str, decoded: Decoded, *, kind: str = "text",
                 data: bytes | None = None, repairer: Repairer | None = None,
                 vocabulary: Vocabulary | None = None) -> None:
        self.path = path
        self.kind = kind                    # text, markdown or docx
        self.data = data                    # the bytes as read (None for a docx)
        self.decoded = decoded
        self.raw_text = decoded.text        # line endings as in the file
        self.text = _normalise_newlines(decoded.text)
        self._repairer = repairer
        self._vocabulary = vocabulary
        self.declared_genre: str | None = None   # set by the engine from the configuration

    @classmethod
    def from_bytes(cls, path: str, data: bytes, **kwargs) -> Document:
        return cls(path, decode(data), data=data, **kwargs)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **kwargs) -> Document:
        return cls(path, Decoded(text, "utf-8", b""), **kwargs)

    @property
    def encoding(self) -> str:
        return self.decoded.label

    @cached_property
    def line_starts(self) -> Sequence[int]:
        return line_starts(self.text)

    @cached_property
    def lines(self) -> Lines:
        """The lines of ``text`` (as ``text.split("\\n")``), each cut out when asked for."""
        return Lines(self.text, self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``text``."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def locate(self, start: int, end: int | None = None) -> Span:
        end = start + 1 if end is None else max(end, start)
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        if end == start:
            end_column = column + 1
        return Span(line, column, end_line, end_column)

    def line_span(self, line: int) -> Span:
        """The whole of a 1-based line (at least one column wide)."""
        line = max(1, min(line, len(self.line_starts)))
        start = self.line_starts[line - 1]
        end = start + len(self.lines[line - 1])
        return Span(line, 1, line, max(end - start, 1) + 1 if end > start else 2)

    @cached_property
    def repairs(self) -> tuple:
        """The repairs behind ``view`` (empty for an undamaged draft)."""
        return tuple(self._repairer(self)) if self._repairer else ()

    @cached_property
    def edits(self) -> tuple[Edit, ...]:
        return tuple((r.start, r.end, r.replacement) if hasattr(r, "kind") else tuple(r)
                     for r in self.repairs)

    @cached_property
    def view(self) -> TextView:
        if not self.edits:
            return TextView.identity(self.text, self.locate)
        return TextView.edited(self.text, self.locate, self.edits)

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.view, self._vocabulary)

    @cached_property
    def profile(self) -> Profile:
        """What kind of notice this is (genre, term, dispatcher …), decided once for every rule."""
        return detect(self.outline, self.declared_genre)


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


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
