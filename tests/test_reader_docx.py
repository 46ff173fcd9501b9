"""The .docx reader (issue 7): Word's final view — numbering rendered, tables, text boxes,
notes, tracked changes, headers and footers — with places, and clear refusals (issue 12).

Every file is built here with python-docx plus raw WordprocessingML (tests/wordgen.py)."""
from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile

import pytest

import wordgen as g
from conftest import run_cli, seed
from reportlint.api import Linter
from reportlint.readers import read_source
from reportlint.readers._numbering import format_number


def lines_of(doc, tmp_path, name="t.docx"):
    src = read_source(g.save(doc, tmp_path / name))
    return src.text.split("\n")


def places_of(src):
    return [(src.text[p.start:p.end], p.label, p.data) for p in src.places]


# ------------------------------------------------------------------------------ number formats
@pytest.mark.parametrize("fmt, expected", [
    ("decimal", "1 2 10 11 21 100"),
    ("decimalZero", "01 02 10 11 21 100"),
    ("decimalEnclosedParen", "⑴ ⑵ ⑽ ⑾ (21) (100)"),
    ("decimalEnclosedCircle", "① ② ⑩ ⑪ 21 100"),
    ("upperLetter", "A B J K U VVVV"),
    ("lowerLetter", "a b j k u vvvv"),
    ("upperRoman", "I II X XI XXI C"),
    ("lowerRoman", "i ii x xi xxi c"),
    ("chineseCounting", "一 二 十 十一 二十一 一○○"),
    ("chineseCountingThousand", "一 二 十 十一 二十一 一百"),
    ("ideographTraditional", "甲 乙 癸 11 21 100"),
    ("chineseLegalSimplified", "壹 贰 拾 拾壹 贰拾壹 壹佰"),
    ("none", "     "),
    ("bullet", "     "),
])
def test_number_formats(fmt, expected):
    assert " ".join(format_number(fmt, n) for n in (1, 2, 10, 11, 21, 100)) == expected


def test_chinese_counting_beyond_a_hundred():
    assert [format_number("chineseCountingThousand", n) for n in (101, 110, 115, 999, 1000, 1001, 1010, 1100)] == \
        ["一百〇一", "一百一十", "一百一十五", "九百九十九", "一千", "一千〇一", "一千〇一十", "一千一百"]
    assert [format_number("chineseCounting", n) for n in (99, 101, 2024)] == ["九十九", "一○一", "二○二四"]


# ------------------------------------------------------------------------------ numbering
def heading_list(doc, *extra):
    """The numbering a Chinese report uses: 一、 / （一） / 1. / （1）, one multilevel list."""
    g.set_numbering(doc, g.abstract(1, g.lvl(0, "chineseCounting", "%1、"), g.lvl(1, "chineseCounting", "（%2）"),
                                    g.lvl(2, "decimal", "%3."), g.lvl(3, "decimal", "（%4）", suff="nothing")),
                    g.num(1, 1), *extra)


def test_multilevel_numbering_restarts_lower_levels_and_continues_across_paragraphs(tmp_path):
    d = g.new()
    heading_list(d)
    for text, ilvl in [("主要举措", 0), ("加强领导", 1), ("完善制度", 2), ("健全机制", 2), ("细则", 3),
                       (None, None), ("推进执法", 1), ("规范程序", 2), ("存在的不足", 0), ("问题", 1)]:
        g.para(d, "正文段落，不编号。") if text is None else g.para(d, text, num=1, ilvl=ilvl)
    assert lines_of(d, tmp_path) == [
        "一、\t主要举措", "（一）\t加强领导", "1.\t完善制度", "2.\t健全机制", "（1）细则", "正文段落，不编号。",
        "（二）\t推进执法", "1.\t规范程序", "二、\t存在的不足", "（一）\t问题"]


