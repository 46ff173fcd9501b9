"""What the two copy rules share: their options and how they name the other place."""
from __future__ import annotations

from ..schema import Opt
from ..violation import Related
from ._units import Settings

SIGNATURE_OPTIONS = {
    "threshold": Opt("number", 0.7, min=0.3, max=1,
                     doc="estimated similarity (Jaccard of character shingles) from which two paragraphs are copies"),
    "min-length": Opt("int", 40, min=10,
                      doc="shorter paragraphs (in characters, without spaces, punctuation and stock phrases) are not compared"),
    "max-length": Opt("int", 400, min=40, doc="longer paragraphs are compared as runs of sentences of about this length"),
    "shingle": Opt("int", 5, min=2, max=12, doc="characters of a shingle"),
    "boilerplate": Opt("list[str]", [], doc="more stock phrases, cut out before comparing (besides data/boilerplate.yaml)"),
    "boilerplate-share": Opt("number", 0.2, min=0, max=1,
                             doc="text shared by this share of the run's issuers is boilerplate (not a copy)"),
    "boilerplate-min-issuers": Opt("int", 3, min=2,
                                   doc="… but by at least this many issuers"),
    "boilerplate-max-issuers": Opt("int", 50, min=2,
                                   doc="… and text shared by this many issuers is boilerplate whatever the share"),
}


def settings(options, **extra) -> Settings:
    return Settings(shingle=options["shingle"], min_length=options["min-length"],
                    max_length=options["max-length"], boilerplate=tuple(options["boilerplate"]), **extra)


def boilerplate_limit(batch, options) -> int:
    from ._index import boilerplate_threshold

    return boilerplate_threshold(batch.issuers(), options["boilerplate-share"],
                                 options["boilerplate-min-issuers"], options["boilerplate-max-issuers"])


def loc(units, k: int, heading: bool = False) -> tuple:
    return tuple((units.heading_loc if heading else units.loc)[k].tolist())


def related(other, units, k: int, message: str, heading: bool = False) -> Related:
    span = (units.heading_span if heading else units.span)[k].tolist()
    place = (other.places or {}).get(span[0])
    return Related(span[0], span[1], message, path=other.path, loc=loc(units, k, heading), place=place)


def where(other, units, k: int, heading: bool = False) -> str:
    """How messages name the place in another report: its place where the file has them (a Word
    paragraph ``第 2 段``, a PDF line ``第 1 页第 3 行`` — what its reader sees), else its line."""
    span = (units.heading_span if heading else units.span)[k].tolist()
    place = (other.places or {}).get(span[0])
    if place is not None:
        return place["label"]
    return f"第 {loc(units, k, heading)[0]} 行"


def shown(sig) -> str:
    """How messages name another report: its place in the batch (the path as given)."""
    return sig.path


def percent(x: float) -> str:
    return f"{round(float(x) * 100)}%"
