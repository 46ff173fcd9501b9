"""The console script's fast path (reportlint.entry): ``reportlint FILE…`` with default options
runs without click and gives byte for byte what ``reportlint.cli.main`` gives; anything else goes
to click."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import FIXTURES, run_cli
from reportlint import entry

REPORTS = FIXTURES / "reports"
FINDINGS = REPORTS / "department_missing_plan_2024.txt"
WARNINGS = REPORTS / "township_no_causes_2022.txt"
CLEAN = REPORTS / "complete_township_2023.txt"


def _run(main, args, env=None):
    return run_cli(*args, env=env, main=main)


def test_commands_are_the_cli_subcommands():
    from reportlint.cli import cli

    assert entry.COMMANDS == frozenset(cli.commands)


@pytest.mark.parametrize("args, expected", [
    (["a.txt"], (["a.txt"], {})),
    (["a.txt", "dir"], (["a.txt", "dir"], {})),
    (["-q", "a.txt", "--strict"], (["a.txt"], {"quiet": True, "strict": True})),
    (["--exit-zero", "--no-color", "a.txt"], (["a.txt"], {"exit_zero": True, "no_color": True})),
    ([], None),
    (["-q"], None),                          # no path: click's usage error
    (["-"], None),                           # standard input
    (["--", "a.txt"], None),
    (["--format", "json", "a.txt"], None),
    (["-f", "json", "a.txt"], None),
    (["--format=json", "a.txt"], None),
    (["--color", "--no-color", "a.txt"], None),   # both: the last one wins, click's way
    (["rules"], None),
    (["check", "a.txt"], None),
    (["--help"], None),
    (["-V"], None),
])
def test_simple_args(args, expected):
    assert entry.simple_args(args) == expected


def _cases(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(FINDINGS, folder / "a.txt")
    shutil.copy(FINDINGS, folder / "b.txt")   # two copies: the corpus phase reports them
    esc = tmp_path / "esc.txt"                 # an escape character in the report's text
    esc.write_text(CLEAN.read_text(encoding="utf-8").replace("。", "\x1b[31m。", 1), encoding="utf-8")
    many = tmp_path / "many.txt"               # more hits of one rule than the text output shows
    many.write_text(CLEAN.read_text(encoding="utf-8") + "推进法制政府建设。\n" * 7, encoding="utf-8")
    broken = tmp_path / "broken"               # a config that does not parse: exit 2, one line
    broken.mkdir()
    (broken / ".reportlint.yaml").write_text("select: [unpaired-problem\n", encoding="utf-8")
    shutil.copy(CLEAN, broken / "a.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 3)
    return [
        [str(FINDINGS)],
        [str(CLEAN)],
        ["-q", str(FINDINGS)],
        ["--strict", str(WARNINGS)],
        [str(WARNINGS)],
        ["--exit-zero", str(FINDINGS)],
        ["--no-color", str(FINDINGS), str(CLEAN)],
        ["--color", str(FINDINGS)],
        [str(folder)],
        [str(tmp_path / "missing.txt"), str(CLEAN)],
        [str(esc)],
        [str(many)],
        [str(bad)],
        [str(broken / "a.txt")],
    ]


def test_fast_path_output_is_clicks(tmp_path):
    from reportlint.cli import main as full

    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    codes, outputs = set(), set()
    for args in _cases(tmp_path):
        fast = _run(entry.main, args, env)
        slow = _run(full, args, env)
        assert fast == slow, args
        codes.add(fast[0])
        outputs.add(fast[1])
    # and the cases really differ from one another (a comparison of empty outputs proves nothing)
    assert codes == {0, 1, 2}
    assert len(outputs) >= 6


def test_fast_path_without_click_and_others_with_it(tmp_path):
    probe = textwrap.dedent("""
        import json, sys
        from reportlint.entry import main
        try:
            main(sys.argv[1:])
        except SystemExit as exc:
            code = exc.code
        print(json.dumps({"click": "click" in sys.modules, "cli": "reportlint.cli" in sys.modules}),
              file=sys.stderr)
    """)
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}

    def loaded(*args):
        out = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True,
                             text=True, timeout=300, stdin=subprocess.DEVNULL)
        return json.loads(out.stderr.strip().splitlines()[-1])

    assert loaded("-q", str(FINDINGS)) == {"click": False, "cli": False}
    assert loaded("--format", "json", str(FINDINGS)) == {"click": True, "cli": True}
    assert loaded("-V") == {"click": True, "cli": True}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_disk_on_standard_output_is_clicks_one_line(tmp_path):
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    got = []
    for fast in ("", "1"):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "reportlint", str(FINDINGS)], stdout=full,
                                  stderr=subprocess.PIPE, text=True, env={**env, "REPORTLINT_NO_FAST": fast},
                                  timeout=300, stdin=subprocess.DEVNULL)
        got.append((proc.returncode, proc.stderr))
    assert got[0] == got[1]
    assert got[0][0] == 2 and got[0][1].startswith("reportlint: 无法把结果写到标准输出（") and \
        got[0][1].count("\n") == 1


def test_console_script_and_module_use_the_fast_path():
    from pathlib import Path

    # pyproject.toml, not the installed metadata: a venv made before this entry point still
    # says cli:main until it is reinstalled (and works: that is click's path)
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    scripts = pyproject.split("[project.scripts]", 1)[1].split("\n[", 1)[0]
    assert [ln.strip() for ln in scripts.strip().splitlines()] == ['reportlint = "reportlint.entry:main"']
    main_py = Path(entry.__file__).with_name("__main__.py")
    assert "from .entry import main" in main_py.read_text(encoding="utf-8")
