"""The catalogue's records as a letter in a given language names them.

The facts under ``letters/data`` give their names in French (a body's director, a route's
court). A courtesy translation takes them from its ``labels.toml`` instead, so every
language's templates use the same variables (``body.director``, ``route.court.name``).
"""

from __future__ import annotations

from dataclasses import replace

from . import catalogue
from .catalogue import Body, Route
from .catalogue.texts import LETTER_LANGUAGE, labels


def body_in(body: Body, language: str) -> Body:
    if language == LETTER_LANGUAGE:
        return body
    words = labels(language)
    return replace(body, label=words["organisation"][body.kind], director=words["director"][body.kind],
                   complaints=words["complaints"][body.kind])


def route_in(route: Route, language: str) -> Route:
    if language == LETTER_LANGUAGE:
        return route
    words = labels(language)
    return replace(route, title=words["route_title"][route.id], recipient=words["recipient"][route.id],
                   court=replace(route.court, name=words["court"][route.id]))


def benefit_label(benefit: str, language: str) -> str:
    if language == LETTER_LANGUAGE:
        return catalogue.benefits()[benefit].label
    return labels(language)["benefit"][benefit]


def benefit_short(benefit: str, language: str) -> str:
    """The benefit as a letter's subject names it."""
    if language == LETTER_LANGUAGE:
        return catalogue.benefits()[benefit].short
    return labels(language)["benefit_short"][benefit]


def reason_label(reason: str, language: str) -> str:
    """The reason a decision rests on, as a letter names it; empty when none is given."""
    if not reason:
        return ""
    if language == LETTER_LANGUAGE:
        return catalogue.reasons()[reason].label
    return labels(language)["reason"][reason]
