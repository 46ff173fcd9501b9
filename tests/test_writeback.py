"""--fix saves like an editor (issue 12 items 5, 6, 8; issue 8 "--fix on a symlink"): through
symlinks, keeping mode, owner and extended attributes, refusing read-only files, writing
hard-linked files in place, never overwriting an edit saved while linting, never writing
bytes that would not read back as the fixed text in the file's own encoding."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, run_cli
from reportlint.cli import cli

TEST_RULES = str(FIXTURES / "fix" / "rules")
ONLY = ["--rules", TEST_RULES, "--select", "fix-test-space"]
DRAFT = "全年开展普法活动12 场，效果明显。\n第二段没有问题。\n"
FIXED = "全年开展普法活动12场，效果明显。\n第二段没有问题。\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, [*args], input=input, catch_exceptions=False)


def draft(tmp_path, name="r.txt", text=DRAFT, encoding="utf-8"):
    f = tmp_path / name
    f.write_bytes(text.encode(encoding))
    return f


def leftovers(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if "reportlint" in p.name)


# ----------------------------------------------------------------------- identity
def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = draft(tmp_path / "real")
    link = tmp_path / "link.txt"
    link.symlink_to(os.path.relpath(target, tmp_path))
    r = run("--fix", *ONLY, str(link))
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == "real/r.txt"
    assert target.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


def test_fix_keeps_mode_owner_group_and_extended_attributes(tmp_path):
    f = draft(tmp_path)
    os.chmod(f, 0o640)
    xattr = hasattr(os, "setxattr")
    if xattr:
        try:
            os.setxattr(f, "user.reportlint.test", b"kept")
        except OSError:
            xattr = False
    owner = None
    if os.geteuid() == 0:
        owner = (65534, 65534)            # root may give the file away: it must come back so
        os.chown(f, *owner)
    inode = f.stat().st_ino
    r = run("--fix", *ONLY, str(f))
    assert r.exit_code == 0, r.output
    st = f.stat()
    assert f.read_text(encoding="utf-8") == FIXED
    assert st.st_ino != inode                          # replaced atomically by a new file …
    assert st.st_mode & 0o7777 == 0o640                # … that has the old one's mode,
    if owner:
        assert (st.st_uid, st.st_gid) == owner          # owner and group,
    if xattr:
        assert os.getxattr(f, "user.reportlint.test") == b"kept"   # and attributes


def test_read_only_file_is_refused(tmp_path):
    f = draft(tmp_path)
    os.chmod(f, 0o444)
    before = f.read_bytes()
    r = run("--fix", *ONLY, str(f))
    assert f.read_bytes() == before and f.stat().st_mode & 0o777 == 0o444
    assert r.exit_code == 2
    assert r.stderr == f"reportlint: {f}: 文件是只读的，未写入修正；如要修正，请先取消只读属性\n"
    assert "1 个文件的修正未能写入（见上方错误）。" in r.stdout
    assert "TST901 [fix-test-space]" in r.stdout       # its findings are still shown


def test_hard_linked_file_is_written_in_place(tmp_path):
    f = draft(tmp_path)
    other = tmp_path / "other-name.txt"
    os.link(f, other)
    inode = f.stat().st_ino
    r = run("--fix", *ONLY, str(f))
    assert r.exit_code == 0, r.output
    assert f.stat().st_ino == inode and f.stat().st_nlink == 2   # the link is not split
    assert other.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []                              # the backup is gone


def test_hard_link_in_place_failure_restores_the_original(tmp_path, monkeypatch):
    import reportlint.writeback as wb

    f = draft(tmp_path)
    os.link(f, tmp_path / "other.txt")
    real = os.ftruncate
    calls = []

    def fail_once(fd, n):
        calls.append(n)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, n)

    monkeypatch.setattr(wb.os, "ftruncate", fail_once)
    r = run("--fix", *ONLY, str(f))
    assert r.exit_code == 2
    assert r.stderr == f"reportlint: {f}: 无法写回修正（磁盘空间不足），文件未改动\n"
    assert f.read_text(encoding="utf-8") == DRAFT and leftovers(tmp_path) == []


# ----------------------------------------------------------------------- lost update
def test_an_edit_saved_while_linting_is_never_overwritten(tmp_path, monkeypatch):
    import reportlint.api as api

    f = draft(tmp_path)
    real = api.fix_until_stable

    def slow_fix(*a, **kw):
        out = real(*a, **kw)
        f.write_text(DRAFT + "用户刚刚保存的新段落。\n", encoding="utf-8")   # the drafter saves meanwhile
        return out

    monkeypatch.setattr(api, "fix_until_stable", slow_fix)
    r = run("--fix", *ONLY, str(f))
    assert f.read_text(encoding="utf-8") == DRAFT + "用户刚刚保存的新段落。\n"
    assert r.exit_code == 2
    assert r.stderr == f"reportlint: {f}: 检查期间文件已被修改，未写入修正（以免覆盖新的修改）；请重新运行 reportlint --fix\n"
    assert leftovers(tmp_path) == []


def test_same_size_same_mtime_edit_is_still_caught(tmp_path, monkeypatch):
    """A change that keeps size and mtime (a fast editor, a coarse clock) is seen in the bytes."""
    import reportlint.api as api

    f = draft(tmp_path)
    st = f.stat()
    real = api.fix_until_stable

    def sneaky(*a, **kw):
        out = real(*a, **kw)
        f.write_bytes(DRAFT.replace("第二", "第三").encode("utf-8"))
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
        return out

    monkeypatch.setattr(api, "fix_until_stable", sneaky)
    r = run("--fix", *ONLY, str(f))
    assert "第三段" in f.read_text(encoding="utf-8") and r.exit_code == 2


def test_file_replaced_at_the_last_moment(tmp_path, monkeypatch):
    import reportlint.writeback as wb

    f = draft(tmp_path)
    real = wb._copy_metadata

    def then_replace(path, fd, st):
        real(path, fd, st)
        tmp = tmp_path / "new"
        tmp.write_text("另一个程序写入的新版本。\n", encoding="utf-8")
        os.replace(tmp, f)

    monkeypatch.setattr(wb, "_copy_metadata", then_replace)
    r = run("--fix", *ONLY, str(f))
    assert f.read_text(encoding="utf-8") == "另一个程序写入的新版本。\n"
    assert "检查期间文件已被替换" in r.stderr and r.exit_code == 2
    assert leftovers(tmp_path) == []


# ----------------------------------------------------------------------- failures leave the file alone
def test_directory_not_writable(tmp_path, monkeypatch):
    import tempfile

    f = draft(tmp_path)

    def deny(**kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", deny)
    r = run("--fix", *ONLY, str(f))
    assert r.stderr == f"reportlint: {f}: 所在目录不可写（没有写入权限），无法安全写入修正，文件未改动\n"
    assert f.read_text(encoding="utf-8") == DRAFT and r.exit_code == 2


def test_disk_full_while_writing_the_temporary_file(tmp_path, monkeypatch):
    import reportlint.writeback as wb

    f = draft(tmp_path)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wb.os, "write", full)
    r = run("--fix", *ONLY, str(f))
    assert r.stderr == f"reportlint: {f}: 无法写回修正（磁盘空间不足），文件未改动\n"
    assert f.read_text(encoding="utf-8") == DRAFT and leftovers(tmp_path) == []


def _no_dac():
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root, and no setpriv to drop the capabilities that bypass permissions")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_real_read_only_directory(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    f = draft(d)
    os.chmod(d, 0o555)
    try:
        proc = subprocess.run([*_no_dac(), sys.executable, "-m", "reportlint", "--fix", *ONLY, str(f)],
                              capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(d, 0o755)
    assert proc.returncode == 2
    assert proc.stderr == f"reportlint: {f}: 所在目录不可写（没有写入权限），无法安全写入修正，文件未改动\n"
    assert f.read_text(encoding="utf-8") == DRAFT


# ----------------------------------------------------------------------- encodings
def test_utf16_without_bom_stays_readable_after_fullwidth_fixes(tmp_path):
    """Issue 12 item 8: ASCII commas made full-width removed the NUL bytes detection relied on."""
    text = "一、主要举措\n\u3000\u3000一是完善制度,二是加强队伍,三是一体推进。\n二、存在的不足\n一是学习不够,\n"
    f = tmp_path / "u16.txt"
    f.write_bytes(text.encode("utf-16-le"))
    r = run("--fix", "--select", "halfwidth-punctuation", str(f))
    assert r.exit_code == 0, r.output
    fixed = text.replace(",", "，")
    assert f.read_bytes() == fixed.encode("utf-16-le")
    from reportlint.readers import read_source

    src = read_source(str(f))
    assert (src.encoding, src.bom, src.text) == ("utf-16-le", b"", fixed)


def test_one_line_utf16_without_bom_loses_its_last_nul_and_is_still_read(tmp_path):
    """The comma was the only NUL byte: the fixed bytes are told as UTF-16 by what they read as."""
    f = tmp_path / "u16.txt"
    f.write_bytes("依法行政,推进".encode("utf-16-le"))
    r = run("--fix", "--select", "halfwidth-punctuation", str(f))
    assert r.exit_code == 0, r.output
    assert f.read_bytes() == "依法行政，推进".encode("utf-16-le") and b"\x00" not in f.read_bytes()


def test_fix_whose_bytes_would_not_read_back_is_not_written(tmp_path, monkeypatch):
    import reportlint.readers.text as text

    f = tmp_path / "u16.txt"
    f.write_bytes("依法行政,推进\n".encode("utf-16-le"))
    before = f.read_bytes()
    real = text.decode

    def misread(data, path):   # as if the fixed bytes no longer looked like UTF-16
        return ("乱码", "gb18030", b"") if b"\x0c\xff" in data else real(data, path)

    monkeypatch.setattr(text, "decode", misread)
    r = run("--fix", "--select", "halfwidth-punctuation", str(f))
    assert f.read_bytes() == before
    assert r.exit_code == 2
    assert r.stderr == f"reportlint: {f}: 修正后的文件将无法再按 UTF-16-LE 正确读取，未写入（请另存为 UTF-8 后再修正）\n"


UNICODE_RULE = """name: fix-test-rare
code: TST911
kind: pattern
severity: error
message: 用生僻字替换
description: 仅供测试：替换为 GBK 以外的字符。
source: 测试用。
patterns: [甲乙]
replacement: 𠀀乙
examples:
  pass: ["乙。", "甲。", "丙。"]
  fail: ["甲乙。", "甲乙丙。", "丁甲乙。"]
