"""Real .docx, .odt and .pdf files made by LibreOffice (``benchmarks/office_roundtrip.py``) from
the fixture reports give the text's mission findings, with places, and the planted defects of
a document with a table, a footnote, a text box and tracked changes. Slow (LibreOffice starts
once per format, about a minute in all) and skipped where ``soffice`` is not installed."""
from __future__ import annotations

import re
import shutil
import sys

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

if not (shutil.which("soffice") or shutil.which("libreoffice")):
    pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
                allow_module_level=True)

sys.path.insert(0, str(ROOT / "benchmarks"))
import office_roundtrip  # noqa: E402


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    reports = sorted((FIXTURES / "reports").glob("*.txt"))
    return reports, office_roundtrip.generate(reports, tmp_path_factory.mktemp("office"))


def test_every_office_document_gives_the_text_findings(made):
    from reportlint.api import Linter

    reports, docs = made
    rows = office_roundtrip.compare(reports, docs, Linter(config_file=str(ROOT / "benchmarks" / "empty-config.yaml")))
    assert len(rows) == 8 * 12               # plain, official, numbered: 3 formats each; rich: 2 + 1 PDF
    assert [r for r in rows if not r[2].startswith("ok")] == []


def test_a_rich_word_document_names_each_place(made):
    from reportlint.api import Linter

    _, docs = made
    path = docs["township_folded_leader_2022"]["rich.docx"]
    r = Linter(select=("fazhi-term", "halfwidth-punctuation", "request-in-report")).run(str(path))
    from reportlint.formatters import place_of
    from reportlint.violation import locate

    assert [(v.code, locate(r.doc, v.start, v.end).line, locate(r.doc, v.start, v.end).column,
             r.doc.original[v.start:v.end], place_of(r, v.start).label) for v in r.violations] == [
        ("RL501", 9, 89, "法制", "第 9 段"),          # the tracked insertion, in its paragraph
        ("RL501", 10, 9, "法制", "文本框 1"),
        ("RL501", 16, 3, "法制", "表 1 第 2 行第 3 列"),
        ("RL401", 20, 5, ":", "脚注 1"),
    ]                                                  # the tracked deletion's 妥否，请批示 is not read


def test_numbering_is_automatic_in_the_numbered_documents(made):
    """The numbered .docx really numbers its headings — 一、 from a numbered Heading 1 style,
    （一） from lists on the paragraphs (w:numPr), one list a part — and no heading number is
    typed in document.xml: the reader renders them."""
    import zipfile

    _, docs = made
    with zipfile.ZipFile(docs["complete_township_2023"]["numbered.docx"]) as z:
        numbering = z.read("word/numbering.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:lvlText w:val="%1、"' in numbering and 'w:lvlText w:val="（%1）"' in numbering
    assert len(set(re.findall(r'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="(\d+)"/>', body))) == 3
    assert "一、" not in body and "（一）" not in body
