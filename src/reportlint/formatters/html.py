"""``--format html``: the review page for a batch (``-o review.html``).

One self-contained page — styles and script inline, nothing fetched from the network — in
Chinese: a summary on top (how many reports lack each part, are late, were copied), then the
reviewer's table (:mod:`._review`), a row per report, sortable (the column headings are
buttons; ``aria-sort`` says the order) and filterable (a text box over every column, and a
choice of "only reports with …"); each row's 查看 button opens that report's findings below
it: the place (line:column, or the Word paragraph / PDF page), the rule, the message and the
quoted text in its context, the related places (in other files for copies).

A report is untrusted input: everything taken from it (and file names) is escaped with
``html.escape``; the script never parses text as HTML (it moves and shows existing rows, and
sets ``textContent``). Without script the page is still whole: every table and finding is in
the HTML.
"""
from __future__ import annotations

from html import escape

from .. import __version__
from . import _review

NAME = "html"
HELP = "审核页面：一个自包含的 HTML 文件（汇总、可排序筛选的报告表、每份报告的问题；配合 -o）"
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
NUMERIC = {"report_year", "unpaired", "copied", "copied_last_year", "errors", "warnings"}


def render(result, opts) -> dict:
    return {"row": _review.row(result), "findings": _review.findings(result)}


def _e(v) -> str:
    return escape(str(v), quote=True)


def _cell(key: str, value) -> str:
    if key in ("copied", "copied_last_year"):
        shown = _review.percent(value)
        sort = value if value != "" else -1
    else:
        shown, sort = value, value
    cls = ""
    if value == _review.MISSING or value in ("未写原因", "不符", "未写年度") or \
            (key == "date" and str(value).startswith(("逾期", "过早"))) or \
            (key in ("copied", "copied_last_year", "unpaired") and value not in ("", 0, 0.0)):
        cls = ' class="bad"'
    elif value == _review.PRESENT or value in ("已写", "按时"):
        cls = ' class="good"'
    return f'<td data-key="{_e(key)}" data-sort="{_e(sort)}"{cls}>{_e(shown)}</td>'


def _finding(f: dict) -> str:
    related = "".join(f"<li>{_e(r)}</li>" for r in f["related"])
    return (f'<li class="finding {f["severity"]}"><div class="where">'
            f'<span class="sev">{_e(SEVERITY.get(f["severity"], f["severity"]))}</span> '
            f'<span class="place">{_e(f["place"])}</span> '
            f'<code>{_e(f["code"])}</code> <span class="rule">{_e(f["rule"])}</span></div>'
            f'<div class="msg">{_e(f["message"])}</div>'
            f'<blockquote class="quote">{_e(f["before"])}<mark>{_e(f["quote"])}</mark>{_e(f["after"])}</blockquote>'
            + (f'<ul class="related">{related}</ul>' if related else "") + "</li>")


def _summary(s: dict) -> str:
    items = [("报告", s["reports"], False)]
    if s["unreadable"]:
        items.append(("无法读取", s["unreadable"], True))
    items += [(f"缺“{name}”", n, n > 0) for name, n in s["missing"].items()]
    items += [("第一责任人未单列", s["first_responsible"], s["first_responsible"] > 0),
              ("不足未写原因", s["no_causes"], s["no_causes"] > 0),
              ("有问题无对应措施", s["unpaired"], s["unpaired"] > 0),
              ("日期逾期或过早", s["late"], s["late"] > 0),
              ("与他人报告雷同", s["copied"], s["copied"] > 0),
              ("与上年报告重复", s["copied_last_year"], s["copied_last_year"] > 0)]
    if s["wrong_year"]:
        items.append(("年度不符", s["wrong_year"], True))
    return "".join(f'<div class="stat{" warn" if warn else ""}"><b>{n}</b><span>{_e(label)}</span></div>'
                   for label, n, warn in items)


