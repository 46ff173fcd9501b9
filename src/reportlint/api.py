"""Linting files: the glue between input, config, the model, the engine and fixes.

``Linter`` holds the command-line choices; ``Linter.run(path)`` returns a ``FileResult``.
Only this module and ``cli`` touch the file system.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, configure_rules, find_config, load_config_file
from .engine import lint, select_rules
from .errors import ConfigError, InputError
from .fix import fix_until_stable
from .loader import Rule
from .model import Document
from .textio import Source, read_source, read_stdin, write_back
from .violation import Severity, Violation


@dataclass
class FileResult:
    path: str
    source: Source | None = None
    doc: Document | None = None
    violations: list[Violation] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0            # fixes applied (or that would be, with --diff)
    diff: str = ""
    fixed_text: str | None = None   # stdin with --fix: the fixed text, printed to stdout

    def count(self, sev: Severity) -> int:
        return sum(1 for v in self.violations if v.severity == sev)


def lint_text(text: str, rules: list[Rule], path: str | None = None, parts: dict | None = None) -> tuple[Document, list[Violation]]:
    doc = Document(text, path=path, parts=parts or None)
    return doc, lint(doc, rules)


@dataclass
class Linter:
    config_file: str | None = None
    rule_paths: tuple = ()
    select: tuple = ()
    ignore: tuple = ()
    extend_select: tuple = ()
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    stdin_filename: str = "-"
    _cache: dict = field(default_factory=dict)

    def config_for(self, path: str) -> Config:
        if self.config_file:
            return load_config_file(Path(self.config_file))
        base = Path(path).parent if path not in ("-", "") else Path.cwd()
        if path == "-" and self.stdin_filename not in ("-", ""):
            base = Path(self.stdin_filename).parent
        return find_config(base)

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
            for where, sel in given:
                if sel != "ALL" and not any(_matches(r, sel) for r in rules):
                    raise ConfigError(f'{where}: 未知规则 "{sel}"（用 `reportlint rules` 查看全部规则）')
            self._cache[key] = select_rules(rules, select, ignore, extend)
        return self._cache[key]

    def run(self, path: str) -> FileResult:
        shown = self.stdin_filename if path == "-" else path
        try:
            src = read_stdin(shown) if path == "-" else read_source(path)
        except InputError as exc:
            return FileResult(shown, error=exc.problem)
        config = self.config_for(path)
        rules = self.rules_for(config)
        doc, violations = lint_text(src.text, rules, shown, config.parts)
        result = FileResult(shown, src, doc, violations)
        if self.fix or self.diff:
            self._fix(result, rules, config)
        return result

    def _fix(self, result: FileResult, rules, config) -> None:
        src = result.source
        parts = config.parts

        def relint(text):
            return lint_text(text, rules, result.path, parts)[1]

        new_text, n, violations = fix_until_stable(src.text, relint, self.unsafe_fixes)
        result.fixed = n
        if n == 0:
            return
        if self.diff:
            result.diff = "".join(difflib.unified_diff(
                src.text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                fromfile=f"a/{result.path}", tofile=f"b/{result.path}"))
            return
        if src.kind == "stdin":
            result.fixed_text = new_text
            result.violations = violations
            return
        if not src.writable:
            result.error = "无法就地修正 .docx 文件，请用 --diff 查看要做的修改"
            return
        write_back(src, new_text)
        result.doc, result.violations = lint_text(new_text, rules, result.path, parts)


def _matches(rule, sel):
    from .engine import selector_matches
    return selector_matches(rule, sel)
