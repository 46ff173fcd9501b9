"""Compiled regular expressions kept between runs.

The ``regex`` module parses and compiles a pattern in Python; for reportlint's ~160 patterns
(module constants of the model and the kinds, the parts vocabulary, configs) that is about a
third of a cold run's work, repeated identically at every start. ``regex`` pickles a compiled
pattern *with its compiled code* (unpickling calls its C constructor directly, no parsing), and
looks every ``regex.compile(pattern, flags)`` up in an in-memory cache first. So:

* :func:`prime`, called first thing by the command line, reads the patterns earlier runs
  compiled from the user cache (:mod:`reportlint.cache`) and makes ``regex``'s cache answer
  for them under the very key ``regex`` itself files them under; every later
  ``regex.compile`` of the same pattern and flags (anywhere: module constants,
  ``regex.search(literal, …)``) is then a dictionary look-up. Each pattern is stored pickled
  on its own and unpickled the first time it is asked for (:class:`_Primed`): the store holds
  what every earlier run compiled (other configs, other selections), a run asks for a part;
* :func:`save`, run at exit (``prime`` registers it), stores the patterns of ``regex``'s cache when the
  run compiled new ones (with those stored before; at most :data:`LIMIT`).

Only what ``regex`` compiled itself is stored, and only under the same ``regex`` and Python
versions (the key), so a primed pattern is the object ``regex.compile`` would have returned.
This reads ``regex``'s private cache (``regex._main._cache`` and two companion tables): when
they are not shaped as expected (another version of ``regex``), nothing is primed or saved and
patterns compile as usual. Patterns using named lists or the LOCALE flag are never stored.
"""
from __future__ import annotations

import pickle
import sys

from . import cache

CACHE_NAME = "regex"
FORMAT = 2
LIMIT = 1000

_primed: set = set()     # (pattern, flags) stored by earlier runs
_stored: dict = {}       # (pattern, flags) -> the compiled pattern, pickled
_active = False


class _Primed(dict):
    """``regex``'s pattern cache, answering for the stored patterns too: one missing from it
    is unpickled from :data:`_stored` when ``regex`` first asks for it (under regex's own key:
    ``(pattern, str, flags, frozenset(), DEFAULT_VERSION, None)``)."""

    def __missing__(self, key):
        from regex import _main as m

        pattern, kind, flags, args, version, locale = key
        raw = _stored.get((pattern, flags))
        if raw is None or kind is not str or args or locale is not None or version != m.DEFAULT_VERSION:
            raise KeyError(key)
        try:
            compiled = pickle.loads(raw)
        except Exception:
            compiled = None
        if not (isinstance(compiled, m.Pattern) and compiled.pattern == pattern):
            del _stored[(pattern, flags)]      # damaged: compiled anew, and stored again at exit
            _primed.discard((pattern, flags))
            raise KeyError(key)
        self[key] = compiled
        return compiled


def _internals():
    """regex's cache tables, or None when they are not what this module expects."""
    try:
        import regex
        from regex import _main as m

        tables = m._cache, m._named_args, m._locale_sensitive
        if not all(isinstance(t, dict) for t in tables) or not hasattr(m, "_cache_lock"):
            return None
        return regex, m
    except Exception:
        return None


def _key(regex) -> str:
    return cache.make_key(CACHE_NAME, FORMAT, regex.__version__, sys.version, sys.maxunicode,
                          sys.byteorder, pickle.HIGHEST_PROTOCOL)


def _eligible(m):
    """``(pattern, flags, compiled)`` of regex's cache that can be stored safely."""
    out = []
    for k, v in list(m._cache.items()):
        if not (isinstance(k, tuple) and len(k) == 6):
            return None   # not the layout this module knows
        pattern, kind, flags, args, version, locale = k
        if kind is not str or args != frozenset() or locale is not None or version != m.DEFAULT_VERSION:
            continue
        if m._named_args.get((pattern, str, flags)) != frozenset():
            continue
        if m._locale_sensitive.get((str, pattern), True):
            continue
        out.append((pattern, flags, v))
    return out


def prime() -> int:
    """Make regex's cache answer for the stored compiled patterns; returns how many."""
    global _active
    if _active:
        return len(_primed)
    found = _internals()
    if found is None:
        return 0
    regex, m = found
    _active = True
    import atexit

    atexit.register(save)
    data = cache.read(CACHE_NAME, _key(regex))
    if data is None:
        return 0
    try:
        entries = pickle.loads(data)
        if not isinstance(entries, dict):
            return 0
        with m._cache_lock:
            if type(m._cache) is dict:
                m._cache = _Primed(m._cache)
            for (pattern, flags), raw in entries.items():
                if not (isinstance(pattern, str) and isinstance(flags, int) and isinstance(raw, bytes)):
                    continue
                _stored[(pattern, flags)] = raw
                m._named_args[(pattern, str, flags)] = frozenset()
                m._locale_sensitive[(str, pattern)] = False
                _primed.add((pattern, flags))
    except Exception:
        return 0
    return len(_primed)


def save() -> bool:
    """Store regex's cache, with the patterns stored before, if this run compiled patterns
    that were not stored."""
    if not _active:
        return False
    found = _internals()
    if found is None:
        return False
    regex, m = found
    try:
        entries = _eligible(m)
        new = [(p, f, v) for p, f, v in (entries or ()) if (p, f) not in _primed]
        if not new:
            return False
        store = dict(_stored)
        for p, f, v in new:
            store[(p, f)] = pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)
        store = dict(list(store.items())[-LIMIT:])
        data = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return False
    if cache.write(CACHE_NAME, _key(regex), data):
        _stored.clear()
        _stored.update(store)
        _primed.update(store)
        return True
    return False
