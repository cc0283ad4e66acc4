"""argparse's own text (usage, headings, errors) in Chinese, English with --lang en."""

from __future__ import annotations

import argparse
import inspect

import pytest
from conftest import cli

from notice_lint.cli.argparse_text import translated_error
from notice_lint.data import builtin


def test_every_template_is_one_argparse_writes():
    # a Python whose argparse words a message otherwise shows it in English: update the data
    source = inspect.getsource(argparse)
    for entry in builtin("argparse.yaml")["errors"]:
        assert repr(entry["en"])[1:-1] in source or entry["en"] in source, entry["en"]
    for english in builtin("argparse.yaml")["help"]:
        assert english.rstrip(": ") in source, english


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["--format", "xml", "a.txt"],
     "参数 --format：无效的选项值：'xml'（可选：'github', 'html', 'json', 'sarif', 'text'）",
     "argument --format: invalid choice: 'xml' (choose from 'github', 'html', 'json', "
     "'sarif', 'text')"),
    (["--frmat", "a.txt"], "无法识别的参数：--frmat", "unrecognized arguments: --frmat"),
    (["a.txt", "--output"], "参数 --output/-o：需要一个值",
     "argument --output/-o: expected one argument"),
    (["--jobs", "two", "a.txt"], "参数 --jobs/-j：无效的 int 值：'two'",
     "argument --jobs/-j: invalid int value: 'two'"),
    (["show"], "缺少必需的参数：path", "the following arguments are required: path"),
    (["explain"], "缺少必需的参数：rule", "the following arguments are required: rule"),
    (["rules", "extra"], "无法识别的参数：extra", "unrecognized arguments: extra"),
    (["annotate", "a.docx"], "缺少必需的参数：-o/--output",
     "the following arguments are required: -o/--output"),
])
def test_usage_errors_in_the_users_language(tmp_path, args, zh, en):
    chinese = cli(*args, cwd=tmp_path)
    assert chinese.returncode == 2
    assert chinese.stderr == f"notice-lint: 错误: {zh}\n"
    english = cli(*args, "--lang", "en", cwd=tmp_path)
    assert (english.returncode, english.stderr) == (2, f"notice-lint: error: {en}\n")
    from_env = cli(*args, cwd=tmp_path, env={"NOTICE_LINT_LANG": "en"})
    assert from_env.stderr == f"notice-lint: error: {en}\n"


def test_help_headings_in_chinese(tmp_path):
    lines = cli("--help", cwd=tmp_path).stdout.splitlines()
    assert lines[0].startswith("用法：notice-lint [-h]")
    assert "位置参数：" in lines and "选项：" in lines
    assert "  -h, --help                  显示本帮助并退出" in lines
    assert any(line.startswith("  --version") and line.endswith("显示版本号并退出")
               for line in lines)
    assert not any(word in "\n".join(lines) for word in ("usage:", "options:", "show this"))
    show = cli("show", "-h", cwd=tmp_path).stdout
    assert show.startswith("用法：notice-lint show") and "\n选项：\n" in show


def test_help_in_english_translates_our_own_help_too(tmp_path):
    text = cli("--help", "--lang", "en", cwd=tmp_path).stdout
    assert text.startswith("usage: notice-lint [-h]")
    assert "\noptions:\n" in text
    assert "  --exit-zero                 exit 0 even with findings" in text
    assert "输出格式" not in text and "忽略所有配置文件" not in text
    # a Chinese help text stays in the Chinese help
    assert "输出格式" in cli("--help", cwd=tmp_path).stdout


def test_unknown_messages_pass_through():
    assert translated_error("something argparse never said") == "something argparse never said"
    assert translated_error("argument --x: our own message") == "参数 --x：our own message"
