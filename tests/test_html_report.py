"""The HTML report as a reader sees it: whole-document findings in one banner, word-level ones
highlighted; for a folder an index, excerpts, clean drafts listed by name, filters; escaping."""

from __future__ import annotations

import json

import opencc
import pytest
from conftest import CLEAN, cli, make_linter
from html_tree import parse, render_report

from notice_lint.document import Document
from notice_lint.finding import Finding

BAD = CLEAN.replace("请及时向我们反映", "请及时向我们反应").replace("建立整改台账", "建立整改台帐")
# a converter wrote the whole notice in traditional characters, and the word errors stay
DAMAGED = opencc.OpenCC("s2t").convert(BAD)
NO_PERIOD = BAD.replace("公开期限：2024年11月15日至12月14日。", "")


def report(tmp_path, *names: str, lang: str = "zh") -> tuple[str, object]:
    proc = cli(*names, "--format", "html", "--output", "report.html", "--lang", lang,
               cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    return page, parse(page)


def findings_of(tmp_path, *names: str) -> list[dict]:
    return json.loads(cli(*names, "--format", "json", cwd=tmp_path).stdout)["findings"]


def test_a_damaged_draft_has_one_banner_and_its_words_stay_highlighted(tmp_path):
    (tmp_path / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    page, tree = report(tmp_path, "damaged.txt")
    whole = [f for f in findings_of(tmp_path, "damaged.txt") if f["rule"] == "conversion-artifacts"]
    assert len(whole) == 1 and whole[0]["end_line"] - whole[0]["line"] > 20  # the premise
    banner = tree.find("div", cls="banner")
    (item,) = banner.find_all("li")
    assert item.attrs["data-rule"] == "conversion-artifacts" and "繁体字" in item.text()
    link = item.find("a").attrs["href"]
    assert link == f"#f1-L{whole[0]['line']}" and tree.find(id=link[1:]).has_class("at-banner")
    # never painted over the text: no highlight of that rule, no line wholly marked
    assert not list(tree.find_all("mark", data_rule="conversion-artifacts"))
    marks = list(tree.find_all("mark"))
    assert [(m.attrs["data-rule"], m.text()) for m in marks] == [("confusables", "臺帳"),
                                                                ("confusables", "反應")]
    for row in tree.find_all("div", cls="row"):
        text = row.find("span", cls="text").text()
        assert not text or "".join(m.text() for m in row.find_all("mark")) != text
    assert page.count(whole[0]["message"]) == 1   # once: in the banner, not under each line


def test_a_missing_part_is_in_the_banner_pointing_where_it_belongs(tmp_path):
    (tmp_path / "draft.txt").write_text(NO_PERIOD, encoding="utf-8")
    _, tree = report(tmp_path, "draft.txt")
    (missing,) = [f for f in findings_of(tmp_path, "draft.txt") if f["rule"] == "disclosure-period"]
    item = tree.find("div", cls="banner").find("li", data_rule="disclosure-period")
    assert "公开期限" in item.text()
    assert item.find("a").attrs["href"] == f"#f1-L{missing['line']}"
    # the contact block's own finding on that line is still highlighted, not hidden under it
    row = tree.find(id=f"f1-L{missing['line']}")
    assert [m.text() for m in row.find_all("mark")] == ["反应"]
    assert not list(tree.find_all("mark", data_rule="disclosure-period"))


def test_a_single_draft_is_shown_in_full(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    page, tree = report(tmp_path, "bad.txt")
    rows = list(tree.find_all("div", cls="row"))
    assert [r.find("span", cls="no").text() for r in rows] == [
        str(n) for n in range(1, BAD.count("\n") + 2)]   # as `notice-lint show` numbers them
    assert not list(tree.find_all("div", cls="gap")) and "table" not in [
        e.tag for e in tree.find_all(cls="index")]
    assert "局党组将持续巩固整改成果" in page   # far from any finding, shown all the same


def folder(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(BAD, encoding="utf-8")
    (drafts / "b.txt").write_text(CLEAN.replace("局党组将持续巩固整改成果", "局党组将长期巩固整改成果"),
                                  encoding="utf-8")
    (drafts / "c.txt").write_text(DAMAGED, encoding="utf-8")
    (drafts / "d.txt").write_text(CLEAN, encoding="utf-8")
    return drafts


def test_a_folder_has_an_index_with_counts_and_links(tmp_path):
    folder(tmp_path)
    _, tree = report(tmp_path, "drafts")
    found = findings_of(tmp_path, "drafts")
    rows = list(tree.find("table", cls="index").find_all("tr", data_file=True))
    assert [r.find("a").text() for r in rows] == ["drafts/a.txt", "drafts/c.txt"]
    for row in rows:
        name = row.find("a").text()
        cells = [c.text() for c in row.find_all("td", cls="n")]
        assert cells == [str(sum(f["path"] == name and f["severity"] == s for f in found))
                         for s in ("error", "warning", "info")]
        section = tree.find("section", id=row.attrs["data-file"])
        assert row.find("a").attrs["href"] == "#" + section.attrs["id"]
        assert section.find("h2").text() == name
    assert sum(int(c.text()) for r in rows for c in r.find_all("td", cls="n")) == len(found)


def test_clean_drafts_are_listed_by_name_not_printed(tmp_path):
    folder(tmp_path)
    page, tree = report(tmp_path, "drafts")
    clean = tree.find("details", cls="clean")
    assert [li.text() for li in clean.find_all("li")] == ["drafts/b.txt", "drafts/d.txt"]
    assert "2" in clean.find("summary").text()
    assert "长期巩固" not in page   # b.txt's own words: its text is not in the page
    assert len(list(tree.find_all("section", cls="file"))) == 2


def test_drafts_of_a_folder_are_excerpts_that_say_what_was_left_out(tmp_path):
    folder(tmp_path)
    _, tree = report(tmp_path, "drafts")
    section = tree.find("section", id="f1")  # a.txt: 台帐 on line 7, 反应 on line 29
    shown = [int(r.find("span", cls="no").text()) for r in section.find_all("div", cls="row")]
    assert shown == [5, 6, 7, 8, 9, 27, 28, 29, 30, 31]
    gaps = [g.text() for g in section.find_all("div", cls="gap")]
    assert gaps == ["⋯ 第1–4行无问题，未显示 ⋯", "⋯ 第10–26行无问题，未显示 ⋯",
                    "⋯ 第32–34行无问题，未显示 ⋯"]
    assert "防汛物资储备不足" not in section.text()   # line 23, inside a gap


def test_filters_by_rule_and_severity_are_there_and_hidden_without_script(tmp_path):
    folder(tmp_path)
    _, tree = report(tmp_path, "drafts")
    found = findings_of(tmp_path, "drafts")
    form = tree.find("form", id="filters")
    assert "hidden" in form.attrs   # shown by the script; without it the page reads the same
    boxes = {b.attrs.get("data-rule") or b.attrs["data-sev"]: b.parent.text()
             for b in form.find_all("input")}
    rules = {f["rule"] for f in found}
    assert set(boxes) == rules | {"error", "warning", "info"}
    for rule in rules:
        assert f"({sum(f['rule'] == rule for f in found)})" in boxes[rule]
    # every finding shown carries what the filters read
    notes = list(tree.find_all("li", data_rule=True))
    assert len(notes) == len(found) and all(n.attrs["data-sev"] for n in notes)
    (script,) = tree.find_all("script")
    assert "data-rule" in script.text() and "src" not in script.attrs


def test_names_and_text_are_escaped_everywhere(tmp_path):
    drafts = folder(tmp_path)
    name = 'x<b>&"y\'.txt'
    (drafts / name).write_text(BAD.replace("逐项对账销号", "逐项<img src=x onerror=alert(1)>销号"),
                               encoding="utf-8")
    page, tree = report(tmp_path, "drafts")
    assert "<b>" not in page and "<img" not in page and "onerror=alert(1)>" not in page
    link = next(a for a in tree.find_all("a") if a.text() == f"drafts/{name}")
    assert tree.find("section", id=link.attrs["href"][1:]).find("h2").text() == f"drafts/{name}"
    assert "<img src=x onerror=alert(1)>" in tree.find("section", id=link.attrs["href"][1:]).text()


def test_english_labels(tmp_path):
    folder(tmp_path)
    _, tree = report(tmp_path, "drafts", lang="en")
    assert tree.find("html").attrs["lang"] == "en"
    assert tree.find("details", cls="clean").find("summary").text().startswith(
        "Files without findings: 2")
    assert "About the whole document" in tree.find("div", cls="banner").text()
    # English punctuation in English: not the full-width colon and semicolon of the Chinese text
    head = next(p.text() for p in tree.find_all("p") if p.text().startswith("Files checked"))
    assert head.startswith("Files checked: ") and "; Findings: " in head and "：" not in head
    metas = [p.text() for p in tree.find_all("p", cls="meta") if "Findings" in p.text()]
    assert metas and all(m.startswith("encoding: ") and "；" not in m for m in metas)


# -- the public rendering functions, for a server: a document and findings in, HTML out ----------

def test_render_section_and_render_page_need_no_files():
    from notice_lint.reporters.html import render_page, render_section, rule_descriptions
    document = Document.from_text(DAMAGED, "草稿<1>.txt")
    linter = make_linter()
    findings = linter.lint(document).findings
    section = parse(render_section(document, findings, number=7))
    (element,) = [e for e in section.children if not isinstance(e, str)]
    assert element.tag == "section" and element.attrs["id"] == "f7"
    assert element.find("h2").text() == "草稿<1>.txt"
    assert len(list(element.find_all("div", cls="banner"))) == 1
    page = render_page(document, findings, lang="en", path="shown.txt",
                       descriptions=rule_descriptions(linter.rules, "en"))
    assert page.startswith("<!DOCTYPE html>") and page.count("<script>") == 1
    tree = parse(page)
    assert tree.find("section").find("h2").text() == "shown.txt"
    assert tree.find("html").attrs["lang"] == "en" and tree.find("form", id="filters")
    assert "traditional characters" in tree.find("table").text()   # what the rule checks


def test_a_word_inside_a_longer_span_stays_visible():
    from notice_lint.reporters.html_view import highlight
    line = "联系电话：5551234，请及时向我们反应。"
    wide = Finding(rule="wide", line=1, column=1, end_column=23, message="w", severity="error")
    word = Finding(rule="word", line=1, column=20, end_column=22, message="v", severity="warning")
    marks = parse(highlight(line, 1, [wide, word], "zh"))
    assert [(m.attrs["data-rule"], m.text()) for m in marks.find_all("mark")] == [
        ("wide", "联系电话：5551234，请及时向我们"), ("word", "反应"), ("wide", "。")]


@pytest.mark.parametrize("span, whole", [((1, 1, 1, 3), False), ((1, 1, 1, 40), True),
                                         ((1, 5, 3, 2), True), ((1, 8, 2, 3), False)])
def test_what_counts_as_a_whole_document_finding(span, whole):
    from notice_lint.reporters.html_view import is_whole_document
    line, column, end_line, end_column = span
    f = Finding(rule="r", line=line, column=column, end_line=end_line, end_column=end_column,
                message="m")
    assert is_whole_document(f, ["一" * 10, "二" * 10, "三" * 10]) is whole


def test_index_and_clean_list_held_on_disk_come_out_as_written(monkeypatch):
    """The index rows and the clean drafts' names are spooled like the sections: past the
    spooled size they go to a temporary file and come back in order, unchanged."""

    from notice_lint.reporters import html

    linter = make_linter()
    texts = {"a.txt": BAD, "b\udcff.txt": CLEAN, "c.txt": DAMAGED, "d\r.txt": CLEAN}
    results = [linter.lint(Document.from_text(text, name)) for name, text in texts.items()]

    in_memory = render_report(linter, results)
    monkeypatch.setattr(html, "_SPOOLED", 16)
    assert render_report(linter, results) == in_memory
    tree = parse(in_memory)
    assert [a.text() for a in tree.find("table", cls="index").find_all("a")] == ["a.txt", "c.txt"]
    assert [li.text() for li in tree.find("details", cls="clean").find_all("li")] == [
        "b\udcff.txt", "d\r.txt"]
