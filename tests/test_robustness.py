"""Never a traceback, never a hang, never a lost byte: property tests over any input.

The example budget is bounded for CI (NOTICE_LINT_FUZZ_EXAMPLES, default 400 per property, a
few thousand in all); `python benchmarks/fuzz.py` runs tens of thousands."""

from __future__ import annotations

import codecs
import functools
import io
import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

import pytest
from conftest import CLEAN, cli, make_linter
from fuzz_docx import hostile_docx
from fuzz_plugins import CRASHES, REFUSED_FIXES, Chaos, actions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notice_lint.config import load
from notice_lint.document import Document
from notice_lint.engine import Linter
from notice_lint.fixes import (
    FixError,
    apply_safe_fixes,
    fix_until_stable,
    reread,
)
from notice_lint.input.files import ReadError, read_document
from notice_lint.plugins import LoadedRule
from notice_lint.reporters import FORMATS, Summary, reporter_class

EXAMPLES = int(os.environ.get("NOTICE_LINT_FUZZ_EXAMPLES", "400"))
LINTER = make_linter()
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# pieces notices are made of, and the damage they suffer
FRAGMENTS = [
    "中共青石县水利局党组关于巡察整改进展情况的通报", "根据县委统一部署，", "县委第四巡察组", "省委第二巡视组",
    "对县水利局党组进行了巡察。", "反馈了巡察意见。", "一、", "二、", "三、", "（一）", "(二)", "（三）、", "1.",
    "2、", "（1）", "一是", "三是", "截止", "截至", "反应", "反映", "台帐", "巡查", "巡视整改", "联系电话：",
    "0739-5551234", "6813456", "邮编：", "42210", "电子邮箱：", "qs@163.com", "a.b.com", "公开期限：",
    "2024年11月15日至12月14日", "2024年13月5日", "2月30日", "23年7月", "至", "反馈问题", "12个",
    "已完成整改", "十一个", "正在整改", "两个", "整改完成率", "83.33%", "已全部完成整改", "四个自信",
    "道路自信、理论自信、制度自信、历史自信", "四个维护", "契而不舍", "據(jù)", "區(qū)", "鍘嬬缉",
    "\ufffd", "，", "。", ",", ":", ";", "(", ")", "“", "”", "《", "〔2024〕", "[2024]", "号", " ",
    "\u3000", "\t", "\n", "\r\n", "\r", "\n\n", "\u200b", "\ufeff", "中共青石县水利局党组", "水利局党组",
    "青石县水力局党组", "2024年11月15日", "整改状态：完成", "整改状态：正在整改", "# ", "- ",
    "<!-- notice-lint-disable-next-line confusables -->", "```", "**",
]


def check_document(document) -> None:
    """The invariants every result must keep."""
    result = LINTER.lint(document)
    assert not result.crashes, result.crashes
    lines = document.lines
    for f in result.findings:
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_line <= len(lines), f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f
        assert f.text("zh") and f.text("en")
    if document.data is None:
        return
    applied = apply_safe_fixes(document, result.findings)
    if applied is None:
        return
    # nothing outside the fixed spans changes
    raw = document.raw_text
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", raw)]
    kept = []
    last = 0
    for f in sorted(applied.fixed, key=lambda f: (f.line, f.column)):
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        kept.append(raw[last:start])
        last = end
    kept.append(raw[last:])
    position = 0
    for piece in kept:
        found = applied.text.find(piece, position)
        assert found >= 0, piece
        position = found + len(piece)
    # after --fix (which repeats until stable) a second pass finds nothing left to fix safely
    final = fix_until_stable(LINTER, document, result.findings)
    again = reread(document, final.data)
    assert apply_safe_fixes(again, LINTER.lint(again).findings) is None


def lint_bytes(data: bytes, name: str = "fuzz.txt") -> None:
    try:
        document = read_document(name, data=data)
    except ReadError:
        return
    check_document(document)


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes(data):
    lint_bytes(data)


@FUZZ
@given(st.text(max_size=2000))
def test_any_text(text):
    lint_bytes(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=120), st.sampled_from(
    ["utf-8", "utf-8-sig", "gb18030", "utf-16"]), st.sampled_from(["txt", "md"]))
def test_notice_like_text_in_any_encoding(pieces, encoding, suffix):
    text = "".join(pieces)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    lint_bytes(data, f"fuzz.{suffix}")


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60), st.data())
def test_damaged_copies_of_a_real_notice(pieces, data):
    """A correct notice with fragments spliced in at random places."""
    text = CLEAN
    for piece in pieces:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + piece + text[at:]
    lint_bytes(text.encode("utf-8"))


@FUZZ
@given(hostile_docx(CLEAN))
def test_hostile_word_files(data):
    """Truncated, bit-flipped, malformed, entity-bomb and zip-bomb Word files."""
    lint_bytes(data, "fuzz.docx")


CHAOS_CONFIG = load(None)._replace(rule_timeout=0.2)


