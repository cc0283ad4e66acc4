"""Configuration: discovery, precedence, extends, and errors that name the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, cli, lint, make_linter, where

from notice_lint.config import ConfigError, discover, load

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应").replace("截至2024年10月31日",
                                                                   "截止2024年10月31日")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_walks_up_and_prefers_the_yaml_file(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "pyproject.toml", "[tool.notice-lint]\nfail-on = 'error'\n")
    assert discover(tmp_path / "a" / "b") == str(tmp_path / "pyproject.toml")
    write(tmp_path / "a" / ".notice-lint.yml", "fail-on: info\n")
    assert discover(tmp_path / "a" / "b") == str(tmp_path / "a" / ".notice-lint.yml")
    write(tmp_path / "a" / ".notice-lint.yaml", "fail-on: info\n")
    assert discover(tmp_path / "a" / "b") == str(tmp_path / "a" / ".notice-lint.yaml")


def test_pyproject_without_our_section_is_not_a_config(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert discover(tmp_path) != str(tmp_path / "pyproject.toml")


def test_pyproject_section_is_read(tmp_path):
    path = write(tmp_path / "pyproject.toml",
                 "[tool.notice-lint]\nfail-on = 'error'\nignore = ['confusables']\n")
    config = load(path)
    assert config.fail_on == "error"
    assert config.ignore == ("confusables",)


def test_a_config_without_extends_builds_on_the_default_profile(tmp_path):
    config = load(write(tmp_path / ".notice-lint.yaml", "lang: en\n"))
    assert config.lang == "en"
    assert config.fail_on == "warning"  # from configs/default.yaml


def test_extends_strict_profile_and_a_file(tmp_path):
    assert load(write(tmp_path / "s.yaml", "extends: strict\n")).fail_on == "info"
    write(tmp_path / "base.yaml", "fail-on: error\nrules:\n  confusables:\n    severity: info\n")
    config = load(write(tmp_path / "c.yaml", "extends: base.yaml\nlang: en\n"))
    assert (config.fail_on, config.lang) == ("error", "en")
    assert str(config.rules["confusables"].severity) == "info"


def test_the_nearer_file_overrides_the_file_it_extends(tmp_path):
    write(tmp_path / "base.yaml", "fail-on: error\nlang: en\n")
    config = load(write(tmp_path / "c.yaml", "extends: base.yaml\nfail-on: never\n"))
    assert (config.fail_on, config.lang) == ("never", "en")


def test_command_line_overrides_the_file(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "fail-on: never\nlang: en\n")
    write(tmp_path / "bad.txt", BAD)
    assert cli("bad.txt", cwd=tmp_path).returncode == 0            # fail-on: never
    proc = cli("bad.txt", "--fail-on", "error", "--lang", "zh", cwd=tmp_path)
    assert proc.returncode == 1
    assert "应为“反映”" in proc.stdout


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("fail-on: warning\nfail_on: error\n", 2, "fail_on"),
    ("rules:\n  confusables:\n    severty: error\n", 3, "severty"),
    ("rules:\n  confusable: false\n", 2, "confusable"),
    ("select: [confusables, spelling]\n", 1, "spelling"),
    ("fail-on: sometimes\n", 1, "sometimes"),
    ("rules:\n  confusables:\n    add:\n      - wrong: 帐号\n", 4, "right"),
    ("rules: [confusables\n", 2, "YAML"),
    ("lang: en\nlang: zh\n", 2, "duplicate"),
])
def test_errors_name_file_line_and_key(tmp_path, text, line, needle):
    path = write(tmp_path / ".notice-lint.yaml", text)
    write(tmp_path / "d.txt", CLEAN)
    proc = cli("d.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    (message,) = proc.stderr.strip().splitlines()
    assert f"{path.name}:{line}" in message
    assert needle in message


def test_unknown_rule_id_suggests_the_closest(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "rules:\n  confusable:\n    severity: error\n")
    with pytest.raises(ConfigError) as caught:
        make_linter(load(tmp_path / ".notice-lint.yaml"))
    assert "confusable" in str(caught.value)
    assert "did you mean confusables" in str(caught.value)
    assert ".notice-lint.yaml:2" in str(caught.value)


def test_unknown_key_suggests_the_closest(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(write(tmp_path / "c.yaml", "selcet: [confusables]\n"))
    assert "did you mean select" in str(caught.value)


def test_missing_config_file_and_extends_loop(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load(tmp_path / "nope.yaml")
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="loop"):
        load(tmp_path / "a.yaml")


def test_disable_a_rule_and_set_its_severity(tmp_path):
    config = load(write(tmp_path / "c.yaml", "rules:\n  confusables: false\n"))
    assert [r for _, _, r in where(lint(BAD, config=config))] == []
    config = load(write(tmp_path / "d.yaml", "rules:\n  confusables:\n    severity: info\n"))
    assert {str(f.severity) for f in lint(BAD, config=config)} == {"info"}


def test_select_ignore_and_per_file_ignores(tmp_path):
    write(tmp_path / "bad.txt", BAD)
    proc = cli("bad.txt", "--select", "required-sections", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    proc = cli("bad.txt", "--ignore", "confusables", cwd=tmp_path)
    assert "confusables" not in proc.stdout
    write(tmp_path / ".notice-lint.yaml", "per-file-ignores:\n  'bad*.txt': [confusables]\n")
    assert cli("bad.txt", cwd=tmp_path).returncode == 0


def test_unknown_option_of_a_rule_is_named(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "rules:\n  required-sections:\n    requir: [title]\n")
    write(tmp_path / "d.txt", CLEAN)
    proc = cli("d.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".notice-lint.yaml:3" in proc.stderr and "requir" in proc.stderr
    assert "require" in proc.stderr


def test_user_confusable_with_failing_examples_is_rejected_naming_the_entry(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "rules:\n  confusables:\n    add:\n"
          "      - wrong: 帐号\n        right: 账号\n"
          "        examples: {fail: [注册账号], pass: []}\n")
    write(tmp_path / "d.txt", CLEAN)
    proc = cli("d.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".notice-lint.yaml:4" in proc.stderr and "帐号" in proc.stderr


def test_user_confusable_is_applied(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "rules:\n  confusables:\n    add:\n"
          "      - wrong: 河滨路\n        right: 河滨大道\n        severity: warning\n"
          "        examples: {fail: [河滨路8号], pass: [河滨大道8号]}\n")
    write(tmp_path / "d.txt", CLEAN)
    proc = cli("d.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert "河滨大道" in proc.stdout


def test_a_configuration_sets_the_genre_of_every_notice(tmp_path):
    text = CLEAN.replace("公开期限：2024年11月15日至12月14日。", "")
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    detected = cli("--select", "disclosure-period", "d.txt", cwd=tmp_path)
    assert detected.returncode == 1 and "缺少公开期限" in detected.stdout
    write(tmp_path / ".notice-lint.yaml", "notice: central-xunshi\n")
    declared = cli("--select", "disclosure-period", "d.txt", cwd=tmp_path)
    assert declared.returncode == 0, declared.stdout
    shown = cli("show", "d.txt", cwd=tmp_path).stdout
    assert "# 通报类型：中央巡视\n#   配置指定：central-xunshi\n" in shown


def test_an_unknown_genre_names_the_file_and_the_choices(tmp_path):
    write(tmp_path / ".notice-lint.yaml", "lang: zh\nnotice: county\n")
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".notice-lint.yaml:2" in proc.stderr and "county-xuncha" in proc.stderr
