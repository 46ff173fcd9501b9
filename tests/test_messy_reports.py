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


# ------------------------------------------------------------------ titles, years, dates under the title
def reading(text: str):
    d = Document(text)
    return (d.title.text if d.title else None, d.report_year,
            (d.issuer.name, d.issuer.kind) if d.issuer else None,
            [(d.position(x.start)[0], x.role, x.what, d.text[x.start:x.end]) for x in d.dates])


def test_a_title_may_name_a_summary_or_a_briefing():
    """工作总结 and 情况汇报 name a report as 报告 does (data/titles.yaml)."""
    assert reading("青石镇2023年度法治政府建设工作总结\n2023年，我镇坚持依法行政。\n") == (
        "青石镇2023年度法治政府建设工作总结", 2023, ("青石镇", "government"), [])
    assert reading("青石鎮2023年度法治政府建設工作總結\n2023年，我鎮堅持依法行政。\n") == (
        "青石鎮2023年度法治政府建設工作總結", 2023, ("青石鎮", "government"), [])
    assert reading("关于2022年度法治政府建设工作情况的汇报\n县政府：\n现将我局2022年度法治政府建设工作情况汇报如下：\n"
                   )[:2] == ("关于2022年度法治政府建设工作情况的汇报", 2022)


def test_a_flattened_title_ends_at_its_last_word_before_the_text():
    """A title run onto one line with the text after it ends, at a space, after 总结 … 打算."""
    assert reading("青石镇2023年法治建设工作总结和2024年工作打算 2023年，我镇坚持依法行政，完善制度。")[:3] == (
        "青石镇2023年法治建设工作总结和2024年工作打算", 2023, ("青石镇", "government"))


def test_a_title_whose_first_line_is_the_issuer():
    assert reading("云岭县林业局\n2024年度法治政府建设情况报告\n2024年，我局坚持依法行政。\n") == (
        "云岭县林业局2024年度法治政府建设情况报告", 2024, ("云岭县林业局", "department"), [])


def test_the_report_year_in_chinese_numerals():
    assert reading("二〇二四年，我局坚持依法行政，完善制度。\n一、主要举措和成效\n完善制度。\n")[1] == 2024
    assert reading("二〇二三年度法治政府建设情况报告\n我局坚持依法行政。\n")[:2] == ("二〇二三年度法治政府建设情况报告", 2023)


def test_a_date_after_a_dash_under_the_title_is_the_reports_date():
    text = ("云州市2024年法治政府建设情况报告\n——2025年2月26日在市第五届人民代表大会常务委员会第二十一次会议上\n"
            "市人大常委会：\n现将情况报告如下。\n")
    assert reading(text)[3] == [(2, "signed", "报告", "2025年2月26日")]


# ------------------------------------------------------------------ web chrome (data/chrome.yaml)
def residue(text, all_rules, names=("web-residue", "publication-date", "date-format")):
    doc, vs = lint_with(text, all_rules, set(names))
    dates = [(doc.position(d.start)[0], d.role, d.label, doc.text[d.start:d.end]) for d in doc.dates]
    return dates, [(v.rule, locate(doc, v.start, v.end).line, locate(doc, v.start, v.end).column, v.message)
                   for v in vs]


def test_a_modern_sites_chrome(all_rules):
    """A greeting, accessibility and script switches, a >> breadcrumb, 【label】value fields,
    button words joined by bars, a share prompt."""
    text = read("web_chrome_accessibility_2023.txt") + "微信扫码分享给好友\n"
    assert residue(text, all_rules) == ([(5, "published", "发布日期", "2024-03-19")], [
        ("web-residue", 1, 1, "网页残留“欢迎访问青石县人民政府门户网站！”，请删去这一行"),
        ("web-residue", 2, 1, "网页残留“无障碍浏览\u3000关怀模式\u3000简体|繁體”，请删去这一行"),
        ("web-residue", 3, 1, "网页残留“您现在的位置：首页>>政务公开>>法治政府建设”，请删去这一行"),
        ("web-residue", 5, 18, "网页残留“【浏览次数】208”，请删去"),
        ("web-residue", 9, 1, "网页残留“返回顶部 | 打印 | 关闭”，请删去这一行"),
        ("web-residue", 11, 1, "网页残留“微信扫码分享给好友”，请删去这一行"),
    ])


