"""Compiling the patterns of rule options, once and with the same checks for every kind, and
running them within bounds.

Patterns match the normalised text (simplified script, half-width punctuation), so each is
normalised the same way first. A pattern is refused, with an error naming the option key,
when it could never do what its author meant: ``\\b`` (never matches between Han
characters), full-width punctuation in a regex (the text it meets is half-width), an
invalid regex, or one that matches the empty string (it would report everywhere).

**Bounds.** A regex from a rule or a config is someone's text, so it is checked before it is
compiled (:func:`regex_problem`: at most :data:`MAX_PATTERN_CHARS` characters, groups nested
at most :data:`MAX_NESTING` deep, counted repeats ``{n}`` at most :data:`MAX_REPEAT` and their
product over nesting at most :data:`MAX_REPEAT_PRODUCT` — ``a{1000000000}`` would take
minutes to compile; an option holds at most :data:`MAX_PATTERNS` of them), and every compiled pattern is a :class:`Pattern` whose searches run under
a time limit (the ``regex`` module's ``timeout=``). The engine gives each rule a budget per
document (:func:`time_limit`, config ``regex-timeout``, default :data:`DEFAULT_TIMEOUT` s of
matching time); a pattern that exhausts it raises :class:`RegexTimeout`, which names the
option key, and the engine reports the rule once for that document and goes on. Outside any
budget each search gets the default limit on its own.
"""
from __future__ import annotations

import itertools
import time
from contextvars import ContextVar

from functools import lru_cache

import regex as re

from .errors import ReportlintError
from .normalize import normalize_pattern
from .schema import OptionError, excerpt

FULLWIDTH_PUNCT = "，：；（）！？．"

MAX_PATTERN_CHARS = 10_000     # one regex
MAX_NESTING = 50               # groups inside groups
MAX_REPEAT = 1000              # the n and m of {n} {n,} {n,m}
MAX_REPEAT_PRODUCT = 10_000    # (?:a{100}){100}: counted repeats multiply when nested
MAX_PATTERNS = 1000            # items of one option: 100 000 literals took 20 s to compile
DEFAULT_TIMEOUT = 2.0          # seconds of matching per rule and document


class RegexTimeout(ReportlintError):
    """A pattern ran out of its time budget (``key``: the option it came from)."""

    def __init__(self, key: str, seconds: float):
        super().__init__(f'键 "{key}" 的正则表达式运行超时（超过 {seconds:g} 秒），请简化这个正则表达式')
        self.key = key
        self.seconds = seconds


class _Budget:
    __slots__ = ("left", "seconds")

    def __init__(self, seconds: float):
        self.left = seconds
        self.seconds = seconds


_budget: ContextVar[_Budget | None] = ContextVar("reportlint_regex_budget", default=None)


class time_limit:
    """Give the patterns searched inside this block ``seconds`` of matching time in all.

    A class, not a generator context manager: the engine enters one for every rule of every
    report (a generator's set-up cost 2 us a time)."""

    __slots__ = ("seconds", "token")

    def __init__(self, seconds: float | None = None):
        self.seconds = DEFAULT_TIMEOUT if seconds is None else seconds

    def __enter__(self) -> None:
        self.token = _budget.set(_Budget(self.seconds))

    def __exit__(self, *exc) -> bool:
        _budget.reset(self.token)
        return False


class Pattern:
    """A compiled regex whose searches run under the current :func:`time_limit` (the time
    spent matching is counted, not the caller's work between matches). The usual methods of
    a compiled ``regex`` pattern; matches are ``regex`` match objects."""

    __slots__ = ("rx", "key")

    def __init__(self, rx, key: str):
        self.rx = rx
        self.key = key

    groups = property(lambda self: self.rx.groups)
    groupindex = property(lambda self: self.rx.groupindex)
    pattern = property(lambda self: self.rx.pattern)
    flags = property(lambda self: self.rx.flags)

    def __repr__(self):
        return f"Pattern({self.key}: {excerpt(self.rx.pattern)})"

    def _run(self, method, *args, **kw):
        budget = _budget.get()
        limit = budget.left if budget is not None else DEFAULT_TIMEOUT
        if limit <= 0:
            raise RegexTimeout(self.key, budget.seconds)
        t0 = time.perf_counter()
        try:
            return method(*args, timeout=limit, **kw)
        except TimeoutError:
            raise RegexTimeout(self.key, budget.seconds if budget is not None else DEFAULT_TIMEOUT) from None
        finally:
            if budget is not None:
                budget.left -= time.perf_counter() - t0

    def search(self, string, pos=None, endpos=None):
        return self._run(self.rx.search, string, pos, endpos)

    def match(self, string, pos=None, endpos=None):
        return self._run(self.rx.match, string, pos, endpos)

    def fullmatch(self, string, pos=None, endpos=None):
        return self._run(self.rx.fullmatch, string, pos, endpos)

    def sub(self, repl, string, count=0):
        return self._run(self.rx.sub, repl, string, count)

    def split(self, string, maxsplit=0):
        return self._run(self.rx.split, string, maxsplit)

    def findall(self, string, pos=None, endpos=None, overlapped=False):
        return self._run(self.rx.findall, string, pos, endpos, overlapped=overlapped)

    def finditer(self, string, pos=None, endpos=None, overlapped=False):
        # All matches are found in one timed call, then handed out: the regex module's
        # timeout on a lazy iterator runs on the clock from its creation, so the caller's work
        # between matches (a word-boundary check that loads jieba's dictionary on a cold
        # cache, seconds on a busy machine) would count as matching time and "time out" a
        # harmless pattern.
        return iter(self._run(lambda *a, **kw: list(self.rx.finditer(*a, **kw)),
                              string, pos, endpos, overlapped=overlapped))


