"""What a report brings to the checks across reports: its *units* and their signatures.

Computed where the report was linted (a worker with ``--jobs``), from its :class:`Document`,
and small enough to send to the parent: a few kilobytes a report.

Units (0-based offsets into ``doc.text``, with their line/column span already located, so the
parent can name a place in a file it never saw):

* ``paragraph``  each body paragraph (not the title, not a heading standing alone, not text
  before the title) whose comparable text is at least ``min-length`` characters; a paragraph
  longer than ``max-length`` is cut at sentence ends into runs of sentences of about
  ``max-length`` (so a run of sentences copied inside a long paragraph is still found);
* ``problem``    each problem of the shortcomings part (as unpaired-problem reads them);
* ``heading``    each sub-heading (level 2 and below) of at least ``heading-min-length``.

The comparable text of a unit is its normalised text (``doc.norm``: simplified, half-width)
without spaces and punctuation, with every run of digits or Chinese numerals masked (``2022``
and ``2023``, ``12名`` and ``十五名`` are the same), the report's own issuer name masked (a neighbouring township's report with its
name put in matches), and the stock phrases of ``data/boilerplate.yaml`` (and the rule's
``boilerplate`` option) cut out, so text every report shares never makes two paragraphs alike.

Signatures: MinHash over the set of character ``shingle``-grams of the comparable text, with
``num-perm`` hash functions of the multiply-shift family (``(a·x + b) mod 2⁶⁴ >> 32``, ``a`` odd,
seeded, so every process computes the same), each minimum kept to its lowest 16 bits
(b-bit MinHash: 2 bytes a function; the chance two unequal minima agree is 2⁻¹⁶). Four
consecutive 16-bit values make one 64-bit LSH band key, so the signature *is* the index key
(:mod:`._index`). numpy does the arithmetic for all units of a report at once. Headings are
compared exactly (a 64-bit hash of their comparable text).

Everything here is deterministic (fixed seeds, no ``hash()``), so a signature computed in a
worker process equals one computed in the parent.
"""

from functools import lru_cache
from typing import NamedTuple

import regex as re

NUM_PERM = 64
ROWS = 4                 # 16-bit values per LSH band: one uint64 key
PARAGRAPH, PROBLEM = 0, 1
KIND_NAMES = {PARAGRAPH: "paragraph", PROBLEM: "problem"}

_DROP = re.compile(r"[\s\p{P}\p{S}]+")
_DIGITS = re.compile(r"[\d〇零一二两三四五六七八九十百千万]+")
_SENTENCE_END = re.compile(r"[。！？；!?;]")


class Settings(NamedTuple):
    """What the signatures depend on; every rule that shares them shares one signature set."""
    shingle: int = 5
    min_length: int = 40
    max_length: int = 400
    problem_min_length: int = 8
    heading_min_length: int = 8
    boilerplate: tuple = ()        # extra stock phrases (the rule's option), besides the shipped list
    num_perm: int = NUM_PERM


class Units(NamedTuple):
    """The units of one report for one :class:`Settings` (numpy arrays, picklable)."""
    kind: object                 # uint8 [n]: PARAGRAPH / PROBLEM
    span: object                 # int32 [n, 2]: start, end offsets
    loc: object                  # int32 [n, 4]: line, column, end line, end column (1-based)
    size: object                 # int32 [n]: comparable characters
    sig: object                  # uint16 [n, num_perm]
    heading_span: object         # int32 [h, 2]
    heading_loc: object          # int32 [h, 4]
    heading_key: object          # uint64 [h]
    texts: list = []             # problems' and headings' quotes (short), by unit (never changed)


class FileSignature(NamedTuple):
    """One report, as the checks across reports see it."""
    path: str
    issuer_key: str              # normalised issuer name; the path when the issuer is unknown
    issuer_name: str | None      # as written, for messages
    report_year: int | None
    body_size: int               # characters of body text (for the copied share)
    places: list | None          # place labels by unit start, for files with places (第 12 段)
    units: dict                  # Settings -> Units


@lru_cache(maxsize=1)
def shipped_boilerplate() -> tuple[str, ...]:
    from ..rulecache import data_yaml   # parsed once, then kept with the rules: no PyYAML in a run

    raw = data_yaml("boilerplate.yaml")
    return tuple(p for group in raw.values() for p in group)


def comparable(text: str) -> str:
    """Normalised text as units are compared: no spaces or punctuation, every run of digits
    or Chinese numerals masked (``2022年``, ``12名``, ``十二名``, ``两次`` are all the same)."""
    return _DIGITS.sub("0", _DROP.sub("", text))


@lru_cache(maxsize=16)
def _stock_rx(extra: tuple):
    from ..normalize import normalize

    phrases = sorted({comparable(normalize(p)) for p in shipped_boilerplate() + tuple(extra)}, key=len, reverse=True)
    phrases = [p for p in phrases if len(p) >= 4]
    return re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None


@lru_cache(maxsize=4)
def _perms(num_perm: int, seed: int = 1):
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)   # odd
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a[:, None], b[:, None]


def _mix(h):
    """splitmix64's finaliser, in place: spreads the bits of a polynomial hash."""
    import numpy as np

    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(texts: list[str], k: int):
    """64-bit hashes of the k-grams of every text (a polynomial of the code points, mixed),
    all texts in one pass; and where each text's shingles start in the result. A text shorter
    than ``k`` is one shingle (itself, padded)."""
    import numpy as np

    texts = [t if len(t) >= k else t + "\0" * (k - len(t)) for t in texts]
    cp = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h *= np.uint64(0x100000001B3)
            h += cp[i:i + n]
        _mix(h)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    ends = np.cumsum(lengths)
    keep = np.ones(n, dtype=bool)
    for e in ends[:-1].tolist():          # shingles that cross into the next text
        keep[e - k + 1:e] = False
    counts = lengths - k + 1
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return h[keep], starts


