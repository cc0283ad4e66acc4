"""Inputs read with limits (issue 14): drafts in formats we cannot read named with what to do,
nothing linted never passes, zip and YAML bombs refused, FIFOs and devices never read, a size cap
the user can raise, symlinks out of a walked folder skipped, `extends` read once per file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CLEAN, cli

from notice_lint.config import load

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev need POSIX")
BAD = CLEAN.replace("建立整改台账", "建立整改台帐")


def quick(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The command line with a timeout that proves it does not hang (each took minutes, or
    forever, before)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NOTICE_LINT_LANG")}
    proc = subprocess.run([sys.executable, "-m", "notice_lint", *args], cwd=cwd, input=stdin,
                          capture_output=True, env={**env, "PYTHONIOENCODING": "utf-8"},
                          timeout=20)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def errors(proc: subprocess.CompletedProcess) -> list[str]:
    return proc.stderr.strip().splitlines()


# -- formats notice-lint cannot read; nothing linted -----------------------------------------------

@pytest.mark.parametrize("name", ["稿.doc", "稿.wps", "稿.odt", "稿.rtf", "稿.DOCM", "稿.dotx"])
def test_a_word_or_wps_draft_named_says_save_it_as_docx(tmp_path, name):
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    proc = cli(name, cwd=tmp_path)
    assert proc.returncode == 2
    [line] = errors(proc)
    assert line.startswith(f"notice-lint: 错误: {name}: ") and line.endswith(
        "文件无法直接检查：请在 Word 或 WPS 中另存为 .docx（或 .txt）后再检查")
    english = cli(name, "--lang", "en", cwd=tmp_path)
    assert f"{name}: " in english.stderr and "save it as .docx" in english.stderr


def test_a_pdf_named_says_lint_its_source(tmp_path):
    (tmp_path / "通报.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    proc = cli("通报.pdf", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == ["notice-lint: 错误: 通报.pdf: PDF 文件无法检查：请检查它的原稿（另存为 .docx 或 .txt）"]


def test_a_doc_saved_under_a_txt_name_is_named_for_what_it_is(tmp_path):
    (tmp_path / "稿.txt").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\x01" * 600)
    proc = cli("稿.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "稿.txt: Word 97-2003 / WPS" in proc.stderr
    assert "另存为 .docx" in proc.stderr


def test_a_folder_of_doc_and_wps_files_fails_naming_each(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("一.doc", "二.wps"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "~$一.doc").write_bytes(b"lock")  # Word's lock file is no draft
    proc = cli("drafts", cwd=tmp_path)
    assert proc.returncode == 2
    assert [line.split(": ")[2] for line in errors(proc)] == ["drafts/一.doc", "drafts/二.wps"]
    assert all("另存为 .docx" in line for line in errors(proc))


def test_a_doc_beside_drafts_in_a_folder_fails_the_gate_and_the_drafts_are_linted(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    proc = cli(".", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert {f["path"] for f in report["findings"]} == {"./bad.txt"}
    assert "./old.doc: Word 97-2003 (.doc) 文件无法直接检查" in proc.stderr
    (tmp_path / "c.yaml").write_text("exclude: ['*.doc']\n")  # the way to leave them out
    excluded = cli(".", "--config", "c.yaml", cwd=tmp_path)
    assert excluded.returncode == 1 and "old.doc" not in excluded.stderr


def test_nothing_linted_is_exit_2_naming_the_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = cli("empty", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == ["notice-lint: 错误: empty: 目录中没有 .txt、.md 或 .docx 草稿"]
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    english = cli("empty", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert english.returncode == 2
    assert json.loads(english.stdout)["summary"]["files"] == 0
    assert "empty: no .txt, .md or .docx draft in this directory" in english.stderr


def test_an_empty_folder_beside_a_draft_stays_a_warning(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("clean.txt", "empty", cwd=tmp_path)
    assert proc.returncode == 0
    assert errors(proc) == ["notice-lint: 警告: empty: 目录中没有 .txt、.md 或 .docx 草稿"]


# -- .docx bombs -----------------------------------------------------------------------------------

def write_docx(path: Path, body_xml: bytes = b"", repeat: int = 0, extra: dict | None = None,
               xml_unit: bytes = b"<w:p/>") -> Path:
    """A Word file made by python-docx whose body gets `body_xml` and `repeat` copies of
    `xml_unit`, streamed into the zip so that a bomb never sits whole in the test's memory."""
    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("中共青石县水利局党组关于巡察整改进展情况的通报")
    document.save(made)
    source = zipfile.ZipFile(made)
    xml = source.read("word/document.xml")
    head, tail = xml.split(b"<w:body>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, source.read(info.filename))
                continue
            with out.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>" + body_xml)
                chunk = xml_unit * 65536
                for _ in range(repeat // 65536):
                    stream.write(chunk)
                stream.write(tail)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


def test_a_docx_zip_bomb_is_refused_at_once(tmp_path):
    # 200 MB of empty paragraphs in 340 KB: before, 4 GB of memory and minutes, then a crash
    bomb = write_docx(tmp_path / "炸弹.docx", repeat=200 * 1024 * 1024 // 6)
    assert bomb.stat().st_size < 1024 * 1024
    proc = quick("炸弹.docx", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == ["notice-lint: 错误: 炸弹.docx: docx 的文字与排版（XML）解压后过大（超过 4 MB），"
                            "疑似压缩炸弹；正常文档可用 --max-file-size 调高上限"]
    annotate = quick("annotate", "炸弹.docx", "-o", "out.docx", cwd=tmp_path)
    assert annotate.returncode == 2 and "解压后过大" in annotate.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_docx_that_unzips_a_hundredfold_is_refused(tmp_path):
    # 20 MB of zeros as a picture: within the size bound, but 500 times the file itself
    write_docx(tmp_path / "图.docx", extra={"word/media/image1.png": bytes(20 * 1024 * 1024)})
    proc = quick("图.docx", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    assert "图.docx: the docx unzips too large" in proc.stderr and "zip bomb" in proc.stderr


def test_the_docx_bound_follows_max_file_size(tmp_path):
    # 200 KB of real paragraphs: fine by default, over the bound when the user lowers the limit
    paragraph = "<w:p><w:r><w:t>局党组召开专题会议研究部署整改工作。</w:t></w:r></w:p>".encode()
    write_docx(tmp_path / "稿.docx", body_xml=paragraph * 2500)
    assert cli("稿.docx", "--fail-on", "never", cwd=tmp_path).returncode == 0
    proc = cli("稿.docx", "--max-file-size", "0.05", cwd=tmp_path)
    assert proc.returncode == 2 and "稿.docx: docx 的文字与排版（XML）解压后过大" in proc.stderr


# -- FIFOs, devices and the size cap ---------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_or_linked_is_refused_unread(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    (tmp_path / "notice.txt").symlink_to(device)  # a symlink tracked in a repository
    for name in (device, "notice.txt"):
        proc = quick(name, cwd=tmp_path)
        assert proc.returncode == 2
        assert errors(proc) == [f"notice-lint: 错误: {name}: 不是普通文件（是管道、设备或套接字），"
                                f"未读取；标准输入请用“-”"]
    assert quick("show", "notice.txt", cwd=tmp_path).returncode == 2


@POSIX
def test_a_fifo_named_as_a_draft_or_as_the_config_never_hangs(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    proc = quick("pipe.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "pipe.txt: 不是普通文件" in proc.stderr
    config = quick("--config", "pipe.txt", "clean.txt", "--lang", "en", cwd=tmp_path)
    assert config.returncode == 2
    assert errors(config) == ["notice-lint: error: pipe.txt: 不是普通文件（是管道、设备或套接字），"
                              "未读取；标准输入请用“-” (not a regular file (a pipe, device or "
                              "socket), not read; use '-' for standard input)"]
    (tmp_path / "c.yaml").write_text("extends: pipe.txt\n", encoding="utf-8")
    extends = quick("--config", "c.yaml", "clean.txt", cwd=tmp_path)
    assert extends.returncode == 2 and "pipe.txt: 不是普通文件" in extends.stderr


@POSIX
def test_a_fifo_in_a_walked_folder_or_as_a_discovered_config_is_skipped(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    os.mkfifo(tmp_path / "pyproject.toml")
    os.mkfifo(tmp_path / ".notice-lint.yaml")
    proc = quick(".", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["summary"]["files"] == 1
    assert errors(proc) == ["notice-lint: 警告: ./pipe.md: 不是普通文件（管道、设备或套接字），已跳过"]


def test_a_draft_over_the_size_cap_is_refused_and_the_cap_can_be_raised(tmp_path):
    big = CLEAN * (1024 * 1024 // len(CLEAN.encode()) + 1)
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    proc = cli("big.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == ["notice-lint: 错误: big.txt: 文件过大（超过 1 MB 的上限；可用 --max-file-size 调高）"]
    stdin = cli("-", "--lang", "en", cwd=tmp_path, stdin=big.encode())
    assert stdin.returncode == 2 and "file too large (over the 1 MB limit" in stdin.stderr
    assert cli("big.txt", "--max-file-size", "2", "--fail-on", "never",
               cwd=tmp_path).returncode == 0
    (tmp_path / ".notice-lint.yaml").write_text("max-file-size: 2\nfail-on: never\n")
    assert cli("big.txt", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("value", ["0", "-1", "yes", "[1]"])
def test_a_bad_max_file_size_names_the_file_and_line(tmp_path, value):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / ".notice-lint.yaml").write_text(f"lang: zh\nmax-file-size: {value}\n")
    proc = cli("clean.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == [f"notice-lint: 错误: {tmp_path / '.notice-lint.yaml'}:2: max-file-size "
                            f"应为正数，单位 MB (must be a positive number of MB)"]
    option = cli("clean.txt", "--max-file-size", value, cwd=tmp_path)
    assert option.returncode == 2 and "--max-file-size" in option.stderr


# -- symlinks out of a walked folder ---------------------------------------------------------------

@POSIX
def test_a_symlink_out_of_a_walked_folder_is_skipped_and_its_text_not_reported(tmp_path):
    secret = tmp_path / "private" / "秘密.txt"
    secret.parent.mkdir()
    secret.write_text(BAD.replace("局党组召开专题会议", "绝密内容甲乙丙"), encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "bad.txt").write_text(BAD, encoding="utf-8")
    (drafts / "link.txt").symlink_to(secret)
    (drafts / "inside.txt").symlink_to(drafts / "bad.txt")  # inside the folder: linted
    proc = cli("drafts", "--format", "html", "--output", "report.html", cwd=tmp_path)
    assert proc.returncode == 1
    assert errors(proc) == ["notice-lint: 警告: drafts/link.txt: 符号链接指向所检查的目录之外，已跳过"
                            "（需要检查请直接给出该文件）"]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "绝密内容" not in page and "drafts/inside.txt" in page
    named = cli("drafts/link.txt", "--format", "json", cwd=tmp_path)  # named on purpose: read
    assert named.returncode == 1 and json.loads(named.stdout)["summary"]["files"] == 1


# -- YAML aliases and `extends` --------------------------------------------------------------------

def alias_bomb(levels: int = 9) -> str:
    """770 bytes that expand to 9^9 strings once an example is turned into text."""
    lines = ["rules:", "  confusables:", "    add:", "      - wrong: 帐号", "        right: 账号",
             "        examples:", "          pass: [注册账号]", "          fail:",
             "            - &a0 [" + ", ".join(["注册帐号"] * 9) + "]"]
    lines += [f"            - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]"
              for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_in_a_config_is_refused_naming_the_line(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / ".notice-lint.yaml").write_text(alias_bomb(), encoding="utf-8")
    proc = quick("clean.txt", cwd=tmp_path)  # before: 39 s and 3.4 GB
    assert proc.returncode == 2
    [line] = errors(proc)
    assert line.startswith(f"notice-lint: 错误: {tmp_path / '.notice-lint.yaml'}:14: ")
    assert "别名展开后超过 100000 个节点，疑似别名炸弹" in line


def test_aliases_that_expand_a_little_still_load(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("per-file-ignores:\n  'a/*.txt': &off [confusables, spacing]\n"
                      "  'b/*.txt': *off\n", encoding="utf-8")
    assert dict(load(config).per_file_ignores) == {"a/*.txt": ("confusables", "spacing"),
                                                    "b/*.txt": ("confusables", "spacing")}
    config.write_text("per-file-ignores: &me\n  'a/*.txt': [*me]\n", encoding="utf-8")
    proc = cli("--config", "c.yaml", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "c.yaml:1: YAML 格式错误：别名引用了包含它自身的节点" in proc.stderr


def test_a_chain_of_extends_diamonds_reads_each_file_once(tmp_path):
    depth = 20  # before: 2^20 reads, minutes
    for level in range(depth):
        for side in "ab":
            parents = (f"extends: [a{level + 1}.yaml, b{level + 1}.yaml]\n" if level + 1 < depth
                       else "extends: default\n")
            (tmp_path / f"{side}{level}.yaml").write_text(
                parents + f"fail-on: {'never' if level == 0 else 'info'}\n"
                f"exclude: ['{side}{level}/*']\n", encoding="utf-8")
    (tmp_path / ".notice-lint.yaml").write_text("extends: [a0.yaml, b0.yaml]\n")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    proc = quick("bad.txt", cwd=tmp_path)
    assert proc.returncode == 0  # fail-on: never from a0 and b0 wins over the info below them
    assert load(tmp_path / ".notice-lint.yaml").exclude == ("b0/*",)


@pytest.mark.parametrize("mode", [["--diff"], ["--fix"], ["--write-baseline", "b.json"]])
def test_nothing_linted_fails_with_fix_diff_and_baseline_too(tmp_path, mode):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    proc = quick(*mode, "drafts", cwd=tmp_path)
    assert proc.returncode == 2
    assert "notice-lint: 错误: drafts: 目录中没有 .txt、.md 或 .docx 草稿" in errors(proc)


@POSIX
def test_a_fifo_as_the_baseline_never_hangs(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    os.mkfifo(tmp_path / "base.json")
    proc = quick("--baseline", "base.json", "clean.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc) == ["notice-lint: 错误: base.json: 不是普通文件（是管道、设备或套接字），"
                            "未读取；标准输入请用“-”"]
