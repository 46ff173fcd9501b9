"""Bounds (issue 12): a user's regex, config or rule file can neither hang reportlint nor
exhaust its memory. Each reproduction from the fault run ends at once with one clear line, or
with a correct result; regexes run under a time budget and a rule that runs out of it is
reported once, the rest of the lint going on. No timing assertions: the budgets here are small
and the bad inputs would take minutes or hours without the bounds."""
from __future__ import annotations

import os
import textwrap

import pytest

from conftest import run_cli
from reportlint.api import lint_text
from reportlint.engine import RuleSet
from reportlint.errors import ConfigError
from reportlint.loader import MAX_FILE_BYTES, load_rule_text, parse_yaml
from reportlint.matching import RegexTimeout, compile_patterns, regex_problem, time_limit
from reportlint.schema import OptionError

RULE = """\
name: my-rule
code: TST901
kind: pattern
severity: warning
message: 不要写“{{match}}”
regex: true
patterns: [{pattern}]
"""

REPORT = "某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n正文。\n"


def rule_error(pattern: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_rule_text(RULE.format(pattern=pattern), "my.yaml")
    return str(info.value)


# ------------------------------------------------------------------ limits checked on load
def test_huge_counted_repeat_is_refused_on_load_not_compiled():
    # regex.compile('a{1000000000}') does not finish
    assert rule_error("'a{1000000000}'") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": 'a{1000000000}'：重复次数 {1000000000} 太大（最多 1000）")
    assert rule_error("'a{2,5000}'") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": 'a{2,5000}'：重复次数 {2,5000} 太大（最多 1000）")


def test_nested_counted_repeats_multiply():
    assert rule_error("'(?:(?:a{100}){100}){2}'") == (
        "my.yaml: 规则 \"my-rule\": 键 \"patterns\": '(?:(?:a{100}){100}){2}'：嵌套的重复次数相乘太大"
        "（20000，最多 10000）")
    (rule,) = load_rule_text(RULE.format(pattern="'(?:a{10}){100}'"), "my.yaml")   # 1000: fine
    assert rule.state[0].groups == 0


def test_regex_nested_thousands_deep_is_refused_not_a_recursion_error():
    deep = "(" * 3000 + "a" + ")" * 3000
    msg = rule_error(f"'{deep}'")
    assert msg == ("my.yaml: 规则 \"my-rule\": 键 \"patterns\": '(((((((((((((((((...))))))))))))))))))'："
                   "正则表达式嵌套太深（括号超过 50 层）")


@pytest.mark.parametrize("pattern,problem", [
    (r"\{100000\}", None),                 # escaped braces are literal
    (r"[{]100000}", None),                 # inside a class too
    (r"\p{Han}{2,6}", None),
    (r"(?#{99999}) a", None),              # a comment
    ("x{1001}", "重复次数 {1001} 太大（最多 1000）"),
    ("x" * 10_001, "正则表达式太长（10001 个字符，最多 10000）"),
])
def test_regex_problem_reads_the_pattern_text(pattern, problem):
    assert regex_problem(pattern) == problem


def test_single_regex_options_are_bounded_too():
    """Kinds with one-regex options (unpaired-problem's container, year-mismatch's passing)
    go through the same check: schema type ``regex``."""
    text = textwrap.dedent("""\
        name: my-years
        code: TST902
        kind: year-mismatch
        severity: warning
        message: x
        passing: 'a{1000000000}'
        """)
    with pytest.raises(ConfigError) as info:
        load_rule_text(text, "my.yaml")
    assert str(info.value) == (
        "my.yaml: 规则 \"my-years\": 键 \"passing\": 'a{1000000000}'：重复次数 {1000000000} 太大（最多 1000）")


