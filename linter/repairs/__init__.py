"""The repairs that turn a document's text into the view the rules read.

A draft damaged on its way (a PDF copy that broke sentences across lines, a converter that left
pinyin and traditional characters) is still linted on what its author meant: each repair is an
edit of the original text, recorded with its kind, and the view maps every offset back, so
findings point at the lines the user sees. ``conversion-artifacts`` reports the repairs. One
module per kind of damage; ``find_repairs`` runs them in order of precedence.
"""

from __future__ import annotations

from collections.abc import Sequence

from .broken_lines import broken_lines
from .common import only_gb2312
from .entities import html_entities
from .halfwidth import halfwidth_punctuation
from .kinds import Kind, Repair
from .mojibake import mojibake
from .pinyin import pinyin_annotations
from .traditional import traditional

__all__ = ["Kind", "Repair", "find_repairs"]


def find_repairs(text: str, kind: str = "text",
                 line_starts: Sequence[int] | None = None) -> list[Repair]:
    """Every repair of `text` (a draft of `kind`: text, markdown or docx), in order of
    precedence: where two overlap, the earlier kind wins. `line_starts`: the text's own, when
    the caller has them (the document does: not measured twice)."""
    found: list[Repair] = []
    if kind == "markdown":
        from ..markdown import markup_edits  # only a Markdown draft pays for its patterns

        found += [Repair(Kind.MARKUP, s, e, r) for s, e, r in markup_edits(text)]
    entities = html_entities(text)
    found += [Repair(Kind.ENTITY, s, e, r) for s, e, r in entities]
    pinyin = pinyin_annotations(text)
    found += [Repair(Kind.PINYIN, s, e, r) for s, e, r in pinyin]
    gb2312 = only_gb2312(text)
    garbled = mojibake(text, gb2312)
    found += [Repair(Kind.MOJIBAKE, s, e, r) for s, e, r in garbled]
    found += [Repair(Kind.TRADITIONAL, s, e, r)
              for s, e, r in traditional(text, pinyin + garbled, gb2312)]
    skip = [(r.start, r.end, "") for r in found if r.kind == Kind.MARKUP] + pinyin + entities
    found += [Repair(Kind.HALFWIDTH, s, e, r) for s, e, r in halfwidth_punctuation(text, skip)]
    if kind != "docx":
        markup = [r for r in found if r.kind == Kind.MARKUP]
        found += broken_lines(_blank(text, markup), None) if markup else broken_lines(text, line_starts)
    return found


def _blank(text: str, hidden: list[Repair]) -> str:
    """The text with hidden markup replaced by spaces, offsets unchanged; a wrapped Markdown
    paragraph's line break goes too, so it reads as the one paragraph it is."""
    chars = list(text)
    for r in hidden:
        for i in range(r.start, r.end):
            chars[i] = " "
    return "".join(chars)
