"""A whole run: configuration, plugins, files in, results out to a reporter."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from . import config as config_module
from .engine import FileResult, Linter, fails
from .files import ReadError, expand, read_document
from .finding import Message
from .guard import interrupts
from .plugins import collect_rules, make_plugin_manager
from .reporters.base import Problem, Reporter, Summary


class Settings(NamedTuple):
    """What the command line asks for, before the configuration file is read."""

    config: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    max_file_size: int | None = None  # bytes; None: as configured


def load_config(settings: Settings) -> config_module.Config:
    if settings.isolated:
        return config_module.load(None)
    path = settings.config or config_module.discover()
    return config_module.load(path)


def build_linter(settings: Settings, builtins: tuple[str, ...] | None = None) -> Linter:
    """The configured linter; raises ConfigError for a configuration it cannot use."""
    config = load_config(settings)
    if settings.max_file_size is not None:
        config = config._replace(max_file_size=settings.max_file_size)
    manager, problems = make_plugin_manager(builtins)
    rules, more = collect_rules(manager)
    linter = Linter(config, rules, [*problems, *more], select=settings.select,
                    ignore=settings.ignore)
    linter.settings = settings
    return linter


def lint_file(linter: Linter, path: str, **lint_options) -> FileResult:
    """`lint_options`: passed on to Linter.lint (skip, watch)."""
    try:
        document = read_document(path, limit=linter.config.max_file_size)
    except ReadError as exc:
        return FileResult(path, error=exc.message)
    return linter.lint(document, **lint_options)


def auto_jobs(files: int) -> int:
    """Processes pay off from a few dozen drafts on (pre-commit passes many files at once)."""
    cpus = os.cpu_count() or 1
    return 1 if files < 32 or cpus < 2 else min(cpus, 8)


def iter_results(linter: Linter, paths: Iterable[str], jobs: int = 1,
                 empty: list[str] | None = None,
                 skipped: list[tuple[str, Message]] | None = None) -> Iterator[FileResult]:
    """One result per file, in order; `jobs` 0 picks the number of processes itself. A directory
    that cannot be listed comes out as a result with an error."""
    unreadable: list[tuple[str, str]] = []
    files = list(expand(paths, linter.config.exclude, empty, unreadable, skipped))
    for folder, reason in unreadable:
        yield FileResult(folder, error=Message(f"无法列出目录：{reason}",
                                               f"cannot list the directory: {reason}"))
    if jobs == 0:
        jobs = auto_jobs(len(files))
    if jobs > 1 and len(files) > 1:
        from .parallel import parallel_results
        yield from parallel_results(linter, files, jobs)
        return
    with interrupts():  # once for the run, not once per file
        for path in files:
            yield lint_file(linter, path)


def run(linter: Linter, paths: Sequence[str], reporter: Reporter, *, fail_on: str,
        jobs: int = 1, results: Iterable[FileResult] | None = None,
        walked: tuple[list[str], list[tuple[str, Message]]] | None = None) -> Summary:
    """Lint `paths`, feed every result to `reporter`, and return the summary with the exit status.
    Results read beforehand come with `walked`: the folders without a draft and the files the
    walk left out, as iter_results filled them in."""
    summary = Summary()
    for problem in linter.plugin_problems:
        reason = (problem.message.render(reporter.lang) if isinstance(problem.message, Message)
                  else problem.message)
        if not problem.fatal:
            label = "warning: plugin" if reporter.lang == "en" else "警告: 插件"
            print(f"notice-lint: {label} {problem.plugin}: {reason}", file=sys.stderr)
            continue
        message = (f"plugin {problem.plugin} failed to load: {reason}" if reporter.lang == "en"
                   else f"插件 {problem.plugin} 加载失败：{reason}")
        summary.problems.append(Problem(None, message, plugin=problem.plugin))
    reporter.describe_rules(linter.rules)
    reporter.start()
    all_findings = []
    printed: dict[tuple[str, str], list[str]] = {}   # (rule, plugin) → what it printed, per file
    empty, skipped = walked if walked is not None else ([], [])
    for result in (results if results is not None
                   else iter_results(linter, paths, jobs, empty, skipped)):
        summary.files += 1
        if result.error is not None:
            summary.problems.append(Problem(result.path, result.error.render(reporter.lang)))
        for crash in result.crashes:
            reason = (crash.message.render(reporter.lang) if isinstance(crash.message, Message)
                      else crash.message)
            message = (f"rule {crash.rule} (plugin {crash.plugin}) crashed: {reason}"
                       if reporter.lang == "en" else
                       f"规则 {crash.rule}（插件 {crash.plugin}）运行出错：{reason}")
            summary.problems.append(Problem(result.path, message, crash.rule, crash.plugin))
        for note in result.printed:
            printed.setdefault((note.rule, note.plugin), []).append(note.text)
        for finding in result.findings:
            summary.by_severity[str(finding.severity)] += 1
            summary.by_rule[finding.rule] += 1
        all_findings.extend(result.findings)
        reporter.file(result)
        result.document = None  # let the text go: a run over thousands of drafts stays small
    _nothing_linted(summary, paths, empty, skipped, reporter.lang)
    for (rule, plugin), texts in printed.items():
        print(printed_note(rule, plugin, texts, reporter.lang), file=sys.stderr)
    if summary.problems:
        summary.exit_status = 2
    elif fails(all_findings, fail_on):
        summary.exit_status = 1
    reporter.finish(summary)
    return summary


def _nothing_linted(summary: Summary, paths: Sequence[str], empty: list[str],
                    skipped: list[tuple[str, Message]], lang: str) -> None:
    """Files a walk left out and folders without a draft are warnings; when nothing at all was
    linted they are errors: a CI gate must never pass on no draft."""
    label = "warning" if lang == "en" else "警告"
    for path, why in skipped:
        print(f"notice-lint: {label}: {path}: {why.render(lang)}", file=sys.stderr)
    no_draft = Message("目录中没有 .txt、.md 或 .docx 草稿",
                       "no .txt, .md or .docx draft in this directory")
    if summary.files or not paths:
        for folder in empty:
            print(f"notice-lint: {label}: {folder}: {no_draft.render(lang)}", file=sys.stderr)
        return
    nothing = Message("没有检查任何草稿（未找到 .txt、.md 或 .docx 文件）",
                      "no draft was linted (no .txt, .md or .docx file found)")
    for folder in empty or [None]:
        summary.problems.append(Problem(folder, (no_draft if folder else nothing).render(lang)))


def printed_note(rule: str, plugin: str, texts: list[str], lang: str) -> str:
    """One warning for a rule that printed while checking: the report stays clean, the text is
    not lost (its first line is shown), and it does not fail the run."""
    import json
    first = next((line for text in texts for line in text.splitlines() if line.strip()), "")
    shown = json.dumps(first[:80] + ("…" if len(first) > 80 else ""), ensure_ascii=False)
    if lang == "en":
        return (f"notice-lint: warning: rule {rule} (plugin {plugin}) printed while checking "
                f"{len(texts)} file(s); kept out of the report: {shown}")
    return (f"notice-lint: 警告: 规则 {rule}（插件 {plugin}）在检查 {len(texts)} 个文件时输出了文字，"
            f"已截留，未混入报告：{shown}")


def problem_line(problem: Problem, lang: str) -> str:
    where = f"{problem.path}: " if problem.path else ""
    return f"notice-lint: {'error' if lang == 'en' else '错误'}: {where}{problem.message}"


def no_paths_message() -> Message:
    return Message("没有给出要检查的文件（用法：notice-lint 文件或目录…，“-”表示标准输入）",
                   "no paths given (usage: notice-lint PATH..., '-' for stdin)")
