"""--format xlsx: the reviewer's table and a sheet of every finding, read back with openpyxl."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, run_cli

openpyxl = pytest.importorskip("openpyxl")
BATCH = FIXTURES / "corpus" / "batch"


def test_two_sheets_read_back(tmp_path):
    out = tmp_path / "review.xlsx"
    b, q = str(BATCH / "baisha.txt"), str(BATCH / "qingshi.txt")
    code, stdout, err = run_cli("-f", "xlsx", "-o", str(out), b, q)
    assert code == 1 and stdout == "", err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报告", "问题"]
    reports = [[c.value for c in row] for row in wb["报告"].iter_rows()]
    assert reports[0][:5] == ["文件", "报告单位", "题目", "报告年度", "年度核对"]
    assert reports[1:] == [
        [b, "白沙镇", "白沙镇2023年度法治政府建设情况报告", 2023, None, "有", "有", "有", "缺", "已写", 0, "未见日期",
         0.581, 0, 1, 2, None],
        [q, "青石镇", "青石镇2023年度法治政府建设情况报告", 2023, None, "有", "有", "有", "缺", "已写", 0, "未见日期",
         0.532, 0, 1, 2, None],
    ]
    assert wb["报告"]["M2"].number_format == "0%"
    assert wb["报告"]["I2"].font.color.rgb == "00C00000"
    found = [[c.value for c in row] for row in wb["问题"].iter_rows()]
    assert found[0] == ["文件", "行", "列", "位置", "规则", "代码", "级别", "说明", "原文"]
    assert [r[:7] for r in found[1:]] == [
        [b, 1, 1, "第 1 行第 1 列", "first-responsible-section", "RL102", "错误"],
        [b, 3, 1, "第 3 行第 1 列", "copied-between-reports", "RL701", "警告"],
        [b, 5, 1, "第 5 行第 1 列", "copied-between-reports", "RL701", "警告"],
        [q, 1, 1, "第 1 行第 1 列", "first-responsible-section", "RL102", "错误"],
        [q, 4, 1, "第 4 行第 1 列", "copied-between-reports", "RL701", "警告"],
        [q, 6, 1, "第 6 行第 1 列", "copied-between-reports", "RL701", "警告"],
    ]
    assert found[2][8].startswith("2023年，白沙镇组织执法人员参加行政执法资格考试")
    assert found[2][7].startswith(f"此段与青石镇的报告（{q} 第 4 行）除数字和单位名称外完全相同")


def test_control_characters_do_not_break_the_workbook(tmp_path):
    (tmp_path / "a.txt").write_text("某镇2023年度法治\x07政府建设情况报告\n一、主要举措和成效\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run_cli("-f", "xlsx", "-o", str(out), str(tmp_path / "a.txt"))
    assert openpyxl.load_workbook(out)["报告"]["C2"].value == "某镇2023年度法治\ufffd政府建设情况报告"
