"""JSON and SARIF reports written file by file: valid, complete, and the bytes of the whole
document dumped at once, whatever happens mid-run."""

from __future__ import annotations

import io
import json

import pytest
from conftest import CLEAN, cli, make_linter
from html_tree import render_report
from test_inputs import BAD

from notice_lint.document import Document
from notice_lint.outputs import json_text
from notice_lint.reporters import reporter_class
from notice_lint.reporters.base import Summary


@pytest.fixture
def folder(tmp_path):
    """Three drafts with findings around an empty file (an error) and a clean draft."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "e.txt").write_text(BAD.replace("\n", "\r\n"), encoding="utf-8")
    return tmp_path


def _as_dumped_at_once(stdout: str) -> dict:
    """The parsed document, after checking its bytes are those of one json_text dump."""
    document = json.loads(stdout)
    assert stdout == json_text(document) + "\n"
    return document


def test_json_of_a_folder_with_an_error_midway_is_one_complete_document(folder):
    proc = cli(".", "--format", "json", cwd=folder)
    assert proc.returncode == 2
    report = _as_dumped_at_once(proc.stdout)
    paths = [f["path"] for f in report["findings"]]
    assert {"./a.txt", "./d.txt", "./e.txt"} == set(paths)
    assert paths == sorted(paths)   # in the order the files were linted
    assert len(report["findings"]) == report["summary"]["findings"] == 3 * paths.count("./a.txt")
    assert report["summary"]["files"] == 5
    assert report["summary"]["exit_status"] == 2
    assert [e["path"] for e in report["errors"]] == ["./b.txt"]
    assert list(report) == ["tool", "findings", "summary", "errors"]


def test_sarif_of_a_folder_with_an_error_midway_is_one_complete_log(folder):
    proc = cli(".", "--format", "sarif", cwd=folder)
    assert proc.returncode == 2
    log = _as_dumped_at_once(proc.stdout)
    plain = json.loads(cli(".", "--format", "json", cwd=folder).stdout)
    run = log["runs"][0]
    assert len(run["results"]) == len(plain["findings"])
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    for result, finding in zip(run["results"], plain["findings"], strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert list(result)[-1] == "ruleIndex"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    notice = invocation["toolExecutionNotifications"][0]
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_clean_run_is_a_complete_document_with_no_findings(tmp_path, fmt):
    (tmp_path / "c.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("c.txt", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = _as_dumped_at_once(proc.stdout)
    found = report["findings"] if fmt == "json" else report["runs"][0]["results"]
    assert found == []


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_findings_are_written_as_each_file_is_reported(fmt):
    """A long run shows its findings as it goes (a pipe to `head`, a CI log), not at the end."""
    linter = make_linter()
    result = linter.lint(Document.from_text(BAD, "a.txt"))
    assert result.findings
    stream = io.StringIO()
    reporter = reporter_class(fmt)(stream, "zh")
    reporter.describe_rules(linter.rules)
    reporter.start()
    reporter.file(result)
    assert result.findings[0].text("zh") in stream.getvalue()


def test_sarif_without_described_rules_lists_the_rules_that_fired():
    """A library caller that never calls describe_rules still gets a valid, indexed log."""
    linter = make_linter()
    result = linter.lint(Document.from_text(BAD, "a.txt"))
    stream = io.StringIO()
    reporter = reporter_class("sarif")(stream, "en")
    reporter.start()
    reporter.file(result)
    assert stream.getvalue() == ""   # the rules are not known until the end
    summary = Summary()
    summary.files = 1
    reporter.finish(summary)
    run = _as_dumped_at_once(stream.getvalue())["runs"][0]
    fired = sorted({f.rule for f in result.findings})
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == fired
    assert [fired[r["ruleIndex"]] for r in run["results"]] == [f.rule for f in result.findings]


@pytest.mark.parametrize("order", [("bad.txt", "clean.txt"), ("clean.txt", "bad.txt")])
def test_fail_on_sees_a_finding_in_any_file(tmp_path, order):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    assert cli(*order, "--format", "json", "--fail-on", "error", cwd=tmp_path).returncode == 1
    assert cli(*order, "--format", "json", "--fail-on", "never", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_written_to_a_file_is_the_same_document(folder, tmp_path, jobs):
    out = tmp_path / "report.json"
    proc = cli(".", "--format", "json", "--jobs", jobs, "-o", str(out), cwd=folder)
    assert proc.returncode == 2
    assert out.read_text(encoding="utf-8") == cli(".", "--format", "json", cwd=folder).stdout


def test_html_report_with_worker_processes_shows_every_draft(tmp_path):
    """The page shows each draft's text, which worker processes do not send back: an HTML
    report is made in one process whatever --jobs says."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD.replace("整改", "整改工作", 1), encoding="utf-8")
    proc = cli(".", "--format", "html", "--jobs", "2", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == cli(".", "--format", "html", "--jobs", "1", cwd=tmp_path).stdout
    assert "./a.txt" in proc.stdout and "./b.txt" in proc.stdout
    assert proc.stdout.endswith("</body></html>\n")


def test_html_sections_held_on_disk_come_out_as_written(monkeypatch):
    """Sections past the spooled size go to a temporary file and come back unchanged: a lone
    surrogate (a byte of a file name that is not UTF-8) and a carriage return included."""
    from notice_lint.reporters import html

    linter = make_linter()
    names = ["a.txt", "b\udcff.txt", "c\r.txt"]
    results = [linter.lint(Document.from_text(BAD, name)) for name in names]

    in_memory = render_report(linter, results)
    monkeypatch.setattr(html, "_SPOOLED", 64)
    assert render_report(linter, results) == in_memory
    assert "b\udcff.txt" in in_memory and "c\r.txt" in in_memory
    assert in_memory.index("a.txt") < in_memory.index("b\udcff.txt") < in_memory.index("c\r.txt")


def test_fix_and_baseline_over_a_folder_a_file_at_a_time(folder, tmp_path):
    """Each file goes through the fix, the baseline and the report in turn: an error midway
    stops nothing, and the baseline written from the whole folder accepts all it recorded."""
    baseline = tmp_path / "baseline.json"
    made = cli(".", "--write-baseline", str(baseline), cwd=folder)
    assert made.returncode == 2 and "b.txt" in made.stderr   # the empty file
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [f["path"] for f in recorded] == sorted(f["path"] for f in recorded)
    assert {f["path"] for f in recorded} == {"a.txt", "d.txt", "e.txt"}
    accepted = cli(".", "--baseline", str(baseline), "--format", "json", cwd=folder)
    assert accepted.returncode == 2 and json.loads(accepted.stdout)["findings"] == []
    fixed = cli(".", "--fix", "--format", "json", cwd=folder)
    assert fixed.returncode == 2, fixed.stderr
    assert "已修复 12 处" in fixed.stderr   # four in each of the three drafts
    report = _as_dumped_at_once(fixed.stdout)
    assert all(f["rule"] != "confusables" for f in report["findings"])
    crlf = (folder / "e.txt").read_bytes()
    assert crlf.count(b"\r\n") == BAD.count("\n") and b"\n" not in crlf.replace(b"\r\n", b"")
