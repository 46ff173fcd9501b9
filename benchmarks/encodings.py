#!/usr/bin/env python3
"""Encoding detection on short texts: reportlint's own (readers/text.py) against
charset-normalizer, with and without cp_isolation to the encodings a report comes in.

    .venv/bin/python benchmarks/encodings.py

Snippets of 2 to 2000 characters from the test fixtures (simplified and traditional), in
GBK/GB18030, Big5, UTF-8 and UTF-16-LE without BOM; a case counts as right when the text
decoded is the text encoded. The figures are in README § Safety of your files.
"""
import glob
import random
import time
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
from reportlint.readers.text import decode
from charset_normalizer import from_bytes as cn_from_bytes
rng = random.Random(3)
simp = []
for f in glob.glob(ROOT + '/tests/fixtures/reports/*.txt') + glob.glob(ROOT + '/tests/fixtures/heldout/h0[1-4]*.txt'):
    simp.append(open(f, encoding='utf-8').read())
trad = [open(f, encoding='utf-8').read() for f in [ROOT + '/tests/fixtures/model/traditional.txt', ROOT + '/tests/fixtures/heldout/h05_yongning_sifaju_2021_trad.txt', ROOT + '/tests/fixtures/reports/traditional_folded_leader_2022.txt']]
def snippets(texts, n, k):
    out = []
    for _ in range(k):
        t = rng.choice(texts)
        i = rng.randrange(0, max(1, len(t) - n))
        s = t[i:i+n]
        if s.strip(): out.append(s)
    return out
CASES = []
for n in (2, 4, 8, 16, 32, 64, 256, 2000):
    for s in snippets(simp, n, 60):
        for enc in ('gbk', 'gb18030', 'utf-8', 'utf-16-le'):
            try: CASES.append((n, enc, s, s.encode(enc)))
            except UnicodeEncodeError: pass
    for s in snippets(trad, n, 60):
        for enc in ('big5', 'utf-8'):
            try: CASES.append((n, enc, s, s.encode(enc)))
            except UnicodeEncodeError: pass
def ours(data):
    try: return decode(data, 'x')[0]
    except Exception: return None
ISO = ['utf_8', 'gb18030', 'big5', 'utf_16_le', 'utf_16_be']
def cn(data, iso):
    r = cn_from_bytes(data, cp_isolation=iso).best() if iso else cn_from_bytes(data).best()
    if r is None: return None
    try: return data.decode(r.encoding)
    except Exception: return None
from collections import defaultdict
res = defaultdict(lambda: [0,0,0,0])
times = {'ours': 0.0, 'cn-iso': 0.0, 'cn': 0.0}
for n, enc, s, data in CASES:
    fam = 'gb' if enc in ('gbk','gb18030') else enc
    key = (fam, n)
    t=time.perf_counter(); a = ours(data); times['ours'] += time.perf_counter()-t
    t=time.perf_counter(); b = cn(data, ISO); times['cn-iso'] += time.perf_counter()-t
    t=time.perf_counter(); c = cn(data, None); times['cn'] += time.perf_counter()-t
    r = res[key]; r[0]+=1; r[1]+= a==s; r[2]+= b==s; r[3]+= c==s
print(f"{'encoding':<10}{'chars':>6}{'cases':>7}{'ours':>7}{'cn+iso':>8}{'cn':>6}")
tot=[0,0,0,0]
for key in sorted(res):
    r=res[key]; tot=[x+y for x,y in zip(tot,r)]
    print(f"{key[0]:<10}{key[1]:>6}{r[0]:>7}{r[1]:>7}{r[2]:>8}{r[3]:>6}")
print('total', tot, {k: f"{v/len(CASES)*1000:.2f} ms/case" for k,v in times.items()})
