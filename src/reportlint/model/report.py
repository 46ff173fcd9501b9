"""The reading of a report: what its parse (:mod:`.document`) says about it.

* :func:`parts`         the top-level parts and their statutory kind (``parts.py``);
* :func:`report_year`   the year Y the report is about: from the title, else the opening of
  the body (``2023年，…``, ``现将我镇2022年度…报告如下``), else a document the opening cites
  (``《2023年…工作要点》``); never from page chrome (索引号, 文号, a ``今天是：`` widget);
* :func:`title_repeats` later paragraphs that repeat the title (a web copy prints it twice,
  before and after its chrome; a site name after it or a line break inside it do not count);
* :func:`issuer`        who issued it and whether that is a government or a department
  (vocabulary ``data/issuers.yaml``): from the title, the signature, the opening sentence
  (我局 / 我镇) or the page's 发布机构 field;
* :func:`dates`         the document's own dates, one list for every rule: the page's
  publication fields (发布时间, 发布日期 …), its 成文日期 fields, a date in brackets under the
  title (``（2024年5月28日在…会议上）``), the signing date standing alone under the body, and
  other dates standing alone or after a date label.
"""

from typing import NamedTuple
from functools import lru_cache

import regex as re

from ..parts import STATUTORY, classify_part, infer_measures, own_kinds
from . import chrome as page_chrome
from . import dates as grammar
from .numerals import cn_year

# a year as a report writes it: 2023, or in Chinese numerals 二〇二三
YEAR = r"(?:19|20)\d{2}|[一二][〇零○O九][〇零○O一二三四五六七八九]{2}"
YEAR_RE = re.compile(rf"(?<![\d—\-~～至到〇零○一二三四五六七八九])(?P<year>{YEAR})\s*年(?P<du>度)?")
SPACE = " \t\u3000\u00a0\ufeff"
_SENTENCE_OR_DIGIT_RE = re.compile(r"[。,;!?:、\d]")
_YEAR_WORD_RE = re.compile(r"(?<!\d)\d{4} ?年度?")
_SENTENCE_END_RE = re.compile(r"[。;!?]")
_ADDRESSEE_SPLIT_RE = re.compile(r"[\s,、和及]+")
_CLAUSE_END_RE = re.compile(r"[。,;!?]")
_REPORTING_RE = re.compile(r"如下|现将|报告|汇报|\d")
_NAMES_SPLIT_RE = re.compile(r"[\s、,，和及与]+")
_NAME_PUNCT_RE = re.compile(r"[。;!?:,，]")


# ---------------------------------------------------------------------- parts
UNNUMBERED_MAX = 40   # longest plain line taken for an unnumbered part heading


def parts(doc, overrides: dict | None):
    """The top-level parts: the sections of the highest heading level used.

    A report whose parts are headed by plain lines without numbering (主要举措和成效 /
    存在的不足和原因 / …) gets them from :func:`unnumbered_parts` instead, when its
    numbered headings do not name at least two statutory parts themselves."""
    out = []
    if doc.headings:
        top = min(h.level for h in doc.headings)
        out = [s for s in doc.sections if s.level == top]
    own = own_kinds([s.heading.norm for s in out], overrides)
    kinds = infer_measures(own)
    # headings that name a statutory part themselves (not inferred from their place)
    if sum(k in STATUTORY for k in own) < 2:
        plain = unnumbered_parts(doc, overrides)
        if len(plain) >= 2:
            return plain
    for s, k in zip(out, kinds):
        s.kind = k
    return out


