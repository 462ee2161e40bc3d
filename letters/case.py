"""The case: what the person tells us, validated into frozen dataclasses.

``parse_case(data)`` is the only way in. It never raises on bad input: it
returns ``(case, [])`` or ``(None, errors)``, each error naming the field
path (``decision.date``) and saying in plain French what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .events import Event, parse_events
from .messages import N_

ORGANISATION_KINDS = (
    "caf", "cpam", "msa", "france_travail", "carsat", "departement", "dgfip",
    "bank", "insurer", "employer", "platform", "public_other", "private_other",
)
DECISION_KINDS = ("control", "overpayment", "suspension", "refusal", "sanction", "score", "other")
BENEFITS = (
    "rsa", "prime_activite", "aides_logement", "aah", "prestations_familiales", "c2s",
    "indemnites_journalieres", "are", "retraite", "aspa", "credit", "insurance",
    "employment", "other",
)
AUTOMATION = ("full", "partial", "unknown")
WANTS = ("explanation", "human_review", "contest", "suspend_recovery", "remission", "documents")
DEFAULT_WANTS = ("explanation", "human_review", "contest")

# Sizes a real letter never needs to exceed; past them the input is a mistake or an attack.
MAX_LINE = 200
MAX_ADDRESS_LINES = 6
MAX_DESCRIPTION = 4000
MAX_AMOUNT = 10_000_000
EARLIEST_DECISION = date(2000, 1, 1)
LATEST_TODAY = date(2100, 12, 31)

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+().\s-]{6,25}$")


@dataclass(frozen=True)
class FieldError:
    """One problem with the input, tied to the field that has it.

    ``message`` is plain French (the API and the command line show it). ``template`` and
    ``params`` let an interface in another language rebuild it: ``template`` is the French
    text with ``{name}`` slots, ``params`` their values (a ``label`` is itself a message).
    """

    field: str
    message: str
    template: str = field(default="", compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


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
class Decision:
    kind: str
    benefit: str = "other"
    date: date | None = None
    received: date | None = None
    reference: str = ""
    amount: float | None = None
    automation: str = "unknown"
    algorithm_mentioned: bool | None = None
    reasons_given: bool | None = None
    recovery_started: bool | None = None
    notified_deadline: NotifiedDeadline | None = None
    description: str = ""


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


def clean_text(value: str) -> str:
    """Drop characters a DOCX cannot hold and normalise line ends; keep everything else."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", value)


