"""Property tests (hypothesis) for the invariants of reading, linting and fixing (issue 12):

* every offset (finding, related place, fix) lies inside the text; line and column are the
  offset's, counted in code points;
* LF = CRLF = CR and UTF-8 = GB18030 = UTF-16 (with and without BOM): the same text, the
  same findings at the same offsets;
* ``--fix`` is idempotent (a second run changes nothing) and leaves no safe fix;
* the fixed bytes read back, in the file's own encoding, BOM and line ends, as exactly the
  fixed text; and a file never shrinks by more than its fixes remove.

Texts are built from the domain's pieces (``textgen``). Example counts are bounded so that
each property takes a few seconds; ``benchmarks/fuzz.py`` runs the long version.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import lint_text
from reportlint.errors import ReportlintError
from reportlint.fix import applicable, choose, fix_until_stable, restore_line_endings
from reportlint.readers.text import decode, from_bytes
from reportlint.violation import locate
from reportlint.writeback import WriteBackError, fixed_bytes
from textgen import line_from

settings.register_profile("reportlint", max_examples=int(os.environ.get("REPORTLINT_EXAMPLES", 40)), deadline=None, derandomize=bool(os.environ.get("CI")),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("reportlint")


@st.composite
def reports(draw, max_lines=12):
    lines = []
    for _ in range(draw(st.integers(1, max_lines))):
        n = draw(st.integers(0, 10))
        lines.append(line_from(lambda seq: draw(st.sampled_from(seq)), n))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


RULES = []


@pytest.fixture(scope="module", autouse=True)
def _rules():
    from reportlint.loader import load_rules

    RULES[:] = load_rules()      # every rule, those off by default included


def findings(text, RULES):
    doc, vs = lint_text(text, RULES)
    return doc, [(v.rule, v.start, v.end, v.message, v.fix) for v in vs]


def _clean(text: str) -> str:
    return text.replace("\ufeff", "")   # a BOM character inside a text is a BOM on disk


@given(reports())
def test_offsets_inside_the_text_and_positions_consistent(text):
    doc, vs = lint_text(text, RULES)
    starts = [0] + [i + 1 for i, c in enumerate(doc.text) if c == "\n"]
    for v in vs:
        spans = [(v.start, v.end)] + [(r.start, r.end) for r in v.related] + ([(v.fix.start, v.fix.end)] if v.fix else [])
        for s, e in spans:
            assert 0 <= s <= e <= len(doc.text), (v, s, e)
        loc = locate(doc, v.start, v.end)
        assert starts[loc.line - 1] + loc.column - 1 == v.start
        assert starts[loc.end_line - 1] + loc.end_column - 1 == v.end


@given(reports())
def test_line_ends_do_not_change_findings(text):
    text = _clean(text)
    if not text.strip():
        return
    base = findings(text, RULES)[1]
    for nl in ("\r\n", "\r"):
        src = from_bytes(text.replace("\n", nl).encode("utf-8"), "x.txt")
        assert src.text == text
        assert findings(src.text, RULES)[1] == base


@given(reports())
def test_encodings_do_not_change_findings(text):
    text = _clean(text)
    if not text.strip():
        return
    base = findings(text, RULES)[1]
    variants = [("utf-8", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")]
    if any(ord(c) >= 0x80 for c in text):
        variants.append(("gb18030", b""))
    if len(text) >= 2 and ("\n" in text or any(c.isascii() for c in text)):
        variants.append(("utf-16-le", b""))       # no BOM: told by what it reads as (2 bytes are too few)
    for enc, bom in variants:
        src = from_bytes(bom + text.encode(enc), "x.txt")
        assert (src.text, src.encoding, src.bom) == (text, enc, bom)
        assert findings(src.text, RULES)[1] == base


@given(reports())
def test_fix_is_idempotent_and_leaves_no_safe_fix(text):
    lint = lambda t: lint_text(t, RULES)[1]   # noqa: E731
    once, n, remaining = fix_until_stable(text, lint)
    assert applicable(remaining) == [] or n == 0 and not choose(text, applicable(remaining))
    twice, m, _ = fix_until_stable(once, lint)
    assert (twice, m) == (once, 0)


@given(reports())
def test_a_text_shrinks_by_no_more_than_its_fixes_remove(text):
    removed = 0
    seen = []

    def lint(t):
        vs = lint_text(t, RULES)[1]
        seen.append((t, vs))
        return vs

    new, _, _ = fix_until_stable(text, lint)
    for t, vs in seen[:-1]:
        removed += sum(max(0, (f.end - f.start) - len(f.replacement)) for f in choose(t, applicable(vs)))
    assert len(text) - len(new) <= removed


ENCODINGS = [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16-le", b"\xff\xfe"),
             ("utf-16-le", b"")]


@given(reports(), st.sampled_from(ENCODINGS), st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=4))
def test_fixed_bytes_read_back_as_the_fixed_text_in_the_same_encoding(text, encoding, ends):
    enc, bom = encoding
    text = _clean(text)
    if not text.strip() or (enc == "gb18030" and not any(ord(c) >= 0x80 for c in text)):
        return
    lines = text.split("\n")
    raw_text = "".join(line + (ends[i % len(ends)] if i < len(lines) - 1 else "") for i, line in enumerate(lines))
    data = bom + raw_text.encode(enc)
    try:
        src = from_bytes(data, "x.txt")
    except ReportlintError:
        assert enc == "utf-16-le" and not bom    # too little to tell UTF-16 without a BOM
        return
    assert (src.encoding, src.bom, src.text) == (enc, bom, raw_text.replace("\r\n", "\n").replace("\r", "\n"))
    new, n, _ = fix_until_stable(src.text, lambda t: lint_text(t, RULES)[1])
    try:
        out = fixed_bytes(src, new)
    except WriteBackError as exc:
        # the only refusals: an empty result, or UTF-16 without BOM left too short or too plain
        # to be told from other bytes (as benchmarks/fuzz.py allows: b"x\x00" is two bytes)
        assert not new.strip() or (enc == "utf-16-le" and not bom), exc
        return
    back_text, back_enc, back_bom = decode(out, "x.txt")
    assert back_bom == bom
    assert back_enc == enc or out.isascii()         # ASCII alone reads the same in either
    assert from_bytes(out, "x.txt").text == new
    if n == 0:
        assert out == data                         # nothing fixed: byte for byte the same


@given(st.lists(st.tuples(st.sampled_from(["甲", "乙", "", "丙丁", "删掉"]), st.sampled_from(["\n", "\r\n", "\r"])),
                min_size=1, max_size=8), st.data())
def test_restore_line_endings_never_merges_or_splits_lines(pairs, data):
    original = "".join(a + b for a, b in pairs)
    old = original.replace("\r\n", "\n").replace("\r", "\n")
    old_lines = old.split("\n")
    keep = data.draw(st.lists(st.booleans(), min_size=len(old_lines), max_size=len(old_lines)))
    new_lines = [line for line, k in zip(old_lines, keep) if k] or [""]
    new = "\n".join(new_lines)
    for nl in ("\n", "\r\n", "\r"):
        out = restore_line_endings(original, old, new, nl)
        assert out.replace("\r\n", "\n").replace("\r", "\n") == new


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFFF), max_size=6000))
def test_the_text_readers_counts_are_the_loops_they_replaced(text):
    """readers.text counts controls and non-ASCII characters with C scans: the same counts as
    the loops over every character they replaced."""
    from reportlint.readers import text as reader

    assert reader._non_ascii_count(text) == sum(1 for c in text if ord(c) >= 0x80)
    sample = text[:4096]
    bad = sum(1 for c in sample if c in reader._CONTROL)
    assert reader._looks_binary(text) == ("\x00" in text or bad > max(2, len(sample) // 100))


@given(st.text(alphabet=st.sampled_from("a1 ,。法治政府建设ＡＢ（）\t"), max_size=400), st.data())
def test_a_long_lines_excerpt_is_cut_where_the_character_by_character_widths_say(line, data):
    """The text format's excerpt of a long finding grows by one character's width at a time:
    the same cut as measuring every longer prefix again, as it did before."""
    from reportlint.formatters import text as fmt, width

    c0 = data.draw(st.integers(0, len(line)))
    c1 = data.draw(st.integers(c0, len(line)))
    shown, s0, s1 = fmt._excerpt(line, c0, c1)
    room = 60
    if width(line) > room + 20:
        left = max(0, c0 - 20)
        right = min(len(line), max(c1, c0 + 1) + 30)
        while right - left > room + 20 and right > c1 + 5:
            right -= 1
        if width(line[left:right]) > 2 * room:
            right = left
            while right < len(line) and width(line[left:right + 1]) <= room + 20:
                right += 1
            assert s1 == min(c1, right) - left + (left > 0)
        assert shown == ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")


_NORM_ALPHABET = st.one_of(
    st.sampled_from("法制執行鄉鎮設務農為層規進體確會員發對，：；（）！？０９ＡＺ　\u00a0\uffff\ud800"
                    "\U00020000\U0002a6a5\U0001f600丰乾著了后"),
    st.characters(max_codepoint=0x2FFFF))


@pytest.mark.parametrize("table", [True, False], ids=["table", "set"])
@given(st.lists(st.text(alphabet=_NORM_ALPHABET, max_size=80), min_size=1, max_size=6), st.booleans())
def test_normalize_is_each_characters_mapping(table, texts, width):
    """normalize translates a text of the Basic Multilingual Plane with a string table (a
    character it has not met yet, learnt on the way; once a process has normalised
    TABLE_AFTER characters) and others with its dict: either way each character becomes what
    the mapping makes of it alone, in any order of texts."""
    from reportlint import normalize as nz

    saved = nz.TABLE_AFTER
    nz.TABLE_AFTER = 0 if table else 10**12
    try:
        _check_normalize(nz, texts, width)
    finally:
        nz.TABLE_AFTER = saved


def _check_normalize(nz, texts, width):
    def one(c):
        cp = ord(c)
        if cp in nz._WIDTH:
            return nz._WIDTH[cp] if width else c
        if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x2FA1F or 0xF900 <= cp <= 0xFAFF:
            return nz._simplified(c)
        return c

    for text in texts:
        assert nz.normalize(text, width=width) == "".join(one(c) for c in text)


def _units_before(doc, start, end, splitter):
    """repeated-sentence's units as they were first computed: one regex substitution a unit."""
    from reportlint.kinds.repeated_sentence import _IGNORED

    out, s = [], start
    for m in splitter.finditer(doc.norm, start, end):
        out.append((s, m.end(), m.start()))
        s = m.end()
    if s < end:
        out.append((s, end, end))
    units = []
    for a, b, text_end in out:
        key = _IGNORED.sub("", doc.norm[a:text_end])
        if key:
            while a < text_end and doc.norm[a].isspace():
                a += 1
            units.append((a, b, key))
    return units


