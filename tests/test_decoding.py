"""Bytes to text: every supported encoding gives the same text; anything else is a clear error."""

from __future__ import annotations

import codecs

import pytest

from notice_lint.input.decoding import DecodeError, decode

TEXT = "中共青石县水利局党组关于巡察整改进展情况的通报\n请及时向我们反映。\n"


@pytest.mark.parametrize(("data", "encoding", "bom", "label"), [
    (TEXT.encode("utf-8"), "utf-8", b"", "UTF-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8, "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE,
     "UTF-16LE (BOM)"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE,
     "UTF-16BE (BOM)"),
    (TEXT.encode("gb18030"), "gb18030", b"", "GB18030"),
    (TEXT.encode("gbk"), "gb18030", b"", "GB18030"),
])
def test_supported_encodings_decode_to_the_same_text(data, encoding, bom, label):
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.bom == bom
    assert decoded.label == label


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "file is empty"),
    (b"  \n\t\r\n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "not valid"),
    (bytes(range(0x80, 0x100)) * 4, "encoding"),
    (b"\x01\x02\x03\x04\x05\x06 abc" * 50, "control characters"),
])
def test_bad_bytes_are_a_clear_error(data, reason):
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert reason in caught.value.en
    assert caught.value.zh  # a Chinese message too


def test_gb18030_that_is_not_chinese_is_refused_not_guessed():
    # Latin-1 accented text decodes as GB18030 into rare characters: refuse rather than guess
    data = "Café résumé naïve façade déjà vu".encode("latin-1") * 3
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert "GB18030" in caught.value.en


def test_line_endings_are_kept_in_the_decoded_text():
    assert decode("甲\r\n乙\r丙\n".encode()).text == "甲\r\n乙\r丙\n"
