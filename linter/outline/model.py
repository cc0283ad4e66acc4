"""The outline of a notice, parsed once from the view: title, header, headings, closing block."""

from __future__ import annotations

import datetime
import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, islice, repeat
from operator import add, sub

from ..cached_property import cached_property
from ..lines import Lines
from ..textview import TextView
from . import closing, header, headings, measures
from .date_mentions import DateMention, infer_years, scan_dates
from .elements import (
    ContactBlock,
    CountPhrase,
    DocNumber,
    Heading,
    Paragraph,
    Period,
    Rate,
    Section,
    Signature,
    Supervision,
    Title,
    ViewParagraph,
)
from .vocabulary import Vocabulary, builtin_vocabulary

_PAD = " \t\u3000\ufeff\u200b"  # what a paragraph's text is stripped of
_LARGE = 1 << 20  # characters: past this, paragraphs read their text from the view
# below this many characters, a notice's sentence stops are sorted as a list; above it, merged
# from their sorted runs into 8 bytes each (a list of a large draft's stops took 36 bytes each)
_SORTED_STOPS = 200_000
# below this many characters, a sentence's ends are looked for around it by str.rfind and
# str.find, each within its line: a notice asks for a few dozen sentences, and a table of every
# stop cost more to build than all of them (the bound keeps a long line's scans short)
_LOOKED_AROUND = 16_000
# what `parse` reads by default: every part of the notice (a rule names the ones it reads, see
# hookspecs.py); the sentence and line helpers stay lazy
PARTS = ("paragraphs", "issuer_mark", "doc_number", "title", "preamble", "headings", "sections",
          "signature", "body_paragraphs", "supervision", "contact", "period", "dates", "counts",
          "rates")


