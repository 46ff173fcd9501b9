"""Chinese word segmentation, loaded lazily.

Importing jieba and loading its dictionary costs about 0.7 s, so nothing imports it until a
rule asks for words (``boundary: word`` in a pattern rule, the problem/plan pairing).
Tokens are computed once per document on the normalised (simplified) text and cached.
"""
from __future__ import annotations

from importlib import resources

_jieba = None


def jieba():
    """The jieba module, initialised once with reportlint's domain dictionary."""
    global _jieba
    if _jieba is None:
        import logging

        import jieba as _j

        _j.setLogLevel(logging.WARNING)
        _j.initialize()
        words = resources.files("reportlint.data").joinpath("dict.txt")
        if words.is_file():
            for line in words.read_text("utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    _j.add_word(line.split()[0])
        _jieba = _j
    return _jieba


def tokens(doc) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` over the whole normalised text, cached on the document."""
    cached = doc.cache.get("tokens")
    if cached is None:
        cached = [(w, s, e) for w, s, e in jieba().tokenize(doc.norm)]
        doc.cache["tokens"] = cached
    return cached


def boundaries(doc) -> frozenset[int]:
    """Offsets where a word starts or ends."""
    cached = doc.cache.get("boundaries")
    if cached is None:
        b = set()
        for _, s, e in tokens(doc):
            b.add(s)
            b.add(e)
        cached = frozenset(b)
        doc.cache["boundaries"] = cached
    return cached


def cut(text: str) -> list[str]:
    return list(jieba().cut(text))
