"""Counts (25个问题, 十二项整改措施) and rates (98.71%) written in a notice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..patterns import shipped_pattern
from ..textview import TextView
from .elements import CountPhrase, Rate
from .numerals import to_int
from .vocabulary import BEFORE_UNIT, CN_NUMERALS, DIGITS, SPACES, Vocabulary

_RATE_NUMBER = shipped_pattern(r"[0-9]+(?:\.([0-9]+))?")
_RATE_CHARS = frozenset("0123456789.")
_FOUND_BELOW = 200_000  # characters: below, measure words are found by str.find


def counts(view: TextView, vocab: Vocabulary) -> tuple[CountPhrase, ...]:
    """Every number with a measure word: 25个问题, 十二个, 两个, 138项整改措施.

    Read backwards from each measure word (they are what every count has, and rare enough),
    which is several times faster than a pattern tried at every position."""
    text = view.text
    nouns = vocab.count_noun
    identity = view.is_identity
    found = []
    # one string for each unit and noun written (个, 问题 …), not one for each count of a draft
    # that has hundreds of thousands
    same = {}.setdefault
    new = tuple.__new__
    for j, unit_end in _units(text, vocab):
        if text.startswith("月", unit_end):
            continue  # 3个月: a duration
        unit = text[j:unit_end]
        if text[j - 1] in SPACES:
            j = run_before(text, j, SPACES)
        k = j  # the runs are short: walked inline
        while k and text[k - 1] in DIGITS:
            k -= 1
        if k == j:
            while k and text[k - 1] in CN_NUMERALS:
                k -= 1
            if k == j:
                continue
        elif k and text[k - 1] == ".":
            continue  # 1.5个: not a count
        value = to_int(text[k:j])
        if value is None:
            continue
        noun = nouns.match(text, unit_end)
        unit = same(unit, unit)
        if noun is None:
            word, end = "", unit_end
        else:
            word, end = noun.group(), noun.end()
            word = same(word, word)
        # tuple.__new__: the record without its Python-level __new__ (every count of a notice)
        if identity:
            found.append(new(CountPhrase, (value, unit, word, k, end, k, end)))
        else:
            found.append(new(CountPhrase, (value, unit, word, *_mapped_spans(view, k, end))))
    return tuple(found)


def _units(text: str, vocab: Vocabulary) -> Iterable[tuple[int, int]]:
    """(start, end) of every measure word with a number or a space just before it, in order.
    One-character measure words of a notice are found by str.find, each checked for what
    precedes it (cheaper than a pattern testing every character); a large draft's are
    streamed by the pattern."""
    if not vocab.unit_chars or len(text) >= _FOUND_BELOW:
        return (m.span("unit") for m in vocab.count_units.finditer(text))
    found = []
    for unit in vocab.unit_chars:
        i = text.find(unit, 1)
        while i >= 0:
            if text[i - 1] in BEFORE_UNIT:
                found.append((i, i + 1))
            i = text.find(unit, i + 1)
    found.sort()
    return found


def rates(view: TextView) -> tuple[Rate, ...]:
    """Every percentage (76%, 98.71 ％), read backwards from its sign: the signs are few."""
    text = view.text
    signs = sorted(i for sign in "%％" for i in positions(text, sign))
    out = []
    for sign in signs:
        j = run_before(text, sign, " \t")
        k = run_before(text, j, _RATE_CHARS)
        number = _RATE_NUMBER.fullmatch(text, k, j) if k < j else None
        if number is not None:
            out.append(Rate(float(number.group()), len(number[1] or ""),
                            *_mapped_spans(view, k, sign + 1)))
    return tuple(out)


def _mapped_spans(view: TextView, start: int, end: int) -> tuple[int, int, int, int]:
    """(start, end) in the original text, then in the view."""
    return view.to_original(start), view.to_original_end(end), start, end


def run_before(text: str, end: int, chars) -> int:
    """Where the run of `chars` that ends at `end` starts."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


def positions(text: str, char: str) -> Iterator[int]:
    """Every offset of `char` in `text`, found by str.find."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)
