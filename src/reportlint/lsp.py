"""``reportlint lsp``: a language server for editors (Neovim, Helix, Emacs, VS Code …), over stdio.

What an editor gets:

* **Diagnostics**, pushed (``textDocument/publishDiagnostics``, with the document version) on
  open and save, and on change after a short pause (``debounceMs``, default 150 ms: the latest
  version wins, nothing is linted for every keystroke). A client that can pull
  (``textDocument/diagnostic``) pulls instead and nothing is pushed, so nothing is shown twice.
  ``code`` is the rule code (``RL201``), ``source`` is ``reportlint``, ``data`` holds the rule
  name and whether the finding has a safe fix, a suggestion or none.
* **Code actions**: a safe fix is a preferred ``quickfix`` titled ``修正：…``; a fix that needs
  a human look (法制→法治) is a separate, non-preferred ``quickfix`` titled ``建议：…``;
  ``source.fixAll.reportlint`` applies every safe fix, exactly what ``reportlint --fix``
  would. Actions carry the diagnostics they resolve and honour ``context.only``.
* **Configuration** is found as on the command line (``.reportlint.yaml`` upward from the file,
  or ``pyproject.toml``), read once per folder and re-read only when one of its files changes
  (checked by their modification times before a lint, and at once on ``didSave`` or
  ``workspace/didChangeWatchedFiles``). A broken config or rule file is shown once — a
  diagnostic on that file and one ``window/showMessage`` — while the last good configuration
  stays in use until the file is mended (the built-in rules, if there never was one).
  A file the config's ``exclude:`` names is not linted.

Positions: reportlint works in code points; the client counts in the encoding negotiated at
``initialize`` (``utf-8``, ``utf-16`` or ``utf-32``: the first of the client's
``general.positionEncodings`` that pygls supports, UTF-16 when it offers none). Conversion
happens only in :class:`Snapshot`, through pygls's position codec; positions a client sends
are clamped into the document. Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` as the LSP
specification says.

A buffer is read as its file would be: a Markdown file (or a buffer the editor calls
``markdown``) by the Markdown reader, its markup masked as on the command line; anything else
as plain text.

Exit: 0 after ``shutdown`` then ``exit``, 1 for ``exit`` (or the end of input) without
``shutdown``, as the specification asks; a request after ``shutdown`` gets ``InvalidRequest``.
Requests whose parameters do not parse are answered with JSON-RPC's ``InvalidParams``; log
lines go to stderr one line each, tracebacks only with ``REPORTLINT_DEBUG=1``.

Built on pygls ≥ 2 (the maintained Python LSP framework), installed with the ``lsp`` extra:
``pip install 'reportlint[lsp]'``.
"""
from __future__ import annotations

import asyncio
import bisect
import itertools
import logging
import os
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import regex as re

from . import __version__
from .api import Linter, lint_source
from .config import CONFIG_NAMES, Config, find_config
from .errors import ReportlintError
from .fix import fix_until_stable

try:
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import LanguageServerProtocol
    from pygls.uris import to_fs_path
    from pygls.workspace import ServerTextPosition
except ImportError:   # the lsp extra is not installed: serve() says how to install it
    types = None

INSTALL_HINT = "语言服务器需要 pygls：pip install 'reportlint[lsp]'"

SEVERITY = {"error": 1, "warning": 2, "info": 3}
FIX_ALL = "source.fixAll.reportlint"
CONFIG_SUFFIXES = (".yaml", ".yml", ".toml")
DEBOUNCE_MS = 150
RESULT_CACHE = 32          # lint results kept, keyed by config, path and text (undo, code actions)

_serial = itertools.count(1)
_EOL = re.compile(r"\r\n|\r")


def _newline(source: str) -> str:
    if "\r\n" in source:
        return "\r\n"
    return "\r" if "\r" in source else "\n"


def _path(uri: str) -> str:
    """The file a URI names, or ``-`` for an unsaved buffer (``untitled:``)."""
    if not uri.startswith("file:"):
        return "-"
    try:
        return to_fs_path(uri) or "-"
    except Exception:   # a malformed URI: lint it as a buffer without a file
        return "-"


