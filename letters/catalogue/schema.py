"""What each file under ``letters/data`` may hold: one frozen dataclass per kind of file.

These classes are the only definition of the data's shape. The strict loader (``loader.py``)
reads every TOML file against them, and ``jsonschema.py`` turns them into the JSON Schemas an
editor uses to check a file as a lawyer types. A field without a default is required; the
``doc`` in its metadata says what it means, ``choices`` which values it may take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

CONFIDENCE = ("V", "P", "U")  # verified, partly verified, unverified (legal brief §0)
SCOPES = ("public", "social_security", "private", "any")
SERVES = ("recourse", "cada_window", "court")
# The case's own vocabularies (letters/casefields.py reads them from here).
DECISIONS = ("overpayment", "suspension", "refusal", "sanction", "control", "score", "other")
NOT_YET_DECIDED = ("control", "score")  # a control or a bare score is not a decision to contest
AUTOMATION = ("full", "partial", "unknown")
WANTS = ("explanation", "human_review", "contest", "suspend_recovery", "remission", "documents")
# Ways to send a letter (the packet page says each in the interface language): the body's
# online account or secure messaging, the text pasted in; handing it in against a dated
# receipt; a registered letter with acknowledgment; an ordinary letter; the free "Libre
# réponse" post of an authority; an authority's online form.
SENDING = ("online_account", "by_hand", "registered", "post", "free_post", "online_form")
AUTHORITY_WAYS = frozenset({"free_post", "online_form"})  # they need the kind's authority


def doc(text: str, default: Any = ..., *, choices: tuple[str, ...] | str = (), **kw: Any) -> Any:
    """A dataclass field carrying its documentation (and allowed values) for the schema."""
    meta = {"doc": text, "choices": choices}
    if default is ...:
        return field(metadata=meta, **kw)
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: type(default)(default), metadata=meta, **kw)
    return field(default=default, metadata=meta, **kw)


@dataclass(frozen=True)
class Term:
    """A delay in months and the legal bases it rests on."""

    months: int = doc("The delay, in months.")
    basis: tuple[str, ...] = doc("Ids of the bases (bases/*.toml) the delay rests on.", choices="bases")


@dataclass(frozen=True)
class Delay:
    """A delay in days and the legal basis it rests on."""

    days: int = doc("The delay, in days.")
    basis: tuple[str, ...] = doc("Ids of the bases (bases/*.toml) the delay rests on.", choices="bases")


@dataclass(frozen=True)
class Court:
    """The court a person may go to after the recourse, and the delay to do it."""

    name: str = doc("The court, as a French letter names it (\"le tribunal administratif\").")
    months: int | None = doc("Months to seize it after the rejection; none where no delay is set.",
                             None)
    basis: tuple[str, ...] = doc("Ids of the bases the court delay rests on.", (), choices="bases")


@dataclass(frozen=True)
class LegalBasis:
    """One rule of law, cited once, with where it comes from and when it applies.

    Its paragraphs, per kind of letter and language, live in ``text/<lang>/bases/<id>.toml``.
    """

    id: str = doc("Same as the file name.")
    citation: str = doc("The French citation, as a letter writes it after \"l'\" or \"les\".")
    short: str = doc("A short citation for lists (\"CRPA, art. L. 311-3-1\").")
    title: str = doc("What the rule is about, in a few French words.")
    source: str = doc("Where the text can be read (https://).")
    confidence: str = doc("V verified, P partly verified, U unverified (legal brief §0).",
                          choices=CONFIDENCE)
    applies_from: date = doc("First day the rule applies.")
    scope: tuple[str, ...] = doc("Which bodies it binds.", choices=SCOPES)
    applies_until: date | None = doc("First day it no longer applies; none while in force.", None)
    benefits: tuple[str, ...] = doc("Only for these benefits (empty: any).", (), choices="benefits")
    decisions: tuple[str, ...] = doc("Only for these kinds of decision (empty: any).", (),
                                     choices="decisions")
    automation: tuple[str, ...] = doc("Only for these degrees of automation (empty: any).", (),
                                      choices="automation")
    wants: tuple[str, ...] = doc("Only when the person asks one of these (empty: always).", (),
                                 choices="wants")
    route_basis: bool = doc("Cited only where the recourse route names it.", False)
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Body:
    """A kind of organisation: who reads the letters and which law binds it."""

    kind: str = doc("Same as the file name; the case's organisation.kind.")
    label: str = doc("Its default name in a French letter, when the person typed none.")
    form_label: str = doc("How the form names it for the person (French; translated in the "
                          "interface catalogs).")
    order: int = doc("Its place in the form's list (smaller first).")
    public: bool = doc("An administration under the CRPA (social-security bodies included).")
    social_security: bool = doc("A social-security body (CSS bases apply).")
    director: str = doc("Whom its letters are addressed to, in French.")
    dpo: str = doc("Its data-protection officer, in French.")
    complaints: str = doc("Its complaints service (private bodies), in French.", "")
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Benefit:
    """A benefit or service a decision concerns."""

    id: str = doc("Same as the file name; the case's decision.benefit.")
    label: str = doc("How a French letter names it (\"la prime d'activité\"); empty for other.")
    form_label: str = doc("How the form names it for the person (French; translated in the "
                          "interface catalogs).")
    order: int = doc("Its place in the form's list (smaller first).")
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Route:
    """Where a recourse against a decision goes, within what delay, and then which court."""

    id: str = doc("Same as the file name.")
    title: str = doc("The recourse letter's title in French (\"Recours gracieux\").")
    recipient: str = doc("Who hears the recourse, in French; empty: the body's director (public) "
                         "or complaints service (private).")
    answer: Term = doc("When silence on the recourse counts as a rejection, and why.")
    bases: tuple[str, ...] = doc("The bases the route rests on (its recourse paragraph).",
                                 choices="bases")
    court: Court = doc("The court after the recourse.")
    confidence: str = doc("How sure the brief is of this route.", choices=CONFIDENCE)
    bodies: tuple[str, ...] = doc("For decisions of these bodies (empty: any).", (), choices="bodies")
    benefits: tuple[str, ...] = doc("For these benefits (empty: any).", (), choices="benefits")
    decisions: tuple[str, ...] = doc("For these kinds of decision (empty: any).", (),
                                     choices="decisions")
    deadline_months: int | None = doc("Months the person has to lodge the recourse; none where the "
                                      "law sets no delay.", None)
    goes_to: str = doc("\"body\": the body that decided hears the recourse; otherwise the kind of "
                       "body that does (\"departement\").", "body", choices="goes_to")
    rectification: Delay | None = doc("The optional rectification request before the recourse.",
                                      None)
    notes: str = doc("Free notes for reviewers; never printed.", "")

    @property
    def uncertain(self) -> bool:
        """Not verified: the packet tells the person to follow the notification's voies et délais."""
        return self.confidence != "V"

    @property
    def cited(self) -> frozenset[str]:
        """Every basis the route names: its own, its answer term's and its court's."""
        return frozenset((*self.bases, *self.answer.basis, *self.court.basis))


