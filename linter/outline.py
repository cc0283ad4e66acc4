"""The outline of a notice, parsed once from the view: title, header, headings, closing block."""

from __future__ import annotations

import datetime
import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import islice
from typing import NamedTuple

import regex

from . import data
from .cached import cached_property
from .dates import DateMention, infer_years, is_whole_date, scan_dates
from .numerals import to_int
from .patterns import shipped_pattern
from .textview import TextView

# GB/T 9704-2012 §7.3.3: 一、 → （一） → 1. → （1）; the wrong forms are parsed so rules can flag them
_CN = "一二三四五六七八九十"
_HEADING_RE = shipped_pattern(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})(?P<p1>[、，,．.:：]|[ \t\u3000]+(?=\S)))"
    rf"|(?P<l2>(?P<o2>[（(［\[])[ \t\u3000]*(?P<n2>[{_CN}]{{1,3}})[ \t\u3000]*(?P<c2>[）)］\]])"
    rf"(?P<p2>[、，,．.:：]?))"
    rf"|(?P<l4>(?P<o4>[（(])[ \t\u3000]*(?P<n4>[0-9０-９]{{1,2}})[ \t\u3000]*(?P<c4>[）)])"
    rf"(?P<p4>[、，,．.]?))"
    rf"|(?P<l3>(?P<n3>[0-9０-９]{{1,2}})(?P<p3>[.．、，,])(?![0-9０-９]))"
)
_SPACE_RE = shipped_pattern(r"[ \t\u3000]*")
_PAD = " \t\u3000\ufeff\u200b"  # what a paragraph's text is stripped of
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_CN_NUMERALS = frozenset("一二两三四五六七八九十百千零〇")
_SPACES = frozenset(" \t\u3000")
_BEFORE_UNIT = _DIGITS | _CN_NUMERALS | _SPACES
_HEADING_FIRST = frozenset("一二三四五六七八九十（(［[0123456789０１２３４５６７８９")
_SENTENCE_RE = shipped_pattern(r"[^。！？!?；;\n]+[。！？!?；;]?")
_SENTENCE_PUNCT = shipped_pattern(r"[。：:；;，,]")
_RATE_NUMBER = shipped_pattern(r"[0-9]+(?:\.([0-9]+))?")
_RATE_CHARS = frozenset("0123456789.")
# matched at the end of a period label (公开期限：30个工作日)
_DURATION_RE = shipped_pattern(r"[^。；;\n]{0,6}?(?P<n>[0-9０-９]+|[一二两三四五六七八九十]+)\s*个?"
                             r"(?P<unit>工作日|自然日|天|日)")


class Paragraph(NamedTuple):
    """A non-empty line of the view; offsets exclude surrounding whitespace."""

    index: int
    start: int
    end: int
    text: str


class Title(NamedTuple):
    paragraphs: tuple[Paragraph, ...]
    text: str          # the lines joined, as written
    organ: str         # the issuing organ named before 关于 (spaces removed)

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end


class DocNumber(NamedTuple):
    paragraph: Paragraph
    match: regex.Match

    @property
    def brackets(self) -> str:
        return self.match["open"] + self.match["close"]


class Heading(NamedTuple):
    level: int           # 1 一、  2 （一）  3 1.  4 （1）
    number: int
    paragraph: Paragraph
    marker: str          # the marker as written, spaces included: "(二) "
    opening: str         # the opening bracket ("" for levels 1 and 3)
    closing: str
    punct: str           # what follows the number or bracket: "、", ".", "" …
    space: str           # whitespace after the marker
    title: str           # the heading's text up to the first 。
    title_start: int
    title_end: int
    inline: bool         # body text follows the heading on the same line

    @property
    def start(self) -> int:
        return self.paragraph.start

    @property
    def marker_end(self) -> int:
        return self.paragraph.start + len(self.marker)


class Section(NamedTuple):
    """A top-level part (一、二、三…) and everything until the next one."""

    heading: Heading
    start: int
    end: int
    headings: tuple[Heading, ...]   # the headings inside, the part's own excluded


class ContactField(NamedTuple):
    kind: str            # phone, address, postcode, email
    label: str
    label_start: int
    value: str
    value_start: int
    value_end: int


class ContactBlock(NamedTuple):
    fields: tuple[ContactField, ...]

    def of(self, kind: str) -> tuple[ContactField, ...]:
        return tuple(f for f in self.fields if f.kind == kind)

    @property
    def start(self) -> int:
        return self.fields[0].label_start

    @property
    def end(self) -> int:
        return self.fields[-1].value_end


