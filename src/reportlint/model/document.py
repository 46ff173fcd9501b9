"""The parse of a report: lines, page chrome, paragraphs, title, headings, sections, items.

Pure: text in, structure out, no I/O. All offsets are 0-based code-point offsets into
``Document.text`` (newlines already normalised to ``\\n`` by the reader). Matching is done
on ``Document.norm`` (see :mod:`reportlint.normalize`), which has the same length, so an
offset found there points into the original text.

Structure, from the bottom up:

* ``lines``       every line, blank ones included (line numbers are 1-based in output);
* ``chrome``      the web page's chrome on those lines, with exact spans (:mod:`.chrome`);
* ``paragraphs``  the pieces of text the report is made of: a non-blank line, trimmed
  (Chinese drafts put one paragraph per line), cut where chrome begins or ends on it, where
  a flattened title ends and where a heading begins in the middle of it (a body flattened
  onto one line by a PDF or web extraction: ``…如下: 一、主要举措和成效 (一)强化…``). A
  paragraph that is chrome has ``chrome`` set to its kind; rules read the others;
* ``sentences``   pieces of a paragraph ending in 。！？； (or their half-width forms);
* ``title``       the line or two that name the report, after any web chrome;
* ``headings``    ``一、`` / ``（一）`` / ``1.`` / ``（1）`` with level, number and text;
* ``sections``    the heading tree;
* ``items``       inline enumerations ``一是…二是…`` and ``（1）…（2）…`` inside paragraphs.

What the report *says* — its parts, year, issuer and dates — is read by :mod:`.report`.
"""

import bisect
from functools import lru_cache
from typing import NamedTuple

import regex as re

from ..matching import time_limit
from ..normalize import normalize
from . import chrome as page_chrome
from . import dates as dates_grammar
from . import report
from .numerals import cn_to_int

COMMENT_RE = re.compile(r"<!--.*?-->")  # directive lines are not part of the report
SPACE = " \t\u3000\u00a0\ufeff"
END_PUNCT = "。！？；!?;"
TRAILING_PUNCT = "。！？；：，、,.;:!? \t\u3000|"

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

# A heading in the middle of a paragraph (a flattened body): 一、 after white space, a
# sentence end or a colon; （一） likewise or right after the text of a 一、 heading
# (一、主要举措和成效（一）强化…); 1. and （1） after white space, a sentence end or a colon, on a
# line that is a flattened body (it holds inline 一、 or （一） headings). Accepted only when it
# continues the numbering (see Document._accept_inline).
INLINE_RE = re.compile(
    r"(?:(?<=[\s:;。!?)」”』])(?P<l1>[一二三四五六七八九十]{1,3})、(?![一二三四五六七八九十]{1,3}[、是要]|[\s、,.，])"
    r"|(?:(?<=[\s:;。!?])|(?<=[一二三四五六七八九十]、[^。;!?:\s]{2,40}))"
    r"\(\s*(?P<l2>[一二三四五六七八九十]{1,3})\s*\)(?=[^\s)]))"
)
# 1. and （1） in the middle of a line: looked for only on lines where INLINE_RE found a candidate
INLINE_ARABIC_RE = re.compile(
    r"(?<=[\s:;。!?])(?:(?P<l3>\d{1,2})[.、](?![\d.、\s])|\(\s*(?P<l4>\d{1,2})\s*\)(?=[^\s)]))")
HEADING_FIRST = frozenset("一二三四五六七八九十(0123456789")   # what a heading number starts with
# the patterns that can match at a character, in the order of HEADING_PATTERNS
HEADING_BY_FIRST = {
    c: tuple(p for p in HEADING_PATTERNS
             if p[1] in (("cn-paren", "arabic-paren") if c == "(" else
                         ("arabic-half-paren", "arabic") if c.isdigit() else ("cn", "cn-half-paren")))
    for c in HEADING_FIRST}
HEADING_MAX = 40   # a heading text longer than this ends at its first inner space, if any
NEXT_HEADING_RE = re.compile(r"[ \t]+(?:\(\s*[一二三四五六七八九十]{1,3}\s*\)|[一二三四五六七八九十]{1,3}、|\d{1,2}\.(?!\d))")

