"""The example batch (examples/batch, last year's in examples/previous) is what the README's
screenshot of the review page shows (docs/make_review_screenshot.py): one county's 2023 round of
seven reports, five townships and two departments. Each planted defect is reported exactly, and
nothing else, so the picture and examples/README.md stay true. (Escaping of markup taken from a
report is tested in test_format_html.py, on a fixture of its own: the README's picture shows a
real batch, not an attack.)"""
from __future__ import annotations

import csv
import io

import pytest

from conftest import ROOT, run_cli

ARGS = ("--report-year", "2023", "--previous", "examples/previous", "examples/batch")

EXPECTED = """\
examples/batch/baisha.txt:6:1: RL701 [copied-between-reports] 此段与青石镇的报告（examples/batch/qingshi.txt 第 6 行）除数字和单位名称外完全相同（相似度 100%），请核实是否照抄了其他单位的报告，如是请按本单位实际情况改写
examples/batch/hongxing.txt:1:5: RL306 [report-year] 这是2022年度的报告，本次审核的是2023年度的报告，请核对是否报错了年份或交错了报告
examples/batch/hongyan.txt:1:1: RL102 [first-responsible-section] 报告未写党政主要负责人履行推进法治建设第一责任人职责的情况，请单列一部分报告
examples/batch/qingshi.txt:5:4: RL702 [copied-from-last-year] 标题“规范行政执法，提升执法规范化水平”与本单位上年报告（examples/previous/qingshi-2022.txt 第 3 行）的标题相同，请核实是否照搬了上年的内容
examples/batch/qingshi.txt:6:1: RL701 [copied-between-reports] 此段与白沙镇的报告（examples/batch/baisha.txt 第 6 行）除数字和单位名称外完全相同（相似度 100%），请核实是否照抄了其他单位的报告，如是请按本单位实际情况改写
examples/batch/qingshi.txt:6:1: RL702 [copied-from-last-year] 此段与本单位上年报告（examples/previous/qingshi-2022.txt 第 4 行）除数字外完全相同（相似度 100%），请写明本年度的新情况、新做法
examples/batch/qingshi.txt:12:3: RL702 [copied-from-last-year] 问题“执法人员专业素质不高”与上年报告所列问题相同，请说明整改情况（上年报告 examples/previous/qingshi-2022.txt 第 6 行）
examples/batch/sifaju.txt:19:1: RL302 [publication-date] 落款日期2024年3月12日晚于2024年3月1日：部门的2023年度报告应在2024年3月1日前报送本级政府，请核对或说明
examples/batch/yingji.txt:8:1: RL103 [missing-causes] “存在的不足和原因”部分列了问题但没有分析原因，请逐条写明问题产生的原因
examples/batch/yingji.txt:9:57: RL104 [unpaired-problem] 问题“小微企业安全生产主体责任落实不到…”在下一年度安排中没有对应措施，请补充整改措施
共 10 个问题（错误 3，警告 7，提示 0），检查了 7 个文件。
"""


@pytest.fixture(autouse=True)
def _root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_every_planted_defect_and_nothing_else():
    code, out, err = run_cli("--format", "concise", *ARGS)
    assert (code, err) == (1, "")
    assert out == EXPECTED


def test_the_table_a_reviewer_reads():
    code, out, err = run_cli("--format", "csv", *ARGS)
    assert code == 1, err
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    cols = ("文件", "报告单位", "报告年度", "年度核对", "第一责任人部分", "不足的原因", "无对应措施的问题",
            "公开/成文日期", "与他人雷同", "与上年重复", "错误", "警告")
    at = [rows[0].index(c) for c in cols]
    assert [[r[i] for i in at] for r in rows[1:]] == [
        ["examples/batch/baisha.txt", "白沙镇", "2023", "", "有", "已写", "0", "按时", "18%", "0%", "0", "1"],
        ["examples/batch/hongxing.txt", "红星街道", "2022", "不符", "有", "已写", "0", "按时", "0%", "0%", "1", "0"],
        ["examples/batch/hongyan.txt", "红岩乡", "2023", "", "缺", "已写", "0", "按时", "0%", "0%", "1", "0"],
        ["examples/batch/longtan.txt", "龙潭镇", "2023", "", "有", "已写", "0", "按时", "0%", "0%", "0", "0"],
        ["examples/batch/qingshi.txt", "青石镇", "2023", "", "有", "已写", "0", "按时", "14%", "18%", "0", "4"],
        ["examples/batch/sifaju.txt", "青溪县司法局", "2023", "", "有", "已写", "0", "逾期（2024年3月12日）",
         "0%", "0%", "1", "0"],
        ["examples/batch/yingji.txt", "青溪县应急管理局", "2023", "", "有", "未写原因", "1", "按时",
         "0%", "0%", "0", "2"],
    ]


def test_no_markup_in_the_example_batch():
    # the README's picture is a county's real-looking round: an attack belongs in the tests
    for p in sorted((ROOT / "examples" / "batch").glob("*")):
        assert "<" not in p.read_text(encoding="utf-8"), p.name
