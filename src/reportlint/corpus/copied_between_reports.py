"""Corpus kind ``copied-between-reports``: a paragraph the same or nearly the same as one in
the report of **another issuer** linted in the same run.

Paragraph units and their signatures: :mod:`._units`; the index: :mod:`._index`. A paragraph
is reported when its closest paragraph of another issuer (estimated similarity, ties to the
earlier file) reaches ``threshold``; the related place is that paragraph, in its file. Both
reports get the finding (who copied whom is for the reviewer to find out). Not reported:
text in the shipped stock-phrase list (cut out before comparing) and text a cluster of
similar paragraphs shares across ``boilerplate-*`` many issuers of the run (learned
boilerplate: a county template every township filled in).
"""
from __future__ import annotations

from ..violation import Hit
from . import _common
from ._common import SIGNATURE_OPTIONS

KIND = "copied-between-reports"
SUMMARY = "a paragraph the same or nearly the same as one of another issuer's report in the same run"
CORPUS = True
OPTIONS = dict(SIGNATURE_OPTIONS)
MESSAGE_FIELDS = ("other", "other_issuer", "other_line", "other_where", "similarity", "how", "more")


def settings(options):
    return _common.settings(options)


def check(doc, rule):
    return iter(())


def check_corpus(batch, rule):
    import numpy as np

    from ._units import similarity

    opts = rule.options
    s = settings(opts)
    threshold = opts["threshold"]
    sig, fno, uno, issuer = batch.table(s)
    if len(sig) < 2:
        return
    cl = batch.clusters(s, threshold)
    limit = _common.boilerplate_limit(batch, opts)
    label = cl.label
    shared = np.array([lab for lab, n in cl.issuers.items() if 2 <= n < limit], dtype=np.int64)
    if not len(shared):
        return
    members = np.flatnonzero(np.isin(label, shared))
    members = members[np.lexsort((members, label[members]))]
    groups = np.split(members, np.flatnonzero(np.diff(label[members])) + 1)
    hits = []
    for g in groups:
        sims = similarity(sig[g][:, None, :], sig[g][None, :, :])      # [m, m]
        iss = issuer[g]
        for a, k in enumerate(g):
            other = (iss != iss[a]) & (sims[a] >= threshold)
            if not other.any():
                continue
            cand = np.flatnonzero(other)
            best = cand[np.argmax(sims[a][cand])]        # argmax: the first of equals (file order)
            j = g[best]
            reports = len({int(fno[g[c]]) for c in cand})
            hits.append((int(fno[k]), int(uno[k]), int(fno[j]), int(uno[j]), float(sims[a][best]), reports))
    hits.sort()
    for f, u, of, ou, sim, reports in hits:
        mine, theirs = batch.files[f], batch.files[of]
        units, others = mine.units[s], theirs.units[s]
        start, end = units.span[u].tolist()
        who = theirs.issuer_name or "另一单位"
        args = {"other": _common.shown(theirs), "other_issuer": who, "other_line": str(others.loc[ou][0]),
                "other_where": _common.where(theirs, others, ou),
                "similarity": _common.percent(sim), "how": "除数字和单位名称外完全相同" if sim >= 0.99 else "几乎相同",
                "more": f"，另有 {reports - 1} 份其他单位的报告也有此段" if reports > 1 else ""}
        yield f, Hit(start, end, args, related=(_common.related(theirs, others, ou, f"{who}报告中的相似段落"),))


def run_example(rule, text):
    from ._phase import run_example as run

    return run(rule, text)
