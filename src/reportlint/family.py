"""The module families (kinds, corpus kinds, readers, formatters): a family is a package whose
public modules are its members, so adding a member is adding a module. A member's public name
is its module name with ``_`` → ``-``; modules named ``_…`` are the family's own helpers."""
from __future__ import annotations

import importlib
from types import ModuleType


def names(package_path) -> list[str]:
    """The public names of the members found in ``package_path`` (a package's ``__path__``)."""
    import pkgutil

    return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(package_path)
                  if not m.name.startswith("_"))


def member(package: str, name: str) -> ModuleType | None:
    """The member ``name`` of ``package`` (a dotted name); None when the family has no such
    module. A name that is no identifier is no member; an import error inside the member (a
    missing library) is raised, not taken for absence."""
    if not isinstance(name, str) or not name.replace("-", "").isalnum():
        return None
    try:
        return importlib.import_module(f"{package}.{name.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(package):
            return None
        raise