def test_several_fields_in_one_pair_of_brackets(all_rules):
    text = ("青石县2023年度法治政府建设情况报告\n【信息时间：2024-03-28 09:15　点击数：　】【打印】【关闭】\n"
            "2023年，县政府坚持依法行政。\n")
    assert residue(text, all_rules) == ([(2, "published", "信息时间", "2024-03-28")], [
        ("web-residue", 2, 24, "网页残留“点击数：\u3000】”，请删去"),
        ("web-residue", 2, 30, "网页残留“【打印】【关闭】”，请删去"),
    ])


def test_an_unlabelled_date_opening_a_line_of_fields_is_the_pages_date(all_rules):
    text = "青石县司法局2023年法治政府建设工作情况报告\n2024-04-11　　来源：县司法局\n2023年，我局坚持依法行政。\n"
    assert residue(text, all_rules) == ([(2, "published", "", "2024-04-11")], [
        ("publication-date", 2, 1, "发布日期2024-04-11晚于2024年4月1日：2023年度的报告应在2024年4月1日前公开，请核对或说明"),
    ])


def test_a_sentence_about_the_site_is_no_chrome(all_rules):
    text = ("青石县2023年度法治政府建设情况报告\n2023年，县政府欢迎访问政府网站的群众留言，"
            "开通无障碍浏览功能，打印本页内容的群众可到窗口领取。\n")
    assert residue(text, all_rules) == ([], [])


# ------------------------------------------------------------------ headings inside a flattened line
FLAT = ("青石县林业局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。现将情况报告如下： 一、主要举措和成效 "
        "(一)健全依法决策机制 1.完善决策程序。重大决策全部经过合法性审查。 2.推行法律顾问制度。聘请法律顾问2名。 "
        "(二)规范行政执法 (1)落实三项制度。执法公示率100%。 (2)开展案卷评查。评查案卷56卷。 "
        "二、存在的不足和原因 执法人员不足，主要是编制紧张。 三、2024年工作安排 充实执法力量。")


def test_arabic_headings_inside_a_flattened_body():
    """1. and （1） inside a line are headings when the line is a flattened body (it holds inline
    一、 or （一） headings) and they continue the numbering."""
    d = Document(FLAT)
    assert [(h.level, h.number, h.text, h.inline, d.position(h.start)) for h in d.headings] == [
        (1, 1, "主要举措和成效", True, (2, 26)), (2, 1, "健全依法决策机制", True, (2, 36)),
        (3, 1, "完善决策程序", True, (2, 48)), (3, 2, "推行法律顾问制度", True, (2, 72)),
        (2, 2, "规范行政执法", True, (2, 93)), (4, 1, "落实三项制度", True, (2, 103)),
        (4, 2, "开展案卷评查", True, (2, 124)), (1, 2, "存在的不足和原因", True, (2, 143)),
        (1, 3, "2024年工作安排", True, (2, 170))]
    assert [p.kind for p in d.parts] == ["measures", "shortcomings", "plan"]


def test_numbers_in_running_text_are_no_headings():
    """Without inline 一、/（一） headings on the line, 1.5万件 or （1）号文件 stay text."""
    d = Document("青石县2023年度法治政府建设情况报告\n2023年，全县办理案件 1.5万件，同比增长 2.3%。 1.复议案件12件。"
                 " (1)号文件已废止。\n一、主要举措和成效\n完善制度。\n")
    assert [(h.level, h.text, h.inline) for h in d.headings] == [(1, "主要举措和成效", False)]


