"""The language server, driven over stdio as an editor would: JSON-RPC with Content-Length
framing, a real ``reportlint lsp`` process. Positions in each negotiated encoding (exact
columns on a line with Han characters and an astral character), diagnostic fields, code
actions (context.only, fix-all, suggestions), configuration errors, debouncing, pull
diagnostics, bad input from the client, exit codes. Neovim as a client: test_lsp_neovim.py."""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

RULE = """\
name: lsp-test-term
code: ZZ901
kind: pattern
severity: warning
message: 用“{replacement}”代替“{match}”
description: test rule
source: test
patterns: [依法行政工作]
replacement: 依法行政
"""
CONFIG = "extend-rules: [rules]\nselect: [duplicate-heading, fazhi-term, lsp-test-term]\n"

# U+2000B 𠀋 is one code point, two UTF-16 units, four UTF-8 bytes; （一） and Han are three bytes.
LINE = "（一）𠀋a推进依法行政工作"
TEXT = f"一、主要举措\n{LINE}\n二、工作安排\n{LINE}\n加强法制建设。\n"
#            code points      UTF-16 units      UTF-8 bytes
# 依法行政工作 starts at 7    8 (𠀋 counts 2)    3+3+3+4+1+3+3 = 20,  is 6 long: 6 / 6 / 18
# the heading text 𠀋a推进依法行政工作 starts at 3 in all three and ends at 13 / 14 / 38
TERM = {"utf-32": (7, 13), "utf-16": (8, 14), "utf-8": (20, 38)}
HEADING = {"utf-32": (3, 13), "utf-16": (3, 14), "utf-8": (9, 38)}


