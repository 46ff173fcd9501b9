"""Compiling the patterns of rule options, once and with the same checks for every kind.

Patterns match the normalised text (simplified script, half-width punctuation), so each is
normalised the same way first. A pattern is refused, with an error naming the option key,
when it could never do what its author meant: ``\\b`` (never matches between Han
characters), full-width punctuation in a regex (the text it meets is half-width), an
invalid regex, or one that matches the empty string (it would report everywhere).
"""
from __future__ import annotations

import regex as re

from .normalize import normalize_pattern
from .schema import OptionError

FULLWIDTH_PUNCT = "，：；（）！？．"


def compile_patterns(items, key: str, *, regex: bool = True, flags: int = 0, original: bool = False):
    """One compiled alternation of ``items`` (``None`` when there are none).

    ``regex``: the items are regular expressions, else literals. ``original``: they match the
    text as written (no normalisation), as rules about punctuation itself need."""
    if not items:
        return None
    parts = []
    for p in items:
        if not p:
            raise OptionError(key, "空的模式会处处匹配")
        if regex:
            if "\\b" in p:
                raise OptionError(key, f"{p!r}：\\b 在汉字之间永远不会匹配，请改用 boundary: word")
            bad = [c for c in p if c in FULLWIDTH_PUNCT]
            if bad and not original:
                raise OptionError(key, f"{p!r}：全角的 {bad[0]!r} 永远匹配不到（正则面对的是折成半角的"
                                       f"标点），请写作 {chr(ord(bad[0]) - 0xFEE0)!r}")
            one = p if original else normalize_pattern(p, regex=True)
            try:
                re.compile(one, flags)
            except re.error as exc:
                raise OptionError(key, f"无效的正则表达式 {p!r}：{exc}") from None
            parts.append(f"(?:{one})")
        else:
            parts.append(re.escape(p if original else normalize_pattern(p)))
    rx = re.compile("|".join(parts), flags)
    if rx.fullmatch(""):
        raise OptionError(key, "模式能匹配空字符串，会处处报告")
    return rx


def uncovered(rx, exceptions, text: str, overlapped: bool = False):
    """The matches of ``rx`` in ``text`` that no match of ``exceptions`` covers whole
    (法制 inside 法制审核; 原因 inside 问题主要是…): how every kind applies an exception list."""
    covered = [x.span() for x in exceptions.finditer(text, overlapped=True)] if exceptions else []
    for m in rx.finditer(text, overlapped=overlapped):
        if not any(x <= m.start() and m.end() <= y for x, y in covered):
            yield m
