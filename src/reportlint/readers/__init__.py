"""Readers: one module per input format, each turning a file into the text the model reads.

A reader module defines

* ``NAME``        its format name (``"text"``, ``"docx"``);
* ``SUFFIXES``    the file name endings it reads (``(".docx",)``);
* ``read(path: Path, shown: str) -> Source``: the file as a :class:`Source`, raising
  :class:`~reportlint.errors.InputError` (one line naming the problem) when it cannot;
* optionally ``from_bytes(data: bytes, shown: str, kind: str = NAME) -> Source``: the same
  from the file's bytes. The dispatch then reads the file once itself, from the descriptor
  it checked (and standard input can be read in this format too);
* optionally ``sniff(head: bytes) -> bool``: whether the first bytes (:data:`HEAD_SIZE` of
  them) are this format, whatever the file's name;
* optionally ``reparse(source: Source, text: str) -> Source``: the same file with its text
  changed to ``text`` (what ``--fix`` re-lints after each pass: a reader that derives
  ``view`` or ``masked`` from the text derives them again); without it only the text changes.

and imports its libraries inside ``read`` so that a ``.txt`` run imports none of them. The
registry is the package itself: adding a format is adding a module here (and a test file);
the model, the rules, ``cli.py`` and the formatters do not learn about file types.

**Dispatch** (:func:`read_source`) decides by content first, by name second:

1. The path must name a regular file (a FIFO, a device, a socket or a directory is refused
   without being opened for reading: nothing blocks, ``/dev/zero`` is never read), no larger
   than the size limit (:data:`DEFAULT_MAX_FILE_MB`, ``--max-file-size`` / config
   ``max-file-size``); both are checked on the opened descriptor before a byte is read.
2. :func:`reportlint.readers._formats.identify` names the format from magic bytes (and a
   ZIP container by its members: ``word/document.xml`` is a .docx, ``xl/`` a spreadsheet).
   A format some reader has as ``NAME`` goes to that reader; a format no reader reads is
   refused with one line that says what it is and what to do (``.doc``: 请在 Word/WPS 中另存为
   .docx 后再检查), whatever the file is called — a PDF named ``.txt`` is a PDF.
3. Otherwise a reader whose ``sniff`` claims the first bytes reads it; otherwise the reader
   of the file's ending; an ending of a refused format (:data:`_formats.REFUSED_SUFFIXES`)
   is refused by name; anything else is plain text (which refuses binary content).

A :class:`Source` carries, besides the text, what the formatters and the engine need to
speak of the file in its own terms: ``places`` (text offsets → paragraph, table cell, page
and line), ``masked`` (spans of markup that are never reported nor fixed) and ``furniture``
(spans that are read and checked but are never the title, a heading or a part, such as a
Word document's headers and footers), and what ``--fix`` needs to write it back safely
(``raw``, the bytes as read, and ``stat``, the file's identity when it was read).

``text`` is the document's text as people see it and as ``--fix`` edits it. A reader of a
markup format also gives ``view``, the text the model reads: ``text`` with its markup
blanked to spaces, the same length, so every offset means the same in both (Markdown).
"""
from __future__ import annotations

import errno
import importlib
import io
import os
import stat as st_
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from ..errors import InputError
from ..places import Places
from ..records import Record
from . import _formats

DEFAULT_MAX_FILE_MB = 20     # far above any real report (the longest seed is 15 KB)
HEAD_SIZE = 8192             # what sniff() sees


class Source(Record):
    """What a reader read: the text and what it needs to map it back to the file."""

    def __init__(self, path: str, text: str, encoding: str = "utf-8", bom: bytes = b"",
                 newline: str = "\n", kind: str = "text", raw: bytes = b"", writable: bool = True,
                 places: Places | None = None, masked: tuple = (), furniture: tuple = (),
                 meta: dict | None = None, stat: tuple | None = None, view: str | None = None,
                 soft_wrap: bool = False):
        self.path = path            # as given on the command line (or --stdin-filename)
        self.text = text            # the text as written: decoded, newlines normalised to \n, BOM removed
        self.encoding, self.bom, self.newline = encoding, bom, newline
        self.kind = kind            # the reader's NAME (text · docx …), or stdin
        self.raw = raw
        self.writable = writable    # --fix may write it back (plain text files and stdin only)
        self.places = places        # offsets → places in the file's own terms
        self.masked = masked        # ((start, end), …) markup: never reported, never fixed
        self.furniture = furniture  # ((start, end), …) read, but never title / heading / part
        self.meta = {} if meta is None else meta   # reader-specific facts (page count …)
        self.stat = stat            # (st_dev, st_ino, st_size, st_mtime_ns) of the file when read
        self.view = view            # what the model reads when it differs from text (markup blanked), same length
        self.soft_wrap = soft_wrap  # the format wraps paragraphs over lines (Markdown): a line end is no paragraph end

    def __repr__(self) -> str:
        return f"Source({self.path!r}, kind={self.kind!r}, {len(self.text)} characters)"

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
    import pkgutil

    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@lru_cache(maxsize=None)
