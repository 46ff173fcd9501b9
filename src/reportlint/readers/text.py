"""Plain-text drafts: ``.txt`` (and the decoding that :mod:`.markdown` builds on).

A draft arrives as UTF-8 (with or without BOM), GB18030/GBK (common in government offices),
or UTF-16 with BOM. :func:`from_bytes` decodes it, remembering the encoding, BOM and line
endings, and hands the linter text with ``\\n`` line ends, so CRLF and LF give identical
findings and positions; :mod:`reportlint.writeback` writes fixed text back the same way.

Detection: a BOM decides. Else NUL bytes mean UTF-16 without BOM if one byte order reads as
Chinese text (printable ASCII, and characters GB2312 or Big5 hold — not where the NULs fall:
``一`` and U+3000 put them on the other side from ASCII), and binary otherwise. Else strict
UTF-8 (a file that is UTF-8 but for a few damaged bytes is refused, naming the first bad
byte; a *short* UTF-8 reading that is no Chinese yields to a legacy one: ``一`` in GBK is
valid UTF-8 for "һ"); else GB18030 (the superset of GBK and GB2312) or Big5, whichever
decodes to common characters — or UTF-16 without BOM and without NUL, when that reads
clearly better; else charset-normalizer's guess if it is a Chinese or UTF-16/32 encoding.
Control characters mean the file is not text.

Why hand-written and not charset-normalizer (``cp_isolation`` to these five encodings):
``benchmarks/encodings.py`` decodes 2 823 snippets of 2–2 000 characters from the fixtures;
this detection gets 2 772 right, charset-normalizer 2 468 with ``cp_isolation`` and 2 316
without — it needs 32 characters to be sure of GBK, where a heading or a table cell is
often shorter (2 characters: 118/118 against 10/118).
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
    bad = sum(sample.count(c) for c in _CONTROL)   # one C scan a control, not a loop a character
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


def _plain_share(text: str) -> float:
    """Share of the characters (of a sample) that a Chinese report is written in: printable
    ASCII and white space, or characters GB2312 or Big5 can hold (other Han characters count
    half). The right reading of a UTF-16 file scores near 1; the same bytes read with the
    wrong byte order, or binary read as UTF-16, score about a third or less."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = 0
    for c in sample:
        if " " <= c <= "~" or c in "\t\n\r\f\u3000":
            good += 1
            continue
        if c < "\u0080":
            continue
        for enc in ("gb2312", "big5"):
            try:
                c.encode(enc)
            except UnicodeEncodeError:
                continue
            good += 1
            break
        else:
            if "\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f":
                good += 0.5   # a rarer Han character: plausible, but no proof
    return good / len(sample)


def _utf16_without_bom(data: bytes, min_score: float = 0.5) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark, told by what the text reads as, not by where its
    NUL bytes fall: ``一`` (U+4E00) and the ideographic space (U+3000) put NULs on the
    other side from ASCII, so a fixed file whose commas became full-width may have more of
    them than of ASCII."""
    if len(data) % 2 or len(data) < 4:
        return None
    readings = []
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            continue
        # scored with its line ends as LF, so a file reads the same whether saved with CRLF or LF
        readings.append((_plain_share(text.replace("\r\n", "\n")), text, enc))
    readings.sort(reverse=True)
    if not readings or readings[0][0] < min_score:
        return None
    if len(readings) == 2 and readings[0][0] - readings[1][0] < 0.25:
        return None   # both byte orders read about as well: a damaged file, not a guess to make
    return readings[0][1], readings[0][2]


def _non_ascii_count(text: str) -> int:
    """The characters of ``text`` outside ASCII (what ASCII encoding would drop)."""
    return len(text) - len(text.encode("ascii", "ignore"))


def _non_ascii(text: str) -> str:
    return "".join(c for c in text[:4000] if ord(c) >= 0x80)


def _legacy(data: bytes) -> tuple[str, str] | None:
    """Chinese legacy encodings: GB18030 (a superset of GBK and GB2312) or Big5. Both decode
    many byte strings, so when both work the one giving common characters wins."""
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, enc), enc == "gb18030", text, enc))
    if not candidates:
        return None
    _, _, text, enc = max(candidates)
    return text, enc


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
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise InputError(path, f"无法按 UTF-8 解码（第 {exc.start + 1} 字节）：文件含无效字节，可能已损坏") from None
    else:
        # A few GBK characters can happen to be valid UTF-8 (一 is D2 BB, UTF-8 for "һ"): a
        # short UTF-8 reading that is no Chinese yields to a legacy reading that is.
        if not text.isascii() and _non_ascii_count(text) < 16:
            legacy = _legacy(data)
            if legacy and _plain_share(_non_ascii(legacy[0])) >= 0.9 and _plain_share(_non_ascii(text)) < 0.5:
                return legacy[0], legacy[1], b""
        return text, "utf-8", b""
    legacy = _legacy(data)
    if legacy:
        # UTF-16 without BOM and without a NUL byte (Han characters only, no line end):
        # taken only when it reads as Chinese clearly better than the legacy reading does.
        wide = _utf16_without_bom(data, min_score=0.95) if len(data) >= 8 else None
        if wide and _plain_share(wide[0]) > _common_share(legacy[0], legacy[1]):
            return wide[0], wide[1], b""
        return legacy[0], legacy[1], b""
    wide = _utf16_without_bom(data, min_score=0.95)
    if wide:
        return wide[0], wide[1], b""
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
    from . import read_limited

    data, _ = read_limited(str(path), shown)
    return from_bytes(data, shown)
