"""The ``reportlint`` console script: the common ``reportlint FILE…`` without click.

Importing click and building the command line (:mod:`reportlint.cli`: some thirty options,
Chinese framing) is about a sixth of a cold ``reportlint report.txt``, the most common call
there is — from a shell, a pre-commit hook, an editor's "lint on save". So :func:`main` looks
at the arguments first: when they are only paths to lint with the default options, or with
the flags below that change nothing but the exit code or the summary line, it runs the lint
itself; anything else (another option, a subcommand, ``-`` for standard input, no argument,
``--help``) goes to :func:`reportlint.cli.main`, which parses everything with click.

The fast path does what ``check`` does with the same arguments — same output, stderr lines and
exit codes (``tests/test_entry.py`` runs both on the same inputs and compares them byte for
byte) — using the same pieces (:class:`~reportlint.api.Linter`, :mod:`reportlint.discover`,
the corpus phase, :mod:`reportlint.batch`, the formatters). Text goes out as ``click.echo``
would write it: straight to the stream when it is UTF-8 and the text holds no escape sequence;
otherwise (a colour code to strip, another encoding) through ``click.echo`` itself.

Flags the fast path takes: ``-q``/``--quiet``, ``--strict``, ``--exit-zero``, ``--no-color``,
``--color``. ``REPORTLINT_NO_FAST=1`` in the environment sends every call to click (to tell
the two apart when something looks wrong). Keep :data:`COMMANDS` equal to the subcommands of :mod:`reportlint.cli` (a test
checks it).
"""
from __future__ import annotations

import os
import sys

COMMANDS = frozenset({"check", "rules", "explain", "schema", "lsp"})
FLAGS = {"-q": "quiet", "--quiet": "quiet", "--strict": "strict", "--exit-zero": "exit_zero",
         "--no-color": "no_color", "--color": "color"}
EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def simple_args(args: list[str]) -> tuple[list[str], dict] | None:
    """``(paths, flags)`` when ``args`` are paths and fast-path flags only, else None."""
    if not args or args[0] in COMMANDS:
        return None
    paths, flags = [], {}
    for a in args:
        if a.startswith("-"):      # an option, "-" (standard input), "--": click decides
            if a not in FLAGS:
                return None
            flags[FLAGS[a]] = True
        else:
            paths.append(a)
    if not paths or ("color" in flags and "no_color" in flags):   # both: click's order decides
        return None
    return paths, flags


def _utf8(stream) -> bool:
    enc = getattr(stream, "encoding", None) or ""
    return enc.lower().replace("_", "-") in ("utf-8", "utf8")


def _echo(text: str, err: bool = False, nl: bool = True, color=None) -> None:
    """``click.echo(text, err=err, nl=nl, color=color)``, without importing click when the
    result is the same: a UTF-8 text stream, not on Windows, and no escape sequence that click
    would strip (it keeps them only with ``color=True``)."""
    stream = sys.stderr if err else sys.stdout
    if ("\x1b" in text and color is not True) or not _utf8(stream) or sys.platform.startswith("win"):
        import click

        click.echo(text, err=err, nl=nl, color=color)
        return
    stream.write(text + "\n" if nl else text)
    stream.flush()


