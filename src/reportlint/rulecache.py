"""The built-in rules, prepared once: a cache layer over :func:`reportlint.loader.builtin_rules`.

Loading the built-in rules means parsing twenty YAML files, validating every key and running
each kind's ``prepare()`` (compiling its regular expressions); the result depends only on the
rule files and the code that reads them. So the prepared :class:`~reportlint.loader.Rule`
objects are pickled into the user cache (:mod:`reportlint.cache`) and unpickled at the next
start. Compiled ``regex`` patterns pickle with their compiled code (that is how the ``regex``
module pickles them), so nothing is parsed or compiled again.

The key holds reportlint's version, Python's, the ``regex`` module's, the content of every
built-in rule file, and the size and time of every module of the package and of the libraries
the preparation uses (PyYAML, OpenCC): a changed rule file, kind or loader is never served
stale. A kind's module is not pickled; it is looked up again by the rule's ``kind``.

Anything unexpected (a cache from elsewhere, a state that cannot be pickled) means the rules
are loaded the ordinary way, as :mod:`reportlint.loader` always did.
"""
from __future__ import annotations

import os
import pickle
import sys
import zlib
from . import __version__, cache

CACHE_NAME = "rules"
FORMAT = 1

_memo: tuple | None = None     # the rules of this process, once loaded


def _package_stamps() -> list:
    """Size and time of every module and data file of the package (its subpackages too)."""
    root = os.path.dirname(os.path.abspath(__file__))
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        rel = os.path.relpath(folder, root)
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".txt", ".json")):
                st = os.stat(os.path.join(folder, name))
                out.append((rel, name, st.st_size, st.st_mtime_ns))
    return out


def _rule_files() -> list:
    from . import rules

    out = []
    for folder in rules.__path__:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                with open(entry.path, "rb") as f:
                    data = f.read()
                out.append((entry.name, len(data), zlib.crc32(data)))
    return out


_key_memo: str | None = None


def _key() -> str:
    global _key_memo
    if _key_memo is None:
        _key_memo = _make_key()
    return _key_memo


def _make_key() -> str:
    import regex

    return cache.make_key(CACHE_NAME, FORMAT, __version__, sys.version, pickle.HIGHEST_PROTOCOL,
                          regex.__version__, _rule_files(), _package_stamps(),
                          cache.library_stamp("yaml"), cache.library_stamp("opencc"))


def _dump(rules) -> bytes:
    names = [n for n in rules[0]._fields if n != "module"] if rules else []
    return pickle.dumps((names, [tuple(getattr(r, n) for n in names) for r in rules]),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _module(kind: str):
    """The module of a kind, found as the loader finds it (rule kinds, then corpus kinds)."""
    from . import kinds

    module = kinds.load(kind)
    if module is None:
        from . import corpus

        module = corpus.load(kind)
    return module


def _load(data: bytes):
    from .loader import Rule

    names, rows = pickle.loads(data)
    if sorted(names) != sorted(n for n in Rule._fields if n != "module"):
        return None
    out = []
    for row in rows:
        values = dict(zip(names, row))
        module = _module(values["kind"])
        if module is None:
            return None
        out.append(Rule(module=module, **values))
    return out


def cached_builtin_rules(build) -> list:
    """The built-in rules: from the cache when it is current, else ``build()`` (and cached)."""
    global _memo
    if _memo is not None:
        return list(_memo)
    try:
        key = _key()
    except Exception:
        key = None
    rules = None
    if key is not None:
        data = cache.read(CACHE_NAME, key)
        if data is not None:
            try:
                rules = _load(data)
            except Exception:
                rules = None
    if rules is None:
        rules = build()
        if key is not None:
            try:
                cache.write(CACHE_NAME, key, _dump(rules))
            except Exception:   # a kind's state that does not pickle: no cache, nothing else
                pass
    _memo = tuple(rules)
    return list(rules)


def cached_data(name: str, build):
    """Built-in data other than rules (the parts vocabulary of ``data/parts.yaml``), kept the
    same way: ``build()`` once, then unpickled, keyed like the rules."""
    key = None
    try:
        key = cache.make_key(name, _key())
        raw = cache.read(name, key)
        if raw is not None:
            return pickle.loads(raw)
    except Exception:
        pass
    value = build()
    if key is not None:
        try:
            cache.write(name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:
            pass
    return value


def data_yaml(name: str):
    """A YAML file of ``reportlint/data`` (``chrome.yaml``, ``issuers.yaml``), parsed once and
    then kept like the rules: a run does not import PyYAML for the package's own data."""
    def build():
        from importlib import resources

        import yaml

        return yaml.safe_load(resources.files("reportlint.data").joinpath(name).read_text("utf-8"))

    return cached_data("data-" + name.rsplit(".", 1)[0], build)


def forget() -> None:
    """Drop the rules of this process (tests, the language server after an upgrade)."""
    global _memo, _key_memo
    _memo = _key_memo = None
