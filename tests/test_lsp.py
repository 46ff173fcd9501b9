"""The language server, driven over stdio as an editor would: JSON-RPC with Content-Length
framing. Checks diagnostics (with UTF-16 positions), related locations and code actions."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")

RULE = """\
name: lsp-test-term
code: ZZ901
kind: pattern
severity: warning
message: 用“{replacement}”代替“{match}”
description: test rule
source: test
patterns: [法制建设]
replacement: 法治建设
"""


class Client:
    def __init__(self, cwd: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "reportlint", "lsp"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0

    def send(self, method, params, request=True):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError(self.proc.stderr.read().decode("utf-8", "replace"))
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait_for(self, pred, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            msg = self.read()
            if pred(msg):
                return msg
        raise TimeoutError

    def close(self):
        try:
            self.send("shutdown", None)
            self.send("exit", None, request=False)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


@pytest.fixture()
def client(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "term.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text(
        "extend-rules: [rules]\nselect: [duplicate-heading, lsp-test-term]\n", encoding="utf-8")
    c = Client(tmp_path)
    rid = c.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    init = c.wait_for(lambda m: m.get("id") == rid)
    assert init["result"]["serverInfo"]["name"] == "reportlint"
    c.send("initialized", {}, request=False)
    yield c
    c.close()


def test_diagnostics_use_utf16_positions_and_code_actions(client, tmp_path):
    # U+20000 (𠀀) is one code point but two UTF-16 units: the end column must count 2.
    text = "一、主要举措\n（一）𠀀加强法制建设\n二、工作安排\n（一）𠀀加强法制建设\n"
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}, request=False)
    msg = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    diags = msg["params"]["diagnostics"]
    dup = [d for d in diags if d["code"] == "RL201 duplicate-heading"]
    assert len(dup) == 1
    assert dup[0]["range"] == {"start": {"line": 3, "character": 3}, "end": {"line": 3, "character": 11}}
    assert dup[0]["severity"] == 1
    assert dup[0]["message"] == "标题“𠀀加强法制建设”与第 2 行重复，请改写或删去"
    assert dup[0]["relatedInformation"][0]["location"]["range"]["start"] == {"line": 1, "character": 3}
    terms = sorted((d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in diags
                   if d["code"] == "ZZ901 lsp-test-term")
    assert terms == [(1, 7), (3, 7)]   # after 𠀀 (two UTF-16 units): code-point column 6 → 7

    rid = client.send("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 12}},
        "context": {"diagnostics": []}})
    reply = client.wait_for(lambda m: m.get("id") == rid)
    titles = [a["title"] for a in reply["result"]]
    assert "修正 [lsp-test-term]：改为“法治建设”" in titles
    quick = next(a for a in reply["result"] if a["title"].startswith("修正"))
    assert quick["edit"]["changes"][uri] == [{
        "range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 11}},
        "newText": "法治建设"}]
    fix_all = next(a for a in reply["result"] if a["kind"] == "source.fixAll")
    assert fix_all["edit"]["changes"][uri][0]["newText"] == text.replace("法制建设", "法治建设")


def test_saving_the_config_relints_open_documents(client, tmp_path):
    text = "一、主要举措\n加强法制建设。\n"
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": path.as_uri(), "languageId": "plaintext", "version": 1, "text": text}}, request=False)
    first = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert [d["code"] for d in first["params"]["diagnostics"]] == ["ZZ901 lsp-test-term"]

    config = tmp_path / ".reportlint.yaml"
    config.write_text("extend-rules: [rules]\nselect: [duplicate-heading]\n", encoding="utf-8")
    client.send("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}}, request=False)
    again = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert again["params"]["uri"] == path.as_uri()
    assert again["params"]["diagnostics"] == []
