"""Loading and validating YAML rule files.

A rule file holds one rule (a mapping), or several (a list, or a mapping with a ``rules:``
list). Every key is checked up front; errors name the file, the rule and the key.
"""

import os
import stat
import string
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import regex as re

from . import kinds
from .errors import ConfigError
from .schema import Opt, OptionError, excerpt, excerpt_text, validate
from .violation import SEVERITIES, Hit, Severity, Violation

NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CODE_RE = re.compile(r"[A-Z]{1,4}[0-9]{3,4}")
NAME_FIELD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

RULE_KEYS = {
    "name": Opt("str", doc="kebab-case public id, e.g. duplicate-heading"),
    "code": Opt("str", doc="stable code, e.g. RL201"),
    "kind": Opt("str", doc="the kind (Python module) that implements the check"),
    "severity": Opt("str", choices=SEVERITIES),
    "message": Opt("str", doc="message template; {fields} come from the kind"),
    "messages": Opt("dict", {}, doc="extra message templates for a kind's variants"),
    "summary": Opt("str", "", doc="one sentence saying what the rule checks, shown by `reportlint rules`"),
    "description": Opt("str", ""),
    "source": Opt("str", "", doc="the regulation or practice the rule comes from"),
    "examples": Opt("dict", {}, doc="{pass: [...], fail: [...]} documents"),
    "enabled": Opt("bool", True),
}


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


class Rule(NamedTuple):
    name: str
    code: str
    kind: str
    severity: Severity
    message: str
    path: str
    module: ModuleType
    messages: dict = {}       # the dictionaries here are never changed (shared defaults)
    summary: str = ""
    description: str = ""
    source: str = ""
    examples: dict = {}
    enabled: bool = True
    options: dict = {}
    state: Any = None         # what the kind's prepare() made of the options

    @property
    def fix_safety(self) -> str | None:
        """``"safe"``: ``--fix`` corrects its findings; ``"suggestion"``: its fixes are only
        suggestions, applied with ``--unsafe-fixes`` (a rule whose ``fix-safe`` option is
        false, such as fazhi-term); None: no fixes. A kind may decide with
        ``fix_safety(options)``."""
        decide = getattr(self.module, "fix_safety", None)
        if decide is not None:
            return decide(self.options)
        if not self.fixable:
            return None
        return "suggestion" if self.options.get("fix-safe") is False else "safe"

    @property
    def short(self) -> str:
        """The one-sentence summary; for a user's rule without one, the first sentence of its
        description, else its kind's summary."""
        if self.summary:
            return self.summary
        first = re.split(r"(?<=[。！？])", (self.description or "").strip(), maxsplit=1)[0].strip()
        return first.replace("\n", "") if first else getattr(self.module, "SUMMARY", "")

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
            raise ConfigError(f'{where}: 键 "enabled": 应为 true 或 false，而不是 {excerpt(enabled)}')
        if not isinstance(severity, str) or severity not in SEVERITIES:
            raise ConfigError(f'{where}: 键 "severity": 应为 {"、".join(SEVERITIES)} 之一，而不是 {excerpt(severity)}')
        if not ov:
            return self._replace(enabled=enabled, severity=Severity(severity))
        opts = dict(self.options)
        opts.update(validate(self.module.OPTIONS, ov, where, fill=False))
        return self._replace(enabled=enabled, severity=Severity(severity), options=opts,
                             state=_prepare(self.module, opts, where))


def _corpus_kind(name):
    """A kind that checks across reports (:mod:`reportlint.corpus`)."""
    from . import corpus

    return corpus.load(name)


def _prepare(module, options, where):
    prep = getattr(module, "prepare", None)
    if prep is None:
        return None
    try:
        return prep(options)
    except OptionError as exc:
        raise ConfigError(f'{where}: 键 "{exc.key}": {exc.problem}') from None


