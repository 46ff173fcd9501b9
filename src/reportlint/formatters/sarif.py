"""``--format sarif``: SARIF 2.1.0 (OASIS), the format GitHub code scanning and other review
tools import. One run; ``tool.driver`` names reportlint and lists the rules that found
something (sorted by code): ``id`` (the code), ``name``, ``shortDescription`` (the rule's
summary), ``fullDescription`` and ``help`` (its description and source, as
``reportlint explain`` shows them), ``defaultConfiguration.level``.

Each result has ``ruleId``, ``ruleIndex``, ``level`` (``error`` / ``warning`` / ``note``),
``message``, one location and the related places (``relatedLocations``), a fingerprint that
survives lines moving (``partialFingerprints.primaryLocationLineHash``: the hash of rule,
text and context of :func:`reportlint.baseline.fingerprint` and the occurrence number, as
``hash:n``), and the finding's **safe** fix as a SARIF ``fix`` (an artifact change replacing
a region) — suggestions are not fixes.

Positions: ``run.columnKind`` is ``unicodeCodePoints``, so ``startColumn`` / ``endColumn``
count code points like every column reportlint prints; ``endColumn`` is the column after the
last character (an empty region marks a place). ``charOffset`` / ``charLength`` are given when
the file's line ends are ``\\n`` (SARIF counts characters of the file as it is, where a
``\\r\\n`` is two; a byte-order mark is not counted, as SARIF says). A file the text does not
come from verbatim (a Word document, a PDF: a *binary* artifact for SARIF, which has no lines)
gets no region: its location names the file and, in ``message``, the place (``第 12 段``); a
line the result's message cites is followed by its place (``与第 4 行（第 3 段）重复``).

Paths: an ``artifactLocation.uri`` is relative to the working directory (``uriBaseId``
``%SRCROOT%``, given in ``originalUriBaseIds`` and ``invocations[0].workingDirectory``) when
the file is under it, else an absolute ``file:`` URI; percent-encoded. Run reportlint from the
repository's root for GitHub. Files that cannot be read are ``toolExecutionNotifications`` of
the invocation, whose ``executionSuccessful`` is then false.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..baseline import fingerprint
from ..violation import locate
from . import json_safe, message_with_places, place_of

NAME = "sarif"
HELP = "SARIF 2.1.0（GitHub 代码扫描等）"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _artifact(path: str, cwd: str) -> dict:
    if path in ("-", ""):
        return {"uri": "-"}
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, cwd) if os.path.splitdrive(absolute)[0] == os.path.splitdrive(cwd)[0] else None
    if rel is not None and not rel.startswith(".."):
        return {"uri": quote(Path(rel).as_posix(), safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}
    return {"uri": Path(absolute).as_uri()}


def _region(doc, start: int, end: int, offsets: bool) -> dict:
    loc = locate(doc, start, end)
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column}
    if offsets:
        region["charOffset"] = start
        region["charLength"] = end - start
    return region


def _physical(artifact: dict, doc, start: int, end: int, text: bool, offsets: bool) -> dict:
    phys = {"artifactLocation": dict(artifact)}
    if text:
        phys["region"] = _region(doc, start, end, offsets)
    return phys


def render(result, opts) -> dict:
    """One file's results as plain data; rule indexes are filled in by :func:`assemble`."""
    cwd = os.getcwd()
    artifact = _artifact(result.path, cwd)
    part = {"path": result.path, "artifact": artifact, "error": result.error, "rules": {}, "results": []}
    if result.doc is None:
        return part
    doc = result.doc
    src = result.source
    text = src is None or src.writable          # the text is the file's own (not a .docx or PDF)
    offsets = text and (src is None or src.newline == "\n")
    info = getattr(result, "rule_info", {}) or {}
    seen: Counter = Counter()
    for v in result.violations:
        key = fingerprint(doc, v)
        seen[key] += 1
        location = {"physicalLocation": _physical(artifact, doc, v.start, v.end, text, offsets)}
        if not text:
            place = place_of(result, v.start)
            loc = locate(doc, v.start, v.end)
            label = place.label if place is not None else f"第 {loc.line} 行"
            location["message"] = {"text": label}
        res = {"ruleId": v.code, "level": LEVEL[v.severity.value],
               "message": {"text": message_with_places(result, v, trailing=False)},
               "locations": [location],
               "partialFingerprints": {"primaryLocationLineHash": f"{key}:{seen[key]}"}}
        related = [(i, r) for i, r in enumerate(v.related, 1) if text or r.path is not None]
        if related:
            res["relatedLocations"] = [_related(i, r, artifact, doc, text, offsets, cwd) for i, r in related]
        if v.fix is not None and v.fix.safe and text:
            what = f"改为“{v.fix.replacement}”" if v.fix.replacement else "删除"
            res["fixes"] = [{"description": {"text": what}, "artifactChanges": [{
                "artifactLocation": dict(artifact),
                "replacements": [{"deletedRegion": _region(doc, v.fix.start, v.fix.end, offsets),
                                  "insertedContent": {"text": v.fix.replacement}}]}]}]
        part["results"].append(res)
        if v.code not in part["rules"]:
            part["rules"][v.code] = _descriptor(v, info.get(v.rule))
    return part


