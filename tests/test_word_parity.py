"""The same draft gives the same findings as a .txt and as a .docx: each line its own Word
paragraph (a PDF pasted into Word), or the lines of a paragraph joined by soft breaks."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from conftest import CLEAN, cli
from test_inputs import BAD
from test_word_reading import word_draft

_LIST = "局党组召开专题会议研究部署整改工作，成立整改工作领导小组，建立整改台账，逐项对账销号。"
# one paragraph of the notice written as a run of 一是、二是、三是
LISTED = CLEAN.replace(_LIST, "局党组召开专题会议研究部署整改工作，一是成立整改工作领导小组，"
                              "二是建立整改台帐，三是逐项对账销号，确保问题件件有着落。")


def _broken(text: str, paragraph_start: str, cuts: tuple[int, ...], joiner: str) -> str:
    """`text` with the paragraph starting `paragraph_start` broken at `cuts`, as a PDF copy
    breaks it: the pieces joined by `joiner` ("\\n": each on a line of its own)."""
    line = next(x for x in text.split("\n") if x.startswith(paragraph_start))
    bounds = [0, *cuts, len(line)]
    return text.replace(line, joiner.join(line[a:b] for a, b in pairwise(bounds)))


DRAFTS = {
    "bad": lambda joiner: BAD,
    # the preamble broken mid-sentence, the list broken where a line starts with 二是
    "pdf-paste": lambda joiner: _broken(_broken(LISTED, "根据县委", (24, 49, 73), joiner),
                                        "局党组召开", (31, 58), joiner),
    "pdf-paste-at-commas": lambda joiner: _broken(LISTED, "局党组召开", (18, 31, 44), joiner),
}


def _findings(path) -> list[tuple]:
    proc = cli(path.name, "--format", "json", cwd=path.parent)
    assert proc.returncode in (0, 1), proc.stderr
    return sorted((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"],
                   f["severity"], f["message"]) for f in json.loads(proc.stdout)["findings"])


@pytest.mark.parametrize("name", DRAFTS)
@pytest.mark.parametrize("soft", [False, True], ids=["paragraphs", "soft-breaks"])
def test_the_same_findings_for_the_same_text(tmp_path, name, soft):
    (tmp_path / "d.txt").write_text(DRAFTS[name]("\n"), encoding="utf-8")
    # each visual line a Word paragraph, or each broken paragraph one Word paragraph whose
    # lines are joined by soft breaks (↵)
    word_draft(tmp_path / "d.docx", DRAFTS[name]("↵" if soft else "\n"))
    expected = _findings(tmp_path / "d.txt")
    assert expected  # each draft has something to find
    assert _findings(tmp_path / "d.docx") == expected


def test_a_broken_list_is_a_broken_sentence_not_a_list_run(tmp_path):
    """The list broken so that a line starts with 二是: a broken sentence in both forms, and no
    finding about the 一是/二是 run in either."""
    text = DRAFTS["pdf-paste"]("\n")
    assert any(line.startswith("二是") for line in text.split("\n"))
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    word_draft(tmp_path / "d.docx", text)
    for name in ("d.txt", "d.docx"):
        found = _findings(tmp_path / name)
        rules = [f[0] for f in found]
        assert rules.count("conversion-artifacts") >= 3, found
        assert "heading-numbering" not in rules, found
        assert ("confusables" in rules), found  # 台帐 is still found in the broken text
