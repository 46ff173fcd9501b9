"""Who issued a report, as the checks across reports need it: a key to tell two issuers apart
and to find the same issuer's report of last year, and the names to mask in its text.

The one place that reads the model's issuer. The model gives ``doc.issuer`` (issue 10:
``Issuer(name, kind, …)`` read from the title, the signature, the opening or the page's
发布机构); until a model has it, :func:`_from_title` reads the name before the year or
``关于`` in the title. Only this module changes when the model's reading changes.
"""
from __future__ import annotations

import regex as re

from ..normalize import normalize

# endings of issuer names: the longest first (XX街道办事处 before XX办事处)
ENDINGS = ("街道办事处", "人民政府", "委员会", "办事处", "办公室", "管理局", "服务中心", "中心", "街道",
           "政府", "镇", "乡", "县", "区", "市", "州", "旗", "局", "委", "办", "厅", "署")
# what a key leaves out: 人民政府 / 办事处 (XX镇人民政府 and XX镇 are one issuer)
_KEY_SUFFIX = re.compile(r"(人民政府|政府|办事处)$")
_NAME_END = re.compile(r"关于|(?<!\d)(?:19|20)\d{2}\s*年|[〇零○一二三四五六七八九]{4}年|年度|法治政府|法治建设|推进法治|依法行政")
_DROP = re.compile(r"[\s\p{P}]+")


def _from_title(doc) -> str | None:
    if not doc.title:
        return None
    s, e = doc.title.spans[0]
    m = _NAME_END.search(doc.norm, s, e)
    if m:
        name = doc.text[s:m.start()].strip()
    else:   # a first title line that is all name (汉中市南郑区法镇人民政府), then 关于…
        name = doc.text[s:e].strip() if len(doc.title.spans) > 1 else ""
    if 2 <= len(name) <= 30 and name.endswith(ENDINGS) and not re.search(r"[。,，:：;；]", name):
        return name
    return None


def issuer_name(doc) -> str | None:
    found = getattr(doc, "issuer", None)
    if found is not None:
        return getattr(found, "name", None)
    return _from_title(doc)


def key(name: str | None) -> str | None:
    """``汉中市南郑区法镇人民政府`` → ``汉中市南郑区法镇``; traditional and simplified alike."""
    if not name:
        return None
    k = _DROP.sub("", normalize(name))
    k2 = _KEY_SUFFIX.sub("", k)
    return k2 if len(k2) >= 2 else k


def same(a: str | None, b: str | None) -> bool:
    """One issuer: equal keys, or one the end of the other (法镇 / 汉中市南郑区法镇) when the
    shorter still names a place (three characters or more)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.endswith(short)


def masks(name: str | None) -> tuple[str, ...]:
    """The issuer's names as they appear in its text (comparable form): the key and the key
    without its ending (青石镇 → 青石), longest first."""
    from ._units import comparable

    k = key(name)
    if not k:
        return ()
    out = {comparable(k)}
    for end in ENDINGS:
        if k.endswith(end) and len(k) - len(end) >= 2:
            out.add(comparable(k[:-len(end)]))
            break
    return tuple(sorted(out, key=len, reverse=True))