# ------------------------------------------------------------------ time budget when running
def test_catastrophic_regex_is_stopped_and_reported_once_the_rest_goes_on():
    (rule,) = load_rule_text(RULE.format(pattern="'(a|a)+$'"), "my-rules/x.yaml")
    fazhi = [r for r in _builtin() if r.name == "fazhi-term"]
    text = "a" * 40 + "b\n" + "a" * 40 + "c\n加强法制建设。\n"
    rules = RuleSet([rule, *fazhi], regex_timeout=0.2)
    _, found = lint_text(text, rules)
    assert [(v.rule, v.code, v.severity.value, v.start, v.end, v.message) for v in found] == [
        ("my-rule", "TST901", "error", 0, 0,
         '规则 my-rule（my-rules/x.yaml）没有检查完本文件：键 "patterns" 的正则表达式运行超时（超过 0.2 秒），'
         "请简化这个正则表达式"),
        ("fazhi-term", "RL501", "warning", 86, 88,
         "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"),
    ]


def test_exceptions_are_bounded_as_well():
    text = RULE.format(pattern="'b'") + "exceptions: ['(x|x)+y']\n"
    (rule,) = load_rule_text(text, "x.yaml")
    _, found = lint_text("x" * 40 + "b\n", RuleSet([rule], regex_timeout=0.2))
    assert [v.message for v in found] == [
        '规则 my-rule（x.yaml）没有检查完本文件：键 "exceptions" 的正则表达式运行超时（超过 0.2 秒），请简化这个正则表达式']


def test_budget_counts_matching_time_only_and_is_shared_by_a_rules_searches():
    rx = compile_patterns(["(a|a)+$"], "patterns")
    with time_limit(0.2):
        with pytest.raises(RegexTimeout) as info:
            for _ in range(100):   # each search is cut off by what is left of the budget
                rx.search("a" * 30 + "b")
    assert (info.value.key, info.value.seconds) == ("patterns", 0.2)
    fast = compile_patterns(["a"], "patterns")
    with time_limit(0.05):
        assert [m.start() for m in fast.finditer("bab" * 3)] == [1, 4, 7]


def test_work_between_matches_of_finditer_is_not_matching_time():
    # the regex module's clock on a lazy finditer keeps running while the caller works between
    # matches (CPU-bound: a word-boundary check loading jieba on a cold cache): that work must
    # not exhaust the budget — a cold cache once made a rule "time out" on a five-line report
    import time

    fast = compile_patterns(["a"], "patterns")
    starts = []
    with time_limit(0.1):
        for m in fast.finditer("bab" * 3):
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 0.06:   # busy, like segmentation
                pass
            starts.append(m.start())
    assert starts == [1, 4, 7]