# ------------------------------------------------------------------ signature and date at the end of a line
SIGNED_FLAT = ("青石街道2024年度法治政府建设情况报告 2024年，我街道坚持依法行政。 一、主要举措和成效 完善制度。 "
               "二、存在的不足和原因 人员不足，主要是编制紧张。 三、2025年工作安排 组建法律服务志愿者队伍。"
               "青石街道办事处 2025年3月20日")
SIGNED_LINE = ("青石县林业局2024年度法治政府建设情况报告\n2024年，我局坚持依法行政。\n一、主要举措和成效\n完善制度。\n"
               "二、存在的不足和原因\n人员不足，主要是编制紧张。\n三、2025年工作安排\n充实执法力量。\n青石县林业局 2025年3月8日\n")


def tail_reading(text, all_rules):
    doc, vs = lint_with(text, all_rules, {"cjk-digit-space", "publication-date"})
    return ([doc.text[p.start:p.end] for p in doc.paragraphs][-2:],
            [(d.role, doc.text[d.start:d.end], doc.position(d.start)) for d in doc.dates],
            [(v.rule, locate(doc, v.start, v.end).line, locate(doc, v.start, v.end).column, v.message) for v in vs])


def test_a_signature_and_its_date_on_a_flattened_line_are_paragraphs_of_their_own(all_rules):
    """The space between a signature and its date is no space between a Chinese word and a digit."""
    assert tail_reading(SIGNED_FLAT, all_rules) == (
        ["青石街道办事处", "2025年3月20日"], [("signed", "2025年3月20日", (1, 112))], [])


def test_a_signature_line_with_its_date_after_a_space(all_rules):
    assert tail_reading(SIGNED_LINE, all_rules) == (["青石县林业局", "2025年3月8日"], [("signed", "2025年3月8日", (9, 8))], [
        ("publication-date", 9, 8, "落款日期2025年3月8日晚于2025年3月1日：部门的2024年度报告应在2025年3月1日前报送本级政府，请核对或说明")])


def test_a_sentence_ending_in_a_name_and_a_date_is_no_signature(all_rules):
    text = SIGNED_LINE.replace("青石县林业局 2025年3月8日\n", "执法培训由青石县林业局 2025年3月8日组织。\n")
    assert tail_reading(text, all_rules)[0] == ["充实执法力量。", "执法培训由青石县林业局 2025年3月8日组织。"]


# ------------------------------------------------------------------ the last part ends before the closing furniture
CLOSED = ("青石县林业局2024年度法治政府建设情况报告\n2024年，我局坚持依法行政。\n一、主要举措和成效\n完善制度。\n"
          "二、2025年工作安排\n充实执法力量。\n\n附件：1.执法人员名单\n青石县林业局\n2025年3月8日\n"
          "主办单位：青石县人民政府办公室\n")


def part_ends(text):
    d = Document(text)
    return [(p.kind, d.position(p.start), d.position(p.end), d.text[p.start:p.end].rstrip("\n").rsplit("\n", 1)[-1])
            for p in d.parts]


def test_the_last_part_ends_before_attachments_signature_date_and_page_footer():
    assert part_ends(CLOSED) == [("measures", (3, 1), (5, 1), "完善制度。"),
                                 ("plan", (5, 1), (8, 1), "充实执法力量。")]


def test_the_last_part_ends_before_a_signature_cut_from_a_flattened_line():
    assert part_ends(SIGNED_FLAT)[-1] == ("plan", (1, 80), (1, 104), "三、2025年工作安排 组建法律服务志愿者队伍。")


def test_text_after_the_signature_keeps_the_part_to_the_end():
    """Only what closes the report is cut off: a sentence after the signature is still the part's."""
    text = CLOSED.replace("主办单位：青石县人民政府办公室\n", "以上报告，请审议。\n")
    assert part_ends(text)[-1] == ("plan", (5, 1), (12, 1), "以上报告，请审议。")
