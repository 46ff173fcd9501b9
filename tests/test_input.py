"""Reading drafts (issue 2, requirement 2): encodings, BOMs, newlines, .docx, directories,
stdin, and bad input that must end in ONE clear stderr line and exit 2, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import run_cli
from pathlib import Path
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
    # found by the property tests: one GBK character that is also valid UTF-8 (D2 BB = "һ")
    ("一".encode("gbk"), "gb18030", b"", "\n"),
    # UTF-16 without BOM whose only NULs are on the "wrong" side: U+3000 and 一 (issue 12 item 8)
    ("\u3000\u3000一是，二是。\n一、".encode("utf-16-le"), "utf-16-le", b"", "\n"),
    ("丂\n".encode("utf-16-le"), "utf-16-le", b"", "\n"),                       # a rare character
    ("𠀀".encode("gb18030"), "gb18030", b"", "\n"),       # property tests: 4 bytes are no UTF-16 without NUL
    ("依法行政，推进".encode("utf-16-le"), "utf-16-le", b"", "\n"),   # 14 bytes, no NUL: UTF-16 reads as Chinese
    ("一、主要举措\n".encode("utf-16-be"), "utf-16-be", b"", "\n"),
    # found by benchmarks/fuzz.py (seed 12, #751, #781): short UTF-8 of rare characters stays UTF-8
    (" \u3c0a\u2d21\u202d\u6572\u6f70\u7472".encode("utf-8"), "utf-8", b"", "\n"),
    ("\u99e7\ue4bc\u88bd\u99e6\u82a5\ue900".encode("utf-8"), "utf-8", b"", "\n"),
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
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
     "是图片（PNG），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查"),
    ("binary.txt", b"\x00\x01\x02\x03" + bytes(range(256)), "不是文本文件（含二进制内容）"),
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
        f"reportlint: {tmp_path / 'empty'}: 目录中没有报告文件（*.txt、*.md、*.docx、*.odt、*.pdf）",
    ]


def test_permission_denied(tmp_path, monkeypatch):
    import os

    f = bad(tmp_path, "locked.txt", REPORT.encode())
    real_open = os.open

    def deny(path, *args, **kw):
        if str(path) == str(f):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", deny)   # works even when the tests run as root
    with pytest.raises(InputError) as info:
        read_source(str(f))
    assert str(info.value) == f"{f}: 没有读取权限"


def test_real_run_never_shows_a_traceback(tmp_path):
    f = bad(tmp_path, "图片.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = subprocess.run([sys.executable, "-m", "reportlint", str(f)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == f"reportlint: {f}: 是图片（PNG），不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查\n"


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
    assert err == f"reportlint: {root}: 目录中没有报告文件（*.txt、*.md、*.docx、*.odt、*.pdf）\n"


# ----------------------------------------------------------------------- issue 12: the edges of input
import os  # noqa: E402
import stat  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402

SEL = ("--select", "duplicate-heading")


def cli_proc(*args, stdin=None, shell_redirect="", timeout=60, cwd=None, unprivileged=False):
    """reportlint in a real process (a hang is a failure, not a stuck suite). ``unprivileged``:
    as root, without the capabilities that let root ignore file permissions."""
    prefix = ""
    if unprivileged and os.geteuid() == 0:
        prefix = "setpriv --bounding-set -dac_override,-dac_read_search "
    cmd = prefix + " ".join([f"'{sys.executable}'", "-m", "reportlint", *(f"'{a}'" for a in args)]) + shell_redirect
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=timeout, stdin=stdin, cwd=cwd)


def _permissions_apply() -> str | None:
    """None when file permissions can be made to apply to a reportlint process; else why not."""
    if os.geteuid() != 0:
        return None
    import shutil

    if not shutil.which("setpriv"):
        return "running as root, and no setpriv to drop the capabilities that bypass permissions"
    return None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_as_input_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "报告.txt"
    os.mkfifo(fifo)
    proc = cli_proc(*SEL, str(fifo), timeout=60)    # nobody writes: a blocking open would hang
    assert proc.returncode == 2
    assert proc.stderr == f"reportlint: {fifo}: 是命名管道（FIFO），不是普通文件；要从管道读取，请用 - 表示标准输入\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_devices_are_refused_unread():
    code, _, err = run(*SEL, "/dev/zero")
    assert (code, err) == (2, "reportlint: /dev/zero: 是字符设备，不是普通文件\n")


TOO_BIG = "不像是一份报告；如确需检查，请用 --max-file-size 或配置 max-file-size 调大上限（单位 MB）"


def test_a_200_mb_file_is_refused_from_its_size_alone(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:        # sparse: 200 MB long, no disk used, never read
        fh.truncate(200 * 1024 * 1024)
    code, out, err = run(*SEL, str(f))
    assert (code, err) == (2, f"reportlint: {f}: 文件过大（200.0 MB，上限 20 MB），{TOO_BIG}\n")


def test_size_limit_from_the_option_and_the_config(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(REPORT.encode() * 200)                        # 34 KB
    code, _, err = run(*SEL, "--max-file-size", "0.01", str(f))
    assert (code, err) == (2, f"reportlint: {f}: 文件过大（34 KB，上限 0.01 MB），{TOO_BIG}\n")
    for sub, value in (("small", "0.01"), ("bad", "-1")):   # config lookups are cached per directory
        (tmp_path / sub).mkdir()
        (tmp_path / sub / ".reportlint.yaml").write_text(f"max-file-size: {value}\n", encoding="utf-8")
        (tmp_path / sub / "r.txt").write_bytes(f.read_bytes())
    assert run(*SEL, str(tmp_path / "small" / "r.txt"))[0] == 2
    assert run(*SEL, "--max-file-size", "1", str(tmp_path / "small" / "r.txt"))[0] == 1   # the option wins
    code, _, err = run(*SEL, str(tmp_path / "bad" / "r.txt"))
    assert (code, err) == (2, f'reportlint: {tmp_path / "bad" / ".reportlint.yaml"}: 键 "max-file-size": 应不小于 0.001\n')


def test_stdin_over_the_limit_is_not_read_to_the_end():
    code, _, err = run(*SEL, "--max-file-size", "0.001", "-", input=b"a" * 5000)
    assert (code, err) == (2, f"reportlint: -: 文件过大（上限 0.001 MB），{TOO_BIG}\n")


def test_symlinks_that_lead_nowhere_say_what_they_are(tmp_path):
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    code, _, err = run(*SEL, str(tmp_path / "a.txt"), str(tmp_path / "gone.txt"))
    assert code == 2
    assert err.splitlines() == [
        f"reportlint: {tmp_path / 'a.txt'}: 符号链接循环（链接最终又指回自己），找不到文件",
        f"reportlint: {tmp_path / 'gone.txt'}: 是符号链接，但它指向的文件不存在（missing.txt）",
    ]


def test_a_name_over_255_bytes(tmp_path):
    name = str(tmp_path / ("报告" * 50 + ".txt"))          # 300 UTF-8 bytes
    code, out, err = run(*SEL, name)
    assert (code, err) == (2, f"reportlint: {name}: 文件名或路径过长（文件名最多 255 字节），无法打开\n")
    assert out == "未能检查 1 个文件（见上方错误）。\n"


def test_a_path_through_a_file(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    code, _, err = run(*SEL, str(f / "x.txt"))
    assert (code, err) == (2, f"reportlint: {f / 'x.txt'}: 路径中有一部分不是目录，找不到文件\n")


def test_file_in_a_directory_one_cannot_enter(tmp_path, monkeypatch):
    f = tmp_path / "locked" / "r.txt"
    f.parent.mkdir()
    f.write_text(REPORT, encoding="utf-8")
    real_stat, real_access = os.stat, os.access

    def stat_(path, *a, **kw):
        if str(path).startswith(str(f.parent) + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *a, **kw)

    monkeypatch.setattr(os, "stat", stat_)
    monkeypatch.setattr(os, "access", lambda p, m, **kw: False if str(p) == str(f.parent) else real_access(p, m))
    code, _, err = run(*SEL, str(f))
    assert (code, err) == (2, f"reportlint: {f}: 没有权限进入文件所在的目录，无法读取\n")


@pytest.fixture
def open_tmp():
    """A temporary directory anyone may enter (pytest's tmp_path is private to its user)."""
    d = tempfile.mkdtemp(prefix="reportlint-perm-")
    os.chmod(d, 0o755)
    yield Path(d)
    for root, dirs, _ in os.walk(d):
        for x in dirs:
            os.chmod(os.path.join(root, x), 0o755)
    import shutil

    shutil.rmtree(d)


def test_real_permissions_unreadable_directory_and_file(open_tmp):
    why = _permissions_apply()
    if why:
        pytest.skip(why)
    (open_tmp / "closed").mkdir()
    (open_tmp / "closed" / "r.txt").write_text(REPORT, encoding="utf-8")
    (open_tmp / "sub").mkdir()
    (open_tmp / "sub" / "a.txt").write_text(REPORT, encoding="utf-8")
    (open_tmp / "sub" / "hidden").mkdir()
    (open_tmp / "sub" / "hidden" / "b.txt").write_text(REPORT, encoding="utf-8")
    (open_tmp / "locked.txt").write_text(REPORT, encoding="utf-8")
    os.chmod(open_tmp / "locked.txt", 0o000)
    os.chmod(open_tmp / "closed", 0o000)
    os.chmod(open_tmp / "sub" / "hidden", 0o000)
    proc = cli_proc(*SEL, "--format", "concise", str(open_tmp / "closed" / "r.txt"), str(open_tmp / "locked.txt"),
                    str(open_tmp / "sub"), unprivileged=True, cwd=str(open_tmp))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"reportlint: {open_tmp / 'closed' / 'r.txt'}: 没有权限进入文件所在的目录，无法读取",
        f"reportlint: {open_tmp / 'locked.txt'}: 没有读取权限",
        f"reportlint: {open_tmp / 'sub' / 'hidden'}: 没有权限读取这个目录，其中的文件未检查",
    ]
    assert proc.stdout.splitlines()[-1] == "未能检查 3 个文件（见上方错误）；其余 1 个文件共 1 个问题（错误 1，警告 0，提示 0）。"


