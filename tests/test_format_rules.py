"""Official-document format rules (issue 4, part 1): exact positions, messages and fixes.

heading-numbering, halfwidth-punctuation, cjk-digit-space, fazhi-term, year-range-dash,
date-format, placeholder, web-residue."""
from __future__ import annotations

import pytest

from conftest import lint_with, seed
from reportlint.fix import apply_fixes, applicable, fix_until_stable
from reportlint.normalize import normalize

MINE = ("heading-numbering", "halfwidth-punctuation", "cjk-digit-space", "fazhi-term",
        "year-range-dash", "date-format", "placeholder", "web-residue")


def found(text, rules, name):
    doc, vs = lint_with(text, rules, [name])
    return [(*doc.position(v.start), v.message) for v in vs if v.rule == name]


def lines(text, rules, name):
    return [ln for ln, _, _ in found(text, rules, name)]


def fixed(text, rules, name, unsafe=False):
    from reportlint.api import lint_text

    chosen = [r for r in rules if r.name == name]
    new, _, _ = fix_until_stable(text, lambda t: lint_text(t, chosen)[1], unsafe=unsafe)
    return new


# ------------------------------------------------------------------ heading-numbering
def test_heading_wrong_punct_after_arabic(all_rules):
    text = "一、主要举措\n（一）强化组织领导\n1.落实责任。\n2.强化领导。\n3、强化经费保障。\n"
    assert found(text, all_rules, "heading-numbering") == [(5, 1, "序号“3、”不规范，应写作“3.”")]
    assert fixed(text, all_rules, "heading-numbering").splitlines()[4] == "3.强化经费保障。"


def test_heading_halfwidth_bracket_and_extra_punct(all_rules):
    text = "一.主要举措\n(一)强化组织领导\n（二）、强化普法\n"
    assert found(text, all_rules, "heading-numbering") == [
        (1, 1, "序号“一.”不规范，应写作“一、”"),
        (2, 1, "序号“(一)”应使用全角括号，写作“（一）”"),
        (3, 1, "括号序号后不加标点，“（二）、”应写作“（二）”"),
    ]
    assert fixed(text, all_rules, "heading-numbering") == "一、主要举措\n（一）强化组织领导\n（二）强化普法\n"


def test_heading_half_paren_and_fullwidth_stop(all_rules):
    text = "一、主要举措\n一)强化组织领导\n1．落实责任。\n2．强化领导。\n"
    assert found(text, all_rules, "heading-numbering") == [
        (2, 1, "序号“一)”应使用全角括号，写作“（一）”")]


def test_heading_skip_repeat_start(all_rules):
    text = "一、主要举措\n二、存在问题\n四、工作计划\n四、其他\n"
    assert found(text, all_rules, "heading-numbering") == [
        (3, 1, "序号“四、”跳号：上一个同级序号是“二、”，这里应为“三”"),
        (4, 1, "序号“四、”与前面的同级序号“四、”重复或倒序，这里应为“五”"),
    ]
    assert found("二、主要举措\n三、存在问题\n", all_rules, "heading-numbering") == [
        (1, 1, "同级标题从“二、”开始，应从“一”开始编号")]


def test_heading_restart_under_new_parent_is_fine(all_rules):
    text = ("一、主要举措\n（一）组织领导\n1.落实责任。\n2.强化领导。\n（二）普法宣传\n1.宪法宣传。\n"
            "二、下一步安排\n（一）队伍建设\n（二）普法宣传\n")
    assert found(text, all_rules, "heading-numbering") == []


def test_heading_order(all_rules):
    text = "（一）强化组织领导\n（二）强化普法\n一、主要举措\n二、存在问题\n"
    assert found(text, all_rules, "heading-numbering") == [
        (1, 1, "标题“（一）”出现在第一个“一、”级标题之前，层级顺序颠倒，请调整")]


def test_heading_numbers_in_body_are_not_headings(all_rules):
    text = "一、主要举措\n3.15消费者权益日开展宣传，推进改革3.0版本，12.4宪法日活动。\n二、存在的问题：\n"
    assert found(text, all_rules, "heading-numbering") == []


