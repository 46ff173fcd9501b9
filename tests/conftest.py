"""Shared fixtures. Seed-report tests need ../shared (beside the checkout); in a clone
without it they are skipped, visibly (pytest -ra lists the reason)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


# The test rules (tests/fixtures/input/rules) and a tiny report that trips three of them and
# duplicate-heading: the output-format and CLI tests lint it.
TEST_RULES = str(FIXTURES / "input" / "rules")
TINY_REPORT = """XX镇2023年度法治政府建设情况报告
一、主要举措和成效
（一）加强法制建设。要进一步加强法制审核。
二、下一年度工作安排
（一）加强法制建设
"""


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present (a clone without the shared acceptance data)")
    found = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return found[0]


@pytest.fixture(scope="session")
def all_rules():
    from reportlint.loader import load_rules

    return load_rules()


def lint_with(text: str, rules, names=None):
    """Lint ``text`` with the rules named (all when None); returns (doc, violations)."""
    from reportlint.api import lint_text

    chosen = [r for r in rules if names is None or r.name in names or r.code in names]
    return lint_text(text, chosen)


def run_cli(*args, input=None, env=None, main=None):
    """The CLI in-process, as ``main()`` runs it (``reportlint.cli.main`` unless another entry
    point is given): (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    if main is None:
        from reportlint.cli import main

    with CliRunner().isolation(input=input, env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue().decode(), err.getvalue().decode()
