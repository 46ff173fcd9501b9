"""The baseline: today's findings, accepted, so that only new ones are reported.

    reportlint --write-baseline reportlint-baseline.json 报告/    # record what is there now
    reportlint --baseline reportlint-baseline.json 报告/          # report only what is new
    baseline: reportlint-baseline.json                            # the same from .reportlint.yaml

**Matching.** A finding is identified by its file (the path relative to the baseline file's
folder), its rule and a *fingerprint*: a hash of the rule name, the text the finding points at
and up to :data:`CONTEXT` code points either side of it on its own line. Not its line number:
editing above a finding (a paragraph added, a heading renumbered) does not bring it back;
editing the words around it does, since that is no longer the text that was accepted. Equal
findings in one file (the same typo twice in the same words) are counted: a baseline that
holds two lets two through, and a third is reported.

A baseline entry that matches nothing in a linted file is *unmatched* — the finding was fixed,
or its text was edited; the command line says how many there are (and ``--format json`` in
``summary.baseline``) so the baseline can be written again. Entries of files not linted in
this run are left out of that count.

**File format** (version 1; JSON, UTF-8, one entry per line, sorted, so that a baseline under
version control diffs line by line)::

    {
     "version": 1,
     "tool": "reportlint",
     "findings": [
      {"path": "报告/甲县.txt", "rule": "fazhi-term", "fingerprint": "5d0c8ad1c5b2e7f4", "count": 1, "text": "法制"},
      …
     ]
    }

``path``, ``rule`` and ``fingerprint`` are matched; ``count`` is how many such findings are
accepted; ``text`` (the text found, cut to 40 characters) is for the people reading the file.

Everything here is per file and pure (:meth:`Baseline.apply` runs where the file is linted);
:func:`write` is the only function that writes.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

VERSION = 1
CONTEXT = 12          # code points of context either side of a finding, within its line
TEXT_SHOWN = 40       # the excerpt kept for people


def context(doc, v) -> tuple[str, str, str]:
    """(before, the finding's text, after): the text a finding is matched by."""
    text = doc.text
    start, end = max(0, min(v.start, len(text))), max(0, min(v.end, len(text)))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    return (text[max(line_start, start - CONTEXT):start], text[start:end],
            text[end:min(line_end, end + CONTEXT)])


def fingerprint(doc, v) -> str:
    """16 hex digits identifying a finding by rule, text and context (not by position)."""
    before, body, after = context(doc, v)
    data = "\x00".join((v.rule, before, body, after)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def relative_path(path: str, base: Path) -> str:
    """A linted file's path as a baseline holds it: relative to the baseline's folder, with /."""
    if path in ("-", ""):
        return "-"
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:    # another drive (Windows)
        rel = absolute
    return Path(rel).as_posix()


def _excerpt(body: str) -> str:
    return body if len(body) <= TEXT_SHOWN else body[:TEXT_SHOWN - 1] + "…"


def file_entries(result, base: Path) -> list[tuple[str, str, str, str]]:
    """(path, rule, fingerprint, text) for each finding of one linted file."""
    if result.doc is None:
        return []
    path = relative_path(result.path, base)
    return [(path, v.rule, fingerprint(result.doc, v), _excerpt(context(result.doc, v)[1]))
            for v in result.violations]


def dumps(entries) -> str:
    """The baseline file's text for these entries (equal ones are counted)."""
    counts = Counter((p, r, f) for p, r, f, _ in entries)
    texts = {(p, r, f): t for p, r, f, t in entries}
    rows = sorted(counts, key=lambda k: (k[0], k[1], texts[k], k[2]))
    lines = [json.dumps({"path": p, "rule": r, "fingerprint": f, "count": counts[(p, r, f)],
                         "text": texts[(p, r, f)]}, ensure_ascii=False) for p, r, f in rows]
    body = ",\n  ".join(lines)
    findings = f"[\n  {body}\n ]" if lines else "[]"
    return f'{{\n "version": {VERSION},\n "tool": "reportlint",\n "findings": {findings}\n}}\n'


def write(path: str, results) -> int:
    """Record the findings of ``results`` in the baseline file ``path`` (atomically);
    returns how many findings it holds."""
    base = Path(os.path.abspath(path)).parent
    return write_entries(path, [e for r in results for e in file_entries(r, base)])


def write_entries(path: str, entries) -> int:
    """Write the baseline file ``path`` from :func:`file_entries` of every file (made where each
    file was linted: ``batch.Digest``); returns how many findings it holds."""
    from .output import write_file

    write_file(path, dumps(entries).encode("utf-8", "surrogateescape"), what="基线文件")
    return len(entries)


MAX_BASELINE_BYTES = 256 * 1024 * 1024   # a national batch's findings are well under this


@dataclass
class Baseline:
    path: str
    base: Path
    counts: dict = field(default_factory=dict)   # path -> Counter((rule, fingerprint) -> count)

    @classmethod
    def load(cls, path) -> "Baseline":
        p = Path(path)
        shown = str(path)
        if not os.path.lexists(p):
            raise ConfigError(f"{shown}: 基线文件不存在（用 --write-baseline {shown} 生成）")
        from .loader import read_small_file

        text = read_small_file(shown, "基线文件", limit=MAX_BASELINE_BYTES)   # a regular file, bounded
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{shown}: 基线文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
        if not isinstance(data, dict) or "findings" not in data or "version" not in data:
            raise ConfigError(f"{shown}: 不是 reportlint 基线文件（缺少 version 或 findings）")
        if data["version"] != VERSION:
            raise ConfigError(f"{shown}: 基线文件版本 {data['version']!r} 不受支持（本版本读写版本 {VERSION}）")
        if not isinstance(data["findings"], list):
            raise ConfigError(f'{shown}: 键 "findings" 应为列表')
        counts: dict = {}
        for i, e in enumerate(data["findings"], 1):
            if not (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "rule", "fingerprint"))
                    and isinstance(e.get("count", 1), int) and not isinstance(e.get("count", 1), bool)
                    and e.get("count", 1) >= 1):
                raise ConfigError(f"{shown}: 第 {i} 条记录无效（应有字符串 path、rule、fingerprint 和正整数 count）")
            counts.setdefault(e["path"], Counter())[(e["rule"], e["fingerprint"])] += e.get("count", 1)
        return cls(shown, Path(os.path.abspath(p)).parent, counts)

    def apply(self, result) -> None:
        """Drop the findings of one file that the baseline holds; count what it holds
        for that file that matched nothing (``result.baseline_unmatched``)."""
        result.baseline = self.path
        if result.doc is None:
            return
        left = Counter(self.counts.get(relative_path(result.path, self.base), ()))
        kept = []
        for v in result.violations:
            key = (v.rule, fingerprint(result.doc, v))
            if left[key] > 0:
                left[key] -= 1
                result.baselined += 1
            else:
                kept.append(v)
        result.violations = kept
        result.baseline_unmatched = sum(left.values())
