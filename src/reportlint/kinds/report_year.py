"""Kind ``report-year``: the report is about another year than the one under review.

A reviewer who collects the reports of one year (``--report-year 2023``, config
``report-year: 2023``) wants to know which ones are about another year — last year's report
sent again, a draft with the old year left in the title — and which do not say their year at
all. The year is the model's ``doc.report_year`` (the title, else the opening); the finding
points at that year in the title (or the opening), and at the title when no year is found.

Without an expected year (option ``year`` unset, the default) the rule reports nothing.
"""
from __future__ import annotations

from ..model import YEAR_RE
from ..schema import Opt
from ..violation import Hit

KIND = "report-year"
SUMMARY = "the report is about another year than the one under review (--report-year)"
OPTIONS = {
    "year": Opt("int", None, min=1900, max=2100,
                doc="the year every report should be about (--report-year, config report-year:); unset: nothing is checked"),
}
MESSAGE_FIELDS = ("year", "expected")
EXAMPLE_YEAR = 2023   # the rule's YAML examples are checked as with --report-year 2023


def _anchor(doc) -> tuple[int, int]:
    if doc.title:
        return doc.title.spans[0]
    for p in doc.paragraphs:
        return p.start, p.end
    return 0, 0


def _year_span(doc, year: int) -> tuple[int, int] | None:
    """Where the report names ``year``: in the title, else its first mention."""
    spans = list(doc.title.spans) if doc.title else []
    spans.append((doc.title.end if doc.title else 0, len(doc.norm)))
    for s, e in spans:
        for m in YEAR_RE.finditer(doc.norm, s, e):
            if int(m.group("year")) == year:
                return m.start(), m.end()
    return None


def check(doc, rule):
    expected = rule.options["year"]
    if expected is None:
        return
    found = doc.report_year
    if found is None:
        s, e = _anchor(doc)
        yield Hit(s, e, {"year": "", "expected": str(expected)}, variant="unknown")
    elif found != expected:
        s, e = _year_span(doc, found) or _anchor(doc)
        yield Hit(s, e, {"year": str(found), "expected": str(expected)})


def run_example(rule, text: str):
    """How ``tests/test_rule_examples.py`` (and anyone reading ``reportlint explain``) runs an
    example of this rule: as a review of the year :data:`EXAMPLE_YEAR`."""
    from ..api import lint_text

    configured = rule.configured({"year": EXAMPLE_YEAR}, "examples")
    return lint_text(text, [configured])[1]
