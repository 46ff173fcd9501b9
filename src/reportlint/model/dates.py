"""The date grammar of reports and web pages, one for every rule.

Matched on the normalised text (half-width digits and punctuation, simplified script):

* ``2024年1月5日`` · ``2024 年 1 月 5 日`` · ``2024年01月05日`` · ``二〇二四年一月五日`` ·
  ``24年1月5日`` (a two-digit year: the date is known only once the century is) · ``2024年元月5日``;
* ``2024-01-05`` · ``2024.1.5`` · ``2024/1/5`` · ``2025- 02- 08`` (spaces around the separator);
* optionally followed by a time: ``16:33`` · ``14: 11`` · ``09时07分`` · ``16:33:05``.

:func:`match_at` reads a date starting exactly at an offset (after a label such as
``发布时间:``); :func:`fullmatch` a piece of text that is a date and nothing else (a signing
date under the body). Both return a :class:`DateMatch`, which keeps the numbers as written
(for ``date-format``) and the calendar date when it is one (for ``publication-date``).
"""

import datetime as dt
from typing import NamedTuple

import regex as re

from .numerals import cn_year, number

_SP = r"[ \t]*"
_Y = r"(?P<y>\d{4}|\d{2}|[〇零○O一二三四五六七八九]{2,4})"
_M = r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九]|元)"
_D = r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
CN_DATE = rf"{_Y}{_SP}年{_SP}{_M}{_SP}月{_SP}{_D}{_SP}(?P<ri>日)"
SEP_DATE = (rf"(?P<sy>\d{{4}}){_SP}(?P<sep>[-./]){_SP}(?P<sm>\d{{1,2}}){_SP}(?P=sep){_SP}"
            rf"(?P<sd>\d{{1,2}})(?![\d.])")
TIME = (rf"(?:{_SP}\d{{1,2}}{_SP}[:时]{_SP}\d{{1,2}}(?:{_SP}分)?"
        rf"(?:{_SP}:{_SP}\d{{1,2}}|{_SP}\d{{1,2}}{_SP}秒)?)")
DATE_RE = re.compile(rf"(?:{CN_DATE}|{SEP_DATE})")
DATE_TIME_RE = re.compile(rf"(?:{CN_DATE}|{SEP_DATE})(?P<time>{TIME})?")


class DateMatch(NamedTuple):
    start: int               # the date, in the text matched
    end: int                 # end of the date (without the time)
    time_end: int            # end of the time, or ``end`` when there is none
    y: str                   # the numbers as written: "2024", "二〇二四", "24"
    m: str
    d: str
    sep: str                 # "-", ".", "/" for 2024-01-05; "" for 2024年1月5日

    @property
    def year(self) -> int | None:
        """The full year, ``None`` for a two-digit one (24年)."""
        if len(self.y) < 4:
            return None
        return cn_year(self.y)

    @property
    def date(self) -> dt.date | None:
        """The calendar date, ``None`` when the year is short or the day does not exist."""
        y, m, d = self.year, number(self.m), number(self.d)
        if y is None or m is None or d is None:
            return None
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None


def _make(m) -> DateMatch:
    if m.group("sep"):
        y, mo, d, sep = m.group("sy"), m.group("sm"), m.group("sd"), m.group("sep")
    else:
        y, mo, d, sep = m.group("y"), m.group("m"), m.group("d"), ""
    end = m.end("sd") if sep else m.end("ri")
    t = m.groupdict().get("time")
    return DateMatch(m.start(), end, m.end("time") if t else end, y, mo, d, sep)


def match_at(norm: str, pos: int, endpos: int | None = None) -> DateMatch | None:
    """A date (with its time, if any) starting exactly at ``pos``."""
    m = DATE_TIME_RE.match(norm, pos, len(norm) if endpos is None else endpos)
    return _make(m) if m else None


def fullmatch(norm: str, start: int, end: int, time: bool = False) -> DateMatch | None:
    """``norm[start:end]`` is a date and nothing else (a time after it too, if ``time``)."""
    m = (DATE_TIME_RE if time else DATE_RE).fullmatch(norm, start, end)
    return _make(m) if m else None


def search(norm: str, start: int, end: int):
    """Every date in ``norm[start:end]``, in order."""
    for m in DATE_TIME_RE.finditer(norm, start, end):
        yield _make(m)
