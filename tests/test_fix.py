"""--fix and --diff: safe fixes only, overlapping fixes over two passes, atomic writes that
keep encoding, BOM and line ends, stdin, .docx never written, exit codes, and the seed-copy
acceptance test (3 seeds × 3 encodings)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, seed
from reportlint.cli import cli
from reportlint.fix import apply_fixes, fix_until_stable, restore_line_endings, unified_diff
from reportlint.violation import Fix

TEST_RULES = str(FIXTURES / "fix" / "rules")
ONLY_TEST = ["--rules", TEST_RULES, "--select", "fix-test-space,fix-test-unit,fix-test-unsafe"]


def run(*args, input=None):
    return CliRunner().invoke(cli, [*args], input=input, catch_exceptions=False)


# ----------------------------------------------------------------------- apply_fixes
def test_apply_fixes_applies_disjoint_fixes_right_to_left():
    text = "abcdefgh"
    out, n = apply_fixes(text, [Fix(6, 7, "G"), Fix(0, 1, "AA"), Fix(3, 3, "+")])
    assert (out, n) == ("AAbc+defGh", 3)


def test_apply_fixes_defers_overlapping_fix():
    out, n = apply_fixes("abcdef", [Fix(1, 4, "X"), Fix(3, 5, "Y")])
    assert (out, n) == ("aXef", 1)


def test_apply_fixes_defers_second_insertion_at_same_point_and_skips_no_ops():
    out, n = apply_fixes("abc", [Fix(1, 1, "x"), Fix(1, 1, "y"), Fix(2, 3, "c")])
    assert (out, n) == ("axbc", 1)


def test_apply_fixes_ignores_out_of_range_fix():
    assert apply_fixes("abc", [Fix(2, 9, "z")]) == ("abc", 0)


def test_fix_until_stable_stops_on_a_cycle():
    calls = []

    def lint(text):
        calls.append(text)
        from reportlint.violation import Severity, Violation
        new = "b" if text == "a" else "a"
        return [Violation("r", "X1", Severity.ERROR, "m", 0, 1, Fix(0, 1, new))]

    text, n, _ = fix_until_stable("a", lint)
    assert len(calls) <= 3 and n == 2 and text == "a"


# ----------------------------------------------------------------------- line ends and diff
def test_restore_line_endings_uniform():
    assert restore_line_endings("a\r\nb\r\n", "a\nb\n", "A\nb\n", "\r\n") == "A\r\nb\r\n"


def test_restore_line_endings_mixed_keeps_each_untouched_line_end():
    original = "one\r\ntwo\nthree,\r\n\r\nfour\nfive"
    old = "one\ntwo\nthree,\n\nfour\nfive"
    new = "one\ntwo\nthree,four\nfive"          # lines 3–5 joined
    assert restore_line_endings(original, old, new, "\r\n") == "one\r\ntwo\nthree,four\nfive"


def test_unified_diff_marks_missing_final_newline():
    d = unified_diff("a\nb", "a\nB", "x.txt")
    assert d == ("--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
                 "+B\n\\ No newline at end of file\n")


# ----------------------------------------------------------------------- CLI --fix / --diff
DRAFT = "全年开展普法活动12 场次，XX镇参加。\n第二段没有问题。\n"


def test_overlapping_fixes_applied_over_two_passes(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")
    r = run("--fix", *ONLY_TEST, str(f))
    # pass 1: "12 场" → "12场" (fix-test-space); pass 2: "场次" → "次" (fix-test-unit)
    assert f.read_text(encoding="utf-8") == "全年开展普法活动12次，XX镇参加。\n第二段没有问题。\n"
    assert "已修正 2 处。" in r.output


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")
    run("--fix", *ONLY_TEST, str(f))
    assert "XX镇" in f.read_text(encoding="utf-8")
    run("--fix", "--unsafe-fixes", *ONLY_TEST, str(f))
    assert f.read_text(encoding="utf-8") == "全年开展普法活动12次，某镇参加。\n第二段没有问题。\n"


def test_exit_code_after_fix_reflects_what_remains(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("全年开展普法活动12 场。\n", encoding="utf-8")
    assert run(*ONLY_TEST, str(f)).exit_code == 1          # an error, fixable
    r = run("--fix", *ONLY_TEST, str(f))
    assert r.exit_code == 0, r.output                     # fixed: nothing remains
    assert "已修正 1 处。未发现问题" in r.output
    f.write_text(DRAFT, encoding="utf-8")
    r = run("--fix", *ONLY_TEST, str(f))
    assert r.exit_code == 1                               # the unsafe XX镇 remains
    assert "TST903 [fix-test-unsafe]" in r.output and "TST901" not in r.output


def test_second_fix_changes_nothing(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")
    run("--fix", *ONLY_TEST, str(f))
    before = f.read_bytes()
    mtime = f.stat().st_mtime_ns
    r = run("--fix", *ONLY_TEST, str(f))
    assert f.read_bytes() == before and f.stat().st_mtime_ns == mtime   # not even rewritten
    assert "已修正" not in r.output


def test_diff_writes_nothing_and_shows_the_change(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(DRAFT.replace("\n", "\r\n").encode("gb18030"))
    before = f.read_bytes()
    r = run("--diff", *ONLY_TEST, str(f))
    assert f.read_bytes() == before
    assert r.stdout == (f"--- a/{f}\n+++ b/{f}\n@@ -1,2 +1,2 @@\n"
                        "-全年开展普法活动12 场次，XX镇参加。\n+全年开展普法活动12次，XX镇参加。\n 第二段没有问题。\n")
    assert "可修正 2 处（--diff 未写入任何文件）。" in r.stderr
    assert list(tmp_path.iterdir()) == [f]


def test_diff_with_json_format_prints_only_the_diff(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")
    r = run("--diff", "--format", "json", *ONLY_TEST, str(f))
    assert r.stdout.startswith("--- a/") and "{" not in r.stdout


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr():
    r = CliRunner().invoke(cli, ["--fix", *ONLY_TEST, "-"], input=DRAFT.encode("utf-8"))
    assert r.stdout_bytes == "全年开展普法活动12次，XX镇参加。\n第二段没有问题。\n".encode("utf-8")
    assert "TST903 [fix-test-unsafe]" in r.stderr
    assert r.exit_code == 1


def test_stdin_fix_keeps_encoding_bom_and_line_ends():
    data = b"\xef\xbb\xbf" + DRAFT.replace("\n", "\r\n").encode("utf-8")
    r = CliRunner().invoke(cli, ["--fix", *ONLY_TEST, "-"], input=data)
    assert r.stdout_bytes == b"\xef\xbb\xbf" + "全年开展普法活动12次，XX镇参加。\r\n第二段没有问题。\r\n".encode("utf-8")


def test_stdin_fix_with_nothing_to_fix_prints_the_text_unchanged():
    r = CliRunner().invoke(cli, ["--fix", *ONLY_TEST, "-"], input="第二段没有问题。\n".encode("gb18030"))
    assert r.stdout_bytes == "第二段没有问题。\n".encode("gb18030")
    assert r.exit_code == 0


def test_stdin_fix_with_json_keeps_stdout_for_the_text():
    r = CliRunner().invoke(cli, ["--fix", "--format", "json", *ONLY_TEST, "-"], input=DRAFT.encode("utf-8"))
    assert r.stdout_bytes.decode("utf-8") == "全年开展普法活动12次，XX镇参加。\n第二段没有问题。\n"
    assert json.loads(r.stderr)["files"][0]["fixed"] == 2


def test_docx_is_never_written(tmp_path):
    import docx

    f = tmp_path / "r.docx"
    d = docx.Document()
    d.add_paragraph("全年开展普法活动12 场次。")
    d.save(str(f))
    before = f.read_bytes()
    r = run("--fix", *ONLY_TEST, str(f))
    assert f.read_bytes() == before
    assert list(tmp_path.iterdir()) == [f]
    assert ".docx 文件不会被改写" in r.stderr
    assert "TST901 [fix-test-space]" in r.stdout            # its findings are still shown
    assert r.exit_code == 1


def test_failing_write_leaves_the_original_intact(tmp_path, monkeypatch):
    import reportlint.writeback as textio

    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(textio.os, "replace", refuse)
    r = run("--fix", *ONLY_TEST, str(f))
    assert f.read_text(encoding="utf-8") == DRAFT
    assert list(tmp_path.iterdir()) == [f]                  # the temp file is gone too
    assert r.exit_code == 2
    assert f"reportlint: {f}: 无法写回修正（没有写入权限），文件未改动" in r.stderr


def test_fix_keeps_mixed_line_endings(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes("标题\r\n全年开展普法活动12 场。\n第二段没有问题。\r\n".encode("utf-8"))
    run("--fix", *ONLY_TEST, str(f))
    assert f.read_bytes() == "标题\r\n全年开展普法活动12场。\n第二段没有问题。\r\n".encode("utf-8")


def test_fix_keeps_file_mode(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(DRAFT, encoding="utf-8")
    f.chmod(0o640)
    run("--fix", *ONLY_TEST, str(f))
    assert f.stat().st_mode & 0o777 == 0o640


def test_broken_paragraph_join_via_fix(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes("我镇坚持以“依法治理、居民自治、民主管理”的工作模式，通过层层试点、以点带面的方式，在全镇\r\n"
                  "\r\n  稳步推进“民主法治村”创建工作。\r\n".encode("utf-8"))
    before = f.read_bytes()
    # no end punctuation: probably a PDF line break, but not certainly: a suggestion only
    r = run("--fix", "--select", "broken-paragraph", str(f))
    assert f.read_bytes() == before
    r = run("--fix", "--unsafe-fixes", "--select", "broken-paragraph", str(f))
    assert f.read_bytes() == ("我镇坚持以“依法治理、居民自治、民主管理”的工作模式，通过层层试点、以点带面的方式，在全镇"
                              "稳步推进“民主法治村”创建工作。\r\n").encode("utf-8")
    assert r.exit_code == 0


def test_broken_paragraph_join_after_comma_is_a_safe_fix(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes("我镇坚持以“依法治理、居民自治、民主管理”的工作模式，\r\n\r\n稳步推进创建工作。\r\n".encode("utf-8"))
    r = run("--fix", "--select", "broken-paragraph", str(f))
    assert f.read_bytes() == "我镇坚持以“依法治理、居民自治、民主管理”的工作模式，稳步推进创建工作。\r\n".encode("utf-8")
    assert r.exit_code == 0


def test_truncation_line_offers_fix(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("".join(f"开展{i} 场活动。\n" for i in range(1, 9)), encoding="utf-8")
    r = run(*ONLY_TEST, "--max-per-rule", "5", str(f))
    assert f"{f}: [fix-test-space] …及另外 3 处，可用 --fix 修正" in r.stdout
    r = run(*ONLY_TEST, "--max-per-rule", "0", str(f))
    assert "…及另外" not in r.stdout and r.stdout.count("TST901 [fix-test-space]") == 8


# ----------------------------------------------------------------------- seed copies
ENCODINGS = {
    "utf8-bom-crlf": ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    "gb18030-crlf": ("gb18030", b"", "\r\n"),
    "utf8-lf": ("utf-8", b"", "\n"),
}


def _safe_fixable(path: Path) -> list:
    r = run("--format", "json", str(path))
    data = json.loads(r.stdout)
    return [(v["rule"], v["line"]) for f in data["files"] for v in f["violations"] if v["fix"] and v["fix"]["safe"]]


@pytest.mark.parametrize("enc", list(ENCODINGS))
@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_fix_seed_copies(tmp_path, prefix, enc):
    encoding, bom, newline = ENCODINGS[enc]
    text = seed(prefix).read_text(encoding="utf-8")
    f = tmp_path / f"{prefix}.txt"
    original = bom + text.replace("\n", newline).encode(encoding)
    f.write_bytes(original)
    assert _safe_fixable(f), "the seed should have something to fix"

    run("--fix", str(f))
    fixed = f.read_bytes()
    assert fixed != original                                   # the file changed
    assert _safe_fixable(f) == []                              # no fixable finding remains
    assert fixed.startswith(bom) and (bom or not fixed.startswith(b"\xef\xbb\xbf"))
    body = fixed[len(bom):].decode(encoding)                   # still in its encoding
    if newline == "\r\n":
        assert "\n" not in body.replace("\r\n", "")            # every line end still CRLF
    else:
        assert "\r" not in body
    # the same fixes whatever the encoding: compare with a fix of the plain UTF-8 text
    plain = tmp_path / "plain" / f"{prefix}.txt"
    plain.parent.mkdir()
    plain.write_text(text, encoding="utf-8")
    run("--fix", str(plain))
    assert body.replace("\r\n", "\n") == plain.read_text(encoding="utf-8")

    r = run("--fix", str(f))                                   # a second run changes nothing
    assert f.read_bytes() == fixed
    assert "已修正" not in r.output


# ----------------------------------------------------------------------- fix counts (issue 8)
def test_resolved_counts_findings_sharing_an_edit_and_inside_a_replaced_span():
    from reportlint.fix import choose, resolved

    line = Fix(0, 10, "")
    fixes = [line, line, line, Fix(3, 4, "，"), Fix(12, 13, "x"), Fix(11, 14, "y"), Fix(5, 5, "+")]
    chosen = choose("a" * 20, fixes)
    assert chosen == [line, Fix(11, 14, "y")]
    # three findings share the line's deletion, the comma and the insertion lie inside it,
    # Fix(12, 13) lies inside Fix(11, 14)
    assert resolved(fixes, chosen) == 7


def test_fixed_count_agrees_with_fixable_count(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("开展普法活动12 场。\n【删除本行】另开展3 场。\n第二段。\n", encoding="utf-8")
    sel = ["--rules", TEST_RULES, "--select", "fix-test-space,fix-test-twin,fix-test-line"]
    r = run(*sel, str(f))
    assert "其中 5 个可用 --fix 自动修正。" in r.stdout     # 2 + 2 spaces (two rules), 1 line
    r = run("--diff", *sel, str(f))
    assert r.exit_code == 1
    assert "可修正 5 处（--diff 未写入任何文件）。" in r.stderr
    r = run("--fix", *sel, str(f))
    assert f.read_text(encoding="utf-8") == "开展普法活动12场。\n第二段。\n"
    assert "已修正 5 处。未发现问题" in r.stdout


def test_diff_exit_codes(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("第二段没有问题。\n", encoding="utf-8")
    r = run("--diff", *ONLY_TEST, str(f))
    assert (r.exit_code, r.stdout) == (0, "")
    assert "没有可自动修正的问题。" in r.stderr
    f.write_text(DRAFT, encoding="utf-8")
    assert run("--diff", *ONLY_TEST, str(f)).exit_code == 1
    assert run("--diff", *ONLY_TEST, str(f), str(tmp_path / "missing.txt")).exit_code == 2
