"""``--format github``: GitHub Actions workflow commands (``::error file=…,line=…::message``).

Escaped as GitHub's toolkit does (``@actions/core``): in the message ``%`` ``\\r`` ``\\n``
become ``%25`` ``%0D`` ``%0A``; in properties (``file=``, ``title=``) also ``:`` → ``%3A`` and
``,`` → ``%2C``, so a file name with a comma or a newline cannot end a property or a command.
In a Word document or a PDF the message names the place (``…（第 12 段）``), as in text output."""
from __future__ import annotations

from ..violation import locate
from . import message_with_places, printable

NAME = "github"
HELP = "GitHub Actions 注释（::error file=…,line=…::消息）"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _printable(s: str) -> str:
    # after GitHub's escapes, what is left that a log cannot show (other controls, an
    # undecodable byte of a file name) is written as \x1b, \xff
    return printable(s)


def render(result, opts) -> str:
    out = []
    path = _printable(escape_property(result.path))
    for v in result.violations:
        loc = locate(result.doc, v.start, v.end)
        out.append(f"::{LEVEL[v.severity.value]} file={path},line={loc.line},col={loc.column},"
                   f"endLine={loc.end_line},endColumn={loc.end_column},"
                   f"title={escape_property(f'{v.code} {v.rule}')}::{_printable(escape_data(message_with_places(result, v)))}")
    return "\n".join(out)


def assemble(parts, stats, opts) -> str:
    return "\n".join(p for p in parts if p)
