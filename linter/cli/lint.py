"""`notice-lint PATH...`: the lint command, its options, and the run it starts."""

from __future__ import annotations

import argparse
import os
import sys

from ..config import FAIL_LEVELS, LANGS, ConfigError, megabytes_to_bytes
from ..input.files import exclusion, expand
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
                 or all(path == "-" for path in args.paths))
    settings = Settings(config=args.config, isolated=args.isolated, select=args.select,
                        ignore=args.ignore, max_file_size=args.max_file_size, cache=cache)
    linter = build_linter(settings)
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    if lang not in LANGS:
        lang = "zh"
    if not args.paths:
        raise UsageError(no_paths_message().render(lang))
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 应为正整数" if lang == "zh" else "--jobs must be positive")
    refuse_overwriting_inputs((args.output, args.write_baseline), lambda: _inputs(args, linter))
    fail_on = args.fail_on or linter.config.fail_on
    if steps:
        return run_with_steps(linter, args.paths, Steps(args.fix, args.diff, args.baseline,
                                                        args.write_baseline),
                              ReportTo(fmt, args.output, args.statistics, args.quiet),
                              lang=lang, fail_on=fail_on)
    output = report_output(args.output, fmt)
    reporter = reporter_class(fmt)(output.stream, lang, statistics=args.statistics,
                                   quiet=args.quiet)
    summary = run(linter, args.paths, reporter, fail_on=fail_on, jobs=_jobs(args.jobs))
    output.finish()
    for problem in summary.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    return summary.exit_status


def _inputs(args, linter) -> list[str]:
    """Every file the run reads: the drafts (folders walked as the run walks them), the
    configuration and the baseline; and every path named, excluded or not: a draft named is
    never overwritten, whatever `exclude` says."""
    return [*args.paths, *expand(args.paths, exclusion(linter.config)), linter.config.source or "",
            args.config or "", args.baseline or ""]


def _jobs(requested: int | None) -> int:
    return 0 if requested is None else requested  # 0: decided by the number of files
