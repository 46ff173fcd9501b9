"""--write-baseline / --baseline / config baseline: (issue 8, item 4): findings are matched by
path, rule and the text they point at with its context — not by line — counted as a multiset;
entries that no longer match are counted and reported."""
from __future__ import annotations

import json
import os

import pytest

from conftest import TEST_RULES as RULES, TINY_REPORT as REPORT, run_cli

SELECT = ("--rules", RULES, "--select", "test-fazhi,test-word,duplicate-heading")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


def lint(*args):
    return run_cli(*SELECT, "--format", "concise", *args)


def record(*paths, baseline="baseline.json"):
    code, out, err = run_cli(*SELECT, "--write-baseline", baseline, *paths)
    assert (code, out) == (0, ""), err
    return err


def test_write_then_nothing_is_reported(repo):
    err = record("reports")
    assert err == "reportlint: 已将 4 个问题记入基线 baseline.json（1 个文件）。\n"
    code, out, err = lint("--baseline", "baseline.json", "reports")
    assert (code, err) == (0, "")
    assert out == "未发现问题，检查了 1 个文件。另有 4 个已记入基线的问题未列出。\n"


def test_the_file_is_versioned_sorted_and_one_entry_per_line(repo):
    record("reports")
    text = (repo / "baseline.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[:4] == ["{", ' "version": 1,', ' "tool": "reportlint",', ' "findings": [']
    assert lines[-2:] == [" ]", "}"]
    entries = [json.loads(ln.strip().rstrip(",")) for ln in lines[4:-2]]
    assert [(e["path"], e["rule"], e["count"], e["text"]) for e in entries] == [
        ("reports/a.txt", "duplicate-heading", 1, "加强法制建设"),
        ("reports/a.txt", "test-fazhi", 1, "法制"),       # two 法制 in different words: two entries
        ("reports/a.txt", "test-fazhi", 1, "法制"),
        ("reports/a.txt", "test-word", 1, "进一步"),
    ]
    assert all(len(e["fingerprint"]) == 16 for e in entries)
    assert list(entries[0]) == ["path", "rule", "fingerprint", "count", "text"]
    assert json.loads(text)["version"] == 1
    record("reports")                                     # writing again gives the same bytes
    assert (repo / "baseline.json").read_text(encoding="utf-8") == text


def test_editing_above_a_finding_does_not_bring_it_back(repo):
    record("reports")
    a = repo / "reports" / "a.txt"
    a.write_text(REPORT.replace("一、主要举措和成效\n", "一、主要举措和成效\n新写的一段引言，放在前面。\n\n"), encoding="utf-8")
    code, out, err = lint("--baseline", "baseline.json", "reports")
    assert (code, err) == (0, "")
    assert out == "未发现问题，检查了 1 个文件。另有 4 个已记入基线的问题未列出。\n"


def test_a_new_finding_is_reported_and_a_fixed_one_is_counted(repo):
    record("reports")
    a = repo / "reports" / "a.txt"
    # new: 进一步 in a new sentence; fixed: the 法制 of line 5
    a.write_text(REPORT.replace("（一）加强法制建设\n", "（一）加强法治建设\n今后要进一步落实。\n"), encoding="utf-8")
    code, out, err = lint("--baseline", "baseline.json", "reports")
    assert code == 1
    assert out.splitlines() == [
        "reports/a.txt:6:4: TST102 [test-word] 不要写“进一步”",
        "共 1 个问题（错误 1，警告 0，提示 0），检查了 1 个文件。另有 2 个已记入基线的问题未列出。",
    ]
    assert err == ("reportlint: 基线 baseline.json 中有 2 条记录已不再出现（问题已改正，或所在文字已改动），"
                   "可用 --write-baseline 重新生成。\n")
    # duplicate-heading's line 5 heading changed too (加强法治建设 is no longer a copy): 2 unmatched
    code, out, _ = run_cli(*SELECT, "--format", "json", "--baseline", "baseline.json", "reports")
    assert json.loads(out)["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0,
                                          "baseline": {"matched": 2, "unmatched": 2}}


def test_equal_findings_are_a_multiset(repo):
    """The same typo in the same words twice is one entry with count 2; a third is new."""
    b = repo / "reports" / "b.txt"
    b.write_text("一、举措\n加强法制建设。\n加强法制建设。\n", encoding="utf-8")
    record("reports/b.txt")
    entry = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["rule"], e["count"]) for e in entry] == [("test-fazhi", 2)]
    b.write_text("一、举措\n加强法制建设。\n加强法制建设。\n加强法制建设。\n", encoding="utf-8")
    code, out, _ = lint("--baseline", "baseline.json", "reports/b.txt")
    assert out.splitlines()[0] == "reports/b.txt:4:3: TST101 [test-fazhi] “法制”应为“法治”"
    assert out.splitlines()[1].startswith("共 1 个问题")


