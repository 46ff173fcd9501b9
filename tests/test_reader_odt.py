"""The .odt reader: paragraphs, headings, lists with their rendered numbering, tables, notes,
frames, headers and footers, with places like the .docx ones. Files are built with odfdo."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import odtgen as o
from conftest import run_cli, seed
from reportlint.api import Linter
from reportlint.readers import read_source


def read(doc, tmp_path, name="t.odt"):
    return read_source(o.save(doc, tmp_path / name))


def lines(doc, tmp_path):
    return read(doc, tmp_path).text.split("\n")


CN = [o.number_level(1, "一, 二, 三, ...", suffix="、"),
      o.number_level(2, "一, 二, 三, ...", prefix="（", suffix="）", followed_by="nothing"),
      o.number_level(3, "1", suffix="."),
      o.number_level(4, "1", prefix="(", suffix=")", followed_by="space")]


def test_lists_render_their_numbering(tmp_path):
    doc = o.new()
    o.list_style(doc, "L1", *CN)
    o.add(doc, o.items("主要举措", o.items("加强领导", o.items("完善制度", "健全机制"), "推进执法"),
                       "存在的不足", style="L1"))
    o.add(doc, o.p("正文"))
    o.add(doc, o.items("下一年度安排", style="L1", text__continue_numbering="true"))
    o.add(doc, o.items("新的列表", style="L1"))
    assert lines(doc, tmp_path) == ["一、\t主要举措", "（一）加强领导", "1.\t完善制度", "2.\t健全机制", "（二）推进执法",
                                    "二、\t存在的不足", "正文", "三、\t下一年度安排", "一、\t新的列表"]


def test_list_details(tmp_path):
    doc = o.new()
    o.list_style(doc, "L2", o.number_level(1, "1", suffix="."), o.number_level(2, "1", suffix=".", display=2),
                 o.number_level(3, "a", suffix=")", template="%3%)"))
    o.list_style(doc, "L3", o.bullet_level(1, "\uf0b7"), o.number_level(2, "①, ②, ③, ...", suffix="", followed_by="space"))
    o.list_style(doc, "L4", o.number_level(1, "I", start=4), o.number_level(2, "A", template="（%2%）"))
    o.add(doc, o.items("甲", o.items("乙", o.items("丙")), style="L2", xml__id="list1"))
    o.add(doc, o.p("中间"))
    o.add(doc, o.items("丁", style="L2", text__continue_list="list1"))
    o.add(doc, o.items("要点", o.items("分点", "分点二"), style="L3"))
    o.add(doc, o.items("<text:list-header><text:p>不编号的表头</text:p></text:list-header>",
                       "<text:list-item text:start-value=\"9\"><text:p>从九开始</text:p><text:p>同一项的第二段</text:p></text:list-item>",
                       "后一项", o.items("子项"), style="L4"))
    o.add(doc, o.items("<text:list-item><text:number>第1条</text:number><text:p>缓存的编号</text:p></text:list-item>", style="L2"))
    assert lines(doc, tmp_path) == [
        "1.\t甲", "1.1.\t乙", "a)\t丙", "中间", "2.\t丁",
        "•\t要点", "① 分点", "② 分点二",
        "不编号的表头", "IX.\t从九开始", "同一项的第二段", "X.\t后一项", "（A）\t子项",
        "第1条 缓存的编号"]


def test_headings_numbered_by_the_outline_style(tmp_path):
    outline = (o.number_level(1, "一, 二, 三, ...", suffix="、", tag="text:outline-level-style")
               + o.number_level(2, "一, 二, 三, ...", prefix="（", suffix="）", followed_by="nothing",
                                tag="text:outline-level-style")
               + '<text:outline-level-style text:level="3" style:num-format=""/>')
    doc = o.new(outline)
    for x in [o.h("主要举措和成效"), o.h("加强执法队伍建设", 2), o.h("不编号的三级标题", 3), o.h("完善制度", 2),
              o.p("正文"), o.h("存在的不足和原因"), o.h("问题", 2),
              o.h("重新编号", 1, text__restart_numbering="true", text__start_value="5"),
              o.h("列表标题", 1, text__is_list_header="true")]:
        o.add(doc, x)
    assert lines(doc, tmp_path) == ["一、\t主要举措和成效", "（一）加强执法队伍建设", "不编号的三级标题", "（二）完善制度",
                                    "正文", "二、\t存在的不足和原因", "（一）问题", "五、\t重新编号", "列表标题"]


def test_white_space_breaks_and_what_is_left_out(tmp_path):
    doc = o.new()
    o.add(doc, o.p("  前导空格\n  被折叠  成一个<text:s text:c=\"2\"/>显式空格<text:tab/>制表<text:line-break/>换行后同一段"))
    o.add(doc, o.p('保留<text:span text:style-name="T1">插入的文字</text:span><text:change text:change-id="ct1"/>'
                   '<office:annotation><text:p>批注</text:p></office:annotation>，第<text:page-number>3</text:page-number>页'))
    doc.body.insert(o.Element.from_tag(
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
        '<dc:creator>审核人</dc:creator></office:change-info><text:p>删除的法制</text:p></text:deletion>'
        '</text:changed-region></text:tracked-changes>'), position=0)
    o.add(doc, '<text:table-of-content text:name="目录"><text:index-body><text:p>一、主要举措和成效 1</text:p>'
               '</text:index-body></text:table-of-content>')
    assert lines(doc, tmp_path) == ["前导空格 被折叠 成一个  显式空格\t制表换行后同一段", "保留插入的文字，第页"]


def test_tables_frames_notes_headers_and_places(tmp_path):
    doc = o.new()
    o.add(doc, o.p("表前"))
    o.add(doc, '<table:table table:name="T"><table:table-column table:number-columns-repeated="3"/>'
               '<table:table-header-rows><table:table-row><table:table-cell><text:p>序号</text:p></table:table-cell>'
               '<table:table-cell table:number-columns-spanned="2"><text:p>事项</text:p></table:table-cell>'
               '<table:covered-table-cell/></table:table-row></table:table-header-rows>'
               '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>'
               '<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>第四行第三列</text:p>'
               '</table:table-cell></table:table-row></table:table>')
    o.add(doc, o.p("锚定" + o.frame("框内文字") + "段落" + o.note("脚注文字") + o.note("尾注文字", "endnote")))
    o.header_footer(doc, header="一、页眉文字", footer="页脚文字")
    src = read(doc, tmp_path)
    assert [(src.text[p.start:p.end], p.label, p.data) for p in src.places] == [
        ("表前", "第 1 段", {"paragraph": 1}),
        ("序号", "表 1 第 1 行第 1 列", {"table": 1, "row": 1, "column": 1}),
        ("事项", "表 1 第 1 行第 2 列", {"table": 1, "row": 1, "column": 2}),
        ("第四行第三列", "表 1 第 4 行第 3 列", {"table": 1, "row": 4, "column": 3}),
        ("锚定段落", "第 2 段", {"paragraph": 2}),
        ("框内文字", "文本框 1", {"textbox": 1}),
        ("脚注文字", "脚注 1", {"footnote": 1}),
        ("尾注文字", "尾注 1", {"endnote": 1}),
        ("一、页眉文字", "页眉", {"header": "default", "master_page": "Standard"}),
        ("页脚文字", "页脚", {"footer": "default", "master_page": "Standard"})]
    assert src.furniture == ((src.text.index("脚注文字"), len(src.text)),)
    r = Linter(select=("required-section",)).run(str(tmp_path / "t.odt"))
    assert r.doc.headings == []


def test_defects_are_reported_with_their_place(tmp_path):
    doc = o.new()
    o.add(doc, o.p("青石镇2023年度法治政府建设情况报告"))
    o.add(doc, o.p("加强法制宣传。" + o.note("依据法制建设规划。")))
    o.add(doc, '<table:table table:name="T"><table:table-row><table:table-cell><text:p>法制建设</text:p>'
               '</table:table-cell></table:table-row></table:table>')
    o.add(doc, o.p("说明" + o.frame("推进法制政府建设")))
    f = o.save(doc, tmp_path / "报告.odt")
    code, out, err = run_cli("--select", "fazhi-term", "--format", "concise", f)
    msg = "RL501 [fazhi-term] “法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"
    assert out.splitlines()[:-1] == [f"{f}:2:3: {msg}（第 2 段）", f"{f}:3:1: {msg}（表 1 第 1 行第 1 列）",
                                     f"{f}:5:3: {msg}（文本框 1）", f"{f}:6:3: {msg}（脚注 1）"]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_a_seed_as_odt_gives_the_mission_findings_of_the_txt(prefix, tmp_path):
    path = seed(prefix)
    text = path.read_text(encoding="utf-8")
    linter = Linter()
    txt = linter.run(str(path))
    odt = linter.run(o.typed_report(text, tmp_path / "r.odt"))
    assert odt.source.text == text
    pick = lambda r: [(v.rule, v.message, v.start) for v in r.violations
                      if v.code.startswith(("RL1", "RL3")) or v.rule == "duplicate-heading"]
    assert pick(txt) and pick(odt) == pick(txt)


# ------------------------------------------------------------------------------ refusals
def package(entries) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in entries.items():
            z.writestr(name, blob)
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "实际是旧版 Word（.doc）或 WPS 文件，不是 .odt：请在 Word/WPS 中另存为 .docx 后再检查"),
    (package({"word/document.xml": "<x/>"}), "内容是 Word 文档（.docx），不是 .odt：请把扩展名改为 .docx"),
    (package({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
     "是 OpenDocument 电子表格（.ods），不是文本文档（.odt）"),
    (package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content"}),
     "文件已损坏（其中的 XML 有误）：请在 Word/WPS 中打开后重新保存为 .odt"),
    (package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content",
              "styles.xml": "<x/>"}), "文件已损坏（其中的 XML 有误）：请在 Word/WPS 中打开后重新保存为 .odt"),
    (package({"a.txt": "x"}), "是 ZIP 压缩包，但不是 OpenDocument 文档（缺少 content.xml）"),
])
def test_files_that_are_not_odt(tmp_path, data, message):
    f = tmp_path / "r.odt"
    f.write_bytes(data)
    code, out, err = run_cli(str(f))
    assert (code, err) == (2, f"reportlint: {f}: {message}\n")


@pytest.mark.parametrize("damage", ["method", "stream"])
def test_damaged_compressed_content_is_named_plainly(tmp_path, damage):
    # an unknown compression method (NotImplementedError) or a corrupt deflate stream (zlib.error,
    # or a CRC mismatch): "压缩数据有误", not an exception's class name
    doc = o.new()
    o.add(doc, o.p("全镇坚持依法行政，规范执法行为。" * 40))
    data = bytearray(Path(o.save(doc, tmp_path / "ok.odt")).read_bytes())
    name = b"content.xml"
    if damage == "method":
        for sig, at, name_at in ((b"PK\x01\x02", 10, 46), (b"PK\x03\x04", 8, 30)):
            pos = data.find(sig)
            while pos >= 0:
                if data[pos + name_at:pos + name_at + len(name)] == name:
                    data[pos + at:pos + at + 2] = (99).to_bytes(2, "little")
                pos = data.find(sig, pos + 4)
    else:
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("content.xml")
        start = info.header_offset + 30 + len(name) + len(info.extra)
        for k in range(start + 20, start + info.compress_size - 20, 7):
            data[k] ^= 0x5A
    f = tmp_path / "r.odt"
    f.write_bytes(bytes(data))
    assert run_cli(str(f))[::2] == (2, f"reportlint: {f}: 文件已损坏（压缩数据有误）：请在 Word/WPS 中打开后重新保存为 .odt\n")


def test_a_password_protected_odt_says_so(tmp_path):
    # LibreOffice's "save with password": the manifest says how each part is encrypted, the
    # parts are ciphertext — not a damaged file
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="3000">'
                '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
                'manifest:checksum="0mYQo6FxHrWWOlLa7Mjf41UMO/7zt8S+onv9vKWos1w=">'
                '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
                'manifest:initialisation-vector="GWEnQB24QokWfivzM/Eopg=="/></manifest:encryption-data>'
                '</manifest:file-entry></manifest:manifest>')
    data = package({"mimetype": "application/vnd.oasis.opendocument.text", "META-INF/manifest.xml": manifest,
                    "content.xml": bytes(range(256)) * 4})
    f = tmp_path / "r.odt"
    f.write_bytes(data)
    assert run_cli(str(f))[::2] == (
        2, f"reportlint: {f}: 文件已加密（设有打开密码），无法读取：请在 LibreOffice/WPS 中取消密码并另存后再检查\n")


def test_an_odt_zip_bomb_is_refused(tmp_path):
    f = tmp_path / "bomb.odt"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with z.open("content.xml", "w") as entry:
            for _ in range(32):
                entry.write(b" " * (1 << 20))
    code, out, err = run_cli(str(f))
    assert code == 2 and err.startswith(f"reportlint: {f}: 其中 content.xml 解压后达 32 MB（压缩比 ")
