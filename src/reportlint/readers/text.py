"""Plain-text drafts: ``.txt`` (and the decoding that :mod:`.markdown` builds on).

A draft arrives as UTF-8 (with or without BOM), GB18030/GBK (common in government offices),
or UTF-16 with BOM. :func:`from_bytes` decodes it, remembering the encoding, BOM and line
endings, and hands the linter text with ``\\n`` line ends, so CRLF and LF give identical
findings and positions; :mod:`reportlint.writeback` writes fixed text back the same way.

Detection: a BOM decides; else strict UTF-8 (a file that is UTF-8 but for a few damaged
bytes is refused, naming the first bad byte); else GB18030 (the superset of GBK and GB2312)
or Big5, whichever decodes to common characters; else charset-normalizer's guess if it is a
Chinese or UTF-16/32 encoding. NUL bytes (outside UTF-16 without BOM) or control characters
mean the file is not text.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from . import Source

NAME = "text"
SUFFIXES = (".txt",)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v\x1b"} | {"\x7f"}


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf and crlf >= lf:
        return "\r\n"
    if cr > lf and cr > crlf:
        return "\r"
    return "\n"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    bad = sum(1 for c in sample if c in _CONTROL)
    return bad > max(2, len(sample) // 100)


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 file with a few damaged bytes (rather than a file in another encoding)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) >= 0x80 and c != "\ufffd")
    return good >= 8 and good >= 4 * bad


def _common_share(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters that are common ones in ``encoding``: GB2312 level 1
    (and its punctuation rows) for GB18030, Big5 level 1 for Big5. Mojibake scores low."""
    chars = [c for c in text if ord(c) >= 0x80]
    if not chars:
        return 1.0
    common = 0
    for c in chars:
        try:
            b = c.encode("gb2312" if encoding == "gb18030" else "big5")
        except UnicodeEncodeError:
            continue
        lead = b[0]
        if encoding == "gb18030":
            common += 0xA1 <= lead <= 0xA9 or 0xB0 <= lead <= 0xD7
        else:
            common += 0xA1 <= lead <= 0xC6
    return common / len(chars)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2 or len(data) < 4:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    enc = "utf-16-le" if odd > even else "utf-16-be"
    if max(even, odd) < 2 or 2 * min(even, odd) >= max(even, odd):
        return None  # NUL bytes on both sides: binary, not UTF-16
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    return (text, enc) if not _looks_binary(text) else None


def decode(data: bytes, path: str) -> tuple[str, str, bytes]:
    """bytes → (text, encoding, bom). Raises InputError for what is not text."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, bom
            except UnicodeDecodeError as exc:
                raise InputError(path, f"无法按 {enc.upper()} 解码（第 {exc.start + len(bom) + 1} 字节）：文件已损坏") from None
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found[0], found[1], b""
        raise InputError(path, "不是文本文件（含二进制内容）")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise InputError(path, f"无法按 UTF-8 解码（第 {exc.start + 1} 字节）：文件含无效字节，可能已损坏") from None
    # Chinese legacy encodings: GB18030 (a superset of GBK and GB2312) or Big5. Both decode
    # many byte strings, so when both work the one giving common characters wins.
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, enc), enc == "gb18030", text, enc))
    if candidates:
        _, _, text, enc = max(candidates)
        return text, enc, b""
    from charset_normalizer import from_bytes  # only for files that are neither

    best = from_bytes(data).best()
    enc = codecs.lookup(best.encoding).name if best is not None else ""
    if enc in ("big5hkscs", "cp950", "utf-16", "utf-32"):
        try:
            return data.decode(enc), enc, b""
        except UnicodeDecodeError:
            pass
    raise InputError(path, "无法识别文件编码：不是 UTF-8、GB18030、Big5 或 UTF-16 文本，请另存为 UTF-8")


def from_bytes(data: bytes, path: str, kind: str = "text") -> Source:
    if not data.strip():
        raise InputError(path, "文件为空")
    text, enc, bom = decode(data, path)
    if _looks_binary(text):
        raise InputError(path, "不是文本文件（含二进制内容）")
    newline = _newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "文件为空")
    return Source(path, text, enc, bom, newline, kind, data)


def read(path: Path, shown: str) -> Source:
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(shown, "没有读取权限") from None
    except OSError as exc:
        raise InputError(shown, f"无法读取（{exc.strerror or exc.__class__.__name__}）") from None
    return from_bytes(data, shown)
