"""Pinyin annotations a converter left after characters: 據(jù), 統（tǒng）."""

from __future__ import annotations

from ..patterns import shipped_pattern
from ..textview import Edit

_TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"  # and a-z: the letters pinyin is written in
# 據(jù), 統（tǒng）, 進(jin4): a Han character followed by its pinyin in brackets
_PINYIN = shipped_pattern(
    rf"(?<=\p{{Han}})[(（](?P<py>[a-z{_TONE_LETTERS}]{{1,6}}[1-5]?)[)）]")
_PINYIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz" + _TONE_LETTERS)


def pinyin_annotations(text: str) -> list[Edit]:
    if not _pinyin_hint(text):
        return []
    return [(m.start(), m.end(), "") for m in _PINYIN.finditer(text)]


def _pinyin_hint(text: str) -> bool:
    """A bracket followed by a pinyin letter, as every annotation starts (found by str.find:
    brackets are few, and a class scan of the whole text costs more)."""
    for bracket in "(（":
        i = text.find(bracket)
        while i >= 0:
            if text[i + 1:i + 2] in _PINYIN_LETTERS:
                return True
            i = text.find(bracket, i + 1)
    return False