def test_seed_002_heading_numbering():
    from reportlint.loader import load_rules

    text = seed("002").read_text(encoding="utf-8")
    assert found(text, load_rules(), "heading-numbering") == [(19, 1, "序号“3、”不规范，应写作“3.”")]


# ------------------------------------------------------------------ halfwidth-punctuation
def test_halfwidth_between_han(all_rules):
    text = "开展“法律进农村”等活动,切实推动法治。\n实现21个村(居)委会全覆盖。主要问题如下:\n"
    assert found(text, all_rules, "halfwidth-punctuation") == [
        (1, 13, "中文之间应使用全角标点“，”，不用半角“,”"),
        (2, 7, "中文之间应使用全角标点“（居）”，不用半角“(居)”"),
        (2, 22, "中文之间应使用全角标点“：”，不用半角“:”"),
    ]
    assert fixed(text, all_rules, "halfwidth-punctuation") == \
        "开展“法律进农村”等活动，切实推动法治。\n实现21个村（居）委会全覆盖。主要问题如下：\n"


def test_halfwidth_traps(all_rules):
    text = ("发放资料1,000余份，详见 http://www.example.gov.cn/a?id=1,2 。\n"
            "采用 PDCA (Plan, Do, Check, Act) 方法。\n"
            "(一)强化组织领导，推进法治政府建设\n"
            "发布时间:2024-02-06 09:33\n")
    assert found(text, all_rules, "halfwidth-punctuation") == []


def test_seed_003_halfwidth():
    from reportlint.loader import load_rules

    text = seed("003").read_text(encoding="utf-8")
    assert [(ln, col) for ln, col, _ in found(text, load_rules(), "halfwidth-punctuation")] == [(16, 63), (16, 74)]


# ------------------------------------------------------------------ cjk-digit-space
def test_cjk_digit_space(all_rules):
    text = "太安镇关于 2020 年法治政府建设工作的报告\n发布时间:2025-04-11 16:33 信息来源:XX\n2021 年 1 月 10 日\n"
    assert [(ln, col) for ln, col, _ in found(text, all_rules, "cjk-digit-space")] == [
        (1, 6), (1, 11), (3, 5), (3, 7), (3, 9), (3, 11), (3, 14)]
    assert found(text, all_rules, "cjk-digit-space")[0][2] == "汉字与数字之间不应有空格，请删去"
    new = fixed(text, all_rules, "cjk-digit-space")
    assert new.splitlines()[0] == "太安镇关于2020年法治政府建设工作的报告"
    assert new.splitlines()[2] == "2021年1月10日"
    assert new.splitlines()[1] == "发布时间:2025-04-11 16:33 信息来源:XX"


def test_seed_002_cjk_digit_space():
    from reportlint.loader import load_rules

    text = seed("002").read_text(encoding="utf-8")
    got = lines(text, load_rules(), "cjk-digit-space")
    assert 3 in got and 79 in got
    assert set(got) == {3, 5, 33, 37, 79}


# ------------------------------------------------------------------ fazhi-term
def test_fazhi_term(all_rules):
    text = "（三）深化法制教育，强化依法行政意识\n落实法制审核制度，发挥法制机构作用，完善学法制度、述法制度。\n"
    assert found(text, all_rules, "fazhi-term") == [
        (1, 6, "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对")]
    _, vs = lint_with(text, all_rules, ["fazhi-term"])
    assert vs[0].fix is not None and not vs[0].fix.safe   # a suggestion, not applied by --fix
    assert fixed(text, all_rules, "fazhi-term") == text
    assert fixed(text, all_rules, "fazhi-term", unsafe=True).startswith("（三）深化法治教育")


@pytest.mark.parametrize("prefix,report,silent", [
    ("000", [], [14]),
    ("002", [17, 27, 41], [75]),
    ("003", [26, 27, 31], [13]),
])
def test_seed_fazhi_term(prefix, report, silent):
    from reportlint.loader import load_rules

    got = lines(seed(prefix).read_text(encoding="utf-8"), load_rules(), "fazhi-term")
    assert all(n in got for n in report)
    assert not any(n in got for n in silent)


