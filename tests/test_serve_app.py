"""notice-lint serve over HTTP: a real server started as a user starts it, spoken to by urllib."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import cli, draft
from test_annotate import comments
from test_inputs import make_docx

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("python_multipart")

# A county bureau's notice with known defects (the lines are those of the findings below):
# 截止 before a date (line 9), 台帐 (15), a half-width comma (19), spaces round a number (27).
NOTICE = draft("""
    中共青石县卫生健康局党组关于巡察整改进展情况的通报

    根据县委统一部署，2025年4月7日至5月20日，县委第三巡察组对县卫生健康局党组开展了常规巡察。2025年6月18日，县委第三巡察组向县卫生健康局党组反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。

    一、提高政治站位，扎实推进整改

    局党组召开专题会议研究部署整改工作，成立以党组书记为组长的整改工作领导小组，制定整改方案，明确责任领导、责任科室和完成时限。

    截止2025年9月30日，巡察反馈的4个问题，已完成整改3个，正在整改1个。

    二、巡察反馈问题整改落实情况

    （一）基层医疗机构药品管理不规范

    整改情况：一是对全县18家乡镇卫生院药品库房开展检查，建立药品出入库台帐。二是上线药品进销存信息系统，实现库存实时预警。已完成整改。

    （二）医疗服务价格公示不到位

    整改情况：一是督促县级医院在门诊大厅和网站公示收费项目,接受群众监督。二是开展价格专项检查，对3家单位约谈提醒。已完成整改。

    （三）群众就医排队时间长

    整改情况：一是开通预约挂号电话和微信小程序，门诊平均候诊时间缩短至25分钟。二是组织专家每月下乡义诊。已完成整改。

    （四）专业技术人员培训不足

    整改情况：一是制定三年培训计划，分批选送骨干到市级医院进修。二是今年已选送 12 名。正在整改。

    三、下一步工作打算

    局党组将坚持标准不降、力度不减，对正在整改的问题持续跟踪，对已完成整改的问题开展“回头看”，巩固拓展整改成果。

    欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0736-5123468；通讯地址：青石县人民路56号；邮政编码：415600；电子邮箱：qsxwjj@126.com。

    中共青石县卫生健康局党组

    2025年10月10日
    """)
# the server's configuration (found where it starts) switches disclosure-period off
CONFIG = "ignore: [disclosure-period]\n"
EXPECTED = [(9, 1, "confusables"), (15, 35, "confusables"), (19, 28, "punctuation"),
            (27, 38, "spacing")]
MAX_UPLOAD_MB = 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`notice-lint serve` in its own process, started in `cwd`; its temporary files in `tmp`."""

    def __init__(self, cwd: Path, *args: str, host: str = "127.0.0.1") -> None:
        self.cwd = cwd
        self.tmp = cwd / "server-tmp"
        self.tmp.mkdir(exist_ok=True)
        self.port = free_port()
        self.url = f"http://{host}:{self.port}"
        env = {**os.environ, "TMPDIR": str(self.tmp), "PYTHONIOENCODING": "utf-8"}
        env.pop("NOTICE_LINT_LANG", None)
        self.log = open(cwd / "server.log", "w+b")  # closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "notice_lint", "serve", "--host", host, "--port",
             str(self.port), *args],
            cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                if get(self.url + "/health")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start: {self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("serve")
    (cwd / ".notice-lint.yaml").write_text(CONFIG, encoding="utf-8")
    running = Server(cwd, "--max-upload", str(MAX_UPLOAD_MB))
    yield running
    running.stop()


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    return request(url, None, headers or {})


def request(url: str, body: bytes | None, headers: dict) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=body, headers=headers,
                                 method="GET" if body is None else "POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def multipart(fields: dict[str, tuple[str, bytes] | str]) -> tuple[bytes, str]:
    """A multipart/form-data body: a (filename, bytes) value is a file, a str a text field."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\n".encode())
        if isinstance(value, tuple):
            filename, data = value
            out.write(f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      "Content-Type: application/octet-stream\r\n\r\n".encode())
            out.write(data)
        else:
            out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            out.write(value.encode())
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def post(url: str, fields: dict) -> tuple[int, dict, bytes]:
    body, content_type = multipart(fields)
    return request(url, body, {"Content-Type": content_type})


def where(report: dict) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["rule"]) for f in report["findings"]]


def docx_bytes(tmp_path: Path, text: str) -> bytes:
    make_docx(tmp_path / "made.docx", text)
    return (tmp_path / "made.docx").read_bytes()


# -- the JSON API ------------------------------------------------------------------------------

def test_health(server):
    status, _, body = get(server.url + "/health")
    from notice_lint.version import __version__
    assert status == 200
    assert json.loads(body) == {"status": "ok", "version": __version__}


def test_api_answers_the_command_lines_json_with_the_configuration_found_where_it_started(
        server):
    status, headers, body = post(server.url + "/api/lint",
                                 {"file": ("通报.txt", NOTICE.encode("utf-8"))})
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    report = json.loads(body)
    assert where(report) == EXPECTED   # no disclosure-period finding: the config's ignore
    assert {f["path"] for f in report["findings"]} == {"通报.txt"}
    # byte for byte what the command line prints, run from the same directory
    (server.cwd / "通报.txt").write_text(NOTICE, encoding="utf-8")
    try:
        proc = cli("--format", "json", "通报.txt", cwd=server.cwd)
    finally:
        (server.cwd / "通报.txt").unlink()
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == report


def test_api_takes_a_text_plain_body_in_gb18030(server):
    status, _, body = request(server.url + "/api/lint?name=%E7%A8%BF.txt&lang=en",
                              NOTICE.encode("gb18030"), {"Content-Type": "text/plain"})
    report = json.loads(body)
    assert status == 200
    assert where(report) == EXPECTED
    assert report["findings"][0]["path"] == "稿.txt"
    assert report["findings"][0]["message"].startswith("“截止” should be “截至”")


@pytest.mark.parametrize(("name", "data", "status", "needle"), [
    ("通报.docx", b"this is not a zip at all", 400, "不是有效的 Word 文档"),
    ("通报.txt", bytes(range(256)) * 8, 400, ""),
    ("通报.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, 415, "另存为 .docx"),
    ("setup.exe", b"MZ\x90\x00", 415, "不支持的文件类型"),
    ("空.txt", b"", 400, "文件是空的"),
])
def test_api_reports_a_bad_upload_in_the_command_lines_json(server, name, data, status, needle):
    got, _, body = post(server.url + "/api/lint", {"file": (name, data)})
    report = json.loads(body)
    assert got == status
    assert report["findings"] == []
    assert report["summary"]["exit_status"] == 2
    assert len(report["errors"]) == 1 and needle in report["errors"][0]["message"]


# -- what the page asks for ----------------------------------------------------------------------

def test_check_gives_the_html_reports_view_the_profile_and_the_findings(server):
    status, _, body = post(server.url + "/check", {"text": NOTICE})
    checked = json.loads(body)
    assert status == 200
    assert where(checked["report"]) == EXPECTED
    assert checked["profile"] == "县（市、区、旗）委巡察（常规）"
    assert checked["fixable"] == 4 and checked["docx"] is False
    view = checked["view"]
    # the view is the HTML report's page of this draft
    assert view.startswith("<!DOCTYPE html>") and 'name="generator" content="notice-lint' in view
    assert view.count("<mark ") == 4 and '<mark class="error" data-rule="confusables"' in view


def test_findings_and_text_are_escaped(server):
    hostile = NOTICE.replace("（三）群众就医排队时间长", "（三）<script>alert(1)</script>截止2025年9月1日")
    status, _, body = post(server.url + "/check", {"text": hostile})
    view = json.loads(body)["view"]
    assert status == 200
    assert "<script>alert" not in view and "&lt;script&gt;alert(1)" in view
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view


@pytest.mark.parametrize(("name", "data", "needle"), [
    ("a.docx", b"PK\x03\x04 broken", "不是有效的 Word 文档"),
    ("a.txt", bytes(range(128, 256)) * 40, "无法"),
])
def test_a_bad_upload_is_a_message_and_the_server_keeps_serving(server, name, data, needle):
    status, _, body = post(server.url + "/check", {"file": (name, data)})
    assert status == 400
    message = json.loads(body)["error"]
    assert message.startswith(f"{name}：") and (needle in message or "编码" in message)
    status, _, body = post(server.url + "/check", {"file": ("ok.txt", NOTICE.encode())})
    assert status == 200 and where(json.loads(body)["report"]) == EXPECTED


def test_a_zip_bomb_is_refused(server, tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (200 * 1024 * 1024))
    status, _, body = post(server.url + "/check", {"file": ("bomb.docx", bomb.getvalue())})
    assert status == 400
    assert "解压" in json.loads(body)["error"] or "过大" in json.loads(body)["error"]
    assert get(server.url + "/health")[0] == 200


def test_an_upload_over_the_limit_is_refused_unread(server):
    big = NOTICE.encode() * (MAX_UPLOAD_MB * 1024 * 1024 // len(NOTICE.encode()) + 1)
    status, _, body = post(server.url + "/check?lang=en", {"file": ("big.txt", big)})
    assert status == 413
    assert json.loads(body)["error"].startswith("upload too large (the limit is 1 MB")
    assert get(server.url + "/health")[0] == 200


def test_a_clients_path_is_a_label_only(server):
    before = sorted(p.name for p in server.cwd.iterdir())
    status, _, body = post(server.url + "/api/lint",
                           {"file": ("../../x/..\\evil/通报.txt", NOTICE.encode())})
    assert status == 200
    assert {f["path"] for f in json.loads(body)["findings"]} == {"通报.txt"}
    assert sorted(p.name for p in server.cwd.iterdir()) == before


def test_the_commented_word_copy(server, tmp_path):
    data = docx_bytes(tmp_path, NOTICE)
    status, headers, body = post(server.url + "/download/commented", {"file": ("通报.docx", data)})
    assert status == 200
    assert "filename*=UTF-8''%E9%80%9A%E6%8A%A5-%E6%89%B9%E6%B3%A8.docx" in \
        headers["content-disposition"]    # 通报-批注.docx
    (tmp_path / "back.docx").write_bytes(body)
    got = comments(tmp_path / "back.docx")
    assert [anchored for anchored, _ in got] == ["截止", "台帐", ",", " 12 "]
    assert got[0][1].startswith("[错误 confusables] “截止”应为“截至”")
    assert headers["x-notice-lint-count"] == "4"
    # nothing is left in the server's temporary directory once the response is out
    assert list(server.tmp.iterdir()) == []


def test_the_fixed_text_keeps_the_encoding(server):
    status, headers, body = post(server.url + "/download/fixed",
                                 {"file": ("稿.txt", NOTICE.encode("gb18030"))})
    assert status == 200
    fixed = body.decode("gb18030")
    assert "截至2025年9月30日" in fixed and "出入库台账" in fixed
    assert "收费项目，接受" in fixed and "已选送12名" in fixed
    assert fixed.replace("截至2025", "截止2025").replace("台账", "台帐") \
        .replace("项目，接受", "项目,接受").replace("送12名", "送 12 名") == NOTICE
    assert headers["x-notice-lint-count"] == "4"


def test_nothing_to_fix_and_a_word_draft_are_said(server, tmp_path):
    status, _, body = post(server.url + "/download/fixed", {"text": "截至2025年9月30日。"})
    assert status == 409 and json.loads(body)["error"] == "没有可以自动修复的问题"
    status, _, body = post(server.url + "/download/fixed?lang=en",
                           {"file": ("a.docx", docx_bytes(tmp_path, NOTICE))})
    assert status == 400 and "commented copy" in json.loads(body)["error"]


# -- safe by default -----------------------------------------------------------------------------

def test_the_page_is_served_locally_with_a_strict_policy(server):
    status, headers, body = get(server.url + "/")
    page = body.decode()
    assert status == 200 and '<html lang="zh-CN">' in page and "巡察整改通报检查" in page
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "http://" not in page and "https://" not in page   # nothing from outside
    for name in ("page.js", "page.css"):
        status, _, asset = get(f"{server.url}/static/{name}")
        assert status == 200 and b"http://" not in asset and b"https://" not in asset
    assert get(server.url + "/static/..%2F..%2Fpyproject.toml")[0] == 404
    english = get(server.url + "/?lang=en")[2].decode()
    assert '<html lang="en">' in english and "Rectification notice check" in english


def test_another_host_name_is_refused_on_loopback(server):
    """A page elsewhere cannot reach the loopback server through a name it controls."""
    assert get(server.url + "/health", {"Host": "attacker.example"})[0] == 400
    assert get(server.url + "/health", {"Host": f"localhost:{server.port}"})[0] == 200


def test_the_server_listens_on_loopback_by_default(server):
    lines = [line for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
             if line.split()[1].endswith(f":{server.port:04X}") and line.split()[3] == "0A"] \
        if Path("/proc/net/tcp").exists() else pytest.skip("no /proc/net/tcp")
    assert [line.split()[1].split(":")[0] for line in lines] == ["0100007F"]  # 127.0.0.1
