"""Word and WPS ``.docx`` drafts, read as Word shows them in its "final" view (no markup).

python-docx opens the package and finds its parts through their relationships (the main
document, styles, numbering, settings, headers and footers, footnotes and endnotes); the text
is then taken from its lxml element tree, because python-docx's ``paragraph.text`` knows
neither tracked changes, text boxes, footnotes nor automatic numbering.

What becomes the text, one line per Word paragraph, in this order:

1. the **body** in document order: paragraphs, **tables** cell by cell (row by row, each
   paragraph of a cell a line of its own), and the paragraphs of a **text box** (DrawingML
   ``wps:txbx`` or VML ``v:textbox``; of an ``mc:AlternateContent`` only the first choice is
   read, never its fallback copy) right after the paragraph it is anchored in;
2. **footnotes**, then **endnotes**, numbered in the order of their references;
3. **headers**, then **footers** (those Word shows: a first-page header only with "different
   first page", even-page ones only with "different odd and even pages"), each part once.

Footnotes, endnotes, headers and footers are *furniture* (:attr:`Source.furniture`): checked,
but never the title, a heading or a part. A table of contents (its content control, or
paragraphs in the ``toc 1`` … styles) is left out: it repeats the headings.

Within a paragraph: tracked insertions (``w:ins``) and moved-to text are in, deletions
(``w:del``, ``w:delText``) and moved-from text are out, a paragraph whose mark was deleted is
joined to the next one; hidden text (``w:vanish``), field codes, comments and footnote
reference marks are out; a tab is ``\\t``; a page or column break is nothing; a **soft line
break** (Shift+Enter, ``w:br``) keeps the paragraph on one line (see
:func:`~reportlint.readers._lines.resolve_soft_breaks`).

**Automatic numbering** is rendered as Word displays it (:class:`Numbering`): the number
(``numbering.xml`` ``abstractNum``/``num``/``lvl``, ``numFmt``, ``lvlText``, ``start``,
``lvlOverride``/``startOverride``, ``lvlRestart``, ``isLgl``), numbering that comes from the
paragraph's style, and the suffix (``w:suff``: a tab by default, a space, or nothing). The
suffix is *masked*: Word puts it there, so no rule reports it.

Places (:class:`~reportlint.places.Place`): ``第 12 段`` (the 12th body paragraph that shows
text: empty paragraphs are not counted, as in Word's 字数统计), ``表 1 第 2 行第 3 列`` (grid
column, merged cells counted by their first column), ``文本框 1``, ``脚注 1``, ``尾注 2``,
``页眉`` / ``页脚`` (``首页页眉``, ``偶数页页脚``, ``第 2 节页眉`` when a document has several).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from . import Source
from ._lines import SOFT_BREAK, Lines, resolve_soft_breaks, running_label
from ._numbering import bullet_text, format_number
from ._zip import INFLATE_ERRORS, damaged, open_package, read_bytes, reading_package

NAME = "docx"
SUFFIXES = (".docx",)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_VAL = _W + "val"

P, R, T, TBL, TR, TC = (_W + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR = (_W + n for n in ("pPr", "rPr", "trPr", "tcPr"))
SDT, SDTCONTENT, SDTPR = _W + "sdt", _W + "sdtContent", _W + "sdtPr"
INS, DEL, MOVE_TO, MOVE_FROM = _W + "ins", _W + "del", _W + "moveTo", _W + "moveFrom"
TXBX = _W + "txbxContent"
ALT, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
SECTPR = _W + "sectPr"

#: inline containers whose content is read as it stands
_INLINE_WRAPPERS = {_W + n for n in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple",
                                     "dir", "bdo")}
_BLOCK_WRAPPERS = {_W + n for n in ("customXml", "ins", "moveTo")}
_SKIPPED = {DEL, MOVE_FROM}
_FALSE = {"0", "false", "off"}
_PLACEHOLDER = re.compile(r"%([1-9])")
_VANISH = _W + "vanish"
_REF_ORDER = {"default": 0, "first": 1, "even": 2}   # a section's headers: the usual one first

MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _on(el) -> bool:
    """A WordprocessingML on/off property element (``<w:vanish/>``, ``<w:titlePg w:val="0"/>``)."""
    return el is not None and el.get(_VAL, "true") not in _FALSE


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _first_choice(alt):
    """The content of an ``mc:AlternateContent`` Word shows: its first choice (else fallback)."""
    choice = alt.find(CHOICE)
    return choice if choice is not None else alt.find(FALLBACK)


# ---------------------------------------------------------------------------------- styles
class Styles:
    """Paragraph and numbering styles: name, parent and numbering properties."""

    def __init__(self, root):
        self.styles: dict[str, tuple] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iterchildren(_W + "style"):
            sid = st.get(_W + "styleId")
            if sid is None:
                continue
            name = st.find(_W + "name")
            based = st.find(_W + "basedOn")
            num_id = ilvl = None
            ppr = st.find(PPR)
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                num_id = _int(_val(numpr.find(_W + "numId")))
                ilvl = _int(_val(numpr.find(_W + "ilvl")))
            self.styles[sid] = ((name.get(_VAL) if name is not None else "") or "",
                                based.get(_VAL) if based is not None else None, num_id, ilvl)
            if st.get(_W + "type") == "paragraph" and st.get(_W + "default") in ("1", "true", "on"):
                self.default = sid

    def name(self, sid: str | None) -> str:
        return self.styles.get(sid, ("",))[0] if sid else ""

    def numbering(self, sid: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following ``w:basedOn``."""
        num_id = ilvl = None
        seen = set()
        while sid and sid in self.styles and sid not in seen and len(seen) < 32:
            seen.add(sid)
            _, based, n, lv = self.styles[sid]
            if num_id is None:
                num_id = n
            if ilvl is None:
                ilvl = lv
            if num_id is not None and ilvl is not None:
                break
            sid = based
        return num_id, ilvl


