"""Finding the files to lint: paths as given, directories searched for report files.

A directory search picks up every file some reader reads (``*.txt``, ``*.md``, ``*.docx`` …)
**and** the files of formats reportlint refuses (``*.doc``, ``*.wps``, ``*.pdf`` without a
PDF reader, archives …: :func:`reportlint.readers.refused_suffixes`), so that a report saved
in an old format is reported ("请在 Word/WPS 中另存为 .docx 后再检查") instead of silently
skipped; ``exclude`` leaves either out. A subdirectory that cannot be listed is reported too.
Symbolic links to directories are not followed (no loops); links to files are linted.
"""
from __future__ import annotations

import os
import re
from fnmatch import translate
from functools import lru_cache
from pathlib import Path, PurePath

from .errors import InputError
from .readers import os_problem, refused_suffixes, suffixes


def excluded(rel: PurePath, patterns) -> bool:
    """Whether a path (relative to the directory searched) matches a glob of ``patterns``:
    against the whole relative path (``drafts/*.txt``) or any one component (``README.md``,
    ``旧稿``). What :func:`fnmatch.fnmatch` says of each glob, asked of all at once."""
    rx = _globs(tuple(patterns))
    if rx is None:
        return False
    return bool(rx(os.path.normcase(rel.as_posix())) or any(rx(os.path.normcase(part)) for part in rel.parts))


@lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...]):
    """One compiled alternation of the globs (as fnmatch case-folds them), its ``match``; None
    without globs. A directory's every file is tested against the default list's 31 globs."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{translate(os.path.normcase(p))})" for p in patterns)).match


def _suffix_list() -> str:
    read = [s for s in suffixes() if s != ".markdown"]   # .md says it
    first = [s for s in (".txt", ".md", ".docx") if s in read]
    return "、".join(f"*{s}" for s in first + [s for s in read if s not in first])


def _search(root: Path, patterns, errors: list[InputError]) -> list[str]:
    wanted = set(suffixes()) | set(refused_suffixes())
    found = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(root)
        problem = os_problem(exc, where)
        if problem in ("没有读取权限", "没有权限进入文件所在的目录，无法读取"):
            problem = "没有权限读取这个目录，其中的文件未检查"
        errors.append(InputError(str(where), problem))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        base = Path(folder)
        rel_base = base.relative_to(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(rel_base / d, patterns))
        for name in names:
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in wanted:
                continue
            if excluded(rel_base / name, patterns):
                continue
            found.append(str(base / name))
    return sorted(found)


def expand_paths(paths: list[str], exclude=(), excludes_for=None,
                 force_exclude: bool = False) -> tuple[list[str], list[InputError]]:
    """Files as given; directories searched recursively for the files a reader reads (and
    those of refused formats), leaving out hidden files and folders, Word lock files
    (``~$…``) and what matches ``exclude`` or ``excludes_for(directory)`` (the config's
    ``exclude:``). A file named explicitly is always linted, unless ``force_exclude``
    (``--force-exclude``, what the pre-commit hook passes): then it is left out, silently,
    when the path as given or one of its parts matches.

    Returns the files and the errors for paths that are missing, unreachable, or hold no
    report, and for subdirectories that cannot be listed."""
    files, errors = [], []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        if os.path.isdir(raw):
            p = Path(raw)
            patterns = tuple(exclude) + tuple(excludes_for(p) if excludes_for else ())
            before = len(errors)
            found = _search(p, patterns, errors)
            if not found and len(errors) == before:
                errors.append(InputError(raw, f"目录中没有报告文件（{_suffix_list()}）"))
            files.extend(found)
        elif force_exclude and excluded(_as_given(Path(raw)), tuple(exclude) + tuple(
                excludes_for(Path(raw).parent) if excludes_for else ())):
            continue
        else:
            files.append(raw)   # missing, a loop, a FIFO …: Linter.run says what it is
    return files, errors


def _as_given(p: Path) -> PurePath:
    """A named file's path for exclude globs: relative to the working directory when it is
    under it (pre-commit passes paths relative to the repository root), else as given."""
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd())
        except ValueError:
            return PurePath(*p.parts[1:])
    return PurePath(p)
