#!/usr/bin/env python3
"""Findings must not change: snapshot reportlint's JSON output over the seeds and every test
fixture, and compare a later run with the snapshot, byte for byte.

    .venv/bin/python benchmarks/findings.py save  [--out FILE]   # before a change
    .venv/bin/python benchmarks/findings.py check [--out FILE]   # after it: exit 1 on any difference
    .venv/bin/python benchmarks/findings.py jobs                 # --jobs N output == --jobs 1 output

Every performance step runs ``check`` against the snapshot taken before it. The corpus is
``../shared/seeds/*.txt`` (when present), ``tests/fixtures/**/*.txt|md`` and ``examples/*.txt``;
each file is linted alone, with all rules (``--select ALL``) and with the default selection, in
JSON, so that document structure (parts, title, report year) is compared too. The snapshot
file is JSON lines, one line per (file, selection), and names the first differing files.
``save`` and ``check`` run with ``--jobs 1``.

``jobs`` runs the whole corpus in one process per format, with ``--jobs 1`` and ``--jobs 2``
(``--jobs-n``), and compares stdout, stderr and the exit code byte for byte, for every output
format, with ``--statistics``, ``--diff``, and ``--fix`` (on two copies of the corpus, whose
files must end up identical too).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_OUT = ROOT / "benchmarks" / ".findings-snapshot.jsonl"
SELECTIONS = ([], ["--select", "ALL"])


def corpus() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    for pattern in ("*.txt", "*.md", "*.docx"):
        files += sorted((ROOT / "tests" / "fixtures").rglob(pattern))
    files += sorted((ROOT / "examples").glob("*.txt"))
    return files


def run(exe: str, files: list[Path]) -> list[str]:
    out = []
    helps = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    serial = ["--jobs", "1"] if "--jobs" in helps else []   # a reportlint from before --jobs
    for sel in SELECTIONS:
        # one process per selection, all files at once, --jobs 1 when the option exists
        args = [exe, "--format", "json", "--exit-zero", *serial,
                "--config", str(ROOT / "benchmarks" / "empty-config.yaml"), *sel]
        proc = subprocess.run(args + [str(f) for f in files], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode not in (0, 1, 2):
            raise SystemExit(f"reportlint exited with {proc.returncode}: {proc.stderr.strip()}")
        data = json.loads(proc.stdout)
        for entry in data["files"]:
            entry["path"] = str(Path(entry["path"]).resolve().relative_to(ROOT.parent))
            out.append(json.dumps({"selection": " ".join(sel) or "default", **entry},
                                  ensure_ascii=False, sort_keys=True))
    return out


def formats(exe: str) -> list[str]:
    out = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    import re

    m = re.search(r"输出格式（--format）：\n((?: +[a-z][a-z-]* {2,}.*\n)+)", out)
    return [ln.split()[0] for ln in m.group(1).splitlines()] if m else ["text", "json"]


def _comparable(out: bytes):
    """An output as compared: a spreadsheet (a ZIP) by its members but the one that holds
    its creation time (openpyxl writes the time, so two serial runs differ there too)."""
    if not out.startswith(b"PK\x03\x04"):
        return out
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(out)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def jobs(exe: str, files: list[Path], n: int) -> int:
    """Compare ``--jobs 1`` with ``--jobs n`` for every format and fix mode; return failures."""
    import shutil
    import tempfile

    base = [exe, "--exit-zero", "--config", str(ROOT / "benchmarks" / "empty-config.yaml"), "--no-color"]
    cases = [[*sel, "--format", f] for f in formats(exe) for sel in ([], ["--select", "ALL"])]
    cases += [["--statistics"], ["--format", "json", "--statistics", "-q"], ["--diff"], ["--diff", "--unsafe-fixes"]]
    bad = 0
    for case in cases:
        got = []
        for j in ("1", str(n)):
            proc = subprocess.run(base + case + ["--jobs", j] + [str(f) for f in files],
                                  capture_output=True, cwd=ROOT)
            got.append((proc.returncode, _comparable(proc.stdout), proc.stderr))
        same = got[0] == got[1]
        bad += not same
        size = len(got[0][1]) if isinstance(got[0][1], bytes) else sum(map(len, got[0][1].values()))
        print(f"{'same' if same else 'DIFFERENT'}: {' '.join(case)}  ({size} bytes)")
    for extra in ([], ["--unsafe-fixes"]):
        trees, outs = [], []
        for j in ("1", str(n)):
            tmp = Path(tempfile.mkdtemp(prefix="findings-jobs-"))
            copies = []
            for i, f in enumerate(files):
                dst = tmp / f"{i:03d}_{f.name}"
                shutil.copyfile(f, dst)
                copies.append(dst)
            proc = subprocess.run(base + ["--fix", *extra, "--jobs", j] + [str(c) for c in copies],
                                  capture_output=True, cwd=ROOT)
            outs.append((proc.returncode, proc.stdout.replace(str(tmp).encode(), b"TMP"),
                         proc.stderr.replace(str(tmp).encode(), b"TMP")))
            trees.append([c.read_bytes() for c in copies])
            shutil.rmtree(tmp)
        same = outs[0] == outs[1] and trees[0] == trees[1]
        bad += not same
        print(f"{'same' if same else 'DIFFERENT'}: --fix {' '.join(extra)} (output and fixed files)")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "check", "jobs"))
    ap.add_argument("--jobs-n", type=int, default=2, help="jobs compared with --jobs 1 (action jobs)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--reportlint", default=str(ROOT / ".venv" / "bin" / "reportlint"))
    a = ap.parse_args()
    if a.action == "jobs":
        bad = jobs(a.reportlint, corpus(), a.jobs_n)
        print(f"--jobs {a.jobs_n} output {'identical to' if not bad else 'DIFFERS from'} --jobs 1 in "
              f"{'every case' if not bad else f'{bad} cases'}", file=sys.stderr if bad else sys.stdout)
        return 1 if bad else 0
    lines = run(a.reportlint, corpus())
    if a.action == "save":
        a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {len(lines)} entries to {a.out}")
        return 0
    before = a.out.read_text(encoding="utf-8").splitlines()
    if before == lines:
        print(f"findings unchanged: {len(lines)} entries identical")
        return 0
    old = {json.loads(x)["path"] + " " + json.loads(x)["selection"]: x for x in before}
    new = {json.loads(x)["path"] + " " + json.loads(x)["selection"]: x for x in lines}
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    print(f"FINDINGS CHANGED in {len(changed)} of {len(new)} entries:", file=sys.stderr)
    for k in changed[:20]:
        print(f"  {k}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
