"""The command line (issue 2, requirements 3 and 5): formats, selection, config discovery,
exit codes, rules/explain, user rules, suppression directives, lazy jieba. Exact output is
asserted only for duplicate-heading and the test rules in tests/fixtures/input/rules/, which
other work does not change."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import TEST_RULES as RULES, TINY_REPORT as REPORT, run_cli



run = run_cli


@pytest.fixture
def report(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    return f


def lint(report, *args):
    return run("--rules", RULES, *args, str(report))


# ----------------------------------------------------------------------------- formats
def test_text_format_is_ruff_full_format_with_caret_under_wide_characters(report):
    code, out, err = lint(report, "--select", "test-fazhi,test-word")
    assert (code, err) == (1, "")
    assert out == textwrap.dedent(f"""\
        {report}:3:6: TST101 [test-fazhi] “法制”应为“法治”
          |
        3 | （一）加强法制建设。要进一步加强法制审核。
          |           ^^^^
          = 可自动修正：改为“法治”

        {report}:3:12: TST102 [test-word] 不要写“进一步”
          |
        3 | （一）加强法制建设。要进一步加强法制审核。
          |                       ^^^^^^

        {report}:5:6: TST101 [test-fazhi] “法制”应为“法治”
          |
        5 | （一）加强法制建设
          |           ^^^^
          = 可自动修正：改为“法治”

        共 3 个问题（错误 1，警告 2，提示 0），检查了 1 个文件。其中 2 个可用 --fix 自动修正。
        """)
    assert "\x1b[" not in out       # no colour when not a terminal


def test_color_on_request(report):
    _, out, _ = lint(report, "--select", "test-word", "--color")
    assert out.splitlines()[0] == f"\x1b[1m{report}\x1b[0m:3:12: \x1b[1;31mTST102\x1b[0m [test-word] 不要写“进一步”"
    assert out.splitlines()[3] == "  | \x1b[31m                      ^^^^^^\x1b[0m"
    _, out, _ = lint(report, "--select", "test-word", "--color", "--no-color")
    assert "\x1b[" not in out


def test_concise_format(report):
    code, out, _ = lint(report, "--select", "duplicate-heading,TST1", "--format", "concise")
    assert out.splitlines() == [
        f"{report}:3:6: TST101 [test-fazhi] “法制”应为“法治”",
        f"{report}:3:12: TST102 [test-word] 不要写“进一步”",
        f"{report}:5:4: RL201 [duplicate-heading] 标题“加强法制建设”与第 3 行重复，请改写或删去",
        f"{report}:5:6: TST101 [test-fazhi] “法制”应为“法治”",
        "共 4 个问题（错误 2，警告 2，提示 0），检查了 1 个文件。其中 2 个可用 --fix 自动修正。",
    ]


def test_json_format(report):
    code, out, _ = lint(report, "--select", "test-word,duplicate-heading", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["version"] == 1 and data["tool"]["name"] == "reportlint"
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 0, "infos": 0}
    (f,) = data["files"]
    assert (f["path"], f["error"]) == (str(report), None)
    assert f["document"] == {"report_year": 2023, "title": "XX镇2023年度法治政府建设情况报告", "sections": [
        {"kind": "measures", "line": 2, "heading": "主要举措和成效"},
        {"kind": "plan", "line": 4, "heading": "下一年度工作安排"}],
        "issuer": "XX镇", "issuer_kind": "government", "dates": []}
    word, dup = f["violations"]
    assert word == {"rule": "test-word", "code": "TST102", "severity": "error", "message": "不要写“进一步”",
                    "line": 3, "column": 12, "end_line": 3, "end_column": 15, "offset": 41, "end_offset": 44,
                    "fix": None, "related": []}
    assert (dup["line"], dup["column"], dup["end_column"], dup["related"]) == (5, 4, 10, [
        {"line": 3, "column": 4, "end_line": 3, "end_column": 10, "offset": 33, "end_offset": 39,
         "message": "首次出现"}])


def test_github_format(report):
    code, out, _ = lint(report, "--select", "TST", "--format", "github")
    assert out.splitlines() == [
        "::notice file={0},line=1,col=16,endLine=1,endColumn=18,title=TST201 test-info::题目里有“情况”".format(report),
        "::warning file={0},line=3,col=6,endLine=3,endColumn=8,title=TST101 test-fazhi::“法制”应为“法治”".format(report),
        "::error file={0},line=3,col=12,endLine=3,endColumn=15,title=TST102 test-word::不要写“进一步”".format(report),
        "::warning file={0},line=5,col=6,endLine=5,endColumn=8,title=TST101 test-fazhi::“法制”应为“法治”".format(report),
    ]


# ----------------------------------------------------------------------------- selection, exit codes
def rules_hit(out):
    return sorted({ln.split("[")[1].split("]")[0] for ln in out.splitlines() if ": TST" in ln or ": RL" in ln})


@pytest.mark.parametrize("args,hit", [
    (["--select", "test-fazhi"], ["test-fazhi"]),                       # by name
    (["--select", "TST102"], ["test-word"]),                            # by code
    (["--select", "TST1"], ["test-fazhi", "test-word"]),                # by code prefix
    (["--select", "TST", "--ignore", "TST1"], ["test-info"]),
    (["--select", "TST", "--ignore", "test-word,TST201"], ["test-fazhi"]),
    (["--select", "TST201", "--select", "RL201"], ["duplicate-heading", "test-info"]),   # repeated
    (["--select", "RL201", "--extend-select", "test-word"], ["duplicate-heading", "test-word"]),
])
def test_select_and_ignore(report, args, hit):
    _, out, _ = lint(report, "--format", "concise", *args)
    assert rules_hit(out) == hit


@pytest.mark.parametrize("args,code", [
    (["--select", "test-info"], 0),                       # infos only
    (["--select", "test-fazhi"], 0),                      # warnings allowed
    (["--select", "test-fazhi", "--strict"], 1),          # ... unless --strict
    (["--select", "test-word"], 1),                       # errors fail
    (["--select", "test-word", "--exit-zero"], 0),
    (["--select", "test-fazhi", "--strict", "--exit-zero"], 0),
])
def test_exit_codes(report, args, code):
    assert lint(report, *args)[0] == code


@pytest.mark.parametrize("args,message", [
    (["--select", "nosuch"], '--select: 未知规则 "nosuch"（用 `reportlint rules` 查看全部规则）'),
    (["--select", "ZZ9"], '--select: 未知规则 "ZZ9"（用 `reportlint rules` 查看全部规则）'),
    (["--ignore", "RL9999"], '--ignore: 未知规则 "RL9999"（用 `reportlint rules` 查看全部规则）'),
])
def test_unknown_selector_is_exit_2(report, args, message):
    assert run(*args, str(report)) == (2, "", f"reportlint: {message}\n")


def test_quiet_and_statistics(report):
    _, out, _ = lint(report, "--select", "TST", "--format", "concise", "--quiet", "--statistics")
    assert out.splitlines()[-4:] == [
        "    2  TST101 [*] test-fazhi",
        "    1  TST102     test-word",
        "    1  TST201     test-info",
        "",
    ]
    assert "共 " not in out
    _, out, _ = lint(report, "--select", "TST201", "--format", "concise")
    assert out.splitlines()[-1] == "共 1 个问题（错误 0，警告 0，提示 1），检查了 1 个文件。"


def test_clean_file_summary(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text("XX镇2023年度法治政府建设情况报告\n一、主要举措和成效\n", encoding="utf-8")
    assert run("--select", "duplicate-heading", str(f)) == (0, "未发现问题，检查了 1 个文件。\n", "")


def test_no_paths_is_a_usage_error():
    code, out, err = run()
    assert code == 2 and "请给出要检查的文件或目录" in err


# ----------------------------------------------------------------------------- rules, explain
def test_rules_lists_every_rule():
    code, out, _ = run("rules", "--rules", RULES)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["代码", "规则", "级别", "修正", "说明"]
    row = next(ln for ln in lines if ln.startswith("RL201 "))
    assert row.split()[:3] == ["RL201", "duplicate-heading", "错误"]
    assert next(ln for ln in lines if ln.startswith("TST101 ")).split()[:4] == [
        "TST101", "test-fazhi", "警告", "*"]
    code, out, _ = run("rules", "--format", "json")
    names = [r["name"] for r in json.loads(out)]
    assert "duplicate-heading" in names and len(names) == len(set(names))


def test_explain_by_name_and_code():
    code, out, _ = run("explain", "RL201")
    assert code == 0
    assert out.splitlines()[0] == "RL201 [duplicate-heading]  级别：错误  类型（kind）：duplicate-heading"
    assert "同一份报告中标题不应重复" in out and "报告的例子：" in out and "通过的例子：" in out
    assert run("explain", "duplicate-heading")[1] == out
    code, out, _ = run("explain", "test-fazhi", "--rules", RULES)
    assert out.splitlines()[0] == "TST101 [test-fazhi]  级别：警告  类型（kind）：pattern  可用 --fix 自动修正"


def test_explain_unknown_rule():
    assert run("explain", "nosuch") == (2, "", 'reportlint: explain: 未知规则 "nosuch"（用 `reportlint rules` 查看全部规则）\n')


def test_python_dash_m(report):
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--select", "duplicate-heading", "--format",
                           "concise", str(report)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == f"{report}:5:4: RL201 [duplicate-heading] 标题“加强法制建设”与第 3 行重复，请改写或删去"
    version = subprocess.run([sys.executable, "-m", "reportlint", "--version"], capture_output=True, text=True)
    assert version.stdout == f"reportlint {__import__('reportlint').__version__}\n"


# ----------------------------------------------------------------------------- config
def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_found_upward_from_the_linted_file(tmp_path):
    write(tmp_path / ".reportlint.yaml", f"""\
        extend-rules: [{RULES}]
        select: [TST]
        rules:
          test-fazhi: {{severity: error}}
          test-word: {{enabled: false}}
          TST201: {{severity: warning, patterns: [报告]}}
        """)
    f = write(tmp_path / "a" / "b" / "r.txt", REPORT)
    code, out, _ = run("--format", "concise", str(f))
    assert out.splitlines() == [
        f"{f}:1:18: TST201 [test-info] 题目里有“报告”",
        f"{f}:3:6: TST101 [test-fazhi] “法制”应为“法治”",
        f"{f}:5:6: TST101 [test-fazhi] “法制”应为“法治”",
        "共 3 个问题（错误 2，警告 1，提示 0），检查了 1 个文件。其中 2 个可用 --fix 自动修正。",
    ]
    assert code == 1
    # select on the command line replaces the config's select; disabled rules stay selectable
    _, out, _ = run("--format", "concise", "--select", "test-word", str(f))
    assert rules_hit(out) == ["test-word"]


def test_pyproject_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", f"""\
        [project]
        name = "x"
        [tool.reportlint]
        extend-rules = ["{RULES}"]
        select = ["test-word"]
        """)
    f = write(tmp_path / "docs" / "r.txt", REPORT)
    _, out, _ = run("--format", "concise", str(f))
    assert rules_hit(out) == ["test-word"]


def test_closest_config_wins_and_config_option_overrides(tmp_path):
    write(tmp_path / ".reportlint.yaml", f"extend-rules: [{RULES}]\nselect: [test-word]\n")
    write(tmp_path / "sub" / ".reportlint.yaml", f"extend-rules: [{RULES}]\nselect: [test-info]\n")
    f = write(tmp_path / "sub" / "r.txt", REPORT)
    assert rules_hit(run("--format", "concise", str(f))[1]) == ["test-info"]
    other = write(tmp_path / "elsewhere.yaml", f"extend-rules: [{RULES}]\nselect: [TST101]\n")
    assert rules_hit(run("--format", "concise", "--config", str(other), str(f))[1]) == ["test-fazhi"]


def test_pattern_options_from_config(tmp_path):
    cfg = write(tmp_path / "c.yaml", f"""\
        extend-rules: [{RULES}]
        select: [test-fazhi]
        rules:
          test-fazhi: {{exceptions: [法制审核, 法制建设]}}
        """)
    f = write(tmp_path / "r.txt", REPORT + "健全法制。\n")
    _, out, _ = run("--format", "concise", "--config", str(cfg), str(f))
    assert out.splitlines()[0] == f"{f}:6:3: TST101 [test-fazhi] “法制”应为“法治”"


@pytest.mark.parametrize("text,message", [
    ("rules:\n  nosuch: {enabled: false}\n",
     '键 "rules.nosuch": 没有名为 "nosuch" 的规则（用 `reportlint rules` 查看全部规则）'),
    ("select: [nosuch]\n", '键 "select": 未知规则 "nosuch"（用 `reportlint rules` 查看全部规则）'),
    ("- select\n", "配置应为键值映射（键: 值），而不是列表"),
    ("select: [a\n", None),
    ("colour: red\n", '键 "colour": 未知的键（可用的键：baseline、exclude、extend-exclude、extend-rules、extend-select、ignore、max-file-size、parts、previous、regex-timeout、report-year、rules、select）'),
    ("rules:\n  duplicate-heading: {severity: fatal}\n",
     '规则 "duplicate-heading": 键 "severity": 应为 error、warning、info 之一，而不是 \'fatal\''),
    ("rules:\n  duplicate-heading: {min-length: 0}\n", '规则 "duplicate-heading": 键 "min-length": 应不小于 1'),
    ("rules:\n  duplicate-heading: {bogus: 1}\n",
     '规则 "duplicate-heading": 键 "bogus": 未知的键（可用的键：include-title、min-length）'),
    # a near miss names the key or rule meant, as ruff and Vale do
    ("selectt: [RL1]\n", '键 "selectt": 未知的键，是不是 "select"？（可用的键：baseline、exclude、extend-exclude、'
                         'extend-rules、extend-select、ignore、max-file-size、parts、previous、regex-timeout、report-year、'
                         'rules、select）'),
    ("rules:\n  duplicate-headin: {enabled: false}\n",
     '键 "rules.duplicate-headin": 没有名为 "duplicate-headin" 的规则，是不是 "duplicate-heading"？'),
    ("rules:\n  duplicate-heading: {min-lenght: 3}\n",
     '规则 "duplicate-heading": 键 "min-lenght": 未知的键，是不是 "min-length"？（可用的键：include-title、min-length）'),
])
def test_bad_config_is_one_line_naming_the_file(report, tmp_path, text, message):
    cfg = write(tmp_path / "cfg.yaml", text)
    code, out, err = run("--config", str(cfg), str(report))
    assert code == 2 and out == ""
    if message is None:
        assert err == f"reportlint: {cfg}:2:1: YAML 语法错误：列表的方括号没有闭合（缺少 , 或 ]）\n"
    else:
        assert err == f"reportlint: {cfg}: {message}\n"


def test_a_config_naming_rules_that_do_not_exist_says_which_key(report, tmp_path):
    cfg = write(tmp_path / "cfg.yaml", "extend-rules: [my-rules/]\n")
    assert run("--config", str(cfg), str(report)) == (
        2, "", f'reportlint: {cfg}: 键 "extend-rules": 规则目录或文件不存在：{tmp_path / "my-rules"}\n')


def test_a_key_given_twice_in_a_config(report, tmp_path):
    cfg = write(tmp_path / "cfg.yaml", "rules:\n  fazhi-term: {severity: error}\n  fazhi-term: {severity: info}\n")
    assert run("--config", str(cfg), str(report)) == (
        2, "", f'reportlint: {cfg}:3:3: 键 "fazhi-term" 重复（第 2 行已有）：后一个会覆盖前一个，请合并或删去一个\n')


def test_missing_config_and_rules(report, tmp_path):
    assert run("--config", str(tmp_path / "none.yaml"), str(report)) == (
        2, "", f"reportlint: {tmp_path / 'none.yaml'}: 配置文件不存在\n")
    assert run("--rules", str(tmp_path / "none"), str(report)) == (
        2, "", f"reportlint: {tmp_path / 'none'}: 规则目录或文件不存在\n")


def test_broken_rule_file_via_rules(report, tmp_path):
    bad = write(tmp_path / "mine" / "bad.yaml", "name: x\n\tcode: RL1\n")
    assert run("--rules", str(bad.parent), str(report)) == (
        2, "", f"reportlint: {bad}:2:1: YAML 语法错误：缩进里有制表符（YAML 只能用空格缩进）\n")


# ----------------------------------------------------------------------------- user rules
def test_user_pattern_rule_with_word_boundary_and_exceptions(tmp_path):
    f = write(tmp_path / "r.txt", "XX镇法治政府建设情况报告\n改进一步骤，要进一步加强。\n健全法制审核机制，加强法制。\n")
    _, out, _ = run("--rules", RULES, "--select", "TST1", "--format", "concise", str(f))
    assert out.splitlines()[:2] == [
        f"{f}:2:8: TST102 [test-word] 不要写“进一步”",          # 改进一步骤 is not 进一步
        f"{f}:3:12: TST101 [test-fazhi] “法制”应为“法治”",       # 法制审核 is an exception
    ]


def test_user_rule_replacement_is_applied_by_fix(tmp_path):
    f = write(tmp_path / "r.txt", "XX镇法治政府建设情况报告\n加强法制，健全法制审核。\n")
    code, _, _ = run("--rules", RULES, "--select", "test-fazhi", "--fix", str(f))
    assert code == 0
    assert f.read_text(encoding="utf-8") == "XX镇法治政府建设情况报告\n加强法治，健全法制审核。\n"


# ----------------------------------------------------------------------------- suppression
@pytest.mark.parametrize("directive,line3,line5", [
    ("", True, True),
    ("<!-- reportlint-disable-file -->\n", False, False),
    ("<!-- reportlint-disable-file test-fazhi -->\n", False, False),
    ("<!-- reportlint-disable-file TST2 -->\n", True, True),
    ("<!-- reportlint-disable TST1 -->\n", False, False),
])
def test_suppression_directives(tmp_path, directive, line3, line5):
    f = write(tmp_path / "r.txt", REPORT.replace("一、", directive + "一、", 1))
    _, out, _ = run("--rules", RULES, "--select", "test-fazhi", "--format", "concise", "-q", str(f))
    lines = [ln.split(":")[1] for ln in out.splitlines()]
    shift = 1 if directive else 0
    assert lines == [str(n + shift) for n, keep in ((3, line3), (5, line5)) if keep]


def test_disable_next_line_and_enable(tmp_path):
    text = ("XX镇法治政府建设情况报告\n<!-- reportlint-disable-next-line test-fazhi -->\n法制一。\n法制二。\n"
            "<!-- reportlint-disable TST101 -->\n法制三。\n<!-- reportlint-enable -->\n法制四。\n"
            "法制五。<!-- reportlint-disable-line -->\n")
    f = write(tmp_path / "r.txt", text)
    _, out, _ = run("--rules", RULES, "--select", "test-fazhi", "--format", "concise", "-q", str(f))
    assert [ln.split(":")[1] for ln in out.splitlines()] == ["4", "8"]


# ----------------------------------------------------------------------------- lazy jieba
def test_jieba_is_not_imported_without_segmentation(report):
    code = f"""