class Client:
    """A minimal LSP client: a reader thread queues every message; requests from the server
    (registerCapability, diagnostic refresh) are answered with null."""

    def __init__(self, cwd: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "reportlint", "lsp"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(out.read(length))
            if "method" in msg and "id" in msg:   # a request from the server
                self._write({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            self.messages.put(msg)

    def _write(self, msg):
        body = json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, method, params, request=True):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        self._write(msg)
        return msg.get("id")

    def wait_for(self, pred, timeout=30):
        end = time.time() + timeout
        while True:
            try:
                msg = self.messages.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                raise TimeoutError(f"no matching message; seen: {self.seen[-5:]}") from None
            if msg is None:
                raise EOFError(self.proc.stderr.read().decode("utf-8", "replace"))
            self.seen.append(msg)
            if pred(msg):
                return msg

    def request(self, method, params, timeout=30):
        rid = self.send(method, params)
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def diagnostics(self, uri, timeout=30):
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri, timeout)["params"]

    def drain(self, seconds):
        """Every message that arrives within ``seconds``."""
        end, out = time.time() + seconds, []
        while time.time() < end:
            try:
                msg = self.messages.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                break
            if msg is None:
                break
            self.seen.append(msg)
            out.append(msg)
        return out

    def open(self, path: Path, text: str, version=1):
        self.send("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "plaintext", "version": version, "text": text}}, request=False)

    def change(self, path: Path, text: str, version: int):
        self.send("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version},
                                             "contentChanges": [{"text": text}]}, request=False)

    def close(self):
        if self.proc.poll() is not None:
            self.stderr = ""
            return
        try:
            self.send("shutdown", None)
            self.send("exit", None, request=False)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.stderr = self.proc.stderr.read().decode("utf-8", "replace")


def start(root, capabilities=None, options=None):
    pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")
    c = Client(root)
    params = {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities or {},
              "initializationOptions": {"debounceMs": 0} if options is None else options}
    c.init = c.request("initialize", params)["result"]
    assert c.init["serverInfo"]["name"] == "reportlint"
    c.send("initialized", {}, request=False)
    return c


_count = iter(range(10**6))


def make_project(root: Path, config: str = CONFIG) -> Path:
    """A folder of its own (config and rule file) under the server's root: configuration is
    per folder, so tests sharing a server do not see each other's."""
    d = root / f"p{next(_count)}"
    (d / "rules").mkdir(parents=True)
    (d / "rules" / "term.yaml").write_text(RULE, encoding="utf-8")
    (d / ".reportlint.yaml").write_text(config, encoding="utf-8")
    return d


# Starting a server costs seconds (lsprotocol alone imports in about one), so the tests share
# four: the default client (UTF-16, push, plain edits, no debounce), a UTF-8 one (versioned
# edits, watched files, an 800 ms debounce), a UTF-32 one (the default debounce), a pulling one.
@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("lsp")


@pytest.fixture(scope="module")
def client(root):
    c = start(root, {})
    yield c
    c.close()
    assert "Traceback" not in c.stderr, c.stderr


@pytest.fixture(scope="module")
def client8(root):
    c = start(root, {"general": {"positionEncodings": ["utf-8", "utf-16"]},
                     "workspace": {"workspaceEdit": {"documentChanges": True},
                                   "didChangeWatchedFiles": {"dynamicRegistration": True}}},
              options={"debounceMs": 800})
    yield c
    c.close()


@pytest.fixture(scope="module")
def client32(root):
    c = start(root, {"general": {"positionEncodings": ["utf-32", "utf-16"]}}, options={})
    yield c
    c.close()


@pytest.fixture(scope="module")
def puller(root):
    c = start(root, {"textDocument": {"diagnostic": {"dynamicRegistration": False}}})
    yield c
    c.close()


@pytest.fixture()
def project(root):
    return make_project(root)


def encodings(*names):
    return {"general": {"positionEncodings": list(names)}}


def span(d):
    r = d["range"]
    return (r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"])


# ------------------------------------------------------------------------------ positions
def test_the_negotiated_encoding_is_announced(client, client8, client32):
    assert client.init["capabilities"]["positionEncoding"] == "utf-16"    # offered nothing: the default
    assert client8.init["capabilities"]["positionEncoding"] == "utf-8"    # offered utf-8, utf-16
    assert client32.init["capabilities"]["positionEncoding"] == "utf-32"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_positions_are_in_the_negotiated_encoding(client, client8, client32, project, encoding):
    c = {"utf-8": client8, "utf-16": client, "utf-32": client32}[encoding]
    path = project / "draft.txt"
    c.open(path, TEXT)
    diags = c.diagnostics(path.as_uri())["diagnostics"]
    got = sorted((d["code"], span(d)) for d in diags)
    t0, t1 = TERM[encoding]
    h0, h1 = HEADING[encoding]
    assert got == [("RL201", (3, h0, 3, h1)), ("RL501", (4, 6, 4, 12) if encoding == "utf-8" else (4, 2, 4, 4)),
                   ("ZZ901", (1, t0, 1, t1)), ("ZZ901", (3, t0, 3, t1))]
    dup = next(d for d in diags if d["code"] == "RL201")
    assert dup["relatedInformation"][0]["location"]["range"] == {
        "start": {"line": 1, "character": h0}, "end": {"line": 1, "character": h1}}

    # a cursor inside the term, in the client's units, finds its fix; the edit is in them too
    reply = c.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()},
        "range": {"start": {"line": 1, "character": t0 + 1}, "end": {"line": 1, "character": t0 + 1}},
        "context": {"diagnostics": [], "only": ["quickfix"]}})
    [action] = reply["result"]
    edit = action["edit"]["documentChanges"][0]["edits"] if encoding == "utf-8" else \
        action["edit"]["changes"][path.as_uri()]
    assert edit == [{"range": {"start": {"line": 1, "character": t0}, "end": {"line": 1, "character": t1}},
                     "newText": "依法行政"}]


def test_crlf_documents_have_the_same_positions_and_keep_their_line_ends(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT.replace("\n", "\r\n"))
    diags = client.diagnostics(path.as_uri())["diagnostics"]
    assert sorted(span(d) for d in diags if d["code"] == "ZZ901") == [(1, 8, 1, 14), (3, 8, 3, 14)]
    reply = client.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    [edit] = reply["result"][0]["edit"]["changes"][path.as_uri()]
    # the two terms are fixed; the edit spans from the first to the second, CRLF kept inside it
    assert edit == {"range": {"start": {"line": 1, "character": 12}, "end": {"line": 3, "character": 14}},
                    "newText": "\r\n二、工作安排\r\n（一）𠀋a推进依法行政"}


