"""A finding in a file whose reader knows its own places names the place in the file's terms:
text and concise output add （第 N 段） after the message and after related positions; JSON adds
a ``place`` object to violations, fixes and related ranges. Plain text files are unchanged."""
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
        f"{f}:7:4: RL201 [duplicate-heading] 标题“加强执法队伍建设”与第 4 行重复，请改写或删去（第 6 段）\n"
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