"""


def test_replacement_outside_gbk_is_held_back_with_a_notice(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rare.yaml").write_text(UNICODE_RULE, encoding="utf-8")
    sel = ["--rules", str(rules), "--select", "fix-test-rare,fix-test-space", "--rules", TEST_RULES]
    text = "甲乙开展活动12 场。\n"
    f = tmp_path / "gbk.txt"
    f.write_bytes(text.encode("gbk"))
    r = run("--fix", *sel, str(f))
    assert f.read_bytes() == "甲乙开展活动12场。\n".encode("gbk")     # the other fix is applied
    assert r.stderr == f"reportlint: {f}: 有修正含 GBK 编码无法表示的字符（𠀀），未应用；如需应用，请先把文件另存为 UTF-8\n"
    assert "TST911 [fix-test-rare]" in r.stdout and r.exit_code == 1
    # through stdin (an editor's filter pipe): no crash, no text lost
    r = CliRunner().invoke(cli, ["--fix", *sel, "-"], input=text.encode("gbk"))
    assert r.stdout_bytes == "甲乙开展活动12场。\n".encode("gbk")
    assert r.exit_code == 1
    # a UTF-8 file takes the replacement
    f.write_bytes(text.encode("utf-8"))
    run("--fix", *sel, str(f))
    assert f.read_text(encoding="utf-8") == "𠀀乙开展活动12场。\n"


def test_big5_file_fixed_in_big5(tmp_path):
    text = "小龍門鄉2024年法治政府建設情況報告\n一、主要舉措\n開展普法活動,效果明顯。\n"
    f = tmp_path / "big5.txt"
    f.write_bytes(text.encode("big5"))
    r = run("--fix", "--select", "halfwidth-punctuation", str(f))
    assert r.exit_code == 0, r.output
    assert f.read_bytes() == text.replace(",", "，").encode("big5")


def test_group_replacement_keeps_traditional_script(tmp_path):
    """A regex replacement's groups are the text as written, not the normalised (simplified,
    half-width) text the pattern matched: 12 場 becomes 12場, never 12场."""
    text = "開展普法活動12 場，效果明顯。\n"
    f = tmp_path / "big5.txt"
    f.write_bytes(text.encode("big5"))
    r = run("--fix", *ONLY, str(f))
    assert r.exit_code == 0, r.output
    assert f.read_bytes() == text.replace("12 場", "12場").encode("big5")
    g = tmp_path / "utf8.txt"                  # UTF-8 can hold 场: the script must still not change
    g.write_text(text, encoding="utf-8")
    assert run("--fix", *ONLY, str(g)).exit_code == 0
    assert g.read_text(encoding="utf-8") == text.replace("12 場", "12場")


# ----------------------------------------------------------------------- line ends
def test_mixed_cr_and_lf_deleting_a_line_keeps_the_blank_line(tmp_path):
    """Issue 12 item 8: a deleted line merged a bare CR and the next LF into one CRLF."""
    from reportlint.fix import restore_line_endings

    original = "标题\r删掉这一行\n\n正文。\n"
    old = "标题\n删掉这一行\n\n正文。\n"
    new = "标题\n\n正文。\n"
    out = restore_line_endings(original, old, new, "\n")
    assert out.replace("\r\n", "\n").replace("\r", "\n") == new     # the blank line is still there
    assert out == "标题\n\n正文。\n"
    assert restore_line_endings(original, old, new, "\r") == "标题\r\r正文。\n"
    assert restore_line_endings("a\rb\n\nc\r\n", "a\nb\n\nc\n", "a\n\nc\n", "\r\n") == "a\r\n\nc\r\n"


def test_a_fix_that_would_bring_a_zero_width_no_break_space_to_the_head_is_refused(tmp_path):
    # the breadcrumb line is deleted; the next line begins with U+FEFF, which at the head of
    # the file every reader takes for a byte-order mark: refused, saying why, file unchanged
    f = tmp_path / "r.txt"
    data = "首页 > 新闻中心 > 通知公告\n\ufeff某镇2023年法治政府建设情况报告\n一、主要举措和成效\n".encode("utf-8")
    f.write_bytes(data)
    code, out, err = run_cli("--fix", "--select", "web-residue", str(f))
    assert code == 2
    assert err.splitlines()[0] == (f"reportlint: {f}: 修正后文件开头将是一个不可见字符（U+FEFF），会被当作字节顺序标记，"
                                   "未写入；请先删去这个字符再修正")
    assert f.read_bytes() == data and leftovers(tmp_path) == []
