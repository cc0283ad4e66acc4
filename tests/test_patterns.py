"""The pattern layer: shipped patterns match as `regex` would, compile on first use; users' are
refused when unsafe and stop at their time budget."""

from __future__ import annotations

import pickle
import time

import pytest
import regex

from notice_lint.patterns import (
    BUDGET,
    Budget,
    PatternTimeout,
    UnsafePattern,
    near,
    shipped_pattern,
    user_pattern,
)

TEXT = ("截至2025年11月，反馈的12个问题已完成整改10个；正在整改2个。该问题已完成整改。\n"
        "二、下一步工作\n已完成整改\n阶段性完成。基本完成\nabc ABC a1 1a\n"
        "县林业局(2025)第3号 abc]，“通知”（一）据(jù) 2025年3月5日至4月10日 向群众反应问题\n")

SHIPPED = [
    r"(?P<done>(已完成整改|整改完成)[。；;]|已完成整改$|(该|此)问题已完成整改)|(?P<partial>(阶段性完成|基本完成)[。；;]?)",
    r"(?m)(已完成整改|基本完成)$",
    r"(?<=反馈的)([0-9]+)个",
    r"(a|b)*c",
    r"([0-9]|[a-z])[A-Z0-9]",
    r"(?i)(abc)",
    r"(?<=\p{Han})[(（]",                 # \p{Han}: the standard engine, as ranges
    r"^[\p{Han}0-9０-９A-Za-z“‘《（(]",
    r"\p{Han}+",
    r"[；;，,（(）)\s。]|\p{Han}",
    r"[^\p{Han}\]]+",
    r"(?<=向.{0,8})反应",                  # a variable-width lookbehind: only `regex` reads it
    r"\p{Script=Latin}+",
]


@pytest.mark.parametrize("source", SHIPPED)
def test_a_shipped_pattern_matches_what_regex_matches(source):
    ours, theirs = shipped_pattern(source), regex.compile(source)
    assert [(m.span(), m.groupdict()) for m in ours.finditer(TEXT)] == \
        [(m.span(), m.groupdict()) for m in theirs.finditer(TEXT)]
    assert ours.groups == theirs.groups and dict(ours.groupindex) == dict(theirs.groupindex)
    assert [m.span() for m in ours.finditer(TEXT, 10, 60)] == \
        [m.span() for m in theirs.finditer(TEXT, 10, 60)]
    assert ours.sub("_", TEXT) == theirs.sub("_", TEXT)
    assert ours.pattern == source


def test_a_pattern_is_compiled_on_first_use_only():
    dates = shipped_pattern(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
    broken = shipped_pattern("(unclosed")          # costs nothing, fails only where it is used
    assert not dates.is_compiled and not broken.is_compiled
    assert dates.search("3月5日")["d"] == "5"
    assert dates.is_compiled
    with pytest.raises((regex.error, ValueError)):
        broken.search("x(unclosed")   # where a match could be, it is compiled, and fails
    copy = pickle.loads(pickle.dumps(shipped_pattern("月")))   # as a worker process gets it
    assert not copy.is_compiled and copy.search("3月").start() == 1


def test_a_pattern_is_not_compiled_for_a_text_lacking_a_literal_every_match_holds():
    # a small draft's run meets many patterns only in texts where they cannot match: they are
    # never compiled (each costs what a few hundred `in` tests cost), with the same answers
    source = r"(?P<wrong>坚持)[“\"‘]?两个(?:维护|确立)"
    pattern = shipped_pattern(source)
    text = "坚持党的领导，做到两个维护。" * 3
    assert pattern.search(text) is None and pattern.findall(text) == []
    assert list(pattern.finditer(text)) == [] and pattern.match(text) is None
    assert pattern.fullmatch(text) is None
    assert not pattern.is_compiled
    assert pattern.search("要坚持两个维护", 1).span() == (1, 7)   # a position given: compiled
    assert pattern.is_compiled
    fresh = shipped_pattern(source)
    assert [m.span() for m in fresh.finditer("坚持“两个确立”，坚持两个维护")] == [(0, 7), (9, 15)]
    assert fresh.is_compiled


def test_bytes_patterns_and_flags():
    assert shipped_pattern(rb"[\x00-\x08]").search(b"a\x01").start() == 1
    assert shipped_pattern("ABC", regex.I).search("xabc").span() == (1, 4)


def test_han_is_the_han_script_of_notices():
    han = shipped_pattern(r"\p{Han}")
    for first, last in [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF)]:
        assert all(han.match(chr(cp)) for cp in range(first, last + 1, 7))
    assert all(han.match(c) for c in "〇々巡察整改")
    assert not any(han.match(c) for c in "，。、；：？！“”（）《》【】　a1０Ａ")


