"""click's framing in Chinese: usage lines, help headings, error messages.

click marks every message it shows with gettext (``_("Usage:")``, ``ngettext(...)``), looked up
in the process's locale. reportlint speaks Chinese whatever the locale, so :func:`install`
points the ``_`` and ``ngettext`` names of click's modules at the catalogue below; a message
missing from it (a newer click) stays as click wrote it. Only :mod:`reportlint.cli` calls it.

Besides the catalogue:

* :class:`Context` and :class:`HelpFormatter`: headings with a full-width colon (``选项：``),
  ``用法：`` as the usage prefix;
* :func:`show_usage_error`: a usage error as ``用法：…`` / ``运行 “reportlint --help” 查看帮助。`` /
  ``错误：…``, with the missing-parameter sentence written whole here (click glues it from
  pieces with an English full stop).
"""
from __future__ import annotations

import re
import sys
import unicodedata

import click

# msgid → Chinese. Fields are the ones click formats the message with ({name!r}, {choices} …).
MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 “{command} {option}” 查看帮助。",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有 {name} 这个选项。",
    "No such command {name!r}.": "没有 {name} 这个命令。",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Option {name!r} does not take a value.": "选项 {name} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Value must be an iterable.": "值应为一组值。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Choose from:\n\t{choices}": "可选：{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值，可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不提示，直接确认。",
}

# (singular, plural) → (Chinese singular, Chinese plural)
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("多余的参数（{args}）", "多余的参数（{args}）"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("是不是要用 {possibility}？", "（是不是要用其中之一：{possibilities}？）"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} 不是可用的值，应为 {choice}。", "{value!r} 不是可用的值，可选：{choices}。"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("选项 {name} 需要一个值。", "选项 {name} 需要 {nargs} 个值。"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("需要 {nargs} 个值，只给了 1 个。", "需要 {nargs} 个值，给了 {len} 个。"),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} 不符合格式 {format}。", "{value!r} 不符合格式 {formats}。"),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("需要 {len_type} 个值，给了 {len_value} 个。", "需要 {len_type} 个值，给了 {len_value} 个。"),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    zh = PLURALS.get((singular, plural))
    if zh is None:
        return singular if n == 1 else plural
    return zh[0] if n == 1 else zh[1]


_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "utils", "termui")


def install() -> None:
    """Point click's gettext names at the Chinese catalogue (idempotent). Only the modules
    ``import click`` loads: the ones whose words a reportlint user meets (pagers, prompts and
    shell completion are never used, and importing them would cost start-up time)."""
    for name in _MODULES:
        mod = sys.modules.get(f"click.{name}")
        if mod is None:
            continue
        if hasattr(mod, "_"):
            mod._ = gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = ngettext


def width(s: str) -> int:
    """Display width: a Han character or full-width form takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_TOKENS = re.compile(r"[!-~]+|\s+|.")
_NO_LINE_START = set("，。；：、）」』》？！…")


def wrap(text: str, room: int) -> list[str]:
    """Break ``text`` into lines of at most ``room`` columns: between Han characters anywhere,
    between ASCII words at spaces, never before a closing mark (，。）…)."""
    lines, cur, used = [], "", 0
    for tok in _TOKENS.findall(" ".join(text.split())):
        w = width(tok)
        if tok.isspace():
            if cur:
                cur, used = cur + " ", used + 1
            continue
        if used + w > room and cur.strip() and tok[0] not in _NO_LINE_START:
            lines.append(cur.rstrip())
            cur, used = "", 0
        cur, used = cur + tok, used + w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


class HelpFormatter(click.HelpFormatter):
    """Headings end with a full-width colon; the usage line starts with ``用法：``; option
    tables are aligned and wrapped by display width, as Chinese needs."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 20)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


PARAM_KINDS = {"argument": "参数", "option": "选项", "parameter": "参数"}


def usage_error_message(exc: click.UsageError) -> str:
    """The sentence of a usage error, in Chinese."""
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        kind = PARAM_KINDS.get(exc.param_type or (param.param_type_name if param else ""), "参数")
        hint = exc.param_hint if exc.param_hint is not None else (
            param.get_error_hint(exc.ctx) if param is not None else "")
        if hint and not isinstance(hint, str):
            hint = " / ".join(repr(x) for x in hint)
        msg = f"缺少{kind} {hint}".rstrip() + "。"
        extra = param.type.get_missing_message(param=param, ctx=exc.ctx) if param is not None else ""
        return msg + (extra.replace("\n\t", " ").replace(",", "、") if extra else "") + (
            exc.message if exc.message else "")
    possibilities = getattr(exc, "possibilities", None)
    if isinstance(exc, (click.NoSuchOption, getattr(click.exceptions, "NoSuchCommand", ()))) and possibilities:
        return exc.message + ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)",
                                      len(possibilities)).format(
            possibility=possibilities[0], possibilities="、".join(sorted(possibilities)))
    return exc.format_message()


def show_usage_error(exc: click.UsageError, prog: str) -> None:
    """``用法：…``, how to get help, then the error; on stderr."""
    ctx = exc.ctx
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        command = prog if ctx.command.name in (None, "check", prog) else f"{prog} {ctx.command.name}"
        lines.append(f"运行 “{command} --help” 查看帮助。")
    else:
        lines.append(f"运行 “{prog} --help” 查看帮助。")
    lines.append("")
    lines.append(f"错误：{usage_error_message(exc)}")
    click.echo("\n".join(lines), err=True)
