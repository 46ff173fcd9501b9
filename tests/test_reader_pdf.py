"""The PDF reader (readers/pdf.py): paragraphs rebuilt from typeset pages, running headers,
footers and page numbers dropped, places as page and line, scans, encrypted and damaged
files refused, never written by --fix, and the seeds and fixture reports typeset as
multi-page PDFs giving the same mission findings as their text.

Every PDF is made here with reportlab and its built-in CJK CID font STSong-Light (no font
file, no network), by a small typesetter of our own so that lines are justified to the
right margin the way Word and WPS set Chinese text (reportlab's own justification only
stretches spaces, which Chinese text has none of)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from reportlint.api import Linter
from reportlint.errors import InputError
from reportlint.model import Document
from reportlint.readers.pdf import NO_TEXT, SCAN, read
from reportlint.violation import locate

pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
REPORTS = FIXTURES / "reports"
MISSION_PREFIXES = ("RL1", "RL201", "RL3")

NO_START = "，。、；：？！”’）》」』】,.;:?!)"     # never at the start of a line
NO_END = "“‘（《「『【("                         # never at the end of one
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-:/%]*|.", re.S)   # Latin words and numbers do not break


@dataclass
class Printed:
    page: int
    line: int      # on the page, counting body lines only
    text: str


def _width(s: str, size: float) -> float:
    return pdfmetrics.stringWidth(s, FONT, size)


def _wrap(text: str, first: float, rest: float, size: float) -> list[str]:
    lines: list[str] = []
    cur, avail = "", first
    for tok in TOKEN.findall(text):
        if cur and _width(cur + tok, size) > avail + 0.01 and not tok.isspace():
            if tok in NO_START:             # closing punctuation stays (the line is compressed)
                cur += tok
                continue
            carry = ""
            while cur and cur[-1] in NO_END:  # an opening bracket goes down with its text
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur.rstrip())
            cur, avail = carry + tok, rest
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def typeset(path: Path, blocks, *, header: str | None = None, header_from: int = 1,
            footer: str | None = "- {n} -", size: float = 12, leading: float = 22,
            encrypt=None) -> list[Printed]:
    """Typeset ``blocks`` — ``(style, text)`` with style ``title`` (centred, large),
    ``body`` (first line indented two characters, justified), ``heading`` (indented, a little
    space above), ``big`` (a heading in a larger size, not indented), ``flush`` (justified, no
    indent), ``ragged`` (no indent, not justified: LibreOffice's import of a text file) or
    ``right`` (right-aligned) — on A4 pages with a running header, a footer with
    the page number (``{n}``; ``{total}`` the page count) and official-document margins.
    Returns the body lines as printed, page by page."""
    W, H = A4
    left, right, top, bottom = 79.0, 74.0, 100.0, 90.0
    width = W - left - right
    pages: list[list[tuple]] = [[]]
    y = H - top

    def place(x, text, sz, cs=0.0):
        nonlocal y
        if y - sz < bottom:
            pages.append([])
            y = H - top
        pages[-1].append((x, y - sz, text, sz, cs))
        y -= leading if sz == size else sz * 1.6

    for style, text in blocks:
        if style == "title":
            for ln in _wrap(text, width, width, 18):
                place(left + (width - _width(ln, 18)) / 2, ln, 18)
            y -= 8
            continue
        if style == "title12":      # centred, in the body's size
            place(left + (width - _width(text, size)) / 2, text, size)
            continue
        if style == "right":
            place(left + width - _width(text, size), text, size)
            continue
        sz = 16 if style == "big" else size
        if style in ("heading", "big"):
            y -= 6
        indent = 0 if style in ("flush", "big", "ragged") else 2 * size
        lines = _wrap(text, width - indent, width, sz)
        for k, ln in enumerate(lines):
            x = left + (indent if k == 0 else 0)
            avail = width - (indent if k == 0 else 0)
            last = k == len(lines) - 1
            cs = 0.0 if last or len(ln) < 2 or style == "ragged" else (avail - _width(ln, sz)) / (len(ln) - 1)
            place(x, ln, sz, cs)

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    printed: list[Printed] = []
    total = len(pages)
    for n, items in enumerate(pages, start=1):
        if header and n >= header_from:
            c.setFont(FONT, 10)
            c.drawCentredString(W / 2, H - 60, header)
            c.line(left, H - 66, W - right, H - 66)
        for k, (x, base, text, sz, cs) in enumerate(items, start=1):
            t = c.beginText(x, base)
            t.setFont(FONT, sz)
            t.setCharSpace(cs)
            t.textOut(text)
            c.drawText(t)
            printed.append(Printed(n, k, text))
        if footer:
            c.setFont(FONT, 10)
            c.drawCentredString(W / 2, 50, footer.format(n=n, total=total))
        c.showPage()
    c.save()
    return printed


def blocks_of(text: str):
    """A text report as the blocks a typist sets: the title centred, every other line a paragraph."""
    doc = Document(text)
    out = []
    for i, line in enumerate(text.split("\n")):
        s = line.strip()
        if s:
            out.append(("title" if i in doc.title_lines else "body", s))
    return out


BODY = [
    ("title", "某镇2023年度法治政府建设情况报告"),
    ("body", "2023年，在县委、县政府的正确领导下，我镇深入学习贯彻习近平法治思想，认真履行法治政府建设主体责任，"
             "现将有关情况报告如下："),
    ("heading", "一、主要举措和成效"),
    ("body", "（一）加强组织领导。镇党委、政府把法治政府建设摆在全局工作的突出位置，党政主要负责人切实履行推进法治建设"
             "第一责任人职责，年初研究部署，年中督促检查，年底总结考核，全年召开专题会议4次，研究解决重点难点问题12个，"
             "形成了一级抓一级、层层抓落实的工作格局。"),
    ("body", "（二）规范行政执法。全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，"
             "组织执法人员参加培训3期，开展案卷评查2次，发现并整改问题15个，群众满意度明显提升。"
             "同时，全面落实“谁执法谁普法”普法责任制，开展“开学第一课 普法进校园”活动6场，发放宣传资料3000余份，"
             "使用 Version 3 的执法平台办理案件 Online 登记，案件办理更加规范高效。"),
    ("heading", "二、存在的不足和原因"),
    ("body", "一是法治宣传教育形式还比较单一；二是执法人员业务能力有待提高。主要原因是学习培训不够系统，"
             "考核激励机制不够健全。"),
    ("heading", "三、下一年度工作安排"),
    ("body", "一是创新法治宣传教育形式，推进普法阵地建设；二是加强执法人员业务培训，完善考核激励机制，"
             "全面提升依法行政水平，为全镇经济社会高质量发展提供有力法治保障。"),
    ("right", "某镇人民政府"),
    ("right", "2024年1月18日"),
]
EXPECTED = "\n".join(text for _, text in BODY)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    printed = typeset(path, BODY, header="某县人民政府办公室", size=16, leading=30)
    return path, printed


# ----------------------------------------------------------------------- paragraphs
def test_typeset_pages_give_the_paragraphs_back(report_pdf):
    path, printed = report_pdf
    src = read(path, "report.pdf")
    assert max(p.page for p in printed) >= 2            # a page break inside a paragraph
    assert len(printed) > len(BODY) + 8                 # paragraphs over several lines
    assert src.text == EXPECTED
    assert src.writable is False and src.kind == "pdf" and src.meta == {"pages": max(p.page for p in printed)}


def test_every_printed_line_has_its_place(report_pdf):
    path, printed = report_pdf
    src = read(path, "report.pdf")
    places = list(src.places)
    assert [(p.data["page"], p.data["line"]) for p in places] == [(p.page, p.line) for p in printed]
    assert [src.text[p.start:p.end] for p in places] == [p.text for p in printed]
    assert all(p.label == f"第 {p.data['page']} 页第 {p.data['line']} 行" for p in places)


def test_a_finding_names_page_and_line(tmp_path):
    f = tmp_path / "r.pdf"
    printed = typeset(f, BODY[:9] + [("body", "我镇持续加强法制建设，取得了明显成效。")], header="某县人民政府办公室",
                      size=16, leading=30)
    line = next(p for p in printed if "法制建设" in p.text)
    assert (line.page, line.line) == (2, 5)
    r = Linter(select=("fazhi-term",)).run(str(f))
    assert [(v.rule, locate(r.doc, v.start, v.end).line, locate(r.doc, v.start, v.end).column, v.message,
             r.source.places.at(v.start).label, r.source.places.at(v.start).data) for v in r.violations] == [
        ("fazhi-term", 10, 7, "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对",
         "第 2 页第 5 行", {"page": 2, "line": 5}),
    ]


def test_no_space_between_han_characters_and_a_space_between_latin_words(tmp_path):
    f = tmp_path / "r.pdf"
    text = ("我镇使用Version 3执法平台，“开学第一课 普法进校园”。" + "依法行政" * 7 + "登记系统支持Online Registration "
            "and Tracking of every case，并与上级平台对接。" + "规范执法" * 6)
    printed = typeset(f, [("body", text)])
    # a line break between two Latin words, where the space was
    assert any(a.text[-1].isascii() and b.text[0].isascii() for a, b in zip(printed, printed[1:]))
    assert read(f, "r.pdf").text == text


def test_a_heading_in_a_larger_size_stands_alone_after_a_full_line(tmp_path):
    f = tmp_path / "r.pdf"
    body = "全镇坚持依法行政，规范执法行为，" * 6
    printed = typeset(f, [("flush", body), ("big", "二、存在的不足和原因"), ("flush", "执法力量不足。")])
    assert printed[1].text.endswith("，")     # the paragraph's last line runs to the margin
    assert read(f, "r.pdf").text == f"{body}\n二、存在的不足和原因\n执法力量不足。"


def test_a_full_last_line_before_an_indented_paragraph_ends_it(tmp_path):
    f = tmp_path / "r.pdf"
    # 34 characters fill an indented first line of 12-point text, 36 the next: the paragraph ends flush
    first = "依法行政" * 17 + "。。"
    printed = typeset(f, [("body", first), ("body", "规范执法。")])
    assert [p.text for p in printed] == [first[:34], first[34:], "规范执法。"]
    assert read(f, "r.pdf").text == f"{first}\n规范执法。"



def test_a_centred_title_over_two_lines_is_one_paragraph(tmp_path):
    # an official title set large and centred wraps (LibreOffice and Word both centre the rest)
    f = tmp_path / "r.pdf"
    title = "某县市场监督管理局关于2024年度法治政府建设工作情况的报告"
    body = "全镇坚持依法行政，规范执法行为。" * 4
    printed = typeset(f, [("title", title), ("body", body), ("heading", "一、主要举措和成效")])
    assert [p.text for p in printed[:2]] == [title[:26], title[26:]]
    src = read(f, "r.pdf")
    assert src.text == f"{title}\n{body}\n一、主要举措和成效"
    assert [(src.text[p.start:p.end], p.label) for p in src.places][:2] == [
        (title[:26], "第 1 页第 1 行"), (title[26:], "第 1 页第 2 行")]


def test_centred_lines_in_the_body_size_stay_apart(tmp_path):
    # two short centred lines in the body's own size (a signature, a subtitle) are not a title
    f = tmp_path / "r.pdf"
    typeset(f, [("body", "全镇坚持依法行政。"), ("title12", "某镇人民政府"), ("title12", "2024年1月18日")])
    assert read(f, "r.pdf").text == "全镇坚持依法行政。\n某镇人民政府\n2024年1月18日"


def test_a_numbered_heading_after_a_full_last_line_starts_a_paragraph(tmp_path):
    # LibreOffice's text import sets paragraphs flush left, without indent or space between them:
    # a paragraph whose last line happens to fill the line must not swallow the heading after it
    f = tmp_path / "r.pdf"
    body = "全镇坚持依法行政规范执法行为" * 5 + "完善。"      # 72 characters: two full lines
    printed = typeset(f, [("flush", body), ("flush", "二、履行推进法治建设第一责任人职责情况"),
                          ("flush", "（一）镇党委书记带头述法。"), ("flush", "全镇坚持依法行政。")])
    assert [p.text for p in printed] == [body[:36], body[36:], "二、履行推进法治建设第一责任人职责情况",
                                         "（一）镇党委书记带头述法。", "全镇坚持依法行政。"]
    assert printed[1].text.endswith("。")
    assert read(f, "r.pdf").text == (f"{body}\n二、履行推进法治建设第一责任人职责情况\n"
                                     "（一）镇党委书记带头述法。\n全镇坚持依法行政。")


def test_a_line_ending_short_because_a_number_did_not_fit_continues(tmp_path):
    """Ragged text (LibreOffice's import of a .txt): ``100%，`` does not fit after 调解成功率, so
    the line ends almost two characters short of the margin — it still runs on. It used to end
    the paragraph there (RL505 broken-paragraph 段落在“,调解成功率”处断开 on a seed's PDF)."""
    f = tmp_path / "r.pdf"
    full = "全镇坚持依法行政，规范执法行为，" * 7 + "成效明显。"
    text = "今年，" + "依法调解" * 7 + "全镇人民调解员共排查矛盾纠纷隐患，镇调解委员会共受理各类矛盾纠纷24件，调解成功率100%，没有发生越级上访事件。"
    after = "2023年，全镇" + "依法调解" * 7 + "化解矛盾纠纷。"
    # the other paragraphs justified, so that the right margin is where full lines end
    printed = typeset(f, [("flush", full), ("ragged", text), ("flush", full), ("ragged", after)], footer=None)
    lines = [p.text for p in printed]
    k = lines.index(text[:36])
    assert lines[k:k + 3] == [text[:36], text[36:72], text[72:]] and lines[k + 2].startswith("100%，")
    assert lines[k + 1].endswith("调解成功率") and _width(lines[k + 1], 12) < 442.3 - 1.8 * 12   # ends short
    assert read(f, "r.pdf").text == f"{full}\n{text}\n{full}\n{after}"
    code, out, _ = run_cli("--select", "broken-paragraph", "--format", "concise", str(f))
    assert (code, out) == (0, "未发现问题，检查了 1 个文件。\n")


@pytest.mark.parametrize("end, first, pushed", [
    (419.1, "100%，没有发生", True),      # 100%， (2.2 characters wide) did not fit in the 23 points left
    (300.0, "100%，没有发生", False),     # far too short for that: the paragraph ended here
    (419.1, "依法调解", False),           # a Han character would have fitted
    (419.1, "2023年，全镇", True),
])
def test_a_word_pushed_down_is_told_from_a_short_last_line(end, first, pushed):
    from reportlint.readers.pdf import _Line, _pushed_down

    right = 79 + 442.3
    a = _Line(1, 79.0, 79 + end, 500.0, 512.0, "调解成功率", 12.0)
    b = _Line(1, 79.0, 400.0, 478.0, 490.0, first, 12.0)
    assert _pushed_down(a, b, right) is pushed
    assert _pushed_down(_Line(1, 79.0, 79 + end, 500.0, 512.0, "调解成功率。", 12.0), b, right) is False


def test_a_line_starting_like_a_heading_inside_a_sentence_continues_it(tmp_path):
    # the line before ends in the middle of a sentence: "二、" there is the text's, not a heading
    f = tmp_path / "r.pdf"
    text = "依法行政" * 8 + "规范执法，" + "二、完善制度。" + "依法行政" * 5
    printed = typeset(f, [("flush", text)])
    assert printed[1].text.startswith("二、") and printed[0].text.endswith("，")
    assert read(f, "r.pdf").text == text



def test_a_footnote_reference_mark_is_not_text(tmp_path):
    # Word and LibreOffice print a note's reference as a small raised digit after the text
    f = tmp_path / "r.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    for y, (before, mark, after) in ((700, ("对重大法治问题亲自过问、重点环节亲自协调。", "1", "")),
                                     (670, ("全年办理行政处罚案件23件", "2", "，无一被纠错。"))):
        t = c.beginText(79, y)
        t.setFont(FONT, 16)
        t.textOut(before)
        t.setFont(FONT, 9.3)
        t.setRise(7.8)
        t.textOut(mark)
        t.setRise(0)
        t.setFont(FONT, 16)
        t.textOut(after)
        c.drawText(t)
    c.showPage()
    c.save()
    assert read(f, "r.pdf").text == "对重大法治问题亲自过问、重点环节亲自协调。\n全年办理行政处罚案件23件，无一被纠错。"



def test_cells_of_a_printed_table_row_are_not_a_space_to_delete(tmp_path):
    # a table row is printed as pieces far apart on one baseline: they become one line, the
    # pieces joined by a space that is the layout's, not the author's (cjk-digit-space is silent)
    f = tmp_path / "r.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    for x, cell in ((79, "行政处罚案件"), (250, "23件"), (400, "推动法治建设")):
        c.setFont(FONT, 12)
        c.drawString(x, 700, cell)
    c.drawString(103, 670, "全年办理案件 23件。")
    c.showPage()
    c.save()
    r = Linter(select=("cjk-digit-space",)).run(str(f))
    assert r.source.text == "行政处罚案件 23件 推动法治建设\n全年办理案件 23件。"
    assert [(v.rule, locate(r.doc, v.start, v.end).line, locate(r.doc, v.start, v.end).column)
            for v in r.violations] == [("cjk-digit-space", 2, 7)]


# ----------------------------------------------------------------------- furniture
@pytest.mark.parametrize("footer", ["- {n} -", "第 {n} 页", "{n}/{total}", "第 {n} 页 共 {total} 页", "{n}", None])
def test_page_numbers_and_running_headers_are_dropped(tmp_path, footer):
    f = tmp_path / "r.pdf"
    blocks = [("title", "某镇2023年度法治政府建设情况报告")] + [
        ("body", f"（{n}）第{n}项工作。" + "全镇坚持依法行政，规范执法行为，" * 12) for n in range(1, 17)]
    printed = typeset(f, blocks, header="某镇2023年度法治政府建设情况报告", header_from=2, footer=footer,
                      size=16, leading=30)
    assert max(p.page for p in printed) >= 4
    assert read(f, "r.pdf").text == "\n".join(t for _, t in blocks)


def test_a_number_in_the_body_is_not_a_page_number(tmp_path):
    f = tmp_path / "r.pdf"
    blocks = [("body", "全镇坚持依法行政。"), ("body", "2023"), ("body", "规范执法。")]
    typeset(f, blocks, header=None, footer=None)
    assert read(f, "r.pdf").text == "全镇坚持依法行政。\n2023\n规范执法。"


# ----------------------------------------------------------------------- files that cannot be read
def test_a_scan_is_refused_with_advice(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.drawImage(ImageReader(Image.new("L", (60, 80), 200)), 50, 50, 500, 700)
    c.showPage()
    c.save()
    code, out, err = run_cli(str(f))
    assert code == 2
    assert err == f"reportlint: {f}: {SCAN}\n" == f"reportlint: {f}: 这是扫描件，没有文字层：请用 OCR 转成文字，或提供 Word 原稿\n"


def test_a_pdf_with_no_text_at_all(tmp_path):
    f = tmp_path / "empty.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    with pytest.raises(InputError) as exc:
        read(f, "empty.pdf")
    assert exc.value.problem == NO_TEXT == "PDF 中没有文字：请提供 Word 原稿"


def test_an_encrypted_pdf_is_one_clear_line(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    f = tmp_path / "locked.pdf"
    typeset(f, BODY[:3], encrypt=StandardEncryption("user-secret", "owner-secret"))
    code, out, err = run_cli(str(f))
    assert code == 2
    assert err == f"reportlint: {f}: PDF 已加密，需要密码才能打开：请提供未加密的 PDF 或 Word 原稿\n"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    f = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(f), pagesize=A4, encrypt=StandardEncryption("", "owner-secret", canCopy=0))
    c.setFont("Helvetica", 12)
    c.drawString(79, 700, "Annual report 2023")
    c.drawString(79, 600, "Rule of law")
    c.showPage()
    c.save()
    assert read(f, "r.pdf").text == "Annual report 2023\nRule of law"


def test_text_whose_codes_cannot_be_read(tmp_path):
    """pdfminer cannot map the codes of reportlab's CJK font once the file is encrypted (its
    CMap name is an encrypted string): what it reads is glyph numbers, not text."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    f = tmp_path / "codes.pdf"
    typeset(f, BODY[:3], encrypt=StandardEncryption("", "owner-secret"))
    with pytest.raises(InputError) as exc:
        read(f, "codes.pdf")
    assert exc.value.problem == "PDF 中的文字无法提取（字体没有字符编码）：请提供 Word 原稿"


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage", "这不是PDF,是文本。\n".encode()])
def test_a_damaged_pdf(tmp_path, data):
    f = tmp_path / "bad.pdf"
    f.write_bytes(data)
    code, out, err = run_cli(str(f))
    assert code == 2
    assert re.fullmatch(rf"reportlint: {re.escape(str(f))}: 无法读取 PDF 文件：已损坏或不是 PDF（\w+）\n", err)


# ----------------------------------------------------------------------- --fix
def test_fix_never_writes_a_pdf(tmp_path):
    f = tmp_path / "r.pdf"
    typeset(f, BODY[:3] + [("body", "全镇坚持依法行政,规范执法行为。")])
    before = f.read_bytes()
    code, out, err = run_cli("--fix", "--select", "halfwidth-punctuation", str(f))
    assert f.read_bytes() == before
    assert "有 1 处可自动修正，但 .pdf 文件不会被改写，请在 Word/WPS 中修改（--diff 可查看要改的内容）" in err
    assert code == 0



def test_a_pdf_on_standard_input_is_read_and_never_written(tmp_path):
    f = tmp_path / "r.pdf"
    typeset(f, BODY[:9] + [("body", "我镇持续加强法制建设，取得了明显成效。")], header="某县人民政府办公室",
            size=16, leading=30)
    data = f.read_bytes()
    code, out, err = run_cli("--select", "fazhi-term", "--format", "concise", "-", "--stdin-filename", "草稿.pdf",
                             input=data)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == ("草稿.pdf:10:7: RL501 [fazhi-term] “法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写"
                                   "“法治”，请核对（第 2 页第 5 行）")
    code, out, err = run_cli("--select", "fazhi-term", "--fix", "--unsafe-fixes", "-", "--stdin-filename", "草稿.pdf",
                             input=data)
    # as for a .docx: never the extracted text in place of the document; the findings, and the notice
    assert out.startswith("草稿.pdf:10:7: RL501") and err == (
        "reportlint: 草稿.pdf: 有 1 处可自动修正，但 .pdf 文件不会被改写，请在 Word/WPS 中修改（--diff 可查看要改的内容）\n")


# ----------------------------------------------------------------------- reports as PDF
def mission(path: Path) -> list[tuple]:
    """Mission findings in the file's own terms: (rule, message with every ``第 N 行`` replaced
    by that line's text, the text the finding covers)."""
    r = Linter().run(str(path))
    assert r.error is None, r.error
    doc = r.doc

    def lines_named(m: str) -> str:
        return re.sub(r"第 (\d+) 行", lambda g: f"「{doc.line_text(int(g.group(1)) - 1).strip()}」", m)

    return [(v.rule, lines_named(v.message), doc.text[v.start:v.end].strip())
            for v in r.violations if v.code.startswith(MISSION_PREFIXES)]


def _same_as_text(tmp_path, txt: Path):
    text = txt.read_text(encoding="utf-8")
    t = tmp_path / (txt.stem + ".txt")
    t.write_text(text, encoding="utf-8")
    p = tmp_path / (txt.stem + ".pdf")
    printed = typeset(p, blocks_of(text), header="某县人民政府", footer="- {n} -")
    expected = mission(t)
    assert mission(p) == expected
    return expected, printed


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_fixture_report_as_pdf_gives_the_same_mission_findings(tmp_path, name):
    _same_as_text(tmp_path, REPORTS / name)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_as_pdf_gives_the_same_mission_findings(tmp_path, prefix):
    from conftest import seed

    expected, printed = _same_as_text(tmp_path, seed(prefix))
    assert expected and max(p.page for p in printed) >= 2   # findings, on a multi-page PDF
