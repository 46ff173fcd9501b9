"""matching.expand: a regex replacement filled with the text as written (the pattern matched
the normalised text, which has the same length)."""
from __future__ import annotations

import regex

from reportlint.matching import expand
from reportlint.normalize import normalize


def test_groups_come_from_the_original_text():
    text = "開展活動12 場（次）"
    norm = normalize(text)
    m = regex.compile(r"(?P<n>\d+) (場|场)(\(次\))?").search(norm)
    assert expand(m, r"\g<n>\2\3", text) == "12場（次）"     # original script and full-width brackets
    assert m.expand(r"\g<n>\2\3") == "12场(次)"               # what the plain expansion would give


def test_unmatched_groups_literals_and_escapes():
    text = "甲-乙"
    m = regex.compile(r"(甲)(x)?-(?P<b>乙)").search(text)
    assert expand(m, r"[\1|\2|\g<b>]\n\\", text) == "[甲||乙]\n\\"


def test_offset_of_a_segment():
    text = "前言。開展12 場"
    seg = normalize(text)[3:]
    m = regex.compile(r"(\d+) (场)").search(seg)
    assert expand(m, r"\1\2", text, 3) == "12場"