class _Reader:
    """Collects errors while reading a nested JSON object, so all of them are reported at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, path: str, message: str, **params: Any) -> None:
        """``message`` is French; with ``params`` it is a template whose ``{name}`` they fill."""
        values = {k: str(v) for k, v in params.items()}
        text = message.format(**values) if values else message
        self.errors.append(FieldError(path, text, message, tuple(values.items())))

    def obj(self, data: Any, path: str, required: bool = True) -> dict[str, Any]:
        if data is None:
            if required:
                self.error(path, N_("Cette partie est obligatoire."))
            return {}
        if not isinstance(data, dict):
            self.error(path, N_("Cette partie doit être un objet JSON (entre accolades)."))
            return {}
        return data

    def text(self, data: dict[str, Any], key: str, path: str, *, required: bool = False,
             limit: int = MAX_LINE, label: str = N_("Ce champ")) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(path, N_("{label} est obligatoire."), label=label)
            return ""
        if not isinstance(value, str):
            self.error(path, N_("{label} doit être du texte."), label=label)
            return ""
        value = clean_text(value).strip()
        if len(value) > limit:
            self.error(path, N_("{label} est trop long : {limit} caractères au plus ({count} saisis)."),
                       label=label, limit=limit, count=len(value))
            return value[:limit]
        return value

    def lines(self, data: dict[str, Any], key: str, path: str, *, required: bool = False,
              label: str = N_("L'adresse")) -> tuple[str, ...]:
        value = data.get(key)
        if isinstance(value, str):
            value = value.split("\n")
        if value is None:
            value = []
        if not isinstance(value, list):
            self.error(path, N_("{label} doit être une liste de lignes."), label=label)
            return ()
        out = []
        for i, line in enumerate(value):
            if not isinstance(line, str):
                self.error(f"{path}.{i}", N_("Chaque ligne doit être du texte."))
                continue
            line = clean_text(line).strip()
            if len(line) > MAX_LINE:
                self.error(f"{path}.{i}", N_("Cette ligne est trop longue : {limit} caractères au plus."),
                           limit=MAX_LINE)
                line = line[:MAX_LINE]
            if line:
                out.append(line)
        if len(out) > MAX_ADDRESS_LINES:
            self.error(path, N_("{label} a trop de lignes : {limit} au plus."), label=label,
                       limit=MAX_ADDRESS_LINES)
        if required and not out:
            self.error(path, N_("{label} est obligatoire."), label=label)
        return tuple(out)

    def choice(self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...], *,
               default: str | None = None, label: str = N_("Ce choix")) -> str:
        value = data.get(key)
        if value is None or value == "":
            if default is None:
                self.error(path, N_("{label} est obligatoire."), label=label)
                return ""
            return default
        if value not in allowed:
            shown = str(value)[:40]
            self.error(path, N_("« {shown} » n'est pas une valeur possible. Valeurs possibles : {allowed}."),
                       shown=shown, allowed=", ".join(allowed))
            return default or ""
        return str(value)

    def day(self, data: dict[str, Any], key: str, path: str, *, label: str = N_("La date")) -> date | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            self.error(path, N_("{label} doit être écrite AAAA-MM-JJ, par exemple 2026-11-29."), label=label)
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.error(path, N_("{label} n'existe pas dans le calendrier."), label=label)
            return None

    def flag(self, data: dict[str, Any], key: str, path: str) -> bool | None:
        value = data.get(key)
        if value is None or value == "" or value == "unknown":
            return None
        if isinstance(value, bool):
            return value
        self.error(path, N_("Répondez par oui (true), non (false) ou « je ne sais pas » (null)."))
        return None


def parse_case(data: Any, today: date | None = None) -> tuple[Case | None, list[FieldError]]:
    """Validate ``data`` (decoded JSON) into a ``Case``; ``today`` is used when the case has none."""
    r = _Reader()
    root = r.obj(data, "(document)")
    if r.errors:
        return None, r.errors

    case_today = r.day(root, "today", "today", label=N_("La date du jour")) or today
    if case_today is None:
        r.error("today", N_("La date du jour est obligatoire."))
    elif not EARLIEST_DECISION <= case_today <= LATEST_TODAY:
        r.error("today", N_("La date du jour doit être comprise entre 2000 et 2100 : vérifiez-la."))

    p = r.obj(root.get("person"), "person")
    person = Person(
        name=r.text(p, "name", "person.name", required=True, label=N_("Votre nom")),
        address=r.lines(p, "address", "person.address", required=True, label=N_("Votre adresse")),
        email=r.text(p, "email", "person.email", label=N_("L'e-mail")),
        phone=r.text(p, "phone", "person.phone", limit=40, label=N_("Le téléphone")),
        reference=r.text(p, "reference", "person.reference", label=N_("Votre numéro de dossier")),
    )
    if person.email and not _EMAIL.match(person.email):
        r.error("person.email", N_("Cette adresse e-mail ne semble pas complète (exemple : nom@exemple.fr)."))
    if person.phone and not _PHONE.match(person.phone):
        r.error("person.phone",
                N_("Un numéro de téléphone ne contient que des chiffres, espaces, points, tirets ou +."))

    o = r.obj(root.get("organisation"), "organisation")
    organisation = Organisation(
        kind=r.choice(o, "kind", "organisation.kind", ORGANISATION_KINDS, label=N_("Le type d'organisme")),
        name=r.text(o, "name", "organisation.name", label=N_("Le nom de l'organisme")),
        address=r.lines(o, "address", "organisation.address", label=N_("L'adresse de l'organisme")),
    )

    d = r.obj(root.get("decision"), "decision")
    decided = r.day(d, "date", "decision.date", label=N_("La date de la décision"))
    received = r.day(d, "received", "decision.received", label=N_("La date de réception"))
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
    decision = Decision(
        kind=r.choice(d, "kind", "decision.kind", DECISION_KINDS, label=N_("Le type de décision")),
        benefit=r.choice(d, "benefit", "decision.benefit", BENEFITS, default="other"),
        date=decided,
        received=received,
        reference=r.text(d, "reference", "decision.reference", label=N_("La référence")),
        amount=_amount(r, d),
        automation=r.choice(d, "automation", "decision.automation", AUTOMATION, default="unknown"),
        algorithm_mentioned=r.flag(d, "algorithm_mentioned", "decision.algorithm_mentioned"),
        reasons_given=r.flag(d, "reasons_given", "decision.reasons_given"),
        recovery_started=r.flag(d, "recovery_started", "decision.recovery_started"),
        notified_deadline=_notified_deadline(r, d),
        description=r.text(d, "description", "decision.description", limit=MAX_DESCRIPTION,
                           label=N_("Le récit")),
    )

    wants = root.get("wants", list(DEFAULT_WANTS))
    if not isinstance(wants, list) or not all(isinstance(w, str) for w in wants):
        r.error("wants", N_("Ce que vous demandez doit être une liste, par exemple [\"explanation\"]."))
        wants = []
    for i, w in enumerate(wants):
        if w not in WANTS:
            r.error(f"wants.{i}", N_("« {shown} » n'est pas une demande possible. Possibles : {allowed}."),
                    shown=w[:40], allowed=", ".join(WANTS))
    wants = [w for w in WANTS if w in wants]  # canonical order, no duplicates
    if not wants and not any(e.field.startswith("wants") for e in r.errors):
        r.error("wants", N_("Choisissez au moins une demande."))

    events = parse_events(r, root.get("events"), case_today, decided)

    if r.errors:
        return None, r.errors
    return Case(person, organisation, decision, tuple(wants), case_today, events), []


def _amount(r: _Reader, d: dict[str, Any]) -> float | None:
    value = d.get("amount")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace("\u202f", "").replace(" ", "").replace(",", "."))
        except ValueError:
            r.error("decision.amount", N_("Le montant doit être un nombre, par exemple 2340,50."))
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        r.error("decision.amount", N_("Le montant doit être un nombre, par exemple 2340,50."))
        return None
    if value < 0:
        r.error("decision.amount", N_("Le montant ne peut pas être négatif."))
        return None
    if value > MAX_AMOUNT:
        r.error("decision.amount", N_("Ce montant est trop élevé pour être vraisemblable : vérifiez-le."))
        return None
    return round(float(value), 2)


def _notified_deadline(r: _Reader, d: dict[str, Any]) -> NotifiedDeadline | None:
    raw = d.get("notified_deadline")
    if raw is None or raw == {}:
        return None
    nd = r.obj(raw, "decision.notified_deadline")
    if not nd:
        return None
    days = nd.get("days")
    if isinstance(days, str) and days.strip().isdigit():
        days = int(days)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        r.error("decision.notified_deadline.days",
                N_("Le délai indiqué sur le courrier doit être un nombre de jours entre 1 et 365."))
        return None
    return NotifiedDeadline(days, r.text(nd, "body", "decision.notified_deadline.body",
                                         label=N_("L'organisme à saisir")))
