"""A small schema language for rule options and config keys.

Each kind declares ``OPTIONS = {"key": Opt(type, default, ...)}``. :func:`validate`
checks a mapping against it and fills in defaults; every problem raises
:class:`~reportlint.errors.ConfigError` with a message naming the place, e.g.
``rules/x.yaml: 规则 "my-rule": 键 "patterns": 应为字符串列表，而不是 3``.
"""

import calendar
import reprlib
from typing import Any, NamedTuple

import regex as re

from .errors import ConfigError

MISSING = object()

_TYPE_NAMES = {
    "str": "字符串", "int": "整数", "number": "数字", "bool": "true 或 false",
    "list[str]": "字符串列表", "dict": "映射（键: 值）", "regex": "正则表达式",
    "list[regex]": "正则表达式列表", "dict[str,list[str]]":
    "名称到字符串列表的映射", "list[list[str]]": "字符串列表的列表",
    "date": "形如 04-01 的月-日（一年中真实存在的日期）",
}


class Opt(NamedTuple):
    type: str
    default: Any = MISSING
    choices: tuple | None = None
    doc: str = ""
    min: float | None = None
    max: float | None = None

    @property
    def required(self) -> bool:
        return self.default is MISSING


def _is_str_list(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_month_day(v) -> bool:
    """``MM-DD`` naming a real day of some year (02-29 included: leap years have it)."""
    if not (isinstance(v, str) and re.fullmatch(r"\d{2}-\d{2}", v)):
        return False
    month, day = int(v[:2]), int(v[3:])
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _check_type(t: str, v) -> str | None:
    """None when ``v`` fits type ``t``; else the reason."""
    ok = {
        "str": lambda: isinstance(v, str),
        "int": lambda: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda: isinstance(v, bool),
        "list[str]": lambda: _is_str_list(v),
        "dict": lambda: isinstance(v, dict),
        "regex": lambda: isinstance(v, str),
        "list[regex]": lambda: _is_str_list(v),
        "dict[str,list[str]]": lambda: isinstance(v, dict) and all(
            isinstance(k, str) and _is_str_list(x) for k, x in v.items()),
        "list[list[str]]": lambda: isinstance(v, list) and all(_is_str_list(x) for x in v),
        "date": lambda: _is_month_day(v),
    }[t]()
    if not ok:
        return f"应为{_TYPE_NAMES[t]}，而不是 {_show(v)}"
    if t in ("regex", "list[regex]"):
        from .matching import compile_regex   # (matching imports this module)

        for pat in [v] if t == "regex" else v:
            try:
                compile_regex(pat, "")
            except OptionError as exc:
                return exc.problem
    return None


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 5
_REPR.maxlevel = 3


def excerpt(v, limit: int = 40) -> str:
    """A short repr of ``v`` for an error message: never the whole of a huge value (a 50 MB
    string, a YAML alias bomb), at most ``limit`` characters."""
    s = _REPR.repr(v)
    return s if len(s) <= limit else s[:limit - 3] + "..."


def excerpt_text(s: str, limit: int = 40) -> str:
    """A name or key as written (no quotes added), cut to ``limit`` characters."""
    s = str(s)
    return s if len(s) <= limit else s[:limit - 1] + "…"


_show = excerpt


def did_you_mean(word, candidates) -> str:
    """"，是不是 "select"？" when ``word`` is a near miss of one of ``candidates`` (a typo in a
    key or a rule name), else ""."""
    import difflib

    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [c for c in candidates if isinstance(c, str)], n=1, cutoff=0.75)
    return f'，是不是 "{close[0]}"？' if close else ""


def validate(spec: dict[str, Opt], given: dict, where: str, *, fill: bool = True) -> dict:
    """Check ``given`` against ``spec``; return it with defaults filled in."""
    out = {}
    for key, value in given.items():
        if key not in spec:
            known = "、".join(sorted(spec)) or "无"
            raise ConfigError(f'{where}: 键 "{excerpt_text(key)}": 未知的键{did_you_mean(key, spec)}（可用的键：{known}）')
        opt = spec[key]
        problem = _check_type(opt.type, value)
        if problem is None and opt.choices is not None and value not in opt.choices:
            problem = f"应为 {'、'.join(map(str, opt.choices))} 之一，而不是 {_show(value)}"
        if problem is None and opt.min is not None and value < opt.min:
            problem = f"应不小于 {opt.min}"
        if problem is None and opt.max is not None and value > opt.max:
            problem = f"应不大于 {opt.max}"
        if problem:
            raise ConfigError(f'{where}: 键 "{key}": {problem}')
        out[key] = value
    if fill:
        for key, opt in spec.items():
            if key not in out:
                if opt.required:
                    raise ConfigError(f'{where}: 键 "{key}": 缺少这个必需的键')
                out[key] = opt.default
    return out


class OptionError(Exception):
    """Raised by a kind's ``prepare()``: ``OptionError("patterns", "至少需要一个模式")``
    (problems are written in Chinese, like every message the user sees)."""

    def __init__(self, key: str, problem: str):
        super().__init__(problem)
        self.key = key
        self.problem = problem
