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
# Where a basis's text is published: the codes of the official consolidated data (LEGI) are
# checked by a test against it; the others by hand (their basis files say so).
LEGI_CODES = ("crpa", "css", "ctrav", "crural")
CODES = (*LEGI_CODES, "casf", "cmf", "cch", "cja", "lil", "rgpd", "aiact", "cjue", "lo")
# Conditions a basis may require beyond its lists (``when``); each is a documented function
# of the case in letters/conditions.py.
CONDITIONS = ("time_barred", "maybe_time_barred", "good_faith", "penalty_at_stake", "agent_control",
              "body_error", "late", "routes_not_stated", "score_decides", "recovery_before_delay",
              "notice_not_received", "communication_right")
# The case's own vocabularies (letters/casefields.py reads them from here).
DECISIONS = ("overpayment", "suspension", "refusal", "sanction", "control", "score", "other")
NOT_YET_DECIDED = ("control", "score")  # a control or a bare score is not a decision to contest
AUTOMATION = ("full", "partial", "unknown")
WANTS = ("explanation", "human_review", "contest", "suspend_recovery", "remission", "documents",
         "object")
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
    """A delay in months (and days) and the legal bases it rests on."""

    basis: tuple[str, ...] = doc("Ids of the bases (bases/*.toml) the delay rests on; empty for a "
                                 "delay the letter itself gives (a reminder's fifteen days).",
                                 choices="bases")
    months: int = doc("The delay, in months.", 0)
    days: int = doc("Days added to the months (a delay in days: months = 0).", 0)


@dataclass(frozen=True)
class Rectification:
    """The optional request to rectify the information behind an overpayment, before the recourse."""

    days: int = doc("Days from receipt of the notification.")
    basis: tuple[str, ...] = doc("The benefit's own text giving the right.", choices="bases")
    bodies: tuple[str, ...] = doc("Only when one of these bodies pays the benefit (empty: any).",
                                  (), choices="bodies")


