"""Violations: what a rule reports. Offsets are the source of truth (0-based code points
into ``Document.text``); line and column are derived in one place, :func:`locate`."""

from typing import NamedTuple
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


SEVERITIES = tuple(s.value for s in Severity)


class Fix(NamedTuple):
    """Replace ``text[start:end]`` by ``replacement``. Only ``safe`` fixes are applied by --fix."""
    start: int
    end: int
    replacement: str
    safe: bool = True


class Related(NamedTuple):
    """Another place a finding points at. In the same file: offsets only. In another file
    (a finding across reports, :mod:`reportlint.corpus`): ``path`` names it, and ``loc``
    (line, column, end line, end column) and ``place`` (``{"label": "第 12 段", …}``) were located there,
    because this file's document cannot locate offsets of another."""
    start: int
    end: int
    message: str
    path: str | None = None
    loc: tuple | None = None
    place: dict | None = None


class Hit(NamedTuple):
    """What a kind's ``check()`` yields; the engine stamps rule name, code, severity and
    the formatted message on it to make a :class:`Violation`.

    ``args`` fill the rule's message template; ``variant`` picks one of the rule's
    ``messages`` instead of ``message``; ``severity`` overrides the rule's severity for
    this hit (used by rules with two levels, such as first-responsible-section)."""
    start: int
    end: int
    args: dict = {}
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    variant: str | None = None
    severity: str | None = None


class Violation(NamedTuple):
    rule: str
    code: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    def sort_key(self):
        return (self.start, self.end, self.code)


class Location(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int


def locate(doc, start: int, end: int) -> Location:
    """The one place where offsets become 1-based line/column (code points)."""
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Location(line, col, end_line, end_col)
