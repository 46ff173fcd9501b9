"""A national-size batch with copy detection: time, peak memory, recall and precision.

    .venv/bin/python benchmarks/corpus_bench.py                  # 50 000 reports, 2 processes
    .venv/bin/python benchmarks/corpus_bench.py --reports 2000   # a quick run

1. **Generate** ``--reports`` reports by mutating the seeds (``../shared/seeds``, else the
   examples): every report gets its own issuer (province · county · township names), a year
   (2019–2024), the statutory parts, and body paragraphs made of the seeds' clauses shuffled,
   dropped and recombined, so two reports are no more alike than two real ones. Then:
   * **planted copies**: ``--copy-rate`` of the reports copy one to three paragraphs of an
     earlier report of another issuer, with that issuer's name replaced by their own, the
     figures changed and, half the time, a clause dropped or added (recall is given for both);
   * **templates**: three county-template paragraphs each appear in ~2 % of the reports
     (learned boilerplate: they must *not* be reported), and every report opens with the
     stock political preamble (shipped boilerplate).
2. **Lint** the directory with copy detection (``--select copied-between-reports``) through the
   corpus phase's hook (:mod:`reportlint.corpus`), in ``--jobs`` worker processes: workers read,
   parse, lint and render their files and compute the signatures; the parent indexes them and
   finds the copies; files with copies are linted again with them. Output: ``--format concise``.
3. **Measure** wall time, CPU time, peak memory of the whole process tree (parent + workers,
   sampled from /proc every 0.2 s; PSS summed: pages the processes share count once) and peak RSS of the parent alone,
   and recall / precision on the planted copies (a planted copy is found when the copy's paragraph is reported with a related place in the
   report it was copied from, or in another copy of the same paragraph).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

HAN = ("安宝北昌城川大德东丰福富阜高光广桂海和河红宏华怀黄吉嘉建江金锦晋京景静九康兰乐黎利连林临龙隆鲁罗马茂梅美"
       "蒙明南宁平浦齐青庆泉仁荣瑞三沙山善上石寿顺泰太唐天通望卫文武西仙祥新兴秀阳耀宜永友玉元云泽长镇正中洲")
PREAMBLE = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面贯彻党的二十大精神，"
            "认真落实中央、省、市关于法治政府建设的决策部署。")
TEMPLATES = [
    "全{kind}统一使用县司法局下发的合法性审核目录清单，重大行政决策事项全部经过合法性审核，审核意见书统一格式、统一编号、统一归档，全年共审核规范性文件和合同{n}件。",
    "严格落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，执法信息在县政府门户网站统一公示，执法记录仪配备率达到百分之百，全年公示执法信息{n}条。",
    "组织开展“八五”普法中期评估迎检工作，按照县普法办统一部署，逐项对照评估指标整理台账资料，形成自查报告报县普法办，全年开展法治宣传活动{n}场次。",
]
HEADINGS = ["一、{y}年度推进法治政府建设的主要举措和成效", "二、存在的不足和原因",
            "三、党政主要负责人履行推进法治建设第一责任人职责情况", "四、{y1}年工作安排"]


def seed_texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        files = sorted((ROOT / "examples").glob("**/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def clause_pool(texts) -> list[str]:
    from reportlint.model import Document

    out = set()
    for t in texts:
        d = Document(t)
        for s, e in d.spans("body"):
            for c in re.split(r"[，。；！？,;]", d.text[s:e]):
                c = c.strip(" \u3000\t")
                if 6 <= len(c) <= 40 and not re.search(r"^[（(一二三四五六七八九十\d]", c):
                    out.add(c)
    return sorted(out)


class Names:
    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def word(self, n):
        return "".join(self.rng.choice(HAN) for _ in range(n))

    def issuer(self):
        while True:
            prov, county, town = self.word(2) + "省", self.word(2) + "县", self.word(self.rng.choice((2, 2, 3)))
            kind = self.rng.choice(("镇", "镇", "乡", "街道"))
            if (county, town) not in self.used:
                self.used.add((county, town))
                return prov, county, town + kind, kind


def paragraph(rng, pool, n=None) -> str:
    n = n or rng.randint(5, 10)
    return "，".join(rng.sample(pool, n)) + "。"


def renumber(rng, text: str) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 99)), text)


def generate(out: Path, n: int, copy_rate: float, seed: int = 7):
    """Write ``n`` reports into ``out``; returns the planted copies (dst, dst line, src, src line)
    and each copied paragraph's group (lines sharing one origin)."""
    rng = random.Random(seed)
    pool = clause_pool(seed_texts())
    names = Names(rng)
    bodies = []         # per report: list of (line number, paragraph text) for copying
    issuers = []
    planted = []        # (dst file, dst line, src file, src line)
    template_users = [set() for _ in TEMPLATES]
    for i in range(n):
        prov, county, town, kind = names.issuer()
        issuers.append(town)
        year = rng.randint(2019, 2024)
        lines = [f"{county}{town}{year}年度法治政府建设情况报告", PREAMBLE]
        copies = []
        if i > 10 and rng.random() < copy_rate:
            src = rng.randrange(0, i)
            for k in rng.sample(range(len(bodies[src])), min(len(bodies[src]), rng.randint(1, 3))):
                src_line, text = bodies[src][k]
                text = text.replace(issuers[src], town)
                text = renumber(rng, text)
                edited = rng.random() < 0.5
                if edited:
                    cl = text.rstrip("。").split("，")
                    if rng.random() < 0.5 and len(cl) > 5:
                        cl.pop(rng.randrange(len(cl)))
                    else:
                        cl.insert(rng.randrange(len(cl)), rng.choice(pool))
                    text = "，".join(cl) + "。"
                copies.append((src, src_line, text, edited))
        body_lines = []
        for h, heading in enumerate(HEADINGS):
            lines.append(heading.format(y=year, y1=year + 1))
            for _ in range(rng.randint(3, 6) if h != 2 else 2):
                text = paragraph(rng, pool)
                if rng.random() < 0.3:
                    text = f"{year}年，{town}" + text
                if rng.random() < 0.15:
                    text = renumber(rng, text + f"全年办理{rng.randint(3, 90)}件。")
                lines.append(text)
                body_lines.append((len(lines), text))
            if h == 0:
                for t, tpl in enumerate(TEMPLATES):
                    if rng.random() < 0.02:
                        lines.append(tpl.format(kind=kind, n=rng.randint(10, 90)))
                        template_users[t].add(i)
                for src, src_line, text, edited in copies:
                    lines.append(text)
                    planted.append((i, len(lines), src, src_line, edited))
        lines.append(f"{county}{town}人民政府" if kind != "街道" else f"{county}{town}办事处")
        lines.append(f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
        bodies.append(body_lines)
        (out / f"r{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return planted, template_users


# ---------------------------------------------------------------------- the run
_W = {}


def _init(paths, select):
    from reportlint.api import Linter
    from reportlint.corpus import Phase
    from reportlint.formatters import Options

    linter = Linter(select=select)
    _W.update(linter=linter, phase=Phase.of(linter, paths), opts=Options(), paths=paths)


def _phase1(i):
    from reportlint import formatters

    r = _W["linter"].run(_W["paths"][i])
    mod = formatters.load("concise")
    return mod.render(r, _W["opts"]), formatters.FileStats.of(r), _W["phase"].signature(r)


def _phase2(job):
    from reportlint import formatters

    i, vs = job
    r = _W["linter"].run(_W["paths"][i], extra=vs)
    return i, formatters.load("concise").render(r, _W["opts"]), formatters.FileStats.of(r), \
        [(v.start, v.end, [(rel.path, rel.loc[0]) for rel in v.related]) for v in vs], \
        [r.doc.position(v.start)[0] for v in vs]


def _rss(pid: int, field: str = "Rss:") -> int:
    """Resident memory of a process; ``Pss:`` counts pages shared with others proportionally,
    so the sum over the tree is what the tree takes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{t}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


class Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak_tree = self.peak_parent = 0
        self.stop = False

    def run(self):
        me = os.getpid()
        while not self.stop:
            parent = _rss(me)
            tree = _rss(me, "Pss:") + sum(_rss(c, "Pss:") for c in _children(me))
            self.peak_parent = max(self.peak_parent, parent)
            self.peak_tree = max(self.peak_tree, tree)
            time.sleep(0.2)


def run(paths, jobs: int, select=("copied-between-reports",)):
    from reportlint.api import Linter
    from reportlint.corpus import Phase
    from reportlint import formatters

    linter = Linter(select=select)
    phase = Phase.of(linter, paths)
    parts, stats = [None] * len(paths), [None] * len(paths)
    t0 = time.perf_counter()
    ctx = mp.get_context("spawn")      # fresh workers: nothing of the generator's memory
    with ctx.Pool(jobs, initializer=_init, initargs=(paths, select)) as pool:
        for i, (part, st, sig) in enumerate(pool.imap(_phase1, range(len(paths)), chunksize=64)):
            parts[i], stats[i] = part, st
            phase.add(sig)
        t1 = time.perf_counter()
        extra = phase.findings()
        t2 = time.perf_counter()
        found = []
        for i, part, st, rel, lines in pool.imap(_phase2, sorted(extra.items()), chunksize=16):
            parts[i], stats[i] = part, st
            for (s, e, related), line in zip(rel, lines):
                found.append((i, line, related))
    out = formatters.load("concise").assemble(parts, stats, formatters.Options())
    t3 = time.perf_counter()
    return out, found, {"phase1": t1 - t0, "index": t2 - t1, "phase2": t3 - t2, "total": t3 - t0,
                        "files_with_copies": len(extra)}


def score(planted, found, n):
    """Recall and precision of the findings against the planted copies."""
    name = {f"r{i:05d}.txt": i for i in range(n)}
    # groups of lines that share one origin: union of planted (dst, src) edges
    parent = {}

    def root(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for d, dl, s, sl, _ in planted:
        a, b = root((d, dl)), root((s, sl))
        if a != b:
            parent[a] = b
    group = lambda x: root(x)                       # noqa: E731
    planted_lines = {(d, dl) for d, dl, _, _, _ in planted} | {(s, sl) for _, _, s, sl, _ in planted}
    reported = {}
    for i, line, related in found:
        reported.setdefault((i, line), []).append(related)
    hit = {False: 0, True: 0}
    for d, dl, s, sl, edited in planted:
        ok = False
        for rels in reported.get((d, dl), []):
            for path, line in rels:
                j = name[os.path.basename(path)]
                if group((j, line)) == group((d, dl)):
                    ok = True
        hit[edited] += ok
    truths = [(i, line) in planted_lines and any(
        group((name[os.path.basename(p)], ln)) == group((i, line)) for p, ln in related) for i, line, related in found]
    true = sum(truths)
    n_edit = sum(1 for p in planted if p[4])
    recall = {"all": (hit[False] + hit[True]) / max(1, len(planted)),
              "renamed": hit[False] / max(1, len(planted) - n_edit), "edited": hit[True] / max(1, n_edit)}
    return recall, true / max(1, len(found)), len(planted), len(found), truths


def _is_template(where, i, line) -> bool:
    text = (where / f"r{i:05d}.txt").read_text(encoding="utf-8").splitlines()[line - 1]
    return text.startswith(("全镇统一使用", "全乡统一使用", "全街道统一使用", "严格落实行政执法公示制度", "组织开展“八五”普法"))


def _limit(issuers: int) -> int:
    from reportlint.corpus._index import boilerplate_threshold

    return boilerplate_threshold(issuers, 0.2, 3, 50)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=50_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--copy-rate", type=float, default=0.1)
    ap.add_argument("--dir", help="generate into this directory (default: a temporary one, removed)")
    args = ap.parse_args(argv)
    try:        # the installed reportlint (editable or not: src/ alone lacks reportlint.rules,
        import reportlint  # noqa: F401   which only the install maps to rules/)
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    where = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="reportlint-corpus-"))
    where.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        planted, templates = generate(where, args.reports, args.copy_rate)
        gen = time.perf_counter() - t
        paths = [str(p) for p in sorted(where.glob("r*.txt"))]
        sampler = Sampler()
        sampler.start()
        import resource

        cpu0 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        out, found, times = run(paths, args.jobs)
        cpu1 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        cpu = sum(b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime for a, b in zip(cpu0, cpu1))
        sampler.stop = True
        sampler.join()
        recall, precision, n_planted, n_found, truths = score(planted, found, len(paths))
        templ = [_is_template(where, i, line) for i, line, _ in found]
        on_templates = sum(templ)
        # a planted copy may land on a template line: count only findings off the templates
        rest = [ok for ok, t in zip(truths, templ) if not t]
        template_lines = sum(len(u) for u in templates)
        print(f"reports: {len(paths)}  (generated in {gen:.0f} s; {n_planted} planted copies; "
              f"{template_lines} template paragraphs in ~2 % of the reports each)")
        print(f"jobs: {args.jobs}   cores: {os.cpu_count()}")
        print(f"wall: {times['total']:.1f} s  (lint + signatures {times['phase1']:.1f} s, index and copies "
              f"{times['index']:.1f} s, files with copies linted again {times['phase2']:.1f} s)")
        print(f"CPU: {cpu:.0f} s (parent and workers; {cpu / len(paths) * 1000:.1f} ms a report); "
              f"load average before the run: {os.getloadavg()[0]:.1f}")
        print(f"peak memory: {sampler.peak_tree / 2**20:.0f} MiB for the process tree (sum of PSS), RSS "
              f"{sampler.peak_parent / 2**20:.0f} MiB for the parent")
        print(f"findings: {n_found} in {times['files_with_copies']} files;  recall {recall['all']:.3f} "
              f"(copies renamed and renumbered {recall['renamed']:.3f}, also a clause added or dropped "
              f"{recall['edited']:.3f});  precision {precision:.3f}")
        print(f"findings on template paragraphs (boilerplate when shared by {_limit(len(paths))} issuers or more): "
              f"{on_templates}; precision without them {sum(rest) / max(1, len(rest)):.3f}")
        print(f"output: {len(out.splitlines())} lines")
    finally:
        if not args.dir:
            shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
