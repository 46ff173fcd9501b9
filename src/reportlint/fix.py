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

from typing import Callable

import regex as re

from .violation import Fix, Violation

MAX_PASSES = 10


def applicable(violations, unsafe: bool = False) -> list[Fix]:
    return [v.fix for v in violations if v.fix is not None and (v.fix.safe or unsafe)]


def choose(text: str, fixes: list[Fix]) -> list[Fix]:
    """The non-overlapping fixes to apply now (first come, first kept), in text order.

    Two fixes overlap when their spans share a character, or when both insert at the same
    point (their order would be arbitrary). The later one waits for the next pass."""
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


def _apply(text: str, chosen: list[Fix]) -> str:
    out, pos = [], 0
    for f in chosen:
        out.append(text[pos:f.start])
        out.append(f.replacement)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply the non-overlapping fixes (see :func:`choose`); return (text, edits made)."""
    chosen = choose(text, fixes)
    return _apply(text, chosen), len(chosen)


def resolved(fixes: list[Fix], chosen: list[Fix]) -> int:
    """How many of the findings whose fixes are ``fixes`` the ``chosen`` edits resolve: a
    finding whose own fix is applied — several findings may share one edit (three
    web-residue hits deleting the same line) — and one whose fix lies inside a span an
    applied edit replaces (a half-width comma on a deleted line). Counting findings, not
    edits, makes "已修正 N 处" agree with the "N 个可用 --fix 自动修正" of the run before."""
    import bisect

    applied = set(chosen)
    starts = [c.start for c in chosen]
    n = 0
    for f in fixes:
        if f in applied:
            n += 1
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        c = chosen[i]
        if c.start == c.end:
            continue
        if (c.start <= f.start and f.end <= c.end) if f.start < f.end else c.start < f.start < c.end:
            n += 1
    return n


def fix_until_stable(text: str, lint_text: Callable[[str], list[Violation]], unsafe: bool = False,
                     accept: Callable[[Fix], bool] | None = None) -> tuple[str, int, list[Violation]]:
    """Lint, fix, re-lint until nothing more applies. Returns (text, findings fixed, final
    violations). ``accept`` may turn fixes down (a replacement the file's encoding cannot
    hold); their findings stay."""
    total = 0
    seen = {text}
    violations = lint_text(text)
    for _ in range(MAX_PASSES):
        fixes = [f for f in applicable(violations, unsafe) if accept is None or accept(f)]
        chosen = choose(text, fixes)
        if not chosen:
            break
        new = _apply(text, chosen)
        if new == text:
            break
        total += resolved(fixes, chosen)
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

    import difflib

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
    import difflib

    sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace"):
            # unchanged lines keep their end; changed ones take the end of the old line in
            # the same place counted from the block's end (a joined line ends as its last part)
            for k in range(1, min(i2 - i1, j2 - j1) + 1):
                kept[j2 - k] = i2 - k
    ends = []
    for j in range(len(new_lines) - 1):
        i = kept.get(j)
        ends.append(endings[i] if i is not None and i < len(endings) else newline)
    # A bare CR end followed by an empty line ending in LF would read back as one CRLF, and
    # the blank line would vanish: make the pair unambiguous with the file's usual line end.
    for j in range(len(ends) - 1):
        if ends[j] == "\r" and new_lines[j + 1] == "" and ends[j + 1] == "\n":
            if newline != "\r":
                ends[j] = newline
            else:
                ends[j + 1] = "\r"
    out = []
    for j, line in enumerate(new_lines):
        out.append(line)
        if j < len(ends):
            out.append(ends[j])
    return "".join(out)
