"""Kind ``unpaired-problem``: a problem in the shortcomings part that no plan item answers.

What is a problem (in each part of kind ``shortcomings``):

* each sub-heading directly under the part (``（一）…`` / ``1.…``), scored on its heading
  text, the rest of its paragraph and the body paragraphs below it; a sub-heading that is
  only a container (``（一）存在的问题``, option ``container``) gives its own sub-headings
  and items instead, and a causes sub-heading (``（二）原因分析``, option ``cause-heading``)
  is skipped with everything under it;
* each inline item (``一是…`` / ``（1）…``) that is not inside a problem sub-heading;
* not: lead-in sentences (``但依然存在一些问题，主要如下：``), and nothing after a causes
  label paragraph (``法治建设不足的原因分析：``, option ``cause-label``) up to the next
  sub-heading, nor items led by a cause phrase (``究其原因，一是…``, option ``cause-lead``).

What is a plan item (in each part of kind ``plan``): each sub-heading directly under the
part, with the whole of its section as body; each inline item not under a sub-heading; and,
when the part has neither, each body paragraph.

Scoring is :mod:`reportlint.pairing`: a problem is answered when its best plan item scores
at least ``threshold``. Reported at the problem's first clause; the closest plan item is
named (and given as the related location) only when it scores at least
``related-threshold`` (variant ``unrelated`` otherwise). A report without any plan part is
left to required-section (``without-plan``). jieba is loaded only when this rule runs.
"""
from __future__ import annotations

from ..matching import compile_regex
from ..schema import Opt, OptionError
from ..violation import Hit, Related

KIND = "unpaired-problem"
SUMMARY = "a problem in the shortcomings part that no item of the plan part answers"
OPTIONS = {
    "threshold": Opt("number", 0.3, min=0, max=1,
                     doc="a problem whose best plan item scores below this is reported"),
    "synonyms": Opt("list[list[str]]", [],
                    doc="groups of words that mean the same; the first word stands for the group"),
    "domain-words": Opt("list[str]", [],
                        doc="words to treat as one term whatever jieba makes of them"),
    "stop-words": Opt("list[str]", [], doc="words that say nothing about the subject (加强, 进一步 …)"),
    "stop-prefixes": Opt("list[str]", [],
                         doc="words of up to three characters starting with these are evaluations (不广, 偏高), not subjects"),
    "weak-words": Opt("list[str]", [], doc="generic nouns that count little (体系, 机制 …)"),
    "weak-factor": Opt("number", 0.3, min=0, max=1, doc="weight multiplier of weak words"),
    "head-factor": Opt("number", 2.0, min=1, doc="weight multiplier of the words in a problem's first clause"),
    "body-factor": Opt("number", 0.8, min=0, max=1,
                       doc="credit of a word found only in a plan item's body, not its heading"),
    "subword-credit": Opt("number", 0.6, min=0, max=1,
                          doc="credit when only parts of a compound word are found (干部 of 干部队伍)"),
    "weight-base": Opt("number", 6.0, min=0, doc="subtracted from a word's self-information"),
    "weight-cap": Opt("number", 14.0, min=1, doc="self-information cap (rare and unknown words)"),
    "compound-factor": Opt("number", 1.5, min=1,
                           doc="a compound weighs at most this times its heaviest part"),
    "min-length": Opt("int", 2, min=1, doc="shorter words are ignored"),
    "quote-length": Opt("int", 16, min=4, doc="quotes in messages are cut to this many characters"),
    "container": Opt("regex", r"^(主要)?(存在的?)?(主要)?(问题|不足)(和|及|与)?(不足|问题|差距)?(和|及|与)?(原因|成因)?(分析)?$",
                     doc="a sub-heading that only holds the problems (its children are the problems)"),
    "cause-heading": Opt("regex", r"原因", doc="a sub-heading about causes, skipped with its contents"),
    "cause-label": Opt("regex", r"^.{0,24}原因[^。]{0,8}$|^(究其原因|原因分析|原因主要)",
                       doc="a paragraph that opens the causes: nothing after it counts, up to the next sub-heading"),
    "cause-lead": Opt("regex", r"原因|由于", doc="items led by this (究其原因，一是…) are causes, not problems"),
    "cause-marker": Opt("regex", r"究其原因|原因(是|在于|主要是|主要有)|主要原因|(?:^|(?<=[,;:。]))(主要是|由于)",
                        doc="inside a problem, the text from this to the end of its sentence is a cause: not scored"),
    "without-plan": Opt("bool", False,
                        doc="report every problem when the report has no plan part at all "
                            "(off: required-section says once that the part is missing)"),
    "related-threshold": Opt("number", 0.2, min=0, max=1,
                             doc="the closest plan item is named in the message only when it scores at least this"),
}
MESSAGE_FIELDS = ("problem", "closest", "score", "closest_line")


