"""Neovim as a real client: its built-in LSP client, headless, attached to ``reportlint lsp``
from this environment (tests/nvim_init.lua does the editor's side). Checks what a user sees —
diagnostic positions in the buffer, exact on a line of Han characters with an astral one —
and that a quick fix and fix-all change the buffer, the suggestion (法制) is never applied.

Neovim comes from Debian's ``neovim`` package (``.ci/run`` installs it when it runs as root);
without ``nvim`` on PATH the test is skipped, saying so. ``REPORTLINT_TEST_NVIM`` may name
more Neovim binaries (separated by ``:``) to run the same test with."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_lsp import RULE

HERE = Path(__file__).parent
CONFIG = "extend-rules: [rules]\nselect: [duplicate-heading, fazhi-term, cjk-digit-space, lsp-test-term]\n"
LINE = "（一）𠀋a推进依法行政工作"
TEXT = f"一、主要举措\n{LINE}\n二、工作安排\n{LINE}\n加强法制建设。\n全年办结 35 件。\n"

# Neovim reports diagnostics in bytes of the buffer (0-based, end exclusive), whatever the
# encoding the client and server agreed on: （一） 9 bytes, 𠀋 4, a 1, each Han character 3.
BEFORE = [
    [1, 20, 1, 38, "ZZ901"],    # 依法行政工作 after （一）𠀋a推进
    [3, 9, 3, 38, "RL201"],     # the repeated heading text
    [3, 20, 3, 38, "ZZ901"],
    [4, 6, 4, 12, "RL501"],     # 法制
    [5, 12, 5, 13, "RL402"],    # 全年办结␣35
    [5, 15, 5, 16, "RL402"],    # 35␣件
]
AFTER = [[3, 9, 3, 32, "RL201"], [4, 6, 4, 12, "RL501"]]


def _nvims() -> list[str]:
    found = [shutil.which("nvim")] + os.environ.get("REPORTLINT_TEST_NVIM", "").split(os.pathsep)
    out = []
    for p in found:
        if p and Path(p).is_file() and p not in out:
            out.append(p)
    return out or [None]


def _server_cmd() -> list[str]:
    script = Path(sys.executable).with_name("reportlint")
    return [str(script), "lsp"] if script.is_file() else [sys.executable, "-m", "reportlint", "lsp"]


@pytest.mark.parametrize("encoding", ["", "utf-32"], ids=["negotiated", "utf-32"])
@pytest.mark.parametrize("nvim", _nvims())
def test_neovim_shows_exact_positions_and_applies_fixes(tmp_path, nvim, encoding):
    if nvim is None:
        pytest.skip("nvim not found: install Debian's neovim (apt-get install neovim) to run the Neovim client test")
    pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "term.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text(CONFIG, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    home = tmp_path / "home"
    env = dict(os.environ, RL_FILE=str(draft), RL_OUT=str(out), RL_ROOT=str(tmp_path),
               RL_CMD=json.dumps(_server_cmd()), RL_ENCODING=encoding, HOME=str(home),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    proc = subprocess.run([nvim, "--headless", "--clean", "-u", str(HERE / "nvim_init.lua")], cwd=tmp_path,
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    assert out.is_file(), proc.stderr.decode("utf-8", "replace")
    got = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in got, got
    major, minor = map(int, got["version"].split("."))
    if encoding:
        assert got["encoding"] == encoding
    else:   # 0.10 and later offer utf-8 first; older ones speak UTF-16 (the LSP default)
        assert got["encoding"] == ("utf-8" if (major, minor) >= (0, 10) else "utf-16")

    assert [d[:5] for d in got["diagnostics"]] == BEFORE
    assert {d[5] for d in got["diagnostics"]} == {"reportlint"}

    assert got["suggestions"] == [{"title": "建议：把“法制”改为“法治”（fazhi-term）", "kind": "quickfix",
                                   "preferred": False}]
    assert got["quickfix"] == [{"title": "修正：把“依法行政工作”改为“依法行政”（lsp-test-term）",
                                "kind": "quickfix", "preferred": True}]
    assert got["quickfix_chosen"] is True
    assert got["line2"] == "（一）𠀋a推进依法行政"

    assert [a["kind"] for a in got["fixall"]] == ["source.fixAll.reportlint"]
    assert got["text"] + "\n" == TEXT.replace("依法行政工作", "依法行政").replace("办结 35 件", "办结35件")
    assert [d[:5] for d in got["after"]] == AFTER

    log = home / "state" / "nvim" / "lsp.log"
    for log in (home / "state" / "nvim" / "lsp.log", home / "cache" / "nvim" / "lsp.log"):
        if log.is_file():
            assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
