"""Bytes to text: BOMs, strict UTF-8, then GB18030 only when the result is plausible Chinese."""

from __future__ import annotations

import codecs

from ..patterns import shipped_pattern
from ..record import Record

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, VT, FF, CR: their presence means binary, not a draft
_CONTROLS = "[\x01-\x08\x0e-\x1f]"
_CONTROL_RE = shipped_pattern(_CONTROLS)
_VISIBLE = shipped_pattern("[^ \t\r\n\ufeff\u3000]")  # a text of nothing else is empty
_CONTROL_BYTES = shipped_pattern(_CONTROLS.encode("latin-1"))  # the same, in a text's Latin-1 part


class DecodeError(Exception):
    """The bytes are not a text in a supported encoding; the message says why, in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


class Decoded(Record):
    text: str       # BOM removed, line endings as in the file
    encoding: str   # a Python codec name: utf-8, utf-16-le, utf-16-be, gb18030
    bom: bytes      # the BOM the file started with (b"" when none)

    @property
    def label(self) -> str:
        """How `show` names the encoding."""
        name = {"utf-8": "UTF-8", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
                "gb18030": "GB18030", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE",
                "docx": "Word (.docx)"}
        return name.get(self.encoding, self.encoding) + (" (BOM)" if self.bom else "")


def decode(data: bytes) -> Decoded:
    """The text of a draft's bytes (their size is bounded where they are read: input.bounded)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, len(bom), encoding), encoding, bom)
    if b"\x00" in data:
        raise DecodeError("二进制文件（含 NUL 字节），不是文本草稿",
                          "binary file (contains NUL bytes), not a text draft")
    try:
        return _checked(decoded_in_pieces(data, 0, "utf-8"), "utf-8", b"")
    except UnicodeDecodeError:
        pass
    try:
        text = decoded_in_pieces(data, 0, "gb18030")
    except UnicodeDecodeError:
        raise DecodeError("无法识别编码：既不是 UTF-8、带 BOM 的 UTF-16，也不是 GB18030/GBK",
                          "unknown encoding: not UTF-8, UTF-16 with a BOM, or GB18030/GBK") from None
    if not _plausible_chinese(text):
        raise DecodeError("无法可靠识别编码：按 GB18030 解码得到的不是正常中文，请另存为 UTF-8",
                          "cannot tell the encoding reliably: decoded as GB18030 it is not "
                          "plausible Chinese text; save it as UTF-8")
    return _checked(text, "gb18030", b"")


def _strict(data: bytes, start: int, encoding: str) -> str:
    try:
        return decoded_in_pieces(data, start, encoding)
    except UnicodeDecodeError as exc:
        at = exc.start - start  # counted after the BOM
        raise DecodeError(f"文件以 {encoding.upper()} 的 BOM 开头，但内容不是有效的 {encoding.upper()}"
                          f"（第 {at} 字节）",
                          f"file starts with a {encoding.upper()} BOM but is not valid "
                          f"{encoding.upper()} (byte {at})") from None


_PIECE = 1 << 20  # bytes decoded at a time


def decoded_in_pieces(data: bytes, start: int, encoding: str) -> str:
    """``data[start:].decode(encoding)``, strictly, without its peak: decoding 50 MB of Chinese
    in one call held three times the text (the decoder sizes its buffer by the bytes, then
    widens it), pieces of a megabyte joined hold it twice. A UnicodeDecodeError's offsets are
    those of `data`."""
    if len(data) - start <= _PIECE:
        try:
            return (data[start:] if start else data).decode(encoding)
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(encoding, data, start + exc.start, start + exc.end,
                                     exc.reason) from None
    decoder = codecs.getincrementaldecoder(encoding)()
    pieces = []
    with memoryview(data) as view:
        for at in [*range(start, len(data), _PIECE), len(data)]:
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the last piece
            try:
                pieces.append(decoder.decode(view[at:at + _PIECE], at == len(data)))
            except UnicodeDecodeError as exc:
                raise UnicodeDecodeError(encoding, data, at - pending + exc.start,
                                         at - pending + exc.end, exc.reason) from None
    return "".join(pieces)


def _checked(text: str, encoding: str, bom: bytes) -> Decoded:
    head = text[:4096].encode("latin-1", "ignore")  # the controls are in there, if anywhere
    if "\x00" in text or (_CONTROL_BYTES.search(head) and _control_share(text) > 0.01):
        raise DecodeError("二进制文件（含控制字符），不是文本草稿",
                          "binary file (contains control characters), not a text draft")
    if not _VISIBLE.search(text):
        raise DecodeError("文件为空", "file is empty")
    return Decoded(text, encoding, bom)


def _control_share(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL_RE.findall(sample)) / max(len(sample), 1)


def _plausible_chinese(text: str) -> bool:
    """GB18030 maps almost any byte string to some characters; real GBK drafts use common ones."""
    sample = text[:65536]
    wide = [c for c in sample if ord(c) > 0x7F]
    if not wide:
        return True
    # CJK, CJK and full-width punctuation, general punctuation, and the Latin letters with tone
    # marks that pinyin uses (GBK has them)
    common = sum(1 for c in wide if 0x4E00 <= ord(c) <= 0x9FFF or 0x3000 <= ord(c) <= 0x303F
                 or 0xFF00 <= ord(c) <= 0xFFEF or 0x2000 <= ord(c) <= 0x206F
                 or 0x00C0 <= ord(c) <= 0x01DC)
    return common / len(wide) >= 0.9
