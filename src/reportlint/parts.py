"""Classify a top-level part of a report by its heading: measures, shortcomings,
first-responsible, plan or other. The vocabulary lives in ``data/parts.yaml``; a config
file may replace any of its lists (top-level key ``parts``).

* :func:`classify_part` one heading, first matching kind wins (``other`` if none);
* :func:`matching_kinds` every kind whose vocabulary a heading matches (a combined heading
  such as 存在的问题及下一步打算 matches shortcomings and plan);
* :func:`classify_parts` the headings of a whole report, in order: a heading that matches
  no kind becomes measures when it stands before the shortcomings and plan parts and no
  heading names the measures part (reports whose measures are themselves top-level parts:
  一、强化组织领导 二、深化放管服改革 … 五、存在的问题 六、下一步打算)."""
from __future__ import annotations

from functools import lru_cache

from .matching import compile_patterns

KINDS = ("first-responsible", "shortcomings", "plan", "measures", "other")
STATUTORY = ("measures", "shortcomings", "plan", "first-responsible")  # the parts the law names

# Chinese names of the parts, for messages (the statutory wording, 第二十五条).
NAMES = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first-responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plan": "下一年度主要安排",
    "other": "其他需要报告的情况",
}


@lru_cache(maxsize=1)
def default_parts() -> dict[str, tuple[str, ...]]:
    from .rulecache import cached_data   # read once, then kept with the built-in rules

    return cached_data("parts", _read_default_parts)


def _read_default_parts() -> dict[str, tuple[str, ...]]:
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("reportlint.data").joinpath("parts.yaml").read_text("utf-8"))
    return {k: tuple(raw.get(k, ())) for k in KINDS}


@lru_cache(maxsize=16)
def _compiled(items: tuple[tuple[str, tuple[str, ...]], ...]):
    return [(kind, compile_patterns(pats, f"parts.{kind}")) for kind, pats in items if pats]


def merged(overrides: dict | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    base = dict(default_parts())
    for k, v in (overrides or {}).items():
        base[k] = tuple(v)
    return tuple((k, base[k]) for k in KINDS)


def _vocabulary(overrides: dict | None):
    """The compiled vocabulary: the defaults' compiled once, a config's per distinct config."""
    if not overrides:
        return _default_compiled()
    return _compiled(merged(overrides))


@lru_cache(maxsize=1)
def _default_compiled():
    return _compiled(merged(None))


def _match(heading_norm: str, overrides: dict | None) -> str | None:
    for kind, rx in _vocabulary(overrides):
        if rx.search(heading_norm):
            return kind
    return None


def classify_part(heading_norm: str, overrides: dict | None = None) -> str:
    return _match(heading_norm, overrides) or "other"


def matching_kinds(heading_norm: str, overrides: dict | None = None) -> set[str]:
    return {kind for kind, rx in _vocabulary(overrides) if rx.search(heading_norm)}


def classify_parts(heading_norms: list[str], overrides: dict | None = None) -> list[str]:
    return infer_measures([_match(n, overrides) for n in heading_norms])


def own_kinds(heading_norms: list[str], overrides: dict | None = None) -> list[str | None]:
    """The kind each heading names itself (None: none), before :func:`infer_measures`."""
    return [_match(n, overrides) for n in heading_norms]


def infer_measures(found: list[str | None]) -> list[str]:
    """The kinds of a report's headings from what each names itself (:func:`own_kinds`): an
    unnamed heading before the shortcomings and plan parts is measures when no heading names
    the measures part; any other unnamed one is other."""
    found = list(found)
    if "measures" not in found:
        for i, k in enumerate(found):
            if k in ("shortcomings", "plan"):
                break
            if k is None:
                found[i] = "measures"
    return [k or "other" for k in found]