def test_unreadable_subdirectory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "private").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        for folder, dirs, files in real_walk(top, onerror=onerror, **kw):
            if folder.endswith("private"):
                onerror(PermissionError(13, "Permission denied", folder))
                dirs[:] = []
                continue
            yield folder, dirs, files

    monkeypatch.setattr(os, "walk", walk)
    files, errors = expand_paths([str(tmp_path)])
    assert files == [str(tmp_path / "a.txt")]
    assert [str(e) for e in errors] == [f"{tmp_path / 'private'}: 没有权限读取这个目录，其中的文件未检查"]


def test_closed_stdin_and_stdout():
    proc = cli_proc(*SEL, "-", shell_redirect=" <&-")
    assert (proc.returncode, proc.stderr) == (2, "reportlint: -: 标准输入已关闭，没有可读的内容\n")
    proc = cli_proc("--version", shell_redirect=" >&-")
    assert (proc.returncode, proc.stderr) == (2, "reportlint: 标准输出已关闭，无法输出结果\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_standard_output_on_a_full_disk(tmp_path, fmt):
    """Writing the findings to a full disk (``> /dev/full``) is one line, exit 2 — it was
    内部错误：OSError: [Errno 28] — and the flush at exit does not complain again."""
    f = tmp_path / "报告.txt"
    f.write_text(REPORT, encoding="utf-8")
    proc = cli_proc(*SEL, "--format", fmt, str(f), shell_redirect=" >/dev/full")
    assert (proc.returncode, proc.stderr) == (2, "reportlint: 无法把结果写到标准输出（磁盘空间不足）\n")
    proc = cli_proc(*SEL, "--format", fmt, "-o", "/dev/full", str(f))     # -o names the file
    assert (proc.returncode, proc.stderr) == (2, "reportlint: /dev/full: 无法写入输出文件（磁盘空间不足）\n")


def test_stdin_that_is_a_directory_in_process(tmp_path, monkeypatch):
    import io

    fd = os.open(tmp_path, os.O_RDONLY)

    class DirStdin(io.StringIO):
        def fileno(self):
            return fd

    monkeypatch.setattr(sys, "stdin", DirStdin())
    from reportlint.readers import read_stdin

    try:
        with pytest.raises(InputError) as info:
            read_stdin("-")
    finally:
        os.close(fd)
    assert info.value.problem == "标准输入是目录，不是文件"


@pytest.mark.xfail(strict=True, reason="CPython itself refuses a directory as standard input "
                   "(init_sys_streams: '<stdin> is a directory', exit 1) before any of reportlint's code runs")
def test_stdin_that_is_a_directory_real_process(tmp_path):
    proc = cli_proc(*SEL, "-", shell_redirect=f" < '{tmp_path}'")
    assert (proc.returncode, proc.stderr) == (2, "reportlint: -: 标准输入是目录，不是文件\n")


# ----------------------------------------------------------------------- formats decided by content
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _ole2(stream: str) -> bytes:
    return OLE2 + stream.encode("utf-16-le") + b"\x00" * 512


def _zip(members: dict) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


SAVE = "请在 Word/WPS 中另存为 .docx 后再检查"
OTHER = "请把报告另存为 .docx 或 .txt 后再检查"
UNZIP = "请解压后检查其中的报告"
OCR = "扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查"
REFUSED = [
    ("报告.doc", _ole2("WordDocument"), f"是 Word 97-2003 或 WPS 文字的旧格式文档（.doc/.wps），reportlint 不能读取；{SAVE}"),
    ("报告.wps", _ole2("WordDocument"), f"是 Word 97-2003 或 WPS 文字的旧格式文档（.doc/.wps），reportlint 不能读取；{SAVE}"),
    ("报告.txt", _ole2("WordDocument"), f"是 Word 97-2003 或 WPS 文字的旧格式文档（.doc/.wps），reportlint 不能读取；{SAVE}"),
    ("表.xls", _ole2("Workbook"), f"是 Excel 或 WPS 表格文件（.xls/.et），不是报告正文；{OTHER}"),
    ("表.et", _ole2("Workbook"), f"是 Excel 或 WPS 表格文件（.xls/.et），不是报告正文；{OTHER}"),
    ("演示.ppt", _ole2("PowerPoint Document"), f"是 PowerPoint 或 WPS 演示文件（.ppt/.dps），不是报告正文；{OTHER}"),
    ("报告.doc", b"<html><body>not OLE2 but named .doc</body></html>",
     f"是 Word 97-2003 或 WPS 文字的旧格式文档（.doc/.wps），reportlint 不能读取；{SAVE}"),
    ("报告.rtf", rb"{\rtf1\ansi\ansicpg936 {\fonttbl} \f0 text}", f"是 RTF 文档，reportlint 不能读取；{SAVE}"),
    # a PDF named .txt goes to the PDF reader (this one is damaged)
    ("报告.txt", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "无法读取 PDF 文件：已损坏或不是 PDF（PDFSyntaxError）"),
    ("报告.txt", _zip({"a.txt": "报告"}), f"是 ZIP 压缩文件；{UNZIP}"),
    ("报告.zip", _zip({"a.txt": "报告"}), f"是 ZIP 压缩文件；{UNZIP}"),
    ("报告.txt", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
     f"是 Excel 表格（.xlsx），不是报告正文；{OTHER}"),
    ("报告.txt", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
     f"是 OpenDocument 表格（.ods），不是报告正文；{OTHER}"),
    ("报告.rar", b"Rar!\x1a\x07\x01\x00" + bytes(100), f"是 RAR 压缩文件；{UNZIP}"),
    ("报告.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(100), f"是 7z 压缩文件；{UNZIP}"),
    ("报告.txt.gz", b"\x1f\x8b\x08\x00" + bytes(100), f"是 gzip 压缩文件；{UNZIP}"),
    ("扫描.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), f"是图片（JPEG），不是文字；{OCR}"),
    ("程序.txt", b"\x7fELF\x02\x01\x01" + bytes(100), "是可执行程序（ELF），不是报告"),
    ("setup.exe", b"MZ\x90\x00" + bytes(60) + b"PE\x00\x00" + bytes(100), "是 Windows 可执行程序（.exe/.dll），不是报告"),
]


@pytest.mark.parametrize("name,data,problem", REFUSED, ids=[f"{i}-{n}" for i, (n, _, _) in enumerate(REFUSED)])
def test_formats_reportlint_cannot_read_are_refused_by_content(tmp_path, name, data, problem):
    f = bad(tmp_path, name, data)
    code, out, err = run(*SEL, str(f))
    assert (code, err) == (2, f"reportlint: {f}: {problem}\n")
    assert out == "未能检查 1 个文件（见上方错误）。\n"


def test_a_docx_named_txt_is_read_as_a_docx(tmp_path):
    import docx

    d = docx.Document()
    for line in REPORT.splitlines():
        d.add_paragraph(line)
    f = tmp_path / "报告.txt"
    d.save(str(f))
    code, out, _ = run(*SEL, "--format", "concise", str(f))
    assert code == 1 and out.splitlines()[0] == f"{f}:{DUP.replace('第 3 行', '第 3 行（第 3 段）')}（第 5 段）"


def test_refused_formats_in_a_directory_are_reported_not_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(_ole2("WordDocument"))
    (tmp_path / "old.wps").write_bytes(_ole2("WordDocument"))
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))   # a scanned page
    (tmp_path / "scan2.JPG").write_bytes(b"\xff\xd8\xff\xe0" + bytes(20))
    code, out, err = run(*SEL, "--format", "concise", str(tmp_path))
    assert code == 2
    ocr = "不是文字；扫描件请先用 OCR 识别出文字，存为 .docx 或 .txt 后再检查"
    assert err.splitlines() == [
        f"reportlint: {tmp_path / 'old.doc'}: {REFUSED[0][2]}",
        f"reportlint: {tmp_path / 'old.wps'}: {REFUSED[0][2]}",
        f"reportlint: {tmp_path / 'scan.png'}: 是图片（PNG），{ocr}",
        f"reportlint: {tmp_path / 'scan2.JPG'}: 是图片（JPEG），{ocr}",
    ]
    assert out.splitlines()[-1] == "未能检查 4 个文件（见上方错误）；其余 1 个文件共 1 个问题（错误 1，警告 0，提示 0）。"
    code, out, err = run(*SEL, "--exclude", "*.doc,*.wps,*.png,*.JPG", str(tmp_path))
    assert (code, err) == (1, "")


def test_compressed_reports_in_a_directory_are_reported_not_skipped(tmp_path):
    """A report gzipped or tarred in the folder (报告.txt.gz, 旧稿.tar.gz, 报告.tar) is named
    with the advice to unpack it, like a .zip beside it; it used to be skipped silently."""
    import gzip
    import tarfile

    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "报告.txt.gz").write_bytes(gzip.compress(REPORT.encode("utf-8")))
    with tarfile.open(tmp_path / "旧稿.tar", "w") as tf:
        tf.add(tmp_path / "good.txt", arcname="good.txt")
    (tmp_path / "旧稿.tar.bz2").write_bytes(b"BZh91AY&SY" + bytes(40))
    code, out, err = run(*SEL, "--format", "concise", str(tmp_path))
    assert code == 2
    assert sorted(err.splitlines()) == sorted([
        f"reportlint: {tmp_path / '报告.txt.gz'}: 是 gzip 压缩文件；{UNZIP}",
        f"reportlint: {tmp_path / '旧稿.tar'}: 是 tar 归档文件；{UNZIP}",
        f"reportlint: {tmp_path / '旧稿.tar.bz2'}: 是 bzip2 压缩文件；{UNZIP}",
    ])
    assert out.splitlines()[-1] == "未能检查 3 个文件（见上方错误）；其余 1 个文件共 1 个问题（错误 1，警告 0，提示 0）。"


