"""OpenDocument text (``.odt``: LibreOffice, WPS, Word's "OpenDocument" save), read with odfdo.

odfdo opens the package and its parts (``content.xml``, ``styles.xml``) and resolves styles;
the reader walks the body the way :mod:`reportlint.readers.docx` walks a Word document, one
line per paragraph, in this order:

1. the **body**: paragraphs (``text:p``) and **headings** (``text:h``), **lists**
   (``text:list``, nested), **tables** cell by cell (``table:table``; repeated rows and
   columns counted), sections; a **text box** or a shape with text (``draw:frame`` …) right
   after the paragraph it is anchored in;
2. **footnotes**, then **endnotes** (``text:note``), in the order of their citations;
3. **headers**, then **footers** of the master pages (``style:header``, ``-left``, ``-first``).

Notes, headers and footers are furniture, as in a Word document. Left out: tracked deletions
(``text:tracked-changes``: ODF keeps deleted text there, insertions are in the body), indexes
(a table of contents repeats the headings), comments (``office:annotation``), page numbers and
counts. White space is collapsed as ODF says (``text:s`` and ``text:tab`` are explicit); a line
break (``text:line-break``) keeps its paragraph on one line, as in a Word document.

**Numbering** where ODF gives it: a cached number (``text:number``) as its producer wrote it;
else the number computed from the list style (``text:list-level-style-number``:
``style:num-format`` — 1, a, A, i, I and LibreOffice's Chinese formats such as
``一, 二, 三, ...`` — ``style:num-prefix``/``-suffix``, ``text:display-levels``,
``text:start-value``, LibreOffice's ``loext:num-list-format`` such as ``（%2%）``), for list
items counted per list (``text:continue-numbering``, ``text:continue-list`` continue one) and
for headings by the outline style (``text:outline-style``). The separator after a number
(``text:label-followed-by``: a tab, a space or nothing) is masked, as in Word documents.

Places: ``第 12 段``, ``表 1 第 2 行第 3 列``, ``文本框 1``, ``脚注 1``, ``尾注 1``, ``页眉``/``页脚``.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import InputError
from . import Source
from ._lines import SOFT_BREAK, Lines, resolve_soft_breaks, running_label
from ._numbering import ODF_FORMATS, bullet_text, format_number
from ._zip import damaged, open_package, read_bytes, reading_package

NAME = "odt"
SUFFIXES = (".odt",)

ODT_MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")

_SKIP_BLOCKS = {"text:tracked-changes", "text:table-of-content", "text:alphabetical-index", "text:illustration-index",
                "text:table-index", "text:object-index", "text:user-index", "text:bibliography",
                "text:sequence-decls", "text:variable-decls", "text:user-field-decls", "text:dde-connection-decls",
                "office:forms", "text:soft-page-break", "office:annotation", "office:annotation-end"}
#: inline elements whose own text is not what a reader sees
_SKIP_INLINE = {"office:annotation", "office:annotation-end", "text:page-number", "text:page-count",
                "text:page-continuation", "text:note", "text:ruby-text", "text:hidden-text", "text:number",
                "text:bookmark", "text:bookmark-start", "text:bookmark-end", "text:reference-mark",
                "text:reference-mark-start", "text:reference-mark-end", "text:toc-mark", "text:toc-mark-start",
                "text:toc-mark-end", "text:alphabetical-index-mark", "text:alphabetical-index-mark-start",
                "text:alphabetical-index-mark-end", "text:change", "text:change-start", "text:change-end",
                "svg:title", "svg:desc"}
_WS = re.compile(r"[ \t\r\n]+")
_EXPLICIT_SPACE, _EXPLICIT_TAB = "\x01", "\x02"


def _attr(el, name: str, default=None):
    value = el.get_attribute_string(name)
    return default if value is None else value


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class LevelStyle:
    """One level of a list or outline style."""
    __slots__ = ("kind", "fmt", "prefix", "suffix", "display", "start", "bullet", "sync", "template", "sep")

    def __init__(self, el):
        tag = el.tag
        self.kind = "bullet" if tag.endswith("-bullet") else "image" if tag.endswith("-image") else "number"
        fmt = _attr(el, "style:num-format", "")
        self.fmt = ODF_FORMATS.get(fmt, "decimal" if fmt else "none")
        self.sync = _attr(el, "style:num-letter-sync") == "true"
        self.prefix = _attr(el, "style:num-prefix", "")
        self.suffix = _attr(el, "style:num-suffix", "")
        self.display = max(1, _int(_attr(el, "text:display-levels"), 1))
        self.start = _int(_attr(el, "text:start-value"), 1)
        self.bullet = _attr(el, "text:bullet-char", "•")
        self.template = _attr(el, "loext:num-list-format") or _attr(el, "style:num-list-format")
        self.sep = "\t"
        for props in el.children:
            if props.tag != "style:list-level-properties":
                continue
            for align in props.children:
                if align.tag == "style:list-level-label-alignment":
                    self.sep = {"space": " ", "nothing": ""}.get(_attr(align, "text:label-followed-by", "listtab"), "\t")

    def number(self, n: int) -> str:
        if self.fmt in ("lowerLetter", "upperLetter") and not self.sync:
            # ODF letters run a … z, aa, ab … (LibreOffice's default), unless synchronised
            letters, k = "", n
            while k > 0:
                k, r = divmod(k - 1, 26)
                letters = chr(ord("a") + r) + letters
            return letters.upper() if self.fmt == "upperLetter" else letters
        return format_number(self.fmt, n)


def _levels(style_el) -> dict[int, LevelStyle]:
    out = {}
    for child in style_el.children:
        if child.tag.startswith(("text:list-level-style-", "text:outline-level-style")):
            level = _int(_attr(child, "text:level"))
            if level:
                out[level] = LevelStyle(child)
    return out


def _label(levels: dict[int, LevelStyle], values: list, level: int) -> tuple[str, str]:
    style = levels.get(level)
    if style is None:
        return "", ""
    if style.kind == "bullet":
        return bullet_text(style.bullet), style.sep
    if style.kind == "image":
        return "", ""

    def num(k):
        s = levels.get(k, style)
        return s.number(values[k] if values[k] is not None else s.start)

    if style.template:
        label = re.sub(r"%(\d)%", lambda m: num(int(m.group(1))) if 1 <= int(m.group(1)) <= level else "",
                       style.template)
    else:
        if style.fmt == "none":
            return (style.prefix + style.suffix, style.sep) if (style.prefix or style.suffix) else ("", "")
        first = max(1, level - style.display + 1)
        label = style.prefix + ".".join(num(k) for k in range(first, level + 1)) + style.suffix
    return label, style.sep if label else ""


class _Counters:
    def __init__(self):
        self.values: list = [None] * 11

    def advance(self, level: int, start: int | None, levels) -> None:
        level = max(1, min(level, 10))
        if start is not None:
            self.values[level] = start
        elif self.values[level] is None:
            style = levels.get(level)
            self.values[level] = style.start if style is not None else 1
        else:
            self.values[level] += 1
        for k in range(level + 1, 11):
            self.values[k] = None


class _Reader:
    def __init__(self, document, has_styles: bool = True):
        self.doc = document
        self.has_styles = has_styles
        self.lines = Lines()
        self.tables = self.textboxes = 0
        self.notes: dict[str, list] = {"footnote": [], "endnote": []}
        self._list_styles: dict[str, dict] = {}
        self._lists_by_id: dict[str, _Counters] = {}
        self._last_list: _Counters | None = None
        outline = document.styles.get_element("//text:outline-style") if has_styles else None
        self.outline_levels = _levels(outline) if outline is not None else {}
        self.outline = _Counters()

    def list_levels(self, name: str | None) -> dict:
        if not name:
            return {}
        if name not in self._list_styles:
            style = self.doc.content.get_style("list", name)
            if style is None and self.has_styles:
                style = self.doc.styles.get_style("list", name)
            self._list_styles[name] = _levels(style) if style is not None else {}
        return self._list_styles[name]

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, container, place, furniture):
        for child in container.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                self.paragraph(child, place, furniture)
            elif tag == "text:list":
                self.list(child, place, furniture, 1, None, None)
            elif tag == "table:table":
                self.table(child, place, furniture)
            elif tag in ("text:section", "text:index-body", "draw:g"):
                self.blocks(child, place, furniture)
            elif tag.startswith("draw:"):
                self.boxes([child], place, furniture)
            # everything else (tracked deletions, indexes, declarations, forms) is not text

    def emit(self, text, place, furniture, masked=()):
        self.lines.paragraph(text, place, furniture, masked)

    def paragraph(self, p, place, furniture, label: tuple[str, str] | None = None):
        pieces: list[str] = []
        boxes: list = []
        self.inline(p, pieces, boxes)
        text = _collapse("".join(pieces))
        if label is None and p.tag == "text:h" and _attr(p, "text:is-list-header") != "true":
            label = self.heading_label(p)
        masked = ()
        if label and label[0]:
            masked = ((len(label[0]), len(label[0]) + len(label[1])),)
            text = label[0] + label[1] + text
        self.emit(text, place, furniture, masked)
        self.boxes(boxes, place, furniture)

    def heading_label(self, h):
        cached = _cached_number(h)
        level = _int(_attr(h, "text:outline-level"), 1)
        start = _int(_attr(h, "text:start-value")) if _attr(h, "text:restart-numbering") == "true" else None
        self.outline.advance(level, start, self.outline_levels)
        if cached is not None:
            return cached, " " if cached else ""
        return _label(self.outline_levels, self.outline.values, level)

    def inline(self, el, out, boxes):
        text = el.text
        if text:
            out.append(text)
        for child in el.children:
            tag = child.tag
            if tag == "text:s":
                out.append(_EXPLICIT_SPACE * max(1, _int(_attr(child, "text:c"), 1)))
            elif tag == "text:tab":
                out.append(_EXPLICIT_TAB)
            elif tag == "text:line-break":
                out.append(SOFT_BREAK)
            elif tag == "text:note":
                kind = "endnote" if _attr(child, "text:note-class") == "endnote" else "footnote"
                self.notes[kind].append(child)
            elif tag.startswith("draw:"):
                boxes.append(child)
            elif tag == "text:ruby":
                for part in child.children:
                    if part.tag == "text:ruby-base":
                        self.inline(part, out, boxes)
            elif tag not in _SKIP_INLINE:
                self.inline(child, out, boxes)
            tail = child.tail
            if tail:
                out.append(tail)

    def boxes(self, frames, place, furniture):
        for frame in frames:
            bodies = list(_text_bodies(frame))
            if not bodies:
                continue
            if furniture:
                here = place
            else:
                self.textboxes += 1
                here = (f"文本框 {self.textboxes}", {"textbox": self.textboxes})
            for body in bodies:
                self.blocks(body, here, furniture)

    # -- lists --------------------------------------------------------------------------------
    def list(self, el, place, furniture, level, style, counters):
        style = _attr(el, "text:style-name") or style
        if counters is None:      # a top-level list: a new one, or one continuing another
            target = _attr(el, "text:continue-list")
            if target and target in self._lists_by_id:
                counters = self._lists_by_id[target]
            elif _attr(el, "text:continue-numbering") == "true" and self._last_list is not None:
                counters = self._last_list
            else:
                counters = _Counters()
            self._last_list = counters
            own = _attr(el, "xml:id") or _attr(el, "text:id")
            if own:
                self._lists_by_id[own] = counters
        levels = self.list_levels(style)
        for item in el.children:
            if item.tag not in ("text:list-item", "text:list-header"):
                continue
            numbered = item.tag == "text:list-item"
            start = _int(_attr(item, "text:start-value"))
            cached = _cached_number(item)
            first = True
            for child in item.children:
                tag = child.tag
                if tag in ("text:p", "text:h"):
                    label = ("", "")
                    if first and numbered:
                        counters.advance(level, start, levels)
                        label = (cached, " " if cached else "") if cached is not None else \
                            _label(levels, counters.values, level)
                    first = False
                    self.paragraph(child, place, furniture, label)
                elif tag == "text:list":
                    self.list(child, place, furniture, level + 1, style, counters)
                elif tag == "table:table":
                    self.table(child, place, furniture)

    # -- tables -------------------------------------------------------------------------------
    def table(self, tbl, place, furniture):
        number = None
        if place is None:
            self.tables += 1
            number = self.tables
        row = 0
        for tr in _rows(tbl):
            repeat = max(1, _int(_attr(tr, "table:number-rows-repeated"), 1))
            row += 1
            column = 1
            for tc in tr.children:
                if tc.tag not in ("table:table-cell", "table:covered-table-cell"):
                    continue
                times = max(1, _int(_attr(tc, "table:number-columns-repeated"), 1))
                if tc.tag == "table:table-cell":
                    here = place if number is None else (
                        f"表 {number} 第 {row} 行第 {column} 列", {"table": number, "row": row, "column": column})
                    self.blocks(tc, here, furniture)
                column += times
            row += repeat - 1

    # -- notes, headers, footers ----------------------------------------------------------------
    def read_notes(self):
        for kind, label in (("footnote", "脚注"), ("endnote", "尾注")):
            for number, note in enumerate(self.notes[kind], 1):
                for part in note.children:
                    if part.tag == "text:note-body":
                        self.blocks(part, (f"{label} {number}", {kind: number}), True)

    def headers_footers(self):
        pages = self.doc.styles.get_elements("//style:master-page") if self.has_styles else []
        found = {"header": [], "footer": []}
        for mp in pages:
            name = _attr(mp, "style:display-name") or _attr(mp, "style:name") or ""
            for child in mp.children:
                tag = child.tag
                for kind in ("header", "footer"):
                    if tag in (f"style:{kind}", f"style:{kind}-left", f"style:{kind}-first", f"loext:{kind}-first"):
                        if _attr(child, "style:display") == "false" or not child.children:
                            continue
                        typ = "even" if tag.endswith("-left") else "first" if tag.endswith("-first") else "default"
                        found[kind].append((name, typ, child))
        for kind in ("header", "footer"):
            several = len({n for n, _, _ in found[kind]}) > 1
            for name, typ, el in found[kind]:
                label = running_label(kind, typ)
                if several:
                    label = f"{label}（{name}）"
                self.blocks(el, (label, {kind: typ, "master_page": name}), True)


def _collapse(text: str) -> str:
    """ODF white space: runs of spaces, tabs and newlines in the XML are one space, leading
    and trailing ones dropped; ``text:s`` and ``text:tab`` are kept as written."""
    text = _WS.sub(" ", text).strip(" ")
    text = text.replace(_EXPLICIT_SPACE, " ").replace(_EXPLICIT_TAB, "\t")
    return resolve_soft_breaks(text)


def _cached_number(el) -> str | None:
    for child in el.children:
        if child.tag == "text:number":
            return _WS.sub(" ", _plain(child)).strip()
    return None


def _plain(el) -> str:
    return el.text + "".join(_plain(c) + (c.tail or "") for c in el.children)


def _rows(tbl):
    for child in tbl.children:
        if child.tag == "table:table-row":
            yield child
        elif child.tag in ("table:table-header-rows", "table:table-rows", "table:table-row-group"):
            yield from _rows(child)


def _text_bodies(frame):
    """The containers of text inside a frame or shape: a text box, or a shape's own paragraphs."""
    has_paragraphs = False
    for child in frame.children:
        if child.tag == "draw:text-box":
            yield child
        elif child.tag in ("text:p", "text:h", "text:list"):
            has_paragraphs = True
        elif child.tag in ("draw:frame", "draw:g", "draw:custom-shape", "draw:rect", "draw:ellipse"):
            yield from _text_bodies(child)
    if has_paragraphs:
        yield frame


