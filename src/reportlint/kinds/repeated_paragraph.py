"""Kind ``repeated-paragraph``: a paragraph identical to an earlier one.

A draft assembled from pieces often carries a whole paragraph twice (the plan part repeating
a paragraph of the measures part word for word). Paragraphs are compared after
normalisation (script, width), without white space, without a leading heading number
(``（五）`` / ``5.``) and without trailing punctuation.

Not compared: paragraphs shorter than ``min-length`` characters (web residue such as
``关闭``, signatures, dates), headings standing alone (repeated headings are
duplicate-heading's job) and the title. A heading followed by body text in the same
paragraph is compared whole. Reported at the repeat, with the first occurrence related.
"""
from __future__ import annotations

import regex as re

from ..schema import Opt
from ..violation import Hit, Related

KIND = "repeated-paragraph"
SUMMARY = "a paragraph identical to an earlier one"
OPTIONS = {
    "min-length": Opt("int", 15, min=1, doc="ignore paragraphs with fewer characters (white space and numbering not counted)"),
    "ignore-numbering": Opt("bool", True, doc="compare without a leading heading number"),
}
MESSAGE_FIELDS = ("first_line",)

_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"(?r)[\p{P}|]+$")   # (?r): searched from the end, linear on a long run of punctuation


def key(doc, start: int, end: int) -> str:
    return _TRAIL.sub("", _SPACE.sub("", doc.norm[start:end]))


def check(doc, rule):
    opts = rule.options
    headings = {h.paragraph: h for h in doc.headings}
    title_lines = doc.title_lines
    seen: dict[str, tuple[int, int]] = {}
    for p in doc.paragraphs:
        if p.line in title_lines:
            continue
        h = headings.get(p.index)
        if h is not None and h.standalone:
            continue
        start = h.number_end if (h is not None and opts["ignore-numbering"]) else p.start
        k = key(doc, start, p.end)
        if len(k) < opts["min-length"]:
            continue
        if k in seen:
            fs, fe = seen[k]
            yield Hit(p.start, p.end, {"first_line": doc.position(fs)[0]},
                      related=(Related(fs, fe, "首次出现"),))
        else:
            seen[k] = (p.start, p.end)
