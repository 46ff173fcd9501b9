"""Rule-file validation: every mistake is refused up front with one message naming the
file, the rule and the key (issue 2, requirement 4). Messages are asserted exactly."""
from __future__ import annotations

import textwrap

import pytest

from reportlint.errors import ConfigError
from reportlint.loader import load_rule_text, load_rules

GOOD = """\
name: my-rule
code: TST901
kind: pattern
severity: warning
message: 不要写“{match}”
patterns: [某某]
"""


def error_of(text: str, path: str = "my.yaml") -> str:
    with pytest.raises(ConfigError) as info:
        load_rule_text(textwrap.dedent(text), path)
    return str(info.value)


def with_line(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_a_good_rule_loads_with_defaults():
    (rule,) = load_rule_text(GOOD, "my.yaml")
    assert (rule.name, rule.code, rule.kind, rule.severity.value, rule.path) == (
        "my-rule", "TST901", "pattern", "warning", "my.yaml")
    assert rule.options["scope"] == "any" and rule.options["boundary"] == "none"
    assert rule.enabled is True


def test_several_rules_in_one_file_as_list_and_as_rules_key():
    second = GOOD.replace("my-rule", "other-rule").replace("TST901", "TST902")
    as_list = "- " + GOOD.replace("\n", "\n  ").rstrip() + "\n- " + second.replace("\n", "\n  ").rstrip() + "\n"
    assert [r.name for r in load_rule_text(as_list, "x.yaml")] == ["my-rule", "other-rule"]
    as_key = "rules:\n" + "\n".join("  " + ln if ln else ln for ln in as_list.splitlines()) + "\n"
    assert [r.name for r in load_rule_text(as_key, "x.yaml")] == ["my-rule", "other-rule"]


def test_unknown_key():
    assert error_of(GOOD + "colour: red\n") == (
        'my.yaml: 规则 "my-rule": 键 "colour": 类型 "pattern" 的规则没有这个键（可用的键：boundary、code、'
        'description、enabled、examples、exceptions、fix-safe、ignore-case、kind、match、message、'
        'messages、name、patterns、regex、replacement、replacements、scope、severity、source、summary、translate）')


def test_wrong_types():
    assert error_of(with_line("patterns: [某某]", "patterns: 某某")) == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": 应为字符串列表，而不是 '某某'")
    assert error_of(with_line("severity: warning", "severity: fatal")) == (
        "my.yaml: 规则 \"my-rule\": 键 \"severity\": 应为 error、warning、info 之一，而不是 'fatal'")
    assert error_of(GOOD + "regex: yes please\n") == (
        "my.yaml: 规则 \"my-rule\": 键 \"regex\": 应为true 或 false，而不是 'yes please'")
    assert error_of(GOOD + "scope: page\n") == (
        "my.yaml: 规则 \"my-rule\": 键 \"scope\": 应为 any、title、heading、paragraph、body、sentence、line "
        "之一，而不是 'page'")


def test_missing_required_keys():
    assert error_of(with_line("kind: pattern\n", "")) == 'my.yaml: 规则 "my-rule": 键 "kind": 缺少这个必需的键'
    assert error_of(with_line("code: TST901\n", "")) == 'my.yaml: 规则 "my-rule": 键 "code": 缺少这个必需的键'
    assert error_of(with_line("patterns: [某某]\n", "")) == 'my.yaml: 规则 "my-rule": 键 "patterns": 缺少这个必需的键'


def test_a_rule_that_is_not_a_mapping_is_named_by_its_number():
    assert error_of("- just a string\n") == "my.yaml: 规则 #1: 应为键值映射，而不是 字符串"


def test_bad_name_and_code():
    assert error_of(with_line("name: my-rule", "name: My_Rule")) == (
        'my.yaml: 规则 "My_Rule": 键 "name": 应为用短横线连接的小写英文，如 "duplicate-heading"')
    assert error_of(with_line("code: TST901", "code: 901")) == (
        "my.yaml: 规则 \"my-rule\": 键 \"code\": 应为字符串，而不是 901")
    assert error_of(with_line("code: TST901", "code: rl-1")) == (
        "my.yaml: 规则 \"my-rule\": 键 \"code\": 应为大写字母加数字，如 \"RL201\"，而不是 'rl-1'")


def test_unknown_kind():
    msg = error_of(with_line("kind: pattern", "kind: spellcheck"))
    assert msg.startswith('my.yaml: 规则 "my-rule": 键 "kind": 未知的类型 "spellcheck"（可用的类型：')
    assert "duplicate-heading" in msg and "pattern" in msg


