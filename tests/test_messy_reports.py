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