import sys
import reportlint.cli
assert "jieba" not in sys.modules, "import reportlint.cli imported jieba"
try:
    reportlint.cli.main(["--select", "duplicate-heading", "--format", "json", {str(report)!r}])
except SystemExit as exc:
    assert exc.code == 1, exc.code
print("jieba" in sys.modules)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "False"


def test_jieba_is_imported_for_word_boundaries(report):
    code = f"""
import sys
import reportlint.cli
try:
    reportlint.cli.main(["--rules", {RULES!r}, "--select", "test-word", "-q", {str(report)!r}])
except SystemExit:
    pass
print("jieba" in sys.modules)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines()[-1] == "True"


@pytest.mark.parametrize("pattern,problem", [
    ("下一(步", "无效的正则表达式 '下一(步'：missing ) at position 4"),
    ("下一步\\\\b", "'下一步\\\\b'：\\b 在汉字之间永远不会匹配，请改用 boundary: word"),
])
def test_config_parts_regexes_are_validated_up_front(tmp_path, pattern, problem):
    config = tmp_path / ".reportlint.yaml"
    config.write_text(f'parts:\n  plan: ["{pattern}"]\n', encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("一、主要举措\n", encoding="utf-8")
    code, out, err = run(str(draft))
    assert code == 2
    assert err == f'reportlint: {config}: 键 "parts.plan": {problem}\n'


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help_shows_the_lint_options_and_other_commands(flag):
    code, out, err = run(flag)
    assert code == 0
    assert "--select 规则" in out and "只检查这些规则" in out
    assert "--fix" in out and "--format 格式" in out
    assert "reportlint explain 名称|代码" in out
    assert "退出码：0 没有错误（可有警告）；1 有错误（--strict 时警告也算）；2 用法、配置或输入错误。" in out


# ----------------------------------------------------------------------------- framing, output file (issue 8, 12)
ENGLISH_FRAMING = ("Usage", "Options", "Error", "Try ", "Show this", "Missing", "Invalid value", "No such",
                   "Got unexpected", "is not one of", "[default", "TEXT", "INTEGER", "Did you mean")


def test_help_is_chinese_with_the_formats_one_line_each():
    from reportlint import formatters

    code, out, err = run("--help")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "用法：reportlint [选项] 路径..."
    from reportlint.discover import _suffix_list     # every format a directory search reads
    assert lines[2] == f"  检查报告草稿：文件、目录（其中的 {_suffix_list()}）或 -（标准输入）。"
    assert "选项：" in lines and "  输出格式（--format）：" in lines
    assert "  -h, --help               显示此帮助并退出。" in lines
    assert any(ln.startswith("  -o, --output-file 文件   把结果写入此文件") for ln in lines)
    names = formatters.available()
    assert names[0] == "text" and {"sarif", "junit", "gitlab", "json-lines", "concise", "github", "json"} <= set(names)
    for name in names:
        assert f"    {name:<12}{formatters.load(name).HELP}" in lines
    assert not [w for w in ENGLISH_FRAMING if w in out]


def test_help_names_the_suffixes_the_readers_read_and_the_version_option():
    # the suffixes come from the readers: a new reader shows in the help without editing cli.py
    from reportlint.readers import suffixes

    code, out, err = run("--help")
    assert set(suffixes()) == {".txt", ".md", ".markdown", ".docx", ".odt", ".pdf"}
    assert "  检查报告草稿：文件、目录（其中的 *.txt、*.md、*.docx、*.odt、*.pdf）或 -（标准输入）。" in out.splitlines()
    assert "  -V, --version            显示版本号并退出。" in out.splitlines()
    assert "\x08" not in out                # click's no-rewrap mark is not printed
    assert run("--select", "RL1", "-V") == (0, f"reportlint {__import__('reportlint').__version__}\n", "")


@pytest.mark.parametrize("args", [["rules", "--help"], ["explain", "--help"], ["lsp", "--help"]])
def test_subcommand_help_is_chinese(args):
    code, out, _ = run(*args)
    assert code == 0 and out.splitlines()[0] == f"用法：reportlint {args[0]} [选项]" + (
        " 名称|代码" if args[0] == "explain" else "")
    assert not [w for w in ENGLISH_FRAMING if w in out]


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag):
    from reportlint import __version__

    assert run(flag) == (0, f"reportlint {__version__}\n", "")


@pytest.mark.parametrize("args,usage,error", [
    (["--zzz", "a.txt"], "reportlint [选项] 路径...", "没有 --zzz 这个选项。"),
    (["--selct", "x", "a.txt"], "reportlint [选项] 路径...",
     "没有 --selct 这个选项。（是不是要用其中之一：--extend-select、--select、--strict？）"),
    (["--statistic", "a.txt"], "reportlint [选项] 路径...",
     "没有 --statistic 这个选项。（是不是要用其中之一：--statistics、--strict？）"),
    (["--format", "xx", "a.txt"], "reportlint [选项] 路径...",
     "'--format' / '-f' 的值无效：'xx' 不是可用的值，可选："   # every format module, the default first
     + ", ".join(f"'{n}'" for n in __import__("reportlint.formatters").formatters.available()) + "。"),
    ([], "reportlint [选项] 路径...", "请给出要检查的文件或目录（- 表示标准输入）"),
    (["--max-per-rule", "x", "a.txt"], "reportlint [选项] 路径...", "'--max-per-rule' 的值无效：'x' 不是有效的数字。"),
    (["--max-per-rule", "-1", "a.txt"], "reportlint [选项] 路径...", "'--max-per-rule' 的值无效：-1 不能小于 0"),
    (["explain"], "reportlint explain [选项] 名称|代码", "缺少参数 '名称|代码'。"),
    (["explain", "a", "b"], "reportlint explain [选项] 名称|代码", "多余的参数（b）"),
    (["rules", "--format", "x"], "reportlint rules [选项]", "'--format' 的值无效：'x' 不是可用的值，可选：'text', 'json'。"),
])
def test_usage_errors_are_chinese(args, usage, error):
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    command = "reportlint" if not usage.startswith(("reportlint explain", "reportlint rules")) else \
        " ".join(usage.split()[:2])
    assert err == f"用法：{usage}\n运行 “{command} --help” 查看帮助。\n\n错误：{error}\n"
    assert not [w for w in ENGLISH_FRAMING if w in err]


def test_option_missing_its_value():
    code, out, err = run("--config")
    assert (code, out) == (2, "")
    assert err.endswith("错误：选项 --config 需要一个值。\n") and "运行 “reportlint --help” 查看帮助。" in err


def test_concise_is_exactly_one_line_per_finding(tmp_path):
    f = tmp_path / "many.txt"
    f.write_text("一、举措\n" + "".join(f"第{i}条加强法制建设。\n" for i in range(12)), encoding="utf-8")
    code, out, _ = run("--rules", RULES, "--select", "test-fazhi", "--format", "concise", str(f))
    lines = out.splitlines()
    assert len(lines) == 13                       # no cap per rule (--max-per-rule is for text) …
    assert lines[:12] == [f"{f}:{i + 2}:{6 if i < 10 else 7}: TST101 [test-fazhi] “法制”应为“法治”" for i in range(12)]
    assert not any("…及另外" in ln for ln in lines)   # … and no "and N more" lines
    assert lines[12] == "共 12 个问题（错误 0，警告 12，提示 0），检查了 1 个文件。其中 12 个可用 --fix 自动修正。"
    import re

    assert not re.match(r"^[^:]+:\d+:\d+: ", lines[12])   # the summary cannot be taken for a finding
    assert run("--rules", RULES, "--select", "test-fazhi", "--format", "concise", "-q", str(f))[1].splitlines() == lines[:12]
    # the text format still caps
    _, text, _ = run("--rules", RULES, "--select", "test-fazhi", str(f))
    assert f"{f}: [test-fazhi] …及另外 7 处，可用 --fix 修正（--format json 或 --max-per-rule 0 列出全部）" in text


def test_github_escapes_properties_and_data(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - name: test-pct\n    code: TST401\n    kind: pattern\n    severity: error\n"
                     "    message: '100% 不要写“{match}”'\n    description: 测试用。\n    patterns: [进一步]\n",
                     encoding="utf-8")
    name = tmp_path / "a,b:c%d\ne.txt"
    name.write_text(REPORT, encoding="utf-8")
    code, out, _ = run("--rules", str(rules), "--select", "TST401", "--format", "github", str(name))
    shown = str(name).replace("%", "%25").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
    assert out == (f"::error file={shown},line=3,col=12,endLine=3,endColumn=15,"
                   f"title=TST401 test-pct::100%25 不要写“进一步”\n")
    from reportlint.formatters.github import escape_data, escape_property

    assert escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    assert escape_data("a:b,c%\n") == "a:b,c%25%0A"


def test_control_characters_in_file_names_are_escaped(tmp_path):
    f = tmp_path / "报告\n\x1b[31m.txt"
    f.write_text(REPORT, encoding="utf-8")
    shown = str(tmp_path) + "/报告\\n\\x1b[31m.txt"
    for fmt in ("text", "concise"):
        code, out, _ = run("--rules", RULES, "--select", "test-word", "--format", fmt, str(f))
        assert out.splitlines()[0] == f"{shown}:3:12: TST102 [test-word] 不要写“进一步”"
        assert "\x1b" not in out
    gone = tmp_path / "不在\n这里.txt"
    code, _, err = run(str(gone))
    assert err == f"reportlint: {tmp_path}/不在\\n这里.txt: 文件不存在\n"


@pytest.fixture
def formats():
    from reportlint import formatters

    return formatters.available()


def test_output_file_for_every_format(report, tmp_path, formats):
    from reportlint import formatters

    for fmt in formats:
        target = tmp_path / "out" / fmt / "report.out"          # missing folders are made
        if getattr(formatters.load(fmt), "BINARY", False):      # bytes (xlsx, csv): written as they are
            code2, out, err = lint(report, "--format", fmt, "-o", str(target))
            assert out == "" and err == "" and target.stat().st_size > 0, fmt
            assert not [p for p in target.parent.iterdir() if p != target]
            continue
        code, expected, _ = lint(report, "--format", fmt, "--no-color")
        code2, out, err = lint(report, "--format", fmt, "--color", "-o", str(target))
        assert (code2, out, err) == (code, "", ""), fmt
        data = target.read_bytes()
        assert data == expected.encode("utf-8"), fmt           # the same report, without colour
        assert b"\x1b[" not in data
        assert not [p for p in target.parent.iterdir() if p != target]     # no temporary file left


def test_output_file_replaces_atomically_writes_through_links_and_keeps_the_mode(report, tmp_path):
    import os
    import stat

    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, out, _ = lint(report, "--select", "test-fazhi", "--format", "concise", "-q", "-o", str(link))
    assert out == "" and link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith(f"{report}:3:6: TST101")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    # a directory, or a folder that cannot be made, is one line and exit 2
    code, out, err = lint(report, "-o", str(tmp_path))
    assert (code, out, err) == (2, "", f"reportlint: {tmp_path}: 无法写入输出文件（是目录）\n")
    code, out, err = lint(report, "-o", str(real / "x.txt"))
    assert code == 2 and out == "" and err.startswith(f"reportlint: {real / 'x.txt'}: 无法写入输出文件（")


def test_output_file_with_diff_holds_the_diff(report, tmp_path):
    target = tmp_path / "fix.diff"
    code, out, err = lint(report, "--select", "test-fazhi", "--diff", "-o", str(target))
    assert out == "" and err == "可修正 2 处（--diff 未写入任何文件）。\n"
    assert target.read_text(encoding="utf-8").startswith("--- ")


def test_a_binary_format_is_written_as_bytes(report, tmp_path, monkeypatch):
    import types

    from reportlint import formatters

    fake = types.SimpleNamespace(NAME="text", HELP="x", BINARY=True, render=lambda r, o: len(r.violations),
                                 assemble=lambda parts, stats, o: b"PK\x03\x04" + bytes(parts))
    monkeypatch.setattr(formatters, "load", lambda name: fake)
    target = tmp_path / "out.xlsx"
    code, out, _ = lint(report, "--select", "test-fazhi", "-o", str(target))
    assert out == "" and target.read_bytes() == b"PK\x03\x04\x02"
    from click.testing import CliRunner

    from reportlint.cli import main

    with CliRunner().isolation() as (stdout, _, _):
        try:
            main(["--rules", RULES, "--select", "test-fazhi", str(report)])
        except SystemExit:
            pass
        assert stdout.getvalue() == b"PK\x03\x04\x02"


def test_control_characters_in_the_report_never_reach_the_terminal(tmp_path):
    f = tmp_path / "esc.txt"
    f.write_text("一、主要举措和成效\n（一）加强法制\x1b[2J建设\t。要进一步加强。\n", encoding="utf-8")
    code, out, _ = run("--rules", RULES, "--select", "test-word", str(f))
    assert "\x1b" not in out
    # one character for one, so the caret stays under the finding
    assert out.splitlines()[2] == "2 | （一）加强法制\ufffd[2J建设 。要进一步加强。"
    assert out.splitlines()[3] == "  | " + " " * 27 + "^^^^^^"     # （一）加强法制 14, �[2J 4, 建设 4, tab 1, 。要 4