def minhash(texts: list[str], k: int, num_perm: int = NUM_PERM):
    """b-bit (16) MinHash signatures of the shingle sets of ``texts``: uint16 [len, num_perm]."""
    import numpy as np

    if not texts:
        return np.zeros((0, num_perm), dtype=np.uint16)
    allh, starts = shingle_hashes(texts, k)
    counts = np.diff(np.append(starts, len(allh)))
    a, b = _perms(num_perm)
    out = np.empty((num_perm, len(texts)), dtype=np.uint64)
    limit = 1 << 20                  # elements of the [num_perm, shingles] temporary at a time
    n = len(texts)
    with np.errstate(over="ignore"):
        i = 0
        while i < n:                 # whole units at a time, so reduceat sees all of each
            j, total = i + 1, int(counts[i])
            while j < n and (total + int(counts[j])) * num_perm <= limit:
                total += int(counts[j])
                j += 1
            lo = int(starts[i])
            m = np.multiply(a, allh[lo:lo + total][None, :])
            m += b
            out[:, i:j] = np.minimum.reduceat(m, starts[i:j] - lo, axis=1)
            i = j
    # ">> 32" never changes which value is the least: shifted once, the minima, not every hash
    out >>= np.uint64(32)
    return np.ascontiguousarray((out & np.uint64(0xFFFF)).astype(np.uint16).T)


def heading_hash(s: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


def _mask_issuer(text: str, names: tuple[str, ...]) -> str:
    for n in names:
        if n:
            text = text.replace(n, "〇")
    return text


def _pieces(doc, s: int, e: int, max_length: int) -> list[tuple[int, int]]:
    """A long paragraph as runs of whole sentences of about ``max_length`` characters."""
    if e - s <= max_length:
        return [(s, e)]
    cuts = [m.end() for m in _SENTENCE_END.finditer(doc.norm, s, e)]
    out, start = [], s
    for c in cuts:
        if c - start >= max_length // 2 and e - c >= max_length // 4:
            out.append((start, c))
            start = c
    out.append((start, e))
    return out


# joins the texts keyed at once (_keys): neither dropped nor a digit by comparable()
_JOIN = "\ue000"


def _keys(texts: list[str], issuer_names: tuple[str, ...], stock) -> list[str]:
    """The comparable text of each of ``texts``, the issuer's names masked and the stock
    phrases cut out. All texts in three substitutions: joined by a character that no name
    or phrase holds, so no match crosses from one text into the next (one by one when a
    text, a name or a phrase holds it)."""
    def key(t):
        t = _mask_issuer(comparable(t), issuer_names)
        return stock.sub("", t) if stock is not None else t

    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts) - 1 or any(_JOIN in n for n in issuer_names) \
            or (stock is not None and _JOIN in stock.pattern):
        return [key(t) for t in texts]
    return key(joined).split(_JOIN) if texts else []


def units_of(doc, settings: Settings, issuer_names: tuple[str, ...], problem_spans) -> Units:
    import numpy as np

    stock = _stock_rx(settings.boilerplate)
    title_end = doc.title.end if doc.title else 0
    pieces = [pc for s, e in doc.spans("body") if s >= title_end
              for pc in _pieces(doc, s, e, settings.max_length)]
    bodies = [sp for _, _, _, body in problem_spans for sp in body]
    headings = [h for h in doc.headings if h.level >= 2 and h.start >= title_end]
    keyed = iter(_keys([doc.norm[s:e] for s, e in pieces + bodies]
                       + [doc.norm[h.text_start:h.text_end] for h in headings], issuer_names, stock))

    kinds, spans, keys, texts = [], [], [], []
    for ps, pe in pieces:
        k = next(keyed)
        if len(k) >= settings.min_length:
            kinds.append(PARAGRAPH)
            spans.append((ps, pe))
            keys.append(k)
            texts.append("")
    for s, e, quote, body in problem_spans:
        k = "".join(next(keyed) for _ in body)
        if len(k) >= settings.problem_min_length:
            kinds.append(PROBLEM)
            spans.append((s, e))
            keys.append(k)
            texts.append(quote)
    h_spans, h_keys, h_texts = [], [], []
    for h in headings:
        k = next(keyed)
        if len(k) >= settings.heading_min_length:
            h_spans.append((h.text_start, h.text_end))
            h_keys.append(heading_hash(k))
            h_texts.append(doc.text[h.text_start:h.text_end])

    def locs(sp):
        out = []
        for s, e in sp:
            ln, col = doc.position(s)
            eln, ecol = doc.position(e)
            out.append((ln, col, eln, ecol))
        return np.array(out, dtype=np.int32).reshape(-1, 4)

    return Units(
        kind=np.array(kinds, dtype=np.uint8),
        span=np.array(spans, dtype=np.int32).reshape(-1, 2),
        loc=locs(spans),
        size=np.array([len(k) for k in keys], dtype=np.int32),
        sig=minhash(keys, settings.shingle, settings.num_perm),
        heading_span=np.array(h_spans, dtype=np.int32).reshape(-1, 2),
        heading_loc=locs(h_spans),
        heading_key=np.array(h_keys, dtype=np.uint64),
        texts=texts + h_texts,
    )


def similarity(a, b):
    """Estimated Jaccard similarity of b-bit signatures (rows of ``a`` and ``b``)."""
    import numpy as np

    m = (a == b).mean(axis=-1)
    c = 2.0 ** -16
    return np.clip((m - c) / (1 - c), 0.0, 1.0)
