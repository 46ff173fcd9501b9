"""repeated-sentence, repeated-paragraph, broken-paragraph, request-in-report, vague-time:
exact positions and messages, on small documents and on the seed reports."""
from __future__ import annotations

import pytest

from conftest import lint_with, seed
from reportlint.normalize import normalize


def found(text, rules, name):
    doc, vs = lint_with(text, rules, [name])
    return [(doc.position(v.start), v.message) for v in vs if v.rule == name]


def lines(text, rules, name):
    doc, vs = lint_with(text, rules, [name])
    return [doc.position(v.start)[0] for v in vs if v.rule == name]


def read(prefix):
    return seed(prefix).read_text(encoding="utf-8")


# ----------------------------------------------------------------------- repeated-sentence
def test_repeated_sentence_expanded_restatement(all_rules):
    text = "标题\n取得了显著成效。现将有关情况报告如下：现将我镇2022年法治政府建设工作有关情况报告如下：\n"
    assert found(text, all_rules, "repeated-sentence") == [
        ((2, 20), "“现将我镇2022年法治政府建设工作有关情…”与紧挨着的前一句重复，请删去一处")]


def test_repeated_sentence_identical_sentences(all_rules):
    text = "我镇全面落实行政执法三项制度。我镇全面落实行政执法三项制度。\n"
    doc, vs = lint_with(text, all_rules, ["repeated-sentence"])
    assert [(doc.position(v.start), doc.position(v.end)) for v in vs] == [((1, 16), (1, 31))]
    assert vs[0].message == "“我镇全面落实行政执法三项制度。”与紧挨着的前一句重复，请删去一处"
    assert [(doc.position(r.start), r.message) for r in vs[0].related] == [((1, 1), "前一处")]


def test_repeated_sentence_reported_once_for_a_repeated_sentence(all_rules):
    # the sentences repeat, and so do their clauses: one finding, not three
    text = "加强组织领导，压实工作责任。加强组织领导，压实工作责任。\n"
    assert lines(text, all_rules, "repeated-sentence") == [1]


@pytest.mark.parametrize("text", [
    "深入贯彻省委全面依法治省工作会议、市委全面依法治市工作会议精神。\n",
    "深化建设项目快速审批，推进简易低风险小型工程建设项目快速审批，助力项目落地。\n",
    "一是加强执法人员培训，二是加强执法人员考核。\n",
    "加强执法人员培训工作，加强执法人员考核工作。\n",
    "现将有关情况报告如下：\n现将有关情况报告如下：\n",     # not in one paragraph: repeated-paragraph's job
    "一是加强，加强。\n",                                   # too short to matter
])
def test_repeated_sentence_parallel_phrases_pass(all_rules, text):
    assert found(text, all_rules, "repeated-sentence") == []


def test_repeated_sentence_traditional_same_as_simplified(all_rules):
    trad = "標題\n取得了顯著成效。現將有關情況報告如下：現將我鎮2022年法治政府建設工作有關情況報告如下：\n"
    assert lines(trad, all_rules, "repeated-sentence") == lines(normalize(trad), all_rules, "repeated-sentence") == [2]


def test_repeated_sentence_seed_003(all_rules):
    assert lines(read("003"), all_rules, "repeated-sentence") == [7]


def test_repeated_sentence_silent_on_other_seeds(all_rules):
    for prefix in ("000", "001", "002", "004"):
        assert lines(read(prefix), all_rules, "repeated-sentence") == [], prefix


# ----------------------------------------------------------------------- repeated-paragraph
def test_repeated_paragraph_heading_and_body(all_rules):
    text = ("一、主要举措和成效\n\n（五）强化法治监督，确保各项任务落到实处。建立健全法治监督机制。\n\n"
            "二、下一年度工作安排\n\n（五）強化法治監督，確保各項任務落到實處。建立健全法治監督機制。\n")
    doc, vs = lint_with(text, all_rules, ["repeated-paragraph"])
    assert [(doc.position(v.start), v.message) for v in vs] == [((7, 1), "本段与第 3 行的段落完全相同，请删去或改写")]
    assert doc.position(vs[0].end) == (7, 33)
    assert [doc.position(r.start) for r in vs[0].related] == [(3, 1)]


def test_repeated_paragraph_ignores_numbering_spaces_and_end_punctuation(all_rules):
    text = ("（二）深化行政执法体制改革，提升行政执法水平。严格执行执法程序。\n"
            "（一） 深化行政执法体制改革，提升行政执法水平。严格执行执法程序\n")
    assert lines(text, all_rules, "repeated-paragraph") == [2]


@pytest.mark.parametrize("text", [
    "附件下载\n关闭\n扫一扫在手机上查看当前页面\n关闭\n",
    "一、主要举措和成效\n（一）强化法治监督\n二、下一年度工作安排\n（一）强化法治监督\n",
    "XX镇2023年法治政府建设情况报告\nXX镇2023年法治政府建设情况报告\n一、主要举措和成效\n",
    "我镇全面落实行政执法三项制度，全年开展普法活动12场。\n我镇全面落实行政执法三项制度，全年开展普法活动13场。\n",
])
def test_repeated_paragraph_pass(all_rules, text):
    assert found(text, all_rules, "repeated-paragraph") == []


def test_repeated_paragraph_seed_004(all_rules):
    assert found(read("004"), all_rules, "repeated-paragraph") == [
        ((75, 1), "本段与第 19 行的段落完全相同，请删去或改写")]


def test_repeated_paragraph_silent_on_other_seeds(all_rules):
    for prefix in ("000", "001", "002", "003"):
        assert lines(read(prefix), all_rules, "repeated-paragraph") == [], prefix