def _span(r) -> tuple:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def _dict_span(r: dict) -> tuple:
    return (r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"])


def _short(text: str, n: int = 12) -> str:
    text = text.replace("\n", "↵")
    return text if len(text) <= n else text[:n - 1] + "…"


def fix_title(v) -> str:
    """``修正：把“法制建设”改为“法治建设”`` (safe) or ``建议：…`` (a suggestion to check)."""
    f = v.fix
    old = v.fix_old
    if not f.replacement:
        if old.strip():
            what = f"删除“{_short(old)}”"
        else:
            what = "删除换行，接成一段" if "\n" in old else "删除多余的空白"
    elif f.start == f.end:
        what = f"插入“{_short(f.replacement)}”"
    elif old.strip():
        what = f"把“{_short(old)}”改为“{_short(f.replacement)}”"
    else:
        what = f"改为“{_short(f.replacement)}”"
    return f"{'修正' if f.safe else '建议'}：{what}（{v.rule}）"


# ------------------------------------------------------------------------------ documents
_UNITS: dict[str, dict[str, int]] = {}
_COLUMNS: dict[str, OrderedDict] = {}   # encoding → line text → client column per code point
COLUMN_CACHE = 2048                     # lines


def _units(codec) -> dict[str, int]:
    """Character → its length in the codec's units, filled as characters are met."""
    return _UNITS.setdefault(str(codec.encoding), {})


@dataclass
class Snapshot:
    """One version of an open document, linted. Offsets are code points into ``text`` (the
    source with every line end made ``\\n``); a line/character position is the same in
    ``text`` and in the client's source, so edits computed on ``text`` apply to the source."""
    uri: str
    version: int | None
    source: str
    text: str
    violations: list
    entry: "ConfigEntry"
    codec: object
    serial: int = field(default_factory=lambda: next(_serial))
    _lines: list[str] | None = None
    _starts: list[int] | None = None
    _cols: dict = field(default_factory=dict)
    _diagnostics: list | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
            starts, pos = [], 0
            for ln in self._lines:
                starts.append(pos)
                pos += len(ln) + 1
            self._starts = starts
        return self._lines

    def position(self, offset: int):
        """A code-point offset → an LSP position in the negotiated encoding."""
        self.lines   # splits the text and finds the line starts, once
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._starts, offset) - 1
        return {"line": i, "character": self._columns(i)[offset - self._starts[i]]}

    def _columns(self, i: int) -> list[int]:
        """Line ``i``'s client column at each code point: the codec's unit count of each
        character, summed once per line text (the codec itself re-counts the line's prefix
        for every position, which on a long paragraph with many findings costs more than the
        lint). Kept across versions: typing changes one line, the others are looked up."""
        cols = self._cols.get(i)
        if cols is None:
            line = self.lines[i]
            cache = _COLUMNS.setdefault(str(self.codec.encoding), OrderedDict())
            cols = cache.get(line)
            if cols is None:
                units = _units(self.codec)
                try:
                    cols = list(itertools.accumulate(map(units.__getitem__, line), initial=0))
                except KeyError:
                    for ch in set(line) - units.keys():
                        units[ch] = self.codec.client_num_units(ch)
                    cols = list(itertools.accumulate(map(units.__getitem__, line), initial=0))
                cache[line] = cols
                if len(cache) > COLUMN_CACHE:
                    cache.popitem(last=False)
            self._cols[i] = cols
        return cols

    def range(self, start: int, end: int):
        return {"start": self.position(start), "end": self.position(end)}

    def offset(self, pos) -> int:
        """An LSP position from the client → a code-point offset, clamped into the text."""
        lines = self.lines
        if pos.line < 0:
            return 0
        if pos.line >= len(lines):
            return len(self.text)
        line = lines[pos.line]
        units = self.codec.client_num_units(line)
        character = max(0, min(pos.character, units))
        if character == units:
            return self._starts[pos.line] + len(line)
        p = self.codec.position_from_client_units(lines, types.Position(line=pos.line, character=character))
        return self._starts[pos.line] + min(p.character, len(line))

    def edit(self, start: int, end: int, new_text: str):
        return {"range": self.range(start, end), "newText": new_text.replace("\n", _newline(self.source))}

    @property
    def diagnostics(self) -> list:
        if self._diagnostics is None:
            self._diagnostics = [self.diagnostic(v) for v in self.violations]
        return self._diagnostics

    def diagnostic(self, v) -> dict:
        d = {"range": self.range(v.start, v.end), "message": v.message, "severity": SEVERITY[v.severity.value],
             "code": v.code, "source": "reportlint",
             "data": {"rule": v.rule, "fix": None if v.fix is None else ("safe" if v.fix.safe else "suggestion")}}
        url = self.entry.urls.get(v.rule)
        if url:
            d["codeDescription"] = {"href": url}
        if v.related:
            d["relatedInformation"] = [{"location": {"uri": self.uri, "range": self.range(r.start, r.end)},
                                        "message": r.message} for r in v.related]
        return d


