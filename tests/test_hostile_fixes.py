"""--fix, --diff and the baseline under hostile input: never a draft lost, never a silent pass."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from conftest import CLEAN, ROOT, cli, default_sigint
from test_fix import BAD, FIXED
from test_plugins import install

from notice_lint.atomic import write_bytes_atomic
from notice_lint.document import Document
from notice_lint.finding import Finding, Fix
from notice_lint.fixes import FixError, apply_safe_fixes


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".notice-lint-"))


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# -- fixes validated against the text ------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["帐号|", "注册(?P<wrong>帐号)?"])
def test_a_user_pattern_that_matches_nothing_never_rewrites_the_draft(tmp_path, pattern):
    (tmp_path / ".notice-lint.yaml").write_text(
        f"rules:\n  confusables:\n    add:\n      - pattern: '{pattern}'\n        right: 账号\n",
        encoding="utf-8")
    path = tmp_path / "d.txt"
    path.write_text("注册后登录。\n第二行文字。\n", encoding="utf-8")
    before = path.read_bytes()
    for flag in ("--fix", "--diff"):
        proc = cli(flag, "d.txt", cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        line = one_line(proc.stderr)
        # refused by the fix layer (naming the rule and file), or by the configuration loader
        assert ("confusables" in line and "d.txt" in line) or ".notice-lint.yaml" in line
        assert path.read_bytes() == before
        assert "账号账号" not in proc.stdout


PLUGIN = textwrap.dedent('''
    from notice_lint import Finding, Fix, hookimpl

    class Wild:
        id = "wild-fix"
        description = "a fix at a place given by the environment"
        severity = "warning"

        def check(self, document, options):
            import os
            line, column, end_column, original = os.environ["WILD"].split(",")
            fix = Fix("X", True, original) if original else Fix("X", True)
            yield Finding(rule=self.id, line=int(line), column=int(column),
                          end_column=int(end_column), message="x", fix=fix)

    @hookimpl
    def notice_lint_rules():
        return [Wild()]
''')


@pytest.mark.parametrize("where", [
    "1,9,10,",      # past the end of line 1 ("第一行。" is 4 characters): would land in line 2
    "1,5,6,",       # at the line break itself: would join the lines
    "1,2,2,",       # an empty span: an insertion no rule declares
    "1,1,3,帐号",    # the span holds other text than the rule read
])
def test_a_plugin_fix_outside_its_line_or_its_text_is_refused_naming_the_rule(tmp_path, where):
    site = tmp_path / "site"
    install(site, "nl_wild", PLUGIN)
    path = tmp_path / "d.txt"
    path.write_text("第一行。\n第二行文字。\n第三行。\n", encoding="utf-8")
    before = path.read_bytes()
    env = {"PYTHONPATH": str(site), "WILD": where}
    proc = cli("--fix", "--select", "wild-fix", "d.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "wild-fix" in proc.stderr and "d.txt" in proc.stderr
    assert path.read_bytes() == before
    diff = cli("--diff", "--select", "wild-fix", "d.txt", cwd=tmp_path, env=env)
    assert diff.returncode == 2 and "wild-fix" in diff.stderr and diff.stdout == ""


@pytest.mark.parametrize(("line", "column", "end_line", "end_column", "original"), [
    (1, 5, 1, 6, None),     # column past the end of "一二三" (the line break is not the line's)
    (1, 2, 1, 9, None),     # end past the end of its line
    (4, 1, 4, 2, None),     # a line that does not exist (line 3 is the empty one at the end)
    (1, 2, 4, 1, None),     # an end line that does not exist
    (3, 1, 3, 2, None),     # past the end of the empty last line
    (1, 3, 1, 2, None),     # ends before it starts
    (2, 0, 2, 2, None),     # column 0
    (1, 2, 1, 2, None),     # empty
    (1, 2, 1, 3, ""),       # the rule read nothing there: an insertion in disguise
    (1, 2, 1, 3, "三"),     # the rule read other text
])
def test_fixes_are_validated_against_the_raw_lines(line, column, end_line, end_column, original):
    document = Document.from_bytes("d.txt", "一二三\r\n四五\r\n".encode())
    finding = Finding("r", line, column, "x", end_line=end_line, end_column=end_column,
                      fix=Fix("X", True, original))
    with pytest.raises(FixError) as caught:
        apply_safe_fixes(document, [finding])
    assert caught.value.rule == "r"


@pytest.mark.parametrize("fix", [("X", True), Fix(7, True), Fix("X", True, 3)])
def test_a_fix_of_the_wrong_shape_is_refused(fix):
    document = Document.from_bytes("d.txt", "一二三\n".encode())
    with pytest.raises(FixError) as caught:
        apply_safe_fixes(document, [Finding("r", 1, 1, "x", fix=fix)])
    assert caught.value.rule == "r"


def test_a_valid_fix_with_its_original_text_applies():
    document = Document.from_bytes("d.txt", "一二三\r\n四五\r\n".encode())
    applied = apply_safe_fixes(document, [Finding("r", 2, 1, "x", end_column=3,
                                                  fix=Fix("六七", True, "四五"))])
    assert applied.data == "一二三\r\n六七\r\n".encode()


# -- --diff and stdin --------------------------------------------------------------------------

def test_diff_on_a_missing_or_undecodable_file_is_exit_2_naming_it(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café déjà vu, naïve façade".encode("latin-1") * 5)
    for name in ("nope.txt", "latin.txt"):
        proc = cli("--diff", name, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert name in one_line(proc.stderr)


def test_fix_from_stdin_writes_only_the_fixed_text_to_stdout(tmp_path):
    proc = cli("--fix", "-", stdin=BAD.encode("utf-8"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == FIXED
    assert "已修复 3 处" in proc.stderr
    # what is left is reported on stderr, never mixed into the text
    left = BAD.replace("补充储备帐篷120顶", "建成蓄水池120立方")
    proc = cli("--fix", "-", stdin=left.encode("utf-8"), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == left.replace("请及时向我们反应", "请及时向我们反映") \
        .replace("建立整改台帐", "建立整改台账").replace("截止2024年10月31日", "截至2024年10月31日")
    assert "立方米" in proc.stderr
    # nothing to fix: the text comes back unchanged, so an editor's buffer is never emptied
    proc = cli("--fix", "-", stdin=CLEAN.encode("utf-8"), cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == CLEAN


# -- --fix rewrites the file, keeping what it is --------------------------------------------------

def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "drafts" / "real.txt"
    target.parent.mkdir()
    target.write_text(BAD, encoding="utf-8")
    link = tmp_path / "d.txt"
    link.symlink_to(target)
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_fix_keeps_hard_links_inode_and_mode(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chmod(path, 0o604)
    twin = tmp_path / "twin.txt"
    os.link(path, twin)
    inode = os.stat(path).st_ino
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert twin.read_text(encoding="utf-8") == FIXED
    assert os.stat(path).st_ino == inode == os.stat(twin).st_ino
    assert os.stat(path).st_nlink == 2
    assert os.stat(path).st_mode & 0o7777 == 0o604
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another owner needs root")
def test_fix_keeps_the_owner(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chown(path, 4242, 4343)
    os.chmod(path, 0o664)
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (4242, 4343, 0o664)
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_extended_attributes(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    try:
        os.setxattr(path, "user.reviewer", "王五".encode())
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes here")
    assert cli("--fix", "d.txt", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(path, "user.reviewer").decode() == "王五"


def test_a_read_only_draft_is_refused_and_untouched(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chmod(path, 0o444)
    try:
        proc = cli("--fix", "d.txt", cwd=tmp_path)
        assert proc.returncode == 2
        line = one_line(proc.stderr)
        assert "d.txt" in line and "只读" in line
        assert path.read_text(encoding="utf-8") == BAD
        assert os.stat(path).st_mode & 0o777 == 0o444
        english = cli("--fix", "--lang", "en", "d.txt", cwd=tmp_path)
        assert english.returncode == 2 and "read-only" in one_line(english.stderr)
    finally:
        os.chmod(path, 0o644)


@pytest.mark.parametrize("fix", [False, True])
def test_a_symlinked_report_file_stays_a_link(tmp_path, fix):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "last.json"
    real.write_text("{}", encoding="utf-8")
    (tmp_path / "report.json").symlink_to(real)
    proc = cli("d.txt", *(["--fix"] if fix else []), "--format", "json", "-o", "report.json",
               cwd=tmp_path)
    assert proc.returncode == (0 if fix else 1), proc.stderr
    assert (tmp_path / "report.json").is_symlink()
    assert len(json.loads(real.read_text(encoding="utf-8"))["findings"]) == (0 if fix else 3)


def test_a_report_to_a_pipe_is_written_through_never_replacing_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_bytes_atomic(str(fifo), "报告".encode())
    reader.join(timeout=20)
    assert got == ["报告".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- killed while writing ----------------------------------------------------------------------

# The command line with os.fsync slowed down: it pauses with the new bytes written but not yet
# in place, says so on stderr, and the test kills it there.
KILLABLE = textwrap.dedent('''
    import os, sys, time
    if os.environ.get("NO_TMPFILE"):
        del os.O_TMPFILE
    real_fsync = os.fsync
    paused = []

    def slow_fsync(fd):
        if not paused:
            paused.append(fd)
            sys.stderr.write("WRITING\\n")
            sys.stderr.flush()
            time.sleep(float(os.environ["PAUSE"]))
        real_fsync(fd)

    os.fsync = slow_fsync
    from notice_lint.cli import main
    sys.exit(main(sys.argv[1:]))
''')


def run_killed(tmp_path: Path, args: list[str], sig: int, pause: float, **env: str) -> int:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "NOTICE_LINT_NO_CACHE": "1",
                   "PAUSE": str(pause), "PYTHONPATH": str(ROOT), **env}
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, *args], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment,
                            preexec_fn=default_sigint)
    try:
        assert proc.stderr.readline().strip() == b"WRITING"
        proc.send_signal(sig)
        return proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


@pytest.mark.parametrize(("sig", "pause", "env", "result"), [
    (signal.SIGKILL, 60, {}, "old"),                   # killed outright: nothing was in place
    (signal.SIGTERM, 0.5, {}, "new"),                  # the write finishes, then it stops
    (signal.SIGTERM, 0.5, {"NO_TMPFILE": "1"}, "new"),  # a named temporary file: cleaned up
    (signal.SIGINT, 0.5, {}, "new"),
])
def test_a_killed_fix_leaves_the_old_or_the_new_draft_and_no_temporary_file(tmp_path, sig, pause,
                                                                              env, result):
    path = tmp_path / "d.txt"
    old = (BAD * 200).encode("utf-8")   # large enough for a real write
    path.write_bytes(old)
    new = (FIXED * 200).encode("utf-8")
    status = run_killed(tmp_path, ["--fix", "--select", "confusables", "d.txt"], sig, pause, **env)
    assert status != 0
    content = path.read_bytes()
    assert content == {"old": old, "new": new}[result]
    assert leftovers(tmp_path) == []


def test_a_killed_run_writing_a_report_leaves_no_temporary_file(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    run_killed(tmp_path, ["d.txt", "--format", "json", "-o", "report.json"], signal.SIGKILL, 60)
    assert not (tmp_path / "report.json").exists()
    assert leftovers(tmp_path) == []


# -- the baseline ------------------------------------------------------------------------------

def test_the_baseline_matches_the_same_file_however_its_path_is_typed(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "notice.txt").write_text(BAD, encoding="utf-8")
    written = cli("drafts/notice.txt", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    paths = {e["path"] for e in json.loads((tmp_path / "baseline.json").read_text("utf-8"))
             ["findings"]}
    assert paths == {"drafts/notice.txt"}
    for where, typed, baseline in ((tmp_path, "./drafts/notice.txt", "baseline.json"),
                                   (tmp_path, "drafts//notice.txt", "baseline.json"),
                                   (drafts, "notice.txt", "../baseline.json"),
                                   (drafts, ".", "../baseline.json")):
        proc = cli(typed, "--baseline", baseline, cwd=where)
        assert proc.returncode == 0, (typed, proc.stdout, proc.stderr)


@pytest.mark.parametrize("above", [True, False])
def test_a_second_identical_occurrence_is_the_one_reported(tmp_path, above):
    path = tmp_path / "notice.txt"
    path.write_text(BAD, encoding="utf-8")
    assert cli("notice.txt", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    anchor = "局党组将持续巩固整改成果" if above else "欢迎广大干部群众"
    added = BAD.replace(anchor, "群众反应的问题均已回复。" + anchor)
    path.write_text(added, encoding="utf-8")
    proc = cli("notice.txt", "--baseline", "b.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    (finding,) = json.loads(proc.stdout)["findings"]
    new_line = added.splitlines().index(
        next(line for line in added.splitlines() if "群众反应的问题均已回复" in line)) + 1
    assert finding["line"] == new_line and "反应" in finding["message"]


def test_write_baseline_is_not_a_failing_run_unless_the_run_failed(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    proc = cli("d.txt", "--write-baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 0 and "3" in proc.stderr
    failed = cli("d.txt", "nope.txt", "--write-baseline", "c.json", cwd=tmp_path)
    assert failed.returncode == 2 and "nope.txt" in failed.stderr


def test_an_old_baseline_file_is_still_read(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    old = {"tool": "notice-lint", "version": 1, "notice_lint": "0.1.0", "findings": [
        {"path": "d.txt", "rule": "confusables", "text": text, "count": 1}
        for text in ("截止", "台帐", "反应")]}
    (tmp_path / "b.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    proc = cli("./d.txt", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_baseline_of_an_unknown_version_asks_to_regenerate_it(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"tool": "notice-lint", "version": 99, "findings": []}',
                                     encoding="utf-8")
    proc = cli("d.txt", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "b.json" in line and "--write-baseline" in line
