"""contact-block: each field's format, the required fields, silence on correct blocks."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

CONTACT = "联系电话：0739-5551234；通讯地址：青石县河滨路8号（邮编：422100）；电子邮箱：qsslj@163.com。"


def with_contact(block: str) -> str:
    assert CONTACT in CLEAN
    return CLEAN.replace(CONTACT, block)


def messages(text, config=None):
    return [(f.line, f.column, f.text("zh")) for f in lint(text, rule="contact-block",
                                                          config=config)]


def test_correct_block_is_silent():
    assert messages(CLEAN) == []


@pytest.mark.parametrize("block", [
    "联系电话：0739-5551234，13907381526；电子信箱：qs_slj@126.com。",
    "举报电话：12388；来信请寄：青石县河滨路8号，邮编422100。",
    "监督电话：(0739)5551234；邮政地址：青石县河滨路8号；邮政编码：422100。",
    "联系电话：010-12345678；电子邮箱：a.b-c@mail.example.gov.cn。",
    "联系电话：0739 5551234；通信地址：青石县河滨路8号。",
    "联系电话：13907381526；电子邮箱：qsslj@163.com。",
    # one label introducing the fields (the central discipline commission's layout)
    "联系方式：电话010-55512345；邮政信箱：北京市某区某路1号，邮编100001；电子邮箱：xszg@example.gov.cn。",
    "联系方式：电话：0739-5551234；电子邮箱：qsslj@163.com。",
])
def test_accepted_variants(block):
    assert messages(with_contact(block)) == []


def test_fields_on_separate_lines():
    text = with_contact("\n联系电话：0739-5551234\n邮政地址：青石县河滨路8号\n邮政编码：422100\n"
                        "电子邮箱：qsslj@163.com")
    assert messages(text) == []


def test_landline_without_area_code():
    text = with_contact("联系电话：5551234；电子邮箱：qsslj@163.com。")
    ((line, column, message),) = messages(text)
    row = text.splitlines()[line - 1]
    assert row[column - 1:column + 6] == "5551234"
    assert message == "联系电话“5551234”缺少区号，应写作“0xxx-5551234”"


def test_malformed_phone():
    ((_, _, message),) = messages(with_contact("联系电话：0739-55512；电子邮箱：qsslj@163.com。"))
    assert message.startswith("联系电话“0739-55512”格式不正确")


@pytest.mark.parametrize(("postcode", "digits"), [("42210", 5), ("4221000", 7)])
def test_postcode_must_have_six_digits(postcode, digits):
    text = with_contact(f"联系电话：0739-5551234；邮政地址：青石县河滨路8号；邮政编码：{postcode}。")
    ((_, _, message),) = messages(text)
    assert message == f"邮政编码应为6位数字（现为“{postcode}”，{digits}位）"


def test_email_without_at():
    ((_, _, message),) = messages(with_contact("联系电话：0739-5551234；电子邮箱：qsslj.163.com。"))
    assert message == "电子邮箱“qsslj.163.com”缺少@，不是有效的邮箱地址"


def test_missing_written_channel_and_missing_phone():
    ((_, _, message),) = messages(with_contact("联系电话：0739-5551234。"))
    assert message == "联系方式缺少通讯地址或电子邮箱"
    ((_, _, message),) = messages(with_contact("电子邮箱：qsslj@163.com。"))
    assert message == "联系方式缺少联系电话"


def test_required_fields_are_configurable(tmp_path):
    from notice_lint.config import load
    text = with_contact("联系电话：0739-5551234；电子邮箱：qsslj@163.com。")
    assert messages(text) == []
    (tmp_path / "d.yaml").write_text(
        "rules:\n  contact-block:\n    require: [phone, address, postcode, email]\n",
        encoding="utf-8")
    ((_, _, message),) = messages(text, load(tmp_path / "d.yaml"))
    assert message == "联系方式缺少通讯地址、邮政编码"
    (tmp_path / "s.yaml").write_text("extends: strict\n", encoding="utf-8")
    ((_, _, message),) = messages(text, load(tmp_path / "s.yaml"))
    assert message == "联系方式缺少通讯地址、邮政编码"


def test_no_block_at_all_is_left_to_required_sections():
    text = "\n".join(x for x in CLEAN.splitlines() if "联系电话" not in x)
    assert messages(text) == []
    assert any(f.text("zh").startswith("缺少联系方式") for f in lint(text, rule="required-sections"))


def test_a_phone_word_in_the_body_is_not_a_field():
    text = CLEAN.replace("报名截止日期前完成培训", "在公告中写明报名截止日期和咨询电话")
    assert messages(text) == []


def test_unusual_layout_single_line_after_the_signature_is_still_found():
    text = draft("""
        中共某局党组关于巡察整改进展情况的通报
        一、组织整改落实情况
        正文。
        欢迎监督。联系电话 6813456
        中共某局党组
        2024年1月5日
    """)
    ((_, _, message),) = [m for m in messages(text) if "区号" in m[2]]
    assert "6813456" in message
