"""Chinese word segmentation with jieba, loaded lazily and only as far as a text needs.

Nothing imports jieba until a rule asks for words (``boundary: word`` in a pattern rule, the
problem/plan pairing of ``unpaired-problem``). Then three things keep the cost small:

* **jieba's own start-up is bypassed.** ``jieba.initialize()`` unmarshals a 9 MB prefix
  dictionary from ``/tmp/jieba.cache`` (shared by every environment, never checked for
  staleness, rebuilt with a traceback and a stray temporary file when ``/tmp`` is not
  writable). Instead the dictionary, with reportlint's domain words (``data/dict.txt``)
  added, is kept in reportlint's own cache (:mod:`reportlint.cache`), keyed by jieba's
  version, its dictionary file and the domain words. jieba is imported without
  ``pkg_resources`` (which its ``_compat`` module would import only to open its own files).
* **Only the part of the prefix dictionary a text needs is loaded.** jieba's segmentation
  looks up only substrings of the text it cuts, and every substring of two characters or
  more starts with one of the text's character pairs; so the cache file holds the
  dictionary in buckets by the first two characters of each entry (and the one-character
  entries by character), and :func:`ensure` loads the buckets of a text's characters and
  pairs before jieba sees the text. The tokens are identical to those of the whole
  dictionary; a report typically needs well under 1 % of it.
* **Only the lines a rule asks about are segmented.** jieba cuts each run of Han characters,
  letters and digits on its own (a newline always ends one), so cutting a text line by line
  gives exactly the tokens of cutting it whole. Tokens are computed per line, on the
  normalised (simplified) text, and cached on the document: :func:`tokens_in` for spans,
  :func:`boundaries` (a set-like view) for word-boundary tests. Lines seen in the process
  before (the language server re-linting after an edit) are not segmented again: the last
  :data:`LINE_MEMO_CHARS` characters of lines keep their token boundaries (:func:`_line_ends`).

The same holds for jieba's hidden Markov model of unknown words: its emission table
(``jieba.finalseg.prob_emit``, a 1.3 MB module) is looked up only for the characters of the
text being cut, so the cache file holds it by character too, and ``prob_emit`` is replaced by
tables that :func:`ensure` fills (any other look-up in them, by code that is not ours, loads
the whole table first, so jieba gives everyone the same answers). Segmentation uses a
tokenizer of reportlint's own (``jieba.Tokenizer()``), not jieba's global one.

The cache file is built (:func:`_build_payload`) one first character at a time by jieba's own
``gen_pfdict`` and ``add_word``, never holding the whole dictionary; the run that builds it
segments from that payload too, and so does every run when the cache cannot be written
(caching off, a read-only home): slower, never wrong. A damaged cache file, or a jieba whose
files are not as expected, means the whole dictionary in memory, as jieba builds it.
"""
from __future__ import annotations

import bisect
import marshal
import sys
import zlib
from array import array

from . import cache

FORMAT = 2            # of the cache file below; bump when it changes
CACHE_NAME = "jieba-dict"
STATES = "BEMS"       # the hidden Markov model's states, as jieba.finalseg names them

_jieba = None         # the jieba module, once ready
_tk = None            # reportlint's jieba.Tokenizer
_emit = None          # the emission tables, when ours: {state: _Emission}
_emit_index = None    # (characters, {state: array of log probabilities, NaN for none})
_index = None         # the cache file: (view, firsts, section offsets, blob base) or None
_sections: dict = {}  # first character -> (second characters, blob offsets, blob lengths, crcs)
_done_chars: set = set()
_done_pairs: set = set()
_complete = False     # the whole dictionary is in memory (nothing to load on demand)


_MISSING = object()


class _Emission(dict):
    """One state's emission table, holding the characters :func:`ensure` loaded. A look-up of
    a character it was not asked for loads the whole table first (for code other than ours)."""

    def get(self, key, default=None):
        v = dict.get(self, key, _MISSING)
        if v is _MISSING:
            if key in _done_chars or _emit_complete():
                return default
            return dict.get(self, key, default)
        return v


def _emit_complete() -> bool:
    """Fill every emission table from jieba's own module (once); True when that happened."""
    global _emit_index
    if _emit is None or _emit_index is False:
        return True
    real = _real_emission()
    for state, table in _emit.items():
        table.update(real[state])
    _emit_index = False
    return True


