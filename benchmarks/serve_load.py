"""`notice-lint serve` under load: N concurrent uploads of a ~30 KB draft against loopback.

    python benchmarks/serve_load.py [--uploads 20] [--kb 30] [--endpoint check|api]

Starts `notice-lint serve --isolated` on a free loopback port, checks one upload alone, then sends
the N uploads at once (one thread each) and reports every answer's correctness (the same as the
single one, which is the command line's JSON for /api/lint) and the response times: median, 90th
percentile, longest, and the wall time of the whole burst. Bounded: N requests, each with a
timeout, one burst; the server is stopped at the end, whatever happened. Only 127.0.0.1 is ever
addressed. The last line is the figures as JSON."""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generate import notice

REQUEST_TIMEOUT = 120  # seconds one answer may take before it counts as failed
ENDPOINTS = {"check": "/check", "api": "/api/lint"}


def load_draft(kb: int = 30, seed: int = 18) -> bytes:
    """A generated notice of about `kb` KB (UTF-8) with one to three defects."""
    problems = 10
    while True:
        data = notice(random.Random(seed), problems=problems, defect_rate=1.0).encode("utf-8")
        if len(data) >= kb * 1024 or problems > 1000:
            return data
        problems += 5


def upload(url: str, name: str, data: bytes) -> tuple[int, float, bytes]:
    """POST one file as a form upload, as the page sends it: (status, seconds, body)."""
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            answer = response.status, response.read()
    except urllib.error.HTTPError as exc:
        answer = exc.code, exc.read()
    except OSError as exc:
        answer = 0, str(exc).encode()
    return answer[0], time.perf_counter() - start, answer[1]


def burst(url: str, name: str, data: bytes, count: int) -> list[tuple[int, float, bytes]]:
    """`count` uploads sent at once, one thread each; answers in the order they were sent."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: upload(url, name, data), range(count)))


def comparable(endpoint: str, body: bytes) -> object:
    """What must be the same in every answer (the page's answer carries a generated report)."""
    answer = json.loads(body)
    return answer["report"] if endpoint == "check" else answer


def findings_of(endpoint: str, body: bytes) -> list:
    answer = json.loads(body)
    return (answer["report"] if endpoint == "check" else answer)["findings"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(cwd: str, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "notice_lint", "serve", "--port",
                                str(port), *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "/health", timeout=5):
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def measure(uploads: int, kb: int, endpoint: str) -> dict:
    data = load_draft(kb)
    with tempfile.TemporaryDirectory(prefix="notice-lint-serve-load-") as cwd:
        process, url = start_server(cwd, "--isolated")
        try:
            target = url + ENDPOINTS[endpoint]
            status, alone, expected = upload(target, "load.txt", data)
            if status != 200:
                raise RuntimeError(f"a single upload failed: {status} {expected[:200]!r}")
            start = time.perf_counter()
            answers = burst(target, "load.txt", data, uploads)
            wall = time.perf_counter() - start
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    want = comparable(endpoint, expected)
    correct = sum(1 for status, _, body in answers
                  if status == 200 and comparable(endpoint, body) == want)
    times = sorted(seconds for _, seconds, _ in answers)
    return {"endpoint": ENDPOINTS[endpoint], "uploads": uploads, "draft_bytes": len(data),
            "findings": len(findings_of(endpoint, expected)),
            "correct": correct, "single_s": round(alone, 3),
            "median_s": round(statistics.median(times), 3),
            "p90_s": round(times[int(0.9 * (len(times) - 1))], 3),
            "max_s": round(times[-1], 3), "wall_s": round(wall, 3),
            "load_average": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--kb", type=int, default=30)
    parser.add_argument("--endpoint", choices=sorted(ENDPOINTS), default="check")
    args = parser.parse_args()
    if not 1 <= args.uploads <= 200:
        parser.error("--uploads: 1 to 200")
    figures = measure(args.uploads, args.kb, args.endpoint)
    print(f"{figures['correct']}/{figures['uploads']} answered correctly; "
          f"median {figures['median_s']} s, p90 {figures['p90_s']} s, longest "
          f"{figures['max_s']} s, burst {figures['wall_s']} s ({figures['draft_bytes']} bytes, "
          f"{figures['findings']} findings, {figures['endpoint']})")
    print(json.dumps(figures))
    sys.exit(0 if figures["correct"] == figures["uploads"] else 1)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
