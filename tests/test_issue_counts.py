"""issue-counts: count statements add up and agree with the problems listed."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

SUMMARY = "截至2024年10月31日，巡察反馈的3个问题，已完成整改2个，正在整改1个。"
# the clean notice with a narrative part 二 (no problem listed per heading)
NARRATIVE = CLEAN[:CLEAN.index("（一）水利工程")] + "局党组对照反馈意见逐项整改，取得阶段性成效。\n\n" + \
    CLEAN[CLEAN.index("三、下一步工作安排"):]


def with_summary(statement: str, text: str = NARRATIVE) -> str:
    assert SUMMARY in text
    return text.replace(SUMMARY, statement)


def messages(text):
    return [(f.line, f.text("zh")) for f in lint(text, rule="issue-counts")]


def listed(statuses: list[str], summary: str) -> str:
    """A notice whose part 二 lists one problem per heading with the given statuses."""
    return listed_bodies([f"整改情况：已开展专项整治。\n整改状态：{s}" for s in statuses], summary)


def listed_bodies(bodies: list[str], summary: str) -> str:
    """A notice whose part 二 lists one problem per heading, each with the given write-up."""
    items = "\n".join(f"（{'一二三四五六七八九十'[i]}）问题：事项{i + 1}推进不力\n{body}\n"
                      for i, body in enumerate(bodies))
    return draft(f"""
        中共某局党组关于巡察整改进展情况的通报
        根据县委统一部署，2024年5月6日至6月20日，县委第一巡察组对某局党组进行了巡察。2024年7月15日反馈了巡察意见。
        一、组织整改落实情况
        {summary}
        二、巡察反馈问题整改进展情况
    """) + items + draft("""
        三、下一步工作安排
        持续巩固整改成果。
        欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0739-5551234。
        中共某局党组
        2024年11月15日
    """)


@pytest.mark.parametrize("statement", [
    SUMMARY,
    "巡察反馈的25个问题，已完成整改19个、正在整改6个，整改完成率76%。",
    "巡察反馈35个具体问题，整改完成28个，阶段性完成7个。",
    "巡察反馈的697个问题，完成整改688个，基本完成4个，未完成5个，总体完成率98.71%。",
    "巡察反馈的6个方面18个突出问题，共制定整改措施164项。",
    "反馈的十二个问题，已完成整改十个，阶段性完成两个；巡察移交的4个立行立改问题已全部办结。",
    "巡察反馈的9个问题，已完成整改6个，正在整改两个，需长期坚持1个，整改完成率66.7%。",
    "省委巡视反馈的5个方面46个问题，制定整改措施138项。截至10月31日，46个问题已完成整改41个，正在推进5个，"
    "整改完成率89.13%；138项整改措施已完成129项，其余9项按计划推进。",
    "巡察反馈的四个方面十四个问题，已完成整改十二个，剩余2个问题正在按计划推进，整改完成率85.7%。",
])
def test_consistent_statements_are_silent(statement):
    assert messages(with_summary(statement)) == []


def test_more_done_than_total():
    ((_, message),) = messages(with_summary("巡察反馈问题11个，已完成整改12个。"))
    assert message == "已完成整改数（12个）大于反馈问题总数（11个）"


def test_parts_do_not_add_up():
    ((_, message),) = messages(with_summary("巡察反馈的25个问题，已完成整改19个，正在整改5个。"))
    assert message == "反馈问题25个，但已完成19个与正在整改5个之和为24个"


def test_aspects_problems_and_measures_are_never_added():
    text = with_summary("巡察反馈的3个方面3个问题，已完成整改2个，正在整改1个，共制定整改措施12项。")
    assert messages(text) == []


@pytest.mark.parametrize(("statement", "needle"), [
    ("巡察反馈的46个问题，已完成整改41个，正在整改5个，整改完成率91.30%。", "整改完成率91.30%与41/46=89.13%不符"),
    ("巡察反馈的13个问题，已完成整改6个，正在整改7个，整改完成率50%。", "整改完成率50%与6/13=46.15%不符"),
])
def test_rate_mismatch(statement, needle):
    ((_, message),) = messages(with_summary(statement))
    assert message == needle


def test_rate_rounding_is_accepted():
    assert messages(with_summary("巡察反馈的13个问题，已完成整改6个，正在整改7个，整改完成率46%。")) == []


def test_all_done_claim_with_a_part_not_done():
    statement = "巡察反馈的3个问题，已完成整改2个，正在整改1个，已全部完成整改。"
    ((_, message),) = messages(with_summary(statement))
    assert message.startswith("称反馈问题已全部完成")


def test_all_done_claim_against_an_item_marked_in_progress():
    text = listed(["已完成", "正在整改", "已完成"], "巡察反馈的3个问题已全部完成整改。")
    ((_, message),) = messages(text)
    assert message == "称反馈问题已全部完成整改，但第（二）项标注“正在整改”"


def test_total_against_the_problems_listed():
    text = listed(["已完成", "已完成", "正在整改"], "巡察反馈的4个问题，已完成整改3个，正在整改1个。")
    ((_, message),) = messages(text)
    assert message == "称反馈问题4个，但正文逐项列出3个"
    assert messages(listed(["已完成", "已完成", "正在整改"],
                           "巡察反馈的3个问题，已完成整改2个，正在整改1个。")) == []


def test_statuses_against_the_parts():
    text = listed(["已完成", "阶段性完成", "阶段性完成"], "巡察反馈的3个问题，已完成整改2个，阶段性完成1个。")
    ((_, message),) = messages(text)
    assert message == "称已完成2个，但逐项标注已完成的有1个"


def test_separate_immediate_pool():
    text = with_summary(SUMMARY + "巡察期间交办的2个立行立改问题，已完成整改3个。")
    ((_, message),) = messages(text)
    assert message == "已完成整改数（3个）大于立行立改问题总数（2个）"


def test_narrative_counts_are_not_statements():
    text = with_summary("今年以来查处违纪违法问题87个，新建制度11项，对整改不彻底的2个问题重新制定措施。")
    assert messages(text) == []


@pytest.mark.parametrize("body", [
    "前期已完成整改方案，目前正在整改。",
    "已完成整改；配套制度正在整改。",
    "该问题已完成整改。后续工作持续推进，正在整改。",
    "已办结。正在整改中。",
])
def test_the_last_status_an_item_writes_is_its_status(body):
    """An item's status is the last one its write-up states, whichever sentence holds it."""
    summary = "巡察反馈的3个问题，已完成整改2个，正在整改1个。"
    assert messages(listed_bodies(["已完成整改。", "已完成整改。", body], summary)) == []
    ((_, message),) = messages(listed_bodies(["已完成整改。", "正在整改。", body], summary))
    assert message == "称已完成2个，但逐项标注已完成的有1个"


