"""--format html: the review page. Static checks (self-contained, escaped, every report and
finding), then the page in a real headless Chromium: it loads without script errors, shows
every report, sorts, filters and opens a row's findings; a screenshot is kept as an artefact
(under pytest's tmp dir, or REPORTLINT_SCREENSHOT_DIR)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import browser
from conftest import FIXTURES, run_cli

BATCH = FIXTURES / "corpus" / "batch"
EVIL = ('<script>alert("x")</script>红星街道2023年度法治政府建设情况报告\n一、主要举措和成效\n'
        '全街道加强法制建设<img src=x onerror=alert(1)>，推行行政执法公示制度，执法全过程记录。\n')


@pytest.fixture
def page(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    for n in ("baisha.txt", "hongyan.txt", "qingshi.txt"):
        shutil.copy(BATCH / n, d / n)
    (d / "evil.txt").write_text(EVIL, encoding="utf-8")
    out = tmp_path / "review.html"
    code, stdout, err = run_cli("-f", "html", "-o", str(out), "--report-year", "2023", str(d))
    assert code == 1 and stdout == "", err
    return out, out.read_text(encoding="utf-8")


def test_self_contained_and_escaped(page):
    _, html = page
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)       # nothing from the network
    assert "<link" not in html and html.count("<script>") == 1                 # only our own inline script
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;红星街道" in html


def test_every_report_a_row_with_its_cells(page):
    _, html = page
    rows = re.findall(r'<tr class="report" data-index="(\d)" data-missing="(\d)" data-late="(\d)">(.*?)</tr>', html)
    assert [r[0] for r in rows] == ["0", "1", "2", "3"]
    cells = [re.findall(r'<td data-key="(\w+)" data-sort="[^"]*"(?: class="\w+")?>([^<]*)</td>', r[3]) for r in rows]
    first = dict(cells[0])
    assert first["path"].endswith("batch/baisha.txt") and first["issuer"] == "白沙镇"
    assert (first["part_measures"], first["first_responsible"], first["causes"], first["copied"]) == ("有", "缺", "已写", "29%")
    evil = dict(cells[1])
    assert evil["part_shortcomings"] == "缺" and evil["causes"] == "—" and evil["year_check"] == ""
    # the summary: 4 reports; two copied (the checklist is the three townships' template)
    assert '<div class="stat"><b>4</b><span>报告</span></div>' in html
    assert '<div class="stat warn"><b>2</b><span>与他人报告雷同</span></div>' in html
    assert '<div class="stat warn"><b>1</b><span>缺“不足和原因”</span></div>' in html


def test_findings_name_place_rule_and_quote(page):
    _, html = page
    details = re.search(r'<tr class="details" id="d0" hidden>(.*?)</tr>', html).group(1)
    assert 'batch/baisha.txt：2 个问题' in details
    assert ('<span class="place">第 3 行第 1 列</span> <code>RL701</code> <span class="rule">copied-between-reports'
            in details)
    assert "<mark>2023年，白沙镇组织执法人员参加行政执法资格考试" in details
    assert re.search(r"<li>青石镇报告中的相似段落：[^<]*batch/qingshi.txt:4:1</li>", details)


def _shot(driver, tmp_path, name):
    where = Path(os.environ.get("REPORTLINT_SCREENSHOT_DIR") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(where / name))
    return where / name


def test_in_headless_chromium(page, tmp_path):
    pytest.importorskip("selenium")
    if browser.find() is None:
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.common.by import By

    out, _ = page
    d = browser.start()
    try:
        d.get(out.as_uri())
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        assert d.title == "法治政府建设年度报告审核表（4 份）"
        rows = d.find_elements(By.CSS_SELECTOR, "tr.report")
        assert len(rows) == 4 and all(r.is_displayed() for r in rows)
        assert not d.execute_script("return window.__xss === true || document.querySelector('img') !== null")

        def issuers():
            return [r.find_element(By.CSS_SELECTOR, 'td[data-key="path"]').text.rsplit("/", 1)[-1]
                    for r in d.find_elements(By.CSS_SELECTOR, "tr.report") if r.is_displayed()]

        head = d.find_element(By.CSS_SELECTOR, 'th[data-key="copied"]')
        head.find_element(By.TAG_NAME, "button").click()
        assert head.get_attribute("aria-sort") == "ascending"
        assert issuers() == ["evil.txt", "hongyan.txt", "qingshi.txt", "baisha.txt"]
        head.find_element(By.TAG_NAME, "button").click()
        assert head.get_attribute("aria-sort") == "descending"
        assert issuers() == ["baisha.txt", "qingshi.txt", "evil.txt", "hongyan.txt"]

        box = d.find_element(By.ID, "filter-text")
        box.send_keys("红岩")
        assert issuers() == ["hongyan.txt"] and d.find_element(By.ID, "shown").text == "1"
        box.clear()
        box.send_keys(" ")
        box.clear()
        d.execute_script("var s=document.getElementById('filter-kind');s.value='copied';s.dispatchEvent(new Event('change'))")
        assert issuers() == ["baisha.txt", "qingshi.txt"]
        d.execute_script("var s=document.getElementById('filter-kind');s.value='';s.dispatchEvent(new Event('change'))")
        assert len(issuers()) == 4

        first = d.find_elements(By.CSS_SELECTOR, "tr.report")[0]
        button = first.find_element(By.CSS_SELECTOR, "button.open")
        details = d.find_element(By.ID, button.get_attribute("aria-controls"))
        assert not details.is_displayed()
        button.click()
        assert button.get_attribute("aria-expanded") == "true" and details.is_displayed()
        assert "copied-between-reports" in details.text and "qingshi.txt:4:1" in details.text
        shot = _shot(d, tmp_path, "review-page.png")
        assert shot.stat().st_size > 10_000
        assert [e for e in d.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        browser.stop(d)
