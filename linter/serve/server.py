"""Running the application: uvicorn on the host and port asked for, until Ctrl-C."""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

import uvicorn

from ..engine import Linter
from .app import LOOPBACK_NAMES, make_app
from .checking import Checker

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD = 10 * MB   # a request's body: a .docx with a few pictures fits


@dataclass(frozen=True, slots=True)
class Options:
    host: str = "127.0.0.1"
    port: int = 8000
    lang: str = "zh"
    fail_on: str = "warning"
    max_upload: int = DEFAULT_MAX_UPLOAD
    open_browser: bool = False
    loopback: bool = True


def serve(linter: Linter, options: Options) -> int:
    app = make_app(Checker(linter, options.fail_on), lang=options.lang,
                   max_upload=options.max_upload,
                   hosts=[*LOOPBACK_NAMES, _host_name(options.host)] if options.loopback else None)
    config = uvicorn.Config(app, host=options.host, port=options.port, log_level="warning",
                            access_log=False, server_header=False)
    server = uvicorn.Server(config)
    shown = f"[{options.host}]" if ":" in options.host else options.host
    url = f"http://{shown}:{options.port}/"
    print(f"notice-lint serve: {url}（按 Ctrl-C 停止 / Ctrl-C stops）", file=sys.stderr, flush=True)
    if options.open_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run()
    except SystemExit:  # uvicorn could not bind (the port in use, a bad address)
        print(f"notice-lint: 错误: 无法在 {shown}:{options.port} 上启动页面 "
              f"(error: cannot serve on {shown}:{options.port})", file=sys.stderr)
        return 2
    return 0


def _host_name(host: str) -> str:
    """The host as a Host header names it (an IPv6 address in brackets)."""
    return f"[{host.strip('[]')}]" if ":" in host else host


def _open_when_started(server: uvicorn.Server, url: str) -> None:
    import time
    import webbrowser

    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.1)
