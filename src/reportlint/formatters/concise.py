"""``--format concise``: one ``path:line:col: CODE [rule] message`` line per finding."""
from __future__ import annotations

from . import text

NAME = "concise"
HELP = "每处问题一行"


def render(result, opts) -> str:
    return text.render_file(result, opts, concise=True)


assemble = text.assemble
