"""``--format json-lines``: one JSON object per finding, one per line (JSON Lines), for
``jq``, log shippers and ``grep``: ``path`` followed by the fields of a violation in
``--format json`` (docs/json-format.md § json-lines). Files that cannot be read are reported
on standard error (exit 2), not here; a clean run prints nothing."""
from __future__ import annotations

import json as _json

from . import json, json_safe

NAME = "json-lines"
HELP = "JSON Lines：每处问题一行 JSON（字段同 json 格式的 violation，另加 path）"


def render(result, opts) -> str:
    if result.doc is None:
        return ""
    return "\n".join(_json.dumps({"path": result.path, **v}, ensure_ascii=False)
                     for v in json.file_json(result)["violations"])


def assemble(parts, stats, opts) -> str:
    return "".join(chunks(parts, stats, opts))


def chunks(parts, stats, opts):
    """The lines of every file, one file's at a time."""
    first = True
    for p in parts:
        if p:
            yield json_safe(p if first else "\n" + p)
            first = False