class Period(NamedTuple):
    label: str
    label_start: int
    label_end: int
    end: int                         # end of the statement
    first: DateMention | None        # the start date
    last: DateMention | None         # the end date
    duration: tuple[int, str] | None  # "30天" → (30, "天")


class Signature(NamedTuple):
    organ: Paragraph | None
    organ_name: str | None
    date: DateMention | None
    date_paragraph: Paragraph | None


class CountPhrase(NamedTuple):
    start: int
    end: int
    value: int
    unit: str            # 个 项 件 …
    noun: str            # what follows: 问题, 方面, 整改措施 … ("" when nothing does)


class Rate(NamedTuple):
    start: int
    end: int
    value: float
    decimals: int


class Vocabulary:
    """The compiled patterns of configs/outline.yaml (built once per process)."""

    def __init__(self, spec: dict) -> None:
        self.issuer_mark = shipped_pattern(spec["issuer_mark"])
        self.doc_number = shipped_pattern(spec["doc_number"])
        self.title_keywords = shipped_pattern(spec["title_keywords"])
        self.preamble_start = shipped_pattern(spec["preamble_start"])
        self.short_line = int(spec["short_line"])
        self.supervision = shipped_pattern(spec["supervision"])
        labels = []
        for kind, words in spec["contact_labels"].items():
            for word in words:
                labels.append((kind, word))
        labels.sort(key=lambda kw: -len(kw[1]))
        alternation = "|".join(f"(?P<{kind}_{i}>{word})" for i, (kind, word) in enumerate(labels))
        self.contact_label = shipped_pattern(
            rf"(?:{alternation})(?P<sep>[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]*(?=[0-9０-９A-Za-z]))")
        self.contact_kinds = {f"{kind}_{i}": kind for i, (kind, _) in enumerate(labels)}
        self._label_kinds: dict[str, str] = {}   # label as written → kind, learnt as met
        # a cheap first look: the last two characters of every label
        tails = sorted({word if word.isascii() else word[-2:] for _, word in labels})
        self.contact_hint = shipped_pattern("|".join(tails))
        periods = sorted(spec["period_labels"], key=len, reverse=True)
        self.period_label = shipped_pattern(
            rf"(?P<label>{'|'.join(periods)})[ \t\u3000]*(?:为|是|自|从)?[ \t\u3000]*[:：]?[ \t\u3000]*")
        self.signature_organ = shipped_pattern(spec["signature_organ"])
        # a measure word with a number or a space just before it (各个, 这项 have none)
        before = re.escape("".join(sorted(_BEFORE_UNIT)))
        self.count_units = shipped_pattern(f"[{before}](?P<unit>{spec['count_units']})")
        self.count_noun = shipped_pattern(spec["count_nouns"])


    def kind_of(self, m) -> str:
        """The kind of contact a contact_label match names (phone, address …)."""
        label = m.string[m.start():m.start("sep")]
        kind = self._label_kinds.get(label)
        if kind is None:
            group = next(k for k, v in m.groupdict().items() if v is not None and k != "sep")
            kind = self._label_kinds[label] = self.contact_kinds[group]
        return kind


@cache
def builtin_vocabulary() -> Vocabulary:
    return Vocabulary(data.builtin("outline.yaml"))


