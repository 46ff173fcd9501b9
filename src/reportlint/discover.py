"""Finding the files to lint: paths as given, directories searched for report files."""
from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path, PurePath

from .errors import InputError
from .readers import suffixes


def excluded(rel: PurePath, patterns) -> bool:
    """Whether a path (relative to the directory searched) matches a glob of ``patterns``:
    against the whole relative path (``drafts/*.txt``) or any one component (``README.md``,
    ``旧稿``)."""
    whole = rel.as_posix()
    return any(fnmatch(whole, pat) or any(fnmatch(part, pat) for part in rel.parts) for pat in patterns)


def expand_paths(paths: list[str], exclude=(), excludes_for=None) -> tuple[list[str], list[InputError]]:
    """Files as given; directories searched recursively for the files a reader reads, leaving
    out hidden files, Word lock files (``~$…``) and what matches ``exclude`` or
    ``excludes_for(directory)`` (the config's ``exclude:``). A file named explicitly is always
    linted.

    Returns the files and the errors for paths that are missing or hold no report."""
    files, errors = [], []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            patterns = tuple(exclude) + tuple(excludes_for(p) if excludes_for else ())
            report_suffixes = suffixes()
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in report_suffixes
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.startswith("~$")
                and not excluded(f.relative_to(p), patterns)
            )
            if not found:
                errors.append(InputError(raw, "目录中没有报告文件（*.txt、*.md、*.docx、*.pdf）"))
            files.extend(found)
        elif not p.exists():
            errors.append(InputError(raw, "文件不存在"))
        else:
            files.append(raw)
    return files, errors