# ------------------------------------------------------------------------------ diagnostics
def test_diagnostic_fields(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT, version=7)
    params = client.diagnostics(path.as_uri())
    assert params["version"] == 7
    by_code = {}
    for d in params["diagnostics"]:
        by_code.setdefault(d["code"], d)
    assert by_code["ZZ901"] == {
        "range": {"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 14}},
        "message": "用“依法行政”代替“依法行政工作”", "severity": 2, "code": "ZZ901", "source": "reportlint",
        "data": {"rule": "lsp-test-term", "fix": "safe"}}
    assert by_code["RL501"]["data"] == {"rule": "fazhi-term", "fix": "suggestion"}
    assert by_code["RL201"]["data"] == {"rule": "duplicate-heading", "fix": None}
    assert by_code["RL201"]["severity"] == 1
    assert by_code["RL201"]["message"] == "标题“𠀋a推进依法行政工作”与第 2 行重复，请改写或删去"
    assert by_code["RL201"]["relatedInformation"][0]["message"] == "首次出现"


def test_lone_surrogate_still_gets_diagnostics(client, project):
    # "\ud800" is one UTF-16 unit: the term after it starts at 5 + 1
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n推进\ud800a依法行政工作。\n")
    diags = client.diagnostics(path.as_uri())["diagnostics"]
    assert [(d["code"], span(d)) for d in diags] == [("ZZ901", (1, 4, 1, 10))]


def test_closing_clears_the_diagnostics(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT)
    assert client.diagnostics(path.as_uri())["diagnostics"]
    client.send("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}}, request=False)
    assert client.diagnostics(path.as_uri())["diagnostics"] == []


def test_excluded_files_are_not_linted(client, root):
    project = make_project(root, CONFIG + "exclude: [README.md]\n")
    readme = project / "README.md"
    client.open(readme, TEXT)
    assert client.diagnostics(readme.as_uri())["diagnostics"] == []
    draft = project / "draft.txt"
    client.open(draft, TEXT)
    assert len(client.diagnostics(draft.as_uri())["diagnostics"]) == 4


def test_default_excludes_apply_without_a_config_file(client, tmp_path):
    # no .reportlint.yaml anywhere above: README.md is still never a report, as on the command line
    folder = tmp_path / "noconfig"
    folder.mkdir()
    readme = folder / "README.md"
    client.open(readme, TEXT)
    assert client.diagnostics(readme.as_uri())["diagnostics"] == []
    draft = folder / "draft.txt"
    client.open(draft, TEXT)
    assert client.diagnostics(draft.as_uri())["diagnostics"] != []


def test_markdown_is_read_as_markdown(client, project):
    # code spans are markup, as on the command line; emphasis marks are not prose either
    text = "一、主要举措\n加强`法制`宣传，推进**法制**建设。\n"
    for name, language in (("draft.md", "plaintext"), ("draft.txt", "plaintext")):
        path = project / name
        client.send("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": language, "version": 1, "text": text}}, request=False)
        got = [span(d) for d in client.diagnostics(path.as_uri())["diagnostics"]]
        assert got == ([(1, 13, 1, 15)] if name == "draft.md" else [(1, 3, 1, 5), (1, 13, 1, 15)])
    # an unsaved buffer the editor calls markdown
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": text}}, request=False)
    # (no file: the configuration of the server's working directory, here the built-in rules)
    diags = client.diagnostics("untitled:Untitled-1")["diagnostics"]
    assert [span(d) for d in diags if d["code"] == "RL501"] == [(1, 13, 1, 15)]


# ------------------------------------------------------------------------------ code actions
def actions(client, path, only=None, line=(0, 5), diagnostics=()):
    context = {"diagnostics": list(diagnostics)}
    if only is not None:
        context["only"] = only
    return client.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()},
        "range": {"start": {"line": line[0], "character": 0}, "end": {"line": line[1], "character": 999}},
        "context": context})["result"]


def test_code_action_kinds_are_advertised(client):
    assert client.init["capabilities"]["codeActionProvider"]["codeActionKinds"] == [
        "quickfix", "source.fixAll", "source.fixAll.reportlint"]
    assert client.init["capabilities"]["diagnosticProvider"]["identifier"] == "reportlint"