def _related(i: int, r, artifact: dict, doc, text: bool, offsets: bool, cwd: str) -> dict:
    """A related location; one in another file (a finding across reports) has that file's
    own ``uri`` and the region located there (no character offsets: its line ends are not
    known here)."""
    if r.path is None:
        return {"id": i, "physicalLocation": _physical(artifact, doc, r.start, r.end, text, offsets),
                "message": {"text": r.message}}
    line, column, end_line, end_column = r.loc
    phys = {"artifactLocation": _artifact(r.path, cwd)}
    if not r.place:     # a file with places (a .docx) has no lines for SARIF: its place is named instead
        phys["region"] = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {"id": i, "physicalLocation": phys,
            "message": {"text": r.message + (f"（{r.place['label']}）" if r.place else "")}}


def _descriptor(v, info: dict | None) -> dict:
    info = info or {}
    summary = info.get("summary") or v.rule
    description = info.get("description") or summary
    help_text = description + (f"\n\n依据：{info['source']}" if info.get("source") else "") + \
        f"\n\n详见 reportlint explain {v.code}"
    return {"id": v.code, "name": v.rule,
            "shortDescription": {"text": summary}, "fullDescription": {"text": description},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVEL[info.get("severity", v.severity.value)]}}


def sarif_log(parts) -> dict:
    cwd = os.getcwd()
    rules: dict = {}
    for part in parts:
        for code, d in part["rules"].items():
            rules.setdefault(code, d)
    ordered = sorted(rules)
    index = {code: i for i, code in enumerate(ordered)}
    results = []
    for part in parts:
        for res in part["results"]:
            results.append({"ruleId": res["ruleId"], "ruleIndex": index[res["ruleId"]],
                            **{k: v for k, v in res.items() if k != "ruleId"}})
    notifications = [{"level": "error", "message": {"text": f"{p['path']}: {p['error']}"},
                      "locations": [{"physicalLocation": {"artifactLocation": dict(p["artifact"])}}]}
                     for p in parts if p["error"]]
    root_uri = Path(cwd).as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": {"name": "reportlint", "version": __version__, "semanticVersion": __version__,
                            "rules": [rules[c] for c in ordered]}},
        "invocations": [{"executionSuccessful": not notifications,
                         "workingDirectory": {"uri": root_uri},
                         **({"toolExecutionNotifications": notifications} if notifications else {})}],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def assemble(parts, stats, opts) -> str:
    return json_safe(json.dumps(sarif_log(parts), ensure_ascii=False, indent=1))
