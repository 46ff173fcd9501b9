"""The reviewer's table, shared by ``html``, ``xlsx`` and ``csv``: one row per report and its
findings, read from the same results as ``json`` (the model's document and the findings of
the mission rules) — a view, not a second linter.

Per report: issuer, title, report year; each statutory part present or missing (the parts
the model found, as required-section counts them); the first-responsible part (its own
part, only mentioned elsewhere — first-responsible-section's warning —, or missing); causes
given (missing-causes); problems without a remedy (unpaired-problem findings); the date
verdict (publication-date: late, or before the year ended; else on time when the report
has a date, unknown when it has none); the share of the body copied from other issuers'
reports (copied-between-reports) and from last year's (copied-from-last-year); errors and
warnings.
"""
from __future__ import annotations

from ..violation import locate
from . import place_of

PARTS = (("measures", "举措和成效"), ("shortcomings", "不足和原因"), ("plan", "下一年度安排"))
COLUMNS = (
    ("path", "文件"), ("issuer", "报告单位"), ("title", "题目"), ("report_year", "报告年度"),
    ("year_check", "年度核对"),
    *((f"part_{k}", name) for k, name in PARTS),
    ("first_responsible", "第一责任人部分"), ("causes", "不足的原因"), ("unpaired", "无对应措施的问题"),
    ("date", "公开/成文日期"), ("copied", "与他人雷同"), ("copied_last_year", "与上年重复"),
    ("errors", "错误"), ("warnings", "警告"), ("read_error", "无法读取"),
)
FINDING_COLUMNS = (("path", "文件"), ("line", "行"), ("column", "列"), ("place", "位置"), ("rule", "规则"),
                   ("code", "代码"), ("severity", "级别"), ("message", "说明"), ("quote", "原文"))
PRESENT, MISSING = "有", "缺"
CONTEXT = 40          # characters of context either side of a quoted finding


def _issuer(doc) -> str:
    from ..corpus._issuer import issuer_name

    return issuer_name(doc) or ""


def _covered(doc) -> set:
    from ..parts import matching_kinds

    kinds = set()
    for p in doc.parts:
        kinds.add(p.kind)
        if p.kind != "other":
            kinds |= matching_kinds(p.heading.norm, doc.parts_config)
    return kinds


def _share(doc, violations, rule: str) -> float:
    body = sum(e - s for s, e in doc.spans("body")) or 1
    covered, last = 0, 0
    for v in sorted((v for v in violations if v.rule == rule), key=lambda v: v.start):
        s = max(v.start, last)
        if v.end > s:
            covered += v.end - s
            last = v.end
    return round(min(1.0, covered / body), 3)


def row(result) -> dict:
    """The table row of one report (plain data, picklable)."""
    r = {k: "" for k, _ in COLUMNS}
    r["path"] = result.path
    if result.doc is None:
        r["read_error"] = result.error or ""
        return r
    doc, vs = result.doc, result.violations
    by_rule: dict = {}
    for v in vs:
        by_rule.setdefault(v.rule, []).append(v)
    r["issuer"] = _issuer(doc)
    r["title"] = doc.title.text if doc.title else ""
    r["report_year"] = doc.report_year if doc.report_year is not None else ""
    wrong = by_rule.get("report-year", ())       # only with --report-year
    if wrong:
        r["year_check"] = "未写年度" if doc.report_year is None else "不符"
    covered = _covered(doc)
    for k, _ in PARTS:
        r[f"part_{k}"] = PRESENT if k in covered else MISSING
    if "first-responsible" in covered:
        r["first_responsible"] = PRESENT
    elif any(v.severity.value == "warning" for v in by_rule.get("first-responsible-section", ())):
        r["first_responsible"] = "未单列（仅顺带提及）"
    else:
        r["first_responsible"] = MISSING
    if "shortcomings" not in covered:
        r["causes"] = "—"
    else:
        r["causes"] = "未写原因" if by_rule.get("missing-causes") else "已写"
    r["unpaired"] = len(by_rule.get("unpaired-problem", ()))
    late = by_rule.get("publication-date", ())
    if late:
        v = late[0]
        what = "过早" if "尚未结束" in v.message else "逾期"
        r["date"] = f"{what}（{doc.text[v.start:v.end]}）"
    else:
        r["date"] = "按时" if _has_date(doc) else "未见日期"
    r["copied"] = _share(doc, vs, "copied-between-reports")
    r["copied_last_year"] = _share(doc, vs, "copied-from-last-year")
    r["errors"] = sum(1 for v in vs if v.severity.value == "error")
    r["warnings"] = sum(1 for v in vs if v.severity.value == "warning")
    return r


def _has_date(doc) -> bool:
    dates = getattr(doc, "dates", None)
    if dates is not None:          # the model's dates (a model that reads them)
        return any(d.role in ("published", "signed") for d in dates)
    from ..kinds import publication_date as pd   # a model without dates: the rule's own reading

    web = pd.prepare({k: o.default for k, o in pd.OPTIONS.items()})[0]
    return next(iter(pd.candidates(doc, web)), None) is not None


def findings(result) -> list[dict]:
    """Every finding of one report, with its place and the quoted text in context."""
    if result.doc is None:
        return []
    doc = result.doc
    out = []
    for v in result.violations:
        loc = locate(doc, v.start, v.end)
        place = place_of(result, v.start)
        line = doc.line_text(loc.line - 1)
        c0 = loc.column - 1
        c1 = loc.end_column - 1 if loc.end_line == loc.line else len(line)
        left, right = max(0, c0 - CONTEXT), min(len(line), max(c1, c0) + CONTEXT)
        quote_end = min(c1, c0 + 200)
        out.append({
            "path": result.path, "line": loc.line, "column": loc.column,
            "place": place.label if place is not None else f"第 {loc.line} 行第 {loc.column} 列",
            "rule": v.rule, "code": v.code, "severity": v.severity.value, "message": v.message,
            "quote": line[c0:quote_end] + ("…" if quote_end < c1 else ""),
            "before": ("…" if left > 0 else "") + line[left:c0],
            "after": line[quote_end:right] + ("…" if right < len(line) else "") if quote_end == c1 else "",
            "related": [_related(doc, rel) for rel in v.related],
        })
    return out


def _related(doc, rel) -> str:
    if rel.path is not None:
        where = f"{rel.path}:{rel.loc[0]}:{rel.loc[1]}" + (f"（{rel.place['label']}）" if rel.place else "")
    else:
        loc = locate(doc, rel.start, rel.end)
        where = f"第 {loc.line} 行第 {loc.column} 列"
    return f"{rel.message}：{where}"


def summary(rows) -> dict:
    """What the top of the review page says: how many reports lack each part, are late, copied."""
    ok = [r for r in rows if not r["read_error"]]
    return {
        "reports": len(rows),
        "unreadable": len(rows) - len(ok),
        "missing": {name: sum(1 for r in ok if r[f"part_{k}"] == MISSING) for k, name in PARTS},
        "first_responsible": sum(1 for r in ok if r["first_responsible"] != PRESENT),
        "no_causes": sum(1 for r in ok if r["causes"] == "未写原因"),
        "unpaired": sum(1 for r in ok if r["unpaired"]),
        "late": sum(1 for r in ok if str(r["date"]).startswith(("逾期", "过早"))),
        "copied": sum(1 for r in ok if r["copied"]),
        "copied_last_year": sum(1 for r in ok if r["copied_last_year"]),
        "wrong_year": sum(1 for r in ok if r["year_check"]),
    }


def percent(x) -> str:
    return f"{round(float(x) * 100)}%" if x not in ("", None) else ""
