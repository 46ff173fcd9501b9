"""Writing fixed text back to a user's file: the only place reportlint changes a file.

Atomic (a temporary file in the same directory, then a rename), in the file's own encoding,
byte-order mark and line ends.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path


def write_back(src, text: str, target: str | None = None) -> None:
    """Write ``text`` to the source's file with its encoding, BOM and line ends, atomically."""
    path = Path(target or src.path)
    data = src.encode(text)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with io.open(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
