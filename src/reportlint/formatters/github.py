"""``--format github``: GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
from __future__ import annotations

from ..violation import locate

NAME = "github"
HELP = "GitHub Actions 注释（::error file=…,line=…）"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(result, opts) -> str:
    out = []
    for v in result.violations:
        loc = locate(result.doc, v.start, v.end)
        out.append(f"::{LEVEL[v.severity.value]} file={result.path},line={loc.line},col={loc.column},"
                   f"endLine={loc.end_line},endColumn={loc.end_column},title={v.code} {v.rule}::"
                   f"{_gh_escape(v.message)}")
    return "\n".join(out)


def assemble(parts, stats, opts) -> str:
    return "\n".join(p for p in parts if p)
