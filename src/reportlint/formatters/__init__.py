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
  files, and each file's :class:`FileStats` (counts for summaries and statistics);
* ``chunks(parts, stats, opts)`` (optional): the same output as an iterable of strings whose
  concatenation is ``assemble``'s result, taking the parts one at a time, for formats whose
  output can be large (JSON): the command line writes it piece by piece (:func:`output_chunks`)
  instead of holding a second copy of a batch's whole output.

Formatters read positions through :func:`reportlint.violation.locate` only, and a file's
places (Word paragraphs, PDF pages) through :func:`place_of`; a message shown to people goes
through :func:`message_with_places`, which names those places (JSON keeps the rules' words). What a file says about the
rules that found something (code, summary, description: SARIF's rule table) is in
``result.rule_info`` (:func:`rule_info`). Text shown on a terminal goes through
:func:`printable`, so a control character in a file name or a report is never printed raw.
"""

import importlib
import unicodedata
from collections import Counter
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

import regex as re

from .. import family
from ..violation import Severity, locate


def available() -> list[str]:
    """The format names, the default (text) first."""
    return sorted(family.names(__path__), key=lambda n: n != "text")


@lru_cache(maxsize=None)
def load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")


class Options(NamedTuple):
    color: bool = False
    quiet: bool = False
    max_per_rule: int = 5
    statistics: bool = False
    fix_mode: bool = False


class FileStats:
    """What summaries need of one file, small enough to send from a worker."""

    def __init__(self, path: str, error: str | None = None, errors: int = 0, warnings: int = 0,
                 infos: int = 0, fixed: int = 0, fixable: int = 0, by_rule: dict | None = None,
                 baseline: str | None = None, baselined: int = 0, baseline_unmatched: int = 0,
                 checked: bool = True):
        self.path, self.error = path, error
        self.errors, self.warnings, self.infos = errors, warnings, infos
        self.fixed = fixed
        self.fixable = fixable                    # findings with a safe fix
        self.by_rule = {} if by_rule is None else by_rule   # rule -> [code, findings, with a safe fix]
        self.baseline = baseline                  # the baseline file applied, if any
        self.baselined = baselined                # findings it held (not reported)
        self.baseline_unmatched = baseline_unmatched   # its entries for this file that matched nothing
        self.checked = checked                    # False: the file could not be read at all

    @classmethod
    def of(cls, result) -> "FileStats":
        st = cls(result.path, result.error, fixed=result.fixed,
                 baseline=getattr(result, "baseline", None), baselined=getattr(result, "baselined", 0),
                 baseline_unmatched=getattr(result, "baseline_unmatched", 0),
                 checked=getattr(result, "doc", None) is not None)
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
    out = {
        "files": len(stats),
        "errors": sum(s.errors for s in stats),
        "warnings": sum(s.warnings for s in stats),
        "infos": sum(s.infos for s in stats),
    }
    if any(s.baseline for s in stats):
        out["baseline"] = {"matched": sum(s.baselined for s in stats),
                           "unmatched": sum(s.baseline_unmatched for s in stats)}
    return out


def rule_info(rules, violations) -> dict:
    """What output formats say about the rules behind ``violations`` (SARIF's rule table):
    ``{name: {"code", "severity", "summary", "description", "source"}}``; small and picklable.
    Descriptions are unwrapped (rule files break lines inside sentences); the summary is the
    rule's own ``summary`` if it has one, else the description's first sentence."""
    used = {v.rule for v in violations}
    out = {}
    for r in rules:
        if r.name in used and r.name not in out:
            description = unwrap(r.description or "")
            summary_ = unwrap(getattr(r, "summary", "") or "") or first_sentence(description)
            out[r.name] = {"code": r.code, "severity": r.severity.value, "summary": summary_,
                           "description": description, "source": unwrap(r.source or "")}
    return out


def _joins_without_space(a: str, b: str) -> bool:
    return not a or not b or not (a[-1].isascii() and b[0].isascii())


def unwrap(text: str) -> str:
    """Join the lines of each paragraph (blank lines separate paragraphs): without a space
    between Chinese, with one between ASCII words."""
    paragraphs = []
    for para in text.strip().split("\n\n"):
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        joined = ""
        for ln in lines:
            joined += ln if _joins_without_space(joined, ln) else " " + ln
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def first_sentence(text: str) -> str:
    first = text.split("\n\n")[0]
    end = first.find("。")
    return first[:end + 1] if end >= 0 else first


def output_chunks(mod: ModuleType, parts, stats, opts):
    """The output of formatter ``mod`` as pieces: its ``chunks`` if it has them, else the whole
    of ``assemble`` as one piece."""
    chunks = getattr(mod, "chunks", None)
    return chunks(parts, stats, opts) if chunks is not None else iter((mod.assemble(parts, stats, opts),))


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


_LINE_REF = re.compile(r"第 (\d+) 行(?:第 \d+ 列)?")


def message_with_places(result, v, trailing: bool = True) -> str:
    """A finding's message for people, in a file whose reader knows its places: each line it
    cites is followed by that line's place (``与第 4 行（第 3 段）重复``), and, with
    ``trailing``, the finding's own place ends it (``…请改写或删去（第 6 段）``). Unchanged for
    other files, so a .txt report reads as the rules wrote it."""
    src = result.source
    places = getattr(src, "places", None) if src is not None else None
    if not places:
        return v.message
    doc = result.doc
    # a finding that also points into another file (a copy between reports) cites that file's
    # lines too: then only the lines of its related places in this file are this file's
    elsewhere = any(getattr(r, "path", None) for r in v.related)
    own = {locate(doc, r.start, r.end).line for r in v.related if not getattr(r, "path", None)} if elsewhere else None

    def cite(m):
        n = int(m.group(1))
        if not 1 <= n <= len(doc.lines) or (own is not None and n not in own):
            return m.group()
        place = places.at(doc.lines[n - 1].start)
        return f"{m.group()}（{place.label}）" if place is not None else m.group()

    message = _LINE_REF.sub(cite, v.message) if "行" in v.message else v.message
    return message + (place_note(result, v.start) if trailing else "")


# C0 and C1 controls, DEL, line/paragraph separators, bidi controls, lone surrogates
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m) -> str:
    c = m.group()
    o = ord(c)
    if c in _NAMED:
        return _NAMED[c]
    if 0xDC80 <= o <= 0xDCFF:        # an undecodable byte of a file name (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def printable(s: str) -> str:
    """``s`` with control characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``): for
    file names and messages on a terminal, so that nothing printed can break a line or
    steer the terminal."""
    return _UNPRINTABLE.sub(_escape, s) if _UNPRINTABLE.search(s) else s


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text with lone surrogates (an undecodable byte of a file name) written as ``\\udcff``
    escapes: valid JSON that can be encoded as UTF-8, and that ``json.loads`` turns back into
    the name Python would use for that file."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _SURROGATE.search(text) else text


def width(s: str) -> int:
    """Terminal display width: Han characters and full-width forms take two columns."""
    if s.isascii():
        return len(s)
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
