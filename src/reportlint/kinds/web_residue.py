"""Kind ``web-residue``: lines and title suffixes copied from a web page along with the report.

Lines are compared after normalisation (simplified script, half-width punctuation) and
trimming. Three sorts of line count:

* ``lines``       regexes; a line they match (from its start) is web residue wherever it
                  stands: 扫一扫在手机上查看当前页面, 主办单位:…, 网站标识码:…, breadcrumbs;
* ``chrome-words`` short words (关闭, 打印, 返回顶部…) that are residue only as a line of their
                  own in the web chrome: within the last ``tail-paragraphs`` paragraphs, before
                  the title, or next to another residue line (a report may well contain 关闭
                  inside a sentence, never as a lone line in its body);
* ``title-suffix`` regexes searched in the title line(s): `` |`` left by the page title.

Fixes delete the whole line with its newline (a run of residue lines with the blank lines
between them goes at once) or the suffix (the title).
"""
from __future__ import annotations

import regex as re

from ..matching import compile_patterns
from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Fix, Hit

KIND = "web-residue"
SUMMARY = "text copied from a web page: footers, breadcrumbs, 扫一扫, 关闭, a title ending in |"
FIXABLE = True
OPTIONS = {
    "lines": Opt("list[regex]", [], doc="a line matching one of these (from its start) is residue"),
    "chrome-words": Opt("list[str]", [], doc="lone lines that are residue only in the web chrome"),
    "tail-paragraphs": Opt("int", 6, min=0, doc="how many last paragraphs count as the page footer"),
    "title-suffix": Opt("list[regex]", [], doc="residue at the end of the title line"),
}
MESSAGE_FIELDS = ("match",)


def prepare(options):
    words = {re.sub(r"\s+", "", normalize_pattern(w)) for w in options["chrome-words"]}
    if "" in words:
        raise OptionError("chrome-words", "an empty word")
    # a line of chrome words only, several in a row (【打印本页】【关闭窗口】), is one chrome line
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    words_rx = re.compile(f"(?:{alt})+") if alt else None
    return (compile_patterns(options["lines"], "lines"), words_rx,
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


def check(doc, rule):
    line_rx, words, suffix_rx = rule.state
    paras = doc.paragraphs
    title_lines = doc.title_lines
    title_first = min(title_lines) if title_lines else -1
    strong, weak = set(), set()
    for k, p in enumerate(paras):
        if p.line in title_lines:
            continue
        n = doc.norm[p.start:p.end]
        if line_rx is not None and line_rx.match(n):
            strong.add(k)
        elif words is not None and words.fullmatch(re.sub(r"\s+", "", n)):
            weak.add(k)
    tail = len(paras) - rule.options["tail-paragraphs"]
    found = set(strong)
    changed = True
    while changed:   # a chrome word next to residue is residue too (关闭 under 扫一扫)
        changed = False
        for k in sorted(weak - found):
            if k >= tail or paras[k].line < title_first or (k - 1) in found or (k + 1) in found:
                found.add(k)
                changed = True
    # consecutive residue paragraphs (blank lines between them) go in one fix, so that the
    # fix is the same for each of them and deleting a footer takes one pass
    runs: list[list[int]] = []
    for k in sorted(found):
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        fix = _delete_lines(doc, paras[run[0]].line, paras[run[-1]].line)
        for k in run:
            p = paras[k]
            yield Hit(p.start, p.end, {"match": doc.text[p.start:p.end]}, fix=fix)
    if suffix_rx is not None and doc.title:
        for i in doc.title.lines:
            ln = doc.lines[i]
            m = suffix_rx.search(doc.norm, ln.start, ln.end)
            if m and m.end() > m.start():
                yield Hit(m.start(), m.end(), {"match": doc.text[m.start():m.end()]},
                          fix=Fix(m.start(), m.end(), ""), variant="title")