def test_near_finds_what_a_full_scan_finds():
    dates = shipped_pattern(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
    text = TEXT * 3 + "12月31日" + "月" * 50 + "2026年1月1日"
    assert [m.span() for m in near(dates, text, shipped_pattern("月"), 10, 6)] == \
        [m.span() for m in dates.finditer(text)]


@pytest.mark.parametrize(("source", "why"), [
    (r"(a+)+", "灾难性回溯"), (r"(甲|甲甲)+丙", "灾难性回溯"), (r"(\w+\s?)*$", "灾难性回溯"),
    (r"帐号|", "空文本"), (r"(?:帐号)*", "空文本"), (r"\b", "空文本"),
])
def test_an_unsafe_user_pattern_is_refused(source, why):
    with pytest.raises(UnsafePattern, match=why) as refused:
        user_pattern(source)
    assert source in str(refused.value)


def test_a_user_pattern_is_checked_for_the_group_that_is_the_match():
    with pytest.raises(UnsafePattern, match="空文本"):
        user_pattern("向(?P<wrong>反应)?", "wrong")
    assert user_pattern("向(?P<wrong>反应)?") is not None  # the whole always matches 向
    assert user_pattern("(?P<wrong>反应)迅速", "wrong").search("反应迅速")


def test_a_user_pattern_that_is_no_pattern_is_a_regex_error():
    with pytest.raises(regex.error):
        user_pattern("(unclosed")


class Owner:
    def describe(self) -> str:
        return "u.yaml:3 (甲)"


def test_a_slow_user_pattern_stops_at_its_budget_naming_its_owner():
    slow = regex.compile("甲+乙*(?:[甲乙]){2,}乙*甲{0,3}[甲乙]甲{0,3}(?:甲|乙)(?:甲{0,3}甲+甲+)?丙")
    text = "甲甲甲甲甲丙。\n" + ("甲" * 80 + "\n") * 6
    budget, owner = Budget(), Owner()
    started = time.monotonic()
    with pytest.raises(PatternTimeout, match=r"u\.yaml:3"):
        for lo in range(0, len(text), 20):      # the searches share one budget
            budget.finditer(owner, slow, text, lo, len(text))
    assert time.monotonic() - started < BUDGET * 3


def test_a_spent_budget_refuses_the_next_search():
    budget, owner = Budget(), Owner()
    compiled = user_pattern("甲乙")
    assert budget.search(owner, compiled, "甲乙") and not budget.search(owner, compiled, "乙")
    budget.spend(owner, BUDGET)
    with pytest.raises(PatternTimeout):
        budget.search(owner, compiled, "甲乙")
    assert Budget().search(owner, compiled, "甲乙")  # a new text, a new budget


@pytest.mark.parametrize("source", [
    r"(?:(?P<email>E-?mail)|(?P<phone>联系电话))[:：]",   # branches of grouped literals
    r"(?P<wrong>(?<![A-Za-z])[Xx×]{2,})",               # a lookbehind first
    r"(?m)(?<=：)\d+$",
])
def test_patterns_the_standard_engine_cannot_scan_for_match_alike(source):
    text = "联系电话：12345\nEmail: a@b.c\n编号：XX号 ax× Xx×\n：7\n"
    ours, theirs = shipped_pattern(source), regex.compile(source)
    assert [(m.span(), m.groupdict()) for m in ours.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in theirs.finditer(text)]


def _hand_accelerated() -> list[str]:
    """The shipped patterns that open with a lookahead of the characters a match starts with,
    written by hand (or built from the data) so that the standard engine skips the others."""
    from notice_lint import load_data
    from notice_lint.checks import _counting
    from notice_lint.outline import date_mentions as dates
    from notice_lint.outline.vocabulary import builtin_vocabulary
    from notice_lint.repairs import halfwidth

    counting = _counting.vocabulary()
    return [dates.MONTH_DATE_RE.pattern, halfwidth.PROTECTED_SPANS.pattern, counting.any_status.pattern,
            counting.pool_gate.pattern, builtin_vocabulary().contact_label.pattern,
            load_data("notice_lint.configs", "sections.yaml")["preamble"]["inspection"]]


# every character a pattern could start with, but the surrogates
_EVERY_CHARACTER = "".join(chr(c) for c in range(0x40000) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("source", _hand_accelerated())
def test_an_opening_lookahead_lets_through_every_character_a_match_starts_with(source):
    from notice_lint.patterns.tree import openings, parse

    lookahead = regex.match(r"\(\?=((?:\[(?:\\.|[^\]\\])*\])|[^()\[\\|?*+{])\)", source)
    assert lookahead, source
    rest = source[lookahead.end():]
    atoms = openings(parse(rest))
    assert atoms, rest
    for atom in atoms:  # no character the atom matches is kept out by the lookahead
        outside = regex.search(f"(?!{lookahead.group(1)}){atom}", _EVERY_CHARACTER)
        assert outside is None, (atom, outside)
    # and the lookahead changes no match
    assert [m.span() for m in regex.finditer(source, TEXT)] == \
        [m.span() for m in regex.finditer(rest, TEXT)]


def _garbled_texts() -> list[str]:
    """The examples, and many near misses: each piece of a garbled date, or something else."""
    import random

    rng = random.Random(15)
    slots = [["", "A", "1", ".", "/", "０", "日", "年"], ["日", "", "号"], ["", " ", "\t ", "\u3000"],
             ["至", "到", "—", "－", "~", "～", "", "起"], ["", " ", "\t"],
             ["2024", "1999", "2100", "20", "19"], ["", " ", "年", " 年 "],
             ["830", "1231", "12", "0717", "８３０", "7", "12345"], ["", " ", "\t"], ["日", "号", ""],
             ["", "至830日", "2024717日", "A"]]
    dates = _dates_data()
    return [*dates["garbled_examples"]["fail"], *dates["garbled_examples"]["pass"],
            *("".join(rng.choice(slot) for slot in slots) for _ in range(20000))]


def _dates_data() -> dict:
    from notice_lint import load_data

    return load_data("notice_lint.configs", "dates.yaml")


def test_the_garbled_date_finds_what_its_plain_form_finds():
    # the lookbehind written first, as one would read it
    plain = regex.compile(r"(?<![0-9０-９.．/\-A-Za-z])(?P<y>(?:19|20)[0-9０-９]{2})"
                          r"(?:[ \t]*年[ \t]*)?(?P<md>[0-9０-９]{2,4})[ \t]*日")
    garbled = shipped_pattern(_dates_data()["garbled"])
    for text in _garbled_texts():
        assert [(m.span(), m.groupdict()) for m in garbled.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def test_a_text_with_a_garbled_range_end_has_its_hint():
    dates = _dates_data()
    end, hint = shipped_pattern(dates["garbled_range_end"]), shipped_pattern(dates["garbled_range_hint"])
    found = 0
    for text in _garbled_texts():
        if end.search(text):
            found += 1
            assert hint.search(text), text
    assert found > 100


def _shipped_entry_patterns() -> list[str]:
    from notice_lint import load_data

    found = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("pattern", "flag_when", "allow_when"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("confusables.yaml", "formulations.yaml", "names.yaml", "inspection.yaml"):
        walk(load_data("notice_lint.configs", name))
    return found


def _near_misses(pattern: str, rng) -> list[str]:
    """Texts built from the pattern's own pieces: many match, many just miss."""
    pieces = [p for p in regex.split(r"[\\()\[\]{}|?*+.^$<>=!:]+", pattern) if p]
    pieces += ["", "“", "\"", "，", "。", "的", "1", "３", "人", "次", "\n", " ", "巡察", "组"]
    texts = []
    for _ in range(300):
        words = [rng.choice(pieces) for _ in range(rng.randrange(1, 6))]
        text = "".join(words)
        if len(text) > 1 and rng.random() < 0.5:   # a piece cut: a literal just missed
            cut = rng.randrange(len(text))
            text = text[:cut] + text[cut + 1:]
        texts.append(text)
    return texts


def test_a_gate_read_from_a_pattern_never_refuses_a_text_it_matches():
    import random

    from notice_lint.patterns.literals import may_match, required

    rng = random.Random(16)
    patterns = _shipped_entry_patterns()
    assert len(patterns) >= 40
    gated = checked = 0
    for pattern in patterns:
        needs = required(pattern)
        gated += bool(needs)
        compiled = regex.compile(pattern)
        for text in _near_misses(pattern, rng):
            if compiled.search(text):
                checked += 1
                assert may_match(needs, text), (pattern, needs, text)
    assert gated >= 0.8 * len(patterns)
    assert checked > 500


@pytest.mark.parametrize(("pattern", "needs"), [
    ("人次(达|为)?[0-9]+(万|余)?(?P<wrong>人)(?!次)", [{"人次"}, {"人"}]),
    ("[0-9０-９](?P<wrong>立方)(?!米)", [{"立方"}]),
    ('(?P<wrong>做到)[“"]?两个确立', [{"做到两个确立", "做到“两个确立", '做到"两个确立'}]),
    ("(?P<wrong>习近平新时代[\\p{Han}]{1,12}?思想)", [{"习近平新时代"}, {"思想"}]),
    ("向[^，。]{0,10}反应|反应(了|过)?(情况|问题)|如实反应", [{"反应"}]),
    ("巡[视察查]组", [{"巡视组", "巡察组", "巡查组"}]),
    ("a\\nb", [{"a\nb"}]),
    ("(?:19|20)[0-9]{2}", [{"19", "20"}]),
    # what the tree does not model, or a flag that matches other text, says nothing
    ("(?i)abc", []), ("ab(?i:c)", []), ("[a-z]+", []), ("a?", []), ("(a|)b?", []),
    ("\\L<words>", []), ("(?:abc){e<=1}", []),
])
def test_the_literals_every_match_contains_are_read_from_the_pattern(pattern, needs):
    from notice_lint.patterns.literals import required

    assert [set(s) for s in required(pattern)] == needs


@pytest.mark.parametrize(("pattern", "needs"), [
    ("反应(了|过)?(情况|问题)", []),                 # one literal first: the engine skips to it
    ("(?P<wrong>(?:党委|党组)[（(])", []),
    ("向[^，。]{0,10}反应|反应(情况|问题)|如实反应", [{"反应"}]),
    ("[0-9０-９](?P<wrong>立方)", [{"立方"}]),         # a class first: a gate pays
    ("[（(](?:单位名称|姓名)[）)]", []),             # two characters first, no single literal
])
def test_a_gate_is_kept_only_where_it_is_cheaper_than_the_search(pattern, needs):
    from notice_lint.patterns.literals import gate

    assert [set(s) for s in gate(pattern)] == needs


def test_shipped_entries_need_no_handwritten_literal():
    # every `pattern:` of the shipped substitution data is gated by what it is read to need
    from notice_lint.patterns.literals import required

    entries = [p for p in _shipped_entry_patterns() if "(?P<wrong>" in p]
    assert len(entries) >= 5
    for pattern in entries:
        assert required(pattern), pattern


def test_an_entry_is_searched_only_where_its_needs_occurs():
    from notice_lint.data import DataError
    from notice_lint.substitution import Substitutions, parse_entries

    entry = {"pattern": "(?P<wrong>做到)两个确立", "needs": "两个确立", "right": "捍卫"}
    found = Substitutions(parse_entries([entry], "test"))
    assert [(s, e) for s, e, _ in found.find("坚决做到两个确立。")] == [(2, 4)]
    assert list(found.find("坚决做到两个维护。")) == []
    # without `needs:`, the literal is read from the pattern: a text without it is not searched
    # (a pattern opening with one literal is searched at once: the engine skips to it faster)
    derived = Substitutions(parse_entries([{"pattern": "(?P<wrong>向[^，。]{0,6}反应)|如实反应",
                                            "right": "反映"}], "t", trusted=True))
    rest = "其余各项工作按计划推进。" * 30   # a whole draft: a short text is searched at once
    assert list(derived.find("及时向巡察组反映。" + rest)) == []
    assert not derived.entries[0].pattern.compiled.is_compiled
    assert [(s, e) for s, e, _ in derived.find("及时向巡察组反应。" + rest)] == [(2, 8)]
    with pytest.raises(DataError, match="needs"):
        parse_entries([{"wrong": "做到", "needs": "做到", "right": "捍卫"}], "test")


def test_the_dispatcher_lookahead_changes_no_match():
    import random

    from notice_lint import load_data

    source = load_data("notice_lint.configs", "profiles.yaml")["dispatcher_patterns"]["group"]
    lookahead = regex.match(r"\(\?=[^()]*\)", source)
    fast, plain = shipped_pattern(source), regex.compile(source[lookahead.end():])
    rng = random.Random(15)
    pieces = ["县委", "省委", "第三", "第12", "轮", "巡察", "巡视", "巡查", "组", "安全生产专项", "专项",
              "提级", "机动", "交叉", "，", "。", "：", " ", "\n", "“", "根据", "集团党委", "对", "进行了",
              "十二届市委", "一二三四五六七八九十", "abcdefghij"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14))) for _ in range(20000)]
    farthest = "甲" * 24 + ("乙" * 12 + "专项") * 3 + "巡察组"   # the word 66 characters on
    assert fast.match(farthest) and plain.match(farthest)
    texts += [farthest, "，" + farthest, farthest[1:], "甲" + farthest]
    matched = 0
    for text in texts:
        found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text
        matched += bool(found)
    assert matched > 200


def test_the_placeholder_pattern_finds_what_its_plain_form_finds():
    import random

    from notice_lint import load_data

    entries = load_data("notice_lint.configs", "names.yaml")["template_leftovers"]
    (source,) = [e["pattern"] for e in entries if "XxＸｘ×" in e["pattern"]]
    # the lookbehind written first, as one would read it
    plain = regex.compile(r"(?P<wrong>(?<![A-Za-z0-9@._\-])[XxＸｘ×]{2,}(?![A-Za-z0-9@._\-]))")
    fast = shipped_pattern(source)
    rng = random.Random(16)
    alphabet = ["X", "x", "Ｘ", "ｘ", "×", "a", "@", ".", "1", " ", "局", "-", "\n", "_"]
    found = 0
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9)))
        spans = [m.span("wrong") for m in fast.finditer(text)]
        assert spans == [m.span("wrong") for m in plain.finditer(text)], text
        found += bool(spans)
    assert found > 1000


