"""Reviewers decide in Word: a comment `notice-lint: ignore RULE — reason` on the words switches
that rule off there for the next lint and annotate; annotate replaces only its own comments."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import CLEAN, cli
from lxml import etree
from test_word_reading import word_draft

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BAD = (CLEAN.replace("请及时向我们反映。", "请及时向我们反应。")
       .replace("建立整改台账", "建立整改台帐"))


def comments(path) -> list[tuple[str, str, str]]:
    """(author, the text the comment is on, the comment's text) for each comment of a .docx,
    in the order of the comments part."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in \
            z.namelist() else None
    if notes is None:
        return []
    covered: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in body.iter():
        if element.tag == f"{_W}commentRangeStart":
            open_ids.add(element.get(f"{_W}id"))
            covered.setdefault(element.get(f"{_W}id"), "")
        elif element.tag == f"{_W}commentRangeEnd":
            open_ids.discard(element.get(f"{_W}id"))
        elif element.tag == f"{_W}t" and element.text:
            for cid in open_ids:
                covered[cid] += element.text
    return [(c.get(f"{_W}author"), covered.get(c.get(f"{_W}id"), ""),
             "".join(t.text or "" for t in c.iter(f"{_W}t"))) for c in notes]


def reviewer_comment(path, words: str, text: str, author: str = "张科长") -> None:
    """A reviewer's comment on the run holding exactly `words` (as annotate split it)."""
    import docx

    document = docx.Document(path)
    run = next(r for p in document.paragraphs for r in p.runs if r.text == words)
    document.add_comment(run, text=text, author=author, initials="ZKZ")
    document.save(path)


def rules_at(path) -> list[tuple[str, int]]:
    proc = cli(path.name, "--format", "json", cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["rule"], f["line"]) for f in json.loads(proc.stdout)["findings"]]


@pytest.fixture
def reviewed(tmp_path):
    """The annotated copy of a draft with 反应 and 台帐."""
    word_draft(tmp_path / "draft.docx", BAD)
    proc = cli("annotate", "draft.docx", "-o", "reviewed.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    return tmp_path / "reviewed.docx"


def test_every_comment_carries_severity_and_rule(reviewed):
    assert sorted(comments(reviewed)) == [
        ("notice-lint", "反应", "[错误 confusables] “反应”应为“反映”：把情况或意见告诉别人用“反映”"),
        ("notice-lint", "台帐", "[错误 confusables] “台帐”应为“台账”：记录财物、事项的簿册用“账”")]
    proc = cli("annotate", "draft.docx", "-o", "en.docx", "--lang", "en", cwd=reviewed.parent)
    assert proc.returncode == 1
    notes = sorted(note for _, _, note in comments(reviewed.parent / "en.docx"))
    assert notes[0].startswith("[error confusables] ")


def test_annotating_the_reviewed_copy_again_replaces_our_comments_and_keeps_others(reviewed):
    reviewer_comment(reviewed, "台帐", "已核实，下一稿改", author="李四")
    first = comments(reviewed)
    proc = cli("annotate", "reviewed.docx", "-o", "again.docx", cwd=reviewed.parent)
    assert proc.returncode == 1 and "2 条批注" in proc.stderr
    again = comments(reviewed.parent / "again.docx")
    assert sorted(again) == sorted(first)  # not doubled; the reviewer's comment kept once
    assert ("李四", "台帐", "已核实，下一稿改") in again
    # and once more: still the same
    cli("annotate", "again.docx", "-o", "third.docx", cwd=reviewed.parent)
    assert sorted(comments(reviewed.parent / "third.docx")) == sorted(first)


def test_a_comment_by_someone_named_like_us_in_another_form_is_kept(reviewed):
    reviewer_comment(reviewed, "台帐", "请改为台账", author="notice-lint")
    cli("annotate", "reviewed.docx", "-o", "again.docx", cwd=reviewed.parent)
    assert ("notice-lint", "台帐", "请改为台账") in comments(reviewed.parent / "again.docx")


@pytest.mark.parametrize("directive", [
    "notice-lint: ignore confusables — 引用当事人原话",
    "notice-lint：忽略 confusables 引用当事人原话",
    "notice-lint：忽略confusables，引用当事人原话",
])
def test_a_reviewer_ignores_a_finding_and_the_next_runs_honour_it(reviewed, directive):
    line_of_反应 = next(i for i, x in enumerate(BAD.split("\n"), 1) if "反应。" in x)
    assert ("confusables", line_of_反应) in rules_at(reviewed)
    reviewer_comment(reviewed, "反应", directive)
    assert rules_at(reviewed) == [("confusables", next(
        i for i, x in enumerate(BAD.split("\n"), 1) if "台帐" in x))]
    proc = cli("annotate", "reviewed.docx", "-o", "again.docx", cwd=reviewed.parent)
    assert "1 条批注" in proc.stderr
    assert f"已按张科长的批注忽略：{line_of_反应}:" in proc.stderr
    assert "理由：引用当事人原话" in proc.stderr
    notes = comments(reviewed.parent / "again.docx")
    assert [n for n in notes if n[1] == "反应"] == [("张科长", "反应", directive)]


def test_a_reviewer_ignore_names_its_rule_only(reviewed):
    reviewer_comment(reviewed, "反应", "notice-lint: ignore spacing — 不相干")
    assert ("confusables", next(i for i, x in enumerate(BAD.split("\n"), 1) if "反应。" in x)) \
        in rules_at(reviewed)


def test_a_malformed_reviewer_comment_says_how_to_write_it(reviewed):
    reviewer_comment(reviewed, "反应", "notice-lint 这里不用改")
    proc = cli("reviewed.docx", "--format", "json", cwd=reviewed.parent)
    review = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "word-review"]
    line = next(i for i, x in enumerate(BAD.split("\n"), 1) if "反应。" in x)
    assert [(f["line"], f["severity"]) for f in review] == [(line, "info")]
    assert "notice-lint：忽略 规则 理由" in review[0]["message"]
    assert ("confusables", line) in rules_at(reviewed)  # nothing ignored


