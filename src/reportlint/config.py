"""Configuration: ``.reportlint.yaml`` found from the linted file's directory upward, or the
``[tool.reportlint]`` table of a ``pyproject.toml``; the closest one wins. ``--config FILE``
overrides the search.

    select: [RL1, duplicate-heading]     # only these (names, codes, code prefixes)
    ignore: [vague-time]
    extend-select: [...]                 # add rules that are off by default
    extend-rules: [my-rules/]            # more YAML rule files, relative to this file
    exclude: [README.md, 旧稿]            # globs left out when a directory is searched
    max-file-size: 20                    # MB: larger inputs are refused before being read
    baseline: reportlint-baseline.json   # report only findings not in it (relative to this file)
    report-year: 2023                    # the year under review (rule report-year; --report-year)
    previous: ../2022/                   # last year's reports (rule copied-from-last-year; --previous)
    parts: {plan: [下一步, 明年]}         # how top-level headings are classified
    rules:
      publication-date: {deadline: "03-01"}
      fazhi-term: {severity: error}
      vague-time: {enabled: false}

Every key is validated; an unknown key or rule is an error naming the file and the key.
"""

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .errors import ConfigError
from .engine import RuleSet
from .loader import _type_zh, load_rules, parse_yaml, read_small_file
from .matching import DEFAULT_TIMEOUT, compile_patterns
from .parts import KINDS as PART_KINDS
from .schema import Opt, OptionError, did_you_mean, excerpt, excerpt_text, validate

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")

def _any_case(glob: str) -> str:
    """``README*`` → ``[Rr][Ee]…*``: fnmatch is case-sensitive on POSIX, file names vary."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() and c.isascii() else c for c in glob)


# Files and folders that are never reports, left out of directory searches (and, with
# --force-exclude, out of the files named on the command line — what pre-commit passes).
# Config ``exclude:`` replaces this list, ``extend-exclude:`` adds to it (as in ruff).
DEFAULT_EXCLUDE_NAMES = (
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "LICENSE*", "LICENCE*", "COPYING*",
    "NOTICE*", "AUTHORS*", "CONTRIBUTING*", "CONTRIBUTORS*", "CODE_OF_CONDUCT*", "SECURITY*",
    "SUPPORT*", "MAINTAINERS*", "CODEOWNERS", ".github", ".gitlab", ".git", ".hg", ".svn",
    ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".reportlint.yaml", ".reportlint.yml",
    "node_modules", ".venv", "venv", "__pycache__", "site-packages",
)
DEFAULT_EXCLUDE = tuple(_any_case(g) if g.isupper() else g for g in DEFAULT_EXCLUDE_NAMES)

CONFIG_KEYS = {
    "select": Opt("list[str]", []),
    "ignore": Opt("list[str]", []),
    "extend-select": Opt("list[str]", []),
    "extend-rules": Opt("list[str]", []),
    "exclude": Opt("list[str]", list(DEFAULT_EXCLUDE_NAMES),
                   doc="globs of files and folders that are never reports; replaces the default list"),
    "extend-exclude": Opt("list[str]", [], doc="globs added to exclude (to the default list unless exclude is given)"),
    "baseline": Opt("str", None, doc="基线文件（相对于本配置文件）：只报告其中没有的问题"),
    "report-year": Opt("int", None, min=1900, max=2100, doc="审核的报告年度（规则 report-year）"),
    "previous": Opt("str", None, doc="上年报告的文件或目录（相对于本配置文件；规则 copied-from-last-year）"),
    "parts": Opt("dict[str,list[str]]", {}),
    "rules": Opt("dict", {}),
    "max-file-size": Opt("number", None, min=0.001, doc="输入文件的大小上限（MB，默认 20）：更大的文件不读取，直接报告"),
    "regex-timeout": Opt("number", DEFAULT_TIMEOUT, min=0.01, max=600,
                         doc="seconds of regex matching each rule may spend on one document"),
}


class Config(NamedTuple):
    path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_rules: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE   # in force: exclude (or the defaults) + extend-exclude
    baseline: Path | None = None
    report_year: int | None = None
    previous: Path | None = None
    parts: dict = {}          # never changed (shared default)
    rules: dict = {}
    max_file_size: float | None = None   # MB; None: readers.DEFAULT_MAX_FILE_MB
    regex_timeout: float = DEFAULT_TIMEOUT


def _load_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    text = read_small_file(path, "配置文件")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{excerpt_text(exc, 120)}") from None
    except RecursionError:
        raise ConfigError(f"{path}: TOML 嵌套太深") from None


def _tool_table(data: dict, path: Path):
    """``[tool.reportlint]`` of a pyproject.toml (None when absent); ``tool = 5`` is an error."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f'{path}: 键 "tool": 应为表（[tool]），而不是 {excerpt(tool)}')
    return tool.get("reportlint")