def prepare(options: dict):
    from ..normalize import normalize
    from ..pairing import Pairer, Settings

    groups = []
    for g in options["synonyms"]:
        g = tuple(normalize(w) for w in g if w)
        if len(g) < 2:
            raise OptionError("synonyms", f"each group needs two words or more, not {list(g)!r}")
        groups.append(g)
    groups.extend((normalize(w),) for w in options["domain-words"] if w)
    settings = Settings(
        stop_words=frozenset(normalize(w) for w in options["stop-words"]),
        weak_words=frozenset(normalize(w) for w in options["weak-words"]),
        synonyms=tuple(groups),
        min_length=options["min-length"],
        head_factor=options["head-factor"],
        weak_factor=options["weak-factor"],
        body_factor=options["body-factor"],
        subword_credit=options["subword-credit"],
        weight_base=options["weight-base"],
        weight_cap=options["weight-cap"],
        compound_factor=options["compound-factor"],
        stop_prefixes=tuple(normalize(w) for w in options["stop-prefixes"] if w),
    )
    rx = {k: compile_regex(options[k], k) for k in ("container", "cause-heading", "cause-label", "cause-lead",
                                               "cause-marker")}
    return Pairer(settings), rx


# ---------------------------------------------------------------------- structure
class Unit:
    """A problem or a plan item: where to report/quote it and which spans to score."""

    __slots__ = ("start", "head_end", "end", "spans")

    def __init__(self, start, head_end, end, spans):
        self.start, self.head_end, self.end, self.spans = start, head_end, end, spans


def _clause_end(doc, s, e):
    from ..pairing import head_end

    return head_end(doc.norm, s, e)


def _item_kind(items):
    shi = [it for it in items if not it.marker.startswith("(") and not it.marker.startswith("（")]
    return shi or items


def _without_causes(doc, spans, head_end, rx):
    """Drop from each span the sentences that give causes (究其原因，…。 主要是…。)."""
    out = []
    for s, e in spans:
        pos = s
        for m in rx["cause-marker"].finditer(doc.norm, max(s, head_end), e):
            if m.start() < pos:
                continue
            if m.start() > pos:
                out.append((pos, m.start()))
            k = m.end()
            while k < e and doc.norm[k] not in "。;!?":
                k += 1
            pos = k + 1
        if pos < e:
            out.append((pos, e))
    return out


def _problems_in(doc, sec, rx, out):
    """Collect problems of section ``sec`` (a part or a container sub-heading) into ``out``."""
    children = sec.children
    child_spans = [(c.start, c.end) for c in children]
    # body paragraphs of sec itself (not inside a child), in order; a cause label ends them
    stop_at = []     # offsets where a cause zone begins (until the next child)
    for p in doc.paragraphs_in(sec.start, sec.end):
        if p.start == sec.heading.start or any(a <= p.start < b for a, b in child_spans):
            continue
        if rx["cause-label"].search(doc.norm[p.start:p.end].strip()):
            stop_at.append(p.start)

    def in_cause_zone(off):
        for z in stop_at:
            if z <= off and not any(z < a <= off for a, _ in child_spans):
                return True
        return False

    problem_children = []
    for c in children:
        h = c.heading
        if in_cause_zone(h.start):
            continue
        if rx["cause-heading"].search(h.norm) and not rx["container"].search(h.norm):
            continue
        if rx["container"].search(h.norm):
            _problems_in(doc, c, rx, out)
            continue
        problem_children.append(c)
        # the heading's paragraph, then its body up to a cause label or a child heading
        end = c.children[0].start if c.children else c.end
        spans = [(h.text_start, h.end)]
        for p in doc.paragraphs_in(h.end, end):
            if rx["cause-label"].search(doc.norm[p.start:p.end].strip()):
                break
            spans.append((p.start, p.end))
        out.append(Unit(h.text_start, h.text_end, h.text_end, _without_causes(doc, spans, h.text_end, rx)))
    # inline items of sec itself (not inside a child section)
    items = [it for it in doc.items_in(sec.start, sec.end)
             if not any(a <= it.start < b for a, b in child_spans) and not in_cause_zone(it.start)]
    items = _item_kind(items)
    by_para: dict[int, list] = {}
    for it in items:
        by_para.setdefault(it.paragraph, []).append(it)
    for para, its in by_para.items():
        p = doc.paragraphs[para]
        lead = doc.norm[p.start:its[0].start]
        if lead and rx["cause-lead"].search(lead):
            continue
        for it in its:
            he = _clause_end(doc, it.text_start, it.end)
            out.append(Unit(it.text_start, he, he, _without_causes(doc, [(it.text_start, it.end)], he, rx)))


