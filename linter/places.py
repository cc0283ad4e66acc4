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
    line = document.lines[finding.line - 1]
    start = min(finding.column - 1, len(line))
    # a span over several lines: its part on the first one
    end = min(finding.end_column - 1, len(line)) if finding.end_line == finding.line \
        else len(line)
    end = max(end, start)
    text, shown_start, shown_end = cut(line, start, end) if excerpt else (None, 0, 0)
    if not docx:
        return Place(text, shown_start, shown_end)
    paragraph = document.paragraph_number(finding.line)
    first = finding.line
    while first > 1 and document.paragraph_number(first - 1) == paragraph:
        first -= 1
    return Place(text, shown_start, shown_end, paragraph,
                 shorten(document.lines[first - 1].strip(), OPENING),
                 shorten(line[start:end], WORDS))


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def cut(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The excerpt of `line` around the span [start, end) and the span within it: the whole
    line when short, else about BEFORE characters before the span and AFTER after it, "…"
    where the line goes on; a span longer than SPAN is shown up to "…", marked through it."""
    if len(line) <= WHOLE:
        return line, start, end
    long_span = end - start > SPAN
    shown_end = start + SPAN if long_span else end
    left = max(0, start - BEFORE)
    right = shown_end if long_span else min(len(line), shown_end + AFTER)
    # near an end of the line, the context the other side makes up for what is missing
    if not long_span:
        spare = (BEFORE - (start - left)) + (AFTER - (right - shown_end))
        if left == 0:
            right = min(len(line), right + spare)
        elif right == len(line):
            left = max(0, left - spare)
    head = "…" if left > 0 else ""
    tail = "…" if right < len(line) else ""
    offset = len(head) - left
    marked_end = shown_end + offset + (len(tail) if long_span else 0)
    return head + line[left:right] + tail, start + offset, marked_end