def test_level_text_with_several_levels_start_and_suffixes(tmp_path):
    d = g.new()
    g.set_numbering(d, g.abstract(1, g.lvl(0, "decimal", "第%1章", start=3, suff="space"),
                                  g.lvl(1, "decimal", "%1.%2", suff="nothing"),
                                  g.lvl(2, "upperRoman", "%1.%2.%3", legal=True)),
                    g.abstract(2, g.lvl(0, "decimalEnclosedParen", "%1"), g.lvl(1, "decimalEnclosedCircle", "%2")),
                    g.abstract(3, g.lvl(0, "bullet", "\uf0b7"), g.lvl(1, "none", "%2")),
                    g.abstract(4, g.lvl(0, "upperLetter", "%1)"), g.lvl(1, "lowerLetter", "%2."),
                               g.lvl(2, "lowerRoman", "%3.", restart=0), g.lvl(3, "decimalZero", "%4", restart=1)),
                    g.num(1, 1), g.num(2, 2), g.num(3, 3), g.num(4, 4))
    for text, n, ilvl in [("总则", 1, 0), ("一节", 1, 1), ("一目", 1, 2), ("二节", 1, 1),
                          ("甲", 2, 0), ("乙", 2, 1), ("丙", 2, 0),
                          ("要点", 3, 0), ("无号", 3, 1),
                          ("A1", 4, 0), ("a1", 4, 1), ("i1", 4, 2), ("d1", 4, 3), ("b1", 4, 1), ("i2", 4, 2),
                          ("d2", 4, 3), ("A2", 4, 0), ("a2", 4, 1), ("i3", 4, 2), ("d3", 4, 3)]:
        g.para(d, text, num=n, ilvl=ilvl)
    assert lines_of(d, tmp_path) == [
        "第3章 总则", "3.1一节", "3.1.1\t一目", "3.2二节",     # isLgl: every level decimal
        "⑴\t甲", "①\t乙", "⑵\t丙",
        "•\t要点", "无号",
        # lvlRestart 0: level 3 never restarts; lvlRestart 1: level 4 restarts only after level 1
        "A)\tA1", "a.\ta1", "i.\ti1", "01\td1", "b.\tb1", "ii.\ti2", "02\td2",
        "B)\tA2", "a.\ta2", "iii.\ti3", "01\td3"]


def test_start_override_restarts_once_and_lists_of_one_definition_continue(tmp_path):
    d = g.new()
    g.set_numbering(d, g.abstract(1, g.lvl(0, "chineseCounting", "%1、"), g.lvl(1, "chineseCounting", "（%2）")),
                    g.abstract(2, g.lvl(0, "decimal", "%1.")),
                    g.num(1, 1), g.num(2, 1), g.num(3, 1, starts={0: 5}), g.num(4, 2), g.num(5, 2, starts={0: 1}))
    for text, n, ilvl in [("甲", 1, 0), ("乙", 1, 1), ("丙", 2, 0),    # num 2 continues num 1's list
                          ("丁", 3, 0), ("戊", 3, 0), ("己", 3, 1),      # num 3 restarts it at 五, once
                          ("子", 4, 0), ("丑", 4, 0), ("寅", 5, 0), ("卯", 5, 0)]:
        g.para(d, text, num=n, ilvl=ilvl)
    assert lines_of(d, tmp_path) == ["一、\t甲", "（一）\t乙", "二、\t丙", "五、\t丁", "六、\t戊", "（一）\t己",
                                     "1.\t子", "2.\t丑", "1.\t寅", "2.\t卯"]


def test_numbering_from_the_paragraph_style(tmp_path):
    d = g.new()
    heading_list(d, g.num(2, 1))
    g.add_style(d, "H1", "heading 1", num=1)                 # level from the list's w:pStyle
    g.add_style(d, "H2", "heading 2", num=1, ilvl=1)
    g.add_style(d, "H2b", "my heading 2", based_on="H2")     # numbering inherited through basedOn
    # the list's levels name the styles that use them
    root = d.part.numbering_part.element
    lvl0 = root.find(f"{{{g.W}}}abstractNum").find(f"{{{g.W}}}lvl")
    lvl0.insert(2, g.xml('<w:pStyle w:val="H1"/>'))
    for text, style, extra in [("主要举措", "H1", {}), ("加强领导", "H2", {}), ("推进执法", "H2b", {}),
                               ("不编号的标题", "H2", {"num": 0}), ("存在的不足", "H1", {}),
                               ("段落编号优先", "H1", {"num": 1, "ilvl": 1})]:
        g.para(d, text, style=style, **extra)
    assert lines_of(d, tmp_path) == ["一、\t主要举措", "（一）\t加强领导", "（二）\t推进执法", "不编号的标题",
                                     "二、\t存在的不足", "（一）\t段落编号优先"]


def test_numbering_linked_to_a_numbering_style(tmp_path):
    d = g.new()
    g.add_style(d, "ListCN", "中文列表", num=7, kind="numbering")
    g.set_numbering(d, g.abstract(1, g.lvl(0, "chineseCounting", "%1、"), style_link="ListCN"),
                    g.abstract(2, link="ListCN"), g.num(7, 1), g.num(8, 2))
    for text, n in [("甲", 7), ("乙", 8), ("丙", 8)]:
        g.para(d, text, num=n, ilvl=0)
    assert lines_of(d, tmp_path) == ["一、\t甲", "二、\t乙", "三、\t丙"]