@dataclass
class _Shown:
    """A violation with the text its fix replaces (for the action's title)."""
    rule: str
    fix: object
    fix_old: str


# ------------------------------------------------------------------------------ configuration
@dataclass
class ConfigEntry:
    """The configuration in force for one folder: the rules to lint with, the files it was
    read from (with their modification times, to notice a change) and the error, if the
    files are broken now (``config``/``rules`` are then the last good ones)."""
    config: Config
    rules: list
    watched: tuple          # the files (and rule folders) whose change means reloading
    stamp: tuple | None     # their modification times and sizes when loaded
    rule_paths: tuple = ()
    error: str | None = None
    error_file: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    fallback: str = ""              # "last" (the last good configuration) or "builtin"
    serial: int = field(default_factory=lambda: next(_serial))

    def __post_init__(self):
        #: rule name → documentation URL, for rules that have one (``codeDescription``)
        self.urls = {r.name: r.url for r in self.rules if isinstance(getattr(r, "url", None), str) and r.url}


def _stat(p: str):
    try:
        st = os.stat(p)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size)


_ERROR_AT = re.compile(r"(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<rest>.*)", re.S)
_ERROR_KEY = re.compile(r'键 "([^"]+)"')
_ERROR_RULE = re.compile(r'规则 "([^"]+)"')


def _line_of_key(lines: list[str], problem: str) -> int:
    """The line of a config or rule file an error is about: where the key it names is set
    (``键 "rules.fazhi-term"`` → the line ``fazhi-term: …``), else where the rule is, else 0."""
    for rx in (_ERROR_KEY, _ERROR_RULE):
        m = rx.search(problem)
        if not m:
            continue
        needle = m[1].rsplit(".", 1)[-1]
        for test in (lambda ln: ln.lstrip(" -").startswith(needle + ":"), lambda ln: needle in ln):
            for i, ln in enumerate(lines):
                if test(ln):
                    return i
    return 0


def split_error(message: str):
    """``/a/.reportlint.yaml:3:5: YAML 语法错误：…`` → (file, line0, col0, the rest): the file an
    error names (if it exists), where in it (0-based, None if unknown), and what is wrong."""
    m = _ERROR_AT.match(message)
    if not m or not Path(m["file"]).is_file():
        return None, None, None, message
    line = int(m["line"]) - 1 if m["line"] else None
    col = int(m["col"]) - 1 if m["col"] else None
    return m["file"], line, col, m["rest"]


