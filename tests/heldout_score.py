"""Scoring a held-out set against its answer key (the ``yaml`` block of its KEY.md).

    .venv/bin/python tests/heldout_score.py [tests/fixtures/heldout2] [--files]

prints, per category, how many keyed answers reportlint gets right, how many it misses and how
many false alarms it raises (``--files`` adds every wrong answer, file by file). The rules
of KEY.md § "What is scored" are applied here: the model's reading (report year, title, issuer,
dates, parts) and the findings of the scored rules as (rule, line); part rules are not scored
on openings (``o*.txt``); a keyed ``acceptable`` finding counts neither way; an unpaired
problem is matched by a few words of the problem in the message, and its message by the plan
line it names as related (``null``: none).

``tests/test_heldout2.py`` asserts the scores and the wrong answers that remain.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "fixtures" / "heldout2"

OPENING_RULES = ("publication-date", "web-residue", "fazhi-term", "year-mismatch", "duplicate-heading",
                 "date-format", "cjk-digit-space")
PART_RULES = ("required-section", "first-responsible-section", "missing-causes", "unpaired-problem")
FULL_RULES = OPENING_RULES + PART_RULES
MODEL = ("report year", "title", "issuer kind", "issuer name", "dates", "parts")
RELATED_RE = re.compile(r"第 (\d+) 行“[^”]*”与之相关")


def load_key(folder: Path = DEFAULT) -> dict:
    text = (folder / "KEY.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S).group(1))


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    miss: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    wrong: list = field(default_factory=list)     # (file, category, what) for every miss / false alarm

    def add(self, name, cat, ok, miss=None, false=None):
        if ok:
            self.right[cat] += 1
        if miss is not None:
            self.miss[cat] += 1
            self.wrong.append((name, cat, f"miss: {miss}"))
        if false is not None:
            self.false[cat] += 1
            self.wrong.append((name, cat, f"false alarm: {false}"))


def _names_problem(message: str, snippet: str) -> bool:
    """The message quotes the problem (its text may be cut short with …)."""
    m = re.search(r"问题“(.*?)”", message)
    quoted = m.group(1).rstrip("…") if m else ""
    return bool(quoted) and (snippet in quoted or quoted in snippet)


def _squeeze(s):
    return None if s is None else re.sub(r"\s+", "", s)


def score_file(name: str, key: dict, doc, violations, score: Score) -> None:
    from reportlint.violation import locate

    line = lambda off: doc.position(off)[0]   # noqa: E731
    # --- the model's reading
    y = doc.report_year
    score.add(name, "report year", y == key["year"], miss=key["year"] if y is None else None,
              false=f"{y} (key {key['year']})" if y is not None and y != key["year"] else None)
    got_title = doc.title.text if doc.title else None
    want = key["title"]
    if want is None:
        score.add(name, "title", got_title is None, false=got_title if got_title else None)
    else:
        ok = _squeeze(got_title) == _squeeze(want)
        score.add(name, "title", ok, miss=want if got_title is None else None,
                  false=f"{got_title!r} (key {want!r})" if got_title is not None and not ok else None)
    iss = doc.issuer
    kind, names = key["issuer"]["kind"], key["issuer"]["names"]
    got_kind = iss.kind if iss else None
    score.add(name, "issuer kind", got_kind == kind, miss=kind if got_kind is None else None,
              false=f"{got_kind} (key {kind})" if got_kind not in (None, kind) else None)
    got_name = iss.name if iss else None
    ok = _squeeze(got_name) in [_squeeze(n) for n in names]
    score.add(name, "issuer name", ok, miss=names[0] if got_name is None and not ok else None,
              false=f"{got_name!r} (key {names})" if got_name is not None and not ok else None)
    have = Counter((line(d.start), d.role, doc.text[d.start:d.end]) for d in doc.dates
                   if d.role in ("published", "signed"))
    for ln, role, text in key["dates"]:
        k = (ln, role, text)
        score.add(name, "dates", have[k] > 0, miss=k if have[k] <= 0 else None)
        have[k] -= 1
    for k, n in have.items():
        for _ in range(max(n, 0)):
            score.add(name, "dates", False, false=k)
    parts = Counter((line(p.heading.start), p.kind) for p in doc.parts)
    for ln, kind in key["parts"]:
        k = (ln, kind)
        score.add(name, "parts", parts[k] > 0, miss=k if parts[k] <= 0 else None)
        parts[k] -= 1
    if name.startswith("f"):
        for k, n in parts.items():
            for _ in range(max(n, 0)):
                score.add(name, "parts", False, false=k)
    # --- findings
    rules = FULL_RULES if name.startswith("f") else OPENING_RULES
    got = [(v.rule, locate(doc, v.start, v.end).line, v.message) for v in violations if v.rule in rules]
    acceptable = {tuple(a[:2]) for a in key.get("acceptable", ())}
    used = set()
    for f in key.get("findings", ()):
        rule, ln = f[0], f[1]
        snippet = f[2] if len(f) > 2 else None
        match = next((i for i, (r, l2, m) in enumerate(got) if i not in used and r == rule and l2 == ln
                      and (snippet is None or _names_problem(m, snippet))), None)
        score.add(name, rule, match is not None, miss=(ln, snippet) if match is None else None)
        if match is None:
            continue
        used.add(match)
        if rule == "unpaired-problem" and len(f) > 3:
            rel = RELATED_RE.search(got[match][2])
            named = int(rel.group(1)) if rel else None
            score.add(name, "unpaired message", named == f[3],
                      false=f"names line {named} (key {f[3]})" if named != f[3] else None)
    # every other finding of a scored rule on a line: once per (rule, line), unless acceptable
    keyed_lines = {(f[0], f[1]) for f in key.get("findings", ()) if f[0] != "unpaired-problem"}
    seen = set()
    for i, (r, ln, m) in enumerate(got):
        if i in used or (r, ln) in acceptable:
            continue
        if r != "unpaired-problem" and ((r, ln) in keyed_lines or (r, ln) in seen):
            continue    # a second span on a keyed line (two toolbars on one line)
        seen.add((r, ln))
        score.add(name, r, False, false=(ln, m))


def evaluate(folder: Path = DEFAULT) -> Score:
    from reportlint.api import lint_text
    from reportlint.loader import load_rules

    rules = [r for r in load_rules() if r.name in FULL_RULES]
    key = load_key(folder)
    score = Score()
    for name in sorted(key):
        text = (folder / name).read_text(encoding="utf-8")
        doc, violations = lint_text(text, rules)
        score_file(name, key[name], doc, violations, score)
    return score


def table(score: Score) -> str:
    cats = list(MODEL) + list(FULL_RULES) + ["unpaired message"]
    rows = ["| category | right | false alarm | miss |", "|---|---:|---:|---:|"]
    for c in cats:
        if score.right[c] or score.false[c] or score.miss[c]:
            rows.append(f"| {c} | {score.right[c]} | {score.false[c]} | {score.miss[c]} |")
    return "\n".join(rows)


def main(argv) -> int:
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    score = evaluate(folder)
    print(table(score))
    if "--files" in argv:
        for name, cat, what in score.wrong:
            print(f"{name}\t{cat}\t{what}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    raise SystemExit(main(sys.argv[1:]))
