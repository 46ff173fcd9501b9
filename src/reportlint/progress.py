"""Progress on standard error for runs of many files, only when standard error is a terminal.

click's own progress bar (click is already what the command line is built on; it draws on
the stream it is given, redraws in place with ``\\r``, shows the count and the time left, and
clears nothing it did not draw). Nothing is drawn when standard error is not a terminal (a
pipe, a file, CI), for fewer than :data:`MIN_FILES` files, or with ``REPORTLINT_NO_PROGRESS``;
standard output is never touched.
"""
from __future__ import annotations

import contextlib
import os
import sys

MIN_FILES = 10
NAME_COLUMNS = 24


def wanted(n: int, stream=None) -> bool:
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty and n >= MIN_FILES and not os.environ.get("REPORTLINT_NO_PROGRESS")


def _short(name) -> str:
    """The file name, cut to :data:`NAME_COLUMNS` display columns, printable."""
    from .formatters import printable, width

    if name is None:
        return ""
    s = printable(os.path.basename(str(name)))
    while width(s) > NAME_COLUMNS:
        s = s[1:]
    return s


@contextlib.contextmanager
def bar(items, label: str = "检查"):
    """``with bar(files) as it: for f in it: …`` — the items, with a bar on a terminal."""
    items = list(items)
    if not wanted(len(items)):
        yield items
        return
    import click

    with click.progressbar(items, label=label, file=sys.stderr, width=24, show_pos=True,
                           show_eta=True, item_show_func=_short) as it:
        yield it
