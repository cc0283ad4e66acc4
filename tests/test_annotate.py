"""annotate: a copy of a Word draft with every finding as a comment on exactly its text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import CLEAN, cli, make_linter
from fuzz_docx import hostile_docx
from hypothesis import HealthCheck, given, settings
from test_inputs import BAD, make_docx

_LINTER = make_linter()


def comments(path) -> list[tuple[str, str]]:
    """(anchored text, comment text) for every comment of a .docx."""
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        notes = z.read("word/comments.xml").decode()
    texts = {}
    for m in re.finditer(r'<w:comment [^>]*w:id="(\d+)"[^>]*>(.*?)</w:comment>', notes, re.S):
        texts[m.group(1)] = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", m.group(2)))
    out = []
    for m in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>',
                         body, re.S):
        anchored = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", m.group(2)))
        out.append((anchored, texts[m.group(1)]))
    return out


@pytest.fixture
def drafts(tmp_path):
    make_docx(tmp_path / "draft.docx", BAD, table_lines=("欢迎广大干部群众",))
    return tmp_path


def test_comments_are_anchored_on_the_offending_words(drafts):
    before = (drafts / "draft.docx").read_bytes()
    proc = cli("annotate", "draft.docx", "-o", "reviewed.docx", cwd=drafts)
    assert proc.returncode == 1, proc.stderr
    assert "4 条批注" in proc.stderr
    assert (drafts / "draft.docx").read_bytes() == before  # the draft is never changed
    found = comments(drafts / "reviewed.docx")
    anchored = sorted(a for a, _ in found)
    assert anchored == sorted(["反应", "台帐", "截止", " "])
    by_text = dict(found)
    assert by_text["反应"] == "[错误 confusables] “反应”应为“反映”：把情况或意见告诉别人用“反映”"
    assert all("notice-lint" in z for z in [zipfile.ZipFile(drafts / "reviewed.docx")
                                             .read("word/comments.xml").decode()])


def test_the_split_runs_keep_their_formatting(drafts):
    cli("annotate", "draft.docx", "-o", "reviewed.docx", cwd=drafts)
    import docx
    original = docx.Document(drafts / "draft.docx")
    reviewed = docx.Document(drafts / "reviewed.docx")
    for a, b in zip(original.paragraphs, reviewed.paragraphs, strict=True):
        assert a.text == b.text
        bold = "".join(r.text for r in a.runs if r.bold)
        assert "".join(r.text for r in b.runs if r.bold) == bold


def test_a_clean_draft_gets_no_comment_and_exit_0(tmp_path):
    make_docx(tmp_path / "clean.docx", CLEAN)
    proc = cli("annotate", "clean.docx", "-o", "out.docx", cwd=tmp_path)
    assert proc.returncode == 0 and "0 条批注" in proc.stderr
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert "commentRangeStart" not in z.read("word/document.xml").decode()


def test_document_level_findings_sit_on_their_paragraph(tmp_path):
    text = CLEAN.replace("\n中共青石县水利局党组\n\n2024年11月15日\n", "\n")
    make_docx(tmp_path / "d.docx", text)
    cli("annotate", "d.docx", "-o", "out.docx", cwd=tmp_path)
    ((anchored, note),) = comments(tmp_path / "out.docx")
    assert note.startswith("[错误 required-sections] 缺少落款")
    assert anchored == text.rstrip("\n").splitlines()[-1]


@pytest.mark.parametrize(("args", "needle"), [
    (["draft.docx", "-o", "draft.docx"], "原稿"),
    (["draft.txt", "-o", "x.docx"], ".docx"),
    (["missing.docx", "-o", "x.docx"], "不存在"),
    (["draft.docx"], "-o"),
])
def test_refusals(drafts, args, needle):
    (drafts / "draft.txt").write_text(BAD, encoding="utf-8")
    proc = cli("annotate", *args, cwd=drafts)
    assert proc.returncode == 2 and needle in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_annotated_copy_opens_in_libreoffice_with_its_comments(tmp_path):
    """LibreOffice opens the annotated copy (with an insertion, a soft break, a header and a
    reviewer's comment in it) and saves it again as .docx with every comment on its words."""
    from test_word_reading import word_draft
    from test_word_review import comments as all_comments
    from test_word_review import reviewer_comment

    text = (BAD.replace("请及时向我们反应。", "请及时向我们⟦+反应⟧。")
            .replace("进行监督。如有", "进行监督。↵如有"))
    word_draft(tmp_path / "draft.docx", text, header="整改台帐")
    cli("annotate", "draft.docx", "-o", "reviewed.docx", cwd=tmp_path)
    reviewer_comment(tmp_path / "reviewed.docx", "台帐", "请核实", author="李四")
    ours = sorted(all_comments(tmp_path / "reviewed.docx"))
    assert len(ours) == 7  # 4 findings of BAD, the header, the insertion, the reviewer
    out = tmp_path / "lo"
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/u",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                           "reviewed.docx"], cwd=tmp_path, capture_output=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    # LibreOffice writes its own author names and ids, and keeps the comments and their words
    again = sorted((a, n) for _, a, n in all_comments(out / "reviewed.docx"))
    assert again == sorted((a, n) for _, a, n in ours)
    assert sorted(a for a, _, _ in all_comments(out / "reviewed.docx")) == sorted(
        a for a, _, _ in ours)


# -- Word as Word shows it: insertions, soft breaks, headers, footers, text boxes ---------------

def _reviewed(tmp_path, text: str, **parts) -> list[tuple[str, str, str]]:
    from test_word_reading import word_draft
    from test_word_review import comments as all_comments

    word_draft(tmp_path / "d.docx", text, **parts)
    proc = cli("annotate", "d.docx", "-o", "out.docx", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    return [(anchored, note) for _, anchored, note in all_comments(tmp_path / "out.docx")]


def test_comments_anchor_on_inserted_words_and_after_soft_breaks(tmp_path):
    text = (CLEAN.replace("请及时向我们反映。", "请及时向我们⟦+反应⟧⟦-反映⟧。")
            .replace("进行监督。如有", "进行监督。↵如有").replace("建立整改台账", "建立⟦+整改台帐⟧"))
    found = _reviewed(tmp_path, text)
    assert sorted(found) == sorted([
        ("反应", "[错误 confusables] “反应”应为“反映”：把情况或意见告诉别人用“反映”"),
        ("台帐", "[错误 confusables] “台帐”应为“台账”：记录财物、事项的簿册用“账”"),
        ("整", "[提示 word-review] 文档中有 3 处未处理的修订（插入、删除或移动），已按全部接受后"
               "的文字检查；发布前请在 Word 中接受或拒绝修订")])
    import docx  # the text of every paragraph is what it was
    before = [p.text for p in docx.Document(tmp_path / "d.docx").paragraphs]
    assert [p.text for p in docx.Document(tmp_path / "out.docx").paragraphs] == before


def test_findings_in_headers_footers_and_text_boxes_sit_on_a_body_paragraph(tmp_path):
    text = CLEAN.replace("局党组将持续巩固整改成果，", "⟦box:请向我们反应⟧局党组将持续巩固整改成果，")
    found = _reviewed(tmp_path, text, header="整改台帐", footer="- ⟦page⟧ -")
    lines = CLEAN.split("\n")
    host = next(x for x in lines if x.startswith("局党组将持续巩固整改成果"))
    assert sorted(found) == sorted([
        (lines[0], "[错误 confusables] 页眉中“台帐”：“台帐”应为“台账”：记录财物、事项的簿册用“账”"),
        (host, "[错误 confusables] 文本框中“反应”：“反应”应为“反映”：把情况或意见告诉别人用“反映”")])


_HOSTILE_RUNS = int(os.environ.get("NOTICE_LINT_FUZZ_EXAMPLES", "400")) // 8


@settings(max_examples=max(_HOSTILE_RUNS, 1), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=hostile_docx(BAD))
def test_annotating_a_hostile_word_file_writes_a_copy_or_says_why(tmp_path, data):
    """Malformed markup around insertions, moves, text boxes and comment ranges: a commented
    copy that python-docx reads back, or one clear error; never a crash."""
    import docx

    from notice_lint.cli.annotate import AnnotateError, annotate_draft

    (tmp_path / "h.docx").write_bytes(data)
    try:
        done = annotate_draft(_LINTER, str(tmp_path / "h.docx"), str(tmp_path / "o.docx"), "zh")
    except AnnotateError as exc:
        assert exc.message.zh
        return
    assert done.count >= 0
    docx.Document(tmp_path / "o.docx")
