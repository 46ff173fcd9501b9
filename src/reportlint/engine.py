"""The rule engine: run rules over a document, apply suppressions, sort.

Pure: no I/O, no printing. ``lint(doc, rules)`` returns the violations.

Suppression directives live in the draft itself, on a line of their own (plain-text safe,
invisible when the text is rendered as Markdown):

    <!-- reportlint-disable fazhi-term -->     … until reportlint-enable (or the end)
    <!-- reportlint-enable -->
    <!-- reportlint-disable-next-line RL401 -->
    <!-- reportlint-disable-file -->           whole file, all rules or the ones named

Rules are named by name, code or code prefix, separated by spaces or commas; none = all.
"""
from __future__ import annotations

from dataclasses import replace

import regex as re

from .model import Document
from .loader import Rule
from .violation import Violation

DIRECTIVE_RE = re.compile(
    r"<!--\s*reportlint-(?P<what>disable-file|disable-next-line|disable-line|disable|enable)\b(?P<ids>[^>]*?)-->"
)


def selector_matches(rule: Rule, sel: str) -> bool:
    """``sel`` is a rule name, a code, a code prefix (``RL2``) or ``ALL``."""
    if sel == "ALL" or sel == rule.name or sel == rule.code:
        return True
    return bool(re.fullmatch(r"[A-Z]+[0-9]*", sel)) and rule.code.startswith(sel)


def select_rules(rules: list[Rule], select=None, ignore=None, extend_select=None) -> list[Rule]:
    out = []
    for r in rules:
        if select:
            # a rule that is off (by default or by a config's ``enabled: false``) comes in
            # only when named by its name or code, not through a prefix or ALL
            chosen = any(selector_matches(r, s) for s in select) and (
                r.enabled or any(s in (r.name, r.code) for s in select))
        else:
            chosen = r.enabled
        if extend_select and any(selector_matches(r, s) for s in extend_select):
            chosen = True
        if ignore and any(selector_matches(r, s) for s in ignore):
            chosen = False
        if chosen:
            out.append(r)
    return out


def _suppressed(doc: Document, violations: list[Violation], rules_by_name: dict) -> list[Violation]:
    if "reportlint-" not in doc.text:
        return violations
    # per line: list of (selector set or None=all) that are disabled
    disabled_at: list[list] = [[] for _ in doc.lines]
    file_wide: list = []
    active: list = []
    pending_next: list = []
    for ln in doc.lines:
        here = list(active) + pending_next
        pending_next = []
        for m in DIRECTIVE_RE.finditer(doc.text, ln.start, ln.end):
            ids = [s for s in re.split(r"[\s,，]+", m.group("ids").strip()) if s] or None
            what = m.group("what")
            if what == "disable-file":
                file_wide.append(ids)
            elif what == "disable":
                active.append(ids)
            elif what == "enable":
                active = [] if ids is None else [a for a in active if a is not None and not set(a) <= set(ids)]
            elif what == "disable-next-line":
                pending_next.append(ids)
            elif what == "disable-line":
                here.append(ids)
        disabled_at[ln.index] = here

    def off(v: Violation) -> bool:
        rule = rules_by_name.get(v.rule)
        for ids in file_wide + disabled_at[doc.line_of(v.start)]:
            if ids is None or (rule is not None and any(selector_matches(rule, s) for s in ids)):
                return True
        return False

    return [v for v in violations if not off(v)]


def _unmasked(doc: Document, violations: list[Violation]) -> list[Violation]:
    """Markup (``doc.masked``) is never reported nor changed: a finding inside it is dropped,
    a fix touching it is withdrawn (the finding stays)."""
    def touches(s, e):
        return any(ms < max(e, s + 1) and s < me for ms, me in doc.masked)

    out = []
    for v in violations:
        if any(ms <= v.start and v.end <= me for ms, me in doc.masked):
            continue
        if v.fix is not None and touches(v.fix.start, v.fix.end):
            v = replace(v, fix=None)
        out.append(v)
    return out


def admit(doc: Document, violations: list[Violation], rules: list[Rule]) -> list[Violation]:
    """Violations as the report lets them through: markup and suppression directives applied,
    sorted by position. Also for findings made elsewhere (across reports, :mod:`reportlint.corpus`)."""
    out = list(violations)
    if doc.masked:
        out = _unmasked(doc, out)
    out = _suppressed(doc, out, {r.name: r for r in rules})
    out.sort(key=Violation.sort_key)
    return out


def lint(doc: Document, rules: list[Rule], extra=()) -> list[Violation]:
    out: list[Violation] = []
    for rule in rules:
        out.extend(rule.check(doc))
    out.extend(extra)
    return admit(doc, out, rules)