def test_a_numbered_heading_is_the_same_heading_as_a_typed_one(tmp_path):
    text = "青石镇2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）加强执法队伍建设\n二、下一年度工作安排\n（一）加强执法队伍建设\n"
    typed = Linter(select=("duplicate-heading", "required-section")).run(g.typed_report(text, tmp_path / "a.docx"))
    numbered = Linter(select=("duplicate-heading", "required-section")).run(g.numbered_report(text, tmp_path / "b.docx"))
    assert numbered.source.text.split("\n") == ["青石镇2023年度法治政府建设情况报告", "一、\t主要举措和成效",
                                                "（一）\t加强执法队伍建设", "二、\t下一年度工作安排", "（一）\t加强执法队伍建设", ""]
    assert [h.text for h in numbered.doc.headings] == [h.text for h in typed.doc.headings] == [
        "主要举措和成效", "加强执法队伍建设", "下一年度工作安排", "加强执法队伍建设"]
    assert [(v.rule, v.message) for v in numbered.violations] == [(v.rule, v.message) for v in typed.violations] == [
        ("required-section", "缺少“存在的不足和原因”部分，请按督察工作规定第二十五条单列一部分补写"),
        ("duplicate-heading", "标题“加强执法队伍建设”与第 3 行重复，请改写或删去")]


def test_a_number_suffix_is_never_reported(tmp_path):
    # lvlText "%1" with the default tab suffix shows "1<tab>完善": the tab is Word's, not a typo
    d = g.new()
    g.set_numbering(d, g.abstract(1, g.lvl(0, "decimal", "%1")), g.num(1, 1))
    g.para(d, "完善制度 2023年", num=1, ilvl=0)
    r = Linter(select=("cjk-digit-space",)).run(g.save(d, tmp_path / "t.docx"))
    assert r.source.text == "1\t完善制度 2023年"
    assert [(v.rule, r.source.text[v.start:v.end], v.start) for v in r.violations] == [("cjk-digit-space", " ", 6)]


# ------------------------------------------------------------------------------ what is text
def test_tracked_changes_final_view(tmp_path):
    d = g.new()
    g.para(d, "保留", g.ins("插入"), g.dele("删除"), g.move_from("移走"), "中间", g.move_to("移来"))
    g.para(d, "删了段落标记的段落", deleted_mark=True)
    g.para(d, "与下一段相连。")
    g.para(d, g.dele("整段删除"), deleted_mark=True)
    g.para(d, "最后一段")
    assert lines_of(d, tmp_path) == ["保留插入中间移来", "删了段落标记的段落与下一段相连。", "最后一段"]


def test_breaks_tabs_and_hidden_text(tmp_path):
    d = g.new()
    g.para(d, "关于2023年度", g.soft_break(), "法治政府建设情况的报告")
    g.para(d, "Rule of", g.soft_break(), "law", g.page_break(), "分页后同一段")
    g.para(d, "单位：", "<w:r><w:tab/></w:r>", "日期", g.hidden("隐藏文字"))
    assert lines_of(d, tmp_path) == ["关于2023年度法治政府建设情况的报告", "Rule of law分页后同一段",
                                     "单位：\t日期"]


def test_text_boxes_are_read_once_after_their_paragraph(tmp_path):
    d = g.new()
    g.para(d, "锚定段落", g.textbox("框内第一段", "框内第二段"))
    g.para(d, "下一段", g.vml_textbox("旧式文本框"))
    src = read_source(g.save(d, tmp_path / "t.docx"))
    assert places_of(src) == [
        ("锚定段落", "第 1 段", {"paragraph": 1}),
        ("框内第一段", "文本框 1", {"textbox": 1}), ("框内第二段", "文本框 1", {"textbox": 1}),
        ("下一段", "第 2 段", {"paragraph": 2}), ("旧式文本框", "文本框 2", {"textbox": 2})]


