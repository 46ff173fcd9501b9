"""Kind ``missing-causes``: the shortcomings part lists problems but gives no causes.

For every part classified ``shortcomings`` (and by default also the sub-parts so headed
inside another part), the text of the part, without its headings, is searched for a cause
marker (原因, 究其原因, 主要是, 由于, 导致, 所致, 受…影响, …层面); a paragraph broken
mid-sentence (a PDF's line ends) is read on into the next one, so a marker broken over two
lines (主要 / 是编制紧张) counts. A heading that merely says
原因 (存在的不足和原因) is not a cause. Phrases that introduce the problems themselves
(问题主要是, 主要有以下) are exceptions. A sub-heading inside the part that announces the
causes (（二）原因分析) and has text under it counts as a cause analysis. Reported at the
shortcomings heading.
"""
from __future__ import annotations

from ..parts import classify_part
from ..matching import compile_patterns, uncovered
from ..schema import Opt
from ..violation import Hit

KIND = "missing-causes"
SUMMARY = "the shortcomings part lists problems and gives no causes"
OPTIONS = {
    "markers": Opt("list[regex]", [
        "原因", "由于", "导致", "归因", "根源", "缘于", "源于", "造成", "所致",
        "主要是", "在于",
        "受.{0,16}(影响|限制|制约|局限|束缚)",
        "层面",
        "因为", "因而", "致使",
    ], doc="regexes that mark a cause (matched on simplified, half-width text)"),
    "exceptions": Opt("list[regex]", [
        "(问题|不足|短板|差距|表现)(还)?主要(是|有|表现|集中)",
        "主要(是|有)(以下|如下)",
        "存在于",
        "基层面(临|对)",
    ], doc="a marker inside one of these does not count (it introduces the problems, "
           "or is part of another word: 存在于, 基层面临)"),
    "cause-headings": Opt("list[regex]", [
        "原因(分析|剖析|查摆)", "(分析|剖析|查找)原因", "的(主要|深层次|根本|深层)?原因$", "^(主要)?原因$",
    ], doc="a sub-heading inside the part matching one of these, with text under it, "
           "is a cause analysis (（二）原因分析); the part's own heading never counts"),
    "min-length": Opt("int", 10, min=0, doc="a part with less body text than this lists no problems"),
    "subparts": Opt("bool", True, doc="also check shortcomings sub-parts inside other parts"),
}
MESSAGE_FIELDS = ("heading",)


def prepare(options):
    return (compile_patterns(options["markers"], "markers"),
            compile_patterns(options["exceptions"], "exceptions"),
            compile_patterns(options["cause-headings"], "cause-headings"))


def _cause_subheading(doc, sec, rx) -> bool:
    """A sub-heading of the part that announces the causes and has text under it."""
    if rx is None:
        return False
    for sub in sec.walk():
        h = sub.heading
        if sub is sec or not rx.search(h.norm):
            continue
        if not h.standalone or doc.norm[h.end:sub.end].strip():
            return True
    return False


def _body(doc, sec):
    """Spans of the section's text that are not heading text."""
    heads = doc.cache.get("missing-causes:heads")
    if heads is None:
        heads = doc.cache["missing-causes:heads"] = {h.paragraph: h for h in doc.headings}
    spans = []
    for p in doc.paragraphs_in(sec.start, sec.end):
        h = heads.get(p.index)
        if p.start == sec.heading.start:
            s = sec.heading.text_end
        elif h is not None:
            s = h.text_end
        else:
            s = p.start
        if s < p.end:
            spans.append((s, p.end))
    return spans


SENTENCE_ENDS = set("。！？；!?;:")   # a paragraph ending otherwise was broken mid-sentence


def _joined(doc, spans) -> str:
    """The part's text: a paragraph broken mid-sentence (a PDF's line ends: …主要 / 是编制紧张)
    runs on into the next one; other paragraphs are kept apart by a line end."""
    out = []
    for s, e in spans:
        if out and out[-1][-1:] not in SENTENCE_ENDS:
            out[-1] += doc.norm[s:e]
        else:
            out.append(doc.norm[s:e])
    return "\n".join(out)


def _sections(doc, subparts, overrides):
    out = list(doc.parts_of_kind("shortcomings"))
    if subparts:
        for part in doc.parts:
            if part.kind == "shortcomings":
                continue
            for sec in part.walk():
                if sec is not part and classify_part(sec.heading.norm, overrides) == "shortcomings" \
                        and _names_shortcomings(sec.heading.norm):
                    out.append(sec)
    return out


def _names_shortcomings(norm: str) -> bool:
    # a sub-heading must say so plainly: 存在的问题 / 不足 …, not any heading with 问题
    return "存在" in norm or "不足" in norm


def check(doc, rule):
    rx, exc, cause_heads = rule.state
    overrides = doc.parts_config
    for sec in _sections(doc, rule.options["subparts"], overrides):
        spans = _body(doc, sec)
        if sum(e - s for s, e in spans) < rule.options["min-length"]:
            continue
        found = _cause_subheading(doc, sec, cause_heads) or \
            next(uncovered(rx, exc, _joined(doc, spans), overlapped=True), None) is not None
        if not found:
            h = sec.heading
            yield Hit(h.start, h.text_end, {"heading": h.text})
