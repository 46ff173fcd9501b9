"""``reportlint lsp``: a language server for editors (VS Code, Neovim, Emacs …), over stdio.

Diagnostics are published on open, change and save; a code action offers each fix
(``快速修正``) and "fix all safe problems in this file". Configuration is found exactly as on
the command line (``.reportlint.yaml`` upward from the file, or pyproject.toml).

Positions: reportlint works in code points; LSP counts UTF-16 code units by default, so the
conversion happens here and only here (``_lsp_position``), at the edge.

Built on pygls (the maintained Python LSP framework), installed with the ``lsp`` extra:
``pip install 'reportlint[lsp]'``.
"""
from __future__ import annotations

from urllib.parse import unquote, urlparse

from . import __version__
from .api import Linter, lint_text
from .config import find_config
from .errors import ReportlintError
from .fix import applicable, apply_fixes

SEVERITY = {"error": 1, "warning": 2, "info": 3}


def _utf16_col(line: str, col0: int) -> int:
    """Code-point column (0-based) → UTF-16 code units (0-based)."""
    return len(line[:col0].encode("utf-16-le")) // 2


def _lsp_position(doc, offset: int):
    from lsprotocol import types

    line, col = doc.position(offset)
    return types.Position(line=line - 1, character=_utf16_col(doc.line_text(line - 1), col - 1))


def _lsp_range(doc, start: int, end: int):
    from lsprotocol import types

    return types.Range(start=_lsp_position(doc, start), end=_lsp_position(doc, end))


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else "-"


def create_server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("reportlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    linter = Linter()

    def lint_uri(uri: str):
        document = server.workspace.get_text_document(uri)
        path = _path(uri)
        text = document.source.replace("\r\n", "\n").replace("\r", "\n")
        config = linter.config_for(path)
        rules = linter.rules_for(config)
        doc, violations = lint_text(text, rules, path, config.parts)
        return document, doc, violations

    def publish(uri: str) -> None:
        try:
            document, doc, violations = lint_uri(uri)
        except ReportlintError as exc:
            server.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                               message=f"reportlint: {exc}"))
            return
        diagnostics = []
        for v in violations:
            related = [types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=_lsp_range(doc, r.start, r.end)), message=r.message)
                for r in v.related]
            diagnostics.append(types.Diagnostic(
                range=_lsp_range(doc, v.start, v.end), message=v.message,
                severity=types.DiagnosticSeverity(SEVERITY[v.severity.value]),
                code=f"{v.code} {v.rule}", source="reportlint",
                related_information=related or None))
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=document.version))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params):
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params):
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params):
        uri = params.text_document.uri
        if uri.endswith((".yaml", ".yml", ".toml")):
            # a config or rule file changed: forget cached configs and rules, re-lint what is open
            find_config.cache_clear()
            linter._cache.clear()
            for open_uri in list(server.workspace.text_documents):
                if not open_uri.endswith((".yaml", ".yml", ".toml")):
                    publish(open_uri)
            return
        publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params):
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls, params):
        uri = params.text_document.uri
        try:
            document, doc, violations = lint_uri(uri)
        except ReportlintError:
            return []
        want = params.range
        actions = []
        for v in violations:
            if v.fix is None:
                continue
            r = _lsp_range(doc, v.start, v.end)
            if (r.end.line, r.end.character) < (want.start.line, want.start.character) or \
                    (r.start.line, r.start.character) > (want.end.line, want.end.character):
                continue
            edit = types.TextEdit(range=_lsp_range(doc, v.fix.start, v.fix.end), new_text=v.fix.replacement)
            title = f"修正 [{v.rule}]：" + ("删除" if not v.fix.replacement else f"改为“{v.fix.replacement}”")
            actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                            edit=types.WorkspaceEdit(changes={uri: [edit]})))
        safe = applicable(violations)
        if safe:
            new_text, n = apply_fixes(doc.text, safe)
            if "\r\n" in document.source:
                new_text = new_text.replace("\n", "\r\n")
            if n:
                end = len(doc.text)
                whole = types.TextEdit(range=_lsp_range(doc, 0, end), new_text=new_text)
                actions.append(types.CodeAction(title=f"reportlint：修正本文件中 {n} 处可自动修正的问题",
                                                kind=types.CodeActionKind.SourceFixAll,
                                                edit=types.WorkspaceEdit(changes={uri: [whole]})))
        return actions

    return server


def serve() -> None:
    try:
        server = create_server()
    except ImportError:
        raise ReportlintError("语言服务器需要 pygls：pip install 'reportlint[lsp]'") from None
    server.start_io()
