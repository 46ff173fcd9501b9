"""Regression tests on the held-out reports (tests/fixtures/heldout, key in KEY.md).

The reports were written and keyed before reportlint was run on them; RESULTS.md has the
before/after tables. Each report's mission-rule findings are asserted exactly (rule, line),
and the false positives fixed after the evaluation are asserted absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_with
from reportlint.violation import locate

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"

MISSION = {"required-section", "first-responsible-section", "missing-causes", "unpaired-problem",
           "duplicate-heading", "year-mismatch", "publication-date"}

EXPECTED = {
    "h01_taoyuan_township_2023_web.txt": [("missing-causes", 30), ("unpaired-problem", 36)],
    "h02_dongcheng_street_2024_pdf.txt": [("first-responsible-section", 10)],
    "h03_qinghe_county_2022_word.txt": [("unpaired-problem", 29), ("duplicate-heading", 34),
                                        ("duplicate-heading", 38)],
    "h04_anping_scjg_2024.txt": [("unpaired-problem", 32), ("year-mismatch", 34)],
    "h05_yongning_sifaju_2021_trad.txt": [],
    "h06_linchuan_zrzy_2020_halfwidth.txt": [("first-responsible-section", 1),
                                             ("unpaired-problem", 27)],
    "h07_chengnan_district_2019_web.txt": [("publication-date", 2), ("unpaired-problem", 29)],
    "h08_hexi_township_2025.txt": [("unpaired-problem", 27), ("publication-date", 41)],
    "h09_xinhua_street_2022_web.txt": [("duplicate-heading", 3), ("unpaired-problem", 22)],
    "h10_fengyang_county_2024_pdf.txt": [("year-mismatch", 7), ("unpaired-problem", 30),
                                         ("missing-causes", 26)],
}

# (report, rule, line) that reportlint reported before the fixes and must not report again
FIXED_FALSE_POSITIVES = [
    ("h07_chengnan_district_2019_web.txt", "required-section", 1),      # 2020年工作打算 is the plan
    ("h07_chengnan_district_2019_web.txt", "unpaired-problem", 33),     # plan items are not problems
    ("h03_qinghe_county_2022_word.txt", "missing-causes", 25),          # （二）原因分析
    ("h08_hexi_township_2025.txt", "missing-causes", 21),               # （四）原因分析。一是…
    ("h02_dongcheng_street_2024_pdf.txt", "unpaired-problem", 26),      # 合法性审核 ↔ 法制审核队伍
    ("h05_yongning_sifaju_2021_trad.txt", "unpaired-problem", 26),      # 公共法律服务 ↔ 向基层延伸
    ("h07_chengnan_district_2019_web.txt", "cjk-digit-space", 2),       # 2020-04-20　　来源：
    ("h07_chengnan_district_2019_web.txt", "cjk-digit-space", 41),      # 3301090001　　备案号：
    ("h09_xinhua_street_2022_web.txt", "cjk-digit-space", 4),
]

FIXED_FALSE_NEGATIVES = [
    ("h01_taoyuan_township_2023_web.txt", "web-residue", 50),           # 扫一扫在手机打开当前页
    ("h01_taoyuan_township_2023_web.txt", "web-residue", 51),           # 【打印本页】【关闭窗口】
    ("h07_chengnan_district_2019_web.txt", "web-residue", 3),           # 【打印】【关闭】 under the title
]


def _lint(name, all_rules):
    """[(rule, line, message)] for every finding on the report."""
    doc, violations = lint_with((HELDOUT / name).read_text(encoding="utf-8"), all_rules)
    return [(v.rule, locate(doc, v.start, v.end).line, v.message) for v in violations]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_mission_findings(name, all_rules):
    got = sorted((r, ln) for r, ln, _ in _lint(name, all_rules) if r in MISSION)
    assert got == sorted(EXPECTED[name])


@pytest.mark.parametrize("name,rule,line", FIXED_FALSE_POSITIVES)
def test_fixed_false_positive(name, rule, line, all_rules):
    assert (rule, line) not in {(r, ln) for r, ln, _ in _lint(name, all_rules)}


@pytest.mark.parametrize("name,rule,line", FIXED_FALSE_NEGATIVES)
def test_fixed_false_negative(name, rule, line, all_rules):
    assert (rule, line) in {(r, ln) for r, ln, _ in _lint(name, all_rules)}


def test_h07_reports_only_the_unanswered_problem(all_rules):
    hits = [m for r, _, m in _lint("h07_chengnan_district_2019_web.txt", all_rules)
            if r == "unpaired-problem"]
    assert [m.split("”")[0] for m in hits] == ["问题“规范性文件备案审查滞后"]