# ------------------------------------------------------------------ year-range-dash
def test_year_range_dash(all_rules):
    text = ("学习《纲要（2021-2025年）》和（2021~2025年）规划，《纲要（20212025年）》，2023–2025年，"
            "2021年-2025年。\n2019年以来，（2021—2025年）。\n")
    got = found(text, all_rules, "year-range-dash")
    assert [(ln, col) for ln, col, _ in got] == [(1, 7), (1, 21), (1, 39), (1, 51), (1, 62)]
    assert got[0][2] == "年份范围“2021-2025”应使用一字线“—”，写作“2021—2025”"
    assert got[4][2] == "年份范围“2021年-2025年”应使用一字线“—”，写作“2021年—2025年”"
    new = fixed(text, all_rules, "year-range-dash")
    assert new.count("2021—2025年") == 4 and "2023—2025年" in new and "2021年—2025年" in new


# ------------------------------------------------------------------ date-format
def test_date_format(all_rules):
    text = "XX镇2023年法治政府建设情况报告\n正文。\nXX镇人民政府\n2024年01月05日\n"
    assert found(text, all_rules, "date-format") == [
        (4, 1, "日期“2024年01月05日”的月、日不编虚位（不补 0），应写作“2024年1月5日”")]
    assert fixed(text, all_rules, "date-format").endswith("\n2024年1月5日\n")


def test_date_format_variants(all_rules):
    text = "XX镇2023年法治政府建设情况报告\n正文。\n二〇二四年一月五日\n24年1月5日\n2024-01-05\n"
    assert found(text, all_rules, "date-format") == [
        (3, 1, "成文日期“二〇二四年一月五日”应使用阿拉伯数字，写作“2024年1月5日”"),
        (4, 1, "日期“24年1月5日”的年份不能简写，应写作“2024年1月5日”"),
        (5, 1, "成文日期“2024-01-05”应写作“2024年1月5日”"),
    ]
    # without a report year, 24年 cannot be completed for sure: reported, not fixed
    doc, vs = lint_with("24年1月5日\n", all_rules, ["date-format"])
    assert [v.message for v in vs] == ["日期“24年1月5日”的年份不能简写，请写出完整的四位年份"]
    assert vs[0].fix is None


def test_date_format_body_and_web_lines(all_rules):
    text = ("来源:泰宁县下渠镇 时间:2024-02-06 09:33\n日期:2023年05月11日\n"
            "我镇于2020年01月05日召开专题会议。\n2021 年 1 月 10 日\n")
    assert found(text, all_rules, "date-format") == [
        (2, 4, "日期“2023年05月11日”的月、日不编虚位（不补 0），应写作“2023年5月11日”")]


# ------------------------------------------------------------------ placeholder
def test_placeholder(all_rules):
    text = "XX镇2023年度法治政府建设情况报告\n全年开展活动*次，办理案件××件。\n20XX年X月X日\n"
    assert found(text, all_rules, "placeholder") == [
        (1, 1, "模板占位符“XX”没有替换，请填写实际内容"),
        (2, 7, "模板占位符“*”没有替换，请填写实际内容"),
        (2, 14, "模板占位符“××”没有替换，请填写实际内容"),
        (3, 1, "模板占位符“20XX”没有替换，请填写实际内容"),
        (3, 6, "模板占位符“X”没有替换，请填写实际内容"),
        (3, 8, "模板占位符“X”没有替换，请填写实际内容"),
    ]


def test_placeholder_traps(all_rules):
    text = "详见 www.xx.gov.cn 和 XXL 号设备。\n办理张某某诉镇政府案件1件，开展活动15次。\n"
    assert found(text, all_rules, "placeholder") == []
    assert lines("某某镇人民政府\n", all_rules, "placeholder") == [1]


