"""Kind ``publication-date``: the report was published or signed outside the window the
regulation sets for a report on year Y (第二十四条):

* every report — a government's or a department's — is **published** by ``deadline``
  (April 1) of Y+1;
* a department also sends it to its government by ``department-deadline`` (March 1), so a
  department's **signing date** is judged against that; a government's against ``deadline``.

The dates are the model's (``doc.dates``, :mod:`reportlint.model.report`), never a date in the
body: the page's publication fields (``发布时间:2025-04-11 16:33``, ``发布日期：2024-04-19``,
``时间:2024-02-06`` in a metadata block or under the title), its ``成文日期``, a date in brackets
under the title (``（2024年5月28日在…会议上）``) and the signing date standing alone under
the body (``2021年1月10日``, ``2021 年 1 月 10 日``, ``2024.02.06``, ``二〇二四年一月五日``).
Whether the issuer is a department is the model's ``doc.issuer`` (from the title, the
signature or the opening sentence).

Variants: ``department`` a department's signing date after ``department-deadline``;
``premature`` a date in year Y or earlier (the year had not ended: a page published in
December of the year it reports on).
"""
from __future__ import annotations

import datetime as dt

from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Hit

KIND = "publication-date"
SUMMARY = "a publication or signing date outside Jan 1 – Apr 1 (departments' signing: Mar 1) of the following year"
OPTIONS = {
    "deadline": Opt("date", "04-01", doc="last day (month-day of year Y+1) to publish; also a government's signing date"),
    "department-deadline": Opt("date", "03-01",
                               doc="last day (month-day of Y+1) for a department's signing date (it reports to its government)"),
    "prefixes": Opt("list[str]", [],
                    doc="only dates after these labels count among the page's date fields (empty: all the model knows)"),
}
MESSAGE_FIELDS = ("date", "what", "deadline", "report_year", "next_year", "issuer")


def prepare(options):
    labels = frozenset(normalize_pattern(x).replace(" ", "") for x in options["prefixes"])
    if "" in labels:
        raise OptionError("prefixes", "an empty label")
    return labels, _md(options["deadline"]), _md(options["department-deadline"])


def _md(s: str) -> tuple[int, int]:
    mo, d = (int(x) for x in s.split("-"))
    return mo, d


def _day(year: int, md: tuple[int, int]) -> dt.date:
    try:
        return dt.date(year, *md)
    except ValueError:          # 02-29 in a common year
        return dt.date(year, md[0], 28)


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def candidates(doc, labels=frozenset()):
    """The dates that count: (DocDate) published or signed, with a calendar date."""
    for d in doc.dates:
        if d.role not in ("published", "signed") or d.date is None:
            continue
        if labels and d.label and d.label not in labels:
            continue
        yield d


def check(doc, rule):
    y = doc.report_year
    if y is None:
        return
    labels, pub_md, dept_md = rule.state
    department = doc.issuer is not None and doc.issuer.kind == "department"
    issuer = (doc.issuer.name or "") if doc.issuer else ""
    signed = {}     # the same signing date in the page's 成文日期 and under the body: the latter
    for d in candidates(doc, labels):
        if d.role == "signed" and (d.date not in signed or d.what == "落款"):
            signed[d.date] = d
    for d in candidates(doc, labels):
        if d.role == "signed" and signed[d.date] is not d:
            continue
        dept_signing = department and d.role == "signed"
        deadline = _day(y + 1, dept_md if dept_signing else pub_md)
        args = {"report_year": y, "next_year": y + 1, "deadline": _cn(deadline),
                "date": doc.text[d.start:d.end], "what": d.what, "issuer": issuer}
        if d.date > deadline:
            yield Hit(d.start, d.end, args, variant="department" if dept_signing else None)
        elif d.date.year <= y:
            yield Hit(d.start, d.end, args, variant="premature")
