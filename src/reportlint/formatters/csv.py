"""``--format csv``: the reviewer's table (:mod:`._review`), one row per report, for Excel
and WPS. UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese correctly when
the file is double-clicked (without it Excel reads the file in the system's ANSI code page);
CRLF line ends (RFC 4180). Shares are written as percentages (``35%``)."""
from __future__ import annotations

import csv
import io

from . import _review

NAME = "csv"
HELP = "审核表：每份报告一行（UTF-8 带 BOM，Excel/WPS 可直接打开）"
BINARY = True


def render(result, opts) -> dict:
    return _review.row(result)


def table(rows) -> list[list]:
    out = [[name for _, name in _review.COLUMNS]]
    for r in rows:
        out.append([_review.percent(r[k]) if k in ("copied", "copied_last_year") else r[k]
                    for k, _ in _review.COLUMNS])
    return out


def assemble(parts, stats, opts) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(table(parts))
    return buf.getvalue().encode("utf-8-sig", "surrogateescape")
