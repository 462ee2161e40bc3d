"""The catalogue's records as a letter in a given language names them.

The facts under ``letters/data`` give their names in French (a body's director, a route's
court). A courtesy translation takes them from its ``labels.toml`` instead, so every
language's templates use the same variables (``body.director``, ``route.court.name``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import catalogue
from .case import Case
from .catalogue import Body, Route
from .catalogue.texts import LETTER_LANGUAGE, labels

# A decision about insurance concerns either the contract or the request for one. The person's
# reference says which when it starts with one of these words; otherwise the kind of decision
# does: a refusal answers a request, a suspension, a recovery or a sanction bears on a contract.
CONTRACT_WORDS = ("contrat", "police", "adhésion")
REQUEST_WORDS = ("demande", "devis", "souscription")
CONTRACT_DECISIONS = ("suspension", "overpayment", "sanction")


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


def benefit_label(benefit: str, language: str, form: str = "") -> str:
    """How a letter names the benefit; ``form`` "contract" or "request" where it has both."""
    if language == LETTER_LANGUAGE:
        found = catalogue.benefits()[benefit]
        return getattr(found, form) if form else found.label
    return labels(language)[f"benefit_{form}" if form else "benefit"][benefit]


def benefit_form(case: Case) -> tuple[str, str]:
    """For a benefit that may be a contract or a request (insurance): which one the decision
    concerns, and the reference that says so (or ""); ("", "") when the case cannot tell."""
    if not catalogue.benefits()[case.decision.benefit].contract:
        return "", ""
    for reference in (case.decision.reference, case.person.reference):
        first = reference.split(" ", 1)[0].casefold()
        if first in CONTRACT_WORDS:
            return "contract", reference
        if first in REQUEST_WORDS:
            return "request", reference
    if case.decision.kind == "refusal":
        return "request", ""
    if case.decision.kind in CONTRACT_DECISIONS:
        return "contract", ""
    return "", ""


def decision_words(language: str, table: str, case: Case) -> tuple[str, bool]:
    """A decision's words in one of labels.toml's decision tables, and whether they name what the
    decision bears on: a body may word a kind of decision its own way ("suspension@platform",
    the deactivation of an account)."""
    words = labels(language)[table]
    own = f"{case.decision.kind}@{case.organisation.kind}"
    return (words[own], True) if own in words else (words[case.decision.kind], False)


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
