"""Checks across reports: corpus kinds and the phase that runs them after the per-document pass.

A *corpus kind* is a module of this package (its name is the kind name with ``-`` → ``_``),
found by the loader like a kind of :mod:`reportlint.kinds`; a YAML rule names it, sets its
options, and is selected, configured, listed and explained like every rule. It defines
``KIND``, ``SUMMARY``, ``OPTIONS``, ``MESSAGE_FIELDS``, ``CORPUS = True``, and

* ``settings(options)`` → :class:`._units.Settings`: what its signatures depend on;
* ``check(doc, rule)``: nothing (a report alone has no copies);
* ``check_corpus(batch, rule)``: a generator of ``(file_number, Hit)`` over a :class:`Batch`
  (the signatures of every report of the run, in file order, and of last year's reports);
* ``run_example(rule, text)``: an example is several reports (see :func:`split_example`).

The phase, in three steps (:class:`Phase`), so that a batch runner can put the work where the
files are:

1. **where each file is linted** (a worker with ``--jobs``): ``phase.signature(result)``, right
   after ``Linter.run`` while ``result.doc`` is there: a :class:`._units.FileSignature` of a few
   kilobytes (units, their places, MinHash signatures, the issuer). Documents never travel.
2. **in the parent**, in file order: ``phase.add(signature)`` for each file (``None`` for a
   file that could not be read), then ``phase.findings()`` → ``{file_number: [Violation]}``:
   the LSH index (:mod:`._index`), candidate pairs, verification, learned boilerplate, and
   last year's reports matched by issuer (:mod:`._issuer`).
3. **where each file with findings is linted again**: ``Linter.run(path, extra=violations)``
   merges them in position order before suppression directives, the baseline and the
   output, so a finding across reports is filtered, baselined and formatted like any other.
   Files without findings keep their first result.

Everything in steps 2 and 3 is a function of the signatures in file order, so the output
does not depend on how many processes computed them. :func:`apply` runs the three steps in
this process, for results linted here.
"""
from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from .. import family

from ._phase import Batch, Phase, apply, split_example

__all__ = ["Batch", "Phase", "apply", "available", "load", "split_example"]


def available() -> list[str]:
    return family.names(__path__)


@lru_cache(maxsize=None)
def load(kind: str) -> ModuleType | None:
    mod = family.member(__name__, kind)
    return mod if getattr(mod, "KIND", None) == kind and getattr(mod, "CORPUS", False) else None


def is_corpus(rule) -> bool:
    return bool(getattr(rule.module, "CORPUS", False))
