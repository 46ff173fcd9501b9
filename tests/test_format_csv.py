"""--format csv: the reviewer's table, one row per report, UTF-8 with a BOM, read back exactly."""
from __future__ import annotations

import csv
import io

from conftest import FIXTURES, run_cli

BATCH = FIXTURES / "corpus" / "batch"
HEADER = ["文件", "报告单位", "题目", "报告年度", "年度核对", "举措和成效", "不足和原因", "下一年度安排", "第一责任人部分",
          "不足的原因", "无对应措施的问题", "公开/成文日期", "与他人雷同", "与上年重复", "错误", "警告", "无法读取"]


def test_rows_read_back(tmp_path):
    out = tmp_path / "审核表.csv"
    code, stdout, err = run_cli("-f", "csv", "-o", str(out), "--report-year", "2023", str(BATCH / "baisha.txt"),
                                str(BATCH / "qingshi.txt"), str(tmp_path / "没有.txt"))
    assert code == 2 and stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    # 白沙镇: body 76+73+78+25+13 characters, two paragraphs of 76 and 78 copied: 58%; 青石镇: 156/293
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    b, q = str(BATCH / "baisha.txt"), str(BATCH / "qingshi.txt")
    assert rows == [
        HEADER,
        [b, "白沙镇", "白沙镇2023年度法治政府建设情况报告", "2023", "", "有", "有", "有", "缺", "已写", "0", "未见日期",
         "58%", "0%", "1", "2", ""],
        [q, "青石镇", "青石镇2023年度法治政府建设情况报告", "2023", "", "有", "有", "有", "缺", "已写", "0", "未见日期",
         "53%", "0%", "1", "2", ""],
        [str(tmp_path / "没有.txt"), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "文件不存在"],
    ]
