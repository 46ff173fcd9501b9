"""report-year (RL306): with --report-year / config report-year:, a report about another year,
or one whose year cannot be found, is reported; without it, nothing is."""
from __future__ import annotations

import json

from conftest import run_cli

RIGHT = "某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n"
WRONG = "某镇2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n"
NO_YEAR = "某镇法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n"
OPENING = "某镇法治政府建设情况报告\n2024年，我镇坚持依法行政。\n一、主要举措和成效\n"


def _lint(tmp_path, *args, files=None):
    files = files or {"a.txt": RIGHT, "b.txt": WRONG, "c.txt": NO_YEAR, "d.txt": OPENING}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli(*args, "--select", "report-year", "--format", "json", str(tmp_path))
    found = {f["path"].rsplit("/", 1)[-1]: [(v["rule"], v["code"], v["severity"], v["line"], v["column"],
                                             v["end_column"], v["message"]) for v in f["violations"]]
             for f in json.loads(out)["files"]}
    return code, found, err


def test_other_year_and_unknown_year(tmp_path):
    code, found, err = _lint(tmp_path, "--report-year", "2023")
    assert code == 1, err
    assert found == {
        "a.txt": [],
        "b.txt": [("report-year", "RL306", "error", 1, 3, 9,
                   "这是2022年度的报告，本次审核的是2023年度的报告，请核对是否报错了年份或交错了报告")],
        "c.txt": [("report-year", "RL306", "error", 1, 1, 13,
                   "报告的题目和开头都没有写明是哪一年度的报告（本次审核2023年度），请在题目中写明“2023年度”")],
        # no year in the title: the opening's 2024年 is the report year, and is pointed at
        "d.txt": [("report-year", "RL306", "error", 2, 1, 6,
                   "这是2024年度的报告，本次审核的是2023年度的报告，请核对是否报错了年份或交错了报告")],
    }


def test_without_a_year_nothing_is_checked(tmp_path):
    code, found, _ = _lint(tmp_path)
    assert code == 0
    assert found == {"a.txt": [], "b.txt": [], "c.txt": [], "d.txt": []}


def test_config_report_year_and_the_option_wins(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("report-year: 2022\n", encoding="utf-8")
    _, found, _ = _lint(tmp_path, files={"a.txt": RIGHT, "b.txt": WRONG})
    assert [m[-1][:14] for m in found["a.txt"]] == ["这是2023年度的报告，本次"]
    assert found["b.txt"] == []
    _, found, _ = _lint(tmp_path, "--report-year", "2023", files={"a.txt": RIGHT, "b.txt": WRONG})
    assert found["a.txt"] == [] and len(found["b.txt"]) == 1


def test_traditional_script(tmp_path):
    text = "某鎮2022年度法治政府建設情況報告\n一、主要舉措和成效\n"
    _, found, _ = _lint(tmp_path, "--report-year", "2023", files={"t.txt": text})
    assert [(m[3], m[4], m[5]) for m in found["t.txt"]] == [(1, 3, 9)]


def test_bad_values(tmp_path):
    (tmp_path / "a.txt").write_text(RIGHT, encoding="utf-8")
    code, _, err = run_cli("--report-year", "二〇二三", str(tmp_path / "a.txt"))
    assert code == 2 and "--report-year" in err
    (tmp_path / ".reportlint.yaml").write_text("report-year: 今年\n", encoding="utf-8")
    code, _, err = run_cli(str(tmp_path / "a.txt"))
    assert code == 2
    assert err.strip() == f'reportlint: {tmp_path / ".reportlint.yaml"}: 键 "report-year": 应为整数，而不是 \'今年\''
