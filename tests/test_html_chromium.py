"""The HTML report in a real browser, headless Chromium: the page renders, the filter script
runs (and filters), and a screenshot is taken. Skipped where Chromium is not installed."""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile

import pytest
from conftest import cli
from html_tree import parse
from test_html_report import BAD, DAMAGED, folder

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
# the network is closed and the machine shared: nothing fetched, nothing kept between runs
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def make_report(tmp_path, kind: str):
    if kind == "folder":
        folder(tmp_path)
        names = ["drafts"]
    else:
        (tmp_path / f"{kind}.txt").write_text(DAMAGED if kind == "damaged" else BAD,
                                              encoding="utf-8")
        names = [f"{kind}.txt"]
    proc = cli(*names, "--format", "html", "--output", "report.html", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    return tmp_path / "report.html"


@pytest.mark.parametrize("kind", ["single", "damaged", "folder"])
def test_the_page_renders_and_its_filters_come_up(tmp_path, kind):
    page = make_report(tmp_path, kind)
    dom = parse(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    assert dom.find("html").attrs.get("data-filters") == "ready"   # the script ran
    assert "hidden" not in dom.find("form", id="filters").attrs
    assert len(list(dom.find_all("div", cls="banner"))) == (0 if kind == "single" else 1)
    sections = list(dom.find_all("section", cls="file"))
    assert len(sections) == (2 if kind == "folder" else 1)
    assert not any("hidden" in s.attrs for s in sections)   # all filters on: all shown
    if kind == "folder":
        assert dom.find("span", id="shown-files").text() == "2"


def test_a_filter_in_the_link_hides_the_other_findings_and_drafts(tmp_path):
    page = make_report(tmp_path, "folder")
    dom = parse(chromium(tmp_path, "--dump-dom",
                         page.as_uri() + "?rule=conversion-artifacts").stdout)
    notes = list(dom.find_all("li", data_rule=True))
    assert {n.attrs["data-rule"] for n in notes if not n.has_class("off")} == {
        "conversion-artifacts"}
    assert all(m.has_class("off") for m in dom.find_all("mark", data_rule="confusables"))
    shown = [s for s in dom.find_all("section", cls="file") if "hidden" not in s.attrs]
    assert [s.find("h2").text() for s in shown] == ["drafts/c.txt"]
    rows = [r for r in dom.find_all("tr", data_file=True) if "hidden" not in r.attrs]
    assert [r.find("a").text() for r in rows] == ["drafts/c.txt"]
    assert dom.find("span", id="shown-files").text() == "1"


def test_a_screenshot_of_a_folder_report(tmp_path):
    page = make_report(tmp_path, "folder")
    shot = tmp_path / "folder.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