def test_safe_fixes_are_preferred_and_unsafe_ones_are_suggestions(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT)
    published = {d["code"] + str(d["range"]["start"]["line"]): d
                 for d in client.diagnostics(path.as_uri())["diagnostics"]}
    got = actions(client, path, only=["quickfix"])
    assert [(a["title"], a["kind"], a["isPreferred"]) for a in got] == [
        ("修正：把“依法行政工作”改为“依法行政”（lsp-test-term）", "quickfix", True),
        ("修正：把“依法行政工作”改为“依法行政”（lsp-test-term）", "quickfix", True),
        ("建议：把“法制”改为“法治”（fazhi-term）", "quickfix", False),
    ]
    # each action names the diagnostic it resolves, exactly as published
    assert got[0]["diagnostics"] == [published["ZZ9011"]]
    assert got[2]["diagnostics"] == [published["RL5014"]]
    assert got[2]["edit"]["changes"][path.as_uri()] == [{
        "range": {"start": {"line": 4, "character": 2}, "end": {"line": 4, "character": 4}}, "newText": "法治"}]


def test_actions_follow_the_range_or_the_diagnostics_asked_about(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT)
    diags = client.diagnostics(path.as_uri())["diagnostics"]
    assert [a["title"] for a in actions(client, path, only=["quickfix"], line=(4, 4))] == [
        "建议：把“法制”改为“法治”（fazhi-term）"]
    assert actions(client, path, only=["quickfix"], line=(2, 2)) == []
    term = next(d for d in diags if d["code"] == "ZZ901" and d["range"]["start"]["line"] == 3)
    [a] = actions(client, path, only=["quickfix"], line=(2, 2), diagnostics=[term])
    assert a["diagnostics"] == [term]


@pytest.mark.parametrize("only, kinds", [
    (None, ["quickfix", "quickfix", "quickfix", "source.fixAll.reportlint"]),
    (["quickfix"], ["quickfix", "quickfix", "quickfix"]),
    (["source.fixAll"], ["source.fixAll.reportlint"]),
    (["source"], ["source.fixAll.reportlint"]),
    (["source.fixAll.reportlint"], ["source.fixAll.reportlint"]),
    (["refactor"], []),
    (["source.organizeImports"], []),
])
def test_context_only_is_honoured(client, project, only, kinds):
    path = project / "draft.txt"
    client.open(path, TEXT)
    client.diagnostics(path.as_uri())
    assert [a["kind"] for a in actions(client, path, only=only)] == kinds


def test_fix_all_applies_safe_fixes_only(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT)
    client.diagnostics(path.as_uri())
    [fix_all] = actions(client, path, only=["source.fixAll"])
    assert fix_all["title"] == "reportlint：修正本文件中全部可自动修正的问题（2 处）"
    assert [d["code"] for d in fix_all["diagnostics"]] == ["ZZ901", "ZZ901"]
    [edit] = fix_all["edit"]["changes"][path.as_uri()]
    lines = TEXT.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert (start, end) == ({"line": 1, "character": 12}, {"line": 3, "character": 14})
    new_lines = lines[:1] + [lines[1][:11] + edit["newText"] + lines[3][13:]] + lines[4:]
    new = "\n".join(new_lines)
    assert new == TEXT.replace("依法行政工作", "依法行政")   # 法制建设 stays: a suggestion is never applied


def test_no_fix_all_when_nothing_is_safely_fixable(client, project):
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n加强法制建设。\n")
    client.diagnostics(path.as_uri())
    assert actions(client, path, only=["source.fixAll"]) == []


def test_versioned_edits_for_clients_that_take_document_changes(client8, project):
    path = project / "draft.txt"
    client8.open(path, TEXT, version=3)
    client8.diagnostics(path.as_uri())
    [a] = actions(client8, path, only=["quickfix"], line=(1, 1))
    assert a["edit"] == {"documentChanges": [{
        "textDocument": {"uri": path.as_uri(), "version": 3},
        "edits": [{"range": {"start": {"line": 1, "character": 20}, "end": {"line": 1, "character": 38}},
                   "newText": "依法行政"}]}]}


