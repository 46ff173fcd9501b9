"""Kind ``year-mismatch``: a year in the title or a part heading that contradicts the
report year Y (``doc.report_year``).

The measures, shortcomings and first-responsible parts speak of Y, the plan of Y+1
(``四、2023年工作安排`` in a 2023 report is wrong). Only the title and the top-level part
headings are read, and a year that opens a span (2019年以来, 2021—2025年) or sits in a
《book title》 is a passing mention, never reported. Body text is never read.

Variant ``suffix`` (info by default): the headings write the same year both as ``2023年``
and ``2023年度``; reported at the first mention whose form differs from the first one.
"""
from __future__ import annotations

import regex as re

from ..matching import compile_regex
from ..parts import NAMES
from ..schema import Opt
from ..violation import Hit, Related

KIND = "year-mismatch"
SUMMARY = "a year in the title or a part heading that contradicts the report year"
OPTIONS = {
    "current": Opt("list[str]", ["measures", "shortcomings", "first-responsible"],
                   doc="part kinds whose heading speaks of the report year Y"),
    "next": Opt("list[str]", ["plan"], doc="part kinds whose heading speaks of Y+1"),
    "passing": Opt("regex", r"^\s*(以来|来|至今|以前|之前|以后|前|底前|[—\-~～至到])",
                   doc="what may follow 年 to make the year a passing mention"),
    "suffix-check": Opt("bool", True, doc="report mixing 2023年 and 2023年度"),
    "suffix-scope": Opt("str", "headings", choices=("headings", "title-and-headings"),
                        doc="where to compare 年 and 年度 (the title is often set by the website)"),
    "suffix-severity": Opt("str", "info", choices=("error", "warning", "info")),
}
MESSAGE_FIELDS = ("year", "expected", "report_year", "part", "form", "other_form", "where")

YEAR_RE = re.compile(r"(?<![\d.\-/])(?P<year>(?:19|20)\d{2})\s*年(?P<du>度)?")
RANGE_BEFORE = re.compile(r"[—\-~～至到]\s*$")


def prepare(options):
    return compile_regex(options["passing"], "passing")


def _years(doc, s, e, passing):
    seg = doc.norm[s:e]
    for m in YEAR_RE.finditer(seg):
        before = seg[:m.start()]
        if RANGE_BEFORE.search(before) or before.count("《") > before.count("》"):
            continue
        if passing.match(seg[m.end():]):
            continue
        yield s + m.start("year"), s + m.end(), int(m.group("year")), "年度" if m.group("du") else "年"


def check(doc, rule):
    y = doc.report_year
    if y is None:
        return
    passing = rule.state
    opts = rule.options
    mentions = []   # (start, end, year, form, in_title)
    if doc.title:
        for s, e in doc.title.spans:
            for a, b, yr, form in _years(doc, s, e, passing):
                mentions.append((a, b, yr, form, True))
                if yr not in (y, y + 1):
                    yield Hit(a, b, {"year": yr, "expected": y, "report_year": y, "part": "标题",
                                     "where": "标题"}, variant="title")
    for part in doc.parts:
        h = part.heading
        if part.kind in opts["current"]:
            expected, variant = y, None
        elif part.kind in opts["next"]:
            expected, variant = y + 1, "next"
        else:
            expected = None
        for a, b, yr, form in _years(doc, h.text_start, h.text_end, passing):
            mentions.append((a, b, yr, form, False))
            if expected is not None and yr != expected:
                yield Hit(a, b, {"year": yr, "expected": expected, "report_year": y,
                                 "part": NAMES.get(part.kind, part.kind), "where": h.text},
                          variant=variant)
    if not opts["suffix-check"]:
        return
    first: dict[int, tuple[int, int, str]] = {}
    for a, b, yr, form, in_title in sorted(mentions):
        if in_title and opts["suffix-scope"] == "headings":
            continue
        if yr not in first:
            first[yr] = (a, b, form)
            continue
        fa, fb, fform = first[yr]
        if form != fform:
            yield Hit(a, b, {"year": yr, "form": f"{yr}{form}", "other_form": f"{yr}{fform}",
                             "expected": y, "report_year": y, "part": "", "where": ""},
                      variant="suffix", severity=opts["suffix-severity"],
                      related=(Related(fa, fb, f"此处写作“{yr}{fform}”"),))
            return
