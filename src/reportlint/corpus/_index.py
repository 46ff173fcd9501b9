"""The similarity index of a batch: LSH over the units' b-bit MinHash signatures, in numpy.

Never all pairs. Each signature is ``num_perm`` 16-bit values; four consecutive values are one
64-bit band key (``num_perm / 4`` bands). Two units whose signatures agree in a whole band are
candidates: for a band, the units are sorted by key and each unit of a run of equal keys is
paired with the run's first (a star, so a run of *n* gives *n − 1* pairs, never *n²*).
Candidates are verified by their estimated Jaccard similarity (the share of equal values);
verified pairs are joined into clusters (union–find by pointer jumping). With 16 bands of 4,
a pair at similarity 0.7 is a candidate with probability 1 − (1 − 0.7⁴)¹⁶ ≈ 0.99, a pair at
0.3 with 0.12 (and is then dropped by the verification).

Memory: 128 bytes of signature and ~16 bytes of bookkeeping a unit (a million paragraphs:
~150 MB), plus the sort of one band at a time. datasketch's ``MinHashLSH`` keeps a Python
dict entry per band per unit (measured in README § The reviewer's desk: several kilobytes a
unit), which does not fit a national batch in 2 GB.
"""
from __future__ import annotations

from dataclasses import dataclass

from ._units import ROWS, similarity


@dataclass
class Clusters:
    label: object       # int64 [N]: cluster of each unit (its smallest member), itself when alone
    issuers: object     # dict label -> number of distinct issuers in the cluster (clusters of 2+)


def candidate_pairs(sig):
    """Unique (i, j), i < j, of units sharing a band key."""
    import numpy as np

    n = len(sig)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    keys = np.ascontiguousarray(sig).view(np.uint64)        # [n, num_perm / ROWS]
    idx = np.arange(n)
    out = []
    for b in range(keys.shape[1]):
        k = keys[:, b]
        order = np.argsort(k, kind="stable")
        ks = k[order]
        first = np.empty(n, dtype=bool)
        first[0] = True
        first[1:] = ks[1:] != ks[:-1]
        lead = order[np.maximum.accumulate(np.where(first, idx, 0))]
        rest = ~first
        if rest.any():
            a, c = lead[rest], order[rest]
            out.append(np.stack([np.minimum(a, c), np.maximum(a, c)], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    return np.unique(pairs, axis=0)


def verified(sig, pairs, threshold: float, chunk: int = 1 << 18):
    """The pairs whose estimated similarity is at least ``threshold``, and the similarities."""
    import numpy as np

    keep, sims = [], []
    for i in range(0, len(pairs), chunk):
        p = pairs[i:i + chunk]
        s = similarity(sig[p[:, 0]], sig[p[:, 1]])
        m = s >= threshold
        keep.append(p[m])
        sims.append(s[m])
    if not keep:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    return np.concatenate(keep), np.concatenate(sims)


def components(n: int, edges):
    """Connected components: each node's label is the smallest node of its component."""
    import numpy as np

    parent = np.arange(n)
    if len(edges) == 0:
        return parent
    u, v = edges[:, 0], edges[:, 1]
    while True:
        pu, pv = parent[u], parent[v]
        if (pu == pv).all():
            return parent
        m = np.minimum(pu, pv)
        np.minimum.at(parent, pu, m)
        np.minimum.at(parent, pv, m)
        while True:                      # pointer jumping to the roots
            pp = parent[parent]
            if (pp == parent).all():
                break
            parent = pp


def cluster(sig, issuer, threshold: float) -> Clusters:
    """Clusters of units similar at ``threshold`` or more; ``issuer`` is each unit's issuer id."""
    import numpy as np

    pairs = candidate_pairs(sig)
    edges, _ = verified(sig, pairs, threshold)
    label = components(len(sig), edges)
    counts: dict = {}
    if len(edges):
        members = np.unique(edges.ravel())
        lab = label[members]
        pairs_li = np.unique(np.stack([lab, issuer[members]], axis=1), axis=0)
        labs, n = np.unique(pairs_li[:, 0], return_counts=True)
        counts = dict(zip(labs.tolist(), n.tolist()))
    return Clusters(label, counts)


def boilerplate_threshold(issuers: int, share: float, least: int, most: int) -> int:
    """How many distinct issuers must share a text for it to be boilerplate: ``share`` of
    the batch's issuers, but at least ``least`` and at most ``most``."""
    return int(max(least, min(most, -(-share * issuers // 1))))


__all__ = ["ROWS", "Clusters", "boilerplate_threshold", "candidate_pairs", "cluster", "components", "verified"]