@FUZZ
@given(actions(), st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
def test_misbehaving_rules(steps, pieces):
    """A plugin rule that yields bad findings and fixes, prints, raises, exits, interrupts or
    hangs: the run contains it, names it, keeps the other rules' findings, and every output
    format and --fix still come out right."""
    text = CLEAN + "".join(pieces)
    document = Document.from_text(text, "chaos.txt")
    document.data = text.encode("utf-8")
    rules = [*LINTER.rules, LoadedRule(Chaos(steps), "chaos-plugin")]
    linter = Linter(CHAOS_CONFIG, rules, select=["confusables", "chaos"])
    result = linter.lint(document)
    crashed = [c.rule for c in result.crashes]
    assert set(crashed) <= {"chaos"}, result.crashes
    if any(action in CRASHES for action, _, _ in steps):
        assert crashed == ["chaos"]
    alone = Linter(CHAOS_CONFIG, LINTER.rules, select=["confusables"]).lint(document)
    assert [f for f in result.findings if f.rule == "confusables"] == alone.findings
    for fmt in FORMATS:
        reporter = reporter_class(fmt)(io.StringIO(), "zh")
        reporter.describe_rules(linter.rules)
        reporter.start()
        reporter.file(result)
        reporter.finish(Summary())
    try:
        applied = apply_safe_fixes(document, result.findings)
    except FixError as exc:
        assert exc.rule == "chaos"
        assert any(action in REFUSED_FIXES for action, _, _ in steps)
        return
    if applied is not None:
        assert all(f.rule in ("confusables", "chaos") for f in applied.fixed)


@functools.cache
def chaos_site() -> str:
    """A site folder with the chaos rule installed as a plugin (once per session)."""
    from fuzz_plugins import PLUGIN_SOURCE
    from test_plugins import install
    site = Path(tempfile.mkdtemp(prefix="notice-lint-chaos-"))
    install(site, "nl_chaos", PLUGIN_SOURCE)
    return os.pathsep.join([str(site), str(Path(__file__).parent)])


CHAOS_FILES = ("a.txt", "b.txt", "c.txt", "d.txt")
WRONG = CLEAN.replace("请及时向我们反映", "请及时向我们反应")


@settings(FUZZ, max_examples=max(10, EXAMPLES // 40))
@given(st.fixed_dictionaries({name: actions() for name in CHAOS_FILES}),
       st.sampled_from(["a.txt", "c.txt", None]), st.sampled_from(["die", "kill"]),
       st.sampled_from(["json", "sarif"]))
def test_misbehaving_plugins_through_the_command_line(plans, victim, death, fmt):
    """The same rule installed as a plugin, under --jobs 2, with a worker that may die on one
    file: machine output stays valid, every file's other findings come out, no gate passes."""
    plan = {name: [list(step) for step in steps] for name, steps in plans.items()}
    if victim:
        plan[victim].insert(0, [death, 0, 0])
    with tempfile.TemporaryDirectory() as folder:
        for name in CHAOS_FILES:
            Path(folder, name).write_text(WRONG, encoding="utf-8")
        Path(folder, ".notice-lint.yaml").write_text("rule-timeout: 0.3\n", encoding="utf-8")
        proc = cli(".", "--jobs", "2", "--format", fmt, cwd=Path(folder),
                   env={"PYTHONPATH": chaos_site(), "NOTICE_LINT_CHAOS": json.dumps(plan)})
    assert "Traceback" not in proc.stderr
    assert all(line.startswith("notice-lint: ") for line in proc.stderr.splitlines()), proc.stderr
    report = json.loads(proc.stdout)
    crashing = victim or any(a in CRASHES for steps in plans.values() for a, _, _ in steps)
    assert proc.returncode == (2 if crashing else 1), proc.stderr
    if fmt == "json":
        paths = {f["path"].rsplit("/", 1)[-1] for f in report["findings"]
                 if f["rule"] == "confusables"}
        assert paths == set(CHAOS_FILES)


@pytest.mark.parametrize("data", [
    # fixed, the GB18030 text below sits on the edge of plausibility: --fix must not re-guess
    b"\xb5\xe7\xd7\xd3\xd3\xca\xcf\xe4\xa3\xba\xd5\xfb\xb8\xc4\xcd\xea\xb3\xc9\xc2\xca\xd5\xfb"
    b"\xb8\xc4\xcd\xea\xb3\xc9\xc2\xca\x841\xa47\x841\xa47\xa3\xac\xa3\xac\xa3\xac",
    "中文".encode()[:-1],                              # a truncated multibyte sequence
    "中文".encode() + b"\xe4\xb8",
    "甲\x00乙".encode(),                               # NUL bytes
    "甲\ud800乙".encode("utf-8", "surrogatepass"),     # a lone surrogate
    ("甲\u200b乙\ufeff丙\u2028丁" * 50).encode(),      # zero-width, BOM and separators mid-text
    codecs.BOM_UTF16_LE + "甲\ud800".encode("utf-16-le", "surrogatepass"),
    b"",
    b"\xef\xbb\xbf",
    b"\r\r\r\n\n\r",
])
def test_edge_cases(data):
    lint_bytes(data)


def test_a_two_megabyte_single_line_in_linear_time():
    line = CLEAN.replace("\n", "")
    text = line * (2_000_000 // len(line.encode()) + 1)
    started = time.perf_counter()
    lint_bytes(text.encode())
    # a generous bound: this is a hang detector, the speed is measured in benchmarks/
    assert time.perf_counter() - started < 60


def hostile_files(folder, count: int = 300) -> list:
    """`count` files a stranger might hand us, written into `folder`."""
    rng = random.Random(20261123)
    makers = [
        lambda: rng.randbytes(rng.randint(0, 4000)),
        lambda: CLEAN.encode("utf-8")[:rng.randint(1, len(CLEAN.encode()))],
        lambda: CLEAN.encode("gb18030")[:rng.randint(1, 500)] + rng.randbytes(20),
        lambda: CLEAN.replace("，", "\x00", rng.randint(1, 3)).encode(),
        lambda: "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 300))).encode(),
        lambda: codecs.BOM_UTF16_BE + CLEAN.encode("utf-16-be")[:rng.randint(0, 800)],
        lambda: bytes(rng.choice(b" \t\r\n\xe3\x80\x80") for _ in range(rng.randint(0, 50))),
        lambda: (CLEAN[:rng.randint(0, len(CLEAN))] + "\ufffd" * 30).encode(),
        lambda: CLEAN.encode("utf-16-le"),                       # UTF-16 without a BOM
        lambda: rng.choice(FRAGMENTS).encode() * rng.randint(1, 5000),
    ]
    paths = []
    for i in range(count):
        path = folder / f"hostile-{i:03}.{['txt', 'md', 'docx'][i % 3]}"
        path.write_bytes(makers[i % len(makers)]())
        paths.append(path)
    return paths


def test_three_hundred_hostile_files_through_the_command_line(tmp_path):
    paths = hostile_files(tmp_path)
    (tmp_path / "looks-like-a-draft.txt").mkdir()           # a directory named like a draft
    (tmp_path / "loop").symlink_to(tmp_path)                 # a symlink loop in the walk
    started = time.perf_counter()
    proc = cli(".", "--format", "json", "--jobs", "1", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert proc.returncode in (0, 1, 2)
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    assert elapsed < 2 * len(paths)  # each within seconds (a hang detector)
    for line in proc.stderr.splitlines():
        assert line.startswith("notice-lint: 错误: ./hostile-"), line
    one = cli("looks-like-a-draft.txt", cwd=tmp_path)  # nothing to lint: a gate must not pass
    assert one.returncode == 2
    assert one.stderr.strip() == "notice-lint: 错误: looks-like-a-draft.txt: 目录中没有 .txt、.md 或 .docx 草稿"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_one_line(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(CLEAN, encoding="utf-8")
    path.chmod(0)
    proc = cli("secret.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.strip() == "notice-lint: 错误: secret.txt: 没有读取权限"


def test_fix_refuses_a_file_changed_since_it_was_read(tmp_path):
    from notice_lint.fixes import FixError, write_fixed
    path = tmp_path / "d.txt"
    path.write_text(CLEAN.replace("请及时向我们反映", "请及时向我们反应"), encoding="utf-8")
    document = read_document(str(path))
    applied = apply_safe_fixes(document, LINTER.lint(document).findings)
    path.write_text(CLEAN + "他人刚刚加的一行\n", encoding="utf-8")
    with pytest.raises(FixError, match="changed since it was read"):
        write_fixed(document, applied)
    assert path.read_text(encoding="utf-8").endswith("他人刚刚加的一行\n")


def test_catastrophic_user_pattern_is_refused_naming_the_entry(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text(
        "rules:\n  confusables:\n    add:\n      - wrong: 甲\n        right: 乙\n"
        "        flag_when: '(甲+)+$'\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(CLEAN + "甲" * 100_000 + "丙\n", encoding="utf-8")
    started = time.perf_counter()
    proc = cli("d.txt", cwd=tmp_path)
    assert time.perf_counter() - started < 30
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert ".notice-lint.yaml:4" in line and "甲" in line and "灾难性回溯" in line


def test_a_pattern_that_times_out_at_run_time_is_reported(tmp_path):
    slow = "甲+乙*(?:[甲乙]){2,}乙*甲{0,3}[甲乙]甲{0,3}(?:甲|乙)(?:甲{0,3}甲+甲+)?丙"
    (tmp_path / ".notice-lint.yaml").write_text(
        f"rules:\n  confusables:\n    add:\n      - pattern: '(?P<wrong>{slow})'\n"
        "        right: 乙\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(CLEAN + "甲" * 5000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    proc = cli("d.txt", cwd=tmp_path)
    assert time.perf_counter() - started < 60
    assert proc.returncode == 2 and "超时" in proc.stderr and ".notice-lint.yaml:4" in proc.stderr


def test_malformed_yaml_names_file_and_line(tmp_path):
    (tmp_path / ".notice-lint.yaml").write_text("rules:\n  confusables: {severity: error\n",
                                                encoding="utf-8")
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = cli("d.txt", cwd=tmp_path)
    (line,) = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and ".notice-lint.yaml:" in line and "YAML" in line
