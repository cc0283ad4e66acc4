"""annotate: a copy of a Word draft with every finding as a comment on exactly its text."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import CLEAN, cli
from test_inputs import BAD, make_docx


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
def test_the_annotated_copy_opens_in_libreoffice(drafts):
    cli("annotate", "draft.docx", "-o", "reviewed.docx", cwd=drafts)
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "reviewed.docx"],
                          cwd=drafts, capture_output=True, timeout=180)
    assert proc.returncode == 0
    assert (drafts / "reviewed.pdf").stat().st_size > 1000