def _real_emission() -> dict:
    """jieba's emission table, loaded from its module file (also when ``sys.modules`` holds
    our stand-in under its name)."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(sys.modules["jieba.finalseg"].__file__), "prob_emit.py")
    spec = importlib.util.spec_from_file_location("jieba.finalseg.prob_emit", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.P


class _Silent:
    """What jieba's module-level logging set-up gets instead of a logger and a handler."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _stand_ins() -> dict:
    """Stand-ins (:mod:`reportlint.standin`) for the modules jieba imports at its top for
    ``jieba.initialize()`` only, which is bypassed here: :mod:`logging` (for a debug logger:
    with traceback, tokenize, textwrap and their regular expressions it cost more than the
    rest of jieba's import; jieba keeps a logger that does nothing, and it logs only debug
    messages), :mod:`hashlib` (for ``md5``, which loads OpenSSL) and :mod:`tempfile` (for its
    cache file); the last two are the real modules as soon as jieba uses them."""
    import types

    from .standin import lazy

    log = types.ModuleType("logging")
    log.DEBUG, log.INFO, log.WARNING, log.ERROR, log.CRITICAL = 10, 20, 30, 40, 50
    log.getLogger = log.StreamHandler = log.Formatter = lambda *args, **kwargs: _Silent()
    return {"logging": log, "hashlib": lazy("hashlib", ("md5",)), "tempfile": lazy("tempfile")}


def _import_jieba():
    """``import jieba`` without ``pkg_resources`` (about 50 ms of imports that jieba only
    uses to open its own package files; its fallback opens them by path), with stand-ins for
    the modules it imports for ``jieba.initialize()`` only (:func:`_stand_ins`) and without
    executing its emission table (filled per character by :func:`ensure` instead)."""
    global _emit
    import types

    from .standin import standing_in

    fresh = "jieba" not in sys.modules
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None   # makes ``import pkg_resources`` raise ImportError
    stub = None
    if fresh and "jieba.finalseg.prob_emit" not in sys.modules:
        stub = types.ModuleType("jieba.finalseg.prob_emit")
        stub.P = {state: _Emission() for state in STATES}
        sys.modules["jieba.finalseg.prob_emit"] = stub
    try:
        with standing_in(_stand_ins() if fresh else {}):
            import jieba as j
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    if stub is not None:
        if getattr(j.finalseg, "emit_P", None) is stub.P:
            _emit = stub.P
        else:   # a jieba that does not import its table as 0.42 does: give it the real one
            del sys.modules["jieba.finalseg.prob_emit"]
            j.finalseg.emit_P = _real_emission()
    return j


def _domain_file() -> str:
    import os

    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "dict.txt")


def _domain_words() -> list[str]:
    try:
        with open(_domain_file(), encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return []
    out = []
    if text:
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line.split()[0])
    return out


def _key(j) -> str:
    import os

    dict_file = os.path.join(os.path.dirname(j.__file__), j.DEFAULT_DICT_NAME)
    try:
        with open(_domain_file(), "rb") as f:
            words = f.read()
    except OSError:
        words = b""
    emit = os.path.join(os.path.dirname(j.finalseg.__file__), "prob_emit.py")
    return cache.make_key(CACHE_NAME, FORMAT, j.__version__, cache.stamp(dict_file), cache.stamp(emit),
                          zlib.crc32(words), len(words), marshal.version)


def _build_full(tk) -> tuple[dict, int]:
    """jieba's prefix dictionary plus the domain words, as ``jieba.initialize()`` followed by
    ``add_word`` for each domain word would leave it, built in memory (no temporary files)."""
    freq, total = tk.gen_pfdict(tk.get_dict_file())
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    for w in _domain_words():
        tk.add_word(w)
    return tk.FREQ, tk.total


def _payload(sections, total: int, emission: dict) -> bytearray:
    """The cache payload: a head (total, first characters, section offsets) and, per first
    character, a section (its second characters and where their buckets are) followed by the
    buckets (marshalled dicts of the entries with that prefix, in the dictionary's order;
    one-character entries under the empty second character). ``sections``: (first character,
    its entries), in the order of the characters."""
    firsts = []
    body = bytearray()
    sec_offsets = array("Q")
    for c, entries in sections:
        groups: dict[str, dict] = {}
        for k, v in entries.items():
            groups.setdefault(k[1:2], {})[k] = v
        alone = "" in groups
        seconds = "".join(sorted(s for s in groups if s))
        offs, lens, crcs = array("Q"), array("Q"), array("L")
        blobs, pos = [], 0
        for s in ([""] if alone else []) + list(seconds):
            b = marshal.dumps(groups.pop(s))
            blobs.append(b)
            offs.append(pos)
            lens.append(len(b))
            crcs.append(zlib.crc32(b))
            pos += len(b)
        head = marshal.dumps((alone, seconds, offs.tobytes(), lens.tobytes(), crcs.tobytes()))
        firsts.append(c)
        sec_offsets.append(len(body))
        body += len(head).to_bytes(8, "little") + head
        for b in blobs:
            body += b
    chars = "".join(sorted(set().union(*(emission[s] for s in STATES))))
    nan = float("nan")
    probs = [array("d", (emission[s].get(c, nan) for c in chars)).tobytes() for s in STATES]
    head = marshal.dumps((total, "".join(firsts), sec_offsets.tobytes(), chars, probs))
    body[0:0] = len(head).to_bytes(8, "little") + head   # in place: no second copy of the body
    return body


