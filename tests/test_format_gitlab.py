"""--format gitlab (issue 8, item 3): a GitLab Code Quality report whose fingerprints survive
lines moving (they hash path, rule and the text with its context, not the line)."""
from __future__ import annotations

import json

import pytest

from conftest import TEST_RULES as RULES, TINY_REPORT as REPORT, run_cli



@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


def gitlab(*args):
    code, out, err = run_cli("--rules", RULES, "--select", "TST,duplicate-heading", "--format", "gitlab", *args)
    return code, json.loads(out), err


def test_issues_have_the_code_quality_fields(workdir):
    code, issues, _ = gitlab("a.txt")
    assert code == 1
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("TST201", "info", {"path": "a.txt", "lines": {"begin": 1, "end": 1}}),
        ("TST101", "minor", {"path": "a.txt", "lines": {"begin": 3, "end": 3}}),
        ("TST102", "major", {"path": "a.txt", "lines": {"begin": 3, "end": 3}}),
        ("RL201", "major", {"path": "a.txt", "lines": {"begin": 5, "end": 5}}),
        ("TST101", "minor", {"path": "a.txt", "lines": {"begin": 5, "end": 5}}),
    ]
    assert issues[2]["description"] == "不要写“进一步”"
    assert set(issues[0]) == {"description", "check_name", "fingerprint", "severity", "location"}
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == 5 and all(len(p) == 64 and int(p, 16) >= 0 for p in prints)


def test_fingerprints_are_stable_when_lines_are_inserted_above(workdir):
    _, before, _ = gitlab("a.txt")
    (workdir / "a.txt").write_text(REPORT.replace("一、主要举措和成效\n", "前言一段。\n\n一、主要举措和成效\n"),
                                   encoding="utf-8")
    _, after, _ = gitlab("a.txt")
    assert [i["location"]["lines"]["begin"] for i in after] == [1, 5, 5, 7, 7]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_editing_the_words_of_a_finding_changes_its_fingerprint_only(workdir):
    line = "加强法制建设，这里是一段足够长的间隔文字，然后要进一步加强工作。\n"
    (workdir / "d.txt").write_text("一、举措\n" + line, encoding="utf-8")
    _, before, _ = gitlab("d.txt")
    # an edit 12 code points or more away from 法制 but next to 进一步
    (workdir / "d.txt").write_text("一、举措\n" + line.replace("然后要", "然后还要"), encoding="utf-8")
    _, after, _ = gitlab("d.txt")
    assert [i["check_name"] for i in before] == [i["check_name"] for i in after] == ["TST101", "TST102"]
    assert before[0]["fingerprint"] == after[0]["fingerprint"]
    assert before[1]["fingerprint"] != after[1]["fingerprint"]


def test_equal_findings_get_distinct_fingerprints_and_the_path_counts(workdir):
    (workdir / "b.txt").write_text("一、举措\n加强法制建设。\n加强法制建设。\n", encoding="utf-8")
    (workdir / "c.txt").write_text("一、举措\n加强法制建设。\n加强法制建设。\n", encoding="utf-8")
    _, issues, _ = gitlab("b.txt", "c.txt")
    fazhi = [i["fingerprint"] for i in issues if i["check_name"] == "TST101"]
    assert len(fazhi) == 4 and len(set(fazhi)) == 4


def test_clean_run_is_an_empty_array(workdir):
    (workdir / "clean.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    code, issues, _ = gitlab("clean.txt")
    assert (code, issues) == (0, [])
