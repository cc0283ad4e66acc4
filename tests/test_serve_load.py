"""20 concurrent uploads of a 30 KB draft are all answered, and answered correctly (the times are
measured by benchmarks/serve_load.py, never here)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import cli
from test_serve_app import server  # noqa: F401 - the fixture

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
serve_load = pytest.importorskip("serve_load")


def test_twenty_concurrent_uploads_get_the_command_lines_answer(server):  # noqa: F811
    data = serve_load.load_draft(30)
    assert 30 * 1024 <= len(data) < 40 * 1024
    (server.cwd / "load.txt").write_bytes(data)
    try:
        expected = json.loads(cli("--format", "json", "load.txt", cwd=server.cwd).stdout)
    finally:
        (server.cwd / "load.txt").unlink()
    assert expected["findings"]   # the generated draft carries defects
    answers = serve_load.burst(server.url + "/api/lint", "load.txt", data, 20)
    assert [status for status, _, _ in answers] == [200] * 20
    assert all(json.loads(body) == expected for _, _, body in answers)
    pages = serve_load.burst(server.url + "/check", "load.txt", data, 20)
    assert [status for status, _, _ in pages] == [200] * 20
    assert all(json.loads(body)["report"] == expected for _, _, body in pages)
    assert len({json.loads(body)["view"] for _, _, body in pages}) == 1
