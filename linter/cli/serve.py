"""`notice-lint serve`: the local page for clerks, started from the command line."""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import sys

from ..config import FAIL_LEVELS, LANGS, ConfigError, megabytes_to_bytes
from ..session import Settings, build_linter
from .parsing import Parser, UsageError, comma_separated

# what the optional extra `serve` brings (the module names they import as)
NEEDED = ("starlette", "uvicorn", "python_multipart")
INSTALL_HINT = ("notice-lint serve 需要可选组件：pip install 'notice-lint[serve]' "
                "(serve needs the optional extra: pip install 'notice-lint[serve]')")


def _megabytes(value: str) -> int:
    try:
        return megabytes_to_bytes(float(value), "--max-upload", None)
    except (ValueError, ConfigError):
        raise argparse.ArgumentTypeError(f"应为正数（MB） (must be a positive number of MB): "
                                         f"{value!r}") from None


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"端口应为 1–65535 (a port is 1-65535): {value!r}")
    return port


def parser() -> Parser:
    p = Parser(prog="notice-lint serve",
               description="在本机启动检查页面：上传或粘贴草稿，查看问题，下载带批注的副本")
    p.add_argument("--host", default="127.0.0.1",
                   help="监听地址（默认 127.0.0.1，仅本机可访问）")
    p.add_argument("--port", type=_port, default=8000, help="端口（默认 8000）")
    p.add_argument("--open", action="store_true", help="启动后在浏览器中打开页面")
    p.add_argument("--max-upload", type=_megabytes, default=None, metavar="MB",
                   help="上传文件的大小上限（MB，默认 10）")
    p.add_argument("--config", metavar="FILE", help="配置文件（默认从启动目录向上查找）")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件")
    p.add_argument("--select", type=comma_separated, metavar="RULE[,RULE]")
    p.add_argument("--ignore", type=comma_separated, default=(), metavar="RULE[,RULE]")
    p.add_argument("--fail-on", choices=FAIL_LEVELS)
    p.add_argument("--lang", choices=LANGS, help="页面默认语言（默认 zh）")
    p.add_argument("--max-file-size", type=_megabytes, metavar="MB",
                   help="单个草稿的文字大小上限（MB，默认 1，与命令行相同）")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(INSTALL_HINT)
    # the configuration is found from where the server starts, exactly as the command line does
    linter = build_linter(Settings(config=args.config, isolated=args.isolated,
                                   select=args.select, ignore=args.ignore,
                                   max_file_size=args.max_file_size))
    # start-up: starlette and uvicorn load only to serve
    from ..serve.server import DEFAULT_MAX_UPLOAD, Options, serve

    lang = args.lang or linter.config.lang
    if not is_loopback(args.host):
        print(f"notice-lint: 警告: 页面监听 {args.host}，本机以外的计算机也能上传草稿 "
              f"(warning: listening on {args.host}, other machines can upload drafts)",
              file=sys.stderr)
    options = Options(host=args.host, port=args.port, lang=lang,
                      fail_on=args.fail_on or linter.config.fail_on,
                      max_upload=args.max_upload or DEFAULT_MAX_UPLOAD,
                      open_browser=args.open, loopback=is_loopback(args.host))
    return serve(linter, options)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
