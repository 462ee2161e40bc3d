"""The law as data: legal bases, bodies, benefits, recourse routes, kinds of letter, authorities.

Everything under ``letters/data`` is read here once, strictly (``loader.py``: an unknown or
missing key fails with the file and the key), against the definitions of ``schema.py``, and
checked as a whole (``references.py``). Python reads these facts; it never restates them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .loader import CatalogueError, load_folder
from .references import check, check_sections, check_sending, vocabularies
from .schema import (
    AUTOMATION,
    CONFIDENCE,
    DECISIONS,
    NOT_YET_DECIDED,
    SCOPES,
    SENDING,
    WANTS,
    Authority,
    Benefit,
    Body,
    Court,
    Delay,
    Kind,
    LegalBasis,
    Route,
    Term,
)

DATA = Path(__file__).resolve().parent.parent / "data"
_Ordered = TypeVar("_Ordered", Body, Benefit)

__all__ = [
    "AUTOMATION", "CONFIDENCE", "DATA", "DECISIONS", "NOT_YET_DECIDED", "SCOPES", "WANTS",
    "Authority", "Benefit", "Body", "CatalogueError", "Court", "Delay", "Kind", "LegalBasis",
    "Route", "SENDING", "Term", "authorities", "catalogue", "bases", "benefits", "bodies", "in_force",
    "kinds", "routes", "sendable_kinds", "tracked_kinds",
]


def in_force(basis: LegalBasis, day: date) -> bool:
    return basis.applies_from <= day and (basis.applies_until is None or day < basis.applies_until)


@dataclass(frozen=True)
class Catalogue:
    bases: dict[str, LegalBasis]
    bodies: dict[str, Body]
    benefits: dict[str, Benefit]
    routes: dict[str, Route]
    kinds: dict[str, Kind]
    authorities: dict[str, Authority]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """Read and cross-check every folder once; the accessors below only look things up."""
    found = Catalogue(
        bases=load_folder(DATA / "bases", LegalBasis),
        bodies=_ordered(load_folder(DATA / "bodies", Body, id_key="kind")),
        benefits=_ordered(load_folder(DATA / "benefits", Benefit)),
        routes=load_folder(DATA / "routes", Route),
        kinds=load_folder(DATA / "kinds", Kind),
        authorities=load_folder(DATA / "authorities", Authority),
    )
    vocab = vocabularies(found.bases, found.bodies, found.benefits, found.authorities)
    for f in fields(found):
        check(f.name, getattr(found, f.name), vocab)
    check_sections(found.kinds, found.bases)
    check_sending(found.kinds)
    return found


def _ordered(records: dict[str, _Ordered]) -> dict[str, _Ordered]:
    """In the order the form lists them (their ``order`` key)."""
    return dict(sorted(records.items(), key=lambda kv: kv[1].order))


def bases() -> dict[str, LegalBasis]:
    return catalogue().bases


def bodies() -> dict[str, Body]:
    """Kinds of organisation, in the order the form lists them."""
    return catalogue().bodies


def benefits() -> dict[str, Benefit]:
    """Benefits and services, in the order the form lists them."""
    return catalogue().benefits


def kinds() -> dict[str, Kind]:
    return catalogue().kinds


def authorities() -> dict[str, Authority]:
    return catalogue().authorities


@lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """All routes, most specific first, so the first match is the right one."""
    return tuple(sorted(catalogue().routes.values(), key=_specificity, reverse=True))


def _specificity(route: Route) -> int:
    """A route naming the benefit or decision beats one naming only the body: the benefit,
    not the organisation, decides the recourse (brief §1, item 6)."""
    return 2 * bool(route.benefits) + 2 * bool(route.decisions) + bool(route.bodies)


def route_matches(route: Route, organisation: str, benefit: str, decision: str) -> bool:
    return all(not allowed or value in allowed for allowed, value in (
        (route.bodies, organisation), (route.benefits, benefit), (route.decisions, decision)))


def tracked_kinds() -> tuple[str, ...]:
    """Letters a person can record as sent, in catalogue order."""
    return tuple(k.id for k in kinds().values() if k.tracked)


def sendable_kinds() -> tuple[str, ...]:
    """Letters to send (some way of sending them); the others are information sheets."""
    return tuple(k.id for k in kinds().values() if k.sending)
