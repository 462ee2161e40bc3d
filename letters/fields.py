"""Every field of a case, declared once: its path, type, label, limits and allowed values.

The parser (``case.py``, ``events.py``), the web form (``form.py``), the API description
and the tests read these declarations; none of them lists the fields again. Allowed values
come from the catalogue (bodies, benefits, kinds of letter) or from ``catalogue/schema.py``.
Labels are plain French, marked for the interface catalogs.

Each field also says when the step-by-step interview asks it (``ask``: an ``Ask`` rule over the
body, the decision, the benefit and the reason given) and on which of its steps (``step``); the
one-page form asks every field whatever the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import catalogue
from .catalogue import AUTOMATION, DECISIONS, WANTS
from .messages import N_

# Sizes a real letter never needs to exceed; past them the input is a mistake or an attack.
MAX_LINE = 200
MAX_ADDRESS_LINES = 6
MAX_DESCRIPTION = 4000
MAX_AMOUNT = 10_000_000
MAX_NOTIFIED_DAYS = 365
MAX_NOTIFIED_MONTHS = 24
MAX_EVENTS = 100
EARLIEST_DECISION = date(2000, 1, 1)
LATEST_TODAY = date(2100, 12, 31)
DEFAULT_WANTS = ("explanation", "human_review", "contest")

EVENT_KINDS = ("sent", "received_ack", "answer", "extension")
ANSWERS = ("full", "partial", "refused", "rejected", "accepted")
ANSWER_ISSUES = ("secret_invoked", "generic_logic", "no_human_review", "no_score", "no_sources",
                 "no_reasons", "no_documents")
TYPES = ("text", "lines", "choice", "choices", "date", "flag", "amount", "days", "months")
# How dates and amounts may be written, as people write them (reader.py's day_parts and
# amount_value read them); the API description says the same. Recours writes ISO dates and
# numbers back (the saved file, the API's answers).
DATE_FORMS = ("2026-10-15 (ISO, as Recours writes it), 15/10/2026, 15.10.2026, 15 octobre 2026 "
              "or 1er octobre 2026")
AMOUNT_FORMS = "a number, or as French letters print it: 2340,50, 2 340,50 €, 2.340,50 or 2340.50"


STEPS = ("decision", "letter", "says", "facts", "person", "wants")  # the interview's steps, in order
# The kinds of decision a recourse contests (a control or a score alone decides nothing yet).
CONTESTED = ("overpayment", "suspension", "refusal", "sanction", "other")


@dataclass(frozen=True)
class Ask:
    """When the interview asks a field: every condition given must hold (an empty one: any).

    ``kinds``, ``bodies``, ``benefits`` and ``reasons`` are the allowed values of the case's
    ``decision.kind``, ``organisation.kind``, ``decision.benefit`` and ``decision.reason``;
    ``reason_offered``: only where reasons/*.toml offers a reason for that body, benefit and
    kind. A field whose condition cannot be known yet (no kind given) is asked.
    """

    kinds: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    reason_offered: bool = False

    def holds(self, body: str, kind: str, benefit: str, reason: str) -> bool:
        """Whether the field is asked for a case of this body, kind, benefit and reason.

        >>> Ask(kinds=("overpayment",)).holds("caf", "sanction", "rsa", "")
        False
        """
        for allowed, value in ((self.kinds, kind), (self.bodies, body), (self.benefits, benefit),
                               (self.reasons, reason)):
            if allowed and value not in allowed:
                return False
        return not self.reason_offered or bool(offered_reasons(body, benefit, kind))


ALWAYS = Ask()
OVERPAYMENT = Ask(kinds=("overpayment",))
DECIDED = Ask(kinds=("overpayment", "suspension", "refusal", "sanction"))
APPEALED = Ask(kinds=CONTESTED)
AT_STAKE = Ask(kinds=("overpayment", "sanction", "refusal"))  # an amount claimed or refused
FAULT = Ask(kinds=("overpayment", "sanction"))  # good faith: remise, droit à l'erreur
SANCTIONED = Ask(kinds=("sanction", "suspension"))  # prior notice before the measure
CONTROLLED = Ask(kinds=("control", "overpayment", "suspension", "sanction"))  # CSS L114-10
SCORED = Ask(kinds=("refusal", "suspension", "sanction", "other"))  # a kind "score" says it
PENSION_OVERPAYMENT = Ask(kinds=("overpayment",), benefits=("retraite",))  # CSS L355-3


def offered_reasons(body: str, benefit: str, kind: str) -> tuple[str, ...]:
    """The reasons (reasons/*.toml) a decision of this kind, body and benefit may rest on."""
    return tuple(r.id for r in catalogue.reasons().values() if all(
        not allowed or value in allowed
        for allowed, value in ((r.bodies, body), (r.benefits, benefit), (r.decisions, kind))))


@dataclass(frozen=True)
class Field:
    """One field of the case JSON. ``path`` is dotted (``decision.date``), as errors name it."""

    path: str
    type: str
    label: str
    doc: str
    required: bool = False
    limit: int = MAX_LINE  # characters (text, each line), the largest amount or number of days
    items: int = MAX_ADDRESS_LINES  # lines
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
    default: Any = None
    pattern: str = ""  # text: a value must match it (the API description says the same)
    pattern_message: str = ""
    form: bool = True  # asked on the web form; the others travel through it unchanged
    step: str = ""  # the interview's step that asks it (STEPS); empty: never asked there
    ask: Ask = ALWAYS  # when the interview asks it
    ask_choices: tuple[tuple[str, Ask], ...] = ()  # choices offered only when their rule holds
    unknown_message: str = N_("« {shown} » n'est pas une valeur possible. Possibles : {allowed}.")

    @property
    def key(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def parent(self) -> str:
        return self.path.rpartition(".")[0]

    def allowed(self) -> tuple[str, ...]:
        return self.choices() if callable(self.choices) else self.choices


def body_kinds() -> tuple[str, ...]:
    return tuple(catalogue.bodies())


def benefit_ids() -> tuple[str, ...]:
    return tuple(catalogue.benefits())


def reason_ids() -> tuple[str, ...]:
    return tuple(catalogue.reasons())


def payer_ids() -> tuple[str, ...]:
    """The caisses a benefit names as paying it (benefits/*.toml ``paid_by``), or unknown."""
    found = dict.fromkeys(k for b in catalogue.benefits().values() for k in b.paid_by)
    return (*found, "unknown")


CASE_FIELDS: tuple[Field, ...] = (
    Field("person.name", "text", N_("Votre nom"), "Full name; signs the letters.", required=True,
          step="person"),
    Field("person.address", "lines", N_("Votre adresse"), "Postal address, a line each.",
          required=True, step="person"),
    Field("person.email", "text", N_("L'e-mail"), "E-mail address, printed under the sender.",
          pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
          pattern_message=N_("Cette adresse e-mail ne semble pas complète (exemple : nom@exemple.fr)."),
          step="person"),
    Field("person.phone", "text", N_("Le téléphone"), "Phone number.", limit=40,
          pattern=r"^[0-9+().\s-]{6,25}$",
          pattern_message=N_("Un numéro de téléphone ne contient que des chiffres, espaces, points, "
                             "tirets ou +."), step="person"),
    Field("person.reference", "text", N_("Votre numéro de dossier"),
          "The person's number at the body (allocataire, NIR, client).", step="person"),
    Field("organisation.kind", "choice", N_("Le type d'organisme"), "Kind of body that decided.",
          required=True, choices=body_kinds, step="decision"),
    Field("organisation.name", "text", N_("Le nom de l'organisme"), "Its name as on the letter.",
          step="letter"),
    Field("organisation.address", "lines", N_("L'adresse de l'organisme"), "Its postal address.",
          step="letter"),
    Field("decision.kind", "choice", N_("Le type de décision"), "What happened.", required=True,
          choices=DECISIONS, step="decision"),
    Field("decision.benefit", "choice", N_("L'aide concernée"), "The benefit or service concerned.",
          choices=benefit_ids, default="other", step="decision"),
    Field("decision.date", "date", N_("La date de la décision"), "Date printed on the decision.",
          step="letter"),
    Field("decision.received", "date", N_("La date de réception"),
          "When the person received it; delays count from there.", step="letter"),
    Field("decision.reference", "text", N_("La référence"), "The decision's reference.", step="letter"),
    Field("decision.amount", "amount", N_("Le montant"), "Amount at stake, in euros.",
          limit=MAX_AMOUNT, step="letter", ask=AT_STAKE),
    Field("decision.automation", "choice", N_("Le degré d'automatisation"),
          "Whether a person examined the file.", choices=AUTOMATION, default="unknown", step="facts"),
    Field("decision.algorithm_mentioned", "flag", N_("La mention d'un algorithme"),
          "The notification says an algorithm was used (true/false/null for unknown).", step="says"),
    Field("decision.reasons_given", "flag", N_("Les motifs"),
          "The notification gives its reasons and calculation.", step="says", ask=DECIDED),
    Field("decision.recovery_started", "flag", N_("Les retenues"),
          "The body already started recovering the sums.", step="facts", ask=OVERPAYMENT),
    Field("decision.period.from", "date", N_("Le début de la période"),
          "First day of the months the sums concern (an overpayment).", step="says", ask=OVERPAYMENT),
    Field("decision.period.to", "date", N_("La fin de la période"),
          "Last day of the months the sums concern.", step="says", ask=OVERPAYMENT),
    Field("decision.good_faith", "flag", N_("La bonne foi"),
          "The person says they declared their situation honestly (true), or not (false).",
          step="facts", ask=FAULT),
    Field("decision.appeal_routes_given", "flag", N_("Les voies et délais de recours"),
          "The notification stated how and within what delay to appeal (true/false/null).",
          step="says", ask=APPEALED),
    Field("decision.prior_notice_given", "flag", N_("L'information préalable"),
          "Before deciding, the body told the person the facts and the planned measure and let "
          "them answer.", step="facts", ask=SANCTIONED),
    Field("decision.agent_control", "flag", N_("Le contrôle par un agent"),
          "A control agent examined the file (visit, interview or check of documents).",
          step="facts", ask=CONTROLLED),
    Field("decision.payer", "choice", N_("La caisse qui verse le RSA"),
          "For an RSA decided by the département: the caisse that pays it and holds the file (caf or "
          "msa, or unknown: then the CAF of the person's département is assumed, and the packet "
          "says so).", choices=payer_ids, default="unknown", step="letter", ask=Ask(benefits=("rsa",))),
    Field("decision.body_error", "flag", N_("L'erreur de l'organisme"),
          "The overpayment results from the body's own error, as the person says.",
          step="facts", ask=PENSION_OVERPAYMENT),
    Field("decision.reason", "choice", N_("Le motif de la décision"),
          "The reason the body gives, where the law turns on it (reasons/); empty: another or "
          "unknown.", choices=reason_ids, default="", step="says", ask=Ask(reason_offered=True)),
    Field("decision.notice_received", "flag", N_("La convocation"),
          "With reason missed_appointment: the person received the convocation (true), never "
          "received it (false) or does not know (null).",
          step="facts", ask=Ask(reasons=("missed_appointment",))),
    Field("decision.document_sent", "date", N_("La date d'envoi du justificatif"),
          "With reason missing_document: the day the person sent the document the body says is "
          "missing.", step="facts", ask=Ask(reasons=("missing_document",))),
    Field("decision.score_used", "flag", N_("Un score ou une note"),
          "The decision or the body says a score or a rating was used (true/false/null).",
          step="facts", ask=SCORED),
    Field("decision.notified_deadline.days", "days", N_("Le délai indiqué sur le courrier"),
          "The recourse delay printed on the notification, in days; it wins over ours.",
          limit=MAX_NOTIFIED_DAYS, step="says", ask=APPEALED),
    Field("decision.notified_deadline.months", "months", N_("Le délai indiqué sur le courrier, en mois"),
          "The recourse delay printed on the notification, in months (\"deux mois\"); it wins over ours. "
          "Give days or months, not both.", limit=MAX_NOTIFIED_MONTHS, step="says", ask=APPEALED),
    Field("decision.notified_deadline.body", "text", N_("L'organisme à saisir"),
          "The body the notification says to appeal to.", step="says", ask=APPEALED),
    Field("decision.description", "text", N_("Le récit"), "What happened, in the person's words.",
          limit=MAX_DESCRIPTION, step="wants"),
    Field("decision.description_in_letters", "flag", N_("Vos mots dans les lettres"),
          "Whether the letters quote the description as the person's point of view (default: yes).",
          form=False),
    Field("wants", "choices", N_("Ce que vous demandez"), "What the person asks for.",
          choices=WANTS, default=DEFAULT_WANTS,
          unknown_message=N_("« {shown} » n'est pas une demande possible. Possibles : {allowed}."),
          step="wants",
          ask_choices=(("remission", OVERPAYMENT),)),
    Field("today", "date", N_("La date du jour"),
          "The date the letters are written (defaults to the server's date).", form=False),
)

EVENT_FIELDS: tuple[Field, ...] = (
    Field("date", "date", N_("La date de l'événement"), "When it happened.", required=True),
    Field("kind", "choice", N_("Le type d'événement"), "sent, received_ack, answer or extension.",
          required=True, choices=EVENT_KINDS),
    Field("letter", "choice", N_("La lettre concernée"),
          "Which letter: its kind, or its kind followed by _payer for the request to the caisse "
          "that pays the RSA.", required=True,
          choices=catalogue.tracked_letters),
    Field("answer", "choice", N_("Le type de réponse"), "With kind answer: what came back.",
          choices=ANSWERS),
    Field("issues", "choices", N_("Les manques de la réponse"), "What a partial answer lacks.",
          choices=ANSWER_ISSUES, default=(),
          unknown_message=N_("« {shown} » n'est pas un manque connu. Possibles : {allowed}.")),
    Field("proof", "text", N_("La preuve"), "Proof of sending (registered letter number)."),
)

BY_PATH = {f.path: f for f in CASE_FIELDS}
EVENT_BY_KEY = {f.path: f for f in EVENT_FIELDS}
