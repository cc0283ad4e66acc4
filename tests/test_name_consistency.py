"""name-consistency: the issuing organ named one way; issuer mark and signature match it."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from notice_lint.checks.name_consistency import distance, parse_organ, vocabulary


def messages(text):
    return [(f.line, f.text("zh")) for f in lint(text, rule="name-consistency")]


def with_sentence(sentence: str) -> str:
    return CLEAN.replace("局党组召开专题会议研究部署整改工作，", sentence)


def test_distance():
    assert distance("衡阳县林业局", "衡阳县林业") == 1
    assert distance("交通运输局", "交通局") == 2


def test_parse_organ():
    vocab = vocabulary()
    assert parse_organ("中共衡阳县林业局党组", vocab).unit == "衡阳县林业局"
    organ = parse_organ("中共长沙市天心区坡子街街道工作委员会", vocab)
    assert (organ.unit, organ.body) == ("长沙市天心区坡子街街道", "工作委员会")
    assert "党工委" in organ.bodies


def test_clean_notice_and_short_forms():
    assert messages(CLEAN) == []
    assert messages(with_sentence("县水利局党组、水利局党组、局党组和本局干部，子局党组织同步落实。")) == []


@pytest.mark.parametrize(("written", "expected"), [
    ("青石县水力局党组", "青石县水利局党组"),
    ("青石县水局党组", "青石县水利局党组"),
    ("青石县水利局党委", "青石县水利局党组"),
])
def test_near_misses(written, expected):
    ((_, message),) = messages(with_sentence(f"{written}召开专题会议研究部署整改工作，"))
    assert message == f"名称“{written}”与发文机关“中共青石县水利局党组”不一致，应为“{expected}”"


def test_committee_organ_and_its_short_forms():
    text = CLEAN.replace("中共青石县水利局党组", "中共青石县城投集团有限公司委员会")
    text = text.replace("局党组召开专题会议", "集团公司党委召开专题会议，青石县城投集团有限公司党委")
    assert messages(text) == []
    wrong = text.replace("青石县城投集团有限公司党委", "青石县城投集团有限公司党组")
    ((_, message),) = messages(wrong)
    assert message.endswith("应为“青石县城投集团有限公司党委”")


def test_issuer_mark_and_signature():
    text = "青石县水利局文件\n\n" + CLEAN
    ((line, message),) = messages(text)
    assert line == 1 and message.startswith("发文机关标志“青石县水利局文件”与发文机关“中共青石县水利局党组”不一致")
    assert messages("中共青石县水利局党组文件\n\n" + CLEAN) == []
    signed = CLEAN.replace("\n中共青石县水利局党组\n", "\n青石县水利局\n")
    ((line, message),) = messages(signed)
    assert message.startswith("落款“青石县水利局”与标题中的发文机关")


def test_other_bodies_are_not_near_misses():
    text = with_sentence("县自然资源局党组、县委第四巡察组、县纪委监委派驻纪检监察组参与督导，")
    assert messages(text) == []


def test_no_organ_no_check():
    assert messages(draft("""
        根据县委统一部署，县委第一巡察组对某局党组进行了巡察。
        某某局党租召开会议。
    """)) == []


# -- party prefixes: 中共 / 中国共产党 before a name ------------------------------------------------

def findings_of(text):
    return [(f.line, f.column, f.rule, f.text("zh")) for f in lint(text, rule="name-consistency")]


PREAMBLE = "县委第四巡察组对县水利局党组进行了巡察。"


def test_strip_party_and_parse_organ():
    from notice_lint.checks.name_consistency import strip_party

    vocab = vocabulary()
    assert strip_party("中共青石县水利局党组", vocab) == "青石县水利局党组"
    assert strip_party("中国共产党青石县水利局党组", vocab) == "青石县水利局党组"
    assert strip_party("青石县水利局党组", vocab) == "青石县水利局党组"
    assert parse_organ("中国共产党青石县水利局党组", vocab).unit == "青石县水利局"


@pytest.mark.parametrize("written", ["中共青石县水利局党组", "中国共产党青石县水利局党组", "中共县水利局党组"])
def test_full_names_after_a_prefix_are_fine(written):
    assert findings_of(CLEAN.replace(PREAMBLE, f"县委第四巡察组对{written}进行了巡察。")) == []


@pytest.mark.parametrize(("written", "column", "shown", "expected"), [
    # the name starts after 中共: never 共青石县…
    ("对中共青石县水力局党组", 36, "青石县水力局党组", "青石县水利局党组"),
    ("对中共青石县水局党组", 36, "青石县水局党组", "青石县水利局党组"),
    ("对中共青石县水利局党委", 36, "青石县水利局党委", "青石县水利局党组"),
    ("对中国共产党青石县水力局党组", 39, "青石县水力局党组", "青石县水利局党组"),
])
def test_near_miss_after_a_prefix(written, column, shown, expected):
    text = CLEAN.replace(PREAMBLE, f"县委第四巡察组{written}进行了巡察。")
    assert findings_of(text) == [
        (3, column, "name-consistency",
         f"名称“{shown}”与发文机关“中共青石县水利局党组”不一致，应为“{expected}”")]


def test_company_committee_after_a_prefix():
    text = CLEAN.replace("中共青石县水利局党组", "中共上海申城集团有限公司委员会")
    text = text.replace(PREAMBLE, "市委第二巡察组对中共上海申城集团有限公司党委进行了巡察。")
    assert findings_of(text) == []
    wrong = text.replace("对中共上海申城集团有限公司党委", "对中共上海申城集团有限公司党组")
    assert findings_of(wrong) == [
        (3, 36, "name-consistency", "名称“上海申城集团有限公司党组”与发文机关“中共上海申城集团有限公司委员会”"
                                    "不一致，应为“上海申城集团有限公司党委”")]


def test_another_organisation_after_a_prefix_is_not_a_near_miss():
    text = CLEAN.replace(PREAMBLE, "县委第四巡察组对县水利局党组进行了巡察，中共青石县自然资源局党组同步整改。")
    assert findings_of(text) == []


def test_prefix_differences_between_title_mark_and_signature():
    text = CLEAN.replace("中共青石县水利局党组关于", "中国共产党青石县水利局党组关于")
    assert findings_of("中共青石县水利局党组文件\n\n" + text) == []
    assert findings_of(CLEAN.replace("\n中共青石县水利局党组\n", "\n青石县水利局党组\n")) == []


def without_title(signature: str, preamble_name: str) -> str:
    text = CLEAN.split("\n", 2)[2]   # no title: only the signature names the organ
    text = text.replace(PREAMBLE, f"县委第四巡察组对{preamble_name}进行了巡察。")
    return text.replace("\n中共青石县水利局党组\n", f"\n{signature}\n")


def test_signature_against_the_full_name_in_the_text():
    assert findings_of(without_title("中共青石县水利局党组", "中共青石县水利局党组")) == []
    text = without_title("中共青山县水利局党组", "中共青石县水利局党组")
    line = text.splitlines().index("中共青山县水利局党组") + 1
    assert findings_of(text) == [
        (line, 1, "name-consistency", "落款“中共青山县水利局党组”与正文中的“中共青石县水利局党组”不一致")]


# -- template leftovers ---------------------------------------------------------------------------

SENTENCE = "局党组召开专题会议研究部署整改工作，"


@pytest.mark.parametrize(("sentence", "column", "message"), [
    ("局党委（党组）召开专题会议研究部署整改工作，", 2,
     "模板残留“党委（党组）”：模板中的备选项未选定，应按本单位实际只保留一种"),
    ("局党组(党委)召开专题会议研究部署整改工作，", 2,
     "模板残留“党组(党委)”：模板中的备选项未选定，应按本单位实际只保留一种"),
    ("××局党组召开专题会议研究部署整改工作，", 1, "模板残留“××”：模板占位符未替换为实际名称"),
    ("局党组召开专题会议，由XXX同志任组长，", 12, "模板残留“XXX”：模板占位符未替换为实际名称"),
    ("局党组召开专题会议，由（单位名称）牵头，", 12,
     "模板残留“（单位名称）”：模板中的填写说明未删除，应替换为实际内容"),
])
def test_template_leftovers(sentence, column, message):
    assert findings_of(CLEAN.replace(SENTENCE, sentence)) == [(7, column, "name-consistency", message)]


@pytest.mark.parametrize("sentence", [
    "局党组压实各级党委（党组）主体责任，召开专题会议，",
    "局党组督促所属单位党委（党组）抓好整改，召开专题会议，",
    "局党组召开专题会议，新建3×4米蓄水池2个，",
    "局党组召开专题会议，各股室（单位）抓好落实，",
])
def test_not_template_leftovers(sentence):
    assert findings_of(CLEAN.replace(SENTENCE, sentence)) == []


def test_template_leftovers_throughout_are_reported_once():
    text = CLEAN.replace("中共青石县水利局党组", "中共××局党组").replace("县水利局党组", "××局党组")
    text = text.replace("局党组召开专题会议", "局党委（党组）召开专题会议")
    found = findings_of(text)
    assert len(found) == 1
    line, column, rule, message = found[0]
    assert (line, column, rule) == (1, 3, "name-consistency")
    assert message.startswith("全文含") and "处模板残留（“××”、“党委（党组）”）" in message


@pytest.mark.parametrize(("organ", "short"), [
    ("中共青石市市场监督管理局党组", "市市场监管局党组"),
    ("中共青石市发展和改革委员会党组", "市发展改革委党组"),
])
def test_standard_abbreviations_are_not_near_misses(organ, short):
    text = CLEAN.replace("中共青石县水利局党组", organ).replace(
        "局党组召开专题会议", f"{short}召开专题会议")
    assert messages(text) == []


def test_dropping_one_character_is_still_a_near_miss():
    text = CLEAN.replace("局党组召开专题会议", "青石县水局党组召开专题会议")
    assert [m for _, m in messages(text)] == [
        "名称“青石县水局党组”与发文机关“中共青石县水利局党组”不一致，应为“青石县水利局党组”"]


def test_a_regulation_title_naming_both_bodies_is_no_leftover():
    text = CLEAN.replace("局党组召开专题会议", "局党组学习《党委（党组）意识形态工作责任制实施办法》，召开专题会议")
    assert messages(text) == []


def test_dropping_a_whole_word_is_still_a_near_miss():
    text = CLEAN.replace("中共青石县水利局党组", "中共青石县交通运输局党组").replace(
        "局党组召开专题会议", "一是青石县交通局党组召开专题会议")
    assert [m for _, m in messages(text)] == [
        "名称“青石县交通局党组”与发文机关“中共青石县交通运输局党组”不一致，应为“青石县交通运输局党组”"]