def test_tables_cell_by_cell_with_merged_cells(tmp_path):
    d = g.new()
    g.para(d, "表前")
    t = g.add_table(d, [["序号", "事项", "备注"], ["1", "行政复议", ""], ["2", "", ""]])
    merged = t.cell(2, 1).merge(t.cell(2, 2))
    merged.text = "合并单元格"
    g.para(d, "表后")
    src = read_source(g.save(d, tmp_path / "t.docx"))
    assert places_of(src) == [
        ("表前", "第 1 段", {"paragraph": 1}),
        ("序号", "表 1 第 1 行第 1 列", {"table": 1, "row": 1, "column": 1}),
        ("事项", "表 1 第 1 行第 2 列", {"table": 1, "row": 1, "column": 2}),
        ("备注", "表 1 第 1 行第 3 列", {"table": 1, "row": 1, "column": 3}),
        ("1", "表 1 第 2 行第 1 列", {"table": 1, "row": 2, "column": 1}),
        ("行政复议", "表 1 第 2 行第 2 列", {"table": 1, "row": 2, "column": 2}),
        ("2", "表 1 第 3 行第 1 列", {"table": 1, "row": 3, "column": 1}),
        ("合并单元格", "表 1 第 3 行第 2 列", {"table": 1, "row": 3, "column": 2}),
        ("表后", "第 2 段", {"paragraph": 2})]


def test_notes_in_reference_order_and_headers_footers_as_furniture(tmp_path):
    d = g.new()
    g.para(d, "正文一", g.footnote_ref(7), "，正文二", g.endnote_ref(3), g.footnote_ref(2))
    g.footnotes(d, {2: "第二个脚注", 7: ["第一个脚注", "脚注的第二段"]})
    g.endnotes(d, {3: "尾注内容"})
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "一、页眉里的标题样文字"
    sec.footer.paragraphs[0].text = "青石镇人民政府"
    sec.first_page_header.paragraphs[0].text = "首页页眉（未启用，不显示）"
    src = read_source(g.save(d, tmp_path / "t.docx"))
    assert places_of(src) == [
        ("正文一，正文二", "第 1 段", {"paragraph": 1}),
        (" 第一个脚注", "脚注 1", {"footnote": 1}), ("脚注的第二段", "脚注 1", {"footnote": 1}),
        (" 第二个脚注", "脚注 2", {"footnote": 2}), (" 尾注内容", "尾注 1", {"endnote": 1}),
        ("一、页眉里的标题样文字", "页眉", {"header": "default", "section": 1}),
        ("青石镇人民政府", "页脚", {"footer": "default", "section": 1})]
    header = src.text.index("一、页眉")
    assert src.furniture == ((src.text.index(" 第一个脚注"), len(src.text)),)
    r = Linter(select=("required-section",)).run(str(tmp_path / "t.docx"))
    assert r.doc.headings == [] and header > 0


def test_first_page_header_shown_when_enabled(tmp_path):
    d = g.new()
    g.para(d, "正文")
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "首页页眉"
    sec.header.paragraphs[0].text = "其他页页眉"
    src = read_source(g.save(d, tmp_path / "t.docx"))
    assert [(p.label, src.text[p.start:p.end]) for p in src.places][1:] == [("页眉", "其他页页眉"), ("首页页眉", "首页页眉")]


def test_table_of_contents_and_page_fields_are_left_out(tmp_path):
    d = g.new()
    g.add_style(d, "TOC1", "toc 1")
    g.para(d, "目录")
    g.para(d, "一、主要举措和成效\t1", style="TOC1")
    g.para(d, "一、主要举措和成效")
    page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    d.sections[0].footer.paragraphs[0]._p.append(g.xml("<w:r><w:t>第</w:t></w:r>"))
    for child in g.xml(f"<w:p>{page}<w:r><w:t>页</w:t></w:r></w:p>"):
        d.sections[0].footer.paragraphs[0]._p.append(child)
    src = read_source(g.save(d, tmp_path / "t.docx"))
    assert src.text.split("\n") == ["目录", "一、主要举措和成效", "第页"]


# ------------------------------------------------------------------------------ defects and places
def defects_docx(tmp_path):
    d = g.new()
    g.para(d, "青石镇2023年度法治政府建设情况报告")
    g.para(d, "推进依法行政", g.ins("，加强法制宣传"), g.dele("，深化法制教育"), "。")
    g.add_table(d, [["事项", "进展"], ["法制建设", "完成"]])
    g.para(d, "说明", g.textbox("加强法制建设"), g.footnote_ref(1))
    g.footnotes(d, {1: "依据法制建设规划。"})
    return g.save(d, tmp_path / "报告.docx")


