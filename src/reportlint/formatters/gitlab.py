"""``--format gitlab``: a GitLab Code Quality report (the ``codequality`` artefact of a job):
a JSON array of issues, each with ``description`` (the message; in a Word document or a PDF
followed by the place, ``…（第 12 段）``, as in text output), ``check_name`` (the rule
code, as ruff does), ``fingerprint``, ``severity`` and ``location`` (``path`` as given on the
command line — run reportlint from the repository's root — and ``lines.begin`` / ``lines.end``).

The fingerprint is what GitLab uses to tell an issue that is still there from a new one, so
it does not depend on the line: it hashes the path, the rule and the text the finding points
at with its context (:func:`reportlint.baseline.fingerprint`), plus the occurrence number
among equal findings of the file (GitLab shows one issue per fingerprint). Inserting lines
above a finding keeps its fingerprint; editing its words gives a new one.

Severities: ``error`` → ``major``, ``warning`` → ``minor``, ``info`` → ``info`` (GitLab's
``critical`` and ``blocker`` are not used: reportlint has three levels)."""
from __future__ import annotations

import hashlib
import json
from collections import Counter

from ..baseline import fingerprint
from ..violation import locate
from . import json_safe, message_with_places

NAME = "gitlab"
HELP = "GitLab 代码质量报告（Code Quality，JSON）"
SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result, opts) -> list:
    if result.doc is None:
        return []
    seen: Counter = Counter()
    issues = []
    for v in result.violations:
        key = fingerprint(result.doc, v)
        seen[key] += 1
        loc = locate(result.doc, v.start, v.end)
        digest = hashlib.sha256("\x00".join((result.path, key, str(seen[key]))).encode(
            "utf-8", "surrogatepass")).hexdigest()
        issues.append({
            "description": message_with_places(result, v),
            "check_name": v.code,
            "fingerprint": digest,
            "severity": SEVERITY[v.severity.value],
            "location": {"path": result.path, "lines": {"begin": loc.line, "end": loc.end_line}},
        })
    return issues


def assemble(parts, stats, opts) -> str:
    issues = [i for part in parts for i in part]
    if not issues:
        return "[]"
    return json_safe("[\n" + ",\n".join(" " + json.dumps(i, ensure_ascii=False) for i in issues) + "\n]")
