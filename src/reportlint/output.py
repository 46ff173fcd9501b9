"""Writing reportlint's own files: the report of ``--output-file`` and a baseline.

A regular file (or a new one) is replaced atomically — written beside it under a temporary
name, flushed, then renamed over it — so a reader (a CI step, an editor) never sees half a
report, and a failed write leaves the old file as it was. A symbolic link is written through
(the file it points to is replaced); a device or a pipe (``-o /dev/stdout``) is written
directly. Missing parent folders are created. An error is one line naming the file.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import ReportlintError


class OutputError(ReportlintError):
    pass


def _reason(exc: OSError) -> str:
    from .writeback import reason    # one table of write errors in Chinese

    return reason(exc)


def write_file(path: str, data: bytes, what: str = "输出文件") -> None:
    p = Path(path)
    try:
        st = os.stat(p)             # follows links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{path}: 无法写入{what}（{_reason(exc)}）") from None
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path}: 无法写入{what}（是目录）")
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(p, "wb") as f:          # /dev/stdout, a named pipe
                f.write(data)
            return
        target = Path(os.path.realpath(p))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if st is not None:
                mode = stat.S_IMODE(st.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise OutputError(f"{path}: 无法写入{what}（{_reason(exc)}）") from None
