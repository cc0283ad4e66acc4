"""Drafts past the sizes where the reader works in pieces and keeps no bytes beside the text:
decoded as a whole, errors placed right, fixes still byte for byte."""

from __future__ import annotations

import codecs
import os

import pytest
from conftest import CLEAN, cli, make_linter

from notice_lint.input.files import read_document

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应").replace("建立整改台账", "建立整改台帐")
# a paragraph no rule reads as wrong, repeated to make a draft of some hundred KB or a few MB
FILLER = "县委巡察组对整改情况进行了督导检查，相关单位认真落实整改要求。\n"


def _padded(text: str, lines: int) -> str:
    first, rest = text.split("\n", 1)
    return first + "\n" + FILLER * lines + rest


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
    ("gb18030", b"", "\r\n"),
])
def test_fix_on_a_large_draft_changes_only_the_fixed_spans(tmp_path, encoding, bom, newline):
    """Past 64 KB a document keeps no copy of its bytes where decoding is one to one: the
    fix rebuilds them from the text, and every byte outside the fixes stays as it was."""
    path = tmp_path / "d.txt"
    bad, fixed = _padded(BAD, 3000), _padded(CLEAN, 3000)
    path.write_bytes(bom + bad.replace("\n", newline).encode(encoding))
    assert path.stat().st_size > 100_000
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert "已修复 2 处" in proc.stderr, proc.stderr
    assert path.read_bytes() == bom + fixed.replace("\n", newline).encode(encoding)


def test_fix_on_a_large_draft_with_mixed_line_endings_keeps_each(tmp_path):
    path = tmp_path / "d.txt"
    bad, fixed = _padded(BAD, 3000), _padded(CLEAN, 3000)

    def mixed(text: str) -> bytes:
        lines = text.split("\n")
        return "".join(line + ("\r\n" if i % 3 else "\n") for i, line in enumerate(lines[:-1])
                       ).encode("utf-8") + lines[-1].encode("utf-8")

    path.write_bytes(mixed(bad))
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert "已修复 2 处" in proc.stderr, proc.stderr
    assert path.read_bytes() == mixed(fixed)


def test_diff_of_a_large_utf16_draft(tmp_path):
    path = tmp_path / "d.txt"
    data = codecs.BOM_UTF16_LE + _padded(BAD, 3000).encode("utf-16-le")
    path.write_bytes(data)
    proc = cli("--diff", "d.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert "台帐" in proc.stdout and "台账" in proc.stdout
    assert path.read_bytes() == data


def test_a_large_draft_changed_after_linting_is_not_fixed(tmp_path, monkeypatch):
    """The check that the file is still what was linted compares the bytes rebuilt from the
    text with the file on disk."""
    from notice_lint import fixes

    path = tmp_path / "d.txt"
    path.write_bytes(_padded(BAD, 3000).encode("utf-8"))
    document = read_document(str(path), limit=8 << 20)
    path.write_bytes(_padded(BAD, 3001).encode("utf-8"))
    applied = fixes.apply_safe_fixes(document, make_linter().lint(document).findings)
    with pytest.raises(fixes.FixError) as raised:
        fixes.write_fixed(document, applied)
    assert "changed since it was read" in raised.value.message.en


@pytest.mark.parametrize(("encoding", "bom"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE), ("gb18030", b""),
])
def test_a_draft_of_megabytes_decodes_whole(tmp_path, encoding, bom):
    """Decoded a megabyte at a time, a character cut between two pieces included."""
    text = _padded(CLEAN, 40_000) + "𠀀末"
    path = tmp_path / "d.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert path.stat().st_size > 2 << 20
    document = read_document(str(path), limit=64 << 20)
    assert document.text == text
    assert document.data == path.read_bytes()


@pytest.mark.parametrize(("encoding", "bom", "bad"), [
    ("utf-16-le", codecs.BOM_UTF16_LE, b"\x00\xdc"),   # a lone low surrogate
    ("utf-8", codecs.BOM_UTF8, b"\xff"),
])
def test_a_bad_byte_past_the_first_megabyte_is_placed_right(tmp_path, encoding, bom, bad):
    good = (FILLER * 20_000).encode(encoding)
    path = tmp_path / "d.txt"
    path.write_bytes(bom + good + bad + "末".encode(encoding))
    proc = cli("--max-file-size", "8", "d.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert f"（第 {len(good)} 字节）" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_size_limit_holds_when_a_file_is_read_in_one_piece(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"a" * (2 << 20))
    proc = cli("--max-file-size", "1", "d.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "1 MB" in proc.stderr
    os.truncate(path, 1 << 20)
    assert "1 MB" not in cli("--max-file-size", "1", "d.txt", cwd=tmp_path).stderr
