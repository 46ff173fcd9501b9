"""Start-up: a run imports what it needs and no more (a fresh interpreter per case, caches warmed
by a first run), and the shortcuts taken for speed give exactly what the slow way gives:
tokens segmented line by line with a partly loaded dictionary, pairing without scoring every
pair, bisected model look-ups."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap

import pytest

from conftest import FIXTURES

REPORT = FIXTURES / "reports" / "township_no_causes_2022.txt"

PROBE = textwrap.dedent("""
    import json, sys
    from reportlint.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    names = ("jieba", "jieba.finalseg", "pkg_resources", "yaml", "opencc", "charset_normalizer", "docx",
             "odfdo", "pypdf", "pdfminer", "markdown_it", "lxml", "concurrent.futures", "numpy", "datasketch",
             "openpyxl", "statistics")
    stub = sys.modules.get("jieba.finalseg.prob_emit")
    print(json.dumps({"loaded": sorted(n for n in names if n in sys.modules),
                      "emit_stub": stub is not None and not hasattr(stub, "__file__")}))
""")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    e = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "reportlint", str(REPORT)], env=e, capture_output=True, timeout=300)
    return e


def probe(env, *args):
    proc = subprocess.run([sys.executable, "-c", PROBE, *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_a_txt_run_with_all_rules_imports_jieba_but_nothing_it_does_not_need(env):
    got = probe(env, "--format", "json", REPORT)
    assert got["loaded"] == ["jieba", "jieba.finalseg"]   # no pkg_resources, YAML, OpenCC, readers' libraries
    assert got["emit_stub"]                              # jieba's emission table filled per character


def test_a_run_without_jieba_rules_does_not_import_jieba(env):
    got = probe(env, "--ignore", "unpaired-problem", REPORT)
    assert got["loaded"] == []


FAST = textwrap.dedent("""
    import json, sys
    from reportlint.entry import main
    sys.argv = ["reportlint", *sys.argv[1:]]
    try:
        main()
    except SystemExit:
        pass
    print(json.dumps(sorted(n for n in sys.modules if n in (
        "click", "dataclasses", "inspect", "difflib", "pkgutil", "zipfile", "yaml", "numpy", "logging", "hashlib", "tempfile", "jieba")
        or n.startswith(("reportlint.readers.", "reportlint.formatters.")))))