def _val(el):
    return el.get(_VAL) if el is not None else None


# ------------------------------------------------------------------------------- numbering
class Level:
    __slots__ = ("fmt", "text", "start", "suff", "legal", "restart", "style")

    def __init__(self, el):
        fmt = el.find(_W + "numFmt")
        self.fmt = _val(fmt) or "decimal"
        if fmt is None:     # Word 2010 custom formats (01, 02, 03 …) sit in mc:AlternateContent
            alt = el.find(ALT)
            for branch in (alt if alt is not None else ()):
                f = branch.find(_W + "numFmt")
                if f is None:
                    continue
                custom = re.match(r"(0*)1, ", f.get(_W + "format") or "")
                if f.get(_VAL) == "custom" and custom:
                    self.fmt = f"decimalZero{len(custom.group(1)) + 1}"
                    break
                if branch.tag == FALLBACK:
                    self.fmt = _val(f) or "decimal"
        text = el.find(_W + "lvlText")
        self.text = text.get(_VAL) if text is not None else None
        self.start = _int(_val(el.find(_W + "start")), 0)
        self.suff = _val(el.find(_W + "suff")) or "tab"
        self.legal = _on(el.find(_W + "isLgl"))
        self.restart = _int(_val(el.find(_W + "lvlRestart")))
        self.style = _val(el.find(_W + "pStyle"))


class Counters:
    """Where each list stands in one story (the body, a text box, a header …)."""

    def __init__(self):
        self.lists: dict[str, list] = {}
        self.overridden: set[tuple[int, int]] = set()