def regex_problem(p: str) -> str | None:
    """Why the regex ``p`` is refused before compiling (too long, nested too deep, a counted
    repeat too large), or None. A scan of the pattern's text: escapes and character classes
    are skipped, groups counted, ``{n,m}`` read."""
    if len(p) > MAX_PATTERN_CHARS:
        return f"正则表达式太长（{len(p)} 个字符，最多 {MAX_PATTERN_CHARS}）"
    stack = [1]          # per open group: the largest product of counted repeats inside it
    last_group = 1       # the product inside the group that just closed (a quantifier may follow)
    prev_group = False   # whether the atom before this position is a group
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            if i <= n and p[i - 1] in "pPNxuUg" and i < n and p[i] in "{<":   # \p{Han} \x{..} \g<n>
                close = p.find("}" if p[i] == "{" else ">", i)
                i = n if close < 0 else close + 1
            prev_group = False
            continue
        if c == "[":
            i += 1
            if i < n and p[i] == "^":
                i += 1
            if i < n and p[i] == "]":
                i += 1
            while i < n and p[i] != "]":
                if p[i] == "\\":
                    i += 1
                elif p[i] == "[" and i + 1 < n and p[i + 1] == ":":
                    close = p.find(":]", i + 2)
                    if close >= 0:
                        i = close + 1
                i += 1
            i += 1
            prev_group = False
            continue
        if c == "(":
            if p.startswith("(?#", i):
                close = p.find(")", i)
                i = n if close < 0 else close + 1
                continue
            stack.append(1)
            if len(stack) - 1 > MAX_NESTING:
                return f"正则表达式嵌套太深（括号超过 {MAX_NESTING} 层）"
            i += 1
            prev_group = False
            continue
        if c == ")":
            if len(stack) > 1:
                last_group = stack.pop()
                stack[-1] = max(stack[-1], last_group)
            i += 1
            prev_group = True
            continue
        if c == "{":
            m = re.match(r"\{(\d*)(?:(,)(\d*))?\}", p[i:i + 40])
            if m and (m.group(1) or m.group(3)):
                counts = [int(x) for x in (m.group(1), m.group(3)) if x]
                big = max(counts)
                if big > MAX_REPEAT:
                    return f"重复次数 {{{m.group(0)[1:-1]}}} 太大（最多 {MAX_REPEAT}）"
                product = big * (last_group if prev_group else 1)
                if product > MAX_REPEAT_PRODUCT:
                    return f"嵌套的重复次数相乘太大（{product}，最多 {MAX_REPEAT_PRODUCT}）"
                stack[-1] = max(stack[-1], product)
                i += len(m.group(0))
                prev_group = False
                continue
        prev_group = False
        i += 1
    return None


def compile_regex(p: str, key: str, flags: int = 0) -> Pattern:
    """One regex, checked against the bounds, compiled; errors name ``key``."""
    problem = regex_problem(p)
    if problem is not None:
        raise OptionError(key, f"{excerpt(p)}：{problem}")
    try:
        return Pattern(re.compile(p, flags), key)
    except re.error as exc:
        raise OptionError(key, f"无效的正则表达式 {excerpt(p)}：{exc}") from None
    except RecursionError:
        raise OptionError(key, f"{excerpt(p)}：正则表达式嵌套太深") from None
    except (OverflowError, ValueError, MemoryError) as exc:
        raise OptionError(key, f"无法编译正则表达式 {excerpt(p)}（{exc.__class__.__name__}）") from None


