"""SARIF as code scanning reads it: one fingerprint per finding, relative POSIX URIs, the schema."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SHARED, cli

from notice_lint.engine import FileResult
from notice_lint.finding import Finding
from notice_lint.reporters import reporter_class
from notice_lint.reporters import sarif as sarif_module
from notice_lint.reporters.base import Summary

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

# four 截止 before a time: four findings of one rule on the same words
FOUR = "截止11月20日，甲项已完成。\n截止目前，乙项已完成。\n截止11月20日，丙项已完成。\n截止11月20日，丁项已完成。\n"


def validate(log: dict) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas is not available (a fresh clone)")
    import jsonschema
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))


def sarif(*args: str, cwd: Path) -> dict:
    proc = cli(*args, "--format", "sarif", "--no-cache", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def fingerprints(log: dict, rule: str = "confusables") -> list[str]:
    return [r["partialFingerprints"]["noticeLint/v2"] for r in log["runs"][0]["results"]
            if r["ruleId"] == rule]


def test_each_of_four_identical_findings_has_its_own_fingerprint(tmp_path):
    (tmp_path / "a.txt").write_text(FOUR, encoding="utf-8")
    log = sarif("a.txt", cwd=tmp_path)
    prints = fingerprints(log)
    assert len(prints) == 4 and len(set(prints)) == 4
    # one rule, one word, one message: told apart by occurrence, as GitHub's line hashes are
    assert [p.rsplit(":", 1)[1] for p in prints] == ["1", "2", "3", "4"]
    validate(log)


def test_fingerprints_are_unique_in_a_log_of_several_files(tmp_path):
    (tmp_path / "a.txt").write_text(FOUR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FOUR, encoding="utf-8")
    every = fingerprints(sarif("a.txt", "b.txt", cwd=tmp_path))
    assert len(every) == 8 and len(set(every)) == 8


def test_fingerprints_stay_when_unrelated_lines_move(tmp_path):
    (tmp_path / "a.txt").write_text(FOUR, encoding="utf-8")
    before = fingerprints(sarif("a.txt", cwd=tmp_path))
    (tmp_path / "a.txt").write_text("会议强调，要抓好落实。\n\n" + FOUR, encoding="utf-8")
    after = sarif("a.txt", cwd=tmp_path)
    assert fingerprints(after) == before
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in after["runs"][0]["results"] if r["ruleId"] == "confusables"]
    assert lines == [3, 4, 5, 6]


def test_a_cached_result_has_the_same_fingerprints(tmp_path):
    (tmp_path / "a.txt").write_text(FOUR, encoding="utf-8")
    env = {"NOTICE_LINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [cli("a.txt", "--format", "sarif", cwd=tmp_path, env=env) for _ in range(2)]
    assert fingerprints(json.loads(runs[0].stdout)) == fingerprints(json.loads(runs[1].stdout))


def test_uris_are_relative_to_the_working_directory(tmp_path):
    (tmp_path / "稿件").mkdir()
    (tmp_path / "稿件" / "a b.txt").write_text(FOUR, encoding="utf-8")
    log = sarif(str(tmp_path / "稿件" / "a b.txt"), "稿件", cwd=tmp_path)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    locations = {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
                 for r in run["results"]}
    # the absolute path and the walked folder name the same file, the same way
    assert [json.loads(x) for x in locations] == [
        {"uri": "%E7%A8%BF%E4%BB%B6/a%20b.txt", "uriBaseId": "%SRCROOT%"}]
    validate(log)


def report(paths: list[str]) -> dict:
    """The SARIF log of one finding in each of `paths`, written through the reporter."""
    stream = io.StringIO()
    reporter = reporter_class("sarif")(stream, "en")
    reporter.start()
    for path in paths:
        finding = Finding("spacing", 1, 2, "stray space", "warning", path=path, anchor=" ")
        reporter.file(FileResult(path, [finding]))
    summary = Summary()
    summary.files = len(paths)
    reporter.finish(summary)
    return json.loads(stream.getvalue())


def locations(log: dict) -> list[dict]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]
            for r in log["runs"][0]["results"]]


def test_windows_looking_names_on_posix_are_never_a_scheme(monkeypatch):
    monkeypatch.setattr(sarif_module, "WINDOWS", False)
    log = report(["C:\\x\\y.txt", "c:notice.txt", "mailto:a.txt", "稿/b:c.txt"])
    got = [loc["uri"] for loc in locations(log)]
    assert got == ["C%3A%5Cx%5Cy.txt", "c%3Anotice.txt", "mailto%3Aa.txt",
                   "%E7%A8%BF/b%3Ac.txt"]
    assert all(urlsplit(uri).scheme == "" for uri in got)
    assert all(loc["uriBaseId"] == "%SRCROOT%" for loc in locations(log))
    validate(log)


def test_windows_paths_become_forward_slashed_uris(monkeypatch):
    monkeypatch.setattr(sarif_module, "WINDOWS", True)
    monkeypatch.setattr(sarif_module.os, "getcwd", lambda: "C:\\work")
    log = report(["C:\\work\\稿\\a.txt", "稿\\c:x.txt", "D:\\other\\b.txt",
                  "\\\\server\\share\\c.txt"])
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///C:/work/"
    assert locations(log) == [
        {"uri": "%E7%A8%BF/a.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": "%E7%A8%BF/c%3Ax.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///D:/other/b.txt"},
        {"uri": "file://server/share/c.txt"},
    ]
    validate(log)


def test_stdin_is_no_file_in_the_working_directory(tmp_path):
    log = json.loads(cli("-", "--format", "sarif", cwd=tmp_path, stdin=FOUR.encode()).stdout)
    assert {json.dumps(loc) for loc in locations(log)} == {'{"uri": "stdin"}'}
    validate(log)
