"""Applying fixes. Pure: text and violations in, text out.

Only fixes marked safe are applied unless ``unsafe`` is asked for. Fixes that overlap an
earlier one are left for the next pass: the caller re-lints the new text and applies again
(at most ``MAX_PASSES`` times), so overlapping fixes are never mangled together.
"""
from __future__ import annotations

from typing import Callable

from .violation import Fix, Violation

MAX_PASSES = 10


def applicable(violations, unsafe: bool = False) -> list[Fix]:
    return [v.fix for v in violations if v.fix is not None and (v.fix.safe or unsafe)]


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply the non-overlapping fixes (first come, first kept); return (text, count)."""
    chosen: list[Fix] = []
    last_end = -1
    for f in sorted(set(fixes), key=lambda f: (f.start, f.end)):
        if f.start < last_end or (f.start == last_end and chosen and chosen[-1].start == chosen[-1].end == f.start):
            continue
        if text[f.start:f.end] == f.replacement:
            continue
        chosen.append(f)
        last_end = f.end
    out = text
    for f in reversed(chosen):
        out = out[:f.start] + f.replacement + out[f.end:]
    return out, len(chosen)


def fix_until_stable(text: str, lint_text: Callable[[str], list[Violation]], unsafe: bool = False
                     ) -> tuple[str, int, list[Violation]]:
    """Lint, fix, re-lint until nothing more applies. Returns (text, fixes applied, final violations)."""
    total = 0
    violations = lint_text(text)
    for _ in range(MAX_PASSES):
        new, n = apply_fixes(text, applicable(violations, unsafe))
        if n == 0 or new == text:
            break
        total += n
        text = new
        violations = lint_text(text)
    return text, total, violations
