"""Linting files: the glue between input, config, the model, the engine and fixes.

``Linter`` holds the command-line choices; ``Linter.run(path)`` returns a ``FileResult``.
Only this module and ``cli`` touch the file system.
"""
from __future__ import annotations

from pathlib import Path

from .config import Config, configure_rules, find_config, load_config_file
from .engine import RuleSet, known_selectors, lint, select_rules
from .errors import ConfigError, InputError, ReportlintError
from .fix import applicable, choose, fix_until_stable, unified_diff
from .loader import Rule
from .model import Document
from .readers import Source, check_path, read_source, read_stdin, reparse
from .records import Record
from .schema import excerpt_text
from .writeback import WriteBackError, fixed_bytes, write_back
from .violation import Severity, Violation


class FileResult:
    """One file's outcome: what was read, the document, the findings, and what --fix did."""

    def __init__(self, path: str, source: Source | None = None, doc: Document | None = None,
                 violations: list[Violation] | None = None, error: str | None = None, fixed: int = 0,
                 diff: str = "", fixed_text: bytes | None = None, notice: str | None = None,
                 rule_info: dict | None = None, baseline: str | None = None, baselined: int = 0,
                 baseline_unmatched: int = 0):
        self.path, self.source, self.doc = path, source, doc
        self.violations = [] if violations is None else violations
        self.error = error
        self.fixed = fixed              # fixes applied (or that would be, with --diff)
        self.diff = diff
        self.fixed_text = fixed_text    # stdin with --fix: the fixed text, encoded as it came, for stdout
        self.notice = notice            # a remark for stderr that is not an error (e.g. a .docx is not fixed)
        self.rule_info = {} if rule_info is None else rule_info   # rules behind the findings: formatters.rule_info
        self.baseline = baseline        # the baseline file applied (baseline.Baseline.apply)
        self.baselined = baselined      # findings it held, dropped from violations
        self.baseline_unmatched = baseline_unmatched   # its entries for this file that matched no finding

    def count(self, sev: Severity) -> int:
        return sum(1 for v in self.violations if v.severity == sev)


def lint_text(text: str, rules: list[Rule], path: str | None = None, parts: dict | None = None,
              furniture=(), masked=(), extra=()) -> tuple[Document, list[Violation]]:
    doc = Document(text, path=path, parts=parts or None, furniture=furniture, masked=masked)
    return doc, lint(doc, rules, extra)


def lint_source(src: Source, rules: list[Rule], path: str | None = None, parts: dict | None = None,
                extra=()) -> tuple[Document, list[Violation]]:
    """Lint what a reader read: its view (markup blanked), masked spans and furniture.
    ``extra``: findings made elsewhere (across reports), merged in before the directives."""
    doc = src.document(path, parts)
    return doc, lint(doc, rules, extra)


