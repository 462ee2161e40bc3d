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

from .loader import CatalogueError, load_folder, load_record, read_toml
from .references import check, check_sections, check_sending, vocabularies
from .schema import (
    AUTOMATION,
    CODES,
    CONDITIONS,
    CONFIDENCE,
    DECISIONS,
    LEGI_CODES,
    NOT_YET_DECIDED,
    SCOPES,
    SENDING,
    WANTS,
    Authority,
    Benefit,
    Body,
    Court,
    Departement,
    Kind,
    LegalBasis,
    Observation,
    Reason,
    Rectification,
    Route,
    Term,
)

DATA = Path(__file__).resolve().parent.parent / "data"
_Ordered = TypeVar("_Ordered", Body, Benefit, Reason)

__all__ = [
    "AUTOMATION", "CODES", "CONDITIONS", "CONFIDENCE", "DATA", "DECISIONS", "LEGI_CODES",
    "NOT_YET_DECIDED", "PAYER_SUFFIX", "SCOPES", "SENDING", "WANTS",
    "Authority", "Benefit", "Body", "CatalogueError", "Court", "Departement", "Kind", "LegalBasis",
    "Observation", "Reason",
    "Rectification", "Route", "Term", "authorities", "bases", "benefits", "bodies", "catalogue",
    "departement_of", "departements", "in_force", "kinds", "payer_kinds", "reasons", "routes",
    "sendable_kinds", "tracked_kinds", "tracked_letters",
]


def in_force(basis: LegalBasis, day: date) -> bool:
    return basis.applies_from <= day and (basis.applies_until is None or day < basis.applies_until)


@dataclass(frozen=True)
class Catalogue:
    bases: dict[str, LegalBasis]
    bodies: dict[str, Body]
    benefits: dict[str, Benefit]
    reasons: dict[str, Reason]
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
        reasons=_ordered(load_folder(DATA / "reasons", Reason)),
        routes=load_folder(DATA / "routes", Route),
        kinds=load_folder(DATA / "kinds", Kind),
        authorities=load_folder(DATA / "authorities", Authority),
    )
    vocab = vocabularies(found.bases, found.bodies, found.benefits, found.reasons, found.authorities)
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


def reasons() -> dict[str, Reason]:
    """Reasons a decision may rest on where the law turns on them, in the form's order."""
    return catalogue().reasons


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


# A letter of a kind marked ``payer`` may also go, as a request of its own, to the caisse that
# pays an RSA the département decided; its id is then the kind's followed by this.
PAYER_SUFFIX = "_payer"


def payer_kinds() -> tuple[str, ...]:
    """Kinds of letter also prepared for the caisse that pays the RSA (kinds/*.toml ``payer``)."""
    return tuple(k.id for k in kinds().values() if k.payer)


def tracked_letters() -> tuple[str, ...]:
    """Every letter id an event may name: the tracked kinds, and their requests to the caisse."""
    return (*tracked_kinds(), *(k + PAYER_SUFFIX for k in payer_kinds() if kinds()[k].tracked))


@lru_cache(maxsize=1)
def departements() -> tuple[Departement, ...]:
    """Every territory of departements.toml, strictly read like the other files."""
    path = DATA / "departements.toml"
    data = read_toml(path)
    if set(data) != {"departement"}:
        raise CatalogueError(path, ", ".join(sorted(set(data) - {"departement"})) or "departement",
                             "the file holds only [[departement]] tables")
    found = tuple(load_record(Departement, item, path, prefix=f"departement[{i}].")
                  for i, item in enumerate(data["departement"]))
    codes = [d.code for d in found]
    if len(set(codes)) != len(codes):
        raise CatalogueError(path, "code", "each territory once")
    return found


def departement_of(postcode: str) -> Departement | None:
    """The territory a postcode maps to: the longest matching prefix, if only one territory has
    it (a postcode shared by the Rhône and the Métropole de Lyon decides nothing alone).

    >>> departement_of("33000").code, departement_of("97133").code, departement_of("69280")
    ('33', '977', None)
    """
    best: list[tuple[int, Departement]] = [
        (len(prefix), d) for d in departements() for prefix in d.postcodes if postcode.startswith(prefix)]
    if not best:
        return None
    longest = max(length for length, _ in best)
    matches = {d.code: d for length, d in best if length == longest}
    return next(iter(matches.values())) if len(matches) == 1 else None


def sendable_kinds() -> tuple[str, ...]:
    """Letters to send (some way of sending them); the others are information sheets."""
    return tuple(k.id for k in kinds().values() if k.sending)
