#!/usr/bin/env python3
"""reportlint benchmarks, run by hand (not collected by pytest):

    .venv/bin/python benchmarks/bench.py [--repeat 9] [--batch 500] [--skip-peers] [--skip-lsp]

Every figure is a median of whole-process runs (a fresh process each, wall clock, CPU time and
peak RSS from ``os.wait4``), except the linearity figure's in-process column and the language
server's re-lint time. The goals are issue 9's:

* **peers, side by side** — reportlint (all rules, ``reportlint FILE``) and each peer run
  *alternately* in one loop, so a busy machine slows them alike: autocorrect-node
  (``autocorrect --lint``), zhlint, and textlint with no rules (what textlint costs before any
  rule runs). They are installed with ``npm`` into ``benchmarks/.peers/`` (git-ignored) on first
  use; with no ``npm`` they are skipped, saying so. Inputs: the largest seed report
  (../shared/seeds, else examples/) and a short opening of it (a few hundred characters).
  Printed: reportlint ÷ peer, wall and CPU (user + system; the steadier figure on a shared
  machine). Goal: < 1 against every peer.
* **jobs** — a directory of ``--batch`` distinct reports (made from the seeds' clauses by
  ``corpus_bench.generate``; ``--batch-copies`` for copies of the seeds instead), ``--jobs 2`` and ``--jobs 1``
  alternately: reports/s and parallel ÷ serial wall. Goals ≥ 300 reports/s, ≤ 0.65.
* **memory** — peak RSS of one report, of the batch (the largest process of the run), and of a
  500 000-character file. Goals ≤ 64 MiB, ≤ 150 MiB, ≤ 150 MiB.
* **linearity** — the seed ×200 against ×20, whole process and in process. Goal ≤ 8×.
* **editor** — ``benchmarks/lsp_bench.py``'s median re-lint after a one-character change.
  Goal ≤ 20 ms.

Before timing, the package's modules are byte-compiled (``compileall``), as an installed wheel's
are: with ``PYTHONDONTWRITEBYTECODE`` set (as in some shells and CI images) an editable checkout
would otherwise recompile changed modules at every start and the figures would measure that.

Paste the summary into README.md (§ Performance) with the machine, the load and the date.
"""
from __future__ import annotations

import argparse
import compileall
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
PEERS_DIR = ROOT / "benchmarks" / ".peers"
PEER_PACKAGES = ["autocorrect-node", "zhlint", "textlint"]
GOALS = {"one": 64, "batch": 150, "big": 150}


class Run:
    __slots__ = ("wall", "cpu", "rss", "code")

    def __init__(self, wall, cpu, rss, code):
        self.wall, self.cpu, self.rss, self.code = wall, cpu, rss, code


def run_cli(argv: list[str], cwd: Path) -> Run:
    """One whole-process run: wall seconds, CPU seconds (user + system), max RSS in MiB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024,
               os.waitstatus_to_exitcode(status))


class Series:
    """Runs of one command; medians of wall and CPU, max of RSS."""

    def __init__(self, name: str, argv: list[str], cwd: Path, ok_codes=(0, 1)):
        self.name, self.argv, self.cwd, self.ok_codes = name, argv, cwd, ok_codes
        self.runs: list[Run] = []

    def once(self, keep=True):
        r = run_cli(self.argv, self.cwd)
        if r.code not in self.ok_codes:
            raise SystemExit(f"{self.name}: {' '.join(self.argv)} exited with {r.code}")
        if keep:
            self.runs.append(r)

    @property
    def wall(self):
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self):
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self):
        return max(r.rss for r in self.runs)


def alternate(series: list[Series], repeat: int, warmup: int = 1) -> None:
    """Run the commands in turn, ``repeat`` rounds after ``warmup`` untimed ones."""
    for _ in range(warmup):
        for s in series:
            s.once(keep=False)
    for _ in range(repeat):
        for s in series:
            s.once()


def reports(given: str | None = None) -> tuple[str, list[Path]]:
    if given:
        return given, sorted(Path(given).glob("*.txt"))
    if SEEDS.is_dir() and sorted(SEEDS.glob("*.txt")):
        return "../shared/seeds", sorted(SEEDS.glob("*.txt"))
    return "examples/", sorted(EXAMPLES.glob("*.txt"))


def opening(text: str, about: int = 400) -> str:
    """The report's first lines, up to about ``about`` characters (whole lines)."""
    out, n = [], 0
    for line in text.splitlines(keepends=True):
        if n and n + len(line) > about:
            break
        out.append(line)
        n += len(line)
    return "".join(out)