def test_a_reviewer_ignore_naming_no_rule_there_is_says_so(reviewed):
    """Word comments are suppressions like Markdown's: a rule id that does not exist, and an
    ignore that ignores nothing, are unused-suppression findings."""
    reviewer_comment(reviewed, "反应", "notice-lint: ignore confusable — 拼错了规则名")
    proc = cli("reviewed.docx", "--format", "json", cwd=reviewed.parent)
    found = json.loads(proc.stdout)["findings"]
    line = next(i for i, x in enumerate(BAD.split("\n"), 1) if "反应。" in x)
    assert ("confusables", line) in [(f["rule"], f["line"]) for f in found]  # not ignored
    unused = [(f["line"], f["severity"], f["message"]) for f in found
              if f["rule"] == "unused-suppression"]
    assert [u[:2] for u in unused] == [(line, "warning")]
    assert "confusable" in unused[0][2] and "不存在" in unused[0][2]


def test_an_ignore_on_words_without_that_finding_is_unused(reviewed):
    reviewer_comment(reviewed, "台帐", "notice-lint：忽略 spacing 不相干")
    proc = cli("reviewed.docx", "--format", "json", cwd=reviewed.parent)
    line = next(i for i, x in enumerate(BAD.split("\n"), 1) if "台帐" in x)
    assert [(f["rule"], f["line"], f["severity"]) for f in json.loads(proc.stdout)["findings"]
            if f["rule"] == "unused-suppression"] == [("unused-suppression", line, "info")]


def test_annotate_lists_what_reviewers_ignored_in_english_too(reviewed):
    reviewer_comment(reviewed, "反应", "notice-lint: ignore — quoted as said")
    proc = cli("annotate", "reviewed.docx", "-o", "again.docx", "--lang", "en",
               cwd=reviewed.parent)
    line = next(i for i, x in enumerate(BAD.split("\n"), 1) if "反应。" in x)
    ignored = [x for x in proc.stderr.splitlines() if x.startswith("ignored")]
    assert ignored == [f"ignored by 张科长's comment: {line}:36 confusables: “反应” should be "
                       f"“反映”: telling someone about a situation or an opinion is 反映 — "
                       f"quoted as said"]
