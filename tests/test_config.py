"""Configuration: every mistake is one line naming the file and the key (issue 12), the
default excludes and --force-exclude that make pre-commit usable in a mixed repository
(issue 8, item 1). Messages are asserted exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from reportlint.config import DEFAULT_EXCLUDE, configure_rules, find_config, load_config_file, parse_config
from reportlint.discover import expand_paths, excluded
from reportlint.errors import ConfigError

REPORT = "某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）加强执法队伍建设\n二、下一年度工作安排\n（一）加强执法队伍建设\n"
DUP = "5:4: RL201 [duplicate-heading] 标题“加强执法队伍建设”与第 3 行重复，请改写或删去"


def config_error(text: str, name: str = ".reportlint.yaml", tmp_path: Path | None = None) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        configure_rules(load_config_file(p))   # rule overrides are checked against the rules
    return str(info.value).replace(str(tmp_path) + "/", "")


# ------------------------------------------------------------------ internal errors → one line
def test_tool_that_is_not_a_table_in_pyproject(tmp_path):
    assert config_error("tool = 5\n", "pyproject.toml", tmp_path) == 'pyproject.toml: 键 "tool": 应为表（[tool]），而不是 5'
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    find_config.cache_clear()
    code, out, err = run_cli(str(tmp_path / "r.txt"))
    assert (code, out, err) == (2, "", f'reportlint: {tmp_path / "pyproject.toml"}: 键 "tool": 应为表（[tool]），而不是 5\n')


def test_pyproject_without_reportlint_table_is_no_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    find_config.cache_clear()
    assert find_config(tmp_path).path is None


def test_a_relative_folder_is_resolved_from_the_working_directory_of_each_call(tmp_path, monkeypatch):
    """find_config resolves a folder as given once per working directory: the same relative
    folder from two working directories finds each one's own config, as resolving every
    call did; an absolute folder gives the config of its resolved path."""
    for name in ("a", "b"):
        (tmp_path / name / "drafts").mkdir(parents=True)
        (tmp_path / name / ".reportlint.yaml").write_text(f"ignore: [RL50{name == 'a' and 1 or 2}]\n", encoding="utf-8")
    find_config.cache_clear()
    found = []
    for name in ("a", "b", "a"):
        monkeypatch.chdir(tmp_path / name)
        found.append((find_config(Path("drafts")).path, find_config(Path(".")).path))
    assert found == [(str(tmp_path / n / ".reportlint.yaml"),) * 2 for n in ("a", "b", "a")]
    assert find_config(tmp_path / "b" / "drafts" / "..").path == str(tmp_path / "b" / ".reportlint.yaml")


@pytest.mark.parametrize("deadline", ["13-45", "02-30", "00-10", "04-31", "4-1"])
def test_deadline_must_be_a_real_month_and_day(tmp_path, deadline):
    assert config_error(f'rules:\n  publication-date: {{deadline: "{deadline}"}}\n', tmp_path=tmp_path) == (
        f'.reportlint.yaml: 规则 "publication-date": 键 "deadline": 应为形如 04-01 的月-日（一年中真实存在的日期），'
        f"而不是 '{deadline}'")


def test_deadline_february_29_is_accepted(tmp_path):
    p = tmp_path / ".reportlint.yaml"
    p.write_text('rules:\n  publication-date: {deadline: "02-29"}\n', encoding="utf-8")
    (rule,) = [r for r in configure_rules(load_config_file(p)) if r.name == "publication-date"]
    assert rule.options["deadline"] == "02-29"


def test_regex_timeout_is_validated(tmp_path):
    assert config_error("regex-timeout: 0\n", tmp_path=tmp_path) == '.reportlint.yaml: 键 "regex-timeout": 应不小于 0.01'
    assert config_error("regex-timeout: soon\n", tmp_path=tmp_path) == (
        ".reportlint.yaml: 键 \"regex-timeout\": 应为数字，而不是 'soon'")
    p = tmp_path / "ok.yaml"
    p.write_text("regex-timeout: 0.5\n", encoding="utf-8")
    assert load_config_file(p).regex_timeout == 0.5


def test_rule_override_that_is_not_a_mapping(tmp_path):
    assert config_error("rules:\n  fazhi-term: [1, 2, 3, 4, 5, 6, 7, 8]\n", tmp_path=tmp_path) == (
        '.reportlint.yaml: 键 "rules.fazhi-term": 应为选项映射（如 {enabled: false}），而不是 [1, 2, 3, 4, 5, ...]')


# ------------------------------------------------------------------ excludes
def _mixed_repo(root: Path) -> Path:
    for rel in ("reports/2023.txt", "reports/2024.md", "README.md", "readme.txt", "CHANGELOG.md",
                "LICENSE.txt", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", ".github/notes.md", "docs/plan.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(REPORT, encoding="utf-8")
    return root


def _linted(out: str, root: Path) -> list[str]:
    return sorted({line.split(":")[0].replace(str(root) + "/", "") for line in out.splitlines() if "RL201" in line})


def test_default_excludes_leave_out_files_that_are_never_reports(tmp_path):
    root = _mixed_repo(tmp_path)
    code, out, err = run_cli("--select", "duplicate-heading", "--format", "concise", str(root))
    assert _linted(out, root) == ["docs/plan.txt", "reports/2023.txt", "reports/2024.md"]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path):
    root = _mixed_repo(tmp_path)
    (root / ".reportlint.yaml").write_text("exclude: [docs]\n", encoding="utf-8")
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", str(root))
    assert _linted(out, root) == ["CHANGELOG.md", "CODE_OF_CONDUCT.md", "CONTRIBUTING.md", "LICENSE.txt", "README.md",
                                  "readme.txt", "reports/2023.txt", "reports/2024.md"]
    (root / ".reportlint.yaml").write_text("extend-exclude: [docs]\n", encoding="utf-8")
    find_config.cache_clear()
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", str(root))
    assert _linted(out, root) == ["reports/2023.txt", "reports/2024.md"]


def test_extend_exclude_on_the_command_line(tmp_path):
    root = _mixed_repo(tmp_path)
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", "--extend-exclude", "docs,*.md", str(root))
    assert _linted(out, root) == ["reports/2023.txt"]


def test_named_files_are_linted_unless_force_exclude(tmp_path, monkeypatch):
    root = _mixed_repo(tmp_path)
    monkeypatch.chdir(root)
    named = ["README.md", "CHANGELOG.md", ".github/notes.md", "reports/2023.txt", "docs/plan.txt"]
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", *named)
    assert _linted(out, root) == sorted(named)
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", "--force-exclude", *named)
    assert _linted(out, root) == ["docs/plan.txt", "reports/2023.txt"]
    (root / ".reportlint.yaml").write_text("extend-exclude: [docs]\n", encoding="utf-8")
    find_config.cache_clear()
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", "--force-exclude", *named)
    assert _linted(out, root) == ["reports/2023.txt"]
    # absolute paths under the working directory are matched relative to it
    code, out, _ = run_cli("--select", "duplicate-heading", "--format", "concise", "--force-exclude",
                           *(str(root / n) for n in named))
    assert _linted(out, root) == ["reports/2023.txt"]


def test_force_exclude_of_every_named_file_lints_nothing_and_passes(tmp_path, monkeypatch):
    root = _mixed_repo(tmp_path)
    monkeypatch.chdir(root)
    code, out, err = run_cli("--force-exclude", "README.md", ".github/notes.md")
    assert (code, err) == (0, "")


def test_excluded_asks_all_globs_at_once_what_fnmatch_says_of_each():
    """excluded() matches one alternation of the globs: the answer of fnmatch glob by glob,
    against the whole relative path and each component."""
    from fnmatch import fnmatch

    globs = [DEFAULT_EXCLUDE, ("drafts/*.txt", "旧稿", "[!a]?.md", "*[[]1].txt", "a*b*c"), ("*",), ()]
    paths = ["README.md", "docs/ReadMe.md", "drafts/x.txt", "reports/drafts/x.txt", "旧稿/报告.txt", "报告(旧稿).txt",
             "bb.md", "ab.md", "x[1].txt", "aXbYc", "sub/aXbYc/f.txt", "license", "LICENSE.txt", "reports/readiness.txt"]
    for patterns in globs:
        for p in paths:
            rel = Path(p)
            one_by_one = any(fnmatch(rel.as_posix(), g) or any(fnmatch(part, g) for part in rel.parts) for g in patterns)
            assert excluded(rel, patterns) == one_by_one, (patterns, p)


def test_default_excludes_match_any_case():
    assert excluded(Path("docs/ReadMe.md"), DEFAULT_EXCLUDE)
    assert excluded(Path("license"), DEFAULT_EXCLUDE)
    assert not excluded(Path("reports/readiness.txt"), DEFAULT_EXCLUDE)
    assert parse_config({}, Path("x.yaml")).exclude == DEFAULT_EXCLUDE
    assert parse_config({"exclude": []}, Path("x.yaml")).exclude == ()
    assert parse_config({"extend-exclude": ["old"]}, Path("x.yaml")).exclude == DEFAULT_EXCLUDE + ("old",)


def test_expand_paths_force_exclude(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    assert expand_paths(["README.md", "a.txt"], (), lambda d: DEFAULT_EXCLUDE) == (["README.md", "a.txt"], [])
    assert expand_paths(["README.md", "a.txt"], (), lambda d: DEFAULT_EXCLUDE, force_exclude=True) == (["a.txt"], [])


def test_the_pre_commit_hook_passes_report_formats_only_and_forces_excludes():
    """Fast check of .pre-commit-hooks.yaml (tests/test_precommit.py runs the real thing)."""
    import re

    import yaml

    from conftest import ROOT
    from reportlint.readers import suffixes

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "reportlint --force-exclude" and hook["types"] == ["file"]
    files = re.compile(hook["files"])
    for suffix in suffixes():                       # every format a reader reads
        assert files.search(f"reports/2023年度报告{suffix}") and files.search(f"R{suffix.upper()}"), suffix
    for other in ("README", "tools/collect.py", "config.yaml", ".pre-commit-config.yaml", "a.txt.bak", "x.json"):
        assert not files.search(other), other


def test_find_config_by_a_relative_folder_follows_chdir(tmp_path, monkeypatch):
    """The cache is keyed by the resolved folder: Path(".") in two folders are two configs."""
    from pathlib import Path

    from reportlint.config import find_config

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / ".reportlint.yaml").write_text("ignore: [vague-time]\n", encoding="utf-8")
    (b / ".reportlint.yaml").write_text("ignore: [placeholder]\n", encoding="utf-8")
    monkeypatch.chdir(a)
    assert find_config(Path(".")).ignore == ("vague-time",)
    monkeypatch.chdir(b)
    assert find_config(Path(".")).ignore == ("placeholder",)
