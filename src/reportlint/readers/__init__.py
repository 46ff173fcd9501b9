"""Readers: one module per input format, each turning a file into the text the model reads.

A reader module defines

* ``NAME``        its format name (``"text"``, ``"docx"``);
* ``SUFFIXES``    the file name endings it reads (``(".docx",)``);
* ``read(path: Path, shown: str) -> Source``: the file as a :class:`Source`, raising
  :class:`~reportlint.errors.InputError` (one line naming the problem) when it cannot;
* optionally ``reparse(source: Source, text: str) -> Source``: the same file with its text
  changed to ``text`` (what ``--fix`` re-lints after each pass: a reader that derives
  ``view`` or ``masked`` from the text derives them again); without it only the text changes.

and imports its libraries inside ``read`` so that a ``.txt`` run imports none of them. The
registry is the package itself: adding a format is adding a module here (and a test file);
the model, the rules, ``cli.py`` and the formatters do not learn about file types.

A :class:`Source` carries, besides the text, what the formatters and the engine need to
speak of the file in its own terms: ``places`` (text offsets → paragraph, table cell, page
and line), ``masked`` (spans of markup that are never reported nor fixed) and ``furniture``
(spans that are read and checked but are never the title, a heading or a part, such as a
Word document's headers and footers).

``text`` is the document's text as people see it and as ``--fix`` edits it. A reader of a
markup format also gives ``view``, the text the model reads: ``text`` with its markup
blanked to spaces, the same length, so every offset means the same in both (Markdown).
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from ..errors import InputError
from ..places import Places


@dataclass
class Source:
    path: str                 # as given on the command line (or --stdin-filename)
    text: str                 # the text as written: decoded, newlines normalised to \n, BOM removed
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    kind: str = "text"        # the reader's NAME (text · docx …), or stdin
    raw: bytes = b""
    writable: bool = True     # --fix may write it back (plain text files and stdin only)
    places: Places | None = None                 # offsets → places in the file's own terms
    masked: tuple[tuple[int, int], ...] = ()     # markup: never reported, never fixed
    furniture: tuple[tuple[int, int], ...] = ()  # read, but never title / heading / part
    meta: dict = field(default_factory=dict)     # reader-specific facts (page count …)
    view: str | None = None   # what the model reads when it differs from text (markup blanked), same length
    soft_wrap: bool = False   # the format wraps paragraphs over lines (Markdown): a line end is no paragraph end

    def document(self, path: str | None = None, parts: dict | None = None):
        """The :class:`~reportlint.model.Document` the rules read."""
        from ..model import Document

        return Document(self.text if self.view is None else self.view, path=path or self.path,
                        parts=parts or None, furniture=self.furniture, masked=self.masked,
                        original=None if self.view is None else self.text, soft_wrap=self.soft_wrap)

    def encode(self, text: str) -> bytes:
        """``text`` (with \\n line ends) as bytes, the way the file came."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@lru_cache(maxsize=None)
def _load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


@lru_cache(maxsize=1)
def _by_suffix() -> dict[str, ModuleType]:
    out = {}
    for name in _module_names():
        mod = _load(name)
        for suffix in getattr(mod, "SUFFIXES", ()):
            out[suffix] = mod
    return out


def suffixes() -> tuple[str, ...]:
    """Every file ending some reader reads (what a directory search picks up)."""
    return tuple(sorted(_by_suffix()))


def reader_for(path: Path) -> ModuleType:
    """The reader of a file, by its name; plain text for an unknown ending."""
    return _by_suffix().get(path.suffix.lower()) or _load("text")


def reparse(source: Source, text: str, fixes=()) -> Source:
    """``source`` with its text changed to ``text`` by ``fixes``, through its reader's
    ``reparse`` if it has one (see the module docstring); else its masked and furniture spans
    follow the fixes (:func:`reportlint.fix.shift_spans`). ``meta["reader"]`` names the reader
    of standard input."""
    name = source.meta.get("reader", source.kind)
    mod = next((_load(n) for n in _module_names() if getattr(_load(n), "NAME", None) == name), None)
    hook = getattr(mod, "reparse", None)
    if hook is not None:
        return hook(source, text)
    from dataclasses import replace

    from ..fix import shift_spans

    return replace(source, text=text, masked=shift_spans(source.masked, fixes),
                   furniture=shift_spans(source.furniture, fixes))


def read_source(path: str) -> Source:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "文件不存在")
    if p.is_dir():
        raise InputError(path, "是目录，不是文件")
    return reader_for(p).read(p, path)


def read_stdin(name: str) -> Source:
    """Standard input, read as text, or by the reader of ``name`` when that reader reads bytes
    (``from_bytes``: Markdown), so that ``--stdin-filename notes.md`` is parsed as Markdown."""
    from .text import from_bytes

    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    mod = reader_for(Path(name)) if name not in ("", "-") else None
    return getattr(mod, "from_bytes", from_bytes)(data, name, kind="stdin")
