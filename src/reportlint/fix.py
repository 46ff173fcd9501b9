"""Applying fixes. Pure: text and violations in, text out.

Only fixes marked safe are applied unless ``unsafe`` is asked for. Fixes that overlap an
earlier one are left for the next pass: the caller re-lints the new text and applies again
(at most ``MAX_PASSES`` times, stopping early if a text comes back, so two rules that undo
each other cannot loop), so overlapping fixes are never mangled together.

Also here: :func:`unified_diff` (what ``--diff`` prints) and :func:`restore_line_endings`,
which puts a file's own line ends back on fixed text when they were mixed (CRLF and LF in
one file), so that ``--fix`` changes nothing but the fixes.
"""
from __future__ import annotations

import difflib
from typing import Callable

import regex as re

from .violation import Fix, Violation

MAX_PASSES = 10


def applicable(violations, unsafe: bool = False) -> list[Fix]:
    return [v.fix for v in violations if v.fix is not None and (v.fix.safe or unsafe)]


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply the non-overlapping fixes (first come, first kept); return (text, count).

    Two fixes overlap when their spans share a character, or when both insert at the same
    point (their order would be arbitrary). The later one waits for the next pass."""
    chosen = choose(text, fixes)
    out = text
    for f in reversed(chosen):
        out = out[:f.start] + f.replacement + out[f.end:]
    return out, len(chosen)


def choose(text: str, fixes: list[Fix]) -> list[Fix]:
    """The fixes :func:`apply_fixes` applies to ``text``, in order."""
    chosen: list[Fix] = []
    last_end = -1
    for f in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if f.start < 0 or f.end > len(text) or f.start > f.end:
            continue   # a fix computed on another text: never apply it
        if text[f.start:f.end] == f.replacement:
            continue
        if f.start < last_end or (f.start == last_end and chosen and chosen[-1].start == chosen[-1].end == f.start):
            continue
        chosen.append(f)
        last_end = f.end
    return chosen


def shift_spans(spans, chosen: list[Fix]) -> tuple[tuple[int, int], ...]:
    """Spans of a text (a reader's markup or furniture) moved through the fixes applied to it:
    a fix before a span moves it, a fix inside it grows or shrinks it, an insertion at a
    span's start goes before it and one at its end after it."""
    if not chosen:
        return tuple(spans)

    def move(pos: int, is_end: bool) -> int:
        delta = 0
        for f in chosen:
            if f.end < pos or (f.end == pos and (f.start < f.end or not is_end)):
                delta += len(f.replacement) - (f.end - f.start)
            elif f.start < pos < f.end:     # inside the replaced text: to its new end
                return f.start + delta + len(f.replacement)
            else:
                break
        return pos + delta

    return tuple((move(s, False), max(move(s, False), move(e, True))) for s, e in spans)


def fix_until_stable(text: str, lint_text: Callable[[str], list[Violation]], unsafe: bool = False
                     ) -> tuple[str, int, list[Violation]]:
    """Lint, fix, re-lint until nothing more applies. Returns (text, fixes applied, final violations)."""
    total = 0
    seen = {text}
    violations = lint_text(text)
    for _ in range(MAX_PASSES):
        new, n = apply_fixes(text, applicable(violations, unsafe))
        if n == 0 or new == text:
            break
        total += n
        text = new
        violations = lint_text(text)
        if text in seen:   # fixes that undo each other: stop where we are
            break
        seen.add(text)
    return text, total, violations


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff of two texts (``\\n`` line ends), with git's no-newline marker."""
    def lines(text):
        out = text.splitlines(keepends=True)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
        return out

    return "".join(difflib.unified_diff(lines(old), lines(new), fromfile=f"a/{path}", tofile=f"b/{path}"))


_EOL = re.compile(r"\r\n|\r|\n")


def restore_line_endings(original: str, old: str, new: str, newline: str) -> str:
    """``new`` (``\\n`` line ends) with the line ends ``original`` had.

    ``original`` is the file's text as decoded, ``old`` the same with every line end made
    ``\\n`` (what was linted), ``new`` the fixed ``old``. Lines that the fixes left alone keep
    their own line end, and so do lines changed in place (a joined line takes the end of its
    last part); inserted lines take ``newline``, the file's usual one."""
    if original == old.replace("\n", newline):
        return new.replace("\n", newline)
    endings = [m.group() for m in _EOL.finditer(original)]
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(endings) != len(old_lines) - 1:   # not the text it claims to be: be plain
        return new.replace("\n", newline)
    kept: dict[int, int] = {}   # new line index -> old line index, for unchanged lines
    sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace"):
            # unchanged lines keep their end; changed ones take the end of the old line in
            # the same place counted from the block's end (a joined line ends as its last part)
            for k in range(1, min(i2 - i1, j2 - j1) + 1):
                kept[j2 - k] = i2 - k
    out = []
    last = len(new_lines) - 1
    for j, line in enumerate(new_lines):
        out.append(line)
        if j == last:
            break
        i = kept.get(j)
        out.append(endings[i] if i is not None and i < len(endings) else newline)
    return "".join(out)
