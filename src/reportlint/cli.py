"""The ``reportlint`` command.

    reportlint [选项] 路径...           lint files (the default command, also `reportlint check`)
    reportlint rules                   list all rules
    reportlint explain NAME|CODE       a rule's description, source and examples
    reportlint schema                  the JSON Schema of .reportlint.yaml

Exit codes: 0 no errors (warnings and infos allowed) · 1 errors, or warnings with --strict ·
2 usage, config or input error. Input and config errors print one line on stderr.

The framing is Chinese: click's own words come from :mod:`reportlint.cli_zh` (installed by
:func:`main`), usage lines read ``reportlint [选项] 路径...``, metavars are Chinese. The report
goes to standard output or, with ``-o FILE``, to a file written atomically
(:mod:`reportlint.output`); notes and errors always go to standard error.
"""
from __future__ import annotations

import os
import sys

import click

from . import __version__, cli_zh, formatters
from .errors import ReportlintError

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def _not_negative(ctx, param, value):
    if value is not None and value < 0:
        raise click.BadParameter(f"{value} 不能小于 0", ctx=ctx, param=param)
    return value


def _positive(ctx, param, value):
    if value is not None and value < 1:
        raise click.BadParameter(f"{value} 不能小于 1", ctx=ctx, param=param)
    return value


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.replace("，", ",").split(",") if x.strip())
    return tuple(out)


class Command(click.Command):
    """A subcommand with Chinese framing: ``[选项]`` in its usage, ``选项：`` headings."""

    context_class = cli_zh.Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class CheckCommand(Command):
    """The default command: its usage is ``reportlint [选项] 路径...`` (``check`` is implied),
    and its help ends with the output formats, one line each from the formatters' ``HELP``."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage("reportlint", " ".join(self.collect_usage_pieces(ctx)))

    def format_help_text(self, ctx, formatter):
        # the file endings a directory search picks up, as its "no report files" error names them
        from .discover import _suffix_list

        self.help = self.help.replace("{suffixes}", _suffix_list())
        super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx, formatter):
        names = formatters.available()
        pad = max(len(n) for n in names) + 2
        lines = ["\b", "输出格式（--format）："]
        lines += [f"  {n:<{pad}}{formatters.load(n).HELP}" for n in names]
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text("\n".join(lines))
        super().format_epilog(ctx, formatter)


class DefaultGroup(click.Group):
    """``reportlint PATH`` runs ``check``; ``reportlint rules`` runs the subcommand."""

    context_class = cli_zh.Context

    def parse_args(self, ctx, args):
        if args and args[0] in ("--help", "-h"):
            args = ["check", "--help"]   # the lint options are what a user looks for
        if args and args[0] in ("--version", "-V"):
            return super().parse_args(ctx, args)
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("reportlint", "[选项] 路径... | rules | explain 名称|代码 | lsp")


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="reportlint", message="%(prog)s %(version)s",
                      help="显示版本号并退出。")
def cli():
    """检查法治政府建设年度报告（reportlint）。"""


EPILOG = """\b
其他命令：
  reportlint rules               列出全部规则（代码、名称、级别、能否自动修正）
  reportlint explain 名称|代码    显示规则的说明、依据和例子
  reportlint schema              打印 .reportlint.yaml 的 JSON Schema（编辑器补全与检查）
  reportlint lsp                 运行语言服务器（编辑器用）

