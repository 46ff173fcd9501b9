"""Generalisations made for messier real reports (issues 10 and 12, the second held-out set
tests/fixtures/heldout2/, round 3): each one asserted exactly on fixtures of its own
(tests/fixtures/messy/ and inline texts), never on the held-out files themselves."""
from __future__ import annotations

from pathlib import Path

from conftest import lint_with
from reportlint.model import Document
from reportlint.violation import locate

MESSY = Path(__file__).parent / "fixtures" / "messy"


def read(name: str) -> str:
    return (MESSY / name).read_text(encoding="utf-8")


def findings(text, all_rules, names):
    doc, vs = lint_with(text, all_rules, names)
    return [(v.rule, locate(doc, v.start, v.end).line, locate(doc, v.start, v.end).column, v.message) for v in vs]


# ------------------------------------------------------------------ fazhi-term exceptions
FAZHI = "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"


def test_fazhi_term_leaves_fixed_phrases_that_only_contain_fazhi(all_rules):
    text = ("2023年，县市场监管局开展打击非法制售假冒伪劣商品专项行动，查处违法制造案件3起；"
            "清理规范性文件，维护国家法制统一；在《法制日报》刊发经验文章1篇。深化法制宣传。\n")
    assert findings(text, all_rules, {"fazhi-term"}) == [("fazhi-term", 1, 78, FAZHI)]


def test_fazhi_term_exceptions_hold_in_traditional_script(all_rules):
    text = "開展打擊非法製售假冒偽劣商品專項行動，維護國家法制統一。深化法制宣傳。\n"
    assert findings(text, all_rules, {"fazhi-term"}) == [("fazhi-term", 1, 31, FAZHI)]


# ------------------------------------------------------------------ unpaired-problem weak words
def test_suyang_is_a_weak_word_like_suzhi(all_rules):
    """素养 describes the symptom (素养偏低) as 素质 does: 加强窗口人员培训 answers the problem."""
    text = read("weak_word_suyang_2023.txt")
    assert findings(text, all_rules, {"unpaired-problem"}) == []
    without = text.replace("（一）加强窗口人员培训。每月组织窗口人员学习政务服务法律法规。\n", "")
    assert findings(without, all_rules, {"unpaired-problem"}) == [
        ("unpaired-problem", 5, 4, "问题“窗口人员法律素养偏低”在下一年度安排中没有对应措施，请补充整改措施")]


# ------------------------------------------------------------------ missing-causes
NO_CAUSES = "“存在的不足和原因”部分列了问题但没有分析原因，请逐条写明问题产生的原因"
CAUSES_HEAD = "某区2022年度法治政府建设情况报告\n一、主要举措和成效\n完善执法制度，修订执法流程。\n二、存在的不足和原因\n"
CAUSES_TAIL = "三、下一年度工作安排\n充实执法力量。\n"


def causes(body, all_rules):
    return findings(CAUSES_HEAD + body + CAUSES_TAIL, all_rules, {"missing-causes"})


def test_suozhi_is_a_cause_marker(all_rules):
    assert causes("一是基层执法人员不足，系编制长期空缺所致。\n", all_rules) == []


def test_a_cause_marker_broken_over_two_lines_counts(all_rules):
    """A PDF's line end inside 主要是 (…主要 / 是编制紧张): the paragraph reads on."""
    assert causes("一是部分街道执法人员为临聘人员，主要\n是编制紧张、培训不足。\n", all_rules) == []
    assert causes("一是部分街道执法人员为临聘人员，由\n于编制紧张，培训不足。\n", all_rules) == []


def test_paragraphs_ending_a_sentence_are_not_read_together(all_rules):
    """受…影响 across two finished paragraphs is no cause: only a broken sentence reads on."""
    body = "一是执法车辆不足，群众诉求受理渠道少。\n二是部分案件影响较大，办理周期长。\n"
    assert causes(body, all_rules) == [("missing-causes", 4, 1, NO_CAUSES)]
    assert causes("一是部分街道执法人员为临聘人员，主要。\n是编制紧张。\n", all_rules) == [
        ("missing-causes", 4, 1, NO_CAUSES)]
