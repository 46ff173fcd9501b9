"""Kind ``duplicate-heading``: a heading, or the title, whose text repeats an earlier one.

Texts are compared without their numbering, trailing punctuation, white space and script
(traditional and simplified compare equal). The title counts as the first heading, and a
paragraph that repeats the title (a web copy that prints it twice, before and after the page's
chrome; ``doc.title_repeats``) counts too.
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
_SPACES = re.compile(r"\s+")   # compiled once: regex.sub(pattern, …) looks the pattern up in its cache each call


def key(norm: str) -> str:
    return _STRIP.sub("", _SPACES.sub("", norm))


def check(doc, rule):
    seen: dict[str, tuple[int, int]] = {}
    entries = []   # (start, end, key) in document order
    title = doc.title if rule.options["include-title"] else None
    if title:
        tkey = key(title.norm)
        entries.append((title.start, title.end, tkey))
        # the model finds the repeats (after the page's chrome, over two lines, with a site name)
        for s, e in doc.title_repeats:
            entries.append((s, e, tkey))
    for h in doc.headings:
        entries.append((h.text_start, h.text_end, key(h.norm)))
    entries.sort()
    for start, end, k in entries:
        if len(k) < rule.options["min-length"]:
            continue
        if k in seen:
            fs, fe = seen[k]
            first_line = doc.position(fs)[0]
            yield Hit(start, end, {"text": doc.text[start:end].replace("\n", ""), "first_line": first_line},
                      related=(Related(fs, fe, "首次出现"),))
        else:
            seen[k] = (start, end)
