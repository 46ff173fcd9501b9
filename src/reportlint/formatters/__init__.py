"""Output formats: one module per format, the module name being the format name with
``-`` → ``_``; adding a module registers it (``--format`` lists what this package holds).

A formatter module defines

* ``NAME``      the format name (``"json"``);
* ``HELP``      one line for ``--help``;
* ``BINARY``    (optional) True when :func:`assemble` returns bytes (a spreadsheet);
* ``render(result, opts)``: one file's part of the output, from its
  :class:`~reportlint.api.FileResult`. It runs where the file was linted (a worker process
  with ``--jobs``), so what it returns must be small and picklable (a string, usually);
* ``assemble(parts, stats, opts)``: the whole output from the parts, in the order of the
  files, and each file's :class:`FileStats` (counts for summaries and statistics).

Formatters read positions through :func:`reportlint.violation.locate` only, and a file's
places (Word paragraphs, PDF pages) through :func:`place_of`.
"""
from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from ..violation import Severity


def available() -> list[str]:
    """The format names, the default (text) first."""
    names = sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return sorted(names, key=lambda n: n != "text")


@lru_cache(maxsize=None)
def load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")


@dataclass(frozen=True)
class Options:
    color: bool = False
    quiet: bool = False
    max_per_rule: int = 5
    statistics: bool = False
    fix_mode: bool = False


@dataclass
class FileStats:
    """What summaries need of one file, small enough to send from a worker."""
    path: str
    error: str | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fixed: int = 0
    fixable: int = 0                              # findings with a safe fix
    by_rule: dict = field(default_factory=dict)   # rule -> [code, findings, with a safe fix]

    @classmethod
    def of(cls, result) -> "FileStats":
        st = cls(result.path, result.error, fixed=result.fixed)
        for v in result.violations:
            if v.severity == Severity.ERROR:
                st.errors += 1
            elif v.severity == Severity.WARNING:
                st.warnings += 1
            else:
                st.infos += 1
            safe = v.fix is not None and v.fix.safe
            st.fixable += safe
            entry = st.by_rule.setdefault(v.rule, [v.code, 0, 0])
            entry[1] += 1
            entry[2] += safe
        return st


def summary(stats) -> dict:
    return {
        "files": len(stats),
        "errors": sum(s.errors for s in stats),
        "warnings": sum(s.warnings for s in stats),
        "infos": sum(s.infos for s in stats),
    }


def format_results(name: str, results, opts: Options = Options()):
    """The whole output of format ``name`` for results linted in this process."""
    mod = load(name)
    return mod.assemble([mod.render(r, opts) for r in results], [FileStats.of(r) for r in results], opts)


def place_of(result, offset: int):
    """The :class:`~reportlint.places.Place` of an offset in a file read by a reader that
    knows its places (a .docx paragraph, a PDF page and line), else None."""
    src = result.source
    places = getattr(src, "places", None) if src is not None else None
    return places.at(offset) if places else None


def place_note(result, offset: int) -> str:
    """``（第 12 段）`` after a position, in a file whose reader knows places; else ``""``."""
    place = place_of(result, offset)
    return f"（{place.label}）" if place is not None else ""


def width(s: str) -> int:
    """Terminal display width: Han characters and full-width forms take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


COLORS = {"error": "31", "warning": "33", "info": "36"}


class Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.color else s


def count_by_rule(stats) -> tuple[Counter, Counter, dict]:
    counts: Counter = Counter()
    fixable: Counter = Counter()
    codes = {}
    for s in stats:
        for rule, (code, n, nfix) in s.by_rule.items():
            counts[rule] += n
            fixable[rule] += nfix
            codes[rule] = code
    return counts, fixable, codes
