"""Numbered headings (一、 （一） 1. （1）) and the sections the top-level ones open."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from ..patterns import shipped_pattern
from .elements import Heading, Paragraph, Section
from .numerals import to_int
from .vocabulary import Vocabulary

_SPACE_RE = shipped_pattern(r"[ \t\u3000]*")
_SPACES = frozenset(" \t\u3000")


def parse_heading(p: Paragraph, vocab: Vocabulary) -> Heading | None:
    """The heading `p` opens with, by the grammar of configs/outline.yaml; None if none."""
    text = p.text
    m = vocab.heading.match(text)
    if m is None:
        return None
    # the branch that matched is the group closed last (each branch is one outer group)
    branch = m.lastgroup
    if branch == "l1":
        level, opening, closing = 1, "", ""
        number, punct = m.group("n1", "p1")
        if not punct.strip():
            punct = ""
    elif branch == "l2":
        level = 2
        number, opening, closing, punct = m.group("n2", "o2", "c2", "p2")
    elif branch == "l4":
        level = 4
        number, opening, closing, punct = m.group("n4", "o4", "c4", "p4")
    else:
        level, opening, closing = 3, "", ""
        number, punct = m.group("n3", "p3")
    value = to_int(number)
    if value is None or value == 0:
        return None
    end = m.end()
    # most markers have no space after them: the pattern only when one does
    space = _SPACE_RE.match(text, end).group() if text[end:end + 1] in _SPACES else ""
    marker_len = end + len(space)
    if marker_len >= len(text):
        return None  # a bare number is not a heading
    rest = text[marker_len:]
    stop = rest.find("。")
    inline = stop >= 0 and stop + 1 < len(rest)
    title = rest[:stop] if stop >= 0 else rest
    title_start = p.view_start + marker_len
    # tuple.__new__: the record without its Python-level __new__ (a heading of every notice)
    return tuple.__new__(Heading, (level, value, p, text[:marker_len], opening, closing, punct,
                                   space, title, title_start, title_start + len(title), inline))


def find_headings(paragraphs: Sequence[Paragraph], vocab: Vocabulary) -> dict[int, Heading]:
    """Every paragraph that opens with a heading, by paragraph index."""
    found = {}
    first = vocab.heading_first
    for p in paragraphs:
        if p.text[0] not in first:
            continue
        h = parse_heading(p, vocab)
        if h is not None:
            found[p.index] = h
    return found


def sections(headings: Sequence[Heading], closing: int,
             to_original: Callable[[int], int]) -> tuple[Section, ...]:
    """The top-level parts: each from its heading to the next, the last to `closing` (a view
    offset: where the closing block starts)."""
    tops = [h for h in headings if h.level == 1]
    out = []
    starts = [x.view_start for x in headings]
    for i, h in enumerate(tops):
        end = tops[i + 1].view_start if i + 1 < len(tops) else closing
        inner = tuple(headings[bisect_right(starts, h.view_start):bisect_left(starts, end)])
        out.append(Section(h, h.start, to_original(end), inner, h.view_start, end))
    return tuple(out)
