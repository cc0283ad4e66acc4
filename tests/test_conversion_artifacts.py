"""conversion-artifacts: converter damage reported once when systemic, line by line when local;
the other rules still work on the repaired view."""

from __future__ import annotations

import json

import pytest
from conftest import CLEAN, cli, lint

MISSION = ("required-sections", "contact-block", "disclosure-period", "issue-counts",
           "confusables", "inspection-term")


def annotate(text: str, pinyin: dict[str, str]) -> str:
    return "".join(c + (f"({pinyin[c]})" if c in pinyin else "") for c in text)


TRAD = str.maketrans("据区统进展组织实领导责总书记问题", "據區統進展組織實領導責總書記問題")
PINYIN = {"據": "jù", "區": "qū", "統": "tǒng", "進": "jìn", "組": "zǔ", "織": "zhī", "實": "shí",
          "領": "lǐng", "導": "dǎo", "責": "zé", "總": "zǒng", "書": "shū", "記": "jì", "題": "tí"}
DAMAGED = annotate(CLEAN.translate(TRAD), PINYIN).replace("，", ",").replace("：", ":")


def messages(text, rule="conversion-artifacts"):
    return [(f.line, f.text("zh"), str(f.severity)) for f in lint(text, rule=rule)]


def test_a_clean_notice_has_no_artifacts():
    assert messages(CLEAN) == []


def test_a_converted_document_is_reported_once_per_kind():
    found = messages(DAMAGED)
    assert len(found) == 2
    (_, pinyin, severity), (_, traditional, _) = found
    assert pinyin.startswith("全文含") and "处拼音注音" in pinyin and severity == "error"
    assert traditional.startswith("全文使用繁体字")


@pytest.mark.parametrize("rule", MISSION)
def test_the_mission_rules_read_the_repaired_view(rule):
    assert messages(DAMAGED, rule) == messages(CLEAN, rule) == []


def test_local_damage_is_reported_on_its_line():
    lines = CLEAN.splitlines()
    index = next(i for i, x in enumerate(lines) if x.startswith("局党组召开专题会议"))
    lines[index] = annotate(lines[index].translate(TRAD), PINYIN)
    found = messages("\n".join(lines) + "\n")
    assert [(line, m[:3]) for line, m, _ in found] == [(index + 1, "本行含"), (index + 1, "本行夹")]


def test_mojibake_is_found_and_decoded():
    garbled = "压缩审批时限".encode().decode("gbk")
    text = CLEAN.replace("逐项对账销号", f"逐项对账销号，{garbled}")
    ((_line, message, severity),) = messages(text)
    assert message == f"乱码“{garbled}”：疑为“压缩审批时限”的编码被误读"
    assert severity == "error"


def test_replacement_characters():
    ((_, message, _),) = messages(CLEAN.replace("逐项对账销号", "逐项对\ufffd\ufffd销号"))
    assert message.startswith("文本含无法识别的字符")


def test_sentence_broken_across_lines():
    text = CLEAN.replace("成立整改工作领导小组，", "成立整改工作领导小组，由局\n\n党组书记任组长，")
    ((line, message, _),) = messages(text)
    assert message.startswith("句子被断成两行") and "由局" in message
    assert text.splitlines()[line - 1].endswith("由局")


def test_short_lines_and_the_closing_block_are_not_broken_sentences():
    assert messages(CLEAN.replace("联系电话：0739-5551234；", "联系电话：0739-5551234\n")) == []


def test_fix_strips_every_annotation_and_keeps_every_character(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(DAMAGED.replace("\n", "\r\n").encode("gb18030"))
    proc = cli("--fix", "d.txt", "--select", "conversion-artifacts,punctuation", cwd=tmp_path)
    assert "已修复" in proc.stderr
    fixed = path.read_bytes().decode("gb18030")
    assert "(" not in fixed and fixed.count("\r\n") == DAMAGED.count("\n")
    # every character of the text is still there, only annotations and ASCII punctuation changed
    assert fixed.replace("\r\n", "\n") == CLEAN.translate(TRAD)
    again = cli("--fix", "d.txt", "--select", "conversion-artifacts,punctuation", cwd=tmp_path)
    assert "已修复" not in again.stderr


def test_show_prints_the_repaired_view_beside_the_original(tmp_path):
    (tmp_path / "d.txt").write_text(DAMAGED, encoding="utf-8")
    proc = cli("show", "--repaired", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    original = next(i for i, x in enumerate(lines) if "根據(jù)" in x)
    assert lines[original + 1].lstrip().startswith("→ 根据县委统一部署，")


def test_first_seed(shared):
    seed = shared / "seeds" / "000_74ae78c06ba1d472.txt"
    proc = cli(str(seed), "--format", "json", "--fail-on", "never")
    findings = json.loads(proc.stdout)["findings"]
    assert len(findings) <= 12  # a screenful: systemic damage once, not per character
    rules = [f["rule"] for f in findings]
    assert rules.count("conversion-artifacts") == 2 and rules.count("punctuation") == 1
    assert not any("缺少联系方式" in f["message"] or "缺少公开期限" in f["message"]
                   or "缺少落款" in f["message"] for f in findings)
    simplified = shared / "corpus" / "seeds" / "000-simplified.txt"
    other = json.loads(cli(str(simplified), "--format", "json", "--fail-on", "never").stdout)
    key = {(f["rule"], f["line"]) for f in other["findings"] if f["rule"] in MISSION}
    assert {(f["rule"], f["line"]) for f in findings if f["rule"] in MISSION} == key
