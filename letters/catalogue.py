"""Loads the legal content under ``letters/data``: bases, bodies, routes, letter kinds.

Everything here is data a lawyer reviews without reading Python; this module only
reads it, checks its shape, and keeps it in memory once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
CONFIDENCE = ("V", "P", "U")
SCOPES = ("public", "social_security", "private", "any")


@dataclass(frozen=True)
class LegalBasis:
    """One rule of law, cited once, with where it comes from and when it applies."""

    id: str
    citation: str
    short: str
    title: str
    source: str
    confidence: str
    applies_from: date
    applies_until: date | None
    scope: tuple[str, ...]
    benefits: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    automation: tuple[str, ...] = ()
    wants: tuple[str, ...] = ()
    route_basis: bool = False  # cited only where the recourse route names it
    notes: str = ""
    text: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, hash=False)
    # The citation in each letter language: French from ``citation``, others from the
    # ``citation`` key of their ``[text.<lang>]`` table.
    citations: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def in_force(self, day: date) -> bool:
        return self.applies_from <= day and (self.applies_until is None or day < self.applies_until)


@dataclass(frozen=True)
class Body:
    """A kind of organisation: who reads the letters and which law binds it."""

    kind: str
    label: str
    public: bool
    social_security: bool
    director: str
    dpo: str
    complaints: str
    notes: str = ""


@dataclass(frozen=True)
class Route:
    """Where a recourse against a decision goes, within what delay, and then which court."""

    id: str
    bodies: tuple[str, ...]
    benefits: tuple[str, ...]
    decisions: tuple[str, ...]
    recipient: str
    addressee: str
    deadline_months: int | None
    answer_months: int
    bases: tuple[str, ...]
    court: str
    confidence: str
    of_body: bool = True
    rectification_days: int | None = None
    notes: str = ""

    @property
    def uncertain(self) -> bool:
        return self.confidence != "V"

    def matches(self, organisation: str, benefit: str, decision: str) -> bool:
        return all(not allowed or value in allowed for allowed, value in (
            (self.bodies, organisation), (self.benefits, benefit), (self.decisions, decision)))


@dataclass(frozen=True)
class Kind:
    """A kind of letter: the order of its sections, each a text block or a legal basis."""

    id: str
    sections: tuple[str, ...]


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    if data.get("id", data.get("kind")) != path.stem:
        raise ValueError(f"{path}: the id must equal the file name")
    return data


def _tuple(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


@lru_cache(maxsize=1)
def bases() -> dict[str, LegalBasis]:
    out = {}
    for path in sorted((DATA / "bases").glob("*.toml")):
        d = _read(path)
        basis = LegalBasis(
            id=d["id"], citation=d["citation"], short=d["short"], title=d["title"],
            source=d["source"], confidence=d["confidence"], applies_from=d["applies_from"],
            applies_until=d.get("applies_until"), scope=_tuple(d, "scope"),
            benefits=_tuple(d, "benefits"), decisions=_tuple(d, "decisions"),
            automation=_tuple(d, "automation"), wants=_tuple(d, "wants"),
            route_basis=d.get("route_basis", False), notes=d.get("notes", ""),
            text={lang: {k: v for k, v in t.items() if k != "citation"}
                  for lang, t in d.get("text", {}).items()},
            citations={"fr": d["citation"], **{lang: t["citation"] for lang, t in d.get("text", {}).items()
                                               if lang != "fr" and "citation" in t}},
        )
        if basis.confidence not in CONFIDENCE or not set(basis.scope) <= set(SCOPES):
            raise ValueError(f"{path}: confidence or scope out of range")
        out[basis.id] = basis
    return out


@lru_cache(maxsize=1)
def bodies() -> dict[str, Body]:
    out = {}
    for path in sorted((DATA / "bodies").glob("*.toml")):
        d = _read(path)
        out[d["kind"]] = Body(
            kind=d["kind"], label=d["label"], public=d["public"],
            social_security=d["social_security"], director=d["director"], dpo=d["dpo"],
            complaints=d.get("complaints", ""), notes=d.get("notes", ""),
        )
    return out


@lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """All routes, most specific first, so the first match is the right one."""
    out = []
    for path in sorted((DATA / "routes").glob("*.toml")):
        d = _read(path)
        out.append(Route(
            id=d["id"], bodies=_tuple(d, "bodies"), benefits=_tuple(d, "benefits"),
            decisions=_tuple(d, "decisions"), recipient=d["recipient"], addressee=d["addressee"],
            deadline_months=d.get("deadline_months"), answer_months=d["answer_months"],
            bases=_tuple(d, "bases"), court=d["court"], confidence=d["confidence"],
            of_body=d.get("of_body", True), rectification_days=d.get("rectification_days"),
            notes=d.get("notes", ""),
        ))
    return tuple(sorted(out, key=_specificity, reverse=True))


def _specificity(route: Route) -> int:
    """A route naming the benefit or decision beats one naming only the body: the benefit,
    not the organisation, decides the recourse (brief §1, item 6)."""
    return 2 * bool(route.benefits) + 2 * bool(route.decisions) + bool(route.bodies)


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    return {
        path.stem: Kind(id=d["id"], sections=_tuple(d, "sections"))
        for path in sorted((DATA / "kinds").glob("*.toml"))
        for d in [_read(path)]
    }
