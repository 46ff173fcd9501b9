"""Kind ``first-responsible-section``: no part of its own on the principal leaders'
duties as first person responsible for building the rule of law.

Silent when a top-level part is classified ``first-responsible``. Otherwise it looks for a
mention of the duties anywhere after the title (a sub-heading or a sentence inside another
part): found, it reports a warning (variant ``folded``) at the first mention, saying to
give the duties a part of their own; not found, an error at the title.
"""
from __future__ import annotations


from ..matching import compile_patterns
from ..schema import Opt, OptionError
from ..violation import Hit
from .required_section import anchor

KIND = "first-responsible-section"
SUMMARY = "no part of its own on the principal leaders' first-responsible duties"
OPTIONS = {
    "phrases": Opt("list[regex]", [
        "法治(政府)?建设第一责任人",
        "第一责任人(职责|责任)",
        "主要负责(人|同志).{0,16}(履行|履职).{0,12}(职责|责任)",
    ], doc="regexes that mention the duties (matched on simplified, half-width text)"),
    "exceptions": Opt("list[regex]", [
        "(安全生产|安全|信访|意识形态工作?|党风廉政建设|生态环境保护|河湖长?制?)第一责任人",
    ], doc="a mention overlapping one of these is about other duties"),
    "folded-severity": Opt("str", "warning", choices=("error", "warning", "info"),
                           doc="severity when the duties are only mentioned inside another part"),
}
MESSAGE_FIELDS = ("mention",)


def prepare(options):
    if not options["phrases"]:
        raise OptionError("phrases", "needs at least one phrase")
    return compile_patterns(options["phrases"], "phrases"), compile_patterns(options["exceptions"], "exceptions")


def mentions(doc, rx, exc):
    start = doc.title.end if doc.title else 0
    for m in rx.finditer(doc.norm, start):
        a, b = m.span()
        if exc and any(x.start() < b and a < x.end()
                       for x in exc.finditer(doc.norm, max(0, a - 20), min(len(doc.norm), b + 20))):
            continue
        yield a, b


def check(doc, rule):
    if doc.parts_of_kind("first-responsible"):
        return
    rx, exc = rule.state
    for a, b in mentions(doc, rx, exc):
        yield Hit(a, b, {"mention": doc.text[a:b]}, variant="folded",
                  severity=rule.options["folded-severity"])
        return
    s, e = anchor(doc)
    yield Hit(s, e, {"mention": ""})