# ------------------------------------------------------------------------------ changes
def published(c, uri):
    return [m["params"] for m in c.seen if m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri]


def test_changes_are_debounced_and_the_latest_version_wins(client8, project):
    path = project / "draft.txt"
    client8.open(path, "一、主要举措\n")
    assert client8.diagnostics(path.as_uri())["diagnostics"] == []   # didOpen is linted at once
    for version in range(2, 7):
        client8.change(path, "一、主要举措\n" + "推进依法行政工作。" * (version - 1) + "\n", version)
    got = client8.diagnostics(path.as_uri())
    assert got["version"] == 6
    assert len(got["diagnostics"]) == 5
    assert [p["version"] for p in published(client8, path.as_uri())] == [1, 6]


def test_default_debounce_still_publishes(client32, project):
    path = project / "draft.txt"
    client32.open(path, "一、主要举措\n")
    client32.diagnostics(path.as_uri())
    client32.change(path, "一、主要举措\n推进依法行政工作。\n", 2)
    got = client32.diagnostics(path.as_uri())
    assert (got["version"], [d["code"] for d in got["diagnostics"]]) == (2, ["ZZ901"])


def test_pull_diagnostics(puller, project):
    c = puller
    path = project / "draft.txt"
    c.open(path, TEXT)
    first = c.request("textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()}})["result"]
    assert first["kind"] == "full"
    assert sorted(d["code"] for d in first["items"]) == ["RL201", "RL501", "ZZ901", "ZZ901"]
    again = c.request("textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()},
                                                  "previousResultId": first["resultId"]})["result"]
    assert again == {"kind": "unchanged", "resultId": first["resultId"]}
    c.change(path, "一、主要举措\n", 2)
    third = c.request("textDocument/diagnostic", {"textDocument": {"uri": path.as_uri()},
                                                  "previousResultId": first["resultId"]})["result"]
    assert (third["kind"], third["items"]) == ("full", [])
    # a client that pulls is never pushed to: nothing would be shown twice
    c.drain(0.3)
    assert published(c, path.as_uri()) == []


