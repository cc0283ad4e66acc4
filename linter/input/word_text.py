"""A Word document's text as Word shows it: runs of the body, tracked insertions, soft breaks,
text boxes, headers and footers, each paragraph with the runs that hold its characters."""

from __future__ import annotations

from collections.abc import Iterator

from ..record import Record

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = f"{_W}r"
_P = f"{_W}p"
_TBL = f"{_W}tbl"
_SDT = f"{_W}sdt"
_SDT_CONTENT = f"{_W}sdtContent"
_TXBX = f"{_W}txbxContent"
_FALLBACK = f"{_MC}Fallback"
# inline containers whose runs Word shows: links, fields, tags, tracked insertions and moves here
_SHOWN = frozenset(f"{_W}{t}" for t in ("hyperlink", "smartTag", "customXml", "fldSimple",
                                          "dir", "bdo", "ins", "moveTo"))
# tracked deletions and the old place of a move: gone once the changes are accepted
_GONE = frozenset({f"{_W}del", f"{_W}moveFrom"})
# what counts as a pending tracked change of the text (formatting changes do not)
_CHANGES = frozenset({f"{_W}ins", f"{_W}del", f"{_W}moveFrom", f"{_W}moveTo"})
_COMMENT_START = f"{_W}commentRangeStart"
_COMMENT_END = f"{_W}commentRangeEnd"
_ID = f"{_W}id"
_RPR = f"{_W}rPr"
_VANISH = f"{_W}vanish"
_VAL = f"{_W}val"

BODY, TEXTBOX, HEADER, FOOTER = "body", "textbox", "header", "footer"


class Segment(Record):
    """A run of a paragraph and where its text lies in the paragraph."""

    run: object          # a python-docx Run
    start: int
    end: int


class DocxParagraph(Record):
    paragraph: object                   # a python-docx Paragraph
    element: object                     # its w:p element
    text: str                           # soft breaks are "\n": one paragraph, several lines
    segments: tuple[Segment, ...]
    place: str = BODY                   # body, textbox, header or footer
    host: object | None = None          # a text box's body paragraph (python-docx Paragraph)
    changes: tuple[int, ...] = ()       # offsets of the pending tracked changes in `text`
    comment_starts: tuple[tuple[str, int], ...] = ()   # (comment id, offset)
    comment_ends: tuple[tuple[str, int], ...] = ()


class _Walk:
    """What reading one paragraph collects besides its runs."""

    __slots__ = ("change_at", "marks", "runs")

    def __init__(self) -> None:
        self.runs: list = []
        self.marks: list = []      # (kind, comment id, run index)
        self.change_at: list = []  # run index of each change


def body_paragraphs(document) -> list[DocxParagraph]:
    """Every paragraph of the body, table cells included, in document order."""
    return [read_paragraph(p, parent) for p, parent in _blocks(document.element.body, document)]


def all_paragraphs(document) -> tuple[list[DocxParagraph], list[DocxParagraph]]:
    """The body's paragraphs, and then the others Word shows: the text boxes of the body, then
    each header and footer in use (with their text boxes), each distinct one once."""
    body = body_paragraphs(document)
    extras: list[DocxParagraph] = []
    for p in body:
        extras += _text_boxes(p.element, p.paragraph, p.paragraph)
    seen_parts: set[int] = set()
    seen_texts: set[tuple[str, ...]] = set()
    for place, story in _stories(document):
        part = story.part
        if id(part) in seen_parts:
            continue
        seen_parts.add(id(part))
        paras = [read_paragraph(p, parent, place) for p, parent in _blocks(part.element, story)]
        boxes = [b for p in paras for b in _text_boxes(p.element, p.paragraph, None, place)]
        texts = tuple(p.text for p in paras + boxes)
        if not any(t.strip() for t in texts) or texts in seen_texts:
            continue  # an empty header, or one that repeats another section's
        seen_texts.add(texts)
        extras += paras + boxes
    return body, extras


def _stories(document) -> Iterator[tuple[str, object]]:
    """The headers, then the footers, Word shows, section by section (a first-page or even-page
    one only where the section or the document turns it on)."""
    even = document.settings.odd_and_even_pages_header_footer
    for kind, names in ((HEADER, ("first_page_header", "header", "even_page_header")),
                        (FOOTER, ("first_page_footer", "footer", "even_page_footer"))):
        for section in document.sections:
            for name in names:
                if name.startswith("first") and not section.different_first_page_header_footer:
                    continue
                if name.startswith("even") and not even:
                    continue
                story = getattr(section, name)
                if not story.is_linked_to_previous:
                    yield kind, story