def unnumbered_parts(doc, overrides: dict | None):
    """Parts headed by plain standalone lines (no numbering), e.g. ``存在的不足和原因``.

    A candidate is a short paragraph after the title, with no sentence punctuation,
    that is not a numbered heading and names a statutory part. Its heading has level 0
    and style ``none``; it is not in :attr:`headings`."""
    from .document import Heading, Section

    start = doc.title.end if doc.title else 0
    title = doc.title_paragraphs
    numbered = {h.paragraph for h in doc.headings}
    found = []
    for p in doc.structural:
        if p.start < start or p.index in title or p.index in numbered:
            continue
        n = doc.norm[p.start:p.end]
        # a year (2025年工作思路, 2019年度…) is allowed; other digits mean a sentence
        if len(n) > UNNUMBERED_MAX or \
                _SENTENCE_OR_DIGIT_RE.search(_YEAR_WORD_RE.sub("年", n)):
            continue
        kind = classify_part(n, overrides)
        if kind in STATUTORY:
            found.append((p, kind))
    out = []
    for k, (p, kind) in enumerate(found):
        te = doc._strip_trailing(p.start, p.end)
        h = Heading(index=-1, level=0, style="none", number=0, numeral="", punct="",
                    start=p.start, number_end=p.start, text_start=p.start, text_end=te,
                    end=p.end, line=p.line, paragraph=p.index, standalone=True,
                    text=doc.text[p.start:te], norm=doc.norm[p.start:te])
        end = found[k + 1][0].start if k + 1 < len(found) else len(doc.text)
        out.append(Section(h, p.start, end, kind=kind))
    return out


# ---------------------------------------------------------------------- the opening
ADDRESSEE_MAX = 60


def _is_addressee(n: str) -> bool:
    """``中共XX县委员会，XX县人民政府：`` / ``县人民政府:`` — the line the report is sent to:
    names of bodies, and nothing else, before a colon."""
    if len(n) > ADDRESSEE_MAX or not n.endswith(":") or _SENTENCE_END_RE.search(n):
        return False
    names = [x for x in _ADDRESSEE_SPLIT_RE.split(n[:-1]) if x]
    return bool(names) and all(name_kind(x) for x in names)


# the report's date under its title: in brackets (（2024年5月28日在县人大常委会会议上）) or after a
# dash (——2025年2月26日在市人大常委会第二十一次会议上)
_DATE_ALT = "(?:" + grammar.CN_DATE + "|" + grammar.SEP_DATE + ")"
BRACKETED_RE = re.compile(r"(?:\(\s*" + _DATE_ALT + r"[^()]{0,80}\)|[—–-]{1,2}\s*" + _DATE_ALT + r"[^()。;]{0,80})")


def opening(doc, count: int = 3):
    """The first ``count`` paragraphs of running text after the title: no chrome, no
    addressee line or salutation, no bracketed date line under the title, no speaker's
    line, no heading standing alone."""
    start = doc.title.end if doc.title else 0
    title = doc.title_paragraphs
    standalone = {h.paragraph for h in doc.headings if h.standalone}
    out = []
    for p in doc.structural:
        if p.start < start or p.index in title or p.index in standalone:
            continue
        n = doc.norm[p.start:p.end]
        if _is_addressee(n) or BRACKETED_RE.fullmatch(n) or p.index in doc.title_repeat_paragraphs:
            continue
        if (len(n) <= 20 and not _CLAUSE_END_RE.search(n) and not OPENING_YEAR_RE.match(n)) or \
                (len(n) <= 40 and n.endswith(":") and not _REPORTING_RE.search(n)):
            continue    # a speaker's line (司法局局长 李明华), a salutation (主任、各位委员：)
        out.append(p)
        if len(out) >= count:
            break
    return out


# ---------------------------------------------------------------------- report year
OPENING_YEAR_RE = re.compile(rf"\s*(?P<year>{YEAR})\s*年(?!\s*[—\-~～至到]\s*\d)")
REPORTED_RE = re.compile(
    rf"现将[^。]{{0,40}}?(?<![\d〇零○一二三四五六七八九])(?P<year>{YEAR})\s*年度?[^。]{{0,60}}?(?:报告|汇报|总结)如下"
    rf"|(?<![\d—\-~～至到〇零○一二三四五六七八九])(?P<year>{YEAR})\s*年度?[^。]{{0,30}}(?:报告如下|汇报如下|总结如下|情况如下)")
FIRST_SENTENCE_RE = re.compile(
    rf"^[^。《]{{0,40}}?(?<![\d—\-~～至到〇零○一二三四五六七八九])(?P<year>{YEAR})\s*年度?(?=\s*(?:[,，]|我|全))")
