"""The fast pattern helpers find exactly what the plain patterns find."""

import re

import pytest

from notice_lint.scan import fast_re

TEXT = ("截至2025年11月，反馈的12个问题已完成整改10个；正在整改2个。该问题已完成整改。\n"
        "二、下一步工作\n已完成整改\n阶段性完成。基本完成\nabc ABC a1 1a\n")

PATTERNS = [
    r"(?P<done>(已完成整改|整改完成)[。；;]|已完成整改$|(该|此)问题已完成整改)|(?P<partial>(阶段性完成|基本完成)[。；;]?)",
    r"(?m)(已完成整改|基本完成)$",
    r"(?<=反馈的)([0-9]+)个",
    r"(a|b)*c",          # can start with c: the repeat may be empty
    r"([0-9]|[a-z])[A-Z0-9]",
    r"(?:x?)",           # can match the empty string: left alone
    r"(?i)(abc)",        # case-insensitive: left alone
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_fast_re_matches_like_re(pattern):
    plain, fast = re.compile(pattern), fast_re(pattern)
    assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert [m.groupdict() for m in fast.finditer(TEXT)] == [m.groupdict() for m in plain.finditer(TEXT)]
    assert fast.groups == plain.groups


def test_fast_re_adds_a_lookahead_only_where_it_helps():
    assert fast_re(PATTERNS[0]).pattern.startswith("(?=[")
    assert fast_re(r"(a|b)*c").pattern.startswith("(?=[abc])")
    assert fast_re("已完成|正在").pattern == "已完成|正在"   # literal branches: re finds them itself
    assert fast_re("(?:x?)").pattern == "(?:x?)"
    assert fast_re("(?i)(abc)").pattern == "(?i)(abc)"
    assert fast_re(r"(?m)(已完成整改|基本完成)$").pattern == r"(?m)(已完成整改|基本完成)$"
    assert fast_re(r"(?m)(?:(已完成)|(基本))$").pattern.startswith("(?m)(?=[")


def test_han_ranges_are_the_han_script_of_the_regex_module():
    import regex

    from notice_lint.scan import HAN_RANGES
    ours, theirs = re.compile(f"[{HAN_RANGES}]"), regex.compile(r"\p{Han}")
    differ = [hex(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
              and bool(ours.match(chr(cp))) != bool(theirs.match(chr(cp)))]
    assert differ == [], "regenerate HAN_RANGES for this regex release"


@pytest.mark.parametrize("pattern", [r"(?<=\p{Han})[(（]", r"^[\p{Han}0-9０-９A-Za-z“‘《（(]", r"\p{Han}+",
                                     r"[；;，,（(）)\s。]|\p{Han}", r"[^\p{Han}\]]+"])
def test_patterns_with_han_run_on_the_standard_engine_and_match_alike(pattern):
    import regex

    from notice_lint.scan import shipped_pattern
    text = "县林业局(2025)第3号 abc]，“通知”（一）据(jù)" + TEXT
    ours, theirs = shipped_pattern(pattern), regex.compile(pattern)
    assert isinstance(ours, re.Pattern)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
