"""Building .odt test files with odfdo, plus raw ODF XML for list and outline styles, notes,
frames and tracked changes. Nothing is committed as a binary: tests build files in tmp_path."""
from __future__ import annotations

from xml.sax.saxutils import escape

from odfdo import Document, Element


def new(outline: str | None = None) -> Document:
    """An empty text document; its outline (heading numbering) style replaced by ``outline``
    (``<text:outline-level-style …/>`` elements), or switched off when None."""
    doc = Document("text")
    doc.body.clear()
    old = doc.styles.get_element("//text:outline-style")
    parent = old.parent
    parent.delete(old)
    levels = outline or "".join(f'<text:outline-level-style text:level="{k}" style:num-format=""/>' for k in range(1, 11))
    parent.append(Element.from_tag(f'<text:outline-style style:name="Outline">{levels}</text:outline-style>'))
    return doc


def add(doc: Document, xml: str) -> None:
    """Append body content written as ODF XML (``<text:p>…</text:p>``, ``<text:list>…``)."""
    doc.body.append(Element.from_tag(xml))


def p(text: str = "", tag: str = "text:p", **attrs) -> str:
    extra = "".join(f' {k.replace("__", ":").replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f"<{tag}{extra}>{text if text.startswith('<') or '<text:' in text else escape(text)}</{tag}>"


def h(text: str, level: int = 1, **attrs) -> str:
    return p(text, "text:h", text__outline_level=level, **attrs)


def list_style(doc: Document, name: str, *levels: str) -> None:
    """A list style in the content's automatic styles; ``levels`` are level-style elements."""
    auto = doc.content.get_element("//office:automatic-styles")
    auto.append(Element.from_tag(f'<text:list-style style:name="{name}">{"".join(levels)}</text:list-style>'))


def number_level(level: int, fmt: str = "1", prefix: str = "", suffix: str = ".", display: int = 1,
                 start: int | None = None, followed_by: str = "listtab", template: str | None = None,
                 tag: str = "text:list-level-style-number") -> str:
    attrs = f'text:level="{level}" style:num-format="{fmt}"'
    if prefix:
        attrs += f' style:num-prefix="{escape(prefix)}"'
    if suffix:
        attrs += f' style:num-suffix="{escape(suffix)}"'
    if display != 1:
        attrs += f' text:display-levels="{display}"'
    if start is not None:
        attrs += f' text:start-value="{start}"'
    if template:
        attrs += f' loext:num-list-format="{escape(template)}"'
    return (f'<{tag} {attrs}><style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="{followed_by}"/>'
            f'</style:list-level-properties></{tag}>')


def bullet_level(level: int, char: str = "•") -> str:
    return f'<text:list-level-style-bullet text:level="{level}" text:bullet-char="{char}"/>'


def items(*entries, style: str | None = None, **attrs) -> str:
    """A text:list; an entry is a string (a paragraph item) or a nested list (a str starting with <text:list)."""
    out = []
    for e in entries:
        if e.startswith(("<text:list>", "<text:list ")):
            out.append(f"<text:list-item>{e}</text:list-item>")
        elif e.startswith("<"):
            out.append(e)
        else:
            out.append(f"<text:list-item>{p(e)}</text:list-item>")
    extra = f' text:style-name="{style}"' if style else ""
    extra += "".join(f' {k.replace("__", ":").replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f"<text:list{extra}>{''.join(out)}</text:list>"


def note(text: str, kind: str = "footnote", citation: str = "1") -> str:
    return (f'<text:note text:note-class="{kind}"><text:note-citation>{citation}</text:note-citation>'
            f'<text:note-body>{p(text)}</text:note-body></text:note>')


def frame(*paragraphs: str) -> str:
    body = "".join(p(x) for x in paragraphs)
    return (f'<draw:frame draw:name="文本框1" text:anchor-type="paragraph" svg:width="5cm">'
            f'<draw:text-box>{body}</draw:text-box></draw:frame>')


def header_footer(doc: Document, header: str | None = None, footer: str | None = None) -> None:
    mp = doc.styles.get_element("//style:master-page")
    if header is not None:
        mp.append(Element.from_tag(f"<style:header>{p(header)}</style:header>"))
    if footer is not None:
        mp.append(Element.from_tag(f"<style:footer>{p(footer)}</style:footer>"))


def save(doc: Document, path) -> str:
    doc.save(str(path))
    return str(path)


def spaced(text: str) -> str:
    """Text with every space written as ``<text:s/>``, as ODF keeps spaces it must not collapse."""
    return escape(text).replace(" ", "<text:s/>")


def typed_report(text: str, path) -> str:
    """A plain-text report as an .odt: one paragraph per line, empty ones included."""
    doc = new()
    for line in text.split("\n"):
        doc.body.append(Element.from_tag(f"<text:p>{spaced(line)}</text:p>"))
    return save(doc, path)
