"""name-consistency: the issuing organ named one way; issuer mark and signature match it."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from checks.name_consistency import distance, parse_organ, vocabulary


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
