"""Length-preserving normalisation for matching.

Every rule matches against ``Document.norm``, a copy of the text in which

* traditional characters are mapped to simplified ones (OpenCC ``t2s``, one code point
  to one code point), and
* full-width ASCII variants (``，：；（）！？．０-９Ａ-Ｚ``) and the ideographic space are
  folded to their half-width forms,

so that a rule written once matches simplified and traditional script, full-width and
half-width punctuation alike. The mapping never changes the length, so an offset found in
``norm`` is an offset into the original text. Rules that check the punctuation itself
(``halfwidth-punctuation``) read the original text instead.
"""
from __future__ import annotations

import sys
from functools import lru_cache

_WIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = " "  # ideographic space
_WIDTH[0x00A0] = " "  # no-break space

_converter = None
# What every character seen so far becomes, learnt once per process: a document costs one
# set of its characters and one ``str.translate``, not one OpenCC lookup per distinct character.
_SEEN: set[str] = set()
_FOLD: dict[int, str] = {}        # width-folded and simplified (``normalize(text)``)
_SIMPLIFY: dict[int, str] = {}    # simplified only (``width=False``)
_FOLD_CHARS: set[str] = set()     # the characters _FOLD changes
_SIMPLIFY_CHARS: set[str] = set()
# A text of the Basic Multilingual Plane (every text but those with rare CJK extensions) is
# normalised by one ``str.translate`` with a 65 536-character string as its table: character
# c becomes table[c], and a character not learnt yet becomes UNSEEN (then it is learnt and the
# text translated again). Indexing a string is cheaper than the set of the text's characters
# (``set(text)`` makes an object of every character) and than a dict's look-ups; building the
# table costs more than a few documents gain, so a process uses it once it has normalised
# TABLE_AFTER characters (a batch, the language server), not for one report from the shell.
TABLE_AFTER = 50_000
_normalised = 0                  # characters normalised so far (up to TABLE_AFTER)
UNSEEN = "\uffff"                # a noncharacter: a text holding it is still compared right
UNSEEN_SCAN = 64                 # more unseen characters than this: set(text) finds them faster
_POINTS: dict[bool, object] = {}  # width -> array of code points: what each becomes (UNSEEN)
_AS_STR: dict[bool, str] = {}     # width -> _POINTS[width] as a string, made when needed
# A text with a few characters to change (simplified script: its full-width punctuation) is
# cheaper to change with one ``str.replace`` each than with ``str.translate``, which looks up
# every character of the text; a traditional text changes hundreds.
REPLACE_MAX = 24
_table = None    # the characters earlier runs converted (reportlint.cache.Table)


def _stored():
    """What OpenCC made of each character earlier runs met, kept in the user cache: a run
    whose characters are all known does not import OpenCC at all."""
    global _table
    if _table is None:
        from .cache import Table, library_stamp, make_key

        _table = Table("t2s", lambda: make_key("t2s", 1, library_stamp("opencc")))
    return _table


def _opencc():
    global _converter
    if _converter is None:
        import opencc  # imported on first non-ASCII text; ~25 ms

        _converter = opencc.OpenCC("t2s")
    return _converter


def _simplified(ch: str) -> str:
    """One character simplified, asked of the user cache first (each character is asked once
    per process: see _learn)."""
    table = _stored()
    out = table.get(ch)
    if out is None:
        conv = _opencc().convert(ch)
        out = conv if len(conv) == 1 else ch
        table.put(ch, out)
    return out


def _learn(chars) -> None:
    _AS_STR.clear()
    for ch in chars:
        cp = ord(ch)
        if cp in _WIDTH:
            _FOLD[cp] = _WIDTH[cp]
            _FOLD_CHARS.add(ch)
        elif 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x2FA1F or 0xF900 <= cp <= 0xFAFF:
            s = _simplified(ch)
            if s != ch:
                _FOLD[cp] = _SIMPLIFY[cp] = s
                _FOLD_CHARS.add(ch)
                _SIMPLIFY_CHARS.add(ch)
        _SEEN.add(ch)
        if cp < 0x10000:
            for width, points in _POINTS.items():
                points[cp] = ord((_FOLD if width else _SIMPLIFY).get(cp, ch))


def _bmp_table(width: bool) -> str:
    """What each code point of the Basic Multilingual Plane becomes (UNSEEN: not learnt)."""
    out = _AS_STR.get(width)
    if out is None:
        points = _POINTS.get(width)
        if points is None:
            from array import array

            points = _POINTS[width] = array("I", [ord(UNSEEN)]) * 0x10000
            table = _FOLD if width else _SIMPLIFY
            for ch in _SEEN:
                cp = ord(ch)
                if cp < 0x10000:
                    points[cp] = ord(table.get(cp, ch))
        codec = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
        out = _AS_STR[width] = points.tobytes().decode(codec, "surrogatepass")
    return out


def _translated(text: str, width: bool) -> str:
    """``text`` (of the Basic Multilingual Plane) normalised, learning its new characters."""
    out = text.translate(_bmp_table(width))
    unseen = out.count(UNSEEN) - text.count(UNSEEN)   # characters not learnt yet
    if unseen:
        if unseen > UNSEEN_SCAN:   # many (the first text of a run): its characters, in one C pass
            new = set(text) - _SEEN
        else:
            new = set()
            i = out.find(UNSEEN)
            while i >= 0:
                if text[i] != UNSEEN:
                    new.add(text[i])
                i = out.find(UNSEEN, i + 1)
        _learn(new)
        out = text.translate(_bmp_table(width))
    return out


def normalize(text: str, width: bool = True) -> str:
    """Return ``text`` simplified and (unless ``width`` is false) width-folded, same length."""
    global _normalised
    if text.isascii():
        return text
    if _normalised < TABLE_AFTER:
        _normalised += len(text)
    elif len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):   # nothing beyond U+FFFF
        out = _translated(text, width)
        assert len(out) == len(text)
        return out
    chars = set(text)
    new = chars - _SEEN
    if new:
        _learn(new)
    table, changed = (_FOLD, _FOLD_CHARS) if width else (_SIMPLIFY, _SIMPLIFY_CHARS)
    present = chars & changed
    if len(present) > REPLACE_MAX:
        out = text.translate(table)
    else:
        out = text
        for ch in present:
            out = out.replace(ch, table[ord(ch)])
    assert len(out) == len(text)
    return out


@lru_cache(maxsize=4096)
def normalize_pattern(text: str, regex: bool = False) -> str:
    """Normalise a literal or regex from a rule file the way the document is normalised.

    A regex keeps its full-width characters (folding ``（`` to ``(`` would open a group):
    regexes are matched against the width-folded text, so they must be written with
    half-width punctuation, e.g. ``\\(一\\)`` or ``[,，]``.
    """
    return normalize(text, width=not regex)
