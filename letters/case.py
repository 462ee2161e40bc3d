"""The case: what the person tells us, validated into frozen dataclasses.

``parse_case(data)`` is the only way in. It never raises on bad input: it returns
``(case, [])`` or ``(None, errors)``, each error naming the field path (``decision.date``)
and saying in plain French what is wrong. The fields themselves are declared in
``fields.py``; this module reads them and checks how they fit together.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date
from typing import Any

from .events import Event, parse_events
from .fields import BY_PATH, CASE_FIELDS, DEFAULT_WANTS, EARLIEST_DECISION, LATEST_TODAY
from .messages import N_
from .reader import FieldError, Reader, clean_text

__all__ = ["Case", "Decision", "FieldError", "NotifiedDeadline", "Organisation", "Period", "Person",
           "clean_text", "parse_case"]


@dataclass(frozen=True)
class Person:
    name: str
    address: tuple[str, ...]
    email: str = ""
    phone: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Organisation:
    kind: str
    name: str = ""
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotifiedDeadline:
    """The recourse deadline printed on the notification; it wins over computed ones."""

    days: int
    body: str = ""


@dataclass(frozen=True)
class Period:
    """The months the sums concern (an overpayment), as the notification gives them."""

    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class Decision:
    kind: str
    benefit: str = "other"
    date: datetime.date | None = None  # the field's name hides the type inside this class
    received: datetime.date | None = None
    reference: str = ""
    amount: float | None = None
    automation: str = "unknown"
    algorithm_mentioned: bool | None = None
    reasons_given: bool | None = None
    recovery_started: bool | None = None
    notified_deadline: NotifiedDeadline | None = None
    description: str = ""
    description_in_letters: bool = True  # the person may keep their words out of the letters
    period: Period = Period()
    # What the person says (true or false) or does not know (None): a letter states a fact only
    # when it is true here, and stays hedged when it is None.
    good_faith: bool | None = None
    appeal_routes_given: bool | None = None
    prior_notice_given: bool | None = None
    agent_control: bool | None = None
    body_error: bool | None = None
    reason: str = ""  # reasons/<id>.toml, where the law turns on the reason given
    notice_received: bool | None = None
    document_sent: datetime.date | None = None
    score_used: bool | None = None
    payer: str = "unknown"  # "caf" or "msa": who pays an RSA the département decided


@dataclass(frozen=True)
class Case:
    person: Person
    organisation: Organisation
    decision: Decision
    wants: tuple[str, ...] = DEFAULT_WANTS
    today: date | None = None
    events: tuple[Event, ...] = ()

    def wants_any(self, *items: str) -> bool:
        return any(item in self.wants for item in items)


def _read_all(r: Reader, root: dict[str, Any]) -> dict[str, Any]:
    """Every declared field, by path; a part that is not an object is reported once."""
    parts: dict[str, dict[str, Any]] = {"": root}
    values: dict[str, Any] = {}
    for spec in CASE_FIELDS:
        parent = spec.parent
        if parent not in parts:
            above, _, key = parent.rpartition(".")
            raw = parts[above].get(key) if above in parts else None
            required = "." not in parent  # person, organisation, decision; deeper parts are optional
            if raw in (None, {}) and not required:
                parts[parent] = {}
            else:
                parts[parent] = r.obj(raw, parent, required=required)
        values[spec.path] = r.read(spec, parts[parent])
    return values


def parse_case(data: Any, today: date | None = None) -> tuple[Case | None, list[FieldError]]:
    """Validate ``data`` (decoded JSON) into a ``Case``; ``today`` is used when the case has none."""
    r = Reader()
    root = r.obj(data, "(document)")
    if r.errors:
        return None, r.errors
    v = _read_all(r, root)

    case_today = v["today"] or today
    if case_today is None:
        r.error("today", N_("La date du jour est obligatoire."))
    elif not EARLIEST_DECISION <= case_today <= LATEST_TODAY:
        r.error("today", N_("La date du jour doit être comprise entre 2000 et 2100 : vérifiez-la."))
    decided, received = v["decision.date"], v["decision.received"]
    if case_today and decided:
        if decided > case_today:
            r.error("decision.date", N_("La date de la décision est dans le futur : vérifiez-la."))
        elif decided < EARLIEST_DECISION:
            r.error("decision.date", N_("La date de la décision est antérieure à l'an 2000 : vérifiez-la."))
    if case_today and received:
        if received > case_today:
            r.error("decision.received", N_("La date de réception est dans le futur : vérifiez-la."))
        elif decided and received < decided:
            r.error("decision.received",
                    N_("Le courrier ne peut pas avoir été reçu avant la date de la décision."))
    start, end = v["decision.period.from"], v["decision.period.to"]
    if start and end and end < start:
        r.error("decision.period.to", N_("La fin de la période est avant son début : vérifiez-la."))
    if start and decided and start > decided:
        r.error("decision.period.from",
                N_("La période commence après la date de la décision : vérifiez-la."))
    sent_document = v["decision.document_sent"]
    if case_today and sent_document and sent_document > case_today:
        r.error("decision.document_sent",
                N_("La date d'envoi du justificatif est dans le futur : vérifiez-la."))
    days = v["decision.notified_deadline.days"]
    notified_body = v["decision.notified_deadline.body"]
    if days is None and notified_body and not r.has_error("decision.notified_deadline"):
        spec = BY_PATH["decision.notified_deadline.days"]
        r.error(spec.path, N_("{label} doit être un nombre de jours entre 1 et {limit}."),
                label=spec.label, limit=spec.limit)
    if not v["wants"] and not r.has_error("wants"):
        r.error("wants", N_("Choisissez au moins une demande."))
    events = parse_events(r, root.get("events"), case_today, decided)
    if r.errors:
        return None, r.errors

    person = Person(v["person.name"], v["person.address"], v["person.email"], v["person.phone"],
                    v["person.reference"])
    organisation = Organisation(v["organisation.kind"], v["organisation.name"], v["organisation.address"])
    decision = Decision(
        kind=v["decision.kind"], benefit=v["decision.benefit"], date=decided, received=received,
        reference=v["decision.reference"], amount=v["decision.amount"],
        automation=v["decision.automation"], algorithm_mentioned=v["decision.algorithm_mentioned"],
        reasons_given=v["decision.reasons_given"], recovery_started=v["decision.recovery_started"],
        notified_deadline=NotifiedDeadline(days, v["decision.notified_deadline.body"]) if days else None,
        description=v["decision.description"],
        description_in_letters=v["decision.description_in_letters"] is not False,
        period=Period(start, end),
        good_faith=v["decision.good_faith"], appeal_routes_given=v["decision.appeal_routes_given"],
        prior_notice_given=v["decision.prior_notice_given"], agent_control=v["decision.agent_control"],
        body_error=v["decision.body_error"], reason=v["decision.reason"] or "",
        notice_received=v["decision.notice_received"], document_sent=sent_document,
        score_used=v["decision.score_used"], payer=v["decision.payer"],
    )
    return Case(person, organisation, decision, v["wants"], case_today, events), []

