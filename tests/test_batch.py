"""The batch runner (batch.py) and --jobs: worker processes lint, fix and format their own
files, and the output is byte for byte what --jobs 1 prints, for every format and for --fix /
--diff; a bad config stops the run before anything is fixed; worker failures come back as the
serial run reports them; the second-phase hook for checks across reports works end to end
(with a corpus kind defined here). Runs with workers go through a fresh interpreter
(subprocess), never a fork of the test process."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
FORMATS = ["text", "concise", "github", "gitlab", "json", "json-lines", "junit", "sarif"]


def cli(*args, cwd=None, env=None, stdin=None):
    """reportlint in a fresh interpreter: (exit code, stdout bytes, stderr bytes)."""
    proc = subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, input=stdin, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def corpus(tmp_path):
    """Eight fixture reports (enough for workers: batch.MIN_PARALLEL is 4), in a folder."""
    assert len(REPORTS) >= 4, "the fixture reports are missing"
    d = tmp_path / "reports"
    d.mkdir()
    for i, f in enumerate(REPORTS):
        shutil.copyfile(f, d / f"{i:02d}_{f.name}")
    return d


# ----------------------------------------------------------------------------- identity
SWEEP = '''
import json, sys
from click.testing import CliRunner
from reportlint.cli import main

def run(args):
    with CliRunner().isolation() as (out, err, _):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code
    return [code, out.getvalue().decode("utf-8", "surrogateescape"), err.getvalue().decode()]

cases = json.loads(sys.argv[1])
print(json.dumps([[run(case + ["--jobs", j]) for j in ("1", "3")] for case in cases]))
'''


def sweep(cases, cwd=None):
    """Each case (CLI arguments) run with --jobs 1 and --jobs 3, in one fresh interpreter:
    [[(code, stdout, stderr) with -j 1, the same with -j 3], …]."""
    proc = subprocess.run([sys.executable, "-c", SWEEP, json.dumps([[str(a) for a in c] for c in cases])],
                          capture_output=True, text=True, cwd=cwd, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_jobs_output_is_identical_to_serial_for_every_format(corpus):
    cases = [["--format", fmt, "--no-color", corpus] for fmt in FORMATS]
    cases += [["--statistics", "--no-color", corpus], ["-q", "--max-per-rule", "0", corpus],
              ["--diff", corpus], ["--format", "json", "--select", "ALL", corpus]]
    got = sweep(cases)
    for case, (serial, parallel) in zip(cases, got):
        assert serial[0] in (1,) and serial[1], case
        assert parallel == serial, case
    paths = [Path(f["path"]).name for f in json.loads(got[FORMATS.index("json")][1][1])["files"]]
    assert paths == sorted(p.name for p in corpus.iterdir())      # file order


def test_fix_with_jobs_writes_the_same_files_and_says_the_same(tmp_path, corpus):
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    serial = cli("--fix", "--no-color", "-j", "1", corpus)
    parallel = cli("--fix", "--no-color", "-j", "2", other)
    assert serial[0] == parallel[0]
    assert serial[1].replace(str(corpus).encode(), b"D") == parallel[1].replace(str(other).encode(), b"D")
    assert "已修正" in serial[1].decode()
    for f in corpus.iterdir():
        assert f.read_bytes() == (other / f.name).read_bytes()
    changed = [f.name for f in corpus.iterdir() if f.read_bytes() != (FIXTURES / "reports" / f.name[3:]).read_bytes()]
    assert changed, "--fix changed nothing: the test proves nothing"


def test_diff_with_jobs_writes_nothing(corpus):
    before = {f.name: f.read_bytes() for f in corpus.iterdir()}
    code, out, _ = cli("--diff", "-j", "2", corpus)
    assert out.startswith(b"--- a/")
    assert {f.name: f.read_bytes() for f in corpus.iterdir()} == before


def test_stdin_among_files_with_jobs(corpus):
    text = REPORTS[1].read_bytes()       # a report with findings
    files = sorted(corpus.iterdir())
    args = ["--format", "concise", "--stdin-filename", "草稿.txt", files[0], "-", *files[1:]]
    serial = cli(*args, "-j", "1", stdin=text)
    parallel = cli(*args, "-j", "2", stdin=text)
    assert parallel == serial
    assert b"\xe8\x8d\x89\xe7\xa8\xbf.txt:" in serial[1]   # 草稿.txt


def test_jobs_must_be_positive(corpus):
    code, out, err = cli("-j", "0", corpus)
    assert code == 2 and out == b""
    assert err.decode().endswith("错误：'--jobs' / '-j' 的值无效：0 不能小于 1\n")


def test_default_jobs_is_the_usable_cpus():
    from reportlint.batch import default_jobs

    expected = os.process_cpu_count() if hasattr(os, "process_cpu_count") else len(os.sched_getaffinity(0))
    assert default_jobs() == expected


# ----------------------------------------------------------------------------- errors
def test_bad_config_stops_before_any_file_is_fixed(tmp_path, corpus):
    bad = corpus / "zz_bad"
    bad.mkdir()
    shutil.copyfile(REPORTS[0], bad / "r.txt")
    (bad / ".reportlint.yaml").write_text("rules:\n  nosuch: {enabled: false}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in corpus.rglob("*.txt")}
    for jobs in ("1", "2"):
        code, out, err = cli("--fix", "-j", jobs, corpus)
        assert (code, out) == (2, b"")
        assert err.decode() == (f'reportlint: {bad / ".reportlint.yaml"}: 键 "rules.nosuch": 没有名为 "nosuch" 的规则'
                                f'（用 `reportlint rules` 查看全部规则）\n')
        assert {p: p.read_bytes() for p in corpus.rglob("*.txt")} == before


BOOM = '''
KIND = "boom"
SUMMARY = "fails"
OPTIONS = {}
MESSAGE_FIELDS = ()


def check(doc, rule):
    if "崩溃" in doc.text:
        raise RuntimeError("boom in " + doc.path.rsplit("/", 1)[-1])
    return iter(())
'''

RUNNER = '''
import sys, types
for name, source in {modules!r}.items():
    mod = types.ModuleType("reportlint.kinds." + name)
    exec(compile(source, name, "exec"), mod.__dict__)
    sys.modules["reportlint.kinds." + name] = mod
from reportlint.cli import main
main(sys.argv[1:])
'''


def run_with_kinds(modules: dict, *args, cwd=None):
    """The CLI with extra kind modules (which forked workers inherit)."""
    proc = subprocess.run([sys.executable, "-c", RUNNER.format(modules=modules), *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def _rule_file(tmp_path, kind, name, code, message):
    f = tmp_path / f"{name}.yaml"
    f.write_text(f"name: {name}\ncode: {code}\nkind: {kind}\nseverity: warning\nmessage: \"{message}\"\n",
                 encoding="utf-8")
    return f


def test_an_internal_error_in_a_worker_is_reported_as_serial_runs_report_it(tmp_path, corpus):
    rules = _rule_file(tmp_path, "boom", "boom-rule", "XX901", "x")
    target = sorted(corpus.iterdir())[5]
    target.write_text(target.read_text(encoding="utf-8") + "\n崩溃\n", encoding="utf-8")
    got = [run_with_kinds({"boom": BOOM}, "--rules", rules, "-j", j, corpus) for j in ("1", "2")]
    assert got[0] == got[1]
    code, out, err = got[0]
    assert (code, out) == (2, b"")
    assert err.decode().startswith(f"reportlint: 内部错误：RuntimeError: boom in {target.name}（")


CORPUS = FIXTURES / "corpus"


@pytest.fixture
def copies(tmp_path):
    """The corpus fixtures' three reports (two copy from each other) and five others: enough
    files for workers."""
    d = tmp_path / "batch"
    shutil.copytree(CORPUS / "batch", d)
    for i, f in enumerate(REPORTS[:5]):
        shutil.copyfile(f, d / f"z{i}_{f.name}")
    return d


def test_findings_across_reports_are_the_same_with_workers(copies):
    """Signatures in the workers, findings in the parent, the files with findings linted again
    in the workers: the same output as one process, with RL701/RL702 in position order."""
    cases = [["--format", "json", copies, "--previous", CORPUS / "previous"],
             ["--format", "text", "--no-color", copies, "--previous", CORPUS / "previous"],
             ["--format", "sarif", copies]]
    got = sweep(cases)
    for case, (serial, parallel) in zip(cases, got):
        assert parallel == serial, case
    data = json.loads(got[0][0][1])
    codes = {Path(f["path"]).name: [v["code"] for v in f["violations"] if v["code"] in ("RL701", "RL702")]
             for f in data["files"]}
    assert codes["baisha.txt"] == ["RL701"] and "RL702" in codes["qingshi.txt"]
    for f in data["files"]:
        assert f["violations"] == sorted(f["violations"], key=lambda v: (v["offset"], v["end_offset"], v["code"]))


def test_findings_across_reports_can_be_suppressed_and_keep_fix_counts(copies):
    f = copies / "baisha.txt"
    f.write_text("<!-- reportlint-disable-file copied-between-reports -->\n" + f.read_text(encoding="utf-8")
                 + "我镇 2023 年开展普法宣传。\n", encoding="utf-8")
    q = copies / "qingshi.txt"
    q.write_text(q.read_text(encoding="utf-8") + "我镇 2023 年开展普法宣传。\n", encoding="utf-8")
    code, out, err = cli("--format", "json", "--fix", "-j", "2", copies)
    data = {Path(e["path"]).name: e for e in json.loads(out)["files"]}
    assert [v["code"] for v in data["baisha.txt"]["violations"]].count("RL701") == 0
    assert [v["code"] for v in data["qingshi.txt"]["violations"]].count("RL701") == 1
    assert data["qingshi.txt"].get("fixed", 0) > 0      # fixed in the first pass, still counted


# ----------------------------------------------------------------------------- in process
def test_digest_and_parts_in_process(corpus):
    """batch.run in this process (jobs=1): the same parts as the formatter renders directly,
    and Parts gives them back identical whether packed or not."""
    from reportlint import batch, formatters
    from reportlint.api import Linter

    paths = [str(p) for p in sorted(corpus.iterdir())]
    linter = Linter()
    outs = batch.run(linter, paths, batch.Digest("json", formatters.Options()), jobs=1)
    expected = [formatters.load("json").render(Linter().run(p), formatters.Options()) for p in paths]
    assert [o.part for o in outs] == expected
    assert [o.path for o in outs] == paths
    plain = batch.Parts(outs)
    assert list(plain) == expected and not plain._packed

    class Small(batch.Parts):
        PACK_ABOVE = 10

    packed = Small([batch.FileOutput(p, part=x) for p, x in zip(paths, expected)])
    assert packed._packed and list(packed) == expected and packed[1:3] == expected[1:3]
    assert len(packed) == len(expected)


COLLECTED = """
import gc, json, sys, weakref
from reportlint import batch, formatters
from reportlint.api import Linter
from reportlint.model import Document

