"""``--format text`` (the default): ruff's full format — ``path:line:col: CODE [rule] message``,
then the line with a caret under the finding, related places and the fix; a summary line.

In a file whose reader knows its own places (a Word paragraph, a table cell, a footnote …),
the place follows the message and every related position in full-width brackets —
``报告.docx:13:3: RL501 [fazhi-term] “法制”应为“法治”（第 12 段）`` — so ``path:line:col:`` stays
first for tools that parse it, and a person finds the spot in Word's own terms."""
from __future__ import annotations

from collections import Counter

import regex as re

from ..violation import locate
from . import COLORS, Style, count_by_rule, message_with_places, place_note, printable, summary, width

NAME = "text"
HELP = "默认：每处问题一段，带原文和 ^ 标记"


def _fits(s: str, columns: int) -> bool:
    """``width(s) <= columns``, measured only when the length does not tell: every character
    takes one or two columns."""
    if len(s) > columns:
        return False
    return 2 * len(s) <= columns or width(s) <= columns


def _excerpt(line: str, c0: int, c1: int, room: int = 60) -> tuple[str, int, int]:
    """Cut a long line down to a window around columns c0..c1 (0-based); returns the
    excerpt and the new c0, c1."""
    if _fits(line, room + 20):
        return line, c0, c1
    left = max(0, c0 - 20)
    right = min(len(line), max(c1, c0 + 1) + 30)
    while right - left > room + 20 and right > c1 + 5:
        right -= 1
    if not _fits(line[left:right], 2 * room):   # a long finding (a whole paragraph): its start
        right, used = left, 0                   # used: width(line[left:right])
        while right < len(line) and used + width(line[right]) <= room + 20:
            used += width(line[right])
            right += 1
        c1 = min(c1, right)
    pre = "…" if left > 0 else ""
    post = "…" if right < len(line) else ""
    return pre + line[left:right] + post, c0 - left + len(pre), c1 - left + len(pre)


# in a quoted line, one character for one: a tab shows as a space, other controls as �
_QUOTED_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _quoted(line: str) -> str:
    return _QUOTED_CONTROL.sub("\ufffd", line.replace("\t", " "))


def _snippet(r, v, style: Style) -> list[str]:
    doc = r.doc
    loc = locate(doc, v.start, v.end)
    line = _quoted(doc.line_text(loc.line - 1))
    c0 = loc.column - 1
    c1 = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    shown, c0, c1 = _excerpt(line, c0, c1)
    num = str(loc.line)
    pad = " " * len(num)
    caret = " " * width(shown[:c0]) + "^" * max(1, width(shown[c0:c1]))
    colour = COLORS[v.severity.value]
    out = [f"{pad} |", f"{num} | {shown}", f"{pad} | {style(caret, colour)}"]
    for rel in v.related:
        if rel.path is not None:      # in another file (a finding across reports)
            where = f"{printable(rel.path)}:{rel.loc[0]}:{rel.loc[1]}"
            if rel.place:
                where += f"（{printable(rel.place['label'])}）"
            out.append(f"{pad} = {printable(rel.message)}：{where}")
            continue
        rl = locate(doc, rel.start, rel.end)
        out.append(f"{pad} = {printable(rel.message)}：第 {rl.line} 行第 {rl.column} 列{place_note(r, rel.start)}")
    if v.fix is not None:
        what = "删除" if not v.fix.replacement else f"改为“{printable(v.fix.replacement)}”"
        out.append(f"{pad} = {'可自动修正' if v.fix.safe else '建议'}：{what}")
    return out


def head(r, v, style: Style) -> str:
    loc = locate(r.doc, v.start, v.end)
    tag = style(f"{v.code}", "1;" + COLORS[v.severity.value])
    return f"{style(printable(r.path), '1')}:{loc.line}:{loc.column}: {tag} [{v.rule}] {printable(message_with_places(r, v))}"


def render_file(r, opts) -> str:
    if r.error and r.doc is None:
        return ""  # errors go to stderr, one line each (see cli); a file whose fixes could not be written still shows its findings
    style = Style(opts.color)
    lines: list[str] = []
    shown = Counter()
    hidden: Counter = Counter()
    hidden_fixable: Counter = Counter()
    for v in r.violations:
        if opts.max_per_rule and shown[v.rule] >= opts.max_per_rule:
            hidden[v.rule] += 1
            hidden_fixable[v.rule] += v.fix is not None and v.fix.safe
            continue
        shown[v.rule] += 1
        lines.append(head(r, v, style))
        lines.extend(_snippet(r, v, style))
        lines.append("")
    for rule, n in hidden.items():
        hint = "，可用 --fix 修正" if hidden_fixable[rule] == n else ""
        lines.append(f"{printable(r.path)}: [{rule}] …及另外 {n} 处{hint}（--format json 或 --max-per-rule 0 列出全部）")
    if hidden:
        lines.append("")
    return "\n".join(lines)


def render(result, opts) -> str:
    return render_file(result, opts)


def assemble(parts, stats, opts) -> str:
    lines = [p for p in parts if p]
    if opts.statistics:
        lines.extend(statistics_lines(stats))
    if not opts.quiet:
        lines.append(summary_line(stats, opts.fix_mode))
    return "\n".join(lines)


def statistics_lines(stats) -> list[str]:
    counts, fixable, codes = count_by_rule(stats)
    out = []
    for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], codes[kv[0]])):
        mark = "[*]" if fixable[rule] == n else "   "
        out.append(f"{n:>5}  {codes[rule]:<6} {mark} {rule}")
    if out:
        out.append("")
    return out


def summary_line(stats, fix_mode=False) -> str:
    s = summary(stats)
    total = s["errors"] + s["warnings"] + s["infos"]
    fixed = sum(st.fixed for st in stats)
    fixable = sum(st.fixable for st in stats)
    unread = sum(1 for st in stats if not st.checked)
    unwritten = sum(1 for st in stats if st.error and st.checked)
    checked = s["files"] - unread
    parts = []
    if fix_mode and fixed:
        parts.append(f"已修正 {fixed} 处。")
    counts = f"共 {total} 个问题（错误 {s['errors']}，警告 {s['warnings']}，提示 {s['infos']}）"
    if unread:   # never a bare "未发现问题" when a file was not checked
        parts.append(f"未能检查 {unread} 个文件（见上方错误）")
        if checked:
            parts.append(f"；其余 {checked} 个文件{counts}。" if total else f"；其余 {checked} 个文件未发现问题。")
        else:
            parts.append("。")
    elif total:
        parts.append(f"{counts}，检查了 {s['files']} 个文件。")
    else:
        parts.append(f"未发现问题，检查了 {s['files']} 个文件。")
    if total and fixable and not fix_mode:
        parts.append(f"其中 {fixable} 个可用 --fix 自动修正。")
    if unwritten:
        parts.append(f"{unwritten} 个文件的修正未能写入（见上方错误）。")
    if s.get("baseline", {}).get("matched"):
        parts.append(f"另有 {s['baseline']['matched']} 个已记入基线的问题未列出。")
    return "".join(parts)
