"""Kind ``web-residue``: text copied from a web page along with the report.

What is residue:

* the page chrome the document model recognises (``doc.chrome``, vocabulary in
  ``data/chrome.yaml``) of the kinds listed in ``chrome``: breadcrumbs (``您当前所在位置：首页 >
  …``), toolbars (``【字体：大 中 小】``, ``【打印】【关闭】``, ``分享到：``, ``语音播报``, ``| | |``,
  ``扫一扫在手机上查看当前页面``), counters (``浏览次数：``, ``点击率：``), widgets, the site's
  footer (``主办单位：…``, ``网站标识码：…``, ICP numbers), link bars and lone words (关闭, 打印)
  in the page's head or tail. The page's metadata and date fields (发布时间, 索引号…) are chrome
  too but are read by other rules (publication-date), so they are not in the default list;
* ``lines``: extra regexes; a line they match from its start is residue;
* ``chrome-words``: extra words that are residue as a line of their own within the last
  ``tail-paragraphs`` paragraphs, before the title, or next to other residue;
* ``title-suffix``: regexes searched in the title line(s) (`` |`` left by the page title).

Fixes never remove what was not identified exactly. A line that is residue from end to end
is deleted with its newline (a run of such lines, with the blank lines between them, in one
fix); chrome sharing a line with report text (a breadcrumb in front of the title, a footer
behind a report flattened onto one line) is cut out exactly, with the space that separated
it, and the rest of the line stays (variant ``span``). A ``lines`` regex that matches only the
start of a line makes its deletion a suggestion (not applied by ``--fix``).
"""
from __future__ import annotations

import regex as re

from ..matching import compile_patterns
from ..model.chrome import RESIDUE_KINDS
from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Fix, Hit

KIND = "web-residue"
SUMMARY = "text copied from a web page: breadcrumbs, toolbars, counters, footers, 扫一扫, a title ending in |"
FIXABLE = True
KNOWN_CHROME = ("navigation", "toolbar", "widget", "counter", "footer", "weak-footer", "links", "words",
                "metadata", "published", "signed", "title", "issuer")
OPTIONS = {
    "chrome": Opt("list[str]", list(RESIDUE_KINDS),
                  doc="kinds of page chrome recognised by the model to report (see data/chrome.yaml)"),
    "lines": Opt("list[regex]", [], doc="extra: a line matching one of these (from its start) is residue"),
    "chrome-words": Opt("list[str]", [], doc="extra lone lines that are residue only in the web chrome"),
    "tail-paragraphs": Opt("int", 6, min=0, doc="how many last paragraphs count as the page footer (chrome-words)"),
    "title-suffix": Opt("list[regex]", [], doc="residue at the end of the title line"),
}
MESSAGE_FIELDS = ("match",)
SPACE = " \t\u3000\u00a0\ufeff"
_WHITE = re.compile(r"\s+")


def prepare(options):
    unknown = [k for k in options["chrome"] if k not in KNOWN_CHROME]
    if unknown:
        raise OptionError("chrome", f"unknown kind {unknown[0]!r} (known: {', '.join(KNOWN_CHROME)})")
    words = {re.sub(r"\s+", "", normalize_pattern(w)) for w in options["chrome-words"]}
    if "" in words:
        raise OptionError("chrome-words", "an empty word")
    # a line of chrome words only, several in a row (【打印本页】【关闭窗口】), is one chrome line
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    words_rx = re.compile(f"(?:{alt})+") if alt else None
    return (frozenset(options["chrome"]), compile_patterns(options["lines"], "lines"), words_rx,
            compile_patterns(options["title-suffix"], "title-suffix"))


def _delete_lines(doc, first: int, last: int) -> Fix:
    """Delete lines ``first``..``last`` (0-based, inclusive) with their newline; at the end of
    the text, the newline before them instead."""
    a, b = doc.lines[first], doc.lines[last]
    if b.end < len(doc.text):
        return Fix(a.start, b.end + 1, "")
    if a.start > 0:
        return Fix(a.start - 1, b.end, "")
    return Fix(a.start, b.end, "")


def _cut(doc, s: int, e: int) -> Fix:
    """Delete exactly ``s``..``e`` within its line, and the white space that separated it from
    the text before it (or, at the start of the line, after it)."""
    ln = doc.lines[doc.line_of(s)]
    a, b = s, e
    while a > ln.start and doc.text[a - 1] in SPACE:
        a -= 1
    if a == ln.start:           # at the start of the line: take the space after it instead
        a = s
        while b < ln.end and doc.text[b] in SPACE:
            b += 1
    return Fix(a, b, "")


