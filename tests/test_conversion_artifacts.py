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


# -- HTML entities a web editor left in the text ------------------------------------------------

ENTITY_LINE = "局党组召开专题会议研究部署整改工作，"


def with_entities(replacement: str, text: str = CLEAN) -> str:
    assert ENTITY_LINE in text
    return text.replace(ENTITY_LINE, replacement, 1)


def entity_findings(text, kind="text"):
    return [(f.line, f.column, f.rule, str(f.severity), f.text("zh"), f.fix)
            for f in lint(text, rule="conversion-artifacts", kind=kind)]


def test_entities_on_one_line():
    text = with_entities("局党组把整改作为践行&ldquo;两个维护&rdquo;的具体行动&mdash;&mdash;召开专题会议，")
    ((line, column, rule, severity, message, fix),) = entity_findings(text)
    assert (line, column, rule, severity) == (7, 11, "conversion-artifacts", "warning")
    assert message == ("本行含4处网页编辑器遗留的HTML字符实体（&ldquo;→“、&rdquo;→”、&mdash;→—），"
                       "应替换为所代表的字符")
    assert fix.replacement == "“两个维护”的具体行动——" and fix.safe


@pytest.mark.parametrize(("written", "meant"), [
    ("&#8220;两个维护&#8221;", "“两个维护”"),
    ("&#x201C;两个维护&#x201D;", "“两个维护”"),
    ("&amp;ldquo;两个维护&amp;rdquo;", "“两个维护”"),    # escaped twice
    ("工作&hellip;&hellip;", "……"),
])
def test_numeric_and_double_escaped_entities(written, meant):
    ((*_, fix),) = entity_findings(with_entities(f"局党组{written}召开专题会议，"))
    assert fix.replacement == meant and fix.safe


def test_the_rules_read_the_characters_the_entities_stand_for():
    from notice_lint.document import Document

    text = with_entities("局党组践行&ldquo;两个维护&rdquo;，召开专题会议，")
    document = Document.from_text(text, "d.txt", kind="text")
    assert "践行“两个维护”，召开" in document.view.text
    assert lint(text, rule="punctuation") == []   # the ; of an entity is not half-width punctuation


def test_a_space_entity_makes_the_fix_unsafe():
    ((*_, message, fix),) = entity_findings(with_entities("局党组召开&nbsp;专题会议，"))
    assert "&nbsp;→空格" in message and fix.replacement == " " and not fix.safe


def test_entities_throughout_are_reported_once_with_a_count():
    lines = CLEAN.splitlines()
    body = [i for i, x in enumerate(lines) if x.startswith("整改情况：")]
    for i in body:
        lines[i] = lines[i].replace("整改情况：", "整改情况：&ldquo;", 1) + "&rdquo;"
    lines[6] = "&nbsp;&nbsp;" + lines[6]
    found = entity_findings("\n".join(lines) + "\n")
    assert len(found) == 1
    line, column, _, severity, message, fix = found[0]
    assert (line, column, severity) == (7, 1, "warning")
    assert message.startswith(f"全文含{2 * len(body) + 2}处网页编辑器遗留的HTML字符实体"
                              "（&nbsp;→空格、&ldquo;→“、&rdquo;→”）")
    assert not fix.safe


@pytest.mark.parametrize("text", [
    "局党组与R&D中心召开专题会议，",           # a bare &
    "局党组召开专题会议（A&B;C），",           # not an entity name
    "局党组召开&foo;专题会议，",               # unknown name
    "局党组召开&#0;&#x1F;专题会议，",          # no printable character
    "局党组召开&ldquo专题会议，",              # no semicolon: text as written
])
def test_what_is_not_an_entity(text):
    assert entity_findings(with_entities(text)) == []


def test_entities_in_markdown_are_markup():
    text = with_entities("局党组践行&ldquo;两个维护&rdquo;，召开专题会议，")
    assert entity_findings(text, kind="markdown") == []


def test_entity_fix_is_applied(tmp_path):
    (tmp_path / "d.txt").write_text(with_entities("局党组践行&ldquo;两个维护&rdquo;，召开专题会议，"),
                                    encoding="utf-8")
    cli("--fix", "--select", "conversion-artifacts", "d.txt", cwd=tmp_path)
    assert "践行“两个维护”，召开" in (tmp_path / "d.txt").read_text(encoding="utf-8")
