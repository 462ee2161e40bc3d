"""The catalogue's records as a letter in a given language names them.

The facts under ``letters/data`` give their names in French (a body's director, a route's
court). A courtesy translation takes them from its ``labels.toml`` instead, so every
language's templates use the same variables (``body.director``, ``route.court.name``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import catalogue
from .catalogue import Body, Route
from .catalogue.texts import LETTER_LANGUAGE, labels


def body_in(body: Body, language: str) -> Body:
    if language == LETTER_LANGUAGE:
        return body
    words = labels(language)
    national = body.national and replace(body.national, name=words["national"][body.kind])
    return replace(body, label=words["organisation"][body.kind], director=words["director"][body.kind],
                   complaints=words["complaints"][body.kind], national=national)


def route_in(route: Route, language: str) -> Route:
    if language == LETTER_LANGUAGE:
        return route
    words = labels(language)
    return replace(route, title=words["route_title"][route.id], recipient=words["recipient"][route.id],
                   afterwards=words["afterwards"][route.id],
                   court=replace(route.court, name=words["court"][route.id]))


_ARTICLE = re.compile(r"^(?:la|le|les)\s|^l['’]", re.IGNORECASE)
_VOWEL = re.compile(r"^[aeiouyàâéèêëîïôöûü]", re.IGNORECASE)


def body_named(name: str, body: Body, language: str) -> dict[str, str]:
    """The body's name as a sentence puts it: plain (``the``), after « de » (``of``) and after
    « à » (``to``): « la CAF de la Gironde », « du Département du Nord », « à France Travail ».

    Its article comes from its ``bodies/`` entry (``named``), unless the name already has one.
    A courtesy translation uses the name as it is.

    >>> from letters import catalogue
    >>> body_named("Département du Nord", catalogue.bodies()["departement"], "fr")["of"]
    'du Département du Nord'
    """
    if language != LETTER_LANGUAGE:
        return {"the": name, "of": name, "to": name}
    the = name if _ARTICLE.match(name) else body.named.format(name)
    article, _, rest = the.partition(" ")
    if article.casefold() == "le":
        return {"the": the, "of": f"du {rest}", "to": f"au {rest}"}
    if article.casefold() == "les":
        return {"the": the, "of": f"des {rest}", "to": f"aux {rest}"}
    return {"the": the, "of": f"d'{the}" if _VOWEL.match(the) else f"de {the}", "to": f"à {the}"}


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
