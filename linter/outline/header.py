"""The header of a notice: issuer mark, document number, title and preamble."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from ..record import Record
from .elements import DocNumber, Heading, Paragraph, Title
from .vocabulary import Vocabulary


class Header(Record):
    issuer_mark: Paragraph | None
    doc_number: DocNumber | None
    title: Title | None
    preamble: Paragraph | None
    body_start: int      # index of the first paragraph after the header (the preamble's)


def parse_header(paragraphs: Sequence[Paragraph], vocab: Vocabulary,
                 heading_of: Callable[[Paragraph], Heading | None],
                 closing: Callable[[], Collection[Paragraph]]) -> Header:
    """The header read from the first paragraphs, up to the first heading or body text;
    `closing()` gives the closing block's paragraphs (a preamble is never one of them)."""
    issuer = number = preamble = None
    title_lines: list[Paragraph] = []
    index = 0
    while index < len(paragraphs) and index < vocab.header_paragraphs:
        p = paragraphs[index]
        if heading_of(p) is not None:
            break
        if issuer is None and not title_lines and vocab.issuer_mark.match(p.text):
            issuer = p
        elif number is None and vocab.doc_number.match(p.text):
            number = DocNumber(p, vocab.doc_number.match(p.text))
        elif (len(p.text) <= vocab.short_line and "。" not in p.text
              and len(title_lines) < vocab.title_lines and not vocab.preamble_start.match(p.text)):
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
    if index < len(paragraphs) and heading_of(paragraphs[index]) is None:
        candidate = paragraphs[index]
        if candidate not in closing():
            preamble = candidate
    return Header(issuer, number, title, preamble, index)


def _organ_of(lines: list[Paragraph]) -> str:
    joined = "".join(p.text for p in lines)
    if "关于" in joined:
        organ = joined.split("关于", 1)[0]
    elif len(lines) > 1:
        organ = lines[0].text
    else:
        organ = ""
    return "".join(organ.split())