# ----------------------------------------------------------------------- broken-paragraph
def test_broken_paragraph_comma_and_fix(all_rules):
    from reportlint.fix import apply_fixes, applicable

    text = "（3）全面系统学好关于推进依法治国方略的决定，\n\n  深刻领会其实质和要求。\n"
    doc, vs = lint_with(text, all_rules, ["broken-paragraph"])
    assert [(doc.position(v.start), v.message) for v in vs] == [
        ((1, 23), "段落在“方略的决定，”处断开，第 3 行是它的后半句，请连成一段")]
    fixed, n = apply_fixes(text, applicable(vs))
    assert (fixed, n) == ("（3）全面系统学好关于推进依法治国方略的决定，深刻领会其实质和要求。\n", 1)
    assert lint_with(fixed, all_rules, ["broken-paragraph"])[1] == []


def test_broken_paragraph_no_punctuation(all_rules):
    text = ("我镇坚持以“依法治理、居民自治、民主管理”的基层普法依法治理工作模式，通过层层试点的方式，在全镇\n"
            "\n稳步推进“民主法治村”创建工作。\n")
    assert found(text, all_rules, "broken-paragraph") == [
        ((1, 48), "段落在“方式，在全镇”处断开，第 3 行是它的后半句，请连成一段")]


def test_broken_paragraph_keeps_space_between_latin(all_rules):
    from reportlint.fix import apply_fixes, applicable

    text = "我镇开通了法律服务热线，群众可以通过微信公众号、网站和移动客户端 APP\nStore 下载使用，十分便捷。\n"
    _, vs = lint_with(text, all_rules, ["broken-paragraph"])
    assert applicable(vs) == []   # no end punctuation: the join is a suggestion, not a safe fix
    assert apply_fixes(text, applicable(vs, unsafe=True))[0] == \
        "我镇开通了法律服务热线，群众可以通过微信公众号、网站和移动客户端 APP Store 下载使用，十分便捷。\n"


@pytest.mark.parametrize("text", [
    "一、主要举措和成效\n（一）强化组织领导，推进法治政府建设\n我镇成立了法治政府建设领导小组。\n",
    "XX区依法治区委员会办公室：\n现将我镇2023年法治政府建设情况报告如下：\n一、主要举措和成效\n",
    "存在以下问题：\n一是学法不够。\n",
    "全年开展普法宣传活动12场，发放宣传资料3000余份，受众群众5000余人\n一是加强学习。\n",
    "全年开展普法宣传活动12场，发放宣传资料3000余份，受众群众5000余人\n（一）加强学习\n",
    "XX镇人民政府\n2021 年 1 月 10 日\n",
    "我镇将继续深入推进法治政府建设，为全镇经济社会高质量发展提供坚实法治保障\n太安镇人民政府\n2021年1月10日\n",
    "来源:泰宁县下渠镇人民政府办公室 时间:2024-02-06 09:33 浏览次数:1234\n2023年，我镇深入推进法治政府建设。\n",
    "我镇全年开展普法宣传活动12场，发放宣传资料3000余份，受众群众5000余人，\n",   # the last paragraph
    "我镇全年开展普法宣传活动12场，发放宣传资料3000余份，\n<!-- reportlint-disable-next-line -->\n受众群众5000余人。\n",
])
def test_broken_paragraph_pass(all_rules, text):
    assert found(text, all_rules, "broken-paragraph") == []


def test_broken_paragraph_seed_002(all_rules):
    assert lines(read("002"), all_rules, "broken-paragraph") == [15, 23, 37, 73]


def test_broken_paragraph_silent_on_other_seeds(all_rules):
    for prefix in ("000", "001", "003", "004"):
        assert lines(read(prefix), all_rules, "broken-paragraph") == [], prefix


# ----------------------------------------------------------------------- request-in-report
def test_request_in_report(all_rules):
    text = "以上是我镇2023年法治政府建设情况。\n妥否，請批示。\n"
    assert found(text, all_rules, "request-in-report") == [
        ((2, 1), "报告中不能夹带请示事项（“妥否”），请删去；需要上级批准的事项应另行请示"),
        ((2, 4), "报告中不能夹带请示事项（“請批示”），请删去；需要上级批准的事项应另行请示")]


@pytest.mark.parametrize("text", ["经县政府批准，我镇设立了工作站。\n", "我镇报请县政府批准后实施。\n",
                                  "我镇向县司法局申请批准设立调解委员会。\n", "以上报告，请予审议。\n"])
def test_request_in_report_narration_passes(all_rules, text):
    assert found(text, all_rules, "request-in-report") == []


def test_request_in_report_silent_on_seeds(all_rules):
    for prefix in ("000", "001", "002", "003", "004"):
        assert lines(read(prefix), all_rules, "request-in-report") == [], prefix


# ----------------------------------------------------------------------- vague-time
def test_vague_time(all_rules):
    text = "今年以来，我镇组织学法。\n近幾年來，我鎮持續創建。2019年以来，我镇持续创建。\n"
    assert found(text, all_rules, "vague-time") == [
        ((1, 1), "“今年以来”时间不明确，年度报告请写明具体年份"),
        ((2, 1), "“近幾年來”时间不明确，年度报告请写明具体年份")]


def test_vague_time_seed_003(all_rules):
    assert lines(read("003"), all_rules, "vague-time") == [14, 15, 24]


def test_broken_paragraph_not_in_markdown(all_rules):
    from reportlint.api import lint_text

    text = "我镇坚持以“依法治理、居民自治、民主管理”的工作模式，通过层层试点的方式，在全镇\n稳步推进创建工作。\n"
    rules = [r for r in all_rules if r.name == "broken-paragraph"]
    assert [v.rule for v in lint_text(text, rules, "draft.txt")[1]] == ["broken-paragraph"]
    assert lint_text(text, rules, "notes.md")[1] == []
