"""Stand-ins for modules a library imports at its top but a run never uses.

Two libraries on the path of every cold run import more than reportlint asks of them:
platformdirs imports :mod:`tempfile` (with shutil, random and the compression modules, ~4 ms)
for the runtime directory, which reportlint never asks for; jieba imports :mod:`logging`,
:mod:`hashlib` and :mod:`tempfile` for ``jieba.initialize()``, which
:mod:`reportlint.segment` bypasses. While such a library is imported, :func:`standing_in`
puts a stand-in in ``sys.modules`` for each of those modules that nothing has imported yet,
and takes it out as soon as the import is done, so that everyone else (the user's code, the
language server's libraries) imports the real module.

A stand-in made by :func:`lazy` behaves as the real module from the library's side: an
attribute the library reads later (``tempfile.mkstemp``) is the real module's, imported then;
a name the library imports with ``from … import name`` is a function that calls the real one.
So nothing a library does works differently, it only imports later, or never.
"""
from __future__ import annotations

import sys
import types
from contextlib import contextmanager


def lazy(name: str, functions: tuple[str, ...] = ()) -> types.ModuleType:
    """A stand-in for the module ``name``: its ``functions`` (names a library imports with
    ``from name import …``) call the real module's, and any other attribute is the real
    module's; the real module is imported at the first use."""
    stub = types.ModuleType(name)

    def real():
        mod = sys.modules.get(name)
        if mod is None or mod is stub:
            if mod is stub:
                del sys.modules[name]
            __import__(name)
            mod = sys.modules[name]
        return mod

    def forward(fn: str):
        def call(*args, **kwargs):
            return getattr(real(), fn)(*args, **kwargs)
        call.__name__ = fn
        return call

    def attribute(attr: str):   # PEP 562: what the stand-in itself does not have
        if attr.startswith("__"):   # the import system asking (__path__: is it a package?)
            raise AttributeError(attr)
        return getattr(real(), attr)

    for fn in functions:
        setattr(stub, fn, forward(fn))
    stub.__getattr__ = attribute
    return stub


@contextmanager
def standing_in(stand_ins: dict[str, types.ModuleType]):
    """Within the block, ``sys.modules`` holds each stand-in whose module nothing has
    imported yet; afterwards it holds none of them."""
    added = {n: m for n, m in stand_ins.items() if n not in sys.modules}
    sys.modules.update(added)
    try:
        yield
    finally:
        for n, m in added.items():
            if sys.modules.get(n) is m:
                del sys.modules[n]
