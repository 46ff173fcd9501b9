"""unpaired-problem (RL104) and the scoring module behind it, reportlint.pairing.

Unit tests of pairing.py use small inline problem/plan texts; rule tests assert exact
positions and messages on inline reports, the fixture reports and the seeds."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import FIXTURES, lint_with, seed
from reportlint.errors import ConfigError
from reportlint.loader import load_rule_text
from reportlint.violation import locate

NAME = "unpaired-problem"
REPORTS = FIXTURES / "reports"


@pytest.fixture(scope="module")
def rule():
    # this rule file alone, so that these tests do not depend on the other rules loading
    from pathlib import Path

    import reportlint.rules
    from reportlint.loader import load_rule_file

    [r] = load_rule_file(Path(reportlint.rules.__file__).parent / f"{NAME}.yaml")
    return r


@pytest.fixture(scope="module")
def all_rules(rule):
    return [rule]


@pytest.fixture(scope="module")
def pairer(rule):
    return rule.state[0]


def found(text, all_rules):
    doc, vs = lint_with(text, all_rules, [NAME])
    return [(locate(doc, v.start, v.end).line, locate(doc, v.start, v.end).column, v.message) for v in vs]


def where(text, all_rules):
    return [(line, col) for line, col, _ in found(text, all_rules)]


# ------------------------------------------------------------------ pairing.py
def test_synonyms_pair_different_wordings(pairer):
    from reportlint.pairing import pair_texts

    m = pair_texts(pairer, ["法治观念淡薄", "普法宣传形式单一", "执法队伍力量薄弱"],
                   ["增强干部法治意识", "创新法治宣传教育方式", "充实执法人员"])
    for i in range(3):
        assert m[i][i] >= 0.5, m
        assert all(m[i][j] < 0.2 for j in range(3) if j != i), m


def test_synonym_may_have_de_inside(pairer):
    from reportlint.pairing import pair_texts

    # 法律法规的学习 is 法律法规学习, i.e. 学法
    [[score]] = pair_texts(pairer, ["法律法规的学习不够深入"], ["抓好领导干部学法用法"])
    assert score >= 0.5


def test_one_plan_item_answers_two_problems(pairer):
    from reportlint.pairing import best_matches, pair_texts

    m = pair_texts(pairer, ["依法行政意识不强", "普法宣传覆盖面不广"],
                   ["加强普法宣传，全面提高依法行政意识", "规范合同管理"])
    assert [j for j, _ in best_matches(m)] == [0, 0]
    assert min(s for _, s in best_matches(m)) >= 0.5


def test_unrelated_texts_score_zero(pairer):
    from reportlint.pairing import pair_texts

    [[score]] = pair_texts(pairer, ["村规民约修订滞后"], ["加强执法人员业务培训"])
    assert score == 0.0


def test_stop_words_alone_say_nothing(pairer):
    from reportlint.pairing import pair_texts

    # 加强 / 进一步 / 不够 are stop words: a problem made only of them has no terms
    assert pair_texts(pairer, ["进一步加强不够"], ["进一步加强"]) == [[0.0]]


def test_traditional_script_scores_the_same(pairer):
    from reportlint.pairing import pair_texts

    simp = pair_texts(pairer, ["立法体系尚不完善", "执法人员业务能力不强"], ["加强执法队伍建设", "完善公共法律服务体系"])
    trad = pair_texts(pairer, ["立法體系尚不完善", "執法人員業務能力不強"], ["加強執法隊伍建設", "完善公共法律服務體系"])
    assert simp == trad


def test_best_matches_ties_and_empty():
    from reportlint.pairing import best_matches

    assert best_matches([[0.2, 0.5, 0.5], []]) == [(1, 0.5), (None, 0.0)]


def test_compound_weighs_no_more_than_its_parts_allow(pairer):
    # 教育引导 is rare in jieba's dictionary (alone it would weigh the cap); its parts bound it
    assert pairer.parts("教育引导") == ("教育", "引导")
    bound = 1.5 * max(pairer.raw_weight("教育"), pairer.raw_weight("引导"))
    assert pairer.raw_weight("教育引导") == pytest.approx(bound)
    assert bound < pairer.s.weight_cap - pairer.s.weight_base


# ------------------------------------------------------------------ the rule, inline reports
INLINE = """XX镇2023年度法治政府建设情况报告
一、主要举措和成效
（一）强化组织领导。
二、存在的不足和原因
一是普法宣传形式单一。二是村规民约修订滞后。三是执法人员业务能力不强。
三、下一年度主要安排
一是创新普法宣传方式。
二是加强执法队伍培训，提升执法能力。
"""


def test_several_problems_on_one_line_each_get_their_column(all_rules):
    assert found(INLINE, all_rules) == [
        (5, 14, "问题“村规民约修订滞后”在下一年度安排中没有对应措施，请补充整改措施"),
    ]


def test_traditional_script_same_findings_and_positions(all_rules):
    from reportlint.normalize import normalize

    trad = INLINE.replace("规民约修订", "規民約修訂").replace("执法人员业务能力", "執法人員業務能力") \
        .replace("执法队伍培训", "執法隊伍培訓").replace("普法宣传", "普法宣傳")
    assert normalize(trad) != trad
    assert where(trad, all_rules) == where(INLINE, all_rules) == [(5, 14)]


def test_sub_heading_problems_and_a_causes_sub_section(all_rules):
    text = """一、主要举措和成效
