"""Chinese, full-width and Arabic numerals to integers."""

from __future__ import annotations

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
           "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

def to_int(text: str) -> int | None:
    """'12', '１２', '十二', '两', '一百零五', '二〇二五' (digit by digit) → int; None if not a number."""
    value = _COMMON.get(text)
    if value is not None:
        return value
    return _parse(text)


def _parse(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.isdecimal():
        return int(text)  # int() reads full-width and other Unicode decimal digits
    if all(c in _DIGITS for c in text):
        if len(text) == 1:
            return _DIGITS[text]
        return int("".join(str(_DIGITS[c]) for c in text))  # 二〇二五 = 2025
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = _parse(high) if high else 1
        low_value = _parse(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    total = 0
    pending = None
    for char in text:
        if char in _DIGITS:
            if pending is not None and pending != 0:
                return None  # two digits in a row inside a unit number: not a number
            pending = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if pending is None else pending) * _UNITS[char]
            pending = None
        else:
            return None
    return total + (pending or 0)


def _common() -> dict[str, int]:
    """The numbers notices write most (1 to 99, in digits and in Chinese), read once."""
    forms = [str(n) for n in range(100)]
    forms += ["两", *_DIGITS, *(f"{a}十{b}" for a in ("", *"二三四五六七八九") for b in ("", *"一二三四五六七八九"))]
    return {form: value for form in forms if (value := _parse(form)) is not None}


_COMMON = _common()
