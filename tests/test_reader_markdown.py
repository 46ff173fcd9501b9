"""The Markdown reader (readers/markdown.py): markup blanked out of what the model reads and
masked from findings and fixes, positions in the file as written, --fix that changes prose
only, directives that keep working, and the seeds and fixture reports written as Markdown
giving the same mission findings as their text."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from reportlint.api import Linter
from reportlint.model import Document
from reportlint.readers import reparse
from reportlint.readers.markdown import from_bytes, markup
from reportlint.violation import locate

REPORTS = FIXTURES / "reports"
MISSION_PREFIXES = ("RL1", "RL201", "RL3")
FAZHI = "“法制”疑为“法治”之误：法治建设、法治宣传、法治教育等应写“法治”，请核对"


def view_lines(text: str) -> list[str]:
    return markup(text)[0].split("\n")


def findings(path: Path, *select: str) -> list[tuple]:
    """(rule, line, column, message) of a file linted as the CLI does."""
    r = Linter(select=select).run(str(path))
    assert r.error is None, r.error
    out = []
    for v in r.violations:
        loc = locate(r.doc, v.start, v.end)
        out.append((v.rule, loc.line, loc.column, v.message))
    return out


# ----------------------------------------------------------------------- what is markup
def test_block_markup_is_blanked_and_prose_kept():
    text = ("---\ntitle: 报告,草稿\n---\n# 某县2023年度法治政府建设情况报告\n\n## 一、主要举措\n\n"
            "- 列表,项\n> 引用,内容\n\n| 年份 | 数量,个 |\n|---|---|\n| 2023 | 5 |\n\n"
            "```\n代码,块\n```\n\n    缩进,代码\n\n[ref]: https://x.y/参考,定义\n"
            "二、存在的不足\n===\n")
    assert view_lines(text) == [
        "   ", "            ", "   ",
        "  某县2023年度法治政府建设情况报告", "",
        "   一、主要举措", "",
        "  列表,项", "  引用,内容", "",
        "  年份   数量,个  ", "         ", "  2023   5  ", "",
        "   ", "    ", "   ", "",
        "         ", "",
        "                        ",
        "二、存在的不足", "   ", "",
    ]


def test_inline_markup_is_blanked_and_link_text_kept():
    text = ('我们**加强**了`规范:文件`学习,见[公告](https://x.gov.cn/公告,通知/ "标题,二")和<https://a.b/c,d>。\n'
            "第二行*强调*与~~删除~~,图片![图,片](p.png)与<span>内联</span>。\n"
            "设置\\*转义\\*和&amp;实体,还有[引用][ref]与[简写]。\n\n[ref]: /r\n[简写]: /s\n")
    assert view_lines(text)[:3] == [
        "我们  加强  了       学习,见 公告                                 和                 。",
        "第二行 强调 与  删除  ,图片             与      内联       。",
        "设置 *转义 *和     实体,还有 引用      与 简写 。",
    ]


def test_unpaired_marks_are_prose():
    assert view_lines("共计2*3个,_未配对。\n")[0] == "共计2*3个,_未配对。"


def test_masked_spans_cover_the_markup_and_never_a_line_end():
    text = "## 一、标题\n正文`代码`。\n"
    view, masked = markup(text)
    assert masked == ((0, 3), (10, 14))
    assert [text[s:e] for s, e in masked] == ["## ", "`代码`"]
    assert len(view) == len(text)


def test_directives_stay_and_other_comments_go():
    text = "<!-- 注释,内容 -->\n<!-- reportlint-disable-next-line fazhi-term -->\n加强法制建设。\n"
    assert view_lines(text)[:3] == [" " * 14, "<!-- reportlint-disable-next-line fazhi-term -->", "加强法制建设。"]


def test_ordered_list_numbers_are_shown_but_masked():
    text = "1. 加强学习,提高认识。\n2. 规范执法。\n"
    view, masked = markup(text)
    assert view.split("\n")[:2] == ["1. 加强学习,提高认识。", "2. 规范执法。"]
    assert [text[s:e] for s, e in masked] == ["1. ", "2. "]


def test_a_backslash_before_a_character_markdown_does_not_escape_is_text():
    assert view_lines("见\\，文件\\*号\\\n续。\n")[:2] == ["见\\，文件 *号 ", "续。"]


PIECES = ["#", "## ", "*", "**", "_", "`", "[", "]", "(", ")", "<", ">", "!", "\\", "|", "-", "---", "\n",
          "\n\n", "    ", "\t", " ", "法治", "2023", "，", ",", ":", "~~", "http://x.y/a", '"t"', "===", "```",
          "> ", "- ", "1. ", "[a](b)", "[x][y]", "\n[y]: /z\n", "*a*", "**b**", "`c`", "<b>", "\\*", "𠀀"]


def test_the_view_keeps_exactly_the_text_markdown_renders():
    """On random Markdown (fixed seed, bounded): the view is the file with some characters
    blanked, every blanked character is masked, and what is left is the text markdown-it-py
    renders — its text tokens, list numbers and directives — in order."""
    import random

    import regex as re

    from reportlint.readers.markdown import _parser

    rng = random.Random(20231228)
    md = _parser()
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 25)))
        view, masked = markup(text)
        covered = {i for s, e in masked for i in range(s, e)}
        assert len(view) == len(text)
        assert all(v == t or (v == " " and t != "\n" and i in covered) for i, (v, t) in enumerate(zip(view, text)))
        rendered = []
        for tok in md.parse(text, {}):
            if tok.type == "inline":
                rendered += [c.content for c in tok.children if c.type == "text"]
            elif tok.type == "list_item_open" and tok.info:
                rendered.append(tok.info + tok.markup)
        if "<http" not in text:   # an autolink renders its target as text; here it is markup
            assert re.sub(r"\s+", "", view) == re.sub(r"\s+", "", "".join(rendered)), text


def test_tabs_and_nested_blocks_keep_positions():
    text = "> - 一是\t加强学习,\n>   继续推进。\n"
    lines = view_lines(text)
    assert lines[:2] == ["    一是\t加强学习,", "    继续推进。"]


# ----------------------------------------------------------------------- the model
def test_heading_marks_are_not_heading_text_and_parts_are_found():
    text = ("# 某镇2023年度法治政府建设情况报告\n\n## 一、主要举措和成效\n\n正文。\n\n"
            "存在的不足和原因\n---\n\n正文。\n")
    src = from_bytes(text.encode(), "r.md")
    doc = src.document()
    assert doc.title.text == "某镇2023年度法治政府建设情况报告"
    assert [(h.level, h.text) for h in doc.headings] == [(1, "主要举措和成效")]
    assert doc.headings[0].start == text.index("一、")
    assert doc.line_text(2) == "## 一、主要举措和成效"      # what a snippet shows
    assert doc.soft_wrap and src.kind == "markdown"


def test_markup_is_never_reported(tmp_path, all_rules):
    f = tmp_path / "r.md"
    f.write_text(
        "---\ntitle: 2019 年,法制建设\n---\n"
        "# 某镇2023年度法治政府建设情况报告\n\n"
        "见[公告](https://x.gov.cn/公告,通知/法制建设)发布,请查收`规范:文件`<!-- 法制建设,XX -->\n\n"
        "```\n加强法制建设,2019 年\n```\n\n"
        "<div>\n法制建设,XX\n</div>\n\n"
        "[ref]: https://x.y/法制,建设\n\n"
        "我镇加强法制建设,成效明显。\n", encoding="utf-8")
    assert findings(f, "RL4", "RL5") == [
        ("halfwidth-punctuation", 6, 37, "中文之间应使用全角标点“，”，不用半角“,”"),
        ("fazhi-term", 18, 5, FAZHI),
        ("halfwidth-punctuation", 18, 9, "中文之间应使用全角标点“，”，不用半角“,”"),
    ]


def test_positions_point_into_the_file_as_written(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("# 标题\n\n> **注意**:本镇 2023 年加强了`代码`法制建设。\n", encoding="utf-8")
    got = findings(f, "fazhi-term", "cjk-digit-space", "halfwidth-punctuation")
    # the colon right after the emphasis marks has no Han character before it in the view:
    # punctuation next to inline markup is not checked
    assert got == [
        ("cjk-digit-space", 3, 12, "汉字与数字之间不应有空格，请删去"),
        ("cjk-digit-space", 3, 17, "汉字与数字之间不应有空格，请删去"),
        ("fazhi-term", 3, 26, FAZHI),
    ]
    line = f.read_text(encoding="utf-8").split("\n")[2]
    assert line[11] == line[16] == " " and line[25:29] == "法制建设"


def test_text_output_shows_the_line_as_written(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("# 标题\n\n## 一、加强`代码`法制建设\n", encoding="utf-8")
    code, out, _ = run_cli("--select", "fazhi-term", "--no-color", str(f))
    assert out.startswith(f"{f}:3:12: RL501 [fazhi-term] {FAZHI}\n  |\n3 | ## 一、加强`代码`法制建设\n"
                          "  |" + " " * 18 + "^^^^\n")   # the caret counts wide characters twice


def test_blanked_emphasis_is_not_a_space_between_han_and_digits(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("全年办理**2023**件,第*3*季度。\n", encoding="utf-8")
    assert findings(f, "cjk-digit-space") == []


def test_table_cell_padding_is_not_a_space_between_han_and_digits(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("| 年份 | 件数 |\n|---|---|\n| 2023 | 5 |\n| 案件 | 12 |\n", encoding="utf-8")
    assert findings(f, "cjk-digit-space") == []


def test_directives_keep_working(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("<!-- reportlint-disable-next-line fazhi-term -->\n加强法制建设。\n\n加强法制建设。\n", encoding="utf-8")
    assert [(r, line) for r, line, _, _ in findings(f, "fazhi-term")] == [("fazhi-term", 4)]



@pytest.mark.parametrize("code", [
    "```text\n<!-- reportlint-disable-file -->\n```",                   # fenced
    "~~~\n<!-- reportlint-disable fazhi-term -->\n~~~",                  # fenced with tildes
    "    <!-- reportlint-disable-file -->",                               # indented
    "> ```\n> <!-- reportlint-disable-file -->\n> ```",                  # fenced in a quote
    "- 示例\n\n  ```\n  <!-- reportlint-disable-file -->\n  ```",     # fenced in a list item
    "示例 `<!-- reportlint-disable-next-line fazhi-term -->` 行内代码",     # a code span
])
def test_a_directive_shown_as_code_is_not_a_directive(tmp_path, code):
    # a report explaining how to silence reportlint quotes a directive as code: it is text
    f = tmp_path / "r.md"
    f.write_text(f"---\nnote: <!-- reportlint-disable-file -->\n---\n{code}\n\n加强法制建设。\n", encoding="utf-8")
    line = 3 + code.count("\n") + 3
    r = Linter(select=("fazhi-term", "unknown-rule", "unused-directive")).run(str(f))
    assert [(v.rule, locate(r.doc, v.start, v.end).line, locate(r.doc, v.start, v.end).column) for v in r.violations] == [
        ("fazhi-term", line, 3)]


# ----------------------------------------------------------------------- --fix
FIX_IN = """---
title: 报告,草稿
tags: [法制, 2023 年]
---
# 某镇2023年度法治政府建设情况报告

