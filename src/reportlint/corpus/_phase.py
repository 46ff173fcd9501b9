"""The corpus phase: signatures where files are linted, findings in the parent (see the
package docstring for the three steps and where each runs)."""
from __future__ import annotations

from pathlib import Path

import regex as re

from . import _issuer
from ._units import PARAGRAPH, FileSignature, Settings, units_of


class Batch:
    """What a corpus kind's ``check_corpus`` reads: ``files`` (this run's reports, in file
    order; ``None`` for a file that could not be read) and ``previous`` (last year's)."""

    def __init__(self, files: list | None = None, previous: list | None = None):
        self.files = [] if files is None else files
        self.previous = [] if previous is None else previous
        self._cache: dict = {}

    def issuer_ids(self):
        """One number per issuer for ``files`` (equal keys, or one ending the other, are one
        issuer: 法镇 / 汉中市南郑区法镇); a file whose issuer is unknown is its own issuer."""
        if "ids" not in self._cache:
            ids, by_key = [], {}
            keys = sorted({f.issuer_key for f in self.files if f is not None}, key=len)
            canon = {}
            for k in keys:
                hit = next((by_key[k[i:]] for i in range(1, len(k) - 2) if k[i:] in by_key), None)
                canon[k] = hit if hit is not None else by_key.setdefault(k, len(by_key))
            for f in self.files:
                ids.append(-1 if f is None else canon[f.issuer_key])
            self._cache["ids"] = ids
        return self._cache["ids"]

    def table(self, settings: Settings):
        """All paragraph units of ``files`` for ``settings``: (sig, file, unit, issuer) arrays."""
        import numpy as np

        key = ("table", settings)
        if key not in self._cache:
            ids = self.issuer_ids()
            numbers = [i for i, f in enumerate(self.files) if f is not None]
            units = [self.files[i].units[settings] for i in numbers]
            if units:   # all files' units at once, then their paragraphs (a few numpy calls, not four a file)
                counts = np.array([len(u.kind) for u in units], dtype=np.int64)
                first = np.repeat(np.cumsum(counts) - counts, counts)
                sel = np.flatnonzero(np.concatenate([u.kind for u in units]) == PARAGRAPH)
                sig = np.concatenate([u.sig for u in units])[sel]
                fno = np.repeat(np.array(numbers, dtype=np.int32), counts)[sel]
                uno = (sel - first[sel]).astype(np.int32)
                iss = np.repeat(np.array([ids[i] for i in numbers], dtype=np.int64), counts)[sel]
                t = (np.ascontiguousarray(sig), fno, uno, iss)
            else:
                t = (np.zeros((0, settings.num_perm), dtype=np.uint16), np.zeros(0, np.int32),
                     np.zeros(0, np.int32), np.zeros(0, np.int64))
            self._cache[key] = t
        return self._cache[key]

    def clusters(self, settings: Settings, threshold: float):
        from ._index import cluster

        key = ("clusters", settings, threshold)
        if key not in self._cache:
            sig, _, _, issuer = self.table(settings)
            self._cache[key] = cluster(sig, issuer, threshold)
        return self._cache[key]

    def issuers(self) -> int:
        return len({i for i in self.issuer_ids() if i >= 0})

    def boilerplate(self, settings: Settings, threshold: float, limit: int):
        """Per file: the set of its paragraph units that are boilerplate (similar text in
        ``limit`` or more reports of different issuers)."""
        key = ("boilerplate", settings, threshold, limit)
        if key not in self._cache:
            _, fno, uno, _ = self.table(settings)
            cl = self.clusters(settings, threshold)
            common = {lab for lab, n in cl.issuers.items() if n >= limit}
            out: dict = {}
            if common:
                for k, lab in enumerate(cl.label.tolist()):
                    if lab in common:
                        out.setdefault(int(fno[k]), set()).add(int(uno[k]))
            self._cache[key] = out
        return self._cache[key]


def _problem_spans(doc, rx) -> list:
    """The problems of the shortcomings part: (start, end, quote, body spans)."""
    from ..kinds.unpaired_problem import _clause_end, problems

    out = []
    for u in problems(doc, rx):
        head = _clause_end(doc, u.start, u.head_end)
        quote = doc.text[u.start:head].strip()
        out.append((u.start, head, quote, list(u.spans)))
    return out


def signature_of(doc, path: str, settings_set, problem_rx=None, places=None) -> FileSignature:
    name = _issuer.issuer_name(doc)
    key = _issuer.key(name) or f"\0{path}"
    masks = _issuer.masks(name)
    probs = _problem_spans(doc, problem_rx) if problem_rx is not None else []
    units = {s: units_of(doc, s, masks, probs) for s in settings_set}
    labels = None
    if places:
        labels = {}
        for u in units.values():
            for s, _ in list(u.span.tolist()) + list(u.heading_span.tolist()):
                p = places.at(s)
                if p is not None:
                    labels[s] = {"label": p.label, **p.data}
    body = sum(e - s for s, e in doc.spans("body"))
    return FileSignature(path, key, name, doc.report_year, body, labels, units)