class Outline:
    """Every structural part of a notice, each parsed on first use and then kept."""

    def __init__(self, view: TextView, vocabulary: Vocabulary | None = None) -> None:
        self.view = view
        self.text = view.text
        self.vocab = vocabulary or builtin_vocabulary()

    # -- paragraphs and header ---------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        out = []
        at = 0
        for line in self.text.split("\n"):
            text = line.strip(_PAD)
            if text:
                start = at + len(line) - len(line.lstrip(_PAD))
                out.append(Paragraph(len(out), start, start + len(text), text))
            at += len(line) + 1
        return tuple(out)

    @cached_property
    def _header(self) -> tuple:
        """(issuer mark, doc number, title, preamble, index of the first body paragraph)."""
        vocab = self.vocab
        issuer = number = preamble = None
        title_lines: list[Paragraph] = []
        index = 0
        paragraphs = self.paragraphs
        while index < len(paragraphs) and index < 8:
            p = paragraphs[index]
            if self.heading_of(p) is not None:
                break
            if issuer is None and not title_lines and vocab.issuer_mark.match(p.text):
                issuer = p
            elif number is None and vocab.doc_number.match(p.text):
                number = DocNumber(p, vocab.doc_number.match(p.text))
            elif (len(p.text) <= vocab.short_line and "。" not in p.text and len(title_lines) < 3
                  and not vocab.preamble_start.match(p.text)):
                title_lines.append(p)
            else:
                break
            index += 1
        title = None
        if title_lines:
            joined = "".join(p.text for p in title_lines)
            if vocab.title_keywords.search(joined):
                title = Title(tuple(title_lines), joined, _organ_of(title_lines))
            else:
                index -= len(title_lines)
        if index < len(paragraphs) and self.heading_of(paragraphs[index]) is None:
            candidate = paragraphs[index]
            if candidate not in self._closing_paragraphs:
                preamble = candidate
        return issuer, number, title, preamble, index

    @property
    def issuer_mark(self) -> Paragraph | None:
        return self._header[0]

    @property
    def doc_number(self) -> DocNumber | None:
        return self._header[1]

    @property
    def title(self) -> Title | None:
        return self._header[2]

    @property
    def preamble(self) -> Paragraph | None:
        return self._header[3]

    @property
    def body_start(self) -> int:
        """Index of the first paragraph after the header (the preamble, when there is one)."""
        return self._header[4]

    # -- headings ------------------------------------------------------------------------------

    def heading_of(self, p: Paragraph) -> Heading | None:
        return self._heading_cache.get(p.index)

    @cached_property
    def _heading_cache(self) -> dict[int, Heading]:
        found = {}
        for p in self.paragraphs:
            if p.text[0] not in _HEADING_FIRST:
                continue
            h = _parse_heading(p)
            if h is not None:
                found[p.index] = h
        return found

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        start = self.body_start
        end = self._closing_start
        return tuple(h for i, h in sorted(self._heading_cache.items()) if start <= i < end)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        tops = [h for h in self.headings if h.level == 1]
        out = []
        closing = (self.paragraphs[self._closing_start].start
                   if self._closing_start < len(self.paragraphs) else len(self.text))
        starts = [x.start for x in self.headings]
        for i, h in enumerate(tops):
            end = tops[i + 1].start if i + 1 < len(tops) else closing
            inner = self.headings[bisect_right(starts, h.start):bisect_left(starts, end)]
            out.append(Section(h, h.start, end, inner))
        return tuple(out)

    # -- closing block: supervision, contact, period, signature ---------------------------------

    @cached_property
    def _closing_start(self) -> int:
        """Index of the first paragraph of the closing block (after the last part's body)."""
        paragraphs = self.paragraphs
        index = len(paragraphs)
        sig = self.signature
        if sig.date_paragraph is not None:
            index = sig.date_paragraph.index
        if sig.organ is not None:
            index = min(index, sig.organ.index)
        while index > 0:
            p = paragraphs[index - 1]
            if _parse_heading(p) is not None:
                break
            if not self._is_closing_text(p):
                break
            index -= 1
        return index

    def _is_closing_text(self, p: Paragraph) -> bool:
        vocab = self.vocab
        return bool(vocab.contact_label.search(p.text) or vocab.period_label.search(p.text)
                    or (vocab.supervision.search(p.text) and len(p.text) < 200))

    @cached_property
    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs between the preamble and the closing block (the parts' text)."""
        first = self.body_start + (1 if self.preamble is not None else 0)
        return self.paragraphs[first:max(first, self._closing_start)]

    @cached_property
    def _closing_paragraphs(self) -> frozenset[Paragraph]:
        return frozenset(self.paragraphs[self._closing_start:])

    @cached_property
    def supervision(self) -> tuple[int, int] | None:
        """The span of the supervision sentence ("欢迎广大干部群众…监督"), the last one written."""
        last = None
        tops = [h for h in self.headings if h.level == 1]
        start = tops[-1].start if tops else 0  # it closes the notice: after the last part's head
        for m in self.vocab.supervision.finditer(self.text, start):
            last = m
        if last is None and start:
            for m in self.vocab.supervision.finditer(self.text, 0, start):
                last = m
        if last is None:
            return None
        return self.sentence_around(last.start())

    @cached_property
    def contact(self) -> ContactBlock | None:
        vocab = self.vocab
        tops = [h for h in self.headings if h.level == 1]
        first = tops[-1].paragraph.index + 1 if tops else self.body_start
        fields: list[ContactField] = []
        for p in self.paragraphs[first:]:
            if self.heading_of(p) is not None or not vocab.contact_hint.search(p.text):
                continue
            matches = list(vocab.contact_label.finditer(p.text))
            for i, m in enumerate(matches):
                kind = vocab.kind_of(m)
                stop = matches[i + 1].start() if i + 1 < len(matches) else len(p.text)
                if stop == m.end() and i + 1 < len(matches):
                    continue  # 联系方式：电话010-…: a label that introduces the fields after it
                value_start = m.end()
                stop = min(stop, value_start + 120)  # a value is short; never slice megabytes
                value = _cut_value(kind, p.text[value_start:stop])
                label = p.text[m.start():m.start("sep")]
                fields.append(ContactField(kind, label, p.start + m.start(), value,
                                           p.start + value_start,
                                           p.start + value_start + len(value)))
        return ContactBlock(tuple(fields)) if fields else None

    @cached_property
    def period(self) -> Period | None:
        found = None
        starts = [d.start for d in self.dates]
        for m in self.vocab.period_label.finditer(self.text):
            end = _statement_end(self.text, m.end())
            dates = self.dates[bisect_left(starts, m.end()):bisect_left(starts, end)]
            first = dates[0] if dates else None
            last = None
            if len(dates) > 1 and dates[1].range_start is not None:
                last = dates[1]
            duration = None
            d = _DURATION_RE.match(self.text, m.end(), end)
            if not dates and d:
                duration = (to_int(d["n"]) or 0, d["unit"])
            candidate = Period(m["label"], m.start(), m.end(), end, first, last, duration)
            if found is None or dates or duration:
                found = candidate
        return found

    @cached_property
    def signature(self) -> Signature:
        paragraphs = self.paragraphs
        if not paragraphs:
            return Signature(None, None, None, None)
        vocab = self.vocab
        last = paragraphs[-1]
        date = date_paragraph = organ = organ_name = None
        compact = last.text.replace(" ", "").replace("\u3000", "")
        whole = is_whole_date(compact)
        if whole:
            date_paragraph = last
            candidates = paragraphs[-2:-1]
        else:
            inline = _INLINE_SIGNATURE.fullmatch(last.text)
            if inline and vocab.signature_organ.search(inline["organ"]):
                date_paragraph = last
                organ, organ_name = last, inline["organ"]
                candidates = ()
            else:
                candidates = (last,)
        if date_paragraph is not None:
            found = [d for d in self._raw_dates if date_paragraph.start <= d.start
                     and d.end <= date_paragraph.end and d.year_given]
            date = found[-1] if found else None
        for p in candidates:
            if (len(p.text) <= 40 and not _parse_heading(p) and not _SENTENCE_PUNCT.search(p.text)
                    and vocab.signature_organ.search(p.text)
                    and not vocab.contact_label.search(p.text)):
                organ, organ_name = p, p.text
        return Signature(organ, organ_name, date, date_paragraph)

    @property
    def notice_date(self) -> datetime.date | None:
        """The notice's own date (成文日期, from the signature)."""
        date = self.signature.date
        return date.date if date is not None else None

    # -- dates, counts, sentences ---------------------------------------------------------------

    @cached_property
    def _scanned_dates(self) -> list[DateMention]:
        return scan_dates(self.text)

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
        """Every number with a measure word: 25个问题, 十二个, 两个, 138项整改措施.

        Read backwards from each measure word (they are what every count has, and rare enough),
        which is several times faster than a pattern tried at every position."""
        text = self.text
        nouns = self.vocab.count_noun
        out = []
        for m in self.vocab.count_units.finditer(text):
            unit_end = m.end()
            if text.startswith("月", unit_end):
                continue  # 3个月: a duration
            j = m.start("unit")
            if text[j - 1] in _SPACES:
                j = _run_before(text, j, _SPACES)
            k = j  # the runs are short: walked inline
            while k and text[k - 1] in _DIGITS:
                k -= 1
            if k == j:
                while k and text[k - 1] in _CN_NUMERALS:
                    k -= 1
                if k == j:
                    continue
            elif k and text[k - 1] == ".":
                continue  # 1.5个: not a count
            value = to_int(text[k:j])
            if value is None:
                continue
            noun = nouns.match(text, unit_end)
            if noun is None:
                out.append(CountPhrase(k, unit_end, value, m["unit"], ""))
            else:
                out.append(CountPhrase(k, noun.end(), value, m["unit"], noun.group()))
        return tuple(out)

    @cached_property
    def rates(self) -> tuple[Rate, ...]:
        """Every percentage (76%, 98.71 ％), read backwards from its sign: the signs are few."""
        text = self.text
        signs = sorted(i for sign in "%％" for i in _positions(text, sign))
        out = []
        for sign in signs:
            j = _run_before(text, sign, " \t")
            k = _run_before(text, j, _RATE_CHARS)
            number = _RATE_NUMBER.fullmatch(text, k, j) if k < j else None
            if number is not None:
                out.append(Rate(k, sign + 1, float(number.group()), len(number[1] or "")))
        return tuple(out)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return tuple((m.start(), m.end()) for m in _SENTENCE_RE.finditer(self.text))

    @cached_property
    def _stops(self) -> array:
        """Offsets of every sentence end (。！？) and line break, for sentence_around: merged in
        order from sorted runs, 8 bytes each (a sorted list of them took 36)."""
        text = self.text
        breaks = (start - 1 for start in islice(self.line_starts, 1, None))
        marks = [_positions(text, mark) for mark in "。！？" if mark in text]
        return array("q", heapq.merge(breaks, *marks))

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding `offset` starts (sentence_around's start)."""
        stops = self._stops
        i = bisect_left(stops, offset)
        return stops[i - 1] + 1 if i > 0 else 0

    def sentence_around(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset`: from after the previous 。！？ or line break to the next
        one (the 。 included)."""
        stops = self._stops
        i = bisect_left(stops, offset)
        start = stops[i - 1] + 1 if i > 0 else 0
        end = stops[i] if i < len(stops) else len(self.text)
        if end < len(self.text) and self.text[end] != "\n":
            end += 1
        return start, end

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """Offsets where each line of the view starts."""
        return self.view.line_starts

    def line_index(self, offset: int) -> int:
        """0-based index of the view line holding `offset`."""
        return bisect_right(self.line_starts, offset) - 1


_INLINE_SIGNATURE = shipped_pattern(
    r"(?P<organ>\S.{1,38}?)[ \t\u3000]+(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,6}月.{1,4}日)")


def _run_before(text: str, end: int, chars) -> int:
    """Where the run of `chars` that ends at `end` starts."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


def _positions(text: str, char: str) -> Iterator[int]:
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


def _parse_heading(p: Paragraph) -> Heading | None:
    text = p.text
    m = _HEADING_RE.match(text)
    if m is None:
        return None
    if m["l1"]:
        level, number, opening, closing, punct = 1, m["n1"], "", "", m["p1"]
        if not punct.strip():
            punct = ""
    elif m["l2"]:
        level, number, opening, closing, punct = 2, m["n2"], m["o2"], m["c2"], m["p2"]
    elif m["l4"]:
        level, number, opening, closing, punct = 4, m["n4"], m["o4"], m["c4"], m["p4"]
    else:
        level, number, opening, closing, punct = 3, m["n3"], "", "", m["p3"]
    value = to_int(number)
    if value is None or value == 0:
        return None
    space = _SPACE_RE.match(text, m.end()).group()
    marker_len = m.end() + len(space)
    if marker_len >= len(text):
        return None  # a bare number is not a heading
    rest = text[marker_len:]
    stop = rest.find("。")
    inline = stop >= 0 and stop + 1 < len(rest)
    title = rest[:stop] if stop >= 0 else rest
    title_start = p.start + marker_len
    return Heading(level, value, p, text[:marker_len], opening, closing, punct, space, title,
                   title_start, title_start + len(title), inline)


def _organ_of(lines: list[Paragraph]) -> str:
    joined = "".join(p.text for p in lines)
    if "关于" in joined:
        organ = joined.split("关于", 1)[0]
    elif len(lines) > 1:
        organ = lines[0].text
    else:
        organ = ""
    return _no_space(organ)


_VALUE_STOPS = {
    # a phone value ends at a clause stop, at words, or at a bracket that is not an area code
    "phone": shipped_pattern(r"[；;。]|[（(](?!0[0-9]{2,3}[）)])|[，,、](?![ \t]*[0-9０-９])"
                           r"|[ \t\u3000]{2,}|(?!转)\p{Han}"),
    "address": shipped_pattern(r"[；;。（(，,]|[ \t\u3000]{2,}"),
    "postcode": shipped_pattern(r"[^0-9０-９ ]|[ ]{2,}"),
    "email": shipped_pattern(r"[；;，,（(）)\s。]|\p{Han}"),
}


def _cut_value(kind: str, text: str) -> str:
    m = _VALUE_STOPS[kind].search(text)
    value = text[:m.start()] if m else text
    return value.rstrip(" \t\u3000.。，,；;")


def _statement_end(text: str, offset: int, stops: str = "。；;\n", limit: int = 400) -> int:
    """The next stop after `offset`, looking no further than `limit` characters."""
    bound = min(len(text), offset + limit)
    ends = [i for i in (text.find(c, offset, bound) for c in stops) if i >= 0]
    return min(ends) if ends else bound


def _no_space(text: str) -> str:
    return "".join(text.split())
