"""The command line as users and scripts see it: formats, exit codes, languages, inputs."""

from __future__ import annotations

import json

import pytest
from conftest import CLEAN, cli

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")
BAD_LINE = next(i for i, line in enumerate(BAD.splitlines(), 1) if "向我们反应" in line)
BAD_COLUMN = BAD.splitlines()[BAD_LINE - 1].index("反应") + 1


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "good.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_text_format_is_compiler_style(drafts):
    proc = cli("bad.txt", cwd=drafts)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first == (f"bad.txt:{BAD_LINE}:{BAD_COLUMN}: error confusables: “反应”应为“反映”："
                     f"把情况或意见告诉别人用“反映”")
    assert proc.stdout.splitlines()[-1] == "共发现 1 个问题（错误 1，警告 0，提示 0），检查文件 1 个。"


def test_json_format_has_every_contract_field(drafts):
    proc = cli("bad.txt", "good.txt", "--format", "json", cwd=drafts)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["tool"]["name"] == "notice-lint" and report["tool"]["version"]
    (finding,) = report["findings"]
    assert finding == {
        "path": "bad.txt", "line": BAD_LINE, "column": BAD_COLUMN, "end_line": BAD_LINE,
        "end_column": BAD_COLUMN + 2, "rule": "confusables", "severity": "error",
        "message": "“反应”应为“反映”：把情况或意见告诉别人用“反映”",
        "fix": {"replacement": "反映", "safe": True},
    }
    assert report["summary"]["files"] == 2
    assert report["summary"]["findings"] == 1
    assert report["summary"]["by_rule"] == {"confusables": 1}
    assert report["errors"] == []


def test_correct_notice_exits_0(drafts):
    proc = cli("good.txt", cwd=drafts)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "未发现问题，检查文件 1 个。"


def test_english_messages(drafts):
    proc = cli("bad.txt", "--lang", "en", cwd=drafts)
    assert "“反应” should be “反映”" in proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("Found 1 problem (1 error")


def test_fail_on_levels(drafts):
    assert cli("bad.txt", "--fail-on", "never", cwd=drafts).returncode == 0
    assert cli("bad.txt", "--fail-on", "error", cwd=drafts).returncode == 1
    info_only = CLEAN.replace("其余物资", "其它物资")
    (drafts / "info.txt").write_text(info_only, encoding="utf-8")
    assert cli("info.txt", cwd=drafts).returncode == 0
    assert cli("info.txt", "--fail-on", "info", cwd=drafts).returncode == 1


def test_stdin(drafts):
    proc = cli("-", "--format", "json", stdin=BAD.encode("gb18030"))
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["findings"][0]["path"] == "-"


def test_directory_is_walked_for_drafts(drafts):
    sub = drafts / "sub"
    sub.mkdir()
    (sub / "more.md").write_text(BAD, encoding="utf-8")
    (sub / "notes.csv").write_text("反应", encoding="utf-8")
    (drafts / ".git").mkdir()
    (drafts / ".git" / "x.txt").write_text(BAD, encoding="utf-8")
    proc = cli(".", "--format", "json", cwd=drafts)
    paths = sorted({f["path"] for f in json.loads(proc.stdout)["findings"]})
    assert paths == ["./bad.txt", "./sub/more.md"]
    assert json.loads(proc.stdout)["summary"]["files"] == 3


@pytest.mark.parametrize(("args", "needle"), [
    (["missing.txt"], "missing.txt: 文件不存在"),
    (["--format", "xml", "good.txt"], "无效的选项值"),
    (["--select", "confusable", "good.txt"], "did you mean confusables"),
    ([], "没有给出要检查的文件"),
    (["--jobs", "0", "good.txt"], "--jobs"),
])
def test_run_errors_are_one_line_with_exit_2(drafts, args, needle):
    proc = cli(*args, cwd=drafts)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_unreadable_input_still_reports_the_other_files(drafts):
    (drafts / "empty.txt").write_bytes(b"")
    (drafts / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    proc = cli("bad.txt", "empty.txt", "binary.txt", cwd=drafts)
    assert proc.returncode == 2
    assert "bad.txt:" in proc.stdout
    assert "empty.txt: 文件为空" in proc.stderr
    assert "binary.txt: 二进制文件" in proc.stderr


def test_rules_explain_and_show(drafts):
    rules = cli("rules")
    assert rules.returncode == 0
    assert "confusables" in rules.stdout and "required-sections" in rules.stdout
    explain = cli("explain", "confusables")
    assert explain.returncode == 0
    assert "反应迅速" in explain.stdout and "add" in explain.stdout
    assert cli("explain", "confusable").returncode == 2
    (drafts / "gbk.txt").write_bytes(BAD.replace("\n", "\r\n").encode("gbk"))
    show = cli("show", "gbk.txt", cwd=drafts)
    assert show.returncode == 0
    assert "编码 GB18030" in show.stdout
    assert "# 通报类型：县（市、区、旗）委巡察\n#   派出主体：县委第四巡察组（第3行）\n" in show.stdout
    assert f"{BAD_LINE:>2}  " + BAD.splitlines()[BAD_LINE - 1] in show.stdout


def test_module_entry_point_and_version():
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("notice-lint ")


def test_output_file(drafts):
    proc = cli("bad.txt", "--format", "json", "--output", "report.json", cwd=drafts)
    assert proc.returncode == 1
    assert json.loads((drafts / "report.json").read_text(encoding="utf-8"))["findings"]


def test_statistics(drafts):
    proc = cli("bad.txt", "--statistics", cwd=drafts)
    assert any(line.split() == ["1", "confusables"] for line in proc.stdout.splitlines())


def test_jobs_give_the_same_findings_in_the_same_order(drafts):
    for i in range(6):
        (drafts / f"bad{i}.txt").write_text(BAD, encoding="utf-8")
    one = cli(".", "--format", "json", "--jobs", "1", cwd=drafts)
    two = cli(".", "--format", "json", "--jobs", "2", cwd=drafts)
    assert json.loads(one.stdout)["findings"] == json.loads(two.stdout)["findings"]
