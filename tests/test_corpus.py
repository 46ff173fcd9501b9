"""Checks across reports: copied-between-reports (RL701) and copied-from-last-year (RL702).

Exact findings, places and related places in the other file (JSON, text, SARIF); boilerplate
(shipped and learned) not counted; another issuer vs the same issuer; signatures computed in
worker processes give the same findings as in this one."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, run_cli

BATCH = FIXTURES / "corpus" / "batch"
PREVIOUS = FIXTURES / "corpus" / "previous"

MSG_701 = ("此段与{who}的报告（{other} 第 {line} 行）{how}（相似度 {sim}），"
           "请核实是否照抄了其他单位的报告，如是请按本单位实际情况改写")


def _json(*args, cwd=None):
    code, out, err = run_cli("--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


def _findings(doc, rules=("RL701", "RL702")):
    return {f["path"].rsplit("/", 1)[-1]: [
        (v["code"], v["line"], v["column"], v["end_line"], v["end_column"], v["message"],
         [(r["path"].rsplit("/", 1)[-1], r["line"], r["column"], r["message"]) for r in v["related"]])
        for v in f["violations"] if v["code"] in rules] for f in doc["files"]}


def _copy(tmp_path, *names):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy(BATCH / n, tmp_path / n)
    return tmp_path


def test_copy_between_two_issuers_both_sides_with_related_path(tmp_path):
    d = _copy(tmp_path, "qingshi.txt", "baisha.txt")
    found = _findings(_json("--select", "RL701", str(d)))
    q, b = str(d / "qingshi.txt"), str(d / "baisha.txt")
    same = "除数字和单位名称外完全相同"
    assert found == {
        "baisha.txt": [
            ("RL701", 3, 1, 3, 77, MSG_701.format(who="青石镇", other=q, line=4, how=same, sim="100%"),
             [("qingshi.txt", 4, 1, "青石镇报告中的相似段落")]),
            ("RL701", 5, 1, 5, 79, MSG_701.format(who="青石镇", other=q, line=6, how=same, sim="100%"),
             [("qingshi.txt", 6, 1, "青石镇报告中的相似段落")]),
        ],
        "qingshi.txt": [
            ("RL701", 4, 1, 4, 78, MSG_701.format(who="白沙镇", other=b, line=3, how=same, sim="100%"),
             [("baisha.txt", 3, 1, "白沙镇报告中的相似段落")]),
            ("RL701", 6, 1, 6, 80, MSG_701.format(who="白沙镇", other=b, line=5, how=same, sim="100%"),
             [("baisha.txt", 5, 1, "白沙镇报告中的相似段落")]),
        ],
    }
    # the shared political preamble (line 5 of qingshi, 4 of baisha) is shipped boilerplate


def test_text_shared_by_many_issuers_is_learned_boilerplate(tmp_path):
    d = _copy(tmp_path, "qingshi.txt", "baisha.txt", "hongyan.txt")
    found = _findings(_json("--select", "RL701", str(d)))
    # the review-checklist paragraph is in all three: a county template, not a copy
    assert [(f[1], f[6][0][:2]) for f in found["qingshi.txt"]] == [(4, ("baisha.txt", 3))]
    assert [(f[1], f[6][0][:2]) for f in found["baisha.txt"]] == [(3, ("qingshi.txt", 4))]
    assert found["hongyan.txt"] == []
    # with a higher bar for boilerplate the template paragraph is a copy again
    d = _copy(tmp_path / "higher", "qingshi.txt", "baisha.txt", "hongyan.txt")
    (d / ".reportlint.yaml").write_text(
        "rules:\n  copied-between-reports: {boilerplate-min-issuers: 4}\n", encoding="utf-8")
    found = _findings(_json("--select", "RL701", str(d)))
    assert [f[1] for f in found["hongyan.txt"]] == [4]
    assert "另有 1 份其他单位的报告也有此段" in found["hongyan.txt"][0][5]


def test_same_issuer_is_not_a_copy(tmp_path):
    shutil.copy(BATCH / "qingshi.txt", tmp_path / "qingshi.txt")
    shutil.copy(BATCH / "qingshi.txt", tmp_path / "qingshi-修改稿.txt")
    found = _findings(_json("--select", "RL701", str(tmp_path)))
    assert found == {"qingshi-修改稿.txt": [], "qingshi.txt": []}


def test_one_file_alone_has_no_copies_and_loads_no_numpy(tmp_path):
    code, out, err = run_cli("--select", "RL7", str(BATCH / "qingshi.txt"))
    assert code == 0 and "RL70" not in out


def test_text_and_sarif_name_the_other_file(tmp_path):
    d = _copy(tmp_path, "qingshi.txt", "baisha.txt")
    code, out, _ = run_cli("--select", "RL701", "--format", "text", "--no-color", str(d / "baisha.txt"),
                           str(d / "qingshi.txt"))
    assert f"  = 青石镇报告中的相似段落：{d / 'qingshi.txt'}:4:1" in out.splitlines()
    code, out, _ = run_cli("--select", "RL701", "--format", "sarif", str(d / "baisha.txt"), str(d / "qingshi.txt"))
    res = json.loads(out)["runs"][0]["results"][0]
    rel = res["relatedLocations"][0]["physicalLocation"]
    assert rel["artifactLocation"]["uri"] == (d / "qingshi.txt").as_uri()
    assert rel["region"] == {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 78}


def test_previous_year_same_issuer_only(tmp_path):
    d = _copy(tmp_path, "qingshi.txt", "baisha.txt")
    found = _findings(_json("--select", "RL702", "--previous", str(PREVIOUS), str(d)), ("RL702",))
    prev = str(PREVIOUS / "qingshi-2022.txt")
    assert found["qingshi.txt"] == [
        ("RL702", 3, 4, 3, 20, f"标题“规范行政执法，提升执法规范化水平”与本单位上年报告（{prev} 第 3 行）的标题相同，"
         "请核实是否照搬了上年的内容", [("qingshi-2022.txt", 3, 4, "上年报告中的标题")]),
        ("RL702", 4, 1, 4, 78, f"此段与本单位上年报告（{prev} 第 4 行）除数字外完全相同（相似度 100%），"
         "请写明本年度的新情况、新做法", [("qingshi-2022.txt", 4, 1, "上年报告中的相似段落")]),
        ("RL702", 8, 3, 8, 13, f"问题“执法人员专业素质不高”与上年报告所列问题相同，请说明整改情况（上年报告 {prev} 第 6 行）",
         [("qingshi-2022.txt", 6, 3, "上年报告中的问题")]),
    ]
    # 白沙镇 2022 lists 执法人员专业素质不高 and 普法形式单一 too (青石镇's two problems): another
    # issuer, never compared with 青石镇. 白沙镇 repeats its own checklist paragraph of 2022.
    prev = str(PREVIOUS / "baisha-2022.txt")
    assert found["baisha.txt"] == [
        ("RL702", 5, 1, 5, 79, f"此段与本单位上年报告（{prev} 第 3 行）几乎相同（相似度 80%），请写明本年度的新情况、新做法",
         [("baisha-2022.txt", 3, 1, "上年报告中的相似段落")])]


def test_previous_from_config_and_a_missing_previous(tmp_path):
    d = _copy(tmp_path, "qingshi.txt")
    (d / ".reportlint.yaml").write_text(f"previous: {PREVIOUS}\n", encoding="utf-8")
    found = _findings(_json("--select", "RL702", str(d / "qingshi.txt")), ("RL702",))
    assert [f[1] for f in found["qingshi.txt"]] == [3, 4, 8]
    code, out, err = run_cli("--previous", str(tmp_path / "没有"), str(d / "qingshi.txt"))
    assert code == 2 and err.strip() == f"reportlint: {tmp_path / '没有'}: 上年报告的文件或目录不存在（--previous）"


def test_directives_and_baseline_apply_to_findings_across_reports(tmp_path):
    d = _copy(tmp_path, "qingshi.txt", "baisha.txt")
    text = (d / "baisha.txt").read_text(encoding="utf-8")
    (d / "baisha.txt").write_text(text.replace("一、主要举措和成效\n",
                                               "一、主要举措和成效\n<!-- reportlint-disable-next-line RL701 -->\n"),
                                  encoding="utf-8")
    found = _findings(_json("--select", "RL701", str(d)))
    assert [f[1] for f in found["baisha.txt"]] == [6]
    code, _, _ = run_cli("--select", "RL701", "--write-baseline", str(d / "b.json"), str(d))
    assert code == 0
    found = _findings(_json("--select", "RL701", "--baseline", str(d / "b.json"), str(d)))
    assert found == {"baisha.txt": [], "qingshi.txt": []}


def _signature(args):
    from reportlint.api import Linter
    from reportlint.corpus import Phase

    path, paths = args
    linter = Linter(select=("RL7",))
    phase = Phase.of(linter, paths, PREVIOUS)
    return phase.signature(linter.run(path))


def test_signatures_from_worker_processes_give_the_same_findings():
    """What a batch runner with --jobs N does: signatures in workers, findings in the parent."""
    from concurrent.futures import ProcessPoolExecutor

    from reportlint.api import Linter
    from reportlint.corpus import Phase

    paths = [str(BATCH / n) for n in ("baisha.txt", "hongyan.txt", "qingshi.txt")]
    linter = Linter(select=("RL7",), extend_select=())
    serial = Phase.of(linter, paths, PREVIOUS)
    for p in paths:
        serial.add(serial.signature(linter.run(p)))
    with ProcessPoolExecutor(2) as pool:
        sigs = list(pool.map(_signature, [(p, paths) for p in paths]))
    parallel = Phase.of(linter, paths, PREVIOUS)
    for s in sigs:
        parallel.add(s)
    a, b = serial.findings(), parallel.findings()
    assert a == b and sorted(a) == [0, 2]


def test_rules_lists_and_explains_corpus_rules():
    code, out, _ = run_cli("rules")
    assert any(line.startswith("RL701  copied-between-reports") for line in out.splitlines())
    code, out, _ = run_cli("explain", "RL702")
    assert out.startswith("RL702 [copied-from-last-year]  级别：警告  类型（kind）：copied-from-last-year")
    assert "  problem-threshold: 0.6" in out


@pytest.mark.parametrize("bad", ["threshold: 2", "shingle: 1", "boilerplate: 3"])
def test_bad_options_name_the_key(tmp_path, bad):
    (tmp_path / ".reportlint.yaml").write_text(f"rules:\n  copied-between-reports: {{{bad}}}\n", encoding="utf-8")
    shutil.copy(BATCH / "qingshi.txt", tmp_path / "q.txt")
    code, _, err = run_cli(str(tmp_path / "q.txt"))
    assert code == 2 and f'规则 "copied-between-reports": 键 "{bad.split(":")[0]}"' in err


def test_a_copy_in_a_word_document_names_its_paragraph(tmp_path):
    docx = pytest.importorskip("docx")
    for n in ("qingshi", "baisha"):
        d = docx.Document()
        for line in (BATCH / f"{n}.txt").read_text(encoding="utf-8").splitlines():
            d.add_paragraph(line)
        d.save(tmp_path / f"{n}.docx")
    out = _json("--select", "RL701", str(tmp_path))
    v = out["files"][0]["violations"][0]
    assert out["files"][0]["path"].endswith("baisha.docx")
    assert v["place"] == {"label": "第 3 段", "paragraph": 3}
    assert v["related"] == [{"path": str(tmp_path / "qingshi.docx"), "line": 4, "column": 1, "end_line": 4,
                             "end_column": 78, "offset": 50, "end_offset": 127,
                             "place": {"label": "第 4 段", "paragraph": 4}, "message": "青石镇报告中的相似段落"}]


def test_previous_from_config_is_shown_as_the_batch_is(tmp_path, monkeypatch):
    # config `previous: ../2022/` is relative to the config's folder; messages and related
    # paths name last year's file as the linted files are named (relative to the working
    # directory, no `2023/../`), not as an absolute path with the config's folder in it
    this, last = tmp_path / "2023", tmp_path / "2022"
    _copy(this, "qingshi.txt")
    last.mkdir()
    shutil.copy(PREVIOUS / "qingshi-2022.txt", last / "qingshi-2022.txt")
    (this / ".reportlint.yaml").write_text("previous: ../2022/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = _json("--select", "RL702", "2023")
    vs = doc["files"][0]["violations"]
    assert [(v["line"], v["column"], v["message"], [(r["path"], r["line"], r["column"]) for r in v["related"]])
            for v in vs] == [
        (3, 4, "标题“规范行政执法，提升执法规范化水平”与本单位上年报告（2022/qingshi-2022.txt 第 3 行）的标题相同，"
               "请核实是否照搬了上年的内容", [("2022/qingshi-2022.txt", 3, 4)]),
        (4, 1, "此段与本单位上年报告（2022/qingshi-2022.txt 第 4 行）除数字外完全相同（相似度 100%），"
               "请写明本年度的新情况、新做法", [("2022/qingshi-2022.txt", 4, 1)]),
        (8, 3, "问题“执法人员专业素质不高”与上年报告所列问题相同，请说明整改情况（上年报告 2022/qingshi-2022.txt 第 6 行）",
         [("2022/qingshi-2022.txt", 6, 3)]),
    ]
    monkeypatch.chdir(this)             # from inside the batch: last year's is outside it, named whole
    vs = _json("--select", "RL702", ".")["files"][0]["violations"]
    assert [r["path"] for v in vs for r in v["related"]] == [str(last / "qingshi-2022.txt")] * 3


def _docx(path, text):
    import docx

    d = docx.Document()
    for i, line in enumerate(text.splitlines()):
        d.add_paragraph(line)
        if i < 2:
            d.add_paragraph("")          # empty paragraphs: lines that Word's 第 N 段 does not count
    d.save(path)


def test_the_other_report_is_named_by_its_place_when_it_has_places(tmp_path):
    # a Word report is found by its paragraphs (第 4 段), not by the reader's line numbers, which
    # count empty paragraphs too; a plain-text report keeps its line
    pytest.importorskip("docx")
    d = _copy(tmp_path / "batch", "qingshi.txt")
    _docx(d / "金山镇.docx", (BATCH / "qingshi.txt").read_text(encoding="utf-8").replace("青石镇", "金山镇"))
    prev = tmp_path / "prev"
    prev.mkdir()
    _docx(prev / "青石镇2022.docx", (PREVIOUS / "qingshi-2022.txt").read_text(encoding="utf-8"))
    found = _findings(_json("--previous", str(prev), str(d)))
    other, last = d / "金山镇.docx", prev / "青石镇2022.docx"

    def copy(n):
        return MSG_701.format(who="金山镇", other=other, line=0, how="除数字和单位名称外完全相同",
                              sim="100%").replace("第 0 行", f"第 {n} 段")

    # Word paragraphs: title 1, (empty), 一、 2, (empty), （一） 3, 2023年… 4, 坚持… 5, 全镇… 6, 二、 7, 一是… 8
    assert found["qingshi.txt"] == [
        ("RL702", 3, 4, 3, 20, f"标题“规范行政执法，提升执法规范化水平”与本单位上年报告（{last} 第 3 段）的标题相同，"
                               "请核实是否照搬了上年的内容", [("青石镇2022.docx", 5, 4, "上年报告中的标题")]),
        ("RL701", 4, 1, 4, 78, copy(4), [("金山镇.docx", 6, 1, "金山镇报告中的相似段落")]),
        ("RL702", 4, 1, 4, 78, f"此段与本单位上年报告（{last} 第 4 段）除数字外完全相同（相似度 100%），"
                               "请写明本年度的新情况、新做法", [("青石镇2022.docx", 6, 1, "上年报告中的相似段落")]),
        ("RL701", 6, 1, 6, 80, copy(6), [("金山镇.docx", 8, 1, "金山镇报告中的相似段落")]),
        ("RL701", 8, 1, 8, 49, copy(8), [("金山镇.docx", 10, 1, "金山镇报告中的相似段落")]),
        ("RL702", 8, 3, 8, 13, f"问题“执法人员专业素质不高”与上年报告所列问题相同，请说明整改情况（上年报告 {last} 第 6 段）",
         [("青石镇2022.docx", 8, 3, "上年报告中的问题")]),
    ]
    # and the Word report names the text file by its line
    assert [(f[1], f[5]) for f in found["金山镇.docx"]] == [
        (at, MSG_701.format(who="青石镇", other=d / "qingshi.txt", line=n, how="除数字和单位名称外完全相同", sim="100%"))
        for n, at in ((4, 6), (6, 8), (8, 10))]


def test_minhash_is_the_least_shifted_hash_of_each_function():
    """The signature of a unit, as the module docstring defines it: for each hash function,
    the lowest 16 bits of the least ``(a·x + b) mod 2⁶⁴ >> 32`` over the unit's shingles,
    computed here one shingle at a time in Python integers (minhash works on whole arrays,
    and shifts only the minima)."""
    from reportlint.corpus._units import _perms, minhash, shingle_hashes

    texts = ["坚持以习近平新时代中国特色社会主义思想为指导", "法治", "", "〇〇镇人民政府2023年法治政府建设工作报告" * 40,
             "严格落实行政执法公示制度"]
    texts = [t for t in texts if t]
    sig = minhash(texts, 5, 64)
    hashes, starts = shingle_hashes(texts, 5)
    ends = list(starts[1:]) + [len(hashes)]
    a, b = _perms(64)
    for u, (s, e) in enumerate(zip(starts.tolist(), ends)):
        for f in range(64):
            least = min(((int(a[f, 0]) * int(h) + int(b[f, 0])) % 2 ** 64) >> 32 for h in hashes[s:e].tolist())
            assert int(sig[u, f]) == least & 0xFFFF


@pytest.mark.parametrize("names", [(), ("城关镇", "城关"), ("镇\ue000",)])
def test_keys_at_once_are_the_keys_one_by_one(names):
    """_keys joins a report's texts to key them in three substitutions: the keys of keying
    each text alone, also where digits, names and stock phrases meet at the joins, and when a
    text or a name holds the joining character."""
    from reportlint.corpus._units import _JOIN, _keys, _mask_issuer, _stock_rx, comparable

    stock = _stock_rx(())
    texts = ["城关镇2023年", "12名干部", "", "城关", "镇坚持以习近平新时代中国特色社会主义思想为指导，", "十二",
             "“法治”。", "关镇", "城", "二十大精神"]
    one = [stock.sub("", _mask_issuer(comparable(t), names)) for t in texts]
    assert _keys(texts, names, stock) == one
    assert _keys(texts, names, None) == [_mask_issuer(comparable(t), names) for t in texts]
    odd = texts + [f"第{_JOIN}段"]
    assert _keys(odd, names, stock) == [stock.sub("", _mask_issuer(comparable(t), names)) for t in odd]
    assert _keys([], names, stock) == []


def test_shipped_boilerplate_is_the_yaml_file_in_order():
    """The stock phrases come from the rules cache (no PyYAML in a run): those of the file."""
    from importlib import resources

    import yaml

    from reportlint.corpus._units import shipped_boilerplate

    raw = yaml.safe_load(resources.files("reportlint.data").joinpath("boilerplate.yaml").read_text("utf-8"))
    assert shipped_boilerplate() == tuple(p for group in raw.values() for p in group)


def test_the_batch_table_is_every_files_paragraph_units_in_order():
    """Batch.table gathers all files' units at once: the arrays of gathering them file by
    file (a file that could not be read among them)."""
    import numpy as np

    from reportlint.api import Linter
    from reportlint.corpus import Phase
    from reportlint.corpus._units import PARAGRAPH

    paths = sorted(str(p) for p in BATCH.glob("*.txt"))
    linter = Linter()
    phase = Phase.of(linter, paths, None)
    for p in paths:
        phase.add(phase.signature(linter.run(p)))
    phase.add(None)
    phase.add(phase.signature(linter.run(str(FIXTURES / "reports" / next(iter(sorted(
        p.name for p in (FIXTURES / "reports").glob("*.txt"))))))))
    batch, settings = phase.batch, phase.settings[0]
    ids = batch.issuer_ids()
    sigs, fno, uno, iss = [], [], [], []
    for i, f in enumerate(batch.files):
        if f is None:
            continue
        u = f.units[settings]
        sel = np.flatnonzero(u.kind == PARAGRAPH)
        sigs.append(u.sig[sel])
        fno.append(np.full(len(sel), i, dtype=np.int32))
        uno.append(sel.astype(np.int32))
        iss.append(np.full(len(sel), ids[i], dtype=np.int64))
    expected = (np.concatenate(sigs), np.concatenate(fno), np.concatenate(uno), np.concatenate(iss))
    got = batch.table(settings)
    assert len(got[0]) > 10 and len(set(got[1].tolist())) > 2
    for a, b in zip(got, expected):
        assert a.dtype == b.dtype and a.shape == b.shape and (a == b).all()
