"""Pairing problems with remedies: keyword scoring between short Chinese texts.

Pure scoring, no knowledge of report structure (the ``unpaired-problem`` kind decides what
a problem and a plan item are). Everything tunable comes from the rule's YAML options.

How a problem is scored against a plan item:

1. **Terms.** The text is segmented by jieba (through :mod:`reportlint.segment`, lazily;
   for a :class:`~reportlint.model.Document` the whole-document tokens are computed once and
   sliced). Words in a synonym group (``普法 ~ 法治宣传 ~ 宣传教育``) are found by substring on
   the normalised text, so they do not depend on how jieba cuts them, and stand for the
   group's first word. Stop words, single characters and numbers are dropped.
2. **Weights.** A word weighs its self-information in jieba's dictionary, ``ln(total/freq)``,
   capped and shifted (``weight-cap``, ``weight-base``), so 村级 or 立法 weigh more than 工作.
   Words in ``weak-words`` (体系, 机制 …) are multiplied by ``weak-factor``; words in the
   problem's first clause (its gist) by ``head-factor``.
3. **Score.** The share of the problem's term weight that the plan item contains:
   a term found in the plan item's heading counts fully, one found only in its body counts
   ``body-factor``; a compound the plan does not contain whole (干部队伍) earns
   ``subword-credit`` times the share of its parts it does contain (干部, 队伍).
   The score is asymmetric on purpose: a measure answers a problem when it speaks of what
   the problem speaks of, however much else it says.
"""

import bisect
import math
from typing import NamedTuple

import regex as re

from . import segment
from .normalize import normalize

CLAUSE_END = ",，。；;:：!！?？"
_NOISE = re.compile(r"[\d\p{P}\p{S}\s a-zA-Z]+")


class TokenIndex(tuple):
    """``(tokens, starts)``: jieba tokens ``(word, start, end)`` and their start offsets,
    for slicing by offset with bisect. Build once per text with :meth:`of`."""

    @classmethod
    def of(cls, tokens) -> "TokenIndex":
        tokens = list(tokens)
        return cls((tokens, [t[1] for t in tokens]))


class Term(NamedTuple):
    key: str                     # canonical word
    weight: float
    parts: tuple[str, ...] = ()  # dictionary sub-words of a compound


class Settings(NamedTuple):
    stop_words: frozenset
    weak_words: frozenset
    synonyms: tuple             # tuple of tuples, normalised; first word is canonical
    min_length: int = 2
    head_factor: float = 2.0
    weak_factor: float = 0.3
    body_factor: float = 0.8
    subword_credit: float = 0.6
    weight_base: float = 6.0
    weight_cap: float = 14.0
    compound_factor: float = 1.5
    stop_prefixes: tuple = ()    # 不广, 偏高, 未及时: evaluations, not subjects (words up to 3 characters)


def _syn_pattern(word: str) -> str:
    """A synonym of four characters or more may have 的 inside (法律法规的学习)."""
    if len(word) < 4:
        return re.escape(word)
    return "的?".join(re.escape(c) for c in word)


