"""The document model: one parse of a report that every rule reads.

Pure: text in, structure out, no I/O. All offsets are 0-based code-point offsets into
``Document.text`` (newlines already normalised to ``\\n`` by the reader). Matching is done
on ``Document.norm`` (see :mod:`reportlint.normalize`), which has the same length, so an
offset found there points into the original text.

Structure, from the bottom up:

* ``lines``       every line, blank ones included (line numbers are 1-based in output);
* ``paragraphs``  every non-blank line, trimmed (Chinese drafts put one paragraph per line);
* ``sentences``   pieces of a paragraph ending in 。！？； (or their half-width forms);
* ``title``       the line or two that name the report, after any web chrome;
* ``headings``    ``一、`` / ``（一）`` / ``1.`` / ``（1）`` with level, number and text;
* ``sections``    the heading tree; ``parts`` the top-level sections with their kind;
* ``items``       inline enumerations ``一是…二是…`` and ``（1）…（2）…`` inside paragraphs;
* ``report_year`` the year Y the report is about.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex as re

from .normalize import normalize
from .parts import STATUTORY, classify_part, classify_parts

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "一二三四五六七八九十"


# Digits of a year written in Chinese numerals (二〇二四年): each character is one digit.
YEAR_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_year(s: str) -> int | None:
    """``"二〇二四"`` → 2024, ``"2024"`` → 2024; ``None`` for anything else."""
    if s.isdigit():
        return int(s)
    if s and all(c in YEAR_DIGITS for c in s):
        return int("".join(str(YEAR_DIGITS[c]) for c in s))
    return None


def cn_to_int(s: str) -> int | None:
    """``"十二"`` → 12; ``None`` for anything that is not a Chinese numeral up to 99."""
    if not s:
        return None
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = CN_DIGITS.get(head, None) if head else 1
        ones = CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in CN_DIGITS:
        return CN_DIGITS[s]
    return None


COMMENT_RE = re.compile(r"<!--.*?-->")  # directive lines are not part of the report
SPACE = " \t\u3000\u00a0\ufeff"
END_PUNCT = "。！？；!?;"
TRAILING_PUNCT = "。！？；：，、,.;:!? \t\u3000|"

# Web-page chrome that may stand above the title.
CHROME_RE = re.compile(
    r"^(来源|发布时间|发布日期|时间|日期|信息来源|作者|字号|浏览次数|点击数|索引号|发文机关|"
    r"首页|当前位置|您当前的位置|您现在的位置|【|打印|分享)"
)

# Heading patterns, matched on the normalised (width-folded) text at a paragraph start.
# Each gives: level, number group, the style name used by heading-numbering.
HEADING_PATTERNS = [
    # 一、  一.  一，(a common slip)
    (1, "cn", re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})\s*(?P<punct>[、.,])\s*")),
    # （一） (一) （一)  and the error form 一)
    (2, "cn-paren", re.compile(r"\(\s*(?P<num>[一二三四五六七八九十]{1,3})\s*\)(?P<punct>[、.,:]?)\s*")),
    (2, "cn-half-paren", re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})\)(?P<punct>[、.,]?)\s*")),
    # （1） (1) and 1)
    (4, "arabic-paren", re.compile(r"\(\s*(?P<num>\d{1,2})\s*\)(?P<punct>[、.,:]?)\s*")),
    (4, "arabic-half-paren", re.compile(r"(?P<num>\d{1,2})\)(?P<punct>[、.,]?)\s*")),
    # 1.  1、  1．   (not 3.15 or 2.0)
    (3, "arabic", re.compile(r"(?P<num>\d{1,2})\s*(?P<punct>[.、,])(?!\d)\s*")),
]

ITEM_RE = re.compile(
    r"(?:^|(?<=[,.;:!?、。；：，\s)）\]」”’]))(?P<num>[一二三四五六七八九十]{1,2})(?P<kind>是|要)"
    r"|(?<!^)\((?P<arabic>\d{1,2})\)"
)
SENTENCE_END_RE = re.compile(r"[。！？；!?;]+[”’」』）)]*|(?<=[^\x00-\x7f])\.(?!\d)")
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?P<du>度)?")


@dataclass(frozen=True)
class Line:
    index: int   # 0-based
    start: int
    end: int     # exclusive, before the newline


@dataclass(frozen=True)
class Paragraph:
    index: int
    line: int    # 0-based line index
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    start: int
    end: int     # includes the end punctuation


@dataclass(frozen=True)
class Title:
    start: int
    end: int
    lines: tuple[int, ...]          # 0-based line indexes
    spans: tuple[tuple[int, int], ...]
    text: str                        # the original text, lines joined, trailing " |" dropped
    norm: str                        # normalised text, for comparisons


@dataclass(frozen=True)
class Heading:
    index: int
    level: int           # 1 一、 · 2 （一） · 3 1. · 4 （1）
    style: str           # cn, cn-paren, cn-half-paren, arabic, arabic-paren, arabic-half-paren
    number: int
    numeral: str         # the number as written: 一, 12
    punct: str           # the punctuation right after the number ('' if none)
    start: int           # start of the numbering
    number_end: int      # end of the numbering and its punctuation/space
    text_start: int
    text_end: int        # heading text without trailing punctuation
    end: int             # end of the paragraph
    line: int            # 0-based line index
    paragraph: int
    standalone: bool     # the heading is the whole paragraph
    text: str            # original heading text
    norm: str            # normalised heading text


@dataclass
class Section:
    heading: Heading
    start: int
    end: int
    parent: "Section | None" = None
    children: list["Section"] = field(default_factory=list)
    kind: str = "other"

    @property
    def level(self) -> int:
        return self.heading.level

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True)
class Item:
    number: int
    marker: str          # 一是 / 二要 / (1)
    start: int           # start of the marker
    text_start: int
    end: int             # exclusive, trailing punctuation stripped
    paragraph: int
    line: int


class Document:
    """A parsed report. Build with ``Document(text)``; everything else is derived."""

    def __init__(self, text: str, path: str | None = None, parts: dict | None = None,
                 furniture=(), masked=(), original: str | None = None, soft_wrap: bool = False):
        self.text = text
        #: the text as written in the file, when a reader blanked markup out of ``text``
        #: (Markdown): the same length, shown to people (:meth:`line_text`) and edited by fixes
        self.original = text if original is None else original
        if len(self.original) != len(text):
            raise ValueError("original and text must have the same length")
        #: the format wraps a paragraph over several lines (Markdown): a line end alone
        #: does not end a paragraph there, a blank line does
        self.soft_wrap = soft_wrap
        self.path = path
        self.norm = normalize(text)
        self.cache: dict = {}   # derived data computed on demand by rules (e.g. word tokens)
        #: spans a reader marks as read but never structure (a Word document's headers and
        #: footers): their paragraphs are never the title, a heading or a part
        self.furniture: tuple[tuple[int, int], ...] = tuple(furniture)
        #: spans of markup (Markdown code, link targets): the engine drops findings and fixes there
        self.masked: tuple[tuple[int, int], ...] = tuple(masked)
        self.lines = self._lines()
        self._line_starts = [ln.start for ln in self.lines]
        self.paragraphs = self._paragraphs()
        #: the paragraphs that can carry structure (all but furniture)
        self.structural = [p for p in self.paragraphs
                           if not any(s <= p.start < e for s, e in self.furniture)] if furniture else self.paragraphs
        self.title = self._title()
        #: 0-based indexes of the line(s) the title stands on (empty without a title)
        self.title_lines: frozenset[int] = frozenset(self.title.lines) if self.title else frozenset()
        self.headings = self._headings()
        self.sections = self._sections()
        self.parts_config = parts   # the ``parts:`` vocabulary overrides, for rules that classify
        self.parts = self._parts(parts)
        self.sentences = self._sentences()
        self.items = self._items()
        self.report_year = self._report_year()

    # ----------------------------------------------------------------- positions
    def position(self, offset: int) -> tuple[int, int]:
        """0-based offset → (line, column), both 1-based, in code points."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_of(self, offset: int) -> int:
        """0-based line index of an offset."""
        return bisect.bisect_right(self._line_starts, max(0, offset)) - 1

    def line_text(self, index: int) -> str:
        """A line as written in the file (markup included), for showing to people."""
        ln = self.lines[index]
        return self.original[ln.start:ln.end]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset``."""
        found = None
        for part in self.sections:
            for s in part.walk():
                if s.start <= offset < s.end:
                    found = s
        return found

    def part_at(self, offset: int) -> Section | None:
        for s in self.parts:
            if s.start <= offset < s.end:
                return s
        return None

    SCOPES = ("any", "title", "heading", "paragraph", "body", "sentence", "line")

    def spans(self, scope: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` spans a rule with this ``scope`` looks at.

        any: the whole text · title: the title line(s) · heading: each heading, numbering
        and text · paragraph: each paragraph · body: paragraphs that are neither the title
        nor a heading standing alone · sentence: each sentence · line: each line as it is."""
        if scope == "any":
            return [(0, len(self.text))]
        if scope == "title":
            return list(self.title.spans) if self.title else []
        if scope == "heading":
            return [(h.start, h.text_end) for h in self.headings]
        if scope == "paragraph":
            return [(p.start, p.end) for p in self.paragraphs]
        if scope == "body":
            title_lines = self.title_lines
            heading_paras = {h.paragraph for h in self.headings if h.standalone}
            return [(p.start, p.end) for p in self.paragraphs
                    if p.line not in title_lines and p.index not in heading_paras]
        if scope == "sentence":
            return [(x.start, x.end) for x in self.sentences]
        if scope == "line":
            return [(ln.start, ln.end) for ln in self.lines]
        raise ValueError(scope)

    def parts_of_kind(self, kind: str) -> list[Section]:
        return [p for p in self.parts if p.kind == kind]

    def paragraphs_in(self, start: int, end: int) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.start >= start and p.end <= end]

    def items_in(self, start: int, end: int) -> list[Item]:
        return [it for it in self.items if it.start >= start and it.end <= end]

    def headings_in(self, start: int, end: int) -> list[Heading]:
        return [h for h in self.headings if h.start >= start and h.end <= end]

    # ----------------------------------------------------------------- building
    def _lines(self) -> list[Line]:
        out, pos = [], 0
        for i, raw in enumerate(self.text.split("\n")):
            out.append(Line(i, pos, pos + len(raw)))
            pos += len(raw) + 1
        return out

    def _paragraphs(self) -> list[Paragraph]:
        out = []
        for ln in self.lines:
            s, e = ln.start, ln.end
            while s < e and self.text[s] in SPACE:
                s += 1
            while e > s and self.text[e - 1] in SPACE:
                e -= 1
            if s < e and not COMMENT_RE.fullmatch(self.text, s, e):
                out.append(Paragraph(len(out), ln.index, s, e))
        return out

    def _strip_trailing(self, s: int, e: int) -> int:
        while e > s and self.norm[e - 1] in TRAILING_PUNCT:
            e -= 1
        return e

    def _title(self) -> Title | None:
        candidates = []
        for p in self.structural[:12]:
            n = self.norm[p.start:p.end]
            if CHROME_RE.match(n):
                continue
            candidates.append(p)
            if len(candidates) >= 6:
                break
        chosen = None
        for k, p in enumerate(candidates):
            n = self.norm[p.start:p.end]
            if "报告" in n and len(n) <= 80 and "。" not in n and not self._heading_match(n):
                chosen = k
                break
        if chosen is None:
            return None
        p = candidates[chosen]
        paras = [p]
        n = self.norm[p.start:p.end]
        if chosen > 0:
            prev = candidates[chosen - 1]
            pn = self.norm[prev.start:prev.end]
            short_prev = len(pn) <= 30 and not re.search(r"[。，,:;；！？!?]", pn)
            if short_prev and prev.line >= p.line - 2 and (
                n.startswith("关于") or len(n) <= 10 or (not YEAR_RE.search(n) and YEAR_RE.search(pn))
            ) and not self._heading_match(pn):
                paras = [prev, p]
        spans = []
        for q in paras:
            e = q.end
            while e > q.start and self.text[e - 1] in " |｜\t\u3000":
                e -= 1
            spans.append((q.start, e))
        text = "".join(self.text[s:e] for s, e in spans)
        norm = "".join(self.norm[s:self._strip_trailing(s, e)] for s, e in spans)
        return Title(spans[0][0], spans[-1][1], tuple(q.line for q in paras), tuple(spans), text, norm)

    @staticmethod
    def _heading_match(n: str):
        for level, style, rx in HEADING_PATTERNS:
            m = rx.match(n)
            if m:
                return level, style, m
        return None

    def _headings(self) -> list[Heading]:
        out: list[Heading] = []
        title_lines = self.title_lines
        for p in self.structural:
            if p.line in title_lines:
                continue
            n = self.norm[p.start:p.end]
            hm = self._heading_match(n)
            if not hm:
                continue
            level, style, m = hm
            if style == "cn" and m.group("punct") == ",":
                continue  # 一,二 … is prose, not a heading
            num = cn_to_int(m.group("num")) if not m.group("num").isdigit() else int(m.group("num"))
            if num is None or num == 0:
                continue
            ts = p.start + m.end()
            if ts >= p.end:
                continue  # a bare number is no heading
            # the heading text runs to the first sentence end, or a colon followed by text
            te = p.end
            for k in range(ts, p.end):
                c = self.norm[k]
                if c in "。！？；!?;" or (c == ":" and k + 1 < p.end):
                    te = k
                    break
            te = self._strip_trailing(ts, te)
            if te <= ts:
                continue
            rest = self.norm[te:p.end].strip(TRAILING_PUNCT)
            out.append(Heading(
                index=len(out), level=level, style=style, number=num, numeral=m.group("num"),
                punct=m.group("punct"), start=p.start, number_end=ts, text_start=ts, text_end=te,
                end=p.end, line=p.line, paragraph=p.index, standalone=not rest,
                text=self.text[ts:te], norm=self.norm[ts:te],
            ))
        return out

    def _sections(self) -> list[Section]:
        roots: list[Section] = []
        stack: list[Section] = []
        end = len(self.text)
        for h in self.headings:
            sec = Section(h, h.start, end)
            while stack and stack[-1].level >= h.level:
                stack.pop().end = h.start
            if stack:
                sec.parent = stack[-1]
                stack[-1].children.append(sec)
            else:
                roots.append(sec)
            stack.append(sec)
        # close the ends of enclosing sections
        for r in roots:
            self._fix_ends(r)
        return roots

    def _fix_ends(self, sec: Section) -> None:
        for c in sec.children:
            self._fix_ends(c)
        if sec.children:
            sec.end = max(sec.end, sec.children[-1].end)

    def _parts(self, parts: dict | None) -> list[Section]:
        """The top-level parts: the sections of the highest heading level used.

        A report whose parts are headed by plain lines without numbering (主要举措和成效 /
        存在的不足和原因 / …) gets them from :meth:`_unnumbered_parts` instead, when its
        numbered headings do not name at least two statutory parts themselves."""
        out: list[Section] = []
        if self.headings:
            top = min(h.level for h in self.headings)
            out = [s for s in self.sections if s.level == top]
        kinds = classify_parts([s.heading.norm for s in out], parts)
        # headings that name a statutory part themselves (not inferred from their place)
        if sum(classify_part(s.heading.norm, parts) in STATUTORY for s in out) < 2:
            plain = self._unnumbered_parts(parts)
            if len(plain) >= 2:
                return plain
        for s, k in zip(out, kinds):
            s.kind = k
        return out

    UNNUMBERED_MAX = 40   # longest plain line taken for an unnumbered part heading

    def _unnumbered_parts(self, parts: dict | None) -> list[Section]:
        """Parts headed by plain standalone lines (no numbering), e.g. ``存在的不足和原因``.

        A candidate is a short paragraph after the title, with no sentence punctuation,
        that is not a numbered heading and names a statutory part. Its heading has level 0
        and style ``none``; it is not in :attr:`headings`."""
        title_lines = self.title_lines
        start = self.title.end if self.title else 0
        numbered = {h.paragraph for h in self.headings}
        found = []
        for p in self.structural:
            if p.start < start or p.line in title_lines or p.index in numbered:
                continue
            n = self.norm[p.start:p.end]
            # a year (2025年工作思路, 2019年度…) is allowed; other digits mean a sentence
            if len(n) > self.UNNUMBERED_MAX or \
                    re.search(r"[。,;!?:、\d]", re.sub(r"(?<!\d)\d{4} ?年度?", "年", n)):
                continue
            kind = classify_part(n, parts)
            if kind in STATUTORY:
                found.append((p, kind))
        out = []
        for k, (p, kind) in enumerate(found):
            te = self._strip_trailing(p.start, p.end)
            h = Heading(index=-1, level=0, style="none", number=0, numeral="", punct="",
                        start=p.start, number_end=p.start, text_start=p.start, text_end=te,
                        end=p.end, line=p.line, paragraph=p.index, standalone=True,
                        text=self.text[p.start:te], norm=self.norm[p.start:te])
            end = found[k + 1][0].start if k + 1 < len(found) else len(self.text)
            out.append(Section(h, p.start, end, kind=kind))
        return out

    def _sentences(self) -> list[Sentence]:
        out = []
        for p in self.paragraphs:
            s = p.start
            seg = self.norm[p.start:p.end]
            for m in SENTENCE_END_RE.finditer(seg):
                e = p.start + m.end()
                if e > s:
                    out.append(Sentence(p.index, s, e))
                s = e
            if s < p.end:
                out.append(Sentence(p.index, s, p.end))
        return out

    def _items(self) -> list[Item]:
        out: list[Item] = []
        last = {"shi": 0, "paren": 0}   # last number accepted since the last heading
        heading_paras = {h.paragraph: h for h in self.headings}
        for p in self.paragraphs:
            h = heading_paras.get(p.index)
            if h is not None:
                last = {"shi": 0, "paren": h.number if h.style == "arabic-paren" else 0}
            seg = self.norm[p.start:p.end]
            found = []
            for m in ITEM_RE.finditer(seg):
                if m.group("arabic"):
                    num, kind = int(m.group("arabic")), "paren"
                else:
                    num, kind = cn_to_int(m.group("num")), "shi"
                if num is None:
                    continue
                if num == 1 or num == last[kind] + 1:
                    found.append((p.start + m.start(), p.start + m.end(), num, kind))
                    last[kind] = num
            # a paragraph that opens with (1) and goes on with (2) … counts its (1) as an item
            if found and found[0][3] == "paren" and found[0][2] == 2 and h is not None \
                    and h.style == "arabic-paren" and h.number == 1:
                found.insert(0, (h.start, h.number_end, 1, "paren"))
            for k, (s, me, num, _) in enumerate(found):
                e = found[k + 1][0] if k + 1 < len(found) else p.end
                e = self._strip_trailing(me, e)
                out.append(Item(num, self.text[s:me], s, me, max(e, me), p.index, p.line))
        return out

    def _report_year(self) -> int | None:
        if self.title:
            m = YEAR_RE.search(self.title.norm)
            if m:
                return int(m.group("year"))
        start = self.title.end if self.title else 0
        opening = [p for p in self.structural if p.start >= start][:3]
        for p in opening:
            n = self.norm[p.start:p.end]
            m = re.match(r"\s*((?:19|20)\d{2})\s*年", n) or re.search(
                r"((?:19|20)\d{2})\s*年度?[^。]{0,30}(?:报告如下|汇报如下|情况如下)", n)
            if m:
                return int(m.group(1))
        return None
