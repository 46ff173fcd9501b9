"""Corpus kind ``copied-from-last-year``: paragraphs, sub-headings and problems that repeat the
**same issuer's** report of last year (``--previous PATH``, config ``previous:``).

Each report of the run is matched to last year's by issuer (:mod:`._issuer`: the normalised
name, 法镇 and 汉中市南郑区法镇人民政府 being one); of several, the one about the year before
this report's, else the latest before it. Reports of other issuers in the previous directory
are never compared with it. Then:

* a **problem** of the shortcomings part similar (``problem-threshold``) to one of last year's
  problems: listed again unchanged — variant ``problem``, asking how it was rectified;
* a **paragraph** similar (``threshold``) to one of last year's (not one inside a problem
  already reported, not boilerplate);
* a **sub-heading** equal to one of last year's (compared without numbering, punctuation and
  digits; at least ``heading-min-length`` characters) — variant ``heading``.
"""
from __future__ import annotations

from ..schema import Opt
from ..violation import Hit
from . import _common
from ._common import SIGNATURE_OPTIONS
from ._units import PARAGRAPH, PROBLEM

KIND = "copied-from-last-year"
SUMMARY = "paragraphs, headings and problems that repeat the same issuer's report of last year"
CORPUS = True
NEEDS_PREVIOUS = True
PROBLEMS = True
OPTIONS = {
    **SIGNATURE_OPTIONS,
    "problem-threshold": Opt("number", 0.6, min=0.3, max=1,
                             doc="similarity from which a problem is last year's again"),
    "problem-min-length": Opt("int", 8, min=4, doc="shorter problems are not compared"),
    "heading-min-length": Opt("int", 8, min=2, doc="shorter sub-headings are not compared"),
}
MESSAGE_FIELDS = ("other", "other_line", "other_where", "similarity", "how", "text")


def settings(options):
    return _common.settings(options, problem_min_length=options["problem-min-length"],
                            heading_min_length=options["heading-min-length"])


def check(doc, rule):
    return iter(())


def _last_year(batch, sig):
    from . import _issuer

    mine = sig.issuer_key
    same = [p for p in batch.previous if p is not None and _issuer.same(p.issuer_key, mine)]
    if not same or mine.startswith("\0"):
        return None
    year = sig.report_year
    if year is not None:
        exact = [p for p in same if p.report_year == year - 1]
        if exact:
            return exact[0]
        before = [p for p in same if p.report_year is not None and p.report_year < year]
        if before:
            return max(before, key=lambda p: p.report_year)
        return None
    return same[0]


def check_corpus(batch, rule):
    import numpy as np

    from ._units import similarity

    opts = rule.options
    s = settings(opts)
    if not batch.previous:
        return
    boiler = batch.boilerplate(s, opts["threshold"], _common.boilerplate_limit(batch, opts)) \
        if len(batch.files) > 1 else {}
    for f, sig in enumerate(batch.files):
        if sig is None:
            continue
        prev = _last_year(batch, sig)
        if prev is None:
            continue
        mine, theirs = sig.units[s], prev.units[s]
        hits = []
        problem_spans = []
        for kind, thr, variant in ((PROBLEM, opts["problem-threshold"], "problem"),
                                   (PARAGRAPH, opts["threshold"], None)):
            a = np.flatnonzero(mine.kind == kind)
            b = np.flatnonzero(theirs.kind == kind)
            if not len(a) or not len(b):
                continue
            sims = similarity(mine.sig[a][:, None, :], theirs.sig[b][None, :, :])
            for i, k in enumerate(a.tolist()):
                j = int(np.argmax(sims[i]))
                if sims[i][j] < thr:
                    continue
                start, end = mine.span[k].tolist()
                if kind == PARAGRAPH and (k in boiler.get(f, ()) or
                                          any(start <= ps < end for ps in problem_spans)):
                    continue
                if kind == PROBLEM:
                    problem_spans.append(start)
                ob = int(b[j])
                args = {"other": _common.shown(prev), "other_line": str(theirs.loc[ob][0]),
                        "other_where": _common.where(prev, theirs, ob),
                        "similarity": _common.percent(sims[i][j]),
                        "how": "除数字外完全相同" if sims[i][j] >= 0.99 else "几乎相同", "text": mine.texts[k]}
                rel = _common.related(prev, theirs, ob, "上年报告中的问题" if variant else "上年报告中的相似段落")
                hits.append(Hit(start, end, args, related=(rel,), variant=variant))
        if len(mine.heading_key) and len(theirs.heading_key):
            n = len(mine.kind)
            last = {}
            for j, key in enumerate(theirs.heading_key.tolist()):
                last.setdefault(key, j)
            for k, key in enumerate(mine.heading_key.tolist()):
                if key not in last:
                    continue
                j = last[key]
                start, end = mine.heading_span[k].tolist()
                args = {"other": _common.shown(prev), "other_line": str(theirs.heading_loc[j][0]),
                        "other_where": _common.where(prev, theirs, j, heading=True),
                        "similarity": "100%", "how": "相同", "text": mine.texts[n + k]}
                rel = _common.related(prev, theirs, j, "上年报告中的标题", heading=True)
                hits.append(Hit(start, end, args, related=(rel,), variant="heading"))
        hits.sort(key=lambda h: (h.start, h.end))
        for h in hits:
            yield f, h


def run_example(rule, text):
    from ._phase import run_example as run

    return run(rule, text)