def test_paths_are_relative_to_the_baseline_file(repo, monkeypatch):
    (repo / "ci").mkdir()
    record("reports", baseline="ci/baseline.json")
    assert '"path": "../reports/a.txt"' in (repo / "ci" / "baseline.json").read_text(encoding="utf-8")
    monkeypatch.chdir(repo / "reports")          # another working directory, the same files
    code, out, err = lint("--baseline", "../ci/baseline.json", "a.txt")
    assert (code, err) == (0, "")
    assert "另有 4 个已记入基线的问题未列出" in out


def test_config_key_baseline_is_relative_to_the_config_file(repo, monkeypatch):
    (repo / ".reportlint.yaml").write_text("baseline: ci/base.json\n", encoding="utf-8")
    record("reports", baseline="ci/base.json")     # --write-baseline does not apply the config's
    monkeypatch.chdir(repo / "reports")
    a = str(repo / "reports" / "a.txt")   # absolute: find_config caches by directory as given
    code, out, err = lint(a)
    assert (code, err) == (0, "")
    assert out == "未发现问题，检查了 1 个文件。另有 4 个已记入基线的问题未列出。\n"
    # --baseline overrides it
    (repo / "empty.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    code, out, _ = lint("--baseline", "../empty.json", a)
    assert code == 1 and out.splitlines()[-1].startswith("共 4 个问题")


def test_entries_of_files_not_linted_are_not_counted(repo):
    (repo / "reports" / "b.txt").write_text("一、举措\n加强法制建设。\n", encoding="utf-8")
    record("reports")
    code, out, err = lint("--baseline", "baseline.json", "reports/b.txt")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("content,message", [
    (None, "baseline.json: 基线文件不存在（用 --write-baseline baseline.json 生成）"),
    ("{", "baseline.json: 基线文件不是有效的 JSON（第 1 行第 2 列：Expecting property name enclosed in double quotes）"),
    ("[]", "baseline.json: 不是 reportlint 基线文件（缺少 version 或 findings）"),
    ('{"version": 2, "findings": []}', "baseline.json: 基线文件版本 2 不受支持（本版本读写版本 1）"),
    ('{"version": 1, "findings": [{"path": "a", "rule": "r"}]}',
     "baseline.json: 第 1 条记录无效（应有字符串 path、rule、fingerprint 和正整数 count）"),
])
def test_a_bad_baseline_is_one_line_and_exit_2(repo, content, message):
    if content is not None:
        (repo / "baseline.json").write_text(content, encoding="utf-8")
    code, out, err = lint("--baseline", "baseline.json", "reports")
    assert (code, out, err) == (2, "", f"reportlint: {message}\n")


@pytest.mark.parametrize("make,message", [
    (lambda p: os.mkfifo(p), "baseline.json: 不是普通文件（管道、设备等），不能作为基线文件"),
    (lambda p: os.mkdir(p), "baseline.json: 是目录，不是基线文件"),
    (lambda p: p.write_bytes(b'{"version": 1, "findings": ["\xff"]}'), "baseline.json: 基线文件不是 UTF-8 文本"),
])
def test_a_baseline_that_is_no_readable_file_is_refused_without_reading_it(repo, make, message):
    # a FIFO would block a plain read forever; a device would never end
    make(repo / "baseline.json")
    code, out, err = lint("--baseline", "baseline.json", "reports")
    assert (code, out, err) == (2, "", f"reportlint: {message}\n")


def test_write_baseline_refuses_fix_and_baseline(repo):
    code, _, err = run_cli("--write-baseline", "b.json", "--fix", "reports")
    assert code == 2 and err.endswith("错误：--write-baseline 不能与 --fix、--diff 或 --baseline 同时使用\n")
    assert not os.path.exists("b.json")
