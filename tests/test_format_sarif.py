"""--format sarif (issue 8, item 3): SARIF 2.1.0, validated against the official OASIS schema
(vendored in tests/schemas/), with GitHub code scanning's required properties, code-point
regions, related locations, safe fixes as SARIF fixes and fingerprints that survive lines
moving. With the SARIF SDK's multitool on the machine (SARIF_MULTITOOL=path, or
Sarif.Multitool on PATH) the output is also run through its validator with GitHub's rules."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import TEST_RULES as RULES, TINY_REPORT as REPORT, run_cli

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def sarif(*args):
    code, out, err = run_cli("--rules", RULES, "--select", "TST,duplicate-heading", "--format", "sarif", *args)
    return code, json.loads(out), err


def validate(log):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报告 甲.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


def test_the_vendored_schema_is_the_official_one():
    import hashlib

    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == \
        "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["id"] == \
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def test_output_is_valid_sarif_with_rules_results_and_fixes(workdir):
    code, log, err = sarif("报告 甲.txt", "missing.txt")
    assert code == 2 and err == "reportlint: missing.txt: 文件不存在\n"
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "reportlint" and driver["version"]
    rules = driver["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [
        ("RL201", "duplicate-heading"), ("TST101", "test-fazhi"), ("TST102", "test-word"), ("TST201", "test-info")]
    fazhi = rules[1]
    assert fazhi["shortDescription"] == {"text": "测试用：法制 → 法治，法制审核是正确用语。"}
    assert fazhi["fullDescription"] == {"text": "测试用：法制 → 法治，法制审核是正确用语。"}
    assert fazhi["help"]["text"].endswith("详见 reportlint explain TST101")
    assert [r["defaultConfiguration"]["level"] for r in rules] == ["error", "warning", "error", "note"]

    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("TST201", 3, "note"), ("TST101", 1, "warning"), ("TST102", 2, "error"),
        ("RL201", 0, "error"), ("TST101", 1, "warning")]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    word = results[2]
    assert word["message"] == {"text": "不要写“进一步”"}
    (loc,) = word["locations"]
    assert loc["physicalLocation"] == {
        "artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A%20%E7%94%B2.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15,
                   "charOffset": 41, "charLength": 3}}
    assert REPORT[41:44] == "进一步"
    assert "fixes" not in word
    dup = results[3]
    assert dup["relatedLocations"] == [{"id": 1, "message": {"text": "首次出现"}, "physicalLocation": {
        "artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A%20%E7%94%B2.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 10, "charOffset": 33,
                   "charLength": 6}}}]
    # a safe fix is a SARIF fix: replace the region by the text
    assert results[1]["fixes"] == [{"description": {"text": "改为“法治”"}, "artifactChanges": [{
        "artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A%20%E7%94%B2.txt", "uriBaseId": "%SRCROOT%"},
        "replacements": [{"deletedRegion": {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 8,
                                            "charOffset": 35, "charLength": 2},
                          "insertedContent": {"text": "法治"}}]}]}]
    assert REPORT[35:37] == "法制"
    # the working directory anchors relative URIs
    root = Path.cwd().as_uri() + "/"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root}}
    (inv,) = run["invocations"]
    assert inv["workingDirectory"] == {"uri": root} and inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"] == [{
        "level": "error", "message": {"text": "missing.txt: 文件不存在"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "missing.txt", "uriBaseId": "%SRCROOT%"}}}]}]


def test_unsafe_fixes_are_not_sarif_fixes(workdir):
    (workdir / "b.txt").write_text("一、主要举措\n加强法制宣传。\n", encoding="utf-8")
    _, log, _ = run_cli("--select", "fazhi-term", "--format", "sarif", "b.txt")
    log = json.loads(log)
    validate(log)
    (res,) = log["runs"][0]["results"]
    assert res["ruleId"] == "RL501" and "fixes" not in res


def test_github_code_scanning_required_properties(workdir):
    """GitHub's documented requirements (docs: SARIF support for code scanning): $schema,
    version, runs; tool.driver.name and rules; each rule's id, shortDescription.text,
    fullDescription.text and help.text; each result's message.text, at most 10 locations
    with artifactLocation.uri and region start/end line and column, partialFingerprints.
    Empty strings are not accepted for required properties."""
    _, log, _ = sarif("报告 甲.txt")

    def present(value):
        return value is not None and value != "" and value != []

    assert present(log["$schema"]) and log["version"] == "2.1.0" and present(log["runs"])
    run = log["runs"][0]
    assert present(run["tool"]["driver"]["name"])
    for rule in run["tool"]["driver"]["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert present(rule[key]["text"]), (rule["id"], key)
        assert present(rule["id"]) and len(rule["name"]) <= 255
        assert len(rule["shortDescription"]["text"]) <= 1024 and len(rule["fullDescription"]["text"]) <= 1024
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    for res in run["results"]:
        assert present(res["message"]["text"]) and 1 <= len(res["locations"]) <= 10
        phys = res["locations"][0]["physicalLocation"]
        assert present(phys["artifactLocation"]["uri"])
        assert all(isinstance(phys["region"][k], int) and phys["region"][k] >= 1
                   for k in ("startLine", "startColumn", "endLine", "endColumn"))
        assert present(res["partialFingerprints"]["primaryLocationLineHash"])


def test_fingerprints_survive_lines_inserted_above(workdir):
    _, before, _ = sarif("报告 甲.txt")
    (workdir / "报告 甲.txt").write_text(REPORT.replace("一、主要举措和成效\n", "一、主要举措和成效\n新加的一段话。\n\n"),
                                       encoding="utf-8")
    _, after, _ = sarif("报告 甲.txt")

    def prints(log):
        return [(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in log["runs"][0]["results"]]

    b, a = prints(before), prints(after)
    assert [x[:2] for x in b] == [x[:2] for x in a]          # same rules, same fingerprints …
    assert [x[2] for x in b] == [1, 3, 3, 5, 5] and [x[2] for x in a] == [1, 5, 5, 7, 7]   # … other lines
    # equal findings are told apart by their occurrence number
    (workdir / "c.txt").write_text("一、举措\n加强法制建设。\n加强法制建设。\n", encoding="utf-8")
    _, log, _ = sarif("c.txt")
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]
              if r["ruleId"] == "TST101"]
    assert len(hashes) == 2 and hashes[0].split(":")[0] == hashes[1].split(":")[0]
    assert [h.split(":")[1] for h in hashes] == ["1", "2"]


def test_crlf_file_has_line_and_column_but_no_char_offsets(workdir):
    (workdir / "crlf.txt").write_bytes(REPORT.replace("\n", "\r\n").encode("utf-8"))
    _, log, _ = sarif("crlf.txt")
    validate(log)
    region = log["runs"][0]["results"][2]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15}


def test_a_file_outside_the_working_directory_gets_an_absolute_file_uri(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    _, log, _ = sarif(str(tmp_path / "a.txt"))
    validate(log)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": (tmp_path / "a.txt").as_uri()}


def test_docx_is_a_binary_artifact_without_text_regions(workdir):
    import docx

    d = docx.Document()
    for line in REPORT.splitlines():
        d.add_paragraph(line)
    d.save(str(workdir / "报告.docx"))
    _, log, _ = sarif("报告.docx")
    validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["TST201", "TST101", "TST102", "RL201", "TST101"]
    for r in results:
        (loc,) = r["locations"]
        assert loc["physicalLocation"] == {"artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A.docx", "uriBaseId": "%SRCROOT%"}}
        assert loc["message"]["text"]           # the place in the document's own terms
        assert "fixes" not in r and "relatedLocations" not in r


def test_clean_run_is_valid_with_no_results(workdir):
    (workdir / "clean.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    code, log, _ = sarif("clean.txt")
    validate(log)
    assert code == 0 and log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def _multitool():
    path = os.environ.get("SARIF_MULTITOOL") or shutil.which("Sarif.Multitool") or shutil.which("sarif-multitool")
    return path if path and os.access(path, os.X_OK) else None


@pytest.mark.skipif(_multitool() is None, reason="the SARIF SDK multitool is not installed (set SARIF_MULTITOOL)")
def test_sarif_sdk_validator_with_github_rules(workdir):
    code, out, _ = run_cli("--rules", RULES, "--select", "TST,duplicate-heading", "--format", "sarif",
                           "-o", "out.sarif", "报告 甲.txt")
    assert code == 1 and out == ""
    proc = subprocess.run([_multitool(), "validate", "out.sarif", "--rule-kind", "Sarif;Gh", "-o", "v.sarif",
                           "--log", "ForceOverwrite"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = json.loads(Path("v.sarif").read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    problems = [r for r in found if r.get("level", "warning") == "error"]
    assert not problems, [r["message"] for r in problems]
    # only the advice to give an informationUri (reportlint has no public home page yet)
    assert {r["ruleId"] for r in found} <= {"SARIF2005"}


def test_a_file_name_that_is_not_utf8_is_percent_encoded_byte_for_byte(workdir):
    import sys

    if sys.platform != "linux":
        pytest.skip("bytes file names are a POSIX thing")
    with open(os.fsencode(workdir) + b"/\xff\xfe.txt", "wb") as f:
        f.write(REPORT.encode("utf-8"))
    _, log, _ = sarif(".")
    validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "%FF%FE.txt" in uris