def parse_config(data, path: Path) -> Config:
    where = str(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: 配置应为键值映射（键: 值），而不是{_type_zh(data)}")
    opts = validate(CONFIG_KEYS, data, where)
    for k in opts["parts"]:
        if k not in PART_KINDS:
            raise ConfigError(f'{where}: 键 "parts.{excerpt_text(k)}": 未知的部分（可用的部分：{"、".join(PART_KINDS)}）')
        try:
            compile_patterns(opts["parts"][k], f"parts.{k}")
        except OptionError as exc:
            raise ConfigError(f'{where}: 键 "{exc.key}": {exc.problem}') from None
    for name, ov in opts["rules"].items():
        if not isinstance(ov, dict):
            raise ConfigError(f'{where}: 键 "rules.{excerpt_text(name)}": 应为选项映射（如 {{enabled: false}}），'
                              f'而不是 {excerpt(ov)}')
    base = path.parent
    for p in opts["extend-rules"]:
        if not os.path.lexists(base / p):   # said here, where the file and the key are known
            raise ConfigError(f'{where}: 键 "extend-rules": 规则目录或文件不存在：{base / p}')
    return Config(
        path=where,
        select=tuple(opts["select"]), ignore=tuple(opts["ignore"]),
        extend_select=tuple(opts["extend-select"]),
        extend_rules=tuple((base / p) for p in opts["extend-rules"]),
        exclude=(tuple(opts["exclude"]) if "exclude" in data else DEFAULT_EXCLUDE) + tuple(opts["extend-exclude"]),
        baseline=(base / opts["baseline"]) if opts["baseline"] else None,
        report_year=opts["report-year"],
        previous=(base / opts["previous"]) if opts["previous"] else None,
        parts=opts["parts"], rules=opts["rules"], regex_timeout=float(opts["regex-timeout"]),
        max_file_size=opts["max-file-size"],
    )


def load_config_file(path: Path) -> Config:
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        data = _tool_table(_load_toml(path), path)
        return parse_config({} if data is None else data, path)
    return parse_config(parse_yaml(read_small_file(path, "配置文件"), str(path)), path)


def find_config(directory: Path) -> Config:
    """The closest config at or above ``directory``; an empty one if there is none.

    Cached by the resolved folder, so a relative path means the same after a ``chdir``; a
    folder as given is resolved once (for its working directory, when it is relative): a
    batch asks for the folder of every file it lints, and resolving costs a system call a
    component."""
    try:
        cwd = "" if directory.is_absolute() else os.getcwd()
    except OSError:
        return _find_config(_resolve(directory))
    return _find_config(_resolved(str(directory), cwd))


def _resolve(directory: Path) -> Path:
    try:
        return directory.resolve()
    except OSError:
        return Path(os.path.abspath(directory))


@lru_cache(maxsize=256)
def _resolved(directory: str, cwd: str) -> Path:
    return _resolve(Path(directory))


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:   # a folder one may not enter: no config is readable there
        return False


@lru_cache(maxsize=256)
def _find_config(d: Path) -> Config:
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if _is_file(p):
                return load_config_file(p)
        pp = folder / "pyproject.toml"
        if _is_file(pp):
            data = _tool_table(_load_toml(pp), pp)
            if data is not None:
                return parse_config(data, pp)
    return Config()


def _cache_clear() -> None:
    _find_config.cache_clear()
    _resolved.cache_clear()


find_config.cache_clear = _cache_clear   # callers (the language server, tests) reset it


def configure_rules(config: Config, extra_rule_paths=()) -> RuleSet:
    """All rules (built-in, the config's extend-rules, --rules) with the config applied, and
    the config's regex time budget."""
    rules = load_rules(list(config.extend_rules) + list(extra_rule_paths))
    by_key = {r.name: i for i, r in enumerate(rules)}
    by_key.update({r.code: i for i, r in enumerate(rules)})
    for name, ov in config.rules.items():
        if name not in by_key:
            hint = did_you_mean(name, [r.name for r in rules]) or "（用 `reportlint rules` 查看全部规则）"
            raise ConfigError(f'{config.path}: 键 "rules.{excerpt_text(name)}": 没有名为 "{excerpt_text(name)}" 的规则'
                              + hint)
        i = by_key[name]
        rules[i] = rules[i].configured(ov, f'{config.path}: 规则 "{rules[i].name}"')
    return RuleSet(rules, regex_timeout=config.regex_timeout)
