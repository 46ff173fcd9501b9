"""Classify a top-level part of a report by its heading: measures, shortcomings,
first-responsible, plan or other. The vocabulary lives in ``data/parts.yaml``; a config
file may replace any of its lists (top-level key ``parts``)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex as re
import yaml

from .normalize import normalize_pattern

KINDS = ("first-responsible", "shortcomings", "plan", "measures", "other")


@lru_cache(maxsize=1)
def default_parts() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(resources.files("reportlint.data").joinpath("parts.yaml").read_text("utf-8"))
    return {k: tuple(raw.get(k, ())) for k in KINDS}


@lru_cache(maxsize=16)
def _compiled(items: tuple[tuple[str, tuple[str, ...]], ...]):
    return [(kind, re.compile("|".join(f"(?:{normalize_pattern(p, regex=True)})" for p in pats)))
            for kind, pats in items if pats]


def merged(overrides: dict | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    base = dict(default_parts())
    for k, v in (overrides or {}).items():
        base[k] = tuple(v)
    return tuple((k, base[k]) for k in KINDS)


def classify_part(heading_norm: str, overrides: dict | None = None) -> str:
    for kind, rx in _compiled(merged(overrides)):
        if rx.search(heading_norm):
            return kind
    return "other"