def _trimmed(doc, ln):
    s, e = ln.start, ln.end
    while s < e and doc.text[s] in SPACE:
        s += 1
    while e > s and doc.text[e - 1] in SPACE:
        e -= 1
    return s, e


def _covers_line(doc, ln, spans) -> bool:
    """The spans, with white space between them, are the whole (trimmed) line."""
    s, e = _trimmed(doc, ln)
    pos = s
    for a, b in sorted(spans):
        if doc.text[pos:a].strip(SPACE):
            return False
        pos = max(pos, b)
    return not doc.text[pos:e].strip(SPACE)


def check(doc, rule):
    kinds, line_rx, words, suffix_rx = rule.state
    title_lines = doc.title_lines
    title_first = min(title_lines) if title_lines else -1
    # line index → [(start, end, safe)] residue found on it
    found: dict[int, list[tuple[int, int, bool]]] = {}
    for c in doc.chrome:
        if c.kind in kinds:
            found.setdefault(c.line, []).append((c.start, c.end, True))
    if line_rx is not None or words is not None:
        paras = [p for p in doc.paragraphs if p.chrome is None]
        tail = len(doc.paragraphs) - rule.options["tail-paragraphs"]
        index = {p.index: k for k, p in enumerate(doc.paragraphs)}
        weak = []
        for p in paras:
            ln = doc.lines[p.line]
            s, e = _trimmed(doc, ln)
            if p.start != s or p.index in doc.title_paragraphs:
                continue
            n = doc.norm[s:e]
            m = line_rx.match(n) if line_rx is not None else None
            if m and m.end() > m.start():
                whole = not n[m.end():].strip(SPACE)
                found.setdefault(p.line, []).append((s, e, whole))
            elif words is not None and words.fullmatch(_WHITE.sub("", n)):
                weak.append(p)
        # a chrome word next to residue is residue too (关闭 under 扫一扫), spreading from line to
        # line: each word is looked at once when it is first seen and once per neighbour that
        # becomes residue (linear in the number of words)
        paragraphs = doc.paragraphs
        waiting: dict[int, list] = {}     # line of a neighbouring paragraph → words next to it
        queue = []
        for p in weak:
            near = [paragraphs[j].line for j in (p.index - 1, p.index + 1) if 0 <= j < len(paragraphs)]
            if index[p.index] >= tail or p.line < title_first or any(ln in found for ln in near):
                queue.append(p)
            else:
                for ln in near:
                    waiting.setdefault(ln, []).append(p)
        done = set()
        while queue:
            p = queue.pop()
            if p.index in done:
                continue
            done.add(p.index)
            s, e = _trimmed(doc, doc.lines[p.line])
            found.setdefault(p.line, []).append((s, e, True))
            queue.extend(q for q in waiting.pop(p.line, ()) if q.index not in done)
    # whole residue lines: consecutive ones (blank lines between them) go in one fix, so that
    # the fix is the same for each of them and deleting a footer takes one pass
    whole_lines = sorted(i for i, spans in found.items()
                         if all(safe for _, _, safe in spans)
                         and _covers_line(doc, doc.lines[i], [(a, b) for a, b, _ in spans]))
    runs: list[list[int]] = []
    for i in whole_lines:
        if runs and all(not doc.line_text(j).strip(SPACE) for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    run_fix = {}
    for run in runs:
        fix = _delete_lines(doc, run[0], run[-1])
        for i in run:
            run_fix[i] = fix
    for i in sorted(found):
        for s, e, safe in sorted(found[i]):
            args = {"match": doc.text[s:e]}
            if i in run_fix:
                yield Hit(s, e, args, fix=run_fix[i])
            elif safe:
                yield Hit(s, e, args, fix=_cut(doc, s, e), variant="span")
            else:   # a user's pattern matched the start of a line holding more
                d = _delete_lines(doc, i, i)
                yield Hit(s, e, args, fix=Fix(d.start, d.end, "", safe=False))
    if suffix_rx is not None and doc.title:
        for i in doc.title.lines:
            ln = doc.lines[i]
            m = suffix_rx.search(doc.norm, ln.start, ln.end)
            if m and m.end() > m.start():
                yield Hit(m.start(), m.end(), {"match": doc.text[m.start():m.end()]},
                          fix=Fix(m.start(), m.end(), ""), variant="title")