def _first_char(line: bytes) -> bytes:
    """The first character (its UTF-8 bytes) of a line of jieba's dictionary, as its
    ``gen_pfdict`` reads the line (stripped)."""
    s = line.strip()
    if not s:
        return b""
    lead = s[0]
    n = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    return s[:n]


def _build_payload(tk, emission: dict) -> bytearray:
    """The cache payload of the dictionary :func:`_build_full` makes, made one first character
    at a time, never holding the whole dictionary (the first run's peak memory: ~55 MiB less).

    Every entry of jieba's prefix dictionary starts with the first character of the line that
    made it, so jieba's own ``gen_pfdict`` run on the lines of one first character gives that
    character's entries, in the order it gives them for the whole file. The domain words are
    added as :func:`_build_full` adds them, with jieba's own ``add_word``, on a dictionary
    holding only what ``add_word`` looks at: every substring of a domain word (its
    ``suggest_freq`` cuts the word itself) and the total; what that changes goes into the
    entries of its first character, new entries after the others, as in the whole dictionary."""
    import io

    by_first: dict[bytes, bytearray] = {}
    total = 0
    f = tk.get_dict_file()
    try:
        for line in f:
            by_first.setdefault(_first_char(line), bytearray()).extend(line.rstrip(b"\r\n") + b"\n")
            total += int(line.strip().decode("utf-8").split(" ")[1])   # the count, as gen_pfdict reads it
    finally:
        f.close()
    lines = {k.decode("utf-8"): v for k, v in by_first.items()}
    del by_first

    def entries(c: str) -> tuple[dict, int]:
        raw = lines.get(c)
        return tk.gen_pfdict(io.BytesIO(bytes(raw))) if raw is not None else ({}, 0)

    words = _domain_words()
    subs = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    base: dict[str, int] = {}
    for c in sorted({x[0] for x in subs}):
        known = entries(c)[0]
        base.update((x, known[x]) for x in subs if x in known and x[0] == c)
    small = type(tk)()
    small.FREQ, small.total, small.initialized = dict(base), total, True
    for w in words:
        small.add_word(w)
    added: dict[str, dict] = {}
    for k, v in small.FREQ.items():     # new entries in the order add_word made them
        if k not in base or base[k] != v:
            added.setdefault(k[0], {})[k] = v

    counted = 0

    def sections():
        nonlocal counted
        for c in sorted(set(lines) | set(added)):
            freq, part = entries(c)
            counted += part
            freq.update(added.get(c, {}))
            yield c, freq

    payload = _payload(sections(), small.total, emission)
    if counted != total:
        raise ValueError("the dictionary's counts do not add up")
    return payload


def _open_index(view):
    n = int.from_bytes(view[:8], "little")
    total, firsts, offs, chars, probs = marshal.loads(view[8:8 + n])
    sec = array("Q")
    sec.frombytes(offs)
    tables = {}
    for state, raw in zip(STATES, probs):
        tables[state] = array("d")
        tables[state].frombytes(raw)
        if len(tables[state]) != len(chars):
            raise ValueError("bad emission table")
    if len(sec) != len(firsts):
        raise ValueError("bad index")
    return total, (view, firsts, sec, 8 + n), (chars, tables)


def _section(c: str):
    """The bucket directory of first character ``c`` (None when no entry starts with it)."""
    s = _sections.get(c, False)
    if s is not False:
        return s
    view, firsts, sec, base = _index
    i = bisect.bisect_left(firsts, c)
    if i == len(firsts) or firsts[i] != c:
        _sections[c] = None
        return None
    at = base + sec[i]
    n = int.from_bytes(view[at:at + 8], "little")
    alone, seconds, offs, lens, crcs = marshal.loads(view[at + 8:at + 8 + n])
    o, ln, cr = array("Q"), array("Q"), array("L")
    o.frombytes(offs)
    ln.frombytes(lens)
    cr.frombytes(crcs)
    s = (alone, seconds, o, ln, cr, at + 8 + n)
    _sections[c] = s
    return s


