"""Kind ``duplicate-heading``: a heading, or the title, whose text repeats an earlier one.

Texts are compared without their numbering, trailing punctuation, white space and script
(traditional and simplified compare equal). The title counts as the first heading, and a
paragraph that repeats the title word for word (a web copy that prints it twice) counts too.
Reported at the repeat, with a related location at the first occurrence.
"""
from __future__ import annotations

import regex as re

from ..schema import Opt
from ..violation import Hit, Related

KIND = "duplicate-heading"
SUMMARY = "a heading or the title that repeats an earlier one"
OPTIONS = {
    "include-title": Opt("bool", True, doc="compare the title and paragraphs that repeat it"),
    "min-length": Opt("int", 2, min=1, doc="ignore heading texts shorter than this"),
}
MESSAGE_FIELDS = ("text", "first_line")

_STRIP = re.compile(r"(?r)[\s\p{P}|]+$")   # (?r): searched from the end, linear on a long run of punctuation


def key(norm: str) -> str:
    return _STRIP.sub("", re.sub(r"\s+", "", norm))


def check(doc, rule):
    seen: dict[str, tuple[int, int]] = {}
    entries = []   # (start, end, key) in document order
    title = doc.title if rule.options["include-title"] else None
    if title:
        entries.append((title.start, title.end, key(title.norm)))
        title_lines = doc.title_lines
        tkey = key(title.norm)
        for p in doc.paragraphs:
            if p.line not in title_lines and p.start > title.end and key(doc.norm[p.start:p.end]) == tkey:
                entries.append((p.start, p.end, tkey))
    for h in doc.headings:
        entries.append((h.text_start, h.text_end, key(h.norm)))
    entries.sort()
    for start, end, k in entries:
        if len(k) < rule.options["min-length"]:
            continue
        if k in seen:
            fs, fe = seen[k]
            first_line = doc.position(fs)[0]
            yield Hit(start, end, {"text": doc.text[start:end], "first_line": first_line},
                      related=(Related(fs, fe, "首次出现"),))
        else:
            seen[k] = (start, end)
