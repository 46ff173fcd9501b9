#!/usr/bin/env python3
"""Real Word, OpenDocument and PDF files made by LibreOffice from the plain-text reports, and
whether reportlint finds in each what it finds in the text.

    .venv/bin/python benchmarks/office_roundtrip.py [--out DIR] [--keep] [FILE.txt ...]

Without files: ``../shared/seeds/*.txt`` (when present) and ``tests/fixtures/reports/*.txt``.
Needs ``soffice`` (LibreOffice: ``apt-get install libreoffice-writer-nogui``); without it the
script says so and exits 0 (``--require`` makes that exit 2). Nothing is committed but this
script: the files are generated into a temporary directory (``--out`` keeps them).

Each report is turned into these documents, the way users make them:

``plain``     LibreOffice's own text import (``soffice --convert-to docx report.txt``):
              one paragraph a line, the text exactly as typed; → .docx, .odt, .pdf
``official``  a flat ODT in the official-document layout: A4, 16 pt, justified paragraphs with a
              2-character first-line indent, the title centred, a running header and a footer
              with the page number (``- 3 -``); typed numbers; → .docx, .odt, .pdf
``numbered``  as ``official``, with the ``一、`` and ``（一）`` heading numbers made by Word-style
              automatic numbering instead of typed: ``一、`` by LibreOffice's outline numbering
              (exported to ``numbering.xml`` as a numbered Heading 1 style), ``（一）`` by a numbered
              list continued through each part and restarted in the next (exported as ``w:numPr``
              on the paragraphs); → .docx, .odt, .pdf
``rich``      as ``numbered``, plus in the first part a table, a footnote, a text box, a tracked
              insertion and a tracked deletion, each with a planted defect (the deletion's must
              not be reported); → .docx, .odt

For each document, the *mission* findings (RL1xx, RL201, RL3xx: parts, first-responsible,
causes, pairing, duplicate headings, years and dates) must be those of the .txt — compared by
rule, the text they point at and their message (with the lines it cites named by their text,
since a PDF has no blank lines) — every finding must have a place (``第 N 段``, ``第 p 页第 n 行`` …), and the
``rich`` documents must report exactly the planted defects, at their places. Exit 1 when one
does not hold; the table printed says which.

``--stress`` times large real documents instead (10 000 paragraphs, 100 000 table cells, a
300-page PDF): seconds, peak memory and exit code of one command-line run each.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"

MISSION = re.compile(r"RL(1\d\d|201|3\d\d)$")
CN_DIGITS = "一二三四五六七八九十"
H1 = re.compile(r"^\s*([一二三四五六七八九十]{1,3})、")
H2 = re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[）)]")

# the defects planted in a ``rich`` document: (where, rule, text the finding points at, place)
PLANTED = (
    ("table", "RL501", "法制", "表 1 第 2 行第 3 列"),
    ("textbox", "RL501", "法制", "文本框 1"),
    ("insertion", "RL501", "法制", None),          # the place of the paragraph it is in
    ("footnote", "RL401", ":", "脚注 1"),
)
DELETED = "妥否，请批示。"                        # in a tracked deletion: RL506 must not be reported


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


@dataclass
class Line:
    text: str          # as typed, leading white space removed
    level: int = 0     # 1: 一、  2: （一）  0: not a numbered heading
    rest: str = ""     # the text after the typed number (numbered variant)


def parse(text: str) -> tuple[list[Line], bool]:
    """The report's lines, and whether its typed heading numbers are what automatic numbering
    would show (一、二、… and （一）（二）… restarting under each 一、), so that the numbered
    variant shows the same text."""
    lines, regular = [], True
    n1 = n2 = 0
    for raw in text.splitlines():
        s = raw.strip()
        m1, m2 = H1.match(s), H2.match(s)
        if m1:
            n1, n2 = n1 + 1, 0
            regular &= m1.group(1) == cn_number(n1)
            lines.append(Line(s, 1, s[m1.end():]))
        elif m2:
            n2 += 1
            regular &= m2.group(1) == cn_number(n2) and s.startswith("（")
            lines.append(Line(s, 2, s[m2.end():]))
        else:
            lines.append(Line(s))
    return lines, regular


# --- flat ODT -------------------------------------------------------------------------------

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

FONT = 'style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="16pt" style:font-size-asian="16pt"'

STYLES = f"""
<office:font-face-decls>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:line-height="100%" style:punctuation-wrap="simple"/>
  <style:text-properties {FONT} fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Body" style:display-name="正文" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt" fo:margin-top="0pt" fo:margin-bottom="0pt"/>
 </style:style>
 <style:style style:name="Title" style:display-name="标题" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="16pt"/>
  <style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Body" style:default-outline-level="1" style:class="text">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt" fo:margin-top="0pt" fo:margin-bottom="0pt"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Body" style:default-outline-level="2" style:class="text">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt" fo:margin-top="0pt" fo:margin-bottom="0pt"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
 </style:style>
 <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
 </style:style>
 {{outline}}
 {{lists}}
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2.5cm"
     fo:margin-bottom="2cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.8cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="fr1" style:family="graphic">
  <style:graphic-properties style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center"
     style:vertical-rel="paragraph" style:horizontal-rel="paragraph" fo:border="0.5pt solid #000000"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{{header}}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
 </style:master-page>
