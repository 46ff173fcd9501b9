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

from typing import NamedTuple

import regex as re

from .matching import DEFAULT_TIMEOUT, RegexTimeout, time_limit
from .model import Document
from .loader import Rule
from .violation import Severity, Violation

DIRECTIVE_RE = re.compile(
    r"<!--\s*reportlint-(?P<what>disable-file|disable-next-line|disable-line|disable|enable)\b(?P<ids>[^>]*?)-->"
)
_ID_RE = re.compile(r"[^\s,，]+")
_PREFIX_RE = re.compile(r"[A-Z]+[0-9]*")


class RuleSet(list):
    """The rules to run, remembering every rule that was loaded (``catalog``: a directive may
    name a rule that is not running, which is not an unknown rule) and each rule's regex time
    budget per document (``regex_timeout``, config ``regex-timeout``). A plain list of rules
    works too: it is its own catalog, with the default budget."""

    def __init__(self, rules=(), catalog=None, regex_timeout: float = DEFAULT_TIMEOUT):
        super().__init__(rules)
        self.catalog = tuple(self) if catalog is None else tuple(catalog)
        self.regex_timeout = regex_timeout


def known_selectors(rules) -> frozenset[str]:
    """Every selector that names at least one of ``rules``: names, codes, code prefixes, ALL."""
    out = {"ALL"}
    for r in rules:
        out.add(r.name)
        out.update(r.code[:i] for i in range(1, len(r.code) + 1) if _PREFIX_RE.fullmatch(r.code[:i]))
    return frozenset(out)


def selector_matches(rule: Rule, sel: str) -> bool:
    """``sel`` is a rule name, a code, a code prefix (``RL2``) or ``ALL``."""
    if sel == "ALL" or sel == rule.name or sel == rule.code:
        return True
    return bool(_PREFIX_RE.fullmatch(sel)) and rule.code.startswith(sel)


def _matches_any(rule: Rule, sels: frozenset) -> bool:
    """``selector_matches`` against a set of selectors, in time independent of its size."""
    if "ALL" in sels or rule.name in sels:
        return True
    code = rule.code
    return any(code[:i] in sels for i in range(1, len(code) + 1))


def select_rules(rules: list[Rule], select=None, ignore=None, extend_select=None) -> RuleSet:
    select, ignore, extend = (frozenset(x or ()) for x in (select, ignore, extend_select))
    out = []
    for r in rules:
        if select:
            # a rule that is off (by default or by a config's ``enabled: false``) comes in
            # only when named by its name or code, not through a prefix or ALL
            chosen = _matches_any(r, select) and (r.enabled or r.name in select or r.code in select)
        else:
            chosen = r.enabled
        if extend and _matches_any(r, extend):
            chosen = True
        if ignore and _matches_any(r, ignore):
            chosen = False
        if chosen:
            out.append(r)
    return RuleSet(out, getattr(rules, "catalog", rules),
                   getattr(rules, "regex_timeout", DEFAULT_TIMEOUT))


class Directive:
    """One ``<!-- reportlint-… -->`` comment: where it is, what it does and the rules it names
    (``ids``: (selector, start, end); None = all rules). ``used`` collects the selectors that
    suppressed a finding (``"*"`` for a directive naming no rule)."""

    def __init__(self, what: str, start: int, end: int, line: int, ids: list | None,
                 used: set | None = None):
        self.what, self.start, self.end, self.line, self.ids = what, start, end, line, ids
        self.used = set() if used is None else used

    @property
    def selectors(self) -> frozenset | None:
        return None if self.ids is None else frozenset(i for i, _, _ in self.ids)


def directives(doc: Document) -> list[Directive]:
    if "reportlint-" not in doc.text:
        return []
    out = []
    for ln in doc.lines:
        for m in DIRECTIVE_RE.finditer(doc.text, ln.start, ln.end):
            a = m.start("ids")
            ids = [(x.group(), a + x.start(), a + x.end()) for x in _ID_RE.finditer(m.group("ids"))] or None
            out.append(Directive(m.group("what"), m.start(), m.end(), ln.index, ids))
    return out