ENCRYPTED = "文件已加密（设有打开密码），无法读取：请在 LibreOffice/WPS 中取消密码并另存后再检查"


def read(path: Path, shown: str) -> Source:
    return from_bytes(read_bytes(path, shown), shown)


def from_bytes(data: bytes, shown: str, kind: str = NAME) -> Source:
    """The document from its bytes (also standard input named ``*.odt``). Its ``kind`` stays
    ``odt`` whatever ``kind`` says: a document is never written, not even to standard output."""
    zf = open_package(data, shown, ".odt")
    names = set(zf.namelist())
    if "content.xml" not in names:
        if "word/document.xml" in names:
            raise InputError(shown, "内容是 Word 文档（.docx），不是 .odt：请把扩展名改为 .docx")
        raise InputError(shown, "是 ZIP 压缩包，但不是 OpenDocument 文档（缺少 content.xml）")
    try:
        mimetype = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except Exception:
        raise damaged(shown, ".odt", "压缩数据有误") from None
    if mimetype and mimetype not in ODT_MIMETYPES:
        what = {"spreadsheet": "电子表格（.ods）", "presentation": "演示文稿（.odp）", "graphics": "绘图（.odg）"}
        kind = next((v for k, v in what.items() if k in mimetype), mimetype)
        raise InputError(shown, f"是 OpenDocument {kind}，不是文本文档（.odt）")
    if "META-INF/manifest.xml" in names:
        try:
            manifest = zf.read("META-INF/manifest.xml")
        except Exception:
            raise damaged(shown, ".odt", "压缩数据有误") from None
        if b"encryption-data" in manifest:   # saved with a password: the parts are ciphertext
            raise InputError(shown, ENCRYPTED)
    try:
        from odfdo import Document  # only when an .odt is linted
    except ImportError:  # pragma: no cover
        raise InputError(shown, "读取 .odt 需要 odfdo（pip install odfdo）") from None
    with reading_package(shown, ".odt", (UnicodeDecodeError, "其中的文字编码有误")):
        document = Document(io.BytesIO(data))
        reader = _Reader(document, "styles.xml" in names)
        reader.blocks(document.body, None, False)
        reader.read_notes()
        reader.headers_footers()
    text = reader.lines.text()
    if not text.strip():
        raise InputError(shown, "文件为空（没有文字）")
    places, masked, furniture = reader.lines.spans()
    return Source(shown, text, kind="odt", writable=False, places=places, masked=masked, furniture=furniture,
                  meta={"paragraphs": reader.lines.paragraphs, "tables": reader.tables, "textboxes": reader.textboxes})
