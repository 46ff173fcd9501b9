"""What a file is, by its content: magic bytes, and for ZIP containers their members.

:func:`identify` names the format of a file from its first bytes (and, for a ZIP, its
directory): ``"pdf"``, ``"docx"``, ``"ole2-word"``, ``"png"`` … or ``None`` when no magic
matches (text, or binary nobody names). :data:`ADVICE` holds, for every format reportlint
has no reader for, the one line that says what the file is and what to do. The dispatch in
:mod:`reportlint.readers` combines the two with the readers' own ``sniff``.

Only strong signatures are used: a text report may begin with any characters, so a weak
magic (``BM``, ``MZ``) counts only together with NUL bytes.
"""
from __future__ import annotations

import io

# format name -> (what it is, what to do). Names that a reader module has as NAME are
# read by it; the rest are refused with this advice.
SAVE_AS_DOCX = "请在 Word/WPS 中另存为 .docx 后再检查"
ADVICE: dict[str, str] = {
    "ole2-word": f"是 Word 97-2003 或 WPS 文字的旧格式文档（.doc/.wps），reportlint 不能读取；{SAVE_AS_DOCX}",
    "ole2-excel": "是 Excel 或 WPS 表格文件（.xls/.et），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "ole2-powerpoint": "是 PowerPoint 或 WPS 演示文件（.ppt/.dps），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "ole2": f"是 Office 97-2003 旧格式文件（OLE2），reportlint 不能读取；{SAVE_AS_DOCX}",
    "rtf": f"是 RTF 文档，reportlint 不能读取；{SAVE_AS_DOCX}",
    "pdf": "是 PDF 文件，reportlint 暂不能读取；请用 Word/WPS 打开后另存为 .docx，或把文字复制到 .txt 后再检查",
    "docx": f"是 Word 文档（.docx），但没有能读取它的模块；{SAVE_AS_DOCX}",
    "odt": f"是 OpenDocument 文本（.odt），reportlint 暂不能读取；{SAVE_AS_DOCX}",
    "xlsx": "是 Excel 表格（.xlsx），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "pptx": "是 PowerPoint 演示文稿（.pptx），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "ods": "是 OpenDocument 表格（.ods），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "odp": "是 OpenDocument 演示文稿（.odp），不是报告正文；请把报告另存为 .docx 或 .txt 后再检查",
    "ofd": "是 OFD 版式文件，reportlint 不能读取；请用 OFD 阅读器导出为 .docx 或 .txt 后再检查",
    "epub": "是 EPUB 电子书，reportlint 不能读取；请把报告另存为 .docx 或 .txt 后再检查",
    "zip": "是 ZIP 压缩文件；请解压后检查其中的报告",
    "rar": "是 RAR 压缩文件；请解压后检查其中的报告",
    "7z": "是 7z 压缩文件；请解压后检查其中的报告",
    "gzip": "是 gzip 压缩文件；请解压后检查其中的报告",
    "bzip2": "是 bzip2 压缩文件；请解压后检查其中的报告",
    "xz": "是 xz 压缩文件；请解压后检查其中的报告",
    "zstd": "是 zstd 压缩文件；请解压后检查其中的报告",
    "tar": "是 tar 归档文件；请解压后检查其中的报告",
    "png": "是图片（PNG），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查",
    "jpeg": "是图片（JPEG），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查",
    "gif": "是图片（GIF），不是文字；请把报告另存为 .docx 或 .txt 后再检查",
    "bmp": "是图片（BMP），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查",
    "tiff": "是图片（TIFF），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查",
    "webp": "是图片（WebP），不是文字；请把报告另存为 .docx 或 .txt 后再检查",
    "heic": "是图片（HEIC），不是文字；请把报告另存为 .docx 或 .txt 后再检查",
    "elf": "是可执行程序（ELF），不是报告",
    "exe": "是 Windows 可执行程序（.exe/.dll），不是报告",
    "mach-o": "是可执行程序（Mach-O），不是报告",
    "sqlite": "是 SQLite 数据库，不是报告",
    "damaged-zip": "是 ZIP 格式的文件，但已损坏或不完整；如是 Word 文档，请在 Word/WPS 中重新另存为 .docx 后再检查",
}