""")


def test_reportlint_file_imports_only_the_reader_and_formatter_it_uses(env):
    """The common ``reportlint report.txt`` (the console script's fast path): no click, no
    dataclasses (each dataclass compiles its methods at import), no other reader (the readers'
    registry comes from the cache), no difflib until a fix is shown, no YAML (rules and data come
    prepared from the cache), no logging, hashlib or tempfile (jieba and platformdirs import them for
    what they never do here: :mod:`reportlint.standin`)."""
    proc = subprocess.run([sys.executable, "-c", FAST, str(REPORT)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert json.loads(proc.stdout.splitlines()[-1]) == [
        "jieba", "reportlint.formatters.text", "reportlint.readers._formats", "reportlint.readers.text"]


def test_jieba_imported_with_stand_ins_leaves_the_real_modules_to_everyone_else(env):
    code = textwrap.dedent("""
        import json, sys
        from reportlint import segment
        from reportlint.model import Document
        n = len(segment.tokens(Document("二、存在的问题\\n执法力量不足。\\n")))
        before = ["logging" in sys.modules, "hashlib" in sys.modules]
        import hashlib, logging
        import jieba
        print(json.dumps([n, before, type(logging.getLogger("x")).__name__, jieba.md5(b"x").hexdigest(),
                          hashlib.md5(b"x").hexdigest(), hasattr(hashlib, "sha256")]))
    """)
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    md5 = "9dd4e461268c8034f5c8564e155c67a6"
    assert json.loads(proc.stdout) == [11, [False, False], "Logger", md5, md5, True]


def test_a_single_file_starts_no_workers(env):
    assert "concurrent.futures" not in probe(env, "--jobs", "4", REPORT)["loaded"]


# ----------------------------------------------------------------------------- identity
SEGMENT = textwrap.dedent("""
    import json, sys
    text = open(sys.argv[1], encoding="utf-8").read()
    mode = sys.argv[2]
    from reportlint.model import Document
    doc = Document(text)
    if mode == "jieba":            # jieba as it comes: its own start-up, its global tokenizer
        import jieba, logging
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        from reportlint.segment import _domain_words
        for w in _domain_words():
            jieba.add_word(w)
        toks = [list(t) for t in jieba.tokenize(doc.norm)]
        freq = [jieba.dt.FREQ.get(w) for w in ("法治", "普法", "执法队伍", "一", "不存在的词")]
        total = jieba.dt.total
    else:
        from reportlint import segment
        toks = [list(t) for t in segment.tokens(doc)]
        freq = [segment.freq(w) or None for w in ("法治", "普法", "执法队伍", "一", "不存在的词")]
        total = segment.total()
        seen = segment.tokens_in(doc, [(doc.lines[3].start, doc.lines[5].end)])
        assert [list(t) for t in seen] == [t for t in toks if doc.lines[3].start <= t[1] < doc.lines[5].end + 1]
        b = segment.boundaries(doc)
        assert {i for i in range(len(doc.norm) + 1) if i in b} == {t[1] for t in toks} | {len(doc.norm)}
    print(json.dumps([toks, freq, total]))
""")


@pytest.mark.parametrize("cache", ["warm", "first run", "off"])
@pytest.mark.parametrize("name", ["township_no_causes_2022.txt", "traditional_folded_leader_2022.txt"])
def test_tokens_are_jiebas_own(env, tmp_path, name, cache):
    """Line by line, with the dictionary loaded in buckets, the tokens (and frequencies) are
    those of jieba started the ordinary way on the whole text: from the cache, on the run that
    builds it (which segments from the payload it writes) and with caching off (the whole
    dictionary in memory)."""
    path = FIXTURES / "reports" / name
    mine = {"warm": env, "first run": {**env, "REPORTLINT_CACHE_DIR": str(tmp_path / "fresh")},
            "off": {**env, "REPORTLINT_CACHE_DIR": ""}}[cache]
    run = lambda mode, e: subprocess.run([sys.executable, "-c", SEGMENT, str(path), mode], env=e,  # noqa: E731
                                         capture_output=True, text=True, timeout=300)
    ours, theirs = run("ours", mine), run("jieba", env)
    assert ours.returncode == 0 and theirs.returncode == 0, ours.stderr + theirs.stderr
    a, b = json.loads(ours.stdout), json.loads(theirs.stdout)
    assert len(a[0]) > 100
    assert a == b


def test_the_run_that_builds_the_dictionary_cache_segments_from_it(tmp_path):
    """The first run builds the cache's payload without holding the whole dictionary (its peak
    memory) and then loads buckets from it, as later runs do from the file; with caching off
    too, from the payload in memory."""
    code = textwrap.dedent("""
        import json, sys
        from reportlint import segment
        from reportlint.model import Document
        n = len(segment.tokens(Document("二、存在的问题\\n执法力量不足，制度落实不够。\\n")))
        print(json.dumps([n, len(segment._tk.FREQ) < 10000, segment._complete]))
    """)
    out = lambda e: json.loads(subprocess.run([sys.executable, "-c", code], env={**os.environ, **e},  # noqa: E731
                                               capture_output=True, text=True, timeout=300).stdout)
    fresh = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    assert out(fresh) == [15, True, False]                      # builds the cache, segments from it
    assert any(p.name.startswith("jieba-dict-") for p in (tmp_path / "c").iterdir())
    assert out(fresh) == [15, True, False]                      # from the cache
    assert out({"REPORTLINT_CACHE_DIR": ""}) == [15, True, False]   # caching off: the payload in memory


def test_the_dictionary_built_by_first_character_is_jiebas_whole_dictionary():
    """segment._build_payload (one first character at a time, the domain words added on the
    part add_word looks at) holds every entry, value and order of the dictionary jieba builds
    whole with the domain words added (segment._build_full), and the same total."""
    import marshal
    from array import array

    from reportlint import segment

    j = segment._import_jieba()
    emission = segment._real_emission()

    def entries(payload):
        view = memoryview(payload)
        total, (_, firsts, sec, base), (chars, _tables) = segment._open_index(view)
        out = []
        for i, c in enumerate(firsts):
            at = base + sec[i]
            n = int.from_bytes(view[at:at + 8], "little")
            alone, seconds, offs, lens, _crcs = marshal.loads(view[at + 8:at + 8 + n])
            o, ln = array("Q"), array("Q")
            o.frombytes(offs)
            ln.frombytes(lens)
            for k, s in enumerate(([""] if alone else []) + list(seconds)):
                start = at + 8 + n + o[k]
                out.append((c, s, list(marshal.loads(view[start:start + ln[k]]).items())))
        return total, firsts, chars, out

    grouped = entries(segment._build_payload(j.Tokenizer(), emission))
    freq, total = segment._build_full(j.Tokenizer())
    by_first = {}
    for k, v in freq.items():
        by_first.setdefault(k[0], {})[k] = v
    whole = entries(segment._payload(((c, by_first[c]) for c in sorted(by_first)), total, emission))
    assert grouped[:3] == whole[:3] and len(grouped[3]) > 100_000
    assert grouped[3] == whole[3]


def test_lines_seen_before_give_the_tokens_of_segmenting_them_again(monkeypatch):
    """The memo of lines segmented (segment._line_ends): an edited text's tokens, with every
    other line served from the memo, are those of segmenting it afresh; the memo stays within
    its bound (plus the line just segmented), dropping the oldest lines first."""
    from reportlint import segment
    from reportlint.model import Document

    def clear():
        monkeypatch.setattr(segment, "_line_memo", {})
        monkeypatch.setattr(segment, "_line_memo_chars", 0)

    text = (FIXTURES / "reports" / "traditional_folded_leader_2022.txt").read_text(encoding="utf-8")
    edited = text.replace("法治", "法治工作", 1)
    clear()
    first = segment.tokens(Document(text))
    calls = []
    real = segment.tokenize
    monkeypatch.setattr(segment, "tokenize", lambda t, offset=0: calls.append(t) or real(t, offset))
    again = segment.tokens(Document(edited))
    assert len(calls) == 1 and "法治工作" in calls[0]        # only the edited line was segmented
    clear()
    assert segment.tokens(Document(edited)) == again and len(calls) > 5
    clear()
    assert segment.tokens(Document(text)) == first and len(first) > 100

    clear()
    monkeypatch.setattr(segment, "LINE_MEMO_CHARS", 60)
    doc = Document(text)
    segment.tokens(doc)
    kept = list(segment._line_memo)
    assert segment._line_memo_chars == sum(map(len, kept))
    assert segment._line_memo_chars <= 60 or len(kept) == 1
    lines = [doc.norm[ln.start:ln.end] for ln in doc.lines if ln.end > ln.start]
    assert kept == lines[len(lines) - len(kept):] and len(kept) < len(lines)     # the last lines


def test_best_equals_best_matches_of_the_full_matrix(all_rules):
    """Pairer.best (an index of plan items, duplicates left out) gives best_matches of every
    pair's score, on random problems and plan items with repeats and shared words."""
    from reportlint.pairing import ScoreMatrix, Term, best_matches

    rule = next(r for r in all_rules if r.name == "unpaired-problem")
    pairer = rule.state[0]
    words = ["普法", "执法", "队伍", "法治", "培训", "村级", "机构", "立法", "监督", "干部", "执法队伍", "法治意识"]
    rng = random.Random(7)
    for _ in range(40):
        problems = [[Term(w, rng.choice([0.5, 1.0, 2.5, 4.0]), pairer.parts(w))
                     for w in rng.sample(words, rng.randint(0, 4))] for _ in range(rng.randint(0, 8))]
        problems += problems[:2]
        plans = [{w: rng.choice([1.0, 0.8]) for w in rng.sample(words, rng.randint(0, 5))}
                 for _ in range(rng.randint(0, 8))]
        plans += plans[:3]
        assert pairer.best(problems, plans) == best_matches(ScoreMatrix(pairer, problems, plans))


def test_bisected_lookups_equal_scanning():
    from reportlint.model import Document

    doc = Document((FIXTURES / "reports" / "complete_township_2023.txt").read_text(encoding="utf-8"))
    n = len(doc.text)
    spans = [(0, n), (0, 0), (n // 3, n // 2), (n // 2, n // 3)] + [(s.start, s.end) for s in doc.sections]
    for start, end in spans:
        for name, seq in (("paragraphs_in", doc.paragraphs), ("items_in", doc.items), ("headings_in", doc.headings)):
            assert getattr(doc, name)(start, end) == [x for x in seq if x.start >= start and x.end <= end]
