"""``--format json``: one JSON document, the versioned contract of docs/json-format.md."""
from __future__ import annotations

import json

from .. import __version__
from ..violation import locate
from . import json_safe, summary

NAME = "json"
HELP = "一个 JSON 文档（版本化的契约，见 docs/json-format.md）"
JSON_VERSION = 1


def _loc(doc, start, end) -> dict:
    loc = locate(doc, start, end)
    return {"line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "offset": start, "end_offset": end}


def violation_json(doc, v) -> dict:
    d = {"rule": v.rule, "code": v.code, "severity": v.severity.value, "message": v.message}
    d.update(_loc(doc, v.start, v.end))
    d["fix"] = None if v.fix is None else {
        **_loc(doc, v.fix.start, v.fix.end), "replacement": v.fix.replacement, "safe": v.fix.safe}
    d["related"] = [related_json(doc, r) for r in v.related]
    return d


def related_json(doc, r) -> dict:
    """A related place; one in another file (a finding across reports) has its ``path``,
    and its line/column located in that file."""
    if r.path is None:
        return {**_loc(doc, r.start, r.end), "message": r.message}
    line, column, end_line, end_column = r.loc
    out = {"path": r.path, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
           "offset": r.start, "end_offset": r.end, "message": r.message}
    if r.place:
        out["place"] = r.place
    return out


def document_json(doc) -> dict:
    return {
        "report_year": doc.report_year,
        "title": doc.title.text if doc.title else None,
        "sections": [{"kind": s.kind, "line": doc.position(s.heading.start)[0], "heading": s.heading.text}
                     for s in doc.parts],
    }


def file_json(r) -> dict:
    entry = {"path": r.path,
             "document": document_json(r.doc) if r.doc else None,
             "violations": [violation_json(r.doc, v) for v in r.violations] if r.doc else [],
             "error": r.error}
    if r.fixed:
        entry["fixed"] = r.fixed
    return entry


def render(result, opts) -> str:
    # the entry as it stands inside the whole document (two levels deep at indent=1)
    return json.dumps(file_json(result), ensure_ascii=False, indent=1).replace("\n", "\n  ")


def assemble(parts, stats, opts) -> str:
    head = {"version": JSON_VERSION, "tool": {"name": "reportlint", "version": __version__}}
    out = json.dumps(head, ensure_ascii=False, indent=1)[:-2]   # without the closing "\n}"
    files = "[]" if not parts else "[\n  " + ",\n  ".join(parts) + "\n ]"
    tail = json.dumps(summary(stats), ensure_ascii=False, indent=1).replace("\n", "\n ")
    return json_safe(f'{out},\n "files": {files},\n "summary": {tail}\n}}')