def test_a_main_part_under_another_name_is_found_through_the_relationships(tmp_path):
    ok = small_docx(tmp_path)
    z = zipfile.ZipFile(io.BytesIO(ok))
    fix = {n: z.read(n).replace(b"word/document.xml", b"word/main.xml").replace(b"/document.xml", b"/main.xml")
           for n in ("[Content_Types].xml", "_rels/.rels")}
    renamed = rezip(ok, {**fix, "word/document.xml": None, "word/main.xml": z.read("word/document.xml"),
                         "word/_rels/document.xml.rels": None, "word/_rels/main.xml.rels": z.read("word/_rels/document.xml.rels")})
    f = tmp_path / "renamed.docx"
    f.write_bytes(renamed)
    assert read_source(str(f)).text == "青石镇2023年度法治政府建设情况报告"


def test_a_relationship_to_a_missing_part_does_not_stop_reading(tmp_path):
    ok = small_docx(tmp_path)
    rels = zipfile.ZipFile(io.BytesIO(ok)).read("word/_rels/document.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/image" Target="media/lost.png"/></Relationships>')
    f = tmp_path / "lost-image.docx"
    f.write_bytes(rezip(ok, {"word/_rels/document.xml.rels": rels}))
    assert read_source(str(f)).text == "青石镇2023年度法治政府建设情况报告"


def test_defects_in_a_cell_a_text_box_a_footnote_and_an_insertion_are_reported_with_their_place(tmp_path):
    f = defects_docx(tmp_path)
    code, out, err = run_cli("--select", "fazhi-term", "--format", "concise", "--no-color", f)
    msg = "RL501 [fazhi-term] “法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{f}:2:10: {msg}（第 2 段）",            # the tracked insertion; the deletion's 法制 is not there
        f"{f}:5:1: {msg}（表 1 第 2 行第 1 列）",
        f"{f}:8:3: {msg}（文本框 1）",
        f"{f}:9:4: {msg}（脚注 1）",
        "共 4 个问题（错误 0，警告 4，提示 0），检查了 1 个文件。"]


def test_fix_never_writes_a_docx_and_diff_shows_the_text(tmp_path):
    d = g.new()
    g.para(d, "青石镇2023年度法治政府建设情况报告")
    g.para(d, "全年办理案件 12 件。")
    f = g.save(d, tmp_path / "r.docx")
    before = (tmp_path / "r.docx").read_bytes()
    code, out, err = run_cli("--select", "cjk-digit-space", "--fix", "-q", f)
    assert (tmp_path / "r.docx").read_bytes() == before
    assert err.splitlines() == [f"reportlint: {f}: 有 2 处可自动修正，但 .docx 文件不会被改写，请在 Word/WPS 中修改（--diff 可查看要改的内容）"]
    code, out, err = run_cli("--select", "cjk-digit-space", "--diff", f)
    assert out.splitlines()[2:] == ["@@ -1,2 +1,2 @@", " 青石镇2023年度法治政府建设情况报告", "-全年办理案件 12 件。",
                                    "\\ No newline at end of file", "+全年办理案件12件。", "\\ No newline at end of file"]
    assert (tmp_path / "r.docx").read_bytes() == before


def test_diff_keeps_word_s_number_suffix_through_every_pass(tmp_path):
    # pass 1 fixes "制度 2023"; pass 2 must still know the tab after "1" is Word's (masked)
    d = g.new()
    g.set_numbering(d, g.abstract(1, g.lvl(0, "decimal", "%1")), g.num(1, 1))
    g.para(d, "青石镇2023年度法治政府建设情况报告")
    g.para(d, "完善制度 2023年", num=1, ilvl=0)
    code, out, err = run_cli("--select", "cjk-digit-space", "--diff", g.save(d, tmp_path / "r.docx"))
    assert [ln for ln in out.splitlines() if ln[:1] in "+-" and ln[:3] not in ("---", "+++")] == [
        "-1\t完善制度 2023年", "+1\t完善制度2023年"]


def test_reader_spans_follow_the_fixes_of_a_pass():
    from reportlint.fix import choose, shift_spans
    from reportlint.violation import Fix

    text = "ab cd ef gh"
    fixes = [Fix(2, 3, "", True), Fix(5, 6, "--", True), Fix(9, 9, "X", True)]
    chosen = choose(text, fixes)
    # before the first fix · around the second · an insertion at a span's start goes before it
    assert shift_spans([(0, 2), (3, 8), (9, 11), (11, 11)], chosen) == ((0, 2), (2, 8), (10, 12), (12, 12))


# ------------------------------------------------------------------------------ seeds
MISSION = ("RL1", "RL3")


