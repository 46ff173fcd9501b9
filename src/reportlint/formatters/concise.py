"""``--format concise``: one ``path:line:col: CODE [rule] message`` line per finding (with the
file's own place after the message, ``（第 12 段）``, where the reader knows it)."""
from __future__ import annotations

from . import text

NAME = "concise"
HELP = "每处问题一行"


def render(result, opts) -> str:
    return text.render_file(result, opts, concise=True)


assemble = text.assemble
