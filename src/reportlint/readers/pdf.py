"""PDF reports (``.pdf``): the text layer, read with pdfminer.six, paragraphs rebuilt from
the layout.

Most published reports exist as a PDF typeset from Word or WPS: the text is there, but as
printed lines, with a running header, a footer and page numbers on every page. The reader
turns it back into the draft's paragraphs, one per line of text, so the model sees the same
title, headings and parts as in the draft:

* pdfminer.six groups the characters of each page into lines (its layout analysis); a line's
  text is its characters with the spaces pdfminer infers between words kept only between
  Latin letters and digits (never next to a Han character or CJK punctuation), and real
  spaces kept as they are; a note's reference mark (a digit printed small and raised) is left
  out; pieces far apart on one baseline (a table's cells) are one line, joined by a masked space;
* running headers and footers — a line at the top or bottom of a page whose text (digits
  aside) stands at the same place on at least half the pages — and page numbers there
  (``- 2 -``, ``第 2 页``, ``第 2 页 共 15 页``, ``2/15``, ``2``) are dropped;
* a line continues the paragraph of the line before when that one runs to the right margin
  and this one starts at the left margin with the same font size and no extra space above it
  (across a page break too); an indented first line, a short last line, a change of size or
  a gap end a paragraph, so a heading stands alone; so does a line that starts with a part's or
  a section's number (``二、``, ``（一）``) after a line that ends a sentence, since flush-left
  text (LibreOffice's text import) has no other sign of it. A title set larger than the body
  and centred stays one paragraph over its lines. Lines are joined without a space unless
  both sides are Latin letters or digits.

Each line of the text keeps where it was printed: ``places`` holds a
:class:`~reportlint.places.Place` per printed line, ``第 3 页第 14 行`` with data
``{"page": 3, "line": 14}`` (lines counted on the page from the top, running header and
footer not counted). A finding's line:column are those of the rebuilt text (line = paragraph).

A PDF without a text layer (a scan) or whose fonts have no character codes, an encrypted
PDF and a damaged file are refused with one line saying so. ``--fix`` never writes a PDF.
Standard input named ``*.pdf`` is read the same way (:func:`from_bytes`).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex as re

from ..errors import InputError
from ..places import Place, Places
from . import Source

NAME = "pdf"
SUFFIXES = (".pdf",)

SCAN = "这是扫描件，没有文字层：请用 OCR 转成文字，或提供 Word 原稿"
NO_TEXT = "PDF 中没有文字：请提供 Word 原稿"
NO_CODES = "PDF 中的文字无法提取（字体没有字符编码）：请提供 Word 原稿"
ENCRYPTED = "PDF 已加密，需要密码才能打开：请提供未加密的 PDF 或 Word 原稿"

PAGE_NUMBER_RE = re.compile(
    r"[-－—–~～]?\s*\d{1,4}\s*[-－—–~～]?"                        # 2 · - 2 - · —2—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"     # 第 2 页 · 第2页 共15页
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"           # 共15页 第2页
    r"|\d{1,4}\s*/\s*\d{1,4}"                                    # 2/15
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?"             # Page 2 of 15
)
BAND = 2                 # lines at the top and at the bottom of a page that may be furniture
REPEATED_SHARE = 0.5     # a header or footer stands on at least this share of the pages
SAME_PLACE = 3.0         # points: "the same place" on two pages
MARGIN_TOLERANCE = 1.8   # font sizes: a line ending this close to the right margin runs to it
INDENT_TOLERANCE = 0.5   # font sizes: a line starting this close to the left margin is not indented
CENTRE_TOLERANCE = 1.0   # font sizes: two lines whose middles are this close are centred alike
TITLE_SIZE = 1.1         # a centred line this much larger than the body text is (part of) a title
# A line starting with a part's or a section's number, after a line that ends a sentence, starts
# a paragraph even when the line before runs to the margin (flush-left text has no other sign)
HEADING_START_RE = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]")
SENTENCE_END = "。！？；：!?;:"
# A Latin word or a number a line starts with, with the punctuation that sticks to it
# (``100%,``, ``2023年`` → ``2023``): a typesetter moves it down whole, so the line before ends
# short by up to its width and still runs on
LEAD_WORD_RE = re.compile(r"([A-Za-z0-9][A-Za-z0-9.,:;%/\-]*)([，。、；：？！）》”’]?)")
NARROW = 0.5             # font sizes: the width of a digit or a Latin letter, about
NOTE_MARK_RE = re.compile(r"[0-9①-⑳*†‡]")    # a footnote's or endnote's reference, printed raised


@dataclass
class _Line:
    page: int            # 1-based
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    size: float
    number: int = 0      # 1-based line number on its page, furniture not counted
    joins: tuple = ()    # offsets in text of the spaces put between pieces far apart (table cells)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def _median(values):
    """``statistics.median``, imported when a PDF is read (not by every run that lists the
    readers: ``statistics`` is ~10 ms of imports)."""
    from statistics import median

    return median(values)


def _wide(ch: str) -> bool:
    """A Han character, CJK punctuation or a full-width form: no space is inferred next to it."""
    return unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’…—·"


def _narrow_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def read(path: Path, shown: str) -> Source:
    return _read(str(path), shown)


def from_bytes(data: bytes, shown: str, kind: str = NAME) -> Source:
    """A PDF from its bytes (standard input named ``*.pdf``). Its ``kind`` stays ``pdf``
    whatever ``kind`` says: a PDF is never written, not even to standard output."""
    import io

    return _read(io.BytesIO(data), shown)


def _read(source, shown: str) -> Source:
    pages, widths = _pages(source, shown)
    lines = _body(pages, widths)
    if not lines:
        scan = not any(found for found, _ in pages) and any(images for _, images in pages)
        raise InputError(shown, SCAN if scan else NO_TEXT)
    text, places, masked = _paragraphs(lines, widths)
    if not text.strip():
        raise InputError(shown, NO_TEXT)
    return Source(shown, text, kind=NAME, writable=False, places=Places(places), masked=tuple(masked),
                  meta={"pages": len(pages)})


# ---------------------------------------------------------------------- extraction
def _pages(source, shown: str) -> tuple[list[tuple[list[_Line], bool]], list[float]]:
    """Each page's printed lines, top to bottom, and whether it holds images; the page widths."""
    import logging
    import warnings

    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTAnno, LTChar, LTImage, LTTextLineHorizontal
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover
        raise InputError(shown, "读取 .pdf 需要 pdfminer.six") from None

    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # its warnings are not the user's business
    out = []
    widths: list[float] = []
    chars = unmapped = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, page in enumerate(extract_pages(
                    source, laparams=LAParams(boxes_flow=None, all_texts=True)), start=1):
                found: list[_Line] = []
                images = False
                stack = [page]
                while stack:
                    obj = stack.pop()
                    if isinstance(obj, LTTextLineHorizontal):
                        line, n, bad = _line(obj, number, LTChar, LTAnno)
                        chars += n
                        unmapped += bad
                        if line is not None:
                            found.append(line)
                    elif isinstance(obj, LTImage):
                        images = True
                    elif hasattr(obj, "__iter__"):
                        stack.extend(obj)
                out.append((_merge_baselines(found), images))
                widths.append(page.width)
    except PDFPasswordIncorrect:
        raise InputError(shown, ENCRYPTED) from None
    except PDFEncryptionError as exc:
        raise InputError(shown, f"PDF 的加密方式无法处理（{exc.__class__.__name__}）：请提供未加密的 PDF 或 Word 原稿") from None
    except InputError:
        raise
    except Exception as exc:   # pdfminer raises many types for damaged files
        raise InputError(shown, f"无法读取 PDF 文件：已损坏或不是 PDF（{exc.__class__.__name__}）") from None
    if chars and unmapped > 0.3 * chars:
        raise InputError(shown, NO_CODES)
    return out, widths