退出码：0 没有错误（可有警告）；1 有错误（--strict 时警告也算）；2 用法、配置或输入错误。
"""


@cli.command("check", cls=CheckCommand, epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="路径...")
@click.option("--format", "-f", "fmt", type=click.Choice(formatters.available()), default="text", metavar="格式",
              help="输出格式（默认 text；见下方列表）。")
@click.option("--output-file", "-o", "output_file", metavar="文件",
              help="把结果写入此文件（原子写入，不着色），不输出到标准输出。")
@click.option("--select", multiple=True, metavar="规则", help="只检查这些规则：规则名、代码或代码前缀（逗号分隔），ALL 为全部。")
@click.option("--ignore", multiple=True, metavar="规则", help="不检查这些规则。")
@click.option("--extend-select", multiple=True, metavar="规则", help="在已选规则之外再加上这些规则。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件",
              help="使用此配置文件（不再向上查找 .reportlint.yaml）。")
@click.option("--exclude", multiple=True, metavar="通配符",
              help="检查目录时跳过匹配这些通配符的文件或目录（逗号分隔，如 旧稿,drafts/*.md）；直接给出的文件照常检查（除非 --force-exclude）。")
@click.option("--extend-exclude", multiple=True, metavar="通配符",
              help="在配置的 exclude（默认：README*、CHANGELOG*、LICENSE*、.github 等）之外再跳过这些通配符。")
@click.option("--force-exclude", is_flag=True,
              help="命令行上直接给出的文件也按 exclude 跳过（pre-commit 钩子使用）。")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="路径", help="加载更多 YAML 规则文件或目录。")
@click.option("--baseline", "baseline_file", metavar="文件",
              help="只报告基线文件中没有的问题（基线用 --write-baseline 生成）。")
@click.option("--write-baseline", "write_baseline", metavar="文件",
              help="把现有的全部问题记入基线文件，不列出问题，以 0 退出。")
@click.option("--report-year", "report_year", type=click.IntRange(1900, 2100), metavar="年份",
              help="审核的报告年度：讲的是别的年份、或看不出年度的报告会被指出（规则 report-year）。")
@click.option("--previous", "previous", type=click.Path(), metavar="路径",
              help="上年报告的文件或目录：与同一单位上年报告雷同的段落、标题和问题会被指出（规则 copied-from-last-year）。")
@click.option("--strict", is_flag=True, help="有警告也算不通过（退出码 1）。")
@click.option("--exit-zero", is_flag=True, help="即使有错误也以 0 退出。")
@click.option("--quiet", "-q", is_flag=True, help="只列问题，不打印汇总行。")
@click.option("--statistics", is_flag=True, help="按规则统计问题数。")
@click.option("--fix", is_flag=True, help="就地应用安全的自动修正（原子写入，保留编码和换行符）。")
@click.option("--diff", is_flag=True, help="以 diff 显示 --fix 将做的修改，不写文件。")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用仅作建议的修正（如 法制→法治）。")
@click.option("--max-per-rule", type=int, callback=_not_negative, default=5, metavar="N",
              help="文本输出中每个文件每条规则最多显示几处（默认 5；0 为全部）。")
@click.option("--stdin-filename", default="-", metavar="文件名", help="从标准输入（-）读取时显示的文件名。")
@click.option("--max-file-size", type=click.FloatRange(min=0.001), default=None, metavar="MB",
              help="大于此大小（MB）的文件不读取，直接报告（默认 20；也可在配置中设 max-file-size）。")
@click.option("--color/--no-color", default=None, help="文本输出是否着色（默认：终端中着色）。")
@click.option("--jobs", "-j", type=int, callback=_positive, default=None, metavar="N",
              help="同时检查的进程数（默认：可用的 CPU 核数；1 为逐个检查）。输出与逐个检查完全相同。")
@click.version_option(__version__, "-V", "--version", prog_name="reportlint", message="%(prog)s %(version)s",
                      help="显示版本号并退出。")
def check(paths, fmt, output_file, select, ignore, extend_select, config_file, exclude, extend_exclude,
          force_exclude, rule_paths, baseline_file, write_baseline, report_year, previous, strict, exit_zero, quiet,
          statistics, fix, diff, unsafe_fixes, max_per_rule, stdin_filename, max_file_size, color, jobs):
    """检查报告草稿：文件、目录（其中的 {suffixes}）或 -（标准输入）。"""
    from .api import FileResult, Linter
    from .discover import expand_paths

    if not paths:
        raise click.UsageError("请给出要检查的文件或目录（- 表示标准输入）")
    if fix and diff:
        raise click.UsageError("--fix 与 --diff 不能同时使用")
    if write_baseline and (fix or diff or baseline_file):
        raise click.UsageError("--write-baseline 不能与 --fix、--diff 或 --baseline 同时使用")
    linter = Linter(config_file=config_file, rule_paths=tuple(rule_paths), select=_split(select),
                    ignore=_split(ignore), extend_select=_split(extend_select), fix=fix, diff=diff,
                    unsafe_fixes=unsafe_fixes, stdin_filename=stdin_filename, max_file_size=max_file_size,
                    baseline=baseline_file, no_baseline=bool(write_baseline), report_year=report_year)
    files, missing = expand_paths(list(paths), _split(exclude) + _split(extend_exclude),
                                  lambda d: linter.config_for(str(d / "_")).exclude, force_exclude=force_exclude)
    if output_file:
        use_color = False     # a file gets no colour codes
    else:
        use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    opts = formatters.Options(color=use_color, quiet=quiet, max_per_rule=max_per_rule,
                              statistics=statistics, fix_mode=fix)
    # each file is linted, fixed and formatted where it is linted (a worker with --jobs): only
    # its part of the output comes back (batch.FileOutput), in file order whatever the jobs;
    # checks across reports (copies between them, from last year's: reportlint.corpus) get
    # each file's signature from there and lint again the files they found something in
    from . import batch
    from .progress import bar

    phase = None
    if not diff:
        from .corpus import Phase

        phase = Phase.of(linter, files, previous)
    digest = batch.Digest(None if (diff or write_baseline) else fmt, opts,
                          baseline_base=_baseline_base(write_baseline) if write_baseline else None)
    results = batch.run(linter, files, digest, jobs=jobs or batch.default_jobs(), phase=phase, progress=bar)
    results += [digest(FileResult(e.path, error=e.problem)) for e in missing]

    for r in results:   # one line each on stderr; with --format json also in the output
        if r.error:
            click.echo(f"reportlint: {formatters.printable(r.path)}: {r.error}", err=True)
    for r in results:
        if r.notice:
            click.echo(f"reportlint: {formatters.printable(r.path)}: {r.notice}", err=True)
    if write_baseline:
        from . import baseline

        n = baseline.write_entries(write_baseline, [e for r in results for e in r.entries])
        files = sum(1 for r in results if r.linted)
        click.echo(f"reportlint: 已将 {n} 个问题记入基线 {write_baseline}（{files} 个文件）。", err=True)
        return _exit(results, strict, exit_zero=True)
    _baseline_notes(results)
    if diff:   # stdout holds the diff only, whatever the format
        text = "".join(r.diff for r in results if r.diff)
        if output_file:
            _write_output(output_file, text.encode("utf-8", "surrogateescape"))
        elif text:
            click.echo(text, nl=False)
        n = sum(r.fixed for r in results)
        sys.stdout.flush()   # the diff first, then the note on stderr, also when both share a pipe
        click.echo(f"可修正 {n} 处（--diff 未写入任何文件）。" if n else "没有可自动修正的问题。", err=True)
        if any(r.error for r in results):
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_VIOLATIONS if n else EXIT_OK)   # like ruff --diff: 1 when it would change something
    for r in results:
        if r.fixed_text is not None:
            click.echo(r.fixed_text, nl=False)
    # stdin with --fix: stdout holds the fixed text only, the report goes to stderr
    stream_err = any(r.fixed_text is not None for r in results)

    mod = formatters.load(fmt)
    # a formatter with chunks (JSON) is written piece by piece, the parts unpacked one at a time
    pieces = formatters.output_chunks(mod, batch.Parts(results), [r.stats for r in results], opts)
    if getattr(mod, "chunks", None) is not None:
        _echo_pieces(pieces, output_file, stream_err, use_color)
        return _exit(results, strict, exit_zero)
    out = next(pieces)
    if output_file:
        data = out if isinstance(out, bytes) else (out + "\n" if out else "").encode("utf-8", "surrogateescape")
        _write_output(output_file, data)
    elif isinstance(out, bytes):      # a binary format (BINARY = True): the bytes as they are
        stream = sys.stderr if stream_err else sys.stdout
        stream.flush()
        stream.buffer.write(out)
        stream.buffer.flush()
    elif out:
        click.echo(out, err=stream_err, color=use_color)   # click strips colour off a terminal unless told
    return _exit(results, strict, exit_zero)


def _echo_pieces(pieces, output_file, err: bool, color) -> None:
    """Write an output given in pieces (a formatter's ``chunks``) exactly as the whole would be
    written: to ``--output-file``, or through click (colour stripped off a terminal) with one
    newline at the end, nothing when it is empty; a long piece goes out a block of lines at a
    time, so no second copy of a large output is ever made."""
    if output_file:
        data = b"".join(p.encode("utf-8", "surrogateescape") for p in pieces)
        _write_output(output_file, data + b"\n" if data else b"")
        return
    wrote = False
    for piece in pieces:
        for block in _blocks(piece):
            click.echo(block, nl=False, err=err, color=color)
            wrote = True
    if wrote:
        click.echo("", err=err, color=color)


def _blocks(text: str, size: int = 1 << 20):
    """``text`` in slices of about ``size`` characters, each ending after a newline (an escape
    sequence never spans two)."""
    start, n = 0, len(text)
    while start < n:
        cut = text.find("\n", start + size) if start + size < n else -1
        end = n if cut < 0 else cut + 1
        yield text[start:end]
        start = end


def _write_output(path: str, data: bytes) -> None:
    from .output import write_file

    write_file(path, data)


def _baseline_notes(results) -> None:
    """One line on stderr per baseline with entries that matched nothing in the files linted."""
    unmatched: dict = {}
    for r in results:
        if r.baseline is not None:
            unmatched[r.baseline] = unmatched.get(r.baseline, 0) + r.baseline_unmatched
    for path, n in unmatched.items():
        if n:
            click.echo(f"reportlint: 基线 {path} 中有 {n} 条记录已不再出现（问题已改正，或所在文字已改动），"
                       f"可用 --write-baseline 重新生成。", err=True)


def _baseline_base(path: str) -> str:
    """The folder a baseline's paths are relative to (as baseline.write has it)."""
    return os.path.dirname(os.path.abspath(path))


def _exit(results, strict, exit_zero):
    """``results``: batch.FileOutput (their counts say which severities were found)."""
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if not exit_zero and any(r.stats.errors or (strict and r.stats.warnings) for r in results):
        sys.exit(EXIT_VIOLATIONS)
    sys.exit(EXIT_OK)


@cli.command("rules", cls=Command)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件", help="使用此配置文件。")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="路径", help="加载更多 YAML 规则文件或目录。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式：text（默认）或 json。")
def rules_cmd(config_file, rule_paths, fmt):
    """列出全部规则：代码、名称、级别、能否自动修正、一句话说明。"""
    import json
    from pathlib import Path

    from .config import configure_rules, find_config, load_config_file

    config = load_config_file(Path(config_file)) if config_file else find_config(Path.cwd())
    rules = sorted(configure_rules(config, rule_paths), key=lambda r: r.code)
    if fmt == "json":
        click.echo(json.dumps([{"name": r.name, "code": r.code, "severity": r.severity.value, "kind": r.kind,
                                "enabled": r.enabled, "fixable": r.fixable, "fix": r.fix_safety, "path": r.path,
                                "summary": r.short} for r in rules], ensure_ascii=False, indent=1))
        return
    from .formatters import width

    click.echo(f"{'代码':<5}  {'规则':<26} 级别  修正  说明")
    for r in rules:
        off = "（默认关闭）" if not r.enabled and "默认关闭" not in r.short else ""
        sev = {"error": "错误", "warning": "警告", "info": "提示"}[r.severity.value]
        name = r.name + " " * max(0, 26 - width(r.name))
        mark = _FIX_MARKS[r.fix_safety]
        click.echo(f"{r.code:<7}{name} {sev}  {mark}{' ' * (6 - width(mark))}{r.short}{off}")
    click.echo("")
    click.echo("修正：* 可用 --fix 自动修正；建议 只有修改建议，需人工确认，--unsafe-fixes 才会应用。")


_FIX_MARKS = {"safe": "*", "suggestion": "建议", None: ""}
_FIX_WORDS = {"safe": "  可用 --fix 自动修正", "suggestion": "  只有修改建议（需人工确认，--unsafe-fixes 才会应用）",
              None: ""}


@cli.command("explain", cls=Command)
@click.argument("rule", metavar="名称|代码")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="路径", help="加载更多 YAML 规则文件或目录。")
def explain(rule, rule_paths):
    """显示规则的说明、依据、选项和例子。"""
    from .loader import load_rules

    rules = load_rules(list(rule_paths))
    found = [r for r in rules if rule in (r.name, r.code)]
    if not found:
        raise ReportlintError(f'explain: 未知规则 "{_short(rule)}"（用 `reportlint rules` 查看全部规则）')
    r = found[0]
    sev = {"error": "错误", "warning": "警告", "info": "提示"}[r.severity.value]
    click.echo(f"{r.code} [{r.name}]  级别：{sev}  类型（kind）：{r.kind}{_FIX_WORDS[r.fix_safety]}"
               f"{'' if r.enabled else '  默认关闭（用 --extend-select 打开）'}")
    if r.summary or not r.description.strip():
        click.echo("")
        click.echo(r.short)
    if r.description.strip():
        click.echo("")
        click.echo(r.description.strip())
    if r.source:
        click.echo("")
        click.echo(f"依据：{r.source.strip()}")
    click.echo("")
    click.echo(f"消息模板：{r.message}")
    for k, m in r.messages.items():
        click.echo(f"  {k}：{m}")
    if r.options:
        click.echo("")
        click.echo("选项（可在 .reportlint.yaml 的 rules: 下修改）：")
        for k, v in r.options.items():
            click.echo(f"  {k}: {_short(v)}")
    for label, key in (("通过的例子", "pass"), ("报告的例子", "fail")):
        exs = r.examples.get(key, [])
        if exs:
            click.echo("")
            click.echo(f"{label}：")
            for ex in exs:
                lines = ex.rstrip("\n").splitlines()
                click.echo("  ┌ " + (lines[0] if lines else ""))
                for ln in lines[1:]:
                    click.echo("  │ " + ln)


