"""The public API: lint_text, lint_path, the Rule protocol, and a third-party rule reading the outline."""

from __future__ import annotations

import ast
import json

import pytest
from conftest import CLEAN, ROOT, cli
from test_inputs import BAD, ENCODINGS, MARKDOWN, make_docx
from test_plugins import CRASHING_PLUGIN, builtin_ids, install

import notice_lint
from notice_lint import ConfigError, LintResult, ReadError, Rule, lint_path, lint_text


def where(result: LintResult) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in result.findings]


def cli_findings(path, cwd) -> list[tuple[int, int, str]]:
    proc = cli(path, "--format", "json", "--isolated", cwd=cwd)
    return [(f["line"], f["column"], f["rule"]) for f in json.loads(proc.stdout)["findings"]]


def test_lint_text_reports_what_the_command_line_reports(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    result = lint_text(BAD, path="d.txt", plugins=False)
    assert result.ok and result.path == "d.txt"
    assert where(result) == [w for w in cli_findings("d.txt", tmp_path) if w[2] in builtin_ids()]
    assert len(result.findings) == 4 and {f.path for f in result.findings} == {"d.txt"}


def test_lint_text_select_and_config(tmp_path):
    result = lint_text(BAD, select=["confusables"], plugins=False)
    assert {f.rule for f in result.findings} == {"confusables"}
    config = tmp_path / "c.yaml"
    config.write_text("rules:\n  confusables: false\n", encoding="utf-8")
    assert "confusables" not in {f.rule for f in lint_text(BAD, config=config, plugins=False).findings}
    with pytest.raises(ConfigError, match="confusable"):   # the closest id is suggested
        lint_text(BAD, select=["confusable"], plugins=False)


def test_lint_text_reads_markdown_by_its_name():
    text = MARKDOWN.replace("局党组将持续巩固整改成果。", "局党组将持续巩固整改成果，请向我们反应。")
    line = text.splitlines().index("局党组将持续巩固整改成果，请向我们反应。") + 1
    assert [(f.rule, f.line) for f in lint_text(text, path="d.md", plugins=False).findings] == [
        ("confusables", line)]  # the suppressed line stays quiet


def test_lint_path_reads_every_kind_of_draft_like_the_command_line(tmp_path):
    reference = where(lint_text(BAD, plugins=False))
    (tmp_path / "gbk.txt").write_bytes(ENCODINGS["gbk-crlf"](BAD))
    assert where(lint_path(tmp_path / "gbk.txt", plugins=False)) == reference
    make_docx(tmp_path / "d.docx", BAD)
    result = lint_path(str(tmp_path / "d.docx"), plugins=False)
    assert where(result) == [w for w in cli_findings("d.docx", tmp_path) if w[2] in builtin_ids()]


def test_lint_path_raises_read_error_naming_why(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café déjà vu, naïve façade".encode("latin-1") * 5)
    with pytest.raises(ReadError, match="GB18030"):
        lint_path(tmp_path / "latin.txt", plugins=False)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match=r"\.docx"):
        lint_path(tmp_path / "old.doc", plugins=False)


def test_a_crashing_plugin_rule_is_in_the_result_and_the_others_still_report(tmp_path,
                                                                              monkeypatch):
    install(tmp_path / "site", "nl_api_boom", CRASHING_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    result = lint_text(BAD)
    assert not result.ok
    (crash,) = [c for c in result.crashes if c.rule == "boom"]
    assert crash.plugin == "nl_api_boom" and "cannot read the outline" in str(crash.message)
    builtins = [w for w in where(result) if w[2] in builtin_ids()]  # not other plugins'
    assert builtins == where(lint_text(BAD, plugins=False))
    assert lint_text(BAD, plugins=False).ok  # plugins=False: installed plugins do not run


def test_every_builtin_rule_is_a_rule():
    from notice_lint.plugins import collect_rules, make_plugin_manager
    rules, _ = collect_rules(make_plugin_manager(entry_points_too=False)[0])
    assert rules and all(isinstance(r.rule, Rule) for r in rules)
    assert not isinstance(object(), Rule)


def test_everything_in_all_is_importable():
    for name in notice_lint.__all__:
        assert getattr(notice_lint, name) is not None, name


# The modules a built-in check may import: the public API, the modules that say they are
# public, and the checks' own package (checks/_written.py: helpers private to the built-ins).
PUBLIC = {"notice_lint", "notice_lint.substitution", "notice_lint.edit_groups",
          "notice_lint.outline", "notice_lint.profile", "notice_lint.patterns"}


@pytest.mark.parametrize("check", sorted((ROOT / "checks").glob("*.py")), ids=lambda p: p.stem)
def test_builtin_checks_import_only_the_public_api(check):
    imported = set()
    for node in ast.walk(ast.parse(check.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    ours = {m for m in imported if m.split(".")[0] == "notice_lint"}
    private = {m for m in ours if m not in PUBLIC
               and not m.startswith(("notice_lint.outline.", "notice_lint.patterns.",
                                                      "notice_lint.checks."))}
    assert not private, f"{check.name} imports private modules: {sorted(private)}"


# -- the README's third-party rule that reads the outline ----------------------------------------

def _readme_plugin() -> str:
    """The README's example plugin, as a user would copy it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    return next(b for b in blocks if "class HeadingFullStop" in b)


HEADING_PLUGIN = _readme_plugin()

# Damaged on its way before the heading: HTML entities left by a web editor and a sentence broken
# across lines by a PDF copy, both repaired in the view the outline is read from.
DAMAGED = (CLEAN.replace("根据县委统一部署", "根据县委&ldquo;统一部署&rdquo;")
           .replace("按照巡察工作有关要求，现将巡察整改进展情况予以公布。",
                    "按照巡察工作有关要求，现将巡察整改\n进展情况予以公布。")
           .replace("一、组织整改落实情况", "一、组织整改落实情况。"))


def test_a_plugin_reading_the_outline_reports_the_right_place_on_a_damaged_draft(
        tmp_path, monkeypatch):
    install(tmp_path / "site", "nl_heading_stop", HEADING_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    line = DAMAGED.splitlines().index("一、组织整改落实情况。") + 1
    result = lint_text(DAMAGED, path="d.txt")
    assert result.ok, result.crashes
    assert [(f.line, f.column, f.end_column) for f in result.findings
            if f.rule == "heading-full-stop"] == [(line, 11, 12)]


def test_the_outline_plugin_reports_the_right_place_on_an_undamaged_draft(tmp_path, monkeypatch):
    install(tmp_path / "site", "nl_heading_stop_clean", HEADING_PLUGIN.replace(
        "heading-full-stop", "heading-full-stop-clean"))
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    text = CLEAN.replace("一、组织整改落实情况", "一、组织整改落实情况。")
    line = text.splitlines().index("一、组织整改落实情况。") + 1
    result = lint_text(text, path="d.txt")
    assert [(f.line, f.column) for f in result.findings if f.rule == "heading-full-stop-clean"] \
        == [(line, 11)]


def test_a_draft_whose_structure_cannot_be_parsed_is_not_ok(monkeypatch):
    from notice_lint.outline import headings

    def broken(*args, **kwargs):
        raise RuntimeError("parser fault")

    monkeypatch.setattr(headings, "find_headings", broken)
    result = lint_text(CLEAN, path="d.txt", plugins=False)
    assert not result.ok
    assert result.findings == () and result.crashes == ()
    assert "parser fault" in result.error.en
