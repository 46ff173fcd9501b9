"""Kind ``pattern``: report literals or regular expressions found in a scope.

The generic kind users write their own checks with. Matching is done on the normalised
text (simplified script, half-width punctuation), so a literal written once matches
traditional script and full-width punctuation too, and positions stay exact.

Options:
  patterns      literals (or regexes with ``regex: true``) to report
  regex         treat patterns and exceptions as regular expressions
  scope         any · title · heading · paragraph · body · sentence · line
  exceptions    matches covered by one of these are not reported (e.g. 法制审核 for 法制)
  boundary      none · word: the match must start and end on a jieba word boundary
                (``\\b`` never works between Han characters and is refused)
  replacement   the text to put instead (``''`` deletes the match; left out: no fix);
                with ``regex: true`` it may use \\1 or \\g<name>
  replacements  a mapping of matched texts (normalised) to their own replacement, used
                instead of ``replacement`` for them (法制法规 → 法律法规 where 法制 → 法治)
  fix-safe      whether --fix may apply the replacement unasked (default true)
  ignore-case   match ASCII letters in any case
  match         norm (default): match the normalised text (simplified script, half-width
                punctuation); original: match the text exactly as written, for rules that
                check width or script themselves (halfwidth-punctuation). With ``original``
                patterns are not normalised, so full-width characters in them are allowed and
                a Han literal matches only the script it is written in (use ``\\p{Han}``).
  translate     a mapping of single characters, e.g. ``{",": "，"}``: the fix replaces the
                matched text by the same text with these characters swapped (instead of a
                fixed ``replacement``); the message field ``{replacement}`` shows the result.
                With ``regex: true`` and a capture group, the first group is kept as written
                and only the text around it is translated (the brackets of ``(…)``, not the
                words inside); ``{match}`` and ``{replacement}`` then show ``…`` for a
                group longer than six characters

The message field ``{replacement}`` holds the replacement as applied to this match (a regex
template like ``\\g<a>—\\g<b>`` is shown expanded).
"""
from __future__ import annotations

import regex as re

from ..matching import check_template, compile_patterns, expand, uncovered
from ..normalize import normalize_pattern
from ..schema import Opt, OptionError, excerpt
from ..violation import Fix, Hit

KIND = "pattern"
SUMMARY = "literals or regular expressions found in a scope (title, heading, paragraph, sentence…)"
OPTIONS = {
    "patterns": Opt("list[str]", doc="literals, or regexes with regex: true"),
    "regex": Opt("bool", False),
    "scope": Opt("str", "any", choices=("any", "title", "heading", "paragraph", "body", "sentence", "line")),
    "exceptions": Opt("list[str]", []),
    "boundary": Opt("str", "none", choices=("none", "word")),
    "replacement": Opt("str", None, doc="the fix: the text to put instead; '' deletes the match"),
    "replacements": Opt("dict", {}, doc="matched texts (normalised) with a replacement of their own"),
    "fix-safe": Opt("bool", True),
    "ignore-case": Opt("bool", False),
    "match": Opt("str", "norm", choices=("norm", "original"),
                 doc="norm: the normalised text; original: the text exactly as written"),
    "translate": Opt("dict", {}, doc="single characters to swap in the matched text, as the fix"),
}
MESSAGE_FIELDS = ("match", "replacement")


def _compile(items: list[str], is_regex: bool, flags: int, key: str, original: bool = False):
    return compile_patterns(items, key, regex=is_regex, flags=flags, original=original)


def fixable(options: dict) -> bool:
    """A pattern rule can fix when it gives a ``replacement`` (``''`` deletes) or a ``translate``."""
    return options["replacement"] is not None or bool(options["translate"]) or bool(options["replacements"])


def prepare(options: dict):
    flags = re.IGNORECASE if options["ignore-case"] else 0
    if not options["patterns"]:
        raise OptionError("patterns", "至少需要一个模式")
    for k, v in options["translate"].items():
        if not (isinstance(k, str) and len(k) == 1 and isinstance(v, str)):
            raise OptionError("translate", f"{excerpt(k)}: 应把单个字符映射为字符串，如 {{\",\": \"，\"}}")
    if options["translate"] and options["replacement"] is not None:
        raise OptionError("translate", "replacement 和 translate 只能给一个")
    original = options["match"] == "original"
    for k, v in options["replacements"].items():
        if not (isinstance(k, str) and k and isinstance(v, str)):
            raise OptionError("replacements", f"{k!r}: should map matched texts to strings")
    rx = _compile(options["patterns"], options["regex"], flags, "patterns", original)
    if options["regex"] and options["replacement"]:
        check_template(rx, options["replacement"], "replacement")
    return (rx, _compile(options["exceptions"], options["regex"], flags, "exceptions", original),
            {normalize_pattern(k): v for k, v in options["replacements"].items()})


def check(doc, rule):
    rx, exc_rx, own = rule.state
    opts = rule.options
    bounds = None
    if opts["boundary"] == "word":
        from ..segment import boundaries

        bounds = boundaries(doc)
    source = doc.text if opts["match"] == "original" else doc.norm
    table = str.maketrans(opts["translate"]) if opts["translate"] else None
    for s, e in doc.spans(opts["scope"]):
        seg = source[s:e]
        for m in uncovered(rx, exc_rx, seg):
            a, b = m.span()
            if a == b:
                continue
            if bounds is not None and not (s + a in bounds and s + b in bounds):
                continue
            fix = None
            repl = opts["replacement"]
            shown = doc.text[s + a:s + b]
            if table is not None:
                kept = m.span(1) if opts["regex"] and rx.groups and m.start(1) >= 0 else None
                if kept:   # the first group stays as written: translate only around it
                    head, tail = doc.text[s + a:s + kept[0]], doc.text[s + kept[1]:s + b]
                    fix = Fix(s + a, s + b, head.translate(table) + doc.text[s + kept[0]:s + kept[1]]
                              + tail.translate(table), safe=opts["fix-safe"])
                    inner = doc.text[s + kept[0]:s + kept[1]]
                    inner = inner if len(inner) <= 6 else "…"   # quote short content, elide long
                    shown = f"{head}{inner}{tail}"
                    repl = f"{head.translate(table)}{inner}{tail.translate(table)}"
                else:
                    repl = shown.translate(table)
                    fix = Fix(s + a, s + b, repl, safe=opts["fix-safe"])
            elif doc.norm[s + a:s + b] in own:
                repl = own[doc.norm[s + a:s + b]]
                fix = Fix(s + a, s + b, repl, safe=opts["fix-safe"])
            elif repl is not None:
                repl = expand(m, repl, doc.text, s) if opts["regex"] else repl
                fix = Fix(s + a, s + b, repl, safe=opts["fix-safe"])
            yield Hit(s + a, s + b, {"match": shown, "replacement": repl or ""}, fix=fix)
