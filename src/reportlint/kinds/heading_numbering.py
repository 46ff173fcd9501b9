"""Kind ``heading-numbering``: heading numbers in the wrong form, order or sequence.

Reads ``doc.headings`` and ``doc.sections`` (the model's heading tree) and reports

* ``form``     a number written other than in its level's standard form: ``一.`` for ``一、``,
               ``1、`` for ``1.``, ``（一）、`` (punctuation after a bracket), ``(一)`` / ``一)``
               (half-width or missing bracket) for ``（一）``. Fixed to the standard form.
               This rule owns the brackets of a heading number: halfwidth-punctuation leaves
               them alone, so ``(一)`` is reported once.
* ``order``    a heading before the first heading of a higher level that the document uses
               (``（一）`` before any ``一、``); reported once per run.
* ``skip`` / ``repeat`` / ``start``  siblings (same parent, same level) not numbered 1, 2, 3…
               A number 1 after a higher one starts a new run (a restart under an unnumbered
               sub-part), so restarts are never reported; nor are restarts under a new parent.

Options:
  forms        per level ("1"…"4"), the accepted forms of a number, ``{n}`` standing for the
               numeral; the first is the standard one, used by the fix and the message
  check-form / check-order / check-sequence   switch each check off
"""
from __future__ import annotations

from ..schema import Opt, OptionError
from ..violation import Fix, Hit, Related

KIND = "heading-numbering"
SUMMARY = "heading numbers in the wrong form (一. 1、 (一)), out of order, skipped or repeated"
FIXABLE = True
OPTIONS = {
    "forms": Opt("dict[str,list[str]]", {
        "1": ["{n}、"],
        "2": ["（{n}）"],
        "3": ["{n}.", "{n}．"],
        "4": ["（{n}）"],
    }, doc="level → accepted forms of the number, {n} is the numeral; the first is standard"),
    "check-form": Opt("bool", True),
    "check-order": Opt("bool", True),
    "check-sequence": Opt("bool", True),
}
MESSAGE_FIELDS = ("numbering", "expected", "level", "previous")

CN = "一二三四五六七八九十"
LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def prepare(options):
    forms = {}
    for key, items in options["forms"].items():
        if key not in ("1", "2", "3", "4"):
            raise OptionError("forms", f"{key!r}: levels are 1, 2, 3 and 4")
        if not items:
            raise OptionError("forms", f"level {key}: needs at least one form")
        for f in items:
            if f.count("{n}") != 1:
                raise OptionError("forms", f"{f!r}: a form holds {{n}} exactly once")
        forms[int(key)] = list(items)
    for lv in range(1, 5):
        forms.setdefault(lv, OPTIONS["forms"].default[str(lv)])
    return forms


def numeral(level: int, n: int) -> str:
    if level in (1, 2):
        if n <= 10:
            return CN[n - 1]
        if n < 20:
            return "十" + CN[n - 11]
        tens, ones = divmod(n, 10)
        return CN[tens - 1] + "十" + (CN[ones - 1] if ones else "")
    return str(n)


def _token(doc, h):
    """(start, end) of the number as written, without the space that follows it."""
    e = h.number_end
    while e > h.start and doc.text[e - 1] in " \t\u3000\u00a0":
        e -= 1
    return h.start, e


def _label(doc, h):
    s, e = _token(doc, h)
    return doc.text[s:e]


def check(doc, rule):
    forms = rule.state
    opts = rule.options
    if opts["check-form"]:
        yield from _check_form(doc, forms)
    if opts["check-order"]:
        yield from _check_order(doc, forms)
    if opts["check-sequence"]:
        yield from _check_sequence(doc, forms)


def _check_form(doc, forms):
    for h in doc.headings:
        s, e = _token(doc, h)
        written = doc.text[s:e]
        accepted = [f.replace("{n}", h.numeral) for f in forms[h.level]]
        if written in accepted:
            continue
        expected = accepted[0]
        # which slip: a bracket (half-width or missing) or the punctuation after the number
        if h.style in ("cn-paren", "arabic-paren") and h.punct:
            variant = "punct"
        elif h.style in ("cn-half-paren", "arabic-half-paren") or (
                h.style in ("cn-paren", "arabic-paren") and ("(" in written or ")" in written)):
            variant = "bracket"
        else:
            variant = None
        yield Hit(s, e, {"numbering": written, "expected": expected, "level": h.level, "previous": ""},
                  fix=Fix(s, e, expected), variant=variant)


def _check_order(doc, forms):
    if not doc.headings:
        return
    first_at = {}
    for h in doc.headings:
        first_at.setdefault(h.level, h.index)
    reported_levels = set()
    for h in doc.headings:
        higher = [lv for lv in first_at if lv < h.level and first_at[lv] > h.index]
        if not higher or h.level in reported_levels:
            continue
        # only a heading that stands before every heading of some higher level in use
        earlier_higher = any(x.level < h.level for x in doc.headings[:h.index])
        if earlier_higher:
            continue
        reported_levels.add(h.level)
        lv = min(higher)
        target = doc.headings[first_at[lv]]
        yield Hit(*_token(doc, h), {"numbering": _label(doc, h), "expected": LEVEL_NAMES[lv],
                                    "level": h.level, "previous": ""},
                  related=(Related(target.start, target.text_end, "第一个上级标题"),), variant="order")


def _sibling_groups(doc):
    """Runs of headings of one level under one parent, in document order."""
    groups: dict = {}

    def visit(children, parent_key):
        for sec in children:
            groups.setdefault((parent_key, sec.level), []).append(sec.heading)
            visit(sec.children, sec.heading.index)
    visit(doc.sections, None)
    return groups.values()


def _check_sequence(doc, forms):
    for heads in _sibling_groups(doc):
        prev = None
        for h in heads:
            if prev is None:
                if h.number != 1:
                    yield Hit(*_token(doc, h), {"numbering": _label(doc, h),
                                                "expected": numeral(h.level, 1),
                                                "level": h.level, "previous": ""}, variant="start")
            elif h.number == 1 and prev.number > 1:
                pass    # a new run (restart under an unnumbered sub-part)
            elif h.number == prev.number or h.number < prev.number:
                yield Hit(*_token(doc, h), {"numbering": _label(doc, h), "expected": numeral(h.level, prev.number + 1),
                                            "level": h.level, "previous": _label(doc, prev)},
                          related=(Related(*_token(doc, prev), "上一个同级序号"),), variant="repeat")
            elif h.number > prev.number + 1:
                yield Hit(*_token(doc, h), {"numbering": _label(doc, h), "expected": numeral(h.level, prev.number + 1),
                                            "level": h.level, "previous": _label(doc, prev)},
                          related=(Related(*_token(doc, prev), "上一个同级序号"),), variant="skip")
            prev = h