class Outline:
    """Every structural part of a notice, each parsed on first use and then kept.

    The parts are read on the repaired view (``view``, ``text``); each element's ``start`` and
    ``end`` are offsets of the original text (``document.locate`` takes them), its ``view_*``
    offsets those of the view (``view.locate`` takes them). The sentence and line helpers below
    speak in view offsets."""

    PARTS = PARTS   # the parts `parse` can build, by name

    def __init__(self, view: TextView, vocabulary: Vocabulary | None = None) -> None:
        self.view = view
        self.text = view.text
        self.vocab = vocabulary or builtin_vocabulary()

    def parse(self, parts: Iterable[str] | None = None) -> Outline:
        """The parts named (every part of PARTS when None) parsed now, with what they are built
        from: the engine does this before any rule runs, for the parts the selected rules read,
        so a fault in the parser is one error for the file, not one per rule that reads the
        outline. A part not parsed now is parsed on first use."""
        for part in PARTS if parts is None else parts:
            getattr(self, part)
        return self

    # -- paragraphs and header ---------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        out: list[Paragraph] = []
        append = out.append
        at = 0
        view = self.text
        identity = self.view.is_identity
        to_original, to_original_end = self.view.to_original, self.view.to_original_end
        if len(view) > _LARGE:
            # a large draft's lines one at a time, and its paragraphs without a copy of their text
            for line in Lines(view, self.view.line_starts):
                text = line.strip(_PAD)
                if text:
                    start = at + len(line) - len(line.lstrip(_PAD))
                    end = start + len(text)
                    o_start, o_end = (start, end) if identity else (to_original(start),
                                                                    to_original_end(end))
                    append(ViewParagraph(view, len(out), o_start, o_end, start, end))
                at += len(line) + 1
            return tuple(out)
        # the hottest loop of the outline: locals, and no work for an empty line
        pad = _PAD
        index = 0
        for line in view.split("\n"):
            size = len(line)
            if size:
                text = line.strip(pad)
                if text:
                    if text is line:  # nothing stripped (str.strip returns the line itself)
                        start, end = at, at + size
                    else:
                        start = at + size - len(line.lstrip(pad))
                        end = start + len(text)
                    if identity:
                        append(Paragraph(index, start, end, text, start, end))
                    else:
                        append(Paragraph(index, to_original(start), to_original_end(end),
                                         text, start, end))
                    index += 1
            at += size + 1
        return tuple(out)

    @cached_property
    def _header(self) -> header.Header:
        return header.parse_header(self.paragraphs, self.vocab, self.heading_of,
                                   lambda: self._closing_paragraphs)

    @property
    def issuer_mark(self) -> Paragraph | None:
        return self._header.issuer_mark

    @property
    def doc_number(self) -> DocNumber | None:
        return self._header.doc_number

    @property
    def title(self) -> Title | None:
        return self._header.title

    @property
    def preamble(self) -> Paragraph | None:
        return self._header.preamble

    @property
    def body_start(self) -> int:
        """Index of the first paragraph after the header (the preamble, when there is one)."""
        return self._header.body_start

    # -- headings ------------------------------------------------------------------------------

    def heading_of(self, p: Paragraph) -> Heading | None:
        return self._heading_cache.get(p.index)

    @cached_property
    def _heading_cache(self) -> dict[int, Heading]:
        return headings.find_headings(self.paragraphs, self.vocab)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        start = self.body_start
        end = self._closing_start
        return tuple(h for i, h in sorted(self._heading_cache.items()) if start <= i < end)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        end = (self.paragraphs[self._closing_start].view_start
               if self._closing_start < len(self.paragraphs) else len(self.text))
        return headings.sections(self.headings, end, self.view.to_original)

    # -- closing block: supervision, contact, period, signature ---------------------------------

    @cached_property
    def _closing_start(self) -> int:
        """Index of the first paragraph of the closing block (after the last part's body)."""
        return closing.closing_start(self.paragraphs, self.signature, self.vocab)

    @cached_property
    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs between the preamble and the closing block (the parts' text)."""
        first = self.body_start + (1 if self.preamble is not None else 0)
        return self.paragraphs[first:max(first, self._closing_start)]

    @cached_property
    def _closing_paragraphs(self) -> frozenset[Paragraph]:
        return frozenset(self.paragraphs[self._closing_start:])

    @cached_property
    def view_supervision(self) -> tuple[int, int] | None:
        """The view span of the supervision sentence ("欢迎广大干部群众…监督")."""
        return closing.supervision(self.text, self.headings, self.vocab, self.sentence_around)

    @cached_property
    def supervision(self) -> Supervision | None:
        """The supervision sentence ("欢迎广大干部群众…监督"), the last one written."""
        span = self.view_supervision
        if span is None:
            return None
        start, end = span
        return Supervision(self.view.to_original(start), self.view.to_original_end(end),
                           start, end)

    @cached_property
    def contact(self) -> ContactBlock | None:
        tops = [h for h in self.headings if h.level == 1]
        first = tops[-1].paragraph.index + 1 if tops else self.body_start
        return closing.contact(self.paragraphs[first:], self.heading_of, self.vocab, self.view)

    @cached_property
    def period(self) -> Period | None:
        return closing.period(self.text, self.dates, self.vocab, self.view)

    @cached_property
    def signature(self) -> Signature:
        return closing.signature(self.paragraphs, self._raw_dates, self.vocab)

    @property
    def notice_date(self) -> datetime.date | None:
        """The notice's own date (成文日期, from the signature)."""
        date = self.signature.date
        return date.date if date is not None else None

    # -- dates, counts, sentences ---------------------------------------------------------------

    @cached_property
    def _scanned_dates(self) -> list[DateMention]:
        found = scan_dates(self.text)
        if self.view.is_identity:
            return found
        to_original, to_original_end = self.view.to_original, self.view.to_original_end
        return [d._replace(start=to_original(d.view_start), end=to_original_end(d.view_end))
                for d in found]

    @cached_property
    def _raw_dates(self) -> tuple[DateMention, ...]:
        return infer_years(self.text, self._scanned_dates, None)

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        """Every date, implied years filled from the text before it or the notice's own year."""
        sig = self.signature.date
        default = sig.year if sig is not None else None
        if default is None:
            return self._raw_dates
        return infer_years(self.text, self._scanned_dates, default)

    @cached_property
    def counts(self) -> tuple[CountPhrase, ...]:
        """Every number with a measure word: 25个问题, 十二个, 两个, 138项整改措施."""
        return measures.counts(self.view, self.vocab)

    @cached_property
    def rates(self) -> tuple[Rate, ...]:
        """Every percentage (76%, 98.71 ％)."""
        return measures.rates(self.view)

    @cached_property
    def _stops(self) -> array:
        """Offsets of every sentence end (。！？) and line break, for sentence_around: merged in
        order from sorted runs, 8 bytes each (a sorted list of them took 36)."""
        text = self.text
        breaks = map(sub, islice(self.line_starts, 1, None), repeat(1))
        if len(text) < _SORTED_STOPS:
            # a notice's few hundred stops: each mark's offsets summed from the lengths of the
            # pieces between them, and sorted, at C speed (several times cheaper than a merge
            # in Python; the list is small)
            marks = [_offsets(text.split(mark)) for mark in "。！？" if mark in text]
            return array("q", sorted(chain(breaks, *marks)))
        marks = [measures.positions(text, mark) for mark in "。！？" if mark in text]
        return array("q", heapq.merge(breaks, *marks))

    @cached_property
    def _marks_written(self) -> str:
        """The sentence ends (。！？) the text holds: only those are looked for around an offset."""
        return "".join(mark for mark in "。！？" if mark in self.text)

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding view `offset` starts (sentence_around's start)."""
        text = self.text
        if len(text) < _LOOKED_AROUND:
            last = text.rfind("\n", 0, offset)  # _stop_before, inline: a count asks this
            for mark in self._marks_written:
                i = text.rfind(mark, last + 1, offset)
                if i > last:
                    last = i
            return last + 1
        stops = self._stops
        i = bisect_left(stops, offset)
        return stops[i - 1] + 1 if i > 0 else 0

    def sentence_around(self, offset: int) -> tuple[int, int]:
        """The sentence holding view `offset`: from after the previous 。！？ or line break to the
        next one (the 。 included), in view offsets."""
        text = self.text
        if len(text) < _LOOKED_AROUND:
            marks = self._marks_written
            start, end = _stop_before(text, offset, marks) + 1, _stop_from(text, offset, marks)
        else:
            stops = self._stops
            i = bisect_left(stops, offset)
            start = stops[i - 1] + 1 if i > 0 else 0
            end = stops[i] if i < len(stops) else len(text)
        if end < len(text) and text[end] != "\n":
            end += 1
        return start, end

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """Offsets where each line of the view starts."""
        return self.view.line_starts

    def line_index(self, offset: int) -> int:
        """0-based index of the view line holding view `offset`."""
        return bisect_right(self.line_starts, offset) - 1


def _offsets(pieces: list[str]) -> Iterable[int]:
    """The offsets of the separator a text was split on, from the lengths of its pieces."""
    return islice(accumulate(map(add, map(len, pieces), repeat(1)), initial=-1), 1, len(pieces))


def _stop_before(text: str, offset: int, marks: str) -> int:
    """The offset of the last of `marks` or line break before `offset`; -1 when there is none."""
    last = text.rfind("\n", 0, offset)
    for mark in marks:
        i = text.rfind(mark, last + 1, offset)
        if i > last:
            last = i
    return last


def _stop_from(text: str, offset: int, marks: str) -> int:
    """The offset of the first of `marks` or line break at or after `offset`; len(text) when
    there is none."""
    first = text.find("\n", offset)
    if first < 0:
        first = len(text)
    for mark in marks:
        i = text.find(mark, offset, first)
        if i >= 0:
            first = i
    return first