class Phase:
    """The corpus rules of a run and what they have gathered (see the package docstring).

    Build it with :meth:`of`; it is small and picklable before :meth:`add` is called, so a
    batch runner can send it to its workers for :meth:`signature`."""

    def __init__(self, rules, problem_rx=None, previous_paths=()):
        self.rules = list(rules)
        self.settings = tuple(dict.fromkeys(r.module.settings(r.options) for r in self.rules))
        self.problem_rx = problem_rx
        self.previous_paths = tuple(previous_paths)
        self.batch = Batch()

    @classmethod
    def of(cls, linter, paths, previous=None) -> "Phase | None":
        """The phase for ``linter``'s rules (as configured for the first of ``paths``), or
        ``None`` when no corpus rule is selected or there is nothing to compare."""
        from ..config import configure_rules
        from . import is_corpus

        paths = [p for p in paths if p != "-"]
        if not paths:
            return None
        config = linter.config_for(paths[0])
        chosen = [r for r in linter.rules_for(config) if is_corpus(r)]
        if not previous and getattr(config, "previous", None):
            previous = shown_path(config.previous)     # the config's, relative to its folder
        prev_paths = previous_files(previous) if previous else []
        if not prev_paths:
            chosen = [r for r in chosen if not getattr(r.module, "NEEDS_PREVIOUS", False)]
        if len(paths) < 2 and not prev_paths:
            chosen = [r for r in chosen if getattr(r.module, "NEEDS_PREVIOUS", False)]
        if not chosen:
            return None
        rx = None
        if any(getattr(r.module, "PROBLEMS", False) for r in chosen):
            rx = next((r.state[1] for r in configure_rules(config, linter.rule_paths)
                       if r.kind == "unpaired-problem"), None)
        phase = cls(chosen, rx, prev_paths)
        phase.load_previous(linter)
        return phase

    # -- step 1: where the file was linted
    def signature(self, result) -> FileSignature | None:
        if result.doc is None:
            return None
        places = getattr(result.source, "places", None) if result.source is not None else None
        return signature_of(result.doc, result.path, self.settings, self.problem_rx, places)

    # -- step 2: in the parent
    def add(self, signature: FileSignature | None) -> None:
        self.batch.files.append(signature)

    def load_previous(self, linter) -> None:
        from ..api import lint_text
        from ..errors import InputError
        from ..readers import read_source

        for p in self.previous_paths:
            try:
                src = read_source(str(p))
            except InputError:
                continue        # last year's unreadable files are not this run's errors
            doc, _ = lint_text(src.text, [], str(p))
            self.batch.previous.append(signature_of(doc, str(p), self.settings, self.problem_rx, src.places))

    def findings(self) -> dict[int, list]:
        out: dict[int, list] = {}
        for rule in self.rules:
            for i, hit in rule.module.check_corpus(self.batch, rule):
                out.setdefault(i, []).append(rule.violation(hit))
        for vs in out.values():
            vs.sort(key=lambda v: v.sort_key())
        return out


def shown_path(path) -> Path:
    """A path as messages show it: normalised (no ``a/../``), and relative to the working
    directory when it lies under it — as the linted files are named — else absolute."""
    import os

    p = os.path.normpath(os.fspath(path))
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
        except ValueError:          # another drive (Windows)
            return Path(p)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return Path(rel)
    return Path(p)


def previous_files(path) -> list[Path]:
    """Last year's reports: a file, or the files of a directory (as ``reportlint DIR`` finds
    them)."""
    from ..discover import expand_paths
    from ..errors import ConfigError

    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{path}: 上年报告的文件或目录不存在（--previous）")
    files, _ = expand_paths([str(p)], (), lambda d: ())
    return [Path(f) for f in files]


def apply(linter, results, paths, previous=None) -> list:
    """The corpus phase for ``results`` linted in this process (``results[i]`` is ``paths[i]``):
    files with findings across reports are linted again with them (``Linter.run(extra=…)``)."""
    phase = Phase.of(linter, paths, previous)
    if phase is None:
        return results
    for r in results:
        phase.add(phase.signature(r) if r.path != "-" else None)
    extra = phase.findings()
    if not extra:
        return results
    again = linter.replace(fix=False, diff=False, _baselines={})
    out = list(results)
    for i, vs in extra.items():
        old = results[i]
        new = again.run(paths[i], extra=vs)
        new.fixed, new.notice = old.fixed, old.notice
        out[i] = new
    return out


# ---------------------------------------------------------------------- examples
EXAMPLE_HEADER = re.compile(r"^=== (?P<name>.+?) ===$", re.M)


def split_example(text: str) -> list[tuple[str, str]]:
    """A corpus rule's example is several reports, each after a line ``=== 名称 ===``; a name
    under ``上年/`` is one of last year's reports."""
    heads = list(EXAMPLE_HEADER.finditer(text))
    out = []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        out.append((m.group("name"), text[m.end() + 1:end]))
    return out


def run_example(rule, text: str) -> list:
    """The findings of ``rule`` over the reports of an example (see :func:`split_example`)."""
    from ..api import lint_text
    from ..loader import load_rules

    rx = None
    if getattr(rule.module, "PROBLEMS", False):
        rx = next(r.state[1] for r in load_rules() if r.kind == "unpaired-problem")
    phase = Phase([rule], rx)
    for name, body in split_example(text):
        doc, _ = lint_text(body, [], name)
        sig = signature_of(doc, name, phase.settings, rx)
        (phase.batch.previous if name.startswith("上年/") else phase.batch.files).append(sig)
    return [v for vs in phase.findings().values() for v in vs]
