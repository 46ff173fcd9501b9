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
  replacement   the text to put instead; with ``regex: true`` it may use \\1 or \\g<name>
  fix-safe      whether --fix may apply the replacement unasked (default true)
  ignore-case   match ASCII letters in any case
"""
from __future__ import annotations

import regex as re

from ..normalize import normalize_pattern
from ..schema import Opt, OptionError
from ..violation import Fix, Hit

KIND = "pattern"
SUMMARY = "literals or regular expressions found in a scope (title, heading, paragraph, sentence…)"
OPTIONS = {
    "patterns": Opt("list[str]", doc="literals, or regexes with regex: true"),
    "regex": Opt("bool", False),
    "scope": Opt("str", "any", choices=("any", "title", "heading", "paragraph", "body", "sentence", "line")),
    "exceptions": Opt("list[str]", []),
    "boundary": Opt("str", "none", choices=("none", "word")),
    "replacement": Opt("str", ""),
    "fix-safe": Opt("bool", True),
    "ignore-case": Opt("bool", False),
}
MESSAGE_FIELDS = ("match", "replacement")
FULLWIDTH_PUNCT = "，：；（）！？．"


def _compile(items: list[str], is_regex: bool, flags: int, key: str):
    if not items:
        return None
    parts = []
    for p in items:
        if not p:
            raise OptionError(key, "an empty pattern matches everywhere")
        if is_regex:
            if "\\b" in p:
                raise OptionError(key, f"{p!r}: \\b never matches between Han characters; use boundary: word")
            bad = [c for c in p if c in FULLWIDTH_PUNCT]
            if bad:
                raise OptionError(key, f"{p!r}: full-width {bad[0]!r} can never match: regexes see "
                                       f"half-width punctuation, write {chr(ord(bad[0]) - 0xFEE0)!r}")
            parts.append(f"(?:{normalize_pattern(p, regex=True)})")
        else:
            parts.append(re.escape(normalize_pattern(p)))
    rx = re.compile("|".join(parts), flags)
    if rx.fullmatch(""):
        raise OptionError(key, "a pattern matches the empty string, so it would report everywhere")
    return rx


def prepare(options: dict):
    flags = re.IGNORECASE if options["ignore-case"] else 0
    if not options["patterns"]:
        raise OptionError("patterns", "needs at least one pattern")
    return (
        _compile(options["patterns"], options["regex"], flags, "patterns"),
        _compile(options["exceptions"], options["regex"], flags, "exceptions"),
    )


def check(doc, rule):
    rx, exc_rx = rule.state
    opts = rule.options
    bounds = None
    if opts["boundary"] == "word":
        from ..segment import boundaries

        bounds = boundaries(doc)
    for s, e in doc.spans(opts["scope"]):
        seg = doc.norm[s:e]
        excluded = [(m.start(), m.end()) for m in exc_rx.finditer(seg, overlapped=True)] if exc_rx else []
        for m in rx.finditer(seg):
            a, b = m.span()
            if a == b:
                continue
            if any(x <= a and b <= y for x, y in excluded):
                continue
            if bounds is not None and not (s + a in bounds and s + b in bounds):
                continue
            fix = None
            repl = opts["replacement"]
            if repl:
                new = m.expand(repl) if opts["regex"] else repl
                fix = Fix(s + a, s + b, new, safe=opts["fix-safe"])
            yield Hit(s + a, s + b, {"match": doc.text[s + a:s + b], "replacement": repl}, fix=fix)