class Numbering:
    """Word's automatic numbering (``numbering.xml``), rendered as Word displays it.

    Counters belong to an abstract numbering definition, so paragraphs of different ``w:num``
    over one definition continue one list; a ``w:num``'s ``startOverride`` restarts its level
    the first time that ``w:num`` numbers a paragraph at that level. Numbering a level resets
    the deeper ones (unless their ``lvlRestart`` says otherwise); a level never used yet shows
    its start value. A definition linked to a numbering style (``numStyleLink``) uses the
    style's definition."""

    def __init__(self, root, styles: Styles):
        self.styles = styles
        self.abstract: dict[str, tuple[dict, str | None, bool]] = {}
        self.nums: dict[int, tuple[str, dict, dict]] = {}
        if root is None:
            return
        for a in root.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in a.iterchildren(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"))
                if ilvl is not None:
                    levels[ilvl] = Level(lvl)
            single = _val(a.find(_W + "multiLevelType")) == "singleLevel"
            self.abstract[a.get(_W + "abstractNumId")] = (levels, _val(a.find(_W + "numStyleLink")), single)
        for n in root.iterchildren(_W + "num"):
            num_id = _int(n.get(_W + "numId"))
            if num_id is None:
                continue
            starts, lvls = {}, {}
            for ov in n.iterchildren(_W + "lvlOverride"):
                ilvl = _int(ov.get(_W + "ilvl"))
                if ilvl is None:
                    continue
                so = _int(_val(ov.find(_W + "startOverride")))
                if so is not None:
                    starts[ilvl] = so
                lvl = ov.find(_W + "lvl")
                if lvl is not None:
                    lvls[ilvl] = Level(lvl)
            self.nums[num_id] = (_val(n.find(_W + "abstractNumId")), starts, lvls)
        self._resolved: dict[int, tuple] = {}

    def __bool__(self) -> bool:
        return bool(self.nums)

    def _resolve(self, num_id: int):
        """(list key, levels, start overrides, single-level) of a ``w:num``, or None."""
        if num_id in self._resolved:
            return self._resolved[num_id]
        found = None
        num = self.nums.get(num_id)
        if num is not None and num[0] in self.abstract:
            key, starts, own = num
            levels, link, single = self.abstract[key]
            levels = dict(levels)
            if link:    # numStyleLink → the numbering style's own w:num → its definition
                link_num = self.styles.numbering(link)[0]
                linked = self.nums.get(link_num) if link_num is not None else None
                if linked is not None and linked[0] in self.abstract and linked[0] != key:
                    key = linked[0]
                    levels, _, single = self.abstract[key]
                    levels = {**levels, **linked[2]}
                    starts = {**linked[1], **starts}
            levels.update(own)
            found = (key, levels, starts, single)
        self._resolved[num_id] = found
        return found

    def level_of_style(self, num_id: int, style: str | None) -> int:
        found = self._resolve(num_id)
        if found and style:
            for ilvl, lvl in found[1].items():
                if lvl.style == style:
                    return ilvl
        return 0

    def label(self, counters: Counters, num_id: int, ilvl: int) -> tuple[str, str] | None:
        """Advance the list and return (number as shown, suffix), or None when not numbered."""
        found = self._resolve(num_id)
        if found is None:
            return None
        key, levels, starts, single = found
        if single:
            ilvl = 0
        ilvl = max(0, min(ilvl, 8))
        lvl = levels.get(ilvl)
        if lvl is None:
            lower = [k for k in levels if k < ilvl]
            if not lower:
                return None
            lvl = levels[max(lower)]
        values = counters.lists.setdefault(key, [None] * 9)
        if ilvl in starts and (num_id, ilvl) not in counters.overridden:
            counters.overridden.add((num_id, ilvl))
            values[ilvl] = starts[ilvl]
        elif values[ilvl] is None:
            values[ilvl] = lvl.start
        else:
            values[ilvl] += 1
        for k in range(ilvl + 1, 9):
            deeper = levels.get(k)
            restart = deeper.restart if deeper is not None else None
            if restart is None or restart - 1 >= k or (restart and ilvl < restart):
                values[k] = None
        if lvl.text is None:
            return None
        if lvl.fmt == "bullet":
            label = bullet_text(lvl.text)
        else:
            def number(m):
                k = int(m.group(1)) - 1
                ref = levels.get(k, lvl)
                n = values[k] if values[k] is not None else ref.start
                fmt = ref.fmt
                if lvl.legal and fmt != "none" and not fmt.startswith("decimalZero"):
                    fmt = "decimal"
                return format_number(fmt, n)
            label = _PLACEHOLDER.sub(number, lvl.text)
        suffix = {"tab": "\t", "space": " "}.get(lvl.suff, "")
        return label, suffix if label else ""


# ---------------------------------------------------------------------------------- reading
class _Reader:
    def __init__(self, part, styles: Styles, numbering: Numbering, even_headers: bool):
        self.part = part
        self.styles = styles
        self.numbering = numbering
        self.even_headers = even_headers
        self.lines = Lines()
        self.tables = 0
        self.textboxes = 0
        self.notes: dict[str, dict[str, int]] = {"footnote": {}, "endnote": {}}
        self.sections: list = []
        self._toc_styles: dict[str, bool] = {}
        self.fields: list[list] = []     # open complex fields: [instruction pieces, result hidden?]
        self.hiding = 0                  # how many open fields hide their result

    # -- stories ------------------------------------------------------------------------------
    def story(self, root, place=None, furniture=False):
        """Read the blocks of a story (the body, a note, a header, a text box)."""
        self.fields, self.hiding = [], 0
        self._blocks(root, place, Counters(), furniture)

    def _blocks(self, container, place, counters, furniture):
        carry = ""
        for child in container:
            tag = child.tag
            if tag == P:
                carry = self._paragraph(child, place, counters, furniture, carry)
            elif tag == TBL:
                carry = self._flush(carry, place, furniture)
                self._table(child, place, counters, furniture)
            elif tag == SDT:
                if not self._is_toc_sdt(child):
                    content = child.find(SDTCONTENT)
                    if content is not None:
                        carry = self._flush(carry, place, furniture)
                        self._blocks(content, place, counters, furniture)
            elif tag in _BLOCK_WRAPPERS:
                self._blocks(child, place, counters, furniture)
            elif tag == ALT:
                choice = _first_choice(child)
                if choice is not None:
                    self._blocks(choice, place, counters, furniture)
            elif tag == SECTPR and place is None:
                self.sections.append(child)
        self._flush(carry, place, furniture)

    def _flush(self, carry, place, furniture):
        if carry:
            self._emit(carry, place, furniture)
        return ""

    def _emit(self, text, place, furniture, masked=()):
        self.lines.paragraph(text, place, furniture, masked)

    # -- paragraphs -------------------------------------------------------------------------
    def _is_toc_sdt(self, sdt) -> bool:
        pr = sdt.find(SDTPR)
        if pr is None:
            return False
        for g in pr.iter(_W + "docPartGallery"):
            if (g.get(_VAL) or "").lower().startswith("table of contents"):
                return True
        return False

    def _is_toc_style(self, sid: str | None) -> bool:
        if not sid:
            return False
        if sid not in self._toc_styles:
            name = self.styles.name(sid).lower()
            self._toc_styles[sid] = bool(re.fullmatch(r"toc ?\d", name) or re.fullmatch(r"toc\d", sid.lower()))
        return self._toc_styles[sid]

    def _paragraph(self, p, place, counters, furniture, carry):
        ppr = p.find(PPR)
        sid = None
        numpr = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(_W + "pStyle")
            sid = ps.get(_VAL) if ps is not None else None
            numpr = ppr.find(_W + "numPr")
            rpr = ppr.find(RPR)
            if rpr is not None and (rpr.find(DEL) is not None or rpr.find(MOVE_FROM) is not None):
                mark_deleted = True
            sect = ppr.find(SECTPR)
            if sect is not None and place is None:
                self.sections.append(sect)
        if self._is_toc_style(sid):
            return carry
        parts: list[str] = []
        boxes: list = []
        self._inline(p, parts, boxes)
        text = resolve_soft_breaks(carry + "".join(parts))
        if mark_deleted:       # the paragraph mark is deleted: Word joins it to the next one
            self._boxes(boxes, place, furniture)
            return text
        numbered = self._number(numpr, sid or self.styles.default, counters)
        masked = ()
        if numbered:
            label, suffix = numbered
            masked = ((len(label), len(label) + len(suffix)),)
            text = label + suffix + text
        self._emit(text, place, furniture, masked)
        self._boxes(boxes, place, furniture)
        return ""

    def _number(self, numpr, sid, counters):
        if not self.numbering:
            return None
        p_num = p_lvl = None
        if numpr is not None:
            p_num = _int(_val(numpr.find(_W + "numId")))
            p_lvl = _int(_val(numpr.find(_W + "ilvl")))
        if p_num == 0:
            return None
        s_num, s_lvl = self.styles.numbering(sid)
        num_id = p_num if p_num is not None else s_num
        if not num_id:
            return None
        ilvl = p_lvl
        if ilvl is None and num_id == s_num:
            ilvl = s_lvl
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, sid)
        return self.numbering.label(counters, num_id, ilvl)

    def _boxes(self, boxes, place, furniture):
        for box in boxes:
            if furniture:
                here = place
            else:
                self.textboxes += 1
                here = (f"文本框 {self.textboxes}", {"textbox": self.textboxes})
            self._blocks(box, here, Counters(), furniture)

    def _inline(self, el, out, boxes):
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, out, boxes)
            elif tag == _W + "fldSimple":
                if not _hidden_field(child.get(_W + "instr")):
                    self._inline(child, out, boxes)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, out, boxes)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag == ALT:
                choice = _first_choice(child)
                if choice is not None:
                    self._inline(choice, out, boxes)
            elif tag in (_M + "oMathPara", _M + "oMath"):
                out.append("".join(t.text or "" for t in child.iter(_M + "t")))

    def _run(self, r, out, boxes):
        for child in r:
            tag = child.tag
            if tag == T:
                if not self.hiding:
                    out.append(child.text or "")
                continue
            if tag == RPR:   # always a run's first child
                if _on(child.find(_VANISH)):
                    return   # hidden text
                continue
            if tag == _W + "fldChar":
                self._field(child.get(_W + "fldCharType"))
                continue
            if tag == _W + "instrText":
                if self.fields:
                    self.fields[-1][0].append(child.text or "")
                continue
            if self.hiding and tag not in (_W + "footnoteReference", _W + "endnoteReference"):
                continue
            if tag == _W + "tab" or tag == _W + "ptab":
                out.append("\t")
            elif tag == _W + "br":
                if child.get(_W + "type") not in ("page", "column"):
                    out.append(SOFT_BREAK)
            elif tag == _W + "cr":
                out.append(SOFT_BREAK)
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                kind = "footnote" if tag == _W + "footnoteReference" else "endnote"
                nid = child.get(_W + "id")
                seen = self.notes[kind]
                if nid is not None and nid not in seen:
                    seen[nid] = len(seen) + 1
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                self._find_boxes(child, boxes)
            elif tag == ALT:
                choice = _first_choice(child)
                if choice is not None:
                    self._run(choice, out, boxes)
            elif tag == _W + "ruby":
                base = child.find(_W + "rubyBase")
                if base is not None:
                    self._inline(base, out, boxes)

    def _field(self, kind):
        if kind == "begin":
            self.fields.append([[], False])
        elif kind == "separate" and self.fields and not self.fields[-1][1]:
            if _hidden_field("".join(self.fields[-1][0])):
                self.fields[-1][1] = True
                self.hiding += 1
        elif kind == "end" and self.fields:
            if self.fields.pop()[1]:
                self.hiding -= 1

    def _find_boxes(self, el, boxes):
        """Text box contents inside a drawing or VML picture, outermost first (a text box
        inside a text box is found when the outer one's paragraphs are read); the fallback
        of an mc:AlternateContent is never searched."""
        for child in el:
            tag = child.tag
            if tag == TXBX:
                boxes.append(child)
            elif tag == ALT:
                choice = _first_choice(child)
                if choice is not None:
                    self._find_boxes(choice, boxes)
            elif isinstance(tag, str):
                self._find_boxes(child, boxes)

    # -- tables -----------------------------------------------------------------------------
    def _table(self, tbl, place, counters, furniture):
        if place is None:
            self.tables += 1
            number = self.tables
        else:
            number = None
        row = 0
        for tr in self._rows(tbl):
            trpr = tr.find(TRPR)
            if trpr is not None and (trpr.find(DEL) is not None):
                continue    # a deleted row
            row += 1
            column = 1
            if trpr is not None:
                column += _int(_val(trpr.find(_W + "gridBefore")), 0)
            for tc in self._cells(tr):
                tcpr = tc.find(TCPR)
                span = 1
                if tcpr is not None:
                    span = max(1, _int(_val(tcpr.find(_W + "gridSpan")), 1))
                    if tcpr.find(_W + "cellDel") is not None:
                        column += span
                        continue
                here = place if number is None else (
                    f"表 {number} 第 {row} 行第 {column} 列", {"table": number, "row": row, "column": column})
                self._blocks(tc, here, counters, furniture)
                column += span

    def _rows(self, tbl):
        return _children(tbl, TR)

    def _cells(self, tr):
        return _children(tr, TC)

    # -- notes, headers, footers ------------------------------------------------------------
    def notes_of(self, kind, root):
        """Footnotes or endnotes, in the order of their references in the text."""
        if root is None or not self.notes[kind]:
            return
        by_id = {n.get(_W + "id"): n for n in root.iter(_W + kind)}
        label = "脚注" if kind == "footnote" else "尾注"
        counters = Counters()
        for nid, number in sorted(self.notes[kind].items(), key=lambda kv: kv[1]):
            note = by_id.get(nid)
            if note is None or note.get(_W + "type") not in (None, "normal"):
                continue
            self._blocks(note, (f"{label} {number}", {kind: number}), counters, True)

    def headers_footers(self):
        seen = set()
        found = {"header": [], "footer": []}
        sections = self.sections or []
        for number, sect in enumerate(sections, 1):
            title_page = _on(sect.find(_W + "titlePg"))
            for kind in ("header", "footer"):
                refs = sorted(sect.iter(_W + kind + "Reference"),
                              key=lambda ref: _REF_ORDER.get(ref.get(_W + "type") or "default", 3))
                for ref in refs:
                    typ = ref.get(_W + "type") or "default"
                    if (typ == "first" and not title_page) or (typ == "even" and not self.even_headers):
                        continue
                    part = self.part.related_parts.get(ref.get(_R + "id"))
                    if part is None or id(part) in seen:
                        continue
                    seen.add(id(part))
                    found[kind].append((number, typ, part))
        for kind in ("header", "footer"):
            several = len({n for n, _, _ in found[kind]}) > 1
            for number, typ, part in found[kind]:
                label = running_label(kind, typ)
                if several:
                    label = f"第 {number} 节{label}"
                self._blocks(_root(part), (label, {kind: typ, "section": number}), Counters(), True)


