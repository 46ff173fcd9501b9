"""Page chrome: the breadcrumbs, metadata fields, toolbars and footers a web page prints around
a report, recognised with their exact spans (vocabulary: ``data/chrome.yaml``).

:func:`find` scans every line of the normalised text and returns, per line, the chrome spans
on it. Chrome begins at the start of a line or after white space and ends at white space, at
the end of the line or where more chrome begins, so a line can hold chrome and report text
side by side (a breadcrumb in front of the title, a report flattened onto one line behind a
page header); only the spans found are chrome, never the rest of the line.

Where chrome counts (see the data file): navigation, toolbars, widgets, counters and the
site's footer wherever they stand; fields such as 发布时间 or 索引号, link bars and lone words
(关闭, 打印) only in the page's *head* (before the first line of running text: a line with a
sentence end, longer than :data:`BODY_LINE` or opening with a heading number), its *tail*
(after the last one) or on a line
next to other chrome. Pure and fast: regexes only, no segmentation.
"""

from typing import NamedTuple

from functools import lru_cache

import regex as re

from ..normalize import normalize
from . import dates

SPACE = " \t\u3000\u00a0\ufeff"
SENTENCE_END = "。！？!?"
BODY_LINE = 60          # a line with more text than this (chrome aside) is running text
TAIL_WORD_LINES = 6     # lone words are chrome among the last lines of the text too
HEADING_START_RE = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[ \t]*[、.]|\([ \t]*[一二三四五六七八九十]{1,3}[ \t]*\)|\d{1,2}[ \t]*[.、](?!\d))")

WORDS_LINE = 40         # a line of lone words is short
VALUE_LINE = 80         # a field's value on the line under its label is short
_SPACES = re.compile(f"[{SPACE}]+")
_TOKEN = re.compile(f"[^{SPACE}]+")
_YEAR = re.compile(r"\d{4}|[〇零○一二三四五六七八九]{4}")
_COUNT = re.compile(r"\d*[ \t]*次?")
_RUNNING = re.compile(f"[^:|{SPACE}]{{0,16}}?[，。,;；]")
_SENTENCE_END = re.compile(f"[{SENTENCE_END}]")
_BRACKET = re.compile(r"[【\[】\]]")

DATE_FIELDS = ("published", "signed")
#: fields that may stand in the cells of a table, label and value apart without a colon
CELL_KINDS = frozenset({"published", "signed", "title", "issuer", "metadata"})
#: kinds that are chrome only in the head, the tail or next to other chrome
EDGE_KINDS = frozenset({"published", "signed", "title", "issuer", "metadata", "weak-footer",
                        "links", "words"})
#: kinds whose text is the site's, never the report's: what web-residue reports by default
RESIDUE_KINDS = ("navigation", "toolbar", "widget", "counter", "footer", "weak-footer", "links", "words")


class Chrome(NamedTuple):
    start: int
    end: int
    kind: str                 # a key of fields or patterns in the data file, or "words"
    line: int                 # 0-based line index
    label: str = ""           # a field's label, normalised, spaces removed (发布时间)
    value_start: int = -1     # a field's value
    value_end: int = -1
    date: dates.DateMatch | None = None   # the date of a date field or widget
    value_next: bool = False  # a label alone on its line: the value is the next line


class Vocabulary(NamedTuple):
    label_rx: object          # label [:] at a position
    label_kind: dict          # label (normalised, no spaces) → kind
    next_field_rx: object     # white space followed by a label and a colon
    patterns: tuple           # (kind, compiled regex)
    words_rx: object
    step_rx: object
    sep_rx: object
    title_step: int
    trigger_rx: object        # where any chrome may begin: one match instead of one per pattern


