"""A small schema language for rule options and config keys.

Each kind declares ``OPTIONS = {"key": Opt(type, default, ...)}``. :func:`validate`
checks a mapping against it and fills in defaults; every problem raises
:class:`~reportlint.errors.ConfigError` with a message naming the place, e.g.
``rules/x.yaml: rule "my-rule": key "patterns": should be a list of strings``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex as re

from .errors import ConfigError

MISSING = object()

_TYPE_NAMES = {
    "str": "a string", "int": "an integer", "number": "a number", "bool": "true or false",
    "list[str]": "a list of strings", "dict": "a mapping", "regex": "a regular expression",
    "list[regex]": "a list of regular expressions", "dict[str,list[str]]":
    "a mapping of names to lists of strings", "list[list[str]]": "a list of lists of strings",
    "date": "a month-day like 04-01",
}


@dataclass(frozen=True)
class Opt:
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
        "date": lambda: isinstance(v, str) and re.fullmatch(r"\d{2}-\d{2}", v) is not None,
    }[t]()
    if not ok:
        return f"should be {_TYPE_NAMES[t]}, not {_show(v)}"
    if t in ("regex", "list[regex]"):
        for pat in [v] if t == "regex" else v:
            try:
                re.compile(pat)
            except re.error as exc:
                return f"invalid regular expression {pat!r}: {exc}"
    return None


def _show(v) -> str:
    s = repr(v)
    return s if len(s) <= 40 else s[:37] + "..."


def validate(spec: dict[str, Opt], given: dict, where: str, *, fill: bool = True) -> dict:
    """Check ``given`` against ``spec``; return it with defaults filled in."""
    out = {}
    for key, value in given.items():
        if key not in spec:
            known = ", ".join(sorted(spec)) or "none"
            raise ConfigError(f'{where}: key "{key}": unknown key (known: {known})')
        opt = spec[key]
        problem = _check_type(opt.type, value)
        if problem is None and opt.choices is not None and value not in opt.choices:
            problem = f"should be one of {', '.join(map(str, opt.choices))}, not {_show(value)}"
        if problem is None and opt.min is not None and value < opt.min:
            problem = f"should be at least {opt.min}"
        if problem is None and opt.max is not None and value > opt.max:
            problem = f"should be at most {opt.max}"
        if problem:
            raise ConfigError(f'{where}: key "{key}": {problem}')
        out[key] = value
    if fill:
        for key, opt in spec.items():
            if key not in out:
                if opt.required:
                    raise ConfigError(f'{where}: key "{key}": required key is missing')
                out[key] = opt.default
    return out


class OptionError(Exception):
    """Raised by a kind's ``prepare()``: ``OptionError("patterns", "matches nothing")``."""

    def __init__(self, key: str, problem: str):
        super().__init__(problem)
        self.key = key
        self.problem = problem