@cli.command("schema", cls=Command)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="路径", help="加载更多 YAML 规则文件或目录。")
def schema_cmd(rule_paths):
    """打印 .reportlint.yaml 的 JSON Schema（供编辑器的 yaml-language-server 使用）。"""
    from .config_schema import render
    from .loader import load_rules

    click.echo(render(load_rules(list(rule_paths))), nl=False)


@cli.command("lsp", cls=Command)
def lsp_cmd():
    """在标准输入输出上运行语言服务器（需要 lsp 附加依赖：pygls）。"""
    from .lsp import serve

    sys.exit(serve())   # 0 after shutdown, 1 for exit without it (the LSP specification)


def _short(v) -> str:
    s = repr(v) if not isinstance(v, str) else v
    return s if len(s) <= 100 else s[:99] + "…"


def main(argv=None):
    if sys.stdout is None or sys.stderr is None:   # started with >&- or 2>&-
        if sys.stderr is not None:
            sys.stderr.write("reportlint: 标准输出已关闭，无法输出结果\n")
        sys.exit(EXIT_ERROR)
    from . import regexcache

    regexcache.prime()   # compiled patterns of earlier runs, before any module compiles its own
    cli_zh.install()
    try:
        cli.main(args=argv, prog_name="reportlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        cli_zh.show_usage_error(exc, "reportlint")
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("reportlint: 已中止", err=True)
        sys.exit(EXIT_ERROR)
    except (Exception, KeyboardInterrupt) as exc:   # the same endings as the fast path
        from .entry import fail

        fail(exc)
