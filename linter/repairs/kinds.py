"""The kinds of damage a draft may carry on its way, and the repair recorded for each."""

from __future__ import annotations

from enum import StrEnum

from ..record import Record


class Kind(StrEnum):
    """What a repair undoes; a StrEnum, so ``repair.kind == "pinyin"`` reads as before."""

    MARKUP = "markup"              # Markdown markup hidden from the rules
    ENTITY = "entity"              # &ldquo; &#8220; left by a web editor
    PINYIN = "pinyin"              # 據(jù): a pinyin annotation after a character
    MOJIBAKE = "mojibake"          # UTF-8 read as GBK or Latin-1
    TRADITIONAL = "traditional"    # traditional characters where simplified are meant
    HALFWIDTH = "halfwidth"        # , ; : ? ! ( ) in Chinese text
    LINE_JOIN = "line-join"        # a line broken inside a sentence or heading (a PDF copy)


class Repair(Record):
    kind: Kind
    start: int         # original text offsets of the edit
    end: int
    replacement: str
    heading: bool = False   # for a line-join: the broken line is a heading
