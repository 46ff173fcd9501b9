"""Places in a source file, in that file's own terms.

A reader that turns a file into text (a Word document, a PDF) also says where each piece of
the text came from: ``第 12 段``, ``表 1 第 2 行第 3 列``, ``脚注 1``, ``第 3 页第 14 行``. A
:class:`Place` covers a range of text offsets (0-based code points, end-exclusive, like every
offset in reportlint); :class:`Places` finds the place of an offset. Formatters show the
place next to line:column; the model and the rules never see it.
"""

import bisect
from typing import NamedTuple


class Place(NamedTuple):
    start: int
    end: int
    label: str                                  # Chinese, for people: "第 12 段"
    data: dict = {}    # for programs (JSON): {"paragraph": 12}


class Places:
    """Non-overlapping places sorted by start; :meth:`at` finds the one holding an offset."""

    def __init__(self, places=()):
        self.places = sorted(places, key=lambda p: p.start)
        self._starts = [p.start for p in self.places]

    def __bool__(self) -> bool:
        return bool(self.places)

    def __iter__(self):
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def at(self, offset: int) -> Place | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            p = self.places[i]
            if p.start <= offset < p.end or (offset == p.end == p.start):
                return p
            # an offset at the end of a place (an empty range after its last character)
            if offset == p.end:
                return p
        return None