def _load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def _survey() -> dict:
    """What each reader module declares, by module name (this imports them all)."""
    out = {"suffix": {}, "name": {}, "sniff": []}
    for n in _module_names():
        mod = _load(n)
        for suffix in getattr(mod, "SUFFIXES", ()):
            out["suffix"][suffix] = n
        out["name"][getattr(mod, "NAME", n)] = n
        if n != "text" and callable(getattr(mod, "sniff", None)):
            out["sniff"].append(n)
    return out


@lru_cache(maxsize=1)
def _registry() -> dict:
    """``{"suffix": {ending: module}, "name": {NAME: module}, "sniff": [module, …]}`` of the
    reader modules, by module name. Learning it means importing every reader and its helpers,
    which a run on one ``.txt`` file does not otherwise need; so the survey is kept in the user
    cache like the built-in data (:func:`reportlint.rulecache.cached_data`, keyed by the stamps
    of every module of the package): adding, removing or editing a reader makes a new survey."""
    from ..rulecache import cached_data

    return cached_data("readers", _survey)


def _by_suffix() -> dict[str, str]:
    return _registry()["suffix"]


def _by_name() -> dict[str, str]:
    return _registry()["name"]


def _sniffers() -> tuple[ModuleType, ...]:
    return tuple(_load(n) for n in _registry()["sniff"])


def suffixes() -> tuple[str, ...]:
    """Every file ending some reader reads (what a directory search picks up)."""
    return tuple(sorted(_by_suffix()))


def refused_suffixes() -> tuple[str, ...]:
    """File endings of formats no reader reads: a directory search reports these files
    (unless excluded) rather than skipping them."""
    return tuple(sorted(set(_formats.REFUSED_SUFFIXES) - set(_by_suffix())))


def reader_for(path: Path) -> ModuleType:
    """The reader of a file, by its name; plain text for an unknown ending."""
    return _load(_by_suffix().get(path.suffix.lower(), "text"))


def reparse(source: Source, text: str, fixes=()) -> Source:
    """``source`` with its text changed to ``text`` by ``fixes``, through its reader's
    ``reparse`` if it has one (see the module docstring); else its masked and furniture spans
    follow the fixes (:func:`reportlint.fix.shift_spans`). ``meta["reader"]`` names the reader
    of standard input."""
    name = source.meta.get("reader", source.kind)
    mod = _load(_by_name()[name]) if name in _by_name() else None
    hook = getattr(mod, "reparse", None)
    if hook is not None:
        return hook(source, text)
    from ..fix import shift_spans

    return source.replace(text=text, masked=shift_spans(source.masked, fixes),
                          furniture=shift_spans(source.furniture, fixes))


def max_bytes(max_mb: float | None) -> int:
    return int((DEFAULT_MAX_FILE_MB if max_mb is None else max_mb) * 1024 * 1024)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _too_big(size: int | None, limit: int) -> str:
    got = f"{_mb(size)}，" if size is not None else ""
    return (f"文件过大（{got}上限 {round(limit / 1024 / 1024, 3):g} MB），不像是一份报告；"
            f"如确需检查，请用 --max-file-size 或配置 max-file-size 调大上限（单位 MB）")


# ----------------------------------------------------------------------------- opening safely
def os_problem(exc: OSError, path: str) -> str:
    """One line, in Chinese, for an OS error met opening or reading ``path``."""
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            return f"是符号链接，但它指向的文件不存在（{os.readlink(path)}）"
        return "文件不存在"
    if code == errno.ELOOP:
        return "符号链接循环（链接最终又指回自己），找不到文件"
    if code == errno.ENAMETOOLONG:
        return "文件名或路径过长（文件名最多 255 字节），无法打开"
    if code == errno.ENOTDIR:
        return "路径中有一部分不是目录，找不到文件"
    if code in (errno.EACCES, errno.EPERM):
        parent = os.path.dirname(os.path.abspath(path))
        if not os.access(parent, os.X_OK):
            return "没有权限进入文件所在的目录，无法读取"
        return "没有读取权限"
    if code == errno.EISDIR:
        return "是目录，不是文件"
    if code == errno.ENXIO:
        return "是套接字或没有连接的设备，不是普通文件"
    if code == errno.EIO:
        return "读取时出现输入/输出错误（磁盘或网络盘故障）"
    return f"无法读取（{exc.strerror or exc.__class__.__name__}）"


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if st_.S_ISREG(mode):
        return None
    if st_.S_ISDIR(mode):
        return "是目录，不是文件"
    if st_.S_ISFIFO(mode):
        return "是命名管道（FIFO），不是普通文件；要从管道读取，请用 - 表示标准输入"
    if st_.S_ISCHR(mode):
        return "是字符设备，不是普通文件"
    if st_.S_ISBLK(mode):
        return "是块设备，不是普通文件"
    if st_.S_ISSOCK(mode):
        return "是套接字，不是普通文件"
    return "不是普通文件"


