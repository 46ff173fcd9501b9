"""Caches kept between runs, in the user cache directory: what start-up would otherwise
rebuild every time (jieba's prefix dictionary in buckets, the built-in rules in compiled
form, compiled regular expressions).

Every cache is a file ``<name>-<key>.bin`` in :func:`directory` (platformdirs'
``user_cache_dir("reportlint")``, e.g. ``~/.cache/reportlint``; ``REPORTLINT_CACHE_DIR``
overrides it, and an empty value turns caching off). The key is a digest of everything the
content depends on (package versions, file contents or stamps), so a stale file is never
read: another version gets another file. The file starts with a header holding the whole key
again and the payload's length and checksum, so a file that is truncated, corrupt or someone
else's is a miss, never an error.

Writes are atomic: a temporary file in the same directory, then ``os.replace``. A cache that
cannot be written (read-only home, no space, a file where the directory should be) is simply
not kept: the caller goes on with what it built in memory, prints nothing and leaves no
temporary file. Old files of the same name are pruned to the newest :data:`KEEP`.

:class:`Table` is a dictionary kept the same way that grows as runs add to it (written at
exit when it grew).

Nothing here raises: every failure is a miss (read) or ``False`` (write).
"""
from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

MAGIC = b"reportlint-cache 1\n"
KEEP = 8                 # files kept per cache name (several versions, worktrees, venvs)
MAX_AGE = 7 * 86400      # older files beyond the newest two are removed when a new one is written
STALE_TMP = 3600         # seconds after which a temporary file left by a killed run is removed

_dir: Path | None | bool = False    # False: not looked up yet


def directory() -> Path | None:
    """Where caches live; None when caching is off (``REPORTLINT_CACHE_DIR=``) or no
    directory can be named."""
    global _dir
    if _dir is False:
        env = os.environ.get("REPORTLINT_CACHE_DIR")
        if env is not None:
            _dir = Path(env) if env else None
        else:
            try:
                from .standin import lazy, standing_in

                # platformdirs imports tempfile for the runtime directory, never asked for here
                with standing_in({"tempfile": lazy("tempfile", ("TemporaryFile", "gettempdir"))}):
                    import platformdirs
                _dir = Path(platformdirs.user_cache_dir("reportlint", appauthor=False))
            except Exception:   # no home directory, an odd platform: no cache, no error
                _dir = None
    return _dir


def reset() -> None:
    """Forget the directory looked up (tests change ``REPORTLINT_CACHE_DIR``)."""
    global _dir
    _dir = False


def writable() -> bool:
    """Whether a cache file could be written now (the directory, or the nearest folder that
    exists above it, is writable): to skip building what :func:`write` would only throw away."""
    d = directory()
    while d is not None:
        if d.exists():
            return d.is_dir() and os.access(d, os.W_OK | os.X_OK)
        if d.parent == d:
            return False
        d = d.parent
    return False


def make_key(*parts) -> str:
    """A key from the things a cache depends on (strings, numbers, tuples of them)."""
    return repr(parts)


def library_stamp(name: str) -> tuple:
    """Where an installed library is and the stamp of its ``__init__`` (changes when it is
    upgraded or reinstalled), found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return (name,)
    origin = getattr(spec, "origin", None) if spec else None
    return (name, origin, stamp(origin) if origin else ())


def stamp(path) -> tuple:
    """What identifies a file's content cheaply, as Python's own ``.pyc`` check does:
    its size and modification time (``()`` when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns)


def _path(name: str, key: str) -> Path | None:
    d = directory()
    if d is None:
        return None
    k = key.encode("utf-8", "surrogatepass")
    # a short name for the key (the header holds the key itself, so a clash is only a miss);
    # zlib rather than hashlib, whose import costs more than the rest of this module
    digest = f"{zlib.crc32(k):08x}{zlib.adler32(k):08x}{len(k):x}"
    return d / f"{name}-{digest}.bin"


def _header(key: str, payload) -> bytes:
    k = key.encode("utf-8", "surrogatepass")
    return MAGIC + b"%d %d %d\n" % (len(k), len(payload), zlib.crc32(payload)) + k


