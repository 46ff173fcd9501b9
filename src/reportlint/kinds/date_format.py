"""Kind ``date-format``: the signing date (成文日期) and web date lines written non-standardly.

Looks only at dates that stand as dates of the document, never at dates in body text:

* a paragraph that is a date and nothing else (the signing date under the body);
* a date after one of ``labels`` (发布时间: 日期: …) in a short paragraph (a web date line).

The standard form is Arabic numerals, the full year, no zero padding: ``2024年1月5日``.
Reported, with the standard form as the fix where it is unambiguous:

* ``chinese``    Chinese numerals (``二〇二四年一月五日``);
* ``year``       an abbreviated year (``24年1月5日``): fixed only when the full year is the
                 report year or the year after it, the only years a signing date can have;
* ``year-unknown`` an abbreviated year that cannot be completed for sure (no fix);
* ``padding``    zero padding (``2024年01月05日``);
* ``separator``  a signing-date line written ``2024-01-05`` / ``2024.1.5`` / ``2024/1/5``
                 (``separators: true``; web date lines keep the site's ISO form).

Spaces inside a date (``2021 年 1 月 10 日``) are left to cjk-digit-space.
"""
from __future__ import annotations

import regex as re

from ..model import cn_to_int, cn_year
from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Fix, Hit

KIND = "date-format"
SUMMARY = "the signing date or a web date line not written 2024年1月5日"
FIXABLE = True
OPTIONS = {
    "labels": Opt("list[str]", [], doc="labels that introduce a web date line (发布时间, 日期…)"),
    "separators": Opt("bool", True, doc="report a signing date written 2024-01-05 / 2024.1.5"),
    "max-line-length": Opt("int", 80, min=10, doc="a web date line is at most this long"),
}
MESSAGE_FIELDS = ("match", "expected")

Y = r"(?P<y>\d{4}|\d{2}|[〇零○一二三四五六七八九]{2,4})"
M = r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九]|元)"
D = r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
CN_DATE = rf"{Y}[ ]*年[ ]*{M}[ ]*月[ ]*{D}[ ]*日"
SEP_DATE = r"(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
STANDALONE = re.compile(rf"(?:{CN_DATE}|{SEP_DATE})")


def prepare(options):
    labels = [normalize_pattern(x) for x in options["labels"]]
    if any(not x for x in labels):
        raise OptionError("labels", "an empty label")
    web = None
    if labels:
        alt = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
        web = re.compile(rf"(?:^|(?<=[\s:]))(?:{alt})[ ]*:?[ ]*(?P<date>{CN_DATE})")
    return web


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "元":
        return 1
    return cn_to_int(s)


def _judge(m, report_year, separators_ok: bool):
    """(variant, expected or None) for a date match; None when it is fine or not a date."""
    ys, ms, ds = m.group("y"), m.group("m"), m.group("d")
    year, month, day = cn_year(ys), _number(ms), _number(ds)
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
    if m.groupdict().get("sep"):
        return ("separator", expected) if separators_ok else None
    if (len(ms) == 2 and ms[0] == "0") or (len(ds) == 2 and ds[0] == "0"):
        return "padding", expected
    return None


def check(doc, rule):
    web = rule.state
    title_lines = doc.title_lines
    for p in doc.paragraphs:
        if p.line in title_lines:
            continue
        n = doc.norm[p.start:p.end]
        m = STANDALONE.fullmatch(n)
        if m:
            yield from _hit(doc, p.start, m, rule.options["separators"])
            continue
        if web is not None and len(n) <= rule.options["max-line-length"]:
            for wm in web.finditer(n):
                dm = STANDALONE.fullmatch(n, wm.start("date"), wm.end("date"))
                if dm:
                    yield from _hit(doc, p.start, dm, False)


def _hit(doc, base, m, separators_ok):
    verdict = _judge(m, doc.report_year, separators_ok)
    if verdict is None:
        return
    variant, expected = verdict
    s, e = base + m.start(), base + m.end()
    if expected is None:   # an abbreviated year that cannot be told for sure
        yield Hit(s, e, {"match": doc.text[s:e], "expected": ""}, variant="year-unknown")
        return
    yield Hit(s, e, {"match": doc.text[s:e], "expected": expected}, fix=Fix(s, e, expected), variant=variant)
