"""A whole run: files in, results through the steps asked for (fix, baseline), out to a reporter."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from .engine import FileResult, Linter, fails
from .finding import Message
from .input.files import EXCLUDED, ReadError, exclusion, expand, read_stdin_as
from .outputs import Output, report_output
from .record import Record
from .reporters import reporter_class
from .reporters.base import Problem, Reporter, Summary, problem_line
from .sandbox import guarded
from .session import cached_digests, kept_result, lint_file, use_result_cache

# Worker processes pay off only past this much text: starting them (multiprocessing imported,
# the processes forked, each compiling the patterns it meets) costs about as much as linting 50
# notices of 8 KB. Measured on 2 idle cores, two processes against one: 1.06x the time on 32
# corpus notices (254 KB), 0.97x on 64 (500 KB), 0.84x on 128 (1 MB), 0.76x on 256. pre-commit
# passes a commit's files in one call (require_serial in the hook). Measured again on idle cores
# by `python benchmarks/run.py --only threshold` (on a loaded machine processes never pay)
PARALLEL_FROM = 500_000  # bytes


def auto_jobs(files: list[str]) -> int:
    """One process for a small run (one draft, a commit's few), one per core (up to 8) for an
    archive."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or len(files) < 2:
        return 1
    total = 0
    for path in files:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue  # reported when it is read
        if total >= PARALLEL_FROM:
            return min(cpus, 8)
    return 1


def iter_results(linter: Linter, paths: Iterable[str], jobs: int = 1,
                 empty: list[str] | None = None,
                 skipped: list[tuple[str, Message]] | None = None,
                 stdin_name: str | None = None) -> Iterator[FileResult]:
    """One result per file, in order; `jobs` 0 picks the number of processes itself. A directory
    that cannot be listed comes out as a result with an error. `stdin_name`: stdin (`-`) is
    linted as the file of that name (--stdin-filename)."""
    if stdin_name is not None:
        yield from (_lint_stdin_as(linter, stdin_name) if path == "-" else lint_file(linter, path)
                    for path in paths)
        return
    unreadable: list[tuple[str, str]] = []
    files = list(expand(paths, exclusion(linter.config), empty, unreadable, skipped))
    for folder, reason in unreadable:
        yield FileResult(folder, error=Message(f"无法列出目录：{reason}",
                                               f"cannot list the directory: {reason}"))
    use_result_cache(linter, len(files))
    # what the result cache holds is not worth a worker process: only the rest is linted
    hits = cached_digests(linter, files) if jobs != 1 else {}
    misses = [path for index, path in enumerate(files) if index not in hits]
    store = linter.result_cache
    if jobs == 0:
        jobs = auto_jobs(misses)
    done = False
    try:
        if jobs > 1 and len(misses) > 1:
            # start-up: multiprocessing costs ~14 ms to import, and one draft never needs it
            from .parallel import parallel_results
            linted = parallel_results(linter, misses, jobs)
            try:
                for index in range(len(files)):
                    if index in hits:
                        yield kept_result(linter, files[index], hits[index])
                        continue
                    result = next(linted)
                    if store is not None:
                        store.put(result)  # the workers lint; the run's own process keeps
                    yield result
            finally:
                linted.close()
        else:
            with guarded(linter.config.rule_timeout):  # once for the run, not once per file
                for index, path in enumerate(files):
                    yield (kept_result(linter, path, hits[index]) if index in hits
                           else lint_file(linter, path))
        done = True
    finally:
        if store is not None and done:  # the packs go in place once, at the end
            store.save()
        elif store is not None:         # an error, Ctrl-C, or a reader that stopped early
            store.abandon()


def _lint_stdin_as(linter: Linter, name: str) -> FileResult:
    try:
        document = read_stdin_as(name, limit=linter.config.max_file_size)
    except ReadError as exc:
        return FileResult(name, error=exc.message)
    with guarded(linter.config.rule_timeout):
        return linter.lint(document)


def run(linter: Linter, paths: Sequence[str], reporter: Reporter, *, fail_on: str,
        jobs: int = 1, results: Iterable[FileResult] | None = None,
        walked: tuple[list[str], list[tuple[str, Message]]] | None = None,
        stdin_name: str | None = None) -> Summary:
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
    failing = False   # a finding at or above --fail-on: known file by file, none kept for it
    printed: dict[tuple[str, str], list[str]] = {}   # (rule, plugin) → what it printed, per file
    empty, skipped = walked if walked is not None else ([], [])
    if reporter.needs_documents:
        jobs = 1
    for result in (results if results is not None
                   else iter_results(linter, paths, jobs, empty, skipped, stdin_name)):
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
        failing = failing or fails(result.findings, fail_on)
        reporter.file(result)
        result.document = None  # let the text go: a run over thousands of drafts stays small
    _nothing_linted(summary, paths, empty, skipped, reporter.lang)
    _cache_note(linter, summary, reporter.lang)
    for (rule, plugin), texts in printed.items():
        print(printed_note(rule, plugin, texts, reporter.lang), file=sys.stderr)
    if summary.problems:
        summary.exit_status = 2
    elif failing:
        summary.exit_status = 1
    reporter.finish(summary)
    return summary


def _nothing_linted(summary: Summary, paths: Sequence[str], empty: list[str],
                    skipped: list[tuple[str, Message]], lang: str) -> None:
    """Files a walk left out and folders without a draft are warnings; when nothing at all was
    linted they are errors: a CI gate must never pass on no draft."""
    label = "warning" if lang == "en" else "警告"
    excluded = False   # a path named and excluded on purpose (pre-commit names every file)
    for path, why in skipped:
        if why is EXCLUDED:
            excluded = True
            summary.excluded += 1
            continue
        print(f"notice-lint: {label}: {path}: {why.render(lang)}", file=sys.stderr)
    no_draft = Message("目录中没有 .txt、.md 或 .docx 草稿",
                       "no .txt, .md or .docx draft in this directory")
    if summary.files or not paths or excluded:
        for folder in empty:
            print(f"notice-lint: {label}: {folder}: {no_draft.render(lang)}", file=sys.stderr)
        return
    nothing = Message("没有检查任何草稿（未找到 .txt、.md 或 .docx 文件）",
                      "no draft was linted (no .txt, .md or .docx file found)")
    for folder in empty or [None]:
        summary.problems.append(Problem(folder, (no_draft if folder else nothing).render(lang)))


def _cache_note(linter: Linter, summary: Summary, lang: str) -> None:
    store = linter.result_cache
    if store is None:
        return
    summary.cached = store.hits
    if store.warning is not None:
        label = "warning" if lang == "en" else "警告"
        print(f"notice-lint: {label}: {store.warning.render(lang)}", file=sys.stderr)


def printed_note(rule: str, plugin: str, texts: list[str], lang: str) -> str:
    """One warning for a rule that printed while checking: the report stays clean, the text is
    not lost (its first line is shown), and it does not fail the run."""
    import json  # start-up: only a rule that printed needs it
    first = next((line for text in texts for line in text.splitlines() if line.strip()), "")
    shown = json.dumps(first[:80] + ("…" if len(first) > 80 else ""), ensure_ascii=False)
    if lang == "en":
        return (f"notice-lint: warning: rule {rule} (plugin {plugin}) printed while checking "
                f"{len(texts)} file(s); kept out of the report: {shown}")
    return (f"notice-lint: 警告: 规则 {rule}（插件 {plugin}）在检查 {len(texts)} 个文件时输出了文字，"
            f"已截留，未混入报告：{shown}")


def no_paths_message() -> Message:
    return Message("没有给出要检查的文件（用法：notice-lint 文件或目录…，“-”表示标准输入）",
                   "no paths given (usage: notice-lint PATH..., '-' for stdin)")


# -- the steps between linting and reporting ------------------------------------------------------

class Steps(Record):
    """What happens to the results between linting and reporting."""

    fix: bool = False                  # rewrite the files with their safe fixes
    diff: bool = False                 # print the safe fixes as diffs instead
    baseline: str | None = None        # drop the findings this baseline file accepts
    write_baseline: str | None = None  # record the findings in this file instead of reporting


class ReportTo(Record):
    """The report: its format, the file it goes to (None: stdout) and what it shows."""

    format: str
    output: str | None = None
    statistics: bool = False
    quiet: bool = False
    show_source: bool = False   # the text format: each finding's words in context
    color: bool = False         # the text format: terminal colours


def run_with_steps(linter: Linter, paths: Sequence[str], steps: Steps, report: ReportTo, *,
                   lang: str, fail_on: str, stdin_name: str | None = None) -> int:
    """Lint, then fix (or diff), then filter by the baseline (or write it), then report.

    --fix rewrites the files and reports what is left; from stdin (`-`) the fixed text (or the
    text as it came, when nothing was fixed) is all that goes to stdout, and the report goes to
    stderr, or to --output. --diff prints the diffs only. --write-baseline writes the baseline
    and no report. Run problems (unreadable files, crashed rules, refused fixes) are one line each
    on stderr and make the exit status 2. Each file goes through every step before the next is
    read, so a run over an archive holds one document at a time."""
    # start-up: the steps load difflib, json and atomic writes (tempfile, secrets); a plain lint
    # never needs them
    from .baseline import (
        BaselineError,
        BaselineFilter,
        baseline_entries,
        load_baseline,
        project_root,
        write_entries,
    )
    from .fixes import FixStep

    if steps.write_baseline and steps.baseline:
        print(problem_line(Problem(None, "--baseline 与 --write-baseline 不能同时使用"
                                   if lang == "zh" else
                                   "--baseline and --write-baseline cannot be used together"),
                           lang), file=sys.stderr)
        return 2
    root = project_root(linter)
    try:
        baseline = load_baseline(steps.baseline, root) if steps.baseline else None
    except BaselineError as exc:  # before anything is fixed
        print(problem_line(Problem(None, exc.message.render(lang)), lang), file=sys.stderr)
        return 2
    empty: list[str] = []
    skipped: list = []
    fixing = FixStep(linter, fix=steps.fix, diff=steps.diff, lang=lang,
                     stdin_name=stdin_name) if steps.fix or steps.diff else None
    accept = BaselineFilter(baseline, root) if baseline is not None else None
    recorded: list[tuple[str, list[dict]]] = []   # the baseline to write, file by file

    def stepped() -> Iterator[FileResult]:
        for result in iter_results(linter, paths, 1, empty, skipped, stdin_name):
            if fixing is not None:
                fixing.file(result)
            if accept is not None:
                accept.file(result)
            if steps.write_baseline:
                recorded.append(baseline_entries(result, root))
            yield result   # reported, then its document let go

    silent = steps.diff or steps.write_baseline
    to_stderr = steps.fix and "-" in paths   # stdout carries the fixed text
    if silent:
        output = Output(io.StringIO(), lambda: None)
    elif to_stderr and not report.output:
        output = Output(sys.stderr, sys.stderr.flush)
    else:
        output = report_output(report.output, report.format)
    reporter = reporter_class(report.format)(output.stream, lang, statistics=report.statistics,
                                             quiet=report.quiet, show_source=report.show_source,
                                             color=report.color)
    summary = run(linter, paths, reporter, fail_on=fail_on, results=stepped(),
                  walked=(empty, skipped))
    status = 0
    if fixing is not None:
        fixing.finish()
        status = fixing.status
    if steps.write_baseline:
        try:
            count = write_entries(steps.write_baseline, recorded)
        except OSError as exc:
            print(problem_line(_cannot_write(steps.write_baseline, exc, lang), lang),
                  file=sys.stderr)
            return 2
        print(f"已写入基线 {steps.write_baseline}（{count} 个问题）" if lang == "zh" else
              f"baseline written to {steps.write_baseline} ({count} findings)", file=sys.stderr)
    for problem in summary.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    output.finish()
    if summary.problems:
        return 2
    if steps.write_baseline or steps.diff:
        return status   # a baseline written is no failing check; a diff shown is 1
    return max(summary.exit_status, status)


def _cannot_write(path: str, exc: OSError, lang: str) -> Problem:
    from .atomic import ReadOnlyFile  # start-up: as in run_with_steps, its only caller

    if isinstance(exc, ReadOnlyFile):
        return Problem(path, exc.message.render(lang))
    reason = exc.strerror or str(exc)
    return Problem(path, f"无法写入：{reason}" if lang == "zh" else f"cannot write: {reason}")
