#!/usr/bin/env python3
"""Editor speed of the language server, in process (run by hand, not collected by pytest):

    .venv/bin/python benchmarks/lsp_bench.py [--changes 40] [--encoding utf-16]

Drives the real server object (``reportlint.lsp.create_server()``) through its JSON-RPC
protocol, in process and without sockets: ``initialize``, ``didOpen`` of each seed report
(../shared/seeds, else examples/), a few warm-up edits, then ``--changes`` one-character edits
typed in the middle of the report. Each edit is a ``textDocument/didChange`` with the whole new
text (as an editor sends it with full sync), timed from the message to the
``publishDiagnostics`` notification written out, JSON included — the debounce is set to 0 so
only the work is timed, not the wait. Every edit makes a text never seen before, so no cache of
lint results helps; what is reused is what an editor session keeps: configuration, rules,
jieba's dictionary.

Also timed: a code-action request at the cursor on a just-linted text (the lint is reused) and
the fix-all action (re-lints until stable).

Prints medians per seed and over all seeds; README § Performance quotes the all-seed median.
Goal (issue 9): the median re-lint after a one-character change ≤ 20 ms.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


class Sink:
    """The server's output: counts the notifications it writes."""

    def __init__(self):
        self.published = 0
        self.last = b""

    def write(self, data: bytes):
        if b'"textDocument/publishDiagnostics"' in data:
            self.published += 1
        self.last = data

    def close(self):
        pass


def reports() -> list[Path]:
    if SEEDS.is_dir():
        found = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
        if found:
            return found
    print(f"note: {SEEDS} not present; using examples/", file=sys.stderr)
    return sorted(EXAMPLES.glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=40, help="timed one-character edits per report")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--encoding", default="utf-16", choices=["utf-8", "utf-16", "utf-32"])
    args = ap.parse_args()

    from reportlint import __version__
    from reportlint import lsp
    from reportlint.lsp import create_server

    # time the lint itself too, to tell the server's own overhead from the rules' work
    lint_cpu = []
    real_lint = lsp.lint_source

    def timed_lint(*a, **k):
        t0 = time.process_time()
        try:
            return real_lint(*a, **k)
        finally:
            lint_cpu.append(time.process_time() - t0)

    lsp.lint_source = timed_lint

    server = create_server()
    protocol = server.protocol
    sink = Sink()
    protocol.set_writer(sink)
    ids = iter(range(1, 10**9))

    def send(method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            msg["id"] = next(ids)
        protocol.handle_message(json.loads(json.dumps(msg), object_hook=protocol.structure_message))

    send("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "initializationOptions": {"debounceMs": 0},
                        "capabilities": {"general": {"positionEncodings": [args.encoding]}}}, request=True)
    send("initialized", {})

    rows, all_changes, all_cpu, all_lint, all_actions, all_fixall = [], [], [], [], [], []
    for path in reports():
        text = path.read_text(encoding="utf-8")
        uri = path.resolve().as_uri()
        t0 = time.perf_counter()
        send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                       "text": text}})
        first = time.perf_counter() - t0
        middle = len(text) // 2
        version = 1
        times, cpu, lint_part = [], [], []
        for i in range(args.warmup + args.changes):
            version += 1
            # type one character in the middle of the report: a text never linted before
            text = text[:middle + i] + "的" + text[middle + i:]
            before = sink.published
            lint_cpu.clear()
            c0, t0 = time.process_time(), time.perf_counter()
            send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [{"text": text}]})
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            assert sink.published == before + 1, "no publishDiagnostics for the change"
            if i >= args.warmup:
                times.append(dt)
                cpu.append(dc)
                lint_part.append(sum(lint_cpu))
        n = len(server.session.snapshots[uri].violations)
        line = text[:middle].count("\n")
        actions = []
        for _ in range(10):
            t0 = time.perf_counter()
            send("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                "context": {"diagnostics": [], "only": ["quickfix"]}}, request=True)
            actions.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        send("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}}, request=True)
        fixall = time.perf_counter() - t0
        send("textDocument/didClose", {"textDocument": {"uri": uri}})
        rows.append((path.name, len(text), n, first, statistics.median(times), statistics.median(cpu),
                     statistics.median(lint_part), statistics.median(actions), fixall))
        all_changes += times
        all_cpu += cpu
        all_lint += lint_part
        all_actions += actions
        all_fixall.append(fixall)

    print(f"reportlint {__version__} language server, in process; Python {platform.python_version()}, "
          f"{platform.machine()} {platform.system()}; positions in {args.encoding}; "
          f"{args.changes} one-character edits per report after {args.warmup} warm-up edits")
    print(f"{'report':<28} {'chars':>6} {'diags':>5} {'open':>8} {'edit wall':>10} {'edit CPU':>9} "
          f"{'its lint':>9} {'action':>8} {'fix-all':>8}")
    for name, size, n, first, med, cpu, lint_c, act, fa in rows:
        print(f"{name[:28]:<28} {size:>6} {n:>5} {first * 1000:>6.0f}ms {med * 1000:>8.1f}ms {cpu * 1000:>7.1f}ms "
              f"{lint_c * 1000:>7.1f}ms {act * 1000:>6.2f}ms {fa * 1000:>6.0f}ms")
    print(f"median re-lint after a one-character change, all reports: {statistics.median(all_changes) * 1000:.1f} ms "
          f"wall, {statistics.median(all_cpu) * 1000:.1f} ms CPU (goal ≤ 20 ms), of which the lint "
          f"{statistics.median(all_lint) * 1000:.1f} ms CPU; code action on a linted text: "
          f"{statistics.median(all_actions) * 1000:.2f} ms; fix-all: {statistics.median(all_fixall) * 1000:.0f} ms")
    print("(wall time is what an editor waits; on a busy machine CPU time is the steadier figure)")


if __name__ == "__main__":
    main()
