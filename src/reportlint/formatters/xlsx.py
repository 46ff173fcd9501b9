"""``--format xlsx``: the reviewer's workbook, for Excel and WPS (openpyxl, imported only when
this format is chosen).

Sheet ``报告``: the reviewer's table (:mod:`._review`), one row per report, the header frozen
and filtered, missing parts and late dates in red. Sheet ``问题``: every finding (file, line,
column, place, rule, code, severity, message, quoted text). Write it to a file
(``-o review.xlsx``)."""
from __future__ import annotations

import io

from . import _review

NAME = "xlsx"
HELP = "Excel/WPS 工作簿：报告表和问题表（配合 -o 文件.xlsx）"
BINARY = True
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def render(result, opts) -> dict:
    return {"row": _review.row(result), "findings": _review.findings(result)}


def _clean(v):
    """openpyxl refuses control characters in cells; a report may hold some."""
    if isinstance(v, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", v.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return v


def assemble(parts, stats, opts) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill
    except ImportError:
        from ..errors import ReportlintError

        raise ReportlintError("--format xlsx 需要 openpyxl：pip install 'reportlint[xlsx]'（或 pip install openpyxl）") from None
    wb = Workbook()
    ws = wb.active
    ws.title = "报告"
    ws.append([name for _, name in _review.COLUMNS])
    red = Font(color="C00000", bold=True)
    for p in parts:
        r = p["row"]
        ws.append([_clean(r[k]) for k, _ in _review.COLUMNS])
        for col, (k, _) in enumerate(_review.COLUMNS, 1):
            cell = ws.cell(row=ws.max_row, column=col)
            if k in ("copied", "copied_last_year") and r[k] != "":
                cell.number_format = "0%"
            if r[k] == _review.MISSING or (k == "date" and str(r[k]).startswith(("逾期", "过早"))):
                cell.font = red
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for ws_ in (ws,):
        for c in ws_[1]:
            c.font, c.fill = bold, fill
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJKLMNOPQ", (28, 18, 36, 8, 8, 10, 10, 12, 16, 10, 10, 20, 10, 10, 6, 6, 12)):
        ws.column_dimensions[col].width = width

    fs = wb.create_sheet("问题")
    fs.append([name for _, name in _review.FINDING_COLUMNS])
    for p in parts:
        for f in p["findings"]:
            fs.append([_clean(SEVERITY.get(f[k], f[k]) if k == "severity" else f[k])
                       for k, _ in _review.FINDING_COLUMNS])
    for c in fs[1]:
        c.font, c.fill = bold, fill
    fs.freeze_panes = "A2"
    fs.auto_filter.ref = fs.dimensions
    for col, width in zip("ABCDEFGHI", (28, 6, 6, 14, 24, 8, 6, 60, 40)):
        fs.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
