"""Building .docx test files: python-docx for the document, raw WordprocessingML for what it
has no API for (numbering definitions, tracked changes, text boxes, footnotes, endnotes).

Nothing here is committed as a binary: every test builds its files in a temporary directory.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # old binary Office files (.doc, .wps) and encrypted .docx
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def xml(fragment: str):
    """Parse a fragment written with the w:, mc:, wps:, v: … prefixes."""
    head, _, rest = fragment.partition(">")
    if head.endswith("/"):
        head = head[:-1] + f" {DECLS}/"
    else:
        head = head + f" {DECLS}"
    return parse_xml(head + ">" + rest)


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str, extra: str = "") -> str:
    return f"<w:r>{extra}{t(text)}</w:r>"


def ins(text: str) -> str:
    return f'<w:ins w:id="1" w:author="审核人" w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'


def dele(text: str) -> str:
    return (f'<w:del w:id="2" w:author="审核人" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def move_from(text: str) -> str:
    return f'<w:moveFrom w:id="3" w:author="审核人">{run(text)}</w:moveFrom>'


def move_to(text: str) -> str:
    return f'<w:moveTo w:id="4" w:author="审核人">{run(text)}</w:moveTo>'


def soft_break() -> str:
    return "<w:r><w:br/></w:r>"


def page_break() -> str:
    return '<w:r><w:br w:type="page"/></w:r>'


def hidden(text: str) -> str:
    return run(text, "<w:rPr><w:vanish/></w:rPr>")


def _txbx(paragraphs) -> str:
    return "<w:txbxContent>" + "".join(f"<w:p>{run(p)}</w:p>" for p in paragraphs) + "</w:txbxContent>"


def textbox(*paragraphs: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text in VML in mc:Fallback."""
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="914400" cy="914400"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{_txbx(paragraphs)}</wps:txbx><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape style="width:72pt;height:72pt"><v:textbox>{_txbx(paragraphs)}</v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def vml_textbox(*paragraphs: str) -> str:
    """A text box as older Word writes it: VML only."""
    return f'<w:r><w:pict><v:shape style="width:72pt;height:72pt"><v:textbox>{_txbx(paragraphs)}</v:textbox></v:shape></w:pict></w:r>'


def footnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def endnote_ref(note_id: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


# ------------------------------------------------------------------------------ document
def new():
    return docx.Document()


def para(doc, *pieces: str, num: int | None = None, ilvl: int | None = None, style: str | None = None,
         deleted_mark: bool = False, container=None):
    """A paragraph made of plain strings and raw run-level XML (strings starting with '<')."""
    target = container if container is not None else doc
    p = target.add_paragraph()
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if num is not None or ilvl is not None:
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + \
                (f'<w:numId w:val="{num}"/>' if num is not None else "")
        ppr.append(f"<w:numPr>{inner}</w:numPr>")
    if deleted_mark:
        ppr.append('<w:rPr><w:del w:id="9" w:author="审核人"/></w:rPr>')
    if ppr:
        existing = p._p.find(f"{{{W}}}pPr")
        if existing is not None:
            p._p.remove(existing)
        p._p.insert(0, xml("<w:pPr>" + "".join(ppr) + "</w:pPr>"))
    for piece in pieces:
        frag = piece if piece.startswith("<") else run(piece)
        wrapper = xml(f"<w:p>{frag}</w:p>")
        for child in list(wrapper):
            p._p.append(child)
    return p


def lvl(ilvl: int, fmt: str, text: str, start: int | None = 1, suff: str | None = None,
        restart: int | None = None, pstyle: str | None = None, legal: bool = False) -> str:
    out = [f'<w:lvl w:ilvl="{ilvl}">']
    if start is not None:
        out.append(f'<w:start w:val="{start}"/>')
    out.append(f'<w:numFmt w:val="{fmt}"/>')
    if restart is not None:
        out.append(f'<w:lvlRestart w:val="{restart}"/>')
    if pstyle:
        out.append(f'<w:pStyle w:val="{pstyle}"/>')
    if legal:
        out.append("<w:isLgl/>")
    if suff:
        out.append(f'<w:suff w:val="{suff}"/>')
    out.append(f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/></w:lvl>')
    return "".join(out)


def abstract(aid: int, *levels: str, link: str | None = None, style_link: str | None = None,
             multi: str = "multilevel") -> str:
    extra = f'<w:multiLevelType w:val="{multi}"/>'
    if style_link:
        extra += f'<w:styleLink w:val="{style_link}"/>'
    if link:
        extra += f'<w:numStyleLink w:val="{link}"/>'
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, starts: dict | None = None, lvls: dict | None = None) -> str:
    body = [f'<w:abstractNumId w:val="{aid}"/>']
    for ilvl in sorted(set(starts or {}) | set(lvls or {})):
        body.append(f'<w:lvlOverride w:ilvl="{ilvl}">')
        if starts and ilvl in starts:
            body.append(f'<w:startOverride w:val="{starts[ilvl]}"/>')
        if lvls and ilvl in lvls:
            body.append(lvls[ilvl])
        body.append("</w:lvlOverride>")
    return f'<w:num w:numId="{nid}">{"".join(body)}</w:num>'


def set_numbering(doc, *definitions: str) -> None:
    """Replace numbering.xml's content: abstractNum elements first, then num ones (as Word orders them)."""
    root = doc.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    for d in sorted(definitions, key=lambda d: not d.startswith("<w:abstractNum")):
        root.append(xml(d))


def add_style(doc, style_id: str, name: str, *, num: int | None = None, ilvl: int | None = None,
              based_on: str | None = None, kind: str = "paragraph") -> None:
    inner = f'<w:name w:val="{name}"/>'
    if based_on:
        inner += f'<w:basedOn w:val="{based_on}"/>'
    if num is not None or ilvl is not None:
        numpr = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + \
                (f'<w:numId w:val="{num}"/>' if num is not None else "")
        inner += f"<w:pPr><w:numPr>{numpr}</w:numPr></w:pPr>"
    doc.styles.element.append(xml(f'<w:style w:type="{kind}" w:styleId="{style_id}">{inner}</w:style>'))


def _notes_part(doc, kind: str, notes: dict) -> None:
    tag = kind  # footnote / endnote
    body = [f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>']
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    for nid, paragraphs in notes.items():
        if isinstance(paragraphs, str):
            paragraphs = [paragraphs]
        ps = []
        for k, text in enumerate(paragraphs):
            mark = f"<w:r><w:{ref}/></w:r>" if k == 0 else ""
            ps.append(f"<w:p>{mark}{run(' ' + text if k == 0 else text)}</w:p>")
        body.append(f'<w:{tag} w:id="{nid}">{"".join(ps)}</w:{tag}>')
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{tag}s {DECLS}>{"".join(body)}</w:{tag}s>').encode()
    name, ct, rt = ((f"/word/{tag}s.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote"
                    else (f"/word/{tag}s.xml", CT.WML_ENDNOTES, RT.ENDNOTES))
    part = Part(PackURI(name), ct, blob, doc.part.package)
    doc.part.relate_to(part, rt)


def footnotes(doc, notes: dict) -> None:
    _notes_part(doc, "footnote", notes)


def endnotes(doc, notes: dict) -> None:
    _notes_part(doc, "endnote", notes)


def add_table(doc, rows: list[list[str]]):
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    return table


def save(doc, path) -> str:
    doc.save(str(path))
    return str(path)


# ------------------------------------------------------------------- a plain-text report as Word
def typed_report(text: str, path) -> str:
    """``text`` as a .docx typed by hand: one Word paragraph per line (empty lines included)."""
    doc = new()
    for line in text.split("\n"):
        if line:
            para(doc, line)
        else:
            doc.add_paragraph()
    return save(doc, path)


#: typed heading numbering (the model's style, punctuation) → the Word list level that renders it
WORD_LEVELS = {("cn", "、"): 0, ("cn-paren", ""): 1, ("arabic", "."): 2}


def numbered_report(text: str, path) -> str:
    """``text`` as a .docx whose headings Word numbers itself: 一、 (chineseCounting ``%1、``),
    （一） (``（%2）``) and 1. (decimal ``%3.``) come from one multilevel list; a heading whose
    typed number is not the next one gets a new w:num restarting it (startOverride), as Word's
    "set numbering value" does. Other lines stay as typed."""
    from reportlint.model import Document

    parsed = Document(text)
    headings = {h.line: h for h in parsed.headings}
    doc = new()
    nums = [num(1, 1)]
    current, counters = 1, [None, None, None]
    for i, line in enumerate(text.split("\n")):
        h = headings.get(i)
        level = WORD_LEVELS.get((h.style, h.punct)) if h is not None else None
        if level is not None:
            expected = 1 if counters[level] is None else counters[level] + 1
            if h.number != expected:
                current = len(nums) + 1
                nums.append(num(current, 1, starts={level: h.number}))
            counters[level] = h.number
            for k in range(level + 1, 3):
                counters[k] = None
            para(doc, text[h.number_end:parsed.lines[i].end], num=current, ilvl=level)
        elif line:
            para(doc, line)
        else:
            doc.add_paragraph()
    set_numbering(doc, abstract(1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）"),
                                lvl(2, "decimal", "%3.")), *nums)
    return save(doc, path)
