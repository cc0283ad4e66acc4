"""The JSON Schema of `.notice-lint.yaml`: shipped, printed, and in step with the loader."""

from __future__ import annotations

import dataclasses
import json
from importlib.resources import files

import pytest
import yaml
from conftest import ROOT, cli, make_linter

from notice_lint.config import FAIL_LEVELS, LANGS, PROFILES, RULE_KEYS, TOP_KEYS, ConfigError, load
from notice_lint.profile import genre_names
from notice_lint.substitution import ENTRY_KEYS

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((files("notice_lint.configs") / "schema.json").read_text(encoding="utf-8"))
PROPERTIES = SCHEMA["properties"]
RULES = PROPERTIES["rules"]["properties"]


def errors(config: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(config)]


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("key", TOP_KEYS)
def test_every_top_level_key_of_the_loader_is_in_the_schema(key):
    assert key in PROPERTIES, f"{key} is read by linter/config/schema.py but not in the schema"


def test_the_schema_has_no_key_the_loader_refuses():
    assert set(PROPERTIES) == set(TOP_KEYS)
    assert SCHEMA["additionalProperties"] is False


def test_the_schema_choices_are_the_loaders():
    assert PROPERTIES["fail-on"]["enum"] == list(FAIL_LEVELS)
    assert PROPERTIES["lang"]["enum"] == list(LANGS)
    assert PROPERTIES["notice"]["enum"] == list(genre_names())
    assert PROPERTIES["extends"]["oneOf"][0]["anyOf"][0]["enum"] == list(PROFILES)


def test_every_built_in_rule_and_its_options_are_in_the_schema():
    # the checks and the rules the engine itself reports (unused-suppression)
    builtin = [r for r in make_linter().rules if r.plugin.startswith("notice_lint.")]
    assert set(RULES) == {r.id for r in builtin}
    for loaded in builtin:
        spec = RULES[loaded.id]["oneOf"][3]["properties"]
        options = getattr(loaded.rule, "Options", None)
        fields = {f.name for f in dataclasses.fields(options)} if options else set()
        assert set(spec) == set(RULE_KEYS) - ({"add"} - fields) | fields, loaded.id


def test_substitution_entries_have_the_loaders_keys():
    entry = RULES["confusables"]["oneOf"][3]["properties"]["add"]["items"]
    assert set(entry["properties"]) == set(ENTRY_KEYS)


@pytest.mark.parametrize("name", ["default.yaml", "strict.yaml"])
def test_shipped_profiles_validate(name):
    raw = yaml.safe_load((ROOT / "configs" / name).read_text(encoding="utf-8"))
    assert errors(raw) == []


GOOD = [
    # the comment that points yaml-language-server (VS Code's YAML extension) at the schema
    "# yaml-language-server: $schema=.notice-lint.schema.json\n"
    "extends: strict\nfail-on: error\nlang: en\nnotice: county-xuncha\n",
    "select: [confusables, required-sections]\nignore: spacing, punctuation\n",
    "per-file-ignores:\n  'archive/*.txt': [required-sections]\nexclude: ['drafts/old/*']\n"
    "force-exclude: false\nmax-file-size: 0.5\nrule-timeout: 0\ncache: false\n",
    "rules:\n  spacing: false\n  punctuation: info\n  dates: {severity: error}\n"
    "  confusables:\n    add:\n      - {wrong: 帐号, right: 账号, examples: {fail: [注册帐号], pass: [注册账号]}}\n"
    "  required-sections:\n    require: [title, parts]\n    add:\n"
    "      - {part: next-steps, pattern: 今后努力方向}\n"
    "  disclosure-period: {min_days: 5, max_days: 30}\n",
]
BAD = [
    ("fail_on: error\n", "fail_on"),                      # a misspelt key
    ("fail-on: sometimes\n", "sometimes"),
    ("lang: fr\n", "fr"),
    ("max-file-size: -1\n", "-1"),
    ("exclude: 3\n", "3"),
    ("force-exclude: maybe\n", "maybe"),
    ("rules:\n  spacing: loud\n", "loud"),
    ("rules:\n  spacing: {severity: fatal}\n", "fatal"),
    ("rules:\n  disclosure-period: {max_dayz: 3}\n", "max_dayz"),
    ("rules:\n  confusables:\n    add:\n      - {wrong: 帐号, rite: 账号}\n", "rite"),
]


@pytest.mark.parametrize("text", GOOD)
def test_good_configurations_pass_the_schema_and_the_loader(tmp_path, text):
    assert errors(yaml.safe_load(text)) == []
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    make_linter(load(tmp_path / "c.yaml"))   # the rules' options are checked too


@pytest.mark.parametrize(("text", "culprit"), BAD)
def test_bad_configurations_fail_the_schema_and_the_loader(tmp_path, text, culprit):
    found = errors(yaml.safe_load(text))
    assert found and any(culprit in message for message in found), found
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        make_linter(load(tmp_path / "c.yaml"))


def test_rules_schema_prints_it_even_with_a_broken_configuration(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text("fail_on: [\n", encoding="utf-8")
    proc = cli("rules", "--schema", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == SCHEMA
