"""Word drafts: opened within bounds, read as Word shows them (see word_text, word_document)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from ..finding import Message
from .bounded import (
    ARCHIVE_FACTOR,
    DEFAULT_MAX_FILE_SIZE,
    MAX_MEMBERS,
    MAX_RATIO,
    XML_FACTOR,
    ReadError,
    megabytes,
)
from .word_document import WordDocument, WordText, join
from .word_review import Comment
from .word_text import all_paragraphs


def _docx():
    try:
        import docx  # start-up: python-docx (and lxml) load only for a .docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ReadError(Message("读取 .docx 需要 python-docx：pip install python-docx",
                                "reading .docx needs python-docx: pip install python-docx")) from None
    return docx


def open_docx(data: bytes, limit: int = DEFAULT_MAX_FILE_SIZE):
    """The python-docx Document; a clear ReadError for anything that is not a Word document or
    that unzips past the bounds `limit` sets (see notice_lint.input.bounded)."""
    docx = _docx()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(Message("不是有效的 Word 文档（.docx 应为 zip 格式；.doc 请另存为 .docx）",
                                "not a Word document (.docx is a zip file; save a .doc as .docx)"))
    check_unzipped_size(data, limit)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _unreadable(exc) from None


def check_unzipped_size(data: bytes, limit: int) -> None:
    """Unzip every member once, counting the bytes as they come, and stop past the bounds: the
    sizes a zip declares are its author's to choose, so they are never what is checked."""
    everything = min(limit * ARCHIVE_FACTOR, max(len(data) * MAX_RATIO, limit))
    xml_limit = limit * XML_FACTOR
    total = xml = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for is_xml, size in _unzipped_chunks(archive):
                total += size
                xml += size if is_xml else 0
                if total > everything:
                    raise _unzips_too_large(everything, "docx ", "the docx")
                if xml > xml_limit:
                    raise _unzips_too_large(xml_limit, "docx 的文字与排版（XML）",
                                            "the docx's text and markup (XML)")
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
            OSError, ValueError) as exc:  # corrupt, encrypted, an unknown compression
        raise _unreadable(exc) from None


def _unzipped_chunks(archive: zipfile.ZipFile) -> Iterator[tuple[bool, int]]:
    """(whether it is XML, its size) for each megabyte unzipped, member after member."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ReadError(Message(f"docx 中的部件过多（{len(members)} 个，上限 {MAX_MEMBERS}）",
                                f"too many parts in the docx ({len(members)}, limit "
                                f"{MAX_MEMBERS})"))
    for member in members:
        is_xml = member.filename.lower().endswith((".xml", ".rels"))
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                yield is_xml, len(chunk)


def _unreadable(exc: Exception) -> ReadError:
    return ReadError(Message(f"无法读取 Word 文档：{type(exc).__name__}: {exc}",
                             f"cannot read the Word document: {type(exc).__name__}: {exc}"))


def _unzips_too_large(bound: int, what_zh: str, what_en: str) -> ReadError:
    return ReadError(Message(
        f"{what_zh}解压后过大（超过 {megabytes(bound)} MB），疑似压缩炸弹；"
        f"正常文档可用 --max-file-size 调高上限",
        f"{what_en} unzips too large (over {megabytes(bound)} MB), a zip bomb? For a "
        f"genuine document, raise the limit with --max-file-size"))


def read_word(document) -> WordText:
    """The text of a python-docx Document as Word shows it, with its comments."""
    body, extras = all_paragraphs(document)
    word = join([*body, *extras], len(body))
    if word.comment_ranges:
        word = word._replace(comments=tuple(_comments(document, word.comment_ranges)))
    return word


def _comments(document, ranges: dict[str, tuple[int, int]]) -> list[Comment]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # start-up: as above

    try:
        document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return []  # ranges without a comments part: nothing to read (python-docx would make one)
    out = []
    for comment in document.comments:
        span = ranges.get(str(comment.comment_id))
        if span is not None:
            out.append(Comment(str(comment.comment_id), comment.author or "",
                               comment.initials or "", comment.text, *span))
    return out


def read_docx(path: str, data: bytes, *, limit: int = DEFAULT_MAX_FILE_SIZE,
              **kwargs) -> WordDocument:
    document = open_docx(data, limit)
    try:
        word = read_word(document)
    except ReadError:
        raise
    except Exception as exc:  # a header, footer or comments part python-docx cannot read
        raise _unreadable(exc) from None
    if not word.text.strip():
        raise ReadError(Message("Word 文档没有文字", "the Word document has no text"))
    return WordDocument(path, word, **kwargs)
