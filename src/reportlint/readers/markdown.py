"""Markdown drafts (``.md``), parsed with markdown-it-py (CommonMark, plus tables,
strikethrough and YAML front matter from mdit-py-plugins).

The file is decoded like a plain-text draft (:mod:`reportlint.readers.text`: encodings, BOM,
line ends) and its ``text`` stays the file as written: that is what ``--fix`` edits and what
a finding's snippet shows. The model reads ``view``: the same text with every byte of markup
blanked to a space, so offsets, lines and columns are those of the file and ``## 二、存在的
不足`` reads as the heading ``二、存在的不足``. Markup is also ``masked``: the engine drops a
finding inside it and withdraws a fix that would touch it, so ``--fix`` changes prose only.

Prose is the text of paragraphs, headings (ATX and Setext) and table cells, link text
included. Markup is everything else:

* block markup: ``#`` marks and Setext underlines, list bullets, blockquote ``>``, table
  pipes and the delimiter row, thematic breaks, indentation;
* front matter (a YAML ``---`` block at the top), fenced and indented code, HTML blocks and
  comments, link reference definitions;
* inline markup: code spans, emphasis and strikethrough marks, the ``[`` and ``](target
  "title")`` or ``][label]`` of a link, whole images, autolinks ``<https://…>``, inline
  HTML, entities, the backslash of an escape.

Two exceptions: reportlint's own directives (``<!-- reportlint-disable … -->``) stay in the
view, so they keep working; an ordered list's number (``1.``) stays visible, as it is
displayed, but masked (a fix never renumbers a list).

Markdown wraps a paragraph over several lines: the Source says so (``soft_wrap``), and the
model keeps one paragraph per line, so line numbers stay those of the file.

How positions are found: markdown-it-py gives line ranges for blocks but no columns inside
them. Each inline rule is wrapped to record the span it consumed in the inline source, and
each inline source line is aligned with its file line (it is the end of the line, after the
block markers), so every span maps back to file offsets.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import Source

NAME = "markdown"
SUFFIXES = (".md", ".markdown")

_KEY = "reportlint_spans"   # env key of the spans recorded while parsing
# Inline rules whose tokens are markup, wholly or in part (the rest is prose: text, newlines)
_RECORDED = ("escape", "backticks", "strikethrough", "emphasis", "link", "image", "autolink",
             "html_inline", "entity")
_PAIR_TYPES = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def read(path: Path, shown: str) -> Source:
    from .text import read as read_text

    return _parse(read_text(path, shown))


def from_bytes(data: bytes, shown: str, kind: str = NAME) -> Source:
    """A Markdown draft from bytes (standard input named ``*.md``: ``kind="stdin"``)."""
    from .text import from_bytes as text_from_bytes

    return _parse(text_from_bytes(data, shown)).replace(kind=kind)


def reparse(source: Source, text: str) -> Source:
    """The fix loop's hook: the fixed text parsed again, so its markup is found anew."""
    return _parse(source.replace(text=text))


def _parse(src: Source) -> Source:
    view, masked = markup(src.text)
    return src.replace(kind=NAME, view=view, masked=masked, soft_wrap=True, meta={**src.meta, "reader": NAME})


# ---------------------------------------------------------------------- the parser
def _rule_fn(ruler, name):
    for rule in ruler.__rules__:   # markdown-it-py has no public getter
        if rule.name == name:
            return rule.fn
    raise KeyError(name)


def _spans(state) -> dict:
    """The record of the inline token list being built (one per paragraph, heading, cell)."""
    return state.env[_KEY].setdefault(id(state.tokens), {"markup": [], "keep": [], "delims": []})


def _recording(name, rule):
    def wrapped(state, silent):
        if silent:
            return rule(state, silent)
        if state.pending:
            state.pushPending()      # what was pending is prose; the rule's tokens come next
        start, first = state.pos, len(state.tokens)
        ok = rule(state, silent)
        if not ok:
            return ok
        end, new = state.pos, state.tokens[first:]
        rec = _spans(state)
        if name in ("emphasis", "strikethrough"):
            # one text token per run of marks; which are markup is known after pairing
            pos = start
            for tok in new:
                if tok.type == "text":
                    rec["delims"].append((tok, pos, pos + len(tok.content)))
                    pos += len(tok.content)
        elif name == "link":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            rec["markup"].append((start, start + 1))                     # [
            if label_end > start:
                rec["markup"].append((label_end, end))                   # ](target) or ][label]
        elif name == "escape":
            # the backslash of \* or of a hard line break; before another character it is text
            if any(t.type == "hardbreak" or t.content != t.markup for t in new):
                rec["markup"].append((start, start + 1))
        elif name == "backticks":
            if any(t.type == "code_inline" for t in new):
                rec["markup"].append((start, end))
        elif name == "html_inline":
            from ..engine import DIRECTIVE_RE

            (rec["keep"] if DIRECTIVE_RE.search(state.src, start, end) else rec["markup"]).append((start, end))
        elif new:                    # image, autolink, entity: all of it
            rec["markup"].append((start, end))
        return ok

    return wrapped


def _classify_delimiters(state) -> None:
    """After emphasis/strikethrough pairing, before unused marks are merged back into text:
    the marks that became ``<em>``/``<strong>``/``<s>`` are markup."""
    rec = state.env[_KEY].get(id(state.tokens))
    if not rec:
        return
    for tok, s, e in rec["delims"]:
        if tok.type in _PAIR_TYPES or (tok.type == "text" and tok.content == ""):
            rec["markup"].append((s, e))
    rec["delims"] = []