@given(reports(), st.sampled_from(["", " ", "“", "”", "\u3000", "\x1c", "。", "，"]))
def test_repeated_sentence_units_are_those_of_one_substitution_a_unit(text, extra):
    """repeated-sentence cuts a paragraph into units in one pass, taking a piece's text as its
    key in a paragraph without quotes or spaces: the units of the way it was first done."""
    from reportlint.kinds.repeated_sentence import _IGNORED, _units, prepare
    from reportlint.model import Document

    doc = Document(text.replace("，", "，" + extra, 1))
    splitters = prepare({"sentence-ends": "。！？；!?;", "clause-ends": "，、：,:"})
    for p in doc.paragraphs:
        clean = _IGNORED.search(doc.norm, p.start, p.end) is None
        for rx in splitters:
            assert _units(doc, p.start, p.end, rx, clean) == _units_before(doc, p.start, p.end, rx)


@given(st.text(alphabet="法治政府建设推进", max_size=30), st.text(alphabet="法治政府建设推进", max_size=30),
       st.integers(0, 4))
def test_repeated_sentence_similar_units_begin_alike(a, b, same_start):
    """repeated-sentence skips a pair of units that do not begin with the same ``same-start``
    characters before asking similar(): similar() never holds for such a pair."""
    from reportlint.kinds.repeated_sentence import OPTIONS, similar

    opts = {key: opt.default for key, opt in OPTIONS.items()}
    opts.update({"same-start": same_start, "min-length": 2, "min-exact-length": 1, "similarity": 0.5})
    if similar(a, b, opts):
        assert a[:same_start] == b[:same_start]