@dataclass(frozen=True)
class Observation:
    """A delay to answer before a decision is taken (a sanction, a penalty): not a recourse."""

    about: str = doc("What is announced: the block packet.txt says it with (warn_observe_<about>).")
    basis: tuple[str, ...] = doc("The bases that give the right to answer first.", choices="bases")
    days: int | None = doc("The delay in days, where a text fixes it.", None)
    months: int | None = doc("The delay in months, where a text fixes it.", None)


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
    code: str = doc("The code or text it belongs to.", choices=CODES)
    checked_in: str = doc("Where the citation was checked: \"legi-data <version>\" (the official "
                          "consolidated data, checked by a test) or \"by hand: <source>\".")
    applies_until: date | None = doc("First day it no longer applies; none while in force.", None)
    bodies: tuple[str, ...] = doc("Only for these bodies (empty: any in scope).", (), choices="bodies")
    benefits: tuple[str, ...] = doc("Only for these benefits (empty: any).", (), choices="benefits")
    decisions: tuple[str, ...] = doc("Only for these kinds of decision (empty: any).", (),
                                     choices="decisions")
    automation: tuple[str, ...] = doc("Only for these degrees of automation (empty: any).", (),
                                      choices="automation")
    wants: tuple[str, ...] = doc("Only when the person asks one of these (empty: always).", (),
                                 choices="wants")
    reasons: tuple[str, ...] = doc("Only when the decision rests on one of these reasons (reasons/; "
                                   "empty: whatever the reason).", (), choices="reasons")
    route_basis: bool = doc("Cited only where the recourse route names it.", False)
    when: tuple[str, ...] = doc("Further conditions, all required (letters/conditions.py says what "
                                "each means).", (), choices=CONDITIONS)
    years: int | None = doc("A prescription delay in years (the time_barred condition reads it).",
                            None)
    months: int | None = doc("A delay in months the rule counts from the notification (the "
                             "recovery_before_delay condition reads it).", None)
    articles: tuple[str, ...] = doc("The article numbers it cites, as the official text numbers them "
                                    "(\"L311-3-1\", \"R142-1-A\"); empty for a regulation or a judgment.", ())
    checked_against: date | None = doc("The consolidation date of the official text it was checked "
                                       "against.", None)
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class National:
    """The national body of a network of local bodies, which runs with them the processing of
    their files (the CNIL asks for both as controllers)."""

    name: str = doc("Its name as a French sentence names it, with its article (\"la Caisse "
                    "nationale des allocations familiales\").")
    confidence: str = doc("How sure the brief is that it is a controller of the local bodies' "
                          "processing.", choices=CONFIDENCE)
    model: str = doc("The name of the scoring model it publishes for its network; empty: none known.",
                     "")
    model_published: date | None = doc("The day it published that model's code and documentation.",
                                       None)
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
    dpo_shared: bool = doc("The data-protection officer serves the whole administration, not the "
                           "office the letter goes to: a letter names it as ``dpo`` says, without "
                           "the office's name.", False)
    local: str = doc("How a letter names the local caisse from the person's département, {of} "
                     "standing for the département's name after \"de\" (\"CAF {of}\"); empty "
                     "where the caisses are not one per département.", "")
    complaints: str = doc("Its complaints service (private bodies), in French.", "")
    named: str = doc("How a French sentence names it, {} standing for its name: \"la {}\" gives "
                     "\"la CAF de la Gironde\", \"{}\" \"France Travail Occitanie\". Where the "
                     "name's gender is not known: \"l'organisme {}\".", "l'organisme {}")
    national: National | None = doc("The national body that runs the processing with it, named "
                                    "beside it in a complaint to the CNIL.", None)
    observation: Observation | None = doc("Its delay to answer before a penalty or sanction.", None)
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Benefit:
    """A benefit or service a decision concerns."""

    id: str = doc("Same as the file name; the case's decision.benefit.")
    label: str = doc("How a French letter names it (\"la prime d'activité\"); empty for other.")
    short: str = doc("How a letter's subject names it (\"Prime d'activité\"); empty for other.")
    form_label: str = doc("How the form names it for the person (French; translated in the "
                          "interface catalogs).")
    order: int = doc("Its place in the form's list (smaller first).")
    contract: str = doc("Where ``label`` leaves open a contract or a request for one (insurance): how "
                        "a French letter names the contract; the case decides which (wording.py).", "")
    request: str = doc("Likewise, how a French letter names the request for a contract.", "")
    rectification: tuple[Rectification, ...] = doc("The rectification request an overpayment of it "
                                                   "opens, first matching entry wins.", ())
    observation: Observation | None = doc("Its delay to answer before a sanction.", None)
    paid_by: tuple[str, ...] = doc("The caisses that pay it and hold the file when another body (the "
                                   "département) decides on it: the explanation request goes to "
                                   "them too, the first one when the person does not say which.",
                                   (), choices="bodies")
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Reason:
    """A reason a body gives for its decision, when the law turns on it (a convocation missed,
    an activity during sick leave, a document said to be missing)."""

    id: str = doc("Same as the file name; the case's decision.reason.")
    label: str = doc("How a French letter names it after \"en raison de\" (\"mon absence à une "
                     "convocation\").")
    form_label: str = doc("How the form names it for the person (French; translated in the "
                          "interface catalogs).")
    order: int = doc("Its place in the form's list (smaller first).")
    bodies: tuple[str, ...] = doc("Offered for decisions of these bodies (empty: any).", (),
                                  choices="bodies")
    benefits: tuple[str, ...] = doc("Offered for these benefits (empty: any).", (), choices="benefits")
    decisions: tuple[str, ...] = doc("Offered for these kinds of decision (empty: any).", (),
                                     choices="decisions")
    notes: str = doc("Free notes for reviewers; never printed.", "")


