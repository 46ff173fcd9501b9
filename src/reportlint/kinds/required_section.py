"""Kind ``required-section``: a statutory part of the report is missing.

Reads ``doc.parts`` (classified by :mod:`reportlint.parts`). A part counts for every kind
its heading names, so a combined heading such as 存在的问题及下一步打算 covers both the
shortcomings and the plan. One hit per missing part, at the title (line 1 if none).
"""
from __future__ import annotations

from ..parts import KINDS, NAMES, matching_kinds
from ..schema import Opt, OptionError
from ..violation import Hit

KIND = "required-section"
SUMMARY = "a statutory part of the report (measures, shortcomings, plan…) is missing"
OPTIONS = {
    "required": Opt("list[str]", ["measures", "shortcomings", "plan"],
                    doc="the part kinds every report must have"),
    "names": Opt("dict", {}, doc="how to name each kind in the message (default: the statutory wording)"),
}
MESSAGE_FIELDS = ("part", "kind")


def prepare(options):
    for k in options["required"]:
        if k not in KINDS:
            raise OptionError("required", f"unknown part kind {k!r} (known: {', '.join(KINDS)})")
    return {**NAMES, **{k: str(v) for k, v in options["names"].items()}}


def anchor(doc) -> tuple[int, int]:
    """The title, or the first line when there is none."""
    if doc.title:
        return doc.title.spans[0]
    first = doc.lines[0]
    return first.start, first.end


def check(doc, rule):
    names = rule.state
    covered = {p.kind for p in doc.parts}
    if not covered.issuperset(rule.options["required"]):   # most reports: their parts' own kinds suffice
        for p in doc.parts:
            if p.kind != "other":   # a combined heading (问题和下一步打算) covers every kind it names
                covered |= matching_kinds(p.heading.norm, doc.parts_config)
    s, e = anchor(doc)
    for kind in rule.options["required"]:
        if kind not in covered:
            yield Hit(s, e, {"part": names.get(kind, kind), "kind": kind})