def compile_patterns(items, key: str, *, regex: bool = True, flags: int = 0, original: bool = False):
    """One compiled alternation of ``items`` (``None`` when there are none), a :class:`Pattern`.

    ``regex``: the items are regular expressions, else literals. ``original``: they match the
    text as written (no normalisation), as rules about punctuation itself need."""
    if not items:
        return None
    if len(items) > MAX_PATTERNS:
        raise OptionError(key, f"模式太多（{len(items)} 个，最多 {MAX_PATTERNS} 个）")
    parts = []
    for p in items:
        if not p:
            raise OptionError(key, "空的模式会处处匹配")
        if regex:
            if "\\b" in p:
                raise OptionError(key, f"{excerpt(p)}：\\b 在汉字之间永远不会匹配，请改用 boundary: word")
            bad = [c for c in p if c in FULLWIDTH_PUNCT]
            if bad and not original:
                raise OptionError(key, f"{excerpt(p)}：全角的 {bad[0]!r} 永远匹配不到（正则面对的是折成半角的"
                                       f"标点），请写作 {chr(ord(bad[0]) - 0xFEE0)!r}")
            one = p if original else normalize_pattern(p, regex=True)
            compile_regex(one, key, flags)
            parts.append(f"(?:{one})")
        else:
            parts.append(re.escape(p if original else normalize_pattern(p)))
    try:
        rx = re.compile("|".join(parts), flags)
    except (re.error, RecursionError, OverflowError, MemoryError) as exc:
        raise OptionError(key, f"无法编译这些模式（{exc.__class__.__name__}）") from None
    if rx.fullmatch("", timeout=DEFAULT_TIMEOUT):
        raise OptionError(key, "模式能匹配空字符串，会处处报告")
    return Pattern(rx, key)


_GROUP_REF = re.compile(r"\\(?:(\d{1,2})|g<([^>]*)>)")


def check_template(rx: Pattern, template: str, key: str) -> None:
    """Refuse a regex replacement template (``\\1``, ``\\g<name>``) that refers to a group the
    pattern does not have, or that the ``regex`` module cannot expand: checked when the rule
    loads, not when the first match is fixed."""
    names = {v: k for k, v in rx.groupindex.items()}
    for m in _GROUP_REF.finditer(template.replace("\\\\", "\0\0")):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        ok = (ref.isdigit() and int(ref) <= rx.groups) or ref in rx.groupindex
        if not ok:
            have = f"模式有 {rx.groups} 个分组" + (f"（命名分组：{'、'.join(rx.groupindex)}）" if rx.groupindex else "")
            raise OptionError(key, f"“{m.group(0).replace(chr(0), chr(92))}”引用了不存在的分组（{have}）")
    # the same parser the fix will use: a pattern with the same groups, all matching ""
    dummy = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, rx.groups + 1))
    try:
        re.compile(dummy).match("").expand(template)
    except (re.error, IndexError) as exc:
        raise OptionError(key, f"替换文本 {excerpt(template)} 写法有误：{exc}") from None


_SENTINEL = 0xF0000   # Supplementary Private Use Area-A: never in a rule's template


@lru_cache(maxsize=256)
def _expander(rx: Pattern, template: str):
    """``template`` expanded with every group standing for a sentinel character: the
    literal pieces of the result are the template's, each sentinel marks group i."""
    names = {v: k for k, v in rx.groupindex.items()}
    dummy = "".join(f"(?P<{names[i]}>{chr(_SENTINEL + i)})" if i in names else f"({chr(_SENTINEL + i)})"
                    for i in range(1, rx.groups + 1))
    subject = "".join(chr(_SENTINEL + i) for i in range(1, rx.groups + 1))
    return re.compile(dummy).match(subject).expand(template)


def expand(m, template: str, text: str, offset: int = 0) -> str:
    """``m.expand(template)``, but with each group's text taken from ``text`` at the group's
    offsets (plus ``offset``): a match found on the normalised text fills its groups with the
    original characters, so a fix keeps traditional script and full-width forms as written."""
    shape = _expander(m.re, template)
    out = []
    for ch in shape:
        i = ord(ch) - _SENTINEL
        if 0 < i <= m.re.groups:
            a, b = m.span(i)
            out.append(text[offset + a:offset + b] if a >= 0 else "")
        else:
            out.append(ch)
    return "".join(out)


def uncovered(rx, exceptions, text: str, overlapped: bool = False):
    """The matches of ``rx`` in ``text`` that no match of ``exceptions`` covers whole
    (法制 inside 法制审核; 原因 inside 问题主要是…): how every kind applies an exception list."""
    matches = rx.finditer(text, overlapped=overlapped)
    if not exceptions:
        yield from matches
        return
    first = next(matches, None)
    if first is None:
        return   # most paragraphs hold no match: their exceptions are never searched
    covered = [x.span() for x in exceptions.finditer(text, overlapped=True)]
    for m in itertools.chain((first,), matches):
        if not any(x <= m.start() and m.end() <= y for x, y in covered):
            yield m
