"""Writing fixed text back to a user's file: the only place reportlint changes a file.

``--fix`` saves the way a careful editor does:

* **the bytes**: :func:`fixed_bytes` puts the file's own line ends back (each line keeps its
  own, :func:`reportlint.fix.restore_line_endings`), encodes in the file's encoding with its
  BOM, and reads the result back with the same detection as any input: unless it decodes
  to exactly the fixed text in the same encoding, nothing is written;
* **unchanged since read**: just before replacing, the file must still be what was read —
  same device and inode, size, ``mtime_ns`` and the same bytes (compared whole; they are in
  memory anyway). An edit saved meanwhile is never overwritten: the file is left alone and
  the run says so;
* **atomic**: the new bytes go to a temporary file in the same directory (fsynced), which
  then replaces the file by rename; the directory is fsynced too;
* **identity**: through a symbolic link the link's target is written and the link stays a
  link; the mode, owner and group (when permitted) and extended attributes (ACLs included)
  are copied onto the new file; a read-only file (no write bit, or not writable by the user)
  is refused, never made writable;
* **hard links**: a rename would give this name a new file and leave the other names with
  the old text. A file with more than one link is therefore written **in place**, after a
  backup of the original bytes is written and fsynced beside it; if the in-place write fails
  the original is put back (and the backup kept if even that fails), and on success the
  backup is removed. The inode, and so every name, mode, owner and attribute, stays.

Every refusal is a :class:`WriteBackError` whose message is one Chinese line; the file is
then as it was.
"""
from __future__ import annotations

import errno
import os

from .errors import ReportlintError


class WriteBackError(ReportlintError):
    """The fixed text was not written (the file is unchanged); ``str()`` says why."""


_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统是只读的",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入/输出错误",
    errno.EFBIG: "文件过大",
}


def reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return _REASONS.get(exc.errno, exc.strerror or exc.__class__.__name__)
    return exc.__class__.__name__


def fixed_bytes(src, new_text: str) -> bytes:
    """The fixed text as the file's bytes: its own line ends, encoding and BOM — checked by
    reading them back. Raises WriteBackError when they would not read back as ``new_text``
    in the same encoding (then nothing may be written)."""
    from .fix import restore_line_endings
    from .readers.text import decode, from_bytes

    original = None
    if src.raw:
        try:
            original = src.raw[len(src.bom):].decode(src.encoding)
        except UnicodeError:
            original = None
    if original is None:
        text = new_text.replace("\n", src.newline)
    else:
        text = restore_line_endings(original, src.text, new_text, src.newline)
    try:
        data = src.bom + text.encode(src.encoding)
    except UnicodeEncodeError as exc:
        raise WriteBackError(f"修正后的文字含 {src.encoding.upper()} 无法表示的字符"
                             f"“{exc.object[exc.start:exc.end]}”，未写入") from None
    if not new_text.strip():
        raise WriteBackError("修正后文件将为空，未写入")
    try:
        bom = decode(data, src.path)[2]
        back = from_bytes(data, src.path).text
    except ReportlintError:
        back, bom = None, None
    # Read back as the fixed text, with the same BOM; the encoding may be named differently
    # only when the bytes mean the same in both (ASCII left alone is UTF-8 and GB18030).
    if new_text.startswith("\ufeff") and not src.bom:
        # a deletion brought an invisible U+FEFF from inside the text to its head, where every
        # reader takes it for a byte-order mark: it cannot be written so that it reads back
        raise WriteBackError("修正后文件开头将是一个不可见字符（U+FEFF），会被当作字节顺序标记，未写入；"
                             "请先删去这个字符再修正")
    if back != new_text or bom != src.bom:
        raise WriteBackError(f"修正后的文件将无法再按 {src.encoding.upper()} 正确读取，未写入"
                             "（请另存为 UTF-8 后再修正）")
    return data