def test_summary_when_a_file_is_unreadable_and_the_rest_pass(tmp_path):
    (tmp_path / "ok.txt").write_text("没有问题的一行。\n", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(_ole2("WordDocument"))
    code, out, _ = run(*SEL, str(tmp_path))
    assert code == 2
    assert out == "未能检查 1 个文件（见上方错误）；其余 1 个文件未发现问题。\n"


def test_refused_format_on_stdin():
    code, _, err = run(*SEL, "-", input=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    # a PDF on standard input is read (--stdin-filename 草稿.pdf); this one is only a header
    assert (code, err) == (2, "reportlint: -: 无法读取 PDF 文件：已损坏或不是 PDF（PDFSyntaxError）\n")
    code, _, err = run(*SEL, "-", input=_ole2("WordDocument"))
    assert (code, err) == (2, f"reportlint: -: {REFUSED[0][2]}\n")


def test_sniff_of_a_reader_claims_content_whatever_the_name(tmp_path, monkeypatch):
    """The dispatch asks each reader's sniff(head) when no signature decides."""
    from types import SimpleNamespace

    import reportlint.readers as readers

    fake = SimpleNamespace(NAME="fake", SUFFIXES=(), sniff=lambda head: head.startswith(b"FAKE"),
                           from_bytes=lambda data, shown: readers.Source(shown, "一、主要举措\n", kind="fake"))
    monkeypatch.setattr(readers, "_sniffers", lambda: (fake,))
    f = bad(tmp_path, "x.txt", b"FAKE format")
    assert read_source(str(f)).kind == "fake"
    f = bad(tmp_path, "y.txt", REPORT.encode())
    assert read_source(str(f)).kind == "text"


def test_text_reader_is_not_claimed_by_a_docx_suffix_alone(tmp_path):
    f = bad(tmp_path, "plain.docx", REPORT.encode())
    code, _, err = run(*SEL, str(f))
    assert (code, err) == (2, f"reportlint: {f}: 内容是纯文本，不是 .docx：请把扩展名改为 .txt\n")


def test_special_files_in_a_directory_are_reported(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    code, _, err = run(*SEL, str(tmp_path))
    assert code == 2
    assert err.splitlines() == [
        f"reportlint: {tmp_path / 'loop.txt'}: 符号链接循环（链接最终又指回自己），找不到文件",
        f"reportlint: {tmp_path / 'pipe.txt'}: 是命名管道（FIFO），不是普通文件；要从管道读取，请用 - 表示标准输入",
    ]
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.txt").st_mode)


# A damaged UTF-16 LE file without a byte-order mark (from benchmarks/fuzz.py --seed 14, input
# 3796, its line ends made LF): it read as UTF-16 with CRLF line ends, but with LF the share of
# plain characters fell under the bar and it was refused as binary. LF and CRLF read the same.
FUZZ_3796_LF = (
    "IAAKAIxOL2agUjpfH5YNT/pevosI/zIAMAAyADAAyyXLJSgAAE4pAEEAhk4KADwAIQAtAC0AIAByAGUAcABvAHIA"
    "dABsAGkAbgB0AC0AZQBuAGEAYgBsAGUAIAAtAC0APgAKAAAwCgAQMFNicFMsZ3WYETAQMHNR7ZWXeuNTETCGTgoA"
    "IiE+ANVsNlL6Xr6LAk4I/woA1Wy7bD9lnF76Xr6LRJb2TgtOfY8mIAsgMgAwADIANAAtADAAMQAtADAANQAI/wBO"
    "Cf8JADsACP96AODLCgBYAFCAWAC/UzIAMAAyADQAdF7VbLtsP2WcXvpevot0XqZepWJKVAoAPAAhAC0ALQAgAHIA"
    "ZQBwAG8AcgB0AGwAaQBuAHQALQBkAGkAcwBhAGIAbABlACAAZgBhAHoAaABpAC0AdABlAHIAbQAgAC0ALQA+AAoA"
    "MgAwADIANAAtADAAMQAtADAANQAKAAtOAE50XqZe5V1cT4lbkmMAMDsAMQAsADAAMAAwAMpOdF7lTmVnGv8gADIA"
    "MAAyADMAIAAyADAAMgAxAH4AMgAwADIANQAdIDIAMAAyADEAMgAwADIANQC3AAlOL2Y6XxZT0XZjdwBOATAKANBn"
    "0GdAXDIAMAAyADEAdF6mXtVsu2w/ZZxe+l6+i+VdXE+lYkpUCgBSl/N3R5UyADAAMgAzAF7VbLtsP2WcXvpevovF"
    "YLVRpWJKVA0ACgAsewBO6JAGUqBSOl9nYtVsH5YNT/pevosNAAoAPAAhAC0ALQAgAHIAZQBwAG8AcgB0AGwAaQBu"
    "AHQALQBlAG4AYQBiAGwAZQAgAC0ALQA+AA0ACgAtAEFTjE4oACAAIAANAAoAjE4BMNcA1wAUIEyIP2VnYtVsuk5Y"
    "VHwA0VMDXvZl9JU6ADIAMAAyADQALQAwADIALQAwADYAIAAwADkAOgAzADMAnU/VbEyIP2UPYcaLDQ=="
)


def test_utf16_without_bom_reads_the_same_with_lf_and_crlf():
    import base64

    from reportlint.readers.text import decode

    lf = base64.b64decode(FUZZ_3796_LF)
    text = lf.decode("utf-16-le")
    crlf = text.replace("\n", "\r\n").encode("utf-16-le")
    assert decode(lf, "x.txt") == (text, "utf-16-le", b"")
    assert decode(crlf, "x.txt") == (text.replace("\n", "\r\n"), "utf-16-le", b"")