# File endings that stand for a format reportlint refuses: a directory search reports such
# files (unless excluded) instead of skipping them, and a file with such an ending whose
# content has no known signature is refused by its ending.
REFUSED_SUFFIXES: dict[str, str] = {
    ".doc": "ole2-word", ".dot": "ole2-word", ".wps": "ole2-word", ".wpt": "ole2-word",
    ".xls": "ole2-excel", ".et": "ole2-excel", ".ett": "ole2-excel", ".xlsx": "xlsx",
    ".ppt": "ole2-powerpoint", ".dps": "ole2-powerpoint", ".pptx": "pptx",
    ".rtf": "rtf", ".pdf": "pdf", ".odt": "odt", ".ods": "ods", ".odp": "odp", ".ofd": "ofd",
    ".zip": "zip", ".rar": "rar", ".7z": "7z",
    ".gz": "gzip", ".tgz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd", ".tar": "tar",
    # a scanned report in the folder is named with the OCR advice (a Markdown repository's
    # figures are left out with extend-exclude: ["*.png", "*.jpg"])
    ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".bmp": "bmp", ".tif": "tiff",
    ".tiff": "tiff", ".webp": "webp", ".heic": "heic",
}

# ZIP-based formats, identified by the container's members, never by a reader's sniff of
# the first bytes (every one of them begins with PK\x03\x04).
ZIP_FORMATS = ("docx", "xlsx", "pptx", "odt", "ods", "odp", "ofd", "epub", "zip")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b\x08", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "elf"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"SQLite format 3\x00", "sqlite"),
)


def _zip_format(fileobj) -> str | None:
    """The ZIP-based format by the container's members; "zip" for another archive; None
    when the directory cannot be read (a damaged or truncated file)."""
    import zipfile

    try:
        with zipfile.ZipFile(fileobj) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size <= 200:
                    mime = zf.read("mimetype").decode("ascii", "replace").strip()
                    for suffix, fmt in (("text", "odt"), ("spreadsheet", "ods"), ("presentation", "odp")):
                        if mime.startswith("application/vnd.oasis.opendocument." + suffix):
                            return fmt
                    if mime == "application/epub+zip":
                        return "epub"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return None
    if "[Content_Types].xml" in names and any(n.startswith("word/") and n.endswith("document.xml") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _ole2_format(data: bytes) -> str:
    """Which Office application wrote an OLE2 compound file, by its stream names (UTF-16LE
    in the directory sectors)."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data
    if has("WordDocument"):
        return "ole2-word"
    if has("Workbook") or has("Book\x00"):
        return "ole2-excel"
    if has("PowerPoint Document"):
        return "ole2-powerpoint"
    return "ole2"


def identify(head: bytes, open_whole=None) -> str | None:
    """The format of a file whose first bytes are ``head``, or None (text, or unnamed).

    ``open_whole()`` returns a seekable binary file object of the whole file (or the bytes),
    needed for ZIP containers and OLE2 files; without it they are "zip" and "ole2"."""
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head[:1024].find(b"%PDF-") >= 0 and b"\x00" not in head[:head.find(b"%PDF-")]:
        return "pdf"   # PDF allows junk before the header (within the first 1024 bytes)
    if head.startswith(_OLE2):
        if open_whole is None:
            return "ole2"
        whole = open_whole()
        data = whole if isinstance(whole, (bytes, bytearray)) else whole.read()
        return _ole2_format(bytes(data))
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        if open_whole is None:
            return "zip"
        whole = open_whole()
        fmt = _zip_format(io.BytesIO(whole) if isinstance(whole, (bytes, bytearray)) else whole)
        return fmt or "damaged-zip"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "bzip2"
    if head.startswith(b"MZ") and b"\x00" in head[:64] and b"PE\x00\x00" in head[:4096]:
        return "exe"
    if head.startswith(b"BM") and len(head) >= 26 and b"\x00" in head[2:26]:
        return "bmp"
    return None
