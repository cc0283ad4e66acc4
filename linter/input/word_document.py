"""A Word draft as a Document: its paragraphs joined as lines, the body's outline apart from the
headers, footers and text boxes after it, and Word's paragraph of each line."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..cached_property import cached_property
from ..document import Document
from ..outline import Outline
from ..record import Record
from ..repairs import find_repairs
from .decoding import Decoded
from .word_review import Comment, malformed
from .word_text import DocxParagraph


class WordText(Record):
    """The paragraphs of a Word document joined by "\\n": the body's, then the others'."""

    text: str
    paragraph_lines: tuple[int, ...]     # the 1-based line each paragraph starts on
    paragraph_offsets: tuple[int, ...]   # where each paragraph starts in `text`
    places: tuple[str, ...]              # body, textbox, header or footer, per paragraph
    body_end: int                        # where the body's text ends in `text`
    changes: tuple[int, ...]             # offsets of the pending tracked changes
    comment_ranges: dict[str, tuple[int, int]]   # comments' ranges: id -> (start, end)
    comments: tuple[Comment, ...] = ()   # the comments on the text, with their range


def join(paragraphs: Sequence[DocxParagraph], body: int) -> WordText:
    """`paragraphs` (the first `body` of them the body's) as one text."""
    pieces: list[str] = []
    lines: list[int] = []
    offsets: list[int] = []
    changes: list[int] = []
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    offset, line, body_end = 0, 1, 0
    for index, dp in enumerate(paragraphs):
        # a carriage return in a w:t is a line break too (the document reads it so): one for one,
        # so the runs' offsets stay right
        text = dp.text.replace("\r", "\n")
        lines.append(line)
        offsets.append(offset)
        changes += [offset + c for c in dp.changes]
        for cid, at in dp.comment_starts:
            starts.setdefault(cid, offset + at)
        for cid, at in dp.comment_ends:
            ends[cid] = offset + at
        pieces.append(text)
        offset += len(text) + 1
        line += text.count("\n") + 1
        if index == body - 1:
            body_end = offset - 1
    ranges = {cid: (start, max(ends.get(cid, start), start)) for cid, start in starts.items()}
    return WordText("\n".join(pieces), tuple(lines), tuple(offsets),
                    tuple(dp.place for dp in paragraphs), body_end, tuple(changes), ranges)


def word_repairs(document: WordDocument) -> list:
    """The repairs of a plain text draft (a PDF pasted into Word breaks its lines as in a .txt),
    none reaching from the body into the headers and footers after it."""
    end = document.word.body_end
    return [r for r in find_repairs(document.text, "text", document.line_starts)
            if not (r.start <= end < r.end) or end >= len(document.text)]


_DEFAULT = object()


class WordDocument(Document):
    """A .docx read as Word shows it (see :mod:`linter.input.word_text`).

    Lines are the paragraphs' lines: a paragraph with soft line breaks spans several, so
    ``paragraph_number(line)`` names Word's paragraph. The body comes first; the text boxes,
    headers and footers follow it as paragraphs of their own, linted like the body but kept out
    of the outline (a page number in a footer is not the notice's last line)."""

    def __init__(self, path: str, word: WordText, *, repairer=_DEFAULT, **kwargs) -> None:
        self.word = word
        super().__init__(path, Decoded(word.text, "docx", b""), kind="docx", data=None,
                         repairer=word_repairs if repairer is _DEFAULT else repairer, **kwargs)

    def paragraph_number(self, line: int) -> int:
        """The 1-based Word paragraph holding 1-based `line` (body paragraphs first, then the
        text boxes, headers and footers, numbered on)."""
        return max(1, bisect_right(self.word.paragraph_lines, line))

    def place_of(self, line: int) -> str:
        """body, textbox, header or footer: where the paragraph of `line` lies."""
        return self.word.places[self.paragraph_number(line) - 1]

    @property
    def tracked_changes(self) -> tuple[int, ...]:
        """Offsets in ``text`` of the tracked changes not yet accepted or rejected."""
        return self.word.changes

    @cached_property
    def unreadable_comments(self) -> tuple[Comment, ...]:
        """Comments that start like a reviewer's ignore but cannot be read as one."""
        return tuple(c for c in self.word.comments if malformed(c))

    @cached_property
    def outline(self) -> Outline:
        return _BodyOutline(self.view, self._vocabulary, self.word.body_end)


class _BodyOutline(Outline):
    """The outline of the body alone: the paragraphs after it (text boxes, headers, footers)
    are no part of the notice's structure."""

    def __init__(self, view, vocabulary, body_end: int) -> None:
        super().__init__(view, vocabulary)
        self._body_end = body_end

    @cached_property
    def paragraphs(self):
        whole = super().paragraphs
        if not whole or whole[-1].start < self._body_end:
            return whole
        return tuple(p for p in whole if p.start < self._body_end)