# ------------------------------------------------------------------------------ configuration
def test_saving_the_config_relints_open_documents(client, project):
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n推进依法行政工作。\n")
    assert [d["code"] for d in client.diagnostics(path.as_uri())["diagnostics"]] == ["ZZ901"]
    config = project / ".reportlint.yaml"
    config.write_text("extend-rules: [rules]\nselect: [duplicate-heading]\n", encoding="utf-8")
    client.send("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}}, request=False)
    assert client.diagnostics(path.as_uri())["diagnostics"] == []


def test_a_config_changed_on_disk_is_noticed_at_the_next_lint(client, project):
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n推进依法行政工作。\n")
    assert [d["code"] for d in client.diagnostics(path.as_uri())["diagnostics"]] == ["ZZ901"]
    (project / ".reportlint.yaml").write_text("extend-rules: [rules]\nselect: [fazhi-term]\n", encoding="utf-8")
    client.change(path, "一、主要举措\n推进依法行政工作，加强法制建设。\n", 2)
    assert [d["code"] for d in client.diagnostics(path.as_uri())["diagnostics"]] == ["RL501"]


def test_watched_files_reload_the_config(client8, project):
    c = client8
    reg = next((m for m in c.seen if m.get("method") == "client/registerCapability"), None) or \
        c.wait_for(lambda m: m.get("method") == "client/registerCapability")
    [registration] = reg["params"]["registrations"]
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    assert {"globPattern": "**/.reportlint.yaml"} in registration["registerOptions"]["watchers"]
    path = project / "draft.txt"
    c.open(path, "一、主要举措\n推进依法行政工作。\n")
    assert [d["code"] for d in c.diagnostics(path.as_uri())["diagnostics"]] == ["ZZ901"]
    config = project / ".reportlint.yaml"
    config.write_text("select: [duplicate-heading]\n", encoding="utf-8")
    c.send("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]},
           request=False)
    assert c.diagnostics(path.as_uri())["diagnostics"] == []


def test_a_broken_config_is_shown_once_and_the_last_good_one_kept(client, project):
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n推进依法行政工作。\n")
    assert [d["code"] for d in client.diagnostics(path.as_uri())["diagnostics"]] == ["ZZ901"]
    config = project / ".reportlint.yaml"
    config.write_text("extend-rules: [rules]\nselect: [fazhi-term\n", encoding="utf-8")
    client.send("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}}, request=False)
    for version in range(2, 6):   # typing in the report: the error is not shown again
        client.change(path, "一、主要举措\n推进依法行政工作。\n" + "。" * version, version)
    msgs = client.drain(3)
    shown = [m["params"] for m in msgs if m.get("method") == "window/showMessage"]
    assert shown == [{"type": 1, "message": f"reportlint：{config}:3:1: YAML 语法错误：列表的方括号没有闭合（缺少 , 或 ]）"
                                            "（已沿用上次的有效配置，改正后自动生效）"}]
    on_config = [m["params"] for m in msgs if m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"]["uri"] == config.as_uri()]
    assert [[(d["message"], span(d), d["severity"]) for d in p["diagnostics"]] for p in on_config] == [
        [("YAML 语法错误：列表的方括号没有闭合（缺少 , 或 ]）", (2, 0, 2, 1), 1)]]
    reports = [m["params"] for m in msgs if m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == path.as_uri()]
    assert reports and all([d["code"] for d in p["diagnostics"]] == ["ZZ901"] for p in reports)

    # mended: the config's diagnostic goes, the new configuration applies
    config.write_text("extend-rules: [rules]\nselect: [fazhi-term]\n", encoding="utf-8")
    client.send("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}}, request=False)
    assert client.diagnostics(config.as_uri())["diagnostics"] == []
    assert client.diagnostics(path.as_uri())["diagnostics"] == []
    assert not [m for m in client.drain(0.5) if m.get("method") == "window/showMessage"]


def test_a_broken_rule_file_is_shown_on_that_file(client, project):
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n推进依法行政工作。\n")
    client.diagnostics(path.as_uri())
    rule = project / "rules" / "term.yaml"
    rule.write_text(RULE.replace("severity: warning", "severity: loud"), encoding="utf-8")
    client.send("textDocument/didSave", {"textDocument": {"uri": rule.as_uri()}}, request=False)
    got = client.diagnostics(rule.as_uri())["diagnostics"]
    assert [(d["message"], d["range"]["start"]["line"]) for d in got] == [
        ('规则 "lsp-test-term": 键 "severity": 应为 error、warning、info 之一，而不是 \'loud\'', 3)]
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"]["message"].startswith(f"reportlint：{rule}: 规则 \"lsp-test-term\"")


def test_a_config_broken_from_the_start_falls_back_to_the_builtin_rules(client, root):
    project = make_project(root, "select: [no-such-rule]\n")
    path = project / "draft.txt"
    client.open(path, "一、主要举措\n加强法制建设。\n")
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage"
                            and str(project) in m["params"]["message"])["params"]["message"]
    assert shown == (f'reportlint：{project / ".reportlint.yaml"}: 键 "select": 未知规则 "no-such-rule"'
                     "（用 `reportlint rules` 查看全部规则）（暂用内置规则，改正后自动生效）")
    codes = [d["code"] for d in client.diagnostics(path.as_uri())["diagnostics"]]
    assert "RL501" in codes and "RL101" in codes


# ------------------------------------------------------------------------------ bad input, exit
def test_out_of_range_positions_and_unknown_documents_are_answered(client, project):
    path = project / "draft.txt"
    client.open(path, TEXT)
    client.diagnostics(path.as_uri())
    far = {"start": {"line": 9999, "character": 9999}, "end": {"line": 99999, "character": 5}}
    reply = client.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": far,
                                                       "context": {"diagnostics": [], "only": ["quickfix"]}})
    assert reply["result"] == []
    wide = {"start": {"line": 1, "character": 9999}, "end": {"line": 1, "character": 99999}}
    reply = client.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": wide,
                                                       "context": {"diagnostics": [], "only": ["quickfix"]}})
    assert [a["title"] for a in reply["result"]] == ["修正：把“依法行政工作”改为“依法行政”（lsp-test-term）"]
    other = (project / "never-opened.txt").as_uri()
    reply = client.request("textDocument/codeAction", {"textDocument": {"uri": other}, "range": far,
                                                       "context": {"diagnostics": []}})
    assert reply["result"] == []
    reply = client.request("textDocument/diagnostic", {"textDocument": {"uri": other}})
    assert reply["result"] == {"kind": "full", "items": []}


