"""The JSON Schema of .reportlint.yaml (issue 8, item 7): generated from the validator's own
option schema, shipped up to date, and agreeing with the validator on good configs and on
typical mistakes (checked with the jsonschema package)."""
from __future__ import annotations

import json
from importlib import resources

import pytest
import yaml

from conftest import ROOT, run_cli
from reportlint.config import configure_rules, parse_config
from reportlint.config_schema import config_schema, render
from reportlint.errors import ConfigError

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = config_schema()
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_shipped_schema_is_up_to_date():
    shipped = resources.files("reportlint.data").joinpath("reportlint.schema.json").read_text("utf-8")
    assert shipped == render(), ("src/reportlint/data/reportlint.schema.json is stale: regenerate it with "
                                 "`reportlint schema > src/reportlint/data/reportlint.schema.json`")


def test_reportlint_schema_command_prints_it():
    code, out, err = run_cli("schema")
    assert (code, err) == (0, "")
    assert json.loads(out) == SCHEMA


GOOD = [
    "select: [RL1, duplicate-heading]\nignore: [vague-time]\n",
    "extend-select: [unused-directive]\nextend-rules: [my-rules/]\nexclude: [旧稿]\nextend-exclude: [docs]\n",
    "rules:\n  fazhi-term: {severity: error}\n  vague-time: {enabled: false}\n"
    "  publication-date: {deadline: '03-01'}\n  RL503: {similarity: 0.8}\n",
    "parts:\n  plan: [下一(年度|年|步), 明年]\n  shortcomings: [不足]\nregex-timeout: 0.5\n",
    "",
    "rules:\n  my-own-rule: {severity: info}\n",   # a user's rule from extend-rules: not known to the schema
]


@pytest.mark.parametrize("text", GOOD)
def test_good_configs_validate_in_both(text, tmp_path):
    data = yaml.safe_load(text) or {}
    assert list(VALIDATOR.iter_errors(data)) == []
    (tmp_path / "my-rules").mkdir()
    if "my-own-rule" not in text:
        configure_rules(parse_config(data, tmp_path / ".reportlint.yaml"))


BAD = [
    ("colour: red\n", "Additional properties are not allowed ('colour' was unexpected)"),
    ("select: RL1\n", "'RL1' is not of type 'array'"),
    ("ignore: [1]\n", "1 is not of type 'string'"),
    ("rules:\n  fazhi-term: {severity: fatal}\n", "'fatal' is not one of ['error', 'warning', 'info']"),
    ("rules:\n  fazhi-term: {severty: error}\n", "Additional properties are not allowed ('severty' was unexpected)"),
    ("rules:\n  fazhi-term: {enabled: 'no'}\n", "'no' is not of type 'boolean'"),
    ("rules:\n  publication-date: {deadline: '4-1'}\n", "'4-1' does not match"),
    ("rules:\n  publication-date: {deadline: '13-45'}\n", "'13-45' does not match"),
    ("rules:\n  RL503: {similarity: 2}\n", "2 is greater than the maximum of 1.0"),
    ("rules:\n  repeated-paragraph: {min-length: 0}\n", "0 is less than the minimum of 1"),
    ("rules:\n  fazhi-term: [severity]\n", "['severity'] is not of type 'object'"),
    ("parts:\n  planning: [明年]\n", "Additional properties are not allowed ('planning' was unexpected)"),
    ("regex-timeout: 0\n", "0 is less than the minimum of 0.01"),
]


@pytest.mark.parametrize("text,problem", BAD)
def test_typical_mistakes_fail_in_both(text, problem, tmp_path):
    data = yaml.safe_load(text)
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert any(e.startswith(problem) for e in errors), errors
    with pytest.raises(ConfigError):
        configure_rules(parse_config(data, tmp_path / ".reportlint.yaml"))


def test_every_rule_and_option_is_in_the_schema():
    from reportlint.loader import builtin_rules

    rules = SCHEMA["properties"]["rules"]["properties"]
    for r in builtin_rules():
        assert set(rules[r.name]["properties"]) == {"enabled", "severity", *r.module.OPTIONS}
        assert rules[r.code] == {"$ref": f"#/properties/rules/properties/{r.name}"}


def test_the_example_config_validates():
    data = yaml.safe_load((ROOT / "examples" / "reportlint-config.yaml").read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
