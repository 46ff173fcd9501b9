"""The document model (issue 2, requirement 1): headings, sections, items, sentences, title,
report year, traditional script, CRLF and positions, on fixtures under tests/fixtures/model/,
plus the seed reports' years and part lines through the real ``reportlint --format json``."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, seed
from reportlint.model import Document
from reportlint.readers.text import from_bytes
from reportlint.violation import locate

MODEL = FIXTURES / "model"


def read(name: str) -> str:
    return (MODEL / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc() -> Document:
    return Document(read("headings.txt"))


def heading_rows(d: Document):
    return [(h.level, h.style, h.number, h.numeral, h.punct, h.text, d.position(h.start),
             d.position(h.text_start), h.standalone) for h in d.headings]


# ------------------------------------------------------------------------------ headings
def test_every_heading_style(doc):
    assert heading_rows(doc) == [
        (1, "cn", 1, "一", "、", "主要举措和成效", (4, 1), (4, 3), True),
        (2, "cn-paren", 1, "一", "", "强化组织领导，推进法治政府建设", (5, 1), (5, 4), False),
        (3, "arabic", 1, "1", ".", "健全制度", (6, 1), (6, 3), True),
        (4, "arabic-paren", 1, "1", "", "完善规则", (7, 1), (7, 4), True),
        (4, "arabic-paren", 2, "2", "", "细化流程", (8, 1), (8, 4), True),
        (3, "arabic", 2, "2", "、", "加强学习", (9, 1), (9, 3), True),
        (3, "arabic", 3, "3", ".", "深化改革", (10, 1), (10, 3), True),      # 3．folded
        (2, "cn-paren", 2, "二", "", "推进依法行政", (11, 1), (11, 5), True),  # (二) + space
        (1, "cn", 2, "二", "、", "存在的不足和原因", (12, 1), (12, 4), True),   # 二、 + space
        (1, "cn", 3, "三", "、", "下一年度工作安排", (15, 1), (15, 3), True),
    ]


def test_heading_offsets_point_into_the_original_text(doc):
    h = doc.headings[1]   # （一）强化组织领导，推进法治政府建设。坚持党委统一领导。
    assert doc.text[h.start:h.number_end] == "（一）"
    assert doc.text[h.text_start:h.text_end] == "强化组织领导，推进法治政府建设"
    assert doc.text[h.start:h.end] == "（一）强化组织领导，推进法治政府建设。坚持党委统一领导。"
    spaced = doc.headings[7]
    assert doc.text[spaced.start:spaced.number_end] == "(二) "
    assert doc.text[spaced.text_start:spaced.text_end] == "推进依法行政"


def test_heading_running_into_its_paragraph():
    d = Document("（一）强化组织领导，推进法治政府建设。坚持党委领导，定期研究法治工作。\n")
    (h,) = d.headings
    assert (h.text, h.standalone, h.text_start, h.text_end, h.end) == (
        "强化组织领导，推进法治政府建设", False, 3, 18, 35)


def test_heading_text_ends_at_a_colon_followed_by_text():
    d = Document("1.健全制度：制定了议事规则。\n2.加强学习：\n")
    assert [(h.text, h.standalone) for h in d.headings] == [("健全制度", False), ("加强学习", True)]


def test_numbers_that_are_not_headings():
    d = Document("一，这是正文。\n3.15万元用于普法。\n2.0版本上线。\n一、\n2023年，全镇推进法治建设。\n")
    assert d.headings == []


# ------------------------------------------------------------------------------ sections
def test_section_tree(doc):
    def tree(s):
        return (s.heading.text, s.level, doc.position(s.start)[0], s.kind, [tree(c) for c in s.children])

    assert [tree(s) for s in doc.sections] == [
        ("主要举措和成效", 1, 4, "measures", [
            ("强化组织领导，推进法治政府建设", 2, 5, "other", [
                ("健全制度", 3, 6, "other", [("完善规则", 4, 7, "other", []), ("细化流程", 4, 8, "other", [])]),
                ("加强学习", 3, 9, "other", []),
                ("深化改革", 3, 10, "other", []),
            ]),
            ("推进依法行政", 2, 11, "other", []),
        ]),
        ("存在的不足和原因", 1, 12, "shortcomings", []),
        ("下一年度工作安排", 1, 15, "plan", []),
    ]
    # a section runs to the next heading of its level or higher; the last to the end
    first, second, third = doc.sections
    assert first.end == second.start == doc.headings[8].start
    assert third.end == len(doc.text)
    sub = first.children[0]
    assert sub.end == first.children[1].start and sub.children[0].end == sub.children[1].start
    assert [p.heading.text for p in doc.parts] == ["主要举措和成效", "存在的不足和原因", "下一年度工作安排"]
    assert doc.section_at(doc.headings[4].text_start).heading.text == "细化流程"
    assert doc.part_at(doc.headings[4].text_start) is first


# ------------------------------------------------------------------------------ items
def test_inline_items_each_with_own_offsets(doc):
    rows = [(it.number, it.marker, doc.text[it.start:it.text_start], doc.text[it.text_start:it.end],
             doc.position(it.start)) for it in doc.items]
    assert rows == [
        (1, "一是", "一是", "意识不强", (13, 1)),
        (2, "二是", "二是", "队伍薄弱", (13, 8)),
        (3, "三是", "三是", "宣传不够", (13, 15)),
        (1, "（1）", "（1）", "经费不足", (14, 4)),
        (2, "（2）", "（2）", "人员不足", (14, 12)),
    ]


def test_items_restart_numbering_and_need_sequence():
    d = Document("一是加强学习，二是强化培训。\n三是乱序。\n五是跳号，一是重来。\n")
    assert [(it.number, d.position(it.start)) for it in d.items] == [
        (1, (1, 1)), (2, (1, 8)), (3, (2, 1)), (1, (3, 6))]


# ------------------------------------------------------------------------------ sentences
def test_sentences_split_on_full_and_half_width_ends(doc):
    last = doc.lines[15]
    got = [doc.text[s.start:s.end] for s in doc.sentences if last.start <= s.start < last.end]
    assert got == ["2024年，计划投入3.15万元，版本2.0上线。", "是否可行？", "可以!", "好;", "行?"]
    para13 = [doc.text[s.start:s.end] for s in doc.sentences if doc.position(s.start)[0] == 13]
    assert para13 == ["一是意识不强；", "二是队伍薄弱；", "三是宣传不够。"]


def test_sentence_keeps_closing_quote_and_splits_on_han_full_stop():
    d = Document("他说：“依法行政。”随后散会。版本2.0.共3.5万元\n")
    assert [d.text[s.start:s.end] for s in d.sentences] == ["他说：“依法行政。”", "随后散会。", "版本2.0.共3.5万元"]


# ------------------------------------------------------------------------------ title
@pytest.mark.parametrize("text,title,lines", [
    ("XX镇2023年度法治政府建设情况报告\n一、主要举措\n", "XX镇2023年度法治政府建设情况报告", (0,)),
    ("关于2022年度法治政府建设情况的报告\n\n一、主要举措\n", "关于2022年度法治政府建设情况的报告", (0,)),
    # over two lines: the office, then 关于…的报告; or the year line, then the rest
    ("XX县司法局\n关于2022年度法治政府建设情况的报告\n一、主要举措\n", "XX县司法局关于2022年度法治政府建设情况的报告", (0, 1)),
    ("XX镇2023年度\n法治政府建设情况报告\n一、主要举措\n", "XX镇2023年度法治政府建设情况报告", (0, 1)),
    # after web chrome, with a trailing " |"
    ("来源:XX镇人民政府\n发布时间:2024-02-06 10:00\n\n小王庄镇2023年法治政府建设情况报告 |\n一、主要举措\n",
     "小王庄镇2023年法治政府建设情况报告", (3,)),
])
def test_title(text, title, lines):
    d = Document(text)
    assert (d.title.text, d.title.lines) == (title, lines)
    assert d.text[d.title.start:d.title.end].replace("\n", "") == title


def test_no_title_when_nothing_looks_like_one():
    d = Document("一、主要举措\n（一）加强学习。\n")
    assert d.title is None and d.report_year is None


# ------------------------------------------------------------------------------ year
@pytest.mark.parametrize("text,year", [
    ("XX镇2023年度法治政府建设情况报告\n2022年，全镇……\n", 2023),
    ("关于 2020 年法治政府建设工作的报告\n", 2020),
    ("XX镇法治政府建设情况报告\n2023年,XX镇坚持依法行政。\n", 2023),
    ("XX镇法治政府建设情况报告\n按照要求，现将2021年度法治政府建设情况报告如下：\n", 2021),
    ("XX镇法治政府建设情况报告\n全镇坚持依法行政，2019年以来成效明显。\n", None),
])
def test_report_year(text, year):
    assert Document(text).report_year == year


# ------------------------------------------------------------------------------ script, newlines
def structure(d: Document):
    return {
        "title": (d.title.start, d.title.end, d.title.lines, d.title.norm),
        "headings": [(h.level, h.number, h.start, h.text_start, h.text_end, h.end, h.norm) for h in d.headings],
        "sections": [(s.heading.start, s.start, s.end, s.kind, len(s.children)) for s in d.sections],
        "parts": [(p.start, p.kind) for p in d.parts],
        "items": [(it.number, it.start, it.text_start, it.end) for it in d.items],
        "sentences": [(s.start, s.end) for s in d.sentences],
        "paragraphs": [(p.start, p.end) for p in d.paragraphs],
        "year": d.report_year,
    }


def test_traditional_script_gives_the_same_structure_at_the_same_offsets():
    simp, trad = read("simplified.txt"), read("traditional.txt")
    assert len(simp) == len(trad) and simp != trad
    ds, dt = Document(simp), Document(trad)
    assert structure(ds) == structure(dt)
    assert dt.norm == ds.norm
    assert dt.title.text == "小龍門鄉2024年法治政府建設情況報告"      # the original, not the simplified form
    assert dt.report_year == 2024
    assert [p.kind for p in dt.parts] == ["measures", "shortcomings", "plan"]
    assert [dt.text[it.text_start:it.end] for it in dt.items] == ["開展法律進鄉村", "組織普法講座", "發放宣傳資料"]


def test_crlf_is_identical_to_lf():
    text = read("headings.txt")
    lf = from_bytes(text.encode("utf-8"), "lf.txt")
    crlf = from_bytes(text.replace("\n", "\r\n").encode("utf-8"), "crlf.txt")
    assert (lf.newline, crlf.newline) == ("\n", "\r\n")
    assert crlf.text == lf.text == text
    assert structure(Document(crlf.text)) == structure(Document(lf.text))


def test_norm_is_folded_but_text_is_original():
    d = Document("（一）加強學習，２０２３年。\n")
    assert d.text == "（一）加強學習，２０２３年。\n"
    assert d.norm == "(一)加强学习,2023年。\n"
    assert len(d.norm) == len(d.text)


# ------------------------------------------------------------------------------ positions
def test_position_is_one_based_in_code_points():
    d = Document("第一行\n\n𠀀汉字abc\n")           # 𠀀 is outside the BMP: one code point
    assert d.position(0) == (1, 1)
    assert d.position(3) == (1, 4)                    # the newline ending line 1
    assert d.position(4) == (2, 1)                    # the blank line
    assert d.position(5) == (3, 1)
    assert d.position(8) == (3, 4)                    # 'a' after 𠀀汉字
    assert d.position(len(d.text)) == (4, 1)


def test_locate_end_column_is_exclusive():
    lines = ["标题", "", "正文", "", "一二三四五六七八九十一二三四五六七", "尾"]
    d = Document("\n".join(lines))
    start = d.lines[4].start
    loc = locate(d, start, start + 17)                # a 17-character span at line 5 col 1
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (5, 1, 5, 18)
    loc = locate(d, d.lines[5].start, d.lines[5].start + 1)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (6, 1, 6, 2)


# ------------------------------------------------------------------------------ seeds via the CLI
SEED_EXPECTED = {
    "000": (2023, [6, 18, 28]),
    "001": (2023, [3, 22, 24, 26]),
    "002": (2020, [7, 61, 69]),
    "003": (2022, [8, 17, 23, 25]),
    "004": (2024, [9, 21, 47, 65]),
}


@pytest.fixture(scope="module")
def seeds_json():
    paths = [seed(k) for k in SEED_EXPECTED]
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--format", "json", "--select",
                           "duplicate-heading", *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    return {p.name[:3]: f for p, f in zip(paths, json.loads(proc.stdout)["files"])}


@pytest.mark.parametrize("key", sorted(SEED_EXPECTED))
def test_seed_year_and_sections(seeds_json, key):
    doc = seeds_json[key]["document"]
    year, lines = SEED_EXPECTED[key]
    assert doc["report_year"] == year
    assert [s["line"] for s in doc["sections"]] == lines


def test_seed_004_titles_and_kinds(seeds_json):
    doc = seeds_json["004"]["document"]
    assert doc["title"] == "小龍門鄉2024年法治政府建設情況報告"
    assert [s["kind"] for s in doc["sections"]] == ["measures", "shortcomings", "first-responsible", "plan"]
    assert seeds_json["001"]["document"]["title"] == "小王庄镇2023年法治政府建设情况报告"   # " |" dropped


# ------------------------------------------------------------------ issue 10: reports as they really come
from reportlint.model import dates as date_grammar  # noqa: E402
from reportlint.model.report import name_kind  # noqa: E402


def chrome_of(text):
    d = Document(text)
    return [(d.position(c.start)[0], c.kind, d.text[c.start:c.end]) for c in d.chrome]


def test_chrome_spans_end_where_the_report_begins():
    text = ("您当前所在位置：首页 > 政务公开 > 法治政府建设 某镇2023年法治政府建设情况报告\n"
            "发布时间：2024-02-06 09:33　来源：某镇　浏览次数：35　【字体：大 中 小】\n"
            "2023年，我镇扎实推进法治政府建设。\n")
    assert chrome_of(text) == [
        (1, "navigation", "您当前所在位置：首页 > 政务公开 > 法治政府建设"),
        (2, "published", "发布时间：2024-02-06 09:33"), (2, "metadata", "来源：某镇"),
        (2, "counter", "浏览次数：35"), (2, "toolbar", "【字体：大 中 小】")]
    assert Document(text).title.text == "某镇2023年法治政府建设情况报告"


def test_a_breadcrumb_stops_before_the_title_as_its_last_step():
    assert chrome_of("首页 > 政务公开 > 某镇2023年法治政府建设情况报告\n正文。\n") == [
        (1, "navigation", "首页 > 政务公开 >")]


@pytest.mark.parametrize("line", [
    "时间：2023年5月12日，县政府召开常务会议专题学法。",     # a date label in running text
    "依法关闭不达标企业3家，打印宣传资料1000余份。",
    "开通语音播报功能，方便老年群众办事。",
    "来源于群众的意见建议全部办结。",
])
def test_no_chrome_in_running_text(line):
    text = f"某镇2023年法治政府建设情况报告\n一、主要举措和成效\n加强普法。\n{line}\n推进依法行政。\n"
    assert chrome_of(text) == []


def test_lone_words_are_chrome_only_at_the_edges():
    body = "\n".join(f"第{k}段正文内容。" for k in range(10))
    assert chrome_of(f"关闭\n某镇2023年法治政府建设情况报告\n{body}\n") == [(1, "words", "关闭")]
    assert chrome_of(f"某镇2023年法治政府建设情况报告\n关闭\n{body}\n") == []
    assert chrome_of(f"某镇2023年法治政府建设情况报告\n{body}\n打印 关闭\n") == [(12, "words", "打印 关闭")]


def test_chrome_is_no_paragraph_body_or_sentence():
    d = Document("某镇2023年法治政府建设情况报告\n来源:某镇 时间:2024-02-06\n2023年,我镇推进法治建设。\n")
    assert [d.text[s:e] for s, e in d.spans("paragraph")] == ["某镇2023年法治政府建设情况报告", "2023年,我镇推进法治建设。"]
    assert [d.text[s:e] for s, e in d.spans("line")][1] == "来源:某镇 时间:2024-02-06"


@pytest.mark.parametrize("text,year", [
    ("索引号：113307230024567X/2024-00017\n发文字号：某府〔2024〕3号\n2023年，我镇推进法治建设。\n", 2023),
    ("今天是：2019年10月12日 星期六\n某镇法治政府建设情况报告\n2023年，我镇推进法治建设。\n", 2023),
    ("中共某县委员会，某县人民政府：\n在县委的领导下，现将我镇2022年度法治政府建设工作情况报告如下：\n", 2022),
    ("县人民政府：\n根据《某县2024年法治政府建设工作要点》，我局认真落实各项任务。\n", 2024),
    ("县人民政府：\n按照《法治政府建设实施纲要（2021—2025年）》要求，我局认真落实各项任务。\n", None),
])
def test_report_year_without_a_title(text, year):
    assert Document(text).report_year == year


@pytest.mark.parametrize("name,kind", [
    ("县市场监督管理局", "department"), ("某县人民政府办公室", "department"), ("某县司法局", "department"),
    ("某区发展和改革委员会", "department"), ("某县融媒体中心", "department"),
    ("某镇人民政府", "government"), ("新华街道办事处", "government"), ("城关街道", "government"),
    ("石门镇", "government"), ("某县", "government"), ("中共某镇委员会 某镇人民政府", "government"),
    ("主任", None), ("局", None),
])
def test_issuer_kind_from_the_end_of_a_name(name, kind):
    assert name_kind(name) == kind


@pytest.mark.parametrize("text,issuer", [
    ("某县司法局2023年度法治政府建设情况报告\n2023年，我局推进法治建设。\n", ("某县司法局", "department", "title")),
    ("关于2023年度法治政府建设情况的报告\n2023年，我局推进法治建设。\n", (None, "department", "opening")),
    ("关于2023年度法治政府建设情况的报告\n2023年，我镇推进法治建设。\n某镇人民政府\n2024年1月5日\n",
     ("某镇人民政府", "government", "signature")),
    ("汉中市某区某镇人民政府\n关于2022年度法治政府建设情况的报告\n正文。\n", ("汉中市某区某镇人民政府", "government", "title")),
])
def test_issuer(text, issuer):
    i = Document(text).issuer
    assert (i.name, i.kind, i.source) == issuer


@pytest.mark.parametrize("written,date,end", [
    ("2025- 02- 08 14: 11", "2025-02-08", 12), ("2025年03月19日 09时07分", "2025-03-19", 11),
    ("2024.1.5", "2024-01-05", 8), ("二〇二四年一月五日", "2024-01-05", 9), ("2024 年 1 月 5 日", "2024-01-05", 14),
    ("24年1月5日", None, 7), ("2024年2月30日", None, 10),
])
def test_one_date_grammar(written, date, end):
    m = date_grammar.match_at(written, 0)
    assert (m.date.isoformat() if m.date else None, m.end, m.time_end) == (date, end, len(written))


def test_dates_of_the_document():
    text = ("某局2023年度法治政府建设情况报告\n（2024年2月28日在局务会议上）\n"
            "成文日期：2024-02-26　发布日期：2024-03-05\n一、主要举措和成效\n《行政复议法》于2023年9月1日修订。\n"
            "二、下一年度主要安排\n某局\n2024年2月26日\n")
    d = Document(text)
    assert [(x.role, x.what, x.label, d.text[x.start:x.end]) for x in d.dates] == [
        ("signed", "报告", "", "2024年2月28日"), ("signed", "成文", "成文日期", "2024-02-26"),
        ("published", "发布", "发布日期", "2024-03-05"), ("signed", "落款", "", "2024年2月26日")]


def test_inline_headings_of_a_flattened_body():
    d = Document("某镇2023年法治政府建设情况报告\n现将有关情况报告如下：一、主要举措和成效 （一）强化组织领导。成立领导小组。"
                 "（二）推进依法行政。二、存在的不足和原因 执法力量不足，主要是编制少。三、下一年度主要安排 充实执法力量。\n")
    assert [(h.level, h.text, h.standalone) for h in d.headings] == [
        (1, "主要举措和成效", True), (2, "强化组织领导", False), (2, "推进依法行政", True),
        (1, "存在的不足和原因", False), (1, "下一年度主要安排", False)]
    assert [p.kind for p in d.parts] == ["measures", "shortcomings", "plan"]
    assert {d.paragraphs[h.paragraph].start for h in d.headings} == {h.start for h in d.headings}


@pytest.mark.parametrize("body", [
    "（一）强化组织领导。\n工作分三个阶段：一、摸底排查；二、集中整治；三、巩固提升。\n（二）推进依法行政。\n",
    "（一）强化组织领导。\n荣获一、二、三等奖共12项。\n（二）推进依法行政。\n",
    "（一）强化组织领导，依照《条例》第十条（一）项、（二）项规定办理。\n（二）推进依法行政。\n",
])
def test_enumerations_in_running_text_are_no_headings(body):
    text = f"某镇2023年法治政府建设情况报告\n一、主要举措和成效\n{body}二、存在的不足和原因\n执法力量不足。\n"
    d = Document(text)
    assert [(h.level, h.numeral) for h in d.headings] == [(1, "一"), (2, "一"), (2, "二"), (1, "二")]


def test_title_repeats_after_chrome_over_two_lines_and_with_a_site_name():
    d = Document("某局2023年度法治政府建设情况报告_某县人民政府门户网站\n发布日期：2024-02-27\n某局\n"
                 "2023年度法治政府建设情况报告\n正文。\n")
    assert d.title.text == "某局2023年度法治政府建设情况报告"
    assert [(d.position(s)[0], d.position(e)[0]) for s, e in d.title_repeats] == [(3, 4)]
