"""Loading and validating YAML rule files.

A rule file holds one rule (a mapping), or several (a list, or a mapping with a ``rules:``
list). Every key is checked up front; errors name the file, the rule and the key.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import regex as re

from . import kinds
from .errors import ConfigError
from .schema import Opt, OptionError, validate
from .violation import SEVERITIES, Hit, Severity, Violation

NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CODE_RE = re.compile(r"[A-Z]{1,4}[0-9]{3,4}")

RULE_KEYS = {
    "name": Opt("str", doc="kebab-case public id, e.g. duplicate-heading"),
    "code": Opt("str", doc="stable code, e.g. RL201"),
    "kind": Opt("str", doc="the kind (Python module) that implements the check"),
    "severity": Opt("str", choices=SEVERITIES),
    "message": Opt("str", doc="message template; {fields} come from the kind"),
    "messages": Opt("dict", {}, doc="extra message templates for a kind's variants"),
    "description": Opt("str", ""),
    "source": Opt("str", "", doc="the regulation or practice the rule comes from"),
    "examples": Opt("dict", {}, doc="{pass: [...], fail: [...]} documents"),
    "enabled": Opt("bool", True),
}


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    kind: str
    severity: Severity
    message: str
    path: str
    module: ModuleType = field(repr=False, compare=False)
    messages: dict = field(default_factory=dict)
    description: str = ""
    source: str = ""
    examples: dict = field(default_factory=dict)
    enabled: bool = True
    options: dict = field(default_factory=dict)
    state: Any = field(default=None, repr=False, compare=False)

    @property
    def fixable(self) -> bool:
        decide = getattr(self.module, "fixable", None)   # kinds whose fixes depend on options
        if decide is not None:
            return bool(decide(self.options))
        return bool(getattr(self.module, "FIXABLE", False))

    def violation(self, hit: Hit) -> Violation:
        template = self.messages.get(hit.variant, self.message) if hit.variant else self.message
        sev = Severity(hit.severity) if hit.severity else self.severity
        return Violation(self.name, self.code, sev, template.format_map(_Args(hit.args)),
                         hit.start, hit.end, hit.fix, tuple(hit.related))

    def check(self, doc):
        for hit in self.module.check(doc, self):
            yield self.violation(hit)

    def configured(self, overrides: dict, where: str) -> "Rule":
        """A copy with a config file's ``enabled`` / ``severity`` / options applied."""
        ov = dict(overrides)
        enabled = ov.pop("enabled", self.enabled)
        severity = ov.pop("severity", self.severity.value)
        if not isinstance(enabled, bool):
            raise ConfigError(f'{where}: 键 "enabled": 应为 true 或 false，而不是 {enabled!r}')
        if severity not in SEVERITIES:
            raise ConfigError(f'{where}: 键 "severity": 应为 {"、".join(SEVERITIES)} 之一，而不是 {severity!r}')
        if not ov:
            return replace(self, enabled=enabled, severity=Severity(severity))
        opts = dict(self.options)
        opts.update(validate(self.module.OPTIONS, ov, where, fill=False))
        return replace(self, enabled=enabled, severity=Severity(severity), options=opts,
                       state=_prepare(self.module, opts, where))


def _prepare(module, options, where):
    prep = getattr(module, "prepare", None)
    if prep is None:
        return None
    try:
        return prep(options)
    except OptionError as exc:
        raise ConfigError(f'{where}: 键 "{exc.key}": {exc.problem}') from None


def _template_fields(template: str) -> set[str]:
    try:
        return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(template) if f}
    except ValueError as exc:
        raise ValueError(f"模板写法有误：{exc}") from None