def peers(skip: bool) -> tuple[dict[str, list[str]] | None, str]:
    """The peers' command prefixes, installed on first use; or None and why not."""
    if skip:
        return None, "skipped (--skip-peers)"
    bin_dir = PEERS_DIR / "node_modules" / ".bin"
    wanted = {"autocorrect-node": bin_dir / "autocorrect", "zhlint": bin_dir / "zhlint",
              "textlint (no rules)": bin_dir / "textlint"}
    if not all(p.exists() for p in wanted.values()):
        npm = shutil.which("npm")
        if not npm:
            return None, "SKIPPED: npm not found (install Node.js and npm to compare with the peers)"
        PEERS_DIR.mkdir(parents=True, exist_ok=True)
        if not (PEERS_DIR / "package.json").exists():
            (PEERS_DIR / "package.json").write_text('{"name": "reportlint-peers", "private": true}\n')
        print(f"installing {', '.join(PEER_PACKAGES)} into {PEERS_DIR} …", file=sys.stderr)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(PEERS_DIR),
                               *PEER_PACKAGES], stdout=subprocess.DEVNULL)
        if done.returncode or not all(p.exists() for p in wanted.values()):
            return None, "SKIPPED: npm install of the peers failed"
    node = shutil.which("node")
    if not node:
        return None, "SKIPPED: node not found"
    return {"autocorrect-node": [str(wanted["autocorrect-node"]), "--lint"],
            "zhlint": [str(wanted["zhlint"])],
            "textlint (no rules)": [str(wanted["textlint (no rules)"])]}, ""


def peer_version(name: str) -> str:
    pkg = {"autocorrect-node": "autocorrect-node", "zhlint": "zhlint",
           "textlint (no rules)": "textlint"}[name]
    try:
        import json

        return json.loads((PEERS_DIR / "node_modules" / pkg / "package.json").read_text())["version"]
    except Exception:
        return "?"


