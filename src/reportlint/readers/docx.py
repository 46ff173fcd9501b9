"""Word and WPS ``.docx`` drafts, read with python-docx: one paragraph a line."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import Source

NAME = "docx"
SUFFIXES = (".docx",)


def read(path: Path, shown: str) -> Source:
    try:
        import docx  # python-docx, only when a .docx is linted
    except ImportError:  # pragma: no cover
        raise InputError(shown, "读取 .docx 需要 python-docx") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # zip or XML damage: python-docx raises many types
        raise InputError(shown, f"无法读取 .docx 文件：已损坏或不是 Word 文档（{exc.__class__.__name__}）") from None
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise InputError(shown, "文件为空")
    return Source(shown, text, kind="docx", writable=False)