def _suppressed(doc: Document, violations: list[Violation], found: list[Directive],
                rules_by_name: dict) -> list[Violation]:
    if not found:
        return violations
    # per line: the directives in force there
    disabled_at: list[list[Directive]] = [[] for _ in doc.lines]
    file_wide = [d for d in found if d.what == "disable-file"]
    by_line: dict[int, list[Directive]] = {}
    for d in found:
        by_line.setdefault(d.line, []).append(d)
    active: list[Directive] = []
    pending_next: list[Directive] = []
    for ln in doc.lines:
        here = list(active) + pending_next
        pending_next = []
        for d in by_line.get(ln.index, ()):
            if d.what == "disable":
                active.append(d)
            elif d.what == "enable":
                sels = d.selectors
                active = [] if sels is None else [a for a in active
                                                  if a.ids is not None and not a.selectors <= sels]
            elif d.what == "disable-next-line":
                pending_next.append(d)
            elif d.what == "disable-line":
                here.append(d)
        disabled_at[ln.index] = here

    def off(v: Violation) -> bool:
        rule = rules_by_name.get(v.rule)
        hit = False
        for d in file_wide + disabled_at[doc.line_of(v.start)]:
            if d.ids is None:
                d.used.add("*")
                hit = True
            elif rule is not None:
                for sel, _, _ in d.ids:
                    if selector_matches(rule, sel):
                        d.used.add(sel)
                        hit = True
        return hit

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
            v = v._replace(fix=None)
        out.append(v)
    return out


def _timed_out(rule: Rule, exc: RegexTimeout) -> Violation:
    """A rule whose regexes ran out of time on this document: reported once, as an error of
    that rule at the start of the document; its findings so far stand, the rest is not checked."""
    return Violation(rule.name, rule.code, Severity.ERROR,
                     f"规则 {rule.name}（{rule.path}）没有检查完本文件：{exc}", 0, 0)


def lint(doc: Document, rules: list[Rule], extra=()) -> list[Violation]:
    """Run ``rules`` over ``doc``. ``extra``: findings about this document made elsewhere
    (across reports, :mod:`reportlint.corpus`), filtered by markup and directives like the rest."""
    catalog = getattr(rules, "catalog", rules)
    seconds = getattr(rules, "regex_timeout", DEFAULT_TIMEOUT)
    about_directives = [r for r in rules if hasattr(r.module, "check_directives")]
    skip = {id(r) for r in about_directives}
    out: list[Violation] = []
    timeouts: list[Violation] = []
    for rule in rules:
        if id(rule) in skip:
            continue
        with time_limit(seconds):
            try:
                for v in rule.check(doc):
                    out.append(v)
            except RegexTimeout as exc:
                timeouts.append(_timed_out(rule, exc))
    out.extend(extra)
    if doc.masked:
        out = _unmasked(doc, out)
    found = directives(doc)
    out = _suppressed(doc, out, found, {r.name: r for r in rules})
    if found and about_directives:
        ran = {r.name for r in rules}
        if not isinstance(rules, RuleSet):   # a plain list: the built-in rules are known too
            from .loader import builtin_rules

            catalog = tuple(rules) + tuple(r for r in builtin_rules() if r.name not in ran)
        context = DirectiveContext(found, catalog, known_selectors(catalog),
                                   frozenset(r.name for r in catalog if r.name in ran))
        meta = [rule.violation(hit) for rule in about_directives
                for hit in rule.module.check_directives(doc, rule, context)]
        if doc.masked:   # markup is neither reported nor changed, directives' findings included
            meta = _unmasked(doc, meta)
        out.extend(_explicitly_suppressed(doc, meta, found, {r.name: r for r in about_directives}))
    out.extend(timeouts)
    out.sort(key=Violation.sort_key)
    return out


class DirectiveContext(NamedTuple):
    """What a directive rule (``check_directives(doc, rule, context)``) needs to know besides
    the document: the directives (with what each suppressed), the rules loaded, the selectors
    that name one of them, and the names of the rules that ran."""
    directives: list
    catalog: tuple
    known: frozenset
    ran: frozenset

    def runs(self, selector: str) -> bool:
        """Whether every rule ``selector`` names ran here (so that an unused directive naming
        it is certainly unused)."""
        named = [r for r in self.catalog if selector_matches(r, selector)]
        return bool(named) and all(r.name in self.ran for r in named)


def _explicitly_suppressed(doc, violations, found, rules_by_name):
    """Findings about directives are suppressed only by a directive naming their rule
    (``<!-- reportlint-disable-next-line unused-directive -->``), not by a bare one: the
    directive being reported would otherwise hide its own report."""
    named = [d for d in found if d.ids is not None]
    return _suppressed(doc, violations, named, rules_by_name) if named else violations
