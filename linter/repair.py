"""The repairs that turn a document's text into the view the rules read.

A draft damaged on its way (a PDF copy that broke sentences across lines, a converter that left
pinyin and traditional characters) is still linted on what its author meant: each repair is an
edit of the original text, recorded with its kind, and the view maps every offset back, so
findings point at the lines the user sees. ``conversion-artifacts`` reports the repairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .document import Lines, line_starts
from .patterns import shipped_pattern

if TYPE_CHECKING:
    from .document import Document

# a line that ends like this is finished; anything else may continue on the next line
_FINISHED = frozenset("。！？；：…”’）》〕】」』.!?;:)]\"'")
_HEADING_START = shipped_pattern(
    r"[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])")
_LABEL = shipped_pattern(r"^[^，。；]{1,12}[：:]")
_DATE_LINE = shipped_pattern(r"^[0-9０-９〇○零一二三四五六七八九十 ]{2,4}年.{1,3}月.{1,3}日$")
_NON_SPACE = shipped_pattern(r"\S")
_SPACE_RUN = shipped_pattern(r"\s*")
_ANY_PUNCT = shipped_pattern(r"[，。；：,;:]")
_STRONG_PUNCT = shipped_pattern(r"[。！？；;：:]")
_CONTINUES = shipped_pattern(r"^[\p{Han}0-9０-９A-Za-z“‘《（(]")


class Repair(NamedTuple):
    kind: str          # "line-join" (more kinds come with the conversion repairs)
    start: int         # original text offsets of the edit
    end: int
    replacement: str
    heading: bool = False   # for a line-join: the broken line is a heading


def repairs(document: Document) -> list[Repair]:
    """Every repair, in order of precedence: where two overlap, the earlier kind wins."""
    from . import damage

    text = document.text
    found: list[Repair] = []
    if document.kind == "markdown":
        from .markdown import markup_edits
        found += [Repair("markup", s, e, r) for s, e, r in markup_edits(text)]
    entities = damage.html_entities(text)
    found += [Repair("entity", s, e, r) for s, e, r in entities]
    pinyin = damage.pinyin_annotations(text)
    found += [Repair("pinyin", s, e, r) for s, e, r in pinyin]
    gb2312 = damage.only_gb2312(text)
    garbled = damage.mojibake(text, gb2312)
    found += [Repair("mojibake", s, e, r) for s, e, r in garbled]
    found += [Repair("traditional", s, e, r)
              for s, e, r in damage.traditional(text, pinyin + garbled, gb2312)]
    skip = [(r.start, r.end, "") for r in found if r.kind == "markup"] + pinyin + entities
    found += [Repair("halfwidth", s, e, r)
              for s, e, r in damage.halfwidth_punctuation(text, skip)]
    if document.kind != "docx":
        markup = [r for r in found if r.kind == "markup"]
        found += broken_lines(_blank(text, markup) if markup else text)
    return found


def _blank(text: str, hidden: list[Repair]) -> str:
    """The text with hidden markup replaced by spaces, offsets unchanged; a wrapped Markdown
    paragraph's line break goes too, so it reads as the one paragraph it is."""
    chars = list(text)
    for r in hidden:
        for i in range(r.start, r.end):
            chars[i] = " "
    return "".join(chars)


def broken_lines(text: str) -> list[Repair]:
    """Line breaks inside a sentence or a heading, as a PDF copy leaves them.

    Only a line that does not end like a finished one can run on; the cheap tests come first."""
    first = _NON_SPACE.search(text)
    if first is None:
        return []
    first_line = first.start()
    penultimate = None
    out: list[Repair] = []
    starts = line_starts(text)  # 8 bytes a line, and each line cut out when asked for: a draft
    lines = Lines(text, starts)  # of millions of lines holds no million strings and ints
    # the lines that do not end like a finished one, picked out in one sweep
    for k in [k for k, raw in enumerate(lines) if raw and raw[-1] not in _FINISHED]:
        raw = lines[k]
        start = starts[k]
        newline = start + len(raw)
        line = raw.strip()
        if not line or line[-1] in _FINISHED or start <= first_line:
            continue  # blank, finished, or the first line
        heading = "。" not in line and bool(_HEADING_START.match(line))
        if not heading and (len(line) < 20 or ("。" not in line and "，" not in line)):
            continue  # short lines (titles, names, signatures) end without punctuation
        next_start = _SPACE_RUN.match(text, newline).end()
        if next_start >= len(text):
            continue  # the last line
        next_end = text.find("\n", next_start)
        following = text[next_start:next_end if next_end >= 0 else len(text)].rstrip()
        if heading and (len(following) > 40 or _STRONG_PUNCT.search(following)):
            continue  # a heading runs on only into a short unpunctuated line before its body
        if _HEADING_START.match(following) or not _CONTINUES.match(following):
            continue
        if _LABEL.match(following) or _DATE_LINE.match(following) or _DATE_LINE.match(line):
            continue
        if penultimate is None:
            penultimate = _penultimate_start(text)
        if next_start >= penultimate and not _ANY_PUNCT.search(following):
            continue  # the signature: an organ name or a date needs no punctuation
        out.append(Repair("line-join", start + len(raw.rstrip()), next_start, "", heading))
    return out


def _penultimate_start(text: str) -> int:
    """Where the second-to-last non-blank line starts (its first non-space character)."""
    end = len(text)
    found = 0
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line and not line.isspace():
            found += 1
            if found == 2:
                return start + len(line) - len(line.lstrip())
        end = start - 1
    return 0
