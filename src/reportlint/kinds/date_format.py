"""Kind ``date-format``: the signing date (成文日期) and the page's date lines written non-standardly.

Looks only at the document's own dates (``doc.dates``, :mod:`reportlint.model.report`), never
at dates in running text:

* a date standing alone in its paragraph (the signing date under the body);
* a date after a date label (``发布时间:`` ``日期:`` ``成文日期：`` …), in the page's date lines
  or metadata block, and a date in brackets under the title.

The standard form is Arabic numerals, the full year, no zero padding: ``2024年1月5日``.
Reported, with the standard form as the fix where it is unambiguous:

* ``chinese``    Chinese numerals (``二〇二四年一月五日``);
* ``year``       an abbreviated year (``24年1月5日``): fixed only when the full year is the
                 report year or the year after it, the only years a signing date can have;
* ``year-unknown`` an abbreviated year that cannot be completed for sure (no fix);
* ``padding``    zero padding (``2024年01月05日``);
* ``separator``  a date standing alone written ``2024-01-05`` / ``2024.1.5`` / ``2024/1/5``
                 (``separators: true``; a page's date fields keep the site's ISO form).

Spaces inside a date (``2021 年 1 月 10 日``) are left to cjk-digit-space.
"""
from __future__ import annotations

from ..model.numerals import cn_year, number
from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Fix, Hit

KIND = "date-format"
SUMMARY = "the signing date or a web date line not written 2024年1月5日"
FIXABLE = True
OPTIONS = {
    "labels": Opt("list[str]", [], doc="only dates after these labels are checked among the labelled ones (empty: all)"),
    "separators": Opt("bool", True, doc="report a date standing alone written 2024-01-05 / 2024.1.5"),
    "max-line-length": Opt("int", 80, min=10, doc="a labelled date is checked when its paragraph is at most this long"),
}
MESSAGE_FIELDS = ("match", "expected")


def prepare(options):
    labels = frozenset(normalize_pattern(x).replace(" ", "") for x in options["labels"])
    if "" in labels:
        raise OptionError("labels", "an empty label")
    return labels


def _judge(d, report_year, separators_ok: bool):
    """(variant, expected or None) for a date; None when it is fine or not a date."""
    m = d.match
    ys, ms, ds = m.y, m.m, m.d
    year, month, day = cn_year(ys), number(ms), number(ds)
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    chinese = not (ys.isdigit() and ms.isdigit() and ds.isdigit())
    short = len(ys) == 2
    if short:
        full = 2000 + year
        unambiguous = report_year is not None and full in (report_year, report_year + 1)
        year = full if unambiguous else None
    expected = f"{year}年{month}月{day}日" if year is not None else None
    if chinese:
        return "chinese", expected
    if short:
        return "year", expected
    if m.sep:
        return ("separator", expected) if separators_ok else None
    if (len(ms) == 2 and ms[0] == "0") or (len(ds) == 2 and ds[0] == "0"):
        return "padding", expected
    return None


def check(doc, rule):
    labels = rule.state
    opts = rule.options
    for d in doc.dates:
        alone = not d.label and d.what == "落款"
        if not alone:
            if labels and d.label not in labels:
                continue
            p = doc.paragraphs[d.paragraph] if d.paragraph >= 0 else None
            if p is not None and p.end - p.start > opts["max-line-length"]:
                continue
        verdict = _judge(d, doc.report_year, opts["separators"] and alone)
        if verdict is None:
            continue
        variant, expected = verdict
        s, e = d.start, d.end
        if expected is None:   # an abbreviated year that cannot be told for sure
            yield Hit(s, e, {"match": doc.text[s:e], "expected": ""}, variant="year-unknown")
            continue
        yield Hit(s, e, {"match": doc.text[s:e], "expected": expected}, fix=Fix(s, e, expected), variant=variant)