def build_rule(raw: Any, path: str, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 规则 #{index + 1}: 应为键值映射，而不是 {_type_zh(raw)}")
    name = raw.get("name")
    where = f'{path}: 规则 "{name}"' if isinstance(name, str) else f"{path}: 规则 #{index + 1}"
    kind_name = raw.get("kind")
    if kind_name is None:
        raise ConfigError(f'{where}: 键 "kind": 缺少这个必需的键')
    module = kinds.load(kind_name)
    if module is None:
        raise ConfigError(f'{where}: 键 "kind": 未知的类型 "{kind_name}"（可用的类型：{"、".join(kinds.available())}）')
    common = {k: v for k, v in raw.items() if k in RULE_KEYS}
    opts = {k: v for k, v in raw.items() if k not in RULE_KEYS}
    unknown = [k for k in opts if k not in module.OPTIONS]
    if unknown:
        known = "、".join(sorted(set(RULE_KEYS) | set(module.OPTIONS)))
        raise ConfigError(f'{where}: 键 "{unknown[0]}": 类型 "{kind_name}" 的规则没有这个键（可用的键：{known}）')
    common = validate(RULE_KEYS, common, where)
    if not NAME_RE.fullmatch(common["name"]):
        raise ConfigError(f'{where}: 键 "name": 应为用短横线连接的小写英文，如 "duplicate-heading"')
    if not CODE_RE.fullmatch(common["code"]):
        raise ConfigError(f'{where}: 键 "code": 应为大写字母加数字，如 "RL201"，而不是 {common["code"]!r}')
    options = validate(module.OPTIONS, opts, where)
    fields = set(getattr(module, "MESSAGE_FIELDS", ()))
    templates = {"message": common["message"], **{f"messages.{k}": v for k, v in common["messages"].items()}}
    for key, tpl in templates.items():
        if not isinstance(tpl, str):
            raise ConfigError(f'{where}: 键 "{key}": 应为字符串')
        try:
            used = _template_fields(tpl)
        except ValueError as exc:
            raise ConfigError(f'{where}: 键 "{key}": {exc}') from None
        bad = used - fields
        if bad:
            raise ConfigError(f'{where}: 键 "{key}": 未知的字段 {{{sorted(bad)[0]}}}'
                              f'（类型 "{kind_name}" 提供的字段：{"、".join(sorted(fields)) or "无"}）')
    ex = common["examples"]
    for k, v in ex.items():
        if k not in ("pass", "fail") or not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise ConfigError(f'{where}: 键 "examples": 应为 {{pass: [文本, ...], fail: [文本, ...]}}')
    return Rule(
        name=common["name"], code=common["code"], kind=kind_name, severity=Severity(common["severity"]),
        message=common["message"], path=path, module=module, messages=common["messages"],
        description=common["description"], source=common["source"], examples=ex,
        enabled=common["enabled"], options=options, state=_prepare(module, options, where),
    )


def _yaml_error(path: str, exc: yaml.YAMLError) -> ConfigError:
    mark = getattr(exc, "problem_mark", None)
    at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    problem = _YAML_PROBLEMS.get(problem, problem)
    return ConfigError(f"{path}{at}: YAML 语法错误：{problem}")


# PyYAML's wording for the commonest slips, in Chinese; others are shown as PyYAML puts them.
_YAML_PROBLEMS = {
    "found a tab character that violates indentation": "缩进里有制表符（YAML 只能用空格缩进）",
    "found character '\\t' that cannot start any token": "缩进里有制表符（YAML 只能用空格缩进）",
    "mapping values are not allowed here": "此处不能有“键: 值”（冒号后缺空格或缩进不对？）",
    "did not find expected key": "没有找到应有的键（缩进不对？）",
    "did not find expected node content": "缺少内容（括号或引号没有闭合？）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
}


def _type_zh(v) -> str:
    return {"list": "列表", "str": "字符串", "int": "整数", "float": "数字", "bool": "布尔值",
            "dict": "映射", "NoneType": "空值"}.get(type(v).__name__, type(v).__name__)


def parse_yaml(text: str, path: str) -> Any:
    import yaml   # imported when a YAML file is read: the built-in rules come from the rules cache

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc) from None


def load_rule_text(text: str, path: str) -> list[Rule]:
    data = parse_yaml(text, path)
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data and "kind" not in data:
        data = data["rules"]
    items = data if isinstance(data, list) else [data]
    return [build_rule(raw, path, i) for i, raw in enumerate(items)]


def load_rule_file(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: 规则文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取规则文件（{exc.__class__.__name__}）") from None
    return load_rule_text(text, str(path))


def rule_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    if path.exists():
        return [path]
    raise ConfigError(f"{path}: 规则目录或文件不存在")


def builtin_rules() -> list[Rule]:
    """The rules shipped in the package, prepared once and kept in the rules cache
    (:mod:`reportlint.rulecache`); :func:`load_builtin_rules` reads the files."""
    from .rulecache import cached_builtin_rules

    return cached_builtin_rules(load_builtin_rules)


def load_builtin_rules() -> list[Rule]:
    out = []
    root = resources.files("reportlint.rules")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.extend(load_rule_text(entry.read_text(encoding="utf-8"), f"rules/{entry.name}"))
    return out


def load_rules(extra: list[Path] = ()) -> list[Rule]:
    """Built-in rules plus a user's rule files or directories; names and codes must be unique."""
    rules = builtin_rules()
    for p in extra:
        for f in rule_files(Path(p)):
            rules.extend(load_rule_file(f))
    seen_name: dict[str, Rule] = {}
    seen_code: dict[str, Rule] = {}
    for r in rules:
        if r.name in seen_name:
            raise ConfigError(f'{r.path}: 规则 "{r.name}": 键 "name": 规则名重复，已在 {seen_name[r.name].path} 中定义')
        if r.code in seen_code:
            raise ConfigError(f'{r.path}: 规则 "{r.name}": 键 "code": 代码 {r.code} 重复，已被 {seen_code[r.code].path} 中的规则 "{seen_code[r.code].name}" 使用')
        seen_name[r.name] = r
        seen_code[r.code] = r
    return rules
