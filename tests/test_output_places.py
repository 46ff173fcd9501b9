"""A finding in a file whose reader knows its own places names the place in the file's terms:
text, concise, github, junit and gitlab output add （第 N 段） after the message and after related
positions, and a line a message cites (``与第 4 行重复``) is followed by its place; SARIF names the
place in its location's message; JSON adds a ``place`` object to violations, fixes and related
ranges (its messages stay as the rules wrote them). Plain text files are unchanged."""
from __future__ import annotations

import json

import wordgen as g
from conftest import run_cli

REPORT = ["青石镇2023年度法治政府建设情况报告", "", "一、主要举措和成效", "（一）加强执法队伍建设", "全年办理案件 12 件。",
          "二、下一年度工作安排", "（一）加强执法队伍建设"]


def report_docx(tmp_path):
    d = g.new()
    for line in REPORT:
        if line:
            g.para(d, line)
        else:
            d.add_paragraph()
    g.add_table(d, [["项目", "数量"], ["复议 案件", "3 件"]])
    return g.save(d, tmp_path / "报告.docx")


def test_text_output_names_the_place_after_the_message_and_related_positions(tmp_path):
    f = report_docx(tmp_path)
    code, out, err = run_cli("--select", "duplicate-heading,cjk-digit-space", "--no-color", f)
    assert code == 1 and err == ""
    assert out.split("\n\n")[:2] == [
        f"{f}:5:7: RL402 [cjk-digit-space] 汉字与数字之间不应有空格，请删去（第 4 段）\n"
        "  |\n"
        "5 | 全年办理案件 12 件。\n"
        "  |             ^\n"
        "  = 可自动修正：删除",
        f"{f}:5:10: RL402 [cjk-digit-space] 汉字与数字之间不应有空格，请删去（第 4 段）\n"
        "  |\n"
        "5 | 全年办理案件 12 件。\n"
        "  |                ^\n"
        "  = 可自动修正：删除"]
    dup = [block for block in out.split("\n\n") if "RL201" in block]
    assert dup == [
        f"{f}:7:4: RL201 [duplicate-heading] 标题“加强执法队伍建设”与第 4 行（第 3 段）重复，请改写或删去（第 6 段）\n"
        "  |\n"
        "7 | （一）加强执法队伍建设\n"
        "  |       ^^^^^^^^^^^^^^^^\n"
        "  = 首次出现：第 4 行第 4 列（第 3 段）"]


def test_concise_output_names_table_cells(tmp_path):
    f = report_docx(tmp_path)
    code, out, _ = run_cli("--select", "cjk-digit-space", "--format", "concise", f)
    msg = "RL402 [cjk-digit-space] 汉字与数字之间不应有空格，请删去"
    assert out.splitlines()[:-1] == [f"{f}:5:7: {msg}（第 4 段）", f"{f}:5:10: {msg}（第 4 段）",
                                     f"{f}:11:2: {msg}（表 1 第 2 行第 2 列）"]


def test_json_carries_the_place_of_violations_fixes_and_related_ranges(tmp_path):
    f = report_docx(tmp_path)
    code, out, _ = run_cli("--select", "duplicate-heading,cjk-digit-space", "--format", "json", f)
    vs = json.loads(out)["files"][0]["violations"]
    space = vs[0]
    assert (space["line"], space["column"], space["place"]) == (5, 7, {"label": "第 4 段", "paragraph": 4})
    assert space["fix"]["place"] == {"label": "第 4 段", "paragraph": 4}
    dup = next(v for v in vs if v["rule"] == "duplicate-heading")
    assert dup["place"] == {"label": "第 6 段", "paragraph": 6}
    assert [(r["line"], r["place"], r["message"]) for r in dup["related"]] == [
        (4, {"label": "第 3 段", "paragraph": 3}, "首次出现")]
    cell = vs[-1]
    assert (cell["line"], cell["place"]) == (11, {"label": "表 1 第 2 行第 2 列", "table": 1, "row": 2, "column": 2})
    # field order: place right after the position fields
    assert list(space)[:11] == ["rule", "code", "severity", "message", "line", "column", "end_line", "end_column",
                                "offset", "end_offset", "place"]