def _check(paths: list[str], quiet=False, strict=False, exit_zero=False, no_color=False,
           color=False):
    """``check`` of :mod:`reportlint.cli` with its default options (and the flags given)."""
    from . import batch, formatters
    from .api import FileResult, Linter
    from .corpus import Phase
    from .discover import expand_paths
    from .progress import bar

    linter = Linter(config_file=None, rule_paths=(), select=(), ignore=(), extend_select=(), fix=False,
                    diff=False, unsafe_fixes=False, stdin_filename="-", max_file_size=None,
                    baseline=None, no_baseline=False, report_year=None)
    files, missing = expand_paths(list(paths), (), lambda d: linter.config_for(str(d / "_")).exclude,
                                  force_exclude=False)
    choice = True if color else False if no_color else None    # never both (simple_args)
    use_color = choice if choice is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    opts = formatters.Options(color=use_color, quiet=quiet, max_per_rule=5, statistics=False,
                              fix_mode=False)
    phase = Phase.of(linter, files, None)
    digest = batch.Digest("text", opts, baseline_base=None)
    results = batch.run(linter, files, digest, jobs=batch.default_jobs(), phase=phase, progress=bar)
    results += [digest(FileResult(e.path, error=e.problem)) for e in missing]
    for r in results:
        if r.error:
            _echo(f"reportlint: {formatters.printable(r.path)}: {r.error}", err=True)
    for r in results:
        if r.notice:
            _echo(f"reportlint: {formatters.printable(r.path)}: {r.notice}", err=True)
    unmatched: dict = {}       # baselines named in a config, as cli._baseline_notes
    for r in results:
        if r.baseline is not None:
            unmatched[r.baseline] = unmatched.get(r.baseline, 0) + r.baseline_unmatched
    for path, n in unmatched.items():
        if n:
            _echo(f"reportlint: 基线 {path} 中有 {n} 条记录已不再出现（问题已改正，或所在文字已改动），"
                  f"可用 --write-baseline 重新生成。", err=True)
    mod = formatters.load("text")
    out = next(formatters.output_chunks(mod, batch.Parts(results), [r.stats for r in results], opts))
    if out:
        _echo(out, color=use_color)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if not exit_zero and any(r.stats.errors or (strict and r.stats.warnings) for r in results):
        sys.exit(EXIT_VIOLATIONS)
    sys.exit(EXIT_OK)


def _fast_possible() -> bool:
    """The text formatter writes its output whole (one that writes in pieces goes to click)."""
    from . import formatters

    return getattr(formatters.load("text"), "chunks", None) is None


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    simple = simple_args(args)
    if simple is None or sys.stdout is None or sys.stderr is None or os.environ.get("REPORTLINT_NO_FAST"):
        from .cli import main as full

        return full(argv)
    paths, flags = simple
    from .batch import no_automatic_gc

    with no_automatic_gc():
        from . import regexcache

        regexcache.prime()   # as cli.main: compiled patterns of earlier runs, before any module compiles its own
        try:
            if not _fast_possible():
                from .cli import main as full

                return full(argv)
            _check(paths, **flags)
        except SystemExit:
            if argv is None:   # the console script, about to end: what is alive is frozen, so
                import gc      # that the interpreter's own collection at exit does not walk it

                gc.freeze()
            raise
        except (Exception, KeyboardInterrupt) as exc:
            fail(exc)


def fail(exc: BaseException):
    """How a run ends on an exception, for this path and for cli.main alike: a reportlint error
    is one line and exit 2; Ctrl-C exit 130; a closed pipe (| head) exit 0; standard output
    that cannot be written (a full disk, a quota) one line and exit 2; anything else an
    internal error, one line and exit 2 (REPORTLINT_DEBUG=1 shows it all)."""
    from .errors import ReportlintError

    if isinstance(exc, ReportlintError):
        _echo(f"reportlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if isinstance(exc, KeyboardInterrupt):
        sys.exit(130)
    if isinstance(exc, BrokenPipeError):
        sys.exit(EXIT_OK)
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in _stream_errnos():
        from .writeback import reason

        # what is still buffered goes nowhere, so the flush at exit does not fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        _echo(f"reportlint: 无法把结果写到标准输出（{reason(exc)}）", err=True)
        sys.exit(EXIT_ERROR)
    _internal_error(exc)


def _stream_errnos() -> frozenset:
    """Errors writing standard output that name no file: a full disk, a quota, a failing device."""
    import errno

    return frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _internal_error(exc: BaseException):
    if os.environ.get("REPORTLINT_DEBUG"):
        raise exc
    _echo(f"reportlint: 内部错误：{exc.__class__.__name__}: {exc}"
          "（请报告此问题；设 REPORTLINT_DEBUG=1 可看到详细信息）", err=True)
    sys.exit(EXIT_ERROR)
