"""``--format concise``: exactly one ``path:line:col: CODE [rule] message`` line per finding —
every finding (``--max-per-rule`` does not apply), control characters in paths and messages
escaped — then, as ruff does, a summary line (``共 N 个问题……``, or ``未发现问题……``) that
has no ``path:line:col:`` shape; ``-q`` leaves it out. In a file whose reader knows its own
places (a Word paragraph, a table cell …) the place follows the message: ``（第 12 段）``."""
from __future__ import annotations

from . import Style
from . import text

NAME = "concise"
HELP = "每处问题一行：路径:行:列: 代码 [规则] 消息"


def render(result, opts) -> str:
    if result.error and result.doc is None:
        return ""   # on stderr, one line (see cli); a file whose fixes could not be written keeps its findings
    style = Style(opts.color)
    return "\n".join(text.head(result, v, style) for v in result.violations)


assemble = text.assemble
