"""Pathological inputs found by fuzzing (``benchmarks/fuzz.py``), kept as regression tests.

A hang cannot be asserted without a bound: these run reportlint in a child process limited to
``CPU_LIMIT`` CPU seconds (RLIMIT_CPU: immune to a loaded machine), on inputs that a linear
implementation handles in well under a second. Those whose root cause is in another helper's
area are ``xfail(strict=True)`` with the owner in the reason: when it is fixed, the test
XPASSes and the marker must go.
"""
from __future__ import annotations

import random
import subprocess
import sys

import pytest

CPU_LIMIT = 10
HEAD = "青石镇2023年度法治政府建设情况报告\n一、主要举措和成效\n"


def lint_bounded(text: str, *args: str, tmp_path) -> subprocess.CompletedProcess:
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 1))

    return subprocess.run([sys.executable, "-m", "reportlint", "--format", "concise", *args, str(f)],
                          capture_output=True, text=True, preexec_fn=limit, timeout=30 * CPU_LIMIT)


def near_identical_sentences(n: int) -> str:
    rng = random.Random(1)
    s = "".join(rng.choice("依法行政推进法治政府建设的各项工作，") for _ in range(n))
    return HEAD + s + "。" + s[:-1] + "了。\n"


@pytest.mark.slow
def test_two_near_identical_long_sentences(tmp_path):
    """Issue 12 item 3 measured 17–43 s of wall time for this on a loaded machine; in CPU
    time two 10 000-character sentences take about 2 s (difflib is quadratic: the rules
    helper owns kinds/repeated_sentence.py)."""
    proc = lint_bounded(near_identical_sentences(10000), "--select", "repeated-sentence", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].endswith("与紧挨着的前一句重复，请删去一处")


@pytest.mark.slow
@pytest.mark.parametrize("piece", [" ", "\u3000", "、", "，", "(", "一是", "2023 ", "首页 > ", "“"])
def test_one_long_line_of_one_piece(tmp_path, piece):
    text = HEAD + (piece * (40000 // len(piece) + 1))[:40000] + "\n"
    proc = lint_bounded(text, tmp_path=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-500:]
    assert "内部错误" not in proc.stderr


# Inputs benchmarks/fuzz.py found (seed 12): the invariants hold on each of them.
FOUND = [
    # #751, #781: UTF-16 garbage whose UTF-8 form was read as GB18030 (a short UTF-8 reading
    # that is no Chinese yielded too easily to a legacy one)
    " \u3c0a\u2d21\u202d\u6572\u6f70\u7472".encode("utf-8"),
    "\u99e7\ue4bc\u88bd\u99e6\u82a5\ue900".encode("utf-8"),
    # #8339: mutated UTF-16-LE without BOM; the same bytes with other line ends
    b"\xfc\xfd>\x93\xd1S\x03\xf4\x95:)\x0c\xb9\xb0\x002\x000\x002\x005\x00-\x000\x004",
    # #2596: UTF-16 with a byte inserted mid-way: both byte orders read about as well, so the
    # choice flipped with the line ends; now refused as not text
    b"D\x96}\x8f\r\x00\n\x00<\x00-\x00 \x00rp\x00\xc8\x00r\x00t\x00l\x00i\x00n\x00d\x00i\x00s\x00a\x00b"
    b"\x00l\x00e\x00-\x00f\x1fi\x00l\x00e\x00 \x00R\x00L\x005\x00 ",
]


@pytest.mark.parametrize("data", FOUND)
def test_inputs_found_by_fuzzing(data):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import fuzz
    finally:
        sys.path.pop(0)
    assert fuzz.check_api(data) == []
