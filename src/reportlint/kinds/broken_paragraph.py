"""Kind ``broken-paragraph``: a paragraph that stops mid-sentence and goes on in the next one.

Text copied out of a PDF or a web page often breaks a paragraph at the end of a printed
line: ``…通过层层试点、重点突破、以点带面的方式，在全镇`` / (blank line) / ``稳步推进“民主法治村”
创建工作。`` A paragraph is broken when

* it ends in one of ``open-endings`` (``，、``), or it ends in no punctuation at all
  (closing quotes and brackets skipped) and has at least ``min-length`` characters
  (shorter lines without punctuation are unnumbered headings, signatures, web residue);
* it is not the title, a heading standing alone without end punctuation (one ending in
  ``，`` is cut off), or a line matching ``ignore``
  (dates, ``来源:`` / ``发布时间:`` lines, web footers); lines ending in ``：`` (salutations,
  list lead-ins) end in ``end-punctuation`` and are never broken;
* the next paragraph continues it: it is not a heading, does not match ``ignore`` and does
  not begin like a new paragraph (``not-continuation``: ``一是``, ``附件`` …), and only
  white space lies between the two (never a suppression directive).

A format that wraps a paragraph over lines by design (Markdown: its reader sets
``doc.soft_wrap``) is checked only across a blank line with no markup in it, where its
paragraphs really end; text that arrives without its reader (standard input, an editor's
buffer) named like ``skip-suffixes`` is not checked at all. Both paragraphs must hold Han
characters (Latin-only lines are code, links or notes).
The fix joins the two: it removes the line break, the blank lines and the indentation of
the continuation (a space is kept between two Latin letters or digits).
"""
from __future__ import annotations

import regex as re

from ..matching import compile_patterns
from ..schema import Opt
from ..violation import Fix, Hit

KIND = "broken-paragraph"
SUMMARY = "a paragraph that ends mid-sentence and is continued by the next one (fix: join)"
FIXABLE = True
OPTIONS = {
    "end-punctuation": Opt("str", "。！？；：…!?;:.", doc="a paragraph ending in one of these is complete"),
    "closers": Opt("str", "”’」』）》】)]\"'", doc="closing quotes and brackets skipped at the end"),
    "open-endings": Opt("str", "，、,", doc="a paragraph ending in one of these is unfinished"),
    "min-length": Opt("int", 30, min=1,
                      doc="a paragraph without end punctuation needs this many characters to count as broken"),
    "ignore": Opt("list[regex]", [], doc="paragraphs (normalised text) that are never part of a broken pair"),
    "not-continuation": Opt("list[regex]", [], doc="openings of a paragraph that starts something new"),
    "skip-suffixes": Opt("list[str]", [".md", ".markdown"],
                         doc="text read without its format's reader (stdin, editors) named like this is "
                             "not checked: Markdown wraps its paragraphs over several lines by design"),
    "fix-safe": Opt("bool", True, doc="whether --fix joins the two parts unasked (after ， or 、)"),
    "fix-safe-unpunctuated": Opt("bool", False,
                                 doc="whether --fix also joins unasked after a paragraph with no end "
                                     "punctuation (usually a PDF line break, but it may be a heading)"),
}
MESSAGE_FIELDS = ("tail", "next_line")

_HAN = re.compile(r"\p{Han}")
_SPACES = re.compile(r"\s+")


def prepare(options):
    return (compile_patterns(options["ignore"], "ignore"),
            compile_patterns(options["not-continuation"], "not-continuation"))


def _ending(doc, p, opts) -> str | None:
    """'open' · 'none' (no punctuation) · None (complete)."""
    e = p.end
    while e > p.start and doc.norm[e - 1] in opts["closers"]:
        e -= 1
    if e == p.start:
        return None
    last = doc.norm[e - 1]
    if last in opts["open-endings"]:
        return "open"
    if last in opts["end-punctuation"]:
        return None
    return "none"


def check(doc, rule):
    opts = rule.options
    ignore_rx, new_rx = rule.state
    headings = {h.paragraph: h for h in doc.headings}
    title_lines = doc.title_lines

    def ignored(p) -> bool:
        return p.line in title_lines or bool(ignore_rx and ignore_rx.search(doc.norm[p.start:p.end].strip()))

    if not doc.soft_wrap and doc.path and doc.path.lower().endswith(tuple(x.lower() for x in opts["skip-suffixes"])):
        return
    paras = doc.paragraphs
    for p, q in zip(paras, paras[1:]):
        ending = _ending(doc, p, opts)   # first: most paragraphs end complete, and it is cheapest
        if ending is None:
            continue
        if ignored(p) or not (_HAN.search(doc.norm, p.start, p.end) and _HAN.search(doc.norm, q.start, q.end)):
            continue   # Latin-only lines (code, links, English notes) are not report prose
        h = headings.get(p.index)
        if h is not None and h.standalone and ending == "none":
            continue   # a heading needs no end punctuation; one ending in ， is cut off
        if ending == "none" and len(_SPACES.sub("", doc.norm[p.start:p.end])) < opts["min-length"]:
            continue
        if q.index in headings or ignored(q):
            continue
        if new_rx and new_rx.match(doc.norm[q.start:q.end]):
            continue
        if _ending(doc, q, opts) == "none" and len(_SPACES.sub("", doc.norm[q.start:q.end])) < opts["min-length"]:
            continue   # a short line without punctuation: a signature or a heading, not the rest of p
        gap = doc.original[p.end:q.start]   # markup between the two (a code block) is no gap
        if gap.strip() or "\n" not in gap:
            continue   # two pieces of one line (cut at chrome or a heading) are not a broken line
        if doc.soft_wrap and not re.search(r"\n[ \t]*\n", gap):
            continue   # a soft line break inside one paragraph of a wrapping format
        joiner = " " if (doc.text[p.end - 1].isascii() and doc.text[p.end - 1].isalnum()
                         and doc.text[q.start].isascii() and doc.text[q.start].isalnum()) else ""
        tail = doc.text[max(p.start, p.end - 6):p.end]
        yield Hit(p.end - 1, p.end, {"tail": tail, "next_line": q.line + 1},
                  fix=Fix(p.end, q.start, joiner, safe=opts["fix-safe"] and (
                      ending == "open" or opts["fix-safe-unpunctuated"])))