def mission(result, place_of_line):
    out = []
    for v in result.violations:
        if v.code.startswith(MISSION) or v.rule == "duplicate-heading":
            out.append((v.rule, v.message, place_of_line(v)))
    return out


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("kind", ["typed", "numbered"])
def test_seed_as_docx_gives_the_mission_findings_of_the_txt(prefix, kind, tmp_path):
    path = seed(prefix)
    text = path.read_text(encoding="utf-8")
    linter = Linter()
    txt = linter.run(str(path))
    # a txt line's paragraph number, as the .docx reader counts them: lines that show text
    paragraph, n = {}, 0
    for ln in txt.doc.lines:
        if text[ln.start:ln.end].strip():
            n += 1
            paragraph[ln.index + 1] = n
    expected = mission(txt, lambda v: f"第 {paragraph[txt.doc.position(v.start)[0]]} 段")
    make = g.typed_report if kind == "typed" else g.numbered_report
    docx = linter.run(make(text, tmp_path / f"{prefix}.docx"))
    assert docx.error is None
    got = mission(docx, lambda v: docx.source.places.at(v.start).label)
    assert expected and got == expected
    if kind == "numbered":   # Word really numbers these headings: their numbers are not in the runs
        body = zipfile.ZipFile(tmp_path / f"{prefix}.docx").read("word/document.xml").decode()
        assert body.count("<w:numPr>") >= 10 and "一、" not in body


# ------------------------------------------------------------------------------ refusals (issue 12)
def small_docx(tmp_path) -> bytes:
    d = g.new()
    g.para(d, "青石镇2023年度法治政府建设情况报告")
    g.save(d, tmp_path / "ok.docx")
    return (tmp_path / "ok.docx").read_bytes()


def rezip(data: bytes, replace: dict) -> bytes:
    """The package with some entries replaced (name → bytes, or None to drop it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info.filename, src.read(info.filename))
        for name, blob in replace.items():
            if blob is not None and name not in src.namelist():
                dst.writestr(name, blob)
    return out.getvalue()


def patch_central_directory(data: bytes, name: str, *, size: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite an entry's declared size or flag bits in its local header and central directory record."""
    buf = bytearray(data)
    encoded = name.encode()
    for sig, size_at, flag_at, name_at in ((b"PK\x01\x02", 24, 8, 46), (b"PK\x03\x04", 22, 6, 30)):
        pos = buf.find(sig)
        while pos >= 0:
            if buf[pos + name_at:pos + name_at + len(encoded)] == encoded:
                if size is not None:
                    buf[pos + size_at:pos + size_at + 4] = size.to_bytes(4, "little")
                if flags is not None:
                    buf[pos + flag_at:pos + flag_at + 2] = flags.to_bytes(2, "little")
            pos = buf.find(sig, pos + 4)
    return bytes(buf)


def refusal(tmp_path, data: bytes, name="r.docx") -> tuple[int, str]:
    f = tmp_path / name
    f.write_bytes(data)
    code, out, err = run_cli("--no-color", str(f))
    assert err.count("\n") == 1 and err.startswith(f"reportlint: {f}: ")
    return code, err[len(f"reportlint: {f}: "):-1]


OLD_WORD = "实际是旧版 Word（.doc）或 WPS 文件，不是 .docx：请在 Word/WPS 中另存为 .docx 后再检查"


@pytest.mark.parametrize("data, message", [
    (g.OLE_MAGIC + bytes(600), OLD_WORD),
    (g.OLE_MAGIC + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
     "文件已加密（设有打开密码），无法读取：请在 Word/WPS 中取消密码并另存为 .docx 后再检查"),
    # decided by content (readers/__init__.py dispatch): a PDF named .docx goes to the PDF reader
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "无法读取 PDF 文件：已损坏或不是 PDF（PDFSyntaxError）"),
    (b"{\\rtf1\\ansi\\ansicpg936 hello}", "内容是 RTF 文件，不是 .docx：请在 Word/WPS 中另存为 .docx 后再检查"),
    ("<html><body>报告</body></html>".encode(), "内容是网页（HTML/MHT），不是 .docx：请在 Word/WPS 中另存为 .docx 后再检查"),
    ("青石镇2023年度法治政府建设情况报告\n".encode("gb18030"), "内容是纯文本，不是 .docx：请把扩展名改为 .txt"),
    (b"", "文件为空"),
    (b"PK\x03\x04 not really a zip", "文件已损坏（ZIP 结构不完整，可能没有下载或复制完）：请在 Word/WPS 中重新保存为 .docx"),
    (bytes(range(256)) * 4, "不是 .docx 文件（内容不是 ZIP 格式）：文件已损坏，或是其他格式"),
])
def test_files_that_are_not_docx(tmp_path, data, message):
    assert refusal(tmp_path, data) == (2, message)


