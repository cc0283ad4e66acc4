"""Hostile plugins and user patterns: exit, interrupt, printing, hanging, dying workers, SIGTERM,
catastrophic and empty patterns. None of them may pass a gate silently, hang or lose findings."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import CLEAN, cli, default_sigint

from notice_lint.cli import main

# -- user patterns ------------------------------------------------------------------------------

# the classic catastrophic shapes; before, the load-time check let most of them through
CATASTROPHIC = [r"(a+)+", r"(a*)*", r"(a|a)*", r"(a|aa)+", r"(.*a){20}", r"(\w+\s?)*$",
                r"(a|b|ab)*c", r"([a-z]+)*$", r"(x+x+)+y", r"(.*)*", r"(a?){25}a{25}",
                r"(甲|甲甲)+丙", r"(?:\s*\w+)+$", r"(?:甲{1,3}){1,20}乙", r"(?=(甲+)+$)甲",
                r"((?:a|a)b)+c"]
# a polynomial shape the load-time check lets through: about 0.4 s a search in an 80-character
# sentence, so only the time budget stops it
SLOW = "甲+乙*(?:[甲乙]){2,}乙*甲{0,3}[甲乙]甲{0,3}(?:甲|乙)(?:甲{0,3}甲+甲+)?丙"


def run_with_entry(tmp_path, capsys, entry: str, text: str = CLEAN, *args: str):
    config = tmp_path / "lint.yaml"
    config.write_text("rules:\n  confusables:\n    add:\n" + entry, encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(text, encoding="utf-8")
    status = main([str(draft), "--config", str(config), *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("pattern", CATASTROPHIC)
@pytest.mark.parametrize("field", ["flag_when", "allow_when", "pattern"])
def test_a_catastrophic_user_pattern_is_refused_at_load(tmp_path, capsys, pattern, field):
    wrong = "" if field == "pattern" else "        wrong: 甲\n"
    entry = f"      - right: 乙\n{wrong}        {field}: '{pattern}'\n"
    status, out, err = run_with_entry(tmp_path, capsys, entry)
    assert status == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert "lint.yaml:4" in line and field in line and pattern in line and "灾难性回溯" in line


@pytest.mark.parametrize("pattern", [r"向.{0,8}反应", r"(?:省|市|县)委", r"(?:\d+,)*\d+年",
                                     r"(?:[，、]\s*\w+)*说明", r"((?:省|省委)书记)+",
                                     r"(?P<wrong>反应)迅速", r"(?<!向)反应", r"\p{Han}{2,4}局"])
def test_ordinary_user_patterns_still_load(tmp_path, capsys, pattern):
    entry = f"      - wrong: 帐号\n        right: 账号\n        allow_when: '{pattern}'\n"
    status, _, err = run_with_entry(tmp_path, capsys, entry)
    assert (status, err) == (0, "")


@pytest.mark.parametrize("pattern", ["帐号|", "(帐号)?", "a*", "(?:帐号)*", "^", r"\b",
                                     "(?<=向)", "向(?P<wrong>反应)?"])
def test_a_user_pattern_that_can_match_nothing_is_refused_at_load(tmp_path, capsys, pattern):
    # before, `pattern: "帐号|"` made --fix rewrite every character of the draft
    entry = f"      - pattern: '{pattern}'\n        right: 账号\n"
    status, _, err = run_with_entry(tmp_path, capsys, entry, CLEAN, "--fix")
    assert status == 2
    (line,) = err.strip().splitlines()
    assert "lint.yaml:4" in line and pattern in line and "空文本" in line
    assert (tmp_path / "d.txt").read_text(encoding="utf-8") == CLEAN


def test_a_slow_user_pattern_stops_at_its_budget_and_fails_the_run(tmp_path, capsys):
    # 2.9 KB: before, every 甲 cost one search of about 0.4 s, each under the old per-search
    # limit: minutes, then exit 0
    text = "甲甲甲甲甲丙。\n" + ("甲" * 80 + "\n") * 6 + CLEAN
    assert 2500 < len(text.encode()) < 3500
    entry = f"      - wrong: 甲\n        right: 乙\n        flag_when: '{SLOW}'\n"
    started = time.monotonic()
    status, out, err = run_with_entry(tmp_path, capsys, entry, text, "--format", "json")
    assert time.monotonic() - started < 20
    assert status == 2
    (line,) = err.strip().splitlines()
    assert "d.txt" in line and "confusables" in line and "lint.yaml:4" in line and "超时" in line
    assert json.loads(out)["errors"][0]["rule"] == "confusables"


def test_a_slow_user_pattern_is_switched_off_after_its_first_file(tmp_path, capsys):
    text = "甲甲甲甲甲丙。\n" + ("甲" * 80 + "\n") * 6
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = tmp_path / "lint.yaml"
    config.write_text(f"rules:\n  confusables:\n    add:\n      - wrong: 甲\n        right: 乙\n"
                      f"        flag_when: '{SLOW}'\n", encoding="utf-8")
    started = time.monotonic()
    status = main([str(tmp_path), "--config", str(config), "--jobs", "1"])
    assert time.monotonic() - started < 10  # one budget, not one per file
    _, err = capsys.readouterr()
    assert status == 2
    (line,) = err.strip().splitlines()
    assert "a.txt" in line and "lint.yaml:4" in line


# -- plugins that exit, print or hang -----------------------------------------------------------

HOSTILE = '''
import os, re, signal, subprocess, sys, time
from notice_lint import Finding, hookimpl

class Hostile:
    id = "hostile"
    description = "misbehaves"
    severity = "warning"

    def check(self, document, options):
        if "bomb" not in document.path:
            return
{body}

@hookimpl
def notice_lint_rules():
    return [Hostile()]
'''
# the other rules' findings must still come out: confusables flags 反应 here
WRONG = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


def hostile(tmp_path, body: str, *args: str, config: str = "", files: dict | None = None):
    """Run notice-lint over bomb.txt (or `files`) with the hostile plugin whose check() runs
    `body` on the files whose name holds "bomb"."""
    from test_plugins import install
    site, work = tmp_path / "site", tmp_path / "work"
    install(site, "nl_hostile", HOSTILE.format(body=textwrap.indent(body, " " * 8)))
    work.mkdir()
    for name, text in (files or {"bomb.txt": WRONG}).items():
        (work / name).write_text(text, encoding="utf-8")
    (work / ".notice-lint.yaml").write_text(config, encoding="utf-8")
    return cli(*(args or ("bomb.txt",)), cwd=work, env={"PYTHONPATH": str(site)})


@pytest.mark.parametrize("body", [
    "sys.exit(0)",
    "raise SystemExit(1)",
    "raise KeyboardInterrupt",
    "raise GeneratorExit",
    "yield Finding(rule=self.id, line=1, column=1, message='x')\nsys.exit(0)",
    "try:\n    yield Finding(rule=self.id, line=1, column=1, message='x')\nfinally:\n"
    "    raise SystemExit(0)",
])
def test_a_rule_that_exits_is_a_named_crash_not_a_pass(tmp_path, body):
    # before: exit 0 and no output, so the gate passed
    proc = hostile(tmp_path, body, "bomb.txt", "--format", "json")
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "bomb.txt" in line and "hostile" in line and "nl_hostile" in line
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"]] == ["confusables"]
    assert report["errors"][0]["rule"] == "hostile"


@pytest.mark.parametrize("body, printed", [
    ("print('调试输出')", "调试输出"),
    ("sys.stdout.buffer.write(b'raw bytes\\n')", "raw bytes"),
    ("print('to the original', file=sys.__stdout__)", "to the original"),
    ("os.write(1, b'straight to fd 1\\n')", "straight to fd 1"),
    ("subprocess.run(['echo', 'from a child'])", "from a child"),
    ("print('on stderr', file=sys.stderr)", "on stderr"),
])
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_rule_that_prints_leaves_machine_output_valid(tmp_path, body, printed, fmt):
    # before: the text went into the JSON or SARIF, which no longer parsed
    proc = hostile(tmp_path, body, "bomb.txt", "--format", fmt)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert printed not in proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert "警告" in line and "hostile" in line and printed in line
    assert "confusables" in proc.stdout if fmt == "json" else report["runs"][0]["results"]


@pytest.mark.parametrize("body", [
    "while True:\n    pass",
    "time.sleep(1000)",
    "re.match(r'(a|aa)+$', 'a' * 100 + 'b')",
    "while True:\n    try:\n        time.sleep(1000)\n    except Exception:\n        pass",
])
def test_a_rule_that_never_returns_is_stopped_at_its_budget(tmp_path, body):
    # before: every run hung
    started = time.monotonic()
    proc = hostile(tmp_path, body, "bomb.txt", "--format", "json", config="rule-timeout: 0.5\n")
    assert time.monotonic() - started < 20
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "bomb.txt" in line and "hostile" in line and "超过时限 0.5 秒" in line
    assert [f["rule"] for f in json.loads(proc.stdout)["findings"]] == ["confusables"]


def test_a_rule_that_swallows_every_interruption_ends_the_run_naming_itself(tmp_path):
    body = "while True:\n    try:\n        time.sleep(1000)\n    except BaseException:\n        pass"
    started = time.monotonic()
    proc = hostile(tmp_path, body, "bomb.txt", config="rule-timeout: 0.5\n")
    assert time.monotonic() - started < 30
    assert proc.returncode == 2
    assert "bomb.txt" in proc.stderr and "hostile" in proc.stderr and "不响应中断" in proc.stderr


def test_a_rule_that_swallows_its_interruption_and_returns_is_still_past_its_time(tmp_path):
    # before: the finding it yielded after swallowing the interruption was reported as if the
    # rule had kept to its budget
    body = ("try:\n    time.sleep(1000)\nexcept BaseException:\n    pass\n"
            "yield Finding(rule=self.id, line=1, column=1, message='late')")
    proc = hostile(tmp_path, body, "bomb.txt", "--format", "json", config="rule-timeout: 0.3\n")
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "bomb.txt" in line and "hostile" in line and "超过时限 0.3 秒" in line
    assert [f["rule"] for f in json.loads(proc.stdout)["findings"]] == ["confusables"]


def test_a_rule_that_hangs_on_one_draft_of_several_is_stopped_and_the_others_reported(tmp_path):
    # one timer ticks for the whole run (not one per draft): it must still stop the rule in
    # the draft where it hangs, and do nothing before and after it
    files = {name: WRONG for name in ("a.txt", "b.txt", "bomb.txt", "c.txt")}
    started = time.monotonic()
    proc = hostile(tmp_path, "time.sleep(1000)", ".", "--format", "json", "--jobs", "1",
                   config="rule-timeout: 0.5\n", files=files)
    assert time.monotonic() - started < 20
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "bomb.txt" in line and "超过时限 0.5 秒" in line
    paths = sorted({os.path.basename(f["path"]) for f in json.loads(proc.stdout)["findings"]})
    assert paths == ["a.txt", "b.txt", "bomb.txt", "c.txt"]


@pytest.mark.parametrize("body", ["sys.stdout.close()", "sys.stdout.detach()"])
def test_a_rule_that_closes_its_stdout_on_one_draft_leaves_the_next_drafts_capture_working(
        tmp_path, body):
    # the capture of what rules print is kept from draft to draft: one a rule broke is replaced
    body = ("if document.path.endswith('a_bomb.txt'):\n    " + body
            + "\nelse:\n    print('printed in', document.path)")
    files = {"a_bomb.txt": WRONG, "b_bomb.txt": WRONG}
    proc = hostile(tmp_path, body, ".", "--format", "json", "--jobs", "1", files=files)
    report = json.loads(proc.stdout)
    assert "printed in" not in proc.stdout
    assert any("printed in" in line and "b_bomb.txt" in line for line in proc.stderr.splitlines())
    assert {os.path.basename(f["path"]) for f in report["findings"]} >= {"a_bomb.txt", "b_bomb.txt"}


def test_the_time_budget_is_configured_and_checked(tmp_path):
    proc = hostile(tmp_path, "pass", config="rule-timeout: soon\n")
    assert proc.returncode == 2 and ".notice-lint.yaml:1" in proc.stderr
    assert "rule-timeout" in proc.stderr


# -- workers that die, a run that is terminated --------------------------------------------------

@pytest.mark.parametrize("body", ["os._exit(3)", "os.kill(os.getpid(), signal.SIGKILL)"])
def test_a_worker_that_dies_names_its_file_and_keeps_every_other_finding(tmp_path, body):
    # before: exit 2, no file named, and the JSON report empty
    files = {name: WRONG for name in ("a.txt", "b.txt", "bomb.txt", "c.txt", "d.txt")}
    proc = hostile(tmp_path, body, ".", "--jobs", "2", "--format", "json", files=files)
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "bomb.txt" in line and "hostile" in line and "nl_hostile" in line
    assert "工作进程" in line and ("退出码 3" in line or "SIGKILL" in line)
    report = json.loads(proc.stdout)
    # the dead worker's file was checked again without the rule: its findings are there too
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in report["findings"]) == sorted(files)
    assert {f["rule"] for f in report["findings"]} == {"confusables"}


def test_every_file_that_kills_a_worker_is_named(tmp_path):
    files = {"bomb.txt": WRONG, "bomb2.txt": WRONG, "c.txt": WRONG}
    proc = hostile(tmp_path, "os._exit(3)", ".", "--jobs", "2", "--format", "json", files=files)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and all("hostile" in line for line in lines)
    paths = [f["path"].rsplit("/", 1)[-1] for f in json.loads(proc.stdout)["findings"]]
    assert sorted(paths) == sorted(files)


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to find the workers")
def test_sigterm_ends_the_workers_too(tmp_path):
    # before: the run died and left its workers running
    from test_plugins import install
    site = tmp_path / "site"
    install(site, "nl_hostile", HOSTILE.format(body=" " * 8 + "time.sleep(0.5)"))
    work = tmp_path / "work"
    work.mkdir()
    for i in range(40):
        (work / f"bomb-{i:02}.txt").write_text(WRONG, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.Popen([sys.executable, "-m", "notice_lint", ".", "--jobs", "2"], cwd=work,
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = children(proc.pid)
        assert len(workers) >= 2
        time.sleep(0.3)  # the workers busy in the plugin
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 143
    finally:
        if proc.poll() is None:
            proc.kill()
    assert b"Traceback" not in proc.stderr.read()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.parametrize("body", [
    "time.sleep(1000)",
    "try:\n    time.sleep(1000)\nexcept KeyboardInterrupt:\n    pass\ntime.sleep(0.5)",
])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_real_ctrl_c_still_stops_the_run(tmp_path, body, jobs):
    """A KeyboardInterrupt the rule raises is contained; the user's Ctrl-C is not, even when
    the rule swallows it."""
    from test_plugins import install
    site, work = tmp_path / "site", tmp_path / "work"
    install(site, "nl_hostile", HOSTILE.format(body=textwrap.indent(body, " " * 8)))
    work.mkdir()
    for name in ("a.txt", "bomb.txt"):
        (work / name).write_text(WRONG, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "notice_lint", ".", "--jobs", jobs], cwd=work,
                            env={**os.environ, "PYTHONPATH": str(site)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True,  # a process group of its own, as a shell does
                            preexec_fn=default_sigint)
    try:
        time.sleep(1.5)  # in the rule by now
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        assert proc.wait(timeout=20) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert b"Traceback" not in proc.stderr.read()


@pytest.mark.parametrize("source, status", [
    ("import sys\nsys.exit(0)\n", 2),
    ("raise KeyboardInterrupt\n", 2),
    ("print('banner of a plugin')\n", 1),  # a warning: the draft's own finding decides
])
def test_loading_a_plugin_is_contained_too(tmp_path, source, status):
    # before: sys.exit(0) at import passed the gate with no output; the banner broke the JSON
    from test_plugins import install
    site, work = tmp_path / "site", tmp_path / "work"
    install(site, "nl_loud", source)
    work.mkdir()
    (work / "d.txt").write_text(WRONG, encoding="utf-8")
    proc = cli("d.txt", "--format", "json", cwd=work, env={"PYTHONPATH": str(site)})
    assert proc.returncode == status
    (line,) = proc.stderr.strip().splitlines()
    assert "nl_loud" in line and "Traceback" not in line
    assert [f["rule"] for f in json.loads(proc.stdout)["findings"]] == ["confusables"]
