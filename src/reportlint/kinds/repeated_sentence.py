"""Kind ``repeated-sentence``: a sentence or clause written twice back to back.

Typical of drafts pieced together from two versions: ``现将有关情况报告如下：现将我镇2022年
法治政府建设工作有关情况报告如下：``. Inside each paragraph the text is cut into sentences
(at 。！？；) and into clauses (also at ，：、 and their half-width forms); each unit is compared
with the unit right before it, after normalisation (script, width, white space).

Two neighbours are a repeat when they are identical (and at least ``min-exact-length``
characters long), or when they are near-identical: the shorter one is at least
``min-length`` characters, both begin with the same ``same-start`` characters,
``similarity`` of the shorter one's characters are found, in order, in the longer one, and
the longer one is at most ``max-length-ratio`` times as long. So an expanded restatement
counts, while parallel phrases (``省委…工作会议、市委…工作会议``, ``加强执法培训，加强执法考核``)
do not.

Reported at the second occurrence, with the first as a related location.
"""
from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter

import regex as re

from ..schema import Opt, OptionError
from ..violation import Hit, Related

KIND = "repeated-sentence"
SUMMARY = "a sentence or clause repeated back to back (identical or nearly so)"
OPTIONS = {
    "sentence-ends": Opt("str", "。！？；!?;", doc="characters that end a sentence"),
    "clause-ends": Opt("str", "，、：,:", doc="characters that end a clause inside a sentence"),
    "min-exact-length": Opt("int", 4, min=1, doc="identical neighbours shorter than this are ignored"),
    "min-length": Opt("int", 8, min=1, doc="near-identical: the shorter unit has at least this many characters"),
    "similarity": Opt("number", 0.9, min=0.5, max=1.0,
                      doc="near-identical: share of the shorter unit's characters found in order in the longer"),
    "same-start": Opt("int", 2, min=0, doc="near-identical: both units begin with the same this many characters"),
    "max-length-ratio": Opt("number", 3.0, min=1.0, doc="near-identical: the longer unit is at most this many times as long"),
    "excerpt": Opt("int", 20, min=4, doc="quote at most this many characters in the message"),
}
MESSAGE_FIELDS = ("text", "first_line")

_IGNORED = re.compile(r"[\s\p{Pi}\p{Pf}\"'“”‘’「」『』]+")


def prepare(options):
    for key in ("sentence-ends", "clause-ends"):
        if not options[key]:
            raise OptionError(key, "至少需要一个字符")
    return (re.compile("[" + re.escape(options["sentence-ends"]) + "]+"),
            re.compile("[" + re.escape(options["sentence-ends"] + options["clause-ends"]) + "]+"))


def _units(doc, start: int, end: int, splitter, clean: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, key) for each piece of doc.norm[start:end]; end includes the punctuation.
    ``clean``: the span holds no character the keys leave out (each key is the piece's text)."""
    norm = doc.norm
    units, a = [], start
    for m in itertools.chain(splitter.finditer(norm, start, end), (None,)):
        if m is None:
            if a >= end:
                break
            text_end = b = end
        else:
            text_end, b = m.span()
        key = norm[a:text_end] if clean else _IGNORED.sub("", norm[a:text_end])
        if key:
            s = a
            while s < text_end and norm[s].isspace():   # report from the first visible character
                s += 1
            units.append((s, b, key))
        a = b
    return units


# Up to this length, the characters found in order are counted by difflib's matching blocks
# (what the rule was tuned on). SequenceMatcher takes quadratic time on long repetitive text
# (two near-identical 16 000-character sentences: 20–40 s), so longer units are compared by
# their exact longest common subsequence, computed bit-parallel in O(n·m/64).
DIFFLIB_MAX = 1000


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (Hyyrö 2004: one big-integer bit vector over
    the shorter string, a few integer operations per character of the longer)."""
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    for i, c in enumerate(b):
        masks[c] = masks.get(c, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for c in a:
        u = v & masks.get(c, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def similar(a: str, b: str, opts) -> bool:
    if a == b:
        return len(a) >= opts["min-exact-length"]
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < opts["min-length"] or len(long_) > opts["max-length-ratio"] * len(short):
        return False
    k = opts["same-start"]
    if short[:k] != long_[:k]:
        return False
    need = opts["similarity"] * len(short)
    # an upper bound on both measures below: characters in common, in any order
    if sum((Counter(short) & Counter(long_)).values()) < need:
        return False
    if len(long_) > DIFFLIB_MAX:
        return lcs_length(short, long_) >= need
    from difflib import SequenceMatcher   # only for a near repeat (most runs have none)

    sm = SequenceMatcher(None, short, long_, autojunk=False)
    common = sum(block.size for block in sm.get_matching_blocks())
    return common >= need


def check(doc, rule):
    opts = rule.options
    k = opts["same-start"]   # similar() holds only for units that begin alike: asked first, inline
    sentence_rx, clause_rx = rule.state
    excluded = {h.paragraph for h in doc.headings if h.standalone}
    title_lines = doc.title_lines
    for p in doc.paragraphs:
        if p.index in excluded or p.line in title_lines:
            continue
        # reported units, disjoint, kept sorted: starts and ends both ascend, so whether a
        # unit overlaps one is a bisection (8 000 repeated clauses in a line made it quadratic)
        starts: list[int] = []
        ends: list[int] = []
        clean = _IGNORED.search(doc.norm, p.start, p.end) is None   # most paragraphs: no quotes, no spaces
        for splitter in (sentence_rx, clause_rx):
            units = _units(doc, p.start, p.end, splitter, clean)
            for prev, cur in zip(units, units[1:]):
                if prev[2][:k] != cur[2][:k]:
                    continue
                i = bisect_left(starts, cur[1])
                if i and ends[i - 1] > cur[0]:
                    continue
                if similar(prev[2], cur[2], opts):
                    s, e = cur[0], cur[1]
                    text = doc.text[s:e].strip()
                    if len(text) > opts["excerpt"]:
                        text = text[:opts["excerpt"]] + "…"
                    yield Hit(s, e, {"text": text, "first_line": doc.position(prev[0])[0]},
                              related=(Related(prev[0], prev[1], "前一处"),))
                    i = bisect_left(starts, s)
                    starts.insert(i, s)
                    ends.insert(i, e)
