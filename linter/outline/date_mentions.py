"""Every date a notice writes: 2025年11月12日, 11月12日 (year from context), 二〇二五年十一月十二日,
2025.11.12, ranges with 至/到/—, and the impossible ones (2月30日, 13月) kept for the rules."""

from __future__ import annotations

import datetime
from functools import lru_cache

import regex

from ..patterns import near, shipped_pattern
from ..record import Record
from .numerals import to_int

_SP = r"[ \t\u3000]*"
_CN_YEAR = r"[〇○零一二三四五六七八九]{4}"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_D = r"[0-9０-９]"

# a lookahead of the characters a month date can start with (tests/test_patterns.py checks it
# is implied): the standard engine tries the pattern at every position otherwise, and a failed
# class test is several times cheaper than the lookbehind and the groups
_MONTH_DATE = (r"(?=[0-9０-９〇○零一二三四五六七八九十])"
               rf"(?<!{_D})(?:(?P<y>{_D}{{4}}|{_D}{{2}}|{_CN_YEAR}){_SP}年{_SP})?"
               rf"(?P<m>{_D}{{1,2}}|{_CN_MONTH}){_SP}月(?!份?(?:以来|内|度))"
               rf"(?:{_SP}(?P<d>{_D}{{1,2}}|{_CN_DAY}){_SP}[日号])?")
_DOTTED_DATE = (rf"(?<![0-9.．])(?P<y2>(?:19|20){_D}{{2}})(?P<sep>[.．/／-])(?P<m2>{_D}{{1,2}})"
                rf"(?P=sep)(?P<d2>{_D}{{1,2}})(?![0-9.．])")
# any date; the scan below runs the two kinds separately, each near what it must contain
DATE_RE = shipped_pattern(f"{_MONTH_DATE}|{_DOTTED_DATE}")
MONTH_DATE_RE = shipped_pattern(_MONTH_DATE)
_DOTTED_RE = shipped_pattern(_DOTTED_DATE)
_MONTH_CHAR = shipped_pattern("月")
DOTTED_HINT = shipped_pattern(r"(?:19|20)[0-9０-９]{2}[.．/／-][0-9０-９]")
_RANGE_LINK = shipped_pattern(rf"{_SP}(?:起{_SP})?(?:至|到|—{{1,2}}|－|–|-|~|～){_SP}")
_DAY_ONLY = shipped_pattern(rf"(?P<d>{_D}{{1,2}}){_SP}[日号]")


class DateMention(Record):
    view_start: int            # offsets in the text scanned (the document's view)
    view_end: int
    year: int | None
    month: int
    day: int | None
    year_given: bool           # the year is written, not implied
    two_digit_year: bool = False
    dotted: bool = False       # 2025.11.12 style
    range_start: int | None = None   # index of the mention this one ends a range for
    start: int = 0             # offsets in the original text: the view's as scanned, mapped
    end: int = 0               # back by the outline when the view was repaired

    @property
    def problem(self) -> str | None:
        """Why the date cannot exist: 'month' or 'day'; None when it can."""
        return _problem(self.year, self.month, self.day)

    @property
    def date(self) -> datetime.date | None:
        return _date(self.year, self.month, self.day)

    def show(self) -> str:
        y = f"{self.year}年" if self.year is not None else ""
        d = f"{self.day}日" if self.day is not None else ""
        return f"{y}{self.month}月{d}"