def _load_bucket(s, k: int, freq: dict) -> None:
    _alone, _seconds, offs, lens, crcs, base = s
    view = _index[0]
    blob = view[base + offs[k]:base + offs[k] + lens[k]]
    if zlib.crc32(blob) != crcs[k]:
        raise ValueError("bad bucket")
    freq.update(marshal.loads(blob))


def ensure(text: str) -> None:
    """Make jieba's prefix dictionary hold every entry that segmenting ``text`` (or looking
    up a word of it) can touch: the entries starting with one of its character pairs, and
    its single characters."""
    if _complete:
        return
    tokenizer()
    if _complete:
        return
    freq = _tk.FREQ
    try:
        for c in set(text) - _done_chars:
            s = _section(c)
            if s is not None and s[0]:
                _load_bucket(s, 0, freq)
            if _emit_index:
                _load_emission(c)
            _done_chars.add(c)
        pairs = {text[i:i + 2] for i in range(len(text) - 1)} - _done_pairs
        for p in pairs:
            s = _section(p[0])
            if s is not None:
                seconds = s[1]
                k = bisect.bisect_left(seconds, p[1])
                if k < len(seconds) and seconds[k] == p[1]:
                    _load_bucket(s, k + s[0], freq)
            _done_pairs.add(p)
    except (ValueError, EOFError, TypeError, IndexError, OSError):
        _fall_back_to_full()   # a damaged cache file: build the whole dictionary, as jieba would


def _load_emission(c: str) -> None:
    chars, tables = _emit_index
    i = bisect.bisect_left(chars, c)
    if i < len(chars) and chars[i] == c:
        for state, table in _emit.items():
            v = tables[state][i]
            if v == v:   # not NaN: the state has a probability for this character
                table[c] = v


def _fall_back_to_full() -> None:
    global _complete, _index
    _build_full(_tk)
    _emit_complete()
    _complete, _index = True, None
    _sections.clear()


def jieba():
    """The jieba module (reportlint's tokenizer ready: :func:`tokenizer`)."""
    tokenizer()
    return _jieba


def _use_index(tk, view) -> bool:
    """Segment from the cache payload ``view`` (buckets loaded as texts need them); False when
    it is not a payload this module can read."""
    global _index, _emit_index
    try:
        total, index, emit_index = _open_index(view)
    except (ValueError, EOFError, TypeError, IndexError):
        return False
    _index = index
    tk.FREQ, tk.total, tk.initialized = {}, total, True
    _emit_index = emit_index if _emit is not None else False
    return True


def tokenizer():
    """reportlint's ``jieba.Tokenizer``, its prefix dictionary (and emission tables) filled on
    demand by :func:`ensure`: every function here calls that before jieba sees a text."""
    global _jieba, _tk, _complete, _emit_index
    if _tk is not None:
        return _tk
    j = _import_jieba()
    j.setLogLevel(30)   # logging.WARNING
    tk = j.Tokenizer()
    key = _key(j)
    view = cache.read_mapped(CACHE_NAME, key)
    if view is not None and not _use_index(tk, view):
        view = None
    if view is None and _emit is not None:
        # the first run (or every run with caching off): the payload, built without ever
        # holding the whole dictionary, is both the cache file and this run's dictionary
        # (loaded as needed, as in later runs)
        try:
            payload = _build_payload(tk, _real_emission())
        except (ValueError, UnicodeDecodeError, IndexError):
            payload = None
        if payload is not None:
            if cache.writable():   # caching off or a read-only home: nothing to write
                cache.write(CACHE_NAME, key, payload)
            if _use_index(tk, memoryview(payload)):
                view = payload
    if view is None:   # another jieba, or a dictionary file this cannot split: as jieba would
        _jieba = j
        _build_full(tk)
        emission = _real_emission() if _emit is not None else j.finalseg.emit_P
        _emit_index = False
        if _emit is not None:
            for state, table in _emit.items():
                table.update(emission[state])
        _complete = True
    _jieba, _tk = j, tk
    return tk


def freq(word: str) -> int:
    """jieba's dictionary frequency of ``word`` (0 for a prefix only, or an unknown word)."""
    ensure(word)
    return _tk.FREQ.get(word) or 0


