"""Findings you can find: the words in context under each finding, colour on a terminal, and a
Word draft's place named in every output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import cli
from test_inputs import BAD, make_docx

from notice_lint.colour import Palette, wanted
from notice_lint.document import Document
from notice_lint.excerpt import source_lines, width
from notice_lint.finding import Finding, Place
from notice_lint.places import attach, cut

ESC = "\x1b["
CARETS = re.compile(r"^ +\| +\^+$")


# -- the excerpt -----------------------------------------------------------------------------------

def test_a_short_line_is_shown_whole():
    text = "上一行\n请及时向我们反应。\n"
    assert cut(text, 4, 13, 10, 12) == ("请及时向我们反应。", 6, 8)


def test_a_long_line_is_cut_around_the_span_with_ellipses():
    line = "甲" * 50 + "反应" + "乙" * 50
    text, start, end = cut(line, 0, len(line), 50, 52)
    assert text[start:end] == "反应"
    assert text.startswith("…甲") and text.endswith("乙…")
    assert 25 <= len(text) <= 40   # about 15 characters either side


def test_near_the_start_of_a_long_line_the_context_comes_from_after():
    line = "反应" + "乙" * 80
    text, start, end = cut(line, 0, len(line), 0, 2)
    assert (start, end) == (0, 2) and text[start:end] == "反应"
    assert not text.startswith("…") and text.endswith("…") and len(text) > 20


def test_a_long_span_is_shown_up_to_an_ellipsis_marked_through_it():
    line = "前" * 30 + "长" * 60 + "后" * 30
    text, start, end = cut(line, 0, len(line), 30, 90)
    assert text[start:end] == "长" * 30 + "…"
    assert text.endswith("…") and "后" not in text


def test_display_width_counts_chinese_and_full_width_as_two():
    assert width("ab") == 2
    assert width("反应") == 4
    assert width("，（）　") == 8        # full-width punctuation and the ideographic space
    assert width("e\u0301") == 1          # a combining accent takes no column
    assert width("\u200b") == 0           # a zero-width space neither


def test_carets_line_up_under_chinese_words():
    place = Place("ab汉字x反应y", 5, 7)
    number, carets = source_lines(place, 41, Palette(False), "error")
    assert number == " 41 | ab汉字x反应y"
    # a, b, 汉 and 字 (two columns each), x: seven columns before the word
    assert carets == "    | " + " " * 7 + "^^^^"


def test_control_characters_in_the_excerpt_are_escaped_and_the_carets_follow():
    place = Place("\x1b[2J反应", 4, 6)
    number, carets = source_lines(place, 3, Palette(False), "warning")
    assert "\x1b" not in number and number.endswith("\\x1b[2J反应")
    assert carets == "   | " + " " * len("\\x1b[2J") + "^^^^"


def test_an_empty_span_at_the_end_of_a_line_gets_one_caret_after_it():
    document = Document.from_text("联系电话\n下一行\n")
    finding = Finding("contact-block", 1, 5, "缺少号码")
    [placed] = attach(document, [finding], excerpts=True)
    assert placed.place == Place("联系电话", 4, 4)
    assert source_lines(placed.place, 1, Palette(False), "warning")[1] == "   | " + " " * 8 + "^"


def test_a_span_over_several_lines_marks_its_part_of_the_first():
    document = Document.from_text("一、标题反应\n第二行\n")
    finding = Finding("required-sections", 1, 5, "跨行", end_line=2, end_column=3)
    [placed] = attach(document, [finding], excerpts=True)
    assert placed.place.excerpt[placed.place.start:placed.place.end] == "反应"


def test_no_place_is_made_when_no_output_shows_one():
    document = Document.from_text("请及时向我们反应。\n")
    finding = Finding("confusables", 1, 7, "反映", end_column=9)
    assert attach(document, [finding], excerpts=False) == [finding]


# -- a Word draft's place ---------------------------------------------------------------------------

def test_paragraph_number_is_the_line_while_a_paragraph_is_one_line():
    document = Document.from_text("甲\n乙\n丙", kind="docx")
    assert [document.paragraph_number(n) for n in (1, 2, 3)] == [1, 2, 3]


def test_a_word_place_names_the_paragraph_its_opening_words_and_the_words():
    document = Document.from_text("　　关于巡察整改进展情况的说明如下\n如有意见请及时向我们反应。\n",
                                  kind="docx")
    # a soft line break makes two lines of one paragraph (the Word reader says which)
    document.paragraph_number = lambda line: 1   # type: ignore[method-assign]
    finding = Finding("confusables", 2, 11, "“反应”应为“反映”", end_column=13)
    [placed] = attach(document, [finding], excerpts=False)
    assert placed.place == Place(None, 0, 0, 1, "关于巡察整改进展情况的说…", "反应")
    assert placed.located("zh") == "【第1段「关于巡察整改进展情况的说…」：「反应」】“反应”应为“反映”"
    assert placed.located("en") == ('[paragraph 1 ("关于巡察整改进展情况的说…"): "反应"] '
                                    '“反应”应为“反映”')


def test_an_empty_paragraph_is_named_as_such():
    assert Place(paragraph=7, opening="").label("zh") == "第7段（空段落）"
    assert Place(paragraph=7, opening="", words="").label("en") == "paragraph 7 (empty)"


@pytest.fixture
def word_draft(tmp_path):
    make_docx(tmp_path / "稿.docx", BAD)
    line = next(n for n, text in enumerate(BAD.splitlines(), 1) if "向我们反应" in text)
    opening = BAD.splitlines()[line - 1].strip()[:12] + "…"
    return tmp_path, line, opening


def test_every_output_names_the_word_place(word_draft):
    folder, line, opening = word_draft
    label = f"第{line}段「{opening}」：「反应」"
    text = cli("稿.docx", cwd=folder).stdout
    assert f"稿.docx:{line}:" in text and f"【{label}】“反应”应为“反映”" in text
    english = cli("稿.docx", "--lang", "en", cwd=folder).stdout
    assert f'[paragraph {line} ("{opening}"): "反应"] “反应” should be “反映”' in english
    data = json.loads(cli("稿.docx", "--format", "json", cwd=folder).stdout)
    found = next(f for f in data["findings"] if f["message"].startswith("“反应”"))
    assert found["place"] == {"paragraph": line, "opening": opening, "words": "反应",
                              "text": label}
    github = cli("稿.docx", "--format", "github", cwd=folder).stdout
    assert f"::【{label}】“反应”应为“反映”" in github
    sarif = json.loads(cli("稿.docx", "--format", "sarif", cwd=folder).stdout)
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(m.startswith(f"【{label}】") for m in messages)
    html = cli("稿.docx", "--format", "html", cwd=folder).stdout
    assert f"【{label}】" in html


def test_a_text_draft_json_has_no_place(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    data = json.loads(cli("d.txt", "--format", "json", cwd=tmp_path).stdout)
    assert data["findings"] and all("place" not in f for f in data["findings"])
    assert "【第" not in cli("d.txt", cwd=tmp_path).stdout


def test_places_travel_from_worker_processes_and_the_result_cache(tmp_path):
    make_docx(tmp_path / "a.docx", BAD)
    make_docx(tmp_path / "b.docx", BAD)
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    first = cli("a.docx", "b.docx", "--jobs", "2", "--show-source", cwd=tmp_path, env=env)
    again = cli("a.docx", "b.docx", "--jobs", "2", "--show-source", cwd=tmp_path, env=env)
    assert "2 个取自缓存" in again.stdout
    assert first.stdout.count("【第") == again.stdout.count("【第") > 2
    assert first.stdout.count("^") == again.stdout.count("^") > 0
    assert first.stdout.splitlines()[:-1] == again.stdout.splitlines()[:-1]


def test_a_result_cached_without_excerpts_is_not_shown_without_them(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    plain = cli("d.txt", "d.txt", cwd=tmp_path, env=env)
    assert not any(CARETS.match(x) for x in plain.stdout.splitlines())
    shown = cli("d.txt", "--show-source", cwd=tmp_path, env=env)
    assert any(CARETS.match(x) for x in shown.stdout.splitlines())


# -- piped, on request, and on a terminal --------------------------------------------------------------

def test_piped_text_is_one_plain_line_a_finding(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert all(x.startswith("d.txt:") for x in lines[:-1]) and lines[-1].startswith("共发现")
    assert ESC not in proc.stdout


def test_show_source_when_piped_puts_the_words_under_each_finding(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    lines = cli("d.txt", "--show-source", cwd=tmp_path).stdout.splitlines()
    at = next(n for n, x in enumerate(lines) if "confusables" in x and "反应" in x)
    number, carets = lines[at + 1], lines[at + 2]
    line = lines[at].split(":")[1]
    assert number.startswith(f" {line} | ") and "反应" in number
    # the carets start under 反应 and are as wide as it, counted in terminal columns
    assert width(number[:number.index("反应")]) == carets.index("^")
    assert carets.count("^") == width("反应")
    assert lines[at + 3] == ""


def _on_terminal(*args: str, cwd, env: dict | None = None) -> tuple[int, str]:
    """Run the command line with its stdout on a pseudo-terminal, as a user at a terminal."""
    import pty
    master, slave = pty.openpty()
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "TERM": "xterm"}
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "NOTICE_LINT_LANG"):
        environment.pop(name, None)
    environment.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "notice_lint", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL,
                            env=environment)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:   # the terminal's far end closed: the command is done
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=120)
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


terminal = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@terminal
def test_a_terminal_gets_source_and_colour_by_default(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    status, out = _on_terminal("d.txt", cwd=tmp_path)
    assert status == 1
    assert f"{ESC}1;31merror{ESC}0m" in out and f"{ESC}35mconfusables{ESC}0m" in out
    assert f"{ESC}1md.txt{ESC}0m:" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert any(CARETS.match(x) for x in plain)


@terminal
@pytest.mark.parametrize(("args", "env", "colour", "source"), [
    ((), {"NO_COLOR": "1"}, False, True),
    ((), {"NO_COLOR": ""}, True, True),           # set but empty: no-color.org says ignore it
    (("--color", "never"), {}, False, True),
    (("--color", "always"), {"NO_COLOR": "1"}, True, True),
    (("--no-show-source",), {}, True, False),
    (("--format", "json"), {}, False, False),
])
def test_colour_and_source_on_a_terminal_can_be_switched_off(tmp_path, args, env, colour,
                                                              source):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    _, out = _on_terminal("d.txt", *args, cwd=tmp_path, env=env)
    assert (ESC in out) is colour
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert any(CARETS.match(x) for x in plain) is source


@terminal
def test_a_report_file_written_from_a_terminal_is_plain(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    _on_terminal("d.txt", "-o", "report.txt", "--no-cache", cwd=tmp_path)
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert ESC not in report and not any(CARETS.match(x) for x in report.splitlines())
    assert cli("d.txt", "--no-cache", cwd=tmp_path).stdout == report


def test_force_color_colours_a_pipe(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    assert ESC in cli("d.txt", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert ESC in cli("d.txt", "--color", "always", cwd=tmp_path).stdout
    assert ESC not in cli("d.txt", cwd=tmp_path, env={"FORCE_COLOR": "1",
                                                     "NO_COLOR": "1"}).stdout


def test_a_hostile_draft_cannot_colour_the_terminal_through_the_source(tmp_path):
    (tmp_path / "d.txt").write_text(BAD.replace("向我们反应", "向我们反应\x1b[31m"), encoding="utf-8")
    out = cli("d.txt", "--show-source", "--color", "always", cwd=tmp_path).stdout
    assert "\x1b[31m" not in out and "\\x1b[31m" in out


@pytest.mark.parametrize(("choice", "env", "tty", "expected"), [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),  # as CPython decides
    ("auto", {"TERM": "dumb"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_is_decided_as_documented(choice, env, tty, expected):
    class Stream:
        def isatty(self) -> bool:
            return tty
    environ = {"TERM": "xterm", **env} if os.name == "nt" else env
    assert wanted(choice, Stream(), environ) is expected
