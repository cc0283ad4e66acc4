"""Word drafts read as Word shows them: tracked changes as once accepted (and said once), soft
breaks as line breaks, text boxes, headers and footers after the body and out of its outline."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from conftest import CLEAN, cli

from notice_lint.input.word import read_docx

_INS = ('<w:ins w:id="{n}" w:author="审阅人" w:date="2024-11-14T09:00:00Z"><w:r><w:t>{x}</w:t>'
        '</w:r></w:ins>')
_DEL = ('<w:del w:id="{n}" w:author="审阅人" w:date="2024-11-14T09:00:00Z"><w:r>'
        '<w:delText>{x}</w:delText></w:r></w:del>')
# a text box as Word writes it: a DrawingML shape for new readers, a VML copy for old ones
_BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{x}</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p>'
        '<w:r><w:t>{x}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>')
_PAGE = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
         ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1'
         '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
_HIDDEN = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>{x}</w:t></w:r>'
_MARK = re.compile(r"⟦(\+|-|box:|page|hidden:|cr)([^⟧]*)⟧")


def _markup(xml: str) -> str:
    """Markers in the text as Word markup: ⟦+X⟧ a tracked insertion, ⟦-X⟧ a tracked deletion,
    ⟦box:X⟧ a text box holding X, ⟦page⟧ a page number field, ⟦hidden:X⟧ X as hidden text,
    ⟦cr⟧ a carriage return (w:cr, Word's other soft break)."""
    count = iter(range(100, 10_000))

    def one(m: re.Match) -> str:
        kind, x = m.groups()
        if kind == "cr":
            return '</w:t><w:cr/><w:t xml:space="preserve">'
        inner = {"+": _INS, "-": _DEL, "box:": _BOX, "page": _PAGE,
                 "hidden:": _HIDDEN}[kind].format(n=next(count), x=x)
        return f'</w:t></w:r>{inner}<w:r><w:t xml:space="preserve">'
    return _MARK.sub(one, xml)


def word_draft(path, text: str, *, header: str = "", footer: str = "", soft: str = "↵",
               sections: int = 1) -> None:
    """A Word document, one paragraph per line of `text` (`soft` marks a soft line break inside
    one), `header` and `footer` on every section (each section linked to the first), and the
    markers of _markup() turned into tracked changes, text boxes and page numbers."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        for i, piece in enumerate(line.split(soft)):
            run = paragraph.add_run(piece)
            if i < line.count(soft):
                run.add_break(WD_BREAK.LINE)
    for _ in range(sections - 1):
        document.add_section()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name in parts:
        if name.startswith(("word/document", "word/header", "word/footer")):
            parts[name] = _markup(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def lint_json(path, *args) -> list[tuple]:
    proc = cli(str(path.name), "--format", "json", *args, cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["rule"], f["line"], f["column"], f["severity"], f["message"])
            for f in json.loads(proc.stdout)["findings"]]


INSERTED = CLEAN.replace("请及时向我们反映。", "请及时向我们⟦+反应⟧⟦-反映⟧。")


def test_an_inserted_word_is_read_and_a_deleted_one_is_not(tmp_path):
    word_draft(tmp_path / "d.docx", INSERTED)
    line = CLEAN.splitlines().index(next(x for x in CLEAN.splitlines() if "反映。" in x)) + 1
    column = CLEAN.splitlines()[line - 1].index("反映。") + 1
    found = lint_json(tmp_path / "d.docx")
    assert [(r, ln, c) for r, ln, c, *_ in found if r == "confusables"] == [
        ("confusables", line, column)]
    document = read_docx("d.docx", (tmp_path / "d.docx").read_bytes())
    assert "请及时向我们反应。" in document.text and "反应反映" not in document.text


def test_pending_tracked_changes_are_one_info_finding_with_their_count(tmp_path):
    text = INSERTED.replace("建立整改台账", "建立⟦+整改⟧台账")
    word_draft(tmp_path / "d.docx", text)
    review = [f for f in lint_json(tmp_path / "d.docx") if f[0] == "word-review"]
    first = CLEAN.splitlines().index(next(x for x in CLEAN.splitlines() if "建立整改台账" in x))
    assert review == [("word-review", first + 1, CLEAN.splitlines()[first].index("整改台账") + 1,
                       "info", "文档中有 3 处未处理的修订（插入、删除或移动），已按全部接受后的文字检查；"
                               "发布前请在 Word 中接受或拒绝修订")]
    # a draft without tracked changes: no such finding (and the clean notice stays clean)
    word_draft(tmp_path / "clean.docx", CLEAN)
    assert lint_json(tmp_path / "clean.docx") == []
    proc = cli("clean.docx", "--select", "word-review", cwd=tmp_path)
    assert proc.returncode == 0


def test_english_message(tmp_path):
    word_draft(tmp_path / "d.docx", INSERTED)
    messages = [m for r, *_, m in lint_json(tmp_path / "d.docx", "--lang", "en")
                if r == "word-review"]
    assert messages == ["the document holds 2 pending tracked change(s) (insertions, deletions "
                        "or moves), checked as if all were accepted; accept or reject them in "
                        "Word before publishing"]


def test_headers_footers_and_text_boxes_are_read_after_the_body(tmp_path):
    text = CLEAN.replace("局党组将持续巩固整改成果", "⟦box:请向我们反应⟧局党组将持续巩固整改成果")
    word_draft(tmp_path / "d.docx", text, header="县水利局巡查整改台帐", footer="- ⟦page⟧ -",
               sections=2)
    document = read_docx("d.docx", (tmp_path / "d.docx").read_bytes())
    body = len(CLEAN.split("\n")) + 1  # CLEAN's last newline, the second section's paragraph
    assert document.text.split("\n")[body:] == ["请向我们反应", "县水利局巡查整改台帐", "- 1 -"]
    assert [document.place_of(line) for line in (body, body + 1, body + 2, body + 3)] == [
        "body", "textbox", "header", "footer"]
    found = [(r, ln, c) for r, ln, c, *_ in lint_json(tmp_path / "d.docx")]
    # each read once (the text box's fallback copy and the second section's header are not read
    # again), and the footer's page number does not make the notice lose its signature
    assert found == [("confusables", body + 1, 5), ("inspection-term", body + 2, 5),
                     ("confusables", body + 2, 9)]


def test_a_footer_page_number_leaves_the_signature_and_date_found(tmp_path):
    word_draft(tmp_path / "d.docx", CLEAN, header="中共青石县水利局党组", footer="第⟦page⟧页")
    assert lint_json(tmp_path / "d.docx") == []
    text = CLEAN.replace("\n中共青石县水利局党组\n\n2024年11月15日\n", "\n")
    word_draft(tmp_path / "nosig.docx", text, footer="2024年11月15日")
    found = lint_json(tmp_path / "nosig.docx")
    assert [(r, ln) for r, ln, *_ in found] == [
        ("required-sections", len(text.rstrip("\n").split("\n")))]  # the body's last line


def test_a_soft_break_is_a_line_break_within_the_paragraph(tmp_path):
    text = CLEAN.replace("各抢险队伍反应迅速。", "各抢险队伍反应迅速。↵")
    word_draft(tmp_path / "d.docx", text)
    assert lint_json(tmp_path / "d.docx") == []  # no stray space where the break is
    document = read_docx("d.docx", (tmp_path / "d.docx").read_bytes())
    lines = document.text.split("\n")
    at = lines.index("整改情况：开展在建工程质量检查，各抢险队伍反应迅速。")
    assert lines[at + 1] == "已完成整改。"
    # line numbers count the break; Word's paragraph numbers do not
    assert document.paragraph_number(at + 1) == document.paragraph_number(at + 2) == at + 1
    assert document.paragraph_number(at + 3) == at + 2
    assert document.paragraph_number(1) == 1
    shown = [x for x in cli("show", "d.docx", cwd=tmp_path).stdout.splitlines()
             if not x.startswith("#")]
    assert shown[at + 1].split(None, 1)[1] == "已完成整改。"


def test_a_soft_break_between_words_carries_the_finding_to_its_line(tmp_path):
    text = CLEAN.replace("进行监督。如有意见建议，请及时向我们反映。", "进行监督。↵如有意见建议，请及时向我们反应。")
    word_draft(tmp_path / "d.docx", text)
    document = read_docx("d.docx", (tmp_path / "d.docx").read_bytes())
    lines = document.text.split("\n")
    at = next(i for i, x in enumerate(lines) if x.startswith("如有意见建议")) + 1
    assert [(r, ln, c) for r, ln, c, *_ in lint_json(tmp_path / "d.docx")] == [
        ("confusables", at, 14)]
    assert document.paragraph_number(at) == at - 1


@pytest.mark.parametrize(("run", "expected"), [
    ("page", "前文后文"),      # a page break inside a paragraph: the sentence goes on
    ("tab", "前文\t后文"),     # a tab stays a tab, as in a .txt
])
def test_page_breaks_and_tabs(tmp_path, run, expected):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("前文")
    if run == "page":
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    else:
        paragraph.add_run().add_tab()
    paragraph.add_run("后文")
    document.save(tmp_path / "d.docx")
    assert read_docx("d.docx", (tmp_path / "d.docx").read_bytes()).text == expected


def test_a_document_whose_only_text_is_a_tracked_deletion_has_no_text(tmp_path):
    word_draft(tmp_path / "d.docx", "⟦-通报⟧")
    proc = cli("d.docx", cwd=tmp_path)
    assert proc.returncode == 2 and "d.docx" in proc.stderr and "没有文字" in proc.stderr


def test_a_header_repeated_by_each_section_is_read_once_and_a_different_one_too(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第一节")
    for text in ("县水利局巡查整改台帐", "县水利局巡查整改台帐", "另一页眉"):
        section = document.sections[-1]
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = text
        document.add_section()
        document.add_paragraph("下一节")
    document.save(tmp_path / "d.docx")
    lines = read_docx("d.docx", (tmp_path / "d.docx").read_bytes()).text.split("\n")
    assert lines[-2:] == ["县水利局巡查整改台帐", "另一页眉"]
    assert lines.count("县水利局巡查整改台帐") == 1


def test_hidden_text_is_not_read_and_a_carriage_return_is_a_line_break(tmp_path):
    text = CLEAN.replace("请及时向我们反映。", "请及时向我们反映⟦hidden:（内部备注：反应过的问题）⟧。").replace(
        "进行监督。如有", "进行监督。⟦cr⟧如有")
    word_draft(tmp_path / "d.docx", text)
    assert lint_json(tmp_path / "d.docx") == []
    lines = read_docx("d.docx", (tmp_path / "d.docx").read_bytes()).text.split("\n")
    assert "如有意见建议，请及时向我们反映。" in "\n".join(lines)
    assert any(x.startswith("如有意见建议，") for x in lines)
    assert not any("内部备注" in x for x in lines)


def test_words_in_a_header_or_text_box_are_placed_by_name_not_by_a_paragraph_number(tmp_path):
    # Word counts only the body's paragraphs: "第53段" for a header would send a clerk looking
    # in the wrong place
    text = CLEAN.replace("局党组将持续巩固整改成果", "⟦box:请向我们反应⟧局党组将持续巩固整改成果")
    word_draft(tmp_path / "d.docx", text, header="县水利局巡查整改台帐")
    out = cli("--format", "json", "d.docx", cwd=tmp_path)
    places = [(f["rule"], f["place"]) for f in json.loads(out.stdout)["findings"]]
    assert [(rule, p.get("part"), p["text"]) for rule, p in places] == [
        ("confusables", "textbox", "文本框「请向我们反应」：「反应」"),
        ("inspection-term", "header", "页眉「县水利局巡查整改台帐」：「巡查」"),
        ("confusables", "header", "页眉「县水利局巡查整改台帐」：「台帐」")]
    text_out = cli("--lang", "en", "d.docx", cwd=tmp_path).stdout
    assert '[header ("县水利局巡查整改台帐"): "台帐"]' in text_out
