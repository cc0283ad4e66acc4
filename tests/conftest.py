"""Shared helpers: lint a small draft in-process, run the command line, find ../shared."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from notice_lint.config import Config, load
from notice_lint.document import Document
from notice_lint.engine import Linter
from notice_lint.plugins import collect_rules, make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# the tests never touch the user's cache directory (subprocesses inherit this); set on import,
# before any test or helper builds a linter
_CACHE = tempfile.mkdtemp(prefix="notice-lint-test-cache-")
os.environ["NOTICE_LINT_CACHE_DIR"] = _CACHE


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir():
    yield
    shutil.rmtree(_CACHE, ignore_errors=True)


def draft(text: str) -> str:
    """Dedent a triple-quoted draft and drop its first newline."""
    return textwrap.dedent(text).lstrip("\n")


def make_linter(config: Config | None = None, select=None, entry_points: bool = False) -> Linter:
    manager, problems = make_plugin_manager(entry_points_too=entry_points)
    rules, more = collect_rules(manager)
    return Linter(config or load(None), rules, [*problems, *more], select=select)


def lint(text: str, rule: str | None = None, config: Config | None = None, kind: str = "text",
         path: str = "draft.txt"):
    """Findings for `text` (only `rule`'s when given)."""
    document = Document.from_text(text, path, kind=kind)
    linter = make_linter(config, select=[rule] if rule else None)
    result = linter.lint(document)
    assert not result.crashes, result.crashes
    return result.findings


def where(findings) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in findings]


def lines_of(findings, rule: str | None = None) -> list[int]:
    return [f.line for f in findings if rule is None or f.rule == rule]


def cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m linter ARGS` as a user would; text output decoded as UTF-8."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    environment.pop("NOTICE_LINT_LANG", None)
    if env:
        environment.update(env)
    proc = subprocess.run([sys.executable, "-m", "notice_lint", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=environment, timeout=120)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def default_sigint() -> None:
    """For a child that a test interrupts: SIGINT as a terminal delivers it, even when the suite
    itself runs where SIGINT is ignored (a background job of a script, nohup), which children
    would otherwise inherit."""
    import signal
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available (a fresh clone)")
    return SHARED


# A correct notice used across tests: a county bureau, inspected by a county 巡察组.
CLEAN = draft("""
    中共青石县水利局党组关于巡察整改进展情况的通报

    根据县委统一部署，2024年5月6日至6月20日，县委第四巡察组对县水利局党组进行了巡察。2024年7月15日，县委第四巡察组向县水利局党组反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。

    一、组织整改落实情况

    局党组召开专题会议研究部署整改工作，成立整改工作领导小组，建立整改台账，逐项对账销号。

    截至2024年10月31日，巡察反馈的3个问题，已完成整改2个，正在整改1个。

    二、巡察反馈问题整改进展情况

    （一）水利工程建设监管不到位

    整改情况：开展在建工程质量检查，各抢险队伍反应迅速。已完成整改。

    （二）河道采砂管理不规范

    整改情况：建立日常巡查制度，报名截止日期前完成培训。已完成整改。

    （三）防汛物资储备不足

    整改情况：补充储备帐篷120顶，其余物资正在采购。正在整改。

    三、下一步工作安排

    局党组将持续巩固整改成果，对正在整改的问题紧盯不放。

    欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：0739-5551234；通讯地址：青石县河滨路8号（邮编：422100）；电子邮箱：qsslj@163.com。公开期限：2024年11月15日至12月14日。

    中共青石县水利局党组

    2024年11月15日
""")
