"""Rule kinds: one module per kind, the module name being the kind name with ``-`` → ``_``.

A kind module defines

* ``KIND``            its public name (``"pattern"``);
* ``SUMMARY``         one line for ``reportlint rules --kinds`` and errors;
* ``OPTIONS``         ``{key: schema.Opt(...)}``, the YAML keys a rule of this kind may set;
* ``MESSAGE_FIELDS``  the ``{fields}`` its hits provide to message templates;
* ``FIXABLE``         (optional) True when its hits carry fixes, or a function
  ``fixable(options)`` when that depends on the rule's options (``pattern``);
* ``fix_safety(options)`` (optional) ``"safe"`` / ``"suggestion"`` / None, for ``reportlint rules``
  (default: from ``fixable`` and a ``fix-safe`` option);
* ``prepare(options)`` (optional) compile options once — regexes through ``matching``, which bounds
  them; raise ``schema.OptionError``;
* ``check(doc, rule)`` a generator of :class:`reportlint.violation.Hit`;
* ``check_directives(doc, rule, context)`` (instead of a real ``check``) for rules about the
  suppression directives themselves: the engine calls it after suppression, with an
  ``engine.DirectiveContext``.
* ``run_example(rule, text)`` (optional) how the rule's YAML examples are checked, when
  linting the example alone with the rule's defaults is not it (``report-year`` checks them
  as a review of 2023; corpus kinds read an example as several reports).

Checks across reports (copies between reports, from last year's) are *corpus kinds*, in
:mod:`reportlint.corpus`; the loader finds a kind in either package.

The registry is the package itself: adding a kind is adding a module here.
"""
from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from .. import family


def available() -> list[str]:
    return family.names(__path__)


@lru_cache(maxsize=None)
def load(kind: str) -> ModuleType | None:
    mod = family.member(__name__, kind)
    return mod if getattr(mod, "KIND", None) == kind else None
