"""Kind ``unknown-rule``: a suppression directive naming a rule that does not exist.

``<!-- reportlint-disable fazhi-trem -->`` suppresses nothing: the name is misspelt, so the
finding it was meant to hide is still reported and nobody sees why. Every selector in every
directive (``disable``, ``disable-next-line``, ``disable-file``, ``enable``) must name a rule
that is loaded — built in or from ``--rules`` / ``extend-rules`` — by name, code or code
prefix, or be ``ALL``; whether that rule runs in this selection does not matter. Reported at
the name, with the closest rule name as a suggestion. Like ruff's ``RUF102``
(invalid-rule-code). The engine runs it after every other rule (``check_directives``).
"""
from __future__ import annotations

from ..violation import Hit

KIND = "unknown-rule"
SUMMARY = "a suppression directive naming a rule that does not exist"
OPTIONS = {}
MESSAGE_FIELDS = ("name", "hint")


def check(doc, rule):   # the engine calls check_directives instead
    return iter(())


def check_directives(doc, rule, context):
    import difflib   # only when a directive is there to check

    names = sorted({r.name for r in context.catalog} | {r.code for r in context.catalog})
    for d in context.directives:
        for sel, start, end in d.ids or ():
            if sel in context.known:
                continue
            close = difflib.get_close_matches(sel, names, n=1, cutoff=0.6)
            hint = f"，是不是“{close[0]}”？" if close else "。"
            yield Hit(start, end, {"name": doc.text[start:end], "hint": hint})