class Pairer:
    """Scores problems against plan items. Build once per rule (``prepare``), use per document."""

    def __init__(self, settings: Settings):
        self.s = settings
        self.canon: dict[str, str] = {}
        for group in settings.synonyms:
            for w in group:
                self.canon.setdefault(w, group[0])
        words = sorted(self.canon, key=len, reverse=True)
        self.syn_rx = re.compile("|".join(_syn_pattern(w) for w in words)) if words else None
        self._weights: dict[str, float] = {}
        self._parts: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ words
    def raw_weight(self, word: str) -> float:
        """Self-information in jieba's dictionary, capped and shifted; a compound
        (党员干部, 法治意识) weighs at most ``compound-factor`` times its heaviest part,
        so words added to the dictionary or guessed by jieba do not outweigh real ones."""
        freq = segment.freq(word)
        info = math.log(segment.total() / freq) if freq > 0 else self.s.weight_cap
        w = max(0.5, min(info, self.s.weight_cap) - self.s.weight_base)
        parts = [p for p in self.parts(word) if len(p) < len(word)]
        if parts:
            w = min(w, self.s.compound_factor * max(self.raw_weight(p) for p in parts))
        return w

    def weight(self, word: str) -> float:
        w = self._weights.get(word)
        if w is None:
            w = self.raw_weight(word)
            if word in self.s.weak_words:
                w *= self.s.weak_factor
            self._weights[word] = w
        return w

    def parts(self, word: str) -> tuple[str, ...]:
        """The words a compound is made of (党员干部 → 党员, 干部): jieba's best path through
        the word without the word itself, keeping parts of two characters or more."""
        p = self._parts.get(word)
        if p is None:
            p = ()
            if len(word) >= 3:
                whole = self.canon.get(word, word)
                p = tuple(dict.fromkeys(
                    c for c in (self.canon.get(w, w) for w in _split(word) if len(w) >= 2)
                    if c != word and c != whole and self.keep(c)))
            self._parts[word] = p
        return p

    def keep(self, word: str) -> bool:
        return (len(word) >= self.s.min_length and word not in self.s.stop_words
                and not (len(word) <= 3 and word.startswith(self.s.stop_prefixes))
                and not _NOISE.fullmatch(word))

    # ------------------------------------------------------------------ terms
    def words(self, norm: str, start: int, end: int, tokens) -> list[tuple[str, int]]:
        """``(canonical word, offset)`` for the text ``norm[start:end]``.

        ``tokens`` are ``(word, start, end)`` over ``norm`` sorted by start (the whole
        document's, or the text's own). Synonym occurrences replace the tokens they cover."""
        out = []
        covered = []
        if self.syn_rx is not None:
            # overlapping, so 行政执法人员 gives both 行政执法 and 执法人员; one inside
            # another occurrence (宣传教育 in 法治宣传教育) adds nothing
            for m in self.syn_rx.finditer(norm, start, end, overlapped=True):
                a, b = m.span()
                if any(x <= a and b <= y for x, y in covered):
                    continue
                g = m.group()
                out.append((self.canon[g] if g in self.canon else self.canon[g.replace("的", "")], a))
                covered.append((a, b))
        tokens, starts = tokens if isinstance(tokens, TokenIndex) else TokenIndex.of(tokens)
        i = bisect.bisect_left(starts, start)
        while i < len(tokens) and tokens[i][1] < end:
            w, s, e = tokens[i]
            i += 1
            if e > end:
                break
            if any(s < b and a < e for a, b in covered):
                continue   # the synonym stands for this token (or the part it overlaps)
            out.append((self.canon.get(w, w), s))
        return [(w, s) for w, s in out if self.keep(w)]

    def problem_terms(self, norm: str, start: int, end: int, tokens, head_end: int | None = None) -> list[Term]:
        """The weighted terms of a problem; words before ``head_end`` weigh ``head-factor`` more."""
        best: dict[str, Term] = {}
        for w, s in self.words(norm, start, end, tokens):
            wt = self.weight(w) * (self.s.head_factor if head_end is not None and s < head_end else 1.0)
            if w not in best or best[w].weight < wt:
                best[w] = Term(w, wt, self.parts(w))
        return list(best.values())

    def plan_terms(self, norm: str, spans, tokens) -> dict[str, float]:
        """Every word (and sub-word) of a plan item → the credit it gives: spans are
        ``(start, end, factor)``, e.g. the heading at 1.0 and the body at ``body-factor``."""
        out: dict[str, float] = {}
        for start, end, factor in spans:
            for w, _ in self.words(norm, start, end, tokens):
                for k in (w, *self.parts(w)):
                    if out.get(k, 0.0) < factor:
                        out[k] = factor
        return out

    # ------------------------------------------------------------------ scores
    def score(self, problem: list[Term], plan: dict[str, float]) -> float:
        return self._score(self._prepared(problem), plan)

    def _prepared(self, problem: list[Term]):
        """What scoring a problem needs, computed once per problem (not once per pair):
        its total weight and, per term, the weights of its parts and their sum."""
        terms = []
        for t in problem:
            pws = tuple(self.weight(p) for p in t.parts)
            terms.append((t.key, t.weight, t.parts, pws, sum(pws)))
        return sum(t.weight for t in problem), terms

    def _score(self, prepared, plan: dict[str, float]) -> float:
        total, terms = prepared
        if total <= 0:
            return 0.0
        got = 0.0
        for key, weight, parts, pws, pw in terms:
            credit = plan.get(key, 0.0)
            if credit < 1.0 and parts:
                part = sum(w * plan.get(p, 0.0) for p, w in zip(parts, pws)) / pw if pw else 0.0
                credit = max(credit, self.s.subword_credit * part)
            got += weight * credit
        return got / total

    def matrix(self, problems: list[list[Term]], plans: list[dict[str, float]]) -> list[list[float]]:
        """Every problem scored against every plan item (:class:`ScoreMatrix` computes rows
        on demand; :meth:`best` needs neither)."""
        return [list(row) for row in ScoreMatrix(self, problems, plans)]

    def best(self, problems: list[list[Term]], plans: list[dict[str, float]]) -> list[tuple[int | None, float]]:
        """:func:`best_matches` of :meth:`matrix`, without scoring every pair: plan items are
        indexed by the words they contain, and a problem is scored only against the items
        sharing a word (or a part of one) with it; every other item scores exactly 0. A plan
        item with the same words and credits as an earlier one scores as it does and so never
        wins (ties go to the earlier item): it is left out; a problem with the same terms as an
        earlier one gets its answer."""
        if not plans:
            return [(None, 0.0)] * len(problems)
        index: dict[str, list[int]] = {}
        seen_plans = set()
        for j, plan in enumerate(plans):
            sig = tuple(sorted(plan.items()))
            if sig in seen_plans:
                continue
            seen_plans.add(sig)
            for k in plan:
                index.setdefault(k, []).append(j)
        out = []
        answered: dict[tuple, tuple[int, float]] = {}
        for problem in problems:
            sig = tuple((t.key, t.weight, t.parts) for t in problem)
            found = answered.get(sig)
            if found is None:
                prepared = self._prepared(problem)
                cands = set()
                for key, _w, parts, _pws, _pw in prepared[1]:
                    for k in (key, *parts):
                        cands.update(index.get(k, ()))
                best_j, best_s = 0, 0.0     # an item scoring 0: the first one, as best_matches picks
                for j in sorted(cands):
                    sc = self._score(prepared, plans[j])
                    if sc > best_s:
                        best_j, best_s = j, sc
                found = answered[sig] = (best_j, best_s)
            out.append(found)
        return out


