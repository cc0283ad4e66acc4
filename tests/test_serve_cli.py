"""`notice-lint serve` on the command line: the missing extra, start-up, bad options, bad hosts."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys

import pytest
from conftest import cli
from test_serve_app import MAX_UPLOAD_MB, server  # noqa: F401 - the fixture

from notice_lint.cli.serve import is_loopback


def test_without_the_extra_it_says_how_to_install_it():
    code = ("import sys; sys.modules['starlette'] = None\n"
            "from notice_lint.cli import main; sys.exit(main(['serve']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2
    assert stderr.count("\n") == 1
    assert "pip install 'notice-lint[serve]'" in stderr and "Traceback" not in stderr


def test_a_plain_lint_imports_nothing_of_serve(tmp_path):
    (tmp_path / "a.txt").write_text("截止2025年3月1日。\n", encoding="utf-8")
    code = ("import sys; from notice_lint.cli.app import main; main(['a.txt', '-q']);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'python_multipart', 'anyio') "
            "or m.startswith('notice_lint.serve') or m == 'notice_lint.cli.serve'))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          timeout=60)
    assert proc.stdout.decode().strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("args", "needle"), [
    (["--port", "70000"], "1–65535"),
    (["--max-upload", "-1"], "MB"),
    (["--format", "json"], "无法识别的参数"),
])
def test_bad_options_are_one_line_and_exit_2(args, needle):
    proc = cli("serve", *args)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and needle in proc.stderr


def test_another_host_is_warned_about_and_a_host_it_cannot_bind_is_exit_2():
    # 192.0.2.1 (TEST-NET-1) is on no interface of this machine: the bind fails, nothing is sent
    proc = cli("serve", "--host", "192.0.2.1", "--port", "8765")
    assert proc.returncode == 2
    assert "警告: 页面监听 192.0.2.1" in proc.stderr
    assert "无法在 192.0.2.1:8765 上启动页面" in proc.stderr


def test_a_port_in_use_is_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = cli("serve", "--port", str(port))
    assert proc.returncode == 2
    assert f"无法在 127.0.0.1:{port} 上启动页面" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.1", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("192.168.1.20", False), ("office-pc", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_a_chunked_upload_past_the_limit_is_stopped_and_said(server):  # noqa: F811
    """A body that announces no length is counted as it comes and refused past the cap."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    chunk = b"x" * 65536
    chunks = iter([chunk] * (MAX_UPLOAD_MB * 16 + 2))
    connection.request("POST", "/api/lint?name=big.txt", body=chunks,
                       headers={"Content-Type": "text/plain"}, encode_chunked=True)
    response = connection.getresponse()
    report = json.loads(response.read())
    connection.close()
    assert response.status == 413
    assert report["errors"][0]["message"].startswith("上传内容过大（上限 1 MB")


@pytest.mark.slow
def test_the_wheel_carries_the_page(tmp_path):
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                           "-w", str(tmp_path), str(root)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("notice_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"notice_lint/serve/{name}" for name in (
        "labels.yaml", "static/index.html", "static/page.js", "static/page.css", "app.py")} <= names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    assert b"Provides-Extra: serve" in metadata


def test_a_chunked_form_past_the_limit_is_stopped_and_said_on_the_page(server):  # noqa: F811
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    head = (b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    chunks = iter([head, *[b"x" * 65536] * (MAX_UPLOAD_MB * 16 + 2), b"\r\n--b0undary--\r\n"])
    connection.request("POST", "/check?lang=en", body=chunks, encode_chunked=True,
                       headers={"Content-Type": "multipart/form-data; boundary=b0undary"})
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    assert response.status == 413
    assert answer["error"].startswith("upload too large (the limit is 1 MB")


def test_another_loopback_address_is_served_under_its_own_name(tmp_path):
    from test_serve_app import Server, get

    running = Server(tmp_path, "--isolated", host="127.0.0.2")
    try:
        url = f"{running.url}/health"
        assert get(url)[0] == 200
        assert get(url, {"Host": "attacker.example"})[0] == 400
    finally:
        running.stop()


def test_open_starts_the_users_browser_on_the_page(tmp_path, monkeypatch):
    """--open hands the page's address to the browser the user set ($BROWSER, as webbrowser
    reads it), once the server answers."""
    import time

    from test_serve_app import Server

    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])\n")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {browser} %s")
    running = Server(tmp_path, "--isolated", "--open")
    try:
        deadline = time.monotonic() + 20
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == f"http://127.0.0.1:{running.port}/"
    finally:
        running.stop()
