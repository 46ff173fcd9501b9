"""Output formats: text (ruff's full format), concise, json (a versioned contract), github.

Every formatter reads positions through :func:`reportlint.violation.locate` only.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter

from . import __version__
from .violation import Severity, locate

JSON_VERSION = 1
COLORS = {"error": "31", "warning": "33", "info": "36"}


def width(s: str) -> int:
    """Terminal display width: Han characters and full-width forms take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


class Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.color else s


# ----------------------------------------------------------------------------- json
def _loc(doc, start, end) -> dict:
    loc = locate(doc, start, end)
    return {"line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "offset": start, "end_offset": end}


def violation_json(doc, v) -> dict:
    d = {"rule": v.rule, "code": v.code, "severity": v.severity.value, "message": v.message}
    d.update(_loc(doc, v.start, v.end))
    d["fix"] = None if v.fix is None else {
        **_loc(doc, v.fix.start, v.fix.end), "replacement": v.fix.replacement, "safe": v.fix.safe}
    d["related"] = [{**_loc(doc, r.start, r.end), "message": r.message} for r in v.related]
    return d


def document_json(doc) -> dict:
    return {
        "report_year": doc.report_year,
        "title": doc.title.text if doc.title else None,
        "sections": [{"kind": s.kind, "line": doc.position(s.heading.start)[0], "heading": s.heading.text}
                     for s in doc.parts],
    }


def summary(results) -> dict:
    return {
        "files": len(results),
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
        "infos": sum(r.count(Severity.INFO) for r in results),
    }


def format_json(results) -> str:
    files = []
    for r in results:
        entry = {"path": r.path,
                 "document": document_json(r.doc) if r.doc else None,
                 "violations": [violation_json(r.doc, v) for v in r.violations] if r.doc else [],
                 "error": r.error}
        if r.fixed:
            entry["fixed"] = r.fixed
        files.append(entry)
    out = {"version": JSON_VERSION, "tool": {"name": "reportlint", "version": __version__},
           "files": files, "summary": summary(results)}
    return json.dumps(out, ensure_ascii=False, indent=1)


# ----------------------------------------------------------------------------- text
def _excerpt(line: str, c0: int, c1: int, room: int = 60) -> tuple[str, int, int]:
    """Cut a long line down to a window around columns c0..c1 (0-based); returns the
    excerpt and the new c0, c1."""
    if width(line) <= room + 20:
        return line, c0, c1
    left = max(0, c0 - 20)
    right = min(len(line), max(c1, c0 + 1) + 30)
    while right - left > room + 20 and right > c1 + 5:
        right -= 1
    pre = "…" if left > 0 else ""
    post = "…" if right < len(line) else ""
    return pre + line[left:right] + post, c0 - left + len(pre), c1 - left + len(pre)


def _snippet(doc, v, style: Style) -> list[str]:
    loc = locate(doc, v.start, v.end)
    line = doc.line_text(loc.line - 1)
    c0 = loc.column - 1
    c1 = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    shown, c0, c1 = _excerpt(line, c0, c1)
    num = str(loc.line)
    pad = " " * len(num)
    caret = " " * width(shown[:c0]) + "^" * max(1, width(shown[c0:c1]))
    colour = COLORS[v.severity.value]
    out = [f"{pad} |", f"{num} | {shown}", f"{pad} | {style(caret, colour)}"]
    for r in v.related:
        rl = locate(doc, r.start, r.end)
        out.append(f"{pad} = {r.message}：第 {rl.line} 行第 {rl.column} 列")
    if v.fix is not None:
        what = "删除" if not v.fix.replacement else f"改为“{v.fix.replacement}”"
        out.append(f"{pad} = {'可自动修正' if v.fix.safe else '建议'}：{what}")
    return out


def _head(r, v, style: Style) -> str:
    loc = locate(r.doc, v.start, v.end)
    sev = v.severity
    tag = style(f"{v.code}", "1;" + COLORS[sev.value])
    return f"{style(r.path, '1')}:{loc.line}:{loc.column}: {tag} [{v.rule}] {v.message}"


def format_text(results, *, color=False, quiet=False, concise=False, max_per_rule=5,
                statistics=False, fix_mode=False) -> str:
    style = Style(color)
    lines: list[str] = []
    for r in results:
        if r.error:
            continue  # errors go to stderr, one line each (see cli)
        shown = Counter()
        hidden: Counter = Counter()
        hidden_fixable: Counter = Counter()
        for v in r.violations:
            if max_per_rule and shown[v.rule] >= max_per_rule:
                hidden[v.rule] += 1
                hidden_fixable[v.rule] += v.fix is not None and v.fix.safe
                continue
            shown[v.rule] += 1
            lines.append(_head(r, v, style))
            if not concise:
                lines.extend(_snippet(r.doc, v, style))
                lines.append("")
        for rule, n in hidden.items():
            hint = "，可用 --fix 修正" if hidden_fixable[rule] == n else ""
            lines.append(f"{r.path}: [{rule}] …及另外 {n} 处{hint}（--format json 或 --max-per-rule 0 列出全部）")
        if hidden and not concise:
            lines.append("")
    if statistics:
        lines.extend(format_statistics(results))
    if not quiet:
        lines.append(summary_line(results, fix_mode))
    return "\n".join(lines)


def format_statistics(results) -> list[str]:
    counts: Counter = Counter()
    fixable: Counter = Counter()
    codes = {}
    for r in results:
        for v in r.violations:
            counts[v.rule] += 1
            fixable[v.rule] += v.fix is not None and v.fix.safe
            codes[v.rule] = v.code
    out = []
    for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], codes[kv[0]])):
        mark = "[*]" if fixable[rule] == n else "   "
        out.append(f"{n:>5}  {codes[rule]:<6} {mark} {rule}")
    if out:
        out.append("")
    return out


def summary_line(results, fix_mode=False) -> str:
    s = summary(results)
    total = s["errors"] + s["warnings"] + s["infos"]
    fixed = sum(r.fixed for r in results)
    fixable = sum(1 for r in results for v in r.violations if v.fix is not None and v.fix.safe)
    failed = sum(1 for r in results if r.error)
    parts = []
    if fix_mode and fixed:
        parts.append(f"已修正 {fixed} 处。")
    if total:
        parts.append(f"共 {total} 个问题（错误 {s['errors']}，警告 {s['warnings']}，提示 {s['infos']}），"
                     f"检查了 {s['files']} 个文件。")
        if fixable and not fix_mode:
            parts.append(f"其中 {fixable} 个可用 --fix 自动修正。")
    else:
        parts.append(f"未发现问题，检查了 {s['files'] - failed} 个文件。")
    if failed:
        parts.append(f"{failed} 个文件无法读取。")
    return "".join(parts)


# ----------------------------------------------------------------------------- github
def _gh_escape(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(results) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for r in results:
        for v in r.violations:
            loc = locate(r.doc, v.start, v.end)
            out.append(f"::{level[v.severity.value]} file={r.path},line={loc.line},col={loc.column},"
                       f"endLine={loc.end_line},endColumn={loc.end_column},title={v.code} {v.rule}::"
                       f"{_gh_escape(v.message)}")
    return "\n".join(out)
