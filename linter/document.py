"""A draft read once: its bytes, its decoded text, lines, positions, the view rules read, the outline."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial

from .cached_property import cached_property
from .finding import Span
from .input.decoding import Decoded, decode
from .lines import Lines, line_starts
from .outline import Outline, Vocabulary
from .profile import Profile, detect
from .repairs import find_repairs
from .textview import Edit, TextView

# Codecs whose strict decoding is one to one (GB18030 is not: some characters have two byte
# sequences). Bytes decoded by one of them are not kept, past a size where that matters.
_ONE_TO_ONE = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
_KEPT = 1 << 16
_REENCODED = object()

# the repairs behind the view: objects with start, end and replacement (see linter.repairs), or
# plain (start, end, replacement) edits
Repairer = Callable[["Document"], list]


def default_repairs(document: Document) -> list:
    """Every repair :mod:`linter.repairs` finds in the document's text."""
    return find_repairs(document.text, document.kind, document.line_starts)


class Document:
    """The read-only model every rule receives.

    - ``text``: the whole text, line endings normalised to ``\\n`` (offsets index into it);
    - ``position(offset)``: 1-based ``(line, column)``, columns in code points;
    - ``view``: the text the built-in rules read: the original, or a repaired copy when the draft
      was damaged on its way (pinyin annotations, traditional characters …), mapping back;
    - ``outline``: title, headings, contact block, disclosure period, signature, dates, counts,
      each element with ``start``/``end`` in ``text`` (so ``locate(heading.start)`` is the line
      the user sees) and its offsets in the view named ``view_*``;
    - ``profile``: the kind of notice (中央巡视, 县委巡察 …) and the evidence it was decided from.

    The view is repaired by default (:func:`linter.repairs.find_repairs`); ``repairer=None``
    reads the text as it is, and a callable gives other repairs.
    """

    def __init__(self, path: str, decoded: Decoded, *, kind: str = "text",
                 data: bytes | None = None, repairer: Repairer | None = default_repairs,
                 vocabulary: Vocabulary | None = None) -> None:
        self.path = path
        self.kind = kind                    # text, markdown or docx
        self.text = _normalise_newlines(decoded.text)
        # A large draft whose every line ends in CRLF is not held twice, with and without the
        # CRs: its raw text is the text with them put back, when a fix asks for it.
        self._crlf = self.text is not decoded.text and len(self.text) > _KEPT \
            and _all_crlf(decoded.text, len(decoded.text) - len(self.text))
        self._decoded = decoded._replace(text="") if self._crlf else decoded
        self.data = data                    # the bytes as read (None for a docx)
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
    def raw_text(self) -> str:
        """The text with its line endings as in the file."""
        return self.text.replace("\n", "\r\n") if self._crlf else self._decoded.text

    @property
    def decoded(self) -> Decoded:
        """The raw text, the encoding it was read in and its BOM."""
        return self._decoded._replace(text=self.raw_text) if self._crlf else self._decoded

    @property
    def data(self) -> bytes | None:
        """The bytes as read (None for a docx or a text given as such)."""
        if self._data is _REENCODED:
            # strict decoding in these encodings is one to one: the text encoded again is the
            # very bytes read (a 50 MB draft need not be held twice, as bytes and as text)
            return self._decoded.bom + self.raw_text.encode(self._decoded.encoding)
        return self._data

    @data.setter
    def data(self, data: bytes | None) -> None:
        self._data = _REENCODED if (data is not None and len(data) > _KEPT
                                    and self._decoded.encoding in _ONE_TO_ONE) else data

    @property
    def encoding(self) -> str:
        return self._decoded.label

    @cached_property
    def line_starts(self) -> Sequence[int]:
        return line_starts(self.text)

    @cached_property
    def lines(self) -> Lines:
        """The lines of ``text`` (as ``text.split("\\n")``), each cut out when asked for."""
        return Lines(self.text, self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``text``."""
        return _position(self.line_starts, len(self.text), offset)

    def paragraph_number(self, line: int) -> int:
        """The 1-based paragraph (as Word counts them in a .docx) that holds 1-based `line`:
        the line itself, as long as each paragraph is one line."""
        return line

    def locate(self, start: int, end: int | None = None) -> Span:
        return _locate(self.line_starts, len(self.text), start, end)

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
        # the view maps back through a function of the line table, not the document's bound
        # method: that made every document a reference cycle, freed only by the garbage
        # collector (whose passes over a run's young objects cost 1.5% of its instructions)
        locate = partial(_locate, self.line_starts, len(self.text))
        if not self.edits:
            return TextView.identity(self.text, locate, self.line_starts)
        return TextView.edited(self.text, locate, self.edits)

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.view, self._vocabulary)

    def parse(self) -> Document:
        """The view, every part of the outline and the profile, built now rather than on first
        use (the engine calls this before the rules run)."""
        self.outline.parse()
        _ = self.profile
        return self

    @cached_property
    def profile(self) -> Profile:
        """What kind of notice this is (genre, term, dispatcher …), decided once for every rule."""
        return detect(self.outline, self.declared_genre)


def _position(line_starts: Sequence[int], size: int, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, size))
    index = bisect_right(line_starts, offset) - 1
    return index + 1, offset - line_starts[index] + 1


def _locate(line_starts: Sequence[int], size: int, start: int, end: int | None = None) -> Span:
    end = start + 1 if end is None else max(end, start)
    line, column = _position(line_starts, size, start)
    end_line, end_column = _position(line_starts, size, end)
    if end == start:
        end_column = column + 1
    return Span(line, column, end_line, end_column)


def _all_crlf(raw: str, pairs: int) -> bool:
    """Whether every line break of `raw` is a CRLF, given how many CRLFs normalising found."""
    return raw.count("\n") == pairs and raw.count("\r") == pairs


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