ITEM_RE = re.compile(
    r"(?:^|(?<=[,.;:!?、。；：，\s)）\]」”’]))(?P<num>[一二三四五六七八九十]{1,2})(?P<kind>是|要)"
    r"|(?<!^)\((?P<arabic>\d{1,2})\)"
)
# where a heading's text ends: a sentence end, or a colon with text after it
HEADING_TEXT_END_RE = re.compile(r"[。！？；!?;]|:(?=.)", re.S)
SENTENCE_END_RE = re.compile(r"[。！？；!?;]+[”’」』）)]*|(?<=[^\x00-\x7f])\.(?!\d)")
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?P<du>度)?")
_NOT_TITLE_RE = re.compile(r"[。，；;]|如下|:$")
_CLAUSE_PUNCT_RE = re.compile(r"[。，,:;；！？!?]")
# a line of attachments closing a report (附件：1.…, 附件2：…); how long a signature may be
_ATTACHMENT_RE = re.compile(r"附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?\s*(?::|$)")
SIGNATURE_MAX = 60
_SENTENCE_OR_COLON_RE = re.compile(r"[。;!?:]")


@lru_cache(maxsize=1)
def title_vocabulary():
    """(a regex finding a title word, a regex for a title's last word at the end) from ``data/titles.yaml``."""
    from ..rulecache import data_yaml   # parsed once, then kept in the user cache

    raw = data_yaml("titles.yaml")
    alt = lambda ws: "|".join(re.escape(normalize(w)) for w in sorted(ws, key=len, reverse=True))   # noqa: E731
    return re.compile(alt(raw["words"])), re.compile(f"(?:{alt(raw['endings'])})$")