</office:master-styles>
"""

OUTLINE = """<text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="nothing"/>
   </style:list-level-properties>
  </text:outline-level-style>
  <text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="nothing"/>
   </style:list-level-properties>
  </text:outline-level-style>
 </text:outline-style>"""

LIST = """<text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="nothing" fo:text-indent="32pt" fo:margin-left="0pt"/>
   </style:list-level-properties>
  </text:list-level-style-number>
 </text:list-style>"""

CHANGES = """<text:tracked-changes text:track-changes="false">
 <text:changed-region xml:id="ct1" text:id="ct1">
  <text:insertion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2024-01-10T10:00:00</dc:date></office:change-info></text:insertion>
 </text:changed-region>
 <text:changed-region xml:id="ct2" text:id="ct2">
  <text:deletion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2024-01-10T10:05:00</dc:date></office:change-info><text:p text:style-name="Body">{deleted}</text:p></text:deletion>
 </text:changed-region>
</text:tracked-changes>"""


def _span(text: str) -> str:
    return escape(text)


def _rich_extras(changes: bool) -> tuple[str, str, str]:
    """What a ``rich`` document adds to its first body paragraph after the first heading: text at
    its end (a footnote, a tracked insertion and deletion, a text box anchor) and a table after it."""
    note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            '<text:note-body><text:p text:style-name="Footnote">数据来源:县司法局年度统计。</text:p></text:note-body></text:note>')
    box = ('<draw:frame draw:style-name="fr1" draw:name="文本框1" text:anchor-type="paragraph" svg:width="12cm" '
           'svg:height="1.6cm" svg:x="0cm" svg:y="0cm" draw:z-index="0"><draw:text-box>'
           '<text:p text:style-name="Table_20_Contents">文本框：全面加强法制建设宣传。</text:p></draw:text-box></draw:frame>')
    inserted = ('<text:change-start text:change-id="ct1"/>新增：本镇法制建设稳步推进。<text:change-end text:change-id="ct1"/>'
                '<text:change text:change-id="ct2"/>') if changes else ""
    table = ('<table:table table:name="表格1"><table:table-column table:number-columns-repeated="3"/>'
             + "".join("<table:table-row>" + "".join(
                 f'<table:table-cell office:value-type="string"><text:p text:style-name="Table_20_Contents">{c}</text:p></table:table-cell>'
                 for c in row) + "</table:table-row>"
                 for row in (("项目", "数量", "说明"), ("行政处罚案件", "23件", "推动法制建设")))
             + "</table:table>")
    return box + note + inserted, table, CHANGES.format(deleted=DELETED) if changes else ""


def fodt(text: str, variant: str, changes: bool = True) -> str:
    lines, _ = parse(text)
    numbered = variant in ("numbered", "rich")
    body, title_done, extras_done = [], False, variant != "rich"
    tail, table, tracked = _rich_extras(changes) if variant == "rich" else ("", "", "")
    seen_heading = False
    lists, first_item = 0, {}
    for ln in lines:
        if not ln.text:
            continue           # the official layout spaces paragraphs by style, not empty lines
        if not title_done:
            title_done = True
            body.append(f'<text:p text:style-name="Title">{_span(ln.text)}</text:p>')
            continue
        if numbered and ln.level == 1:
            seen_heading = True
            lists += 1
            body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{_span(ln.rest)}</text:h>')
            continue
        if numbered and ln.level == 2:
            # （一）: a numbered list, as Word users number sections (w:numPr on the paragraph);
            # the items of one part are one list continued across the paragraphs between them
            seen_heading = True
            ident = f"list{lists}"
            attrs = f'xml:id="{ident}-{len(body)}" text:continue-list="{ident}-{first_item[ident]}"' \
                if ident in first_item else f'xml:id="{ident}-{len(body)}"'
            first_item.setdefault(ident, len(body))
            body.append(f'<text:list text:style-name="L1" {attrs}><text:list-item>'
                        f'<text:p text:style-name="Body">{_span(ln.rest)}</text:p></text:list-item></text:list>')
            continue
        if ln.level or H1.match(ln.text):
            seen_heading = True
        para = _span(ln.text)
        if not extras_done and seen_heading and not ln.level:
            body.append(f'<text:p text:style-name="Body">{para}{tail}</text:p>{table}')
            extras_done = True
            continue
        body.append(f'<text:p text:style-name="Body">{para}</text:p>')
    if not extras_done:        # no numbered heading: the first paragraph after the title's
        first = next(i for i, b in enumerate(body) if b.startswith('<text:p text:style-name="Body">'))
        body[first] = body[first].replace("</text:p>", f"{tail}</text:p>{table}", 1)
    header = "法治政府建设年度报告"
    styles = STYLES.replace("{outline}", OUTLINE if numbered else "").replace("{lists}", LIST if numbered else "") \
        .replace("{header}", header)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{styles}'
            f'<office:body><office:text>{tracked}{"".join(body)}</office:text></office:body></office:document>\n')


# --- conversion -----------------------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], fmt: str, outdir: Path, infilter: str | None = None) -> None:
    """One soffice run converts all ``files`` to ``fmt`` into ``outdir`` (start-up is most of it)."""
    if not files:
        return
    profile = outdir / ".lo-profile"
    cmd = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    missing = [f for f in files if not (outdir / (f.stem + "." + fmt.split(":")[0])).exists()]
    if proc.returncode or missing:
        raise SystemExit(f"soffice --convert-to {fmt} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}"
                         f" missing: {[m.name for m in missing]}")


def generate(reports: list[Path], out: Path) -> dict[str, dict[str, Path]]:
    """{report stem: {variant.ext: generated file}}"""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, dict[str, Path]] = {r.stem: {} for r in reports}
    plain_dir = out / "plain"
    plain_dir.mkdir(exist_ok=True)
    copies = []
    for r in reports:
        c = plain_dir / r.name
        shutil.copyfile(r, c)
        copies.append(c)
    for ext in ("docx", "odt", "pdf"):
        convert(copies, ext, plain_dir, "Text (encoded):UTF8,LF,,,")
        for r in reports:
            made[r.stem][f"plain.{ext}"] = plain_dir / f"{r.stem}.{ext}"
    for variant, exts, changes in (("official", ("docx", "odt", "pdf"), True),
                                   ("numbered", ("docx", "odt", "pdf"), True),
                                   ("rich", ("docx", "odt"), True),
                                   ("rich-print", ("pdf",), False)):
        vdir = out / variant
        vdir.mkdir(exist_ok=True)
        sources = []
        for r in reports:
            text = r.read_text(encoding="utf-8")
            if variant != "official" and not parse(text)[1]:
                continue       # typed numbers that automatic numbering would not reproduce
            f = vdir / f"{r.stem}.fodt"
            f.write_text(fodt(text, variant.split("-")[0], changes), encoding="utf-8")
            sources.append(f)
        for ext in exts:
            convert(sources, ext, vdir)
            for f in sources:
                made[f.stem][f"{variant}.{ext}"] = vdir / f"{f.stem}.{ext}"
    return made


# --- comparison -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    code: str
    text: str          # what the finding points at
    message: str       # the lines it cites named by their text
    place: str | None

    def key(self):
        return (self.code, self.text, self.message)


def findings(linter, path: Path) -> tuple[list[Finding], str | None]:
    from reportlint.formatters import place_of

    r = linter.run(str(path))
    if r.error:
        return [], r.error
    out = []
    for v in r.violations:
        place = place_of(r, v.start)
        text = re.sub(r"\s+", "", r.doc.original[v.start:v.end])
        # a line a message cites is named by its text: a PDF has no blank lines, a Word file
        # counts its paragraphs, so the numbers differ while the lines are the same
        message = re.sub(r"第 (\d+) 行", lambda m: f"「{r.doc.line_text(int(m.group(1)) - 1).strip()}」", v.message)
        out.append(Finding(v.code, text, message, place.label if place else None))
    return out, None


def compare(reports: list[Path], made, linter) -> list[tuple[str, str, str]]:
    """Rows (report, document, verdict); a verdict starting with "ok" holds."""
    rows = []
    for r in reports:
        base, err = findings(linter, r)
        want = sorted(f.key() for f in base if MISSION.match(f.code))
        for name, doc in sorted(made[r.stem].items()):
            got, err = findings(linter, doc)
            if err:
                rows.append((r.stem, name, f"FAIL: not read: {err}"))
                continue
            problems = []
            mission = sorted(f.key() for f in got if MISSION.match(f.code))
            if name.startswith("rich"):
                # content was added: which plan item comes closest to an unanswered problem
                # may change, so a finding is its rule and the text it points at
                mission = sorted(k[:2] for k in mission)
                want_here = sorted(k[:2] for k in want)
            else:
                want_here = want
            if mission != want_here:
                lost = [k for k in want_here if k not in mission]
                extra = [k for k in mission if k not in want_here]
                problems.append(f"mission findings differ: lost {lost} extra {extra}")
            unplaced = [f for f in got if f.place is None]
            if unplaced:
                problems.append(f"{len(unplaced)} findings without a place, e.g. {unplaced[0]}")
            if name.startswith("rich"):
                problems += planted_problems(name, got, base)
            rows.append((r.stem, name, "FAIL: " + "; ".join(problems) if problems else
                         f"ok ({len(mission)} mission, {len(got)} in all)"))
    return rows


def planted_problems(name: str, got: list[Finding], base: list[Finding]) -> list[str]:
    """What a ``rich`` document must report besides the text's findings: each planted defect at
    its place (in a PDF, on a page line: a printed table or text box is lines on the page; a
    footnote at the foot of the page is dropped with the footer, as README says)."""
    problems = []
    printed = name.endswith(".pdf")
    added = Counter((f.code, f.text) for f in got)
    added.subtract(Counter((f.code, f.text) for f in base))
    want = Counter()
    for where, code, text, place in PLANTED:
        if printed and where in ("insertion", "footnote"):
            continue
        want[(code, text)] += 1
        if place and not printed and not any(f.code == code and f.text == text and f.place == place for f in got):
            problems.append(f"planted {code} in the {where} not reported at {place}")
    for key, n in want.items():
        if added[key] != n:
            problems.append(f"{n} planted {key} expected, {added[key]} more than in the text")
    if any(f.code == "RL506" for f in got) and not any(f.code == "RL506" for f in base):
        problems.append("the tracked deletion's request (RL506) was reported")
    return problems


def stress(out: Path) -> list[tuple[str, str]]:
    """Large real documents: 10 000 paragraphs (.docx, .odt), an annex of 100 000 table cells
    (.docx, .odt) and a 300-page PDF, each linted by the command line under ``/usr/bin/time``:
    (document, "N s, M MB, exit E")."""
    out.mkdir(parents=True, exist_ok=True)
    report = (FIXTURES / "complete_township_2023.txt").read_text(encoding="utf-8")
    head, body = report.split("\n", 1)
    paras = out / "paragraphs.txt"
    paras.write_text(head + "\n一、主要举措和成效\n" + "".join(
        f"第{i}项工作：全镇坚持依法行政，规范执法行为。\n" for i in range(10_000)), encoding="utf-8")
    pages = out / "pages.txt"
    pages.write_text(head + "\n" + body * 440, encoding="utf-8")   # about 300 pages
    cells = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{(r * 20 + c) % 97}件</text:p></table:table-cell>'
        for c in range(20)) + "</table:table-row>" for r in range(5000))
    table = out / "table.fodt"
    table.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
                     'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
                     f'<text:p>{escape(head)}</text:p><text:p>一、主要举措和成效</text:p><table:table table:name="附表">'
                     f'<table:table-column table:number-columns-repeated="20"/>{cells}</table:table>'
                     '</office:text></office:body></office:document>\n', encoding="utf-8")
    text_filter = "Text (encoded):UTF8,LF,,,"
    for ext in ("docx", "odt"):
        convert([paras], ext, out, text_filter)
        convert([table], ext, out)
    convert([pages], "pdf", out, text_filter)
    exe = str(ROOT / ".venv" / "bin" / "reportlint")
    rows = []
    for name in ("paragraphs.docx", "paragraphs.odt", "table.docx", "table.odt", "pages.pdf"):
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", exe, "-q", "--format", "concise", str(out / name)],
                              capture_output=True, text=True)
        seconds, kb = proc.stderr.strip().splitlines()[-1].split()
        extra = ""
        if name.endswith(".pdf"):
            extra = " " + subprocess.run(["pdfinfo", str(out / name)], capture_output=True, text=True).stdout \
                .split("Pages:")[-1].split()[0] + " pages" if shutil.which("pdfinfo") else ""
        rows.append((name + extra, f"{float(seconds):.1f} s, {int(kb) // 1024} MB, exit {proc.returncode}"))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, help="keep the generated documents here")
    ap.add_argument("--require", action="store_true", help="exit 2 when soffice is missing")
    ap.add_argument("--stress", action="store_true", help="time large documents instead (see stress())")
    a = ap.parse_args(argv)
    if not soffice():
        print("soffice (LibreOffice) not found: nothing generated (apt-get install libreoffice-writer-nogui)")
        return 2 if a.require else 0
    if a.stress:
        with tempfile.TemporaryDirectory(prefix="reportlint-stress-") as tmp:
            for name, verdict in stress(a.out or Path(tmp)):
                print(f"{name:<24} {verdict}")
        return 0
    reports = a.files or (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []) + sorted(FIXTURES.glob("*.txt"))
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.api import Linter

    tmp = None
    out = a.out
    if out is None:
        tmp = tempfile.TemporaryDirectory(prefix="reportlint-office-")
        out = Path(tmp.name)
    made = generate(reports, out)
    linter = Linter(config_file=str(ROOT / "benchmarks" / "empty-config.yaml"))
    rows = compare(reports, made, linter)
    width = max(len(r[0]) for r in rows)
    for stem, name, verdict in rows:
        print(f"{stem:<{width}}  {name:<16} {verdict}")
    failed = sum(1 for r in rows if not r[2].startswith("ok"))
    print(f"{len(rows)} documents, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