（一）强化组织领导。
二、存在的问题及原因
（一）存在的问题
1.行政复议案件办理周期较长。
2.普法宣传形式单一。
（二）原因分析
1.村规民约修订滞后，群众参与不够。
三、下一步工作计划
（一）创新普法宣传方式。
"""
    # the container （一） gives its children; the causes sub-section （二） is skipped
    assert where(text, all_rules) == [(5, 3)]


def test_cause_label_paragraph_ends_the_problems(all_rules):
    text = """二、存在的不足和原因
（一）法治意识不强。
（二）立法体系尚不完善，部分法规与实际需求不符。
法治建设不足的原因分析：
立法层面：立法相对滞后，法规体系不完善。
执法层面：村规民约修订滞后。
三、下一年度工作安排
（一）提高干部法治意识。
"""
    out = found(text, all_rules)
    assert [(line, col) for line, col, _ in out] == [(3, 4)]
    assert out[0][2] == "问题“立法体系尚不完善”在下一年度安排中没有对应措施，请补充整改措施"


def test_items_led_by_a_cause_are_not_problems(all_rules):
    text = """二、存在的不足和原因
一是普法宣传形式单一。
究其原因，一是村规民约修订滞后，二是合同管理不严格。
三、下一年度工作安排
一是创新普法宣传方式。
"""
    assert where(text, all_rules) == []


def test_cause_sentence_inside_a_problem_is_not_scored(all_rules):
    text = """二、存在的不足和原因
1.部分乡镇法治建设推进不平衡。究其原因，是合同管理不严格，村规民约修订滞后。
三、下一年度工作安排
1.推动各乡镇均衡发展。
2.规范合同管理。
"""
    doc, _ = lint_with(text, all_rules, [NAME])
    probs, plans, matrix = doc.cache["unpaired-problem:matrix"]
    assert matrix[0][1] == 0.0   # 合同管理 was in the cause, not the problem
    assert where(text, all_rules) == []


def test_lead_in_sentence_is_not_a_problem(all_rules):
    text = """二、存在问题
我镇法治政府建设取得了一定成效，但依然存在一些问题，主要如下：
一是村规民约修订滞后。
三、下一步工作打算
在接下来的工作中，我镇将进一步提高认识。
（一）加强普法宣传。
"""
    assert where(text, all_rules) == [(3, 3)]


def test_no_plan_part_is_left_to_required_section(all_rules):
    text = """一、主要举措和成效
