"""Where a finding is, for a reader: its words in context, and a Word draft's paragraph."""

# Worked out when the file is linted, from the document, and carried by the finding (see
# finding.Place): a result may come from the result cache or a worker process, and reporters
# never see the document. Only what an output shows is made: the excerpt when the text format
# shows source, the paragraph of a .docx always (every output names it), nothing else.

from __future__ import annotations

from collections.abc import Sequence

from .document import Document
from .finding import Finding, Place

WHOLE = 40     # a line this short is shown whole (80 columns of 汉字)
BEFORE = 15    # characters of context before the span in a longer line
AFTER = 15     # and after it
SPAN = 30      # of a longer span, the characters shown before "…"
OPENING = 12   # a paragraph's opening words
WORDS = 20     # the words a finding points at, in a Word draft's place


def attach(document: Document, findings: Sequence[Finding], excerpts: bool) -> list[Finding]:
    """`findings` each with its place: the excerpt when `excerpts`, the paragraph when the
    document is a Word draft. Unchanged when neither is wanted."""
    docx = document.kind == "docx"
    if not (excerpts or docx):
        return list(findings)
    return [f._replace(place=place_of(document, f, excerpts, docx)) for f in findings]


def place_of(document: Document, finding: Finding, excerpt: bool, docx: bool) -> Place:
    # offsets in the text, so a line of megabytes is never copied whole for a few words
    first, stop = _bounds(document, finding.line)
    start = min(first + finding.column - 1, stop)
    # a span over several lines: its part on the first one
    end = min(first + finding.end_column - 1, stop) if finding.end_line == finding.line \
        else stop
    end = max(end, start)
    text, shown_start, shown_end = cut(document.text, first, stop, start, end) if excerpt \
        else (None, 0, 0)
    if not docx:
        return Place(text, shown_start, shown_end)
    paragraph = document.paragraph_number(finding.line)
    line = finding.line
    while line > 1 and document.paragraph_number(line - 1) == paragraph:
        line -= 1
    opening_start, opening_stop = _bounds(document, line)
    opening = document.text[opening_start:min(opening_stop, opening_start + 200)].strip()
    part = getattr(document, "place_of", None)
    part = part(finding.line) if part is not None else "body"
    return Place(text, shown_start, shown_end, paragraph, shorten(opening, OPENING),
                 shorten(document.text[start:min(end, start + WORDS + 1)], WORDS),
                 None if part == "body" else part)


def _bounds(document: Document, line: int) -> tuple[int, int]:
    """Where 1-based `line` starts and ends (before its newline) in the text."""
    starts = document.line_starts
    begin = starts[line - 1]
    return begin, (starts[line] - 1 if line < len(starts) else len(document.text))


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def cut(text: str, first: int, stop: int, start: int, end: int) -> tuple[str, int, int]:
    """The excerpt of the line text[first:stop] around the span [start, end) (offsets in
    `text`) and the span within it: the whole line when short, else about BEFORE characters
    before the span and AFTER after it, "…" where the line goes on; a span longer than SPAN is
    shown up to "…", marked through it."""
    if stop - first <= WHOLE:
        return text[first:stop], start - first, end - first
    long_span = end - start > SPAN
    shown_end = start + SPAN if long_span else end
    left = max(first, start - BEFORE)
    right = shown_end if long_span else min(stop, shown_end + AFTER)
    # near an end of the line, the context the other side makes up for what is missing
    if not long_span:
        spare = (BEFORE - (start - left)) + (AFTER - (right - shown_end))
        if left == first:
            right = min(stop, right + spare)
        elif right == stop:
            left = max(first, left - spare)
    head = "…" if left > first else ""
    tail = "…" if right < stop else ""
    offset = len(head) - left
    marked_end = shown_end + offset + (len(tail) if long_span else 0)
    return head + text[left:right] + tail, start + offset, marked_end
