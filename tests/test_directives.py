"""Suppression directives (issue 8, item 5): a directive naming a rule that does not exist is
reported (unknown-rule, RL901, on by default, like ruff's RUF102), and the off-by-default
unused-directive (RL902, like ruff's RUF100) reports directives that suppressed nothing.
Exact rules, positions and messages."""
from __future__ import annotations

import pytest

from conftest import lint_with, run_cli
from reportlint.api import lint_text
from reportlint.engine import RuleSet, select_rules
from reportlint.loader import load_rule_text

FAZHI = "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"


def found(text, rules, names):
    _, vs = lint_with(text, rules, names)
    return [(v.rule, v.code, v.start, v.end, v.message) for v in vs]


def test_unknown_rule_in_a_directive_is_reported_with_a_suggestion(all_rules):
    text = "<!-- reportlint-disable-next-line fazhi-trem -->\n加强法制建设。\n"
    assert found(text, all_rules, {"fazhi-term", "unknown-rule"}) == [
        ("unknown-rule", "RL901", 34, 44, "指令中的规则“fazhi-trem”不存在，这条指令屏蔽不了任何问题，是不是“fazhi-term”？"),
        ("fazhi-term", "RL501", 51, 53, FAZHI),
    ]


@pytest.mark.parametrize("directive,name,start", [
    ("<!-- reportlint-disable RL999 -->", "RL999", 24),
    ("<!-- reportlint-disable-file fazhi-term，法治 -->", "法治", 40),
    ("<!-- reportlint-enable nothing -->", "nothing", 23),
    ("<!-- reportlint-disable-line RL4 X1 -->", "X1", 33),
])
def test_every_kind_of_directive_is_checked(all_rules, directive, name, start):
    out = found(directive + "\n正文。\n", all_rules, {"unknown-rule"})
    assert [(r, s, e) for r, _, s, e, _ in out] == [("unknown-rule", start, start + len(name))]
    assert out[0][4].startswith(f"指令中的规则“{name}”不存在，这条指令屏蔽不了任何问题")


def test_names_codes_prefixes_and_all_are_known(all_rules):
    text = "<!-- reportlint-disable fazhi-term RL4 RL501 R ALL unused-directive -->\n正文。\n"
    assert found(text, all_rules, {"unknown-rule"}) == []


def test_a_rule_that_is_loaded_but_not_selected_is_not_unknown(all_rules):
    chosen = select_rules(RuleSet(all_rules), select=["unknown-rule"])
    _, vs = lint_text("<!-- reportlint-disable-next-line fazhi-term -->\n加强法制建设。\n", chosen)
    assert vs == []


def test_user_rules_are_known(all_rules):
    (mine,) = load_rule_text("name: my-rule\ncode: TST901\nkind: pattern\nseverity: warning\n"
                             "message: x\npatterns: [某某]\n", "my.yaml")
    chosen = select_rules(RuleSet([*all_rules, mine]), select=["unknown-rule"])
    _, vs = lint_text("<!-- reportlint-disable my-rule TST9 -->\n正文。\n", chosen)
    assert vs == []


def test_unused_directive_is_off_by_default(all_rules):
    (rule,) = [r for r in all_rules if r.name == "unused-directive"]
    assert (rule.code, rule.enabled) == ("RL902", False)
    code, out, err = run_cli("--format", "concise", "-q", "--select", "RL5", "-", input="<!-- reportlint-disable-file -->\n正文。\n")
    assert out == ""


def test_unused_directives_reported_per_directive_and_per_name(all_rules):
    text = ("<!-- reportlint-disable-next-line fazhi-term RL401 -->\n加强法制建设。\n"
            "<!-- reportlint-disable-next-line -->\n没有问题的一行。\n"
            "<!-- reportlint-disable fazhi-term -->\n正文。\n<!-- reportlint-enable -->\n")
    out = found(text, all_rules, {"fazhi-term", "halfwidth-punctuation", "unused-directive"})
    assert out == [
        ("unused-directive", "RL902", 45, 50,
         "指令“<!-- reportlint-disable-next-line fazhi-term RL401 -->”中的“RL401”没有屏蔽任何问题，请删去"),
        ("unused-directive", "RL902", 63, 100, "指令“<!-- reportlint-disable-next-line -->”没有屏蔽任何问题，请删去这条指令"),
        ("unused-directive", "RL902", 110, 148,
         "指令“<!-- reportlint-disable fazhi-term -->”没有屏蔽任何问题，请删去这条指令"),
    ]


def test_a_directive_naming_a_rule_that_did_not_run_is_not_judged(all_rules):
    text = "<!-- reportlint-disable-next-line fazhi-term -->\n正文。\n"
    assert found(text, all_rules, {"unused-directive"}) == []
    assert found(text, all_rules, {"unused-directive", "fazhi-term"})[0][4] == (
        "指令“<!-- reportlint-disable-next-line fazhi-term -->”没有屏蔽任何问题，请删去这条指令")


def test_used_directives_are_not_reported(all_rules):
    text = ("<!-- reportlint-disable-file RL5 -->\n加强法制建设。\n"
            "<!-- reportlint-disable-next-line -->\n加强法制建设。\n")
    assert found(text, all_rules, {"fazhi-term", "unused-directive"}) == []


def test_the_fix_deletes_the_whole_directive_line(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("正文。\n<!-- reportlint-disable-next-line -->\n没有问题的一行。\n", encoding="utf-8")
    code, out, err = run_cli("--select", "unused-directive", "--fix", "-q", str(p))
    assert p.read_text(encoding="utf-8") == "正文。\n没有问题的一行。\n"


def test_directive_findings_are_suppressed_only_when_named(all_rules):
    text = "<!-- reportlint-disable-file -->\n<!-- reportlint-disable-next-line nope -->\n正文。\n"
    out = found(text, all_rules, {"unknown-rule"})
    assert [r for r, *_ in out] == ["unknown-rule"]
    text = "<!-- reportlint-disable-file unknown-rule -->\n<!-- reportlint-disable-next-line nope -->\n正文。\n"
    assert found(text, all_rules, {"unknown-rule"}) == []


def test_rule_files_of_the_directive_rules():
    from reportlint.loader import builtin_rules

    rules = {r.name: r for r in builtin_rules()}
    assert (rules["unknown-rule"].code, rules["unknown-rule"].enabled, rules["unknown-rule"].path) == (
        "RL901", True, "rules/unknown-rule.yaml")
    assert rules["unused-directive"].path == "rules/unused-directive.yaml"
