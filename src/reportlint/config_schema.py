"""A JSON Schema for ``.reportlint.yaml``, generated from the option schema the validator
itself uses (``config.CONFIG_KEYS``, and for ``rules:`` each built-in rule's kind's
``OPTIONS``), so an editor (yaml-language-server, VS Code's YAML extension) flags what
``reportlint`` would refuse, as it is typed.

The shipped copy is ``reportlint/data/reportlint.schema.json``; ``reportlint schema`` prints
the schema of the installed version (with ``--rules``: user rules too), and
``tests/test_schema.py`` checks that the shipped file is what this module generates.

A rule a config names that the schema does not know (one of the user's own rules, loaded
with ``extend-rules``) may take ``enabled`` and ``severity`` and any option; reportlint itself
still checks those options against the rule's kind.
"""
from __future__ import annotations

import json

from .config import CONFIG_KEYS
from .parts import KINDS as PART_KINDS
from .schema import MISSING, Opt
from .violation import SEVERITIES

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_TYPES = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "list[str]": _STR_LIST,
    "dict": {"type": "object"},
    "regex": {"type": "string"},
    "list[regex]": _STR_LIST,
    "dict[str,list[str]]": {"type": "object", "additionalProperties": _STR_LIST},
    "list[list[str]]": {"type": "array", "items": _STR_LIST},
    # a month-day; the validator also checks the day exists in that month
    "date": {"type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
}


def opt_schema(opt: Opt) -> dict:
    out = json.loads(json.dumps(_TYPES[opt.type]))   # a copy
    if opt.choices is not None:
        out["enum"] = list(opt.choices)
    if opt.min is not None:
        out["minimum"] = opt.min
    if opt.max is not None:
        out["maximum"] = opt.max
    if opt.doc:
        out["description"] = opt.doc
    if opt.default is not MISSING and opt.default is not None:
        out["default"] = opt.default
    return out


_ENABLED = {"type": "boolean", "description": "false turns the rule off"}
_SEVERITY = {"enum": list(SEVERITIES), "description": "error / warning / info"}


def rule_schema(rule) -> dict:
    props = {"enabled": _ENABLED, "severity": _SEVERITY}
    props.update({k: opt_schema(o) for k, o in sorted(rule.module.OPTIONS.items())})
    return {"type": "object", "description": f"{rule.code} {rule.name}: {rule.short}",
            "properties": props, "additionalProperties": False}


def config_schema(rules=None) -> dict:
    """The schema for a config with these rules (default: the built-in ones)."""
    if rules is None:
        from .loader import builtin_rules

        rules = builtin_rules()
    props = {k: opt_schema(o) for k, o in sorted(CONFIG_KEYS.items())}
    props["parts"] = {
        "type": "object", "description": "how top-level headings are classified: regexes per part, "
                                         "replacing the built-in list for that part",
        "properties": {k: _STR_LIST for k in PART_KINDS}, "additionalProperties": False}
    named = {}
    for r in sorted(rules, key=lambda r: r.code):
        named[r.name] = rule_schema(r)
        named[r.code] = {"$ref": f"#/properties/rules/properties/{r.name}"}
    props["rules"] = {
        "type": "object", "description": "per-rule enabled / severity / options, by rule name or code",
        "properties": named,
        "additionalProperties": {"type": "object", "properties": {"enabled": _ENABLED, "severity": _SEVERITY}},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "reportlint configuration (.reportlint.yaml, [tool.reportlint])",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }


def render(rules=None) -> str:
    return json.dumps(config_schema(rules), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