def _span_index(spans) -> tuple[list[int], list[int]]:
    """Sorted, merged spans as (starts, ends), for binary search."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


class Line(NamedTuple):
    index: int   # 0-based
    start: int
    end: int     # exclusive, before the newline


class Paragraph(NamedTuple):
    index: int
    line: int    # 0-based line index
    start: int
    end: int
    chrome: str | None = None   # the kind of page chrome this piece is (see model.chrome), or None


class Sentence(NamedTuple):
    paragraph: int
    start: int
    end: int     # includes the end punctuation


class Title(NamedTuple):
    start: int
    end: int
    lines: tuple[int, ...]          # 0-based line indexes
    spans: tuple[tuple[int, int], ...]
    text: str                        # the original text, lines joined, trailing " |" dropped
    norm: str                        # normalised text, for comparisons
    paragraphs: tuple[int, ...] = ()  # indexes of the paragraphs it stands on


class Heading(NamedTuple):
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
    inline: bool = False  # found in the middle of a line (a flattened body)


class Section:
    """A heading and what it governs, up to the next heading of its level or above."""

    def __init__(self, heading: Heading, start: int, end: int, parent: "Section | None" = None,
                 children: list["Section"] | None = None, kind: str = "other"):
        self.heading, self.start, self.end = heading, start, end
        self.parent = parent
        self.children = [] if children is None else children
        self.kind = kind

    def __repr__(self) -> str:
        return f"Section({self.heading.text!r}, {self.start}, {self.end}, kind={self.kind!r})"

    @property
    def level(self) -> int:
        return self.heading.level

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


class Item(NamedTuple):
    number: int
    marker: str          # 一是 / 二要 / (1)
    start: int           # start of the marker
    text_start: int
    end: int             # exclusive, trailing punctuation stripped
    paragraph: int
    line: int


def _within(doc, name: str, start: int, end: int) -> list:
    """The elements of ``doc.<name>`` (paragraphs, items, headings: non-empty spans in text
    order) lying within ``start``..``end``, found by bisection (a rule asking section by
    section stays linear in the length of the report)."""
    seq = getattr(doc, name)
    key = f"_starts_{name}"
    starts = doc.__dict__.get(key)
    if starts is None or len(starts) != len(seq):
        starts = [x.start for x in seq]
        if any(a > b for a, b in zip(starts, starts[1:])):
            starts = False      # not in order (never, as built): scan them all
        doc.__dict__[key] = starts
    if starts is False:
        return [x for x in seq if x.start >= start and x.end <= end]
    out = []
    for i in range(bisect.bisect_left(starts, start), len(seq)):
        x = seq[i]
        if x.start >= end:
            break
        if x.end <= end:
            out.append(x)
    return out


class Document:
    """A parsed report. Build with ``Document(text)``; everything else is derived.

    Besides the parse (this module) it carries the reading of :mod:`.report`: ``parts``,
    ``report_year``, ``issuer``, ``dates`` and ``title_repeats``."""

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
        self._furniture_index = _span_index(self.furniture)
        #: spans of markup (Markdown code, link targets): the engine drops findings and fixes there
        self.masked: tuple[tuple[int, int], ...] = tuple(masked)
        self.lines = self._lines()
        self._line_starts = [ln.start for ln in self.lines]
        #: the web page's chrome (breadcrumbs, metadata fields, toolbars, footers), in order
        by_line = page_chrome.find(self.norm, [ln for ln in self.lines if not self._is_comment(ln)])
        self.chrome: list[page_chrome.Chrome] = [c for i in sorted(by_line) for c in by_line[i]]
        self._heading_memo: dict = {}
        pieces = self._cut_signature(self._pieces(by_line))
        pieces, title_at = self._find_title(pieces)
        pieces, title_at, self.headings = self._headings(pieces, title_at)
        self.paragraphs = [Paragraph(i, ln, s, e, ck) for i, (s, e, ln, ck) in enumerate(pieces)]
        self.title = self._title_of(title_at)
        #: 0-based indexes of the line(s) the title stands on (empty without a title)
        self.title_lines: frozenset[int] = frozenset(self.title.lines) if self.title else frozenset()
        #: indexes of the paragraph(s) that are the title
        self.title_paragraphs: frozenset[int] = frozenset(self.title.paragraphs) if self.title else frozenset()
        #: the paragraphs that can carry structure (not furniture, not page chrome)
        self.structural = [p for p in self.paragraphs if p.chrome is None and not self._in_furniture(p)]
        self.sections = self._sections()
        self.parts_config = parts   # the ``parts:`` vocabulary overrides, for rules that classify
        with time_limit():   # the config's ``parts:`` regexes: one budget per document
            self.parts = report.parts(self, parts)
        self.sentences = self._sentences()
        self.items = self._items()
        #: later paragraphs that repeat the title (a web copy printing it twice): (start, end)
        self.title_repeats = report.title_repeats(self)
        #: the year Y the report is about
        self.report_year = report.report_year(self)
        #: the document's own dates: publication lines, 成文日期, the signing date …
        self.dates = report.dates(self)
        #: who issued the report, and whether it is a government or a department
        self.issuer = report.issuer(self)

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
        nor a heading standing alone · sentence: each sentence · line: each line as it is.
        Page chrome (breadcrumbs, metadata fields, toolbars, footers) is no paragraph, body
        or sentence of the report: those scopes leave it out; ``line`` and ``any`` do not."""
        if scope == "any":
            return [(0, len(self.text))]
        if scope == "title":
            return list(self.title.spans) if self.title else []
        if scope == "heading":
            return [(h.start, h.text_end) for h in self.headings]
        if scope == "paragraph":
            return [(p.start, p.end) for p in self.paragraphs if p.chrome is None]
        if scope == "body":
            title = self.title_paragraphs
            heading_paras = {h.paragraph for h in self.headings if h.standalone}
            return [(p.start, p.end) for p in self.paragraphs
                    if p.chrome is None and p.index not in title and p.index not in heading_paras]
        if scope == "sentence":
            return [(x.start, x.end) for x in self.sentences]
        if scope == "line":
            return [(ln.start, ln.end) for ln in self.lines]
        raise ValueError(scope)

    def parts_of_kind(self, kind: str) -> list[Section]:
        return [p for p in self.parts if p.kind == kind]

    def paragraphs_in(self, start: int, end: int) -> list[Paragraph]:
        return _within(self, "paragraphs", start, end)

    def items_in(self, start: int, end: int) -> list[Item]:
        return _within(self, "items", start, end)

    def headings_in(self, start: int, end: int) -> list[Heading]:
        return _within(self, "headings", start, end)

    def chrome_in(self, start: int, end: int) -> list:
        return _within(self, "chrome", start, end)

    # ----------------------------------------------------------------- building
    def _lines(self) -> list[Line]:
        out, pos = [], 0
        for i, raw in enumerate(self.text.split("\n")):
            out.append(Line(i, pos, pos + len(raw)))
            pos += len(raw) + 1
        return out

    def _is_comment(self, ln: Line) -> bool:
        if "<!--" not in self.text[ln.start:ln.end]:
            return False
        s, e = self._trim(ln.start, ln.end)
        return s < e and bool(COMMENT_RE.fullmatch(self.text, s, e))

    def _trim(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.text[s] in SPACE:
            s += 1
        while e > s and self.text[e - 1] in SPACE:
            e -= 1
        return s, e

    def _in_furniture(self, p) -> bool:
        return self._is_furniture(p.start)

    def _is_furniture(self, offset: int) -> bool:
        """``offset`` is inside a span of furniture (a binary search: Word documents have many)."""
        starts, ends = self._furniture_index
        if not starts:
            return False
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def _pieces(self, by_line) -> list[tuple[int, int, int, str | None]]:
        """(start, end, line, chrome kind) for every piece of every non-blank line."""
        out = []
        for ln in self.lines:
            s, e = self._trim(ln.start, ln.end)
            if s >= e or COMMENT_RE.fullmatch(self.text, s, e):
                continue
            pos = s
            for c in by_line.get(ln.index, ()):
                a, b = self._trim(pos, c.start)
                if a < b:
                    out.append((a, b, ln.index, None))
                out.append((c.start, c.end, ln.index, c.kind))
                pos = c.end
            a, b = self._trim(pos, e)
            if a < b:
                out.append((a, b, ln.index, None))
        return out

    SIGNATURE_PIECES = 2   # a signature on the line of its date is in one of the last pieces

    def _cut_signature(self, pieces):
        """A signature and its date at the end of a piece (a body flattened onto one line:
        ``…志愿者队伍。雨花街道办事处 2025年3月20日``; a signature line ``云岭县政务服务中心
        2024年3月8日``) are pieces of their own, like a signature and a date on lines of their
        own: the space between them is no space inside a paragraph."""
        seen = 0
        for k in range(len(pieces) - 1, -1, -1):
            s, e, ln, ck = pieces[k]
            if ck is not None or self._is_furniture(s):
                continue
            # a date ends in 日 or a digit: other pieces need no search
            m = report.TRAILING_SIGNATURE_RE.search(self.norm, s, e) \
                if e > s and (self.norm[e - 1] == "日" or self.norm[e - 1].isdigit()) else None
            if m and report.name_kind(m.group("sig")) is not None:
                body = self._trim(s, m.start("sig"))
                cut = [(m.start("sig"), m.end("sig"), ln, None), (m.start("date"), m.end("date"), ln, None)]
                if body[0] < body[1]:
                    cut.insert(0, (body[0], body[1], ln, None))
                return pieces[:k] + cut + pieces[k + 1:]
            seen += 1
            if seen >= self.SIGNATURE_PIECES:
                break
        return pieces

    def _strip_trailing(self, s: int, e: int) -> int:
        while e > s and self.norm[e - 1] in TRAILING_PUNCT:
            e -= 1
        return e

    # ------------------------------------------------------------------ title
    TITLE_WINDOW = 12    # the title is among the first pieces of report text
    TITLE_MAX = 80

    def _title_like(self, n: str) -> bool:
        """Names a report: holds 报告 (总结, 汇报: ``data/titles.yaml``), is short, and is no
        sentence (现将…报告如下：), no heading."""
        words = title_vocabulary()[0]
        return (len(n) <= self.TITLE_MAX and words.search(n) is not None and not _NOT_TITLE_RE.search(n)
                and not self._heading_match(n))

    def _find_title(self, pieces):
        """Find the title among the first pieces of text (chrome and furniture skipped);
        returns the pieces (a flattened first line cut after the title) and the indexes of
        the title's pieces (one or two)."""
        cands = [k for k, (s, e, ln, ck) in enumerate(pieces)
                 if ck is None and not self._is_furniture(s)][:self.TITLE_WINDOW]
        chosen = None
        for j, k in enumerate(cands[:6]):
            s, e, ln, _ = pieces[k]
            n = self.norm[s:e]
            if self._title_like(n):
                chosen = j
                break
            cut = self._flattened_title_end(s, e) if j < 3 else None
            if cut is not None:
                a, b = self._trim(cut, e)
                pieces = pieces[:k] + [(s, cut, ln, None), (a, b, ln, None)] + pieces[k + 1:]
                cands = [c if c <= k else c + 1 for c in cands]
                chosen = j
                break
        if chosen is None:
            return pieces, ()
        k = cands[chosen]
        s, e, ln, _ = pieces[k]
        n = self.norm[s:e]
        if chosen > 0:
            pk = cands[chosen - 1]
            ps, pe, pln, _ = pieces[pk]
            pn = self.norm[ps:pe]
            short_prev = len(pn) <= 30 and not _CLAUSE_PUNCT_RE.search(pn)
            # the second line of a title: 关于…, a short end (情况的报告), the part after a year
            # named on the first line, or the rest after the issuer's name (云岭县市场监督管理局 /
            # 2024年度法治政府建设情况报告)
            if short_prev and pln >= ln - 2 and (
                n.startswith("关于") or len(n) <= 10 or (not YEAR_RE.search(n) and YEAR_RE.search(pn))
                or (YEAR_RE.match(n) and report.name_kind(pn) is not None)
            ) and not self._heading_match(pn):
                return pieces, (pk, k)
        return pieces, (k,)

    def _flattened_title_end(self, s: int, e: int) -> int | None:
        """A piece holding the title and then running text (a page flattened onto one line):
        the end of the title, at a space after 报告, if what precedes it is a title."""
        n = self.norm
        limit = min(e, s + self.TITLE_MAX + 1)
        for k in range(s + 4, limit):
            if n[k] in " \t" and n[k - 1] not in " \t":
                head = n[s:k].rstrip(TRAILING_PUNCT)
                if title_vocabulary()[1].search(head) and self._title_like(head):
                    return s + len(n[s:k].rstrip(SPACE))
            elif n[k] in "。，,;；":
                return None
        return None

    def _title_of(self, title_at) -> Title | None:
        if not title_at:
            return self._title_from_field()
        paras = [self.paragraphs[k] for k in title_at]
        spans = []
        for q in paras:
            e = report.site_suffix(self.norm, q.start, q.end)   # …报告_XX县人民政府门户网站
            while e > q.start and self.text[e - 1] in " |｜\t\u3000":
                e -= 1
            spans.append((q.start, e))
        return self._make_title(spans, tuple(q.line for q in paras), tuple(q.index for q in paras))

    def _make_title(self, spans, lines, paras) -> Title:
        text = "".join(self.text[s:e] for s, e in spans)
        norm = "".join(self.norm[s:self._strip_trailing(s, e)] for s, e in spans)
        return Title(spans[0][0], spans[-1][1], lines, tuple(spans), text, norm, paras)

    def _title_from_field(self) -> Title | None:
        """No title in the text: the value of the page's 标题/名称 field, when it names a report."""
        for c in self.chrome:
            if c.kind == "title" and c.value_end > c.value_start:
                s, e = self._trim(c.value_start, c.value_end)
                if s < e and self._title_like(self.norm[s:e]):
                    return self._make_title([(s, e)], (c.line,), ())
        return None

    # --------------------------------------------------------------- headings
    @staticmethod
    def _heading_match(n: str):
        for level, style, rx in HEADING_PATTERNS:
            m = rx.match(n)
            if m:
                return level, style, m
        return None

    def _heading_at(self, s: int, e: int):
        """(level, style, num, numeral, punct, text start) of a heading starting at ``s``."""
        patterns = HEADING_BY_FIRST.get(self.norm[s])
        if patterns is None:
            return None
        key = (s, e)
        if key in self._heading_memo:
            return self._heading_memo[key]
        self._heading_memo[key] = found = self._heading_at_uncached(s, e, patterns)
        return found

    def _heading_at_uncached(self, s: int, e: int, patterns):
        for level, style, rx in patterns:
            m = rx.match(self.norm, s, e)
            if m:
                break
        else:
            return None
        numeral, punct = m.group("num", "punct")
        if style == "cn" and punct == ",":
            return None   # 一,二 … is prose, not a heading
        num = int(numeral) if numeral.isdigit() else cn_to_int(numeral)
        if num is None or num == 0 or m.end() >= e:
            return None   # a bare number is no heading
        return level, style, num, numeral, punct, m.end()

    def _headings(self, pieces, title_at):
        """The headings, at the start of a piece or in the middle of one (a flattened body);
        pieces are cut where a heading begins in the middle."""
        title = set(title_at)
        starts = []      # (offset, level, number, piece index, inline)
        inline_lines = set()     # lines with an inline 一、 or （一） candidate
        for k, (s, e, ln, ck) in enumerate(pieces):
            if ck is not None or k in title or self._is_furniture(s):
                continue
            h = self._heading_at(s, e)
            if h:
                starts.append((s, h[0], h[2], k, False))
            for m in INLINE_RE.finditer(self.norm, s + 1, e):
                level = m.lastindex   # l1, l2: the only groups
                num = cn_to_int(m.group(level))
                if num:
                    starts.append((m.start(), level, num, k, True))
                    inline_lines.add(ln)
        # 1. and （1） inside a line count only on a flattened body (Document._accept_inline):
        # looked for on the lines that may be one
        for k, (s, e, ln, ck) in enumerate(pieces) if inline_lines else ():
            if ln not in inline_lines or ck is not None or k in title or self._is_furniture(s):
                continue
            for m in INLINE_ARABIC_RE.finditer(self.norm, s + 1, e):
                level = 3 if m.group("l3") else 4
                num = int(m.group(f"l{level}"))
                if num:
                    starts.append((m.start(), level, num, k, True))
        accepted = self._accept_inline(starts, pieces)
        # cut pieces at accepted inline headings
        cuts: dict[int, list[int]] = {}
        for off, _, _, k, inline in accepted:
            if inline:
                cuts.setdefault(k, []).append(off)
        inline_at = {off for off, _, _, _, inline in accepted if inline}
        title_starts = {pieces[k][0] for k in title_at}
        if cuts:
            new = []
            for k, (s, e, ln, ck) in enumerate(pieces):
                pos = s
                for off in cuts.get(k, ()):
                    a, b = self._trim(pos, off)
                    if a < b:
                        new.append((a, b, ln, ck))
                    pos = off
                new.append((pos, e, ln, ck))
            pieces = new
        title_at = tuple(k for k, p in enumerate(pieces) if p[0] in title_starts and p[3] is None)
        out: list[Heading] = []
        for k, (s, e, ln, ck) in enumerate(pieces):
            if ck is not None or k in title_at or self._is_furniture(s):
                continue
            h = self._heading_at(s, e)
            if not h:
                continue
            level, style, num, numeral, punct, ts = h
            inline = s in inline_at
            te = self._heading_text_end(ts, e, inline)
            if te <= ts:
                continue
            rest = self.norm[te:e].strip(TRAILING_PUNCT)
            out.append(Heading(
                index=len(out), level=level, style=style, number=num, numeral=numeral,
                punct=punct, start=s, number_end=ts, text_start=ts, text_end=te,
                end=e, line=ln, paragraph=k, standalone=not rest,
                text=self.text[ts:te], norm=self.norm[ts:te], inline=inline,
            ))
        return pieces, title_at, out

    def _heading_text_end(self, ts: int, e: int, inline: bool) -> int:
        """The heading text runs to the first sentence end, or a colon followed by text; a
        long one (a heading run into its paragraph without punctuation) ends at its first
        inner space."""
        m = HEADING_TEXT_END_RE.search(self.norm, ts, e)
        te = m.start() if m else e
        te = self._strip_trailing(ts, te)
        m = NEXT_HEADING_RE.search(self.norm, ts + 2, te)
        if m:   # 存在的不足和原因 (一)法治意识不强…: the text stops before the next number
            return self._strip_trailing(ts, m.start())
        if inline or te - ts > HEADING_MAX:   # in a flattened body a space was a line break
            for k in range(ts + 2, te):
                if self.norm[k] in " \t" and not (self.norm[k - 1].isdigit() or self.norm[k + 1].isdigit()) \
                        and self.norm[k - 1] not in " \t":
                    return self._strip_trailing(ts, k)
        return te

    def _accept_inline(self, starts, pieces):
        """Keep the headings that start a piece, and the inline ones that continue the
        numbering: an inline ``N、`` when the last level-1 heading was N-1 (an inline ``一、``
        only before any other heading, with a ``二、`` after it) and the next heading starting
        a line at that level is not numbered N or lower; an inline ``（N）``, ``N.``, ``（N）``
        likewise within the section above it (an inline number 1 also right after the text of
        the heading above it). An inline ``N.`` or ``（N）`` counts only on a line that is a
        flattened body: one holding an accepted inline ``一、`` or ``（一）``."""
        starts.sort()
        n = len(starts)
        # looking ahead, in one backward pass: for each candidate, the number of the next
        # heading starting a piece at each level (before the next heading of a higher level),
        # and whether a number 2 comes at that level later (likewise)
        next_fixed = [None] * n
        two_later = [None] * n
        nf = [None, None, None, None]
        t = [False, False, False, False]
        for i in range(n - 1, -1, -1):
            next_fixed[i] = tuple(nf)
            two_later[i] = tuple(t)
            _, level, num, _, inline = starts[i]
            li = level - 1
            for lower in range(li + 1, 4):
                nf[lower], t[lower] = None, False
            if not inline:
                nf[li] = num
            t[li] = t[li] or num == 2
        out = []
        last = [0, 0, 0, 0, 0]      # the last number at levels 1–4 (index 0 unused)
        flattened = set()           # lines holding an accepted inline 一、 or （一）
        for i, (off, level, num, k, inline) in enumerate(starts):
            if not inline:
                out.append((off, level, num, k, inline))
                last[level] = num
                for lower in range(level + 1, 5):
                    last[lower] = 0
                continue
            if num != last[level] + 1:
                continue
            if level > 2 and pieces[k][2] not in flattened:
                continue
            fixed = next_fixed[i][level - 1]
            if fixed is not None and fixed <= num:
                continue    # the lines that start with a heading carry this number themselves
            if num == 1:
                if level == 1 and out:
                    continue
                # a number 1 right after the text of the heading above it starts the sub-parts
                # even alone (一、主要举措和成效（一）强化…)
                after_parent = level > 1 and out and out[-1][1] == level - 1 and out[-1][3] == k and \
                    not _SENTENCE_OR_COLON_RE.search(self.norm, out[-1][0], off)
                if not after_parent and not two_later[i][level - 1]:
                    continue
            out.append((off, level, num, k, inline))
            last[level] = num
            for lower in range(level + 1, 5):
                last[lower] = 0
            if level <= 2:
                flattened.add(pieces[k][2])
        return out

    def _sections(self) -> list[Section]:
        roots: list[Section] = []
        stack: list[Section] = []
        end = self._body_end()
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

    def _body_end(self) -> int:
        """Where the text of the last part ends: before the furniture trailing the report —
        page chrome, the reader's furniture (a Word footer), the signature, its date and a
        line of attachments (附件：…) — so that no rule reads them as the part's text."""
        end = len(self.text)
        last = self.headings[-1].paragraph if self.headings else len(self.paragraphs)
        for p in reversed(self.paragraphs):
            if p.index <= last:
                break
            if p.chrome is None and not self._in_furniture(p) and not self._closing(p.start, p.end):
                break
            end = p.start
        return end

    def _closing(self, s: int, e: int) -> bool:
        """A paragraph that closes a report: a date alone, a signature (names of issuers,
        nothing else), a line of attachments."""
        n = self.norm[s:e]
        if _ATTACHMENT_RE.match(n):
            return True
        d = dates_grammar.match_at(self.norm, s, e)
        if d is not None and d.time_end >= e:
            return True
        return len(n) <= SIGNATURE_MAX and not _CLAUSE_PUNCT_RE.search(n) and report.name_kind(n) is not None

    def _fix_ends(self, sec: Section) -> None:
        for c in sec.children:
            self._fix_ends(c)
        if sec.children:
            sec.end = max(sec.end, sec.children[-1].end)

    # --------------------------------------------------------------- sentences, items
    def _sentences(self) -> list[Sentence]:
        out = []
        for p in self.paragraphs:
            if p.chrome is not None:
                continue
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
            if p.chrome is not None:
                continue
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
