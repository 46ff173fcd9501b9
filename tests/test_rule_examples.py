"""Every rule's YAML examples test themselves: each `fail` example must be reported by that
rule, each `pass` example must not. Plus meta-checks: every built-in rule has at least three
of each, a description, a source, and a unique name and code."""
from __future__ import annotations

import pytest

from reportlint.api import lint_text
from reportlint.loader import load_rules

RULES = load_rules()
CASES = [(r, kind, i, text) for r in RULES for kind in ("pass", "fail")
         for i, text in enumerate(r.examples.get(kind, []))]


@pytest.mark.parametrize("rule,kind,index,text", CASES,
                         ids=[f"{r.name}-{k}{i}" for r, k, i, _ in CASES])
def test_example(rule, kind, index, text):
    # a kind may say how its examples run (a review year, several reports): run_example(rule, text)
    run = getattr(rule.module, "run_example", None)
    found = run(rule, text) if run else lint_text(text, [rule])[1]
    found = [v for v in found if v.rule == rule.name]
    if kind == "fail":
        assert found, f"{rule.name}: fail example #{index} was not reported:\n{text}"
    else:
        assert not found, f"{rule.name}: pass example #{index} was reported: {[v.message for v in found]}\n{text}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_documented(rule):
    assert len(rule.examples.get("pass", [])) >= 3, "needs at least three pass examples"
    assert len(rule.examples.get("fail", [])) >= 3, "needs at least three fail examples"
    assert rule.description.strip(), "needs a description"
    assert rule.source.strip(), "needs a source: the regulation or practice it comes from"


def test_names_and_codes_unique():
    assert len({r.name for r in RULES}) == len(RULES)
    assert len({r.code for r in RULES}) == len(RULES)