#: fields whose result Word computes as it lays the pages out (page numbers), or that repeat
#: the headings (a table of contents): their cached text is not read
_HIDDEN_FIELDS = re.compile(r"\s*(PAGE|NUMPAGES|SECTIONPAGES|SECTION|TOC)\b", re.I)


def _hidden_field(instr: str | None) -> bool:
    return bool(instr and _HIDDEN_FIELDS.match(instr))


def _without_dangling_relationships(zf: zipfile.ZipFile) -> bytes:
    """The package again, its ``.rels`` parts without relationships to internal parts it lacks."""
    import posixpath

    from lxml import etree

    names = set(zf.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            blob = zf.read(info)
            if info.filename.endswith(".rels"):
                folder = posixpath.dirname(posixpath.dirname(info.filename))   # word/_rels/x.rels → word
                root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
                for rel in list(root):
                    target = rel.get("Target") or ""
                    if rel.get("TargetMode") == "External" or not target:
                        continue
                    name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                        posixpath.join(folder, target))
                    if name not in names:
                        root.remove(rel)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info.filename, blob)
    return out.getvalue()


def _not_word(content_type: str) -> str:
    if "spreadsheetml" in content_type or "ms-excel" in content_type:
        return "内容是 Excel 表格（.xlsx），不是 Word 文档"
    if "presentationml" in content_type or "ms-powerpoint" in content_type:
        return "内容是 PowerPoint 演示文稿（.pptx），不是 Word 文档"
    return f"不是 Word 文档（主部件类型为 {content_type}）"


