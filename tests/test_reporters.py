"""Output formats: SARIF that validates, GitHub workflow commands, a self-contained HTML page."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED, cli
from test_inputs import BAD


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "坏稿.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_sarif_validates_and_has_a_result_per_finding(drafts):
    proc = cli("bad.txt", "坏稿.txt", "--format", "sarif", cwd=drafts)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    plain = json.loads(cli("bad.txt", "坏稿.txt", "--format", "json", cwd=drafts).stdout)
    run = log["runs"][0]
    assert len(run["results"]) == len(plain["findings"]) == 8
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert {"confusables", "spacing", "required-sections"} <= {r["id"] for r in rules}
    for result, finding in zip(run["results"], plain["findings"], strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"],
                                                                finding["column"])
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert result["level"] == {"error": "error", "warning": "warning",
                                   "info": "note"}[finding["severity"]]
    fixed = [r for r in run["results"] if "fixes" in r]
    assert fixed and fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris == {"bad.txt", "%E5%9D%8F%E7%A8%BF.txt"}
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_path.is_file():
        import jsonschema
        jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))


def test_sarif_reports_run_errors(drafts):
    (drafts / "empty.txt").write_bytes(b"")
    log = json.loads(cli("empty.txt", "--format", "sarif", cwd=drafts).stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "empty.txt" in json.dumps(invocation, ensure_ascii=False)


def test_github_workflow_commands(drafts):
    proc = cli("bad.txt", "--format", "github", cwd=drafts)
    lines = proc.stdout.splitlines()
    confusable = next(x for x in lines if "confusables" in x and "反应" in x)
    assert confusable.startswith("::error file=bad.txt,line=")
    assert ",col=" in confusable and ",endLine=" in confusable and ",endColumn=" in confusable
    assert "title=notice-lint confusables::" in confusable
    assert any(x.startswith("::warning ") for x in lines)


def test_github_format_is_chosen_on_github_actions(drafts):
    proc = cli("bad.txt", cwd=drafts, env={"GITHUB_ACTIONS": "true"})
    assert proc.stdout.startswith("::")
    assert cli("bad.txt", "--format", "text", cwd=drafts,
               env={"GITHUB_ACTIONS": "true"}).stdout.startswith("bad.txt:")


def test_github_escapes_newlines_and_commas():
    import io

    from notice_lint.finding import Finding
    from notice_lint.reporters.github import GithubReporter
    stream = io.StringIO()
    reporter = GithubReporter(stream)

    from notice_lint.engine import FileResult
    reporter.file(FileResult("x", findings=[
        Finding(rule="r", line=1, column=1, message="a\nb%c", path="x,y:z.txt")]))
    assert stream.getvalue() == ("::warning file=x%2Cy%3Az.txt,line=1,col=1,endLine=1,endColumn=2,"
                                 "title=notice-lint r::a%0Ab%25c\n")


def test_html_page_is_self_contained_and_highlights_findings(drafts):
    (drafts / "x.txt").write_text(BAD.replace("逐项对账销号", "逐项<script>对账</script>销号"),
                                  encoding="utf-8")
    proc = cli("bad.txt", "x.txt", "--format", "html", "--output", "report.html", cwd=drafts)
    assert proc.returncode == 1
    page = (drafts / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert '<mark class="error"' in page and "反应</mark>" in page
    assert "巡察整改通报检查报告" in page and "<code>confusables</code>" in page
    # one script, the report's own filters; the draft's is shown as text
    assert page.count("<script") == 1 and "&lt;script&gt;对账&lt;/script&gt;" in page


def test_statistics_counts_per_rule(drafts):
    proc = cli("bad.txt", "--statistics", cwd=drafts)
    rows = [line.split() for line in proc.stdout.splitlines() if line.startswith(" ")]
    assert ["3", "confusables"] in rows and ["1", "spacing"] in rows
