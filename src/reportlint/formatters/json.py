"""``--format json``: one JSON document, the versioned contract of docs/json-format.md."""
from __future__ import annotations

import json

from .. import __version__
from ..violation import locate
from . import json_safe, place_of, summary

NAME = "json"
HELP = "一个 JSON 文档（版本化的契约，见 docs/json-format.md）"
JSON_VERSION = 1


def _loc(doc, start, end) -> dict:
    loc = locate(doc, start, end)
    return {"line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "offset": start, "end_offset": end}


def place_json(result, offset: int) -> dict:
    """``{"place": {"label": "第 12 段", "paragraph": 12}}`` where the file's reader knows its
    places, ``{}`` otherwise (the field is absent for plain text)."""
    if result is None or result.source is None or not result.source.places:
        return {}
    place = place_of(result, offset)
    return {"place": None if place is None else {"label": place.label, **place.data}}


def violation_json(doc, v, result=None) -> dict:
    d = {"rule": v.rule, "code": v.code, "severity": v.severity.value, "message": v.message}
    d.update(_loc(doc, v.start, v.end))
    d.update(place_json(result, v.start))
    d["fix"] = None if v.fix is None else {
        **_loc(doc, v.fix.start, v.fix.end), **place_json(result, v.fix.start),
        "replacement": v.fix.replacement, "safe": v.fix.safe}
    d["related"] = [related_json(doc, r, result) for r in v.related]
    return d


def related_json(doc, r, result=None) -> dict:
    """A related place; one in another file (a finding across reports) has its ``path``, its
    line/column located in that file and, for a file with places, its ``place`` there."""
    if r.path is None:
        return {**_loc(doc, r.start, r.end), **place_json(result, r.start), "message": r.message}
    line, column, end_line, end_column = r.loc
    out = {"path": r.path, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
           "offset": r.start, "end_offset": r.end}
    if r.place:
        out["place"] = dict(r.place)
    out["message"] = r.message
    return out


def document_json(doc) -> dict:
    issuer = doc.issuer
    return {
        "report_year": doc.report_year,
        "title": doc.title.text if doc.title else None,
        "sections": [{"kind": s.kind, "line": doc.position(s.heading.start)[0], "heading": s.heading.text}
                     for s in doc.parts],
        "issuer": issuer.name if issuer else None,
        "issuer_kind": issuer.kind if issuer else None,
        "dates": [{"role": d.role, "label": d.label, "text": doc.text[d.start:d.end],
                   "date": d.date.isoformat() if d.date else None, "line": doc.position(d.start)[0]}
                  for d in doc.dates if d.role != "other"],
    }


def file_json(r) -> dict:
    return _entry(r, [violation_json(r.doc, v, r) for v in r.violations] if r.doc else [])


def _entry(r, violations) -> dict:
    entry = {"path": r.path,
             "document": document_json(r.doc) if r.doc else None,
             "violations": violations,
             "error": r.error}
    if r.fixed:
        entry["fixed"] = r.fixed
    return entry


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=1)
_MARK = "\0reportlint-violations\0"


def render(result, opts) -> str:
    # the entry as it stands inside the whole document (two levels deep at indent=1); findings
    # are encoded one at a time (a file with thousands never holds them all as dicts at once),
    # into exactly the text json.dumps gives for the whole entry
    if result.doc is None or not result.violations:
        return _ENCODER.encode(file_json(result)).replace("\n", "\n  ")
    head, tail = _ENCODER.encode(_entry(result, _MARK)).split(_ENCODER.encode(_MARK), 1)
    pieces = [head.replace("\n", "\n  "), "[\n    "]
    for k, v in enumerate(result.violations):
        if k:
            pieces.append(",\n    ")
        pieces.append(_ENCODER.encode(violation_json(result.doc, v, result)).replace("\n", "\n    "))
    pieces += ["\n   ]", tail.replace("\n", "\n  ")]
    return "".join(pieces)


def assemble(parts, stats, opts) -> str:
    return "".join(chunks(parts, stats, opts))


def chunks(parts, stats, opts):
    """The document in pieces (head, each file's part, tail), taking ``parts`` one at a time."""
    head = {"version": JSON_VERSION, "tool": {"name": "reportlint", "version": __version__}}
    out = json.dumps(head, ensure_ascii=False, indent=1)[:-2]   # without the closing "\n}"
    yield json_safe(f'{out},\n "files": ')
    if not len(parts):
        yield "[]"
    else:
        for k, part in enumerate(parts):
            yield json_safe(("[\n  " if k == 0 else ",\n  ") + part)
        yield "\n ]"
    tail = json.dumps(summary(stats), ensure_ascii=False, indent=1).replace("\n", "\n ")
    yield json_safe(f',\n "summary": {tail}\n}}')