@pytest.mark.parametrize(("pattern", "reach"), [
    ("(已完成|完成整改)[^，。；0-9]{0,2}$", 7),   # the longest match, and a final newline
    ("[的对把将有共]$", 2),
    ("a(?!b)$|cd\\Z", 3),
    ("(剩余|其余)[ \\t]*$", None),               # unbounded: searched whole
    ("完成$|完成率", None),                      # a branch that may end anywhere
    ("(?m)完成$", None), ("(?i)ab$", None), ("(?=完成$)", None),
])
def test_how_far_back_a_match_ending_at_the_end_can_start(pattern, reach):
    from notice_lint.patterns.anchored import tail_reach

    assert tail_reach(pattern) == reach


def test_a_pattern_ending_at_the_end_is_searched_in_the_tail_with_the_same_match():
    import random

    from notice_lint import load_data
    from notice_lint.patterns import AtEnd

    raw = load_data("notice_lint.configs", "counts.yaml")
    sources = [*raw["parts"].values(), raw["remainder"], raw["rate_before"],
               *(spec[k] for spec in raw["pools"].values() for k in ("before", "noun_before")
                 if k in spec)]
    rng = random.Random(16)
    words = ["已完成整改", "完成", "整改", "反馈", "的", "问题", "措施", "正在整改", "剩余", " ", "\n",
             "，", "。", "3", "个", "巡察", "交办", "立行立改", "率为"]
    matched = 0
    for source in sources:
        fast, plain = AtEnd(source), regex.compile(source)
        assert fast.reach is not None or "[ \\t]*$" in source, source
        for _ in range(2000):
            text = "".join(rng.choice(words) for _ in range(rng.randrange(0, 12)))
            m, p = fast.search(text), plain.search(text)
            assert (m and (m.span(), m.group())) == (p and (p.span(), p.group())), (source, text)
            matched += p is not None
    assert matched > 1000