见[公告](https://x.gov.cn/公告,通知/ "标题,二")和`规范:文件`的要求,详见<https://a.b/c,d>。

```yaml
说明: 加强法制建设,2019 年
```

<!-- 备注:法制 , 2023 年 -->
<div class="x,y">内联,html</div>

- **重点**:推进依法行政,成效明显。
- 完成 2023 年任务,按时将[报告](/r,1.pdf)报送。

[ref]: https://x.y/参考,定义
"""
FIX_OUT = """---
title: 报告,草稿
tags: [法制, 2023 年]
---
# 某镇2023年度法治政府建设情况报告

见[公告](https://x.gov.cn/公告,通知/ "标题,二")和`规范:文件`的要求，详见<https://a.b/c,d>。

```yaml
说明: 加强法制建设,2019 年
```

<!-- 备注:法制 , 2023 年 -->
<div class="x,y">内联,html</div>

- **重点**:推进依法行政，成效明显。
- 完成2023年任务，按时将[报告](/r,1.pdf)报送。

[ref]: https://x.y/参考,定义
"""


def test_fix_changes_prose_and_leaves_markup_byte_identical(tmp_path):
    f = tmp_path / "r.md"
    f.write_bytes(FIX_IN.encode("utf-8"))
    code, out, err = run_cli("--fix", "--select", "RL4,RL5", str(f))
    assert f.read_bytes() == FIX_OUT.encode("utf-8")
    assert code == 0 and "已修正 5 处" in out
    assert findings(f, "RL4", "RL5") == []


def test_fix_keeps_crlf_and_bom(tmp_path):
    f = tmp_path / "r.md"
    f.write_bytes(b"\xef\xbb\xbf" + "# 标题\r\n\r\n加强`a,b`学习,提高认识。\r\n".encode("utf-8"))
    run_cli("--fix", "--select", "halfwidth-punctuation", str(f))
    assert f.read_bytes() == b"\xef\xbb\xbf" + "# 标题\r\n\r\n加强`a,b`学习，提高认识。\r\n".encode("utf-8")


def test_diff_shows_prose_fixes_only(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("[公告](https://x/公告,通知)发布,请查收。\n", encoding="utf-8")
    code, out, _ = run_cli("--diff", "--select", "halfwidth-punctuation", str(f))
    assert "-[公告](https://x/公告,通知)发布,请查收。\n+[公告](https://x/公告,通知)发布，请查收。\n" in out
    assert f.read_text(encoding="utf-8") == "[公告](https://x/公告,通知)发布,请查收。\n"


def test_stdin_named_markdown_is_parsed_as_markdown():
    code, out, err = run_cli("--fix", "--select", "halfwidth-punctuation", "-", "--stdin-filename", "n.md",
                             input="# 标题\n\n加强`规范:文件`学习,提高[认识](http://x/公告,通知)。\n".encode())
    assert out == "# 标题\n\n加强`规范:文件`学习，提高[认识](http://x/公告,通知)。\n"
    assert code == 0 and "已修正 1 处" in err


def test_reparse_finds_the_markup_of_the_new_text():
    src = from_bytes("正文。\n".encode(), "r.md")
    again = reparse(src, "`a,b`正文,加强。\n")
    assert again.view == "     正文,加强。\n" and again.masked == ((0, 5),)
    assert again.text == "`a,b`正文,加强。\n" and again.kind == "markdown"


# ----------------------------------------------------------------------- broken-paragraph
def test_soft_wrapped_lines_are_one_paragraph_but_a_blank_line_ends_one(tmp_path, all_rules):
    f = tmp_path / "r.md"
    f.write_text("我镇坚持依法行政，通过层层试点的方式，\n在全镇稳步推进创建工作。\n\n"
                 "我镇坚持以“依法治理、居民自治、民主管理”的工作模式，通过层层试点，在全镇\n\n"
                 "稳步推进“民主法治村”创建工作。\n\n"
                 "加强执法队伍建设，\n\n```\n代码\n```\n\n继续推进。\n", encoding="utf-8")
    assert [(r, line) for r, line, _, _ in findings(f, "broken-paragraph")] == [("broken-paragraph", 4)]


# ----------------------------------------------------------------------- reports as Markdown
def as_markdown(text: str) -> str:
    """A text report as a Markdown author writes it: ``#`` before the title, ``##`` before
    一、 headings, ``###`` before （一） ones, no indentation (four spaces would be code)."""
    doc = Document(text)
    levels = {h.line: h.level for h in doc.headings}
    out = []
    for i, line in enumerate(text.split("\n")):
        s = line.lstrip(" \t")
        mark = "# " if i in doc.title_lines else {1: "## ", 2: "### "}.get(levels.get(i), "")
        out.append(mark + s if s else s)
    return "\n".join(out)


def mission(path: Path) -> list[tuple]:
    """Mission findings: (rule, line, message, the text the finding covers)."""
    r = Linter().run(str(path))
    assert r.error is None, r.error
    text = r.doc.original
    return [(v.rule, locate(r.doc, v.start, v.end).line, v.message, text[v.start:v.end].strip())
            for v in r.violations if v.code.startswith(MISSION_PREFIXES)]


def _same_as_text(tmp_path, txt: Path):
    text = txt.read_text(encoding="utf-8")
    t = tmp_path / (txt.stem + ".txt")
    t.write_text(text, encoding="utf-8")
    m = tmp_path / (txt.stem + ".md")
    m.write_text(as_markdown(text), encoding="utf-8")
    expected = mission(t)
    assert mission(m) == expected
    return expected


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_fixture_report_as_markdown_gives_the_same_mission_findings(tmp_path, name):
    _same_as_text(tmp_path, REPORTS / name)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_as_markdown_gives_the_same_mission_findings(tmp_path, prefix):
    from conftest import seed

    expected = _same_as_text(tmp_path, seed(prefix))
    assert expected    # every seed has mission findings


def test_markdown_of_a_report_with_numbered_parts_has_its_parts(tmp_path):
    """The issue's case: parts written ``## 二、…`` were not parts (two missing-part errors)."""
    m = tmp_path / "r.md"
    m.write_text(as_markdown((REPORTS / "complete_township_2023.txt").read_text(encoding="utf-8")), encoding="utf-8")
    assert mission(m) == []
    r = Linter().run(str(m))
    assert [p.kind for p in r.doc.parts] == ["measures", "first-responsible", "shortcomings", "plan"]


# ----------------------------------------------------------------------- discovery, imports
def test_directories_pick_up_markdown_and_pdf(tmp_path):
    from reportlint.discover import expand_paths

    for rel in ("a.md", "b.markdown", "c.pdf", "d.txt", "e.rst"):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    files, errors = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["a.md", "b.markdown", "c.pdf", "d.txt"] and errors == []


def test_a_text_run_imports_neither_markdown_nor_pdf_libraries(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("某镇2023年度法治政府建设情况报告\n一、主要举措\n加强法制建设。\n", encoding="utf-8")
    code = ("import sys\nfrom reportlint.cli import main\n"
            "try:\n    main(['--select', 'fazhi-term', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('markdown_it', 'mdit_py_plugins', 'pdfminer') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