class ScoreMatrix:
    """``matrix[i][j]``: problem ``i`` scored against plan item ``j``; rows computed when read."""

    def __init__(self, pairer: Pairer, problems, plans):
        self.pairer, self.problems, self.plans = pairer, problems, plans
        self._rows: dict[int, list[float]] = {}

    def __len__(self) -> int:
        return len(self.problems)

    def __getitem__(self, i: int) -> list[float]:
        i = range(len(self.problems))[i]
        row = self._rows.get(i)
        if row is None:
            prepared = self.pairer._prepared(self.problems[i])
            row = [self.pairer._score(prepared, q) for q in self.plans]
            self._rows[i] = row
        return row

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def _split(word: str) -> list[str]:
    """jieba's maximum-probability segmentation of ``word`` not using ``word`` itself."""
    freq, logt, n = segment.dictionary(word), math.log(segment.total()), len(word)
    best = [(0.0, 0)] * (n + 1)   # best[i]: (log prob of word[i:], end of the first piece)
    for i in range(n - 1, -1, -1):
        cands = []
        for j in range(i + 1, n + 1):
            w = word[i:j]
            if j - i == n:
                continue
            f = freq.get(w)
            if f or j == i + 1:
                cands.append((math.log(f or 1) - logt + best[j][0], j))
        best[i] = max(cands)
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(word[i:j])
        i = j
    return out


def best_matches(matrix: list[list[float]]) -> list[tuple[int | None, float]]:
    """For each problem (row): the index of its best plan item and the score (``None, 0.0``
    when there is no plan item). A plan item may answer several problems, so this is a
    per-row maximum, not an assignment; ties go to the earlier plan item."""
    out = []
    for row in matrix:
        if not row:
            out.append((None, 0.0))
            continue
        j = max(range(len(row)), key=lambda k: (row[k], -k))
        out.append((j, row[j]))
    return out


def head_end(norm: str, start: int, end: int) -> int:
    """End of the first clause of ``norm[start:end]`` (the problem's gist)."""
    for k in range(start, end):
        if norm[k] in CLAUSE_END:
            return k
    return end


def text_tokens(norm: str) -> TokenIndex:
    """jieba tokens of a standalone normalised text (for tests and small inputs)."""
    return TokenIndex.of(segment.tokenize(norm))


def span_tokens(doc, spans) -> TokenIndex:
    """The document's jieba tokens on the lines the ``(start, end, …)`` spans touch: for
    words inside those spans the same as :func:`doc_tokens`, for a fraction of the work."""
    return TokenIndex.of(segment.tokens_in(doc, spans))


def doc_tokens(doc) -> TokenIndex:
    """The document's jieba tokens (computed once by :mod:`segment`), indexed, cached."""
    idx = doc.cache.get("token_index")
    if idx is None:
        idx = TokenIndex.of(segment.tokens(doc))
        doc.cache["token_index"] = idx
    return idx


def pair_texts(pairer: Pairer, problems: list[str], plans: list[str]) -> list[list[float]]:
    """Convenience for tests: score plain problem texts against plain plan texts (each plan
    text counted as heading, i.e. at full credit)."""
    probs = []
    for p in problems:
        n = normalize(p)
        probs.append(pairer.problem_terms(n, 0, len(n), text_tokens(n), head_end(n, 0, len(n))))
    plans_t = []
    for q in plans:
        n = normalize(q)
        plans_t.append(pairer.plan_terms(n, [(0, len(n), 1.0)], text_tokens(n)))
    return pairer.matrix(probs, plans_t)
