"""Kind ``unused-directive``: a suppression directive that suppressed nothing.

A ``<!-- reportlint-disable… -->`` left behind after the text it excused was rewritten hides
the next real finding in its range. Like ruff's ``RUF100`` (unused-noqa), the rule is off by
default: turn it on with ``--extend-select unused-directive`` (or config ``extend-select``).

A ``disable`` / ``disable-next-line`` / ``disable-file`` directive is reported when it
suppressed no finding; a directive naming several rules is reported for each named rule that
it did not need. A named rule that did not run in this selection (``--select``, off by
default) is not reported: nobody can tell whether the directive is needed. A directive naming
no rule is judged by the findings of the rules that ran. ``enable`` directives are never
reported. When the whole directive is unused and stands on a line of its own, the fix deletes
that line.
"""
from __future__ import annotations

from ..violation import Fix, Hit

KIND = "unused-directive"
SUMMARY = "a suppression directive that suppressed nothing"
OPTIONS = {}
MESSAGE_FIELDS = ("directive", "names")
FIXABLE = True


def check(doc, rule):   # the engine calls check_directives instead
    return iter(())


def _about_directives(context, sel: str) -> bool:
    named = [r for r in context.catalog if r.name == sel or r.code == sel]
    return bool(named) and all(hasattr(r.module, "check_directives") for r in named)


def check_directives(doc, rule, context):
    for d in context.directives:
        if d.what == "enable":
            continue
        text = doc.text[d.start:d.end]
        if d.ids is None:
            if not d.used:
                yield Hit(d.start, d.end, {"directive": text, "names": "它"}, fix=_delete(doc, d), variant="all")
            continue
        unused = [(sel, s, e) for sel, s, e in d.ids
                  if sel not in d.used and sel in context.known and context.runs(sel)
                  and not _about_directives(context, sel)]
        if not unused:
            continue
        if len(unused) == len(d.ids):
            yield Hit(d.start, d.end, {"directive": text, "names": "、".join(sel for sel, _, _ in unused)},
                      fix=_delete(doc, d), variant="all")
        else:
            for sel, s, e in unused:
                yield Hit(s, e, {"directive": text, "names": sel})


def _delete(doc, d):
    """Delete the directive's line when the directive is all there is on it."""
    line = doc.lines[d.line]
    if doc.text[line.start:line.end].strip() != doc.text[d.start:d.end]:
        return None
    end = line.end + 1 if line.end < len(doc.text) and doc.text[line.end] == "\n" else line.end
    return Fix(line.start, end, "", safe=True)
