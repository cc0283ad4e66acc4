"""`notice-lint PATH...`: the lint command, its options, and the run it starts."""

from __future__ import annotations

import argparse
import os
import sys

from ..config import FAIL_LEVELS, LANGS, ConfigError, megabytes_to_bytes
from ..input.files import exclusion, expand, is_excluded, kind_of
from ..outputs import refuse_overwriting_inputs, report_output
from ..reporters import FORMATS, reporter_class
from ..reporters.base import problem_line
from ..run import ReportTo, Steps, no_paths_message, run, run_with_steps
from ..session import Settings, build_linter
from ..version import __version__
from .parsing import Parser, UsageError, comma_separated


def _megabytes(value: str) -> int:
    try:
        return megabytes_to_bytes(float(value), "--max-file-size", None)
    except (ValueError, ConfigError):
        raise argparse.ArgumentTypeError(f"应为正数（MB） (must be a positive number of MB): "
                                         f"{value!r}") from None


# the lint command's options as data: the parser is built from them, and the scan for a
# subcommand after global options (`notice-lint --lang en show x.txt`) knows which take a value
_LINT_OPTIONS: tuple[tuple[tuple[str, ...], dict], ...] = (
    (("-h", "--help"), {"action": "help", "help": "show this help message and exit"}),
    (("--format",), {"choices": sorted(FORMATS), "default": None, "help": "输出格式"}),
    (("--output", "-o"), {"metavar": "FILE", "help": "输出写入文件（不能是输入文件）"}),
    (("--config",), {"metavar": "FILE", "help": "配置文件（默认向上查找）"}),
    (("--isolated",), {"action": "store_true", "help": "忽略所有配置文件"}),
    (("--select",), {"type": comma_separated, "metavar": "RULE[,RULE]", "help": "只运行这些规则"}),
    (("--ignore",), {"type": comma_separated, "default": (), "metavar": "RULE[,RULE]",
                     "help": "不运行这些规则"}),
    (("--fail-on",), {"choices": FAIL_LEVELS, "help": "达到该级别即退出码 1（默认 warning）"}),
    (("--lang",), {"choices": LANGS, "help": "消息语言（默认 zh）"}),
    (("--jobs", "-j"), {"type": int, "default": None, "metavar": "N", "help": "并行进程数"}),
    (("--max-file-size",), {"type": _megabytes, "metavar": "MB",
                            "help": "单个草稿的大小上限（MB，默认 1）"}),
    (("--no-cache",), {"action": "store_true",
                       "help": "不读取也不保存结果缓存（缓存目录：环境变量 NOTICE_LINT_CACHE_DIR，"
                               "默认为用户缓存目录；配置 cache: false 亦可关闭；"
                               "notice-lint clean 清除）"}),
    (("--statistics",), {"action": "store_true", "help": "按规则统计问题数"}),
    (("--quiet", "-q"), {"action": "store_true", "help": "不输出汇总行"}),
    (("--fix",), {"action": "store_true", "help": "应用安全修复"}),
    (("--diff",), {"action": "store_true", "help": "显示安全修复的差异，不写文件"}),
    (("--baseline",), {"metavar": "FILE", "help": "忽略基线文件中记录的问题"}),
    (("--write-baseline",), {"metavar": "FILE", "help": "把当前问题写入基线文件"}),
    (("--version",), {"action": "version", "version": f"notice-lint {__version__}"}),
    (("--show-source",), {"action": "store_true", "default": None, "dest": "show_source",
                          "help": "text 格式在每个问题下显示所在行的原文并标出问题文字（终端上默认显示）"}),
    (("--no-show-source",), {"action": "store_false", "default": None, "dest": "show_source",
                             "help": "不显示原文（输出到管道或文件时默认不显示）"}),
    (("--color",), {"choices": ("auto", "always", "never"), "default": "auto",
                    "help": "text 格式的颜色：auto（默认：仅在终端上，设置 NO_COLOR 时不用，"
                            "设置 FORCE_COLOR 时总用）、always、never"}),
    (("--exit-zero",), {"action": "store_true",
                        "help": "有问题也以 0 退出（运行出错仍为 2）"}),
    (("--stdin-filename",), {"metavar": "NAME",
                             "help": "把标准输入当作文件 NAME 检查（per-file-ignores、读取方式、"
                                     "输出中的路径都按 NAME）"}),
    (("--force-exclude",), {"action": "store_true",
                            "help": "--stdin-filename 的 NAME 被 exclude 排除时不检查"}),
    (("--show-settings",), {"action": "store_true",
                            "help": "显示所用的配置文件和生效的设置，不检查"}),
    (("--show-files",), {"action": "store_true", "help": "列出将要检查的文件，不检查"}),
)
TAKES_VALUE = frozenset(flag for flags, spec in _LINT_OPTIONS if "action" not in spec
                         for flag in flags)
ALL_FLAGS = tuple(flag for flags, _ in _LINT_OPTIONS for flag in flags)


def lint_parser() -> argparse.ArgumentParser:
    p = Parser(prog="notice-lint", description="巡察/巡视整改进展情况通报检查工具", add_help=False,
                epilog="子命令：rules | explain RULE | show PATH | annotate DRAFT.docx -o OUT.docx"
                       " | clean（删除缓存）"
                       "（全局选项可写在子命令之前；名为 show 等的文件写作 ./show 或 -- show）")
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件或目录；“-”表示标准输入")
    for flags, spec in _LINT_OPTIONS:
        p.add_argument(*flags, **spec)
    return p


