"""Word drafts: body and table-cell paragraphs in document order, paragraph N = line N."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document
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
from .decoding import Decoded

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run (or a hyperlink's run) of a paragraph and where its text lies in the paragraph."""

    run: object
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocxParagraph:
    paragraph: object            # a python-docx Paragraph
    text: str
    segments: tuple[Segment, ...]


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


def paragraphs(document) -> list[DocxParagraph]:
    """Every paragraph of the body, table cells included, in document order."""
    from docx.table import Table  # start-up: python-docx loads only for a .docx
    from docx.text.paragraph import Paragraph

    out: list[DocxParagraph] = []

    def walk(container, parent) -> Iterator:
        for child in container.iterchildren():
            if child.tag == f"{_W}p":
                yield Paragraph(child, parent)
            elif child.tag == f"{_W}tbl":
                table = Table(child, parent)
                for row in child.iterchildren(f"{_W}tr"):
                    for cell in row.iterchildren(f"{_W}tc"):
                        yield from walk(cell, table)
            elif child.tag == f"{_W}sdt":  # content controls wrap paragraphs and tables
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from walk(content, parent)

    for p in walk(document.element.body, document):
        out.append(read_paragraph(p))
    return out


def read_paragraph(p) -> DocxParagraph:
    from docx.text.run import Run  # start-up: python-docx loads only for a .docx

    segments = []
    pieces = []
    offset = 0
    for item in p.iter_inner_content():
        runs = [item] if isinstance(item, Run) else list(getattr(item, "runs", ()))
        for run in runs:
            # a line or page break inside a paragraph is a space here: line N stays paragraph N
            text = run.text.replace("\n", " ").replace("\r", " ")
            segments.append(Segment(run, offset, offset + len(text)))
            pieces.append(text)
            offset += len(text)
    return DocxParagraph(p, "".join(pieces), tuple(segments))


def read_docx(path: str, data: bytes, *, limit: int = DEFAULT_MAX_FILE_SIZE,
              **kwargs) -> Document:
    document = open_docx(data, limit)
    texts = [p.text for p in paragraphs(document)]
    if not any(t.strip() for t in texts):
        raise ReadError(Message("Word 文档没有文字", "the Word document has no text"))
    return Document(path, Decoded("\n".join(texts), "docx", b""), kind="docx", data=None,
                    **kwargs)