@dataclass(frozen=True)
class Kind:
    """A kind of letter: the order of its sections, whom it waits on and until when."""

    id: str = doc("Same as the file name.")
    sections: tuple[str, ...] = doc("In order: a block of text/<lang>/<id>.txt, or basis:<id> for "
                                    "that basis's paragraph (printed only when it applies).")
    tracked: bool = doc("The person can record it as sent (it appears in events).")
    sending: tuple[str, ...] = doc("How the person can send it, cheapest first where that way "
                                   "keeps the proof the letter needs; empty: not a letter to send "
                                   "(an information sheet).", choices=SENDING)
    answer: Term | None = doc("How long the recipient has to answer; none where the law sets no "
                              "delay. A recourse waits on its route's answer term instead.", None)
    route_answer: bool = doc("Waits on the recourse route's answer term.", False)
    serves: str = doc("The deadline the letter must beat; it is sent a week before it. Empty: "
                      "send it as soon as possible.", "", choices=("", *SERVES))
    authority: str = doc("The authority it is sent to (authorities/*.toml), whose online form "
                         "and address the ways to send use; empty for a letter to the body.", "",
                         choices="authorities")
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Authority:
    """An authority a person may refer a case to: CADA, CNIL, Défenseur des droits."""

    id: str = doc("Same as the file name.")
    name: str = doc("Its name, in French.")
    address: tuple[str, ...] = doc("Its postal address, one line each.")
    online: str = doc("Its online form (https://).")
    confidence: str = doc("How sure the brief is of the address.", choices=CONFIDENCE)
    email: str = doc("Its e-mail address, if it takes referrals that way.", "")
    window: Term | None = doc("How long after a refusal it may be seized; none where no delay.",
                              None)
    notes: str = doc("Free notes for reviewers; never printed.", "")


# Folder under letters/data -> the record each of its files holds.
FOLDERS: dict[str, type] = {
    "bases": LegalBasis, "bodies": Body, "benefits": Benefit, "routes": Route, "kinds": Kind,
    "authorities": Authority,
}
