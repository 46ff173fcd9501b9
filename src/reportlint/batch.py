"""Linting many files, in this process or in worker processes (``--jobs``), with one output.

:func:`run` lints the files given, in order, and returns one :class:`FileOutput` per file: what
the command line prints or sums of that file (its formatted part, counts, errors, notices,
diff), small and picklable. With ``jobs > 1`` the files are spread over worker processes;
each worker reads, lints, fixes and **formats its own files** (the formatter's ``render``), so
only finished parts travel back, never documents or findings. The parent puts the parts in
file order and the formatter's ``assemble`` makes the output: byte for byte what ``--jobs 1``
prints, for every format and for ``--fix`` / ``--diff``.

    outputs = batch.run(linter, paths, batch.Digest("json", opts), jobs=batch.default_jobs())

Before anything is linted, the configuration and rules of every file are loaded here (an
invalid config stops the run before a single file is fixed, in serial and parallel runs
alike); workers are forked after that and inherit them (``spawn`` where ``fork`` is not safe:
macOS, Windows). Standard input (``-``) is always linted in this process.

Checks across documents (second phase)
--------------------------------------
Checks that compare reports with each other (copies between reports, copies from last year's
report: issue 11) cannot run inside one worker. The hook for them is a **corpus kind**: a kind
module that, besides ``check(doc, rule)``, defines

* ``signature(doc, rule)`` -- runs in the worker, on each document the rule is selected for,
  after its per-document lint; returns something small and picklable (e.g. MinHash signatures
  of its paragraphs, with their offsets). It travels to the parent in :attr:`FileOutput.signatures`.
* ``check_corpus(items, rule)`` -- runs once in the parent, after every file's first pass, with
  ``items`` = ``[(index, path, signature), …]`` in file order; yields ``(index, Hit)``: findings
  for file ``index`` (offsets into that file's text; ``related`` places in other files are the
  kind's to describe in its message fields).

and whose ``check(doc, rule)`` yields ``batch.corpus_hits(doc, rule)``. When ``check_corpus``
found something for a file, that file goes through a **second pass**: a worker lints it again
(no fixing: the first pass already wrote or showed its fixes) with those hits handed to the
rule, so they pass through the engine like any finding -- markup, suppression directives,
position order -- and the file's part and counts are made anew. Files without such findings
keep their first-pass output. Nothing here knows a corpus rule by name; with none selected the
second pass never starts and a batch costs one pass.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from typing import Any

MIN_PARALLEL = 4          # fewer files than this are linted in this process (workers cost more)
COLLECT_EVERY = 8         # files between two garbage collections (see _collect)


def default_jobs() -> int:
    """The number of CPUs this process may use (its affinity mask, not the machine's count)."""
    count = getattr(os, "process_cpu_count", None)   # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class FileOutput:
    """What the command line needs of one linted file (made in the worker that linted it)."""
    path: str
    part: Any = None                  # the formatter's render(result, opts); None without a format
    stats: Any = None                 # formatters.FileStats
    error: str | None = None
    notice: str | None = None
    fixed: int = 0
    diff: str = ""
    fixed_text: bytes | None = None   # stdin with --fix
    baseline: str | None = None
    baselined: int = 0
    baseline_unmatched: int = 0
    linted: bool = False              # the file was read and linted (it has a document)
    entries: list = field(default_factory=list)      # baseline entries (Digest.baseline_base)
    signatures: dict = field(default_factory=dict)   # corpus rule name -> signature (second phase)


@dataclass(frozen=True)
class Digest:
    """Turns a linted file into its :class:`FileOutput`, where it was linted.

    ``fmt``: the output format whose ``render`` makes the part (None: no part, e.g. ``--diff``);
    ``baseline_base``: a folder, to collect baseline entries relative to it (``--write-baseline``)."""
    fmt: str | None = None
    opts: Any = None
    baseline_base: str | None = None

    def __call__(self, result, rules=()) -> FileOutput:
        from . import formatters

        out = FileOutput(result.path, error=result.error, notice=result.notice, fixed=result.fixed,
                         diff=result.diff, fixed_text=result.fixed_text,
                         baseline=getattr(result, "baseline", None),
                         baselined=getattr(result, "baselined", 0),
                         baseline_unmatched=getattr(result, "baseline_unmatched", 0),
                         linted=result.doc is not None)
        if self.fmt is not None:
            out.part = formatters.load(self.fmt).render(result, self.opts or formatters.Options())
        out.stats = formatters.FileStats.of(result)
        if self.baseline_base is not None:
            from pathlib import Path

            from .baseline import file_entries

            out.entries = file_entries(result, Path(self.baseline_base))
        if result.doc is not None:
            for rule in rules:
                sign = getattr(rule.module, "signature", None)
                if sign is not None and hasattr(rule.module, "check_corpus"):
                    out.signatures[rule.name] = sign(result.doc, rule)
        return out


class Parts:
    """The formatted parts of a batch's files, in file order, as a sequence for a formatter's
    ``assemble`` or ``chunks``. A batch's JSON can be large (a full report's part is about
    100 kB); once the parts held exceed :data:`PACK_ABOVE` characters, the text parts are kept
    compressed and unpacked one at a time as the output is written."""

    PACK_ABOVE = 8_000_000

    def __init__(self, outputs):
        self._items = []
        self._size = 0
        self._packed = False
        for out in outputs:
            self.append(out.part)
            out.part = None

    def append(self, part) -> None:
        if isinstance(part, str):
            self._size += len(part)
            if not self._packed and self._size > self.PACK_ABOVE:
                self._packed = True
                self._items = [self._pack(p) for p in self._items]
            if self._packed:
                part = self._pack(part)
        self._items.append(part)

    @staticmethod
    def _pack(part):
        if isinstance(part, str):
            import zlib

            return _Packed(zlib.compress(part.encode("utf-8", "surrogatepass"), 1))
        return part

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        p = self._items[i]
        return p.text() if isinstance(p, _Packed) else p

    def __iter__(self):
        return (self[i] for i in range(len(self)))


class _Packed:
    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def text(self) -> str:
        import zlib

        return zlib.decompress(self.data).decode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- one file
_hits: dict = {}          # (path, rule name) -> [Hit]: the second pass's corpus findings


def corpus_hits(doc, rule) -> list:
    """The findings :func:`run` found for this document with ``rule``'s ``check_corpus`` (in the
    second pass; empty otherwise). A corpus kind's ``check`` yields them."""
    return _hits.get((doc.path, rule.name), [])


def _lint_one(linter, path: str, digest: Digest) -> tuple[FileOutput, Any]:
    result = linter.run(path)
    rules = ()
    if result.doc is not None:
        rules = linter.rules_for(linter.config_for(path))
    return digest(result, rules), result


def _relint(linter, path: str, digest: Digest, first: FileOutput, hits: dict, kept=None) -> FileOutput:
    """The second pass of one file: lint it again (never fixing) with its corpus hits."""
    _hits.clear()
    _hits.update(((first.path, name), hs) for name, hs in hits.items())
    try:
        if kept is not None:    # standard input: lint what was read, it cannot be read again
            from .api import FileResult, lint_source

            config = linter.config_for(path)
            rules = linter.rules_for(config)
            doc, violations = lint_source(kept.source, rules, kept.path, config.parts)
            result = FileResult(kept.path, kept.source, doc, violations)
            linter._finish(result, rules, config)
        else:
            result = replace(linter, fix=False, diff=False, _cache=linter._cache,
                             _baselines=linter._baselines).run(path)
    finally:
        _hits.clear()
    result.fixed, result.diff, result.fixed_text = first.fixed, first.diff, first.fixed_text
    result.notice = first.notice
    if first.error:
        result.error = first.error
    out = digest(result)
    out.signatures = first.signatures
    return out


_linted = 0


def _collect() -> None:
    """A document is a web of objects that refer to each other (sections and their parents),
    freed only by the cyclic garbage collector; the objects of a long lint are promoted to its
    oldest generation, which Python collects rarely, so a batch would grow by every document
    it lints. Collect every :data:`COLLECT_EVERY` files instead; what lived before the batch
    (rules, caches) is frozen out of those collections, so each costs about one document."""
    global _linted
    import gc

    if _linted == 0:
        gc.freeze()
    _linted += 1
    if _linted % COLLECT_EVERY == 0:
        gc.collect()


# --------------------------------------------------------------------------- workers
_worker: dict = {}


def _init_worker(linter, digest, primed: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    if not primed:                                   # spawned: a fresh interpreter
        from . import regexcache

        regexcache.prime()
    _worker["linter"], _worker["digest"] = linter, digest


def _work(item):
    index, path, hits, first = item
    try:
        linter, digest = _worker["linter"], _worker["digest"]
        if hits is None:
            out, _ = _lint_one(linter, path, digest)
        else:
            out = _relint(linter, path, digest, first, hits)
        _collect()
        return index, out
    except BaseException as exc:   # sent back, raised in the parent as serial runs raise it
        return index, _Failure.of(exc)


@dataclass
class _Failure:
    name: str
    message: str
    reportlint: bool
    exc: Any = None

    @classmethod
    def of(cls, exc: BaseException) -> "_Failure":
        import pickle

        from .errors import ReportlintError

        try:
            pickle.loads(pickle.dumps(exc))
            kept = exc
        except Exception:
            kept = None
        return cls(exc.__class__.__name__, str(exc), isinstance(exc, ReportlintError), kept)

    def raise_(self):
        if self.exc is not None:
            raise self.exc
        if self.reportlint:
            from .errors import ReportlintError

            raise ReportlintError(self.message)
        raise type(self.name, (Exception,), {})(self.message)


def _context():
    import multiprocessing as mp

    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork"), True
    return mp.get_context("spawn"), False


class _Pool:
    """Worker processes (:class:`concurrent.futures.ProcessPoolExecutor`: a worker that dies
    fails the run instead of hanging it), started on first use. :meth:`imap` returns None when
    they cannot be started (no /dev/shm, a process limit): the caller lints in this process."""

    def __init__(self, linter, digest, jobs: int, size: int):
        self.args = (linter, digest, min(jobs, size))
        self.pool = None

    def imap(self, items):
        linter, digest, workers = self.args
        if self.pool is None:
            try:
                from concurrent.futures import ProcessPoolExecutor

                ctx, forked = _context()
                shipped = linter if forked else replace(linter, _cache={}, _baselines={})
                self.pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                                initargs=(shipped, digest, forked))
            except (OSError, ImportError, NotImplementedError):
                return None
        chunk = max(1, min(16, len(items) // (4 * workers)))
        try:
            return self.pool.map(_work, items, chunksize=chunk)
        except OSError:      # the processes could not be started
            self.close(terminate=True)
            return None

    def close(self, terminate: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=terminate)
            self.pool = None


# --------------------------------------------------------------------------- the batch
def run(linter, paths: list[str], digest: Digest, jobs: int = 1) -> list[FileOutput]:
    """Lint ``paths`` (files, or ``-``) and digest each; in file order, whatever ``jobs``."""
    for p in dict.fromkeys(paths):     # every config and rule set first: errors before any fix
        linter.rules_for(linter.config_for(p))
    outputs: list[FileOutput | None] = [None] * len(paths)
    kept: dict[int, Any] = {}          # standard input's result, for a second pass
    files = [(i, p) for i, p in enumerate(paths) if p != "-"]
    for i, p in enumerate(paths):
        if p == "-":
            outputs[i], kept[i] = _lint_one(linter, p, digest)
    pool = _Pool(linter, digest, jobs, len(files)) if jobs > 1 and len(files) >= MIN_PARALLEL else None
    try:
        _pass(linter, digest, pool, [(i, p, None, None) for i, p in files], outputs)
        second = _corpus(linter, paths, outputs)
        if second:
            items = [(i, paths[i], hits, outputs[i]) for i, hits in sorted(second.items()) if i not in kept]
            for i in kept:
                if i in second:
                    outputs[i] = _relint(linter, paths[i], digest, outputs[i], second[i], kept[i])
            _pass(linter, digest, pool, items, outputs)
    except BaseException:
        if pool is not None:
            pool.close(terminate=True)
        raise
    if pool is not None:
        pool.close()
    return outputs


def _pass(linter, digest, pool, items, outputs) -> None:
    results = pool.imap(items) if pool is not None and items else None
    if results is None:
        results = map(_serial(linter, digest), items)
    for index, out in results:
        if isinstance(out, _Failure):
            out.raise_()
        outputs[index] = out


def _serial(linter, digest):
    def one(item):
        index, path, hits, first = item
        if hits is None:
            out = _lint_one(linter, path, digest)[0]
        else:
            out = _relint(linter, path, digest, first, hits)
        _collect()
        return index, out
    return one


def _corpus(linter, paths, outputs) -> dict[int, dict[str, list]]:
    """The second phase: each corpus rule's ``check_corpus`` over the signatures of the files
    it ran on; returns ``{file index: {rule name: [Hit]}}`` for the files it found something in."""
    by_rule: dict[str, list] = {}
    for i, out in enumerate(outputs):
        for name, sig in (out.signatures if out is not None else {}).items():
            by_rule.setdefault(name, []).append((i, out.path, sig))
    found: dict[int, dict[str, list]] = {}
    for name, items in by_rule.items():
        first = items[0][0]
        rule = next(r for r in linter.rules_for(linter.config_for(paths[first])) if r.name == name)
        for index, hit in rule.module.check_corpus(items, rule):
            found.setdefault(index, {}).setdefault(name, []).append(hit)
    return found
