"""Rule documentation: shipped in Chinese and English, plain text, the same in explain and SARIF."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from conftest import CLEAN, cli, lint, make_linter

from notice_lint import load_data
from notice_lint.plugins import LoadedRule
from notice_lint.rule_docs import as_markdown, as_text, rule_doc, shipped_doc

# notice-lint's own rules: the checks and what the engine reports itself (unused-suppression)
RULES = sorted(r.id for r in make_linter().rules if r.plugin.startswith("notice_lint."))
HAN = re.compile(r"[\u4e00-\u9fff]")
# reStructuredText and Sphinx markup that a terminal would show as is
RST = re.compile(r"``|:(?:func|class|meth|mod|ref|doc|attr):|^\s*\.\. \w|::\s*$", re.M)


def every_text(rule: str, lang: str) -> str:
    raw = load_data("notice_lint.configs", f"docs/{rule}.yaml")[lang]
    return "\n".join(str(v) for v in raw.values())


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_built_in_rule_is_documented_in_both_languages(rule, lang):
    doc = shipped_doc(rule, lang)
    assert doc is not None, f"configs/docs/{rule}.yaml is missing"
    assert doc.summary and doc.text and doc.bad and doc.good
    text = every_text(rule, lang)
    assert not RST.search(text), RST.search(text).group(0)
    assert "DOMAIN.md" not in text and "§" not in text   # documents the package does not ship
    for shipped in re.findall(r"configs/[\w./-]+\.yaml", text):
        assert files("notice_lint.configs").joinpath(shipped.removeprefix("configs/")).is_file()
    if lang == "zh":
        # Chinese prose: the summary is a Chinese sentence, not the English one
        assert len(HAN.findall(doc.summary)) > len(doc.summary) / 3, doc.summary
    else:
        prose = HAN.sub("", doc.summary + doc.text)
        assert len(re.findall(r"[A-Za-z]+", prose)) > 10


@pytest.mark.parametrize("rule", RULES)
def test_the_rule_options_are_documented(rule):
    from notice_lint.cli.explain import option_defaults
    loaded = next(r for r in _loaded() if r.id == rule)
    names = [name for name, _ in option_defaults(loaded.rule)]
    for lang in ("zh", "en"):
        options = shipped_doc(rule, lang).options
        assert [line.split("：" if lang == "zh" else ":")[0] for line in options.splitlines()] \
            == names, (rule, lang)


def _loaded():
    return make_linter().rules


def test_the_unused_suppression_examples_in_markdown():
    """Its examples need every rule to run (a suppression is judged only then) and Markdown."""
    doc = shipped_doc("unused-suppression", "zh")
    bad, good = (text[0].replace(" / ", "\n\n") for text in (doc.bad, doc.good))
    assert [f.rule for f in lint(bad, kind="markdown", path="d.md")
            if f.rule == "unused-suppression"] == ["unused-suppression"]
    assert not [f for f in lint(good, kind="markdown", path="d.md")
                if f.rule in ("unused-suppression", "confusables")]


@pytest.mark.parametrize(("args", "env", "config", "lang"), [
    ((), {}, None, "zh"),
    (("--lang", "en"), {}, None, "en"),
    ((), {"NOTICE_LINT_LANG": "en"}, None, "en"),
    ((), {}, "lang: en\n", "en"),
    (("--lang", "zh"), {}, "lang: en\n", "zh"),
])
def test_explain_prints_the_users_language(tmp_path, args, env, config, lang):
    if config:
        (tmp_path / ".notice-lint.yaml").write_text(config, encoding="utf-8")
    proc = cli("explain", "spacing", *args, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    doc = shipped_doc("spacing", lang)
    lines = proc.stdout.splitlines()
    assert lines[0] == "spacing  (warning, notice_lint.checks.spacing)"
    assert lines[2] == doc.summary
    assert ("Bad:  " if lang == "en" else "错误示例：") + doc.bad[0] in lines
    assert not RST.search(proc.stdout)


def test_explain_shows_options_and_their_defaults(tmp_path):
    proc = cli("explain", "disclosure-period", "--lang", "en", cwd=tmp_path)
    assert "Options:\n  min_days: the fewest days, default 7.\n" in proc.stdout
    assert "  Defaults: min_days = 7; max_days = 90\n" in proc.stdout
    assert "(the examples are sentences of a whole notice)" in proc.stdout


def test_sarif_rules_carry_the_same_documentation(tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN.replace("反映", "反应"), encoding="utf-8")
    for lang in ("zh", "en"):
        log = json.loads(cli("a.txt", "--format", "sarif", "--lang", lang, cwd=tmp_path).stdout)
        rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
        assert set(rules) == set(RULES)
        for rule_id, rule in rules.items():
            doc = shipped_doc(rule_id, lang)
            assert rule["fullDescription"]["text"] == doc.summary
            assert rule["help"]["text"] == as_text(doc, lang)
            assert not RST.search(rule["help"]["text"])
        markdown = rules["confusables"]["help"]["markdown"]
        # the configuration example is a code block, the list stays a list, the examples fenced
        assert "```yaml\nrules:\n  confusables:\n" in markdown
        assert "\n- " in markdown and "```text\n如有意见建议，请及时向我们反应。\n```" in markdown


def test_markdown_escapes_prose_but_not_code():
    from notice_lint.rule_docs import RuleDoc
    doc = RuleDoc(summary="a *b*", text="x_y <z>\n  raw: *kept*\n- item [1]\n  more | pipe\nafter",
                  bad=("a*b",), good=("c",))
    markdown = as_markdown(doc, "en")
    assert markdown.startswith("**a \\*b\\***")
    assert "x\\_y \\<z\\>\n```yaml\nraw: *kept*\n```\n- item \\[1\\]\n  more \\| pipe\n\nafter" \
        in markdown
    assert "```text\na*b\n```" in markdown


class _Plugin:
    """Flags the word 草稿.

    Third-party rules are documented by their docstring."""

    id = "no-draft-mark"
    description = "草稿字样不应出现在公开的通报中"
    severity = "warning"


def test_a_third_party_rule_falls_back_to_its_docstring():
    doc = rule_doc(LoadedRule(_Plugin(), "nl_draftmark"), "zh")
    assert doc.summary == "草稿字样不应出现在公开的通报中"
    assert doc.text.startswith("Flags the word 草稿.")
    assert as_text(doc, "zh").splitlines()[0] == doc.summary
    # even a plugin whose rule takes a built-in id does not borrow the built-in documentation
    class Spacing(_Plugin):
        """Flags spaces, its own way."""

        id = "spacing"

    assert rule_doc(LoadedRule(Spacing(), "nl_other"), "en").text.startswith("Flags")
