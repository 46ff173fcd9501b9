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


def expand_paths(paths: list[str], exclude=(), excludes_for=None,
                 force_exclude: bool = False) -> tuple[list[str], list[InputError]]:
    """Files as given; directories searched recursively for the files a reader reads, leaving
    out hidden files, Word lock files (``~$…``) and what matches ``exclude`` or
    ``excludes_for(directory)`` (the config's ``exclude:``). A file named explicitly is always
    linted, unless ``force_exclude`` (``--force-exclude``, what the pre-commit hook passes):
    then it is left out, silently, when the path as given or one of its parts matches.

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
        elif force_exclude and excluded(_as_given(p), tuple(exclude) + tuple(
                excludes_for(p.parent) if excludes_for else ())):
            continue
        else:
            files.append(raw)
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
