"""Where output goes and what it looks like when the inputs are hostile: an output naming an
input, a console that is not UTF-8, file names that are not UTF-8 or hold newlines and colons,
drafts holding terminal control sequences, global options before a subcommand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CLEAN, cli

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")
MACHINE = ("json", "sarif", "html", "github")
FORMATS = ("text", *MACHINE)


def raw(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line with its output left as bytes (the tests decode them as a reader would)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_ACTIONS", "NOTICE_LINT_LANG", "PYTHONIOENCODING")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "notice_lint", *args], cwd=cwd, capture_output=True,
                          env=environment, timeout=120)


def stderr_lines(proc) -> list[str]:
    return proc.stderr.splitlines()


# -- 1. an output never replaces an input ---------------------------------------------------------

def _spellings(tmp_path: Path) -> dict[str, str]:
    """Other names for tmp_path/draft.txt: another path spelling, a symlink, a hard link."""
    (tmp_path / "sub").mkdir()
    names = {"same": "draft.txt", "dot": "./draft.txt", "absolute": str(tmp_path / "draft.txt"),
             "dotdot": "sub/../draft.txt"}
    try:
        (tmp_path / "link.txt").symlink_to("draft.txt")
        names["symlink"] = "link.txt"
    except (OSError, NotImplementedError):
        pass
    try:
        os.link(tmp_path / "draft.txt", tmp_path / "hard.txt")
        names["hardlink"] = "hard.txt"
    except (OSError, NotImplementedError):
        pass
    return names


@pytest.mark.parametrize("spelling", ["same", "dot", "absolute", "dotdot", "symlink", "hardlink"])
@pytest.mark.parametrize("extra", [(), ("--format", "json"), ("--fix",), ("--diff",)])
def test_output_naming_the_draft_is_refused(tmp_path, spelling, extra):
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    names = _spellings(tmp_path)
    if spelling not in names:
        pytest.skip(f"this file system has no {spelling}")
    before = draft.read_bytes()
    proc = cli("draft.txt", "-o", names[spelling], *extra, cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert names[spelling] in line and "输出" in line
    assert draft.read_bytes() == before
    assert proc.stdout == ""


def test_output_naming_a_draft_of_a_walked_folder_is_refused(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(BAD, encoding="utf-8")
    (drafts / "b.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("drafts", "-o", "drafts/b.txt", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert line.startswith("notice-lint: error: drafts/b.txt: ") and "input" in line
    assert (drafts / "b.txt").read_text(encoding="utf-8") == CLEAN


def test_a_new_report_inside_a_walked_folder_is_written(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(BAD, encoding="utf-8")
    proc = cli("drafts", "-o", "drafts/report.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads((drafts / "report.json").read_text(encoding="utf-8"))["findings"]


@pytest.mark.parametrize("option", ["-o", "--output", "--write-baseline"])
def test_output_naming_the_configuration_is_refused(tmp_path, option):
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")
    config = tmp_path / ".notice-lint.yaml"
    config.write_text("fail-on: error\n", encoding="utf-8")
    proc = cli("draft.txt", option, ".notice-lint.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".notice-lint.yaml" in proc.stderr
    assert config.read_text(encoding="utf-8") == "fail-on: error\n"


def test_write_baseline_naming_the_draft_is_refused(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    proc = cli("draft.txt", "--write-baseline", "./draft.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert draft.read_text(encoding="utf-8") == BAD


@pytest.mark.parametrize("spelling", ["dot", "symlink", "hardlink"])
def test_annotate_output_naming_the_draft_by_another_name_is_refused(tmp_path, spelling):
    from test_inputs import make_docx
    make_docx(tmp_path / "draft.docx", BAD)
    before = (tmp_path / "draft.docx").read_bytes()
    names = {"dot": "./draft.docx"}
    try:
        (tmp_path / "link.docx").symlink_to("draft.docx")
        names["symlink"] = "link.docx"
        os.link(tmp_path / "draft.docx", tmp_path / "hard.docx")
        names["hardlink"] = "hard.docx"
    except (OSError, NotImplementedError):
        pass
    if spelling not in names:
        pytest.skip(f"this file system has no {spelling}")
    proc = cli("annotate", "draft.docx", "-o", names[spelling], cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert names[spelling] in line
    assert (tmp_path / "draft.docx").read_bytes() == before


def test_an_unwritable_output_is_one_line_naming_it(tmp_path):
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "out").mkdir()
    proc = cli("draft.txt", "-o", "out", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert line.startswith("notice-lint: error: out: cannot write")


# -- 2. machine formats are UTF-8 whatever the console's encoding -------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "cp936", "latin-1"])
@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_are_utf8_on_any_console(tmp_path, encoding, fmt):
    (tmp_path / "坏稿.txt").write_text(BAD, encoding="utf-8")
    proc = raw("坏稿.txt", "--format", fmt, cwd=tmp_path, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")   # raises on GBK or latin-1 bytes
    assert "反映" in out and "\\u" not in out
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "html":
        assert '<meta charset="utf-8">' in out


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_text_format_keeps_the_console_encoding(tmp_path, encoding):
    (tmp_path / "坏稿.txt").write_text(BAD, encoding="utf-8")
    proc = raw("坏稿.txt", cwd=tmp_path, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 1
    assert proc.stdout.decode(encoding).startswith("坏稿.txt:")


def test_text_format_on_a_latin1_console_escapes_what_it_cannot_show(tmp_path):
    (tmp_path / "坏稿.txt").write_text(BAD, encoding="utf-8")
    proc = raw("坏稿.txt", cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    assert proc.returncode == 1
    assert proc.stdout.decode("latin-1").startswith("\\u574f\\u7a3f.txt:")


# -- 3. a file name that is not UTF-8 --------------------------------------------------------------

NOT_UTF8 = os.fsdecode(b"\xff\xfe.txt")


@pytest.fixture
def not_utf8_name(tmp_path) -> Path:
    if sys.platform == "win32" or sys.platform == "darwin":
        pytest.skip("file names are Unicode on this system")
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), "wb") as handle:
            handle.write(BAD.encode("utf-8"))
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("given", [NOT_UTF8, "."])
def test_a_file_name_that_is_not_utf8_works_in_every_format(not_utf8_name, fmt, given):
    proc = raw(given, "--format", fmt, cwd=not_utf8_name, env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b""
    out = proc.stdout.decode("utf-8")
    if fmt == "text":
        assert "\\xff\\xfe.txt:" in out
    elif fmt == "json":
        assert {f["path"].removeprefix("./") for f in json.loads(out)["findings"]} == \
            {"\ufffd\ufffd.txt"}
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in results} == {"%FF%FE.txt"}
    else:
        assert "\ufffd\ufffd.txt" in out


def test_show_and_errors_escape_a_name_that_is_not_utf8(not_utf8_name):
    proc = raw("show", NOT_UTF8, cwd=not_utf8_name, env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("# \\xff\\xfe.txt：")
    missing = os.fsdecode(b"\xfe\xfd.txt")
    proc = raw(missing, cwd=not_utf8_name, env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8").startswith("notice-lint: 错误: \\xfe\\xfd.txt: ")


# -- 4. control characters in a draft never reach the terminal raw ------------------------------

CONTROLS = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x08\x7f\u202e"
HOSTILE = CLEAN.replace("请及时向我们反映", "请及时向我们反应" + CONTROLS)


def _no_raw_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f
           or c == "\u202e"]
    assert not bad, bad


def test_show_escapes_control_characters(tmp_path):
    (tmp_path / "d.txt").write_text(HOSTILE, encoding="utf-8")
    proc = cli("show", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _no_raw_controls(proc.stdout)
    assert "反应\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x08\\x7f\\u202e。" in proc.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_with_control_characters_is_escaped(tmp_path, fmt):
    name = "a\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e.txt"
    (tmp_path / name).write_text(BAD, encoding="utf-8")
    proc = cli(name, "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 1
    if fmt in ("text", "github"):
        _no_raw_controls(proc.stdout)
        assert "a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e.txt" in proc.stdout
    elif fmt == "json":   # JSON escapes them its own way: a reader gets the name back
        _no_raw_controls(proc.stdout)
        assert json.loads(proc.stdout)["findings"][0]["path"] == name
    elif fmt == "sarif":
        _no_raw_controls(proc.stdout)
        json.loads(proc.stdout)


def test_messages_quoting_the_draft_are_escaped(tmp_path):
    # a user's substitution rule quotes the words it found: the controls come with them
    (tmp_path / "c.yaml").write_text(
        "rules:\n  confusables:\n    add:\n      - wrong: \"反应\\e[2J\"\n        right: 反映\n",
        encoding="utf-8")
    (tmp_path / "d.txt").write_text(CLEAN.replace("反映", "反应\x1b[2J"), encoding="utf-8")
    proc = cli("d.txt", "--config", "c.yaml", cwd=tmp_path)
    assert "反应" in proc.stdout, proc.stderr
    _no_raw_controls(proc.stdout)
    _no_raw_controls(proc.stderr)


def test_error_lines_escape_control_characters(tmp_path):
    proc = cli("gone\x1b[2J\r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    _no_raw_controls(proc.stderr)
    assert proc.stderr.startswith("notice-lint: 错误: gone\\x1b[2J\\r.txt: ")


# -- 5. a newline in a file name forges no line ---------------------------------------------------

FORGED = "x\n::error file=evil.txt::forged\r\n.txt"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_newline_in_a_file_name_forges_no_line(tmp_path, fmt):
    try:
        (tmp_path / FORGED).write_text(BAD, encoding="utf-8")
    except OSError:
        pytest.skip("the file system refuses newlines in names")
    proc = cli(FORGED, "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert not [line for line in lines if "evil" in line and line.startswith("::error file=evil")]
    if fmt == "github":
        (line,) = lines
        assert line.startswith("::error file=x%0A%3A%3Aerror file=evil.txt%3A%3Aforged%0D%0A.txt,")
    else:
        assert lines[0].startswith("x\\n::error file=evil.txt::forged\\r\\n.txt:")
        assert len(lines) == 2


def test_a_newline_in_a_missing_file_name_forges_no_error_line(tmp_path):
    proc = cli("x\n::error file=evil.txt::forged", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith("notice-lint: 错误: x\\n::error")


# -- 6. SARIF locations are relative references, never a scheme ----------------------------------

@pytest.mark.parametrize(("name", "uri"), [("http:x.txt", "http%3Ax.txt"),
                                            ("c:notice.txt", "c%3Anotice.txt"),
                                            ("a b#1?.txt", "a%20b%231%3F.txt")])
def test_a_colon_in_a_file_name_is_no_uri_scheme(tmp_path, name, uri):
    try:
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    except OSError:
        pytest.skip("the file system refuses this name")
    proc = cli(name, "--format", "sarif", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    (result,) = json.loads(proc.stdout)["runs"][0]["results"]
    got = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert got == uri
    assert urlsplit(got).scheme == ""


def test_a_colon_in_a_folder_name_is_no_uri_scheme(tmp_path):
    try:
        (tmp_path / "urn:drafts").mkdir()
    except OSError:
        pytest.skip("the file system refuses this name")
    (tmp_path / "urn:drafts" / "a.txt").write_text(BAD, encoding="utf-8")
    proc = cli("urn:drafts", "--format", "sarif", cwd=tmp_path)
    (result,) = json.loads(proc.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "urn%3Adrafts/a.txt"


def test_an_absolute_path_is_a_file_uri(tmp_path):
    """Outside the working directory; inside it, it is relative to %SRCROOT% (test_sarif.py)."""
    (tmp_path / "稿").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "稿" / "坏稿.txt").write_text(BAD, encoding="utf-8")
    proc = cli(str(tmp_path / "稿" / "坏稿.txt"), "--format", "sarif", cwd=tmp_path / "elsewhere")
    (result,) = json.loads(proc.stdout)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "稿" / "坏稿.txt").as_uri()}


@pytest.mark.parametrize(("path", "uri"), [
    ("C:\\drafts\\坏稿.txt", "file:///C:/drafts/%E5%9D%8F%E7%A8%BF.txt"),
    ("drafts\\c:x.txt", "drafts/c%3Ax.txt"),
    ("\\\\server\\share\\a.txt", "file://server/share/a.txt"),
])
def test_windows_paths_in_sarif(path, uri):
    from notice_lint.reporters.sarif import artifact_uri
    assert artifact_uri(path, windows=True) == uri


# -- 7. global options before a subcommand ---------------------------------------------------------

def test_options_before_show(tmp_path):
    (tmp_path / "x.txt").write_text(BAD, encoding="utf-8")
    for args in (("--lang", "en", "show", "x.txt"), ("--lang=en", "show", "x.txt")):
        proc = cli(*args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("# x.txt: encoding UTF-8")


def test_options_before_rules_and_explain(tmp_path):
    (tmp_path / "c.yaml").write_text("rules:\n  spacing: false\n", encoding="utf-8")
    proc = cli("--config", "c.yaml", "rules", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (spacing,) = [line for line in proc.stdout.splitlines() if line.startswith("spacing ")]
    assert spacing.endswith("（未启用）  [notice_lint.checks.spacing]")
    proc = cli("--isolated", "--lang", "en", "explain", "confusables", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("confusables")


def test_an_option_the_subcommand_does_not_take_is_one_line(tmp_path):
    (tmp_path / "x.txt").write_text(BAD, encoding="utf-8")
    proc = cli("--format", "json", "show", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert "--format" in line


def test_a_draft_named_like_a_subcommand_can_still_be_linted(tmp_path):
    (tmp_path / "show").write_text(BAD, encoding="utf-8")
    for args in (("--", "show"), ("./show",), ("--lang", "en", "--", "show")):
        proc = cli(*args, cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stderr)
        assert "confusables" in proc.stdout


def test_an_option_value_is_no_subcommand(tmp_path):
    (tmp_path / "x.txt").write_text(BAD, encoding="utf-8")
    proc = cli("-o", "show", "x.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "confusables" in (tmp_path / "show").read_text(encoding="utf-8")
    proc = cli("--select", "rules", "--lang", "en", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "rules" in proc.stderr


def test_diff_keeps_crlf_and_escapes_a_newline_in_the_name(tmp_path):
    name = "x\n::error file=evil.txt::forged.txt"
    try:
        (tmp_path / name).write_bytes(BAD.replace("\n", "\r\n").encode("utf-8"))
    except OSError:
        pytest.skip("the file system refuses newlines in names")
    proc = raw("--diff", name, cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    assert out.startswith("--- a/x\\n::error file=evil.txt::forged.txt\n")
    lines = out.split("\n")
    assert [line for line in lines if line.startswith("-") and "向我们反应" in line]
    assert [line for line in lines if line.startswith("+") and "向我们反映" in line]
    assert out.count("\r\n") == out.count("\n") - 3   # the draft's own line endings, as patch needs
    assert not [line for line in out.splitlines() if line.startswith("::")]
