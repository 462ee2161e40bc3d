"""Which law and which recourse route fit a case: pure functions of the case and the date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from . import catalogue
from .case import Case
from .catalogue import Body, LegalBasis, Route
from .conditions import Facts, holds


def body_of(case: Case) -> Body:
    return catalogue.bodies()[case.organisation.kind]


def scopes_of(body: Body) -> set[str]:
    """The scopes a body falls under; a private body is never 'public' nor 'social_security'."""
    if not body.public:
        return {"any", "private"}
    return {"any", "public", "social_security"} if body.social_security else {"any", "public"}


NO_FACTS = Facts()


def basis_applies(basis: LegalBasis, case: Case, day: date, facts: Facts = NO_FACTS) -> bool:
    """A basis applies when it is in force on ``day`` and every condition it lists holds."""
    d = case.decision
    if facts.today is None:
        facts = replace(facts, today=day)
    return (
        catalogue.in_force(basis, day)
        and bool(scopes_of(body_of(case)) & set(basis.scope))
        and (not basis.bodies or case.organisation.kind in basis.bodies)
        and (not basis.benefits or d.benefit in basis.benefits)
        and (not basis.decisions or d.kind in basis.decisions)
        and (not basis.automation or d.automation in basis.automation)
        and (not basis.wants or case.wants_any(*basis.wants))
        and (not basis.reasons or d.reason in basis.reasons)
        and (not basis.route_basis or basis.id in select_route(case).cited)
        and holds(case, basis, facts)
    )


def select_bases(case: Case, day: date, facts: Facts = NO_FACTS) -> list[LegalBasis]:
    """Every basis the case can rely on, in catalogue order."""
    return [b for b in catalogue.bases().values() if basis_applies(b, case, day, facts)]


def select_route(case: Case) -> Route:
    """The recourse route for the decision; the catalogue ends with catch-all routes."""
    d = case.decision
    for route in catalogue.routes():
        if catalogue.route_matches(route, case.organisation.kind, d.benefit, d.kind):
            return route
    raise LookupError(f"no route for {case.organisation.kind}/{d.benefit}/{d.kind}")


def addressed_to_body(case: Case, route: Route) -> bool:
    """Does the recourse go to the body that decided (whose name and address the case gives)?"""
    return route.goes_to in ("body", case.organisation.kind)
