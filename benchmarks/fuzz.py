#!/usr/bin/env python3
"""Fuzz reportlint through the API and the CLI, and count crashes, hangs and invariant breaks.

    .venv/bin/python benchmarks/fuzz.py                      # 10 000 inputs, 30 CPU s limit each
    .venv/bin/python benchmarks/fuzz.py --count 500 --seed 7 --workers 2
    .venv/bin/python benchmarks/fuzz.py --only 4711          # replay one input (prints it)

Each input is made from a seed (``--seed`` and its index), so any finding can be replayed
with ``--only INDEX``. Inputs are, by weight:

* ``report``        report-like texts from the domain's pieces (``tests/textgen.py``: headings,
                    prose, punctuation, dates, placeholders, web residue, directives,
                    traditional script), in UTF-8 (± BOM), GB18030, Big5 (when it fits),
                    UTF-16 LE/BE (± BOM), with LF, CRLF, CR or mixed line ends;
* ``fixture``       a real report (the test fixtures, the held-out set, the seeds when
                    present) in a random encoding and line end, sometimes cut short;
* ``mutated``       either of the above with bytes flipped, inserted, deleted or truncated;
* ``bytes``         random bytes, sometimes behind a magic number (PK, %PDF, OLE2, PNG …);
* ``pathological``  one long line of one piece repeated (spaces, 、, ，, “一是”, brackets,
                    two near-identical long sentences …) of up to ``--max-path`` characters.

For every input (in a worker process; a worker that does not answer within ``--limit``
seconds is killed and the input counted as a hang):

* the bytes are read as a file would be (a refusal is an InputError: fine; anything else is
  a crash);
* invariants: offsets inside the text; line/column those of the offsets; the same findings
  with the other line ends (in the file's own encoding and BOM); ``--fix`` idempotent and leaving no safe fix; the fixed bytes read
  back as the fixed text in the same encoding; the text shrinks by no more than its fixes
  remove;
* every ``--cli-every``-th input also goes through the CLI in-process (``--fix``, ``--diff``,
  JSON) from a temporary file: exit codes, no internal error, one stderr line per problem,
  and the file afterwards is the API's fixed bytes (or untouched).

Prints counts by kind and outcome, and the first failures of each kind with their index.
Exit status 1 when there was any crash, hang or invariant break.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

KINDS = (("report", 50), ("fixture", 15), ("mutated", 20), ("bytes", 12), ("pathological", 3))
ENCODINGS = [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("big5", b""),
             ("utf-16-le", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-be", b"")]
MAGIC = [b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG\r\n\x1a\n", b"{\\rtf1",
         b"\x1f\x8b\x08", b"\x7fELF", b"MZ", b"BM", b"GIF89a", b"Rar!\x1a\x07", b"\xef\xbb\xbf", b"\xff\xfe", b""]
PATHOLOGICAL = [" ", "\u3000", "、", "，", ",", "一是", "法制", "(", "（", "）", "XX", "2023 ", "一、", "首页 > ",
                "a", "1", "—", "<!-- ", "“", "\t", "。"]


def _fixture_texts() -> list[str]:
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    out = []
    for f in files:
        try:
            out.append(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
    return out


def _line_ends(rng: random.Random, text: str) -> str:
    mode = rng.choice(["\n", "\r\n", "\r", "mixed"])
    if mode != "mixed":
        return text.replace("\n", mode)
    return "".join(part + (rng.choice(["\n", "\r\n", "\r"]) if i < text.count("\n") else "")
                   for i, part in enumerate(text.split("\n")))


def _encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    enc, bom = rng.choice(ENCODINGS)
    try:
        return bom + text.encode(enc), f"{enc}{'+bom' if bom else ''}"
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"


def _report(rng: random.Random) -> str:
    from textgen import line_from

    return "\n".join(line_from(rng.choice, rng.randint(0, 14)) for _ in range(rng.randint(1, 40))) + rng.choice(["", "\n"])


def _mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.choice(["flip", "insert", "delete", "truncate", "nul"])
        if not b:
            b.extend(rng.randbytes(4))
        i = rng.randrange(len(b))
        if op == "flip":
            b[i] = rng.randrange(256)
        elif op == "insert":
            b[i:i] = rng.randbytes(rng.randint(1, 4))
        elif op == "delete":
            del b[i:i + rng.randint(1, 4)]
        elif op == "truncate":
            del b[i:]
        else:
            b[i:i] = b"\x00"
    return bytes(b)


def make_input(seed: int, index: int, fixtures: list[str], max_path: int) -> tuple[str, bytes, str]:
    """(kind, bytes, description) for input ``index`` of run ``seed``: deterministic."""
    rng = random.Random(f"{seed}:{index}")
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    if kind == "report":
        text = _line_ends(rng, _report(rng))
        data, enc = _encode(rng, text)
        return kind, data, enc
    if kind == "fixture":
        text = rng.choice(fixtures) if fixtures else _report(rng)
        if rng.random() < 0.3:
            text = text[:rng.randrange(1, len(text) + 1)]
        data, enc = _encode(rng, _line_ends(rng, text))
        return kind, data, enc
    if kind == "mutated":
        base = rng.choice(fixtures) if fixtures and rng.random() < 0.5 else _report(rng)
        data, enc = _encode(rng, _line_ends(rng, base))
        return kind, _mutate(rng, data), f"{enc} mutated"
    if kind == "bytes":
        return kind, rng.choice(MAGIC) + rng.randbytes(rng.randint(0, 2000)), "random"
    piece = rng.choice(PATHOLOGICAL)
    n = rng.choice([100, 1000, 5000, max_path])
    line = (piece * (n // len(piece) + 1))[:n]
    if rng.random() < 0.3:   # two near-identical long sentences
        sentence = "".join(rng.choice("依法行政推进法治政府建设的各项工作，") for _ in range(n // 2))
        line = sentence + "。" + sentence[:-1] + "了。"
    text = rng.choice(["", "青石镇2023年度法治政府建设情况报告\n一、主要举措和成效\n"]) + line + "\n"
    data, enc = _encode(rng, text)
    return kind, data, f"{enc} {piece!r}×{n}"


# ----------------------------------------------------------------------------- the checks
_RULES = None


def _rules():
    global _RULES
    if _RULES is None:
        from reportlint.loader import load_rules

        _RULES = load_rules()
    return _RULES


def check_api(data: bytes) -> list[str]:
    """Invariant breaks for one input through the API (an empty list when all hold)."""
    from reportlint.api import lint_text
    from reportlint.errors import InputError, ReportlintError
    from reportlint.fix import applicable, choose, fix_until_stable
    from reportlint.readers.text import decode, from_bytes
    from reportlint.violation import locate
    from reportlint.writeback import WriteBackError, fixed_bytes

    rules = _rules()
    try:
        src = from_bytes(data, "fuzz.txt")
    except InputError:
        return []          # refused with one line: fine
    breaks = []
    doc, vs = lint_text(src.text, rules)
    starts = [0] + [i + 1 for i, c in enumerate(doc.text) if c == "\n"]
    for v in vs:
        spans = [(v.start, v.end)] + [(r.start, r.end) for r in v.related] + ([(v.fix.start, v.fix.end)] if v.fix else [])
        if any(not (0 <= s <= e <= len(doc.text)) for s, e in spans):
            breaks.append(f"offset outside the text: {v.rule} {spans}")
        loc = locate(doc, v.start, v.end)
        if starts[loc.line - 1] + loc.column - 1 != v.start or starts[loc.end_line - 1] + loc.end_column - 1 != v.end:
            breaks.append(f"line/column not the offset's: {v.rule} {v.start}-{v.end} {loc}")
    base = [(v.rule, v.start, v.end, v.message) for v in vs]
    if "\ufeff" not in src.text:
        for nl in ("\r\n", "\r"):   # the same file with other line ends, in its own encoding
            other = from_bytes(src.bom + src.text.replace("\n", nl).encode(src.encoding), "fuzz.txt")
            if [(v.rule, v.start, v.end, v.message) for v in lint_text(other.text, rules)[1]] != base:
                breaks.append(f"findings differ with line end {nl!r}")
    seen = []

    def lint(t):
        found = lint_text(t, rules)[1]
        seen.append((t, found))
        return found

    new, n, remaining = fix_until_stable(src.text, lint)
    removed = sum(max(0, (f.end - f.start) - len(f.replacement)) for t, found in seen[:-1]
                  for f in choose(t, applicable(found)))
    if len(src.text) - len(new) > removed:
        breaks.append(f"text shrank by {len(src.text) - len(new)} characters, fixes removed {removed}")
    if choose(new, applicable(remaining)):
        breaks.append("a safe fix is left after --fix")
    again, m, _ = fix_until_stable(new, lambda t: lint_text(t, rules)[1])
    if m or again != new:
        breaks.append(f"--fix not idempotent: a second pass fixed {m}")
    try:
        out = fixed_bytes(src, new)
    except WriteBackError as exc:
        # refusals that are right: a BOM-less UTF-16 file, a text that would begin with U+FEFF
        if new.strip() and not (src.encoding.startswith("utf-16") and not src.bom) \
                and not (new.startswith("\ufeff") and not src.bom):
            breaks.append(f"fixed bytes refused: {exc}")
        return breaks
    try:
        _, enc, bom = decode(out, "fuzz.txt")
        back = from_bytes(out, "fuzz.txt").text
    except ReportlintError as exc:
        breaks.append(f"fixed bytes unreadable: {exc}")
        return breaks
    if back != new or bom != src.bom or (enc != src.encoding and not out.isascii()):
        breaks.append(f"fixed bytes read back as {enc} differently")
    if n == 0 and out != data:
        breaks.append("nothing fixed, yet the bytes changed")
    return breaks


def check_cli(data: bytes, index: int) -> list[str]:
    """Invariant breaks for one input through the CLI (in-process), from a temporary file."""
    from click.testing import CliRunner

    from reportlint.cli import main

    def run(*args):
        with CliRunner().isolation() as (out, err, _):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code
        return code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")

    breaks = []
    with tempfile.TemporaryDirectory(prefix="rl-fuzz-") as d:
        f = Path(d) / f"报告{index}.txt"
        f.write_bytes(data)
        code, out, err = run("--format", "json", "--select", "ALL", str(f))
        if code not in (0, 1, 2) or "内部错误" in err or "Traceback" in out + err:
            breaks.append(f"lint: exit {code}, {err.strip()[:200]}")
        if code == 2 and len(err.strip().splitlines()) != 1:
            breaks.append(f"lint: exit 2 with {len(err.strip().splitlines())} stderr lines")
        try:
            json.loads(out)
        except ValueError:
            breaks.append("lint: --format json is not JSON")
        code, out, err = run("--diff", "--select", "ALL", str(f))
        if "内部错误" in err or (code == 1) != bool(out) and code != 2:
            breaks.append(f"--diff: exit {code} with {'a' if out else 'no'} diff")
        if f.read_bytes() != data:
            breaks.append("--diff changed the file")
        code, out, err = run("--fix", "--select", "ALL", str(f))
        if code not in (0, 1, 2) or "内部错误" in err:
            breaks.append(f"--fix: exit {code}, {err.strip()[:200]}")
        after = f.read_bytes()
        if after != data:
            from reportlint.readers.text import from_bytes

            try:
                from_bytes(after, str(f))
            except Exception as exc:  # noqa: BLE001
                breaks.append(f"--fix wrote an unreadable file: {exc}")
        leftovers = [p.name for p in Path(d).iterdir() if p.name != f.name]
        if leftovers:
            breaks.append(f"--fix left files behind: {leftovers}")
    return breaks


def worker(conn, seed: int, fixtures: list[str], max_path: int, cli_every: int) -> None:
    os.environ.setdefault("NO_COLOR", "1")
    _rules()
    while True:
        index = conn.recv()
        if index is None:
            return
        kind, data, desc = make_input(seed, index, fixtures, max_path)
        try:
            breaks = check_api(data)
            if cli_every and index % cli_every == 0:
                breaks += check_cli(data, index)
            conn.send((index, kind, "break" if breaks else "ok", breaks))
        except Exception:  # noqa: BLE001
            conn.send((index, kind, "crash", [traceback.format_exc(limit=6)]))


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Pool:
    """Workers fed one input at a time; one that overruns the limit is killed and replaced.

    The limit is CPU time where /proc tells it (the machine may be shared: wall time would
    count other people's work as our hangs), and at most 30× the limit in wall time (a worker
    blocked without using CPU)."""

    def __init__(self, n: int, args: tuple):
        self.args = args
        self.slots = [self._start() for _ in range(n)]

    def _start(self):
        parent, child = mp.Pipe()
        p = mp.Process(target=worker, args=(child, *self.args), daemon=True)
        p.start()
        return {"proc": p, "conn": parent, "index": None, "since": 0.0, "cpu": 0.0}

    def run(self, indices, limit: float, on_result):
        todo = list(indices)[::-1]
        while todo or any(s["index"] is not None for s in self.slots):
            for i, s in enumerate(self.slots):
                if s["index"] is None and todo:
                    s["index"], s["since"] = todo.pop(), time.monotonic()
                    s["cpu"] = _cpu_seconds(s["proc"].pid) or 0.0
                    s["conn"].send(s["index"])
                if s["index"] is None:
                    continue
                if s["conn"].poll(0.01):
                    try:
                        result = s["conn"].recv()
                    except EOFError:   # the worker died (a crash of the interpreter itself)
                        result = (s["index"], "?", "crash", ["worker process died"])
                        s["proc"].join()
                        self.slots[i] = self._start()
                    else:
                        self.slots[i]["index"] = None
                    on_result(result, time.monotonic() - s["since"])
                    self.slots[i]["index"] = None
                elif self._overrun(s, limit):
                    s["proc"].kill()
                    s["proc"].join()
                    on_result((s["index"], "?", "hang", [f"no answer within {limit:g} CPU seconds"]), limit)
                    self.slots[i] = self._start()

    @staticmethod
    def _overrun(s, limit: float) -> bool:
        wall = time.monotonic() - s["since"]
        if wall > 30 * limit:
            return True
        if wall <= limit:
            return False
        cpu = _cpu_seconds(s["proc"].pid)
        return cpu is None or cpu - s["cpu"] > limit

    def close(self):
        for s in self.slots:
            try:
                s["conn"].send(None)
            except (BrokenPipeError, OSError):
                pass
            s["proc"].join(timeout=5)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--limit", type=float, default=30.0,
                    help="CPU seconds per input (about six lints, and three CLI runs for every tenth) before it counts as a hang")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cli-every", type=int, default=10, help="every N-th input also goes through the CLI")
    ap.add_argument("--max-path", type=int, default=20000, help="longest pathological line")
    ap.add_argument("--only", type=int, help="replay one input: print it and its checks")
    ap.add_argument("--json", help="write the results to this file")
    args = ap.parse_args(argv)
    fixtures = _fixture_texts()

    if args.only is not None:
        kind, data, desc = make_input(args.seed, args.only, fixtures, args.max_path)
        print(f"input {args.only}: {kind}, {desc}, {len(data)} bytes")
        print(repr(data[:2000]))
        t = time.monotonic()
        breaks = check_api(data) + check_cli(data, args.only)
        print(f"{time.monotonic() - t:.2f} s:", breaks or "all invariants hold")
        return 1 if breaks else 0

    counts: Counter = Counter()
    by_kind: Counter = Counter()
    failures: dict[str, list] = {"crash": [], "hang": [], "break": []}
    slowest = []
    started = time.monotonic()

    def on_result(result, elapsed):
        index, kind, status, details = result
        if kind == "?":
            kind = make_input(args.seed, index, fixtures, args.max_path)[0]
        counts[status] += 1
        by_kind[(kind, status)] += 1
        slowest.append((elapsed, index, kind))
        slowest.sort(reverse=True)
        del slowest[5:]
        if status != "ok":
            failures[status].append((index, kind, details))
            print(f"  {status} #{index} ({kind}): {details[0].strip().splitlines()[-1][:200]}", file=sys.stderr, flush=True)
        done = sum(counts.values())
        if done % 500 == 0:
            print(f"  {done}/{args.count}  {dict(counts)}  {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)

    pool = Pool(args.workers, (args.seed, fixtures, args.max_path, args.cli_every))
    try:
        pool.run(range(args.count), args.limit, on_result)
    finally:
        pool.close()
    elapsed = time.monotonic() - started

    print(f"reportlint fuzz: {args.count} inputs (seed {args.seed}), {elapsed:.0f} s, "
          f"{args.workers} workers, limit {args.limit:g} s per input, CLI every {args.cli_every}")
    print(f"  crashes {counts['crash']}   hangs {counts['hang']}   invariant breaks {counts['break']}   "
          f"ok {counts['ok']}")
    for kind, _ in KINDS:
        row = {s: by_kind[(kind, s)] for s in ("ok", "crash", "hang", "break") if by_kind[(kind, s)]}
        print(f"  {kind:<13} {sum(row.values()):>6}  {row}")
    print("  slowest: " + ", ".join(f"#{i} {k} {t:.1f} s" for t, i, k in slowest))
    for status, items in failures.items():
        for index, kind, details in items[:5]:
            print(f"\n{status} #{index} ({kind}; replay: benchmarks/fuzz.py --seed {args.seed} --only {index}):")
            for d in details[:3]:
                print("  " + d.strip().replace("\n", "\n  "))
    if args.json:
        Path(args.json).write_text(json.dumps({"count": args.count, "seed": args.seed, "seconds": round(elapsed),
                                               "counts": dict(counts),
                                               "failures": {k: [(i, kd, d) for i, kd, d in v] for k, v in failures.items()}},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if counts["crash"] or counts["hang"] or counts["break"] else 0


if __name__ == "__main__":
    sys.exit(main())