@dataclass(frozen=True)
class Route:
    """Where a recourse against a decision goes, within what delay, and then which court."""

    id: str = doc("Same as the file name.")
    title: str = doc("The recourse letter's title in French (\"Recours gracieux\").")
    recipient: str = doc("Who hears the recourse, in French; empty: the body's director (public) "
                         "or complaints service (private).")
    bases: tuple[str, ...] = doc("The bases the route rests on (its recourse paragraph).",
                                 choices="bases")
    court: Court = doc("The court after the recourse.")
    confidence: str = doc("How sure the brief is of this route.", choices=CONFIDENCE)
    answer: Term | None = doc("When silence on the recourse counts as a rejection, and why; none "
                              "where silence decides nothing (a mediation).", None)
    bodies: tuple[str, ...] = doc("For decisions of these bodies (empty: any).", (), choices="bodies")
    benefits: tuple[str, ...] = doc("For these benefits (empty: any).", (), choices="benefits")
    decisions: tuple[str, ...] = doc("For these kinds of decision (empty: any).", (),
                                     choices="decisions")
    deadline_months: int | None = doc("Months the person has to lodge the recourse; none where the "
                                      "law sets no delay.", None)
    goes_to: str = doc("\"body\": the body that decided hears the recourse; otherwise the kind of "
                       "body that does (\"departement\").", "body", choices="goes_to")
    mediation: bool = doc("A mediator hears it: it neither annuls nor decides, it intervenes.", False)
    silence_is_rejection: bool = doc("Silence for the answer term is a rejection in law (CSS R142-6, "
                                     "CRPA L411-7); false where no text says so (a company).", True)
    afterwards: str = doc("Where no text sets the next step (a company): whom the person may turn "
                          "to when the answer does not satisfy them, the court included, as a French "
                          "sentence names them after \"vous pourrez saisir\"; empty: the court.", "")
    notes: str = doc("Free notes for reviewers; never printed.", "")

    @property
    def uncertain(self) -> bool:
        """Not verified: the packet tells the person to follow the notification's voies et délais."""
        return self.confidence != "V"

    @property
    def cited(self) -> frozenset[str]:
        """Every basis the route names: its own, its answer term's and its court's."""
        return frozenset((*self.bases, *(self.answer.basis if self.answer else ()), *self.court.basis))


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
    payer: bool = doc("Also prepared, as a request of its own, for the caisse that pays an RSA "
                      "the département decided and holds the file (its id then ends in _payer).",
                      False)
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


@dataclass(frozen=True)
class Departement:
    """Who receives an RSA recourse in a territory, and the postcodes that map to it
    (departements.toml: one table per territory; its header says where each field comes from)."""

    code: str = doc("The INSEE code (\"33\", \"2A\", \"971\"; \"69D\"/\"69M\" for Rhône and the "
                    "Métropole de Lyon).")
    name: str = doc("Its name.")
    of: str = doc("Its name after \"de\", with its article (\"de la Gironde\", \"du Nord\").")
    collectivite: str = doc("The body that decides on the RSA there; empty where not established.")
    authority: str = doc("Whom the recourse is addressed to; empty where not established.")
    confidence: str = doc("How sure the sources are of the postal address.", choices=CONFIDENCE)
    source: str = doc("Where the address was read; empty without one.")
    postcodes: tuple[str, ...] = doc("Postcode prefixes that map to it; the longest match wins.")
    address: tuple[str, ...] = doc("The postal address, a line each; empty where no source gives it.", ())
    caf: str = doc("The caisse d'allocations familiales serving the territory, where it is not "
                   "named as bodies/caf.toml ``local`` says (\"CAF\" and ``of``).", "")
    notes: str = doc("What a reviewer must know (special cases, sources of the authority).", "")


# Folder under letters/data -> the record each of its files holds.
FOLDERS: dict[str, type] = {
    "bases": LegalBasis, "bodies": Body, "benefits": Benefit, "reasons": Reason, "routes": Route,
    "kinds": Kind, "authorities": Authority,
}