def lsp_median(changes: int) -> tuple[float | None, str]:
    """The language server's median re-lint (ms), from lsp_bench.py's last summary line."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "lsp_bench.py"), "--changes",
                          str(changes)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    for line in out.stdout.splitlines():
        if line.startswith("median re-lint"):
            try:
                return float(line.split(":", 1)[1].split("ms", 1)[0]), line
            except ValueError:
                pass
    last = (out.stdout + out.stderr).strip().splitlines()
    return None, f"lsp_bench.py gave no median ({last[-1] if last else 'no output'})"


def fmt_ms(s: float) -> str:
    return f"{s * 1000:8.0f} ms" if s >= 0.1 else f"{s * 1000:8.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9, help="runs per measurement (median), ≥ 9 for the peers")
    ap.add_argument("--reportlint", default=str(Path(sys.executable).parent / "reportlint"),
                    help="the reportlint executable (default: next to this Python)")
    ap.add_argument("--batch", type=int, default=500, help="reports in the batch directory")
    ap.add_argument("--batch-repeat", type=int, default=3, help="runs of each batch measurement")
    ap.add_argument("--batch-copies", action="store_true",
                    help="fill the batch with copies of the seeds (every report then copies others: RL701)")
    ap.add_argument("--reports", help="directory of *.txt reports (default: ../shared/seeds, else examples/)")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-lsp", action="store_true")
    ap.add_argument("--lsp-changes", type=int, default=20)
    a = ap.parse_args()
    exe = a.reportlint
    if not Path(exe).exists() and not shutil.which(exe):
        raise SystemExit(f"no reportlint at {exe}")

    import reportlint
    from reportlint import __version__

    compileall.compile_dir(os.path.dirname(reportlint.__file__), quiet=2)
    where, files = reports(a.reports)
    if not files:
        raise SystemExit("no reports to benchmark")
    load0 = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out: list[str] = []

    def say(line=""):
        out.append(line)
        print(line, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = max(files, key=lambda p: p.stat().st_size)
        text = base.read_text(encoding="utf-8", errors="replace")
        seed = tmp / base.name
        seed.write_text(text, encoding="utf-8")
        short = tmp / "opening.txt"
        short.write_text(opening(text), encoding="utf-8")
        empty = tmp / "empty-dir"      # textlint's cwd: no config, so no rules
        empty.mkdir()

        # ── peers side by side ────────────────────────────────────────────────────────────
        found, why = peers(a.skip_peers)
        say(f"## reportlint ÷ peers (medians of {a.repeat} alternating whole-process runs)")
        for label, f in ((f"largest report {base.name}", seed), ("short opening", short)):
            n = len(f.read_text(encoding="utf-8"))
            ours = Series("reportlint", [exe, str(f)], tmp)
            group = [ours]
            if found:
                for name, prefix in found.items():
                    if name == "zhlint":      # zhlint wants a path relative to its cwd
                        group.append(Series(name, prefix + [f.name], f.parent))
                    elif name.startswith("textlint"):
                        group.append(Series(name, prefix + [str(f)], empty))
                    else:
                        group.append(Series(name, prefix + [str(f)], tmp))
            alternate(group, a.repeat)
            say(f"\n{label}, {n} characters")
            say(f"  {'command':<26} {'wall':>11} {'CPU':>11} {'max RSS':>10}  {'ratio wall':>10} {'ratio CPU':>10}")
            for s in group:
                ratio = "" if s is ours else f"{ours.wall / s.wall:10.2f} {ours.cpu / s.cpu:10.2f}"
                ver = "" if s is ours else f" {peer_version(s.name)}"
                say(f"  {(s.name + ver):<26} {fmt_ms(s.wall)} {fmt_ms(s.cpu)} {s.rss:6.1f} MiB  {ratio}")
        if not found:
            say(f"  peers: {why}")

        # ── jobs on a directory ───────────────────────────────────────────────────────────
        batch = tmp / "batch"
        batch.mkdir()
        if a.batch_copies:
            for i in range(a.batch):
                src = files[i % len(files)]
                shutil.copyfile(src, batch / f"{i:03d}_{src.name}")
        else:   # distinct reports: copies of five seeds would all be copies of one another (RL701)
            sys.path.insert(0, str(ROOT / "benchmarks"))
            import corpus_bench

            corpus_bench.generate(batch, a.batch, copy_rate=0.0)
        sizes = [len(p.read_text(encoding="utf-8")) for p in batch.iterdir()]
        serial = Series("--jobs 1", [exe, "-q", "--jobs", "1", str(batch)], tmp)
        parallel = Series("--jobs 2", [exe, "-q", "--jobs", "2", str(batch)], tmp)
        alternate([serial, parallel], a.batch_repeat, warmup=0)
        what = "copies of the seeds" if a.batch_copies else "distinct reports made from the seeds' clauses (corpus_bench.generate)"
        say(f"\n## a directory of {a.batch} {what}, median {int(statistics.median(sizes))} characters "
            f"(medians of {a.batch_repeat})")
        for s in (serial, parallel):
            say(f"  {s.name:<10} {s.wall:7.2f} s wall  {s.cpu:7.2f} s CPU (all processes)  "
                f"{a.batch / s.wall:6.1f} reports/s  max RSS {s.rss:6.1f} MiB (largest process)")
        say(f"  parallel ÷ serial wall: {parallel.wall / serial.wall:.2f} (goal ≤ 0.65); "
            f"{a.batch / parallel.wall:.0f} reports/s with 2 jobs (goal ≥ 300); "
            f"CPU parallel ÷ serial {parallel.cpu / serial.cpu:.2f} (the workers' own start-up and hand-over)")

        # ── memory and linearity ──────────────────────────────────────────────────────────
        big = tmp / "big.txt"
        big.write_text((text * (500_000 // len(text) + 1))[:500_000], encoding="utf-8")
        x20, x200 = tmp / "x20.txt", tmp / "x200.txt"
        x20.write_text(text * 20, encoding="utf-8")
        x200.write_text(text * 200, encoding="utf-8")
        one = Series("one report", [exe, "-q", str(seed)], tmp)
        alternate([one], a.repeat)
        s_big = Series("500 000 characters", [exe, "-q", str(big)], tmp)
        s20 = Series("×20", [exe, "-q", str(x20)], tmp)
        s200 = Series("×200", [exe, "-q", str(x200)], tmp)
        small_repeat = max(3, a.repeat // 3)
        alternate([s_big], small_repeat, warmup=0)
        alternate([s20, s200], small_repeat, warmup=0)
        say("\n## peak RSS (goal)")
        say(f"  one report       {one.rss:6.1f} MiB (≤ {GOALS['one']})")
        say(f"  batch of {a.batch}   {serial.rss:6.1f} MiB (≤ {GOALS['batch']}), --jobs 1; "
            f"{parallel.rss:.1f} MiB per process with --jobs 2")
        say(f"  500 000 chars    {s_big.rss:6.1f} MiB (≤ {GOALS['big']}), {s_big.wall:.2f} s")

        def inproc(path, n):
            """CPU seconds of one lint of ``path`` in a fresh process warmed on the seed (a
            long-lived process's garbage collector would charge the bigger file for what the
            smaller runs left behind)."""
            code = ("import sys, time\nfrom reportlint.api import Linter\nlinter = Linter()\n"
                    "linter.run(sys.argv[1])\nt = time.process_time()\nlinter.run(sys.argv[2])\n"
                    "print(time.process_time() - t)\n")
            times = [float(subprocess.run([sys.executable, "-c", code, str(seed), str(path)],
                                          capture_output=True, text=True, check=True).stdout)
                     for _ in range(n)]
            return statistics.median(times)

        i20, i200 = inproc(x20, small_repeat), inproc(x200, small_repeat)
        say("\n## linearity: the largest report ×200 ÷ ×20 (goal ≤ 8; 10 = exactly linear work)")
        say(f"  whole process: {s20.wall:.2f} s → {s200.wall:.2f} s = {s200.wall / s20.wall:.1f}× wall, "
            f"{s20.cpu:.2f} s → {s200.cpu:.2f} s = {s200.cpu / s20.cpu:.1f}× CPU")
        say(f"  the lint alone (CPU, in a warmed process): {i20:.2f} s → {i200:.2f} s = {i200 / i20:.1f}×")

    # ── editor ────────────────────────────────────────────────────────────────────────────
    if not a.skip_lsp:
        ms, line = lsp_median(a.lsp_changes)
        say("\n## language server (lsp_bench.py, in process)")
        say(f"  {line}" + ("" if ms is None else "  (goal ≤ 20 ms)"))

    load1 = os.getloadavg()
    say(f"\nreportlint {__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · started {started} · load average {load0[0]:.1f} at the start, "
        f"{load1[0]:.1f} at the end")


if __name__ == "__main__":
    main()