def _line(obj, page: int, LTChar, LTAnno) -> tuple[_Line | None, int, int]:
    """A pdfminer line as a _Line: its characters, inferred spaces only between Latin words."""
    parts: list[str] = []
    sizes: list[float] = []
    space = False
    n = bad = 0
    chars = [item for item in obj if isinstance(item, LTChar)]
    body = _median(c.size for c in chars) if chars else 0.0
    base = min((c.y0 for c in chars if c.size >= 0.9 * body), default=0.0)
    for item in obj:
        if isinstance(item, LTChar):
            t = item.get_text()
            n += 1
            if t.startswith("(cid:"):
                bad += 1
                continue
            if item.size < 0.75 * body and item.y0 > base + 0.25 * body and NOTE_MARK_RE.fullmatch(t):
                continue            # a note's reference mark, small and raised: not text
            if space and parts and not (_wide(parts[-1][-1]) or _wide(t[0])) and parts[-1][-1] != " ":
                parts.append(" ")
            space = False
            parts.append(t)
            sizes.append(round(item.size, 1))
        elif isinstance(item, LTAnno) and item.get_text() == " ":
            space = True
    text = "".join(parts).strip()
    if not text:
        return None, n, bad
    size = _median(sizes) if sizes else obj.height
    return _Line(page, obj.x0, obj.x1, obj.y0, obj.y1, text, size), n, bad


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Pieces printed on one baseline (far apart, so pdfminer kept them apart: a table's
    cells) as one line, top to bottom, joined by a space that is masked (the layout's, not the
    author's: cjk-digit-space must not ask to delete it)."""
    lines.sort(key=lambda ln: (-ln.middle, ln.x0))
    out: list[_Line] = []
    for ln in lines:
        last = out[-1] if out else None
        if last is not None and abs(last.middle - ln.middle) < 0.3 * min(last.size, ln.size) \
                and ln.x0 >= last.x1 - 0.5:
            last.joins += (len(last.text),) + tuple(len(last.text) + 1 + j for j in ln.joins)
            last.text += " " + ln.text
            last.x1 = ln.x1
            last.y0, last.y1 = min(last.y0, ln.y0), max(last.y1, ln.y1)
        else:
            out.append(ln)
    return out


# ---------------------------------------------------------------------- furniture
def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _body(pages: list[tuple[list[_Line], bool]], widths: list[float]) -> list[_Line]:
    """Every page's lines without running headers, footers and page numbers, numbered."""
    with_text = [lines for lines, _ in pages if lines]
    places: dict[str, list[tuple[int, float]]] = {}
    for lines in with_text:
        for ln in lines[:BAND] + lines[-BAND:]:
            places.setdefault(_key(ln.text), []).append((ln.page, ln.middle))
    need = max(2, REPEATED_SHARE * len(with_text))
    size = _body_size([ln for lines in with_text for ln in lines])

    def repeated(ln: _Line) -> bool:
        seen = {p for p, m in places.get(_key(ln.text), ()) if abs(m - ln.middle) <= SAME_PLACE}
        return len(seen) >= need

    def apart(lines: list[_Line], k: int, step: int) -> bool:
        """A line in a smaller size than the body, set apart from the text next to it: a
        footer, or a header above the text of a later page (a header that does not repeat:
        a short report). The top of the first page is left alone: a web copy's source and
        date line stands there, and the publication date is read from it."""
        ln, j = lines[k], k + step
        if ln.size >= 0.9 * size or not 0 <= j < len(lines) or (step > 0 and ln.page == 1):
            return False
        other = lines[j]
        gap = (ln.y0 - other.y1) if step > 0 else (other.y0 - ln.y1)
        return gap > 1.5 * size

    def furniture(lines: list[_Line], k: int, step: int) -> bool:
        ln = lines[k]
        return bool(PAGE_NUMBER_RE.fullmatch(ln.text.strip())) or repeated(ln) or apart(lines, k, step)

    out = []
    for lines in with_text:
        top, bottom = 0, len(lines)
        while top < min(BAND, bottom) and furniture(lines, top, 1):
            top += 1
        while bottom > top and len(lines) - bottom < BAND and furniture(lines, bottom - 1, -1):
            bottom -= 1
        for k, ln in enumerate(lines[top:bottom], start=1):
            ln.number = k
            out.append(ln)
    return out


def _body_size(lines: list[_Line]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    weight: dict[float, int] = {}
    for ln in lines:
        weight[round(ln.size)] = weight.get(round(ln.size), 0) + len(ln.text)
    return max(weight, key=weight.get) if weight else 0.0


# ---------------------------------------------------------------------- paragraphs
def _paragraphs(lines: list[_Line], widths: list[float]) -> tuple[str, list[Place], list[tuple[int, int]]]:
    size = _body_size(lines)
    left = min((ln.x0 for ln in lines if abs(ln.size - size) < 0.5), default=0.0)
    right = _right_margin(lines, left, size, widths)
    gaps = [a.y0 - b.y1 for a, b in zip(lines, lines[1:])
            if a.page == b.page and abs(a.size - b.size) < 0.5 and a.y0 >= b.y1]
    gap = _median(gaps) if gaps else 0.0

    def middle(ln: _Line) -> float:
        return (ln.x0 + ln.x1) / 2

    def continues(a: _Line, b: _Line) -> bool:
        if abs(a.size - b.size) >= 0.5:
            return False
        if a.page == b.page and a.size > TITLE_SIZE * size and b.x1 - b.x0 < a.x1 - a.x0 \
                and abs(middle(a) - middle(b)) <= CENTRE_TOLERANCE * a.size and a.y0 - b.y1 <= a.size:
            return True                                 # a title set large and centred, wrapped
        if HEADING_START_RE.match(b.text) and a.text[-1] in SENTENCE_END:
            return False                                # a numbered heading after a full sentence
        if a.x1 < right - MARGIN_TOLERANCE * a.size and not _pushed_down(a, b, right):
            return False                                # a short last line
        if b.x0 > left + INDENT_TOLERANCE * b.size:
            return False                                # an indented (or centred) first line
        if a.page == b.page and a.y0 - b.y1 > gap + 0.6 * b.size:
            return False                                # space above: a new paragraph
        return True

    pieces: list[str] = []
    places: list[Place] = []
    masked: list[tuple[int, int]] = []
    pos = 0
    prev = None
    for ln in lines:
        text = ln.text
        if prev is not None:
            if continues(prev, ln):
                if _narrow_word(pieces[-1][-1]) and _narrow_word(text[0]):
                    pieces.append(" ")
                    pos += 1
            else:
                pieces.append("\n")
                pos += 1
        places.append(Place(pos, pos + len(text), f"第 {ln.page} 页第 {ln.number} 行",
                            {"page": ln.page, "line": ln.number}))
        masked.extend((pos + j, pos + j + 1) for j in ln.joins)
        pieces.append(text)
        pos += len(text)
        prev = ln
    return "".join(pieces), places, masked


def _pushed_down(a: _Line, b: _Line, right: float) -> bool:
    """Line ``a`` ends short only because the word ``b`` starts with did not fit after it
    (``…调解成功率`` / ``100%,没有发生…``): ``a`` does not end a sentence and that word, as wide
    as it is estimated, would have run past the right margin."""
    m = LEAD_WORD_RE.match(b.text)
    if not m or a.text[-1] in SENTENCE_END:
        return False
    width = (len(m.group(1)) * NARROW + len(m.group(2))) * b.size
    return a.x1 + width > right - INDENT_TOLERANCE * a.size


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else 0.0


def _right_margin(lines: list[_Line], left: float, size: float, widths: list[float]) -> float:
    """Where full lines end: where most lines end, when most do; else (a report of short
    paragraphs) at least where a text block as wide as the page allows would end."""
    ends = [ln.x1 for ln in lines if abs(ln.size - size) < 0.5] or [ln.x1 for ln in lines]
    right = _percentile(ends, 0.75)
    near = sum(1 for x in ends if abs(x - right) <= MARGIN_TOLERANCE * size)
    if near < max(3, 0.3 * len(ends)) and widths:
        right = max(right, _median(widths) - left - 2 * size)
    return right