@lru_cache(maxsize=4096)
def _problem(year: int | None, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return "month"
    if day is None:
        return None
    year = year if year is not None else 2024  # leap year: 2月29日 stays possible
    if not 1 <= day <= _days_in_month(year, month):
        return "day"
    return None


@lru_cache(maxsize=4096)
def _date(year: int | None, month: int, day: int | None) -> datetime.date | None:
    if year is None or day is None or _problem(year, month, day) or not 1 <= year <= 9999:
        return None
    return datetime.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_day_splits(digits: str, year: int | None = None) -> list[tuple[int, int]]:
    """The (month, day) pairs a run of digits can be read as, when the 月 between them was lost:
    717 → [(7, 17)], 1231 → [(12, 31)], 117 → [(1, 17), (11, 7)]; empty when none is a date."""
    digits = "".join(str(int(c)) for c in digits)   # full-width digits too
    out = []
    for cut in (1, 2):
        month, day = digits[:cut], digits[cut:]
        if not 1 <= len(day) <= 2 or int(month) == 0 or int(day) == 0:
            continue
        if _problem(year, int(month), int(day)) is None:
            out.append((int(month), int(day)))
    return out


def find_dates(text: str, default_year: int | None = None) -> tuple[DateMention, ...]:
    """All dates in `text`, with implied years filled in from context."""
    return infer_years(text, scan_dates(text), default_year)


def is_whole_date(text: str) -> bool:
    """The text is one full date with its year and nothing else (a signature's date line)."""
    m = MONTH_DATE_RE.fullmatch(text)
    if m is not None:
        return bool(m["y"])  # 24年11月15日 too: the dates rule reports the short year
    return bool(DOTTED_HINT.match(text)) and _DOTTED_RE.fullmatch(text) is not None


_DOTTED_SEPARATORS = ".．/／-"
_FOUND_BELOW = 200_000  # characters
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


def may_hold_dotted_date(text: str) -> bool:
    """Whether `text` has a match of DOTTED_HINT (2024.5, 2019／０…): looked for from each
    separator by str.find, rare in a notice, instead of trying the pattern at every position."""
    for sep in _DOTTED_SEPARATORS:
        i = text.find(sep, 4)
        while i >= 0:
            if (text[i + 1:i + 2] in _DIGIT_CHARS and text[i - 1] in _DIGIT_CHARS
                    and text[i - 2] in _DIGIT_CHARS and text.startswith(("19", "20"), i - 4)):
                return True
            i = text.find(sep, i + 1)
    return False


def scan_dates(text: str) -> list[DateMention]:
    """Every date as written, years not yet inferred (the one regular-expression pass)."""
    mentions: list[DateMention] = []
    matches = list(near(MONTH_DATE_RE, text, _MONTH_CHAR, 24, 12))
    # by str.find in a notice; by the pattern in a large draft (a million separators would
    # each cost a step of Python)
    if may_hold_dotted_date(text) if len(text) < _FOUND_BELOW else DOTTED_HINT.search(text):
        matches = sorted(matches + list(_DOTTED_RE.finditer(text)), key=lambda m: m.start())
    for m in matches:
        mention = _mention(m)
        if mention is None:
            continue
        mentions.append(mention)
        # a day-only range end: 2024年7月17日至30日
        link = _RANGE_LINK.match(text, m.end())
        if link and mention.day is not None:
            day = _DAY_ONLY.match(text, link.end())
            if day and not DATE_RE.match(text, link.end()):
                mentions.append(DateMention(day.start(), day.end(), None, mention.month,
                                            to_int(day["d"]), False,
                                            start=day.start(), end=day.end()))
    return mentions


def _mention(m: regex.Match) -> DateMention | None:
    # the records built by tuple.__new__, every field in order: without the Python-level
    # __new__ and its keywords (this runs for every date of every notice)
    new = tuple.__new__
    if "y2" in m.re.groupindex and m["y2"]:
        start, end = m.span()
        return new(DateMention, (start, end, int(m["y2"]), int(m["m2"]), int(m["d2"]), True,
                                 False, True, None, start, end))
    year_text, month_text, day_text = m.group("y", "m", "d")
    chinese_month = not month_text[0].isdecimal()
    if chinese_month and not (year_text or day_text):
        return None  # 一月一考核: a Chinese-numeral month needs a year or a day to be a date
    year = to_int(year_text) if year_text else None
    two_digit = bool(year_text) and len(year_text) == 2
    if two_digit:
        year = None
    month = to_int(month_text)
    day = to_int(day_text) if day_text else None
    if month is None:
        return None
    start, end = m.span()
    if two_digit:
        return new(DateMention, (start, end, None, month, day, False, True, False, None, start,
                                 end))
    return new(DateMention, (start, end, year, month, day, year is not None, False, False, None,
                             start, end))


def infer_years(text: str, mentions: list[DateMention],
                default_year: int | None) -> tuple[DateMention, ...]:
    """The mentions with implied years filled in: from the range they end, the last year
    written before them, or `default_year` (the notice's own)."""
    out: list[DateMention] = []
    last_year = None
    for index, mention in enumerate(mentions):
        previous = out[-1] if out else None
        linked = (previous is not None
                  and _RANGE_LINK.fullmatch(text, previous.view_end, mention.view_start) is not None)
        if linked:
            mention = _with(mention, _RANGE_START, index - 1)
        if mention.year_given:
            last_year = mention.year
        elif not mention.two_digit_year:
            if linked and previous.year is not None:
                year = previous.year
                if (mention.month, mention.day or 0) < (previous.month, previous.day or 0):
                    year += 1  # 12月20日至1月19日: the end is in the next year
                mention = _with(mention, _YEAR, year)
            elif not linked and mention.day is None:
                mention = _with(mention, _YEAR, last_year)
            elif last_year is not None:
                mention = _with(mention, _YEAR, last_year)
            else:
                mention = _with(mention, _YEAR, default_year)
        out.append(mention)
    return tuple(out)


_YEAR = DateMention._fields.index("year")
_RANGE_START = DateMention._fields.index("range_start")


def _with(mention: DateMention, field: int, value: int | None) -> DateMention:
    """The mention with one field changed: `_replace` without its keyword machinery (this runs
    for every date of every notice, twice)."""
    return tuple.__new__(DateMention, (*mention[:field], value, *mention[field + 1:]))
