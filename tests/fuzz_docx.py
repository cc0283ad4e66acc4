"""Hostile Word files for the fuzz properties: a real .docx taken apart and put back wrongly."""

from __future__ import annotations

import io
import warnings
import zipfile
from functools import cache

from hypothesis import strategies as st

TAGS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", '<w:t xml:space="preserve">',
        "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "<w:br/>", "<w:tab/>", "<w:ins w:id=\"1\">",
        "</w:ins>", "<w:del w:id=\"2\">", "</w:del>", "<w:sdt><w:sdtContent>",
        "</w:sdtContent></w:sdt>", "<w:hyperlink>", "</w:hyperlink>", "&amp;", "&lt;", "&#0;",
        "&#xD800;", "&unknown;", "<![CDATA[", "]]>", "<!--", "-->", "<w:p/>", "<x:foreign/>",
        # what Word shows beyond plain runs: moves, soft and page breaks, fields, text boxes,
        # the ranges of comments (a reviewer's ignore), a deleted paragraph mark
        "<w:moveFrom w:id=\"3\">", "</w:moveFrom>", "<w:moveTo w:id=\"4\">", "</w:moveTo>",
        "<w:cr/>", '<w:br w:type="page"/>', "<w:fldSimple>", "</w:fldSimple>",
        "<w:txbxContent>", "</w:txbxContent>", '<w:commentRangeStart w:id="9"/>',
        '<w:commentRangeEnd w:id="9"/>', "<w:pPr><w:rPr><w:del w:id=\"5\"/></w:rPr></w:pPr>",
        "<w:smartTag>", "</w:smartTag>"]
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body>')
TAIL = "</w:body></w:document>"
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(8))
          + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')


@cache
def members(text: str) -> tuple[tuple[str, bytes], ...]:
    """The parts of a valid Word document holding `text`, one paragraph a line."""
    import docx
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((name, archive.read(name)) for name in archive.namelist())


def pack(parts, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", method) as archive:
        warnings.simplefilter("ignore")  # a duplicate member name is one of the hostile shapes
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


@cache
def bomb(text: str, megabytes: int, dense: bool = False) -> bytes:
    """A Word document whose document.xml inflates to `megabytes` MB of text (streamed, so
    building it never holds the inflated text)."""
    buffer = io.BytesIO()
    # 1 MB of long paragraphs, or of the smallest paragraphs (many elements: lxml's weak spot)
    chunk = (b"<w:p><w:r><w:t>\xe7\x94\xb2</w:t></w:r></w:p>" * 29_127 if dense else
             ("<w:p><w:r><w:t>" + "甲" * 3495 + "</w:t></w:r></w:p>").encode() * 100)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members(text):
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(HEAD.encode())
            for _ in range(megabytes):
                handle.write(chunk)
            handle.write(TAIL.encode())
    return buffer.getvalue()


def hostile_docx(text: str):
    """A strategy of byte strings a stranger might name draft.docx."""
    parts = members(text)

    xml_piece = st.one_of(st.sampled_from(TAGS), st.text(max_size=20))

    @st.composite
    def build(draw) -> bytes:
        kind = draw(st.sampled_from(["body", "truncate", "flip", "drop", "laughs", "stored",
                                     "duplicate", "rename", "huge"]))
        current = list(parts)
        if kind == "body":
            pieces = draw(st.lists(xml_piece, max_size=60))
            current = [(n, (HEAD + "".join(pieces) + TAIL).encode("utf-8", "surrogatepass")
                        if n == "word/document.xml" else d) for n, d in current]
        elif kind == "laughs":
            current = [(n, LAUGHS.encode() if n == "word/document.xml" else d)
                       for n, d in current]
        elif kind == "drop":
            gone = draw(st.sampled_from([n for n, _ in current]))
            current = [(n, d) for n, d in current if n != gone]
        elif kind == "duplicate":
            current.append(("word/document.xml", (HEAD + TAIL).encode()))
        elif kind == "rename":
            current = [("word/Document.xml" if n == "word/document.xml" else n, d)
                       for n, d in current]
        if kind == "huge":
            return bomb(text, draw(st.sampled_from([1, 64, 400])), draw(st.booleans()))
        data = pack(current, zipfile.ZIP_STORED if kind == "stored" else zipfile.ZIP_DEFLATED)
        if kind == "truncate":
            data = data[:draw(st.integers(0, len(data)))]
        elif kind == "flip":
            data = bytearray(data)
            for _ in range(draw(st.integers(1, 8))):
                at = draw(st.integers(0, len(data) - 1))
                data[at] = draw(st.integers(0, 255))
            data = bytes(data)
        return data

    return build()