class Configs:
    """Configuration per folder, loaded once and kept until one of its files changes."""

    def __init__(self):
        self.linter = Linter()
        self.by_dir: dict[Path, ConfigEntry] = {}
        self.good: dict[Path, ConfigEntry] = {}
        self._builtin: ConfigEntry | None = None
        self._folders: dict[str, Path] = {}

    def folder(self, path: str) -> Path:
        """The (resolved) folder whose configuration applies to ``path``."""
        found = self._folders.get(path)
        if found is None:
            base = Path(path).parent if path not in ("-", "") else Path.cwd()
            try:
                found = base.resolve()
            except OSError:
                found = base.absolute()
            if len(self._folders) > 4096:
                self._folders.clear()
            self._folders[path] = found
        return found

    @staticmethod
    def watch_list(folder: Path, rule_paths=(), extra=()) -> tuple:
        """Every file that decides the configuration of ``folder``: the config candidates on
        the way up, the rule files and folders loaded (a folder's time changes when a file is
        added or removed) and the file an error names."""
        out = [os.path.join(d, name) for d in (folder, *folder.parents)
               for name in (*CONFIG_NAMES, "pyproject.toml")]
        for p in (*rule_paths, *extra):
            p = str(p)
            out.append(p)
            if os.path.isdir(p):
                try:
                    out.extend(sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith((".yaml", ".yml"))))
                except OSError:
                    pass
        return tuple(out)

    @staticmethod
    def stamp(watched: tuple) -> tuple:
        return tuple(_stat(p) for p in watched)

    def entry(self, config, rules, folder, rule_paths=(), extra=(), **kw) -> ConfigEntry:
        watched = self.watch_list(folder, rule_paths, extra)
        return ConfigEntry(config, rules, watched, self.stamp(watched), rule_paths=tuple(rule_paths), **kw)

    def builtin(self) -> ConfigEntry:
        if self._builtin is None:
            config = Config()
            self._builtin = ConfigEntry(config, self.linter.rules_for(config), (), ())
        return self._builtin

    def for_path(self, path: str) -> ConfigEntry:
        folder = self.folder(path)
        entry = self.by_dir.get(folder)
        if entry is not None and entry.stamp is not None and self.stamp(entry.watched) == entry.stamp:
            return entry
        entry = self.load(folder)
        self.by_dir[folder] = entry
        return entry

    def load(self, folder: Path) -> ConfigEntry:
        find_config.cache_clear()
        self.linter._cache.clear()
        try:
            config = self.linter.config_for(str(folder / "_"))
            rules = self.linter.rules_for(config)
        except ReportlintError as exc:
            previous = self.good.get(folder)
            keep = previous or self.builtin()
            file, line, col, _ = split_error(str(exc))
            return self.entry(keep.config, keep.rules, folder, keep.rule_paths, (file,) if file else (),
                              error=str(exc), error_file=file, error_line=line, error_column=col,
                              fallback="last" if previous else "builtin")
        entry = self.entry(config, rules, folder, config.extend_rules)
        self.good[folder] = entry
        return entry

    def forget(self) -> None:
        """Re-read everything at the next lint (a config or rule file changed)."""
        for entry in self.by_dir.values():
            entry.stamp = None

    def excluded(self, path: str, entry: ConfigEntry) -> bool:
        from .discover import excluded

        config = entry.config
        if path == "-" or not config.exclude:
            return False
        # relative to the config's folder, as on the command line; without a config file the
        # default excludes (README, CHANGELOG …) still apply to the file's own name
        rel = PurePath(Path(path).name)
        if config.path:
            try:
                rel = PurePath(Path(path).resolve().relative_to(Path(config.path).resolve().parent))
            except (ValueError, OSError):
                pass
        return excluded(rel, config.exclude)


