#!/usr/bin/env python3
"""Findings must not change: snapshot reportlint's JSON output over the seeds and every test
fixture, and compare a later run with the snapshot, byte for byte.

    .venv/bin/python benchmarks/findings.py save  [--out FILE]   # before a change
    .venv/bin/python benchmarks/findings.py check [--out FILE]   # after it: exit 1 on any difference

Every performance step runs ``check`` against the snapshot taken before it. The corpus is
``../shared/seeds/*.txt`` (when present), ``tests/fixtures/**/*.txt|md`` and ``examples/*.txt``;
each file is linted alone, with all rules (``--select ALL``) and with the default selection, in
JSON, so that document structure (parts, title, report year) is compared too. The snapshot
file is JSON lines, one line per (file, selection), and names the first differing files.
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
    for sel in SELECTIONS:
        # one process per selection, all files at once, --jobs 1 when the option exists
        args = [exe, "--format", "json", "--exit-zero", "--config", str(ROOT / "benchmarks" / "empty-config.yaml"), *sel]
        proc = subprocess.run(args + [str(f) for f in files], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode not in (0, 1, 2):
            raise SystemExit(f"reportlint exited with {proc.returncode}: {proc.stderr.strip()}")
        data = json.loads(proc.stdout)
        for entry in data["files"]:
            entry["path"] = str(Path(entry["path"]).resolve().relative_to(ROOT.parent))
            out.append(json.dumps({"selection": " ".join(sel) or "default", **entry},
                                  ensure_ascii=False, sort_keys=True))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--reportlint", default=str(ROOT / ".venv" / "bin" / "reportlint"))
    a = ap.parse_args()
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
