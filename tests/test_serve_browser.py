"""The page of `notice-lint serve` in a real browser: headless Chromium driven through WebDriver.

CI installs Debian's chromium and chromium-driver (.ci/run), so these run there; where either is
missing they are skipped."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from test_annotate import comments
from test_inputs import make_docx
from test_serve_app import EXPECTED, NOTICE, server  # noqa: F401 - the fixture

webdriver = pytest.importorskip("selenium.webdriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="chromium and chromedriver are not installed")

# the network is closed: no first-run, sync, component or background traffic is attempted
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="notice-lint-chromium-")
    downloads = Path(tempfile.mkdtemp(prefix="notice-lint-downloads-"))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)


def by_id(driver, name):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.ID, name)


def css(driver, selector):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait(driver, condition, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds).until(condition)


def check_file(driver, path: Path) -> None:
    by_id(driver, "file").send_keys(str(path))
    by_id(driver, "check").click()


def shown(driver) -> bool:
    return by_id(driver, "result").is_displayed() and by_id(driver, "status").text == ""


def downloaded(driver, suffix: str) -> Path:
    def done(_):
        found = [p for p in driver.downloads.iterdir() if p.name.endswith(suffix)]
        return found[0] if found else False
    return wait(driver, done)


def open_page(driver, server, lang: str = "zh") -> None:  # noqa: F811
    driver.get(f"{server.url}/?lang={lang}")
    wait(driver, lambda d: by_id(d, "check").is_enabled())


def test_a_word_draft_highlighted_listed_and_annotated(browser, server, tmp_path):  # noqa: F811
    make_docx(tmp_path / "通报.docx", NOTICE)
    open_page(browser, server)
    check_file(browser, tmp_path / "通报.docx")
    wait(browser, shown)
    assert by_id(browser, "profile").text == "县（市、区、旗）委巡察（常规）"
    assert by_id(browser, "totals").text == "发现问题：4（错误 2，警告 2，提示 0）"
    # the list beside the draft, by severity
    errors = [li.text for li in css(browser, "#list ol.error li")]
    warnings = [li.text for li in css(browser, "#list ol.warning li")]
    assert [t.split(" ", 1)[0] for t in errors] == ["第9段", "第15段"]   # Word counts paragraphs
    assert [t.split(" ", 1)[0] for t in warnings] == ["第19段", "第27段"]
    assert "“截止”应为“截至”" in errors[0] and errors[0].endswith("confusables")
    # the draft itself, as the HTML report shows it, each finding highlighted in place
    browser.switch_to.frame(by_id(browser, "view"))
    marks = [(m.text, m.get_attribute("class")) for m in css(browser, "mark")]
    browser.switch_to.default_content()
    assert marks == [("截止", "error"), ("台帐", "error"), (",", "warning"), (" 12 ", "warning")]
    # the Word copy with the findings as comments, downloaded as a clerk downloads it
    by_id(browser, "download-docx").click()
    copy = downloaded(browser, "通报-批注.docx")
    wait(browser, lambda d: by_id(d, "downloaded").text.startswith("已下载"))
    got = comments(copy)
    assert [anchored for anchored, _ in got] == ["截止", "台帐", ",", " 12 "]
    assert got[1][1] == "[错误 confusables] “台帐”应为“台账”：记录财物、事项的簿册用“账”"
    assert not by_id(browser, "download-fixed").is_displayed()   # a Word draft is not rewritten


def test_pasted_text_is_checked_and_its_fixed_text_downloaded(browser, server):  # noqa: F811
    open_page(browser, server)
    box = by_id(browser, "text")
    box.send_keys(NOTICE)
    by_id(browser, "check").click()
    wait(browser, shown)
    lines = [li.get_attribute("data-line") for li in css(browser, "#list li")]
    assert lines == [str(line) for line, _, _ in EXPECTED]
    assert not by_id(browser, "download-docx").is_displayed()
    fixed_button = by_id(browser, "download-fixed")
    assert fixed_button.text == "下载已自动修复的文本（4 处）"
    fixed_button.click()
    fixed = downloaded(browser, "-已修复.txt").read_text(encoding="utf-8")
    assert "截至2025年9月30日" in fixed and "台帐" not in fixed and "送12名" in fixed


def test_a_hostile_file_is_a_message_and_the_next_upload_works(browser, server,  # noqa: F811
                                                                tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04" + b"\xff" * 4000)
    (tmp_path / "好.txt").write_text(NOTICE, encoding="utf-8")
    open_page(browser, server)
    check_file(browser, tmp_path / "坏.docx")
    wait(browser, lambda d: by_id(d, "message").is_displayed())
    assert by_id(browser, "message").text.startswith("坏.docx：不是有效的 Word 文档")
    assert not by_id(browser, "result").is_displayed()
    check_file(browser, tmp_path / "好.txt")
    wait(browser, shown)
    assert not by_id(browser, "message").is_displayed()
    assert len(css(browser, "#list li")) == len(EXPECTED)


def test_a_file_over_the_limit_is_refused_in_the_page(browser, server, tmp_path):  # noqa: F811
    (tmp_path / "大.txt").write_bytes(NOTICE.encode() * 600)   # past the server's 1 MB
    open_page(browser, server)
    check_file(browser, tmp_path / "大.txt")
    wait(browser, lambda d: by_id(d, "message").is_displayed())
    assert by_id(browser, "message").text == "文件过大（上限 1 MB）"


def test_the_page_in_english(browser, server, tmp_path):  # noqa: F811
    (tmp_path / "draft.txt").write_text(NOTICE, encoding="utf-8")
    open_page(browser, server, "en")
    assert by_id(browser, "check").text == "Check"
    assert by_id(browser, "switch").text == "中文"
    check_file(browser, tmp_path / "draft.txt")
    wait(browser, shown)
    assert by_id(browser, "totals").text == "Findings: 4 (errors 2, warnings 2, info 0)"
    first = css(browser, "#list ol.error li")[0].text
    assert first.startswith("line 9 “截止” should be “截至”")
    browser.switch_to.frame(by_id(browser, "view"))
    heading = css(browser, "h1")[0].text
    browser.switch_to.default_content()
    assert heading == "Rectification notice check report"


def test_a_finding_in_the_list_brings_its_line_into_view(browser, server, tmp_path):  # noqa: F811
    (tmp_path / "draft.txt").write_text(NOTICE, encoding="utf-8")
    open_page(browser, server)
    check_file(browser, tmp_path / "draft.txt")
    wait(browser, shown)
    browser.execute_script("window.scrollTo(0, 0)")
    css(browser, "#list ol.warning li")[1].click()   # line 27, near the end of the draft
    time.sleep(1)
    assert browser.execute_script("return window.scrollY") > 300


def test_a_dropped_file_is_checked(browser, server):  # noqa: F811
    open_page(browser, server)
    browser.execute_script("""
        const data = new DataTransfer();
        data.items.add(new File([arguments[0]], "拖入的通报.txt", {type: "text/plain"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    """, NOTICE)
    assert by_id(browser, "chosen").text == "拖入的通报.txt"
    by_id(browser, "check").click()
    wait(browser, shown)
    assert len(css(browser, "#list li")) == len(EXPECTED)
    browser.switch_to.frame(by_id(browser, "view"))
    names = [h.text for h in css(browser, "h2")]
    browser.switch_to.default_content()
    assert "拖入的通报.txt" in names
