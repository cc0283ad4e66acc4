"""Hostile sizes: drafts shaped to make a quadratic step take minutes, or a gigabyte, finish.

Each draft here took minutes before its fix (a scan repeated per bracket, per finding, per
count) or more memory than a CI machine has (a finding per character, an object per line); it
now runs well inside a generous timeout, and an address-space limit where memory was the
problem, which only prove that nothing hangs or explodes. Speed and memory are measured in
benchmarks/hostile.py, never here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import CLEAN, ROOT

TIMEOUT = 30  # seconds: a hang detector, many times what each run now takes
LISTED = 200  # marks of one kind the punctuation rule lists one by one
ANCHOR = "二、巡察反馈问题整改进展情况\n\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="address-space limits are POSIX")


def notice_with(block: str) -> str:
    """The clean notice with `block` as a paragraph of its part 二."""
    assert ANCHOR in CLEAN
    return CLEAN.replace(ANCHOR, ANCHOR + block + "\n\n", 1)


def block_line(text: str, block: str) -> int:
    return text[:text.index(block)].count("\n") + 1


def run(*args: str, cwd, timeout: float = TIMEOUT,
        memory: int | None = None) -> subprocess.CompletedProcess:
    """`python -m linter ARGS` in a subprocess that must finish within `timeout` seconds (and,
    given `memory`, within that many MB of address space: a run that needs more fails)."""
    def bounded() -> None:  # POSIX only, as the tests that pass `memory` are
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory << 20, memory << 20))

    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_ACTIONS", "NOTICE_LINT_LANG"):
        environment.pop(name, None)
    try:
        proc = subprocess.run([sys.executable, "-m", "notice_lint", *args], cwd=cwd,
                              capture_output=True, env=environment, timeout=timeout,
                              preexec_fn=bounded if memory else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"notice-lint {' '.join(args)} did not finish in {timeout} s")
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def punctuation(tmp_path, block: str, **limits) -> tuple[subprocess.CompletedProcess, int]:
    text = notice_with(block)
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    # past the default 1 MB cap on purpose: what a user raising --max-file-size gets
    proc = run("--isolated", "--max-file-size", "8", "--select", "punctuation", "draft.txt",
               cwd=tmp_path, **limits)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc, block_line(text, block)


# -- brackets: a single pass with a stack ------------------------------------------------------
# Before: the fast check took out adjacent pairs a layer per pass (k nested brackets, k passes
# over the text), and each stray closer walked the whole stack of openers; 340,000 nested
# brackets (1 MB) took minutes.
K = 170_000


@pytest.mark.parametrize("block", [
    "（" * K + "）" * K,
    "《（“【" * (K // 4) + "】”）》" * (K // 4),
    "“‘" * (K // 2) + "’”" * (K // 2),
], ids=["round", "mixed", "quotes"])
def test_deeply_nested_balanced_brackets_pass(tmp_path, block):
    proc, _ = punctuation(tmp_path, block)
    assert proc.returncode == 0, proc.stdout[-500:]
    assert "未发现问题" in proc.stdout


def test_deeply_nested_brackets_missing_the_last_closer_name_the_first_opener(tmp_path):
    proc, line = punctuation(tmp_path, "（" * K + "）" * (K - 1))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:-1] == [
        f"draft.txt:{line}:1: warning punctuation: 括号不配对：「（」缺少对应的「）」"]


def test_closers_of_another_kind_after_many_openers(tmp_path):
    # each 》 looked for a 《 through all 60,000 （ before it; the 120,000 findings are now the
    # first 200 and one that counts the rest, at the first of them
    k = 60_000
    proc, line = punctuation(tmp_path, "（" * k + "》" * k)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 + LISTED + 1
    assert lines[0] == (f"draft.txt:{line}:1: warning punctuation: 另有{2 * k - LISTED}处括号、引号"
                        f"不配对（未逐一列出，最前的一处在此）")
    assert lines[1] == (f"draft.txt:{line}:{k + 1}: warning punctuation: "
                        f"多余的后书名号「》」：前面没有对应的「《」")


# -- thousands of findings of one kind: the first 200 listed, the rest counted ------------------

@POSIX
def test_a_million_unclosed_quotes_are_counted_not_listed(tmp_path):
    # before: 1,000,000 findings took 1 GB of memory and 20 s
    k = 1_000_000
    proc, line = punctuation(tmp_path, "“" * k, memory=600)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:2] == [f"draft.txt:{line}:{column}: warning punctuation: 引号不配对：「“」缺少对应的「”」"
                         for column in (1, 2)]
    assert lines[LISTED:] == [
        f"draft.txt:{line}:{LISTED + 1}: warning punctuation: "
        f"另有{k - LISTED}处括号、引号不配对（未逐一列出，最前的一处在此）",
        f"共发现 {LISTED + 1} 个问题（错误 0，警告 {LISTED + 1}，提示 0），检查文件 1 个。"]


def test_doubled_marks_past_the_listed_ones_are_fixed_in_one_go(tmp_path):
    k = 5_000
    text = notice_with("整改，，完成。。" * k + "报告，。")
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    line = block_line(text, "整改，，")
    proc = run("--isolated", "--select", "punctuation", "draft.txt", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 + LISTED + 1
    assert lines[LISTED] == (f"draft.txt:{line}:{8 * LISTED // 2 + 3}: warning punctuation: "
                             f"另有{2 * k + 1 - LISTED}处标点重复（未逐一列出），自此处起")
    fixed = run("--isolated", "--select", "punctuation", "--fix", "draft.txt", cwd=tmp_path)
    assert fixed.returncode == 1, fixed.stderr  # ，。 is left for a reader to choose
    assert (tmp_path / "draft.txt").read_text("utf-8") == notice_with("整改，完成。" * k + "报告，。")
    again = run("--isolated", "--select", "punctuation", "draft.txt", cwd=tmp_path)
    assert again.stdout.splitlines()[0] == (f"draft.txt:{line}:{6 * k + 3}: warning punctuation: "
                                            f"标点重复：“，。”")


# -- annotate: every finding placed in one pass, comments added at a constant cost -------------

def word_draft(path, paragraphs: list[str]) -> None:
    """The clean notice as a Word draft, with `paragraphs` in its part 二."""
    import docx
    document = docx.Document()
    for line in CLEAN.split("\n"):
        document.add_paragraph(line)
        if line + "\n\n" == ANCHOR:
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
    document.save(path)


def annotate(tmp_path, paragraphs: list[str], timeout: float = TIMEOUT) -> list[tuple[str, str]]:
    """(anchored text, comment) of each comment `annotate --select confusables` writes."""
    from test_annotate import comments
    word_draft(tmp_path / "draft.docx", paragraphs)
    proc = run("annotate", "--isolated", "--select", "confusables", "draft.docx", "-o",
               "reviewed.docx", cwd=tmp_path, timeout=timeout)
    assert proc.returncode == 1, proc.stderr
    return comments(tmp_path / "reviewed.docx")


WRONG = "[错误 confusables] “截止”应为“截至”：表示“到某个时间为止”用“截至”，“截止”后不接时间"


def dated(k: int) -> str:
    return f"截止2024年10月{k % 28 + 1}日，第{k + 1}项已整改。"


def test_annotate_many_findings_in_one_paragraph(tmp_path):
    # before: each finding re-read every run of its paragraph twice, and the runs multiply as
    # they are split: 1,500 findings in one paragraph took minutes
    n = 1500
    found = annotate(tmp_path, ["".join(dated(k) for k in range(n))])
    assert found == [("截止", WRONG)] * n


def test_annotate_thousands_of_comments(tmp_path):
    # before: python-docx reads the id of every comment to number a new one: 10,000 comments
    # took minutes. Each now costs the same (about a millisecond: this run takes seconds).
    n = 10_000
    found = annotate(tmp_path, [dated(k) for k in range(n)], timeout=60)
    assert found == [("截止", WRONG)] * n
    with zipfile.ZipFile(tmp_path / "reviewed.docx") as z:
        notes = z.read("word/comments.xml").decode()
    assert sorted(map(int, re.findall(r'<w:comment [^>]*w:id="(\d+)"', notes))) == list(range(n))


def with_own_comments(path, ids: list[int]) -> None:
    """A reviewer's comments already in the draft, numbered `ids`, one on each of its first
    paragraphs with text."""
    import docx
    document = docx.Document(path)
    written = [p for p in document.paragraphs if p.text]
    for number, paragraph in zip(ids, written, strict=False):
        document.add_comment(paragraph.runs, text=f"审阅意见{number}", author="审阅人")
    xml = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments").element
    for comment, number in zip(xml, ids, strict=True):  # renumber, in the body too
        old = comment.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id")
        for element in [comment, *document.element.body.iter()]:
            key = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id"
            if element.get(key) == old and (element is comment or "comment" in element.tag):
                element.set(key, str(number))
    document.save(path)


@pytest.mark.parametrize("ids", [[0, 1], [7, 3], [2**31 - 1]],
                         ids=["in-order", "out-of-order", "greatest-possible-id"])
def test_annotate_keeps_the_drafts_own_comments(tmp_path, ids):
    from test_annotate import comments
    word_draft(tmp_path / "draft.docx", [dated(k) for k in range(3)])
    with_own_comments(tmp_path / "draft.docx", ids)
    proc = run("annotate", "--isolated", "--select", "confusables", "draft.docx", "-o",
               "reviewed.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = comments(tmp_path / "reviewed.docx")
    written = [line for line in CLEAN.split("\n") if line]
    own = [(line, f"审阅意见{i}") for i, line in zip(ids, written, strict=False)]
    assert sorted(found) == sorted([*own, *[("截止", WRONG)] * 3])
    with zipfile.ZipFile(tmp_path / "reviewed.docx") as z:
        notes = z.read("word/comments.xml").decode()
    numbers = re.findall(r'<w:comment [^>]*w:id="(\d+)"', notes)
    assert len(set(numbers)) == len(numbers) == len(ids) + 3
    assert numbers[:len(ids)] == [str(i) for i in ids]  # the draft's own stay first, as they were


# -- issue counts: a restated total found by a lookup -----------------------------------------

def test_issue_counts_over_tens_of_thousands_of_counts(tmp_path):
    # before: each count that could restate a total walked back over every pool opened before
    # it: 80,000 of them took minutes
    block = "\n".join(f"群众反映的第{k + 1}项问题已整改。" for k in range(80_000))
    text = notice_with(block).replace("已完成整改2个，正在整改1个", "已完成整改2个，正在整改2个")
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    proc = run("--isolated", "--max-file-size", "8", "--select", "issue-counts", "draft.txt",
               cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    line = block_line(text, "截至2024年10月31日")
    assert proc.stdout.splitlines()[:-1] == [
        f"draft.txt:{line}:20: warning issue-counts: 反馈问题3个，但已完成2个与正在整改2个之和为4个"]


# -- millions of lines: line offsets kept as machine integers, lines cut out when asked for -----

@POSIX
def test_millions_of_empty_lines_fit_in_a_small_memory(tmp_path):
    # before: each line had a list entry, an int and a pair of them in several lists, and the
    # line-join repair split the whole text again: 3 million empty lines needed 800 MB
    text = notice_with("\n" * 3_000_000)
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    proc = run("--isolated", "--max-file-size", "8", "draft.txt", cwd=tmp_path, memory=400)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "未发现问题，检查文件 1 个。\n"