# -- what is a statement of the total, and what is listed --------------------------------------

def findings_of(text):
    return [(f.line, f.column, f.rule, f.severity, f.text("zh"))
            for f in lint(text, rule="issue-counts")]


def with_next_steps(text: str, sentence: str) -> str:
    assert "持续巩固整改成果。" in text
    return text.replace("持续巩固整改成果。", sentence)


@pytest.mark.parametrize("sentence", [
    "坚持举一反三，做到解决一个问题、堵塞一个漏洞、完善一项制度。",
    "坚持发现一个、解决一个，整改一个、销号一个，防止问题反弹。",
    "实行“一个问题、一名领导、一套措施、一抓到底”。",
])
def test_formula_of_ones_is_not_a_count(sentence):
    summary = "巡察反馈的3个问题，已完成整改2个，正在整改1个。"
    text = with_next_steps(listed(["已完成", "已完成", "正在整改"], summary), sentence)
    assert findings_of(text) == []


def test_formula_of_ones_without_a_summary():
    text = listed(["已完成", "已完成"], "局党组实行“一个问题、一名领导、一套措施”，逐项推进整改。")
    assert findings_of(text) == []


def test_formula_examples_in_the_data():
    from notice_lint import load_data
    from notice_lint.checks.issue_counts import vocabulary

    vocab = vocabulary()
    examples = load_data("notice_lint.configs", "counts.yaml")["formula_examples"]
    for sentence in examples["fail"]:
        assert len(vocab.formula_one.findall(sentence)) >= vocab.formula_min, sentence
    for sentence in examples["pass"]:
        assert len(vocab.formula_one.findall(sentence)) < vocab.formula_min, sentence


