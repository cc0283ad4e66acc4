"""Converter damage, found as repairs: pinyin annotations, traditional script, mojibake, HTML
entities left by a web editor, half-width punctuation in Chinese text. Each finder returns
(start, end, replacement) edits of the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache

from .patterns import shipped_pattern

Edit = tuple[int, int, str]

_TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"  # and a-z: the letters pinyin is written in
# 據(jù), 統（tǒng）, 進(jin4): a Han character followed by its pinyin in brackets
_PINYIN = shipped_pattern(
    rf"(?<=\p{{Han}})[(（](?P<py>[a-z{_TONE_LETTERS}]{{1,6}}[1-5]?)[)）]")
# runs that may be mojibake: UTF-8 bytes read as GBK, or as Latin-1/cp1252
_GBK_RUN = shipped_pattern(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】〔〕]{3,64}")
_LATIN_RUN = shipped_pattern(r"[\u00c0-\u00ff][\u0080-\u00ff\u2018-\u203a\u0152\u0153\u0160"
                           r"\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]{1,}")
_LINE = shipped_pattern(r"[^\n]+")
_PINYIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz" + _TONE_LETTERS)
_HALF_CHARS = ',;:?!()"'
_HALF = shipped_pattern(f"[{re.escape(_HALF_CHARS)}]")
_LATIN1_LETTERS = shipped_pattern(rb"[\xc0-\xff]")
_PROTECTED = shipped_pattern(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"     # e-mail
    r"|(?:https?|ftp)://\S+|www\.\S+"                              # URL
    r"|[0-9][0-9,]*[0-9]"                                          # 1,000
    r"|[0-9]{1,2}:[0-9]{2}"                                        # 8:30
)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


# &ldquo; &#8220; &#x201C; (and &amp;ldquo;, escaped twice): an entity a web editor left in the text
_ENTITY = shipped_pattern(r"&(?:amp;)?(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# the spaces an entity may stand for: written as a plain space in the view
_ENTITY_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u200a")


def html_entities(text: str) -> list[Edit]:
    """HTML character entities (&ldquo; &nbsp; &#8220; …) with the characters they stand for.

    Only named entities HTML knows and numeric ones for printable characters, always with the
    closing semicolon: R&D or a bare & is text."""
    if "&" not in text or ";" not in text:
        return []
    import html

    edits: list[Edit] = []
    for m in _ENTITY.finditer(text):
        raw = m.group()
        entity = "&" + raw[5:] if raw.startswith("&amp;") and len(raw) > 5 else raw
        char = html.unescape(entity)
        if not char or char == entity or "\ufffd" in char or any(
                unicodedata.category(c).startswith("C") for c in char):
            continue  # unknown name, or a code point that is no printable character
        edits.append((m.start(), m.end(), " " if char in _ENTITY_SPACES else char))
    return edits


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


def _has_latin1_letters(text: str) -> bool:
    """Any of U+00C0–U+00FF, what UTF-8 read as Latin-1 leaves: the text's Latin-1 part, encoded,
    is a few bytes long, and searching it is cheaper than a class scan of the whole text."""
    return _LATIN1_LETTERS.search(text.encode("latin-1", "ignore")) is not None


@cache
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def traditional(text: str, skip: list[Edit], gb2312: bool | None = None) -> list[Edit]:
    """Characters OpenCC's t2s changes, where the text is not plain GB2312 already."""
    if gb2312 if gb2312 is not None else _only_gb2312(text):
        return []  # GB2312 holds no traditional-only character: nothing to convert
    try:
        convert = _t2s().convert
    except ImportError:  # OpenCC missing: the view keeps the traditional text
        return []
    edits: list[Edit] = []
    masked = _mask(text, skip)
    for m in _LINE.finditer(masked):
        line = m.group()
        if _only_gb2312(line):
            continue
        converted = convert(line)
        if converted == line:
            continue
        if len(converted) != len(line):
            edits.append((m.start(), m.end(), converted))
            continue
        i = 0
        while i < len(line):
            if line[i] != converted[i]:
                j = i
                while j < len(line) and line[j] != converted[j]:
                    j += 1
                edits.append((m.start() + i, m.start() + j, converted[i:j]))
                i = j
            else:
                i += 1
    return edits


def _only_gb2312(line: str) -> bool:
    """True when every character is in GB2312 (simplified Chinese, no converter damage)."""
    try:
        line.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def only_gb2312(text: str) -> bool:
    return _only_gb2312(text)


def _mask(text: str, skip: list[Edit]) -> str:
    """The text with the skipped spans blanked out (same length), so other finders ignore them."""
    if not skip:
        return text
    pieces = []
    last = 0
    for start, end, _ in sorted(skip):
        if start < last:
            continue
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def mojibake(text: str, gb2312: bool | None = None) -> list[Edit]:
    """Runs that decode to Chinese when their GBK (or Latin-1) bytes are read as UTF-8."""
    edits = []
    # UTF-8 read as GBK always leaves characters outside GB2312; a GB2312 text has none
    plain = gb2312 if gb2312 is not None else _only_gb2312(text)
    runs = () if plain else _GBK_RUN.finditer(text)
    for m in runs:
        run = m.group()
        if _only_gb2312(run):
            continue  # UTF-8 read as GBK always yields characters outside GB2312
        found = _decodes(run, "gbk")
        if found:
            i, j, fixed = found
            edits.append((m.start() + i, m.start() + j, fixed))
    for m in _LATIN_RUN.finditer(text) if _has_latin1_letters(text) else ():
        found = _decodes(m.group(), "cp1252") or _decodes(m.group(), "latin-1")
        if found:
            i, j, fixed = found
            edits.append((m.start() + i, m.start() + j, fixed))
    if "\ufffd" in text:
        edits += [(m.start(), m.end(), m.group()) for m in re.finditer("\ufffd+", text)]
    return edits


def _decodes(run: str, encoding: str) -> tuple[int, int, str] | None:
    """The longest stretch of `run` whose bytes in `encoding` are UTF-8 for 2+ CJK characters."""
    sizes = []
    for char in run:
        try:
            sizes.append(len(char.encode(encoding)))
        except UnicodeEncodeError:
            sizes.append(0)
    best = None
    for i in range(len(run)):
        if sizes[i] == 0:
            continue
        j = i
        while j < len(run) and sizes[j]:
            j += 1
        data = run[i:j].encode(encoding)
        try:
            decoded = data.decode("utf-8")
            end = j
        except UnicodeDecodeError as exc:
            valid = data[:exc.start]
            # back off to a character boundary of the original run
            total, end = 0, i
            while end < j and total + sizes[end] <= len(valid):
                total += sizes[end]
                end += 1
            try:
                decoded = data[:total].decode("utf-8")
            except UnicodeDecodeError:
                continue
        cjk = sum(1 for c in decoded if "\u4e00" <= c <= "\u9fff")
        if cjk >= 2 and cjk >= 0.8 * len(decoded) and end - i >= 3:
            if best is None or end - i > best[1] - best[0]:
                best = (i, end, decoded)
    return best


def halfwidth_punctuation(text: str, skip: list[Edit]) -> list[Edit]:
    """, ; : ? ! ( ) and straight double quotes in Chinese text, with their full-width forms.

    Not inside numbers (1,000, 8:30), e-mail addresses, URLs or Latin text."""
    if not any(c in text for c in _HALF_CHARS):  # several finds beat one class scan
        return []
    protected = _mask(text, skip)
    spans = [m.span() for m in _PROTECTED.finditer(protected)]
    starts = [s for s, _ in spans]

    def blocked_at(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < spans[k][1]

    edits: list[Edit] = []
    quotes: dict[int, list[int]] = {}
    opened: list[tuple[int, bool]] = []   # ( positions and whether they are Chinese
    for m in _HALF.finditer(protected):
        i = m.start()
        if blocked_at(i):
            continue
        char = m.group()
        before = _neighbour(protected, i, -1)
        after = _neighbour(protected, i, 1)
        if char == '"':
            if _chinese(before) or _chinese(after):
                quotes.setdefault(protected.rfind("\n", 0, i), []).append(i)
            continue
        if char == "(":
            bound = min(len(protected), i + 200)  # a bracket closes on its line, soon
            line_end = protected.find("\n", i, bound)
            close = protected.find(")", i, line_end if line_end >= 0 else bound)
            inside = protected[i + 1:close] if close > 0 else ""
            # a pair is Chinese when it holds Chinese or follows it: (一), 股室(中心), not (v3)
            chinese = _chinese(before) or any(_chinese(c) for c in inside[:40]) or (
                close < 0 and _chinese(after))
            opened.append((i, chinese))
        elif char == ")":
            chinese = opened.pop()[1] if opened else _chinese(before) or _chinese(after)
        else:  # , ; : ? ! belong to the text before them
            chinese = _chinese(before) or (_chinese(after) and not before.isalnum())
        if chinese:
            edits.append((i, i + 1, _FULL[char]))
    for positions in quotes.values():
        if len(positions) % 2 == 0:  # pairs only: an odd count cannot be told open from close
            edits += [(p, p + 1, "“" if k % 2 == 0 else "”") for k, p in enumerate(positions)]
    return edits


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


def _chinese(char: str) -> bool:
    if not char:
        return False
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return True
    return unicodedata.east_asian_width(char) in ("W", "F") and not char.isspace()
