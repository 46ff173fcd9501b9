"""The pre-commit hook, end to end: a throw-away git repository whose
``.pre-commit-config.yaml`` points at this checkout (at its HEAD commit), the real
``pre-commit run --all-files`` and a real ``git commit`` through ``pre-commit install``, in a
mixed repository (reports beside README, CHANGELOG, LICENSE, .github/, code, YAML and the
hook's own config: only the reports are linted, issue 8 item 1).

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


MIXED = {   # a document repository: reports beside files that are never reports
    "README.md": DUPLICATED,                    # each of these would fail if linted as a report
    "CHANGELOG.md": DUPLICATED,
    "LICENSE.txt": DUPLICATED,
    "CONTRIBUTING.md": DUPLICATED,
    "docs/README.md": DUPLICATED,
    ".github/PULL_REQUEST_TEMPLATE.md": DUPLICATED,
    "config.yaml": "name: 报告\nitems: [a, b]\n",
    "tools/collect.py": "print('收集报告')\n",
    "notes.txt.bak": DUPLICATED,
}

PYPI_DOWN = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
             "Temporary failure in name resolution", "Network is unreachable", "ConnectionError",
             "Max retries exceeded", "Name or service not known", "ReadTimeoutError")


def _git(*args, cwd, env=None):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def _config(rev: str, args: str = "[--no-color]") -> str:
    return ("repos:\n"
            f"  - repo: {ROOT.as_posix()}\n"
            f"    rev: {rev}\n"
            "    hooks:\n"
            "      - id: reportlint\n"
            f"        args: {args}\n")


def _pre_commit(args, cwd, env):
    return subprocess.run([str(PRE_COMMIT), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=540, stdin=subprocess.DEVNULL)


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
    # build the hook environment once (pip installs reportlint's dependencies from PyPI);
    # without PyPI that cannot work: skip, saying so
    probe = tmp_path_factory.mktemp("probe")
    subprocess.run(["git", "init", "-q", "."], cwd=probe, check=True, env=e)
    (probe / ".pre-commit-config.yaml").write_text(_config(rev), encoding="utf-8")
    res = _pre_commit(["install-hooks"], probe, e)
    if res.returncode != 0:
        out = res.stdout + res.stderr
        log = Path(e["PRE_COMMIT_HOME"]) / "pre-commit.log"
        out += log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if any(marker in out for marker in PYPI_DOWN):
            pytest.skip("PyPI is unreachable, so pre-commit cannot build the hook environment: "
                        + next(m for m in PYPI_DOWN if m in out))
        pytest.fail(f"pre-commit install-hooks failed:\n{out}")
    return {"rev": rev, "env": e}


def _repo(tmp_path: Path, env, files: dict[str, str], args: str = "[--select, duplicate-heading, --no-color]") -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "."], cwd=repo, check=True, env=env["env"])
    (repo / ".pre-commit-config.yaml").write_text(_config(env["rev"], args), encoding="utf-8")
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env["env"])
    return repo


def _run(tmp_path: Path, env, report: str):
    repo = _repo(tmp_path, env, {"report.txt": report})
    return _pre_commit(["run", "--all-files", "--color", "never"], repo, env["env"])


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


def test_mixed_repository_only_reports_are_linted(tmp_path, env):
    """README, CHANGELOG, LICENSE, .github/, code, YAML, the hook's own config and
    .reportlint.yaml sit beside the reports; all rules run (no --select): only the reports'
    findings count."""
    files = {**MIXED, "reports/2023年度报告.txt": CLEAN.replace("某某镇", "青石镇"),
             ".reportlint.yaml": "ignore: [vague-time]\n"}
    repo = _repo(tmp_path, env, files, args="[--no-color, --select, 'RL2,RL5']")
    res = _pre_commit(["run", "--all-files", "--color", "never", "--verbose"], repo, env["env"])
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "Passed" in out and "检查了 1 个文件" in out, out   # --verbose: the passing hook's output
    # a broken report fails, and is the only file named
    (repo / "reports/2024年度报告.md").write_text(DUPLICATED, encoding="utf-8")
    _git("add", ".", cwd=repo, env=env["env"])
    res = _pre_commit(["run", "--all-files", "--color", "never"], repo, env["env"])
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    named = {ln.split(":")[0] for ln in out.splitlines() if "RL201" in ln}
    assert named == {"reports/2024年度报告.md"}, out


def test_a_real_git_commit_is_blocked_by_a_broken_report_only(tmp_path, env):
    files = {**MIXED, "reports/2023.txt": CLEAN}
    repo = _repo(tmp_path, env, files)
    res = _pre_commit(["install"], repo, env["env"])
    assert res.returncode == 0, res.stdout + res.stderr
    commit = subprocess.run(["git", "commit", "-q", "-m", "reports and the rest"], cwd=repo, env=env["env"],
                            capture_output=True, text=True, timeout=540, stdin=subprocess.DEVNULL)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    (repo / "reports/2024.txt").write_text(DUPLICATED, encoding="utf-8")
    _git("add", ".", cwd=repo, env=env["env"])
    commit = subprocess.run(["git", "commit", "-q", "-m", "a broken report"], cwd=repo, env=env["env"],
                            capture_output=True, text=True, timeout=540, stdin=subprocess.DEVNULL)
    out = commit.stdout + commit.stderr
    assert commit.returncode != 0, out
    assert "reports/2024.txt:5:4: RL201 [duplicate-heading]" in out, out
    assert _git("log", "--format=%s", cwd=repo, env=env["env"]) == "reports and the rest"
    (repo / "reports/2024.txt").write_text(CLEAN.replace("2023", "2024"), encoding="utf-8")
    _git("add", ".", cwd=repo, env=env["env"])
    commit = subprocess.run(["git", "commit", "-q", "-m", "the report mended"], cwd=repo, env=env["env"],
                            capture_output=True, text=True, timeout=540, stdin=subprocess.DEVNULL)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert _git("log", "--format=%s", cwd=repo, env=env["env"]).splitlines() == ["the report mended", "reports and the rest"]