# ------------------------------------------------------------------------------ the session
class Session:
    """Everything the server knows between messages: open documents, their last lint, the
    configurations and the errors already shown. Sends through ``server``."""

    def __init__(self, server):
        self.server = server
        self.configs = Configs()
        self.opened: set[str] = set()
        self.language: dict[str, str] = {}      # uri → the editor's language id
        self.snapshots: dict[str, Snapshot] = {}
        self.results: OrderedDict = OrderedDict()
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.debounce = DEBOUNCE_MS / 1000
        self.pull = False               # the client pulls diagnostics: never push them
        self.document_changes = False   # edits as versioned documentChanges
        self.watch = False              # the client watches files for us if we register
        self.refresh = False            # workspace/diagnostic/refresh makes it pull again
        self.shutdown = False
        self.error_files: dict[str, str] = {}   # uri of a broken config/rule file → its error
        self.shown: set[str] = set()            # errors already shown with window/showMessage

    # -- client capabilities -----------------------------------------------------------
    def initialize(self, params) -> None:
        caps = params.capabilities
        td = caps.text_document
        self.pull = bool(td is not None and td.diagnostic is not None)
        ws = caps.workspace
        self.document_changes = bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)
        self.watch = bool(ws and ws.did_change_watched_files and ws.did_change_watched_files.dynamic_registration)
        self.refresh = bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
        opts = params.initialization_options
        if isinstance(opts, dict) and isinstance(opts.get("debounceMs"), (int, float)) \
                and not isinstance(opts.get("debounceMs"), bool) and 0 <= opts["debounceMs"] <= 10_000:
            self.debounce = opts["debounceMs"] / 1000

    def initialized(self) -> None:
        if not self.watch:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=g)
                    for g in ("**/.reportlint.yaml", "**/.reportlint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")]
        self.server.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="reportlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    # -- linting -----------------------------------------------------------------------
    @staticmethod
    def is_config(uri: str) -> bool:
        return uri.lower().endswith(CONFIG_SUFFIXES)

    def lint(self, uri: str) -> Snapshot:
        """The lint of the document as it is now (reusing the last one if nothing changed)."""
        document = self.server.workspace.get_text_document(uri)
        source, version = document.source, document.version
        path = _path(uri)
        entry = self.configs.for_path(path)
        self.report_config(entry)
        last = self.snapshots.get(uri)
        if last is not None and last.source == source and last.entry is entry:
            last.version = version
            return last
        text = source if "\r" not in source else _EOL.sub("\n", source)
        violations = [] if self.is_config(uri) or self.configs.excluded(path, entry) else \
            self.violations(entry, path, text, self.reader(uri, path))
        snap = Snapshot(uri, version, source, text, violations, entry, self.server.workspace.position_codec)
        self.snapshots[uri] = snap
        return snap

    def reader(self, uri: str, path: str) -> str:
        """The format a buffer is read as: its file's reader if that reader parses text
        (Markdown: markup is masked, as on the command line), else by the editor's language
        id, else plain text."""
        from .readers import reader_for

        if path != "-":
            mod = reader_for(Path(path))
            if getattr(mod, "reparse", None) is not None:
                return mod.NAME
        return "markdown" if self.language.get(uri) == "markdown" else "text"

    def violations(self, entry: ConfigEntry, path: str, text: str, reader: str = "text") -> list:
        from .readers import Source, reparse

        key = (entry.serial, path, reader, text)
        hit = self.results.get(key)
        if hit is not None:
            self.results.move_to_end(key)
            return hit
        src = Source(path=path, text=text, kind=reader, meta={"reader": reader})
        if reader != "text":
            src = reparse(src, text)
        doc, violations = lint_source(src, entry.rules, path, entry.config.parts)
        doc.cache.clear()
        self.results[key] = violations
        while len(self.results) > RESULT_CACHE:
            self.results.popitem(last=False)
        return violations

    def publish(self, uri: str) -> None:
        self.cancel(uri)
        if uri not in self.opened:
            return
        try:
            snap = self.lint(uri)
            diagnostics = snap.diagnostics
        except Exception as exc:   # a defect of ours: say so once, leave no stale findings
            self.internal_error(exc)
            snap, diagnostics = None, []
        if self.pull:
            return
        version = snap.version if snap else None
        self.notify_diagnostics(uri, diagnostics, version)

    def schedule(self, uri: str) -> None:
        """Lint after ``debounce`` seconds without a newer change (the latest version wins)."""
        if self.pull:
            return
        self.cancel(uri)
        if self.debounce <= 0:
            self.publish(uri)
            return
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(self.debounce, self.publish, uri)

    def cancel(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def relint_all(self, forget: bool = False) -> None:
        """Re-lint the open documents whose configuration changed (a config or rule file was
        saved or changed on disk; the watch lists' times tell which); all with ``forget``."""
        if forget:
            self.configs.forget()
        changed = False
        for uri in sorted(self.opened):
            if self.is_config(uri):
                continue
            snap = self.snapshots.get(uri)
            if snap is not None and self.configs.for_path(_path(uri)) is snap.entry:
                continue
            changed = True
            if self.pull:
                self.lint(uri)   # reports config errors; the client pulls the findings
            else:
                self.publish(uri)
        if changed and self.pull and self.refresh:
            self.server.workspace_diagnostic_refresh(None)

    # -- configuration errors ----------------------------------------------------------
    def report_config(self, entry: ConfigEntry) -> None:
        """Show a broken config or rule file once; clear its diagnostic when it is mended."""
        if entry.error is None:
            for uri in list(self.error_files):
                if not self._still_broken(uri):
                    self.clear_config_error(uri)
            return
        if entry.error_file:
            uri = Path(entry.error_file).resolve().as_uri()
            if self.error_files.get(uri) != entry.error:
                self.error_files[uri] = entry.error
                self.publish_config_error(uri, entry)
        if entry.error not in self.shown:
            self.shown.add(entry.error)
            keep = "已沿用上次的有效配置" if entry.fallback == "last" else "暂用内置规则"
            self.server.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"reportlint：{entry.error}（{keep}，改正后自动生效）"))

    def _still_broken(self, uri: str) -> bool:
        """Whether some folder's configuration still fails on that file, as it is on disk now."""
        return any(e.error is not None and e.error_file and Path(e.error_file).resolve().as_uri() == uri
                   and e.stamp is not None and self.configs.stamp(e.watched) == e.stamp
                   for folder, e in self.configs.by_dir.items())

    def clear_config_error(self, uri: str) -> None:
        error = self.error_files.pop(uri, None)
        self.shown.discard(error)
        self.notify_diagnostics(uri, [])

    def publish_config_error(self, uri: str, entry: ConfigEntry) -> None:
        file, line, col, rest = split_error(entry.error)
        try:
            lines = Path(file).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").split("\n")
        except OSError:
            lines = [""]
        codec = self.server.workspace.position_codec
        if line is None:   # no line in the message: the line naming the key or rule, else the first
            line = _line_of_key(lines, rest)
            col = None
        line = max(0, min(line, len(lines) - 1))
        text = lines[line]
        start = codec.position_to_client_units(lines, ServerTextPosition(line, min(col or 0, len(text))))
        end = codec.position_to_client_units(lines, ServerTextPosition(line, len(text)))
        if end.character <= start.character:
            end = types.Position(line=line, character=start.character + 1)
        self.notify_diagnostics(uri, [{
            "range": {"start": {"line": start.line, "character": start.character},
                      "end": {"line": end.line, "character": end.character}},
            "message": rest, "severity": 1, "source": "reportlint"}])

    def notify_diagnostics(self, uri: str, diagnostics: list, version: int | None = None) -> None:
        """``textDocument/publishDiagnostics``. Diagnostics, like every result this server
        sends, are built as JSON-ready dicts: lsprotocol objects cost more to build and to
        unstructure than the lint itself, on a report with two hundred findings."""
        params = Raw(uri=uri, diagnostics=diagnostics)
        if version is not None:
            params["version"] = version
        self.server.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    def internal_error(self, exc: Exception) -> None:
        message = f"reportlint 内部错误：{exc.__class__.__name__}: {exc}"
        logging.getLogger("reportlint").error(message, exc_info=exc)
        if message not in self.shown:
            self.shown.add(message)
            self.server.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    # -- code actions ------------------------------------------------------------------
    def code_actions(self, params) -> list:
        uri = params.text_document.uri
        if uri not in self.opened or self.is_config(uri):
            return []
        snap = self.lint(uri)
        only = params.context.only

        def wanted(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(k + ".") for k in only)

        a, b = sorted((snap.offset(params.range.start), snap.offset(params.range.end)))
        asked = [(d.code, _span(d.range)) for d in params.context.diagnostics or ()]
        actions = []
        if wanted(types.CodeActionKind.QuickFix):
            for v, diag in zip(snap.violations, snap.diagnostics):
                if v.fix is None:
                    continue
                if not (v.start <= b and a <= v.end) and (diag["code"], _dict_span(diag["range"])) not in asked:
                    continue
                shown = _Shown(v.rule, v.fix, snap.text[v.fix.start:v.fix.end])
                actions.append({
                    "title": fix_title(shown), "kind": types.CodeActionKind.QuickFix.value, "diagnostics": [diag],
                    "isPreferred": v.fix.safe,
                    "edit": self.workspace_edit(snap, [snap.edit(v.fix.start, v.fix.end, v.fix.replacement)])})
        if wanted(FIX_ALL):
            action = self.fix_all(snap)
            if action is not None:
                actions.append(action)
        return actions

    def fix_all(self, snap: Snapshot):
        """Every safe fix, re-linted until stable (what ``reportlint --fix`` does), as one
        edit of the part of the text that changes."""
        if not any(v.fix is not None and v.fix.safe for v in snap.violations):
            return None
        path = _path(snap.uri)
        reader = self.reader(snap.uri, path)
        new_text, n, _ = fix_until_stable(snap.text, lambda t: self.violations(snap.entry, path, t, reader))
        if not n or new_text == snap.text:
            return None
        old = snap.text
        start = 0
        limit = min(len(old), len(new_text))
        while start < limit and old[start] == new_text[start]:
            start += 1
        end_old, end_new = len(old), len(new_text)
        while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
            end_old -= 1
            end_new -= 1
        fixed = [d for v, d in zip(snap.violations, snap.diagnostics) if v.fix is not None and v.fix.safe]
        action = {"title": f"reportlint：修正本文件中全部可自动修正的问题（{n} 处）", "kind": FIX_ALL,
                  "edit": self.workspace_edit(snap, [snap.edit(start, end_old, new_text[start:end_new])])}
        if fixed:
            action["diagnostics"] = fixed
        return action

    def workspace_edit(self, snap: Snapshot, edits: list):
        if self.document_changes:
            return {"documentChanges": [{"textDocument": {"uri": snap.uri, "version": snap.version},
                                         "edits": edits}]}
        return {"changes": {snap.uri: edits}}

    # -- pull diagnostics --------------------------------------------------------------
    def pull_diagnostics(self, params):
        uri = params.text_document.uri
        if uri not in self.opened or self.is_config(uri):
            return {"kind": "full", "items": []}
        snap = self.lint(uri)
        result_id = str(snap.serial)
        if params.previous_result_id == result_id:
            return {"kind": "unchanged", "resultId": result_id}
        return {"kind": "full", "resultId": result_id, "items": snap.diagnostics}