def _spaced(label: str) -> str:
    return "[ \t]*".join(re.escape(c) for c in label)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of ``data/chrome.yaml``, built once and then kept, compiled, in the user
    cache (keyed like the rules: :func:`reportlint.rulecache.cached_data`)."""
    from ..rulecache import cached_data

    return cached_data("chrome-vocabulary", _build_vocabulary)


def _build_vocabulary() -> Vocabulary:
    from ..rulecache import data_yaml   # parsed once, then kept in the user cache

    raw = data_yaml("chrome.yaml")
    label_kind: dict[str, str] = {}
    for kind, labels in raw["fields"].items():
        for lab in labels:
            label_kind.setdefault(re.sub(r"\s+", "", normalize(lab)), kind)
    alt = "|".join(_spaced(x) for x in sorted(label_kind, key=len, reverse=True))
    label_rx = re.compile(rf"(?P<label>{alt})")
    next_field_rx = re.compile(rf"[{SPACE}]+(?=(?:{alt})[ \t]*:)")
    subst = {"{step}": raw["step"], "{sep}": raw["sep"],
             "{date}": f"(?:{dates.CN_DATE}|{dates.SEP_DATE})"}
    patterns = []
    for kind, items in raw["patterns"].items():
        for p in items:
            for k, v in subst.items():
                p = p.replace(k, v)
            patterns.append((kind, re.compile(p)))
    words = sorted({re.sub(r"\s+", "", normalize(w)) for w in raw["words"]}, key=len, reverse=True)
    words_rx = re.compile("(?:(?:" + "|".join(re.escape(w) for w in words) + ")[|/·]?)+:?")
    trigger = "|".join([f"(?:{rx.pattern})" for _, rx in patterns] + [f"(?:[【\\[]?(?:{alt}))"])
    return Vocabulary(label_rx, label_kind, next_field_rx, tuple(patterns), words_rx,
                      re.compile(raw["step"]), re.compile(raw["sep"]), int(raw["title-step"]),
                      re.compile(trigger))


def _bounded(norm: str, pos: int, end: int) -> bool:
    """Chrome ends at white space, the end of the line, or where a bracket or bar begins."""
    return pos >= end or norm[pos] in SPACE or norm[pos] in "【[|"


def _breadcrumb_end(v: Vocabulary, norm: str, s: int, e: int) -> int:
    """Cut a breadcrumb before a step that is the report's title (a title word such as 报告 and
    a year in it; 法治政府建设年度报告 is a column of the site)."""
    from .document import title_vocabulary

    words = title_vocabulary()[0]
    for m in v.step_rx.finditer(norm, s, e):
        step = m.group()
        if len(step) > v.title_step and words.search(step) and _YEAR.search(step):
            k = m.start()
            while k > s and norm[k - 1] in SPACE:
                k -= 1
            return k
    return e


def _field(v: Vocabulary, norm: str, pos: int, end: int, line: int, first: int) -> Chrome | None:
    """A field at ``pos``: ``label:value``, ``【label：value】``, ``【label】value``, or, for the
    fields of the page's head (metadata, dates, title, issuer), ``label value`` in the cells of a
    table (``索 引 号	1135…``) or a label alone on its line with the value on the next one."""
    bracket = pos < end and norm[pos] in "【["
    m = v.label_rx.match(norm, pos + bracket, end)
    if not m:
        return None
    label = _SPACES.sub("", m.group("label"))
    kind = v.label_kind[label]
    k = m.end()
    while k < end and norm[k] in " \t":
        k += 1
    closed = bracket and k < end and norm[k] in "】]"     # 【发布日期】2024-03-19
    if closed:
        bracket = False
    colon = closed or (k < end and norm[k] == ":")
    if colon:
        k += 1
        while k < end and norm[k] in " \t":
            k += 1
    label_end = k
    while label_end > pos and norm[label_end - 1] in " \t":
        label_end -= 1
    cell = not colon and kind in CELL_KINDS and (k == end or k > m.end())   # 发布机构	青溪县司法局
    date = None
    if kind in DATE_FIELDS:
        date = dates.match_at(norm, k, end)
        if date is None and not (colon or cell):
            return None
    elif not (colon or cell):
        return None
    if k >= end and not bracket:   # the label alone: its value is on the next line
        if kind in CELL_KINDS and pos == first:
            return Chrome(pos, label_end, kind, line, label, k, k, None, value_next=True)
        if not colon:
            return None
    vs = k
    if date is not None:
        ve = date.time_end
    elif kind == "counter":
        ve = _COUNT.match(norm, k, end).end()
    elif kind == "title":
        nf = v.next_field_rx.search(norm, k, end)
        ve = nf.start() if nf else end
    elif v.label_rx.match(norm, k, end) and _field(v, norm, k, end, line, first):
        ve = k      # an empty field followed by the next one (索引号： 发布机构：…)
    else:
        ve = k
        while ve < end and norm[ve] not in SPACE and not (bracket and norm[ve] in "】]") \
                and not (closed and norm[ve] in "【["):
            ve += 1
    if kind in ("footer", "weak-footer") and not any(c in norm[ve:end] for c in "。！？；;!?"):
        ve = end    # a footer line is footer to its end (地址：XX路 1 号　邮编：…)
    while ve > vs and norm[ve - 1] in SPACE:
        ve -= 1
    stop = ve if ve > vs else label_end
    if bracket:
        if stop < end and norm[stop] in "】]":
            stop += 1
        else:
            return None
    if not _bounded(norm, stop, end):
        return None
    return Chrome(pos, stop, kind, line, label, vs, ve, date)


def _group(v: Vocabulary, norm: str, pos: int, end: int, line: int, first: int) -> list[Chrome] | None:
    """Several fields in one pair of brackets (``【信息时间：2024-03-29 17:32　阅读次数：　】``):
    each field is chrome of its own kind, the first one from the opening bracket, the last
    one to the closing bracket; None unless the brackets hold fields and nothing else."""
    b = _BRACKET.search(norm, pos + 1, end)
    if b is None or b.group() in "【[" or not _bounded(norm, b.end(), end):
        return None
    close = b.start()
    out: list[Chrome] = []
    k = pos + 1
    while k < close:
        while k < close and norm[k] in SPACE:
            k += 1
        if k >= close:
            break
        c = _field(v, norm, k, close, line, first)
        if c is None or c.value_next:
            return None
        out.append(c)
        k = c.end
    if len(out) < 2:
        return None
    out[0] = out[0]._replace(start=pos)
    out[-1] = out[-1]._replace(end=close + 1)
    return out


def _at(v: Vocabulary, norm: str, pos: int, end: int, line: int, first: int) -> Chrome | None:
    """Chrome beginning at ``pos``; ``first`` is where the text of the line begins."""
    # running text (2023年，我镇…) has a comma or full stop before any colon or bar: no chrome
    if _RUNNING.match(norm, pos, end) or not v.trigger_rx.match(norm, pos, end):
        return None
    for kind, rx in v.patterns:
        m = rx.match(norm, pos, end)
        if not m or m.end() <= pos:
            continue
        e = m.end()
        while e > pos and norm[e - 1] in SPACE:
            e -= 1
        if kind == "navigation":
            e = _breadcrumb_end(v, norm, pos, e)
            if e <= pos:
                continue
        elif kind == "links" and pos != first:
            continue
        if not _bounded(norm, e, end):
            continue
        date = None
        if kind == "widget":
            date = next(dates.search(norm, pos, e), None)
        return Chrome(pos, e, kind, line, date=date)
    return _field(v, norm, pos, end, line, first)


def scan_line(norm: str, start: int, end: int, line: int, v: Vocabulary | None = None,
              line_start: int | None = None) -> list[Chrome]:
    """Chrome candidates on one line (``start``/``end``: the line without its newline, or a
    piece of it: then ``line_start`` is where the line begins, if known)."""
    v = v or vocabulary()
    # where the text of the line begins (links and a label alone count only there)
    first = norm.rfind("\n", 0, start) + 1 if line_start is None else line_start
    while first < end and norm[first] in SPACE:
        first += 1
    out: list[Chrome] = []
    pos = start
    while pos < end:
        m = _TOKEN.search(norm, pos, end)
        if m is None:
            break
        pos = m.start()
        c = _at(v, norm, pos, end, line, first)
        if c is not None:
            out.append(c)
            pos = c.end
            continue
        if norm[pos] in "【[":
            group = _group(v, norm, pos, end, line, first)
            if group:
                out.extend(group)
                pos = group[-1].end
                continue
        pos = m.end()
    # a date without label opening a line of fields (2024-04-12　　来源：县司法局): the page's date
    if out and out[0].start > first and out[0].kind in CELL_KINDS | {"counter"} and pos >= end:
        d = dates.match_at(norm, first, out[0].start)
        if d is not None and not norm[d.time_end:out[0].start].strip(SPACE):
            out.insert(0, Chrome(first, d.time_end, "published", line, "", first, d.time_end, d))
    # a line of lone words and nothing else (打印 关闭)
    if not out and end - start <= WORDS_LINE:
        squeezed = _SPACES.sub("", norm[start:end])
        if squeezed and v.words_rx.fullmatch(squeezed):
            s, e = start, end
            while s < e and norm[s] in SPACE:
                s += 1
            while e > s and norm[e - 1] in SPACE:
                e -= 1
            out.append(Chrome(s, e, "words", line))
    return out


def find(norm: str, lines) -> dict[int, list[Chrome]]:
    """line index → the chrome on that line, for every line holding some.

    ``lines`` are the document's :class:`~reportlint.model.document.Line` objects (or anything
    with ``index``, ``start`` and ``end``); lines listed in ``skip`` are not scanned."""
    v = vocabulary()
    lines = list(lines)
    lines_by_index = {ln.index: ln for ln in lines}
    cands: dict[int, list[Chrome]] = {}
    body: list[int] = []          # lines of running text
    first_sentence: dict[int, int] = {}
    nonblank: list[int] = []
    first_text = None             # the first line holding text that is not chrome
    for ln in lines:
        if ln.start == ln.end or not norm[ln.start:ln.end].strip(SPACE):
            continue
        nonblank.append(ln.index)
        found = scan_line(norm, ln.start, ln.end, ln.index, v, ln.start)
        if found:
            cands[ln.index] = found
        # the text of the line outside the chrome: is it running text?
        text_len, pos, sentence_at = 0, ln.start, None
        for c in found + [None]:
            seg_end = c.start if c is not None else ln.end
            seg = norm[pos:seg_end].strip(SPACE)
            if seg:
                text_len += len(seg)
                if sentence_at is None:
                    k = _SENTENCE_END.search(norm, pos, seg_end)
                    if k is not None:
                        sentence_at = k.start()
            pos = c.end if c is not None else ln.end
        if text_len and first_text is None:
            first_text = ln.index
        if sentence_at is None and text_len and HEADING_START_RE.match(norm, ln.start, ln.end):
            sentence_at = ln.start     # a heading: the report has begun
        if sentence_at is not None or text_len > BODY_LINE:
            body.append(ln.index)
            first_sentence[ln.index] = sentence_at if sentence_at is not None else ln.end
    first_body = body[0] if body else None
    last_body = body[-1] if body else None
    tail_words = set(nonblank[-TAIL_WORD_LINES:])

    def edge_zone(c: Chrome) -> bool:
        if c.kind == "words":   # lone words: before any text (the title), or at the very end
            return (first_text is None or c.line < first_text or c.line in tail_words
                    or (last_body is not None and c.line > last_body))
        if first_body is None or c.line < first_body or c.line > last_body:
            return True
        return c.line == first_body and c.end <= first_sentence[c.line]

    confirmed: dict[int, list[Chrome]] = {}
    pending: list[Chrome] = []
    pos_of = {i: k for k, i in enumerate(nonblank)}
    # a label alone on its line counts in a table copied cell by cell: label, value, label…
    stacked = {pos_of[i] for i, cs in cands.items() if cs[-1].value_next}
    for i, cs in cands.items():
        for c in cs:
            if c.value_next and not ({pos_of[i] - 2, pos_of[i] + 2} & stacked):
                pending.append(c)
            elif c.kind not in EDGE_KINDS or edge_zone(c):
                confirmed.setdefault(i, []).append(c)
            else:
                pending.append(c)
    # edge chrome next to other chrome (a metadata block under a breadcrumb, 关闭 under 扫一扫):
    # spread from the lines holding chrome to their neighbours, once each (linear)
    waiting: dict[int, list[Chrome]] = {}
    for c in pending:
        waiting.setdefault(c.line, []).append(c)
    queue = list(confirmed)
    for i in list(waiting):
        if i in confirmed:
            confirmed[i].extend(waiting.pop(i))
    while queue and waiting:
        k = pos_of[queue.pop()]
        for j in (k - 1, k + 1):
            if 0 <= j < len(nonblank) and nonblank[j] in waiting:
                i = nonblank[j]
                confirmed.setdefault(i, []).extend(waiting.pop(i))
                queue.append(i)
    # a label alone on its line (a table copied cell by cell): the next line is its value
    for i in sorted(confirmed):
        last = confirmed[i][-1]
        if not last.value_next:
            continue
        k = pos_of[i] + 1 if i in pos_of else len(nonblank)
        if k >= len(nonblank) or nonblank[k] in confirmed:
            continue
        ln = lines_by_index[nonblank[k]]
        s, e = ln.start, ln.end
        while s < e and norm[s] in SPACE:
            s += 1
        while e > s and norm[e - 1] in SPACE:
            e -= 1
        if e - s > VALUE_LINE or (last.kind != "title" and _RUNNING.match(norm, s, e)):
            continue
        date = dates.fullmatch(norm, s, e, time=True) if last.kind in DATE_FIELDS else None
        confirmed[ln.index] = [Chrome(s, e, last.kind, ln.index, last.label, s, e, date)]
    for cs in confirmed.values():
        cs.sort(key=lambda c: c.start)
    return confirmed