def _parse(blob: bytes):
    from docx.oxml.parser import parse_xml

    return parse_xml(blob)


def _related(part, reltype: str):
    for rel in part.rels.values():
        if rel.reltype == _RT + reltype and not rel.is_external:
            return rel.target_part
    return None


def _root(part):
    if part is None:
        return None
    root = getattr(part, "element", None)
    return root if root is not None else _parse(part.blob)


def read(path: Path, shown: str) -> Source:
    return from_bytes(read_bytes(path, shown), shown)


def from_bytes(data: bytes, shown: str, kind: str = NAME) -> Source:
    """The document from its bytes (also standard input named ``*.docx``). Its ``kind`` stays
    ``docx`` whatever ``kind`` says: a document is never written, not even to standard output."""
    zf = open_package(data, shown, ".docx")
    names = set(zf.namelist())
    if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            raise InputError(shown, "内容是 OpenDocument 文档（.odt），不是 .docx：请把扩展名改为 .odt")
        raise InputError(shown, "是 ZIP 压缩包，但不是 Word 文档（缺少 Office 文档的 _rels/.rels 与 [Content_Types].xml）")
    try:
        if b"purl.oclc.org/ooxml" in zf.read("_rels/.rels"):
            raise InputError(shown, "是“严格 Open XML”格式的 Word 文档，暂不支持：请在 Word/WPS 中另存为普通的 .docx 后再检查")
    except (KeyError, *INFLATE_ERRORS):
        raise damaged(shown, ".docx", "缺少或损坏了 _rels/.rels") from None
    try:
        from docx.opc.package import OpcPackage  # python-docx, only when a .docx is linted
    except ImportError:  # pragma: no cover
        raise InputError(shown, "读取 .docx 需要 python-docx") from None
    with reading_package(shown, ".docx", (KeyError, "缺少必需的部件")):
        try:
            package = OpcPackage.open(io.BytesIO(data))
        except KeyError:
            # a relationship to a part that is not in the package (a lost image …): Word opens
            # such files, so read them without the dangling relationships
            package = OpcPackage.open(io.BytesIO(_without_dangling_relationships(zf)))
        main = package.main_document_part
        if main.content_type not in MAIN_TYPES:
            raise InputError(shown, _not_word(main.content_type))
        styles = Styles(_root(_related(main, "styles")))
        numbering = Numbering(_root(_related(main, "numbering")), styles)
        settings = _root(_related(main, "settings"))
        even = settings is not None and _on(settings.find(_W + "evenAndOddHeaders"))
        reader = _Reader(main, styles, numbering, even)
        body = main.element.find(_W + "body")
        if body is None:
            raise damaged(shown, ".docx", "缺少正文 w:body")
        reader.story(body)
        reader.notes_of("footnote", _root(_related(main, "footnotes")))
        reader.notes_of("endnote", _root(_related(main, "endnotes")))
        reader.headers_footers()
    text = reader.lines.text()
    if not text.strip():
        raise InputError(shown, "文件为空（没有文字）")
    places, masked, furniture = reader.lines.spans()
    return Source(shown, text, kind="docx", writable=False, places=places, masked=masked,
                  furniture=furniture, meta={"paragraphs": reader.lines.paragraphs, "tables": reader.tables,
                                             "textboxes": reader.textboxes})


def _children(parent, tag):
    """The ``tag`` children of a table or row, also those wrapped in content controls
    (``w:sdt``) or custom XML, in order."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, _W + "customXml"):
            inner = child.find(SDTCONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _children(inner, tag)