def main(argv: list[str]) -> int:
    args = lint_parser().parse_args(argv)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true"
                          and "github" in FORMATS else "text")
    steps = args.fix or args.diff or args.baseline or args.write_baseline
    # the result cache: not for the steps (fixes and baselines read the documents, and --fix
    # must fix every file), nor the html report (it shows the drafts), nor stdin alone (no file
    # to know again; start-up stays without hashlib)
    cache = not (args.no_cache or steps or fmt == "html"
                 or args.show_settings or args.show_files or args.stdin_filename is not None
                 or all(path == "-" for path in args.paths))
    show_source = _presentation(args, fmt)[0]
    settings = Settings(config=args.config, isolated=args.isolated, select=args.select,
                        ignore=args.ignore, max_file_size=args.max_file_size, cache=cache,
                        excerpts=show_source)
    linter = build_linter(settings)
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    if lang not in LANGS:
        lang = "zh"
    if args.show_settings:
        from .settings_view import show_settings  # start-up: only this option needs it
        return show_settings(linter, fmt, lang)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 应为正整数" if lang == "zh" else "--jobs must be positive")
    if args.stdin_filename is not None:
        return _lint_stdin(args, linter, fmt, lang)
    if not args.paths:
        raise UsageError(no_paths_message().render(lang))
    if args.show_files:
        from .settings_view import show_files
        return show_files(linter, args.paths)
    refuse_overwriting_inputs((args.output, args.write_baseline), lambda: _inputs(args, linter))
    return _exit(args, _lint(args, linter, fmt, lang, args.paths))


def _lint(args, linter, fmt: str, lang: str, paths: list[str],
          stdin_name: str | None = None) -> int:
    fail_on = args.fail_on or linter.config.fail_on
    show_source, color = _presentation(args, fmt)
    if args.fix or args.diff or args.baseline or args.write_baseline:
        return run_with_steps(linter, paths, Steps(args.fix, args.diff, args.baseline,
                                                   args.write_baseline),
                              ReportTo(fmt, args.output, args.statistics, args.quiet,
                                       show_source, color),
                              lang=lang, fail_on=fail_on, stdin_name=stdin_name)
    output = report_output(args.output, fmt)
    reporter = reporter_class(fmt)(output.stream, lang, statistics=args.statistics,
                                   quiet=args.quiet, show_source=show_source,
                                   color=color)
    summary = run(linter, paths, reporter, fail_on=fail_on, jobs=_jobs(args.jobs),
                  stdin_name=stdin_name)
    output.finish()
    for problem in summary.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    return summary.exit_status


def _presentation(args, fmt: str) -> tuple[bool, bool]:
    """Whether the report shows each finding's source, and in colour: the text format only, by
    default only on a terminal (colour: see colour.wanted); a report file (--output) gets
    colour only with --color always."""
    if fmt != "text":
        return False, False
    shown = None if args.output and args.output != "-" else (
        sys.stderr if args.fix and "-" in args.paths else sys.stdout)
    terminal = shown is not None and _isatty(shown)
    show_source = terminal if args.show_source is None else args.show_source
    if args.color == "never" or (args.color == "auto" and (
            shown is None or not (terminal or os.environ.get("FORCE_COLOR")))):
        return show_source, False   # start-up: a pipe or a file needs no colour module
    from ..colour import wanted
    return show_source, wanted(args.color, shown)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _exit(args, status: int) -> int:
    """--exit-zero: findings (and diffs shown) exit 0, as ruff's; a failed run stays 2."""
    return 0 if args.exit_zero and status == 1 else status


def _lint_stdin(args, linter, fmt: str, lang: str) -> int:
    """--stdin-filename NAME: standard input linted as the file NAME would be (its reader by
    its suffix, its per-file-ignores, NAME in the report). As ruff: files named besides are
    ignored with a warning, and an `exclude` matching NAME counts only with --force-exclude
    (an editor pipes every buffer; the configuration decides only when asked to)."""
    name = args.stdin_filename
    if not name.strip() or name == "-":
        raise UsageError("--stdin-filename 应为文件名（如 draft.md）" if lang == "zh" else
                         "--stdin-filename needs a file name (such as draft.md)")
    label = "warning" if lang == "en" else "警告"
    for path in args.paths:
        if path != "-":
            print(f"notice-lint: {label}: {path}: " + (
                "ignored: --stdin-filename reads standard input" if lang == "en" else
                "已忽略：有 --stdin-filename 时只检查标准输入"), file=sys.stderr)
    if args.show_files:
        print(name)
        return 0
    if args.fix and kind_of(name) == "docx":   # nothing could be echoed back: refuse first
        raise UsageError("--fix 不会修改 Word 文档（--stdin-filename 为 .docx）" if lang == "zh"
                         else "--fix never rewrites a Word document (--stdin-filename is a .docx)")
    # the editor's own file is as much an input as a named draft
    refuse_overwriting_inputs((args.output, args.write_baseline),
                              lambda: [name, linter.config.source or "", args.config or "",
                                       args.baseline or ""])
    if args.force_exclude and is_excluded(name, exclusion(linter.config)[0]):
        if args.fix:   # the text goes on unchanged, as an editor's formatter pipe expects
            sys.stdout.buffer.write(sys.stdin.buffer.read())
            sys.stdout.flush()
        return 0
    return _exit(args, _lint(args, linter, fmt, lang, ["-"], stdin_name=name))


def _inputs(args, linter) -> list[str]:
    """Every file the run reads: the drafts (folders walked as the run walks them), the
    configuration and the baseline; and every path named, excluded or not: a draft named is
    never overwritten, whatever `exclude` says."""
    return [*args.paths, *expand(args.paths, exclusion(linter.config)), linter.config.source or "",
            args.config or "", args.baseline or ""]


def _jobs(requested: int | None) -> int:
    return 0 if requested is None else requested  # 0: decided by the number of files
