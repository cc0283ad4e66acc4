"""Inputs: every encoding gives the same findings; Markdown and Word drafts as the outline sees
them; suppression comments in Markdown."""

from __future__ import annotations

import codecs
import json

import pytest
from conftest import CLEAN, cli, draft

BAD = (CLEAN.replace("请及时向我们反映", "请及时向我们反应").replace("建立整改台账", "建立整改台帐")
       .replace("截至2024年10月31日", "截止 2024年10月31日"))


def findings(proc):
    return [{k: v for k, v in f.items() if k != "path"}
            for f in json.loads(proc.stdout)["findings"]]


ENCODINGS = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf16le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf16be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "gbk-crlf": lambda t: t.replace("\n", "\r\n").encode("gbk"),
}


def test_every_encoding_gives_identical_findings(tmp_path):
    results = {}
    for name, encode in ENCODINGS.items():
        (tmp_path / f"{name}.txt").write_bytes(encode(BAD))
        results[name] = findings(cli(f"{name}.txt", "--format", "json", cwd=tmp_path))
    reference = results["utf8"]
    assert len(reference) == 4
    for name, got in results.items():
        assert got == reference, name


def test_show_names_the_encoding(tmp_path):
    for name, label in (("utf16le", "UTF-16LE (BOM)"), ("gb18030-crlf", "GB18030"),
                        ("utf8-bom", "UTF-8 (BOM)")):
        (tmp_path / "d.txt").write_bytes(ENCODINGS[name](BAD))
        assert f"编码 {label}" in cli("show", "d.txt", cwd=tmp_path).stdout


def test_undecodable_file_is_exit_2_naming_it(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café déjà vu, naïve façade".encode("latin-1") * 5)
    proc = cli("latin.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "latin.txt" in proc.stderr and "GB18030" in proc.stderr


MARKDOWN = draft("""
    # 中共青石县水利局党组关于巡察整改进展情况的通报

    根据县委统一部署，2024年5月6日至6月20日，县委第四巡察组对县水利局党组进行了巡察。2024年7月15日，县委第四巡察组向县水利局党组反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。

    ## 一、组织整改落实情况

    局党组召开**专题会议**研究部署整改工作，建立整改台账。

    ```
    这是代码块：截止目前，请及时向我们反应。
    ```

    ## 二、巡察反馈问题整改进展情况

    - （一）水利工程建设监管不到位。已完成整改。

    ## 三、下一步工作安排

    局党组将持续巩固整改成果。

    <!-- notice-lint-disable-next-line confusables -- 引用原话，保留 -->
    欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反应。联系电话：0739-5551234；电子邮箱：qsslj@163.com。公开期限：2024年11月15日至12月14日。

    中共青石县水利局党组

    2024年11月15日
""")


def test_markdown_headings_lists_and_code_blocks(tmp_path):
    (tmp_path / "d.md").write_text(MARKDOWN, encoding="utf-8")
    proc = cli("d.md", "--format", "json", cwd=tmp_path)
    assert findings(proc) == [], proc.stdout


def test_markdown_suppression_covers_only_its_line_and_rule(tmp_path):
    text = MARKDOWN.replace("局党组将持续巩固整改成果。", "局党组将持续巩固整改成果，请向我们反应。")
    (tmp_path / "d.md").write_text(text, encoding="utf-8")
    got = findings(cli("d.md", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["line"]) for f in got] == [
        ("confusables", text.splitlines().index("局党组将持续巩固整改成果，请向我们反应。") + 1)]
    text = MARKDOWN.replace("disable-next-line confusables", "disable-next-line spacing")
    (tmp_path / "d.md").write_text(text, encoding="utf-8")
    # (the spacing comment, hiding nothing, is itself reported: tests/test_unused_suppression.py)
    assert [f["rule"] for f in findings(cli("d.md", "--format", "json", cwd=tmp_path))
            if f["rule"] != "unused-suppression"] == ["confusables"]


def make_docx(path, text: str, *, table_lines=(), split=True):
    """A Word document with one paragraph per line; some lines in table cells; runs split."""
    import docx
    document = docx.Document()
    for line in text.split("\n"):
        if any(line.startswith(prefix) for prefix in table_lines):
            cell = document.add_table(rows=1, cols=1).cell(0, 0)
            paragraph = cell.paragraphs[0]
        else:
            paragraph = document.add_paragraph()
        if line:
            cut = len(line) // 3 if split else len(line)
            paragraph.add_run(line[:cut]).bold = True
            paragraph.add_run(line[cut:])
    document.save(path)


def test_docx_findings_land_on_the_paragraph_equal_to_the_text_line(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    make_docx(tmp_path / "d.docx", BAD, table_lines=("欢迎广大干部群众",))
    text = findings(cli("d.txt", "--format", "json", cwd=tmp_path))
    word = findings(cli("d.docx", "--format", "json", cwd=tmp_path))
    for f in text:
        f.pop("fix", None)
    for f in word:
        f.pop("fix", None)
        assert f.pop("place")["paragraph"] == f["line"]   # a Word draft's place: test_excerpts
    assert word == text
    show = [x for x in cli("show", "d.docx", cwd=tmp_path).stdout.splitlines()
            if not x.startswith("#")]
    line = next(f["line"] for f in text if "反应" in f["message"])
    assert show[line - 1].split(None, 1)[1] == BAD.splitlines()[line - 1]


def test_docx_is_never_rewritten_by_fix(tmp_path):
    make_docx(tmp_path / "d.docx", BAD)
    before = (tmp_path / "d.docx").read_bytes()
    proc = cli("--fix", "d.docx", cwd=tmp_path)
    assert "annotate" in proc.stderr
    assert (tmp_path / "d.docx").read_bytes() == before


@pytest.mark.parametrize(("data", "needle"), [
    (b"PK\x03\x04 not really a zip", "Word"),
    ("这不是 Word 文档".encode(), "zip"),
])
def test_bad_docx_is_a_clear_error(tmp_path, data, needle):
    (tmp_path / "d.docx").write_bytes(data)
    proc = cli("d.docx", cwd=tmp_path)
    assert proc.returncode == 2 and "d.docx" in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_markdown_paragraph_wrapped_over_lines_is_one_paragraph(tmp_path):
    wrapped = MARKDOWN.replace("局党组召开**专题会议**研究部署整改工作，建立整改台账。",
                               "局党组召开**专题会议**研究部署\n整改工作，建立整改台账。")
    (tmp_path / "d.md").write_text(wrapped, encoding="utf-8")
    assert findings(cli("d.md", "--format", "json", cwd=tmp_path)) == []