CITED_RE = re.compile(r"《[^《》]{0,40}?(?<![\d—\-~～至到])(?P<year>(?:19|20)\d{2})\s*年(?!\s*[—\-~～至到])[^《》]{0,40}》")


def _title_year(norm: str) -> int | None:
    for m in YEAR_RE.finditer(norm):
        before = norm[:m.start()]
        if before.count("《") > before.count("》"):
            continue
        return cn_year(m.group("year"))
    return None


def report_year(doc) -> int | None:
    if doc.title:
        y = _title_year(doc.title.norm)
        if y:
            return y
    first = opening(doc)
    for p in first:
        n = doc.norm[p.start:p.end]
        m = OPENING_YEAR_RE.match(n) or REPORTED_RE.search(n) or FIRST_SENTENCE_RE.search(n)
        if m:
            return cn_year(m.group("year"))
    for p in first:
        m = CITED_RE.search(doc.norm, p.start, p.end)
        if m:
            return int(m.group("year"))
    return None


# ---------------------------------------------------------------------- title repeats
SITE_SUFFIX_RE = re.compile(
    r"(?:[ \t]*[|｜_][ \t]*|[ \t]+[-—–][ \t]+|(?<=报告)[-—–])[^|｜_\s]{2,30}(?:人民政府|政府|网站|门户网站|门户网|政务网|网)[ \t]*$")
_KEY_STRIP = re.compile(r"[\s\p{P}|｜]+")


def site_suffix(norm: str, start: int, end: int) -> int:
    """Where a site name after the title begins (``…报告_XX县人民政府``), or ``end``."""
    m = SITE_SUFFIX_RE.search(norm, start, end)
    return m.start() if m else end


def title_key(norm: str) -> str:
    """The title compared without spaces, punctuation, a trailing site name or ``|``."""
    return _KEY_STRIP.sub("", norm[:site_suffix(norm, 0, len(norm))])


def title_repeats(doc) -> list[tuple[int, int]]:
    doc.title_repeat_paragraphs = frozenset()
    if not doc.title:
        return []
    tkey = title_key(doc.title.norm)
    if len(tkey) < 4:
        return []
    out, used = [], set()
    # not page chrome, not the reader's furniture (a running header or footer holding the title)
    paras = [p for p in doc.structural if p.start > doc.title.end and p.index not in doc.title_paragraphs]
    longest = len(doc.title.norm) + 40      # the title, spaced out or with a site's name
    for k, p in enumerate(paras):
        if p.index in used or p.end - p.start > longest:
            continue
        key = title_key(doc.norm[p.start:p.end])
        if key == tkey:
            out.append((p.start, p.end))
            used.add(p.index)
        elif key and tkey.startswith(key) and k + 1 < len(paras):
            q = paras[k + 1]     # the title again, over two lines
            if q.line <= p.line + 2 and key + title_key(doc.norm[q.start:q.end]) == tkey:
                out.append((p.start, q.end))
                used |= {p.index, q.index}
    doc.title_repeat_paragraphs = frozenset(used)
    return out


# ---------------------------------------------------------------------- issuer
class Issuer(NamedTuple):
    name: str | None     # as written (None when only the kind is known: 我局)
    kind: str            # "government" or "department"
    start: int           # where the name (or the word telling the kind) is; -1 if nowhere
    end: int
    source: str          # title · signature · opening · metadata


class IssuerVocabulary(NamedTuple):
    endings: tuple       # (ending, kind), longest first
    pronoun_rx: object
    pronoun_kind: dict


@lru_cache(maxsize=1)
def issuer_vocabulary() -> IssuerVocabulary:
    from ..rulecache import data_yaml   # parsed once, then kept in the user cache

    raw = data_yaml("issuers.yaml")
    endings = [(w, k) for k in ("government", "department") for w in raw[k]]
    endings.sort(key=lambda x: len(x[0]), reverse=True)
    kind_of = {w: k for k, ws in raw["pronouns"].items() for w in ws}
    rx = re.compile("|".join(re.escape(w) for w in sorted(kind_of, key=len, reverse=True)))
    return IssuerVocabulary(tuple(endings), rx, kind_of)