# ------------------------------------------------------------------------------ the server
def create_server():
    if types is None:
        raise ImportError("pygls")

    class Protocol(LanguageServerProtocol):
        """pygls's protocol, answering a request whose params do not parse with InvalidParams
        (pygls logs it and never answers, so the client waits for ever), and sending the
        diagnostics it is given as they are (JSON-ready dicts, see ``notify_diagnostics``)."""

        def handle_message(self, message):
            # after shutdown a request is answered with InvalidRequest (the LSP specification);
            # pygls drops it silently, and the client would wait for its answer
            method = getattr(message, "method", None)
            if getattr(self._server, "session", None) is not None and self._server.session.shutdown \
                    and method not in (None, types.EXIT) and getattr(message, "id", None) is not None:
                self._send_response(message.id, error=types.ResponseError(
                    code=types.ErrorCodes.InvalidRequest, message=f"{method}：服务器已关闭"))
                return
            super().handle_message(message)

        def get_message_type(self, method):
            if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
                return None   # a generic notification: its params are sent as built
            return super().get_message_type(method)

        def _serialize_message(self, data):
            # A payload built as JSON (Raw) goes to json.dumps as it is: cattrs would walk and
            # copy every nested dict first. (Should pygls stop calling this, the cattrs path
            # still gives the same JSON, only slower.)
            params = getattr(data, "params", None)
            if isinstance(params, (Raw, RawList)):
                return {"jsonrpc": data.jsonrpc, "method": data.method, "params": params}
            result = getattr(data, "result", None)
            if isinstance(result, (Raw, RawList)) and hasattr(data, "id"):
                return {"jsonrpc": data.jsonrpc, "id": data.id, "result": result}
            return super()._serialize_message(data)

        def structure_message(self, data):
            try:
                return super().structure_message(data)
            except Exception:
                if isinstance(data, dict) and "id" in data and "method" in data:
                    self._send_response(data["id"], error=types.ResponseError(
                        code=types.ErrorCodes.InvalidParams, message=f"{data.get('method')}：参数无效"))
                return _Ignored()

    server = LanguageServer("reportlint", __version__, protocol_cls=Protocol,
                            text_document_sync_kind=types.TextDocumentSyncKind.Full)
    session = Session(server)
    server.session = session

    @server.feature(types.INITIALIZE)
    def initialize(ls, params):
        session.initialize(params)

    @server.feature(types.INITIALIZED)
    def initialized(ls, params):
        session.initialized()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls, params):
        session.shutdown = True
        for uri in list(session.timers):
            session.cancel(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params):
        uri = params.text_document.uri
        session.opened.add(uri)
        session.language[uri] = params.text_document.language_id
        if not session.is_config(uri):
            session.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params):
        uri = params.text_document.uri
        if uri in session.opened and not session.is_config(uri):
            session.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params):
        uri = params.text_document.uri
        if session.is_config(uri):
            session.relint_all()   # a config or rule file was saved in the editor
        elif uri in session.opened:
            session.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params):
        uri = params.text_document.uri
        session.cancel(uri)
        session.opened.discard(uri)
        session.language.pop(uri, None)
        session.snapshots.pop(uri, None)
        if not session.pull and uri not in session.error_files:
            session.notify_diagnostics(uri, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls, params):
        session.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_workspace_folders(ls, params):
        session.relint_all(forget=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls, params):
        pass   # reportlint reads its settings from .reportlint.yaml, not from the editor

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[
            types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]))
    def code_action(ls, params):
        return RawList(session.code_actions(params))

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
            identifier="reportlint", inter_file_dependencies=False, workspace_diagnostics=False))
    def diagnostic(ls, params):
        return Raw(session.pull_diagnostics(params))

    return server