def test_invalid_params_get_a_json_rpc_error(client, project):
    reply = client.request("textDocument/codeAction", {"textDocument": {"uri": (project / "x.txt").as_uri()}})
    assert reply["error"] == {"code": -32602, "message": "textDocument/codeAction：参数无效"}
    reply = client.request("textDocument/diagnostic", {"textDocument": 5})
    assert reply["error"]["code"] == -32602
    reply = client.request("reportlint/noSuchMethod", {})
    assert reply["error"]["code"] == -32601
    body = b'{"jsonrpc": "2.0", "id": 99, "method": '    # not JSON at all: nothing to answer
    client.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client.proc.stdin.flush()
    # and the server goes on
    path = project / "draft.txt"
    client.open(path, TEXT)
    assert len(client.diagnostics(path.as_uri())["diagnostics"]) == 4


def test_without_pygls_one_line_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
            "from reportlint.cli import main; main(['lsp'])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "reportlint: 语言服务器需要 pygls：pip install 'reportlint[lsp]'\n"
    assert proc.stdout == ""


# last: these end two of the shared servers
def test_exit_without_shutdown_exits_1(client8):
    client8.send("exit", None, request=False)
    assert client8.proc.wait(timeout=10) == 1
    assert client8.proc.stderr.read() == b""


def test_shutdown_then_exit_exits_0(client32):
    assert client32.request("shutdown", None)["result"] is None
    reply = client32.request("textDocument/diagnostic", {"textDocument": {"uri": "file:///x.txt"}})
    assert reply["error"] == {"code": -32600, "message": "textDocument/diagnostic：服务器已关闭"}
    client32.send("exit", None, request=False)
    assert client32.proc.wait(timeout=10) == 0
    assert client32.proc.stderr.read() == b""


# ------------------------------------------------------------------------------ titles, errors (in process)
@pytest.mark.parametrize("old, replacement, safe, title", [
    ("依法行政工作", "依法行政", True, "修正：把“依法行政工作”改为“依法行政”（r）"),
    ("法制", "法治", False, "建议：把“法制”改为“法治”（r）"),
    (" ", "", True, "修正：删除多余的空白（r）"),
    ("\n", "", False, "建议：删除换行，接成一段（r）"),
    ("扫一扫在手机上查看当前页面", "", True, "修正：删除“扫一扫在手机上查看当前…”（r）"),
    ("", "。", True, "修正：插入“。”（r）"),
    ("  ", "　", True, "修正：改为“　”（r）"),
])
def test_fix_titles(old, replacement, safe, title):
    from reportlint.lsp import _Shown, fix_title
    from reportlint.violation import Fix

    assert fix_title(_Shown("r", Fix(0, len(old), replacement, safe), old)) == title


def test_config_errors_are_split_into_file_place_and_problem(tmp_path):
    from reportlint.lsp import _line_of_key, split_error

    config = tmp_path / ".reportlint.yaml"
    config.write_text("select: [RL1]\nrules:\n  fazhi-term: {severity: loud}\n", encoding="utf-8")
    assert split_error(f"{config}:3:5: YAML 语法错误：x") == (str(config), 2, 4, "YAML 语法错误：x")
    assert split_error(f'{config}: 键 "rules.fazhi-term": 坏') == (str(config), None, None, '键 "rules.fazhi-term": 坏')
    assert split_error("/no/such/file.yaml: 坏") == (None, None, None, "/no/such/file.yaml: 坏")
    lines = config.read_text(encoding="utf-8").split("\n")
    assert _line_of_key(lines, '键 "rules.fazhi-term": 坏') == 2
    assert _line_of_key(lines, '键 "select": 未知规则 "x"') == 0
    assert _line_of_key(lines, "别的问题") == 0
