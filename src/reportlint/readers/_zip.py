"""Opening ZIP-based documents (``.docx``, ``.odt``) safely, before any library inflates them.

:func:`open_package` takes the file's bytes, says what it really is when it is not a ZIP package (an
old binary Word file, an encrypted Word file, a PDF, RTF, HTML, plain text …) and checks the
archive's central directory before a single entry is inflated:

* at most :data:`MAX_ENTRIES` entries;
* at most :data:`MAX_TOTAL` bytes once inflated, all entries together (pictures included);
* at most :data:`MAX_XML` bytes of XML once inflated (the parts a reader parses: parsing costs
  about 30 bytes of memory per byte of XML);
* no entry larger than :data:`RATIO_FLOOR` that inflates more than :data:`MAX_RATIO` times
  its compressed size (real documents compress their XML 5–30 times, long repetitive ones —
  10 000 short paragraphs, a table of 40 000 cells, LibreOffice's empty paragraphs — up to 240
  times; deflate cannot exceed about 1030, which is what a zip bomb approaches);
* no entry encrypted.

The declared sizes bound the work: Python's :mod:`zipfile` never returns more than an entry
declares and fails on the checksum if the stream holds more, which the readers report as a
damaged file. Every refusal is an :class:`~reportlint.errors.InputError`: one line naming the
file, exit 2.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

MiB = 1 << 20
MAX_ENTRIES = 10_000
MAX_TOTAL = 256 * MiB
MAX_XML = 32 * MiB
MAX_RATIO = 500
RATIO_FLOOR = 1 * MiB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "请在 Word/WPS 中另存为 .docx 后再检查"


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(shown, "没有读取权限") from None
    except OSError as exc:
        raise InputError(shown, f"无法读取（{exc.strerror or exc.__class__.__name__}）") from None


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:   # a character cut at the end of the sample
                return True
    return False


def what_else(data: bytes, suffix: str) -> str:
    """Why ``data`` (which is not a ZIP package) cannot be read as a ``suffix`` file."""
    if not data.strip():
        return "文件为空"
    if data.startswith(OLE_MAGIC):
        # an encrypted OOXML document is an OLE container holding EncryptionInfo/EncryptedPackage
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptionInfo" in data:
            return "文件已加密（设有打开密码），无法读取：请在 Word/WPS 中取消密码并另存为 .docx 后再检查"
        return f"实际是旧版 Word（.doc）或 WPS 文件，不是 {suffix}：{SAVE_AS}"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return f"内容是 PDF 文件，不是 {suffix}：请把扩展名改为 .pdf"
    if head.startswith(b"{\\rtf"):
        return f"内容是 RTF 文件，不是 {suffix}：{SAVE_AS}"
    if head.startswith((b"<!doctype html", b"<html", b"mime-version")) or b"<html" in head:
        return f"内容是网页（HTML/MHT），不是 {suffix}：{SAVE_AS}"
    if head.startswith(b"<?xml"):
        return f"内容是 XML 文件（可能是 Word 2003 XML 或平面 OpenDocument），不是 {suffix}：{SAVE_AS}"
    if _looks_like_text(data):
        return f"内容是纯文本，不是 {suffix}：请把扩展名改为 .txt"
    return f"不是 {suffix} 文件（内容不是 ZIP 格式）：文件已损坏，或是其他格式"


def open_package(data: bytes, shown: str, suffix: str) -> zipfile.ZipFile:
    """The file's bytes as a checked :class:`zipfile.ZipFile`."""
    if not data.startswith(b"PK"):
        raise InputError(shown, what_else(data, suffix))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, OSError):
        raise InputError(shown, f"文件已损坏（ZIP 结构不完整，可能没有下载或复制完）：请在 Word/WPS 中重新保存为 {suffix}") from None
    check_entries(infos, shown)
    return zf


def check_entries(infos: list[zipfile.ZipInfo], shown: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise InputError(shown, f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_ENTRIES}），不像是正常的文档，已拒绝读取")
    total = xml = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(shown, "文件内容已加密，无法读取：请在 Word/WPS 中取消密码并另存后再检查")
        size = info.file_size
        total += size
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise InputError(shown, f"其中 {info.filename} 解压后达 {size / MiB:.0f} MB（压缩比 {ratio}:1），"
                                    f"疑似压缩炸弹，已拒绝读取")
        if info.filename.lower().endswith((".xml", ".rels")):
            xml += size
            if xml > MAX_XML:
                raise InputError(shown, f"其中的 XML 解压后超过 {MAX_XML // MiB} MB，远大于任何正常的报告，已拒绝读取")
        if total > MAX_TOTAL:
            raise InputError(shown, f"解压后超过 {MAX_TOTAL // MiB} MB，远大于任何正常的报告，疑似压缩炸弹，已拒绝读取")


def damaged(shown: str, suffix: str, what: str = "") -> InputError:
    """The error for a package whose content cannot be inflated or parsed."""
    detail = f"（{what}）" if what else ""
    return InputError(shown, f"文件已损坏{detail}：请在 Word/WPS 中打开后重新保存为 {suffix}")


#: what a damaged package raises while it is inflated (NotImplementedError: a compression
#: method zipfile does not know, as a flipped byte gives)
INFLATE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


@contextmanager
def reading_package(shown: str, suffix: str, *more: tuple[type, str]):
    """Inside this block, the damage a package shows while it is read becomes one
    :func:`damaged` error: XML that does not parse, compressed data that does not inflate,
    then each ``(exception type, what)`` of ``more``, then any other exception by its class
    name (the libraries raise many types). An :class:`InputError` passes unchanged."""
    from lxml import etree

    try:
        yield
    except InputError:
        raise
    except etree.XMLSyntaxError:
        raise damaged(shown, suffix, "其中的 XML 有误") from None
    except INFLATE_ERRORS:
        raise damaged(shown, suffix, "压缩数据有误") from None
    except Exception as exc:
        what = next((w for types, w in more if isinstance(exc, types)), exc.__class__.__name__)
        raise damaged(shown, suffix, what) from None