def check_path(path: str) -> os.stat_result:
    """The file's status (following links), or InputError for a path that is missing, a
    loop, too long, not a regular file, or behind a directory the user cannot enter."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(path, os_problem(exc, path)) from None
    except ValueError:   # an embedded NUL
        raise InputError(path, "文件名含空字符，无法打开") from None
    why = not_regular(st.st_mode)
    if why:
        raise InputError(path, why)
    return st


def _read_fd(fd: int, limit: int, shown: str, size: int | None) -> bytes:
    chunks, total = [], 0
    while True:
        try:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        except OSError as exc:
            raise InputError(shown, os_problem(exc, shown)) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(shown, _too_big(size if size and size > limit else None, limit))


def read_limited(path: str, shown: str | None = None, max_mb: float | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most the size limit, and its status — checked on the
    descriptor before anything is read: a FIFO or a device is refused, never read. For
    readers that need the bytes (``BytesIO(read_limited(...)[0])``)."""
    shown = shown or path
    limit = max_bytes(max_mb)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(shown, os_problem(exc, path)) from None
    except ValueError:
        raise InputError(shown, "文件名含空字符，无法打开") from None
    try:
        st = os.fstat(fd)
        why = not_regular(st.st_mode)
        if why:
            raise InputError(shown, why)
        if st.st_size > limit:
            raise InputError(shown, _too_big(st.st_size, limit))
        return _read_fd(fd, limit, shown, st.st_size), st
    finally:
        os.close(fd)


# ----------------------------------------------------------------------------- dispatch
def _choose(fmt: str | None, head: bytes, suffix: str) -> ModuleType | str:
    """The reader for a file, or the name of the format to refuse."""
    by_name, by_suffix = _by_name(), _by_suffix()
    if fmt is not None:
        if fmt in by_name:
            return _load(by_name[fmt])
        if suffix in by_suffix and _load(by_suffix[suffix]).NAME in _formats.ZIP_FORMATS:
            # named .docx / .odt but something no reader reads (an old .doc, an encrypted or
            # damaged package, RTF …): that reader's own message says what it really is
            return _load(by_suffix[suffix])
        if fmt not in _formats.ZIP_FORMATS:
            for mod in _sniffers():
                if mod.sniff(head):
                    return mod
        return fmt
    for mod in _sniffers():
        if mod.sniff(head):
            return mod
    if suffix in by_suffix:
        return _load(by_suffix[suffix])
    if suffix in _formats.REFUSED_SUFFIXES:
        return _formats.REFUSED_SUFFIXES[suffix]
    return _load("text")


def _refusal(shown: str, fmt: str) -> InputError:
    return InputError(shown, _formats.ADVICE.get(fmt, "不是 reportlint 能读取的文件格式"))


def read_source(path: str, shown: str | None = None, max_mb: float | None = None) -> Source:
    """The file as a Source, read by the reader its content (then its name) calls for."""
    shown = shown or path
    data, st = read_limited(path, shown, max_mb)
    head = data[:HEAD_SIZE]
    fmt = _formats.identify(head, lambda: data)
    chosen = _choose(fmt, head, Path(path).suffix.lower())
    if isinstance(chosen, str):
        raise _refusal(shown, chosen)
    if hasattr(chosen, "from_bytes"):
        src = chosen.from_bytes(data, shown)
    else:
        src = chosen.read(Path(path), shown)
    src.stat = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if not src.raw and src.writable:
        src.raw = data
    return src


def read_stdin(name: str, max_mb: float | None = None) -> Source:
    """Standard input as a Source (kind ``stdin``), at most the size limit, never read past
    it: decided like a file, by content, then by ``name`` (``--stdin-filename notes.md`` is
    Markdown), read by a reader that reads bytes (``from_bytes``)."""
    stream = sys.stdin
    if stream is None:
        raise InputError(name, "标准输入已关闭，没有可读的内容")
    limit = max_bytes(max_mb)
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        fd = None
    if fd is not None:
        try:
            why = not_regular(os.fstat(fd).st_mode)
        except OSError:
            raise InputError(name, "标准输入已关闭，没有可读的内容") from None
        if why and why.startswith("是目录"):
            raise InputError(name, "标准输入是目录，不是文件")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read(limit + 1)
        else:
            data = stream.read(limit + 1).encode()
    except IsADirectoryError:
        raise InputError(name, "标准输入是目录，不是文件") from None
    except OSError as exc:
        raise InputError(name, os_problem(exc, name)) from None
    except ValueError:   # "I/O operation on closed file"
        raise InputError(name, "标准输入已关闭，没有可读的内容") from None
    if data is None:
        data = b""
    if len(data) > limit:
        raise InputError(name, _too_big(None, limit))
    head = data[:HEAD_SIZE]
    fmt = _formats.identify(head, lambda: data)
    suffix = Path(name).suffix.lower() if name not in ("-", "") else ""
    chosen = _choose(fmt, head, suffix)
    if isinstance(chosen, str):
        raise _refusal(name, chosen)
    if not hasattr(chosen, "from_bytes"):
        raise InputError(name, f"不能从标准输入读取 {chosen.NAME} 文件，请直接给出文件路径")
    return chosen.from_bytes(data, name, kind="stdin")