made = []
init = Document.__init__
def cyclic(self, *a, **k):          # a document only the cyclic collector can free
    init(self, *a, **k)
    self.myself = self
    made.append(weakref.ref(self))
Document.__init__ = cyclic
batch.COLLECT_EVERY = 2
paths = sys.argv[1:]
digest = batch.Digest("json", formatters.Options())
batch._init_worker(Linter(), digest, None, True)
parts = [batch._work((i, p, None, None))[1].part for i, p in enumerate(paths)]
gc.collect()
print(json.dumps([parts, sum(r() is not None for r in made), len(made)]))
"""


def test_collections_in_a_worker_free_every_document(corpus):
    """A worker collects garbage every few files and freezes what survives (batch._collect):
    no document may be alive then, or it would never be freed; and the parts are those of
    a plain lint."""
    from reportlint import formatters
    from reportlint.api import Linter

    paths = [str(p) for p in sorted(corpus.iterdir())]
    proc = subprocess.run([sys.executable, "-c", COLLECTED, *paths], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    parts, alive, made = json.loads(proc.stdout)
    assert made >= len(paths) and alive == 0
    assert parts == [formatters.load("json").render(Linter().run(p), formatters.Options()) for p in paths]


def test_json_chunks_equal_assemble():
    from reportlint import formatters
    from reportlint.formatters import json as fj

    stats = [formatters.FileStats("a"), formatters.FileStats("b", errors=1)]
    parts = ['{\n   "path": "a"\n  }', '{\n   "path": "b\\udcff"\n  }']
    whole = fj.assemble(parts, stats, formatters.Options())
    assert "".join(fj.chunks(parts, stats, formatters.Options())) == whole
    assert json.loads(whole)["summary"]["errors"] == 1
    assert fj.assemble([], [], formatters.Options()).startswith('{\n "version": 1')


def test_json_render_equals_dumping_the_whole_entry(all_rules):
    """render encodes findings one at a time; the text is json.dumps of the whole entry."""
    import json as _json

    from reportlint import formatters
    from reportlint.api import FileResult, lint_text
    from reportlint.formatters import json as fj

    text = REPORTS[0].read_text(encoding="utf-8") * 3
    doc, vs = lint_text(text, all_rules, "x.txt")
    assert len(vs) > 3
    r = FileResult("x.txt", None, doc, vs)
    expected = _json.dumps(fj.file_json(r), ensure_ascii=False, indent=1).replace("\n", "\n  ")
    assert fj.render(r, formatters.Options()) == expected


def test_failure_objects_raise_what_the_worker_raised():
    from reportlint.batch import _Failure
    from reportlint.errors import ConfigError, InputError, ReportlintError

    with pytest.raises(ConfigError, match="^bad$"):
        _Failure.of(ConfigError("bad")).raise_()
    with pytest.raises(ReportlintError, match="^a.txt: 文件不存在$"):   # does not unpickle as itself
        _Failure.of(InputError("a.txt", "文件不存在")).raise_()

    class Odd(Exception):
        def __reduce__(self):
            raise TypeError("no")

    with pytest.raises(Exception) as info:
        _Failure.of(Odd("x")).raise_()
    assert (info.type.__name__, str(info.value)) == ("Odd", "x")


def test_workers_that_cannot_start_mean_a_serial_run(monkeypatch, corpus):
    """No /dev/shm, a process limit: the batch is linted in this process, same output."""
    from reportlint import batch, formatters
    from reportlint.api import Linter

    class NoPool:
        def __init__(self, *a, **k):
            raise OSError(38, "Function not implemented")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    paths = [str(p) for p in sorted(corpus.iterdir())]
    digest = batch.Digest("concise", formatters.Options())
    assert [o.part for o in batch.run(Linter(), paths, digest, jobs=4)] == \
        [o.part for o in batch.run(Linter(), paths, digest, jobs=1)]


def test_a_linter_copy_changes_what_it_is_told_and_shares_the_rest():
    """Linter.replace (records.Record), as batch and the corpus phase copy a linter."""
    from reportlint.api import Linter

    a = Linter(select=("duplicate-heading",), fix=True)
    b = a.replace(fix=False, _baselines={})
    assert (b.fix, b.select, a.fix) == (False, ("duplicate-heading",), True)
    assert b._cache is a._cache and b._baselines is not a._baselines
    with pytest.raises(TypeError, match="Linter has no 'fixx'"):
        a.replace(fixx=False)


def test_a_batch_turns_automatic_collection_off_and_back_on(corpus, monkeypatch):
    """batch.run collects only every few files (_collect), with automatic collection off while
    it runs; the caller's setting is restored afterwards, also when a file fails."""
    import gc

    from reportlint import batch
    from reportlint.api import Linter

    seen = []
    real = batch._lint_one
    monkeypatch.setattr(batch, "_lint_one", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    paths = [str(p) for p in sorted(corpus.iterdir())]
    assert gc.isenabled()
    out = batch.run(Linter(), paths, batch.Digest("text"), jobs=1)
    assert len(out) == len(paths) and seen == [False] * len(paths) and gc.isenabled()
    monkeypatch.setattr(batch, "_lint_one", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        batch.run(Linter(), paths, batch.Digest("text"), jobs=1)
    assert gc.isenabled()