FILTERS = (("", "全部报告"), ("missing", "缺少法定部分"), ("late", "日期逾期或过早"),
           ("copied", "与他人雷同"), ("copied_last_year", "与上年重复"), ("errors", "有错误"))

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1b1b1b;background:#fafafa}
h1{font-size:1.4rem;margin:0 0 .3rem}
.meta{color:#555;font-size:.85rem;margin-bottom:1rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}
.stat{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem;min-width:6rem}
.stat b{display:block;font-size:1.3rem}.stat span{font-size:.8rem;color:#444}
.stat.warn b{color:#b00020}
.controls{display:flex;gap:1rem;align-items:center;margin:.5rem 0;flex-wrap:wrap}
.controls input{font-size:1rem;padding:.3rem;width:18rem}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.88rem}
th,td{border:1px solid #ddd;padding:.3rem .45rem;vertical-align:top;text-align:left}
th button{font:inherit;font-weight:bold;background:none;border:0;cursor:pointer;padding:0;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.bad{color:#b00020;font-weight:bold}td.good{color:#1a7f37}
tr.details>td{background:#f6f8fa}
tr.report:hover{background:#f0f6ff}
ol.findings{margin:.2rem 0;padding-left:1.4rem}
li.finding{margin:.4rem 0}
.sev{font-weight:bold}.error .sev{color:#b00020}.warning .sev{color:#9a6700}.info .sev{color:#0969da}
.place{font-weight:bold}.rule{color:#555}
blockquote.quote{margin:.2rem 0;padding:.2rem .5rem;border-left:3px solid #ccc;background:#fff;white-space:pre-wrap;word-break:break-all}
mark{background:#fff3b0}
ul.related{margin:.1rem 0;color:#444;font-size:.85rem}
.count{color:#555;font-size:.85rem}
"""

SCRIPT = r"""
(function(){
  var table=document.getElementById('reports'), body=table.tBodies[0];
  function pairs(){var out=[],rows=body.rows;for(var i=0;i<rows.length;i++){if(rows[i].classList.contains('report')){out.push([rows[i],rows[i+1]]);}}return out;}
  function value(row,key){var c=row.querySelector('td[data-key="'+key+'"]');return c?c.getAttribute('data-sort'):'';}
  var headers=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers,function(th){
    var b=th.querySelector('button'); if(!b)return;
    b.addEventListener('click',function(){
      var key=th.getAttribute('data-key'), num=th.hasAttribute('data-numeric');
      var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
      Array.prototype.forEach.call(headers,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir);
      var ps=pairs(), sign=dir==='ascending'?1:-1;
      ps.sort(function(a,b){var x=value(a[0],key),y=value(b[0],key);
        if(num){x=parseFloat(x);y=parseFloat(y);x=isNaN(x)?-1:x;y=isNaN(y)?-1:y;return sign*(x-y)||(a[0].dataset.index-b[0].dataset.index);}
        return sign*x.localeCompare(y,'zh-Hans-CN')||(a[0].dataset.index-b[0].dataset.index);});
      ps.forEach(function(p){body.appendChild(p[0]);body.appendChild(p[1]);});
    });
  });
  var text=document.getElementById('filter-text'), kind=document.getElementById('filter-kind'), count=document.getElementById('shown');
  function matches(row){
    var k=kind.value, q=text.value.trim().toLowerCase();
    if(q&&row.textContent.toLowerCase().indexOf(q)<0)return false;
    if(!k)return true;
    if(k==='missing')return row.getAttribute('data-missing')==='1';
    if(k==='late')return row.getAttribute('data-late')==='1';
    if(k==='errors')return parseFloat(value(row,'errors'))>0;
    return parseFloat(value(row,k))>0;
  }
  function apply(){var n=0;pairs().forEach(function(p){var ok=matches(p[0]);p[0].hidden=!ok;if(!ok){p[1].hidden=true;}else{p[1].hidden=p[0].querySelector('button.open').getAttribute('aria-expanded')!=='true';}n+=ok?1:0;});count.textContent=String(n);}
  text.addEventListener('input',apply);kind.addEventListener('change',apply);
  Array.prototype.forEach.call(body.querySelectorAll('button.open'),function(b){
    b.addEventListener('click',function(){
      var open=b.getAttribute('aria-expanded')==='true', d=document.getElementById(b.getAttribute('aria-controls'));
      b.setAttribute('aria-expanded',open?'false':'true'); b.textContent=open?'查看':'收起'; d.hidden=open;
    });
  });
  apply();
})();
"""


def assemble(parts, stats, opts) -> str:
    rows = [p["row"] for p in parts]
    s = _review.summary(rows)
    head = "".join(
        f'<th scope="col" data-key="{k}"{" data-numeric" if k in NUMERIC else ""}><button type="button">{_e(name)}</button></th>'
        for k, name in _review.COLUMNS if k != "read_error")
    body = []
    for i, p in enumerate(parts):
        r, fs = p["row"], p["findings"]
        missing = any(r[f"part_{k}"] == _review.MISSING for k, _ in _review.PARTS) or r["first_responsible"] == _review.MISSING
        late = str(r["date"]).startswith(("逾期", "过早"))
        cells = "".join(_cell(k, r[k]) for k, _ in _review.COLUMNS if k != "read_error")
        label = f"查看 {r['path']} 的问题"
        body.append(
            f'<tr class="report" data-index="{i}" data-missing="{int(missing)}" data-late="{int(late)}">'
            f'<td><button type="button" class="open" aria-expanded="false" aria-controls="d{i}" '
            f'aria-label="{_e(label)}">查看</button></td>{cells}</tr>')
        if r["read_error"]:
            inner = f'<p class="bad">无法读取：{_e(r["read_error"])}</p>'
        elif fs:
            inner = f'<ol class="findings">{"".join(_finding(f) for f in fs)}</ol>'
        else:
            inner = "<p>未发现问题。</p>"
        body.append(f'<tr class="details" id="d{i}" hidden><td colspan="{len(_review.COLUMNS)}">'
                    f'<h2 class="count">{_e(r["path"])}：{len(fs)} 个问题</h2>{inner}</td></tr>')
    options = "".join(f'<option value="{k}">{_e(n)}</option>' for k, n in FILTERS)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>法治政府建设年度报告审核表（{s['reports']} 份）</title><style>{STYLE}</style></head><body>"
        f"<h1>法治政府建设年度报告审核表</h1>"
        f'<p class="meta">reportlint {_e(__version__)} · 共 {s["reports"]} 份报告。点击列名排序，点击“查看”展开该报告的问题。</p>'
        f'<section class="summary" aria-label="汇总">{_summary(s)}</section>'
        f'<div class="controls"><label>筛选：<input id="filter-text" type="search" placeholder="单位、题目、文件名…"></label>'
        f'<label>只看：<select id="filter-kind">{options}</select></label>'
        f'<span>显示 <b id="shown">{len(rows)}</b> / {len(rows)} 份</span></div>'
        f'<table id="reports"><caption class="count">每份报告一行</caption><thead><tr><th scope="col">问题</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
        f"<script>{SCRIPT}</script></body></html>"
    )
