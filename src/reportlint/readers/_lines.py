"""Building a :class:`~reportlint.readers.Source` line by line, for readers of structured
documents (Word, OpenDocument): each paragraph of the document becomes one line of the text
the model reads, with its place, the spans of it that are masked, and whether it is furniture.
"""
from __future__ import annotations

import unicodedata

from ..places import Place, Places

#: what a reader puts where the document has a soft line break (Shift+Enter); see
#: :func:`resolve_soft_breaks`
SOFT_BREAK = "\x00"


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


def resolve_soft_breaks(text: str) -> str:
    """A soft line break keeps its paragraph on one line: it joins the two sides with nothing
    when either side is a Chinese (wide) character or a space, and with one space between two
    narrow characters (Latin words, digits), so that ``2023<br>年`` stays ``2023年`` and
    ``rule of<br>law`` becomes ``rule of law``."""
    if SOFT_BREAK not in text:
        return text
    out = []
    last = ""
    for k, piece in enumerate(text.split(SOFT_BREAK)):
        right = piece[:1]
        if k and last and right and not (_wide(last) or _wide(right) or last.isspace() or right.isspace()):
            out.append(" ")
        out.append(piece)
        if piece:
            last = piece[-1]
    return "".join(out)


def running_label(kind: str, typ: str) -> str:
    """The place of a running header or footer as Word and LibreOffice name it: 页眉, 首页页脚,
    偶数页页眉 … (``kind`` header/footer, ``typ`` default/first/even)."""
    return {"first": "首页", "even": "偶数页"}.get(typ, "") + {"header": "页眉", "footer": "页脚"}[kind]


class Lines:
    """The lines of a document's text, in order, with their places."""

    def __init__(self):
        self.lines: list[str] = []
        self.places: list[tuple[int, str, dict]] = []          # (line index, label, data)
        self.masked: list[tuple[int, int, int]] = []           # (line index, start, end) within the line
        self.furniture: list[int] = []                         # line indexes
        self.paragraphs = 0                                    # body paragraphs numbered so far

    def paragraph(self, text: str, place: tuple[str, dict] | None, furniture: bool = False, masked=()) -> None:
        """Add a paragraph; one with no place of its own (``place`` None: the body's) that holds
        text is numbered ``第 N 段`` — empty paragraphs are not counted, as in Word's 字数统计."""
        if place is None and text.strip():
            self.paragraphs += 1
            place = (f"第 {self.paragraphs} 段", {"paragraph": self.paragraphs})
        self.add(text, place, masked, furniture)

    def add(self, text: str, place: tuple[str, dict] | None = None, masked=(), furniture: bool = False) -> None:
        i = len(self.lines)
        self.lines.append(text.replace("\n", " ").replace("\r", " "))
        if place is not None and text.strip():
            self.places.append((i, place[0], place[1]))
        for s, e in masked:
            if e > s:
                self.masked.append((i, s, e))
        if furniture:
            self.furniture.append(i)

    def text(self) -> str:
        return "\n".join(self.lines)

    def spans(self) -> tuple[Places, tuple, tuple]:
        """(places, masked spans, furniture spans) as offsets into :meth:`text`."""
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        places = Places(Place(starts[i], starts[i] + len(self.lines[i]), label, data)
                        for i, label, data in self.places)
        masked = tuple((starts[i] + s, starts[i] + e) for i, s, e in self.masked)
        furniture = []
        for i in self.furniture:
            s, e = starts[i], starts[i] + len(self.lines[i])
            if furniture and furniture[-1][1] + 1 >= s:
                furniture[-1] = (furniture[-1][0], e)
            else:
                furniture.append((s, e))
        return places, masked, tuple(furniture)
