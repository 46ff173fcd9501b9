"""Kind ``publication-date``: the report was published or signed outside the window
Jan 1 – deadline (April 1; departments March 1) of the year after the report year Y.

Two kinds of date line count, nothing else (a law's date in the body never does):

* a web copy's date line near the top: one of ``prefixes`` followed by a colon and a date
  (``发布时间:2025-04-11 16:33``, ``时间:2024-02-06``, ``日期:2023年05月11日``), within the
  first ``head-paragraphs`` paragraphs and before the first part heading;
* the signing date: a paragraph that is nothing but a date (``2021年1月10日``,
  ``2021 年 1 月 10 日``, ``2024.02.06``, ``2024/2/6``, ``二〇二四年一月五日``) after the start of
  the last part (or, in a report without parts, among the last ``tail-paragraphs``).

Variant ``premature``: the date falls in year Y or earlier (the year had not ended).
"""
from __future__ import annotations

import datetime as dt

import regex as re

from ..model import cn_to_int, cn_year
from ..schema import Opt
from ..violation import Hit

KIND = "publication-date"
SUMMARY = "a publication or signing date outside Jan 1 – Apr 1 of the following year"
OPTIONS = {
    "deadline": Opt("date", "04-01", doc="last day (month-day of year Y+1) to publish; departments 03-01"),
    "prefixes": Opt("list[str]", ["发布时间", "发布日期", "发文日期", "成文日期", "印发日期",
                                  "时间", "日期"], doc="labels of a web copy's date line"),
    "head-paragraphs": Opt("int", 6, min=1, doc="how many opening paragraphs may hold a web date line"),
    "tail-paragraphs": Opt("int", 3, min=1, doc="in a report without parts: how many closing paragraphs may hold the signing date"),
}
MESSAGE_FIELDS = ("date", "what", "deadline", "report_year", "next_year")

DATE = (r"(?:(?P<y>\d{4})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
        r"|(?P<sep>[-./])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?!\d))"
        r"|(?P<cy>[〇零○O一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日)")
STANDALONE = re.compile(r"\s*" + DATE + r"\s*")


def _date(m) -> dt.date | None:
    try:
        if m.group("cy"):
            y, mo, d = cn_year(m.group("cy")), cn_to_int(m.group("cm")), cn_to_int(m.group("cd"))
            if y is None or mo is None or d is None:
                return None
            return dt.date(y, mo, d)
        y = int(m.group("y"))
        mo = int(m.group("m") or m.group("m2"))
        d = int(m.group("d") or m.group("d2"))
        return dt.date(y, mo, d)
    except (ValueError, KeyError):
        return None


def prepare(options):
    prefixes = "|".join(re.escape(p) for p in sorted(options["prefixes"], key=len, reverse=True))
    web = re.compile(rf"(?:^|(?<=\s))(?:{prefixes})\s*[:：]\s*" + DATE) if prefixes else None
    mo, d = (int(x) for x in options["deadline"].split("-"))
    return web, (mo, d)


def candidates(doc, web, head: int = 6, tail: int = 3):
    """(start, end, date, what) for every date line that counts."""
    first_part = doc.parts[0].start if doc.parts else len(doc.text)
    if web is not None:
        for p in doc.paragraphs[:head]:
            if p.start >= first_part:
                break
            for m in web.finditer(doc.norm, p.start, p.end):
                d = _date(m)
                if d:
                    s = m.start("y") if m.group("y") else m.start("cy")
                    yield s, m.end(), d, "发布"
    if doc.parts:
        closing = [p for p in doc.paragraphs if p.start >= doc.parts[-1].start]
    else:
        closing = doc.paragraphs[-tail:]
    for p in closing:
        m = STANDALONE.fullmatch(doc.norm, p.start, p.end)
        if m:
            d = _date(m)
            if d:
                s = m.start("y") if m.group("y") else m.start("cy")
                e = m.end()
                while e > s and doc.norm[e - 1].isspace():
                    e -= 1
                yield s, e, d, "落款"


def check(doc, rule):
    y = doc.report_year
    if y is None:
        return
    web, (mo, dd) = rule.state
    try:
        deadline = dt.date(y + 1, mo, dd)
    except ValueError:
        deadline = dt.date(y + 1, mo, 28)
    args = {"report_year": y, "next_year": y + 1,
            "deadline": f"{deadline.year}年{deadline.month}月{deadline.day}日"}
    for s, e, d, what in candidates(doc, web, rule.options["head-paragraphs"], rule.options["tail-paragraphs"]):
        if d > deadline:
            yield Hit(s, e, {**args, "date": doc.text[s:e], "what": what})
        elif d.year <= y:
            yield Hit(s, e, {**args, "date": doc.text[s:e], "what": what}, variant="premature")
