"""The pre-commit hook, end to end: a throw-away git repository whose
``.pre-commit-config.yaml`` points at this checkout (at its HEAD commit), and the real
``pre-commit run --all-files``.

pre-commit clones the checkout at the committed revision, so this tests committed code
only -- which is what CI (a fresh clone) runs. The hook environment is built once per
module, in a temporary PRE_COMMIT_HOME.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / ("pre-commit.exe" if os.name == "nt" else "pre-commit")

pytestmark = pytest.mark.slow

CLEAN = """\
某某镇2023年度法治政府建设情况报告
一、主要举措和成效
（一）强化组织领导
（二）推进依法行政
二、存在的不足和原因
（一）法治意识不强
三、下一年度工作安排
（一）加强学习培训
"""

DUPLICATED = """\
某某镇2023年度法治政府建设情况报告
一、主要举措和成效
（一）加强执法队伍建设
二、下一年度工作安排
（一）加强执法队伍建设
"""


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not PRE_COMMIT.exists():
        pytest.skip(f"pre-commit is not installed next to {sys.executable} (pip install -e '.[test]')")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, so pre-commit cannot clone it")
    rev = _git("rev-parse", "HEAD", cwd=ROOT)
    e = dict(os.environ)
    e["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    e.pop("PRE_COMMIT_COLOR", None)
    # a git identity for the throw-away repositories, whatever the machine has
    e.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
             GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return {"rev": rev, "env": e}


def _run(tmp_path: Path, env, report: str):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "."], cwd=repo, check=True, env=env["env"])
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT.as_posix()}\n"
        f"    rev: {env['rev']}\n"
        "    hooks:\n"
        "      - id: reportlint\n"
        "        args: [--select, duplicate-heading, --no-color]\n",
        encoding="utf-8")
    (repo / "report.txt").write_text(report, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env["env"])
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files", "--color", "never"], cwd=repo,
                          env=env["env"], capture_output=True, text=True, timeout=540,
                          stdin=subprocess.DEVNULL)


def test_hook_fails_on_duplicated_heading(tmp_path, env):
    res = _run(tmp_path, env, DUPLICATED)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "duplicate-heading" in out, out
    assert "report.txt" in out, out


def test_hook_passes_on_clean_report(tmp_path, env):
    res = _run(tmp_path, env, CLEAN)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "Passed" in out, out
