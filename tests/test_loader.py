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
        'messages、name、patterns、regex、replacement、replacements、scope、severity、source、translate）')


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
        "my.yaml: 规则 \"my-rule\": 键 \"message\": 模板写法有误：expected '}' before end of string")
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
    assert error_of("name: [x\n") == "my.yaml:2:1: YAML 语法错误：did not find expected ',' or ']'"