class Linter(Record):
    """The command line's choices, and what they load (configs, rules, baselines) kept per run."""

    def __init__(self, config_file: str | None = None, rule_paths: tuple = (), select: tuple = (),
                 ignore: tuple = (), extend_select: tuple = (), fix: bool = False, diff: bool = False,
                 unsafe_fixes: bool = False, stdin_filename: str = "-",
                 max_file_size: float | None = None, baseline: str | None = None,
                 no_baseline: bool = False, report_year: int | None = None,
                 _cache: dict | None = None, _baselines: dict | None = None):
        self.config_file, self.rule_paths = config_file, rule_paths
        self.select, self.ignore, self.extend_select = select, ignore, extend_select
        self.fix, self.diff, self.unsafe_fixes = fix, diff, unsafe_fixes
        self.stdin_filename = stdin_filename
        self.max_file_size = max_file_size   # MB; None: the config's max-file-size, else the default
        self.baseline = baseline             # --baseline FILE (else the config's baseline:)
        self.no_baseline = no_baseline       # --write-baseline: report everything
        self.report_year = report_year       # --report-year Y (else the config's report-year:)
        self._cache = {} if _cache is None else _cache
        self._baselines = {} if _baselines is None else _baselines

    def config_for(self, path: str) -> Config:
        if self.config_file:
            return load_config_file(Path(self.config_file))
        base = Path(path).parent if path not in ("-", "") else Path.cwd()
        if path == "-" and self.stdin_filename not in ("-", ""):
            base = Path(self.stdin_filename).parent
        while True:
            try:
                return find_config(base)
            except OSError:   # a folder one may not enter (its file cannot be read either): look above it
                if base.resolve().parent == base.resolve():
                    return Config()
                base = base.resolve().parent

    def rules_for(self, config: Config) -> list[Rule]:
        key = (config.path, self.select, self.ignore, self.extend_select)
        if key not in self._cache:
            rules = configure_rules(config, self.rule_paths)
            select = self.select or config.select
            ignore = tuple(config.ignore) + tuple(self.ignore)
            extend = tuple(config.extend_select) + tuple(self.extend_select)
            given = [("--select", s) for s in self.select] + [("--ignore", s) for s in self.ignore] + \
                [("--extend-select", s) for s in self.extend_select]
            if config.path:
                given += [(f'{config.path}: 键 "{k}"', s) for k, sels in (
                    ("select", config.select), ("ignore", config.ignore),
                    ("extend-select", config.extend_select)) for s in sels]
            known = known_selectors(rules)
            for where, sel in given:
                if sel not in known:
                    raise ConfigError(f'{where}: 未知规则 "{excerpt_text(sel)}"（用 `reportlint rules` 查看全部规则）')
            chosen = select_rules(rules, select, ignore, extend)
            year = self.report_year or config.report_year
            if year is not None:   # the year under review is the report-year rule's option
                chosen = RuleSet([r.configured({"year": year}, "--report-year") if r.kind == "report-year" else r
                                  for r in chosen], chosen.catalog, chosen.regex_timeout)
            self._cache[key] = chosen
        return self._cache[key]

    def run(self, path: str, extra=()) -> FileResult:
        """Lint one file. ``extra``: findings made elsewhere about it (across reports,
        :mod:`reportlint.corpus`), merged in before directives, the baseline and the output."""
        shown = self.stdin_filename if path == "-" else path
        try:
            if path != "-":
                check_path(path)   # missing, a loop, a FIFO …: before the config search
            config = self.config_for(path)
            limit = self.max_file_size if self.max_file_size is not None else config.max_file_size
            src = read_stdin(shown, limit) if path == "-" else read_source(path, max_mb=limit)
        except InputError as exc:
            return FileResult(shown, error=exc.problem)
        rules = self.rules_for(config)
        try:
            doc, violations = lint_source(src, rules, shown, config.parts, extra)
        except ReportlintError as exc:   # e.g. a config ``parts:`` regex out of time on this file
            return FileResult(shown, error=str(exc))
        result = FileResult(shown, src, doc, violations)
        if self.fix or self.diff:
            self._fix(result, rules, config)
        else:
            src.raw = b""              # only fixing needs the original bytes
        self._finish(result, rules, config)
        # Results are kept until the end of the run (JSON is one document), so drop what the
        # rules derived (word tokens, score matrices): a batch of reports stays small.
        result.doc.cache.clear()
        return result

    def _finish(self, result: FileResult, rules, config) -> None:
        """The baseline (findings it holds are dropped) and what formatters say of the rules."""
        from .formatters import rule_info

        path = None if self.no_baseline else (self.baseline or getattr(config, "baseline", None))
        if path is not None:
            key = str(path)
            if key not in self._baselines:
                from .baseline import Baseline

                self._baselines[key] = Baseline.load(path)
            self._baselines[key].apply(result)
        result.rule_info = rule_info(rules, result.violations)

    def _fix(self, result: FileResult, rules, config) -> None:
        """--fix / --diff for one file: fix until stable, then show (--diff), print (stdin)
        or write back (:mod:`reportlint.writeback`: atomic, in the file's own encoding, BOM
        and line ends, only if the file is unchanged since it was read). A .docx is never
        written; a write that cannot be done safely leaves the file as it was and is
        reported. Fixes whose replacement the file's encoding cannot hold are not applied."""
        src = result.source
        parts = config.parts

        last = {}

        def relint(text):
            # the fixed text goes through the reader again: a reader that finds its markup in
            # the text finds it anew; the others' spans follow the fixes of the previous pass
            if "src" in last and text != last["src"].text:
                prev = last["src"]
                fixes = choose(prev.text, [f for f in applicable(last["violations"], self.unsafe_fixes)
                                           if accept is None or accept(f)])   # those fix_until_stable applied
                last["src"] = reparse(prev, text, fixes)
            elif "src" not in last:
                last["src"] = src
            last["doc"], last["violations"] = lint_source(last["src"], rules, result.path, parts)
            return last["violations"]

        held_back = set()
        if src.writable:
            encoding = _strict_encoding(src)

            def accept(fix):
                if _encodable(fix.replacement, encoding):
                    return True
                held_back.add(fix.replacement)
                return False
        else:
            accept = None

        new_text, n, violations = fix_until_stable(src.text, relint, self.unsafe_fixes, accept)
        fixed_doc = last["doc"]   # the document of new_text: fix_until_stable linted it last
        if held_back:
            chars = "".join(sorted({c for r in held_back for c in r if not _encodable(c, encoding)}))[:10]
            result.notice = (f"有修正含 {encoding.upper()} 编码无法表示的字符（{chars}），未应用；"
                             f"如需应用，请先把文件另存为 UTF-8")
        if self.diff:
            result.fixed = n
            if n:
                result.diff = unified_diff(src.text, new_text, result.path)
            return   # nothing written; the findings are those of the file as it is
        if src.kind == "stdin":
            # stdout gets the text (fixed or not), as it came: encoding, BOM, line ends
            try:
                result.fixed_text = fixed_bytes(src, new_text) if n else src.raw
            except WriteBackError as exc:
                result.fixed_text = src.raw   # the text as it came: no byte lost
                result.error = f"{exc}，输出的是原文"
                return
            result.fixed = n
            result.doc, result.violations = fixed_doc, violations
            return
        if n == 0:
            return
        if not src.writable:
            kind = Path(src.path).suffix.lower() or f".{src.kind}"
            result.notice = f"有 {n} 处可自动修正，但 {kind} 文件不会被改写，请在 Word/WPS 中修改（--diff 可查看要改的内容）"
            return
        try:
            write_back(src, fixed_bytes(src, new_text))
        except WriteBackError as exc:
            result.error = str(exc)
            return
        result.fixed = n
        result.doc, result.violations = fixed_doc, violations


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _strict_encoding(src: Source) -> str:
    """The encoding fixes must fit in: a file read as GB18030 whose bytes are all GBK stays
    GBK (Windows tools read it as GBK), so a replacement outside GBK is not applied."""
    if src.encoding == "gb18030" and src.raw:
        try:
            src.raw.decode("gbk")
            return "gbk"
        except UnicodeDecodeError:
            pass
    return src.encoding