def _template_fields(template: str) -> set[str]:
    """The fields a message template names. A template may only name fields: ``{match}``,
    with ``{{`` / ``}}`` for literal braces; no positional ``{}``, no attribute or index access
    (``{match.__class__}``, ``{match[0]}``), no conversion (``!r``) and no format spec
    (``:>10``): the template is filled with plain text, and nothing in it may reach Python."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise ValueError("模板写法有误：花括号没有配对（字段写作 {match}，字面的花括号写作 {{ 和 }}）") from None
    fields = set()
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        shown = "{" + excerpt_text(name, 30) + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        if name == "":
            raise ValueError("空的字段 {}：请写出字段名，如 {match}")
        if name.isdigit():
            raise ValueError(f"字段 {excerpt_text(shown, 40)} 是位置编号，模板只能按名字写字段，如 {{match}}")
        if not NAME_FIELD_RE.fullmatch(name):
            raise ValueError(f"字段 {excerpt_text(shown, 40)} 不能取属性或下标，只能写字段名，如 {{match}}")
        if conv:
            raise ValueError(f"字段 {excerpt_text(shown, 40)} 不能带转换（!{conv}），请只写 {{{name}}}")
        if spec:
            raise ValueError(f"字段 {excerpt_text(shown, 40)} 不能带格式说明（:{excerpt_text(spec, 20)}），请只写 {{{name}}}")
        fields.add(name)
    return fields


MAX_SUMMARY = 60


def _summary_problem(text: str) -> str | None:
    """A summary is one short sentence on one line: it is shown whole by `reportlint rules`."""
    t = text.strip()
    if not t:
        return None
    if "\n" in t:
        return "应为一行（一句话说明这条规则查什么），详细说明写在 description 中"
    if len(t) > MAX_SUMMARY:
        return f"太长（{len(t)} 个字符，最多 {MAX_SUMMARY}），详细说明写在 description 中"
    if re.search(r"[。！？]\s*\S", t):
        return "应为一句话，详细说明写在 description 中"
    return None


def build_rule(raw: Any, path: str, index: int, *, builtin: bool = False) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 规则 #{index + 1}: 应为键值映射，而不是 {_type_zh(raw)}")
    name = raw.get("name")
    where = f'{path}: 规则 "{excerpt_text(name)}"' if isinstance(name, str) else f"{path}: 规则 #{index + 1}"
    kind_name = raw.get("kind")
    if kind_name is None:
        raise ConfigError(f'{where}: 键 "kind": 缺少这个必需的键')
    if not isinstance(kind_name, str):
        raise ConfigError(f'{where}: 键 "kind": 应为字符串（类型名，如 pattern），而不是 {excerpt(kind_name)}')
    module = kinds.load(kind_name) or _corpus_kind(kind_name)
    if module is None:
        from . import corpus

        known = "、".join(sorted(kinds.available() + corpus.available()))
        raise ConfigError(f'{where}: 键 "kind": 未知的类型 "{excerpt_text(kind_name)}"（可用的类型：{known}）')
    bad_key = next((k for k in raw if not isinstance(k, str)), None)
    if bad_key is not None:
        raise ConfigError(f'{where}: 键 {excerpt(bad_key)}: 键应为字符串')
    common = {k: v for k, v in raw.items() if k in RULE_KEYS}
    opts = {k: v for k, v in raw.items() if k not in RULE_KEYS}
    unknown = [k for k in opts if k not in module.OPTIONS]
    if unknown:
        known = "、".join(sorted(set(RULE_KEYS) | set(module.OPTIONS)))
        raise ConfigError(f'{where}: 键 "{excerpt_text(unknown[0])}": 类型 "{kind_name}" 的规则没有这个键（可用的键：{known}）')
    common = validate(RULE_KEYS, common, where)
    if not NAME_RE.fullmatch(common["name"]):
        raise ConfigError(f'{where}: 键 "name": 应为用短横线连接的小写英文，如 "duplicate-heading"')
    if not CODE_RE.fullmatch(common["code"]):
        raise ConfigError(f'{where}: 键 "code": 应为大写字母加数字，如 "RL201"，而不是 {excerpt(common["code"])}')
    problem = _summary_problem(common["summary"])
    if problem:
        raise ConfigError(f'{where}: 键 "summary": {problem}')
    if builtin and not common["summary"].strip():
        raise ConfigError(f'{where}: 键 "summary": 缺少这个必需的键（一句话说明这条规则查什么）')
    options = validate(module.OPTIONS, opts, where)
    fields = set(getattr(module, "MESSAGE_FIELDS", ()))
    templates = {"message": common["message"], **{f"messages.{k}": v for k, v in common["messages"].items()}}
    for key, tpl in templates.items():
        if not isinstance(tpl, str):
            raise ConfigError(f'{where}: 键 "{excerpt_text(key)}": 应为字符串，而不是 {excerpt(tpl)}')
        try:
            used = _template_fields(tpl)
        except ValueError as exc:
            raise ConfigError(f'{where}: 键 "{excerpt_text(key)}": {exc}') from None
        bad = used - fields
        if bad:
            raise ConfigError(f'{where}: 键 "{excerpt_text(key)}": 未知的字段 {{{excerpt_text(sorted(bad)[0])}}}'
                              f'（类型 "{kind_name}" 提供的字段：{"、".join(sorted(fields)) or "无"}）')
    ex = common["examples"]
    for k, v in ex.items():
        if k not in ("pass", "fail") or not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise ConfigError(f'{where}: 键 "examples": 应为 {{pass: [文本, ...], fail: [文本, ...]}}')
    return Rule(
        name=common["name"], code=common["code"], kind=kind_name, severity=Severity(common["severity"]),
        message=common["message"], path=path, module=module, messages=common["messages"],
        summary=common["summary"].strip(), description=common["description"], source=common["source"], examples=ex,
        enabled=common["enabled"], options=options, state=_prepare(module, options, where),
    )


def _yaml_error(path: str, exc: Exception) -> ConfigError:   # a yaml.YAMLError
    mark = getattr(exc, "problem_mark", None)
    at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    problem = _YAML_PROBLEMS.get(problem, problem)
    return ConfigError(f"{path}{at}: YAML 语法错误：{excerpt_text(problem, 120)}")


# PyYAML's wording for the commonest slips, in Chinese; others are shown as PyYAML puts them.
_YAML_PROBLEMS = {
    "found a tab character that violates indentation": "缩进里有制表符（YAML 只能用空格缩进）",
    "found character '\\t' that cannot start any token": "缩进里有制表符（YAML 只能用空格缩进）",
    "mapping values are not allowed here": "此处不能有“键: 值”（冒号后缺空格或缩进不对？）",
    "did not find expected key": "没有找到应有的键（缩进不对？）",
    "did not find expected node content": "缺少内容（括号或引号没有闭合？）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    # libyaml (the C loader) says these differently
    "found character that cannot start any token": "缩进里有制表符，或有不能开始一个值的字符（如行首的 @ 或 `）",
    "mapping values are not allowed in this context": "此处不能有“键: 值”（冒号后缺空格或缩进不对？）",
    "did not find expected ',' or ']'": "列表的方括号没有闭合（缺少 , 或 ]）",
    "did not find expected ',' or '}'": "映射的花括号没有闭合（缺少 , 或 }）",
    "found undefined alias": "引用了没有定义的锚点（*名称）",
    "found unknown escape character": "双引号里有无效的转义（反斜杠后的字符；不需要转义时用单引号）",
    "could not find expected ':'": "缺少冒号（应为“键: 值”）",
}


def _type_zh(v) -> str:
    return {"list": "列表", "str": "字符串", "int": "整数", "float": "数字", "bool": "布尔值",
            "dict": "映射", "NoneType": "空值"}.get(type(v).__name__, type(v).__name__)


MAX_FILE_BYTES = 1024 * 1024       # a config or rule file; the built-in rules are a few KB each
MAX_ALIAS_GROWTH = 10_000          # nodes that YAML aliases may add when expanded
MAX_YAML_DEPTH = 100               # mappings and lists nested


def read_small_file(path, what: str, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a config or rule file, refusing anything that is not a regular file
    (a FIFO would block, ``/dev/zero`` never ends) or is larger than ``limit`` — checked on the
    open file before reading, so nothing is read from a device and no more than ``limit``+1
    bytes are ever read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what}不存在") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: 是目录，不是{what}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取{what}（{exc.strerror or exc.__class__.__name__}）") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ConfigError(f"{path}: 是目录，不是{what}")
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"{path}: 不是普通文件（管道、设备等），不能作为{what}")
        if st.st_size > limit:
            raise ConfigError(f"{path}: {what}太大（{st.st_size} 字节，最多 {limit} 字节）")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ConfigError(f"{path}: {what}太大（超过 {limit} 字节）")
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取{what}（{exc.strerror or exc.__class__.__name__}）") from None
    finally:
        os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: {what}不是 UTF-8 文本") from None


def _check_expansion(data, path: str) -> None:
    """Refuse YAML whose aliases expand it (a "billion laughs": nine lists of nine aliases of
    the list before make 9⁹ items from 400 bytes), that refers to itself, or that nests too
    deep. PyYAML shares aliased nodes, so loading is cheap; walking or printing the value is
    not. Counted without expanding: each distinct node once, with its expanded size."""
    sizes: dict[int, int] = {}
    slots = 0   # child slots of the distinct containers: the size the document has as written
    stack = [(data, False, 0)]
    onpath: set[int] = set()
    while stack:
        node, done, depth = stack.pop()
        if not isinstance(node, (list, dict)):
            continue
        key = id(node)
        children = list(node.values()) + list(node.keys()) if isinstance(node, dict) else node
        if done:
            onpath.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            continue
        if key in onpath:
            raise ConfigError(f"{path}: YAML 别名引用了自身（循环引用），请去掉这个别名")
        if key in sizes:
            continue
        if depth > MAX_YAML_DEPTH:
            raise ConfigError(f"{path}: YAML 嵌套太深（超过 {MAX_YAML_DEPTH} 层）")
        slots += len(children)
        onpath.add(key)
        stack.append((node, True, depth))
        stack.extend((c, False, depth + 1) for c in children)
    growth = sizes[id(data)] - 1 - slots if isinstance(data, (list, dict)) else 0
    if growth > MAX_ALIAS_GROWTH:
        raise ConfigError(f"{path}: YAML 别名（*引用）展开后过大（多出 {growth} 项，"
                          f"最多 {MAX_ALIAS_GROWTH}），请直接写出内容")


class _DuplicateKey(Exception):
    def __init__(self, key: str, mark, first):
        self.key, self.mark, self.first = key, mark, first


@lru_cache(maxsize=1)
def _loader():
    """The safe loader, refusing a mapping key given twice: YAML forbids it, and PyYAML would
    silently keep the last one (a second ``fazhi-term:`` block under ``rules:`` hiding the
    first). Merge keys (``<<: *anchor``) still override as YAML says. Built on first use, so
    PyYAML is imported only when a YAML file is read."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: dict = {}
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = key_node.value
                    if key in seen:
                        raise _DuplicateKey(key, key_node.start_mark, seen[key])
                    seen[key] = key_node.start_mark
            return super().construct_mapping(node, deep)

    return _Loader


