"""What the notification must say (mentions.toml), checked against what it says.

A mention is reported missing, and its case fact set, only where the rule applies to this
body and this decision and every page was read clearly: what an unreadable page does not
show is unknown, not missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import catalogue
from .layout import Letter
from .lexicon import data, find, lexicon
from .rules import Found


@dataclass(frozen=True)
class Missing:
    id: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "basis": catalogue.bases()[self.id].short, "message": self.message}


def _plain(text: str) -> str:
    return " ".join(text.split())


def _public(organisation_kind: str | None) -> bool:
    body = catalogue.bodies().get(organisation_kind or "")
    return bool(body and body.public)


def check(letter: Letter, fields: dict[str, Found], readable: bool) -> tuple[list[Found], list[Missing]]:
    """The facts the mentions set (``decision.algorithm_mentioned``...) and the mentions missing.

    ``fields`` are the fields the rules found, by name; ``readable`` is False when a page was
    not read clearly enough to say that something is absent from it.
    """
    rules = data("mentions")
    org = _value(fields, "organisation.kind")
    kind = _value(fields, "decision.kind")
    facts: list[Found] = []
    missing: list[Missing] = []

    algorithm = _sentence(letter, lexicon()["algorithm"]["words"])
    if algorithm:
        facts.append(Found("decision.algorithm_mentioned", True, algorithm))
        if _public(org) and not _sentence(letter, lexicon()["algorithm"]["rules"]) and readable:
            missing.append(Missing(rules["algorithm"]["id"], _plain(rules["algorithm"]["incomplete"])))
    elif readable and _public(org) and kind:
        facts.append(Found("decision.algorithm_mentioned", False, ""))
        missing.append(Missing(rules["algorithm"]["id"], _plain(rules["algorithm"]["absent"])))

    if not readable or not _public(org):
        return facts, missing

    if kind in rules["reasons"]["decisions"]:
        reason, law = fields.get("decision.reason"), fields.get("(law)")
        given = bool(reason and law)
        facts.append(Found("decision.reasons_given", given, reason.source if reason else ""))
        if not reason:
            missing.append(Missing(rules["reasons"]["id"], _plain(rules["reasons"]["absent"])))
        elif not law:
            missing.append(Missing(rules["reasons"]["id"], _plain(rules["reasons"]["no_law"])))

    court = _court(org, _value(fields, "decision.benefit"), kind)
    if court and kind in rules["appeal"]["decisions"]:
        notified = fields.get("decision.notified_deadline")
        source = notified.source if notified else ""
        facts.append(Found("decision.appeal_routes_given", bool(notified), source))
        if not notified:
            route = rules["appeal"]["courts"][court]
            missing.append(Missing(route["id"], _plain(route["absent"])))

    lacking = _overpayment_lacks(letter, fields, org, kind)
    if lacking:
        items = [rules["overpayment"]["items"][item] for item in lacking]
        listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ni " + items[-1]
        message = rules["overpayment"]["message"].format(items=listed)
        missing.append(Missing(rules["overpayment"]["id"], message))
    return facts, missing


def _value(fields: dict[str, Found], name: str) -> Any:
    found = fields.get(name)
    return found.value if found else None


def _sentence(letter: Letter, words: list[str]) -> str:
    return next((s for s in letter.sentences if find(s, words)), "")


def _court(organisation_kind: str | None, benefit: str | None, kind: str | None) -> str | None:
    """Which court the recourse route ends at, as mentions.toml names it, if it is one checked."""
    if not organisation_kind or not kind:
        return None
    courts = data("mentions")["appeal"]["courts"]
    for route in catalogue.routes():
        if catalogue.route_matches(route, organisation_kind, benefit or "other", kind):
            return next((c for c in courts if c in route.court.name), None)
    return None


def _overpayment_lacks(letter: Letter, fields: dict[str, Found], org: str | None,
                       kind: str | None) -> list[str]:
    """What an indu notification under CSS R133-9-2 leaves out, in the order of mentions.toml."""
    rule = data("mentions")["overpayment"]
    benefit = _value(fields, "decision.benefit")
    if kind != "overpayment" or org not in rule["bodies"] or benefit not in rule["benefits"]:
        return []
    words = lexicon()["rectification"]
    offered = any(find(s, words["words"]) and find(s, words["delay"]) for s in letter.sentences)
    present = {
        "period": "decision.period" in fields,
        "amount": "decision.amount" in fields,
        "reason": "decision.reason" in fields,
        "rectification": offered,
    }
    return [item for item in rule["items"] if not present[item]]
