"""--format json-lines (issue 8, item 3): one JSON object per finding per line — ``path``
and the fields of a violation of --format json (docs/json-format.md § json-lines)."""
from __future__ import annotations

import json

from conftest import TEST_RULES as RULES, TINY_REPORT as REPORT, run_cli



def test_one_object_per_finding_with_the_json_violation_fields(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(REPORT, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("一、举措\n加强法制建设。\n", encoding="utf-8")
    args = ("--rules", RULES, "--select", "test-fazhi,test-word,duplicate-heading")
    code, out, err = run_cli(*args, "--format", "json-lines", str(a), str(b))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    objs = [json.loads(ln) for ln in lines]
    assert [(o["path"], o["rule"], o["line"], o["column"]) for o in objs] == [
        (str(a), "test-fazhi", 3, 6), (str(a), "test-word", 3, 12), (str(a), "duplicate-heading", 5, 4),
        (str(a), "test-fazhi", 5, 6), (str(b), "test-fazhi", 2, 3)]
    assert list(objs[0]) == ["path", "rule", "code", "severity", "message", "line", "column", "end_line",
                             "end_column", "offset", "end_offset", "fix", "related"]
    # the same objects as in --format json, plus the path
    _, doc, _ = run_cli(*args, "--format", "json", str(a), str(b))
    expected = [{"path": f["path"], **v} for f in json.loads(doc)["files"] for v in f["violations"]]
    assert objs == expected
    assert objs[1] == {"path": str(a), "rule": "test-word", "code": "TST102", "severity": "error",
                       "message": "不要写“进一步”", "line": 3, "column": 12, "end_line": 3, "end_column": 15,
                       "offset": 41, "end_offset": 44, "fix": None, "related": []}
    assert all("\n" not in ln for ln in lines) and out.endswith("}\n")


def test_clean_run_prints_nothing_and_errors_go_to_stderr(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("一、主要举措和成效\n", encoding="utf-8")
    code, out, err = run_cli("--select", "fazhi-term", "--format", "json-lines", str(clean), str(tmp_path / "gone.txt"))
    assert (code, out) == (2, "")
    assert err == f"reportlint: {tmp_path / 'gone.txt'}: 文件不存在\n"


def test_a_file_name_that_is_not_utf8_stays_valid_json(tmp_path):
    import os
    import sys

    if sys.platform != "linux":
        import pytest

        pytest.skip("bytes file names are a POSIX thing")
    raw = os.fsencode(tmp_path) + b"/\xff.txt"
    with open(raw, "wb") as f:
        f.write("一、举措\n加强法制建设。\n".encode("utf-8"))
    code, out, _ = run_cli("--select", "fazhi-term", "--format", "json-lines", str(tmp_path))
    assert "\\udcff.txt" in out and out.isascii() is False
    (obj,) = [json.loads(ln) for ln in out.splitlines()]
    assert obj["path"] == os.fsdecode(raw)            # json.loads gives back Python's name for the file
    for fmt in ("json", "sarif", "gitlab"):
        _, out, _ = run_cli("--select", "fazhi-term", "--format", fmt, str(tmp_path))
        json.loads(out)
        out.encode("utf-8")                           # no lone surrogate left