def parse_yaml(text: str, path: str) -> Any:
    import yaml   # imported when a YAML file is read: the built-in rules come from the rules cache

    try:
        data = yaml.load(text, Loader=_loader())
    except _DuplicateKey as dup:
        raise ConfigError(f'{path}:{dup.mark.line + 1}:{dup.mark.column + 1}: 键 "{excerpt_text(dup.key, 60)}" 重复'
                          f"（第 {dup.first.line + 1} 行已有）：后一个会覆盖前一个，请合并或删去一个") from None
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc) from None
    except RecursionError:
        raise ConfigError(f"{path}: YAML 嵌套太深") from None
    _check_expansion(data, path)
    return data


def load_rule_text(text: str, path: str, *, builtin: bool = False) -> list[Rule]:
    data = parse_yaml(text, path)
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data and "kind" not in data:
        data = data["rules"]
    items = data if isinstance(data, list) else [data]
    return [build_rule(raw, path, i, builtin=builtin) for i, raw in enumerate(items)]


def load_rule_file(path: Path) -> list[Rule]:
    return load_rule_text(read_small_file(path, "规则文件"), str(path))


def rule_files(path: Path) -> list[Path]:
    try:
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取规则目录（{exc.strerror or exc.__class__.__name__}）") from None
    if os.path.lexists(path):
        return [path]
    raise ConfigError(f"{path}: 规则目录或文件不存在")


def builtin_rules() -> list[Rule]:
    """The rules shipped in the package, prepared once and kept in the rules cache
    (:mod:`reportlint.rulecache`); :func:`load_builtin_rules` reads the files."""
    from .rulecache import cached_builtin_rules

    return cached_builtin_rules(load_builtin_rules)


def load_builtin_rules() -> list[Rule]:
    from importlib import resources

    out = []
    root = resources.files("reportlint.rules")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.extend(load_rule_text(entry.read_text(encoding="utf-8"), f"rules/{entry.name}", builtin=True))
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