# ------------------------------------------------------------------ web-residue
def test_web_residue_footer_and_fix(all_rules):
    text = ("XX镇2023年度法治政府建设情况报告\n一、主要举措\n加强普法。\n\n附件下载\n\n"
            "扫一扫在手机上查看当前页面\n\n关闭")
    assert found(text, all_rules, "web-residue") == [
        (5, 1, "网页残留“附件下载”，请删去这一行"),
        (7, 1, "网页残留“扫一扫在手机上查看当前页面”，请删去这一行"),
        (9, 1, "网页残留“关闭”，请删去这一行"),
    ]
    new = fixed(text, all_rules, "web-residue")
    assert new == "XX镇2023年度法治政府建设情况报告\n一、主要举措\n加强普法。\n"
    assert found(new, all_rules, "web-residue") == []


def test_web_residue_title_suffix_and_site_footer(all_rules):
    text = ("小王庄镇2023年法治政府建设情况报告 |\n一、主要举措\n加强普法。\n"
            "主办单位:天津市滨海新区人民政府办公室\n网站标识码:1201160001\n")
    assert found(text, all_rules, "web-residue") == [
        (1, 20, "标题末尾的“ |”是网页残留，请删去"),
        (4, 1, "网页残留“主办单位:天津市滨海新区人民政府办公室”，请删去这一行"),
        (5, 1, "网页残留“网站标识码:1201160001”，请删去这一行"),
    ]
    assert fixed(text, all_rules, "web-residue") == "小王庄镇2023年法治政府建设情况报告\n一、主要举措\n加强普法。\n"


def test_web_residue_lone_word_in_body_is_fine(all_rules):
    body = "\n".join(f"第{k}段正文内容。" for k in range(10))
    text = f"XX镇2023年度法治政府建设情况报告\n关闭\n{body}\n依法关闭不达标企业3家。\n"
    assert found(text, all_rules, "web-residue") == []


@pytest.mark.parametrize("prefix,expected", [("000", [38, 40, 42]), ("001", [1, 30, 31, 32])])
def test_seed_web_residue(prefix, expected):
    from reportlint.loader import load_rules

    assert lines(seed(prefix).read_text(encoding="utf-8"), load_rules(), "web-residue") == expected


# ------------------------------------------------------------------ across the rules
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_fixes_are_idempotent_and_script_neutral(prefix, all_rules):
    from reportlint.api import lint_text

    rules = [r for r in all_rules if r.name in MINE]
    text = seed(prefix).read_text(encoding="utf-8")
    new, n, _ = fix_until_stable(text, lambda t: lint_text(t, rules)[1])
    _, after = lint_text(new, rules)
    assert [v for v in after if v.fix is not None and v.fix.safe] == []
    # one more pass changes nothing
    assert apply_fixes(new, applicable(after))[1] == 0
    # traditional script gives the same findings at the same places as its simplified form
    _, a = lint_text(text, rules)
    _, b = lint_text(normalize(text, width=False), rules)
    assert [(v.rule, v.start, v.end) for v in a] == [(v.rule, v.start, v.end) for v in b]


def test_traditional_script(all_rules):
    text = "（三）深化法制教育，強化依法行政意識\n緊緊抓農村法制宣傳教育\n"
    assert lines(text, all_rules, "fazhi-term") == [1, 2]
    assert lines("掃一掃在手機上查看當前頁面\n", all_rules, "web-residue") == [1]


def test_halfwidth_brackets_fix_keeps_latin_text_inside_as_written(all_rules):
    """The fix for a half-width bracket pair changes the brackets only: a comma between
    Latin words inside stays half-width; the message quotes short content, elides long."""
    from reportlint.fix import apply_fixes

    text = "全年开展(PDCA, Plan)活动，另开展(普法)活动。\n"
    _, found = lint_with(text, all_rules, ["halfwidth-punctuation"])
    assert [(v.start, v.end, v.message) for v in found] == [
        (4, 16, "中文之间应使用全角标点“（…）”，不用半角“(…)”"),
        (22, 26, "中文之间应使用全角标点“（普法）”，不用半角“(普法)”")]
    fixed, n = apply_fixes(text, [v.fix for v in found])
    assert (fixed, n) == ("全年开展（PDCA, Plan）活动，另开展（普法）活动。\n", 2)