def problems(doc, rx) -> list[Unit]:
    out: list[Unit] = []
    for part in doc.parts_of_kind("shortcomings"):
        _problems_in(doc, part, rx, out)
    out.sort(key=lambda u: u.start)
    return out


def plan_items(doc, body_factor) -> list[Unit]:
    out: list[Unit] = []
    for part in doc.parts_of_kind("plan"):
        child_spans = [(c.start, c.end) for c in part.children]
        for c in part.children:
            h = c.heading
            out.append(Unit(h.text_start, h.text_end, h.text_end,
                            [(h.text_start, h.text_end, 1.0), (h.text_end, c.end, body_factor)]))
        items = [it for it in doc.items_in(part.start, part.end)
                 if not any(a <= it.start < b for a, b in child_spans)]
        for it in _item_kind(items):
            he = _clause_end(doc, it.text_start, it.end)
            out.append(Unit(it.text_start, he, it.end,
                            [(it.text_start, he, 1.0), (he, it.end, body_factor)]))
        if not part.children and not items:
            for p in doc.paragraphs_in(part.start, part.end):
                if p.start == part.heading.start:
                    continue
                he = _clause_end(doc, p.start, p.end)
                out.append(Unit(p.start, he, p.end, [(p.start, p.end, 1.0)]))
    out.sort(key=lambda u: u.start)
    return out


def _quote(doc, s, e, n):
    t = doc.text[s:e].strip()
    return t if len(t) <= n else t[:n] + "…"


def check(doc, rule):
    pairer, rx = rule.state
    opts = rule.options
    probs = problems(doc, rx)
    if not probs or not (doc.parts_of_kind("plan") or opts["without-plan"]):
        return
    plans = plan_items(doc, opts["body-factor"])
    from ..pairing import ScoreMatrix, span_tokens

    # only the lines of the problems and plan items are segmented (a few % of a report)
    toks = span_tokens(doc, [sp for u in probs for sp in u.spans] + [sp for u in plans for sp in u.spans])
    norm = doc.norm
    p_terms = []
    for u in probs:
        terms = []
        for s, e in u.spans:
            terms.extend(pairer.problem_terms(norm, s, e, toks, u.head_end))
        # the same word in the heading and the body counts once, at its higher weight
        best = {}
        for t in terms:
            if t.key not in best or best[t.key].weight < t.weight:
                best[t.key] = t
        p_terms.append(list(best.values()))
    q_terms = [pairer.plan_terms(norm, u.spans, toks) for u in plans]
    # kept for tests and tools that want to see why a problem was (not) paired; rows are
    # scored only when read
    doc.cache["unpaired-problem:matrix"] = (probs, plans, ScoreMatrix(pairer, p_terms, q_terms))
    n = opts["quote-length"]
    for u, terms, (j, score) in zip(probs, p_terms, pairer.best(p_terms, q_terms)):
        if not terms or score >= opts["threshold"]:
            continue
        args = {"problem": _quote(doc, u.start, _clause_end(doc, u.start, u.head_end), n),
                "score": f"{score:.2f}"}
        if j is None:
            yield Hit(u.start, u.head_end, {**args, "closest": "", "closest_line": ""}, variant="no-plan")
            continue
        q = plans[j]
        args["closest"] = _quote(doc, q.start, _clause_end(doc, q.start, q.head_end), n)
        args["closest_line"] = doc.position(q.start)[0]
        if score < opts["related-threshold"]:   # nothing in the plan is about it: name nothing
            yield Hit(u.start, u.head_end, args, variant="unrelated")
            continue
        yield Hit(u.start, u.head_end, args, related=(Related(q.start, q.head_end, "最接近的安排"),))
