"""What the mutable records of the lint path share (:class:`~reportlint.readers.Source`,
:class:`~reportlint.api.Linter`): they are plain classes with an explicit ``__init__``, not
dataclasses (see DEVELOPERS.md § start-up), and :meth:`Record.replace` is their
``dataclasses.replace``."""
from __future__ import annotations

import copy


class Record:
    def replace(self, **changes):
        """A copy with ``changes`` (a shallow copy: what is not changed is shared)."""
        new = copy.copy(self)
        for name, value in changes.items():
            if not hasattr(self, name):
                raise TypeError(f"{type(self).__name__} has no {name!r}")
            setattr(new, name, value)
        return new