def test_duplicate_names_and_codes_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("TST901", "TST902"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules([tmp_path])
    assert str(info.value) == (
        f'{tmp_path / "b.yaml"}: 规则 "my-rule": 键 "name": 规则名重复，已在 {tmp_path / "a.yaml"} 中定义')

    (tmp_path / "b.yaml").write_text(GOOD.replace("my-rule", "your-rule"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules([tmp_path])
    assert str(info.value) == (
        f'{tmp_path / "b.yaml"}: 规则 "your-rule": 键 "code": 代码 TST901 重复，'
        f'已被 {tmp_path / "a.yaml"} 中的规则 "my-rule" 使用')


def test_a_user_rule_may_not_take_a_builtin_name(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD.replace("my-rule", "duplicate-heading"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules([tmp_path])
    assert str(info.value) == (
        f'{tmp_path / "a.yaml"}: 规则 "duplicate-heading": 键 "name": 规则名重复，已在 '
        f'rules/duplicate-heading.yaml 中定义')


def test_bad_message_template_fields():
    assert error_of(with_line("message: 不要写“{match}”", "message: 不要写“{word}”")) == (
        'my.yaml: 规则 "my-rule": 键 "message": 未知的字段 {word}（类型 "pattern" 提供的字段：match、replacement）')
    assert error_of(with_line("message: 不要写“{match}”", "message: 不要写“{match”")) == (
        'my.yaml: 规则 "my-rule": 键 "message": 模板写法有误：花括号没有配对（字段写作 {match}，字面的花括号写作 {{ 和 }}）')
    assert error_of(GOOD + "messages:\n  short: 见{line}\n") == (
        'my.yaml: 规则 "my-rule": 键 "messages.short": 未知的字段 {line}（类型 "pattern" 提供的字段：match、replacement）')


def test_word_boundary_escape_refused():
    assert error_of(with_line("patterns: [某某]", r"patterns: ['\b法制\b']") + "regex: true\n") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": '\\\\b法制\\\\b'：\\b 在汉字之间永远不会匹配，"
        "请改用 boundary: word")


def test_regex_matching_the_empty_string_refused():
    assert error_of(with_line("patterns: [某某]", "patterns: ['某*']") + "regex: true\n") == (
        'my.yaml: 规则 "my-rule": 键 "patterns": 模式能匹配空字符串，会处处报告')
    assert error_of(with_line("patterns: [某某]", "patterns: [某某]\nexceptions: ['x|']") + "regex: true\n") == (
        'my.yaml: 规则 "my-rule": 键 "exceptions": 模式能匹配空字符串，会处处报告')


def test_fullwidth_punctuation_in_regex_refused():
    assert error_of(with_line("patterns: [某某]", "patterns: ['（一）']") + "regex: true\n") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": '（一）'：全角的 '（' 永远匹配不到（正则面对的是折成半角的"
        "标点），请写作 '('")


def test_fullwidth_punctuation_in_a_literal_is_fine():
    """Literals are width-folded like the text, so （一） finds (一) and （一）."""
    from reportlint.api import lint_text

    (rule,) = load_rule_text(with_line("patterns: [某某]", "patterns: ['（一）']"), "my.yaml")
    _, found = lint_text("甲（一）乙(一)", [rule])
    assert [(v.start, v.end, v.message) for v in found] == [(1, 4, "不要写“（一）”"), (5, 8, "不要写“(一)”")]


def test_invalid_regex_refused():
    assert error_of(with_line("patterns: [某某]", "patterns: ['某(']") + "regex: true\n") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": 无效的正则表达式 '某('：missing ) at position 2")


def test_examples_shape_checked():
    assert error_of(GOOD + "examples: {good: [a]}\n") == (
        'my.yaml: 规则 "my-rule": 键 "examples": 应为 {pass: [文本, ...], fail: [文本, ...]}')


def test_yaml_syntax_errors_name_file_line_and_column():
    assert error_of("name: x\n\tcode: RL1\n") == "my.yaml:2:1: YAML 语法错误：缩进里有制表符（YAML 只能用空格缩进）"
    assert error_of("name: [x\n") == "my.yaml:2:1: YAML 语法错误：列表的方括号没有闭合（缺少 , 或 ]）"


@pytest.mark.parametrize("text, where, problem", [
    # libyaml's wording (PyYAML's C loader) for the slips people make, in Chinese
    ("x: 1\n@b: 2\n", "2:1", "缩进里有制表符，或有不能开始一个值的字符（如行首的 @ 或 `）"),
    ("a: b: c\n", "1:5", "此处不能有“键: 值”（冒号后缺空格或缩进不对？）"),
    ("a: {b: 1\n", "2:1", "映射的花括号没有闭合（缺少 , 或 }）"),
    ("a: *nope\n", "1:4", "引用了没有定义的锚点（*名称）"),
    ('a: "\\q"\n', "1:5", "双引号里有无效的转义（反斜杠后的字符；不需要转义时用单引号）"),
    ("a: |\n x\n y: 1\nb\n", "5:1", "缺少冒号（应为“键: 值”）"),
])
def test_common_yaml_slips_are_explained_in_chinese(text, where, problem):
    assert error_of(text) == f"my.yaml:{where}: YAML 语法错误：{problem}"


def test_a_key_given_twice_is_an_error_not_a_silent_override():
    # YAML forbids duplicate keys; PyYAML keeps the last one, so the first block was lost silently
    text = GOOD + "severity: error\n"
    line = text.count("\n")
    first = GOOD.split("\n").index(next(ln for ln in GOOD.split("\n") if ln.startswith("severity:"))) + 1
    assert error_of(text) == f'my.yaml:{line}:1: 键 "severity" 重复（第 {first} 行已有）：后一个会覆盖前一个，请合并或删去一个'
    from reportlint.loader import parse_yaml

    assert parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n", "c.yaml") == {"base": {"x": 1}, "other": {"x": 2}}


# ------------------------------------------------ issue 12: checked at load, not at lint time
@pytest.mark.parametrize("template,problem", [
    ("见{}", "空的字段 {}：请写出字段名，如 {match}"),
    ("{match!z}", "字段 {match!z} 不能带转换（!z），请只写 {match}"),
    ("{match!r}", "字段 {match!r} 不能带转换（!r），请只写 {match}"),
    ("{match[99]}", "字段 {match[99]} 不能取属性或下标，只能写字段名，如 {match}"),
    ("{match.__class__.__mro__}", "字段 {match.__class__.__mro__} 不能取属性或下标，只能写字段名，如 {match}"),
    ("{match:>99999999}", "字段 {match:>99999999} 不能带格式说明（:>99999999），请只写 {match}"),
    ("{0}", "字段 {0} 是位置编号，模板只能按名字写字段，如 {match}"),
])
def test_message_templates_may_only_name_fields(template, problem):
    assert error_of(with_line("message: 不要写“{match}”", f"message: '{template}'")) == (
        f'my.yaml: 规则 "my-rule": 键 "message": {problem}')
    assert error_of(GOOD + f"messages:\n  short: '{template}'\n") == (
        f'my.yaml: 规则 "my-rule": 键 "messages.short": {problem}')


def test_literal_braces_in_a_template_are_fine():
    (rule,) = load_rule_text(with_line("message: 不要写“{match}”", "message: '{{注意}}：{match}'"), "my.yaml")
    from reportlint.api import lint_text

    _, found = lint_text("某某", [rule])
    assert [v.message for v in found] == ["{注意}：某某"]


@pytest.mark.parametrize("replacement,problem", [
    (r"\9", "“\\9”引用了不存在的分组（模式有 1 个分组）"),
    (r"\g<nope>", "“\\g<nope>”引用了不存在的分组（模式有 1 个分组）"),
    (r"\g<2>", "“\\g<2>”引用了不存在的分组（模式有 1 个分组）"),
    (r"x\q", "替换文本 'x\\\\q' 写法有误：bad escape \\q at position 3"),
])
def test_replacement_group_references_checked_against_the_pattern(replacement, problem):
    text = with_line("patterns: [某某]", "patterns: ['(某)某']") + f"regex: true\nreplacement: '{replacement}'\n"
    assert error_of(text) == f'my.yaml: 规则 "my-rule": 键 "replacement": {problem}'


def test_good_replacement_references_load():
    text = with_line("patterns: [某某]", "patterns: ['(?P<a>某)(某)']") + "regex: true\nreplacement: '\\g<a>\\2\\\\'\n"
    (rule,) = load_rule_text(text, "my.yaml")
    assert rule.options["replacement"] == "\\g<a>\\2\\\\"


def test_kind_that_is_not_a_string():
    assert error_of(with_line("kind: pattern", "kind: [pattern]")) == (
        "my.yaml: 规则 \"my-rule\": 键 \"kind\": 应为字符串（类型名，如 pattern），而不是 ['pattern']")


def test_kind_that_is_not_a_string_in_explain(tmp_path):
    from conftest import run_cli

    (tmp_path / "x.yaml").write_text(with_line("kind: pattern", "kind: [pattern]"), encoding="utf-8")
    code, out, err = run_cli("explain", "my-rule", "--rules", str(tmp_path / "x.yaml"))
    assert (code, out) == (2, "")
    assert err == (f"reportlint: {tmp_path / 'x.yaml'}: 规则 \"my-rule\": 键 \"kind\": 应为字符串（类型名，如 pattern），"
                   "而不是 ['pattern']\n")


def test_summary_is_one_short_sentence():
    (rule,) = load_rule_text(GOOD + "summary: 不要写某某\n", "my.yaml")
    assert rule.summary == "不要写某某"
    assert error_of(GOOD + "summary: 不要写某某。也不要写那个。\n") == (
        'my.yaml: 规则 "my-rule": 键 "summary": 应为一句话，详细说明写在 description 中')
    assert error_of(GOOD + "summary: |\n  第一行\n  第二行\n") == (
        'my.yaml: 规则 "my-rule": 键 "summary": 应为一行（一句话说明这条规则查什么），详细说明写在 description 中')
    assert error_of(GOOD + "summary: " + "很" * 61 + "\n") == (
        'my.yaml: 规则 "my-rule": 键 "summary": 太长（61 个字符，最多 60），详细说明写在 description 中')


def test_summary_is_required_of_built_in_rules():
    with pytest.raises(ConfigError) as info:
        load_rule_text(GOOD, "rules/my.yaml", builtin=True)
    assert str(info.value) == 'rules/my.yaml: 规则 "my-rule": 键 "summary": 缺少这个必需的键（一句话说明这条规则查什么）'


def test_a_huge_name_is_quoted_short():
    assert error_of(with_line("name: my-rule", "name: " + "X" * 100_000)) == (
        'my.yaml: 规则 "' + "X" * 39 + '…": 键 "name": 应为用短横线连接的小写英文，如 "duplicate-heading"')


# ------------------------------------------------ issue 8, item 6: rules and explain
def test_rules_shows_each_rules_own_summary_whole_and_fix_safety():
    from conftest import run_cli

    code, out, _ = run_cli("rules")
    rows = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("RL")}
    assert rows["RL501"].split() == ["RL501", "fazhi-term", "警告", "建议",
                                     "“法治建设”等误写为“法制”（法制审核等固定说法除外）"]
    assert rows["RL402"].split() == ["RL402", "cjk-digit-space", "警告", "*", "汉字与数字之间多了空格（如“2023", "年”）"]
    assert rows["RL201"].split() == ["RL201", "duplicate-heading", "错误", "标题重复：题目出现两次，或工作安排照抄举措的小标题"]
    assert rows["RL902"].endswith("屏蔽指令没有屏蔽任何问题（默认关闭）")
    assert not any("…" in row for row in rows.values())   # never cut mid-sentence
    assert out.splitlines()[-1] == "修正：* 可用 --fix 自动修正；建议 只有修改建议，需人工确认，--unsafe-fixes 才会应用。"
    code, out, _ = run_cli("rules", "--format", "json")
    import json

    by_name = {r["name"]: r for r in json.loads(out)}
    assert (by_name["fazhi-term"]["fix"], by_name["cjk-digit-space"]["fix"], by_name["placeholder"]["fix"]) == (
        "suggestion", "safe", None)


def test_every_builtin_rule_has_a_summary_of_its_own():
    rules = load_rules()
    summaries = [r.summary for r in rules]
    assert all(summaries) and len(set(summaries)) == len(rules)


def test_explain_says_whether_fixes_are_safe():
    from conftest import run_cli

    assert run_cli("explain", "fazhi-term")[1].splitlines()[:3] == [
        "RL501 [fazhi-term]  级别：警告  类型（kind）：pattern  只有修改建议（需人工确认，--unsafe-fixes 才会应用）", "",
        "“法治建设”等误写为“法制”（法制审核等固定说法除外）"]
    assert run_cli("explain", "RL902")[1].splitlines()[0] == (
        "RL902 [unused-directive]  级别：警告  类型（kind）：unused-directive  可用 --fix 自动修正  默认关闭（用 --extend-select 打开）")


def test_a_user_rule_without_summary_shows_the_first_sentence_of_its_description():
    (rule,) = load_rule_text(GOOD + "description: 不要写某某。模板里的占位符。\n", "my.yaml")
    assert rule.short == "不要写某某。"
    (rule,) = load_rule_text(GOOD, "my.yaml")
    assert rule.short.startswith("literals or regular expressions")


def test_user_facing_text_never_cites_the_projects_own_notes():
    """Users do not have DOMAIN.md: rule texts cite the regulation or standard itself, and
    no document shipped or shown points at a path of one machine."""
    from pathlib import Path

    from conftest import ROOT, run_cli

    for r in load_rules():
        _, out, _ = run_cli("explain", r.name)
        assert "DOMAIN" not in out and "/work/" not in out, r.name
    for path in [*ROOT.glob("rules/*.yaml"), ROOT / "README.md", ROOT / "DEVELOPERS.md", *ROOT.glob("docs/*.md"),
                 *ROOT.glob("examples/*"), ROOT / ".pre-commit-hooks.yaml"]:
        if Path(path).is_file():
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            assert "DOMAIN.md" not in text and "/work/" not in text, path
