"""The outline: parsed once from the view, on drafts written for these tests."""

from __future__ import annotations

import datetime

import pytest
from conftest import CLEAN, draft

from notice_lint.document import Document


def outline(text: str, repaired: bool = False):
    """The outline of `text` as written (the heading grammar sees the brackets typed); with
    `repaired`, of the view the rules read."""
    if repaired:
        return Document.from_text(text).outline
    return Document.from_text(text, repairer=None).outline


def line_of(doc_text: str, offset: int) -> int:
    return doc_text.count("\n", 0, offset) + 1


def test_clean_notice_outline():
    o = outline(CLEAN)
    assert o.title.text == "中共青石县水利局党组关于巡察整改进展情况的通报"
    assert o.title.organ == "中共青石县水利局党组"
    assert o.preamble.text.startswith("根据县委统一部署")
    assert [(h.level, h.number) for h in o.headings] == [
        (1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (1, 3)]
    assert [s.heading.title for s in o.sections] == [
        "组织整改落实情况", "巡察反馈问题整改进展情况", "下一步工作安排"]
    assert o.supervision is not None
    kinds = [(f.kind, f.value) for f in o.contact.fields]
    assert kinds == [("phone", "0739-5551234"), ("address", "青石县河滨路8号"),
                     ("postcode", "422100"), ("email", "qsslj@163.com")]
    assert o.period.label == "公开期限"
    assert o.period.first.date == datetime.date(2024, 11, 15)
    assert o.period.last.date == datetime.date(2024, 12, 14)
    assert o.signature.organ_name == "中共青石县水利局党组"
    assert o.notice_date == datetime.date(2024, 11, 15)


def test_two_line_title_with_issuer_mark_and_document_number():
    o = outline(draft("""
        中共丰源市委员会文件

        丰发〔2025〕12号

        中共丰源市委
        关于十三届省委第二轮巡视整改进展情况的通报

        根据省委统一部署，2025年3月3日至5月9日，省委第七巡视组对丰源市进行了巡视。
    """))
    assert o.issuer_mark.text == "中共丰源市委员会文件"
    assert o.doc_number.match["year"] == "2025"
    assert o.doc_number.brackets == "〔〕"
    assert [p.text for p in o.title.paragraphs] == ["中共丰源市委",
                                                    "关于十三届省委第二轮巡视整改进展情况的通报"]
    assert o.title.organ == "中共丰源市委"
    assert o.preamble.text.startswith("根据省委")


def test_no_title_when_the_text_opens_with_the_preamble():
    o = outline("根据区委统一部署，区委第一巡察组对区财政局党组进行了巡察。\n一、组织整改落实情况\n")
    assert o.title is None
    assert o.preamble.text.startswith("根据区委")


@pytest.mark.parametrize(("line", "level", "number", "opening", "punct", "space"), [
    ("一、组织整改落实情况", 1, 1, "", "、", ""),
    ("十二、其他", 1, 12, "", "、", ""),
    ("（三）强化督导。局党组每月调度。", 2, 3, "（", "", ""),
    ("(二) 防火设施建设滞后", 2, 2, "(", "", " "),
    ("（一）、学习不深入", 2, 1, "（", "、", ""),
    ("3.医保基金使用不严格", 3, 3, "", ".", ""),
    ("2、价格监测预警不及时", 3, 2, "", "、", ""),
    ("（4）专项资金拨付滞后", 4, 4, "（", "", ""),
])
def test_heading_forms(line, level, number, opening, punct, space):
    o = outline(f"标题关于整改的通报\n根据县委统一部署，进行了巡察。\n{line}\n正文。\n")
    (h,) = o.headings
    assert (h.level, h.number, h.opening, h.punct, h.space) == (level, number, opening, punct,
                                                                space)


@pytest.mark.parametrize("line", ["一是加强组织领导。", "1.2万元已追回。", "2024年11月完成。",
                                  "十二届省委第五轮巡视", "（注：略）"])
def test_body_lines_are_not_headings(line):
    o = outline(f"标题关于整改的通报\n根据县委统一部署，进行了巡察。\n{line}\n")
    assert o.headings == ()


def test_inline_heading_title_stops_at_the_first_full_stop():
    o = outline("标题关于整改的通报\n根据县委部署。\n（一）提高政治站位。始终把整改作为政治任务。\n")
    (h,) = o.headings
    assert h.title == "提高政治站位"
    assert h.inline


def test_contact_fields_on_separate_lines_and_multiple_phones():
    o = outline(draft("""
        欢迎广大干部群众对巡察整改落实情况进行监督。
        联系电话：0738-3512206，13907381526
        邮政地址：新岭县梅苑南路15号
        邮政编码：417600
        电子信箱：xl_dzb@163.com
        中共新岭县人社局党组
        2025年4月21日
    """))
    fields = {f.kind: f.value for f in o.contact.fields}
    assert fields == {"phone": "0738-3512206，13907381526", "address": "新岭县梅苑南路15号",
                      "postcode": "417600", "email": "xl_dzb@163.com"}


def test_a_word_like_phone_in_the_body_is_not_a_contact_field():
    o = outline(draft("""
        一、组织整改落实情况
        在招聘公告中明确报名截止日期和咨询电话，接受社会监督。
    """))
    assert o.contact is None


@pytest.mark.parametrize(("statement", "first", "last"), [
    ("公开期限：2025年11月12日至12月11日。", (2025, 11, 12), (2025, 12, 11)),
    ("公示期：2025年1月8日至1月22日", (2025, 1, 8), (2025, 1, 22)),
    ("公开时间为2024年12月20日至1月19日", (2024, 12, 20), (2025, 1, 19)),
    ("公开期限：2024年12月6日至2024年1月5日", (2024, 12, 6), (2024, 1, 5)),
])
def test_period_forms(statement, first, last):
    o = outline(f"监督。\n{statement}\n")
    assert (o.period.first.year, o.period.first.month, o.period.first.day) == first
    assert (o.period.last.year, o.period.last.month, o.period.last.day) == last


def test_period_as_a_duration():
    o = outline("公示期为5个工作日。\n")
    assert o.period.first is None
    assert o.period.duration == (5, "工作日")


def test_signature_with_organ_and_date_on_one_line():
    o = outline("正文。\n中共青石县水利局党组　　2024年11月15日\n")
    assert o.signature.organ_name == "中共青石县水利局党组"
    assert o.notice_date == datetime.date(2024, 11, 15)


def test_signature_with_chinese_numeral_date():
    o = outline("正文。\n中共青石县水利局党组\n二〇二四年十一月十五日\n")
    assert o.notice_date == datetime.date(2024, 11, 15)


def test_organ_without_date_and_no_signature_at_all():
    assert outline("正文。\n中共青石县水利局党组\n").signature.date is None
    assert outline("正文。\n中共青石县水利局党组\n").signature.organ_name == "中共青石县水利局党组"
    assert outline("正文。\n联系电话：0739-5551234。\n").signature.organ is None


def test_counts_and_rates():
    text = "巡察反馈的4个方面十二个问题，已完成整改十个，阶段性完成两个，整改完成率83.33%。"
    o = outline(text)
    assert [(c.value, c.unit, c.noun) for c in o.counts] == [
        (4, "个", "方面"), (12, "个", "问题"), (10, "个", ""), (2, "个", "")]
    assert [(r.value, r.decimals) for r in o.rates] == [(83.33, 2)]


def test_paragraphs_are_stripped_lines_with_their_offsets():
    text = "\ufeff  标题\n\n\u3000\u3000正文一。\u200b \n \t\u3000\n末行"
    o = outline(text)
    assert [(p.index, p.text) for p in o.paragraphs] == [(0, "标题"), (1, "正文一。"), (2, "末行")]
    assert all(o.text[p.start:p.end] == p.text for p in o.paragraphs)


def test_counts_need_a_number_just_before_the_measure_word():
    o = outline("各个单位、这项工作共3个月，完成1.5个点位，新建 5 项制度，统一是2个。")
    assert [(c.value, c.unit, c.noun) for c in o.counts] == [(5, "项", "制度"), (2, "个", "")]


def test_years_are_implied_from_the_text_before_and_the_notice_date():
    o = outline("2024年7月12日反馈。截至10月31日完成。\n中共某局党组\n2024年11月15日\n")
    assert [d.date for d in o.dates] == [datetime.date(2024, 7, 12),
                                          datetime.date(2024, 10, 31),
                                          datetime.date(2024, 11, 15)]
    o = outline("截至10月31日完成。\n中共某局党组\n2024年11月15日\n")
    assert o.dates[0].year == 2024 and not o.dates[0].year_given


# -- coordinates: the outline's spans are offsets of the original text -------------------------

DAMAGED = draft("""
    中共青石县水利局党组关于巡察整改进展情况的通报
    根据县委统一部署，2024年3月1日至4月30日，县委第二巡察组对县水利局党组进行了巡察，并
    于5月20日反馈了巡察意见。局党组践行&ldquo;两个维护&rdquo;，召开专题会议研究整改。
      一、组织整改落实情况
    局党组召开专题会议，整改问题12个，整改完成率100%。
    联系电话：0739-5551234
    公开期限：2024年11月15日至12月14日
""")


def test_a_plugin_reading_the_outline_reports_the_line_the_user_sees():
    """A PDF copy broke the preamble and a web editor left entities: the view is repaired (one
    line fewer, shorter), yet `heading.start` passed to `document.locate` is line 4, column 3."""
    document = Document.from_text(DAMAGED)
    assert not document.view.is_identity
    (heading,) = document.outline.headings
    span = document.locate(heading.start, heading.end)
    assert (span.line, span.column) == (4, 3)
    assert document.text[heading.start:heading.end] == "一、组织整改落实情况"
    assert document.position(heading.start) == (4, 3)


def test_every_element_spans_its_original_text():
    document = Document.from_text(DAMAGED)
    o, text = document.outline, document.text
    preamble = text[o.preamble.start:o.preamble.end]   # one paragraph of the view, two lines
    assert preamble.startswith("根据县委") and preamble.endswith("研究整改。") and "\n" in preamble
    (count,) = [c for c in o.counts if c.value == 12]
    assert text[count.start:count.end] == "12个"
    (rate,) = o.rates
    assert text[rate.start:rate.end] == "100%"
    (field,) = o.contact.fields
    assert text[field.start:field.end] == "联系电话：0739-5551234"
    assert text[o.period.start:o.period.end] == "公开期限：2024年11月15日至12月14日"
    assert [text[d.start:d.end] for d in o.dates][:2] == ["2024年3月1日", "4月30日"]
    (section,) = o.sections
    assert text[section.start:section.end].startswith("一、组织整改落实情况")


def test_view_offsets_are_named_as_such():
    document = Document.from_text(DAMAGED)
    (heading,) = document.outline.headings
    view = document.view
    assert view.text[heading.view_start:heading.view_marker_end] == "一、"
    assert view.locate(heading.view_start, heading.view_marker_end).line == 4


# -- the engine parses the outline once, before the rules ---------------------------------------

def test_a_fault_in_the_outline_parser_is_one_error_naming_the_file(tmp_path, capsys,
                                                                      monkeypatch):
    from notice_lint.cli import main
    from notice_lint.outline import headings

    def broken(*args, **kwargs):
        raise RuntimeError("parser fault")

    monkeypatch.setattr(headings, "find_headings", broken)
    path = tmp_path / "d.txt"
    path.write_text(CLEAN, encoding="utf-8")
    status = main([str(path), "--isolated", "--jobs", "1"])
    _, err = capsys.readouterr()
    assert status == 2
    (line,) = err.strip().splitlines()
    assert "d.txt" in line and "parser fault" in line
    assert "规则" not in line and "rule " not in line


@pytest.mark.parametrize(("select", "parsed"), [
    (["confusables"], True),          # reads no heading: the headings are never parsed
    (["formulations", "punctuation"], True),
    (["heading-numbering"], False),   # reads the headings: the fault is the file's error
    (None, False),                    # every rule
])
def test_only_the_outline_parts_a_selected_rule_reads_are_parsed(monkeypatch, select, parsed):
    from notice_lint import lint_text
    from notice_lint.outline import headings

    def broken(*args, **kwargs):
        raise RuntimeError("parser fault")

    monkeypatch.setattr(headings, "find_headings", broken)
    result = lint_text(CLEAN.replace("研究部署", "研究布署"), select=select, plugins=False)
    assert (result.error is None) == parsed
    if parsed:
        assert not result.crashes
    if select == ["confusables"]:
        assert [f.rule for f in result.findings] == ["confusables"]


def test_a_rule_that_does_not_say_what_it_reads_gets_the_whole_outline(monkeypatch):
    from notice_lint.engine import _reads

    class Quiet:
        id = "quiet"
        severity = "info"
        reads = ()

    class Silent:   # a third party's rule from before `reads`: everything is parsed for it
        id = "silent"
        severity = "info"

    class Odd:      # a part the outline does not have: everything, never a missing part
        id = "odd"
        severity = "info"
        reads = ("headlines",)

    def active(*rules):
        from types import SimpleNamespace
        return [SimpleNamespace(loaded=SimpleNamespace(rule=r)) for r in rules]

    assert _reads(active(Quiet())) == frozenset()
    assert _reads(active(Quiet(), Silent())) is None
    assert _reads(active(Odd())) is None


class LongHeading:
    """A third party's rule, as the README writes one: it reads the outline and reports at
    `document.position(heading.start)`."""

    id = "long-heading"
    description = "标题不宜过长"
    severity = "info"

    def check(self, document, options):
        from notice_lint import Finding

        for heading in document.outline.headings:
            line, column = document.position(heading.start)
            yield Finding(rule=self.id, line=line, column=column, message="标题过长",
                          severity=self.severity)


def test_a_plugin_rule_run_by_the_engine_reports_the_line_the_user_sees():
    from conftest import make_linter

    from notice_lint.engine import Linter
    from notice_lint.plugins import LoadedRule

    builtins = make_linter()
    linter = Linter(builtins.config, [*builtins.rules, LoadedRule(LongHeading(), "my-plugin")],
                    select=["long-heading"])
    result = linter.lint(Document.from_text(DAMAGED, "d.txt"))
    assert not result.crashes and result.error is None
    assert [(f.line, f.column) for f in result.findings] == [(4, 3)]


def test_a_large_drafts_paragraphs_read_their_text_from_the_view(monkeypatch):
    """Past a size, a paragraph's text is cut out of the view when read; it is the same
    paragraph, comparing, hashing and unpacking as the tuple of its fields."""
    from notice_lint.outline import model

    text = "  标题\n\n\u3000正文第一段。 \n"
    small = outline(text).paragraphs
    monkeypatch.setattr(model, "_LARGE", 0)
    large = outline(text).paragraphs
    assert type(large[1]) is not type(small[1])
    assert [p.text for p in large] == ["标题", "正文第一段。"]
    assert large == small and hash(large[1]) == hash(small[1])
    assert tuple(large[1]) == tuple(small[1]) == (1, 7, 13, "正文第一段。", 7, 13)
    assert text[large[1].start:large[1].end] == large[1].text
    assert len({*large, *small}) == 2
    assert repr(large[1]) == repr(small[1])


def test_the_dotted_date_gate_says_what_its_pattern_says():
    import random

    from notice_lint.outline.date_mentions import DOTTED_HINT, may_hold_dotted_date

    rng = random.Random(16)
    pieces = ["2024", "1999", "20", "19", "2", "0", "9", "１", "９", ".", "．", "/", "／", "-", "—",
              "年", "月", " ", "a", "\n", "第3.", "2024.", "19９9.1"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(20000)]
    found = 0
    for text in texts:
        assert may_hold_dotted_date(text) == bool(DOTTED_HINT.search(text)), text
        found += may_hold_dotted_date(text)
    assert found > 1000


def test_every_built_in_rule_names_parts_the_outline_can_parse():
    # a name the outline does not know makes the engine parse every part for every file
    from notice_lint.outline.model import Outline
    from notice_lint.plugins import collect_rules, make_plugin_manager

    rules, _ = collect_rules(make_plugin_manager()[0])
    known = {*Outline.PARTS, "profile"}
    assert rules
    for loaded in rules:
        assert set(loaded.rule.reads) <= known, loaded.id


@pytest.mark.parametrize("padding", [0, 20_000])
def test_sentences_end_at_stops_and_line_breaks_in_short_and_long_drafts(padding):
    # a notice's sentences are looked for around an offset, a long draft's read from a table
    # of every stop: both find the same sentence
    from notice_lint.outline.model import Outline
    from notice_lint.textview import TextView

    text = "甲" * padding + "一是整改。二是落实！三是\n四是监督？五是"
    base = padding
    outline = Outline(TextView.identity(text, None))
    assert outline.sentence_around(base + 6) == (base + 5, base + 10)   # 二是落实！
    assert outline.sentence_start(base + 6) == base + 5
    assert outline.sentence_around(base + 11) == (base + 10, base + 12)  # 三是, up to the break
    assert outline.sentence_around(base + 14) == (base + 13, base + 18)  # 四是监督？
    assert outline.sentence_around(base + 19) == (base + 18, len(text))  # 五是, to the end
    assert outline.sentence_start(0) == 0
