"""The command line: argparse and dispatch only; the work is in linter.run and friends."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .config import FAIL_LEVELS, LANGS, ConfigError, megabytes_to_bytes
from .outputs import OutputError, escaped_terminal, refuse_overwriting_inputs, report_output
from .reporters import FORMATS
from .version import __version__

COMMANDS = ("rules", "explain", "show", "annotate")


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """A fixed width: argparse would import shutil (and bz2, lzma) to measure the terminal."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or 100)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, exit 2, never the usage dump
        raise UsageError(message)


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


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
    (("--select",), {"type": _csv, "metavar": "RULE[,RULE]", "help": "只运行这些规则"}),
    (("--ignore",), {"type": _csv, "default": (), "metavar": "RULE[,RULE]",
                     "help": "不运行这些规则"}),
    (("--fail-on",), {"choices": FAIL_LEVELS, "help": "达到该级别即退出码 1（默认 warning）"}),
    (("--lang",), {"choices": LANGS, "help": "消息语言（默认 zh）"}),
    (("--jobs", "-j"), {"type": int, "default": None, "metavar": "N", "help": "并行进程数"}),
    (("--max-file-size",), {"type": _megabytes, "metavar": "MB",
                            "help": "单个草稿的大小上限（MB，默认 1）"}),
    (("--statistics",), {"action": "store_true", "help": "按规则统计问题数"}),
    (("--quiet", "-q"), {"action": "store_true", "help": "不输出汇总行"}),
    (("--fix",), {"action": "store_true", "help": "应用安全修复"}),
    (("--diff",), {"action": "store_true", "help": "显示安全修复的差异，不写文件"}),
    (("--baseline",), {"metavar": "FILE", "help": "忽略基线文件中记录的问题"}),
    (("--write-baseline",), {"metavar": "FILE", "help": "把当前问题写入基线文件"}),
    (("--version",), {"action": "version", "version": f"notice-lint {__version__}"}),
)
_TAKES_VALUE = frozenset(flag for flags, spec in _LINT_OPTIONS if "action" not in spec
                         for flag in flags)
_ALL_FLAGS = tuple(flag for flags, _ in _LINT_OPTIONS for flag in flags)


def lint_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="notice-lint", description="巡察/巡视整改进展情况通报检查工具", add_help=False,
                epilog="子命令：rules | explain RULE | show PATH | annotate DRAFT.docx -o OUT.docx"
                       "（全局选项可写在子命令之前；名为 show 等的文件写作 ./show 或 -- show）")
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件或目录；“-”表示标准输入")
    for flags, spec in _LINT_OPTIONS:
        p.add_argument(*flags, **spec)
    return p


def split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand (None for linting) and its arguments. The subcommand is the first argument
    that is no option nor an option's value, so global options may come before it; after `--`
    every argument is a path (`notice-lint -- show` lints a file named show)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return None, argv
        if arg.startswith("-") and arg != "-":
            i += 2 if _value_follows(arg) else 1
            continue
        if arg in COMMANDS:
            return arg, argv[:i] + argv[i + 1:]
        return None, argv
    return None, argv


def _value_follows(arg: str) -> bool:
    """Whether the option `arg` takes the next argument as its value (as argparse reads it:
    `--lang=en` and `-j2` carry their own, a long option may be abbreviated, short flags may be
    clustered as in `-qo FILE`)."""
    if arg.startswith("--"):
        if "=" in arg:
            return False
        if arg in _ALL_FLAGS:
            return arg in _TAKES_VALUE
        matches = [f for f in _ALL_FLAGS if f.startswith("--") and f.startswith(arg)]
        return len(matches) == 1 and matches[0] in _TAKES_VALUE
    for k, char in enumerate(arg[1:], 1):
        if f"-{char}" in _TAKES_VALUE:
            return k == len(arg) - 1   # a value attached (-oFILE) or the next argument
        if f"-{char}" not in _ALL_FLAGS:
            return False
    return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    lang = _lang_hint(argv)
    with escaped_terminal():   # a draft or a file name never drives the reviewer's terminal
        return _dispatch(argv, lang)


def _dispatch(argv: list[str], lang: str) -> int:
    try:
        command, rest = split_command(argv)
        if command is not None:
            from . import commands
            return getattr(commands, command)(rest)
        return _lint(argv)
    except UsageError as exc:
        _error(str(exc), lang)
        return 2
    except ConfigError as exc:
        _error(str(exc), lang)
        return 2
    except OutputError as exc:
        _error(exc.message.render(lang), lang)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): quietly stop, as other command-line tools do
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 1
    except Exception as exc:
        if os.environ.get("NOTICE_LINT_DEBUG"):
            raise
        _error(f"内部错误 (internal error) {type(exc).__name__}: {exc}; "
               f"设置 NOTICE_LINT_DEBUG=1 可查看详情 (set NOTICE_LINT_DEBUG=1 for details)", lang)
        return 2


def _lint(argv: list[str]) -> int:
    from .run import Settings, build_linter, no_paths_message, problem_line, run

    args = lint_parser().parse_args(argv)
    settings = Settings(config=args.config, isolated=args.isolated, select=args.select,
                        ignore=args.ignore, max_file_size=args.max_file_size)
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
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true"
                          and "github" in FORMATS else "text")
    if args.fix or args.diff or args.baseline or args.write_baseline:
        from .fixing import lint_with_extras
        return lint_with_extras(linter, args, lang, fmt, fail_on)
    from .reporters import reporter_class

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
    configuration and the baseline."""
    from .files import expand
    return [*expand(args.paths, linter.config.exclude), linter.config.source or "",
            args.config or "", args.baseline or ""]


def _jobs(requested: int | None) -> int:
    return 0 if requested is None else requested  # 0: decided by the number of files


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if (stream.encoding or "").lower().replace("-", "") not in ("utf8", "gb18030"):
                stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _lang_hint(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("NOTICE_LINT_LANG", "zh")


def _error(message: str, lang: str) -> None:
    label = "error" if lang == "en" else "错误"
    print(f"notice-lint: {label}: {message}", file=sys.stderr)