def total() -> int:
    return tokenizer().total


def dictionary(word: str) -> dict:
    """jieba's prefix dictionary holding at least every substring of ``word``."""
    ensure(word)
    return _tk.FREQ


def tokenize(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of jieba's default (HMM) segmentation, offsets shifted by ``offset``."""
    ensure(text)
    return [(w, s + offset, e + offset) for w, s, e in _tk.tokenize(text)]


def cut(text: str) -> list[str]:
    ensure(text)
    return list(_tk.cut(text))


# ---------------------------------------------------------------------- lines seen before
LINE_MEMO_CHARS = 200_000   # characters of lines whose segmentation is kept (~2 MB in all)
_line_memo: dict = {}       # line text -> array of its tokens' end offsets (oldest first)
_line_memo_chars = 0


def _line_ends(text: str) -> array:
    """The end offsets of ``text``'s tokens, remembered for the last lines segmented.

    jieba's tokens of a line depend on the line's text only (the dictionary does not change
    in a process), and they tile it: each starts where the previous ends. So a line seen
    before — every line but the edited one when an editor re-lints, a county's boilerplate in
    a batch — is not segmented again; its tokens are rebuilt from the ends kept."""
    global _line_memo_chars
    ends = _line_memo.pop(text, None)
    if ends is None:
        ends = array("I", [e for _, _, e in tokenize(text)])
        _line_memo_chars += len(text)
        while _line_memo_chars > LINE_MEMO_CHARS and _line_memo:
            oldest = next(iter(_line_memo))
            del _line_memo[oldest]
            _line_memo_chars -= len(oldest)
    _line_memo[text] = ends      # the most recent last
    return ends


# ---------------------------------------------------------------------- per document
def line_tokens(doc, index: int) -> list[tuple[str, int, int]]:
    """The tokens of line ``index`` of ``doc.norm`` (absolute offsets, no newline)."""
    per_line = doc.cache.setdefault("line-tokens", {})
    toks = per_line.get(index)
    if toks is None:
        ln = doc.lines[index]
        toks = []
        if ln.end > ln.start:
            text, base, prev = doc.norm[ln.start:ln.end], ln.start, 0
            for end in _line_ends(text):
                toks.append((text[prev:end], base + prev, base + end))
                prev = end
        per_line[index] = toks
    return toks


def _lines_of(doc, spans) -> list[int]:
    lines = set()
    for s, e in spans:
        first = doc.line_of(s)
        last = doc.line_of(max(s, e - 1))
        lines.update(range(first, last + 1))
    return sorted(lines)


def tokens_in(doc, spans) -> list[tuple[str, int, int]]:
    """The tokens of every line that the ``(start, end, …)`` spans touch, in order, with the
    newline tokens between lines: for those lines exactly what segmenting the whole document
    gives (:func:`tokens`)."""
    out = []
    n = len(doc.norm)
    for i in _lines_of(doc, [sp[:2] for sp in spans]):
        out.extend(line_tokens(doc, i))
        end = doc.lines[i].end
        if end < n:
            out.append((doc.norm[end], end, end + 1))
    return out


def tokens(doc) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` over the whole normalised text (every line, and the newlines)."""
    cached = doc.cache.get("tokens")
    if cached is None:
        cached = tokens_in(doc, [(0, len(doc.norm))]) if doc.norm else []
        doc.cache["tokens"] = cached
    return cached


class _Boundaries:
    """Offsets where a word starts or ends, as a set-like view: ``offset in boundaries(doc)``
    segments only the line holding the offset (once). Line starts and ends are always
    boundaries (a newline is a token of its own)."""

    def __init__(self, doc):
        self.doc = doc
        self.per_line: dict[int, frozenset] = {}

    def __contains__(self, offset) -> bool:
        doc = self.doc
        if not doc.norm or not 0 <= offset <= len(doc.norm):
            return False
        i = doc.line_of(offset)
        ln = doc.lines[i]
        if offset in (ln.start, ln.end):
            return True
        b = self.per_line.get(i)
        if b is None:
            b = frozenset(e for _, _, e in line_tokens(doc, i))
            self.per_line[i] = b
        return offset in b


def boundaries(doc) -> _Boundaries:
    """Offsets where a word starts or ends (``offset in boundaries(doc)``)."""
    cached = doc.cache.get("boundaries")
    if cached is None:
        cached = _Boundaries(doc)
        doc.cache["boundaries"] = cached
    return cached