（一）强化组织领导。
二、存在的问题
（一）执法力量不足。
"""
    assert found(text, all_rules) == []


def test_without_plan_option_on(rule):
    from reportlint.api import lint_text

    loud = rule.configured({"without-plan": True}, "test")
    _, vs = lint_text("二、存在的问题\n（一）执法力量不足。\n", [loud])
    assert [v.message for v in vs] == ["问题“执法力量不足”在下一年度安排中没有对应措施，请补充整改措施"]
    _, vs = lint_text("二、存在的问题\n（一）执法力量不足。\n", [rule._replace()])
    assert vs == []


def test_threshold_is_an_option(rule):
    from reportlint.api import lint_text

    text = "二、存在的问题\n（一）执法人员业务能力不强。\n三、下一步工作计划\n（一）加强执法队伍培训。\n"
    assert lint_text(text, [rule])[1] == []
    strict = rule.configured({"threshold": 1.0}, "test")
    assert len(lint_text(text, [strict])[1]) == 1


def test_synonym_groups_need_two_words():
    src = """name: my-pairing
code: XX104
kind: unpaired-problem
severity: warning
message: "{problem}"
synonyms: [[普法]]
"""
    with pytest.raises(ConfigError, match='"synonyms".*each group needs two words'):
        load_rule_text(src, "x.yaml")


# ------------------------------------------------------------------ fixture reports
@pytest.mark.parametrize("name,expected", [
    ("complete_township_2023.txt", []),
    ("county_leader_first_2024.txt", []),
    ("street_unnumbered_2024.txt", []),
    ("township_year_mismatch_2023.txt", []),
    ("township_folded_leader_2022.txt", [(12, 60)]),
    ("traditional_folded_leader_2022.txt", [(12, 60)]),
    ("township_no_causes_2022.txt", [(15, 53)]),
    ("department_missing_plan_2024.txt", []),   # no plan part: required-section says so once
])
def test_fixture_reports(all_rules, name, expected):
    path = REPORTS / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    assert where(path.read_text(encoding="utf-8"), all_rules) == expected


# ------------------------------------------------------------------ seeds
def _seed_found(prefix, all_rules):
    return found(seed(prefix).read_text(encoding="utf-8"), all_rules)


def test_seed_000_village_bodies_unanswered(all_rules):
    assert _seed_found("000", all_rules) == [
        (26, 5, "问题“村级机构不健全”在下一年度安排中没有对应措施（第 32 行“继续加强法治培训、加强普法教育”与之相关，"
                "但没有针对这个问题），请补充整改措施"),
    ]


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_seeds_with_every_problem_answered(all_rules, prefix):
    assert _seed_found(prefix, all_rules) == []


def test_seed_001_inline_problems_each_paired(all_rules):
    text = seed("001").read_text(encoding="utf-8")
    doc, _ = lint_with(text, all_rules, [NAME])
    probs, plans, matrix = doc.cache["unpaired-problem:matrix"]
    assert [doc.position(p.start) for p in probs] == [(25, 3), (25, 28), (25, 61)]
    assert [doc.position(q.start)[0] for q in plans] == [27, 28, 29]
    from reportlint.pairing import best_matches

    # 二是 宣传教育 ↔ 二是 普法; 三是 法治思维…能力 ↔ 三是 法治能力
    assert [j for j, _ in best_matches(matrix)][1:] == [1, 2]


def test_seed_004_legislation_unanswered_traditional(all_rules):
    assert _seed_found("004", all_rules) == [
        (27, 4, "问题“立法體系尚不完善”在下一年度安排中没有对应措施，请补充整改措施"),
    ]


# ------------------------------------------------------------------ laziness
def test_jieba_not_imported_when_the_rule_is_off(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(INLINE, encoding="utf-8")
    code = f"""
import sys
import reportlint.cli
assert "jieba" not in sys.modules
try:
    reportlint.cli.main(["--ignore", "unpaired-problem", "--format", "json", {str(report)!r}])
except SystemExit:
    pass
print("JIEBA", "jieba" in sys.modules)
try:
    reportlint.cli.main(["--select", "unpaired-problem", "--format", "json", {str(report)!r}])
except SystemExit:
    pass
print("JIEBA", "jieba" in sys.modules)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    marks = [ln for ln in proc.stdout.splitlines() if ln.startswith("JIEBA")]
    assert marks == ["JIEBA False", "JIEBA True"]