def test_damaged_packages(tmp_path):
    ok = small_docx(tmp_path)
    assert refusal(tmp_path, ok[: len(ok) // 2]) == (
        2, "文件已损坏（ZIP 结构不完整，可能没有下载或复制完）：请在 Word/WPS 中重新保存为 .docx")
    assert refusal(tmp_path, rezip(ok, {"word/document.xml": b"<w:document"})) == (
        2, "文件已损坏（其中的 XML 有误）：请在 Word/WPS 中打开后重新保存为 .docx")
    # an entry holding more than it declares: zipfile stops at the declared size and the checksum fails
    assert refusal(tmp_path, patch_central_directory(ok, "word/document.xml", size=100)) == (
        2, "文件已损坏（压缩数据有误）：请在 Word/WPS 中打开后重新保存为 .docx")
    assert refusal(tmp_path, patch_central_directory(ok, "word/document.xml", flags=1)) == (
        2, "文件内容已加密，无法读取：请在 Word/WPS 中取消密码并另存后再检查")
    assert refusal(tmp_path, rezip(ok, {"_rels/.rels": zipfile.ZipFile(io.BytesIO(ok)).read("_rels/.rels").replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships")})) == (
        2, "是“严格 Open XML”格式的 Word 文档，暂不支持：请在 Word/WPS 中另存为普通的 .docx 后再检查")


@pytest.mark.parametrize("entry, at, value, what", [
    # a flipped byte in the central directory: zipfile raises NotImplementedError, which is a
    # damaged file for the user, not an internal error
    ("word/document.xml", 6, 170, "ZIP 结构不完整，可能没有下载或复制完"),     # "version needed" 17.0
    ("_rels/.rels", 10, 99, "缺少或损坏了 _rels/.rels"),                       # compression method 99
    ("word/document.xml", 10, 99, "压缩数据有误"),
])
def test_an_entry_zipfile_cannot_handle_is_damage(tmp_path, entry, at, value, what):
    ok = bytearray(small_docx(tmp_path))
    for sig, offset in ((b"PK\x01\x02", at), (b"PK\x03\x04", at - 2)):
        pos = ok.find(sig)
        while pos >= 0:
            name_at = 46 if sig == b"PK\x01\x02" else 30
            if ok[pos + name_at:pos + name_at + len(entry)] == entry.encode():
                ok[pos + offset:pos + offset + 2] = value.to_bytes(2, "little")
            pos = ok.find(sig, pos + 4)
    redo = "重新保存为 .docx" if "ZIP" in what else "打开后重新保存为 .docx"
    assert refusal(tmp_path, bytes(ok)) == (2, f"文件已损坏（{what}）：请在 Word/WPS 中{redo}")


def test_other_zip_packages_named_docx(tmp_path):
    def package(entries):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name, blob in entries.items():
                z.writestr(name, blob)
        return out.getvalue()

    # decided by content (readers/__init__.py dispatch): an OpenDocument text named .docx goes to the
    # ODT reader, which finds this one damaged
    assert refusal(tmp_path, package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}))[0] == 2
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    xlsx = package({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        "xl/workbook.xml": "<workbook/>"})
    assert refusal(tmp_path, xlsx) == (2, "内容是 Excel 表格（.xlsx），不是 Word 文档")
    assert refusal(tmp_path, package({"a.txt": "x"})) == (
        2, "是 ZIP 压缩包，但不是 Word 文档（缺少 Office 文档的 _rels/.rels 与 [Content_Types].xml）")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(48):
                entry.write(chunk)
    assert f.stat().st_size < 200_000
    code, out, err = run_cli(str(f))
    ratio = 48 * (1 << 20) // zipfile.ZipFile(f).getinfo("word/document.xml").compress_size
    assert (code, err) == (2, f"reportlint: {f}: 其中 word/document.xml 解压后达 48 MB（压缩比 {ratio}:1），疑似压缩炸弹，已拒绝读取\n")


def test_a_long_repetitive_document_is_not_a_zip_bomb(tmp_path):
    # LibreOffice writes 10 000 short paragraphs, or a table of 40 000 cells, as XML that
    # deflates 100-240 times (measured): a real document, read; a zip bomb deflates ~1000 times
    ok = small_docx(tmp_path)
    body = zipfile.ZipFile(io.BytesIO(ok)).read("word/document.xml").decode()
    paras = "".join(f"<w:p><w:r><w:t>第{i % 10}项：全镇坚持依法行政，规范执法行为。</w:t></w:r></w:p>" for i in range(20_000))
    big = rezip(ok, {"word/document.xml": re.sub("<w:body>", "<w:body>" + paras, body, count=1).encode()})
    info = zipfile.ZipFile(io.BytesIO(big)).getinfo("word/document.xml")
    assert info.file_size > 1 << 20 and 100 < info.file_size / info.compress_size < 500
    f = tmp_path / "long.docx"
    f.write_bytes(big)
    src = read_source(str(f))
    assert len(src.text.splitlines()) == 20_001 and src.text.startswith("第0项：全镇坚持依法行政，规范执法行为。\n")


def test_the_xml_a_reader_parses_is_bounded(tmp_path, monkeypatch):
    from reportlint.readers import _zip

    ok = small_docx(tmp_path)
    monkeypatch.setattr(_zip, "MAX_XML", 1 << 20)
    text = random.Random(3).choices("法治政府建设依法行政规范执法", k=400_000)
    big = rezip(ok, {"word/footer9.xml": ("<w:ftr>" + "".join(text) + "</w:ftr>").encode()})
    assert refusal(tmp_path, big) == (2, "其中的 XML 解压后超过 1 MB，远大于任何正常的报告，已拒绝读取")


def test_entry_count_and_total_size_bounds(tmp_path, monkeypatch):
    from reportlint.readers import _zip

    ok = small_docx(tmp_path)
    n = len(zipfile.ZipFile(io.BytesIO(ok)).infolist())
    monkeypatch.setattr(_zip, "MAX_ENTRIES", n - 1)
    assert refusal(tmp_path, ok) == (2, f"压缩包内文件过多（{n} 个，上限 {n - 1}），不像是正常的文档，已拒绝读取")
    monkeypatch.setattr(_zip, "MAX_ENTRIES", 10_000)
    monkeypatch.setattr(_zip, "MAX_TOTAL", 1 << 20)
    monkeypatch.setattr(_zip, "MiB", 1 << 20)
    photo = random.Random(7).randbytes(1_300_000)          # incompressible, like a JPEG
    big = rezip(ok, {"word/media/photo.bin": photo})
    assert refusal(tmp_path, big) == (2, "解压后超过 1 MB，远大于任何正常的报告，疑似压缩炸弹，已拒绝读取")


# ------------------------------------------------------------------------------ start-up
def test_plain_text_runs_import_no_document_library(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("青石镇2023年度法治政府建设情况报告\n一、主要举措和成效\n", encoding="utf-8")
    code = ("import sys, reportlint\n"
            "from reportlint.api import Linter\n"
            f"Linter(select=('duplicate-heading',)).run({str(f)!r})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml', 'odfdo', 'odf')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


def test_a_header_is_never_the_title_a_heading_or_a_part(tmp_path):
    d = g.new()
    for line in ["一是加强领导。", "二是完善制度。"]:
        g.para(d, line)
    d.sections[0].header.paragraphs[0].text = "青石镇2023年度法治政府建设情况报告"
    d.sections[0].footer.paragraphs[0].text = "一、主要举措和成效"
    r = Linter().run(g.save(d, tmp_path / "t.docx"))
    assert (r.doc.title, r.doc.headings, r.doc.parts, r.doc.report_year) == (None, [], [], None)
    assert [p.line for p in r.doc.paragraphs] == [0, 1, 2, 3] and len(r.doc.structural) == 2


def test_a_docx_on_standard_input(tmp_path):
    g.save(defects_docx_minimal(), tmp_path / "d.docx")
    data = (tmp_path / "d.docx").read_bytes()
    code, out, err = run_cli("--select", "fazhi-term", "--format", "concise", "--stdin-filename", "草稿.docx", "-",
                             input=data)
    assert out.splitlines()[0] == ("草稿.docx:1:3: RL501 [fazhi-term] “法制”疑为“法治”之误：法治建设、法治宣传、"
                                   "法治教育等应写“法治”，请核对（第 1 段）")
    code, out, err = run_cli("--select", "fazhi-term", "--fix", "--unsafe-fixes", "--stdin-filename", "草稿.docx", "-",
                             input=data)
    # never the extracted text in place of the document: the findings, and the notice
    assert out.startswith("草稿.docx:1:3: RL501") and err == (
        "reportlint: 草稿.docx: 有 1 处可自动修正，但 .docx 文件不会被改写，请在 Word/WPS 中修改（--diff 可查看要改的内容）\n")


def defects_docx_minimal():
    d = g.new()
    g.para(d, "加强法制宣传。")
    return d
