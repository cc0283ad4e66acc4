"""ruff's conveniences: --exit-zero, --stdin-filename, --show-settings, --show-files."""

from __future__ import annotations

import json

from conftest import CLEAN, cli

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应")
BAD_LINE = next(i for i, line in enumerate(BAD.splitlines(), 1) if "向我们反应" in line)
SPACED = CLEAN.replace("县委统一部署", "县委统一 部署")


def test_exit_zero_passes_with_findings_but_not_with_errors(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    plain = cli("bad.txt", cwd=tmp_path)
    zero = cli("bad.txt", "--exit-zero", cwd=tmp_path)
    assert plain.returncode == 1
    assert zero.returncode == 0
    assert zero.stdout.splitlines()[0] == plain.stdout.splitlines()[0]   # still reported
    missing = cli("bad.txt", "nope.txt", "--exit-zero", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.txt" in missing.stderr


def test_exit_zero_with_diff(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    assert cli("bad.txt", "--diff", cwd=tmp_path).returncode == 1
    proc = cli("bad.txt", "--diff", "--exit-zero", cwd=tmp_path)
    assert proc.returncode == 0 and "+" in proc.stdout


def test_stdin_filename_names_every_output(tmp_path):
    data = BAD.encode("utf-8")
    text = cli("--stdin-filename", "notes/draft.txt", stdin=data, cwd=tmp_path)
    assert text.returncode == 1
    assert text.stdout.startswith(f"notes/draft.txt:{BAD_LINE}:")
    as_json = json.loads(cli("--stdin-filename", "notes/draft.txt", "--format", "json",
                             stdin=data, cwd=tmp_path).stdout)
    assert {f["path"] for f in as_json["findings"]} == {"notes/draft.txt"}
    github = cli("--stdin-filename", "notes/draft.txt", "--format", "github", stdin=data,
                 cwd=tmp_path).stdout
    assert github.startswith(f"::error file=notes/draft.txt,line={BAD_LINE},")
    sarif = json.loads(cli("--stdin-filename", "notes/draft.txt", "--format", "sarif",
                           stdin=data, cwd=tmp_path).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("notes/draft.txt")


def test_stdin_filename_gets_its_per_file_ignores(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text(
        "per-file-ignores:\n  'old/*.txt': [confusables]\n", encoding="utf-8")
    data = BAD.encode("utf-8")
    assert cli("--stdin-filename", "old/a.txt", stdin=data, cwd=tmp_path).returncode == 0
    assert cli("--stdin-filename", "new/a.txt", stdin=data, cwd=tmp_path).returncode == 1
    assert cli("-", stdin=data, cwd=tmp_path).returncode == 1


def test_stdin_filename_picks_the_markdown_reader(tmp_path):
    marked = BAD.replace("请及时向我们反应", "请及时向我们**反应**")
    data = marked.encode("utf-8")
    as_md = cli("--stdin-filename", "a.md", "--format", "json", stdin=data, cwd=tmp_path)
    (finding,) = json.loads(as_md.stdout)["findings"]
    assert finding["rule"] == "confusables" and finding["path"] == "a.md"
    # read as plain text, the ** stay in the text and the word is still found, but the
    # Markdown suppression comment is honoured only by the Markdown reader
    quiet = marked.replace("请及时向我们**反应**",
                           "请及时向我们**反应**<!-- notice-lint-disable-line confusables -->")
    assert cli("--stdin-filename", "a.md", stdin=quiet.encode(), cwd=tmp_path).returncode == 0
    assert cli("--stdin-filename", "a.txt", stdin=quiet.encode(), cwd=tmp_path).returncode == 1


def test_stdin_filename_reads_word_bytes(tmp_path):
    from test_inputs import make_docx
    make_docx(tmp_path / "draft.docx", BAD)
    data = (tmp_path / "draft.docx").read_bytes()
    proc = cli("--stdin-filename", "review/draft.docx", stdin=data, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("review/draft.docx:")
    assert "confusables" in proc.stdout
    refused = cli("--stdin-filename", "review/draft.docx", "--fix", stdin=data, cwd=tmp_path)
    assert refused.returncode == 2 and "Word" in refused.stderr


def test_stdin_filename_fix_writes_stdout_never_the_file(tmp_path):
    (tmp_path / "draft.txt").write_text("the file on disk", encoding="utf-8")
    proc = cli("--stdin-filename", "draft.txt", "--fix", stdin=BAD.encode(), cwd=tmp_path)
    assert proc.stdout == CLEAN
    assert (tmp_path / "draft.txt").read_text(encoding="utf-8") == "the file on disk"


def test_stdin_filename_ignores_named_files_with_a_warning(tmp_path):
    (tmp_path / "other.txt").write_text(BAD, encoding="utf-8")
    proc = cli("other.txt", "--stdin-filename", "a.txt", stdin=CLEAN.encode(), cwd=tmp_path)
    assert proc.returncode == 0
    assert "other.txt" in proc.stderr and "other.txt" not in proc.stdout


def test_stdin_filename_excluded_is_linted_unless_force_exclude(tmp_path):
    # ruff's behaviour: an editor pipes every buffer; `exclude` counts for stdin only with
    # --force-exclude, and then nothing is reported (and --fix echoes the text unchanged)
    (tmp_path / ".notice-lint.yaml").write_text("exclude: ['drafts/old/*']\n", encoding="utf-8")
    data = BAD.encode("utf-8")
    linted = cli("--stdin-filename", "drafts/old/a.txt", stdin=data, cwd=tmp_path)
    assert linted.returncode == 1 and "confusables" in linted.stdout
    skipped = cli("--stdin-filename", "drafts/old/a.txt", "--force-exclude", stdin=data,
                  cwd=tmp_path)
    assert (skipped.returncode, skipped.stdout) == (0, "")
    echoed = cli("--stdin-filename", "drafts/old/a.txt", "--force-exclude", "--fix",
                 stdin=data, cwd=tmp_path)
    assert (echoed.returncode, echoed.stdout) == (0, BAD)
    other = cli("--stdin-filename", "drafts/new/a.txt", "--force-exclude", stdin=data,
                cwd=tmp_path)
    assert other.returncode == 1


def test_stdin_filename_needs_a_name_and_is_no_subcommand(tmp_path):
    for name in ("", "-"):
        proc = cli("--stdin-filename", name, stdin=CLEAN.encode(), cwd=tmp_path)
        assert (proc.returncode, proc.stderr) == (
            2, "notice-lint: 错误: --stdin-filename 应为文件名（如 draft.md）\n")
    # its value is never read as the `show` command
    proc = cli("--stdin-filename", "show", stdin=BAD.encode(), cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("show:")


def test_stdin_filename_bad_input_names_the_file(tmp_path):
    proc = cli("--stdin-filename", "a.txt", stdin=b"\xff\xfe\x00\xd8" * 3 + b"\x00" * 7,
               cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("notice-lint: 错误: a.txt: ")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_show_settings_names_the_configuration_file(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text(
        "fail-on: error\nexclude: ['old/*']\nrules:\n  spacing: {enabled: false}\n"
        "  dates: {severity: error}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    proc = cli("--show-settings", cwd=tmp_path / "sub")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == f"配置文件：{tmp_path / '.notice-lint.yaml'}"
    assert "fail-on：error" in lines and "exclude：old/*" in lines
    spacing = next(line.split() for line in lines if line.strip().startswith("spacing"))
    dates = next(line.split() for line in lines if line.strip().startswith("dates "))
    assert spacing[1:3] == ["停用", "warning"] and dates[1:3] == ["启用", "error"]
    english = cli("--show-settings", "--lang", "en", "--isolated", cwd=tmp_path)
    assert english.stdout.splitlines()[0] == "Configuration file: (none: built-in defaults)"


def test_show_settings_as_json(tmp_path):
    (tmp_path / "c.yaml").write_text("per-file-ignores:\n  'a/*': [spacing]\n", encoding="utf-8")
    proc = cli("--show-settings", "--config", "c.yaml", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["config_file"] == "c.yaml"
    assert data["per_file_ignores"] == {"a/*": ["spacing"]}
    assert data["rules"]["confusables"] == {"enabled": True, "severity": "error",
                                            "plugin": "notice_lint.checks.confusables"}


def test_show_files_lists_what_a_walk_lints(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text("exclude: ['*/old/*']\n", encoding="utf-8")
    for name in ("d/a.txt", "d/b.md", "d/old/c.txt", "d/notes.csv", "d/w.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    proc = cli("--show-files", "d", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == ["d/a.txt", "d/b.md", "d/w.docx"]
    assert cli("--show-files", "--stdin-filename", "x.md", cwd=tmp_path).stdout == "x.md\n"
