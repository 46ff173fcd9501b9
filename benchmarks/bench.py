#!/usr/bin/env python3
"""reportlint benchmarks, run by hand (not collected by pytest):

    .venv/bin/python benchmarks/bench.py [--repeat 7] [--reportlint PATH]

Measures, as medians over repeated runs (each CLI run is a fresh process, timed by wall clock):

* start-up: ``reportlint --version``; linting a small file with ``--select duplicate-heading``
  (which must not import jieba: checked in-process and printed);
* per-report lint time of the seed-sized reports (../shared/seeds if present, else examples/),
  through the CLI (all rules) and in-process (a warm ``Linter``, so start-up excluded);
* a large synthetic report: one report repeated 100 times;
* throughput: a directory of 50 reports in one CLI run (a county reviewer's batch);
* peak memory (max RSS) of each CLI run, from ``os.wait4``'s rusage (``resource`` module).

Prints a table; paste the figures into README.md (§ Performance) with the machine description.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def run_cli(exe: str, args: list[str], cwd: Path) -> tuple[float, float, int]:
    """One CLI run: (wall seconds, max RSS in MiB, exit code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return wall, rss_kib / 1024, proc.returncode


def median_cli(exe, args, cwd, repeat, warmup=1):
    for _ in range(warmup):
        run_cli(exe, args, cwd)
    runs = [run_cli(exe, args, cwd) for _ in range(repeat)]
    codes = {r[2] for r in runs}
    if codes - {0, 1}:
        raise SystemExit(f"reportlint {' '.join(args)} exited with {codes}: not a lint run")
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def median_inproc(fn, repeat):
    fn()  # warm up (loads rules, jieba dictionary…)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def jieba_loaded_by_select_run(small: Path) -> bool:
    code = ("import sys\nfrom reportlint.cli import main\n"
            "try:\n    main(['--select', 'duplicate-heading', '--no-color', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(str('jieba' in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, str(small)], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL)
    return out.stderr.strip().endswith("True")


def reports(given: str | None = None) -> tuple[str, list[Path]]:
    if given:
        return given, sorted(Path(given).glob("*.txt"))
    if SEEDS.is_dir() and sorted(SEEDS.glob("*.txt")):
        return "../shared/seeds", sorted(SEEDS.glob("*.txt"))
    return "examples/", sorted(EXAMPLES.glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per measurement (median)")
    ap.add_argument("--reportlint", default=str(Path(sys.executable).parent / "reportlint"),
                    help="the reportlint executable (default: next to this Python)")
    ap.add_argument("--copies", type=int, default=100, help="size of the synthetic report, in reports")
    ap.add_argument("--batch", type=int, default=50, help="reports in the batch directory")
    ap.add_argument("--reports", help="directory of *.txt reports (default: ../shared/seeds, else examples/)")
    a = ap.parse_args()
    exe = a.reportlint
    if not Path(exe).exists() and not shutil.which(exe):
        raise SystemExit(f"no reportlint at {exe}")

    from reportlint import __version__
    from reportlint.api import Linter
    from reportlint.loader import load_rules

    where, files = reports(a.reports)
    if not files:
        raise SystemExit("no reports to benchmark")
    rows: list[tuple[str, str, str, str]] = []

    def row(what, size, secs, rss=None):
        rows.append((what, size, f"{secs * 1000:9.1f} ms", f"{rss:6.1f} MiB" if rss else ""))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = tmp / "small.txt"
        small.write_text("某某镇2023年度法治政府建设情况报告\n一、主要举措和成效\n（一）强化组织领导\n"
                         "二、下一年度工作安排\n（一）强化组织领导\n", encoding="utf-8")

        t_version, rss_version = median_cli(exe, ["--version"], tmp, a.repeat)
        row("reportlint --version", "", t_version, rss_version)
        t_select, rss_select = median_cli(exe, ["--select", "duplicate-heading", str(small)], tmp, a.repeat)
        row("small file, --select duplicate-heading", f"{len(small.read_text())} chars", t_select, rss_select)
        jieba = jieba_loaded_by_select_run(small)

        per_cli, per_inproc, sizes = [], [], []
        for f in files:
            t, rss = median_cli(exe, ["--format", "json", str(f)], tmp, a.repeat)
            n = len(f.read_text(encoding="utf-8", errors="replace"))
            sizes.append(n)
            per_cli.append(t)
            row(f"CLI, all rules: {f.name}", f"{n} chars", t, rss)
        t_seed_cli = statistics.median(per_cli)
        row(f"median report ({where}), CLI", f"{int(statistics.median(sizes))} chars", t_seed_cli)

        base = max(files, key=lambda p: p.stat().st_size)
        big = tmp / "big.txt"
        big.write_text(base.read_text(encoding="utf-8", errors="replace") * a.copies, encoding="utf-8")
        nbig = len(big.read_text(encoding="utf-8"))
        t_big, rss_big = median_cli(exe, ["--format", "json", str(big)], tmp, max(3, a.repeat // 2))
        row(f"synthetic: {base.name} × {a.copies}, CLI", f"{nbig} chars", t_big, rss_big)

        batch = tmp / "batch"
        batch.mkdir()
        for i in range(a.batch):
            src = files[i % len(files)]
            shutil.copyfile(src, batch / f"{i:03d}_{src.name}")
        t_batch, rss_batch = median_cli(exe, ["--format", "json", str(batch)], tmp, max(3, a.repeat // 2))
        row(f"batch: directory of {a.batch} reports, one CLI run", "", t_batch, rss_batch)

        # In-process figures come last: a child's max RSS (wait4) counts what it inherited
        # from this process at fork time, so a large in-process run before a CLI run would
        # inflate that run's figure.
        linter = Linter()
        for f in files:
            per_inproc.append(median_inproc(lambda f=f: linter.run(str(f)), a.repeat))
        t_seed_in = statistics.median(per_inproc)
        row(f"median report ({where}), in-process", "", t_seed_in)
        t_big_in = median_inproc(lambda: linter.run(str(big)), max(3, a.repeat // 2))
        row(f"synthetic: {base.name} × {a.copies}, in-process", "", t_big_in)

    n_rules = len(load_rules())
    print(f"reportlint {__version__}, {n_rules} rules · Python {platform.python_version()} · "
          f"{platform.machine()} · {os.cpu_count()} cores · medians of {a.repeat} runs\n")
    w = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{w}}  {'size':>13}  {'median':>12}  {'max RSS':>10}")
    for what, size, t, rss in rows:
        print(f"{what:<{w}}  {size:>13}  {t:>12}  {rss:>10}")
    print()
    print(f"--select duplicate-heading imports jieba: {'YES (should not)' if jieba else 'no'}")
    print(f"small --select run / --version: {t_select / t_version:.2f}×")
    print(f"median seed report, CLI / --version: {t_seed_cli / t_version:.2f}×  "
          f"(lint work in-process: {t_seed_in * 1000:.1f} ms)")
    print(f"synthetic ×{a.copies} / median report, in-process: {t_big_in / t_seed_in:.0f}× "
          f"for {nbig / statistics.median(sizes):.0f}× the text")
    print(f"batch of {a.batch}: {a.batch / t_batch:.1f} reports/s, {t_batch / a.batch * 1000:.0f} ms each "
          f"({t_batch / (a.batch * t_seed_cli):.2f}× the time of {a.batch} separate CLI runs)")


if __name__ == "__main__":
    main()