def _same(path: str, src) -> str | None:
    """None when the file at ``path`` is still what was read; else what changed."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"检查期间文件已不可访问（{reason(exc)}）"
    if src.stat is not None:
        dev, ino, size, mtime_ns = src.stat
        if (st.st_dev, st.st_ino) != (dev, ino):
            return "检查期间文件已被替换"
        if (st.st_size, st.st_mtime_ns) != (size, mtime_ns):
            return "检查期间文件已被修改"
    try:
        with open(path, "rb") as fh:
            now = fh.read(len(src.raw) + 1)
    except OSError as exc:
        return f"检查期间文件已不可读取（{reason(exc)}）"
    if now != src.raw:
        return "检查期间文件已被修改"
    return None


def _copy_metadata(src_path: str, fd: int, st) -> None:
    """Owner and group (when permitted), mode and extended attributes onto ``fd``."""
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except OSError:
        try:   # not root: at least the group, if the user is in it
            os.fchown(fd, -1, st.st_gid)
        except OSError:
            pass
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(src_path)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(src_path, name))
            except OSError:
                pass   # e.g. security.* needs privileges; the rest is copied
    os.fchmod(fd, st.st_mode & 0o7777)   # after chown, which may clear set-id bits


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mkstemp(real: str, what: str):
    directory, name = os.path.split(real)
    try:
        import tempfile   # only when writing (a plain run imports it for nothing)

        return tempfile.mkstemp(prefix=f".{name}.", suffix=f".reportlint-{what}", dir=directory or ".")
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise WriteBackError(f"所在目录不可写（{reason(exc)}），无法安全写入修正，文件未改动") from None
        raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def write_back(src, data: bytes, target: str | None = None) -> None:
    """Replace the file of ``src`` (or ``target``) by ``data``, like an editor saves (see the
    module docstring). Raises WriteBackError, leaving the file as it was."""
    path = target or src.path
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError as exc:
        raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None
    changed = _same(real, src)
    if changed:
        raise WriteBackError(f"{changed}，未写入修正（以免覆盖新的修改）；请重新运行 reportlint --fix")
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise WriteBackError("文件是只读的，未写入修正；如要修正，请先取消只读属性")
    if st.st_nlink > 1:
        _write_in_place(real, data, src, st)
    else:
        _replace(real, data, src, st)


def _replace(real: str, data: bytes, src, st) -> None:
    fd, tmp = _mkstemp(real, "tmp")
    try:
        try:
            _write_all(fd, data)
            _copy_metadata(real, fd, st)
            os.fsync(fd)
        finally:
            os.close(fd)
        changed = _same(real, src)   # the last moment before the file is replaced
        if changed:
            raise WriteBackError(f"{changed}，未写入修正（以免覆盖新的修改）；请重新运行 reportlint --fix")
        os.replace(tmp, real)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None
        raise
    _fsync_dir(os.path.dirname(real) or ".")


def _write_in_place(real: str, data: bytes, src, st) -> None:
    """Hard links: back the original up beside the file, then overwrite the same inode."""
    fd, backup = _mkstemp(real, "backup")
    try:
        try:
            _write_all(fd, src.raw)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        os.unlink(backup)
        raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None
    try:
        out = os.open(real, os.O_WRONLY)
    except OSError as exc:
        os.unlink(backup)
        raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None
    try:
        changed = _same(real, src)
        if changed:
            os.unlink(backup)
            raise WriteBackError(f"{changed}，未写入修正（以免覆盖新的修改）；请重新运行 reportlint --fix")
        try:
            os.lseek(out, 0, os.SEEK_SET)
            _write_all(out, data)
            os.ftruncate(out, len(data))
            os.fsync(out)
        except OSError as exc:
            try:   # put the original back
                os.lseek(out, 0, os.SEEK_SET)
                _write_all(out, src.raw)
                os.ftruncate(out, len(src.raw))
                os.fsync(out)
            except OSError:
                raise WriteBackError(f"写入修正失败（{reason(exc)}），原文件已备份为 {backup}") from None
            os.unlink(backup)
            raise WriteBackError(f"无法写回修正（{reason(exc)}），文件未改动") from None
    finally:
        os.close(out)
    os.unlink(backup)
