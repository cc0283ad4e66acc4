"""The command line's entry: which command, then its module; errors become one line and exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from ..config import ConfigError
from ..outputs import OutputError, escaped_terminal
from . import explain, lint, rules, show
from .lint import ALL_FLAGS, TAKES_VALUE
from .parsing import UsageError, language_hint


def _annotate(argv: list[str]) -> int:
    from . import annotate  # start-up: only `annotate` needs it (and python-docx after it)
    return annotate.main(argv)


def _serve(argv: list[str]) -> int:
    from . import serve  # start-up: only `serve` needs it (and its web framework after it)
    return serve.main(argv)


def _clean(argv: list[str]) -> int:
    from . import clean  # start-up: only `clean` needs it
    return clean.main(argv)


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "rules": rules.main, "explain": explain.main, "show": show.main, "annotate": _annotate,
    "clean": _clean, "serve": _serve}


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
        if arg in ALL_FLAGS:
            return arg in TAKES_VALUE
        matches = [f for f in ALL_FLAGS if f.startswith("--") and f.startswith(arg)]
        return len(matches) == 1 and matches[0] in TAKES_VALUE
    for k, char in enumerate(arg[1:], 1):
        if f"-{char}" in TAKES_VALUE:
            return k == len(arg) - 1   # a value attached (-oFILE) or the next argument
        if f"-{char}" not in ALL_FLAGS:
            return False
    return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    lang = language_hint(argv)
    with escaped_terminal():   # a draft or a file name never drives the reviewer's terminal
        return _dispatch(argv, lang)


def _dispatch(argv: list[str], lang: str) -> int:
    try:
        command, rest = split_command(argv)
        if command is not None:
            return COMMANDS[command](rest)
        return lint.main(argv)
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


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if (stream.encoding or "").lower().replace("-", "") not in ("utf8", "gb18030"):
                stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _error(message: str, lang: str) -> None:
    label = "error" if lang == "en" else "错误"
    print(f"notice-lint: {label}: {message}", file=sys.stderr)