def test_regex_timeout_from_config_and_the_cli_line(tmp_path):
    (tmp_path / "x.yaml").write_text(RULE.format(pattern="'(a|a)+$'"), encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("regex-timeout: 0.2\nselect: [my-rule, fazhi-term]\n",
                                              encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("a" * 40 + "b\n加强法制建设。\n", encoding="utf-8")
    code, out, err = run_cli("--rules", str(tmp_path / "x.yaml"), "--format", "concise", "-q", str(report))
    assert code == 1, err
    assert out.splitlines() == [
        f'{report}:1:1: TST901 [my-rule] 规则 my-rule（{tmp_path / "x.yaml"}）没有检查完本文件：键 "patterns" '
        "的正则表达式运行超时（超过 0.2 秒），请简化这个正则表达式",
        f"{report}:2:3: RL501 [fazhi-term] “法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对",
    ]


def test_a_config_parts_regex_out_of_time_is_one_line_for_that_file(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("parts:\n  plan: ['(a|a)+$']\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("标题\n一、" + "a" * 30 + "b\n二、" + "a" * 30 + "c\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    from reportlint import matching

    old = matching.DEFAULT_TIMEOUT
    matching.DEFAULT_TIMEOUT = 0.2
    try:
        code, out, err = run_cli("--select", "fazhi-term", "-q", str(bad), str(good))
    finally:
        matching.DEFAULT_TIMEOUT = old
    assert code == 2
    assert err == (f'reportlint: {bad}: 键 "parts.plan" 的正则表达式运行超时（超过 0.2 秒），'
                   "请简化这个正则表达式\n")


def _builtin():
    from reportlint.loader import builtin_rules

    return builtin_rules()


# ------------------------------------------------------------------ YAML and files
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "select: *i\n"


def test_alias_bomb_config_is_refused_before_anything_walks_it(tmp_path):
    cfg = tmp_path / "bomb.yaml"
    cfg.write_text(BOMB, encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, out, err = run_cli("--config", str(cfg), str(tmp_path / "r.txt"))
    assert (code, out) == (2, "")
    assert err == (f"reportlint: {cfg}: YAML 别名（*引用）展开后过大（多出 926177013 项，最多 10000），"
                   "请直接写出内容\n")


def test_alias_bomb_rule_file_and_self_reference():
    with pytest.raises(ConfigError) as info:
        parse_yaml(BOMB.replace("select: *i", "name: *i"), "rules.yaml")
    assert "YAML 别名（*引用）展开后过大" in str(info.value)
    with pytest.raises(ConfigError) as info:
        parse_yaml("a: &a [*a]\n", "rules.yaml")
    assert str(info.value) == "rules.yaml: YAML 别名引用了自身（循环引用），请去掉这个别名"


def test_a_few_aliases_are_fine():
    data = parse_yaml("base: &b {severity: error}\nrules:\n  fazhi-term: *b\n  placeholder: *b\n", "c.yaml")
    assert data["rules"] == {"fazhi-term": {"severity": "error"}, "placeholder": {"severity": "error"}}


def test_yaml_nested_too_deep():
    with pytest.raises(ConfigError) as info:
        parse_yaml("a: " + "[" * 150 + "]" * 150 + "\n", "c.yaml")
    assert str(info.value) == "c.yaml: YAML 嵌套太深（超过 100 层）"


def test_config_and_rule_files_over_the_size_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("select: ['" + "x" * MAX_FILE_BYTES + "']\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = run_cli("--config", str(big), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f"reportlint: {big}: 配置文件太大（{MAX_FILE_BYTES + 13} 字节，最多 {MAX_FILE_BYTES} 字节）\n")
    code, _, err = run_cli("--rules", str(big), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f"reportlint: {big}: 规则文件太大（{MAX_FILE_BYTES + 13} 字节，最多 {MAX_FILE_BYTES} 字节）\n")


def test_a_long_offending_value_is_quoted_as_a_short_excerpt(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("rules:\n  fazhi-term: {severity: '" + "x" * 100_000 + "'}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = run_cli("--config", str(cfg), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f'reportlint: {cfg}: 规则 "fazhi-term": 键 "severity": 应为 error、warning、info 之一，'
                              f"而不是 'xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx'\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_devices_as_rule_files_are_refused_without_reading(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = run_cli("--rules", "/dev/zero", str(tmp_path / "r.txt"))
    assert (code, err) == (2, "reportlint: /dev/zero: 不是普通文件（管道、设备等），不能作为规则文件\n")
    (tmp_path / "c.yaml").write_text("extend-rules: [/dev/zero]\n", encoding="utf-8")
    code, _, err = run_cli("--config", str(tmp_path / "c.yaml"), str(tmp_path / "r.txt"))
    assert (code, err) == (2, "reportlint: /dev/zero: 不是普通文件（管道、设备等），不能作为规则文件\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_rule_file_or_in_a_rules_directory_does_not_block(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.yaml")        # nobody writes to it: reading would block forever
    code, _, err = run_cli("--rules", str(tmp_path / "fifo.yaml"), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f"reportlint: {tmp_path / 'fifo.yaml'}: 不是普通文件（管道、设备等），不能作为规则文件\n")
    code, _, err = run_cli("--rules", str(tmp_path), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f"reportlint: {tmp_path / 'fifo.yaml'}: 不是普通文件（管道、设备等），不能作为规则文件\n")
    os.remove(tmp_path / "fifo.yaml")
    os.mkfifo(tmp_path / "c.yaml")
    code, _, err = run_cli("--config", str(tmp_path / "c.yaml"), str(tmp_path / "r.txt"))
    assert (code, err) == (2, f"reportlint: {tmp_path / 'c.yaml'}: 不是普通文件（管道、设备等），不能作为配置文件\n")


def test_many_ignore_entries_validate_in_linear_time(tmp_path):
    """60 000 entries (close to the size limit): validation is set lookups, not 60 000 × rules
    regex matches (200 000 took 39 s before)."""
    cfg = tmp_path / "c.yaml"
    cfg.write_text("ignore:\n" + "".join(f"  - RL{i % 6 + 1}\n" for i in range(60_000)), encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    code, out, err = run_cli("--config", str(cfg), "--format", "concise", str(tmp_path / "r.txt"))
    assert (code, err) == (0, "")


def test_option_error_for_an_invalid_regex_is_still_plain():
    with pytest.raises(OptionError) as info:
        compile_patterns(["某("], "patterns")
    assert info.value.problem == "无效的正则表达式 '某('：missing ) at position 2"


# ------------------------------------------------------------------ built-in rules on pathological lines
def _found(text, names):
    _, vs = lint_text(text, [r for r in _builtin() if r.name in names])
    return [(v.rule, v.start, v.end) for v in vs]


def test_cjk_digit_space_on_40000_spaces_is_linear():
    # the exception [ \t]+(?=\p{Han}{1,6}:) was tried at every space of the run: 30–40 s
    assert _found("标题\n正文汉" + " " * 40000 + "2023年\n", {"cjk-digit-space"}) == [("cjk-digit-space", 6, 40006)]
    assert _found("标题\n正文" + " " * 40000 + "备案号:1\n", {"cjk-digit-space"}) == []


def test_trailing_punctuation_runs_are_stripped_in_linear_time():
    # [\p{P}|]+$ on 40 000 、 followed by a character: every start ran to the end (17–54 s)
    line = "、" * 40000 + "字"
    assert _found(f"标题\n{line}\n{line}\n", {"repeated-paragraph"}) == [("repeated-paragraph", 40005, 80006)]
    assert _found(f"标题\n一、{line}\n二、{line}\n", {"duplicate-heading"}) == [("duplicate-heading", 40009, 80010)]


def test_two_near_identical_16000_character_sentences():
    # difflib's SequenceMatcher took 17–43 s; units over 1000 characters are compared by
    # their exact longest common subsequence, bit-parallel
    unit = "甲乙丙丁戊己庚辛" * 2000
    assert _found(f"标题\n{unit}。{unit}子。\n", {"repeated-sentence"}) == [("repeated-sentence", 16004, 32006)]
    assert _found(f"标题\n{unit}。{'壬癸' * 8000}。\n", {"repeated-sentence"}) == []


def test_thousands_of_repeated_clauses_in_one_line():
    found = _found("标题\n" + "加强执法，" * 8000 + "\n", {"repeated-sentence"})
    assert len(found) == 7999 and found[0] == ("repeated-sentence", 8, 13) and found[-1][1:] == (39998, 40003)


def test_lcs_length_against_the_textbook_recurrence():
    import random

    from reportlint.kinds.repeated_sentence import lcs_length

    def dp(a, b):
        prev = [0] * (len(b) + 1)
        for x in a:
            cur = [0]
            for j, y in enumerate(b):
                cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
            prev = cur
        return prev[-1]

    rnd = random.Random(12)
    for _ in range(300):
        a = "".join(rnd.choice("法治制度") for _ in range(rnd.randint(0, 12)))
        b = "".join(rnd.choice("法治制度") for _ in range(rnd.randint(0, 12)))
        assert lcs_length(a, b) == dp(a, b), (a, b)


def test_too_many_patterns_in_one_option():
    # 100 000 literals took 20 s to compile into one alternation
    items = ", ".join(f"词{i}" for i in range(1001))
    assert rule_error(items).endswith('键 "patterns": 模式太多（1001 个，最多 1000 个）')