NAME_END_RE = re.compile(r"关于|(?<!\d)(?:19|20)\d{2}\s*年|[〇零○一二三四五六七八九]{4}年|年度|法治政府|法治建设|推进法治|依法行政")


def name_kind(name: str) -> str | None:
    """``government`` / ``department`` from the end of a name; the last of several names
    (中共XX镇委员会 XX镇人民政府) decides."""
    parts = [x for x in _NAMES_SPLIT_RE.split(name) if x]
    if not parts:
        return None
    last = parts[-1]
    for ending, kind in issuer_vocabulary().endings:
        if last.endswith(ending) and len(last) > len(ending):
            return kind
    return None


def _named(doc, s: int, e: int, source: str) -> Issuer | None:
    while s < e and doc.norm[s] in SPACE:
        s += 1
    while e > s and doc.norm[e - 1] in SPACE:
        e -= 1
    name = doc.norm[s:e]
    if not (2 <= len(name) <= 40) or _NAME_PUNCT_RE.search(name):
        return None
    kind = name_kind(name)
    return Issuer(doc.text[s:e], kind, s, e, source) if kind else None


def _from_title(doc) -> Issuer | None:
    t = doc.title
    if not t:
        return None
    s, e = t.spans[0]
    m = NAME_END_RE.search(doc.norm, s, e)
    if m:
        return _named(doc, s, m.start(), "title") if m.start() > s else None
    # a first title line that is all name (汉中市南郑区法镇人民政府), then 关于…
    return _named(doc, s, e, "title") if len(t.spans) > 1 else None


SIGNATURE_MAX = 40


def _from_signature(doc) -> Issuer | None:
    signed = [d for d in doc.dates if d.what == "落款"]
    if signed and doc.paragraphs[signed[-1].paragraph].start < signed[-1].start:
        # a signature on the line of its date (青溪县应急管理局 2025年3月6日)
        p = doc.paragraphs[signed[-1].paragraph]
        m = TRAILING_SIGNATURE_RE.search(doc.norm, p.start, p.end)
        if m:
            return _named(doc, m.start("sig"), m.end("sig"), "signature")
    paras = [p for p in doc.structural if p.index not in doc.title_paragraphs]
    if signed:
        at = next((k for k, p in enumerate(paras) if p.index == signed[-1].paragraph), None)
        before = paras[max(0, at - 2):at] if at is not None else []
    else:
        before = paras[-1:]
    headings = {h.paragraph for h in doc.headings}
    for p in reversed(before):
        n = doc.norm[p.start:p.end]
        if p.index in headings or len(n) > SIGNATURE_MAX or _NAME_PUNCT_RE.search(n):
            continue
        found = _named(doc, p.start, p.end, "signature")
        if found:
            return found
    return None


def _from_opening(doc) -> Issuer | None:
    v = issuer_vocabulary()
    hits = []
    for p in opening(doc, 2):
        for m in v.pronoun_rx.finditer(doc.norm, p.start, p.end):
            hits.append((m.start(), m.end(), v.pronoun_kind[m.group()]))
    if not hits:
        return None
    # a government never speaks of 我局: a department word anywhere in the opening wins
    s, e, kind = next((h for h in hits if h[2] == "department"), hits[0])
    return Issuer(None, kind, s, e, "opening")


def _from_metadata(doc) -> Issuer | None:
    for c in doc.chrome:
        if c.kind == "issuer" and c.value_end > c.value_start:
            found = _named(doc, c.value_start, c.value_end, "metadata")
            if found:
                return found
    return None


def issuer(doc) -> Issuer | None:
    for source in (_from_title, _from_signature, _from_opening, _from_metadata):
        found = source(doc)
        if found:
            return found
    return None