def test_plain_text_output_has_no_places(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    code, out, _ = run_cli("--select", "cjk-digit-space", "--format", "concise", str(f))
    assert out.splitlines()[0] == f"{f}:5:7: RL402 [cjk-digit-space] 汉字与数字之间不应有空格，请删去"
    code, out, _ = run_cli("--select", "duplicate-heading,cjk-digit-space", "--format", "json", str(f))
    for v in json.loads(out)["files"][0]["violations"]:
        assert "place" not in v and all("place" not in r for r in v["related"])
        assert v["fix"] is None or "place" not in v["fix"]


DUP = "标题“加强执法队伍建设”与第 4 行（第 3 段）重复，请改写或删去（第 6 段）"


def test_ci_formats_name_the_place_where_they_have_no_field_for_it(tmp_path):
    import xml.etree.ElementTree as ET

    f = report_docx(tmp_path)
    sel = ("--select", "duplicate-heading")
    code, out, _ = run_cli(*sel, "--format", "github", f)
    assert out.splitlines() == [f"::error file={f},line=7,col=4,endLine=7,endColumn=12,"
                                f"title=RL201 duplicate-heading::{DUP}"]
    code, out, _ = run_cli(*sel, "--format", "gitlab", f)
    assert [i["description"] for i in json.loads(out)] == [DUP]
    code, out, _ = run_cli(*sel, "--format", "junit", f)
    (failure,) = ET.fromstring(out).iter("failure")
    assert (failure.get("message"), failure.text) == (DUP, f"第 7 行第 4 列：{DUP}")
    code, out, _ = run_cli(*sel, "--format", "sarif", f)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["message"]["text"] == "标题“加强执法队伍建设”与第 4 行（第 3 段）重复，请改写或删去"
    assert result["locations"][0]["message"]["text"] == "第 6 段"
    assert "relatedLocations" not in result and "region" not in result["locations"][0]["physicalLocation"]
    code, out, _ = run_cli(*sel, "--format", "json", f)   # programs get the rule's own words
    assert json.loads(out)["files"][0]["violations"][0]["message"] == "标题“加强执法队伍建设”与第 4 行重复，请改写或删去"


def test_ci_formats_of_plain_text_are_unchanged(tmp_path):
    import xml.etree.ElementTree as ET

    f = tmp_path / "r.txt"
    f.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    msg = "标题“加强执法队伍建设”与第 4 行重复，请改写或删去"
    sel = ("--select", "duplicate-heading")
    assert run_cli(*sel, "--format", "github", str(f))[1].endswith(f"::{msg}\n")
    assert [i["description"] for i in json.loads(run_cli(*sel, "--format", "gitlab", str(f))[1])] == [msg]
    (failure,) = ET.fromstring(run_cli(*sel, "--format", "junit", str(f))[1]).iter("failure")
    assert (failure.get("message"), failure.text) == (msg, f"第 7 行第 4 列：{msg}")


def test_a_line_of_another_file_is_not_given_this_files_place(tmp_path):
    # copies between reports cite the other file's line ("（b.docx 第 3 行）"): that is not a
    # line of this document, so it gets no place of this document
    from reportlint.api import Linter
    from reportlint.formatters import message_with_places
    from reportlint.violation import Related

    f = report_docx(tmp_path)
    r = Linter(select=("duplicate-heading",)).run(f)
    (v,) = r.violations
    assert message_with_places(r, v) == "标题“加强执法队伍建设”与第 4 行（第 3 段）重复，请改写或删去（第 6 段）"
    other = v._replace(message="此段与乙镇的报告（b.docx 第 3 行）相同，请核实", related=(
        Related(0, 5, "相同的段落", path="b.docx", loc=(3, 1, 3, 6), place={"label": "第 2 段", "paragraph": 2}),))
    assert message_with_places(r, other) == "此段与乙镇的报告（b.docx 第 3 行）相同，请核实（第 6 段）"
    mixed = other._replace(message="与第 4 行及 b.docx 第 3 行相同", related=other.related + v.related)
    assert message_with_places(r, mixed) == "与第 4 行（第 3 段）及 b.docx 第 3 行相同（第 6 段）"
