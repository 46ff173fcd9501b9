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

Checks across documents (the corpus phase)
------------------------------------------
Checks that compare reports with each other (copies between reports, copies from last year's:
:mod:`reportlint.corpus`) cannot run inside one worker. ``run(…, phase=corpus.Phase.of(…))``
puts the three steps of a :class:`~reportlint.corpus.Phase` where they belong:

1. in the worker, right after a file is linted and formatted: ``phase.signature(result)``
   (a few kilobytes: MinHash signatures of its paragraphs, the issuer), sent back in
   :attr:`FileOutput.signature` -- documents never travel;
2. in the parent, in file order: ``phase.add(signature)`` for each file, then
   ``phase.findings()`` (``{file number: [Violation]}``);
3. in a worker again, for each file with findings only: ``Linter.run(path, extra=findings)``
   (never fixing: the first pass already wrote or showed the fixes, whose count is kept), so
   the findings pass through directives, the baseline and the formatter like any other; the
   file's part and counts are made anew. Files without findings keep their first output.

Everything in steps 2 and 3 depends only on the signatures in file order, so the output does
not depend on ``jobs``. Without a phase (no corpus rule selected, ``--diff``) a batch is one pass.
"""

import os
import sys
from typing import Any, NamedTuple

MIN_PARALLEL = 4          # fewer files than this are linted in this process (workers cost more)
COLLECT_EVERY = 8         # files between two garbage collections (see _collect)
CHUNK = 8                 # files a worker is handed at a time, at most (see _Pool.imap)


def default_jobs() -> int:
    """The number of CPUs this process may use (its affinity mask, not the machine's count)."""
    count = getattr(os, "process_cpu_count", None)   # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class FileOutput:
    """What the command line needs of one linted file (made in the worker that linted it)."""

    def __init__(self, path: str, part: Any = None, stats: Any = None, error: str | None = None,
                 notice: str | None = None, fixed: int = 0, diff: str = "",
                 fixed_text: bytes | None = None, baseline: str | None = None, baselined: int = 0,
                 baseline_unmatched: int = 0, linted: bool = False, entries: list | None = None,
                 signature: Any = None):
        self.path = path
        self.part = part                    # the formatter's render(result, opts); None without a format
        self.stats = stats                  # formatters.FileStats
        self.error, self.notice = error, notice
        self.fixed, self.diff = fixed, diff
        self.fixed_text = fixed_text        # stdin with --fix
        self.baseline, self.baselined, self.baseline_unmatched = baseline, baselined, baseline_unmatched
        self.linted = linted                # the file was read and linted (it has a document)
        self.entries = [] if entries is None else entries   # baseline entries (Digest.baseline_base)
        self.signature = signature          # the corpus phase's signature of the file (step 1)


class Digest(NamedTuple):
    """Turns a linted file into its :class:`FileOutput`, where it was linted.

    ``fmt``: the output format whose ``render`` makes the part (None: no part, e.g. ``--diff``);
    ``baseline_base``: a folder, to collect baseline entries relative to it (``--write-baseline``)."""
    fmt: str | None = None
    opts: Any = None
    baseline_base: str | None = None

    def __call__(self, result) -> FileOutput:
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
def _lint_one(linter, path: str, digest: Digest, phase) -> tuple[FileOutput, Any]:
    """Step 1: lint, format and sign one file."""
    result = linter.run(path)
    out = digest(result)
    if phase is not None and result.path != "-":   # stdin without a name is not compared
        out.signature = phase.signature(result)
    return out, result


def _relint(linter, path: str, digest: Digest, first: FileOutput, extra, kept=None) -> FileOutput:
    """Step 3 for one file: lint it again (never fixing) with its findings across reports."""
    again = linter.replace(fix=False, diff=False, _baselines={})
    if kept is None:
        result = again.run(path, extra=extra)
    else:   # standard input cannot be read twice: lint again what was read
        from .api import FileResult, lint_source

        config = again.config_for(path)
        rules = again.rules_for(config)
        doc, violations = lint_source(kept.source, rules, kept.path, config.parts, extra)
        result = FileResult(kept.path, kept.source, doc, violations)
        again._finish(result, rules, config)
    result.fixed, result.notice = first.fixed, first.notice
    return digest(result)


_linted = 0


def _collect() -> None:
    """A document is a web of objects that refer to each other (sections and their parents),
    freed only by the cyclic garbage collector; the objects of a long lint are promoted to its
    oldest generation, which Python collects rarely, so a batch would grow by every document
    it lints. Automatic collection is off while a batch runs (:func:`run`; forked workers
    inherit that); these are its collections: after the first file and every
    :data:`COLLECT_EVERY` files, when no document is alive (the caller has dropped its
    result). What survives a collection
    (rules, caches, what a file's lint loaded: jieba's dictionary; the batch's outputs, which
    hold no cycles) is frozen out of the next ones, so each costs about the documents it
    frees: collecting everything alive every time cost ~1 ms a file, a seventh of a lint."""
    global _linted
    import gc

    _linted += 1
    if _linted == 1 or _linted % COLLECT_EVERY == 0:
        gc.collect()
        gc.freeze()


# --------------------------------------------------------------------------- workers
_worker: dict = {}


def _init_worker(linter, digest, phase, primed: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    if not primed:                                   # spawned: a fresh interpreter
        from . import regexcache

        regexcache.prime()
    _worker.update(linter=linter, digest=digest, phase=phase)


def _work(item):
    index, path, extra, first = item
    try:
        linter, digest = _worker["linter"], _worker["digest"]
        if extra is None:
            out = _lint_one(linter, path, digest, _worker["phase"])[0]   # the result dropped: see _collect
        else:
            out = _relint(linter, path, digest, first, extra)
        _collect()
        return index, out
    except BaseException as exc:   # sent back, raised in the parent as serial runs raise it
        return index, _Failure.of(exc)


class _Failure(NamedTuple):
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

    def __init__(self, linter, digest, phase, jobs: int, size: int):
        self.args = (linter, digest, phase, min(jobs, size))
        self.pool = None
        self.forked = _context()[1]

    def imap(self, items):
        linter, digest, phase, workers = self.args
        if self.pool is None:
            try:
                from concurrent.futures import ProcessPoolExecutor

                ctx, forked = _context()
                shipped = linter if forked else linter.replace(_cache={}, _baselines={})
                self.pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                                initargs=(shipped, digest, phase, forked))
            except (OSError, ImportError, NotImplementedError):
                return None
        # small chunks: a worker that takes the last one finishes at most one chunk after the
        # others (16 reports were up to 80 ms of one worker alone at the end of a 1.5 s
        # batch); a chunk costs the parent ~0.1 ms of messages (4 reports: 13 ms a batch)
        chunk = max(1, min(CHUNK, len(items) // (4 * workers)))
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
def run(linter, paths: list[str], digest: Digest, jobs: int = 1, phase=None, progress=None) -> list[FileOutput]:
    """Lint ``paths`` (files, or ``-``) and digest each; in file order, whatever ``jobs``.

    ``phase``: a :class:`reportlint.corpus.Phase` (checks across reports) or None;
    ``progress``: a context manager like :func:`reportlint.progress.bar`, advanced once per file."""
    with no_automatic_gc():            # collected every few files instead (_collect)
        return _run(linter, paths, digest, jobs, phase, progress)


class no_automatic_gc:
    """Within the block, no automatic garbage collection (the caller's setting restored after):
    while a batch runs (:func:`_collect` collects instead) and the console script starts
    (:mod:`reportlint.entry`: modules, caches and the lint build many objects, none of them
    garbage worth a collection)."""

    __slots__ = ("was",)

    def __enter__(self) -> None:
        import gc

        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> bool:
        if self.was:
            import gc

            gc.enable()
        return False


def _run(linter, paths, digest, jobs, phase, progress) -> list[FileOutput]:
    for p in dict.fromkeys(paths):     # every config and rule set first: errors before any fix
        linter.rules_for(linter.config_for(p))
    outputs: list[FileOutput | None] = [None] * len(paths)
    kept: dict[int, Any] = {}          # standard input's result, for step 3
    files = [(i, p) for i, p in enumerate(paths) if p != "-"]
    pool = _Pool(linter, digest, phase, jobs, len(files)) if jobs > 1 and len(files) >= MIN_PARALLEL else None
    try:
        with (progress(paths) if progress is not None else _nothing(paths)) as ticks:
            ticks = iter(ticks)
            for i, p in enumerate(paths):
                if p == "-":
                    outputs[i], kept[i] = _lint_one(linter, p, digest, phase)
                    next(ticks, None)
            _pass(linter, digest, phase, pool, [(i, p, None, None) for i, p in files], outputs, ticks,
                  collect=len(paths) > 1)
            for _ in ticks:            # to the end: a progress bar shows every file done
                pass
        if phase is not None:
            for out in outputs:        # step 2, in file order
                phase.add(out.signature)
                out.signature = None
            found = phase.findings()
            if found:
                for i in sorted(found):
                    if i in kept:
                        outputs[i] = _relint(linter, paths[i], digest, outputs[i], found[i], kept[i])
                items = [(i, paths[i], found[i], outputs[i]) for i in sorted(found) if i not in kept]
                _pass(linter, digest, phase, pool, items, outputs, collect=len(paths) > 1)
    except BaseException:
        if pool is not None:
            pool.close(terminate=True)
        raise
    if pool is not None:
        pool.close()
    return outputs


class _nothing:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _pass(linter, digest, phase, pool, items, outputs, ticks=None, collect=True) -> None:
    if pool is not None and pool.pool is None and pool.forked and len(items) > 1:
        # the first file here, before the workers are forked: they inherit what its lint
        # loaded (jieba and the dictionary buckets it needed, modules imported on first use)
        # instead of each loading it again
        _pass(linter, digest, phase, None, items[:1], outputs, ticks)
        items = items[1:]
    results = pool.imap(items) if pool is not None and items else None
    if results is None:
        results = map(_serial(linter, digest, phase, collect), items)
    for index, out in results:
        if isinstance(out, _Failure):
            out.raise_()
        outputs[index] = out
        if ticks is not None:
            next(ticks, None)


def _serial(linter, digest, phase, collect=True):
    """Lint one item here; then :func:`_collect`, unless ``collect`` is false (a run of one
    file, which ends next: a collection there is time for nothing)."""
    def one(item):
        index, path, extra, first = item
        if extra is None:
            out = _lint_one(linter, path, digest, phase)[0]
        else:
            out = _relint(linter, path, digest, first, extra)
        if collect:
            _collect()
        return index, out
    return one
