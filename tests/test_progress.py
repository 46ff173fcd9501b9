"""Progress on stderr for many files, only when stderr is a terminal; never on stdout."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from reportlint import progress

REPORT = "某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n全年办理案件20件。\n"


def _batch(tmp_path, n=12):
    for i in range(n):
        (tmp_path / f"r{i:02}.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


def _env():
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_NO_PROGRESS"}
    env["COLUMNS"] = "100"
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_terminal_gets_a_progress_bar_and_stdout_none(tmp_path):
    d = _batch(tmp_path)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "-f", "concise", "--select", "RL102", str(d)],
                            stdout=subprocess.PIPE, stderr=slave, env=_env())
    os.close(slave)
    err = b""
    while True:
        r, _, _ = select.select([master], [], [], 60)
        if not r:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    out = proc.stdout.read().decode()
    proc.wait(60)
    os.close(master)
    text = err.decode("utf-8", "replace")
    assert "检查" in text and "12/12" in text
    assert "\r" in text                          # redrawn in place
    assert "\x1b" not in out and "\r" not in out and "检查  " not in out
    assert out.count("RL102") == 12


def test_not_a_terminal_nothing_extra(tmp_path):
    d = _batch(tmp_path)
    p = subprocess.run([sys.executable, "-m", "reportlint", "-f", "concise", "--select", "RL102", str(d)],
                       capture_output=True, env=_env())
    assert p.stderr == b""
    assert p.stdout.decode().count("RL102") == 12


def test_wanted_only_for_many_files_on_a_terminal():
    class Tty:
        def isatty(self):
            return True

    class Pipe:
        def isatty(self):
            return False

    assert progress.wanted(progress.MIN_FILES, Tty())
    assert not progress.wanted(progress.MIN_FILES - 1, Tty())
    assert not progress.wanted(100, Pipe())
