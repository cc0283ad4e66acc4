"""The document model: positions in code points, line endings, the view's mapping back."""

from __future__ import annotations

from notice_lint.document import Document
from notice_lint.finding import Span
from notice_lint.input.decoding import Decoded


def test_position_is_one_based_in_code_points():
    doc = Document.from_text("第一行\n第二行𠀀字\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(2) == (1, 3)
    assert doc.position(4) == (2, 1)
    # an astral character counts as one column
    assert doc.position(doc.text.index("字")) == (2, 5)


def test_crlf_and_cr_are_one_line_break_each():
    doc = Document("d.txt", Decoded("甲\r\n乙\r丙\n丁", "utf-8", b""))
    assert doc.text == "甲\n乙\n丙\n丁"
    assert doc.raw_text == "甲\r\n乙\r丙\n丁"
    assert doc.position(doc.text.index("丁")) == (4, 1)


def test_locate_gives_an_exclusive_end_column():
    doc = Document.from_text("请及时向我们反应。")
    start = doc.text.index("反应")
    assert doc.locate(start, start + 2) == Span(1, 7, 1, 9)


def test_line_span_covers_the_whole_line():
    doc = Document.from_text("一\n二三四\n")
    assert doc.line_span(2) == Span(2, 1, 2, 4)


def test_view_maps_repaired_offsets_back_to_the_original():
    text = "根據(jù)區委統一部署\n第二行"

    def repair(document):
        i = document.text.index("(jù)")
        return [(i, i + 4, ""), (1, 2, "据")]

    doc = Document.from_text(text, repairer=repair)
    view = doc.view
    assert view.text == "根据區委統一部署\n第二行"
    # 區 sits after the removed annotation: column 7 in the original
    i = view.text.index("區")
    assert view.locate(i, i + 1) == Span(1, 7, 1, 8)
    # the replaced character maps onto itself
    assert view.locate(1, 2) == Span(1, 2, 1, 3)
    # a span over the deletion covers the original text with the annotation
    assert view.original(0, 3) == "根據(jù)區"
    assert not view.faithful(0, 3)
    j = view.text.index("第二")
    assert view.locate(j, j + 2) == Span(2, 1, 2, 3)
    assert view.faithful(j, j + 2)


def test_view_joining_a_broken_line_keeps_both_original_lines():
    text = "由局\n党组书记任组长"
    doc = Document.from_text(text, repairer=lambda d: [(2, 3, "")])
    assert doc.view.text == "由局党组书记任组长"
    i = doc.view.text.index("党组")
    assert doc.view.locate(i, i + 2) == Span(2, 1, 2, 3)
    assert doc.view.locate(0, len(doc.view.text)) == Span(1, 1, 2, 8)


def test_identity_view_for_an_undamaged_draft():
    doc = Document.from_text("正常文本")
    assert doc.view.is_identity
    assert doc.view.text == doc.text


def test_from_text_repairs_by_default():
    text = "局党组践行&ldquo;两个维护&rdquo;。\n"
    assert "践行“两个维护”。" in Document.from_text(text).view.text
    as_written = Document.from_text(text, repairer=None)
    assert as_written.view.is_identity and as_written.repairs == ()


def test_a_linted_document_is_freed_as_soon_as_it_is_dropped():
    # an archive run holds one draft at a time only if each is freed when the run drops it:
    # a reference cycle (the view holding the document's bound method) left every draft's text,
    # outline and profile to the garbage collector (gc off: 1.1 GB on 20,000 drafts)
    import gc
    import weakref

    from notice_lint.session import Settings, build_linter

    linter = build_linter(Settings(isolated=True, cache=False))
    text = ("关于巡察整改进展情况的通报\n一、整改情况\n巡察反馈的5个问题已完成整改4个。\n"
            "公示时间：2026年1月1日至1月7日。联系电话：0000-1234567\n")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for repaired in (text, text.replace("整改情况", "整改凊况")):  # an identity and an edited view
            document = Document.from_text(repaired, "d.txt")
            result = linter.lint(document)
            assert result.findings is not None
            freed = weakref.ref(document)
            del document, result
            assert freed() is None
    finally:
        if enabled:
            gc.enable()
