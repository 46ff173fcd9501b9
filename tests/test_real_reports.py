"""Reports as they really come (issue 10, and issue 12 item 1): metadata blocks, no title,
flattened text, run-in headings, the title repeated around the page's chrome, departments and
their deadlines, web chrome, 法制 false positives, unpaired-problem messages.

Fixtures: tests/fixtures/realistic/ (README.md there says what each one is). Every finding of
the mission, date and residue rules is asserted exactly, and the model's reading of each file.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import lint_with, run_cli
from reportlint.model import Document
from reportlint.violation import locate

REAL = Path(__file__).parent / "fixtures" / "realistic"

MINE = {"required-section", "first-responsible-section", "missing-causes", "unpaired-problem", "duplicate-heading",
        "year-mismatch", "publication-date", "date-format", "web-residue", "fazhi-term"}

FIRST_RESPONSIBLE_MISSING = "报告未写党政主要负责人履行推进法治建设第一责任人职责的情况，请单列一部分报告"
DEPT_LATE = "落款日期{}晚于{}：部门的{}年度报告应在{}前报送本级政府，请核对或说明"

EXPECTED = {
    "metadata_block_department_2023.txt": [
        ("publication-date", 24, 1, DEPT_LATE.format("2024年3月12日", "2024年3月1日", 2023, "2024年3月1日")),
    ],
    "traditional_metadata_block_2023.txt": [
        ("publication-date", 24, 1, DEPT_LATE.format("2024年3月12日", "2024年3月1日", 2023, "2024年3月1日")),
    ],
    "metadata_table_cells_2024.txt": [
        ("publication-date", 12, 1, "发布日期2025-04-09晚于2025年4月1日：2024年度的报告应在2025年4月1日前公开，请核对或说明"),
    ],
    "no_title_addressee_2022.txt": [
        ("first-responsible-section", 1, 1, FIRST_RESPONSIBLE_MISSING),
        ("web-residue", 1, 1, "网页残留“今天是：2021年3月5日 星期五”，请删去这一行"),
        ("missing-causes", 8, 1, "“存在的问题”部分列了问题但没有分析原因，请逐条写明问题产生的原因"),
    ],
    "cited_plan_no_title_2023.txt": [
        ("first-responsible-section", 1, 1, FIRST_RESPONSIBLE_MISSING),
    ],
    "flattened_web_one_line_2023.txt": [
        ("web-residue", 1, 1, "网页残留“您当前所在位置：首页 > 信息公开 > 法治政府建设”，请删去"),
        ("web-residue", 1, 76, "网页残留“【字体：大 中 小】”，请删去"),
        ("web-residue", 1, 461, "网页残留“【打印】【关闭】”，请删去"),
    ],
    "traditional_flattened_web_2023.txt": [
        ("web-residue", 1, 1, "网页残留“您當前所在位置：首頁 > 信息公開 > 法治政府建設”，请删去"),
        ("web-residue", 1, 76, "网页残留“【字體：大 中 小】”，请删去"),
        ("web-residue", 1, 461, "网页残留“【打印】【關閉】”，请删去"),
    ],
    "flattened_pdf_department_2024.txt": [
        ("publication-date", 5, 10, DEPT_LATE.format("2025年3月6日", "2025年3月1日", 2024, "2025年3月1日")),
    ],
    "run_in_parts_county_2024.txt": [],
    "title_repeated_after_chrome_2023.txt": [
        ("web-residue", 1, 23, "标题末尾的“_青溪县人民政府门户网站”是网页残留，请删去"),
        ("web-residue", 2, 1, "网页残留“首页 > 政务公开 > 部门信息公开 > 青溪县司法局”，请删去这一行"),
        ("web-residue", 3, 18, "网页残留“浏览量：312”，请删去"),
        ("web-residue", 4, 1, "网页残留“分享到：微信 微博 QQ空间”，请删去这一行"),
        ("duplicate-heading", 5, 1, "标题“青溪县司法局2023年度法治政府建设情况报告”与第 1 行重复，请改写或删去"),
    ],
    "congress_bracket_date_2024.txt": [
        ("publication-date", 2, 2, "报告日期2025年5月28日晚于2025年4月1日：2024年度的报告应在2025年4月1日前公开，请核对或说明"),
    ],
    "december_publication_spaced_time_2024.txt": [
        ("first-responsible-section", 1, 1, FIRST_RESPONSIBLE_MISSING),
        ("publication-date", 2, 20, "发布日期2024- 12- 26时，2024年尚未结束：年度报告应在2025年1月1日至2025年4月1日之间"
                                    "形成并公开，请核对日期"),
    ],
    "late_publication_hour_minute_2024.txt": [
        ("publication-date", 2, 6, "发布日期2025年04月19日晚于2025年4月1日：2024年度的报告应在2025年4月1日前公开，请核对或说明"),
        ("date-format", 2, 6, "日期“2025年04月19日”的月、日不编虚位（不补 0），应写作“2025年4月19日”"),
    ],
    "web_chrome_township_2024.txt": [
        ("web-residue", 1, 1, "网页残留“您当前所在位置:首页>政务公开>法定主动公开内容>法治政府建设”，请删去这一行"),
        ("web-residue", 3, 30, "网页残留“点击率:”，请删去"),
        ("web-residue", 4, 1, "网页残留“【字体：大 中 小】”，请删去这一行"),
        ("web-residue", 4, 11, "网页残留“【打印】【关闭】”，请删去这一行"),
        ("web-residue", 5, 1, "网页残留“语音播报”，请删去这一行"),
        ("web-residue", 6, 1, "网页残留“| | |”，请删去这一行"),
        ("web-residue", 22, 1, "网页残留“浏览次数:208”，请删去这一行"),
        ("web-residue", 23, 1, "网页残留“分享到:”，请删去这一行"),
        ("web-residue", 24, 1, "网页残留“【打印】【关闭】”，请删去这一行"),
    ],
    "fazhi_terms_township_2023.txt": [
        ("fazhi-term", 6, 6, "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"),
        ("fazhi-term", 6, 38, "“法制法规”疑为“法律法规”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"),
    ],
    "unpaired_messages_street_2023.txt": [
        ("unpaired-problem", 9, 4, "问题“物业纠纷化解不及时”在下一年度安排中没有对应措施（第 16 行“完善社区矛盾纠纷排查机制”"
                                   "与之相关，但没有针对这个问题），请补充整改措施"),
        ("unpaired-problem", 12, 4, "问题“居民议事协商制度不健全”在下一年度安排中没有对应措施，请补充整改措施"),
    ],
}


def read(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def findings(text, all_rules, names=MINE):
    doc, vs = lint_with(text, all_rules, names)
    return [(v.rule, locate(doc, v.start, v.end).line, locate(doc, v.start, v.end).column, v.message) for v in vs]


def test_every_fixture_is_keyed():
    assert sorted(p.name for p in REAL.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings(name, all_rules):
    assert findings(read(name), all_rules) == EXPECTED[name]


@pytest.mark.parametrize("simp,trad", [("flattened_web_one_line_2023.txt", "traditional_flattened_web_2023.txt"),
                                       ("metadata_block_department_2023.txt", "traditional_metadata_block_2023.txt")])
def test_traditional_script_reads_the_same(simp, trad, all_rules):
    a, b = Document(read(simp)), Document(read(trad))
    assert a.text != b.text and a.norm == b.norm
    assert (a.report_year, a.issuer.kind, [p.kind for p in a.parts], [(d.role, d.start) for d in a.dates]) == \
           (b.report_year, b.issuer.kind, [p.kind for p in b.parts], [(d.role, d.start) for d in b.dates])
    every = [(r, ln, col) for r, ln, col, _ in findings(read(simp), all_rules, None)]
    assert every == [(r, ln, col) for r, ln, col, _ in findings(read(trad), all_rules, None)]


# ------------------------------------------------------------------ the model's reading
def reading(name):
    d = Document(read(name))
    return {
        "year": d.report_year,
        "title": d.title.text if d.title else None,
        "issuer": (d.issuer.name, d.issuer.kind, d.issuer.source) if d.issuer else None,
        "parts": [(d.position(p.start)[0], p.kind) for p in d.parts],
        "dates": [(d.position(x.start)[0], x.role, x.what, x.label, d.text[x.start:x.end]) for x in d.dates],
    }


def test_metadata_block_before_the_title():
    r = reading("metadata_block_department_2023.txt")
    assert r["year"] == 2023 and r["title"] == "青溪县自然资源和规划局2023年度法治政府建设情况报告"
    assert r["issuer"] == ("青溪县自然资源和规划局", "department", "title")
    assert r["parts"] == [(11, "measures"), (14, "first-responsible"), (16, "shortcomings"), (19, "plan")]
    assert r["dates"] == [(2, "signed", "成文", "成文日期", "2024-03-12"), (4, "published", "发布", "发布日期", "2024-03-18"),
                          (24, "signed", "落款", "", "2024年3月12日")]
    d = Document(read("metadata_block_department_2023.txt"))
    assert [(d.position(c.start)[0], c.kind, c.label) for c in d.chrome] == [
        (1, "metadata", "索引号"), (1, "metadata", "主题分类"), (2, "issuer", "发布机构"), (2, "signed", "成文日期"),
        (3, "title", "标题"), (4, "metadata", "发文字号"), (4, "published", "发布日期"), (5, "metadata", "有效性")]


def test_metadata_table_copied_cell_by_cell():
    """Labels and values on lines of their own; the title only in the 名称 cell."""
    r = reading("metadata_table_cells_2024.txt")
    assert (r["year"], r["title"]) == (2024, "石门镇2024年度法治政府建设情况报告")   # not 2025 of 索引号
    assert r["dates"] == [(12, "published", "发布", "发布日期", "2025-04-09")]
    d = Document(read("metadata_table_cells_2024.txt"))
    assert [(d.position(c.start)[0], c.kind) for c in d.chrome] == [
        (1, "metadata"), (2, "metadata"), (3, "metadata"), (4, "metadata"), (5, "issuer"), (6, "issuer"),
        (7, "metadata"), (9, "title"), (10, "title"), (11, "published"), (12, "published")]
    # a label alone that is not part of such a table is no chrome (a Markdown heading # 标题)
    assert Document("标题\n\n本镇2023年加强了法治建设。\n").chrome == []


def test_no_title_addressee_first_and_stale_years():
    r = reading("no_title_addressee_2022.txt")
    assert (r["year"], r["title"]) == (2022, None)     # not 2021 (今天是) nor 2023 (索引号)
    assert r["issuer"] == ("石门镇人民政府", "government", "signature")
    assert r["parts"] == [(5, "measures"), (8, "shortcomings"), (10, "plan")]


def test_year_from_a_cited_document_without_title():
    r = reading("cited_plan_no_title_2023.txt")
    assert (r["year"], r["title"], r["issuer"]) == (2023, None, (None, "government", "opening"))


def test_flattened_web_page_on_one_line():
    d = Document(read("flattened_web_one_line_2023.txt"))
    assert d.title.text == "石门镇2023年法治政府建设情况报告" and d.report_year == 2023
    assert [(h.level, h.text, h.inline) for h in d.headings] == [
        (1, "主要举措和成效", True), (2, "健全依法决策机制", True), (2, "规范综合行政执法", True),
        (1, "党政主要负责人履行推进法治建设第一责任人职责情况", True), (1, "存在的不足和原因", True),
        (2, "执法人员力量不足", True), (2, "群众法治意识有待提高", True), (1, "2024年工作打算", True),
        (2, "充实综合执法力量，争取增加执法编制2名", True), (2, "开展“法律明白人”培养工程，提高群众法治意识", True)]
    assert [p.kind for p in d.parts] == ["measures", "first-responsible", "shortcomings", "plan"]
    assert [(x.role, d.text[x.start:x.end]) for x in d.dates] == [("published", "2024-03-22"), ("signed", "2024年3月20日")]


def test_flattened_pdf_sub_headings_end_at_the_line_break():
    d = Document(read("flattened_pdf_department_2024.txt"))
    assert [h.text for h in d.headings if h.level == 2] == [
        "健全依法决策机制", "规范安全生产执法", "执法人员专业能力不足", "执法装备保障不足",
        "开展执法人员专业能力提升培训", "加大执法装备投入"]
    assert (d.issuer.name, d.issuer.kind) == ("青溪县应急管理局", "department")


def test_run_in_part_heading():
    r = reading("run_in_parts_county_2024.txt")
    assert r["parts"] == [(4, "measures"), (5, "measures"), (6, "measures"), (6, "first-responsible"),
                          (7, "shortcomings"), (8, "plan")]
    assert r["issuer"] == ("青溪县人民政府", "government", "title")


def test_title_repeated_after_the_chrome_over_two_lines():
    d = Document(read("title_repeated_after_chrome_2023.txt"))
    assert d.title.text == "青溪县司法局2023年度法治政府建设情况报告"     # the site's name is not the title
    assert [(d.position(s)[0], d.position(e)[0]) for s, e in d.title_repeats] == [(5, 6)]


def test_bracketed_date_under_the_title():
    r = reading("congress_bracket_date_2024.txt")
    assert r["dates"] == [(2, "signed", "报告", "", "2025年5月28日")]
    assert r["issuer"] == (None, "government", "opening")   # 受县人民政府委托


# ------------------------------------------------------------------ fixing
def fix(text, all_rules, names):
    """(fixed text, number of fixes applied), as --fix does it."""
    from reportlint.api import lint_text
    from reportlint.fix import fix_until_stable

    chosen = [r for r in all_rules if r.name in names]
    new, n, _ = fix_until_stable(text, lambda t: lint_text(t, chosen)[1])
    return new, n


def test_fix_deletes_the_chrome_lines_and_nothing_else(all_rules):
    text = read("web_chrome_township_2024.txt")
    fixed, _ = fix(text, all_rules, {"web-residue"})
    lines = text.split("\n")
    expected = "\n".join([lines[1], lines[2].replace("　点击率:", "")] + lines[6:21]) + "\n"
    assert fixed == expected
    assert findings(fixed, all_rules, {"web-residue"}) == []


def test_halfwidth_punctuation_leaves_the_sites_colons_alone(all_rules):
    text = read("web_chrome_township_2024.txt")
    assert findings(text, all_rules, {"halfwidth-punctuation"}) == []
    # the same colons in the report's own text are reported
    assert [(r, ln) for r, ln, *_ in findings(text.replace("工作打算", "工作打算:加强"), all_rules,
                                              {"halfwidth-punctuation"})] == [("halfwidth-punctuation", 16)]


@pytest.mark.parametrize("name", ["flattened_web_one_line_2023.txt", "traditional_flattened_web_2023.txt"])
def test_fix_on_a_flattened_page_keeps_every_word_of_the_report(name, all_rules):
    text = read(name)
    fixed, _ = fix(text, all_rules, {"web-residue"})
    d = Document(text)
    chrome = [d.text[c.start:c.end] for c in d.chrome if c.kind in ("navigation", "toolbar")]
    assert len(fixed) < len(text)
    rest = text
    for c in chrome:
        rest = rest.replace(c, "", 1)
    assert "".join(fixed.split()) == "".join(rest.split())
    assert fixed.startswith("石門鎮" if "trad" in name else "石门镇")


@pytest.mark.parametrize("first", [
    "首页 > 政务公开 > 法治政府建设",
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "主办单位：某县人民政府办公室",
])
def test_a_safe_fix_never_deletes_a_line_that_only_starts_like_residue(first, all_rules):
    """Issue 12, item 1: a report flattened onto one line behind a breadcrumb or a footer."""
    body = ("某镇2023年法治政府建设情况报告 2023年，我镇扎实推进法治政府建设。一、主要举措和成效 "
            "（一）强化组织领导。二、存在的不足和原因 执法力量不足，主要是编制少。三、下一年度主要安排 充实执法力量。")
    text = f"{first} {body}\n"
    assert fix(text, all_rules, {"web-residue"}) == (body + "\n", 1)


def test_breadcrumb_on_the_title_line_keeps_the_title(all_rules):
    text = "当前位置：首页 > 政务公开 > 某镇2023年法治政府建设情况报告\n2023年，我镇扎实推进法治政府建设。\n"
    assert findings(text, all_rules, {"web-residue"}) == [
        ("web-residue", 1, 1, "网页残留“当前位置：首页 > 政务公开 >”，请删去")]
    assert fix(text, all_rules, {"web-residue"}) == ("某镇2023年法治政府建设情况报告\n2023年，我镇扎实推进法治政府建设。\n", 1)


def test_a_users_line_pattern_matching_only_the_start_is_a_suggestion(all_rules):
    rule = next(r for r in all_rules if r.name == "web-residue").configured({"lines": ["本文转自\\S+"]}, "test")
    text = "某镇2023年法治政府建设情况报告\n本文转自某县融媒体中心 2023年，我镇扎实推进法治政府建设。\n本文转自某县融媒体中心\n"
    doc, vs = lint_with(text, [rule])
    got = [(locate(doc, v.start, v.end).line, v.fix.safe) for v in vs]
    assert got == [(2, False), (3, True)]


# ------------------------------------------------------------------ JSON
def test_json_document_carries_the_issuer_and_its_kind():
    code, out, _ = run_cli("--format", "json", "--exit-zero", "--select", "publication-date",
                           str(REAL / "metadata_block_department_2023.txt"), str(REAL / "cited_plan_no_title_2023.txt"))
    docs = [f["document"] for f in json.loads(out)["files"]]
    assert [(d["issuer"], d["issuer_kind"], d["report_year"]) for d in docs] == [
        ("青溪县自然资源和规划局", "department", 2023), (None, "government", 2023)]
    assert docs[0]["dates"] == [
        {"role": "signed", "label": "成文日期", "text": "2024-03-12", "date": "2024-03-12", "line": 2},
        {"role": "published", "label": "发布日期", "text": "2024-03-18", "date": "2024-03-18", "line": 4},
        {"role": "signed", "label": "", "text": "2024年3月12日", "date": "2024-03-12", "line": 24}]