def test_a_single_problem_stated_in_chinese_is_still_a_count():
    text = listed(["已完成", "已完成"], "巡察反馈的一个问题已完成整改。")
    assert findings_of(text) == [(4, 6, "issue-counts", "warning", "称反馈问题1个，但正文逐项列出2个")]


def test_a_bare_restatement_is_not_compared_with_the_list():
    # no 反馈 before the number: it is not the notice's statement of the total
    text = listed(["已完成", "已完成", "正在整改"], "截至目前，4个问题已完成整改3个，正在整改1个。")
    assert findings_of(text) == []
    # but its own arithmetic is still checked
    text = listed(["已完成", "已完成", "正在整改"], "截至目前，4个问题已完成整改3个，正在整改2个。")
    assert findings_of(text) == [(4, 6, "issue-counts", "warning",
                                  "反馈问题4个，但已完成3个与正在整改2个之和为5个")]


def problems_with_labelled_parts(summary: str, colon: str = "：") -> str:
    """Two problems, each written up under （一）整改措施 / （二）整改进展 (headings one level up)."""
    text = draft(f"""
        中共某局党组关于巡察整改进展情况的通报
        根据县委统一部署，2024年5月6日至6月20日，县委第一巡察组对某局党组进行了巡察。2024年7月15日反馈了巡察意见。
        一、组织整改落实情况
        局党组成立整改工作领导小组，逐项制定整改措施。
        二、巡察反馈问题整改进展情况
        {summary}
        1.关于采购管理不规范的问题
        （一）整改措施：修订采购管理办法。
        （二）整改进展：办法已印发。已完成整改。
        2.关于档案管理不到位的问题
        （一）整改措施：开展档案清理。
        （二）整改进展：清理工作正在推进。正在整改。
        三、下一步工作安排
        持续巩固整改成果。
        欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0739-5551234。
        中共某局党组
        2024年11月15日
    """)
    return text if colon == "：" else text.replace("整改措施：", "整改措施\n").replace("整改进展：", "整改进展\n")


@pytest.mark.parametrize("colon", ["：", "\n"])
def test_labelled_parts_of_a_problem_are_not_problems(colon):
    assert findings_of(problems_with_labelled_parts(
        "巡察反馈的2个问题，已完成整改1个，正在整改1个。", colon)) == []
    assert findings_of(problems_with_labelled_parts(
        "巡察反馈的3个问题，已完成整改2个，正在整改1个。", colon)) == [
        (6, 6, "issue-counts", "warning", "称反馈问题3个，但正文逐项列出2个")]


def test_fewer_topics_than_problems_is_no_finding():
    text = draft("""
        中共某局党组关于巡察整改进展情况的通报
        根据县委统一部署，2024年5月6日至6月20日，县委第一巡察组对某局党组进行了巡察。2024年7月15日反馈了巡察意见。
        一、组织整改落实情况
        局党组成立整改工作领导小组，逐项制定整改措施。
        二、巡察反馈问题整改进展情况
        截至2024年10月31日，巡察反馈的2个方面9个问题，已完成整改8个，正在整改1个。
        （一）在落实上级决策部署方面
        1.项目建设管理。建立项目台账，按月调度。
        2.资金拨付管理。规范拨付流程。
        （二）在干部队伍建设方面
        1.干部教育培训。开展专题培训2次。
        三、下一步工作安排
        持续巩固整改成果。
        欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0739-5551234。
        中共某局党组
        2024年11月15日
    """)
    # each topic (no status, no problem named) groups several of the 9 problems
    assert findings_of(text) == []
    more = text.replace("1.干部教育培训。开展专题培训2次。", "\n".join(
        f"{i}.干部教育培训{i}。开展专题培训。" for i in range(1, 9)))
    assert findings_of(more) == [(6, 24, "issue-counts", "info",
                                  "称反馈问题9个，但正文逐项列出10个（逐项列出的是整改事项，请核对）")]