def _core_inline(state) -> None:
    """markdown-it-py's core ``inline`` rule, keeping each inline token's record in its
    ``meta`` (a later core rule replaces the list of children the record was keyed by)."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.env[_KEY] = {}
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta[_KEY] = state.env[_KEY].get(id(token.children), {})


@lru_cache(maxsize=1)
def _parser():
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin
    except ImportError:  # pragma: no cover
        from ..errors import InputError

        raise InputError("-", "读取 .md 需要 markdown-it-py 和 mdit-py-plugins") from None
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    for name in _RECORDED:
        md.inline.ruler.at(name, _recording(name, _rule_fn(md.inline.ruler, name)))
    md.inline.ruler2.before("fragments_join", "reportlint_delimiters", _classify_delimiters)
    md.core.ruler.at("inline", _core_inline)
    return md


# ---------------------------------------------------------------------- blanking
def markup(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` (``\\n`` line ends) → (view, masked): the view has every markup character
    but line ends replaced by a space; masked lists the markup spans (never a line end)."""
    md = _parser()
    tokens = md.parse(text, {})
    n = len(text)
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    ends = [s - 1 for s in starts[1:]] + [n]

    shown = bytearray(n)     # 1: the character stays in the view
    free = bytearray(n)      # 1: not masked
    for i, c in enumerate(text):
        if c == "\n":
            shown[i] = free[i] = 1

    def mark(a, b, show, unmasked):
        for i in range(max(a, 0), min(b, n)):
            shown[i], free[i] = show, unmasked

    prev = None
    cells: dict[int, int] = {}   # line → where the next table cell is searched from
    ordered = []                 # stack: is the innermost list ordered?
    for tok in tokens:
        if tok.type in ("ordered_list_open", "bullet_list_open"):
            ordered.append(tok.type == "ordered_list_open")
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            ordered.pop()
        elif tok.type == "list_item_open" and ordered and ordered[-1] and tok.map:
            line = tok.map[0]
            num = tok.info + tok.markup
            k = text.find(num, starts[line], ends[line]) if num else -1
            if k >= 0:
                mark(k, k + len(num), 1, 0)       # shown as displayed, never fixed
        elif tok.type == "html_block" and tok.map:
            from ..engine import DIRECTIVE_RE

            a, b = starts[tok.map[0]], ends[min(tok.map[1], len(starts)) - 1]
            for m in DIRECTIVE_RE.finditer(text, a, b):
                mark(m.start(), m.end(), 1, 1)
        elif tok.type == "inline" and tok.map and tok.children is not None:
            cmap = _align(text, starts, ends, tok, prev, cells)
            for i in cmap:
                if i >= 0:
                    shown[i] = free[i] = 1
            rec = tok.meta.get(_KEY, {})
            for spans, show in ((rec.get("markup", ()), 0), (rec.get("keep", ()), 1)):
                for a, b in spans:
                    for k in range(a, min(b, len(cmap))):
                        if cmap[k] >= 0:
                            shown[cmap[k]] = free[cmap[k]] = show
        prev = tok

    view = "".join(c if shown[i] else " " for i, c in enumerate(text))
    masked = []
    i = 0
    while i < n:
        if not free[i]:
            j = i
            while j < n and not free[j]:
                j += 1
            masked.append((i, j))
            i = j
        else:
            i += 1
    return view, tuple(masked)


def _align(text, starts, ends, tok, prev, cells) -> list[int]:
    """The file offset of each character of an inline token's source (-1: a line break of
    the content, or a space markdown-it-py added when it expanded a tab)."""
    content = tok.content
    pieces = content.split("\n")
    out: list[int] = []
    l0 = tok.map[0]
    multi = prev is not None and prev.type == "paragraph_open" or len(pieces) > 1
    for j, piece in enumerate(pieces):
        if j:
            out.append(-1)
        line = l0 + j
        if line >= len(starts):
            out.extend([-1] * len(piece))
            continue
        a, b = starts[line], ends[line]
        row = text[a:b]
        pos = -1
        if multi:
            # paragraph lines: each is the end of its file line (the last one stripped)
            if row.endswith(piece):
                pos = a + len(row) - len(piece)
            else:
                stripped = row.rstrip()
                if stripped.endswith(piece):
                    pos = a + len(stripped) - len(piece)
        if pos < 0:
            cursor = cells.get(line, a)
            if prev is not None and prev.type == "heading_open" and prev.markup.startswith("#"):
                k = text.find(prev.markup, a, b)
                cursor = max(cursor, k + len(prev.markup)) if k >= 0 else cursor
            pos = text.find(piece, cursor, b) if piece else cursor
        lead = 0
        if pos < 0:
            # a tab expanded to spaces that are not in the file
            rest = piece.lstrip(" ")
            lead = len(piece) - len(rest)
            k = text.find(rest, a, b) if rest else -1
            if k < 0:
                out.extend([-1] * len(piece))
                continue
            pos = k
        out.extend([-1] * lead)
        out.extend(range(pos, pos + len(piece) - lead))
        if prev is not None and prev.type in ("th_open", "td_open"):
            cells[line] = pos + len(piece) - lead
    return out
