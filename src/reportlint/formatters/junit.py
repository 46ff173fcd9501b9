"""``--format junit``: JUnit XML, as CI servers (Jenkins, GitLab, Azure, CircleCI) read test
reports, following ruff's junit output: ``<testsuites name="reportlint">`` with one
``<testsuite>`` per linted file (``name`` = its path) and one failing ``<testcase>`` per
finding — ``name`` = ``CODE rule``, ``classname`` = the path without its suffix (a CI server
reads dots in it as packages), ``file``, ``line`` and ``column`` attributes — whose
``<failure message="…" type="error|warning|info">`` holds ``第 L 行第 C 列：message`` (in a Word
document or a PDF the message names the place, ``…（第 12 段）``, as in text output). A file
without findings is one passing testcase ``未发现问题``; a file that cannot be read is a
testcase with an ``<error>``. Every finding is a failure whatever its severity (``type``
says which): the report lists what the text output lists; the exit code still follows the
severities.

The XML is built with :mod:`xml.etree.ElementTree` (so ``&``, ``<``, quotes and line ends in
attributes are escaped) and characters XML 1.0 cannot hold at all (other control characters,
lone surrogates) are written as ``\\xNN`` escapes."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..violation import locate
from . import message_with_places

NAME = "junit"
HELP = "JUnit XML（Jenkins、GitLab 等 CI 的测试报告）"

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(s: str) -> str:
    def esc(m):
        o = ord(m.group())
        if 0xDC80 <= o <= 0xDCFF:
            return f"\\x{o - 0xDC00:02x}"
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"
    return _NOT_XML.sub(esc, s) if _NOT_XML.search(s) else s


def _classname(path: str) -> str:
    p = PurePosixPath(path.replace("\\", "/"))
    return str(p.with_suffix("")) if p.suffix and p.name != p.suffix else str(p)


def render(result, opts) -> dict:
    """One file's suite as plain data: {path, error, cases: [(name, line, column, message, type)]}."""
    cases = []
    if result.doc is not None:
        for v in result.violations:
            loc = locate(result.doc, v.start, v.end)
            cases.append((f"{v.code} {v.rule}", loc.line, loc.column, message_with_places(result, v), v.severity.value))
    return {"path": result.path, "error": result.error, "cases": cases}


def assemble(parts, stats, opts) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="reportlint")
    total = failures = errors = 0
    for part in parts:
        path = _xml_safe(part["path"])
        classname = _classname(path)
        suite = ET.SubElement(root, "testsuite", name=path)
        n_fail = n_err = 0
        if part["error"]:
            case = ET.SubElement(suite, "testcase", name="读取文件", classname=classname, file=path)
            ET.SubElement(case, "error", message=_xml_safe(part["error"]), type="input").text = \
                _xml_safe(f"{part['path']}: {part['error']}")
            n_err = 1
            n_tests = 1
        elif not part["cases"]:
            ET.SubElement(suite, "testcase", name="未发现问题", classname=classname, file=path)
            n_tests = 1
        else:
            for name, line, column, message, severity in part["cases"]:
                case = ET.SubElement(suite, "testcase", name=name, classname=classname, file=path,
                                     line=str(line), column=str(column))
                failure = ET.SubElement(case, "failure", message=_xml_safe(message), type=severity)
                failure.text = _xml_safe(f"第 {line} 行第 {column} 列：{message}")
            n_fail = n_tests = len(part["cases"])
        suite.set("tests", str(n_tests))
        suite.set("failures", str(n_fail))
        suite.set("errors", str(n_err))
        suite.set("skipped", "0")
        total += n_tests
        failures += n_fail
        errors += n_err
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
