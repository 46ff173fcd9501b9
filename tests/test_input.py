"""Reading drafts (issue 2, requirement 2): encodings, BOMs, newlines, .docx, directories,
stdin, and bad input that must end in ONE clear stderr line and exit 2, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import run_cli
from reportlint.errors import InputError
from reportlint.discover import expand_paths
from reportlint.readers import read_source
from reportlint.readers.text import from_bytes

REPORT = """XX镇2023年度法治政府建设情况报告
一、主要举措和成效
（一）加强执法队伍建设。
二、下一年度工作安排
（一）加强执法队伍建设
"""
DUP = "5:4: RL201 [duplicate-heading] 标题“加强执法队伍建设”与第 3 行重复，请改写或删去"


run = run_cli


ENCODINGS = {
    "utf8.txt": REPORT.encode("utf-8"),
    "utf8-bom.txt": b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
    "gb18030.txt": REPORT.encode("gb18030"),
    "gbk.txt": REPORT.encode("gbk"),
    "utf16le-bom.txt": b"\xff\xfe" + REPORT.encode("utf-16-le"),
    "utf16be-bom.txt": b"\xfe\xff" + REPORT.encode("utf-16-be"),
    "crlf.txt": REPORT.replace("\n", "\r\n").encode("utf-8"),
    "gbk-crlf.txt": REPORT.replace("\n", "\r\n").encode("gbk"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_every_encoding_gives_identical_findings(tmp_path, name):
    f = tmp_path / name
    f.write_bytes(ENCODINGS[name])
    code, out, err = run("--select", "duplicate-heading", "--format", "concise", str(f))
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"{f}:{DUP}"
    code, out, _ = run("--select", "duplicate-heading", "--format", "json", str(f))
    v = json.loads(out)["files"][0]["violations"][0]
    assert (v["line"], v["column"], v["end_line"], v["end_column"], v["offset"], v["end_offset"]) == (5, 4, 5, 12, 57, 65)


@pytest.mark.parametrize("data,encoding,bom,newline", [
    (REPORT.encode("utf-8"), "utf-8", b"", "\n"),
    (b"\xef\xbb\xbf" + REPORT.encode("utf-8"), "utf-8", b"\xef\xbb\xbf", "\n"),
    (REPORT.encode("gbk"), "gb18030", b"", "\n"),
    (b"\xff\xfe" + REPORT.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le", b"\xff\xfe", "\r\n"),
    (b"\xfe\xff" + REPORT.encode("utf-16-be"), "utf-16-be", b"\xfe\xff", "\n"),
    (REPORT.encode("utf-16-le"), "utf-16-le", b"", "\n"),                       # no BOM
    ("小龍門鄉2024年法治政府建設情況報告\n一、主要舉措\n".encode("big5"), "big5", b"", "\n"),
    ("报告".encode("gbk"), "gb18030", b"", "\n"),                               # short: GB, not Big5
])
def test_source_remembers_encoding_bom_and_newline(data, encoding, bom, newline):
    src = from_bytes(data, "x.txt")
    assert (src.encoding, src.bom, src.newline) == (encoding, bom, newline)
    assert "\r" not in src.text and not src.text.startswith("\ufeff")
    assert src.encode(src.text) == data                        # written back byte for byte


@pytest.mark.parametrize("data,problem", [
    (b"", "文件为空"),
    (b" \n\r\n\t\n", "文件为空"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "不是文本文件（含二进制内容）"),
    (REPORT.encode("utf-8")[:20] + b"\xff" + REPORT.encode("utf-8")[20:],
     "无法按 UTF-8 解码（第 19 字节）：文件含无效字节，可能已损坏"),
    (b"caf\xe9 na\xefve r\xe9sum\xe9", "无法识别文件编码：不是 UTF-8、GB18030、Big5 或 UTF-16 文本，请另存为 UTF-8"),
    (b"\xff\xfe" + "报告".encode("utf-16-le") + b"\x00\xd8", "无法按 UTF-16-LE 解码（第 7 字节）：文件已损坏"),
])
def test_bytes_that_are_not_a_report(data, problem):
    with pytest.raises(InputError) as info:
        from_bytes(data, "x.txt")
    assert (info.value.path, info.value.problem) == ("x.txt", problem)


# ----------------------------------------------------------------------------- bad input via the CLI
def bad(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    return f


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "文件为空"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "不是文本文件（含二进制内容）"),
    ("broken.txt", "正文".encode() * 10 + b"\xc3\x28", "无法按 UTF-8 解码（第 61 字节）：文件含无效字节，可能已损坏"),
    ("报告草稿.txt", b"", "文件为空"),                          # non-ASCII file name
])
def test_unreadable_file_one_line_exit_2(tmp_path, name, data, problem):
    f = bad(tmp_path, name, data)
    code, out, err = run("--select", "duplicate-heading", str(f))
    assert code == 2
    assert err == f"reportlint: {f}: {problem}\n"
    assert "Traceback" not in out + err


def test_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run("--select", "duplicate-heading", str(tmp_path / "nope.txt"), str(tmp_path / "empty"))
    assert code == 2
    assert err.splitlines() == [
        f"reportlint: {tmp_path / 'nope.txt'}: 文件不存在",
        f"reportlint: {tmp_path / 'empty'}: 目录中没有报告文件（*.txt、*.md、*.docx、*.pdf）",
    ]


def test_permission_denied(tmp_path, monkeypatch):
    from pathlib import Path

    f = bad(tmp_path, "locked.txt", REPORT.encode())

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)   # works even when the tests run as root
    with pytest.raises(InputError) as info:
        read_source(str(f))
    assert str(info.value) == f"{f}: 没有读取权限"


def test_real_run_never_shows_a_traceback(tmp_path):
    f = bad(tmp_path, "图片.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = subprocess.run([sys.executable, "-m", "reportlint", str(f)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == f"reportlint: {f}: 不是文本文件（含二进制内容）\n"


def test_json_keeps_linting_the_other_files(tmp_path):
    good = bad(tmp_path, "good.txt", REPORT.encode())
    empty = bad(tmp_path, "empty.txt", b"")
    code, out, err = run("--select", "duplicate-heading", "--format", "json", str(empty), str(good),
                         str(tmp_path / "gone.txt"))
    assert code == 2
    files = json.loads(out)["files"]
    assert [(f["path"], f["error"], len(f["violations"])) for f in files] == [
        (str(empty), "文件为空", 0), (str(good), None, 1), (str(tmp_path / "gone.txt"), "文件不存在", 0)]
    assert files[0]["document"] is None and files[1]["document"]["report_year"] == 2023
    assert err.splitlines() == [f"reportlint: {empty}: 文件为空", f"reportlint: {tmp_path / 'gone.txt'}: 文件不存在"]


# ----------------------------------------------------------------------------- .docx, directories, stdin
def test_docx_is_read_paragraph_by_paragraph(tmp_path):
    import docx

    d = docx.Document()
    for line in REPORT.splitlines():
        d.add_paragraph(line)
    f = tmp_path / "报告.docx"
    d.save(str(f))
    src = read_source(str(f))
    assert (src.kind, src.text) == ("docx", REPORT.rstrip("\n"))
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", str(f))
    assert code == 1 and out.splitlines()[0] == f"{f}:{DUP.replace('第 3 行', '第 3 行（第 3 段）')}（第 5 段）"


def test_broken_docx(tmp_path):
    f = bad(tmp_path, "bad.docx", b"PK\x03\x04 not really a zip")
    code, _, err = run(str(f))
    assert (code, err) == (2, f"reportlint: {f}: 文件已损坏（ZIP 结构不完整，可能没有下载或复制完）：请在 Word/WPS 中重新保存为 .docx\n")


def test_directories_are_searched_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ("a/b/one.md", "two.txt", "a/three.TXT", ".hidden/skip.txt", "notes.rst", "a/~$lock.txt"):
        (tmp_path / rel).write_text(REPORT, encoding="utf-8")
    files, errors = expand_paths([str(tmp_path)])
    assert [f[len(str(tmp_path)) + 1:] for f in files] == ["a/b/one.md", "a/three.TXT", "two.txt"]
    assert errors == []
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", "-q", str(tmp_path))
    assert code == 1 and len(out.splitlines()) == 3


def test_stdin_with_a_name():
    code, out, err = run("--select", "duplicate-heading", "--format", "concise", "--stdin-filename",
                         "草稿/报告.txt", "-", input=REPORT.encode("gbk"))
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"草稿/报告.txt:{DUP}"
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", "-", input=REPORT.encode())
    assert out.splitlines()[0] == f"-:{DUP}"


def test_empty_stdin():
    code, _, err = run("-", input=b"")
    assert (code, err) == (2, "reportlint: -: 文件为空\n")


# ----------------------------------------------------------------------- exclude
DUPLICATED = "一、主要举措和成效\n（一）强化组织领导\n二、下一年度工作安排\n（一）强化组织领导\n"


def _tree(tmp_path):
    (tmp_path / "old").mkdir()
    for rel in ("a.txt", "README.md", "old/b.txt", "old/c.md"):
        (tmp_path / rel).write_text(DUPLICATED, encoding="utf-8")
    return tmp_path


def _linted(out: str) -> list[str]:
    return sorted({line.split(":")[0] for line in out.splitlines() if "RL201" in line})


def test_exclude_option_leaves_out_matching_files_and_directories(tmp_path):
    root = _tree(tmp_path)
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise",
                       "--exclude", "README.md,old", str(root))
    assert code == 1
    assert _linted(out) == [str(root / "a.txt")]
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", "--exclude", "old/*.md", str(root))
    # README.md is left out by the default excludes (files that are never reports)
    assert _linted(out) == sorted(str(root / r) for r in ("a.txt", "old/b.txt"))


def test_exclude_from_config_and_explicit_files_are_still_linted(tmp_path):
    root = _tree(tmp_path)
    (root / ".reportlint.yaml").write_text("exclude: ['*.md']\n", encoding="utf-8")
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", str(root))
    assert _linted(out) == sorted(str(root / r) for r in ("a.txt", "old/b.txt"))
    code, out, _ = run("--select", "duplicate-heading", "--format", "concise", str(root / "README.md"))
    assert _linted(out) == [str(root / "README.md")]


def test_exclude_everything_is_a_directory_with_no_reports(tmp_path):
    root = _tree(tmp_path)
    code, out, err = run("--exclude", "*", str(root))
    assert code == 2
    assert err == f"reportlint: {root}: 目录中没有报告文件（*.txt、*.md、*.docx、*.pdf）\n"