# ---------------------------------------------------------------------- dates
class DocDate(NamedTuple):
    """A date of the document itself."""

    start: int            # the date as written, without its label or time
    end: int
    time_end: int         # end of the time after it (发布时间:2025-04-11 16:33), else ``end``
    role: str             # "published" (the page) · "signed" (the document) · "other"
    what: str             # how messages name it: 发布 · 成文 · 落款 · 报告
    label: str            # the label before it (发布时间, 成文日期), "" for a date standing alone
    paragraph: int        # index of the paragraph it is in
    match: grammar.DateMatch

    @property
    def date(self):
        """The calendar date, or ``None`` (a two-digit year, a day that does not exist)."""
        return self.match.date


_DIGIT = re.compile(r"\d")
CLOSING_PIECES = 3   # in a report without parts, the signing date is among the last pieces


def dates(doc) -> list[DocDate]:
    out: list[DocDate] = []
    para_at = {p.start: p for p in doc.paragraphs}
    # 1. the page's date fields (chrome): published / signed
    for c in doc.chrome:
        if c.kind in page_chrome.DATE_FIELDS and c.date is not None:
            p = para_at.get(c.start)
            out.append(DocDate(c.date.start, c.date.end, c.date.time_end, c.kind,
                               "发布" if c.kind == "published" else "成文", c.label,
                               p.index if p else -1, c.date))
    # 2. dates standing alone, a bracketed date under the title, dates after a label elsewhere
    structural = [p for p in doc.structural if p.index not in doc.title_paragraphs]
    if doc.parts:
        closing_from = doc.parts[-1].start
    else:
        closing_from = structural[-CLOSING_PIECES].start if len(structural) >= CLOSING_PIECES else 0
    under_title = set(p.index for p in opening_with_brackets(doc))
    signed_alone = False
    for p in structural:
        n = doc.norm
        m = grammar.fullmatch(n, p.start, p.end)
        if m:
            role = "signed" if p.start >= closing_from else "other"
            signed_alone = signed_alone or role == "signed"
            out.append(DocDate(m.start, m.end, m.time_end, role, "落款", "", p.index, m))
            continue
        if p.index in under_title:
            b = BRACKETED_RE.fullmatch(n, p.start, p.end)
            if b:
                m = grammar.match_at(n, b.start() + _lead(n, b.start()))
                if m:
                    out.append(DocDate(m.start, m.end, m.time_end, "signed", "报告", "", p.index, m))
                    continue
        if p.end - p.start <= 80 and _DIGIT.search(n, p.start, p.end):
            for c in page_chrome.scan_line(n, p.start, p.end, p.line, line_start=doc.lines[p.line].start):
                if c.kind in page_chrome.DATE_FIELDS and c.date is not None:
                    out.append(DocDate(c.date.start, c.date.end, c.date.time_end, "other",
                                       "发布" if c.kind == "published" else "成文", c.label, p.index, c.date))
    # a body flattened onto one line ends in its signature: …。 石门镇人民政府 2024年3月20日
    if not signed_alone and structural:
        for p in structural[-2:]:
            m = TRAILING_SIGNATURE_RE.search(doc.norm, p.start, p.end)
            if m and m.start("date") >= closing_from:
                d = grammar.fullmatch(doc.norm, m.start("date"), m.end("date"))
                if d:
                    out.append(DocDate(d.start, d.end, d.time_end, "signed", "落款", "", p.index, d))
    out.sort(key=lambda d: d.start)
    return out


TRAILING_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=[\s。]))(?P<sig>[^\s。，,;；:]{2,30}?)[ \t]+(?P<date>" + grammar.CN_DATE + "|" + grammar.SEP_DATE
    + r")[ \t]*$")


def _lead(n: str, k: int) -> int:
    """How many brackets, dashes and spaces open the line at ``k`` before its date."""
    i = 0
    while n[k + i] in SPACE or (i < 3 and n[k + i] in "(—–-"):
        i += 1
    return i


def opening_with_brackets(doc, count: int = 3):
    """The first paragraphs after the title, the bracketed date line among them."""
    start = doc.title.end if doc.title else None
    if start is None:
        return []
    out = []
    for p in doc.structural:
        if p.start < start or p.index in doc.title_paragraphs:
            continue
        out.append(p)
        if len(out) >= count:
            break
    return out