class Raw(dict):
    """A message payload this server built as JSON-ready data."""


class RawList(list):
    """A list result this server built as JSON-ready data."""


class _Ignored:
    """What a message that could not be parsed becomes: pygls drops it (it is not JSON-RPC 2.0)."""
    jsonrpc = None


class _OneLine(logging.Handler):
    """Log records on stderr, one line each; tracebacks only with REPORTLINT_DEBUG=1."""

    def __init__(self, debug: bool):
        super().__init__(logging.DEBUG if debug else logging.ERROR)
        self.debug = debug

    def emit(self, record):
        try:
            text = record.getMessage()
            if not self.debug:
                text = text.strip().splitlines()[0] if text.strip() else record.levelname
            elif record.exc_info:
                import traceback

                text += "\n" + "".join(traceback.format_exception(*record.exc_info))
            sys.stderr.write(f"reportlint lsp: {text}\n")
            sys.stderr.flush()
        except Exception:
            pass


def serve() -> int:
    """Run the server on stdin/stdout; the exit code (0 after shutdown, else 1)."""
    try:
        server = create_server()
    except ImportError:
        raise ReportlintError(INSTALL_HINT) from None
    debug = bool(os.environ.get("REPORTLINT_DEBUG"))
    handler = _OneLine(debug)
    for name in ("pygls", "reportlint"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(logging.DEBUG if debug else logging.ERROR)
    server.start_io()
    return 0 if server.session.shutdown else 1
