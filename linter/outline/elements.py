"""The parts of a notice the outline finds, each with its span in the original text.

Every element carries ``start`` and ``end``: offsets of the document's original text, the
coordinates of ``document.text``, ``document.position`` and ``document.locate``, so a rule that
reads the outline reports the line and column the user sees, even on a draft the view repaired.
The offsets of the repaired view, which the built-in rules read text at, are named ``view_*``:
pass those to ``document.view.locate``, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

import regex

from ..record import Record
from .date_mentions import DateMention


class Paragraph:
    """A non-empty line of the view; offsets exclude surrounding whitespace.

    ``index``; ``start``, ``end`` in the original text; ``text`` as the view reads it;
    ``view_start``, ``view_end``. Compared, hashed and unpacked as the tuple of these six."""

    __slots__ = ("end", "index", "start", "text", "view_end", "view_start")

    def __init__(self, index: int, start: int, end: int, text: str, view_start: int,
                 view_end: int) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.view_start = view_start
        self.view_end = view_end

    def _values(self) -> tuple[int, int, int, str, int, int]:
        return self.index, self.start, self.end, self.text, self.view_start, self.view_end

    def __iter__(self) -> Iterator:
        return iter(self._values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Paragraph):
            return NotImplemented
        return self is other or self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.index, self.start, self.end, self.view_start, self.view_end))

    def __repr__(self) -> str:
        return (f"Paragraph(index={self.index}, start={self.start}, end={self.end}, "
                f"text={self.text!r}, view_start={self.view_start}, view_end={self.view_end})")


class ViewParagraph(Paragraph):
    """A paragraph of a large draft: its text is cut out of the view each time it is read (a
    stripped copy of every line held a 50 MB draft twice over)."""

    __slots__ = ("_view",)

    def __init__(self, view_text: str, index: int, start: int, end: int, view_start: int,
                 view_end: int) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.view_start = view_start
        self.view_end = view_end
        self._view = view_text

    @property
    def text(self) -> str:
        return self._view[self.view_start:self.view_end]


class Title(Record):
    paragraphs: tuple[Paragraph, ...]
    text: str          # the lines joined, as written
    organ: str         # the issuing organ named before 关于 (spaces removed)

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end

    @property
    def view_start(self) -> int:
        return self.paragraphs[0].view_start

    @property
    def view_end(self) -> int:
        return self.paragraphs[-1].view_end


class DocNumber(Record):
    paragraph: Paragraph
    match: regex.Match   # on the paragraph's text

    @property
    def brackets(self) -> str:
        return self.match["open"] + self.match["close"]


class Heading(Record):
    level: int           # 1 一、  2 （一）  3 1.  4 （1）
    number: int
    paragraph: Paragraph
    marker: str          # the marker as written, spaces included: "(二) "
    opening: str         # the opening bracket ("" for levels 1 and 3)
    closing: str
    punct: str           # what follows the number or bracket: "、", ".", "" …
    space: str           # whitespace after the marker
    title: str           # the heading's text up to the first 。
    view_title_start: int
    view_title_end: int
    inline: bool         # body text follows the heading on the same line

    # the paragraph's offsets, read by a C-level getter: several rules read them for every
    # heading, and a Python property's frame cost more than the lookup itself
    start = property(attrgetter("paragraph.start"), doc="The paragraph's start (original text).")
    end = property(attrgetter("paragraph.end"), doc="The paragraph's end (original text).")
    view_start = property(attrgetter("paragraph.view_start"), doc="The paragraph's start (view).")

    @property
    def view_marker_end(self) -> int:
        return self.paragraph.view_start + len(self.marker)


class Section(Record):
    """A top-level part (一、二、三…) and everything until the next one."""

    heading: Heading
    start: int
    end: int
    headings: tuple[Heading, ...]   # the headings inside, the part's own excluded
    view_start: int
    view_end: int


class ContactField(Record):
    kind: str            # phone, address, postcode, email
    label: str
    value: str
    start: int           # the label's start and the value's end, in the original text
    end: int
    view_label_start: int
    view_value_start: int
    view_value_end: int


class ContactBlock(Record):
    fields: tuple[ContactField, ...]

    def of(self, kind: str) -> tuple[ContactField, ...]:
        return tuple(f for f in self.fields if f.kind == kind)

    @property
    def start(self) -> int:
        return self.fields[0].start

    @property
    def end(self) -> int:
        return self.fields[-1].end

    @property
    def view_start(self) -> int:
        return self.fields[0].view_label_start

    @property
    def view_end(self) -> int:
        return self.fields[-1].view_value_end


class Period(Record):
    label: str
    first: DateMention | None        # the start date
    last: DateMention | None         # the end date
    duration: tuple[int, str] | None  # "30天" → (30, "天")
    start: int                       # the label's start and the statement's end (original)
    end: int
    view_label_start: int
    view_label_end: int
    view_end: int                    # end of the statement


class Signature(Record):
    organ: Paragraph | None
    organ_name: str | None
    date: DateMention | None
    date_paragraph: Paragraph | None


class CountPhrase(Record):
    value: int
    unit: str            # 个 项 件 …
    noun: str            # what follows: 问题, 方面, 整改措施 … ("" when nothing does)
    start: int
    end: int
    view_start: int
    view_end: int


class Rate(Record):
    value: float
    decimals: int
    start: int
    end: int
    view_start: int
    view_end: int


class Supervision(Record):
    """The supervision sentence ("欢迎广大干部群众…监督")."""

    start: int
    end: int
    view_start: int
    view_end: int