def _blocks(container, parent) -> Iterator:
    """The w:p elements of a body, cell, text box, header or footer, in order, each with the
    python-docx object it belongs to."""
    from docx.table import Table  # start-up: python-docx loads only for a .docx

    for child in container.iterchildren():
        if child.tag == _P:
            yield child, parent
        elif child.tag == _TBL:
            table = Table(child, parent)
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from _blocks(cell, table)
        elif child.tag == _SDT:  # content controls wrap paragraphs and tables
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, parent)


def _text_boxes(root, paragraph, host, place: str = TEXTBOX) -> list[DocxParagraph]:
    """The paragraphs of the text boxes anchored in `paragraph` (a text box's own text boxes
    after them). A shape is written twice, for new and old readers (mc:Choice, mc:Fallback):
    the fallback copy is not read."""
    out: list[DocxParagraph] = []
    for box in root.iter(_TXBX):
        if _inside_other(box, root):
            continue
        for p, parent in _blocks(box, paragraph):
            dp = read_paragraph(p, parent, place, host)
            out.append(dp)
            out += _text_boxes(p, dp.paragraph, host, place)
    return out


def _inside_other(box, root) -> bool:
    """Whether `box` is a fallback copy, or lies in another text box under `root`."""
    node = box.getparent()
    while node is not None and node is not root:
        if node.tag in (_FALLBACK, _TXBX):
            return True
        node = node.getparent()
    return False


def read_paragraph(element, parent, place: str = BODY, host: object | None = None
                   ) -> DocxParagraph:
    """The text of a w:p element as Word shows it once its tracked changes are accepted, with
    the runs that hold it (soft breaks are "\\n", a page break is nothing)."""
    from docx.text.paragraph import Paragraph  # start-up: python-docx loads only for a .docx

    return _read(element, Paragraph(element, parent), place, host)


def reread(dp: DocxParagraph) -> DocxParagraph:
    """`dp` read again (after its runs were split)."""
    return _read(dp.element, dp.paragraph, dp.place, dp.host)


def _read(element, p, place: str, host: object | None) -> DocxParagraph:
    from docx.text.run import Run  # start-up: python-docx loads only for a .docx

    walk = _Walk()
    ppr = element.find(f"{_W}pPr")
    if ppr is not None:
        rpr = ppr.find(f"{_W}rPr")
        if rpr is not None and any(c.tag in _CHANGES for c in rpr):
            walk.change_at.append(-1)
    _inline(element, walk)
    segments = []
    pieces = []
    offset = 0
    run_offsets = []
    for r in walk.runs:
        run = Run(r, p)
        text = run.text
        run_offsets.append(offset)
        segments.append(Segment(run, offset, offset + len(text)))
        pieces.append(text)
        offset += len(text)
    run_offsets.append(offset)

    def at(index: int) -> int:  # a mark before run `index`; -1: the paragraph mark
        return offset if index < 0 else run_offsets[index]

    starts = tuple((cid, at(i)) for kind, cid, i in walk.marks if kind == "start")
    ends = tuple((cid, at(i)) for kind, cid, i in walk.marks if kind == "end")
    return DocxParagraph(p, element, "".join(pieces), tuple(segments), place, host,
                         tuple(at(i) for i in walk.change_at), starts, ends)


def _inline(element, walk: _Walk) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _R:
            if not _hidden(child):
                walk.runs.append(child)
        elif tag in _SHOWN:
            if tag in _CHANGES:
                walk.change_at.append(len(walk.runs))
            _inline(child, walk)
        elif tag in _GONE:
            walk.change_at.append(len(walk.runs))
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _inline(content, walk)
        elif tag == _COMMENT_START:
            walk.marks.append(("start", child.get(_ID), len(walk.runs)))
        elif tag == _COMMENT_END:
            walk.marks.append(("end", child.get(_ID), len(walk.runs)))


def _hidden(run) -> bool:
    """A run formatted as hidden text (w:vanish): Word neither shows nor prints it."""
    rpr = run.find(_RPR)
    if rpr is None:
        return False
    vanish = rpr.find(_VANISH)
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")