def _split(data, key: str, check: bool = True):
    """The payload of a cache file's bytes (or memoryview), or None if it is not the file
    of ``key`` or not whole (``check``: nor intact, by its checksum)."""
    if not bytes(data[:len(MAGIC)]) == MAGIC:
        return None
    nl = bytes(data[len(MAGIC):len(MAGIC) + 64]).find(b"\n")
    if nl < 0:
        return None
    try:
        klen, plen, crc = (int(x) for x in bytes(data[len(MAGIC):len(MAGIC) + nl]).split())
    except ValueError:
        return None
    start = len(MAGIC) + nl + 1
    if bytes(data[start:start + klen]) != key.encode("utf-8", "surrogatepass"):
        return None
    payload = data[start + klen:]
    if len(payload) != plen or (check and zlib.crc32(payload) != crc):
        return None
    return payload


def read(name: str, key: str) -> bytes | None:
    """The payload stored under ``name`` and ``key``, or None."""
    path = _path(name, key)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    payload = _split(memoryview(data), key)
    return bytes(payload) if payload is not None else None


def read_mapped(name: str, key: str):
    """The payload as a read-only memoryview over the mapped file (pages are read only
    when touched: for large caches of which a run needs a part), or None. The payload's
    checksum is not verified (that would read it all): the caller checks the parts it reads."""
    path = _path(name, key)
    if path is None:
        return None
    import mmap

    try:
        with open(path, "rb") as f:
            m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):   # ValueError: an empty file cannot be mapped
        return None
    return _split(memoryview(m), key, check=False)


def write(name: str, key: str, payload: bytes) -> bool:
    """Store ``payload`` atomically; False (and nothing left behind) when it cannot be."""
    path = _path(name, key)
    if path is None:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(_header(key, payload))
            f.write(payload)
        os.replace(tmp, path)
        tmp = None
    except Exception:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _prune(path.parent, name, path)
    return True


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Keep at most the newest :data:`KEEP` files of ``name`` and none older than
    :data:`MAX_AGE` but the newest two; drop temporary files of killed runs."""
    try:
        mine, now = [], time.time()
        for entry in os.scandir(folder):
            if entry.name.startswith(f"{name}-") and entry.name.endswith(".bin"):
                mine.append((entry.stat().st_mtime, entry.path))
            elif entry.name.startswith(f".{name}-") and entry.name.endswith(".tmp") \
                    and now - entry.stat().st_mtime > STALE_TMP:
                os.unlink(entry.path)
        mine.sort(reverse=True)
        for i, (mtime, p) in enumerate(mine):
            if p != str(keep) and (i >= KEEP or (i >= 2 and now - mtime > MAX_AGE)):
                os.unlink(p)
    except OSError:
        pass


class Table:
    """A persistent mapping filled on demand: :meth:`get` answers from what earlier runs
    stored, :meth:`put` adds what this run computed, and the table is written at exit when it
    grew (at most ``limit`` entries; a stored value must be picklable)."""

    def __init__(self, name: str, key_fn, limit: int = 200_000):
        self.name, self.key_fn, self.limit = name, key_fn, limit
        self.data: dict | None = None
        self.grown = False
        self.key: str | None = None

    def _load(self) -> dict:
        import pickle

        try:
            self.key = self.key_fn()
            raw = read(self.name, self.key)
            data = pickle.loads(raw) if raw is not None else {}
            if not isinstance(data, dict):
                data = {}
        except Exception:
            data = {}
        self.data = data
        return data

    def get(self, k, default=None):
        data = self.data if self.data is not None else self._load()
        return data.get(k, default)

    def put(self, k, v) -> None:
        data = self.data if self.data is not None else self._load()
        if not self.grown:
            self.grown = True
            import atexit

            atexit.register(self.save)
        if len(data) < self.limit:
            data[k] = v

    def save(self) -> bool:
        if not self.grown or self.key is None:
            return False
        import pickle

        try:
            payload = pickle.dumps(self.data, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return False
        self.grown = not write(self.name, self.key, payload)
        return not self.grown
